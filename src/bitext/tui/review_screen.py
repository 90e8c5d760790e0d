"""The review screen: the link table, the current link in detail, the unlinked sentences, the counts."""

from __future__ import annotations

import gc
import time
from bisect import bisect_left
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, OptionList

from bitext.errors import BitextError
from bitext.model import FlagStatus, Link, LinkStatus
from bitext.review import Patch, ReviewSession
from bitext.review.relink import Relink, relink_choices
from bitext.review.view import ALL, Filter, filter_choices, keeper
from bitext.tui.bindings import REVIEW_BINDINGS
from bitext.tui.dialogs import ChoiceModal, Dialog, ErrorModal, PromptModal, ResultType, SummaryScreen
from bitext.tui.link_table import LinkTable, LinkTableBase
from bitext.tui.widgets import DetailPane, StableFooter, SummaryPanel, UnlinkedList

NARROW = 100  # below this many columns panes stack instead of sitting side by side
# Work that can wait for the reviewer to pause, so that no key waits for it: compacting the journal
# (rewriting the whole file; the session's own count is the backstop) and a full garbage collection
# (the newer objects only: the file's are frozen, see on_mount).
IDLE_AFTER = 2.0  # seconds without a key
COMPACT_AFTER = 50  # decisions at least
COMPACT_BACKSTOP = 1000
SIDE_WIDTH = 40  # keep equal to #side's width in app.tcss: the table gets what is left
# Python collects its oldest generation after every 10 collections of the middle one; with the
# newer objects of a busy session (rendered lines and cells in caches) that walk was long enough to
# be felt in the middle of a key now and then. While the review screen is up it is collected when
# the reviewer pauses (when_idle), and by Python only after this many, as a backstop.
OLD_GENERATION_EVERY = 200

DialogType = TypeVar("DialogType", bound=Dialog[Any])


