"""Inline codes missing or added on one side (kind ``tags``), as Xbench's and pofilter's tag checks.

Segments from a TMX or XLIFF carry inline codes: a placeholder such as ``<ph>%d</ph>``, a bold run
``<bpt>``/``<ept>``, an XLIFF ``<x id="1"/>``. Each must appear in the translation too, or the file the
translation goes back into breaks (a missing ``%d``) or loses its formatting. Codes are compared by
what identifies them on both sides (TMX: the native code it holds; XLIFF: its id), never by position:
a translation may reorder them.

A flag's excerpt is the code's markup and it has no span: the code stands in the text as a marker
numbered within its sentence, so the markup, not the marker, is what tells one flag from another (a
reviewer who dismisses "lacks <ph>%d</ph>" has not dismissed every first code of every sentence).
"""

from __future__ import annotations

from collections import Counter

from bitext.checks.base import PairContext, check
from bitext.model import Flag, InlineCode, Severity


def _shown(code: InlineCode) -> str:
    return code.xml if len(code.xml) <= 60 else code.xml[:57] + "..."


def _severity(code: InlineCode) -> Severity:
    # A lost placeholder breaks the file or the program that reads it; a lost formatting pair only
    # loses the formatting.
    return "major" if code.role == "standalone" else "minor"


@check("tags")
def check_tags(ctx: PairContext) -> list[Flag]:
    """An inline code (placeholder, formatting tag) of the source is missing from the translation, or
    the translation has one the source does not. Put it back (or remove it) where it belongs: the
    file the translation goes back into needs every code exactly once.
    """
    if not ctx.source_codes and not ctx.target_codes:
        return []
    src = [(pos, c) for pos, c in ctx.source_codes if c.key]
    tgt = [(pos, c) for pos, c in ctx.target_codes if c.key]
    missing = Counter(c.key for _, c in src) - Counter(c.key for _, c in tgt)
    added = Counter(c.key for _, c in tgt) - Counter(c.key for _, c in src)
    flags: list[Flag] = []
    for _, code in src:
        if missing[code.key] > 0:
            missing[code.key] -= 1
            msg = f"The translation lacks the inline code {_shown(code)} that the source has."
            flags.append(Flag("tags", _severity(code), code.xml, "", None, None, msg))
    for _, code in tgt:
        if added[code.key] > 0:
            added[code.key] -= 1
            msg = f"The translation has an inline code {_shown(code)} that the source does not."
            flags.append(Flag("tags", _severity(code), "", code.xml, None, None, msg))
    return flags
