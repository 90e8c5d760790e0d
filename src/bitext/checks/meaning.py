"""Meaning: the two sides of a link may not say the same thing, judged on the pair alone.

The fitted pair scorer (``scoring``, fitted by ``benchmarks/fit_scorer.py``) weighs the encoder's evidence
on the pair: the sentence cosine, how well each side's words are rendered on the other side, length. A pair
is judged on its own, never by its rank within the document (an idiomatic rendering in a document of
literal ones is not an error). Its probability is the flag's confidence, and the severity follows from it
as for every flag.

Translation mode only: a summary sentence leaves most of its source out by design, so the same evidence
says nothing there (the addition check covers what a summary adds).
"""

from __future__ import annotations

from bitext.checks.base import PairContext, check
from bitext.checks.scoring import scoring_model
from bitext.model import Flag
from bitext.text import clip

EXCERPT_WIDTH = 60  # the flag names the link by the start of each side


@check("meaning", needs_encoder=True)
def meaning(ctx: PairContext) -> list[Flag]:
    """The two sides may not say the same thing: the encoder finds words on one side that nothing on
    the other renders, or the sentences as wholes are far apart. Read both sides; the confidence says how
    sure the fitted scorer is. Needs the encoder; without it this check does not run."""
    model = scoring_model()
    evidence = ctx.evidence
    if model is None or evidence is None or ctx.mode != "translation" or ctx.link.is_unaligned:
        return []
    p = model.pair_probability(evidence)
    if p < model.minor:
        return []
    weak = [
        side for side, s in (("source", evidence.source), ("target", evidence.target)) if s.weak_share > 0
    ]
    where = (
        f"some {' and '.join(weak)} words have no clear counterpart"
        if weak
        else "the sentences as wholes are far apart"
    )
    message = f"The two sides may not say the same thing: {where} (sentence similarity {evidence.cosine:.2f})"
    return [
        Flag(
            "meaning",
            model.severity(p),
            clip(ctx.source_text, EXCERPT_WIDTH),
            clip(ctx.target_text, EXCERPT_WIDTH),
            None,
            None,
            message,
            confidence=round(p, 3),
        )
    ]
