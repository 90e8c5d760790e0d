"""The HTML divergence report of one document: both texts side by side, flagged spans marked in place.

Self-contained on purpose (inline CSS and SVG, no scripts, no external assets) so a report can be mailed,
attached to a CI run or opened offline. Every piece of text from the documents goes through ``esc``.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from bitext.model import SEVERITIES, SEVERITY_COLOURS, SEVERITY_RANK, Alignment, Flag, Link, Severity
from bitext.report.tables import (
    DISMISSED_COLOUR,
    NO_FLAG_COLOUR,
    DocumentSummary,
    effective_status,
    ids_text,
    link_severity,
    worst,
)

SEVERITY_TINTS = {"major": "#ffcdd2", "minor": "#ffe0b2", "info": "#bbdefb"}  # behind a flagged span
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5em;color:#222;line-height:1.4}
h1{font-size:1.4em;margin:0 0 .3em}h2{font-size:1.1em;margin:1.4em 0 .4em}
code.signature{display:block;background:#f4f4f4;padding:.3em .5em;font-size:.85em;word-break:break-all}
table{border-collapse:collapse}
th,td{border:1px solid #ddd;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}
table.links{width:100%;table-layout:fixed}table.links td.text{white-space:pre-wrap;width:34%}
table.links col.id{width:4em}table.links col.flags{width:28%}
tr.unaligned td.text{background:#fbf7e6}.none{color:#999;font-style:italic}
.ids{display:block;color:#888;font-size:.8em}
mark{padding:0 .1em;border-radius:2px}
mark.dismissed{background:#eee;outline:1px dashed #9e9e9e}
ul.flags{margin:0;padding-left:1.1em}
li.flag.dismissed{color:#888}li.flag.dismissed .msg{text-decoration:line-through}
.badge{display:inline-block;color:#fff;border-radius:3px;padding:0 .35em;font-size:.8em;font-weight:600}
.badge.dismissed{background:#9e9e9e}.badge.accepted{background:#2e7d32}
tr.error td{background:#fdecea}
.map{display:flex;gap:2em;align-items:flex-start;flex-wrap:wrap}
.legend span{display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 .8em;vertical-align:middle}
""" + "".join(
    f"mark.sev-{sev}{{background:{SEVERITY_TINTS[sev]};outline:1px solid {colour}}}\n"
    f".badge.{sev}{{background:{colour}}}\n"
    f"tr.sev-{sev} td:first-child{{border-left:4px solid {colour}}}\n"
    for sev, colour in SEVERITY_COLOURS.items()
)


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


# --- highlighting -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """A span to highlight in one text, and the flag it comes from."""

    start: int
    end: int
    severity: Severity
    dismissed: bool
    title: str
    ref: str  # element id of the flag's list item


def locate(text: str, span: tuple[int, int] | None, excerpt: str) -> tuple[int, int] | None:
    """The span to mark, clamped into ``text``; checks that gave no span are located by their excerpt."""
    if span is None:
        if not excerpt:
            return None
        at = text.find(excerpt)
        return (at, at + len(excerpt)) if at >= 0 else None
    start = max(0, min(span[0], len(text)))
    end = max(start, min(span[1], len(text)))
    return (start, end) if end > start else None


def highlight(text: str, marks: Sequence[Mark]) -> str:
    """Escaped ``text`` with each marked stretch wrapped in <mark>.

    Overlapping spans are cut at every span edge, so each piece is wrapped once, coloured by the worst flag
    covering it and naming all of them (``data-flags``) — nested or crossing <mark> tags would be invalid.
    """
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        piece = esc(text[a:b])
        cover = [m for m in marks if m.start <= a and b <= m.end]
        if not cover:
            out.append(piece)
            continue
        live = [m for m in cover if not m.dismissed]
        if live:
            top = worst(m.severity for m in live)
            cls = f"sev-{top}"
        else:
            cls = "dismissed"
        title = "\n".join(m.title for m in cover)
        refs = " ".join(m.ref for m in cover)
        out.append(f'<mark class="{cls}" title="{esc(title)}" data-flags="{esc(refs)}">{piece}</mark>')
    return "".join(out)


def flag_ref(link: Link, index: int) -> str:
    return f"f{link.id}-{index}"


def _flag_title(flag: Flag, status: str) -> str:
    suffix = f" [{status}]" if status != "open" else ""
    return f"{flag.kind} ({flag.severity}){suffix}: {flag.message}"


