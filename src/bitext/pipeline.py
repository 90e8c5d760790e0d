"""The pipeline, top to bottom: document -> sections -> sentences -> embeddings -> links -> flags.

One core for every front end: the CLI, the batch reports and the TUI call these functions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bitext import __version__
from bitext.errors import InputError
from bitext.model import Alignment, Mode, Sentence, Side, Signature

if TYPE_CHECKING:
    from concurrent.futures import Future

    import numpy as np

    from bitext.align.summary import SummaryParams
    from bitext.align.translation import TranslationParams
    from bitext.encoder import Encoder
    from bitext.ingest import CleanText, LanguageSection

Progress = Callable[[str], None]


@dataclass(frozen=True)
class AlignOptions:
    source_lang: str | None = None
    target_lang: str | None = None
    mode: Mode | None = None
    model: str | None = None
    presegmented: bool = False
    encoding: str | None = None
    check: bool = True
    glossary: Path | None = None
    antonym_swaps: bool = False  # the opt-in antonym-swap test (checks/opposite.py: ``antonyms``)
    show_progress: bool = False
    # The aligner's parameters (its defaults when None); the signature records the ones used.
    translation_params: TranslationParams | None = None
    summary_params: SummaryParams | None = None
    languages: tuple[str, ...] = ()  # candidate languages for detection; empty = every language lingua knows
    fast: bool | None = None  # int8 encoder (cached apart from fp32's); None: $BITEXT_FAST decides
    threads: int | None = None  # encoder threads (default: every core)


@dataclass(frozen=True)
class _Part:
    """One language side before alignment: where it came from and its sentences."""

    lang: str
    path: Path
    sentences: list[Sentence]
    order: int  # position in the document, to keep a mixed file's sections in reading order

    @property
    def chars(self) -> int:
        return sum(len(s.text) for s in self.sentences)


def align_paths(
    paths: Sequence[Path],
    options: AlignOptions,
    *,
    progress: Progress | None = None,
    encoder: Encoder | None = None,
) -> Alignment:
    """Align one mixed-language document, or a source file and a target file.

    ``encoder``: one already loaded (a front end that aligns several documents, or checks after
    aligning, loads it once); else ``options.model`` is loaded.
    """
    say = progress or (lambda _msg: None)
    from bitext.formats import is_interchange

    interchange = [p for p in paths if is_interchange(p)]
    if interchange:
        _check_langs(options)  # documents of text: ``read_document`` checks them
        if len(paths) != 1:
            raise InputError(
                f"{interchange[0]} is a translation memory or XLIFF: its units are aligned already; "
                "give it alone (bitext reads both languages from it)"
            )
        return _aligned_already(paths[0], options, say, encoder)
    if encoder is None:
        from bitext.encoder import load_encoder

        encoder = load_encoder(options.model, fast=options.fast, threads=options.threads)
    return align_reading(read_document(paths, options, encoder, progress=say), options, encoder, progress=say)


@dataclass(frozen=True)
class Reading:
    """A document read and split into sentences, its sides in (source, target) order, not yet embedded."""

    source: _Part
    target: _Part
    mode: Mode
    seen_key: str | None  # set when the encoder loads lazily: marks the document's vectors as cached
    cold: bool = False  # met for the first time, with the model not loaded yet: the checks' data is cold too

    @property
    def texts(self) -> list[str]:
        return [s.text for s in (*self.source.sentences, *self.target.sentences)]


def read_document(
    paths: Sequence[Path], options: AlignOptions, encoder: Encoder, *, progress: Progress | None = None
) -> Reading:
    """Read one mixed-language document, or a source file and a target file, into its two sides (not a
    TMX or XLIFF: ``align_paths`` takes those). The model starts loading meanwhile if it will be needed."""
    say = progress or (lambda _msg: None)
    _check_langs(options)
    from bitext.langtags import tag_key

    # Documents met for the first time need the model: it loads while they are read and their
    # languages detected. A re-run on documents whose every vector is cached loads nothing.
    seen_key = _documents_key(paths, options, encoder) if _loads_lazily(encoder) else None
    cold = seen_key is not None and not _seen(seen_key) and not encoder.loaded
    if cold:
        encoder.preload()
    if len(paths) == 1:
        source, target = _parts_from_mixed(paths[0], options, say)
    elif len(paths) == 2:
        source, target = _parts_from_pair(paths[0], paths[1], options, say)
    else:
        raise InputError(f"give one mixed-language document or two files (source, target), not {len(paths)}")
    if tag_key(source.lang) == tag_key(target.lang):
        from bitext.text import language_name

        raise InputError(
            f"{source.path} and {target.path} are both in {language_name(source.lang)} ({source.lang}); "
            "give a text and its translation or summary in another language"
        )
    from bitext.align import choose_mode

    src_texts = [s.text for s in source.sentences]
    tgt_texts = [s.text for s in target.sentences]
    mode = options.mode or choose_mode(src_texts, tgt_texts)
    if mode == "summary" and source.chars < target.chars and options.source_lang is None:
        # The document is the source and its summary the target, whatever order they came in.
        source, target = target, source
    return Reading(source, target, mode, seen_key, cold)


def embed_ahead(readings: Sequence[Reading], options: AlignOptions, encoder: Encoder) -> None:
    """Embed the sentences of several documents in one pass, before each is aligned (a batch worker):
    the encoder batches sentences of like length from all of them, where one short document alone
    pads more and fills fewer batches. ``align_reading`` then finds every sentence's vectors (and, with
    checks, its word vectors) remembered, as long as the encoder is not told to ``forget`` between."""
    texts = list(dict.fromkeys(t for reading in readings for t in reading.texts))
    if texts:
        encoder.encode(texts, words=options.check, show_progress=options.show_progress)


def align_reading(
    reading: Reading, options: AlignOptions, encoder: Encoder, *, progress: Progress | None = None
) -> Alignment:
    """Embed, align and (unless told not to) check a document read by ``read_document``."""
    alignment = link_reading(reading, options, encoder, progress=progress)
    return finish_reading(reading, alignment, options, encoder, progress=progress)


def link_reading(
    reading: Reading, options: AlignOptions, encoder: Encoder, *, progress: Progress | None = None
) -> Alignment:
    """Embed and align a document read by ``read_document``; its links are not checked yet."""
    say = progress or (lambda _msg: None)
    from bitext.align import align, default_params, param_values

    source, target, mode = reading.source, reading.target, reading.mode
    src_texts = [s.text for s in source.sentences]
    tgt_texts = [s.text for s in target.sentences]
    if options.check and reading.cold and src_texts and tgt_texts:
        _warm_checks_beside(src_texts[0], tgt_texts[0], source.lang, target.lang)
    loaded = encoder
    # One pass over every sentence, which also leaves the checks their word vectors; the aligner then
    # asks only for what it adds (windows of joined neighbours, merged summary candidates).
    say(f"embedding {len(src_texts) + len(tgt_texts)} sentences")
    sentences = list(dict.fromkeys([*src_texts, *tgt_texts]))
    vectors = loaded.encode(sentences, words=options.check, show_progress=options.show_progress)
    known = dict(zip(sentences, vectors, strict=True))

    def embed(texts: list[str]) -> np.ndarray:
        import numpy as np

        rest = [t for t in texts if t not in known]
        if rest:
            # A window the translation aligner embeds is the joined text of the link that takes it, so
            # its pass keeps that text's word vectors for the checks (summary mode tries many more
            # merges than it keeps).
            found = loaded.encode(rest, words=words_of_windows, show_progress=options.show_progress)
            known.update(zip(rest, found, strict=True))
        return np.stack([known[t] for t in texts]) if texts else np.zeros((0, loaded.dim), np.float32)

    words_of_windows = options.check and mode == "translation"
    params = (options.summary_params if mode == "summary" else options.translation_params) or default_params(
        mode
    )
    say(f"aligning {len(src_texts)} {source.lang} and {len(tgt_texts)} {target.lang} sentences ({mode} mode)")
    links = align(src_texts, tgt_texts, embed, mode, params)
    from bitext.segment import SEGMENTER_NAME

    signature = Signature(
        bitext=__version__,
        model=encoder.name,
        segmenter="presegmented" if options.presegmented else SEGMENTER_NAME,
        mode=mode,
        thresholds=param_values(params),
    )
    return Alignment(
        source=Side(source.lang, str(source.path), tuple(source.sentences)),
        target=Side(target.lang, str(target.path), tuple(target.sentences)),
        links=tuple(links),
        signature=signature,
    )


def finish_reading(
    reading: Reading,
    alignment: Alignment,
    options: AlignOptions,
    encoder: Encoder,
    *,
    progress: Progress | None = None,
    extras_embedded: bool = False,
) -> Alignment:
    """Check the links of ``link_reading`` (unless told not to); the document's vectors are all cached
    then. ``extras_embedded``: as for ``check_alignment``."""
    say = progress or (lambda _msg: None)
    if options.check:
        _checks_warmed()
        say("checking the links")
        alignment = check_alignment(
            alignment,
            glossary=options.glossary,
            encoder=encoder,
            antonym_swaps=options.antonym_swaps,
            extras_embedded=extras_embedded,
        )
    if reading.seen_key is not None:
        _remember(reading.seen_key)
    return alignment


_warming: Future[None] | None = None


def _warm_checks_beside(source: str, target: str, source_lang: str, target_lang: str) -> None:
    """Load the checks' data (``checks.warm_up``) in a thread of its own while this one embeds and aligns:
    the encoder's passes leave a core and the interpreter free most of the time. Once per process."""
    global _warming
    if _warming is not None:
        return
    from concurrent.futures import ThreadPoolExecutor

    from bitext.checks import warm_up
    from bitext.limits import MAX_SENTENCE_CHARS as CUT

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bitext-checks-warm-up")
    _warming = pool.submit(warm_up, source[:CUT], target[:CUT], source_lang, target_lang)
    pool.shutdown(wait=False)  # the one thread ends with the warm-up


