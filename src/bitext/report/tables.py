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

# One row per flag, and one per link that carries the reviewer's work without a flag (a note, a decision,
# an edit), so nothing the reviewer did is missing from the spreadsheet a translator receives.
FLAG_COLUMNS: tuple[str, ...] = (
    "doc",
    "link",
    "source_ids",
    "target_ids",
    "score",
    "kind",
    "severity",
    "status",
    "source_excerpt",
    "target_excerpt",
    "message",
    "link_status",
    "note",
    "reviewed_by",
    "reviewed_at",
    "source",
    "target",
    "source_original",
    "target_original",
)
# Left empty in the XLSX for the translator to fill in, as QA tools' reports do.
RESPONSE_COLUMNS: tuple[str, ...] = ("translator_response", "translator_comment")
TRANSLATOR_RESPONSES: tuple[str, ...] = ("fixed", "not an error", "question")


# Beside the severity colours (bitext.model), also at AA contrast with white text.
CONFIRMED_COLOUR = "#6a1b9a"
NO_FLAG_COLOUR = "#4f7a4f"
DISMISSED_COLOUR = "#616161"
MUTED_COLOUR = "#595959"  # secondary text (ids, scores, "not aligned"): 7:1 on white

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
    confirmed_by_severity: Mapping[str, int] = field(default_factory=dict)
    review: Mapping[str, Any] = field(default_factory=dict)
    signature: str = ""
    files: tuple[str, ...] = ()
    error: str | None = None

    @property
    def counted(self) -> int:
        """Flags that count: open or confirmed, not dismissed."""
        return sum(self.by_severity.values())

    @property
    def confirmed(self) -> int:
        return self.by_status.get("confirmed", 0)

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

    def reason(self, threshold: Severity) -> str:
        """Why this document reaches ``threshold``: its counted flags at or above it.

        For example '2 major (1 confirmed), 3 minor'.
        """
        parts = []
        for sev in SEVERITIES:
            if SEVERITY_RANK[sev] > SEVERITY_RANK[threshold] or not self.by_severity.get(sev):
                continue
            confirmed = self.confirmed_by_severity.get(sev, 0)
            parts.append(
                f"{self.by_severity[sev]} {sev}" + (f" ({confirmed} confirmed)" if confirmed else "")
            )
        return ", ".join(parts)

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
            "confirmed_by_severity": {s: self.confirmed_by_severity.get(s, 0) for s in SEVERITIES},
            "review": dict(self.review),
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
    confirmed: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
    for link in alignment.links:
        for flag in link.flags:
            status = effective_status(flag, alignment)
            by_status[status] = by_status.get(status, 0) + 1
            if status == "dismissed":
                continue
            if status == "confirmed":
                confirmed[flag.severity] += 1
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
        confirmed_by_severity=confirmed,
        review=review_summary(alignment),
        signature=alignment.signature.text(),
        files=tuple(files),
    )


def review_summary(alignment: Alignment) -> dict[str, Any]:
    """The reviewer's work on the whole file: who, until when, and how much of each kind."""
    status: dict[str, int] = dict.fromkeys(("accepted", "rejected"), 0)
    reviewers: list[str] = []
    last = ""
    notes = 0
    for link in alignment.links:
        if link.status in status:
            status[link.status] += 1
        notes += bool(link.note)
        if link.reviewed_by and link.reviewed_by not in reviewers:
            reviewers.append(link.reviewed_by)
        last = max(last, link.reviewed_at)
    edited = sum(s.edited for side in (alignment.source, alignment.target) for s in side.sentences)
    return {
        "reviewers": reviewers,
        "last_reviewed_at": last,
        "accepted": status["accepted"],
        "rejected": status["rejected"],
        "notes": notes,
        "edited_sentences": edited,
    }