def _link_marks(alignment: Alignment, link: Link, source: str, target: str) -> tuple[list[Mark], list[Mark]]:
    src_marks: list[Mark] = []
    tgt_marks: list[Mark] = []
    for i, flag in enumerate(link.flags):
        status = effective_status(flag, alignment)
        title = _flag_title(flag, status)
        ref = flag_ref(link, i)
        dismissed = status == "dismissed"
        s = locate(source, flag.source_span, flag.source_excerpt)
        if s:
            src_marks.append(Mark(s[0], s[1], flag.severity, dismissed, title, ref))
        t = locate(target, flag.target_span, flag.target_excerpt)
        if t:
            tgt_marks.append(Mark(t[0], t[1], flag.severity, dismissed, title, ref))
    return src_marks, tgt_marks


# --- sections -----------------------------------------------------------------------------------


def _summary_table(summary: DocumentSummary) -> str:
    head = "".join(f"<th>{s}</th>" for s in SEVERITIES)
    rows = []
    for kind, cells in summary.by_kind_severity.items():
        nums = "".join(f'<td class="num">{cells.get(s, 0)}</td>' for s in SEVERITIES)
        rows.append(
            f'<tr><th scope="row">{esc(kind)}</th>{nums}<td class="num">{sum(cells.values())}</td></tr>'
        )
    totals = "".join(f'<td class="num">{summary.by_severity.get(s, 0)}</td>' for s in SEVERITIES)
    rows.append(
        f'<tr class="total"><th scope="row">all</th>{totals}<td class="num">{summary.counted}</td></tr>'
    )
    return (
        '<table class="summary"><thead><tr><th>open flags by kind</th>'
        f"{head}<th>total</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f'<p class="counts">{summary.links} links · {summary.source_sentences} source and '
        f"{summary.target_sentences} target sentences · unaligned: {summary.unaligned_source} source, "
        f"{summary.unaligned_target} target · dismissed flags: {summary.dismissed} (not counted)</p>"
    )


def alignment_svg(alignment: Alignment, size: int = 360) -> str:
    """Dot plot of the alignment: source index across, target index down, one box per link.

    A faithful translation is a diagonal; a summary is a staircase. Boxes are coloured by the link's worst
    counted flag and link to its table row; sentences linked to nothing sit as ticks outside the axes.
    """
    n_src = max(len(alignment.source.sentences), 1)
    n_tgt = max(len(alignment.target.sentences), 1)
    pad = 34
    cw, ch = size / n_src, size / n_tgt
    shapes: list[str] = []
    for link in alignment.links:
        sev = link_severity(link, alignment)
        colour = SEVERITY_COLOURS[sev] if sev else NO_FLAG_COLOUR
        if not sev and any(effective_status(f, alignment) == "dismissed" for f in link.flags):
            colour = DISMISSED_COLOUR
        label = (
            f"link {link.id}: source {ids_text(link.source) or '-'} ↔ target {ids_text(link.target) or '-'}"
            + (f" ({sev})" if sev else "")
        )
        if link.source and link.target:
            x, w = pad + min(link.source) * cw, (max(link.source) - min(link.source) + 1) * cw
            y, h = pad + min(link.target) * ch, (max(link.target) - min(link.target) + 1) * ch
        elif link.source:  # source sentence with no counterpart: tick below the plot
            x, w = pad + min(link.source) * cw, (max(link.source) - min(link.source) + 1) * cw
            y, h = pad + size + 4, 6.0
        elif link.target:  # target sentence with no counterpart: tick left of the plot
            x, w = pad - 10, 6.0
            y, h = pad + min(link.target) * ch, (max(link.target) - min(link.target) + 1) * ch
        else:
            continue
        shapes.append(
            f'<a href="#link-{link.id}"><rect class="link" x="{x:.1f}" y="{y:.1f}" width="{max(w, 2.5):.1f}" '
            f'height="{max(h, 2.5):.1f}" rx="1" fill="{colour}"><title>{esc(label)}</title></rect></a>'
        )
    total = size + 2 * pad
    return (
        f'<svg class="alignment-map" xmlns="http://www.w3.org/2000/svg" width="{total}" height="{total}" '
        f'viewBox="0 0 {total} {total}" role="img" aria-label="alignment map">'
        f'<rect x="{pad}" y="{pad}" width="{size}" height="{size}" fill="#fafafa" stroke="#bbb"/>'
        f'<line x1="{pad}" y1="{pad}" x2="{pad + size}" y2="{pad + size}" stroke="#e3e3e3"/>'
        f'<text x="{pad + size / 2}" y="{pad - 10}" text-anchor="middle" font-size="11">'
        f"source ({esc(alignment.source.lang)}) sentence →</text>"
        f'<text x="{pad - 18}" y="{pad + size / 2}" text-anchor="middle" font-size="11" '
        f'transform="rotate(-90 {pad - 18} {pad + size / 2})">'
        f"target ({esc(alignment.target.lang)}) sentence →</text>"
        f"{''.join(shapes)}</svg>"
    )


