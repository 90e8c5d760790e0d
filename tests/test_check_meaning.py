"""The meaning check judges a pair on its own, with the fitted pair scorer (never by rank in a document)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pytest

from bitext.checks.base import PairContext
from bitext.checks.evidence import PairEvidence, SideSupport
from bitext.checks.meaning import meaning
from bitext.checks.scoring import scoring_model
from bitext.checks.wordalign import PairWords, WordAlignment
from bitext.model import Link


@pytest.fixture
def words() -> PairWords:
    @dataclass
    class WV:
        words: list[tuple[str, int, int]]
        vectors: np.ndarray

    empty = WV([], np.zeros((0, 4)))
    return PairWords(empty, empty, WordAlignment(frozenset(), np.zeros((0, 0))))


def ctx_with(evidence: PairEvidence, mode: str = "translation") -> PairContext:
    link = Link(0, (0,), (0,), 0.9)
    return PairContext(link, "The ship sailed.", "Gəmi üzdü.", "en", "az", mode, evidence=evidence)  # type: ignore[arg-type]


def test_a_well_rendered_pair_is_quiet_and_a_half_rendered_one_is_flagged(words: PairWords) -> None:
    good = PairEvidence(0.93, SideSupport(0.80, 0.0, 0.70, 0), SideSupport(0.80, 0.0, 0.70, 0), 0.1, words)
    assert meaning(ctx_with(good)) == []
    bad = PairEvidence(0.80, SideSupport(0.50, 0.6, 0.25, 4), SideSupport(0.50, 0.6, 0.25, 4), 0.9, words)
    [flag] = meaning(ctx_with(bad))
    model = scoring_model()
    assert model is not None and flag.confidence is not None
    assert flag.kind == "meaning" and flag.severity == model.severity(flag.confidence)
    assert "no clear counterpart" in flag.message


def test_more_unrendered_words_never_lower_the_confidence(words: PairWords) -> None:
    model = scoring_model()
    assert model is not None
    base = PairEvidence(0.86, SideSupport(0.65, 0.2, 0.45, 1), SideSupport(0.65, 0.2, 0.45, 1), 0.2, words)
    worse = replace(base, target=SideSupport(0.55, 0.5, 0.30, 3))
    assert model.pair_probability(worse) >= model.pair_probability(base)


def test_summary_links_and_pairs_without_evidence_are_not_judged(words: PairWords) -> None:
    bad = PairEvidence(0.80, SideSupport(0.50, 0.6, 0.25, 4), SideSupport(0.50, 0.6, 0.25, 4), 0.9, words)
    assert meaning(ctx_with(bad, mode="summary")) == []
    link = Link(0, (0,), (0,), 0.1)
    assert meaning(PairContext(link, "The ship sailed.", "Gəmi üzdü.", "en", "az", "translation")) == []
