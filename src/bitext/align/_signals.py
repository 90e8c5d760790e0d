"""Vectorised text signals for the translation aligner: digit strings, shared names, content, length.

The fine DP scores every candidate link in a band (tens of thousands per document), too many for
per-pair Python. Each sentence's tokens are hashed into a bit mask, a window's mask is the OR of its
sentences', and overlap is a popcount: Jaccard on sets with rare collisions.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np

from bitext.align.textsignals import text_features
from bitext.text import skeleton

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+")
_MASK_BITS = 128  # two uint64 words: a window of 4 list sentences can hold 40 names and numbers


def _bit(token: str) -> int:
    return 1 << (zlib.crc32(token.encode("utf-8")) % 64)


def number_masks(texts: Sequence[str]) -> np.ndarray:
    """Digit strings of each sentence as a uint64 bit mask."""
    nums = np.zeros(len(texts), dtype=np.uint64)
    for k, text in enumerate(texts):
        nm = 0
        for tok in text_features(text).numbers:
            nm |= _bit(tok)
        nums[k] = nm
    return nums


def _name_tokens(text: str) -> set[str]:
    """Numbers and capitalised words (as name skeletons, cut to five letters so inflections still meet)."""
    out = set()
    for match in _TOKEN.finditer(text):
        w = match.group()
        if w[0].isdigit():
            out.add("#" + w.replace(",", "").replace(".", ""))
        elif w[0].isupper() and len(w) >= 3 and not any(c.isdigit() for c in w) and skeleton(w):
            out.add(skeleton(w)[:5])
    return out


def shared_masks(src: Sequence[str], tgt: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Per sentence, a (n, 2) uint64 mask of its names and numbers that also occur in the other text.

    Keeping only tokens found on both sides drops what a language capitalises for grammar (German
    nouns, sentence starts) and keeps names, numbers and titles, which survive translation. Where
    such a token sits tells which neighbour a clause moved to when translators split or join sentences.
    """
    src_toks = [_name_tokens(t) for t in src]
    tgt_toks = [_name_tokens(t) for t in tgt]
    common = set().union(*src_toks) & set().union(*tgt_toks)
    words = _MASK_BITS // 64

    def pack(sets: list[set[str]]) -> np.ndarray:
        out = np.zeros((len(sets), words), dtype=np.uint64)
        for k, toks in enumerate(sets):
            for tok in toks & common:
                h = zlib.crc32(tok.encode("utf-8")) % _MASK_BITS
                out[k, h // 64] |= np.uint64(1 << (h % 64))
        return out

    return pack(src_toks), pack(tgt_toks)


def content(texts: Sequence[str], full: float) -> np.ndarray:
    """How much of a sentence each text is, 0..1: letters and digits over ``full``, capped at 1.

    OCR debris ("- _-", ".....") and stray page furniture carry nothing to translate, so merging them
    into a neighbour's link should earn no more than leaving them unaligned.
    """
    alnum = np.array([sum(c.isalnum() for c in t) for t in texts], dtype=np.float64)
    return np.minimum(1.0, alnum / full) if full > 0 else np.ones(len(texts))


def window_or(values: np.ndarray, width: int) -> np.ndarray:
    """out[i] = OR of values[i-width:i] for i in width..n (index i is a boundary); 0 before that."""
    n = len(values)
    out = np.zeros((n + 1, *values.shape[1:]), dtype=np.uint64)
    for k in range(width):
        out[width : n + 1] |= values[width - 1 - k : n - k]
    return out


def window_sum(values: np.ndarray, width: int) -> np.ndarray:
    """out[i] = sum of values[i-width:i] for i in width..n; 0 before that."""
    cum = np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])
    out = np.zeros(len(values) + 1, dtype=np.float64)
    out[width:] = cum[width:] - cum[:-width] if width <= len(values) else 0.0
    return out


def popcount(masks: np.ndarray) -> np.ndarray:
    """Number of set bits of each mask (a trailing axis of mask words is summed)."""
    counts = np.bitwise_count(masks).astype(np.float64)
    return np.asarray(counts.sum(axis=-1)) if counts.ndim > 1 else counts


def jaccard(
    a: np.ndarray | np.uint64, b: np.ndarray, count_a: np.ndarray | float, count_b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(Jaccard overlap, whether either side has anything) of bit masks with known popcounts."""
    inter = popcount(np.asarray(a & b))
    union = count_a + count_b - inter
    present = union > 0
    return np.where(present, inter / np.maximum(union, 1.0), 0.0), present