def _checks_warmed() -> None:
    """Wait for ``_warm_checks_beside``, so that the checks do not load their data a second time."""
    if _warming is not None:
        _warming.result()  # warm_up itself never raises


def _check_langs(options: AlignOptions) -> None:
    """The languages given for the sides: known tags, and not the same language twice."""
    for lang in (options.source_lang, options.target_lang):
        if lang is not None:
            validate_lang(lang)
    from bitext.langtags import tag_key

    if (
        options.source_lang
        and options.target_lang
        and tag_key(options.source_lang) == tag_key(options.target_lang)
    ):
        raise InputError(
            f"--source-lang and --target-lang are both {options.source_lang!r}; bitext compares "
            "a text with its rendering in another language"
        )


def _loads_lazily(encoder: Encoder) -> bool:
    """bitext's own encoder, which loads its engine on first need (a caller's stand-in may not)."""
    from bitext.encoder import Encoder

    return isinstance(encoder, Encoder)


def _documents_key(paths: Sequence[Path], options: AlignOptions, encoder: Encoder) -> str | None:
    """A key for these files as aligned and checked with this encoder; None when one is not a regular
    file, or is empty or over the size limit (the reader then answers for it, and nothing is loaded
    ahead)."""
    import hashlib

    from bitext.limits import max_input_bytes
    from bitext.result_cache import digest

    sums = []
    for path in paths:
        try:
            if not path.is_file() or not 0 < path.stat().st_size <= max_input_bytes("data"):
                return None  # the reader refuses it at once: no model to wait for on the way out
            with path.open("rb") as fh:
                sums.append(hashlib.file_digest(fh, "sha256").hexdigest())
        except OSError:
            return None
    langs = (options.source_lang, options.target_lang)
    return digest("embedded", encoder.key, options.check, options.presegmented, options.mode, langs, sums)


