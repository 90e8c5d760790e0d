"""A small alignment file for the review tests (the Caspian sample)."""

from __future__ import annotations

from pathlib import Path

from bitext import alignment_file
from bitext.tui.samples import translation_sample


def make_alignment_file(folder: Path) -> Path:
    path = folder / "caspian.json"
    alignment_file.save(translation_sample(), path)
    return path
