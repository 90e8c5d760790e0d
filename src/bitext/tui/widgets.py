"""Widgets of the review screen: the link table, the detail pane, the unlinked list, the summary."""

from __future__ import annotations

import sys
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, ClassVar

from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual._two_way_dict import TwoWayDict
from textual._types import SegmentLines
from textual.app import ComposeResult
from textual.cache import LRUCache
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets._data_table import default_cell_formatter
from textual.widgets.data_table import ColumnKey, Row, RowKey
from textual.widgets.option_list import Option

from bitext.model import Alignment, Flag, Link
from bitext.review import Counts, SideName

SEVERITY_RANK = {"major": 0, "minor": 1, "info": 2}
STATUS_MARK = {"auto": "·", "accepted": "✓", "rejected": "✗"}
FIXED_COLUMNS = 6 + 4 + 9 + 5 * 2  # id, status, flag widths plus one cell of padding each side of 5 columns
_EMPTY = Text(no_wrap=True, end="")  # what DataTable shows for an empty cell
COLUMN_KEYS = tuple(ColumnKey(key) for key in ("id", "status", "flag", "source", "target"))


def worst_open(link: Link) -> Flag | None:
    open_flags = [f for f in link.flags if f.status == "open"]
    return min(open_flags, key=lambda f: SEVERITY_RANK.get(f.severity, 3)) if open_flags else None


def flag_cell(link: Link) -> Text:
    flag = worst_open(link)
    if flag is not None:
        return _shared(f"⚑ {flag.severity}", f"bold {_severity_colour(flag.severity)}")
    if link.flags:
        return _shared("  done", "dim")
    return _shared("", "")


_SHARED: dict[tuple[str, str], Text] = {}


def _shared(text: str, style: str) -> Text:
    """One Text for all the cells that show the same few words (a status, a flag's severity), so
    that the table renders each once (LinkTable._render_cell keeps renderings by cell)."""
    cell = _SHARED.get((text, style))
    if cell is None:
        cell = _SHARED[text, style] = Text(text, style=style, no_wrap=True, end="")
    return cell


def _severity_colour(severity: str) -> str:
    # Rich styles for table cells: DataTable renders cell renderables, not CSS.
    return {"major": "red", "minor": "yellow"}.get(severity, "cyan")


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


class RowOrder(TwoWayDict[RowKey, int]):
    """DataTable's row key <-> row index map, answered from the table's list of link ids.

    A TwoWayDict of 5,000 row keys costs a few ms to build (each key is hashed in Python), once per
    edit; this needs one int-keyed dict. Rows change only through LinkTable.fill and splice.
    """

    def __init__(self, shown: list[int], slots: dict[int, tuple[RowKey, Row]]) -> None:
        super().__init__({})
        self._shown, self._slots = shown, slots
        self._rows = {link_id: row for row, link_id in enumerate(shown)}

    def get(self, key: RowKey | str) -> int | None:
        value = key.value if isinstance(key, RowKey) else key
        return self._rows.get(int(value)) if value and value.isdigit() else None

    def get_key(self, value: int) -> RowKey | None:
        return self._slots[self._shown[value]][0] if 0 <= value < len(self._shown) else None

    def contains_value(self, value: int) -> bool:
        return 0 <= value < len(self._shown)

    def __contains__(self, item: object) -> bool:
        return isinstance(item, RowKey | str) and self.get(item) is not None

    def __iter__(self) -> Iterator[RowKey]:
        return (self._slots[link_id][0] for link_id in self._shown)

    def __len__(self) -> int:
        return len(self._shown)

    def __setitem__(self, key: RowKey, value: int) -> None:
        raise TypeError("LinkTable's rows change through fill() and splice() only")

    def __delitem__(self, key: RowKey) -> None:
        raise TypeError("LinkTable's rows change through fill() and splice() only")


