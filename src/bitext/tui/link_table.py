"""The link table, and every use of Textual's private API, behind one version check.

The review screen shows one row per link (id, status, worst open flag, source and target text).
Textual's DataTable is too slow at that for a 5,000-link file to answer a key within a frame, so
:class:`FastLinkTable` overrides about ten of its private methods and sets its private row stores
(see its docstring), and :class:`SteadyScrolling` two private methods of ScrollView. Those were
written against Textual ``TESTED_TEXTUAL`` (pinned in pyproject.toml). With any other Textual,
:data:`LinkTable` is :class:`PlainLinkTable`, which uses DataTable's public API only: slower on
long files, the same rows.

Public surface: :data:`LinkTable` (and :class:`LinkTableBase`, its type), :data:`Scrolling` and
:data:`ScrollingOptionList` (the steady bases other widgets take, or Textual's own), :data:`FAST`.
"""

from __future__ import annotations

import sys
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import textual
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable, OptionList
from textual.widgets.data_table import ColumnKey, Row, RowKey

from bitext.model import SEVERITY_RANK, SEVERITY_TERMINAL_COLOURS, Alignment, Flag, Link
from bitext.text import clip

# HACK: FastLinkTable and SteadyScrolling override private Textual methods; they are used only with
# the Textual they were written against. Check them (tests/test_tui.py) before raising this.
TESTED_TEXTUAL = "8.2"


def version_supported(version: str) -> bool:
    """Whether the private API used here is the one of this Textual version (same major.minor)."""
    return version.split(".")[:2] == TESTED_TEXTUAL.split(".")


FAST = version_supported(textual.__version__)

STATUS_MARK = {"auto": "·", "accepted": "✓", "rejected": "✗"}
CONFIRMED_STYLE = "bold reverse magenta"  # a confirmed error stands out more than an open flag
# Columns beside the two texts: (key, heading, width, the table width from which it shows). Narrow
# terminals keep what a reviewer decides on; wide ones add the score, the checks and the note.
EXTRA_COLUMNS: tuple[tuple[str, str, int, int], ...] = (
    ("id", "#", 4, 0),
    ("status", "st", 2, 0),
    ("flag", "flag", 7, 0),
    ("score", "score", 5, 80),
    ("kinds", "checks", 14, 150),
    ("note", "note", 18, 150),
)
TEXT_KEYS = ("source", "target")
PADDING = 2  # one cell each side of every column
MIN_TEXT_WIDTH = 12
_EMPTY = Text(no_wrap=True, end="")  # what DataTable shows for an empty cell
SegmentLines = list[list[Segment]]


def worst_open(link: Link) -> Flag | None:
    open_flags = [f for f in link.flags if f.status == "open"]
    return min(open_flags, key=lambda f: SEVERITY_RANK[f.severity]) if open_flags else None


def worst_counted(link: Link) -> Flag | None:
    """The worst flag that still counts: open or confirmed (a confirmed error is worse than an open one
    of the same severity: it is known to be real)."""
    counted = [f for f in link.flags if f.status != "dismissed"]
    return min(counted, key=lambda f: (SEVERITY_RANK[f.severity], f.status != "confirmed"), default=None)


def flag_cell(link: Link) -> Text:
    flag = worst_counted(link)
    if flag is not None and flag.status == "confirmed":
        return _shared(f"✔ {flag.severity}", CONFIRMED_STYLE)
    if flag is not None:
        return _shared(f"⚑ {flag.severity}", f"bold {SEVERITY_TERMINAL_COLOURS[flag.severity]}")
    if link.flags:
        return _shared("done", "dim")
    return _shared("", "")