def _seen(key: str) -> bool:
    from bitext.result_cache import ResultCache

    return ResultCache("embedded").get(key) is not None


def _remember(key: str) -> None:
    """Every vector of these documents is in the embedding cache now."""
    from bitext.result_cache import ResultCache

    ResultCache("embedded").put(key, True)


def _aligned_already(path: Path, options: AlignOptions, say: Progress, encoder: Encoder | None) -> Alignment:
    """A TMX's or XLIFF's own units as links (a CAT tool aligned them), checked unless told not to."""
    from bitext.formats import read_interchange

    say(f"reading {path} (its units are the links)")
    alignment, notes = read_interchange(path, options.source_lang, options.target_lang)
    for note in notes:
        say(note)
    if not options.check:
        return alignment
    say("checking the links")
    return check_alignment(
        alignment,
        model=options.model,
        glossary=options.glossary,
        encoder=encoder,
        fast=options.fast,
        antonym_swaps=options.antonym_swaps,
    )


def check_alignment(
    alignment: Alignment,
    *,
    model: str | None = None,
    glossary: Path | None = None,
    encoder: Encoder | None = None,
    fast: bool | None = None,
    antonym_swaps: bool = False,
    extras_embedded: bool = False,
) -> Alignment:
    """Fill every link's flags (kept decisions: dismissed flags stay dismissed); ``antonym_swaps`` adds
    the opt-in antonym-swap test to the default checks.

    The flags of an alignment checked before, with the same code, encoder and glossary, come from the
    result cache: a re-run on a document bitext has seen neither loads the model nor runs a check.
    ``extras_embedded``: ``checks.embed_extras`` has embedded what the checks embed beyond the texts.
    """
    from dataclasses import replace

    from bitext import alignment_file
    from bitext.model import SEVERITY_RANK, reapply_decisions

    if encoder is None:
        from bitext.encoder import load_encoder

        encoder = load_encoder(model, fast=fast)
    bare, kinds, key = _checks_key(alignment, encoder, glossary, antonym_swaps)
    from bitext.result_cache import ResultCache

    store = ResultCache("checks")
    found = store.get(key)
    if isinstance(found, dict) and len(found.get("links", ())) == len(alignment.links):
        fresh = [alignment_file.link_from_dict(raw, "cache").flags for raw in found["links"]]
        checks = str(found["checks"])
    else:
        from bitext.checks import run_checks

        gloss = None
        if glossary is not None:
            from bitext.glossary import load_glossary

            gloss = load_glossary(glossary)
        checked = run_checks(
            bare, encoder=encoder, glossary=gloss, kinds=kinds, extras_embedded=extras_embedded
        )
        fresh = [link.flags for link in checked.links]
        checks = checked.signature.checks
        links = [alignment_file.link_to_dict(link) for link in checked.links]
        store.put(key, {"checks": checks, "links": links})
    links_out = []
    for link, flags in zip(alignment.links, fresh, strict=True):
        kept = reapply_decisions(flags, link.flags, alignment.suppressions)
        links_out.append(replace(link, flags=tuple(sorted(kept, key=lambda f: SEVERITY_RANK[f.severity]))))
    checked_alignment = replace(
        alignment, links=tuple(links_out), signature=replace(alignment.signature, checks=checks)
    )
    return with_skipped_checks(checked_alignment)


