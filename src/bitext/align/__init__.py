"""Sentence alignment: choose the mode, run its aligner, number the links.

- ``translation``: near-parallel texts, monotone, 1-1/1-2/2-1/2-2 and unaligned (bitext.align.translation).
- ``summary``: one side many times shorter; each summary sentence links to the body sentence(s) it
  summarizes, in any order (bitext.align.summary).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, TypeAlias

import numpy as np

from bitext.model import Link, Mode

if TYPE_CHECKING:
    from bitext.align.summary import SummaryParams
    from bitext.align.translation import TranslationParams

AlignParams: TypeAlias = "TranslationParams | SummaryParams"

Embed = Callable[[list[str]], np.ndarray]  # sentences -> one unit vector a row

# A body at least this many times longer (in characters) than the other side is summarized by it.
SUMMARY_RATIO = 2.5


def choose_mode(source_texts: Sequence[str], target_texts: Sequence[str]) -> Mode:
    """Summary mode when one side is much shorter than the other, translation mode otherwise."""
    a = sum(len(t) for t in source_texts)
    b = sum(len(t) for t in target_texts)
    short, long_ = sorted((a, b))
    return "summary" if short == 0 or long_ / short >= SUMMARY_RATIO else "translation"


def default_params(mode: Mode) -> AlignParams:
    """The parameters the aligner of ``mode`` runs with unless told otherwise."""
    if mode == "summary":
        from bitext.align.summary import SummaryParams

        return SummaryParams()
    from bitext.align.translation import TranslationParams

    return TranslationParams()


def param_values(params: AlignParams) -> dict[str, float]:
    """Every parameter of an aligner, as the provenance signature records it."""
    return {f.name: float(getattr(params, f.name)) for f in fields(params)}


def align(
    source_texts: Sequence[str],
    target_texts: Sequence[str],
    embed: Embed,
    mode: Mode,
    params: AlignParams | None = None,
) -> list[Link]:
    """Align two lists of sentences with ``params`` (the mode's defaults when None); in summary mode
    the source must be the body."""
    params = params or default_params(mode)
    if mode == "summary":
        from bitext.align.summary import SummaryParams, align_summary

        if not isinstance(params, SummaryParams):
            raise TypeError(f"summary mode takes SummaryParams, not {type(params).__name__}")
        # Links come in summary order: the reviewer reads the summary top to bottom, each sentence
        # beside the body sentences it draws on.
        raw = align_summary(source_texts, target_texts, embed, params=params)
    else:
        from bitext.align.translation import TranslationParams, align_translation

        if not isinstance(params, TranslationParams):
            raise TypeError(f"translation mode takes TranslationParams, not {type(params).__name__}")
        raw = align_translation(source_texts, target_texts, embed, params=params)
    return [
        Link(id=i, source=tuple(src), target=tuple(tgt), score=float(score))
        for i, (src, tgt, score) in enumerate(raw)
    ]
