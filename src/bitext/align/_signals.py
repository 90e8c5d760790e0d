"""Vectorised text signals for the translation aligner: digit strings, capitalised names, length.

The fine DP scores every candidate link in a band (tens of thousands per document), too many for
per-pair Python. Each sentence's numbers and name prefixes are hashed into a 64-bit mask, a window's
mask is the OR of its sentences', and overlap is a popcount: Jaccard on sets with rare collisions.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np

from bitext.align.textsignals import text_features


def _bit(token: str) -> int:
    return 1 << (zlib.crc32(token.encode("utf-8")) % 64)


def masks(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(numbers, names) bit masks, one uint64 each per sentence."""
    nums = np.zeros(len(texts), dtype=np.uint64)
    names = np.zeros(len(texts), dtype=np.uint64)
    for k, text in enumerate(texts):
        feats = text_features(text)
        nm = 0
        for tok in feats.numbers:
            nm |= _bit(tok)
        am = 0
        for tok in feats.names:
            am |= _bit(tok)
        nums[k] = nm
        names[k] = am
    return nums, names


def window_or(values: np.ndarray, width: int) -> np.ndarray:
    """out[i] = OR of values[i-width:i] for i in width..n (index i is a boundary); 0 before that."""
    n = len(values)
    out = np.zeros(n + 1, dtype=np.uint64)
    for k in range(width):
        out[width : n + 1] |= values[width - 1 - k : n - k]
    return out


def window_sum(values: np.ndarray, width: int) -> np.ndarray:
    """out[i] = sum of values[i-width:i] for i in width..n; 0 before that."""
    cum = np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])
    out = np.zeros(len(values) + 1, dtype=np.float64)
    out[width:] = cum[width:] - cum[:-width] if width <= len(values) else 0.0
    return out


def jaccard(a: np.ndarray | np.uint64, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(Jaccard overlap, whether either side has anything) of bit masks."""
    union = np.bitwise_count(a | b).astype(np.float64)
    inter = np.bitwise_count(a & b).astype(np.float64)
    present = union > 0
    return np.where(present, inter / np.maximum(union, 1.0), 0.0), present
