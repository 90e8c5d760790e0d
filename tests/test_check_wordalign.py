"""SimAlign-style word alignment on small hand-made vectors."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from bitext.checks.wordalign import (
    align_words,
    argmax_pairs,
    itermax_pairs,
    map_spans,
    similarity_matrix,
)


@dataclass
class WV:
    words: list[tuple[str, int, int]]
    vectors: np.ndarray


def test_similarity_is_cosine_even_for_unnormalised_rows() -> None:
    sim = similarity_matrix(np.array([[2.0, 0.0], [1.0, 1.0]]), np.array([[0.0, 3.0]]))
    assert np.allclose(sim[:, 0], [0.0, np.sqrt(0.5)])


def test_argmax_keeps_only_mutual_best() -> None:
    sim = np.array([[0.9, 0.1, 0.0], [0.8, 0.2, 0.1], [0.0, 0.3, 0.7]])
    # Row 1 prefers column 0, but column 0 prefers row 0: no pair for row 1.
    assert argmax_pairs(sim) == {(0, 0), (2, 2)}


def test_itermax_recovers_a_word_whose_best_partner_was_taken() -> None:
    sim = np.array([
        [0.95, 0.90, 0.10, 0.0],
        [0.10, 0.20, 0.90, 0.1],
        [0.00, 0.10, 0.20, 0.9],
        [0.10, 0.85, 0.10, 0.1],
    ])
    # Target 1 prefers source 0 (already aligned to target 0), so the first round leaves both free.
    assert (3, 1) not in argmax_pairs(sim)
    assert (3, 1) in itermax_pairs(sim)


def test_itermax_never_pairs_two_aligned_words() -> None:
    rng = np.random.default_rng(0)
    sim = rng.random((6, 5))
    first = argmax_pairs(sim)
    extra = itermax_pairs(sim) - first
    used_s = {i for i, _ in first}
    used_t = {j for _, j in first}
    assert all(i not in used_s or j not in used_t for i, j in extra)


def test_align_words_and_empty_sides() -> None:
    src = WV([("a", 0, 1), ("b", 2, 3)], np.eye(2))
    tgt = WV([("y", 0, 1), ("x", 2, 3)], np.array([[0.0, 1.0], [1.0, 0.0]]))
    al = align_words(src, tgt)
    assert al.pairs == {(0, 1), (1, 0)}
    assert al.targets_of(0) == [1] and al.sources_of(1) == [0]
    assert align_words(WV([], np.zeros((0, 2))), tgt).pairs == frozenset()


def test_map_spans_by_overlap() -> None:
    words = [("Qərbdə", 0, 6), ("idi", 7, 10)]
    assert map_spans([(0, 4), (7, 10), (11, 12)], words) == [0, 1, None]


def test_map_spans_takes_the_word_of_most_overlap_in_order_or_not() -> None:
    text = "Le Nord-Est a voté; l'ouest non."
    words = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\w+", text)]
    spans = [(3, 11), (8, 14), (20, 27), (0, 2), (28, 32), (32, 33)]  # "Nord-Est", "Est a ", ...
    want = ["Nord", "Est", "ouest", "Le", "non", None]
    assert [words[k][0] if k is not None else None for k in map_spans(spans, words)] == want
    # words given out of order (an engine that splits differently) are matched the same way
    shuffled = words[::-1]
    assert [shuffled[k][0] if k is not None else None for k in map_spans(spans, shuffled)] == want
