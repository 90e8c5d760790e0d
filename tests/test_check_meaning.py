"""The meaning check compares a link's score with its document's own distribution."""

from __future__ import annotations

from bitext.checks.base import DocumentStats, PairContext
from bitext.checks.meaning import meaning
from bitext.model import Flag, Link


def stats(scores: list[float]) -> DocumentStats:
    s = sorted(scores)
    med = s[len(s) // 2]
    mad = sorted(abs(x - med) for x in s)[len(s) // 2]
    return DocumentStats(tuple(scores), med, mad)


DOC = [0.90, 0.91, 0.89, 0.92, 0.88, 0.90, 0.93, 0.87, 0.90, 0.91]


def run(score: float, doc: list[float], target: tuple[int, ...] = (0,)) -> list[Flag]:
    link = Link(0, (0,), target, score)
    return meaning(PairContext(link, "The ship sailed.", "Gəmi üzdü.", "en", "az", "translation",
                               stats=stats([*doc, score])))


def test_far_below_is_major_and_says_how_unusual() -> None:
    [flag] = run(0.40, DOC)
    assert (flag.kind, flag.severity) == ("meaning", "major")
    assert "MADs below" in flag.message and "median 0.90" in flag.message


def test_moderately_below_is_minor() -> None:
    [flag] = run(0.70, [0.80, 0.82, 0.78, 0.85, 0.75, 0.80, 0.84, 0.76, 0.81, 0.79])
    assert flag.severity == "minor"


def test_usual_scores_and_small_documents_are_quiet() -> None:
    assert run(0.88, DOC) == []
    assert run(0.40, DOC[:3]) == []  # too few links to know what is usual
    assert run(0.80, DOC) == []  # unusual here, but above the absolute floor
    assert run(0.10, DOC, target=()) == []
