"""The batch index: one row per document with its counts and a link to its report, or its error."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bitext.atomic import atomic_write_text
from bitext.model import SEVERITIES
from bitext.report.document import ensure_out_dir
from bitext.report.html import esc, page
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
    "dismissed",
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
        "dismissed": s.dismissed,
        "error": s.error or "",
        "signature": s.signature,
    }
    row.update({sev: s.by_severity.get(sev, 0) for sev in SEVERITIES})
    row.update({f"kind:{k}": s.by_kind.get(k, 0) for k in kinds})
    return row


def _html(summaries: Sequence[DocumentSummary], kinds: Sequence[str], signature: str) -> str:
    failed = sum(1 for s in summaries if s.error)
    totals = {sev: sum(s.by_severity.get(sev, 0) for s in summaries) for sev in SEVERITIES}
    head = (
        "<tr><th>document</th><th>languages</th><th>links</th><th>unaligned<br>src / tgt</th>"
        + "".join(f"<th>{sev}</th>" for sev in SEVERITIES)
        + "".join(f"<th>{esc(k)}</th>" for k in kinds)
        + "<th>dismissed</th></tr>"
    )
    width = 4 + len(SEVERITIES) + len(kinds) + 1
    body = []
    for s in summaries:
        label = esc(s.name)
        if s.report_href:
            label = f'<a href="{esc(s.report_href)}">{label}</a>'
        if s.error:
            where = esc(", ".join(s.inputs))
            body.append(
                f'<tr class="error" data-doc="{esc(s.name)}"><td>{label}<span class="ids">{where}</span></td>'
                f'<td colspan="{width - 1}" class="error-message">error: {esc(s.error)}</td></tr>'
            )
            continue
        cls = f' class="sev-{s.max_severity}"' if s.max_severity else ""
        where = " · ".join(dict.fromkeys(p for p in (s.source_path, s.target_path) if p))
        cells = [
            f'<td>{label}<span class="ids">{esc(where)}</span></td>',
            f"<td>{esc(s.source_lang)} → {esc(s.target_lang)}</td>",
            f'<td class="num">{s.links}</td>',
            f'<td class="num">{s.unaligned_source} / {s.unaligned_target}</td>',
            *(f'<td class="num {sev}">{s.by_severity.get(sev, 0)}</td>' for sev in SEVERITIES),
            *(f'<td class="num">{s.by_kind.get(k, 0)}</td>' for k in kinds),
            f'<td class="num">{s.dismissed}</td>',
        ]
        body.append(f'<tr{cls} data-doc="{esc(s.name)}">{"".join(cells)}</tr>')
    intro = (
        "<h1>bitext reports</h1>"
        f'<p class="counts">{len(summaries)} documents · {failed} failed · open flags: '
        + ", ".join(f"{totals[sev]} {sev}" for sev in SEVERITIES)
        + f'</p><code class="signature">{esc(signature)}</code>'
    )
    table = (
        f'<h2>Documents</h2><table class="index"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>'
    )
    return page("bitext reports", intro + table)


def write_index(summaries: Sequence[DocumentSummary], out_dir: Path, signature: str) -> Path:
    """Write ``index.html``, ``index.csv`` and ``index.json`` into ``out_dir``; return the HTML path."""
    ensure_out_dir(out_dir)
    kinds = _kinds(summaries)
    rows = [_row(s, kinds) for s in summaries]
    columns = [*_BASE_COLUMNS, *(f"kind:{k}" for k in kinds), "error", "signature"]
    payload = {
        "format": INDEX_FORMAT,
        "version": REPORT_VERSION,
        "signature": signature,
        "documents": [s.to_dict() for s in summaries],
    }
    html_text = _html(summaries, kinds, signature)
    atomic_write_text(out_dir / "index.csv", render_csv(rows, columns))
    atomic_write_text(out_dir / "index.json", json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    index = out_dir / "index.html"
    atomic_write_text(index, html_text)
    return index
