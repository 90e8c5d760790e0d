"""Word alignment inside one linked pair, from contextual word vectors (SimAlign's idea, pure numpy).

Jalili Sabet et al. (2020) showed that a multilingual encoder's middle-layer token vectors align words
without any training: build the cosine matrix between the two sentences' words and keep the pairs that are
each other's best match ("ArgMax"); "IterMax" repeats that for words left unaligned, so a word the first
round missed can still find its partner. This module implements both from that description.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Literal, Protocol

import numpy as np

from bitext.encoder import WORD_LAYER

Method = Literal["argmax", "itermax"]


class WordVectorsLike(Protocol):
    """What ``bitext.encoder.WordVectors`` provides (kept structural so this module needs no model)."""

    @property
    def words(self) -> list[tuple[str, int, int]]: ...

    @property
    def vectors(self) -> np.ndarray: ...


@dataclass(frozen=True)
class WordAlignment:
    """Aligned (source word, target word) index pairs and the similarity matrix they came from."""

    pairs: frozenset[tuple[int, int]]
    sim: np.ndarray

    def targets_of(self, i: int) -> list[int]:
        return list(self._targets.get(i, ()))

    def sources_of(self, j: int) -> list[int]:
        return list(self._sources.get(j, ()))

    # each word's partners, indexed once: asked of every word, a scan of the pairs per word would take time
    # that grows with the square of the sentence's length
    @cached_property
    def _targets(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for a, b in sorted(self.pairs):
            out.setdefault(a, []).append(b)
        return out

    @cached_property
    def _sources(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for a, b in sorted(self.pairs, key=lambda p: (p[1], p[0])):
            out.setdefault(b, []).append(a)
        return out


def similarity_matrix(src: np.ndarray, tgt: np.ndarray) -> np.ndarray:
    """Cosine similarities, shape (len(src), len(tgt)); rows are re-normalised in case they are not."""
    a = _normalise(np.asarray(src, dtype=np.float64))
    b = _normalise(np.asarray(tgt, dtype=np.float64))
    return np.asarray(a @ b.T)


def _normalise(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(norms == 0.0, 1.0, norms)


def argmax_pairs(sim: np.ndarray) -> set[tuple[int, int]]:
    """Pairs (i, j) where j is i's best target and i is j's best source."""
    if sim.size == 0:
        return set()
    best_t = sim.argmax(axis=1)
    best_s = sim.argmax(axis=0)
    return {(i, int(j)) for i, j in enumerate(best_t) if best_s[j] == i}


def itermax_pairs(sim: np.ndarray, *, rounds: int = 2, discount: float = 0.9) -> set[tuple[int, int]]:
    """ArgMax, then further rounds where only pairs with at least one still-unaligned word may join.

    A pair whose both words are free keeps its similarity, a pair with one word already aligned is
    discounted (so a second partner must be clearly best), and a pair of two aligned words is excluded.
    Very short sentences stop after the first round: there is nothing left to recover.
    """
    pairs = argmax_pairs(sim)
    m, n = sim.shape
    if min(m, n) <= 2:
        return pairs
    for _ in range(rounds - 1):
        free_s = np.ones(m, dtype=bool)
        free_t = np.ones(n, dtype=bool)
        for i, j in pairs:
            free_s[i] = False
            free_t[j] = False
        if not free_s.any() or not free_t.any():
            break
        weight = np.minimum(1.0, discount * (free_s[:, None].astype(float) + free_t[None, :].astype(float)))
        # Shift similarities to be positive so excluded cells (weight 0) can never win the argmax.
        masked = (sim - sim.min() + 1e-6) * weight
        new = {(i, j) for i, j in argmax_pairs(masked) if weight[i, j] > 0 and (i, j) not in pairs}
        if not new:
            break
        pairs |= new
    return pairs


def align_words(src: WordVectorsLike, tgt: WordVectorsLike, method: Method = "itermax") -> WordAlignment:
    """Align the words of two sentences given their contextual word vectors."""
    if len(src.words) == 0 or len(tgt.words) == 0:
        return WordAlignment(frozenset(), np.zeros((len(src.words), len(tgt.words))))
    sim = similarity_matrix(src.vectors, tgt.vectors)
    pairs = argmax_pairs(sim) if method == "argmax" else itermax_pairs(sim)
    return WordAlignment(frozenset(pairs), sim)


def map_spans(spans: list[tuple[int, int]], words: list[tuple[str, int, int]]) -> list[int | None]:
    """For each character span, the index of the encoder word overlapping it most (None if none does).

    The checks tokenise with their own rules; the encoder has its own word boundaries. Overlap of
    character offsets ties the two together without assuming they agree.
    """
    out: list[int | None] = []
    starts, ends = [ws for _, ws, _ in words], [we for _, _, we in words]
    # words in text order, none overlapping the next: those a span overlaps are one run, found by bisection
    ordered = all(a <= b for a, b in zip(ends, starts[1:], strict=False))
    for start, end in spans:
        best, best_overlap = None, 0
        first, stop = (bisect_right(ends, start), bisect_left(starts, end)) if ordered else (0, len(words))
        for k in range(first, stop):
            overlap = min(end, ends[k]) - max(start, starts[k])
            if overlap > best_overlap:
                best, best_overlap = k, overlap
        out.append(best)
    return out


class WordVectorSource(Protocol):
    """What the checks need from ``bitext.encoder.Encoder``."""

    def word_vectors(self, text: str, layer: int = WORD_LAYER) -> WordVectorsLike: ...


@dataclass(frozen=True)
class PairWords:
    """Both sides' encoder words and their alignment, for one linked pair."""

    source: WordVectorsLike
    target: WordVectorsLike
    alignment: WordAlignment