def embed_check_extras(alignments: Sequence[Alignment], options: AlignOptions, encoder: Encoder) -> None:
    """Embed in one pass what the checks of several alignments embed beyond their texts (a batch
    worker's group: ``checks.embed_extras``), for those whose flags are not in the result cache yet;
    then ``finish_reading`` each with ``extras_embedded``."""
    from bitext.checks import embed_extras
    from bitext.result_cache import ResultCache

    if not options.check:
        return
    store = ResultCache("checks")
    todo, kinds = [], None
    for alignment in alignments:
        _, kinds, key = _checks_key(alignment, encoder, options.glossary, options.antonym_swaps)
        if store.get(key) is None:
            todo.append(alignment)
    if todo:
        embed_extras(todo, encoder, kinds)


def _checks_key(
    alignment: Alignment, encoder: Encoder, glossary: Path | None, antonym_swaps: bool
) -> tuple[Alignment, tuple[str, ...], str]:
    """(the alignment bare of flags and decisions, the checks to run, its key in the result cache)."""
    from dataclasses import replace

    from bitext import alignment_file
    from bitext.checks import default_checks
    from bitext.result_cache import code_fingerprint, digest

    # Keyed on what the checks read: the texts and links, not the reviewer's decisions, which are put
    # back afterwards as run_checks puts them back, so a reviewed file still finds its flags here.
    bare = replace(
        alignment,
        links=tuple(
            replace(link, flags=(), status="auto", note="", reviewed_by="", reviewed_at="")
            for link in alignment.links
        ),
        suppressions=frozenset(),
        signature=replace(alignment.signature, checks=""),
    )
    kinds = (*default_checks(), "antonyms") if antonym_swaps else default_checks()
    key = digest(
        code_fingerprint(), encoder.key, _glossary_digest(glossary), kinds, alignment_file.to_dict(bare)
    )
    return bare, kinds, key


