"""Summary mode on controlled vectors: merges, reordering and unsupported sentences."""

from __future__ import annotations

import numpy as np
import pytest

from bitext.align import align, choose_mode
from bitext.align.summary import align_summary


def _unit(v: np.ndarray) -> np.ndarray:
    return v / float(np.linalg.norm(v))


class VectorTable:
    """An `embed` that returns fixed vectors per text (what the encoder would give)."""

    def __init__(self) -> None:
        self.table: dict[str, np.ndarray] = {}

    def __call__(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.vector(t) for t in texts])

    def vector(self, text: str) -> np.ndarray:
        if text in self.table:
            return self.table[text]
        # A concatenation of known sentences: the encoder mean-pools, so a length-weighted mean.
        parts = text.split(". ")
        parts = [p if p.endswith(".") else p + "." for p in parts]
        return _unit(np.sum([self.table[p] * len(p) for p in parts], axis=0))


@pytest.fixture
def world() -> tuple[list[str], list[str], VectorTable, list[tuple[int, ...]]]:
    rng = np.random.default_rng(7)
    dim = 64
    body = [f"body sentence {i} about topic {i}." for i in range(40)]
    embed = VectorTable()
    base = [_unit(rng.normal(size=dim)) for _ in body]
    for text, vec in zip(body, base, strict=True):
        embed.table[text] = vec
    # Summary: 12 -> single, (20, 21) merged, 5 (reordered before 12), (30, 33) merged non-adjacent, 38.
    gold: list[tuple[int, ...]] = [(12,), (20, 21), (5,), (30, 33), (38,)]
    summary = []
    for j, ids in enumerate(gold):
        text = f"summary sentence {j}"
        mixed = np.sum([base[i] * len(body[i]) for i in ids], axis=0)
        embed.table[text] = _unit(_unit(mixed) + rng.normal(scale=0.02, size=dim))
        summary.append(text)
    return body, summary, embed, gold


def test_each_summary_sentence_finds_its_sources(world) -> None:  # type: ignore[no-untyped-def]
    body, summary, embed, gold = world
    links = align_summary(body, summary, embed)
    found = {tgt: src for src, tgt, _ in links}
    for j, ids in enumerate(gold):
        assert found[(j,)] == ids


def test_confidence_is_high_for_clear_links_and_low_for_ambiguous(world) -> None:  # type: ignore[no-untyped-def]
    body, summary, embed, _ = world
    # A duplicate body sentence makes summary sentence 0 ambiguous between 12 and its twin.
    twin = "An almost identical copy of body sentence 12."
    embed.table[twin] = embed.table[body[12]]
    links = align_summary([*body, twin], summary, embed)
    conf = {tgt: score for _, tgt, score in links}
    assert conf[(2,)] > 0.9
    assert conf[(0,)] < 0.6


def test_unsupported_summary_sentence_is_unaligned(world) -> None:  # type: ignore[no-untyped-def]
    body, summary, embed, _ = world
    rng = np.random.default_rng(1)
    # Orthogonal to every body sentence: related to none of them.
    basis, _ = np.linalg.qr(np.stack([embed.table[t] for t in body]).T)
    v = rng.normal(size=64)
    embed.table["something the body never says"] = _unit(v - basis @ (basis.T @ v))
    links = align_summary(body, [*summary, "something the body never says"], embed)
    assert ((), (len(summary),), 0.0) in links


def test_mode_is_chosen_from_length_ratio() -> None:
    body = ["A long sentence of the body that goes on for a while."] * 30
    assert choose_mode(body, body[:3]) == "summary"
    assert choose_mode(body[:3], body) == "summary"
    assert choose_mode(body, body[:25]) == "translation"


def test_links_are_numbered_in_summary_order(world) -> None:  # type: ignore[no-untyped-def]
    body, summary, embed, gold = world
    links = align(body, summary, embed, "summary")
    assert [link.id for link in links] == list(range(len(links)))
    assert [link.target for link in links] == [(j,) for j in range(len(gold))]


def test_a_body_sentence_holding_both_parts_needs_no_partner() -> None:
    # The summary sentence renders body sentence A, which itself has two parts. Its first part is
    # about as close to a neighbour B (which resembles A) as to A: that is no evidence for B.
    from bitext.align.summary import SummaryParams

    rng = np.random.default_rng(3)
    dim = 64
    embed = VectorTable()
    a_vec = _unit(rng.normal(size=dim))
    b_vec = _unit(a_vec + 0.75 * _unit(rng.normal(size=dim)))
    body = ["alpha one; alpha two.", "beta."] + [f"filler {i}." for i in range(30)]
    embed.table["alpha one; alpha two."] = a_vec
    embed.table["beta."] = b_vec
    for text in body[2:]:
        embed.table[text] = _unit(rng.normal(size=dim))
    summary = ["sum one; sum two."]
    embed.table["sum one; sum two."] = _unit(a_vec + rng.normal(scale=0.01, size=dim))
    embed.table["sum one;"] = _unit(a_vec + 1.05 * b_vec)
    embed.table["sum two."] = _unit(a_vec + rng.normal(scale=0.01, size=dim))

    [(src, _, _)] = align_summary(body, summary, embed)
    assert src == (0,)
    # the same parts taken as independent evidence (the rule switched off) wrongly merge A and B
    [(loose, _, _)] = align_summary(body, summary, embed, params=SummaryParams(piece_overlap=-1.0))
    assert loose == (0, 1)
