"""Split a cleaned document into runs of one language (an article and its summary, say).

Each paragraph is labelled with lingua; a long paragraph that mixes languages is cut where
``detect_multiple_languages_of`` says. Short fragments (names, numbers, a heading such as "Xülasə")
are no evidence: they join the section that follows them when they sit between two languages,
because a heading belongs to what it introduces.

Every language lingua knows is a candidate unless the caller names a set. Holding all of lingua's models
at high accuracy costs about a gigabyte and half a minute to load, so detection runs in two passes: lingua's
low-accuracy mode over all languages finds which languages the paragraphs could be in (the document's own
languages, and a few close ones such as Turkish beside Azerbaijani), then a high-accuracy detector
restricted to those labels each paragraph (``benchmarks/bench_languages.py`` prints both modes' figures).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from bitext.errors import InputError
from bitext.ingest.tracked import CleanText
from bitext.limits import MAX_DETECT_CHARS, bounded_spans

if TYPE_CHECKING:
    from lingua import LanguageDetector

# The languages the seed and the shipped data were built around; detection is not limited to them.
DEFAULT_LANGUAGES: tuple[str, ...] = ("en", "az", "tr", "ru", "de", "fr")
ALL = "all"
_MIN_LETTERS = 25  # fewer letters than this is a name, a number or a heading: no evidence
_MIN_MIXED_SEGMENT = 60  # a language switch inside a paragraph must cover at least this many letters
_MIXED_CHECK = 200  # only paragraphs this long are checked for a switch of language
_OWN_TEXT_LETTERS = 400  # a run in a main language with this many letters (a few sentences) is a text
_PARAGRAPH = re.compile(r"[^\n](?:[^\n]|\n(?!\n))*")

Label = tuple[int, int, str | None]  # clean start, clean end, language or None (no evidence)


@dataclass(frozen=True, slots=True)
class LanguageSection:
    """A maximal run of one language; ``start``/``end`` are offsets into the original text."""

    lang: str
    text: CleanText
    start: int
    end: int


def known_languages() -> tuple[str, ...]:
    """ISO 639-1 codes of every language lingua can detect."""
    from lingua import Language

    return tuple(sorted(lang.iso_code_639_1.name.lower() for lang in Language.all()))


@lru_cache(maxsize=8)
def _detector(codes: tuple[str, ...]) -> LanguageDetector:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = []
    for code in codes:
        try:
            languages.append(Language.from_iso_code_639_1(IsoCode639_1.from_str(code.lower())))
        except ValueError:
            raise InputError(
                f"unknown language code {code!r}; give an ISO 639-1 code such as en, az, tr, ru"
            ) from None
    if len(languages) == 1:
        # lingua needs two candidates: a single one is told apart from English (or Azerbaijani)
        languages.append(Language.ENGLISH if languages[0] != Language.ENGLISH else Language.AZERBAIJANI)
    return LanguageDetectorBuilder.from_languages(*languages).build()


@lru_cache(maxsize=1)
def _rough_detector() -> LanguageDetector:
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def likeliest_language(text: str) -> str | None:
    """The language that a low-accuracy pass over every language lingua knows finds likeliest for ``text``
    (a single word, even: "obrotnością" is Polish, "middag" Danish), or None when it finds none."""
    values = _rough_detector().compute_language_confidence_values(text)
    if not values or values[0].value <= 0:
        return None
    return str(values[0].language.iso_code_639_1.name.lower())


def candidate_languages(text: str, given: Sequence[str] = ()) -> tuple[str, ...]:
    """The languages worth telling apart in ``text``: what a low-accuracy pass over every language
    lingua knows finds in its paragraphs, their close rivals, and the ``given`` codes."""
    rough = _rough_detector()
    found: dict[str, None] = dict.fromkeys(code.lower() for code in given)
    for match in _PARAGRAPH.finditer(text):
        paragraph = match.group(0)
        if _letters(paragraph) < _MIN_LETTERS:
            continue
        values = rough.compute_language_confidence_values(paragraph[:2000])
        best = values[0].value if values else 0.0
        # a close second (Turkish for an Azerbaijani paragraph) must be in the race too
        for conf in values[:3]:
            if conf.value >= 0.5 * best and conf.value > 0:
                found[conf.language.iso_code_639_1.name.lower()] = None
    return tuple(found)


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


class _Detection:
    """lingua's answers for one set of candidate languages, remembered on disk per paragraph.

    Loading lingua's language models is most of the work of re-reading a document bitext has seen.
    The key holds the text, the candidates, lingua itself and bitext's code (which builds the detector).
    """

    def __init__(self, codes: tuple[str, ...]) -> None:
        from bitext.result_cache import ResultCache

        self.codes = codes
        self._store = ResultCache("languages")

    def remembered(self, method: str, text: str, compute: Callable[[], Any]) -> Any:
        from bitext.result_cache import code_fingerprint, digest

        key = digest(code_fingerprint(), _lingua_fingerprint(), self.codes, method, text)
        found = self._store.get(key)
        if found is None:
            found = compute()
            self._store.put(key, found)
        return found

    def language_of(self, text: str) -> str | None:
        def compute() -> list[str | None]:
            found = _detector(self.codes).detect_language_of(text)
            return [found.iso_code_639_1.name.lower() if found else None]

        answer: list[str | None] = self.remembered("one", text, compute)
        return answer[0]

    def languages_in(self, text: str) -> list[tuple[int, int, str]]:
        def compute() -> list[tuple[int, int, str]]:
            return [
                (r.start_index, r.end_index, r.language.iso_code_639_1.name.lower())
                for r in _detector(self.codes).detect_multiple_languages_of(text)
            ]

        return [(int(a), int(b), str(c)) for a, b, c in self.remembered("many", text, compute)]


@lru_cache(maxsize=1)
def _lingua_fingerprint() -> str:
    import lingua

    from bitext.result_cache import package_fingerprint

    return package_fingerprint(lingua.__file__)


def _label_paragraph(
    detection: _Detection, text: str, start: int, end: int, *, search_mixed: bool = True
) -> list[Label]:
    paragraph = text[start:end]
    if _letters(paragraph) < _MIN_LETTERS:
        return [(start, end, None)]
    if search_mixed and len(paragraph) >= _MIXED_CHECK:
        parts = [(start + a, start + b, lang) for a, b, lang in detection.languages_in(paragraph)]
        if len({lang for _, _, lang in parts}) > 1 and all(
            _letters(text[a:b]) >= _MIN_MIXED_SEGMENT for a, b, _ in parts
        ):
            return [(a, b, lang) for a, b, lang in parts]
    return [(start, end, detection.language_of(paragraph))]


def _fill_gaps(labels: list[Label]) -> list[tuple[int, int, str]]:
    """Give each no-evidence stretch the language of the next labelled stretch (the one it
    introduces), or of the previous one at the end of the document."""
    known = [lang for _, _, lang in labels if lang]
    if not known:
        return []
    filled: list[tuple[int, int, str]] = []
    following: str = known[-1]
    for start, end, lang in reversed(labels):
        following = lang or following
        filled.append((start, end, following))
    filled.reverse()
    return filled


def _runs(labels: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    runs: list[tuple[int, int, str]] = []
    for start, end, lang in labels:
        if runs and runs[-1][2] == lang:
            runs[-1] = (runs[-1][0], end, lang)
        else:
            runs.append((start, end, lang))
    return runs


def _absorb_islands(runs: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """A short run between two runs of one language (a quoted phrase, a misread paragraph of a
    close language such as Turkish inside Azerbaijani) belongs to its surroundings.

    Not so a run of several sentences in one of the document's two main languages: that is a text of
    its own (a second summary between two articles), and absorbing it would put it on the wrong side.
    """
    letters = [_letters(text[a:b]) for a, b, _ in runs]
    totals: dict[str, int] = {}
    for (_, _, lang), n in zip(runs, letters, strict=True):
        totals[lang] = totals.get(lang, 0) + n
    main = set(sorted(totals, key=lambda lang: -totals[lang])[:2])
    k = 1
    while 0 < k < len(runs) - 1:
        before, island, after = runs[k - 1], runs[k], runs[k + 1]
        small = letters[k] < min(letters[k - 1], letters[k + 1])
        own_text = island[2] in main and letters[k] >= _OWN_TEXT_LETTERS
        if before[2] == after[2] and small and not own_text:
            runs[k - 1 : k + 2] = [(before[0], after[1], before[2])]
            letters[k - 1 : k + 2] = [letters[k - 1] + letters[k] + letters[k + 1]]
            k = max(1, k - 2)  # the merged run may now close an island before it
        else:
            k += 1
    return runs


def split_languages(
    clean: CleanText, languages: Sequence[str] | None = None, *, also: Sequence[str] = ()
) -> list[LanguageSection]:
    """Cut ``clean`` into maximal runs of one language, in document order.

    ``languages`` are ISO 639-1 codes of the candidates (default, or ``["all"]``: every language lingua
    knows, narrowed per document by :func:`candidate_languages`); ``also`` are codes to consider besides
    (the languages the user named). A text in one language gives one section; a text with no detectable
    language gives none.
    """
    text = clean.text
    wanted = [code.lower() for code in (languages or [ALL])]
    if ALL in wanted:
        given = [*also, *(c for c in wanted if c != ALL)]
        method = "candidates:" + ",".join(given)
        found = _Detection((ALL,)).remembered(method, text, lambda: candidate_languages(text, given))
        codes = tuple(str(c) for c in found)
        if not codes:
            return []
    else:
        codes = tuple(dict.fromkeys([*wanted, *(c.lower() for c in also)]))
    detection = _Detection(tuple(sorted(codes)))
    labels: list[Label] = []
    for match in _PARAGRAPH.finditer(text):
        # A paragraph too long for one call is labelled piece by piece, each as a whole: the search for
        # a switch inside a paragraph costs about twenty times more per character, and the pieces
        # already find a switch to within one piece.
        pieces = list(bounded_spans(text, match.start(), match.end(), MAX_DETECT_CHARS))
        for start, end in pieces:
            labels.extend(_label_paragraph(detection, text, start, end, search_mixed=len(pieces) == 1))
    runs = _absorb_islands(_runs(_fill_gaps(labels)), text)
    sections = []
    for start, end, lang in runs:
        piece = clean.slice(start, end)
        lead = len(piece.text) - len(piece.text.lstrip())
        piece = piece.slice(lead, len(piece.text.rstrip()))
        if piece.text:
            sections.append(LanguageSection(lang, piece, piece.offsets[0], piece.offsets[-1]))
    return sections


def language_shares(
    clean: CleanText, languages: Sequence[str] | None = None, *, also: Sequence[str] = (), samples: int = 24
) -> dict[str, int]:
    """Letters per detected language in up to ``samples`` pieces spread evenly over ``clean``.

    For a file in one language (a source or a target given on its own): what it is written in, at a
    cost that does not grow with its length. ``languages`` and ``also`` are as for
    :func:`split_languages`. Pieces with too few letters to tell are left out.
    """
    text = clean.text
    pieces = [
        span
        for match in _PARAGRAPH.finditer(text)
        for span in bounded_spans(text, match.start(), match.end(), MAX_DETECT_CHARS)
    ]
    if len(pieces) > samples:
        step = len(pieces) / samples
        pieces = [pieces[int(k * step)] for k in range(samples)]
    wanted = [code.lower() for code in (languages or [ALL])]
    if ALL in wanted:
        sample = "\n\n".join(text[a:b] for a, b in pieces)
        given = [*also, *(c for c in wanted if c != ALL)]
        method = "candidates:" + ",".join(given)
        rough = _Detection((ALL,))
        found_codes = rough.remembered(method, sample, lambda: candidate_languages(sample, given))
        codes = tuple(str(c) for c in found_codes)
        if not codes:
            return {}
    else:
        codes = tuple(dict.fromkeys([*wanted, *(c.lower() for c in also)]))
    detection = _Detection(tuple(sorted(codes)))
    shares: dict[str, int] = {}
    for start, end in pieces:
        piece = text[start:end]
        letters = _letters(piece)
        if letters < _MIN_LETTERS:
            continue
        code = detection.language_of(piece)
        if code is not None:
            shares[code] = shares.get(code, 0) + letters
    return shares
