"""Summary-mode evaluation sets built from Tatoeba az-en (recipe in ../shared/eval/README.md).

A "document" is a run of English sentences; its "summary" is a subset of their Azerbaijani
translations: most sentences dropped, some neighbours merged into one summary sentence (and some
non-adjacent pairs merged too), and a few summary sentences moved out of order. The gold links are
known by construction. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from eval_data import load_tatoeba


@dataclass(frozen=True)
class SummarySet:
    body: list[str]
    summary: list[str]
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]]  # (body ids, summary ids)


def build_sets(n_sets: int = 20, body_len: int = 50, keep: float = 0.2, seed: int = 13) -> list[SummarySet]:
    az, en = load_tatoeba()
    rng = random.Random(seed)
    sets = []
    for _ in range(n_sets):
        ids = rng.sample(range(len(en)), body_len)
        body = [en[i] for i in ids]
        chosen = sorted(rng.sample(range(body_len), max(2, int(body_len * keep))))
        groups: list[tuple[int, ...]] = []
        k = 0
        while k < len(chosen):
            r = rng.random()
            if r < 0.2 and k + 1 < len(chosen):
                groups.append((chosen[k], chosen[k + 1]))  # merge two (adjacent in the summary)
                k += 2
            elif r < 0.25 and k + 2 < len(chosen):
                groups.append((chosen[k], chosen[k + 1], chosen[k + 2]))
                k += 3
            else:
                groups.append((chosen[k],))
                k += 1
        # Reorder: swap a few summary sentences.
        for _ in range(max(1, len(groups) // 5)):
            a, b = rng.randrange(len(groups)), rng.randrange(len(groups))
            groups[a], groups[b] = groups[b], groups[a]
        summary = [" ".join(az[ids[i]] for i in g) for g in groups]
        gold: list[tuple[tuple[int, ...], tuple[int, ...]]] = [(g, (j,)) for j, g in enumerate(groups)]
        sets.append(SummarySet(body, summary, gold))
    return sets
