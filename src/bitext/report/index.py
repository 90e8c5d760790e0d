"""The batch index: one row per document with its counts and a link to its report, or its error."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bitext.atomic import atomic_write_text
from bitext.model import SEVERITIES
from bitext.report.document import ensure_out_dir
from bitext.report.html import esc, page, plural
from bitext.report.tables import REPORT_VERSION, DocumentSummary, ordered_kinds, render_csv

INDEX_FORMAT = "bitext-report-index"
_BASE_COLUMNS: tuple[str, ...] = (
    "doc",
    "report",
    "source",
    "target",
    "source_lang",
    "target_lang",
    "links",
    "unaligned_source",
    "unaligned_target",
    *SEVERITIES,
    "confirmed",
    "dismissed",
    "accepted",
    "rejected",
    "notes",
    "reviewed_by",
    "last_reviewed_at",
)


def _kinds(summaries: Sequence[DocumentSummary]) -> list[str]:
    return ordered_kinds(k for s in summaries for k in s.by_kind)


def _row(s: DocumentSummary, kinds: Sequence[str]) -> dict[str, Any]:
    row: dict[str, Any] = {
        "doc": s.name,
        "report": s.report_href or "",
        "source": s.source_path or (s.inputs[0] if s.inputs else ""),
        "target": s.target_path,
        "source_lang": s.source_lang,
        "target_lang": s.target_lang,
        "links": s.links,
        "unaligned_source": s.unaligned_source,
        "unaligned_target": s.unaligned_target,
        "confirmed": s.confirmed,
        "dismissed": s.dismissed,
        "accepted": s.review.get("accepted", 0),
        "rejected": s.review.get("rejected", 0),
        "notes": s.review.get("notes", 0),
        "reviewed_by": " ".join(s.review.get("reviewers", ())),
        "last_reviewed_at": s.review.get("last_reviewed_at", ""),
        "error": s.error or "",
        "signature": s.signature,
    }
    row.update({sev: s.by_severity.get(sev, 0) for sev in SEVERITIES})
    row.update({f"kind:{k}": s.by_kind.get(k, 0) for k in kinds})
    return row


def _files(s: DocumentSummary) -> str:
    links = [f'<a href="{esc(f)}">{esc(f.rsplit(".", 1)[-1].upper())}</a>' for f in s.files]
    return " ".join(links)


def _html(summaries: Sequence[DocumentSummary], signature: str, generated: str) -> str:
    failed = sum(1 for s in summaries if s.error)
    totals = {sev: sum(s.by_severity.get(sev, 0) for s in summaries) for sev in SEVERITIES}
    confirmed = sum(s.confirmed for s in summaries)
    # Kinds go into one cell per document (not a column each) so the table fits a laptop screen.
    head = (
        '<tr><th scope="col">document</th><th scope="col">languages</th><th scope="col">links</th>'
        '<th scope="col">unaligned<br>src / tgt</th>'
        + "".join(f'<th scope="col">{sev}</th>' for sev in SEVERITIES)
        + '<th scope="col">confirmed</th><th scope="col">by check</th><th scope="col">review</th>'
        '<th scope="col">files</th></tr>'
    )
    width = 4 + len(SEVERITIES) + 4
    body = []
    for s in summaries:
        label = esc(s.name)
        if s.report_href:
            label = f'<a href="{esc(s.report_href)}">{label}</a>'
        if s.error:
            where = esc(", ".join(s.inputs))
            body.append(
                f'<tr class="error" data-doc="{esc(s.name)}"><th scope="row">{label}<span class="ids">{where}'
                f'</span></th><td colspan="{width - 1}" class="error-message">error: {esc(s.error)}</td></tr>'
            )
            continue
        cls = f' class="sev-{s.max_severity}"' if s.max_severity else ""
        where = " · ".join(dict.fromkeys(p for p in (s.source_path, s.target_path) if p))
        by_kind = ", ".join(f"{esc(k)} {n}" for k, n in s.by_kind.items() if n) or "—"
        r = s.review
        review = (
            f"{r.get('accepted', 0)} ✓ {r.get('rejected', 0)} ✗ · {plural(int(r.get('notes', 0)), 'note')}"
            + (f" · {esc(', '.join(r.get('reviewers', ())))}" if r.get("reviewers") else "")
        )
        cells = [
            f'<th scope="row">{label}<span class="ids">{esc(where)}</span></th>',
            f"<td>{esc(s.source_lang)} → {esc(s.target_lang)}</td>",
            f'<td class="num">{s.links}</td>',
            f'<td class="num">{s.unaligned_source} / {s.unaligned_target}</td>',
            *(f'<td class="num {sev}">{s.by_severity.get(sev, 0)}</td>' for sev in SEVERITIES),
            f'<td class="num">{s.confirmed}</td>',
            f'<td class="kinds">{by_kind}</td>',
            f'<td class="review">{review}</td>',
            f'<td class="files">{_files(s)}</td>',
        ]
        body.append(f'<tr{cls} data-doc="{esc(s.name)}">{"".join(cells)}</tr>')
    intro = (
        "<header><h1>bitext reports</h1>"
        f'<p class="counts">{plural(len(summaries), "document")} · {failed} failed · flags that count: '
        + ", ".join(f"{totals[sev]} {sev}" for sev in SEVERITIES)
        + f" ({confirmed} confirmed)"
        + (f" · generated {esc(generated)}" if generated else "")
        + ' · also as <a href="index.csv">CSV</a> <a href="index.json">JSON</a>'
        + f'</p><code class="signature">{esc(signature)}</code></header>'
    )
    table = (
        '<main><h2>Documents</h2><div class="scroll"><table class="index">'
        f"<thead>{head}</thead><tbody>{''.join(body)}</tbody></table></div></main>"
    )
    return page("bitext reports", intro + table)


def write_index(
    summaries: Sequence[DocumentSummary],
    out_dir: Path,
    signature: str,
    *,
    generated: str = "",
    csv_bom: bool = False,
) -> Path:
    """Write ``index.html``, ``index.csv`` and ``index.json`` into ``out_dir``; return the HTML path."""
    ensure_out_dir(out_dir)
    kinds = _kinds(summaries)
    rows = [_row(s, kinds) for s in summaries]
    columns = [*_BASE_COLUMNS, *(f"kind:{k}" for k in kinds), "error", "signature"]
    payload = {
        "format": INDEX_FORMAT,
        "version": REPORT_VERSION,
        "signature": signature,
        "generated": generated,
        "documents": [s.to_dict() for s in summaries],
    }
    html_text = _html(summaries, signature, generated)
    atomic_write_text(out_dir / "index.csv", render_csv(rows, columns, bom=csv_bom))
    atomic_write_text(out_dir / "index.json", json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    index = out_dir / "index.html"
    atomic_write_text(index, html_text)
    return index
