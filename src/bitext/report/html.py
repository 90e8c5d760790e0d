"""The HTML divergence report of one document: triage first, both texts side by side, flagged spans marked.

Self-contained on purpose (inline CSS, SVG and one inline script, no external assets) so a report can be
mailed, attached to a CI run or opened offline. Progressive enhancement: filtering works with JavaScript
off (radio buttons and CSS ``:has()``), unaligned rows fold into a ``<details>``, flags are also grouped by
check; the script adds sorting, live counts and opens a folded row that a map mark points at. Every piece
of text from the documents goes through ``esc``, and carries the ``lang`` of its side.
"""

from __future__ import annotations

import html
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from bitext.model import SEVERITIES, SEVERITY_COLOURS, SEVERITY_RANK, Alignment, Flag, Link, Severity, Side
from bitext.report.tables import (
    CONFIRMED_COLOUR,
    DISMISSED_COLOUR,
    MUTED_COLOUR,
    NO_FLAG_COLOUR,
    DocumentSummary,
    effective_status,
    ids_text,
    link_severity,
    worst,
)

# Score bands for the filter (CSS cannot compare numbers, so each row carries its band).
SCORE_BANDS: tuple[tuple[str, float], ...] = (("low", 0.5), ("medium", 0.8), ("high", math.inf))
FILTER_STATUSES: tuple[str, ...] = (
    "open",
    "confirmed",
    "dismissed",
    "accepted",
    "rejected",
    "noted",
    "edited",
)


def _asset(name: str) -> str:
    return resources.files("bitext.report").joinpath(name).read_text(encoding="utf-8")


def _colours() -> str:
    """The CSS colour variables, from the one place the colours are defined (tests hold them to AA)."""
    pairs = {
        **{k: v for k, v in SEVERITY_COLOURS.items()},
        "confirmed": CONFIRMED_COLOUR,
        "dismissed": DISMISSED_COLOUR,
        "muted": MUTED_COLOUR,
    }
    return ":root{" + ";".join(f"--{k}:{v}" for k, v in pairs.items()) + "}\n"


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def page(title: str, body: str, *, css: str = "", script: str = "") -> str:
    """A whole page; the report's own words are English (``lang="en"``), document text is marked per cell."""
    js = f"<script>{script}</script>" if script else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{_colours()}{_asset('report.css')}{css}</style></head>\n"
        f"<body>\n{body}\n{js}</body></html>\n"
    )


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def lang_attr(lang: str) -> str:
    return f' lang="{esc(lang)}"' if lang and lang != "und" else ""


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


def highlight(text: str, marks: Sequence[Mark], offset: int = 0) -> str:
    """Escaped ``text`` with each marked stretch wrapped in <mark>.

    ``offset`` is where ``text`` starts in the joined text the marks' spans refer to (one sentence of a
    link). Overlapping spans are cut at every span edge, so each piece is wrapped once, coloured by the
    worst flag covering it (major wins) and naming all of them (``data-flags``): nested or crossing <mark>
    tags would be invalid.
    """
    end = offset + len(text)
    local = [
        Mark(max(m.start, offset) - offset, min(m.end, end) - offset, m.severity, m.dismissed, m.title, m.ref)
        for m in marks
        if m.start < end and m.end > offset
    ]
    cuts = sorted({0, len(text), *(m.start for m in local), *(m.end for m in local)})
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        piece = esc(text[a:b])
        cover = [m for m in local if m.start <= a and b <= m.end]
        if not cover:
            out.append(piece)
            continue
        live = [m for m in cover if not m.dismissed]
        cls = f"sev-{worst(m.severity for m in live)}" if live else "dismissed"
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


# --- summary and map ----------------------------------------------------------------------------


