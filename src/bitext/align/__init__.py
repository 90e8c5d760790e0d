"""Sentence alignment: choose the mode, run its aligner, number the links.

- ``translation``: near-parallel texts, monotone, 1-1/1-2/2-1/2-2 and unaligned (bitext.align.translation).
- ``summary``: one side many times shorter; each summary sentence links to the body sentence(s) it
  summarizes, in any order (bitext.align.summary).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from bitext.model import Link, Mode

Embed = Callable[[list[str]], np.ndarray]  # sentences -> one unit vector a row

# A body at least this many times longer (in characters) than the other side is summarized by it.
SUMMARY_RATIO = 2.5


def choose_mode(source_texts: Sequence[str], target_texts: Sequence[str]) -> Mode:
    """Summary mode when one side is much shorter than the other, translation mode otherwise."""
    a = sum(len(t) for t in source_texts)
    b = sum(len(t) for t in target_texts)
    short, long_ = sorted((a, b))
    return "summary" if short == 0 or long_ / short >= SUMMARY_RATIO else "translation"


def align(
    source_texts: Sequence[str],
    target_texts: Sequence[str],
    embed: Embed,
    mode: Mode,
) -> list[Link]:
    """Align two lists of sentences; in summary mode the source must be the body."""
    if mode == "summary":
        from bitext.align.summary import align_summary

        # Links come in summary order: the reviewer reads the summary top to bottom, each sentence
        # beside the body sentences it draws on.
        raw = align_summary(source_texts, target_texts, embed)
    else:
        from bitext.align.translation import align_translation

        raw = align_translation(source_texts, target_texts, embed)
    return [
        Link(id=i, source=tuple(src), target=tuple(tgt), score=float(score))
        for i, (src, tgt, score) in enumerate(raw)
    ]
