"""Re-check one link after the reviewer changed it (relinked its sentences, edited a sentence).

A review session has no encoder and no glossary loaded, so the checks that need them cannot run again
here. Those flags are kept while their excerpts are still in the link's texts (spans found again); every
other check runs afresh on the link's current texts, so a flag about a sentence that left the link goes,
and one about a sentence that came in appears. The reviewer's decisions come back by flag signature, as
they do when ``bitext check`` re-runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bitext.model import SEVERITY_RANK, Alignment, Flag, Link, reapply_decisions

# Needs the user's glossary, which the session does not have: kept, like the encoder's checks.
NEEDS_INPUT = frozenset({"terminology"})


def recheck(alignment: Alignment, link: Link, prior: Sequence[Flag]) -> Link:
    """``link`` (already in its new shape, in ``alignment``'s texts) with its flags found again.

    ``prior``: the flags the link's sentences carried before the change, for kept flags and decisions.
    """
    if not (link.source and link.target):
        return replace(link, flags=())  # an unaligned sentence has nothing to compare with (as run_checks)
    from bitext.checks import registered_checks, summary_ceiling
    from bitext.checks.base import pair_context, source_document_text

    registry = registered_checks()
    rerun = {kind for kind, info in registry.items() if not info.needs_encoder and kind not in NEEDS_INPUT}
    document = source_document_text(alignment)  # summary mode: names the body gives elsewhere
    ctx = pair_context(alignment, link, encoder=None, glossary=None, document=document)
    # Without the encoder a fresh flag has only its rule's severity; where the same flag was there before,
    # the scorer's judgement of it (severity and confidence, made with the encoder's evidence) stands.
    judged = {f.signature: f for f in prior if f.confidence is not None}
    fresh: list[Flag] = []
    for kind in sorted(rerun):
        for flag in registry[kind].fn(ctx):
            before = judged.get(flag.signature)
            if before is not None:
                flag = replace(flag, severity=before.severity, confidence=before.confidence)
            elif alignment.mode == "summary":
                flag = summary_ceiling(flag)  # as ``bitext check`` caps it on a summary link
            fresh.append(flag)
    src, tgt = alignment.source_text(link), alignment.target_text(link)
    for flag in prior:
        if flag.kind in rerun:
            continue
        s_span, t_span = _find(src, flag.source_excerpt), _find(tgt, flag.target_excerpt)
        if (flag.source_excerpt and s_span is None) or (flag.target_excerpt and t_span is None):
            continue
        fresh.append(replace(flag, source_span=s_span, target_span=t_span))
    kept = reapply_decisions(_unique(fresh), prior, alignment.suppressions)
    return replace(link, flags=tuple(sorted(kept, key=lambda f: SEVERITY_RANK[f.severity])))


def warm_up(alignment: Alignment) -> None:
    """Import the checks and load their data and language models now, by re-checking one link and
    dropping the result (a front end calls this in the background at start, so that the reviewer's
    first relink or edit does not wait for it)."""
    paired = next((link for link in alignment.links if link.source and link.target), None)
    if paired is not None:
        recheck(alignment, paired, paired.flags)


def _unique(flags: list[Flag]) -> list[Flag]:
    seen: set[str] = set()
    out = []
    for flag in flags:
        if flag.signature not in seen:
            seen.add(flag.signature)
            out.append(flag)
    return out


def _find(text: str, excerpt: str) -> tuple[int, int] | None:
    if not excerpt:
        return None
    at = text.find(excerpt)
    return None if at < 0 else (at, at + len(excerpt))
