"""Flat views of an alignment's flags: the summary counts and the per-flag rows, as CSV, JSON and XLSX.

Rows follow translation-QA tools (Okapi CheckMate, Xbench): where (link, sentence ids), which check, how bad,
what the reviewer decided, the message, and both texts. A flag the reviewer dismissed (its status, or its
signature in the alignment's suppressions) stays in the rows, marked dismissed, but is left out of every
count, because counts are what gates CI.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bitext.model import (
    FLAG_KINDS,
    SEVERITIES,
    SEVERITY_COLOURS,
    SEVERITY_RANK,
    Alignment,
    Flag,
    FlagStatus,
    Link,
    Severity,
)

REPORT_FORMAT = "bitext-report"
REPORT_VERSION = 1

FLAG_COLUMNS: tuple[str, ...] = (
    "doc",
    "link",
    "source_ids",
    "target_ids",
    "kind",
    "severity",
    "status",
    "source_excerpt",
    "target_excerpt",
    "message",
    "source",
    "target",
)

NO_FLAG_COLOUR = "#7a9a7a"
DISMISSED_COLOUR = "#9e9e9e"

# Excel refuses cells longer than this; a longer joined text is cut rather than failing the whole report.
_XLSX_CELL_MAX = 32767


def effective_status(flag: Flag, alignment: Alignment) -> FlagStatus:
    """The flag's status; a signature in the suppressions counts as dismissed even if not marked so."""
    if flag.status == "dismissed" or flag.signature in alignment.suppressions:
        return "dismissed"
    return flag.status


def worst(severities: Iterable[str]) -> Severity | None:
    best: Severity | None = None
    for sev in severities:
        if sev in SEVERITY_RANK and (best is None or SEVERITY_RANK[sev] < SEVERITY_RANK[best]):
            best = sev  # type: ignore[assignment]
    return best


def link_severity(link: Link, alignment: Alignment) -> Severity | None:
    """Worst severity among the link's flags that still count (not dismissed)."""
    return worst(f.severity for f in link.flags if effective_status(f, alignment) != "dismissed")


def ordered_kinds(kinds: Iterable[str]) -> list[str]:
    """Known kinds in the model's order, then any others (checks added later) alphabetically."""
    present = set(kinds)
    return [k for k in FLAG_KINDS if k in present] + sorted(present - set(FLAG_KINDS))


def ids_text(ids: Sequence[int]) -> str:
    return " ".join(str(i) for i in ids)


@dataclass(frozen=True)
class DocumentSummary:
    """What the index needs about one document; ``error`` is set (and counts are zero) when it failed."""

    name: str
    inputs: tuple[str, ...] = ()
    source_path: str = ""
    target_path: str = ""
    source_lang: str = ""
    target_lang: str = ""
    links: int = 0
    source_sentences: int = 0
    target_sentences: int = 0
    unaligned_source: int = 0
    unaligned_target: int = 0
    by_severity: Mapping[str, int] = field(default_factory=dict)
    by_kind: Mapping[str, int] = field(default_factory=dict)
    by_kind_severity: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    by_status: Mapping[str, int] = field(default_factory=dict)
    signature: str = ""
    files: tuple[str, ...] = ()
    error: str | None = None

    @property
    def counted(self) -> int:
        """Flags that count: open or accepted, not dismissed."""
        return sum(self.by_severity.values())

    @property
    def dismissed(self) -> int:
        return self.by_status.get("dismissed", 0)

    @property
    def max_severity(self) -> Severity | None:
        return worst(s for s, n in self.by_severity.items() if n)

    @property
    def report_href(self) -> str | None:
        html_name = f"{self.name}.html"
        return html_name if html_name in self.files else None

    def reaches(self, threshold: Severity) -> bool:
        top = self.max_severity
        return top is not None and SEVERITY_RANK[top] <= SEVERITY_RANK[threshold]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "inputs": list(self.inputs),
            "source": {
                "path": self.source_path,
                "lang": self.source_lang,
                "sentences": self.source_sentences,
            },
            "target": {
                "path": self.target_path,
                "lang": self.target_lang,
                "sentences": self.target_sentences,
            },
            "links": self.links,
            "unaligned_source": self.unaligned_source,
            "unaligned_target": self.unaligned_target,
            "flags": self.counted,
            "dismissed": self.dismissed,
            "by_severity": {s: self.by_severity.get(s, 0) for s in SEVERITIES},
            "by_kind": dict(self.by_kind),
            "by_kind_severity": {k: dict(v) for k, v in self.by_kind_severity.items()},
            "by_status": dict(self.by_status),
            "max_severity": self.max_severity,
            "signature": self.signature,
            "files": list(self.files),
            "error": self.error,
        }