def has_review_work(alignment: Alignment, link: Link) -> bool:
    """The link carries something a reviewer did: a decision, a note or an edited sentence."""
    return (
        link.status != "auto"
        or bool(link.note)
        or any(alignment.source.sentences[i].edited for i in link.source)
        or any(alignment.target.sentences[i].edited for i in link.target)
    )


def flag_rows(alignment: Alignment, doc: str) -> list[dict[str, Any]]:
    """Rows with the FLAG_COLUMNS keys (plus spans and signature for JSON), in link order.

    One row per flag; a link without flags that carries review work (decision, note, edit) gets one row
    with empty kind, severity and status.
    """
    rows: list[dict[str, Any]] = []
    for link in alignment.links:
        if not link.flags and not has_review_work(alignment, link):
            continue
        source, target = alignment.source_text(link), alignment.target_text(link)
        base = {
            "doc": doc,
            "link": link.id,
            "source_ids": ids_text(link.source),
            "target_ids": ids_text(link.target),
            "score": round(link.score, 4),
            "link_status": link.status,
            "note": link.note,
            "reviewed_by": link.reviewed_by,
            "reviewed_at": link.reviewed_at,
            "source": source,
            "target": target,
            "source_original": alignment.source.edited_original(link.source),
            "target_original": alignment.target.edited_original(link.target),
        }
        if not link.flags:
            rows.append(
                {
                    **base,
                    **dict.fromkeys(("kind", "severity", "status", "source_excerpt", "target_excerpt"), ""),
                    "message": "",
                    "source_span": None,
                    "target_span": None,
                    "signature": "",
                }
            )
        for flag in link.flags:
            rows.append(
                {
                    **base,
                    "kind": flag.kind,
                    "severity": flag.severity,
                    "status": effective_status(flag, alignment),
                    "source_excerpt": flag.source_excerpt,
                    "target_excerpt": flag.target_excerpt,
                    "message": flag.message,
                    "source_span": list(flag.source_span) if flag.source_span else None,
                    "target_span": list(flag.target_span) if flag.target_span else None,
                    "signature": flag.signature,
                }
            )
    return rows


def link_records(alignment: Alignment) -> list[dict[str, Any]]:
    """Every link with the reviewer's work on it, for the JSON report (flags are in its "flags" rows)."""
    out = []
    for link in alignment.links:
        out.append(
            {
                "link": link.id,
                "source_ids": list(link.source),
                "target_ids": list(link.target),
                "score": round(link.score, 4),
                "status": link.status,
                "note": link.note,
                "reviewed_by": link.reviewed_by,
                "reviewed_at": link.reviewed_at,
                "source": alignment.source_text(link),
                "target": alignment.target_text(link),
                "source_original": alignment.source.edited_original(link.source),
                "target_original": alignment.target.edited_original(link.target),
                "flags": {
                    st: sum(1 for f in link.flags if effective_status(f, alignment) == st)
                    for st in ("open", "confirmed", "dismissed")
                },
            }
        )
    return out


