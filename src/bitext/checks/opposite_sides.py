"""The two sides of a pair as the opposite-meaning checks read them (``opposite``, ``negation``): tokens by
each language's contrast lexicon (``Side``), the word alignment between them, computed on first use
(``Aligner``), their length ratio and their clauses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from bitext.checks.base import PairContext
from bitext.checks.contrasts import (
    Hit,
    Lexicon,
    Token,
    contrast_hits,
    load_lexicon,
)
from bitext.checks.wordalign import (
    WordVectorSource,
    pair_words,
    token_alignment,
)

CLAUSE_PUNCT = re.compile(r"[.!?;:…,]")


# A linked pair whose sides differ more than this in content words is probably not a plain translation;
# without word alignment we then stay quiet rather than guess which clause a word belongs to.
MAX_LENGTH_RATIO = 2.0


LETTER_SMOOTHING = 10


# Summaries shorten: a negation may only be missing because its clause was left out.
MAX_LENGTH_RATIO_SUMMARY = 1.5


@dataclass(frozen=True)
class Side:
    text: str
    lang: str
    lex: Lexicon
    tokens: list[Token]

    def span(self, i: int) -> tuple[int, int]:
        return self.tokens[i].start, self.tokens[i].end

    def word(self, i: int) -> str:
        return self.tokens[i].text

    @cached_property
    def hits(self) -> list[Hit]:
        """The side's contrast words, read once: the reversals and the negation's reach both ask."""
        return contrast_hits(self.lex, self.tokens, self.text)


class Aligner:
    """Token alignment computed on first use: most pairs need no encoder call at all."""

    def __init__(self, ctx: PairContext, src: Side, tgt: Side) -> None:
        self.encoder: WordVectorSource | None = ctx.encoder
        self._src, self._tgt = src, tgt
        self._pairs: set[tuple[int, int]] | None = None

    @property
    def available(self) -> bool:
        return self.encoder is not None

    def pairs(self) -> set[tuple[int, int]]:
        if self._pairs is None:
            self._pairs = set()
            if self.encoder is not None:
                pw = pair_words(self.encoder, self._src.text, self._tgt.text)
                self._pairs = token_alignment(
                    pw,
                    [(t.start, t.end) for t in self._src.tokens],
                    [(t.start, t.end) for t in self._tgt.tokens],
                )
        return self._pairs

    def targets(self, i: int) -> list[int]:
        return sorted(j for a, j in self.pairs() if a == i)

    def sources(self, j: int) -> list[int]:
        return sorted(i for i, b in self.pairs() if b == j)


def sides_of(ctx: PairContext) -> tuple[Side, Side] | None:
    """Both sides tokenised by their contrast lexicons; None without a lexicon or a word on each side."""
    src, tgt = side_of(ctx.source_text, ctx.source_lang), side_of(ctx.target_text, ctx.target_lang)
    return (src, tgt) if src is not None and tgt is not None and src.tokens and tgt.tokens else None


@lru_cache(maxsize=1024)
def side_of(text: str, lang: str) -> Side | None:
    """One side tokenised by its lexicon, once: the runner asks for a chunk's fallback words
    (``opposite.fallback_words``) before the check itself reads the same sides (a chunk is at most 256
    links)."""
    lex = load_lexicon(lang)
    return None if lex is None else Side(text, lang, lex, lex.tokens(text))


def length_ratio(src: Side, tgt: Side) -> float:
    # Letters, not words: agglutinative languages pack into one word what English spreads over four.
    # The added constant keeps two very short sentences ("It's not blood." / "Bu qan.") comparable.
    a = src.lex.char_weight * sum(len(t.text) for t in src.tokens) + LETTER_SMOOTHING
    b = tgt.lex.char_weight * sum(len(t.text) for t in tgt.tokens) + LETTER_SMOOTHING
    return max(a, b) / min(a, b)


def clause_ids(side: Side) -> list[int]:
    """Each token's clause, numbered from 0, read once (a text of many negations is not walked once per
    negation): clauses end at clause punctuation, a comma included."""
    ids = [0] * len(side.tokens)
    for k in range(1, len(side.tokens)):
        apart = CLAUSE_PUNCT.search(side.text, side.tokens[k - 1].end, side.tokens[k].start) is not None
        ids[k] = ids[k - 1] + apart
    return ids