def _summary_table(summary: DocumentSummary) -> str:
    head = "".join(f'<th scope="col">{s}</th>' for s in SEVERITIES)
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
    confirmed = "".join(f'<td class="num">{summary.confirmed_by_severity.get(s, 0)}</td>' for s in SEVERITIES)
    rows.append(
        f'<tr class="confirmed-total"><th scope="row">of which confirmed</th>{confirmed}'
        f'<td class="num">{summary.confirmed}</td></tr>'
    )
    return (
        '<table class="summary"><caption class="counts">Flags that count (open or confirmed), by check'
        f'</caption><thead><tr><th scope="col">check</th>{head}<th scope="col">total</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _counts_line(summary: DocumentSummary) -> str:
    return (
        f'<p class="counts">{plural(summary.links, "link")} · {summary.source_sentences} source and '
        f"{summary.target_sentences} target sentences · unaligned: {summary.unaligned_source} source, "
        f"{summary.unaligned_target} target · dismissed flags: {summary.dismissed} (not counted)</p>"
    )


def _review_line(summary: DocumentSummary) -> str:
    r = summary.review
    if not r:
        return ""
    who = ", ".join(r.get("reviewers", ()))
    when = r.get("last_reviewed_at") or ""
    by = f"Reviewed by <b>{esc(who)}</b>" if who else "Review"
    return (
        f'<p class="review">{by}{f" · last decision {esc(when)}" if when else ""} · '
        f"{r.get('accepted', 0)} links accepted, {r.get('rejected', 0)} rejected · "
        f"{plural(summary.confirmed, 'flag')} confirmed, {summary.dismissed} dismissed · "
        f"{plural(int(r.get('notes', 0)), 'note')} · "
        f"{plural(int(r.get('edited_sentences', 0)), 'edited sentence')}"
        "</p>"
    )


def tick_step(n: int, ticks: int = 8) -> int:
    """A round step (1, 2, 5, 10, 20, 50, ...) giving at most about ``ticks`` ticks over ``n`` sentences."""
    raw = max(n / ticks, 1)
    magnitude = int(10 ** math.floor(math.log10(raw)))
    for m in (1, 2, 5, 10):
        if m * magnitude >= raw:
            return m * magnitude
    return 10 * magnitude


def _link_colour(alignment: Alignment, link: Link) -> tuple[str, Severity | None]:
    sev = link_severity(link, alignment)
    if sev:
        return SEVERITY_COLOURS[sev], sev
    if any(effective_status(f, alignment) == "dismissed" for f in link.flags):
        return DISMISSED_COLOUR, None
    return NO_FLAG_COLOUR, None


def alignment_svg(alignment: Alignment, size: int = 360) -> str:
    """Dot plot of the alignment: source sentence across, target sentence down, one cell per sentence pair.

    A faithful translation is a diagonal; a summary is a staircase. A link of non-adjacent sentences is
    drawn as separate cells where each sentence is, never as one bar across the gap. Cells are coloured by
    the link's worst counted flag and link to its table row; major links get a ring big enough to see
    whatever the document's length; sentences linked to nothing sit as ticks outside the axes. Axes carry
    sentence numbers.
    """
    n_src = max(len(alignment.source.sentences), 1)
    n_tgt = max(len(alignment.target.sentences), 1)
    pad_l, pad_t = 46, 44
    cw, ch = size / n_src, size / n_tgt
    cell_w, cell_h = max(cw, 3.0), max(ch, 3.0)
    shapes: list[str] = []
    rings: list[str] = []
    for link in alignment.links:
        colour, sev = _link_colour(alignment, link)
        label = (
            f"link {link.id}: source {ids_text(link.source) or '-'} ↔ target {ids_text(link.target) or '-'}"
            + (f" ({sev})" if sev else "")
        )
        cells: list[tuple[float, float, float, float]] = []
        if link.source and link.target:
            cells = [
                (pad_l + s * cw + (cw - cell_w) / 2, pad_t + t * ch + (ch - cell_h) / 2, cell_w, cell_h)
                for s in link.source
                for t in link.target
            ]
        elif link.source:  # source sentences with no counterpart: ticks below the plot
            cells = [(pad_l + s * cw + (cw - cell_w) / 2, pad_t + size + 4, cell_w, 6.0) for s in link.source]
        elif link.target:  # target sentences with no counterpart: ticks left of the plot
            cells = [(pad_l - 10, pad_t + t * ch + (ch - cell_h) / 2, 6.0, cell_h) for t in link.target]
        if not cells:
            continue
        rects = "".join(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{colour}"/>'
            for x, y, w, h in cells
        )
        if sev == "major":
            rects += "".join(
                f'<circle class="major-ring" cx="{x + w / 2:.1f}" cy="{y + h / 2:.1f}" r="7" fill="none" '
                f'stroke="{colour}" stroke-width="2.5"/>'
                for x, y, w, h in cells
            )
        group = (
            f'<a href="#link-{link.id}" class="map-link" data-link="{link.id}" aria-label="{esc(label)}">'
            f"<title>{esc(label)}</title>{rects}</a>"
        )
        # Majors drawn last, so nothing paints over them.
        (rings if sev == "major" else shapes).append(group)
    axes: list[str] = []
    for i in range(0, n_src, tick_step(n_src)):
        x = pad_l + i * cw + cw / 2
        axes.append(
            f'<line x1="{x:.1f}" y1="{pad_t}" x2="{x:.1f}" y2="{pad_t + size}" stroke="#ececec"/>'
            f'<text x="{x:.1f}" y="{pad_t - 4}" text-anchor="middle" font-size="10" fill="#444">{i}</text>'
        )
    for i in range(0, n_tgt, tick_step(n_tgt)):
        y = pad_t + i * ch + ch / 2
        axes.append(
            f'<line x1="{pad_l}" y1="{y:.1f}" x2="{pad_l + size}" y2="{y:.1f}" stroke="#ececec"/>'
            f'<text x="{pad_l - 13}" y="{y + 3:.1f}" text-anchor="end" font-size="10" fill="#444">{i}</text>'
        )
    width, height = size + pad_l + 12, size + pad_t + 16
    summary = (
        f"alignment map: {n_src} source and {n_tgt} target sentences, "
        f"{sum(1 for lk in alignment.links if lk.source and lk.target)} links"
    )
    return (
        f'<svg class="alignment-map" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="group" aria-label="{esc(summary)}">'
        f'<rect x="{pad_l}" y="{pad_t}" width="{size}" height="{size}" fill="#fafafa" stroke="#999"/>'
        f"{''.join(axes)}"
        f'<text x="{pad_l + size / 2}" y="{pad_t - 20}" text-anchor="middle" font-size="11">'
        f"source ({esc(alignment.source.lang)}) sentence →</text>"
        f'<text x="12" y="{pad_t + size / 2}" text-anchor="middle" font-size="11" '
        f'transform="rotate(-90 12 {pad_t + size / 2})">'
        f"target ({esc(alignment.target.lang)}) sentence →</text>"
        f"{''.join(shapes)}{''.join(rings)}</svg>"
    )


def _legend() -> str:
    def swatch(colour: str, ring: bool = False) -> str:
        extra = (
            f'<circle cx="6" cy="6" r="5" fill="none" stroke="{colour}" stroke-width="2"/>' if ring else ""
        )
        return (
            f'<svg width="12" height="12" aria-hidden="true"><rect x="3" y="3" width="6" height="6" '
            f'fill="{colour}"/>{extra}</svg>'
        )

    items = [(swatch(c, s == "major"), s) for s, c in SEVERITY_COLOURS.items()]
    items += [(swatch(NO_FLAG_COLOUR), "no flag"), (swatch(DISMISSED_COLOUR), "dismissed only")]
    return '<p class="legend">' + "".join(f"{sw}{esc(label)}" for sw, label in items) + "</p>"


# --- link rows ----------------------------------------------------------------------------------


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


def _text_cell(side_name: str, side: Side, ids: Sequence[int], marks: Sequence[Mark]) -> str:
    """Each sentence of the link on its own line with its id; an edited one shows the original struck."""
    lang = lang_attr(side.lang)
    if not ids:
        return f'<td class="text {side_name}"><span class="none">— not aligned —</span></td>'
    parts = []
    offset = 0
    for i in ids:
        sent = side.sentences[i]
        body = highlight(sent.text, marks, offset)
        if sent.edited:
            body = (
                f'<del class="original" title="original text">{esc(sent.original_text)}</del> '
                f'<ins class="edit" title="corrected by the reviewer">{body}</ins>'
            )
        parts.append(
            f'<span class="sent" data-sentence="{i}"><span class="sid">{side_name[0]}{i}</span>{body}</span>'
        )
        offset += len(sent.text) + 1
    return f'<td class="text {side_name}"{lang}>{"".join(parts)}</td>'


def _score_band(score: float) -> str:
    return next(name for name, below in SCORE_BANDS if score < below)


def _row_statuses(alignment: Alignment, link: Link) -> list[str]:
    statuses: set[str] = {effective_status(f, alignment) for f in link.flags}
    if link.status != "auto":
        statuses.add(link.status)
    if link.note:
        statuses.add("noted")
    if any(alignment.source.sentences[i].edited for i in link.source) or any(
        alignment.target.sentences[i].edited for i in link.target
    ):
        statuses.add("edited")
    return [s for s in FILTER_STATUSES if s in statuses]


def _link_row(alignment: Alignment, link: Link, position: int) -> str:
    source, target = alignment.source_text(link), alignment.target_text(link)
    src_marks, tgt_marks = _link_marks(alignment, link, source, target)
    counted = [f for f in link.flags if effective_status(f, alignment) != "dismissed"]
    classes = ["link"]
    if link.is_unaligned:
        classes.append("unaligned")
    sev = link_severity(link, alignment)
    if sev:
        classes.append(f"sev-{sev}")
    if any(effective_status(f, alignment) == "confirmed" for f in link.flags):
        classes.append("confirmed")
    decision = (
        f'<span class="badge {esc(link.status)}">{esc(link.status)}</span>' if link.status != "auto" else ""
    )
    who = ""
    if link.reviewed_by or link.reviewed_at:
        who = f'<span class="who">{esc(link.reviewed_by)} {esc(link.reviewed_at)}</span>'
    note = f'<span class="note"><b>note:</b> {esc(link.note)}</span>' if link.note else ""
    data = (
        f'data-link="{link.id}" data-order="{position}" data-score="{link.score:.4f}" '
        f'data-rank="{SEVERITY_RANK[sev] if sev else len(SEVERITY_RANK)}" '
        f'data-sevs="{" ".join(sorted({f.severity for f in counted}))}" '
        f'data-kinds="{esc(" ".join(sorted({f.kind for f in link.flags})))}" '
        f'data-statuses="{" ".join(_row_statuses(alignment, link))}" data-band="{_score_band(link.score)}"'
    )
    return (
        f'<tr id="link-{link.id}" class="{" ".join(classes)}" {data}>'
        f'<th scope="row" class="id">{link.id}<span class="ids">score {link.score:.2f}</span>'
        f"{decision}{who}</th>"
        f"{_text_cell('source', alignment.source, link.source, src_marks)}"
        f"{_text_cell('target', alignment.target, link.target, tgt_marks)}"
        f'<td class="flags">{_flag_list(alignment, link)}{note}</td></tr>'
    )


def _orphan_rows(alignment: Alignment) -> str:
    """Sentences that no link mentions at all (a hand-edited or partial file); shown so nothing is hidden."""
    in_src = {i for link in alignment.links for i in link.source}
    in_tgt = {i for link in alignment.links for i in link.target}
    rows = []
    for side_name, side, used in (("source", alignment.source, in_src), ("target", alignment.target, in_tgt)):
        for s in side.sentences:
            if s.id in used:
                continue
            cells = [_text_cell(side_name, side, [s.id], []), f'<td class="text {side_name}"></td>']
            if side_name == "target":
                cells.reverse()
            rows.append(
                f'<tr class="orphan unaligned" data-{side_name}="{s.id}"><th scope="row" class="id">–</th>'
                f"{''.join(cells)}<td></td></tr>"
            )
    return "".join(rows)


def _links_table(alignment: Alignment, rows: str, caption: str, table_id: str) -> str:
    src, tgt = alignment.source, alignment.target
    return (
        f'<table class="links" id="{table_id}"><caption class="counts">{caption}</caption>'
        '<colgroup><col class="id"><col><col><col class="flags"></colgroup>'
        f'<thead><tr><th scope="col">link</th><th scope="col">source ({esc(src.lang)})</th>'
        f'<th scope="col">target ({esc(tgt.lang)})</th><th scope="col">flags and notes</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


# --- triage -------------------------------------------------------------------------------------


def _radio_group(name: str, legend: str, values: Sequence[tuple[str, str]]) -> str:
    opts = [f'<label><input type="radio" name="{name}" id="flt-{name}-any" value="" checked> any</label>']
    for value, label in values:
        opts.append(
            f'<label><input type="radio" name="{name}" id="flt-{name}-{esc(value)}" value="{esc(value)}"> '
            f"{esc(label)}</label>"
        )
    return f"<fieldset><legend>{legend}</legend>{''.join(opts)}</fieldset>"


def _triage(kinds: Sequence[str]) -> tuple[str, str]:
    """The filter form and the CSS that makes it work without JavaScript (one rule per choice)."""
    groups: list[tuple[str, str, str, list[tuple[str, str]]]] = [
        ("sev", "data-sevs", "Severity", [(s, s) for s in SEVERITIES]),
        ("kind", "data-kinds", "Check", [(k, k) for k in kinds]),
        ("status", "data-statuses", "Status", [(s, s) for s in FILTER_STATUSES]),
        ("band", "data-band", "Score", [(name, name) for name, _ in SCORE_BANDS]),
    ]
    rules = []
    for name, attr, _, values in groups:
        for value, _label in values:
            rules.append(
                f'body:has(#flt-{name}-{value}:checked) tr.link:not([{attr}~="{value}"]){{display:none}}'
            )
    sort = (
        '<label class="js-only" hidden>Sort <select id="sort">'
        '<option value="severity">worst flag first</option><option value="order">document order</option>'
        '<option value="score-asc">score, lowest first</option>'
        '<option value="score-desc">score, highest first</option></select></label>'
        '<output class="js-only" id="shown" hidden aria-live="polite"></output>'
    )
    form = (
        '<form class="triage" id="triage" aria-label="filter links">'
        + "".join(_radio_group(name, legend, values) for name, _, legend, values in groups)
        + sort
        + "</form>"
    )
    return form, "\n".join(rules)


# --- grouped by check ---------------------------------------------------------------------------


def _by_check(alignment: Alignment, kinds: Sequence[str]) -> str:
    src_lang, tgt_lang = lang_attr(alignment.source.lang), lang_attr(alignment.target.lang)
    sections = []
    for kind in kinds:
        rows = []
        for link in alignment.links:
            for flag in link.flags:
                if flag.kind != kind:
                    continue
                status = effective_status(flag, alignment)
                rows.append(
                    f'<tr class="{status}"><td><a href="#link-{link.id}">{link.id}</a></td>'
                    f'<td><span class="badge {flag.severity if status != "dismissed" else "dismissed"}">'
                    f"{flag.severity}</span></td><td>{status}</td>"
                    f"<td{src_lang}>{esc(flag.source_excerpt)}</td><td{tgt_lang}>{esc(flag.target_excerpt)}</td>"
                    f"<td>{esc(flag.message)}</td></tr>"
                )
        sections.append(
            f'<details class="group" open id="check-{esc(kind)}"><summary>{esc(kind)} '
            f'({plural(len(rows), "flag")})</summary><div class="scroll"><table class="check">'
            '<thead><tr><th scope="col">link</th><th scope="col">severity</th><th scope="col">status</th>'
            '<th scope="col">source</th><th scope="col">target</th><th scope="col">message</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div></details>"
        )
    if not sections:
        return '<p class="counts">No flags.</p>'
    return "".join(sections)


def _majors(alignment: Alignment) -> str:
    """The major flags that count, first thing on the page, each linking to its row."""
    items = []
    for link in alignment.links:
        for flag in link.flags:
            status = effective_status(flag, alignment)
            if flag.severity != "major" or status == "dismissed":
                continue
            badge = ' <span class="badge confirmed">confirmed</span>' if status == "confirmed" else ""
            excerpts = " ↔ ".join(
                f"<q{lang_attr(side.lang)}>{esc(text)}</q>"
                for side, text in (
                    (alignment.source, flag.source_excerpt),
                    (alignment.target, flag.target_excerpt),
                )
                if text
            )
            items.append(
                f'<li><a href="#link-{link.id}">link {link.id}</a> <span class="badge major">major</span> '
                f"<b>{esc(flag.kind)}</b>{badge}: {esc(flag.message)} {excerpts}</li>"
            )
    if not items:
        return '<p class="majors none-major">No major flags.</p>'
    return (
        '<div class="majors" role="region" aria-label="major flags">'
        f"<h3>{plural(len(items), 'major flag')}</h3>"
        f"<ul>{''.join(items)}</ul></div>"
    )


# --- the page -----------------------------------------------------------------------------------


def render_document(alignment: Alignment, summary: DocumentSummary, *, generated: str = "") -> str:
    src, tgt = alignment.source, alignment.target
    files = "".join(
        f' <a href="{esc(f)}">{esc(f.rsplit(".", 1)[-1].upper())}</a>'
        for f in summary.files
        if not f.endswith(".html")
    )
    header = (
        f"<header><h1>bitext report: {esc(summary.name)}</h1>"
        f'<p class="sides">source: <b>{esc(src.lang)}</b> {esc(src.path)} · '
        f"target: <b>{esc(tgt.lang)}</b> {esc(tgt.path)} · mode: {esc(alignment.mode)}"
        + (f" · generated {esc(generated)}" if generated else "")
        + (f" · also as{files}" if files else "")
        + "</p>"
        f"{_review_line(summary)}"
        f'<code class="signature">{esc(alignment.signature.text())}</code></header>'
        '<nav class="toc" aria-label="sections"><a href="#summary">Summary</a><a href="#links">Links</a>'
        '<a href="#unaligned">Unaligned</a><a href="#by-check">Flags by check</a></nav>'
    )
    overview = (
        f'<section id="summary"><h2>Summary</h2>{_counts_line(summary)}{_majors(alignment)}'
        f'<div class="overview"><div>{_summary_table(summary)}</div>'
        f"<div>{alignment_svg(alignment)}{_legend()}</div></div></section>"
    )
    kinds = list(summary.by_kind) + sorted(
        {f.kind for link in alignment.links for f in link.flags} - set(summary.by_kind)
    )
    form, filter_css = _triage(kinds)

    positions = {link.id: pos for pos, link in enumerate(alignment.links)}
    flagged = [lk for lk in alignment.links if link_severity(lk, alignment)]
    flagged.sort(key=lambda lk: (SEVERITY_RANK[link_severity(lk, alignment) or "info"], positions[lk.id]))
    flagged_ids = {lk.id for lk in flagged}
    rest = [lk for lk in alignment.links if lk.id not in flagged_ids]
    aligned_rest = [lk for lk in rest if not lk.is_unaligned]
    unaligned = [lk for lk in rest if lk.is_unaligned]

    main_rows = "".join(_link_row(alignment, lk, positions[lk.id]) for lk in flagged + aligned_rest)
    caption = (
        f"{plural(len(flagged), 'link')} with flags first (worst first), then "
        f"{plural(len(aligned_rest), 'other link')}"
    )
    links = (
        f'<section id="links"><h2>Links</h2>{form}'
        f"{_links_table(alignment, main_rows, caption, 'links-table')}</section>"
    )
    orphans = _orphan_rows(alignment)
    n_unaligned = len(unaligned) + orphans.count("<tr ")
    unaligned_rows = "".join(_link_row(alignment, lk, positions[lk.id]) for lk in unaligned) + orphans
    folded = (
        f'<section id="unaligned"><h2>Unaligned</h2><details class="unaligned">'
        f"<summary>{plural(n_unaligned, 'row')} without a counterpart and without open flags "
        f"({summary.unaligned_source} source, {summary.unaligned_target} target sentences unaligned in all)"
        f"</summary>{_links_table(alignment, unaligned_rows, 'Unaligned sentences', 'unaligned-table')}"
        "</details></section>"
    )
    grouped = f'<section id="by-check"><h2>Flags by check</h2>{_by_check(alignment, kinds)}</section>'
    return page(
        f"bitext report: {summary.name}",
        f"{header}<main>{overview}{links}{folded}{grouped}</main>",
        css=filter_css,
        script=_asset("report.js"),
    )