def _legend() -> str:
    items = [(c, s) for s, c in SEVERITY_COLOURS.items()]
    items += [(NO_FLAG_COLOUR, "no flag"), (DISMISSED_COLOUR, "dismissed only")]
    spans = "".join(f'<span style="background:{c}"></span>{esc(label)}' for c, label in items)
    return f'<p class="legend">{spans}</p>'


def _flag_list(alignment: Alignment, link: Link) -> str:
    if not link.flags:
        return ""
    items = []
    order = sorted(range(len(link.flags)), key=lambda i: SEVERITY_RANK[link.flags[i].severity])
    for i in order:
        flag = link.flags[i]
        status = effective_status(flag, alignment)
        badge_cls = "dismissed" if status == "dismissed" else flag.severity
        status_badge = f' <span class="badge {status}">{status}</span>' if status != "open" else ""
        items.append(
            f'<li id="{flag_ref(link, i)}" class="flag sev-{flag.severity} {status}" '
            f'data-kind="{esc(flag.kind)}" data-status="{status}">'
            f'<span class="badge {badge_cls}">{flag.severity}</span> <b>{esc(flag.kind)}</b>{status_badge}: '
            f'<span class="msg">{esc(flag.message)}</span></li>'
        )
    return f'<ul class="flags">{"".join(items)}</ul>'


def _text_cell(side: str, text: str, ids: Sequence[int], marks: Sequence[Mark]) -> str:
    if not ids:
        return f'<td class="text {side}"><span class="none">— not aligned —</span></td>'
    ids_label = f'<span class="ids">{side} {esc(ids_text(ids))}</span>'
    return f'<td class="text {side}">{ids_label}{highlight(text, marks)}</td>'


def _link_row(alignment: Alignment, link: Link) -> str:
    source, target = alignment.source_text(link), alignment.target_text(link)
    src_marks, tgt_marks = _link_marks(alignment, link, source, target)
    classes = ["link"]
    if link.is_unaligned:
        classes.append("unaligned")
    sev = link_severity(link, alignment)
    if sev:
        classes.append(f"sev-{sev}")
    status = "" if link.status == "auto" else f'<span class="ids">{esc(link.status)}</span>'
    return (
        f'<tr id="link-{link.id}" class="{" ".join(classes)}" data-link="{link.id}">'
        f'<td class="id">{link.id}<span class="ids">{link.score:.2f}</span>{status}</td>'
        f"{_text_cell('source', source, link.source, src_marks)}"
        f"{_text_cell('target', target, link.target, tgt_marks)}"
        f'<td class="flags">{_flag_list(alignment, link)}</td></tr>'
    )


def _orphan_rows(alignment: Alignment) -> str:
    """Sentences that no link mentions at all (a hand-edited or partial file); shown so nothing is hidden."""
    in_src = {i for link in alignment.links for i in link.source}
    in_tgt = {i for link in alignment.links for i in link.target}
    rows = []
    for s in alignment.source.sentences:
        if s.id not in in_src:
            rows.append(
                f'<tr class="orphan unaligned" data-source="{s.id}"><td class="id">–</td>'
                f"{_text_cell('source', s.text, [s.id], [])}{_text_cell('target', '', [], [])}<td></td></tr>"
            )
    for s in alignment.target.sentences:
        if s.id not in in_tgt:
            rows.append(
                f'<tr class="orphan unaligned" data-target="{s.id}"><td class="id">–</td>'
                f"{_text_cell('source', '', [], [])}{_text_cell('target', s.text, [s.id], [])}<td></td></tr>"
            )
    return "".join(rows)


def render_document(alignment: Alignment, summary: DocumentSummary) -> str:
    src, tgt = alignment.source, alignment.target
    header = (
        f"<h1>bitext report: {esc(summary.name)}</h1>"
        f'<p class="sides">source: <b>{esc(src.lang)}</b> {esc(src.path)} · '
        f"target: <b>{esc(tgt.lang)}</b> {esc(tgt.path)} · mode: {esc(alignment.mode)}</p>"
        f'<code class="signature">{esc(alignment.signature.text())}</code>'
    )
    overview = (
        f'<h2>Summary</h2><div class="map"><div>{_summary_table(summary)}</div>'
        f"<div>{alignment_svg(alignment)}{_legend()}</div></div>"
    )
    rows = "".join(_link_row(alignment, link) for link in alignment.links) + _orphan_rows(alignment)
    table = (
        '<h2>Links</h2><table class="links">'
        '<colgroup><col class="id"><col><col><col class="flags"></colgroup>'
        f"<thead><tr><th>link</th><th>source ({esc(src.lang)})</th><th>target ({esc(tgt.lang)})</th>"
        f"<th>flags</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    return page(f"bitext report: {summary.name}", header + overview + table)