def render_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], *, bom: bool = False) -> str:
    """CSV text; with ``bom`` it starts with U+FEFF, which Excel needs to read UTF-8 instead of ANSI."""
    buf = io.StringIO()
    if bom:
        buf.write("\ufeff")
    writer = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def render_json(
    summary: DocumentSummary,
    rows: Sequence[Mapping[str, Any]],
    links: Sequence[Mapping[str, Any]] = (),
    *,
    generated: str = "",
) -> str:
    payload = {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "signature": summary.signature,
        "generated": generated,
        "summary": summary.to_dict(),
        "flags": [r for r in rows if r["kind"]],
        "links": list(links),
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def render_xlsx(summary: DocumentSummary, rows: Sequence[Mapping[str, Any]]) -> bytes:
    """A flags sheet (severity-coloured, with empty columns for the translator's response) and a summary
    sheet, built in memory so the write stays atomic."""
    import xlsxwriter  # lazy: only report writing needs it

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    head = book.add_format({"bold": True, "bg_color": "#eeeeee", "border": 1, "text_wrap": True})
    response_head = book.add_format({"bold": True, "bg_color": "#fff3c4", "border": 1, "text_wrap": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    response = book.add_format({"text_wrap": True, "valign": "top", "bg_color": "#fffbe6", "border": 1})
    sev_fmt = {
        s: book.add_format({"bold": True, "font_color": "#ffffff", "bg_color": c, "valign": "top"})
        for s, c in SEVERITY_COLOURS.items()
    }
    confirmed_fmt = book.add_format(
        {"bold": True, "font_color": "#ffffff", "bg_color": CONFIRMED_COLOUR, "valign": "top"}
    )
    dismissed_fmt = book.add_format({"font_color": DISMISSED_COLOUR, "font_strikeout": True, "valign": "top"})

    sheet = book.add_worksheet("flags")
    columns = (*FLAG_COLUMNS, *RESPONSE_COLUMNS)
    widths = {
        "source": 60,
        "target": 60,
        "source_original": 40,
        "target_original": 40,
        "message": 50,
        "note": 40,
        "source_excerpt": 24,
        "target_excerpt": 24,
        "reviewed_at": 20,
        "translator_response": 16,
        "translator_comment": 40,
    }
    for col, name in enumerate(columns):
        sheet.write_string(0, col, name, response_head if name in RESPONSE_COLUMNS else head)
        sheet.set_column(col, col, widths.get(name, 10))
    for r, row in enumerate(rows, start=1):
        dismissed = row["status"] == "dismissed"
        for col, name in enumerate(FLAG_COLUMNS):
            value = row[name]
            if name in ("link", "score"):
                sheet.write_number(r, col, float(value) if name == "score" else int(value))
                continue
            fmt = wrap
            if name == "severity" and value and not dismissed:
                fmt = sev_fmt.get(str(value), wrap)
            elif name == "status" and value == "confirmed":
                fmt = confirmed_fmt
            elif dismissed and name in ("severity", "status", "kind"):
                fmt = dismissed_fmt
            # write_string, never write(): a text starting with "=" must not become a formula.
            sheet.write_string(r, col, str(value)[:_XLSX_CELL_MAX], fmt)
        for col in range(len(FLAG_COLUMNS), len(columns)):
            sheet.write_blank(r, col, None, response)
    first_response = len(FLAG_COLUMNS)
    if rows:
        sheet.data_validation(
            1,
            first_response,
            len(rows),
            first_response,
            {"validate": "list", "source": list(TRANSLATOR_RESPONSES), "ignore_blank": True},
        )
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)

    info = book.add_worksheet("summary")
    info.set_column(0, 0, 22)
    info.set_column(1, 1, 80)
    review = summary.review
    facts: list[tuple[str, str]] = [
        ("document", summary.name),
        ("source", f"{summary.source_path} ({summary.source_lang})"),
        ("target", f"{summary.target_path} ({summary.target_lang})"),
        ("links", str(summary.links)),
        ("unaligned source", str(summary.unaligned_source)),
        ("unaligned target", str(summary.unaligned_target)),
        *((f"{s} flags", str(summary.by_severity.get(s, 0))) for s in SEVERITIES),
        ("confirmed flags", str(summary.confirmed)),
        ("dismissed flags", str(summary.dismissed)),
        ("links accepted", str(review.get("accepted", 0))),
        ("links rejected", str(review.get("rejected", 0))),
        ("notes", str(review.get("notes", 0))),
        ("edited sentences", str(review.get("edited_sentences", 0))),
        ("reviewed by", ", ".join(review.get("reviewers", ()))),
        ("last reviewed", str(review.get("last_reviewed_at", ""))),
        ("signature", summary.signature),
    ]
    for r, (key, value) in enumerate(facts):
        info.write_string(r, 0, key, head)
        info.write_string(r, 1, value)
    book.close()
    return buf.getvalue()
