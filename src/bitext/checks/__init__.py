"""Run every registered check over every link of an alignment.

Each check module registers its functions with ``@check`` on import (bitext.checks.base); this
runner imports them, builds one PairContext per link (with the encoder's evidence on the pair), collects
the flags and has the fitted scorer (``scoring``) give each its confidence and severity. Flags whose
signature a reviewer dismissed (``Alignment.suppressions``) come back dismissed, so a re-run keeps the
decision.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from bitext.checks.base import REGISTRY, CheckInfo, pair_context
from bitext.checks.evidence import SideSupport, pair_evidence
from bitext.checks.scoring import score_flags, scoring_model
from bitext.model import SEVERITY_RANK, Alignment, Flag, reapply_decisions

if TYPE_CHECKING:
    from bitext.checks.evidence import PairEvidence
    from bitext.encoder import Encoder

CHECK_MODULES: tuple[str, ...] = (
    "bitext.checks.opposite",
    "bitext.checks.numbers",
    "bitext.checks.names",
    "bitext.checks.omission",
    "bitext.checks.qualifier",
    "bitext.checks.sense",
    "bitext.checks.language",
    "bitext.checks.terminology",
    "bitext.checks.meaning",
    "bitext.checks.tags",
)


def registered_checks() -> dict[str, CheckInfo]:
    """Import the check modules and return the registry, kind -> CheckInfo.

    A module that cannot be imported (a typo in CHECK_MODULES, a missing dependency) raises: a
    check must never drop out of a run unnoticed.
    """
    for name in CHECK_MODULES:
        importlib.import_module(name)
    return dict(REGISTRY)


def checks_signature(kinds: Iterable[str]) -> str:
    return "+".join(sorted(kinds))


def run_checks(
    alignment: Alignment,
    *,
    encoder: Encoder | None = None,
    glossary: Any = None,
    kinds: Sequence[str] | None = None,
) -> Alignment:
    """Return the alignment with every link's flags recomputed (review decisions on flags kept)."""
    registry = registered_checks()
    selected = [info for kind, info in registry.items() if kinds is None or kind in kinds]
    model = scoring_model()
    if encoder is not None:
        # One batched pass over every linked text instead of one model call per check and pair.
        texts = [
            text
            for link in alignment.links
            if link.source and link.target
            for text in (alignment.source_text(link), alignment.target_text(link))
        ]
        encoder.encode(texts)
        encoder.word_vectors_many(texts)
    links = []
    for link in alignment.links:
        if not (link.source and link.target):
            links.append(replace(link, flags=()))
            continue
        ctx = pair_context(alignment, link, encoder=encoder, glossary=glossary)
        evidence = pair_evidence(ctx)
        ctx = replace(ctx, evidence=evidence)
        flags: list[Flag] = []
        for info in selected:
            if info.needs_encoder and encoder is None:
                continue
            flags.extend(info.fn(ctx))
        if ctx.mode == "translation":
            flags = score_flags(flags, evidence, model)
        else:
            flags = score_flags(flags, _summary_view(evidence), model, grade=False)
        kept = reapply_decisions(flags, link.flags, alignment.suppressions)
        links.append(replace(link, flags=tuple(sorted(kept, key=lambda f: SEVERITY_RANK[f.severity]))))
    signature = replace(alignment.signature, checks=checks_signature(info.kind for info in selected))
    return replace(alignment, links=tuple(links), signature=signature)


def _summary_view(evidence: PairEvidence | None) -> PairEvidence | None:
    """A summary sentence leaves most of its source out by design: the source side's word support is
    no evidence there, so the scorer sees it as fully supported."""
    if evidence is None:
        return None
    return replace(evidence, source=SideSupport(1.0, 0.0, 1.0, 0))