def _glossary_digest(glossary: Path | None) -> str | None:
    """What the glossary holds, for the result key (an unreadable one is refused later, by the loader)."""
    if glossary is None:
        return None
    import hashlib

    try:
        return hashlib.sha256(glossary.read_bytes()).hexdigest()
    except OSError:
        return f"unreadable:{glossary}"


def with_skipped_checks(alignment: Alignment) -> Alignment:
    """Name in the provenance signature the lexical checks that had no language data for this pair
    (``checks:...|skipped:name,opposite``), so a clean result is not mistaken for a checked one."""
    from dataclasses import replace

    from bitext.checks.langdata import skipped_checks

    skipped = [kind for kind, _ in skipped_checks(alignment.source.lang, alignment.target.lang)]
    checks = alignment.signature.checks.split("|skipped:")[0]
    if skipped:
        checks += "|skipped:" + ",".join(skipped)
    return replace(alignment, signature=replace(alignment.signature, checks=checks))


def validate_lang(code: str) -> None:
    """Refuse a language lingua does not know, before any work is done.

    A whole BCP 47 tag is fine (``en-US``, ``az-Latn``): the side keeps it; detection, segmentation
    and the checks use its language subtag.
    """
    from lingua import IsoCode639_1

    from bitext.langtags import is_tag, primary

    try:
        if not is_tag(code):
            raise ValueError(code)
        IsoCode639_1.from_str(primary(code))
    except ValueError:
        raise InputError(
            f"unknown language code {code!r}; give an ISO 639-1 code such as en, az, tr, ru, de, fr "
            "(a region or script may follow: en-US, az-Latn)"
        ) from None


def _given(options: AlignOptions) -> list[str]:
    from bitext.langtags import primary

    return [primary(lang) for lang in (options.source_lang, options.target_lang) if lang]


def _candidates(options: AlignOptions) -> list[str]:
    """The candidate languages for detection: those the user listed, or every one lingua knows."""
    for code in options.languages:
        if code.lower() != "all":
            validate_lang(code)
    return [code.lower() for code in options.languages] or ["all"]


def _parts_from_pair(src: Path, tgt: Path, options: AlignOptions, say: Progress) -> tuple[_Part, _Part]:
    from bitext.ingest import clean, read_text
    from bitext.segment import segment

    if src.resolve() == tgt.resolve():
        raise InputError(
            f"source and target are the same file ({src}); give the translation as the second file"
        )
    parts = []
    for order, (path, lang) in enumerate(((src, options.source_lang), (tgt, options.target_lang))):
        say(f"reading {path}")
        text = read_text(path, options.encoding)
        cleaned = clean(text) if not options.presegmented else _identity(text)
        lang = _language_of(path, cleaned, lang, "--source-lang" if order == 0 else "--target-lang", options)
        sentences = segment(cleaned, lang, presegmented=options.presegmented)
        if not sentences:
            raise InputError(f"{path}: no sentences found; is the file empty of text?")
        parts.append(_Part(lang, path, sentences, order))
    a, b = parts
    if [s.text for s in a.sentences] == [s.text for s in b.sentences]:
        raise InputError(f"{src} and {tgt} hold the same text; give a source and its translation")
    return a, b


def _language_of(
    path: Path, cleaned: CleanText, given: str | None, option: str, options: AlignOptions
) -> str:
    """The language of a file given on its own: detected, or the one the user gave checked against
    what the file reads as (a swapped pair, or a wrong code, is refused rather than aligned)."""
    from bitext.ingest.languages import language_shares
    from bitext.text import language_name

    shares = language_shares(cleaned, _candidates(options), also=_given(options))
    if given is None:
        if not shares:
            raise InputError(
                f"{path}: found no text in a language bitext can detect; give --source-lang/--target-lang"
            )
        return max(shares, key=lambda code: shares[code])
    from bitext.langtags import bcp47, primary

    lang = bcp47(given)
    total = sum(shares.values())
    if total and shares.get(primary(lang), 0) < 0.2 * total:
        found = max(shares, key=lambda code: shares[code])
        raise InputError(
            f"{path} reads as {language_name(found)} ({found}), not {language_name(primary(lang))} as "
            f"{option} {given} says; are the files swapped? Correct the file order or the language"
        )
    return lang


