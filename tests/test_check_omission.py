"""Addition/omission with a toy encoder whose word vectors are hand-made (pairs share a vector)."""

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
