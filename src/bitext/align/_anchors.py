"""Coarse pass of the translation aligner: sure 1-1 anchors and the band the fine pass searches.

Memory stays linear: similarities are computed one block of source rows at a time and only the best
target of each row (and the best source of each column) is kept, never the full n x m matrix.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

_BLOCK = 1024


def mutual_best(src: np.ndarray, tgt: np.ndarray, margin: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i, j) where j is i's most similar target and i is j's most similar source, each by more
    than ``margin`` over the runner-up.

    Mutual nearest neighbours are the high-precision subset of 1-1 links: a wrong pair must beat
    every alternative in both directions to get in. A sentence with a twin on its own side (a repeated
    heading, boilerplate, a refrain) ties with the twin and is no anchor: which copy it is cannot be
    told from its vector, and an anchor at the wrong copy would pull the band off the diagonal.
    Ties are exact only where the arithmetic is: a matrix product may round two equal rows differently
    (it depends on the processor's kernels), so ``anchors`` also drops twins by their text.
    """
    n, m = len(src), len(tgt)
    row_best = np.zeros(n, dtype=np.int64)
    row_gap = np.full(n, np.inf, dtype=np.float32)
    col_best = np.zeros(m, dtype=np.int64)
    col_val = np.full(m, -np.inf, dtype=np.float32)
    col_second = np.full(m, -np.inf, dtype=np.float32)
    cols = np.arange(m)
    for start in range(0, n, _BLOCK):
        sims = src[start : start + _BLOCK] @ tgt.T
        rows = np.arange(len(sims))
        best = sims.argmax(axis=1)
        row_best[start : start + len(sims)] = best
        if m > 1:
            top = sims[rows, best]
            sims[rows, best] = -np.inf
            row_gap[start : start + len(sims)] = top - sims.max(axis=1)
            sims[rows, best] = top
        blk_arg = sims.argmax(axis=0)
        blk_val = sims[blk_arg, cols]
        if len(sims) > 1:
            sims[blk_arg, cols] = -np.inf
            blk_second = sims.max(axis=0)
        else:
            blk_second = np.full(m, -np.inf, dtype=np.float32)
        better = blk_val > col_val
        # the runner-up of a column is the better of the loser's best and each side's own runner-up
        col_second = np.where(better, np.maximum(col_val, blk_second), np.maximum(col_second, blk_val))
        col_val[better] = blk_val[better]
        col_best[better] = blk_arg[better] + start
    col_gap = col_val - col_second
    rows = np.arange(n)
    keep = (col_best[row_best] == rows) & (row_gap > margin) & (col_gap[row_best] > margin)
    return rows[keep], row_best[keep]


def anchors(
    src: np.ndarray, tgt: np.ndarray, src_texts: Sequence[str], tgt_texts: Sequence[str]
) -> list[tuple[int, int]]:
    """Sure 1-1 anchors: mutual best pairs, neither sentence repeated on its own side, in a monotone chain."""
    rows, cols = mutual_best(src, tgt)
    keep = ~(_twins(src_texts)[rows] | _twins(tgt_texts)[cols])
    return monotone_chain(rows[keep], cols[keep])


def _twins(texts: Sequence[str]) -> np.ndarray:
    """Which texts occur more than once (whitespace and case aside)."""
    keys = [" ".join(t.split()).casefold() for t in texts]
    counts = Counter(keys)
    return np.array([counts[k] > 1 for k in keys], dtype=bool)


def monotone_chain(rows: np.ndarray, cols: np.ndarray) -> list[tuple[int, int]]:
    """Longest chain of pairs increasing in both coordinates (rows are already increasing).

    Wrong mutual pairs usually break monotonicity with their neighbours, so the longest increasing
    subsequence drops them. O(k log k) patience sorting.
    """
    tails: list[int] = []  # tails[L] = index of the smallest col ending a chain of length L+1
    tail_cols: list[int] = []
    prev = [-1] * len(rows)
    for k, c in enumerate(cols.tolist()):
        pos = int(np.searchsorted(tail_cols, c, side="left"))
        prev[k] = tails[pos - 1] if pos > 0 else -1
        if pos == len(tails):
            tails.append(k)
            tail_cols.append(c)
        else:
            tails[pos] = k
            tail_cols[pos] = c
    chain: list[tuple[int, int]] = []
    k = tails[-1] if tails else -1
    while k >= 0:
        chain.append((int(rows[k]), int(cols[k])))
        k = prev[k]
    return chain[::-1]


def band(
    anchors: list[tuple[int, int]], n: int, m: int, width: int, cap: int
) -> tuple[np.ndarray, np.ndarray]:
    """For each boundary i in 0..n, the range [lo[i], hi[i]] of target boundaries the fine DP visits.

    Between two anchors (i1, j1) and (i2, j2) the true path stays inside [j1, j2]; ``width`` adds slack
    in case an anchor is slightly off. Where anchors are far apart the range is capped around the
    straight line between them, so memory stays linear even when no anchors are found.
    """
    pts = [(0, 0), *((i + 1, j + 1) for i, j in anchors), (n, m)]
    pts.sort()
    ai = np.array([p[0] for p in pts], dtype=np.float64)
    aj = np.array([p[1] for p in pts], dtype=np.float64)
    rows = np.arange(n + 1)
    seg = np.clip(np.searchsorted(ai, rows, side="right") - 1, 0, len(ai) - 1)
    nxt = np.minimum(seg + 1, len(ai) - 1)
    lo = aj[seg] - width
    hi = aj[nxt] + width
    center = np.interp(rows, ai, aj)
    lo = np.maximum(lo, center - cap)
    hi = np.minimum(hi, center + cap)
    lo_i = np.clip(np.floor(lo), 0, m).astype(np.int64)
    hi_i = np.clip(np.ceil(hi), 0, m).astype(np.int64)
    lo_i[0] = 0
    hi_i[-1] = m
    lo_i = np.maximum.accumulate(lo_i)
    hi_i = np.maximum.accumulate(hi_i)
    # Each row must overlap the previous one so a path always exists (1-0 and 0-1 steps connect them).
    hi_i = np.maximum(hi_i, lo_i)
    lo_i[1:] = np.minimum(lo_i[1:], hi_i[:-1])
    return lo_i, hi_i