def summarise(
    alignment: Alignment, name: str, *, files: Sequence[str] = (), inputs: Sequence[str] = ()
) -> DocumentSummary:
    by_severity: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
    by_kind: dict[str, int] = {}
    by_kind_severity: dict[str, dict[str, int]] = {}
    by_status: dict[str, int] = {}
    for link in alignment.links:
        for flag in link.flags:
            status = effective_status(flag, alignment)
            by_status[status] = by_status.get(status, 0) + 1
            if status == "dismissed":
                continue
            by_severity[flag.severity] = by_severity.get(flag.severity, 0) + 1
            by_kind[flag.kind] = by_kind.get(flag.kind, 0) + 1
            cell = by_kind_severity.setdefault(flag.kind, dict.fromkeys(SEVERITIES, 0))
            cell[flag.severity] = cell.get(flag.severity, 0) + 1
    return DocumentSummary(
        name=name,
        inputs=tuple(inputs) or tuple(p for p in (alignment.source.path, alignment.target.path) if p),
        source_path=alignment.source.path,
        target_path=alignment.target.path,
        source_lang=alignment.source.lang,
        target_lang=alignment.target.lang,
        links=sum(1 for link in alignment.links if link.source and link.target),
        source_sentences=len(alignment.source.sentences),
        target_sentences=len(alignment.target.sentences),
        unaligned_source=len(alignment.unlinked_source()),
        unaligned_target=len(alignment.unlinked_target()),
        by_severity=by_severity,
        by_kind={k: by_kind[k] for k in ordered_kinds(by_kind)},
        by_kind_severity={k: by_kind_severity[k] for k in ordered_kinds(by_kind_severity)},
        by_status=by_status,
        signature=alignment.signature.text(),
        files=tuple(files),
    )


def flag_rows(alignment: Alignment, doc: str) -> list[dict[str, Any]]:
    """One row per flag in link order, with the FLAG_COLUMNS keys plus spans and signature for JSON."""
    rows: list[dict[str, Any]] = []
    for link in alignment.links:
        if not link.flags:
            continue
        source, target = alignment.source_text(link), alignment.target_text(link)
        for flag in link.flags:
            rows.append(
                {
                    "doc": doc,
                    "link": link.id,
                    "source_ids": ids_text(link.source),
                    "target_ids": ids_text(link.target),
                    "kind": flag.kind,
                    "severity": flag.severity,
                    "status": effective_status(flag, alignment),
                    "source_excerpt": flag.source_excerpt,
                    "target_excerpt": flag.target_excerpt,
                    "message": flag.message,
                    "source": source,
                    "target": target,
                    "source_span": list(flag.source_span) if flag.source_span else None,
                    "target_span": list(flag.target_span) if flag.target_span else None,
                    "signature": flag.signature,
                }
            )
    return rows


def render_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def render_json(summary: DocumentSummary, rows: Sequence[Mapping[str, Any]]) -> str:
    payload = {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "signature": summary.signature,
        "summary": summary.to_dict(),
        "flags": list(rows),
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def render_xlsx(summary: DocumentSummary, rows: Sequence[Mapping[str, Any]]) -> bytes:
    """A severity-coloured flags sheet and a summary sheet, built in memory so the write stays atomic."""
    import xlsxwriter  # lazy: only report writing needs it

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    head = book.add_format({"bold": True, "bg_color": "#eeeeee", "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sev_fmt = {
        s: book.add_format({"bold": True, "font_color": "#ffffff", "bg_color": c, "valign": "top"})
        for s, c in SEVERITY_COLOURS.items()
    }
    dismissed_fmt = book.add_format({"font_color": DISMISSED_COLOUR, "font_strikeout": True, "valign": "top"})

    sheet = book.add_worksheet("flags")
    widths = {"source": 60, "target": 60, "message": 50, "source_excerpt": 24, "target_excerpt": 24}
    for col, name in enumerate(FLAG_COLUMNS):
        sheet.write_string(0, col, name, head)
        sheet.set_column(col, col, widths.get(name, 10))
    for r, row in enumerate(rows, start=1):
        dismissed = row["status"] == "dismissed"
        for col, name in enumerate(FLAG_COLUMNS):
            value = row[name]
            if name == "link":
                sheet.write_number(r, col, int(value))
                continue
            fmt = wrap
            if name == "severity" and not dismissed:
                fmt = sev_fmt.get(str(value), wrap)
            elif dismissed and name in ("severity", "status", "kind"):
                fmt = dismissed_fmt
            # write_string, never write(): a text starting with "=" must not become a formula.
            sheet.write_string(r, col, str(value)[:_XLSX_CELL_MAX], fmt)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(FLAG_COLUMNS) - 1)

    info = book.add_worksheet("summary")
    info.set_column(0, 0, 22)
    info.set_column(1, 1, 80)
    facts: list[tuple[str, str]] = [
        ("document", summary.name),
        ("source", f"{summary.source_path} ({summary.source_lang})"),
        ("target", f"{summary.target_path} ({summary.target_lang})"),
        ("links", str(summary.links)),
        ("unaligned source", str(summary.unaligned_source)),
        ("unaligned target", str(summary.unaligned_target)),
        *((f"open {s}", str(summary.by_severity.get(s, 0))) for s in SEVERITIES),
        ("dismissed", str(summary.dismissed)),
        ("signature", summary.signature),
    ]
    for r, (key, value) in enumerate(facts):
        info.write_string(r, 0, key, head)
        info.write_string(r, 1, value)
    book.close()
    return buf.getvalue()
