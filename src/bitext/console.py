"""What the CLI prints after aligning or checking: a short summary, or with ``verbose`` the links too.

The short form fits a screen whatever the document's length: counts by severity, the major flags one a line,
and the command to run next. Nothing is hard-wrapped: on a terminal the terminal wraps long lines, and in a
pipe each record stays one line (the verbose table becomes tab-separated there), so grep and cut work.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from bitext.model import SEVERITIES, SEVERITY_RANK, SEVERITY_TERMINAL_COLOURS, Alignment, Flag, Severity
from bitext.report.tables import effective_status

SEVERITY_STYLE = {s: ("bold " if s == "major" else "") + c for s, c in SEVERITY_TERMINAL_COLOURS.items()}
MAX_SHOWN = 20


@dataclass(frozen=True)
class CountedFlag:
    """A flag that counts (open or confirmed, not dismissed) and where it is."""

    link: int
    flag: Flag
    status: str


def counted_flags(alignment: Alignment) -> list[CountedFlag]:
    """Every flag that counts, worst first, then in link order."""
    found = [
        CountedFlag(link.id, f, status)
        for link in alignment.links
        for f in link.flags
        if (status := effective_status(f, alignment)) != "dismissed"
    ]
    found.sort(key=lambda c: SEVERITY_RANK[c.flag.severity])
    return found


def _reaching(alignment: Alignment, fail_on: str) -> list[CountedFlag]:
    limit = SEVERITY_RANK[fail_on]
    return [c for c in counted_flags(alignment) if SEVERITY_RANK[c.flag.severity] <= limit]


def exit_code_for(alignment: Alignment, fail_on: str | None) -> int:
    """1 when a counted flag (open or confirmed) reaches ``fail_on`` (minor: minor or worse), else 0."""
    if fail_on is None:
        return 0
    return int(bool(_reaching(alignment, fail_on)))


def fail_reason(alignment: Alignment, fail_on: str) -> str | None:
    """The reason line for a failing ``--fail-on``, e.g. '2 major flags (1 confirmed) in links 26, 28'."""
    hits = _reaching(alignment, fail_on)
    if not hits:
        return None
    by_sev: Counter[str] = Counter(c.flag.severity for c in hits)
    confirmed: Counter[str] = Counter(c.flag.severity for c in hits if c.status == "confirmed")
    parts = []
    for sev in SEVERITIES:
        if by_sev[sev]:
            extra = f" ({confirmed[sev]} confirmed)" if confirmed[sev] else ""
            parts.append(f"{by_sev[sev]} {sev}{extra}")
    links = sorted({c.link for c in hits})
    shown = ", ".join(map(str, links[:10])) + (f" and {len(links) - 10} more" if len(links) > 10 else "")
    noun = "flag" if len(hits) == 1 else "flags"
    where = "link" if len(links) == 1 else "links"
    return f"{', '.join(parts)} {noun} at --fail-on {fail_on} or worse, in {where} {shown}"


def make_console(*, stderr: bool = False) -> Console:
    """A console that never inserts line breaks of its own."""
    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _excerpts(flag: Flag) -> str:
    pair = [t for t in (flag.source_excerpt, flag.target_excerpt) if t]
    return " ↔ ".join(f"“{t}”" for t in pair)


def print_alignment_summary(
    alignment: Alignment,
    console: Console | None = None,
    *,
    out_path: Path | None = None,
    verbose: bool = False,
) -> None:
    out = console or make_console()
    src, tgt = alignment.source, alignment.target
    linked = [link for link in alignment.links if link.source and link.target]
    out.print(
        f"[bold]{alignment.mode}[/] mode: {len(src.sentences)} {src.lang} and "
        f"{len(tgt.sentences)} {tgt.lang} sentences, {len(linked)} links, "
        f"{len(alignment.unlinked_source())} {src.lang} and "
        f"{len(alignment.unlinked_target())} {tgt.lang} sentences unlinked"
    )
    if "|skipped:" in alignment.signature.checks:
        from bitext.checks.langdata import skipped_note

        out.print(f"checks skipped for {src.lang}-{tgt.lang}: {skipped_note(src.lang, tgt.lang)}")
    if verbose:
        out.print(f"[dim]{escape(alignment.signature.text())}[/]")
        _print_links(alignment, out)
    flags = counted_flags(alignment)
    by_sev = Counter(c.flag.severity for c in flags)
    confirmed = sum(1 for c in flags if c.status == "confirmed")
    dismissed = sum(1 for link in alignment.links for f in link.flags) - len(flags)
    counts = ", ".join(f"[{SEVERITY_STYLE[s]}]{by_sev[s]} {s}[/]" for s in SEVERITIES)
    extra = [f"{confirmed} confirmed"] if confirmed else []
    extra += [f"{dismissed} dismissed"] if dismissed else []
    out.print(f"flags: {counts}" + (f" ({', '.join(extra)})" if extra else ""))
    if verbose:
        by_kind = Counter((c.flag.kind, c.flag.severity) for c in flags)
        for (kind, sev), n in sorted(by_kind.items(), key=lambda kv: (SEVERITY_RANK[kv[0][1]], kv[0][0])):
            out.print(f"  {n:3} {kind} ({sev})")
    # The worst flags first: every major one, then minor ones while there is room (info with --verbose)
    shown_sev: tuple[Severity, ...] = ("major", "minor", "info") if verbose else ("major", "minor")
    shown = [c for c in flags if c.flag.severity in shown_sev]
    shown.sort(key=lambda c: SEVERITY_RANK[c.flag.severity])
    limit = len(shown) if verbose else MAX_SHOWN
    for c in shown[:limit]:
        sev = c.flag.severity
        mark = " [bold magenta]confirmed[/]" if c.status == "confirmed" else ""
        out.print(
            f"  link {c.link:>4} [{SEVERITY_STYLE[sev]}]{sev:5}[/] {escape(c.flag.kind)}{mark}: "
            f"{escape(c.flag.message)} {escape(_excerpts(c.flag))}"
        )
    if len(shown) > limit:
        out.print(f"  … and {len(shown) - limit} more flags (--verbose lists them all)")
    if out_path is not None:
        out.print(f"wrote {escape(str(out_path))}")
        hint = "" if verbose else "  (--verbose lists every link)"
        out.print(f"next: [bold]bitext review {escape(str(out_path))}[/]{hint}")


def _print_links(alignment: Alignment, out: Console) -> None:
    """Every link: a table on a terminal, tab-separated lines in a pipe (one link a line)."""
    src, tgt = alignment.source, alignment.target
    linked = [link for link in alignment.links if link.source and link.target]
    if not out.is_terminal:
        for link in linked:
            fields = [
                str(link.id),
                f"{link.score:.2f}",
                ",".join(map(str, link.source)),
                ",".join(map(str, link.target)),
                alignment.source_text(link),
                alignment.target_text(link),
            ]
            # Straight to the file: rich would expand the tabs into spaces.
            out.file.write("\t".join(f.replace("\t", " ") for f in fields) + "\n")
        return
    table = Table(show_lines=False, expand=True)
    table.add_column("link", justify="right", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column(f"{src.lang} (sentences)", ratio=1)
    table.add_column(f"{tgt.lang} (sentences)", ratio=1)
    for link in linked:
        table.add_row(
            str(link.id),
            f"{link.score:.2f}",
            f"[dim]{','.join(map(str, link.source))}[/] " + escape(alignment.source_text(link)),
            f"[dim]{','.join(map(str, link.target))}[/] " + escape(alignment.target_text(link)),
        )
    out.print(table, soft_wrap=False)
