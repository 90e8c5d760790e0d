"""Every stage after reading is bounded: sentence length, the language detector's pieces, the names the
check compares, the links the checks hold word vectors for, the text a check compares at all."""

from __future__ import annotations

import itertools
import logging
import random
from pathlib import Path
from typing import Any

import pytest

from bitext.checks import CHECK_CHUNK, run_checks
from bitext.checks.lexicon import distance
from bitext.checks.name_words import MAX_DISTANCE, close
from bitext.checks.names import compare
from bitext.encoder import Encoder
from bitext.ingest import CleanText, clean, split_languages
from bitext.ingest import languages as languages_module
from bitext.limits import MAX_CHECK_CHARS, MAX_DETECT_CHARS, MAX_SENTENCE_CHARS, bounded_spans
from bitext.model import Alignment, Link, Sentence, Side, Signature
from bitext.segment import segment

WORDS = [
    "the",
    "border",
    "treaty",
    "was",
    "signed",
    "after",
    "long",
    "talks",
    "between",
    "both",
    "delegations",
    "in",
    "Vienna",
]


def _run_on(n_chars: int, seed: int = 0, capitals: bool = False) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < n_chars:
        word = rng.choice(WORDS)
        word = word.title() if capitals and rng.random() < 0.5 else word
        out.append(word)
        size += len(word) + 1
    return " ".join(out)


def test_a_run_without_sentence_ends_is_cut_into_bounded_sentences() -> None:
    text = _run_on(20_000)
    sentences = segment(clean(text), "en")
    assert len(sentences) >= 20_000 // MAX_SENTENCE_CHARS
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_CHARS
    # Cut at spaces, never inside a word, and every word is kept, in order, with its offsets.
    assert " ".join(s.text for s in sentences) == text
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_cuts_prefer_the_end_of_a_clause() -> None:
    clause = _run_on(300) + ", "
    text = clause * 12
    sentences = segment(clean(text), "en")
    assert all(s.text.endswith(",") for s in sentences[:-1])


def test_presegmented_lines_are_kept_whole() -> None:
    line = _run_on(5_000)
    sentences = segment(CleanText.identity(line + "\nA second line.\n"), "en", presegmented=True)
    assert [len(s.text) for s in sentences] == [len(line), len("A second line.")]


def test_bounded_spans_cover_everything_once() -> None:
    text = _run_on(10_000, seed=3)
    spans = list(bounded_spans(text, 0, len(text), 700))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a == b for (_, a), (b, _) in itertools.pairwise(spans))
    assert max(b - a for a, b in spans) <= 700


