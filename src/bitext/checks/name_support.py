"""What the word alignment says of a flagged name (``Support``): whether some word of the other side
renders it, and whether that word is an ordinary one the other language writes in lower case
(``rendered_as_ordinary_word``). The name check (``names.check_names``) keeps a flag only where nothing
renders its name.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bitext.checks.base import PairContext
from bitext.checks.name_words import (
    MAX_CANDIDATES,
    Word,
    same_name,
)
from bitext.model import Flag
from bitext.text import (
    WORD_RE,
)

if TYPE_CHECKING:
    from bitext.checks.wordalign import PairWords

# A flagged name stays only when every word it names falls below RENDERED_FROM in relative support
# (``evidence.relative_support``: its best cosine to the other side less its sentence's median): a name
# swapped for another leaves both unrendered, while a flag that pairs two names wrongly
# ("Kavanaugh"/"Ali" where "Ali Məhkəmə" is the Supreme Court) or a name the other language translates
# ("Mundial"/"World") has a word that is well rendered. Both bounds were chosen on the tune halves of
# benchmarks/trust_cases (DEMETR, Tatoeba, NTREX): below -0.25, name flags on DEMETR's tune half were
# 154 real to 4 on correct pairs; between -0.25 and -0.15, 92 to 28. bench_trust prints the held-out
# figures.
RENDERED_FROM = -0.25


UNRENDERED_BELOW = -0.25  # facing a caseless text, a name this far below its sentence is not rendered


SpanSet = frozenset[tuple[int, int]]


@dataclass(frozen=True)
class Support:
    """Relative support of a pair's words (``evidence.relative_support``). ``counterparts``: on each side
    (source, target), the spans of the names that spell a name of the other side; a name of the other
    side that one of them faces is rendered by it, and lends no support to another."""

    words: PairWords
    counterparts: tuple[SpanSet, SpanSet] = (frozenset(), frozenset())

    @classmethod
    def of(cls, ctx: PairContext) -> Support:
        from bitext.checks.wordalign import pair_words

        assert ctx.encoder is not None
        return cls(pair_words(ctx.encoder, ctx.source_text, ctx.target_text))

    def at(
        self, span: tuple[int, int] | None, source_side: bool, not_from: SpanSet = frozenset()
    ) -> float | None:
        from bitext.checks.evidence import relative_support

        return relative_support(self.words, span, source_side, not_from)

    def renders(self, flag: Flag) -> bool:
        """Some flagged word is about as well rendered as the sentence's ordinary words, by a word that
        is not another name's counterpart: "Morawiecki" left out beside "Jarosław Kaczyński" finds its
        best partner in "Kaczyński", which renders "Kaczyński"."""
        src, tgt = self.counterparts
        sides = [self.at(flag.source_span, True, tgt), self.at(flag.target_span, False, src)]
        return any(v is not None and v >= RENDERED_FROM for v in sides)

    def with_counterparts(self, sides: tuple[list[Word], list[Word]]) -> Support:
        """The same support, knowing which names of each side spell one of the other (``same_name``).
        Each side's first ``MAX_CANDIDATES`` capitalised words are compared, as ``unmatched_names`` compares
        them: past that the text is no prose, and comparing every pair would take time that grows with the
        square of its length."""
        src = [w for w in sides[0] if w.capital][:MAX_CANDIDATES]
        tgt = [w for w in sides[1] if w.capital][:MAX_CANDIDATES]
        pairs = [(s, t) for s in src for t in tgt if same_name(s, t)]
        return replace(
            self,
            counterparts=(
                frozenset((s.start, s.end) for s, _ in pairs),
                frozenset((t.start, t.end) for _, t in pairs),
            ),
        )


def lone_names(sides: tuple[list[Word], list[Word]], named: Support) -> tuple[SpanSet, SpanSet]:
    """Each side's capitalised words (the first ``MAX_CANDIDATES``, as ``Support.with_counterparts``
    reads them) that spell no name of the other side: ``named``'s counterparts taken away."""
    src, tgt = (
        frozenset((w.start, w.end) for w in [w for w in words if w.capital][:MAX_CANDIDATES])
        for words in sides
    )
    return src - named.counterparts[0], tgt - named.counterparts[1]


def rendered_as_ordinary_word(ctx: PairContext, flag: Flag, support: Support) -> bool:
    """A flagged word that the word alignment pairs with a lower-case word of the other side
    ("Members"/"üzvləri", "Voters"/"seçicilər") is an ordinary word the other language does not
    capitalise, not a name; unless nothing renders it at all (its relative support is below
    UNRENDERED_BELOW): then the aligner paired it with a word it had to put somewhere."""
    sides = [support.at(flag.source_span, True), support.at(flag.target_span, False)]
    if any(v is not None and v < UNRENDERED_BELOW for v in sides):
        return False
    from bitext.checks.wordalign import pair_words, token_alignment

    src = [(m.start(), m.end()) for m in WORD_RE.finditer(ctx.source_text)]
    tgt = [(m.start(), m.end()) for m in WORD_RE.finditer(ctx.target_text)]
    assert ctx.encoder is not None
    pairs = token_alignment(pair_words(ctx.encoder, ctx.source_text, ctx.target_text), src, tgt)
    Spans = list[tuple[int, int]]

    def lower_partner(span: tuple[int, int] | None, mine: Spans, theirs: Spans, text: str, fwd: bool) -> bool:
        if span is None:
            return False
        idx = [k for k, (a, b) in enumerate(mine) if a < span[1] and span[0] < b]
        partners = [j if fwd else i for i, j in pairs if (i if fwd else j) in idx]
        # a short word ("in", "w") is where the aligner puts a word it finds no partner for
        words = [text[theirs[p][0] : theirs[p][1]] for p in partners]
        words = [w for w in words if len(w) >= 4]
        return bool(words) and all(w[:1].islower() for w in words)

    return lower_partner(flag.source_span, src, tgt, ctx.target_text, True) or lower_partner(
        flag.target_span, tgt, src, ctx.source_text, False
    )
