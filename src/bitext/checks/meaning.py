"""Meaning: a link whose alignment confidence is far below what is usual in this document.

Scores are only comparable within one document (the encoder's cosines are compressed and differ by
domain and language pair), so the yardstick is the document's own median and median absolute deviation
(MAD), not a fixed threshold; a fixed floor only keeps a uniformly good document from flagging its
slightly weaker links.
"""

from __future__ import annotations

from bitext.checks.base import PairContext, check
from bitext.model import Flag, Severity
from bitext.text import clip

MIN_LINKS = 8  # fewer links give no distribution to compare with
MINOR_MADS = 3.0
MAJOR_MADS = 6.0
# MAD of a very even document can be ~0; assume at least this spread so tiny dips do not count.
MIN_MAD = 0.01
# A link scoring above this is never flagged, however unusual it is for the document.
SCORE_FLOOR = 0.75
EXCERPT_WIDTH = 60  # the flag names the link by the start of each side


@check("meaning")
def meaning(ctx: PairContext) -> list[Flag]:
    """Unusually weak link: the two sides are linked with much lower confidence than the rest of the
    document (more than 3 MADs below the median: minor; more than 6: major). Often a loose rendering,
    a mistranslation, or a link the aligner had to force; read both sides."""
    stats = ctx.stats
    link = ctx.link
    if link.is_unaligned or len(stats.scores) < MIN_LINKS or link.score >= SCORE_FLOOR:
        return []
    mad = max(stats.mad_score, MIN_MAD)
    distance = (stats.median_score - link.score) / mad
    if distance < MINOR_MADS:
        return []
    severity: Severity = "major" if distance >= MAJOR_MADS else "minor"
    below = sum(1 for s in stats.scores if s > link.score) / len(stats.scores)
    message = (
        f"Link confidence {link.score:.2f} is {distance:.1f} MADs below this document's median "
        f"{stats.median_score:.2f} (lower than {100 * below:.0f} % of links): the sides may not say "
        "the same thing"
    )
    excerpts = clip(ctx.source_text, EXCERPT_WIDTH), clip(ctx.target_text, EXCERPT_WIDTH)
    return [Flag("meaning", severity, *excerpts, None, None, message)]