def _identity(text: str) -> CleanText:
    """Pre-segmented text is not cleaned, but its line ends and normal form are (offsets kept)."""
    from bitext.ingest.cleanup import normalise

    return normalise(text)


# A section shorter than this (a heading, a title, a quoted phrase) does not count as a text of its own.
_PAIR_SECTION_CHARS = 200


def _refuse_several_pairs(path: Path, sections: list[LanguageSection]) -> None:
    """A file holding article, summary, article, summary (several pairs) cannot be one alignment:
    the second article would join the first summary's side. Refuse it rather than guess."""
    runs: list[str] = []
    for section in sections:
        if len(section.text.text) >= _PAIR_SECTION_CHARS and (not runs or runs[-1] != section.lang):
            runs.append(section.lang)
    if len(runs) >= 4:
        order = ", ".join(runs)
        raise InputError(
            f"{path} holds several texts in each language, in turn ({order}): several article+summary "
            "pairs? bitext aligns one pair per file; split it into one file per pair"
        )


# Fewer letters than this in a whole file tell no language (lingua reads a paragraph of 25 letters or more:
# ``ingest.languages``), and such a file cannot hold a text and its translation either.
_TELLS_A_LANGUAGE = 50


def _parts_from_mixed(path: Path, options: AlignOptions, say: Progress) -> tuple[_Part, _Part]:
    from bitext.ingest import clean, read_text, split_languages
    from bitext.segment import segment

    say(f"reading {path}")
    text = read_text(path, options.encoding)
    cleaned = clean(text) if not options.presegmented else _identity(text)
    from bitext.langtags import bcp47, primary

    # the user's tags, kept for the sides (en-US); sections are detected by language alone (en)
    given = {primary(lang): bcp47(lang) for lang in (options.source_lang, options.target_lang) if lang}
    wanted = list(given)
    sections = split_languages(cleaned, _candidates(options), also=wanted)
    by_lang: dict[str, list[LanguageSection]] = {}
    for section in sections:
        by_lang.setdefault(section.lang, []).append(section)
    if not by_lang:
        letters = sum(ch.isalpha() for ch in cleaned.text)
        if 0 < letters < _TELLS_A_LANGUAGE:
            raise InputError(
                f"{path}: too little text to tell its language ({letters} letters); a single file must hold "
                "a text and its translation (or give the translation as a second file)"
            )
        raise InputError(
            f"{path}: no text in a language bitext can recognise (is it a text file? give --encoding "
            "if it is not UTF-8)"
        )
    if len(by_lang) < 2:
        raise InputError(
            f"{path}: found only {', '.join(by_lang)}; a single file must hold both languages "
            "(or give the translation as a second file)"
        )
    for lang in wanted:
        if lang not in by_lang:
            raise InputError(f"{path}: no {lang!r} section found (found: {', '.join(sorted(by_lang))})")

    def size(lang: str) -> int:
        return sum(s.end - s.start for s in by_lang[lang])

    langs = sorted(by_lang, key=size, reverse=True)
    chosen = wanted + [lang for lang in langs if lang not in wanted]
    chosen = chosen[:2]
    _refuse_several_pairs(path, [s for s in sections if s.lang in chosen])
    parts = []
    for lang in chosen:
        sentences: list[Sentence] = []
        first = min(s.start for s in by_lang[lang])
        for section in by_lang[lang]:
            for sent in segment(section.text, lang, presegmented=options.presegmented):
                sentences.append(Sentence(len(sentences), sent.text, sent.start, sent.end))
        parts.append(_Part(given.get(lang, lang), path, sentences, first))
    a, b = parts
    if options.source_lang is None and options.target_lang is None:
        a, b = sorted((a, b), key=lambda p: p.order)
    elif options.source_lang is None:
        a, b = b, a  # only the target was named
    return a, b