class SteadyScrolling(ScrollView):
    """A scroll view whose box does not depend on its content (a ``1fr`` height, say).

    Put it after the widget class in the bases (``class LinkTable(DataTable, SteadyScrolling)``):
    Textual takes a widget's CSS from its first base only. It spares two frames of work when the
    content grows or shrinks:

    - Textual lays out the whole screen when a widget's virtual size changes, in case its box
      depends on it. Here it does not, so only the scrollbars move (:meth:`_steady_resize`; a
      scrollbar that appears or goes still asks for a layout pass itself).
    - In a layout pass Textual hands a scroll view its visible region as its virtual size, which
      never equals the real one, so every layout pass of the screen refreshed the scrollbars
      again and painted them one frame (17 ms at 60 fps) after the rest: the last paint of a
      relink that changed the unlinked sentences came 20 ms late. Here they are refreshed only
      when the box or the virtual size changed since they were last drawn.
    """

    _scrolled_for: tuple[Size, Size] | None = None  # the virtual and container size the scrollbars show

    def _steady_resize(self, size: Size) -> None:
        """Set the virtual size and move the scrollbars, without a layout pass."""
        self.set_reactive(Widget.virtual_size, size)
        self._scroll_update(size)
        self.refresh()

    def _scroll_update(self, virtual_size: Size) -> None:
        super()._scroll_update(virtual_size)
        self._scrolled_for = (virtual_size, self.container_size)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        if size == self._size and self._scrolled_for == (self.virtual_size, container_size):
            return False  # what the scrollbars show has not changed
        return super()._size_updated(size, virtual_size, container_size, layout)


