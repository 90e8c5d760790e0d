"""Addition/omission with a toy encoder whose word vectors are hand-made (pairs share a vector), and with
the shipped encoder on real sentences."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from bitext.checks.base import PairContext
from bitext.checks.omission import addition, omission
from bitext.model import Flag, Link, Mode

# Each concept is one axis; a word and its translation share the axis, so they align.
LEXICON = {
    "ship": 0, "gəmi": 0, "gəmini": 0, "sailed": 1, "üzdü": 1, "harbour": 2, "limandan": 2,
    "morning": 3, "səhər": 3, "captain": 4, "kapitan": 4, "sang": 5, "oxudu": 5, "songs": 6,
    "mahnılar": 6, "loudly": 7, "ucadan": 7, "only": 8, "yalnız": 8, "old": 9, "köhnə": 9,
    "from": 2,  # Azerbaijani renders it with the ablative of the noun: "limandan", from the harbour
}
DIM = 24


@dataclass
class WV:
    words: list[tuple[str, int, int]]
    vectors: np.ndarray


class ToyEncoder:
    def word_vectors(self, text: str, layer: int = 8) -> WV:
        import re

        words = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\w+", text)]
        vecs = np.zeros((len(words), DIM))
        for k, (w, _s, _e) in enumerate(words):
            axis = LEXICON.get(w.lower())
            # Unknown words get their own axis (hash), so they resemble nothing on the other side.
            vecs[k, axis if axis is not None else 10 + sum(map(ord, w)) % (DIM - 10)] = 1.0
            vecs[k, -1] += 0.3  # a shared component, as real vectors have
        return WV(words, vecs / np.linalg.norm(vecs, axis=1, keepdims=True))

    def encode(self, texts: list[str]) -> np.ndarray:
        """A sentence vector: the mean of its word vectors, normalised."""
        rows = [self.word_vectors(t).vectors.sum(axis=0) for t in texts]
        return np.array([r / np.linalg.norm(r) for r in rows])


def run(fn: object, src: str, tgt: str, mode: Mode = "translation", enc: object = None) -> list[Flag]:
    ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, "en", "az", mode,
                      ToyEncoder() if enc is None else enc)  # type: ignore[arg-type]
    return fn(ctx)  # type: ignore[operator, no-any-return]


def test_faithful_pair_is_quiet() -> None:
    src, tgt = "The ship sailed from the harbour.", "Gəmi limandan üzdü."
    assert run(addition, src, tgt) == [] and run(omission, src, tgt) == []


def test_added_clause_in_translation_is_minor_addition() -> None:
    tgt = "Gəmi limandan üzdü, kapitan ucadan mahnılar oxudu."
    [flag] = run(addition, "The ship sailed from the harbour.", tgt)
    assert (flag.kind, flag.severity) == ("addition", "minor")
    assert flag.target_excerpt == "kapitan ucadan mahnılar oxudu"
    assert flag.target_span is not None and tgt[slice(*flag.target_span)] == flag.target_excerpt


def test_left_out_clause_is_omission() -> None:
    src = "The ship sailed from the harbour and the captain sang songs loudly."
    [flag] = run(omission, src, "Gəmi limandan üzdü.")
    assert flag.kind == "omission" and "captain sang songs loudly" in flag.source_excerpt


def test_summary_mode_addition_major_and_no_plain_omissions() -> None:
    src = "The ship sailed from the harbour and the captain sang songs loudly."
    [flag] = run(addition, "The ship sailed.", "Gəmi üzdü, kapitan ucadan mahnılar oxudu.", mode="summary")
    assert flag.severity == "major"
    assert run(omission, src, "Gəmi limandan üzdü.", mode="summary") == []


def test_without_encoder_nothing_is_claimed() -> None:
    ctx = PairContext(Link(0, (0,), (0,), 0.9), "A b c d.", "E.", "en", "az", "translation")
    assert addition(ctx) == [] and omission(ctx) == []


@pytest.mark.model
def test_real_encoder_sees_an_added_clause() -> None:
    from bitext.encoder import load_encoder

    enc = load_encoder()
    src = "The ship sailed from the harbour in the morning."
    assert run(addition, src, "Gəmi səhər limandan üzdü.", enc=enc) == []
    flags = run(addition, src, "Gəmi səhər limandan üzdü, prezident isə yeni vergi qanununu imzaladı.",
                mode="summary", enc=enc)
    assert flags and "vergi" in flags[0].target_excerpt


# One word added, which no run holds, told by the target embedded again without it (``unrendered``).
# Sentences written for these tests: French into English, English into Azerbaijani.
ADDED_WORD = [
    ("fr", "en", "Les enfants jouaient dans le jardin après l'école.",
     "The children were playing in the garden after school.",
     "The hungry children were playing in the garden after school.", "hungry"),
    ("en", "az", "The company opened two new factories in Turkey last year.",
     "Şirkət keçən il Türkiyədə iki yeni zavod açıb.",
     "Şirkət keçən il Türkiyədə iki yeni gizli zavod açıb.", "gizli"),
]  # fmt: skip


def _one_word(
    lang: str, tgt_lang: str, src: str, tgt: str, enc: object, mode: Mode = "translation"
) -> list[Flag]:
    ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, lang, tgt_lang, mode, enc)  # type: ignore[arg-type]
    return [f for f in addition(ctx) if f.basis == "unrendered"]


@pytest.mark.model
@pytest.mark.parametrize(("lang", "tgt_lang", "src", "faithful", "changed", "word"), ADDED_WORD)
def test_one_added_word_is_an_addition(
    real_encoder: object, lang: str, tgt_lang: str, src: str, faithful: str, changed: str, word: str
) -> None:
    assert _one_word(lang, tgt_lang, src, faithful, real_encoder) == []
    [flag] = _one_word(lang, tgt_lang, src, changed, real_encoder)
    assert (flag.kind, flag.severity, flag.target_excerpt) == ("addition", "minor", word)
    assert flag.target_span is not None and changed[slice(*flag.target_span)] == word


@pytest.mark.model
def test_one_added_word_rule_stays_out_of_summaries(real_encoder: object) -> None:
    lang, tgt_lang, src, _faithful, changed, _word = ADDED_WORD[0]
    assert _one_word(lang, tgt_lang, src, changed, real_encoder, "summary") == []


def test_rare_lower_case_word_is_taken_for_a_misspelling() -> None:
    from bitext.checks.unrendered import rare_word

    assert rare_word("goverment", "en") and rare_word("electrcity", "en")
    assert not rare_word("stolen", "en") and not rare_word("reluctantly", "en")
    assert not rare_word("Havlíček", "en")  # a name, in any list or none
    assert not rare_word("gizli", "az")  # no word list: not judged
