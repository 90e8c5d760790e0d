"""Widgets of the review screen beside the link table: the detail pane, the unlinked list, the counts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.widgets.option_list import Option

from bitext.model import SEVERITY_TERMINAL_COLOURS, SIDE_NAMES, Alignment, Link, SideName
from bitext.review import Counts
from bitext.text import clip
from bitext.tui.link_table import CONFIRMED_STYLE, ScrollingOptionList

LABEL_WIDTH = 70  # characters of a sentence in the unlinked list


class SteadyStatic(Static):
    """A Static that asks for a layout pass only when its height changes.

    A layout pass re-arranges the whole screen, and the detail pane and the counts
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


class TextBox(VerticalScroll, can_focus=False):
    """One side's sentences; scrolled with the detail pane's keys, never a Tab stop of its own."""


CONTEXT_WIDTH = 60  # characters of a neighbouring sentence before the pane is laid out
# Painted in this order, so that where spans overlap the worse one wins (major last).
_PAINT_ORDER = ("info", "minor", "major")


class DetailPane(Vertical):
    """The current link in full: each sentence on its own line with its id, the neighbouring sentences
    dimmed for context, flagged spans highlighted (major over minor, the selected flag underlined, search
    hits reversed), and the link's flags in a list with their own cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "detail--major",
        "detail--minor",
        "detail--info",
        "detail--confirmed",
        "detail--closed",
        "detail--selected",
        "detail--hit",
        "detail--context",
        "detail--sid",
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._context_first: set[str] = set()  # sides whose text starts with a line of context

    def compose(self) -> ComposeResult:
        with Horizontal(id="detail-texts"):
            with TextBox(id="detail-source-box"):
                yield SteadyStatic(id="detail-source")
            with TextBox(id="detail-target-box"):
                yield SteadyStatic(id="detail-target")
        yield FlagList(id="flags")

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"detail--{name}", partial=True)

    def show(
        self,
        alignment: Alignment,
        link: Link | None,
        selected: int | None = None,
        hits: Callable[[str], list[tuple[int, int]]] | None = None,
    ) -> None:
        src, tgt = Text(), Text()
        if link is not None:
            src = self._side(alignment, "source", link, selected, hits)
            tgt = self._side(alignment, "target", link, selected, hits)
        self.query_one("#detail-source", SteadyStatic).show(src)
        self.query_one("#detail-target", SteadyStatic).show(tgt)
        self.query_one(FlagList).show(link, selected)
        self.call_after_refresh(self._scroll_to_link)

    def _scroll_to_link(self) -> None:
        """Where a box cannot show everything, the line of context before the link goes first."""
        for side_name in ("source", "target"):
            found = self.query(f"#detail-{side_name}-box")
            if not found:
                continue  # not composed yet, or gone with the screen
            box = found.first()
            overflow = box.virtual_size.height > box.size.height
            box.scroll_to(y=1 if overflow and side_name in self._context_first else 0, animate=False)

    def _side(
        self,
        alignment: Alignment,
        side_name: SideName,
        link: Link,
        selected: int | None,
        hits: Callable[[str], list[tuple[int, int]]] | None,
    ) -> Text:
        side = alignment.side(side_name)
        ids = link.source if side_name == "source" else link.target
        if not ids:
            return Text(f"(no {side_name} sentence)", style=self._style("context"))
        joined = Text(side.joined(ids))
        spans = [(f, f.source_span if side_name == "source" else f.target_span) for f in link.flags]
        for severity in _PAINT_ORDER:
            for flag, span in spans:
                if span is None or flag.severity != severity:
                    continue
                style = {"open": severity, "confirmed": "confirmed", "dismissed": "closed"}[flag.status]
                joined.stylize(self._style(style), *span)
        if selected is not None and 0 <= selected < len(link.flags):
            flag, span = spans[selected]
            if span is not None:
                joined.stylize(self._style("selected"), *span)
        if hits is not None:
            for start, end in hits(joined.plain):
                joined.stylize(self._style("hit"), start, end)
        out = Text()
        context, sid = self._style("context"), self._style("sid")
        # Context takes one line at most, so the link's own sentences are in view in a small pane.
        boxes = self.query(f"#detail-{side_name}-box")
        box = boxes.first().content_size.width if boxes else 0
        # (less the scrollbar a long text gets, and the id before the text)
        room = max((box or CONTEXT_WIDTH) - 3 - len(f"  {side.lang} {len(side.sentences)} "), 10)
        self._context_first.discard(side_name)
        if ids[0] > 0:
            self._context_first.add(side_name)
            before = side.sentences[ids[0] - 1]
            out.append(f"  {side.lang} {before.id} ", style=sid)
            out.append(clip(before.text, room) + "\n", style=context)
        offset = 0
        for n, i in enumerate(ids):
            sentence = side.sentences[i]
            if n and i != ids[n - 1] + 1:
                out.append("  …\n", style=context)  # sentences of the link that are not neighbours
            out.append(f"▸ {side.lang} {i} ", style=sid + Style(bold=True))  # ▸: in the link, not context
            out.append_text(joined[offset : offset + len(sentence.text)])
            if sentence.edited:
                out.append(" (edited)", style=context)
            out.append("\n")
            offset += len(sentence.text) + 1
        if ids[-1] + 1 < len(side.sentences):
            after = side.sentences[ids[-1] + 1]
            out.append(f"  {side.lang} {after.id} ", style=sid)
            out.append(clip(after.text, room), style=context)
        out.rstrip()
        return out


FLAG_MARKS = {"open": "⚑", "confirmed": "✔", "dismissed": "—"}


class FlagList(ScrollingOptionList):
    """The current link's flags, one a line; its cursor picks the flag that d, f and v act on."""

    _shown: tuple[Link | None, int | None] | None = None

    def show(self, link: Link | None, selected: int | None) -> None:
        if self._shown is not None and self._shown[0] is link and self._shown[1] == selected:
            return
        self._shown = (link, selected)
        flags = link.flags if link is not None else ()
        options = []
        for i, flag in enumerate(flags):
            text = Text(no_wrap=True, end="")
            mark = FLAG_MARKS[flag.status]
            if flag.status == "confirmed":
                text.append(f"{mark} CONFIRMED {flag.severity} {flag.kind}", style=CONFIRMED_STYLE)
            elif flag.status == "dismissed":
                text.append(f"{mark} dismissed {flag.severity} {flag.kind}", style="dim strike")
            else:
                colour = SEVERITY_TERMINAL_COLOURS[flag.severity]
                text.append(f"{mark} {flag.severity} {flag.kind}", style=f"bold {colour}")
            if flag.confidence is not None:
                # the scorer's probability that the flag is a real divergence (its severity follows from it)
                text.append(f" {flag.confidence:.0%}", style="bold")
            text.append(f": {flag.message}")
            options.append(Option(text, id=str(i)))
        self.set_options(options)
        if options:
            self.highlighted = selected if selected is not None and selected < len(options) else 0
        open_n = sum(1 for f in flags if f.status == "open")
        self.border_title = f"Flags {len(flags)}" + (f" · {open_n} open" if flags else "")
        self.display = bool(flags)

    @property
    def selected(self) -> int | None:
        return self.highlighted if self.option_count else None