class LinkTable(DataTable[str | Text], SteadyScrolling):
    """One row per link, keyed by link id: id, status, worst open flag, source and target text (clipped).

    DataTable's row-at-a-time API is too slow for 5,000 rows to stay within a key press: ``add_row``
    costs about 40 µs, ``remove_row`` renumbers every row and asks for a layout pass, a row can only be
    appended, and every cell update makes DataTable work out the order of all rows again on the next
    paint. So this table keeps each link's row (its key, metadata and cells) cached and sets
    DataTable's three row stores (``_data``, ``rows`` and the key <-> index map ``_row_locations``)
    itself, in :meth:`_set_rows` and :meth:`splice`: a whole view costs a few ms, an edit (merge,
    split, relink, undo) the rows it touches plus one renumbering pass. It also renders a line from
    cells rendered once (:meth:`_render_cell`) and keeps lines the cursor does not touch
    (:meth:`_render_line`). Written against Textual 8.2 (pinned in pyproject.toml); tests/test_tui.py
    checks the rows and the picture against a table built afresh, and the cells against DataTable's.
    """

    # Caches of the row order.
    _ordered: tuple[TwoWayDict[RowKey, int], list[Row]] | None = None
    _offsets: tuple[list[Row], list[tuple[RowKey, int]]] | None = None
    _look: tuple[Style, ...] = ()
    _restyled = True

    def __init__(self, **kwargs: object) -> None:
        # Set before DataTable's __init__, which already asks for the row order.
        self.text_width = 0
        self.shown: list[int] = []  # link ids, in row order
        self._slots: dict[int, tuple[RowKey, Row]] = {}  # link id -> its row key and metadata, for good
        self._cells: dict[int, tuple[Link, dict[ColumnKey, str | Text]]] = {}  # valid while the link is
        self._lines: LRUCache[tuple[object, ...], Strip] = LRUCache(1000)  # see _render_line
        self._row_styles: dict[str, Style] = {}  # see _get_row_style
        self._painting_style: Style | None = None  # see rich_style
        self._plain: LRUCache[tuple[int, int], tuple[object, SegmentLines]] = LRUCache(10000)  # _render_cell
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]

    # ---- filling and editing

    def fill(self, alignment: Alignment, links: Sequence[Link], width: int) -> None:
        """Show ``links`` (a filter's result, or all of them), with texts clipped to fit ``width``."""
        text_width = max((width - FIXED_COLUMNS) // 2, 12)
        if text_width != self.text_width:
            self.text_width = text_width
            self._cells.clear()
        self.clear(columns=True)
        self.add_column("#", key="id", width=6)
        self.add_column("st", key="status", width=4)
        self.add_column("flag", key="flag", width=9)
        self.add_column(alignment.source.lang, key="source", width=self.text_width)
        self.add_column(alignment.target.lang, key="target", width=self.text_width)
        self._set_rows(alignment, links)

    def splice(
        self, alignment: Alignment, old: Sequence[Link], new: Sequence[Link], position: Callable[[int], int]
    ) -> None:
        """Replace the rows of ``old`` (those shown) by rows for ``new`` (those to show), in place.

        ``old`` were consecutive links and ``new`` took their place, so the rows of ``old`` are
        consecutive too; when none was shown, ``new`` go before the first shown link that comes after
        them (``position`` gives a link's position in the alignment).
        """
        locations = self._row_locations
        rows = sorted(r for r in (locations.get(self._slot(link.id)[0]) for link in old) if r is not None)
        if rows:
            lo, hi = rows[0], rows[-1] + 1
        else:
            start = position(new[0].id) if new else None
            if start is None:
                return  # nothing was shown and nothing is to be shown
            lo = hi = bisect_left(self.shown, start, key=position)
        new_ids = [link.id for link in new]
        for link in new:
            self._data[self._slot(link.id)[0]] = self._row_cells(alignment, link)
        if self.shown[lo:hi] == new_ids:
            # The same rows with new contents: repaint just them. DataTable would count an update,
            # which makes every visible line render again (about a millisecond each).
            self._forget(lo, hi)
            for row in range(lo, hi):
                self.refresh_row(row)
            return
        for link_id in set(self.shown[lo:hi]) - set(new_ids):
            key = self._slot(link_id)[0]
            del self._data[key], self.rows[key]
        for link_id in new_ids:
            key, meta = self._slot(link_id)
            self.rows[key] = meta
        self.shown[lo:hi] = new_ids
        self._renumber(first=lo)

    def _set_rows(self, alignment: Alignment, links: Sequence[Link]) -> None:
        data: dict[RowKey, dict[ColumnKey, str | Text]] = {}
        rows: dict[RowKey, Row] = {}
        for link in links:
            key, row = self._slot(link.id)
            data[key] = self._row_cells(alignment, link)
            rows[key] = row
        self._data, self.rows = data, rows
        self.shown = [link.id for link in links]
        self._renumber()

    def _renumber(self, first: int = 0) -> None:
        """Rebuild the row order from ``shown``; rows before ``first`` are where they were."""
        self._row_locations = RowOrder(list(self.shown), self._slots)
        if self.is_mounted:  # now, not when idle: the scrollbar then changes in the same frame
            self._update_dimensions(())
        else:
            self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate  # clamped to the rows there are now
        if first:
            self._forget(first, sys.maxsize)  # the rows after it moved, and those past the new end went
        else:
            self._update_count += 1  # everything changed: DataTable's caches all go
        self.check_idle()
        self.refresh()

    def _forget(self, first: int, end: int) -> None:
        """Drop DataTable's cached renderings of rows ``first`` to ``end`` (and of rows now gone).

        DataTable keys some caches by row key but renders a row's zebra stripe from its index, so a
        row that moved must be rendered again too.
        """
        locations = self._row_locations
        header = self.header_height if self.show_header else 0

        def row_of_key(key: RowKey) -> int:
            row = locations.get(key)
            return first if row is None else row

        caches: tuple[tuple[LRUCache[Any, Any], Callable[[Any], int]], ...] = (
            (self._row_render_cache, lambda k: row_of_key(k[0])),
            (self._cell_render_cache, lambda k: row_of_key(k[0])),
            (self._row_renderable_cache, lambda k: int(k[1])),
            (self._line_cache, lambda k: int(k[0]) - header),
            (self._lines, lambda k: int(k[0]) - header),
        )
        for cache, row_of in caches:
            stale = [k for k in cache.keys() if first <= row_of(k) < end]  # noqa: SIM118 (not a dict)
            for k in stale:
                cache.discard(k)

    def _slot(self, link_id: int) -> tuple[RowKey, Row]:
        slot = self._slots.get(link_id)
        if slot is None:
            key = RowKey(str(link_id))
            slot = self._slots[link_id] = (key, Row(key, 1))
        return slot

    def _row_cells(self, alignment: Alignment, link: Link) -> dict[ColumnKey, str | Text]:
        cached = self._cells.get(link.id)
        if cached is not None and cached[0] is link:
            return cached[1]
        cells: dict[ColumnKey, str | Text] = dict(zip(COLUMN_KEYS, self.cells(alignment, link), strict=True))
        self._cells[link.id] = (link, cells)
        return cells

    def cells(self, alignment: Alignment, link: Link) -> tuple[Text, ...]:
        # Text, not str: DataTable reads a str cell as markup, and a sentence may hold "[...]".
        return (
            Text(str(link.id), no_wrap=True, end=""),
            _shared(STATUS_MARK[link.status], ""),
            flag_cell(link),
            Text(clip(alignment.source_text(link), self.text_width) or "—", no_wrap=True, end=""),
            Text(clip(alignment.target_text(link), self.text_width) or "—", no_wrap=True, end=""),
        )

    # ---- DataTable's bookkeeping, made proportional to what changed

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        # Every column has a fixed width and every row is one line, so DataTable's measuring of each
        # new cell (for auto-width columns) is wasted work: it was two thirds of opening 5,000 links.
        header = self.header_height if self.show_header else 0
        width = sum(column.get_render_width(self) for column in self.columns.values())
        size = Size(width + self._row_label_column_width, self._total_row_height + header)
        if size.width == self.virtual_size.width and self.container_size:
            self._steady_resize(size)  # rows came or went: see SteadyScrolling
        else:
            self.virtual_size = size

    # Every row is one line high, so where a row is and which row a line shows need no pass over
    # the rows: DataTable's versions of these walk all 5,000 after every change.

    @property
    def ordered_rows(self) -> list[Row]:
        locations = self._row_locations
        cached = self._ordered
        if cached is None or cached[0] is not locations or len(cached[1]) != len(self.rows):
            slots = self._slots
            cached = self._ordered = (locations, [slots[link_id][1] for link_id in self.shown])
        return cached[1]

    @property
    def _y_offsets(self) -> list[tuple[RowKey, int]]:
        rows = self.ordered_rows
        cached = self._offsets
        if cached is None or cached[0] is not rows:
            cached = self._offsets = (rows, [(row.key, 0) for row in rows])
        return cached[1]

    @property
    def _total_row_height(self) -> int:
        return len(self.rows)

    def _get_offsets(self, y: int) -> tuple[RowKey, int]:
        header = self.header_height if self.show_header else 0
        if y < header:
            return self._header_row_key, y
        row = y - header
        if row >= len(self.shown):
            raise LookupError(f"Y coord {y!r} is greater than total height")
        return self._slots[self.shown[row]][0], 0

    def _get_row_region(self, row_index: int) -> Region:
        if not self.is_valid_row_index(row_index):
            return Region(0, 0, 0, 0)
        width = sum(column.get_render_width(self) for column in self.columns.values())
        y = row_index + (self.header_height if self.show_header else 0)
        return Region(0, y, max(self.size.width, width + self._row_label_column_width), 1)

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> SegmentLines:
        # DataTable renders a cell through Rich's whole pipeline each time the cell's row, its
        # stripe or the cursor changes (most of a millisecond per line). The cell's own segments
        # do not change with any of those, so they are rendered once per cell and width here, and
        # the row's styles are laid over them as DataTable's Styled(pre_style, post_style) does.
        if row_index < 0 or column_index < 0 or self.fixed_rows or self.fixed_columns:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        if row_key is None or column_key is None or self.rows[row_key].height != 1:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        cell = self._data[row_key].get(column_key)
        # Kept by cell (while the cell is kept here, no other object can have its id): cells that
        # look alike are one object (see _shared), rendered once for all their rows.
        plain = self._plain.get((id(cell), width))
        if plain is None or plain[0] is not cell:
            renderable = _EMPTY if cell is None else default_cell_formatter(cell, False, 1) or _EMPTY
            options = self.app.console_options.update_dimensions(width, 1).update(no_wrap=True)
            lines = self.app.console.render_lines(Padding(renderable, (0, self.cell_padding)), options)
            plain = (cell, lines)
            self._plain.set((id(cell), width), plain)
        component_style, post_style = self._get_styles_to_render_cell(
            False,
            False,
            False,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        pre_style = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
        return [list(Segment.apply_style(line, pre_style, post_style)) for line in plain[1]]

    def notify_style_update(self) -> None:
        super().notify_style_update()  # DataTable drops its caches here, even when only focus moved
        self._restyled = True  # see _check_look
        self._row_styles.clear()
        self._painting_style = None

    # DataTable works out the same few styles again for every line it renders (a walk up the
    # widget tree each, a third of a line's time): they are kept until the styles change.

    def _get_row_style(self, row_index: int, base_style: Style) -> Style:
        if row_index < self.fixed_rows or not self.zebra_stripes:
            return super()._get_row_style(row_index, base_style)
        name = "datatable--odd-row" if row_index % 2 else "datatable--even-row"
        style = self._row_styles.get(name)
        if style is None:
            style = self._row_styles[name] = self.get_component_styles(name).rich_style
        return style

    @property
    def rich_style(self) -> Style:
        # DataTable.render_line asks for it once per line; it is the same for all lines of a paint.
        return self._painting_style or super().rich_style

    def render_lines(self, crop: Region) -> list[Strip]:
        self._painting_style = None
        self._painting_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._painting_style = None

    def _check_look(self) -> None:
        """Drop the lines kept by _render_line if the component styles changed (a new theme).

        Those lines are keyed by the widget's own style and pseudo-classes, so they stay right
        while the component styles stay: returning from a dialog, they do.
        """
        self._restyled = False
        look = tuple(
            self.get_component_rich_style(name, default=Style()) for name in sorted(self.COMPONENT_CLASSES)
        )
        if look != self._look:
            self._look = look
            self._lines.clear()

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        # DataTable caches a line under the cursor's position, so each cursor move (a jump to the
        # next flag that scrolls) renders every visible line again. Only the cursor's and the mouse's
        # rows depend on where they are: the other lines are kept here under their own key.
        if self._restyled:
            self._check_look()
        header = self.header_height if self.show_header else 0
        row = y - header
        if y < header or row in (self.cursor_coordinate.row, self.hover_coordinate.row):
            return super()._render_line(y, x1, x2, base_style)
        key = (y, x1, x2, self.size.width, base_style, self._update_count, self._pseudo_class_state)
        strip = self._lines.get(key)
        if strip is None:
            strip = super()._render_line(y, x1, x2, base_style)
            self._lines.set(key, strip)
        return strip

    # ---- where the cursor is

    @property
    def current_id(self) -> int | None:
        if not self.shown or not 0 <= self.cursor_row < len(self.shown):
            return None
        return self.shown[self.cursor_row]

    def row_of(self, link_id: int) -> int | None:
        slot = self._slots.get(link_id)
        return None if slot is None else self._row_locations.get(slot[0])

    def go_to(self, link_id: int) -> bool:
        row = self.row_of(link_id)
        if row is None:
            return False
        self.move_cursor(row=row, animate=False, scroll=True)
        return True


class SteadyStatic(Static):
    """A Static that asks for a layout pass only when its height changes.

    A layout pass re-arranges the whole screen (about 15 ms here), and the detail pane and the counts
    are redrawn on every key while their height seldom changes: a ``min-height`` in app.tcss (100% of
    the container for the link's texts, three lines for its flags) absorbs the usual differences.
    """

    def show(self, content: Text) -> None:
        width = self.content_size.width
        if not width:  # not laid out yet
            self.update(content)
            return
        before = self._height(width)
        self.update(content, layout=False)
        if self._height(width) != before:
            self.refresh(layout=True)

    def _height(self, width: int) -> int:
        """The height the layout would give this widget (box-sizing: border-box)."""
        container, viewport = self.container_size, self.app.size
        height = self.get_content_height(container, viewport, width) + self.styles.gutter.height
        low, high = self.styles.min_height, self.styles.max_height
        if low is not None:
            height = max(height, int(low.resolve(container, viewport)))
        if high is not None:
            height = min(height, int(high.resolve(container, viewport)))
        return height


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
                yield SteadyStatic(id="detail-source")
            with VerticalScroll(id="detail-target-box"):
                yield SteadyStatic(id="detail-target")
        yield SteadyStatic(id="detail-flags")

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
        self.query_one("#detail-source", SteadyStatic).show(src)
        self.query_one("#detail-target", SteadyStatic).show(tgt)
        self.query_one("#detail-flags", SteadyStatic).show(msgs)


class UnlinkedList(OptionList, SteadyScrolling):
    """The sentences with no partner (in a summary: body sentences the summary does not cover)."""

    # OptionList sets its virtual size when its options change and then moves its scrollbars
    # itself; the layout pass of the whole screen that setting it would ask for is not needed.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    _pairs: Sequence[tuple[SideName, int]] | None = None

    def fill(self, alignment: Alignment, pairs: Sequence[tuple[SideName, int]]) -> None:
        if pairs == self._pairs:
            return  # most decisions leave the unlinked sentences as they were
        self._pairs = pairs
        options = []
        for side, sid in pairs:
            lang = alignment.source.lang if side == "source" else alignment.target.lang
            text = (alignment.source if side == "source" else alignment.target).sentences[sid].text
            options.append(Option(f"{lang} {sid}: {clip(text, 70)}", id=f"{side}:{sid}"))
        # In one step: clear_options then add_options would hide the scrollbar and show it again,
        # a layout pass of the whole screen each.
        self.set_options(options)
        self.border_title = f"Unlinked ({len(pairs)})"

    def selected(self) -> tuple[SideName, int] | None:
        if self.highlighted is None or self.option_count == 0:
            return None
        option_id = self.get_option_at_index(self.highlighted).id or ""
        side, _, sid = option_id.partition(":")
        if side not in ("source", "target"):
            return None
        return ("source" if side == "source" else "target"), int(sid)


class SummaryPanel(SteadyStatic):
    """Counts: reviewed links and open flags by kind."""

    def show_counts(self, counts: Counts, readonly: bool) -> None:
        text = Text()
        text.append(f"reviewed {counts.reviewed}/{counts.links}", style="bold")
        text.append(f"  ✓{counts.accepted} ✗{counts.rejected}\n")
        text.append(f"open flags {counts.open_total}", style="bold")
        if counts.open_flags:
            text.append(": " + ", ".join(f"{k} {v}" for k, v in counts.open_flags.items()))
        text.append(f"\ndismissed {counts.dismissed_flags} · confirmed {counts.accepted_flags}")
        if readonly:
            text.append("\nREAD-ONLY", style="bold reverse")
        self.show(text)


class StableFooter(Footer):
    """A Footer that rebuilds its keys only when they change.

    Textual's Footer removes and mounts all its keys whenever bindings *may* have changed: on every
    focus change and every return from a dialog. That rebuild and the layout pass it causes were
    most of the time it took to open or close a dialog (about 30 ms of CPU here).
    """

    _shown: tuple[tuple[str, str, str, bool, str], ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            display = self.app.get_key_display
            shown = tuple(
                (display(binding), binding.action, binding.description, enabled, tooltip)
                for _, binding, enabled, tooltip in screen.active_bindings.values()
                if binding.show
            )
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)
