"""Vecalign-style scoring of sentence alignments: strict and lax precision / recall / F1.

Semantics follow Vecalign's ``score.py`` (Thompson & Koehn 2019), re-implemented here:
- precision is over the test links, *including* unaligned ones (``[]:[5]``): an unaligned link is a hit
  only if the gold has the same one, so wrongly dropping a sentence costs precision;
- recall is over the gold links *without* unaligned ones (``count_unaligned=False`` drops them from
  precision too, the simpler convention some papers use);
- strict: both sides identical to a gold link; lax: the test link's source overlaps some gold link whose
  target overlaps the test link's target.
Counts are summed over documents before dividing (micro average).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Link = tuple[Sequence[int], Sequence[int]]
_Key = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class Scores:
    strict: PRF
    lax: PRF


def _keys(links: Iterable[Link], *, keep_unaligned: bool) -> set[_Key]:
    out = set()
    for s, t in links:
        key = (tuple(s), tuple(t))
        if (key[0] and key[1]) or (keep_unaligned and (key[0] or key[1])):
            out.add(key)
    return out


def _hits(test: set[_Key], gold: set[_Key]) -> tuple[int, int, int]:
    """(strict hits, lax hits, number of test links) of ``test`` judged against ``gold``."""
    gold_targets: dict[int, set[int]] = defaultdict(set)
    for g_src, g_tgt in gold:
        for s in g_src:
            gold_targets[s].update(g_tgt)
    strict = lax = 0
    for t_src, t_tgt in test:
        if (t_src, t_tgt) in gold:
            strict += 1
            lax += 1
        elif any(gold_targets[s].intersection(t_tgt) for s in t_src):
            lax += 1
    return strict, lax, len(test)


def _prf(hit: int, total_p: int, hit_r: int, total_r: int) -> PRF:
    p = hit / total_p if total_p else 0.0
    r = hit_r / total_r if total_r else 0.0
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def score_multiple(
    tests: Sequence[Iterable[Link]], golds: Sequence[Iterable[Link]], *, count_unaligned: bool = True
) -> Scores:
    """Micro-averaged strict and lax scores over several documents (test i is scored against gold i)."""
    ps = pl = pn = rs = rl = rn = 0
    for test, gold in zip(tests, golds, strict=True):
        test, gold = list(test), list(gold)
        s, la, k = _hits(
            _keys(test, keep_unaligned=count_unaligned), _keys(gold, keep_unaligned=count_unaligned)
        )
        ps, pl, pn = ps + s, pl + la, pn + k
        s, la, k = _hits(_keys(gold, keep_unaligned=False), _keys(test, keep_unaligned=False))
        rs, rl, rn = rs + s, rl + la, rn + k
    return Scores(_prf(ps, pn, rs, rn), _prf(pl, pn, rl, rn))


def score(test: Iterable[Link], gold: Iterable[Link], *, count_unaligned: bool = True) -> Scores:
    return score_multiple([list(test)], [list(gold)], count_unaligned=count_unaligned)