def columns_for(width: int) -> tuple[list[tuple[str, str, int]], int]:
    """The extra columns that fit ``width`` and the width left for each of the two texts."""
    extra = [(key, head, w) for key, head, w, from_width in EXTRA_COLUMNS if width >= from_width]
    used = sum(w for _, _, w in extra) + PADDING * (len(extra) + 2)
    return extra, max((width - used) // 2, MIN_TEXT_WIDTH)


_SHARED: dict[tuple[str, str], Text] = {}


def _shared(text: str, style: str) -> Text:
    """One Text for all the cells that show the same few words (a status, a flag's severity), so
    that the table renders each once (FastLinkTable._render_cell keeps renderings by cell)."""
    cell = _SHARED.get((text, style))
    if cell is None:
        cell = _SHARED[text, style] = Text(text, style=style, no_wrap=True, end="")
    return cell


class LinkTableBase(DataTable[str | Text]):
    """One row per link, keyed by link id: id, status, worst open flag, source and target text (clipped)."""

    def __init__(self, **kwargs: Any) -> None:
        # Set before DataTable's __init__, which already asks for the row order.
        self.text_width = 0
        self.column_keys: tuple[ColumnKey, ...] = ()
        self.shown: list[int] = []  # link ids, in row order
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def fill(self, alignment: Alignment, links: Sequence[Link], width: int) -> None:
        """Show ``links`` (a filter's result, or all of them), with texts clipped to fit ``width``."""
        raise NotImplementedError

    def splice(
        self, alignment: Alignment, old: Sequence[Link], new: Sequence[Link], position: Callable[[int], int]
    ) -> None:
        """Replace the rows of ``old`` (those shown) by rows for ``new`` (those to show), in place.

        ``old`` were consecutive links and ``new`` took their place, so the rows of ``old`` are
        consecutive too; when none was shown, ``new`` go before the first shown link that comes after
        them (``position`` gives a link's position in the alignment).
        """
        raise NotImplementedError

    def row_of(self, link_id: int) -> int | None:
        raise NotImplementedError

    def cells(self, alignment: Alignment, link: Link) -> tuple[Text, ...]:
        # Text, not str: DataTable reads a str cell as markup, and a sentence may hold "[...]".
        return tuple(self._cell(alignment, link, key.value) for key in self.column_keys)

    def _cell(self, alignment: Alignment, link: Link, key: str | None) -> Text:
        if key == "id":
            return Text(str(link.id), no_wrap=True, end="")
        if key == "status":
            return _shared(STATUS_MARK[link.status], "")
        if key == "flag":
            return flag_cell(link)
        if key == "score":
            return Text(f"{link.score:.2f}", no_wrap=True, end="", justify="right")
        if key == "kinds":
            kinds = sorted({f.kind for f in link.flags if f.status != "dismissed"})
            return Text(clip(",".join(kinds), 14), no_wrap=True, end="")
        if key == "note":
            return Text(clip(link.note, 18), no_wrap=True, end="", style="italic")
        text = alignment.source_text(link) if key == "source" else alignment.target_text(link)
        return Text(clip(text, self.text_width) or "—", no_wrap=True, end="")

    @property
    def current_id(self) -> int | None:
        if not self.shown or not 0 <= self.cursor_row < len(self.shown):
            return None
        return self.shown[self.cursor_row]

    def go_to(self, link_id: int) -> bool:
        row = self.row_of(link_id)
        if row is None:
            return False
        self.move_cursor(row=row, animate=False, scroll=True)
        return True

    def _set_columns(self, alignment: Alignment, width: int) -> bool:
        """Clear the table and lay out its columns for ``width``; return whether the cells change."""
        extra, text_width = columns_for(width)
        front = [key for key, _, _ in extra if key not in ("kinds", "note")]
        keys = [*front, *TEXT_KEYS, *(key for key, _, _ in extra if key in ("kinds", "note"))]
        column_keys = tuple(ColumnKey(key) for key in keys)
        changed = text_width != self.text_width or column_keys != self.column_keys
        self.text_width, self.column_keys = text_width, column_keys
        heads = {key: (head, w) for key, head, w in extra}
        heads["source"] = (alignment.source.lang, text_width)
        heads["target"] = (alignment.target.lang, text_width)
        self.clear(columns=True)
        for key in keys:
            head, w = heads[key]
            self.add_column(head, key=key, width=w)
        return changed


class PlainLinkTable(LinkTableBase):
    """The link table through DataTable's public API: each edit refills the rows."""

    def __init__(self, **kwargs: Any) -> None:
        self._links: list[Link] = []  # the links shown, in row order
        super().__init__(**kwargs)

    def fill(self, alignment: Alignment, links: Sequence[Link], width: int) -> None:
        self._set_columns(alignment, width)
        self._links = list(links)
        self._add_rows(alignment)

    def splice(
        self, alignment: Alignment, old: Sequence[Link], new: Sequence[Link], position: Callable[[int], int]
    ) -> None:
        old_ids = {link.id for link in old}
        rows = [row for row, link in enumerate(self._links) if link.id in old_ids]
        if rows:
            lo, hi = rows[0], rows[-1] + 1
        elif new:
            start = position(new[0].id)
            lo = hi = bisect_left([position(link.id) for link in self._links], start)
        else:
            return
        self._links[lo:hi] = new
        self.clear()
        self._add_rows(alignment)

    def row_of(self, link_id: int) -> int | None:
        return next((row for row, shown in enumerate(self.shown) if shown == link_id), None)

    def _add_rows(self, alignment: Alignment) -> None:
        self.shown = [link.id for link in self._links]
        for link in self._links:
            self.add_row(*self.cells(alignment, link), key=str(link.id))


class RowOrder:
    """DataTable's row key <-> row index map (a private TwoWayDict), answered from the list of link ids.

    A TwoWayDict of 5,000 row keys hashes each key in Python, once per edit; this needs one
    int-keyed dict. Rows change only through FastLinkTable.fill and splice.
    """

    def __init__(self, shown: list[int], slots: dict[int, tuple[RowKey, Row]]) -> None:
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

    Put it after the widget class in the bases (``class FastLinkTable(LinkTableBase, SteadyScrolling)``):
    Textual takes a widget's CSS from its first base only. It spares two frames of work when the
    content grows or shrinks:

    - Textual lays out the whole screen when a widget's virtual size changes, in case its box
      depends on it. Here it does not, so only the scrollbars move (:meth:`_steady_resize`; a
      scrollbar that appears or goes still asks for a layout pass itself).
    - In a layout pass Textual hands a scroll view its visible region as its virtual size, which
      never equals the real one, so every layout pass of the screen refreshed the scrollbars
      again and painted them one frame after the rest (the last paint of a relink that changed the
      unlinked sentences came a frame late). Here they are refreshed only when the box or the
      virtual size changed since they were last drawn.
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


class FastLinkTable(LinkTableBase, SteadyScrolling):
    """The link table, with DataTable's bookkeeping made proportional to what changed.

    DataTable's row-at-a-time API is too slow for 5,000 rows to stay within a key press: ``add_row``
    is slow in bulk, ``remove_row`` renumbers every row and asks for a layout pass, a row can only be
    appended, and every cell update makes DataTable work out the order of all rows again on the next
    paint. So this table keeps each link's row (its key, metadata and cells) cached and sets
    DataTable's three row stores (``_data``, ``rows`` and the key <-> index map ``_row_locations``)
    itself, in :meth:`_set_rows` and :meth:`splice`: a whole view costs the rows it shows, an edit
    (merge, split, relink, undo) the rows it touches plus one renumbering pass. It also renders a line
    from cells rendered once (:meth:`_render_cell`) and keeps lines the cursor does not touch
    (:meth:`_render_line`). tests/test_tui.py checks the rows and the picture against a table built
    afresh, and the cells against DataTable's.
    """

    # Caches of the row order.
    _ordered: tuple[object, list[Row]] | None = None  # (the row order it was built from, the rows)
    _offsets: tuple[list[Row], list[tuple[RowKey, int]]] | None = None
    _look: tuple[Style, ...] = ()
    _restyled = True

    def __init__(self, **kwargs: Any) -> None:
        # Set before DataTable's __init__, which already asks for the row order.
        self._slots: dict[int, tuple[RowKey, Row]] = {}  # link id -> its row key and metadata, for good
        self._cells: dict[int, tuple[Link, dict[ColumnKey, str | Text]]] = {}  # valid while the link is
        self._lines: LRUCache[tuple[object, ...], Strip] = LRUCache(1000)  # see _render_line
        self._row_styles: dict[str, Style] = {}  # see _get_row_style
        self._painting_style: Style | None = None  # see rich_style
        self._plain: LRUCache[tuple[int, int], tuple[object, SegmentLines]] = LRUCache(10000)  # _render_cell
        super().__init__(**kwargs)

    # ---- filling and editing

    def fill(self, alignment: Alignment, links: Sequence[Link], width: int) -> None:
        """Show ``links`` (a filter's result, or all of them), with texts clipped to fit ``width``."""
        if self._set_columns(alignment, width):
            self._cells.clear()
        self._set_rows(alignment, links)

    def splice(
        self, alignment: Alignment, old: Sequence[Link], new: Sequence[Link], position: Callable[[int], int]
    ) -> None:
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
            # which makes every visible line render again.
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
        self._row_locations = RowOrder(list(self.shown), self._slots)  # type: ignore[assignment]
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
        row = self.cells(alignment, link)
        cells: dict[ColumnKey, str | Text] = dict(zip(self.column_keys, row, strict=True))
        self._cells[link.id] = (link, cells)
        return cells

    # ---- DataTable's bookkeeping, made proportional to what changed

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        # Every column has a fixed width and every row is one line, so DataTable's measuring of each
        # new cell (for auto-width columns) is wasted work: it was most of the time to open a long file.
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
        # stripe or the cursor changes (the bulk of a line's time). The cell's own segments
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
            from textual.widgets._data_table import default_cell_formatter  # HACK: private, see FAST

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

    def row_of(self, link_id: int) -> int | None:
        slot = self._slots.get(link_id)
        return None if slot is None else self._row_locations.get(slot[0])


class SteadyOptionList(OptionList, SteadyScrolling):
    """An OptionList that moves its scrollbars without laying out the screen when its options change."""

    # OptionList sets its virtual size when its options change and then moves its scrollbars
    # itself; the layout pass of the whole screen that setting it would ask for is not needed.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)


# What the widgets take: the fast versions with the Textual they were written against, else Textual's.
if TYPE_CHECKING:
    LinkTable = LinkTableBase
    Scrolling = ScrollView
    ScrollingOptionList = OptionList
elif FAST:
    LinkTable, Scrolling, ScrollingOptionList = FastLinkTable, SteadyScrolling, SteadyOptionList
else:
    LinkTable, Scrolling, ScrollingOptionList = PlainLinkTable, ScrollView, OptionList
