"""What the CLI prints after aligning or checking: the links found and the open flags."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

from bitext.model import SEVERITY_RANK, SEVERITY_TERMINAL_COLOURS, Alignment
from bitext.text import clip

EXCERPT_WIDTH = 110


def open_flags(alignment: Alignment) -> list[tuple[int, str, str, str, str, str]]:
    """(link id, kind, severity, source excerpt, target excerpt, message) of every open flag."""
    return [
        (link.id, f.kind, f.severity, f.source_excerpt, f.target_excerpt, f.message)
        for link in alignment.links
        for f in link.flags
        if f.status == "open"
    ]


def exit_code_for(alignment: Alignment, fail_on: str | None) -> int:
    """1 when an open flag reaches ``fail_on`` (major, or minor meaning minor or worse), else 0."""
    if fail_on is None:
        return 0
    limit = SEVERITY_RANK[fail_on]
    return int(any(SEVERITY_RANK[sev] <= limit for _, _, sev, _, _, _ in open_flags(alignment)))


def print_alignment_summary(alignment: Alignment, console: Console | None = None, max_rows: int = 40) -> None:
    out = console or Console(stderr=False, highlight=False)
    src, tgt = alignment.source, alignment.target
    linked = [link for link in alignment.links if link.source and link.target]
    out.print(
        f"[bold]{alignment.mode}[/] mode: {len(src.sentences)} {src.lang} and "
        f"{len(tgt.sentences)} {tgt.lang} sentences, {len(linked)} links, "
        f"{len(alignment.unlinked_source())} {src.lang} and "
        f"{len(alignment.unlinked_target())} {tgt.lang} sentences unlinked"
    )
    out.print(f"[dim]{alignment.signature.text()}[/]")
    if "|skipped:" in alignment.signature.checks:
        from bitext.checks.langdata import skipped_note

        out.print(f"checks skipped for {src.lang}-{tgt.lang}: {skipped_note(src.lang, tgt.lang)}")
    table = Table(show_lines=False, expand=True)
    table.add_column("link", justify="right", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column(f"{src.lang} (sentences)", ratio=1)
    table.add_column(f"{tgt.lang} (sentences)", ratio=1)
    for link in linked[:max_rows]:
        table.add_row(
            str(link.id),
            f"{link.score:.2f}",
            f"[dim]{','.join(map(str, link.source))}[/] " + clip(alignment.source_text(link), EXCERPT_WIDTH),
            f"[dim]{','.join(map(str, link.target))}[/] " + clip(alignment.target_text(link), EXCERPT_WIDTH),
        )
    out.print(table)
    if len(linked) > max_rows:
        out.print(f"… and {len(linked) - max_rows} more links")
    flags = open_flags(alignment)
    if not flags:
        out.print("no open flags")
        return
    counts = Counter((kind, sev) for _, kind, sev, _, _, _ in flags)
    out.print(
        "open flags: "
        + ", ".join(
            f"{n} {kind}/{sev}"
            for (kind, sev), n in sorted(counts.items(), key=lambda kv: (SEVERITY_RANK[kv[0][1]], kv[0][0]))
        )
    )
    flags.sort(key=lambda f: (SEVERITY_RANK[f[2]], f[0]))
    for link_id, kind, sev, _src, _tgt, message in flags[:max_rows]:
        style = f"bold {SEVERITY_TERMINAL_COLOURS[sev]}"
        out.print(f"  link {link_id:>3} [{style}]{sev:5}[/] {kind:11} {message}", soft_wrap=False)