class UnlinkedList(ScrollingOptionList):
    """The sentences with no partner (in a summary: body sentences the summary does not cover)."""

    _pairs: Sequence[tuple[SideName, int]] | None = None

    def fill(self, alignment: Alignment, pairs: Sequence[tuple[SideName, int]]) -> None:
        if pairs == self._pairs:
            return  # most decisions leave the unlinked sentences as they were
        self._pairs = pairs
        options = []
        for side, sid in pairs:
            lang, text = alignment.side(side).lang, alignment.side(side).sentences[sid].text
            options.append(Option(f"{lang} {sid}: {clip(text, LABEL_WIDTH)}", id=f"{side}:{sid}"))
        # In one step: clear_options then add_options would hide the scrollbar and show it again,
        # a layout pass of the whole screen each.
        self.set_options(options)
        self.border_title = f"Unlinked ({len(pairs)})"

    def selected(self) -> tuple[SideName, int] | None:
        if self.highlighted is None or self.option_count == 0:
            return None
        side, _, sid = (self.get_option_at_index(self.highlighted).id or "").partition(":")
        return next(((name, int(sid)) for name in SIDE_NAMES if name == side), None)


class SummaryPanel(SteadyStatic):
    """Counts: reviewed links and open flags by kind."""

    def show_counts(self, counts: Counts, readonly: bool) -> None:
        text = Text()
        text.append(f"reviewed {counts.reviewed}/{counts.links}", style="bold")
        text.append(f"  ✓{counts.accepted} ✗{counts.rejected}\n")
        text.append(f"open flags {counts.open_total}", style="bold")
        if counts.open_flags:
            text.append(": " + ", ".join(f"{k} {v}" for k, v in counts.open_flags.items()))
        text.append("\nconfirmed errors ")
        text.append(str(counts.confirmed_flags), style=CONFIRMED_STYLE if counts.confirmed_flags else "bold")
        text.append(f" · dismissed {counts.dismissed_flags}")
        if readonly:
            text.append("\nREAD-ONLY", style="bold reverse")
        self.show(text)


class StableFooter(Footer):
    """A Footer that rebuilds its keys only when they change.

    Textual's Footer removes and mounts all its keys whenever bindings *may* have changed: on every
    focus change and every return from a dialog. That rebuild and the layout pass it causes were
    most of the time it took to open or close a dialog (benchmarks/bench_tui.py times them).
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
