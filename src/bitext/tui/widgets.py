"""Widgets of the review screen: the link table, the detail pane, the unlinked list, the summary."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.data_table import RowKey
from textual.widgets.option_list import Option

from bitext.model import Alignment, Flag, Link
from bitext.review import Counts, SideName

SEVERITY_RANK = {"major": 0, "minor": 1, "info": 2}
STATUS_MARK = {"auto": "·", "accepted": "✓", "rejected": "✗"}
FIXED_COLUMNS = 6 + 4 + 9 + 5 * 2  # id, status, flag widths plus one cell of padding each side of 5 columns


def worst_open(link: Link) -> Flag | None:
    open_flags = [f for f in link.flags if f.status == "open"]
    return min(open_flags, key=lambda f: SEVERITY_RANK.get(f.severity, 3)) if open_flags else None


def flag_cell(link: Link) -> Text:
    flag = worst_open(link)
    if flag is not None:
        return Text(f"⚑ {flag.severity}", style=f"bold {_severity_colour(flag.severity)}")
    if link.flags:
        return Text("  done", style="dim")
    return Text("")


def _severity_colour(severity: str) -> str:
    # Rich styles for table cells: DataTable renders cell renderables, not CSS.
    return {"major": "red", "minor": "yellow"}.get(severity, "cyan")


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


class LinkTable(DataTable[str | Text]):
    """One row per link: id, status, worst open flag, source text, target text (clipped)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.text_width = 40
        self.shown: list[int] = []

    def fill(self, alignment: Alignment, links: Sequence[Link], width: int) -> None:
        """Rebuild all rows; plain strings and pre-clipped text keep 5,000 rows fast."""
        self.text_width = max((width - FIXED_COLUMNS) // 2, 12)
        self.clear(columns=True)
        self.add_column("#", key="id", width=6)
        self.add_column("st", key="status", width=4)
        self.add_column("flag", key="flag", width=9)
        self.add_column(alignment.source.lang, key="source", width=self.text_width)
        self.add_column(alignment.target.lang, key="target", width=self.text_width)
        self.shown = [link.id for link in links]
        for link in links:
            self.add_row(*self._cells(alignment, link), key=str(link.id))

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        # Every column has a fixed width and every row is one line, so DataTable's measuring of each
        # new cell (for auto-width columns) is wasted work: it was two thirds of opening 5,000 links.
        header = self.header_height if self.show_header else 0
        width = sum(column.get_render_width(self) for column in self.columns.values())
        self.virtual_size = Size(width + self._row_label_column_width, self._total_row_height + header)

    def _cells(self, alignment: Alignment, link: Link) -> tuple[str | Text, ...]:
        return (
            str(link.id),
            STATUS_MARK[link.status],
            flag_cell(link),
            clip(alignment.source_text(link), self.text_width) or "—",
            clip(alignment.target_text(link), self.text_width) or "—",
        )

    def update_link(self, alignment: Alignment, link: Link) -> None:
        key = str(link.id)
        if key not in self.rows:
            return
        for column, value in zip(
            ("id", "status", "flag", "source", "target"), self._cells(alignment, link), strict=True
        ):
            self.update_cell(key, column, value)

    @property
    def current_id(self) -> int | None:
        if not self.shown or not 0 <= self.cursor_row < len(self.shown):
            return None
        return self.shown[self.cursor_row]

    def go_to(self, link_id: int) -> bool:
        try:
            row = self.shown.index(link_id)
        except ValueError:
            return False
        self.move_cursor(row=row, animate=False, scroll=True)
        return True


class DetailPane(Vertical):
    """The current link in full, each open flag's spans highlighted in both texts, and its messages."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "detail--major",
        "detail--minor",
        "detail--info",
        "detail--closed",
    }

    def compose(self) -> ComposeResult:
        with Horizontal(id="detail-texts"):
            with VerticalScroll(id="detail-source-box"):
                yield Static(id="detail-source")
            with VerticalScroll(id="detail-target-box"):
                yield Static(id="detail-target")
        yield Static(id="detail-flags")

    def show(self, alignment: Alignment, link: Link | None) -> None:
        src, tgt, msgs = Text(), Text(), Text()
        if link is not None:
            src = Text(alignment.source_text(link) or "(no source sentence)")
            tgt = Text(alignment.target_text(link) or "(no target sentence)")
            for n, flag in enumerate(link.flags):
                style = self.get_component_rich_style(
                    f"detail--{flag.severity}" if flag.status == "open" else "detail--closed", partial=True
                )
                if flag.source_span:
                    src.stylize(style, *flag.source_span)
                if flag.target_span:
                    tgt.stylize(style, *flag.target_span)
                mark = {"open": "⚑", "accepted": "✓", "dismissed": "—"}[flag.status]
                msgs.append(f"{mark} {n + 1}. {flag.kind}/{flag.severity}: ", style=style)
                msgs.append(f"{flag.message} [{flag.status}]\n")
            head = f"link {link.id} · {link.status} · score {link.score:.2f}"
            if link.note:
                head += f" · note: {link.note}"
            msgs = Text(head + "\n", style="bold") + msgs
        self.query_one("#detail-source", Static).update(src)
        self.query_one("#detail-target", Static).update(tgt)
        self.query_one("#detail-flags", Static).update(msgs)


class UnlinkedList(OptionList):
    """The sentences with no partner (in a summary: body sentences the summary does not cover)."""

    def fill(self, alignment: Alignment, pairs: Sequence[tuple[SideName, int]]) -> None:
        self.clear_options()
        options = []
        for side, sid in pairs:
            lang = alignment.source.lang if side == "source" else alignment.target.lang
            text = (alignment.source if side == "source" else alignment.target).sentences[sid].text
            options.append(Option(f"{lang} {sid}: {clip(text, 70)}", id=f"{side}:{sid}"))
        self.add_options(options)
        self.border_title = f"Unlinked ({len(pairs)})"

    def selected(self) -> tuple[SideName, int] | None:
        if self.highlighted is None or self.option_count == 0:
            return None
        option_id = self.get_option_at_index(self.highlighted).id or ""
        side, _, sid = option_id.partition(":")
        if side not in ("source", "target"):
            return None
        return ("source" if side == "source" else "target"), int(sid)


class SummaryPanel(Static):
    """Counts: reviewed links and open flags by kind."""

    def show(self, counts: Counts, readonly: bool) -> None:
        text = Text()
        text.append(f"reviewed {counts.reviewed}/{counts.links}", style="bold")
        text.append(f"  ✓{counts.accepted} ✗{counts.rejected}\n")
        text.append(f"open flags {counts.open_total}", style="bold")
        if counts.open_flags:
            text.append(": " + ", ".join(f"{k} {v}" for k, v in counts.open_flags.items()))
        text.append(f"\ndismissed {counts.dismissed_flags} · confirmed {counts.accepted_flags}")
        if readonly:
            text.append("\nREAD-ONLY", style="bold reverse")
        self.update(text)
