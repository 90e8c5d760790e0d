"""Widgets of the review screen beside the link table: the detail pane, the unlinked list, the counts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.widgets.option_list import Option

from bitext.model import SIDE_NAMES, Alignment, Link, SideName
from bitext.review import Counts
from bitext.text import clip
from bitext.tui.link_table import ScrollingOptionList

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
        text.append(f"\ndismissed {counts.dismissed_flags} · confirmed {counts.accepted_flags}")
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