def test_a_giant_paragraph_is_labelled_in_bounded_pieces(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # an empty result cache: lingua's answers for this text, remembered by an earlier run, would come
    # back without asking the detector at all
    monkeypatch.setenv("BITEXT_CACHE", str(tmp_path))
    lengths: list[int] = []
    real = languages_module._detector

    class Counting:
        def __init__(self, inner: Any) -> None:
            self.inner = inner

        def detect_language_of(self, text: str) -> Any:
            lengths.append(len(text))
            return self.inner.detect_language_of(text)

        def detect_multiple_languages_of(self, text: str) -> Any:
            lengths.append(len(text))
            return self.inner.detect_multiple_languages_of(text)

    monkeypatch.setattr(languages_module, "_detector", lambda codes: Counting(real(codes)))
    sections = split_languages(CleanText.identity(_run_on(40_000)))
    assert [s.lang for s in sections] == ["en"]
    assert max(lengths) <= MAX_DETECT_CHARS
    lengths.clear()
    shares = languages_module.language_shares(CleanText.identity(_run_on(400_000)))
    assert set(shares) == {"en"} and len(lengths) <= 24  # a sample, whatever the length


def test_the_edit_distance_that_gives_up_early_agrees_with_the_full_one() -> None:
    rng = random.Random(5)
    letters = "aeiouklmnrstəı"
    for _ in range(5000):
        x = "".join(rng.choice(letters) for _ in range(rng.randint(1, 14)))
        y = "".join(rng.choice(letters) for _ in range(rng.randint(1, 14)))
        assert close(x, y) == (distance(x, y) <= MAX_DISTANCE), (x, y)


def test_names_in_a_run_of_capitalised_words_are_bounded() -> None:
    src = _run_on(MAX_SENTENCE_CHARS, seed=1, capitals=True)
    tgt = _run_on(MAX_SENTENCE_CHARS, seed=2, capitals=True).replace("Vienna", "Vyana")
    flags = compare(src, tgt, "en", "az", "translation")
    assert all(f.kind == "name" for f in flags)
    assert len(flags) <= 2 * 48


def _long_link_alignment(extra: int) -> Alignment:
    texts = ["The treaty was signed in Vienna on 3 March 1921.", _run_on(MAX_CHECK_CHARS + extra)]
    az = ["Müqavilə 1921-ci il martın 3-də Vyanada imzalandı.", _run_on(200, seed=9)]

    def side(lang: str, items: list[str]) -> Side:
        return Side(lang, f"x.{lang}", tuple(Sentence(i, t, 0, len(t)) for i, t in enumerate(items)))

    links = (Link(0, (0,), (0,), 0.9), Link(1, (1,), (1,), 0.9))
    return Alignment(side("en", texts), side("az", az), links, Signature("0", "m", "s", "translation"))


def test_a_link_too_long_to_compare_is_skipped_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        checked = run_checks(_long_link_alignment(1))
    assert checked.links[1].flags == ()
    assert "not checked (links 1)" in caplog.text
    caplog.clear()
    run_checks(_long_link_alignment(-MAX_CHECK_CHARS + 100))
    assert "not checked" not in caplog.text


@pytest.mark.model
def test_word_vectors_are_released_chunk_by_chunk(
    shared_encoder: Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    held: list[int] = []
    real_many = shared_encoder.word_vectors_many

    def many(texts: Any, layer: int = 8) -> Any:
        held.append(len(shared_encoder._word_memo))
        return real_many(texts, layer)

    monkeypatch.setattr(shared_encoder, "word_vectors_many", many)
    sentences = [f"Sentence {i} names Vienna and {1900 + i}." for i in range(CHECK_CHUNK + 60)]
    az = [f"Cümlə {i} Vyananı və {1900 + i}-ci ili adlandırır." for i in range(CHECK_CHUNK + 60)]

    def side(lang: str, items: list[str]) -> Side:
        return Side(lang, f"x.{lang}", tuple(Sentence(i, t, 0, len(t)) for i, t in enumerate(items)))

    links = tuple(Link(i, (i,), (i,), 0.9) for i in range(len(sentences)))
    alignment = Alignment(
        side("en", sentences), side("az", az), links, Signature("0", "m", "s", "translation")
    )
    run_checks(alignment, encoder=shared_encoder)
    # One chunk's texts at most are held at any time (kept all along, the second chunk would see
    # 2 * (CHECK_CHUNK + 60)), and none once the checks are done.
    assert max(held) <= 2 * CHECK_CHUNK
    assert len(shared_encoder._word_memo) == 0


def test_a_word_s_partners_are_indexed_as_the_pairs_list_them() -> None:
    # the index read for every word gives what a scan of the pairs gives
    import numpy as np

    from bitext.checks.wordalign import WordAlignment

    rng = random.Random(3)
    for _ in range(200):
        pairs = frozenset((rng.randrange(12), rng.randrange(12)) for _ in range(rng.randint(0, 30)))
        alignment = WordAlignment(pairs, np.zeros((12, 12)))
        for k in range(13):
            assert alignment.targets_of(k) == sorted(j for i, j in pairs if i == k)
            assert alignment.sources_of(k) == sorted(i for i, j in pairs if j == k)


def test_the_names_that_spell_one_another_are_compared_in_bounded_number(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # two long runs of capitalised words: each side's first MAX_CANDIDATES are compared, as compare reads them
    from bitext.checks import name_support
    from bitext.checks.name_words import MAX_CANDIDATES, read_words

    src = read_words(_run_on(MAX_CHECK_CHARS, seed=3, capitals=True), "en", "az")
    tgt = read_words(_run_on(MAX_CHECK_CHARS, seed=4, capitals=True), "az", "en")
    calls = itertools.count()
    real = name_support.same_name  # type: ignore[attr-defined]

    def counted(a: Any, b: Any) -> bool:
        next(calls)
        return real(a, b)

    monkeypatch.setattr(name_support, "same_name", counted)
    support = name_support.Support(words=None).with_counterparts((src, tgt))  # type: ignore[arg-type]
    assert next(calls) <= MAX_CANDIDATES * MAX_CANDIDATES
    assert support.counterparts[0] and support.counterparts[1]  # "Vienna" spells itself on both sides


def test_a_memo_keeps_its_last_entries_within_its_limit() -> None:
    from bitext.limits import remember

    memo: dict[str, int] = {}
    for k, word in enumerate("abcde"):
        assert remember(memo, word, k, 3) == k
    assert memo == {"c": 2, "d": 3, "e": 4}
    remember(memo, "d", 9, 3)  # a key already kept takes its new value and forgets nothing
    assert memo == {"c": 2, "d": 9, "e": 4}


def test_the_opposite_checks_single_word_vectors_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from bitext.checks import opposite

    class Words:
        name = "stub-words"

        def word_vectors(self, text: str) -> Any:
            class Vectors:
                vectors = np.full((1, 4), float(len(text)))

            return Vectors()

    monkeypatch.setattr(opposite, "_WORD_SIM_CACHE", {})
    monkeypatch.setattr(opposite, "WORD_SIM_MEMO", 2)
    from typing import cast

    from bitext.checks.wordalign import WordVectorSource

    words = cast(WordVectorSource, Words())
    for word in ["a", "bb", "ccc", "dddd"]:
        vec = opposite._word_vec(words, word)
        assert np.isclose(np.linalg.norm(vec), 1.0)
    assert list(opposite._WORD_SIM_CACHE) == [("stub-words", "ccc"), ("stub-words", "dddd")]
