"""Text helpers every stage shares: words, letter folding, clipping for display."""

from __future__ import annotations

ELLIPSIS = "…"


def clip(text: str, width: int) -> str:
    """``text`` on one line (runs of white space become one space), cut to ``width`` with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + ELLIPSIS