class ReviewScreen(Screen[None]):
    """The link table, the current link in detail, the unlinked sentences and the counts."""

    BINDINGS = REVIEW_BINDINGS
    table_class: type[LinkTableBase] = LinkTable  # the fast table, or the plain one (tests run both)

    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session
        self.view_filter = ALL
        self.query_text = ""
        self.messages: list[str] = []  # what the reviewer was told, newest last (tests read it too)
        self._text_width = 0
        self._drawn: Patch | None = session.last_change  # the last change the table shows
        self._detail: Link | None = None  # the link the detail pane shows
        self._dialogs: dict[type[Dialog[Any]], Dialog[Any]] = {}
        self._busy_at = 0.0  # time.monotonic() of the last key that moved or decided
        self._swept = True  # nothing to collect since the last pause
        self._compact_failed_at = 0  # uncompacted decisions when compacting last failed
        self._said_at: int | None = None  # the link under the cursor when the last message was said
        self._gc_threshold = gc.get_threshold()  # Python's, put back on unmount

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield self.table_class(id="links")
                yield DetailPane(id="detail")
            with Vertical(id="side"):
                yield SummaryPanel(id="summary")
                yield UnlinkedList(id="unlinked")
        yield StableFooter()

    # ---- building

    def on_mount(self) -> None:
        s = self.session
        s.compact_every = max(s.compact_every, COMPACT_BACKSTOP)
        self.set_interval(IDLE_AFTER / 2, self.when_idle)
        self.title = f"bitext review · {s.path.name}"
        self.sub_title = f"{s.alignment.mode} · {s.alignment.source.lang} → {s.alignment.target.lang}"
        self.query_one("#detail", DetailPane).border_title = "Current link"
        self.query_one("#summary", SummaryPanel).border_title = "Progress"
        self._apply_width(self.app.size.width, force=True)
        self.refresh_side()
        if s.cursor is not None:
            self.table.go_to(s.cursor)
        self.show_current()
        for warning in s.warnings:
            self.say(warning, "warning")
        if s.readonly:
            self.sub_title += " · READ-ONLY"
            self.say(s.readonly_reason(), "warning")
        self.table.focus()
        # The file and its table are a few hundred thousand long-lived objects; a full garbage
        # collection walking them all could be felt now and then in the middle of a key.
        gc.freeze()
        self._gc_threshold = gc.get_threshold()
        young, middle, old = self._gc_threshold
        gc.set_threshold(young, middle, max(old, OLD_GENERATION_EVERY))

    def on_unmount(self) -> None:
        gc.set_threshold(*self._gc_threshold)
        gc.unfreeze()

    def dialog(self, kind: type[DialogType]) -> DialogType:
        """This screen's dialog of that kind, made and installed once: building and mounting a
        dialog's widgets again at every use cost more than the key's whole budget."""
        dialog = self._dialogs.get(kind)
        if not isinstance(dialog, kind):
            dialog = kind()
            self.app.install_screen(dialog, f"review-{kind.__name__}-{id(self)}")
            self._dialogs[kind] = dialog
        return dialog

    def ask(self, dialog: Dialog[ResultType], then: Callable[[ResultType | None], None]) -> None:
        """Show a dialog; ``then`` gets its result in the handler that closes it (see close_with)."""
        self.busy()
        dialog.then = then
        self.app.push_screen(dialog)

    @property
    def table(self) -> LinkTableBase:
        return self.query_one("#links", LinkTableBase)

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int, force: bool = False) -> None:
        narrow = width < NARROW
        self.set_class(narrow, "-narrow")
        table_width = width - (0 if narrow else SIDE_WIDTH) - 5  # border and scrollbar
        if force or table_width != self._text_width:
            self._text_width = table_width
            self.rebuild()

    def keeper(self) -> Callable[[Link], bool] | None:
        """What the current filter and search keep (None: every link)."""
        return keeper(self.session.alignment, self.view_filter, self.query_text)

    def shown_links(self) -> list[Link]:
        keep = self.keeper()
        links = self.session.alignment.links
        return list(links) if keep is None else [link for link in links if keep(link)]

    def rebuild(self) -> None:
        """Refill the table (filters, searches, resizes), keeping the cursor on its link."""
        current = self.table.current_id if self.table.row_count else self.session.cursor
        self.table.fill(self.session.alignment, self.shown_links(), self._text_width)
        if current is not None and not self.table.go_to(current):
            # The link is filtered out: stay near where it was.
            pos = self.session.index_of(current) or 0
            row = bisect_left(self.table.shown, pos, key=lambda lid: self.session.index_of(lid) or 0)
            if row < len(self.table.shown):
                self.table.move_cursor(row=row, animate=False)
        self._label_table()

    def _label_table(self) -> None:
        label = f"links {len(self.table.shown)}/{len(self.session.alignment.links)}"
        if self.view_filter != ALL or self.query_text:
            label += f" · filter {self.view_filter.key}" + (
                f" · search {self.query_text!r}" if self.query_text else ""
            )
        if label != self.table.border_title:  # a new title repaints every visible line of the table
            self.table.border_title = label

    def redraw(self, patch: Patch) -> None:
        """Show what one operation changed: only its rows are replaced, the table is not refilled."""
        table, session = self.table, self.session
        current, row = table.current_id, table.cursor_row
        keep = self.keeper()
        new = [link for link in patch.new if keep is None or keep(link)]
        table.splice(session.alignment, patch.old, new, session.position)
        if (current is None or not table.go_to(current)) and table.shown:
            # The link under the cursor went away (merged into the one before, filtered out): take the
            # row that replaced it, or the next one.
            table.move_cursor(row=min(row, len(table.shown) - 1), animate=False)
        self._label_table()

    def refresh_side(self) -> None:
        s = self.session
        self.query_one("#summary", SummaryPanel).show_counts(s.counts(), s.readonly)
        self.query_one("#unlinked", UnlinkedList).fill(s.alignment, s.unlinked())

    def current(self) -> Link | None:
        link_id = self.table.current_id
        return None if link_id is None else self.session.link(link_id)

    def show_current(self) -> None:
        link = self.current()
        if link is not self._detail or link is None:  # links are immutable: the same one looks the same
            self._detail = link
            self.query_one("#detail", DetailPane).show(self.session.alignment, link)

    @on(DataTable.RowHighlighted, "#links")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.follow_cursor()

    def follow_cursor(self) -> None:
        """Remember the cursor and show its link. The keys that move the cursor call this at once
        rather than wait for the table's message, so the table and the detail pane change in the
        same frame."""
        self.busy()
        self.session.move_cursor(self.table.current_id)
        self.show_current()
        detail = self.query_one("#detail", DetailPane)
        if detail.border_subtitle and self.table.current_id != self._said_at:
            detail.border_subtitle = ""  # it was about where the cursor was

    def say(self, message: str, severity: str = "information") -> None:
        """Tell the reviewer: what a key did goes under the current link, problems in a toast.

        (A toast for every decision would pile up as fast as the reviewer types, and mounting one
        lays out the whole screen again, a frame later than the decision itself.)"""
        self.messages.append(message)
        if severity == "information":
            self.query_one("#detail", DetailPane).border_subtitle = message
            self._said_at = self.table.current_id
        else:
            self.notify(message, severity=severity, timeout=6)  # type: ignore[arg-type]

    # ---- doing

    def run_op(self, op: Callable[[], Any], done: str | Callable[[Any], str]) -> bool:
        """Run a session operation; it is journaled before it returns, so only then is it reported."""
        try:
            result = op()
        except BitextError as exc:
            self.say(str(exc), "error")
            return False
        self.after_change()
        self.say(done(result) if callable(done) else done)
        return True

    def after_change(self) -> None:
        self.busy()
        patch = self.session.last_change
        if patch is not None and patch is not self._drawn:  # "nothing to undo" changes nothing
            self._drawn = patch
            self.redraw(patch)
        self.session.move_cursor(self.table.current_id)
        self.refresh_side()
        self.show_current()

    def busy(self) -> None:
        self._busy_at, self._swept = time.monotonic(), False

    def when_idle(self) -> None:
        if self._swept or time.monotonic() - self._busy_at < IDLE_AFTER:
            return
        self._swept = True
        s = self.session
        if not s.readonly and s.uncompacted >= self._compact_failed_at + COMPACT_AFTER:
            try:
                s.compact()
            except (BitextError, OSError) as exc:
                self._compact_failed_at = s.uncompacted  # try again after as many decisions more
                self.say(f"could not save: {exc}; your decisions are kept in the journal", "error")
            else:
                self._compact_failed_at = 0
        gc.collect()
        gc.freeze()

    def _with_link(self) -> Link | None:
        link = self.current()
        if link is None:
            self.say("no link here", "warning")
        return link

    def action_move(self, delta: int) -> None:
        if delta > 0:
            self.table.action_cursor_down()
        else:
            self.table.action_cursor_up()
        self.follow_cursor()

    def action_next_flag(self, direction: int) -> None:
        shown = self.table.shown
        if not shown:
            return
        start = self.table.cursor_row
        n = len(shown)
        has_open_flag = self.session.has_open_flag
        if self.session.counts().open_total:  # else there is nothing to look for
            for step in range(1, n + 1):
                row = (start + direction * step) % n
                if has_open_flag(shown[row]):
                    self.table.move_cursor(row=row, animate=False, scroll=True)
                    self.follow_cursor()
                    if (direction > 0 and row <= start) or (direction < 0 and row >= start):
                        self.say("search wrapped around", "information")
                    return
        self.say("no open flags left in this view")

    def _status(self, status: LinkStatus) -> None:
        link = self._with_link()
        if link is not None:
            self.run_op(lambda: self.session.set_status(link.id, status), f"link {link.id}: {status}")

    def action_accept(self) -> None:
        self._status("accepted")

    def action_reject(self) -> None:
        self._status("rejected")

    def action_reset(self) -> None:
        self._status("auto")

    def _flag(self, status: FlagStatus) -> None:
        link = self._with_link()
        if link is None:
            return
        index = next((i for i, f in enumerate(link.flags) if f.status == "open"), None)
        if index is None:
            self.say(f"link {link.id} has no open flag", "warning")
            return
        kind = link.flags[index].kind
        self.run_op(
            lambda: self.session.set_flag(link.id, index, status),
            f"{kind} flag on link {link.id} {status}",
        )

    def action_dismiss_flag(self) -> None:
        self._flag("dismissed")

    def action_accept_flag(self) -> None:
        self._flag("accepted")

    def action_note(self) -> None:
        link = self._with_link()
        if link is None:
            return

        def save(text: str | None) -> None:
            if text is not None:
                self.run_op(lambda: self.session.note(link.id, text), f"note saved on link {link.id}")

        self.ask(self.dialog(PromptModal).reset(f"Note on link {link.id}", link.note), save)

    def action_relink(self) -> None:
        link = self._with_link()
        if link is None:
            return
        unlinked = self.query_one("#unlinked", UnlinkedList)
        picked = unlinked.selected() if unlinked.has_focus else None
        if picked is not None:
            self._relink(link, Relink("attach", *picked).key)
            return
        a = self.session.alignment
        options = [(r.key, r.label(a)) for r in relink_choices(link, self.session.unlinked())]
        self.ask(
            self.dialog(ChoiceModal).reset(f"Relink link {link.id}", options),
            lambda key: self._relink(link, key),
        )

    def _relink(self, link: Link, key: str | None) -> None:
        if key:
            relink = Relink.parse(key)
            self.run_op(lambda: relink.apply(self.session, link.id), lambda said: str(said))

    @on(OptionList.OptionSelected, "#unlinked")
    def attach_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_relink()

    def action_split(self) -> None:
        link = self._with_link()
        if link is not None:
            self.run_op(
                lambda: self.session.split(link.id),
                lambda r: f"link {link.id} split into {r[0].id} and {r[1].id}",
            )

    def action_merge(self) -> None:
        link = self._with_link()
        if link is not None:
            self.run_op(lambda: self.session.merge(link.id), f"link {link.id} merged with the next link")

    def action_undo(self) -> None:
        self.run_op(self.session.undo, lambda op: f"undid {op['op']}" if op else "nothing to undo")

    def action_redo(self) -> None:
        self.run_op(self.session.redo, lambda op: f"redid {op['op']}" if op else "nothing to redo")

    def action_search(self) -> None:
        def found(text: str | None) -> None:
            if text is None:
                return
            self.query_text = text.strip()
            self.rebuild()
            self.show_current()
            self.say(
                f"{len(self.table.shown)} links match {self.query_text!r}"
                if self.query_text
                else "search cleared"
            )

        self.ask(self.dialog(PromptModal).reset("Search source, target and notes", self.query_text), found)

    def action_filter(self) -> None:
        options = [(f.key, f.label) for f in filter_choices(self.session.flag_kinds())]

        def chosen(key: str | None) -> None:
            if key is not None:
                self.view_filter = Filter.parse(key)
                self.rebuild()
                self.show_current()
                self.say(f"filter: {key} ({len(self.table.shown)} links)")

        self.ask(self.dialog(ChoiceModal).reset("Show", options), chosen)

    def action_export(self) -> None:
        default = self.session.path.with_suffix(".tmx")

        def write(text: str | None) -> None:
            if text:
                self.export_to(Path(text).expanduser())

        self.ask(self.dialog(PromptModal).reset("Export to (.tmx, .tsv, .vecalign)", str(default)), write)

    def export_to(self, out: Path) -> None:
        try:
            from bitext import formats
        except ImportError as exc:
            self.app.push_screen(ErrorModal(f"export is not available in this installation: {exc}"))
            return
        try:
            name = formats.format_for_path(out) or "tmx"
            n = formats.export(name, self.session.alignment, out)
        except (BitextError, OSError) as exc:
            self.app.push_screen(ErrorModal(f"export failed: {exc}"))
            return
        self.say(f"exported {n} units to {out} ({name})")

    def action_summary(self) -> None:
        self.app.push_screen(SummaryScreen(self.session.counts(), self.session.path))

