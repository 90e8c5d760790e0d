"""Re-score a link the reviewer changed, with the encoder: the part of a re-check that needs it.

A relink or an edit re-checks the link at once without the encoder (:mod:`bitext.review.recheck`); its
score and the scorer's judgement of its flags (confidence, and the severity that follows) need the
encoder's vectors, which a front end computes here in the background and hands to
:meth:`bitext.review.session.ReviewSession.rescore`. The score of a translation link is the aligner's
confidence in that pairing, computed as the aligner computes it
(:func:`bitext.align.translation.link_confidence`); the flags are found again by every check (the
glossary's excepted: the session has no glossary, so those are kept as the re-check left them) and
scored. Decisions are the reviewer's: they are put back by the
session, never made here.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING

from bitext.alignment_file import SCORE_DIGITS
from bitext.model import Alignment, Flag, Link, Signature
from bitext.review.recheck import NEEDS_INPUT

if TYPE_CHECKING:
    from bitext.align.translation import TranslationParams
    from bitext.encoder import Encoder

# Signatures whose links the shipped encoder scored (or that no encoder scored: an imported memory).
_DEFAULT_SCORED = frozenset({"tmx", "xliff"})


@dataclass(frozen=True, slots=True)
class Rescored:
    """What the encoder says of a link, as it stood when it was computed (``source``, ``target``, texts)."""

    link_id: int
    source: tuple[int, ...]
    target: tuple[int, ...]
    texts: tuple[str, str]
    score: float | None  # None: the aligner cannot weigh this link (see why)
    flags: tuple[Flag, ...]
    why: str = ""


def encoder_for(alignment: Alignment) -> tuple[Encoder | None, str]:
    """The encoder that scored ``alignment`` (nothing is loaded yet: that happens on first need), or
    None and why not."""
    from bitext.encoder import DEFAULT_MODEL, load_encoder

    model = alignment.signature.model
    if model != DEFAULT_MODEL and model not in _DEFAULT_SCORED:
        return None, f"made with {model}, which review does not load"
    return load_encoder(), ""


def translation_params(signature: Signature) -> TranslationParams:
    """The aligner's parameters as the signature recorded them (defaults for any it does not name)."""
    from bitext.align.translation import TranslationParams

    defaults = TranslationParams()
    given = {
        f.name: type(getattr(defaults, f.name))(signature.thresholds[f.name])
        for f in fields(defaults)
        if f.name in signature.thresholds
    }
    return replace(defaults, **given)


def rescore(alignment: Alignment, link: Link, encoder: Encoder) -> Rescored:
    """The link's score and flags with the encoder (the reviewer's decisions are the session's to keep)."""
    from bitext.checks import checks_ran, registered_checks, run_checks

    texts = (alignment.source_text(link), alignment.target_text(link))
    if not (link.source and link.target):
        return Rescored(link.id, link.source, link.target, texts, 0.0, (), "one side is empty")
    score: float | None = None
    why = ""
    if alignment.mode == "translation":
        from bitext.align.translation import link_confidence

        score = link_confidence(
            [s.text for s in alignment.source.sentences],
            [s.text for s in alignment.target.sentences],
            encoder.encode,
            link.source,
            link.target,
            params=translation_params(alignment.signature),
        )
        if score is not None:
            score = round(score, SCORE_DIGITS)  # as the file keeps it, so the screen shows what is saved
        else:
            why = "sentences not neighbours, or too many"
    else:
        why = "summary mode"
    # the checks the alignment was checked with (an opt-in one such as "antonyms" only if it ran)
    ran = checks_ran(alignment.signature.checks)
    kinds = [
        kind
        for kind, info in registered_checks().items()
        if kind not in NEEDS_INPUT and (info.default or kind in ran)
    ]
    checked = run_checks(alignment.with_links((link,)), encoder=encoder, kinds=kinds).links[0]
    kept = tuple(f for f in link.flags if f.kind in NEEDS_INPUT)
    return Rescored(link.id, link.source, link.target, texts, score, checked.flags + kept, why)
