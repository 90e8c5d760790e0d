"""A word paired with its source word much less closely than the rest of the sentence is (kind "sense")."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from bitext.checks.base import PairContext
from bitext.checks.sense import sense
from bitext.model import Flag, Link, Mode

# Each source word shares an axis with its rendering; "famous" leans on "popular"'s axis only partly.
PARTNERS = {"reform": ("reform", 1.0), "had": ("hatte", 1.0), "popular": ("breite", 1.0),
            "famous": ("breite", 0.45), "support": ("unterstützung", 1.0), "wide": ("breite", 1.0),
            "party": ("partei", 1.0), "election": ("wahl", 1.0), "won": ("gewann", 1.0)}  # fmt: skip
AXES = {
    w: k for k, w in enumerate(["reform", "hatte", "breite", "unterstützung", "partei", "wahl", "gewann"])
}


@dataclass
class WV:
    words: list[tuple[str, int, int]]
    vectors: np.ndarray


class ToyEncoder:
    name = "toy-sense"

    def word_vectors(self, text: str, layer: int = 8) -> WV:
        words = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\w+", text)]
        vecs = np.zeros((len(words), 16))
        for k, (w, _s, _e) in enumerate(words):
            key = w.lower()
            if key in AXES:
                vecs[k, AXES[key]] = 1.0
            elif key in PARTNERS:
                partner, weight = PARTNERS[key]
                vecs[k, AXES[partner]] = weight
                vecs[k, 8 + sum(map(ord, key)) % 7] = np.sqrt(1 - weight**2)
            else:
                vecs[k, 8 + sum(map(ord, key)) % 7] = 1.0
            vecs[k, -1] = 0.2
        return WV(words, vecs / np.linalg.norm(vecs, axis=1, keepdims=True))


def run(src: str, tgt: str, mode: Mode = "translation", enc: object | None = None) -> list[Flag]:
    ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, "de", "en", mode, enc or ToyEncoder())  # type: ignore[arg-type]
    return sense(ctx)


def test_a_word_rendered_loosely_against_a_closely_rendered_sentence_is_flagged() -> None:
    src = "Die Reform hatte breite Unterstützung, die Partei gewann die Wahl."
    [flag] = run(src, "The reform had famous support, the party won the election.")
    assert (flag.kind, flag.severity, flag.source_excerpt, flag.target_excerpt) == (
        "sense",
        "info",
        "breite",
        "famous",
    )
    assert run(src, "The reform had wide support, the party won the election.") == []


def test_summary_links_and_short_pairs_are_not_judged() -> None:
    src = "Die Reform hatte breite Unterstützung, die Partei gewann die Wahl."
    assert run(src, "The reform had famous support, the party won the election.", mode="summary") == []
    assert run("Die Reform.", "The famous reform.") == []
