"""TSV export: one pair per line after a header line: ``source``, ``target``, ``score``, ``flags``, then the
reviewer's work: ``status`` (auto, accepted, rejected), ``note``, ``reviewed_by``, ``reviewed_at`` and, for
an edited side, its text as read (``source_original``, ``target_original``; the first two columns hold the
corrected text).

Flags are ``kind:severity`` joined by ``"; "``, with ``:confirmed`` or ``:dismissed`` when the reviewer
decided the flag. Inline codes (from an imported TMX or XLIFF) are shown as
the markup they stand for. Text is escaped so every pair stays on one line and in
its columns: backslash -> ``\\\\``, tab -> ``\\t``, newline -> ``\\n``, CR -> ``\\r``, U+2028/9 ->
``\\u2028``/``\\u2029``; other control characters and lone surrogates are dropped. Unaligned and
rejected links are skipped (see :mod:`bitext.formats`). Without flags the ``flags`` column is left out.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Unpack

from bitext.atomic import atomic_open
from bitext.formats import ExportOptions, ExportSettings
from bitext.model import JOINER, Alignment, Flag, Side, code_index

HEADER = ("source", "target", "score", "flags")
REVIEW = ("status", "note", "reviewed_by", "reviewed_at", "source_original", "target_original")
# Line separators that line-splitting readers (Python's splitlines among them) break rows on.
_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_ESCAPE_TABLE = str.maketrans(_ESCAPES)
_UNESCAPE = re.compile(r"\\(\\|t|n|r|u2028|u2029)")
_UNESCAPES = {v[1:]: k for k, v in _ESCAPES.items()}
# Other control characters (PDF-extraction debris; some also split lines) and lone surrogates (which
# UTF-8 cannot encode) are dropped rather than failing the export or breaking a row.
_DROP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def escape(text: str) -> str:
    return _DROP.sub("", text).translate(_ESCAPE_TABLE)


def unescape(text: str) -> str:
    """Inverse of :func:`escape` (an unknown escape keeps its backslash)."""
    return _UNESCAPE.sub(lambda m: _UNESCAPES[m.group(1)], text)


def shown(side: Side, ids: tuple[int, ...]) -> str:
    """The sentences joined as in the alignment, each inline code shown as the markup it stands for."""
    texts = []
    for i in ids:
        sentence = side.sentences[i]
        text = sentence.text
        if sentence.codes:
            marks = (code_index(ch) for ch in text)
            text = "".join(
                sentence.codes[k].xml if k is not None and k < len(sentence.codes) else ch
                for ch, k in zip(text, marks, strict=True)
            )
        texts.append(text)
    return JOINER.join(texts)


def shown_original(side: Side, ids: tuple[int, ...]) -> str:
    """The side as read when the reviewer edited a sentence of it (codes shown as markup), else ""."""
    if not any(side.sentences[i].edited for i in ids):
        return ""
    as_read = Side(side.lang, side.path, tuple(replace(s, text=s.original_text) for s in side.sentences))
    return shown(as_read, ids)


def flags_cell(flags: tuple[Flag, ...]) -> str:
    return "; ".join(f"{f.kind}:{f.severity}" + ("" if f.status == "open" else f":{f.status}") for f in flags)


def export_tsv(alignment: Alignment, out: Path, **options: Unpack[ExportOptions]) -> int:
    """Write the alignment's pairs to ``out`` as UTF-8 TSV; returns the number of rows (header excluded).

    ``include`` is not read: the working-memory rules are TMX's; this format lists what it is asked for.
    """
    settings = ExportSettings(**options)
    with_flags = settings.with_flags
    columns = (HEADER if with_flags else HEADER[:3]) + REVIEW
    count = 0
    with atomic_open(out, "w", encoding="utf-8") as fh:
        fh.write("\t".join(columns) + "\n")
        for link in settings.links(alignment):
            row = [
                escape(shown(alignment.source, link.source)),
                escape(shown(alignment.target, link.target)),
                f"{link.score:.4f}",
            ]
            if with_flags:
                row.append(escape(flags_cell(link.flags)))
            row += [
                link.status,
                escape(link.note),
                escape(link.reviewed_by),
                link.reviewed_at,
                escape(shown_original(alignment.source, link.source)),
                escape(shown_original(alignment.target, link.target)),
            ]
            fh.write("\t".join(row) + "\n")
            count += 1
    return count
