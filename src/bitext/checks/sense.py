"""Sense: a word rendered by a near-synonym of another of its senses (kind ``sense``).

"Popular support" rendered as "famous support", "the party won" as "the celebration won": the word on the
other side is related, so the sentence still reads well and a sentence cosine barely moves. What does
move is that word's own alignment: in context, the encoder pairs it with its source word much less closely
than it pairs the rest of the sentence. This check flags the aligned content word pair that stands out
lowest against the pair's other aligned content words; the fitted scorer (``scoring``) then says how far
that deserves trust, and the benchmark (``benchmarks/bench_trust.py``) measures it on built pairs.
"""

from __future__ import annotations

import statistics

from bitext.checks.base import PairContext, check
from bitext.checks.evidence import is_content
from bitext.checks.wordalign import pair_words
from bitext.model import Flag
from bitext.text import language_name

MIN_ALIGNED = 4  # content word pairs needed before one can stand out
LOW = 0.66  # an aligned pair above this cosine is a close rendering whatever the rest does
GAP = 0.12  # how far below the median of the other aligned content pairs a pair must be


@check("sense", needs_encoder=True)
def sense(ctx: PairContext) -> list[Flag]:
    """A word may be rendered by a near-synonym of another of its senses ("popular support" as "famous
    support"): it is paired with its source word much less closely than the rest of the sentence is.
    Translation mode only; needs the encoder."""
    if ctx.encoder is None or ctx.mode != "translation":
        return []
    pw = pair_words(ctx.encoder, ctx.source_text, ctx.target_text)
    src_words, tgt_words = pw.source.words, pw.target.words
    pairs = [
        (float(pw.alignment.sim[i, j]), i, j)
        for i, j in pw.alignment.pairs
        if _candidate(src_words[i][0], True) and _candidate(tgt_words[j][0], False)
    ]
    if len(pairs) < MIN_ALIGNED:
        return []
    pairs.sort()
    low, i, j = pairs[0]
    rest = statistics.median(c for c, _i, _j in pairs[1:])
    if low >= LOW or rest - low < GAP:
        return []
    sw, ss, se = src_words[i]
    tw, ts, te = tgt_words[j]
    return [Flag(
        "sense", "info", sw, tw, (ss, se), (ts, te),
        f"The {language_name(ctx.target_lang)} '{tw}' renders the {language_name(ctx.source_lang)} '{sw}' "
        "much "
        f"less closely than the rest of the sentence is rendered (word similarity {low:.2f} against "
        f"{rest:.2f}): check that it carries the sense meant here",
    )]  # fmt: skip


def _candidate(word: str, source: bool) -> bool:
    """A content word, not a number; on the target side not capitalised either (a name is carried over,
    not rendered; the source may be a language that capitalises every noun)."""
    if not is_content(word) or any(ch.isdigit() for ch in word):
        return False
    return source or not word[:1].isupper()
