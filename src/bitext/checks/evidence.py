"""What the encoder says about one linked pair, as numbers a fitted scorer can weigh.

Two kinds of evidence, both language-independent (they come from the multilingual encoder, not from word
lists):
- the sentence cosine of the two sides;
- word support (SimAlign's word alignment, ``wordalign``): for each word of one side, its best cosine to
  any word of the other side. A divergent pair leaves words on one side that nothing on the other side
  renders: a low mean support, a share of weakly supported words, a run of them.

``PairEvidence.features`` is the vector the scorer (``scoring``) was fitted on; its order is part of the
fitted model file, so a change here means a refit (``benchmarks/fit_scorer.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from bitext.checks.wordalign import PairWords, pair_words

if TYPE_CHECKING:
    from bitext.checks.base import PairContext

# Below this best cosine (layer-8 word vectors of the shipped encoder) a word has no clear counterpart.
WEAK_SUPPORT = 0.55
# Words this short (in letters) are mostly function words; CJK characters always count.
MIN_CONTENT_LETTERS = 4

FEATURES: tuple[str, ...] = (
    "cosine",
    "src_support",
    "tgt_support",
    "src_weak_share",
    "tgt_weak_share",
    "src_min_support",
    "tgt_min_support",
    "src_weak_run",
    "tgt_weak_run",
    "length_ratio",
)


@dataclass(frozen=True)
class SideSupport:
    """Word support of one side: per-word best cosine to the other side, content words only."""

    mean: float
    weak_share: float
    minimum: float
    weak_run: int  # longest run of consecutive weakly supported content words

    @classmethod
    def of(cls, best: np.ndarray, content: np.ndarray) -> SideSupport:
        values = best[content]
        if values.size == 0:
            return cls(1.0, 0.0, 1.0, 0)
        weak = best < WEAK_SUPPORT
        run = longest = 0
        for is_content, is_weak in zip(content, weak, strict=True):
            if not is_content:
                continue
            run = run + 1 if is_weak else 0
            longest = max(longest, run)
        return cls(float(values.mean()), float(weak[content].mean()), float(values.min()), longest)


@dataclass(frozen=True)
class PairEvidence:
    cosine: float
    source: SideSupport
    target: SideSupport
    length_ratio: float  # |log(source characters / target characters)|
    words: PairWords

    @property
    def features(self) -> list[float]:
        s, t = self.source, self.target
        return [
            self.cosine,
            s.mean,
            t.mean,
            s.weak_share,
            t.weak_share,
            s.minimum,
            t.minimum,
            float(min(s.weak_run, 6)),
            float(min(t.weak_run, 6)),
            self.length_ratio,
        ]

    def support(self, span: tuple[int, int] | None, source_side: bool) -> float | None:
        """Mean best cosine of the words inside ``span`` (a flag's span) to the other side."""
        if span is None:
            return None
        side = self.words.source if source_side else self.words.target
        sim = self.words.alignment.sim if source_side else self.words.alignment.sim.T
        rows = [k for k, (_w, ws, we) in enumerate(side.words) if ws < span[1] and we > span[0]]
        if not rows or sim.shape[1] == 0:
            return None
        return float(sim[rows].max(axis=1).mean())

    def span_similarity(
        self, source_span: tuple[int, int] | None, target_span: tuple[int, int] | None
    ) -> float | None:
        """Best cosine between a word of the source span and a word of the target span."""
        if source_span is None or target_span is None:
            return None
        s_rows = [
            k
            for k, (_w, a, b) in enumerate(self.words.source.words)
            if a < source_span[1] and b > source_span[0]
        ]
        t_rows = [
            k
            for k, (_w, a, b) in enumerate(self.words.target.words)
            if a < target_span[1] and b > target_span[0]
        ]
        if not s_rows or not t_rows:
            return None
        return float(self.words.alignment.sim[np.ix_(s_rows, t_rows)].max())


def is_content(word: str) -> bool:
    letters = sum(ch.isalpha() for ch in word)
    if letters == 0:
        return False
    if letters == 1 and len(word) == 1 and ord(word) >= 0x2E80:  # one CJK character
        return True
    return letters >= MIN_CONTENT_LETTERS or any(ord(ch) >= 0x2E80 for ch in word)


def _side(pw: PairWords, source_side: bool) -> SideSupport:
    side = pw.source if source_side else pw.target
    sim = pw.alignment.sim if source_side else pw.alignment.sim.T
    n = len(side.words)
    if n == 0:
        return SideSupport(1.0, 0.0, 1.0, 0)
    best = sim.max(axis=1) if sim.shape[1] else np.zeros(n)
    content = np.array([is_content(w) for w, _s, _e in side.words], dtype=bool)
    return SideSupport.of(np.asarray(best, dtype=np.float64), content)


def pair_evidence(ctx: PairContext) -> PairEvidence | None:
    """The encoder's evidence on ``ctx``'s pair, or None without an encoder or without text."""
    encoder = ctx.encoder
    if encoder is None or not ctx.source_text.strip() or not ctx.target_text.strip():
        return None
    vectors = encoder.encode([ctx.source_text, ctx.target_text])
    cosine = float(np.dot(vectors[0], vectors[1]))
    pw = pair_words(encoder, ctx.source_text, ctx.target_text)
    ratio = abs(math.log(max(len(ctx.source_text), 1) / max(len(ctx.target_text), 1)))
    return PairEvidence(cosine, _side(pw, True), _side(pw, False), ratio, pw)


def relative_support(
    pw: PairWords,
    span: tuple[int, int] | None,
    source_side: bool,
    not_from: frozenset[tuple[int, int]] = frozenset(),
) -> float | None:
    """The weakest support (best cosine to any word of the other side) of the words inside ``span``,
    less the median support of its side's content words; None without a span or words. The other
    side's words that overlap a span of ``not_from`` lend no support (the median is read as ever).

    Sentences differ in how well the encoder aligns them (Chinese and Japanese lower than Spanish), so
    a word's own support says less than its distance below its sentence's ordinary words: a name or
    phrase that the other side renders stands near that median, one that nothing renders well below it.
    """
    if span is None:
        return None
    side = pw.source if source_side else pw.target
    sim = pw.alignment.sim if source_side else pw.alignment.sim.T
    if sim.size == 0:
        return None
    best = sim.max(axis=1)
    rows = [k for k, (_w, ws, we) in enumerate(side.words) if ws < span[1] and we > span[0]]
    if not rows:
        return None
    content = [k for k, (w, _s, _e) in enumerate(side.words) if is_content(w)]
    middle = float(np.median(best[content])) if content else 0.0
    if not_from:
        other = pw.target if source_side else pw.source
        lenders = [
            k for k, (_w, ws, we) in enumerate(other.words) if not any(a < we and ws < b for a, b in not_from)
        ]
        if not lenders:
            return None
        return float(sim[np.ix_(rows, lenders)].max(axis=1).min()) - middle
    return float(best[rows].min()) - middle
