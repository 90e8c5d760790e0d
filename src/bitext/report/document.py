"""Write one document's divergence report in the requested formats."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bitext.atomic import atomic_write_bytes, atomic_write_text
from bitext.errors import InputError
from bitext.model import Alignment
from bitext.report.html import render_document
from bitext.report.tables import (
    FLAG_COLUMNS,
    DocumentSummary,
    flag_rows,
    link_records,
    render_csv,
    render_json,
    render_xlsx,
    summarise,
)

FORMATS: tuple[str, ...] = ("html", "csv", "json", "xlsx")

# Names become file names inside out_dir: no separators, no leading dot, nothing a shell or Windows chokes on.
_NAME_OK = re.compile(r"^[\w][\w.\-]*$")


def safe_name(raw: str) -> str:
    """A file-name-safe version of ``raw`` (runs of other characters become '_')."""
    name = re.sub(r"[^\w.\-]+", "_", raw).strip("._") or "document"
    return name


def ensure_out_dir(out_dir: Path) -> None:
    """Create ``out_dir`` and prove it is writable now, so the user gets one clear error up front."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".bitext-probe-", dir=out_dir)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise InputError(
            f"cannot write reports to {out_dir}: {exc.strerror or exc}; choose a writable output folder"
        ) from exc


def write_document_report(
    alignment: Alignment,
    out_dir: Path,
    name: str,
    *,
    formats: Sequence[str] = FORMATS,
    inputs: Sequence[str] = (),
    csv_bom: bool = False,
    generated: str = "",
) -> DocumentSummary:
    """Write ``out_dir/name.{html,csv,json,xlsx}`` (those in ``formats``) and return the document's summary.

    Everything is rendered before anything is written, and each file is replaced atomically, so an error
    never leaves a half-written report next to a stale one. ``csv_bom`` starts the CSV with a byte-order
    mark for Excel; ``generated`` (a date) is printed in the reports.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise InputError(f"unknown report format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    if not _NAME_OK.match(name):
        raise InputError(
            f"report name {name!r} is not a plain file name; use letters, digits, '.', '-' or '_'"
        )
    ensure_out_dir(out_dir)
    wanted = [f for f in FORMATS if f in formats]
    files = tuple(f"{name}.{fmt}" for fmt in wanted)
    summary = summarise(alignment, name, files=files, inputs=inputs)
    rows = flag_rows(alignment, name)
    rendered: dict[str, str | bytes] = {}
    for fmt in wanted:
        if fmt == "html":
            rendered[fmt] = render_document(alignment, summary, generated=generated)
        elif fmt == "csv":
            rendered[fmt] = render_csv(rows, FLAG_COLUMNS, bom=csv_bom)
        elif fmt == "json":
            rendered[fmt] = render_json(summary, rows, link_records(alignment), generated=generated)
        else:
            rendered[fmt] = render_xlsx(summary, rows)
    for fmt, content in rendered.items():
        path = out_dir / f"{name}.{fmt}"
        if isinstance(content, bytes):
            atomic_write_bytes(path, content)
        else:
            atomic_write_text(path, content)
    return summary
