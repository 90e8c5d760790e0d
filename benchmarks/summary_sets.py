"""Synthetic document/summary pairs for summary mode, built from Tatoeba az-en (gold links known).

No public set pairs a document with a cross-lingual summary sentence by sentence, so, as
../shared/eval/README.md suggests: a run of English sentences is the "document"; a subset of their
Azerbaijani translations is the "summary", with some neighbours merged into one summary sentence and a
few summary sentences swapped. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from eval_data import GoldLink, load_tatoeba
from score import Scores, score_multiple


@dataclass(frozen=True)
class SummarySet:
    document: list[str]  # English body
    summary: list[str]  # Azerbaijani summary
    gold: list[GoldLink]  # (document ids, summary ids), one per summary sentence, in summary order


def build_summary_sets(
    count: int = 15,
    doc_len: int = 30,
    keep: float = 0.3,
    merge: float = 0.3,
    swaps: int = 2,
    seed: int = 13,
) -> list[SummarySet]:
    """``count`` disjoint documents of ``doc_len`` sentences; keep about ``keep`` of them in the summary,
    merge a kept sentence with its kept successor with probability ``merge``, then swap ``swaps`` adjacent
    summary sentences."""
    az, en = load_tatoeba()
    rng = random.Random(seed)
    sets = []
    for d in range(count):
        start = d * doc_len
        if start + doc_len > len(en):
            break
        doc = en[start : start + doc_len]
        kept = sorted(rng.sample(range(doc_len), max(2, round(keep * doc_len))))
        units: list[list[int]] = []
        for i in kept:
            if units and units[-1][-1] == i - 1 and len(units[-1]) == 1 and rng.random() < merge:
                units[-1].append(i)
            elif units and len(units[-1]) == 1 and rng.random() < merge / 2:
                units[-1].append(i)  # merge with a non-adjacent kept sentence too: summaries do
            else:
                units.append([i])
        for _ in range(swaps):
            if len(units) > 1:
                k = rng.randrange(len(units) - 1)
                units[k], units[k + 1] = units[k + 1], units[k]
        summary = [" ".join(az[start + i] for i in unit) for unit in units]
        gold = [(tuple(unit), (k,)) for k, unit in enumerate(units)]
        sets.append(SummarySet(doc, summary, gold))
    return sets


def run_summary_bench(embed: Callable[[list[str]], np.ndarray]) -> Scores | None:
    """Score bitext.align.summary.align_summary on the synthetic sets, if the lead's module exists."""
    try:
        from bitext.align.summary import align_summary
    except ImportError:
        print("summary: bitext.align.summary.align_summary not available yet")
        return None
    sets = build_summary_sets()
    tests = []
    for s in sets:
        tests.append([(src, tgt) for src, tgt, _ in align_summary(s.document, s.summary, embed)])
    sc = score_multiple(tests, [s.gold for s in sets])
    n_links = sum(len(s.gold) for s in sets)
    print(
        f"summary (tatoeba-az-en synthetic, {len(sets)} docs, {n_links} summary links): "
        f"strict P/R/F1 {sc.strict.precision:.3f}/{sc.strict.recall:.3f}/{sc.strict.f1:.3f}, "
        f"lax {sc.lax.precision:.3f}/{sc.lax.recall:.3f}/{sc.lax.f1:.3f}"
    )
    return sc