_PAIR_CACHE: dict[tuple[str, str, str], PairWords] = {}
# As many pairs as ``checks.run_checks`` checks in one chunk (its CHECK_CHUNK): the batched prefetch of
# the texts the checks embed (``unrendered.leave_out_texts``) aligns every link of a chunk before the
# checks run, and the checks then find those alignments here.
_PAIR_CACHE_SIZE = 256


def encoder_key(encoder: object) -> str:
    """What identifies an encoder's vectors in a cache: its model name (an object's id is reused once
    the object is gone, so a later encoder could be handed another model's vectors)."""
    name = getattr(encoder, "name", None)
    return name if isinstance(name, str) else f"{type(encoder).__qualname__}@{id(encoder)}"


def prefetch_words(encoder: WordVectorSource, texts: list[str]) -> None:
    """Ask a batching encoder for many texts' word vectors in one pass (it remembers them)."""
    many = getattr(encoder, "word_vectors_many", None)
    if callable(many) and texts:
        many(list(dict.fromkeys(texts)))


def pair_words(encoder: WordVectorSource, source: str, target: str, layer: int = WORD_LAYER) -> PairWords:
    """Word vectors and alignment of a pair; the opposite and omission checks of one link share them."""
    key = (encoder_key(encoder), source, target)
    found = _PAIR_CACHE.get(key)
    if found is None:
        src = encoder.word_vectors(source, layer=layer)
        tgt = encoder.word_vectors(target, layer=layer)
        found = PairWords(src, tgt, align_words(src, tgt))
        if len(_PAIR_CACHE) >= _PAIR_CACHE_SIZE:
            _PAIR_CACHE.pop(next(iter(_PAIR_CACHE)))
        _PAIR_CACHE[key] = found
    return found


def token_alignment(
    pair: PairWords, src_spans: list[tuple[int, int]], tgt_spans: list[tuple[int, int]]
) -> set[tuple[int, int]]:
    """The encoder-word alignment restated between the checks' own tokens (by character overlap)."""
    s_map = map_spans(src_spans, pair.source.words)
    t_map = map_spans(tgt_spans, pair.target.words)
    by_word: dict[int, list[int]] = {}
    for j, w in enumerate(t_map):
        if w is not None:
            by_word.setdefault(w, []).append(j)
    out: set[tuple[int, int]] = set()
    for i, w in enumerate(s_map):
        if w is None:
            continue
        for tw in pair.alignment.targets_of(w):
            out.update((i, j) for j in by_word.get(tw, []))
    return out
