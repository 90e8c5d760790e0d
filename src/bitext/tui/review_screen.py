"""The review screen: the link table, the current link in detail, the unlinked sentences, the counts."""

from __future__ import annotations

import gc
import threading
import time
from bisect import bisect_left
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, OptionList

from bitext.errors import BitextError
from bitext.model import SEVERITIES, Alignment, FlagStatus, Link, LinkStatus, SideName
from bitext.review import Patch, ReviewSession
from bitext.review.relink import Relink, relink_choices
from bitext.review.rescore import Rescored, encoder_for
from bitext.review.view import (
    ALL,
    SORTS,
    Filter,
    Query,
    SortKey,
    combined_label,
    filter_choices,
    filter_counts,
    keeper,
    sort_links,
)
from bitext.text import clip
from bitext.tui.bindings import REVIEW_BINDINGS
from bitext.tui.dialogs import ChoiceModal, Dialog, ErrorModal, PromptModal, ResultType, SummaryScreen
from bitext.tui.link_table import LinkTable, LinkTableBase
from bitext.tui.widgets import DetailPane, FlagList, StableFooter, SummaryPanel, UnlinkedList

NARROW = 100  # below this many columns the two texts of the current link stack
WIDE_FROM = 120  # from this many columns the counts and the unlinked sentences sit beside the table
SIDE_OPEN_SHARE = 0.45  # of the width, for the unlinked sentences opened beside the table (narrow)
NEAREST_LINKS = 12  # links offered when attaching a sentence from the unlinked list
# Work that can wait for the reviewer to pause, so that no key waits for it: compacting the journal
# (rewriting the whole file; the session's own count is the backstop) and a full garbage collection
# (the newer objects only: the file's are frozen, see on_mount).
IDLE_AFTER = 2.0  # seconds without a key
COMPACT_AFTER = 50  # decisions at least
COMPACT_BACKSTOP = 1000
SIDE_WIDTH = 34  # keep equal to #side's width in app.tcss: the table gets what is left
# Python collects its oldest generation after every 10 collections of the middle one; with the
# newer objects of a busy session (rendered lines and cells in caches) that walk was long enough to
# be felt in the middle of a key now and then. While the review screen is up it is collected when
# the reviewer pauses (when_idle), and by Python only after this many, as a backstop.
OLD_GENERATION_EVERY = 200

DialogType = TypeVar("DialogType", bound=Dialog[Any])
# Operations that change what a link pairs or says: its score and the scorer's judgement of its flags
# are then worked out again with the encoder, in the background.
RESHAPING = frozenset({"attach", "detach", "split", "merge", "edit"})

if TYPE_CHECKING:
    from bitext.encoder import Encoder


class ReviewScreen(Screen[None]):
    """The link table, the current link in detail, the unlinked sentences and the counts."""

    BINDINGS = REVIEW_BINDINGS
    table_class: type[LinkTableBase] = LinkTable  # the fast table, or the plain one (tests run both)

    def __init__(self, session: ReviewSession, encoder: Encoder | None = None) -> None:
        super().__init__()
        self.session = session
        # The encoder that re-scores relinked links (the app's, when it aligned the document); asked
        # for on the first relink, once: None with a reason when there is none.
        self._encoder: tuple[Encoder | None, str] | None = (encoder, "") if encoder is not None else None
        self._rescoring = threading.Lock()  # one re-score at a time: the encoder is not shared
        self.filters: list[Filter] = []  # all must hold; empty: every link
        self.sort: SortKey = "document"
        self.query_text = ""
        self.flag_index: int | None = None  # the flag d, f, v act on (the flag list's cursor)
        self.side_open = False  # narrow screens: the unlinked sentences shown in place of the current link
        self.messages: list[str] = []  # what the reviewer was told, newest last (tests read it too)
        self._text_width = 0
        self._drawn: Patch | None = session.last_change  # the last change the table shows
        self._detail: tuple[Link | None, int | None, str] | None = None  # what the detail pane shows
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
        self._select_first_flag()
        self.show_current()
        self.warm_up()
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

    @work(thread=True, exit_on_error=False, group="warm-up")
    def warm_up(self) -> None:
        """Load the checks now, in the background, so the first relink or edit re-checks at once."""
        from bitext.review.recheck import warm_up

        warm_up(self.session.alignment)

    @property
    def table(self) -> LinkTableBase:
        return self.query_one("#links", LinkTableBase)

    @property
    def wide(self) -> bool:
        return self.app.size.width >= WIDE_FROM

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int, force: bool = False) -> None:
        wide = width >= WIDE_FROM
        self.set_class(width < NARROW, "-narrow")
        self.set_class(wide, "-wide")
        self.set_class(self.side_open and not wide, "-side-open")
        if wide:
            table_width = width - SIDE_WIDTH
        elif self.side_open:
            table_width = int(width * (1 - SIDE_OPEN_SHARE))
        else:
            table_width = width
        table_width -= 4  # border and scrollbar
        if force or table_width != self._text_width:
            self._text_width = table_width
            self.rebuild()
        footer = self.query_one(StableFooter)
        footer.compact = width < WIDE_FROM
        footer.show_command_palette = wide  # ctrl+p still opens it; on 80 columns the keys need the room

    @property
    def view_filter(self) -> Filter:
        """The one filter in force (ALL when none or several): kept for callers that set one filter."""
        return self.filters[0] if len(self.filters) == 1 else ALL

    @view_filter.setter
    def view_filter(self, value: Filter) -> None:
        self.filters = [] if value == ALL else [value]

    def keeper(self) -> Callable[[Link], bool] | None:
        """What the current filters and search keep (None: every link)."""
        return keeper(self.session.alignment, self.filters, self.query_text)

    def shown_links(self) -> list[Link]:
        keep = self.keeper()
        links = self.session.alignment.links
        shown = list(links) if keep is None else [link for link in links if keep(link)]
        return sort_links(shown, self.sort)

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
        if self.table.current_id != self.session.cursor:  # the view changed under the cursor
            self.session.move_cursor(self.table.current_id)
            self._select_first_flag()

    def _label_table(self) -> None:
        label = f"links {len(self.table.shown)}/{len(self.session.alignment.links)}"
        if self.filters:
            label += f" · {combined_label(self.filters)}"
        if self.query_text:
            label += f" · search {self.query_text!r}"
        if self.sort != "document":
            label += f" · {SORTS[self.sort]}"
        if label != self.table.border_title:  # a new title repaints every visible line of the table
            self.table.border_title = label

    def redraw(self, patch: Patch) -> None:
        """Show what one operation changed: only its rows are replaced, the table is not refilled."""
        if self.sort != "document":  # rows are not in document order: splicing needs that order
            self.rebuild()
            return
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
        counts = s.counts()
        self.query_one("#summary", SummaryPanel).show_counts(counts, s.readonly)
        self.query_one("#unlinked", UnlinkedList).fill(s.alignment, s.unlinked())
        # Narrow screens have no counts pane: the essentials go under the table.
        line = (
            f"reviewed {counts.reviewed}/{counts.links} · open {counts.open_total} · "
            f"confirmed {counts.confirmed_flags} · unlinked {counts.unlinked_source + counts.unlinked_target}"
        )
        if self.table.border_subtitle != line:
            self.table.border_subtitle = line

    def current(self) -> Link | None:
        link_id = self.table.current_id
        return None if link_id is None else self.session.link(link_id)

    def show_current(self) -> None:
        link = self.current()
        if link is not None and self.flag_index is not None and self.flag_index >= len(link.flags):
            self.flag_index = len(link.flags) - 1 if link.flags else None
        shown = (link, self.flag_index, self.query_text)
        if self._detail is None or shown[0] is not self._detail[0] or shown[1:] != self._detail[1:]:
            self._detail = shown
            hits = Query(self.query_text).spans if self.query_text else None
            detail = self.query_one("#detail", DetailPane)
            detail.show(self.session.alignment, link, self.flag_index, hits)
            # The score column needs a wide table: the score of the link under the cursor is always here.
            title = "Current link" if link is None else f"Link {link.id} · score {link.score:.2f}"
            if detail.border_title != title:
                detail.border_title = title

    def _select_first_flag(self) -> None:
        """Point the flag cursor at the current link's first open flag (else its first flag)."""
        link = self.current()
        if link is None or not link.flags:
            self.flag_index = None
            return
        self.flag_index = next((i for i, f in enumerate(link.flags) if f.status == "open"), 0)

    @on(DataTable.RowHighlighted, "#links")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.follow_cursor()

    def follow_cursor(self) -> None:
        """Remember the cursor and show its link. The keys that move the cursor call this at once
        rather than wait for the table's message, so the table and the detail pane change in the
        same frame."""
        self.busy()
        if self.table.current_id != self.session.cursor:
            self.session.move_cursor(self.table.current_id)
            self._select_first_flag()
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

    def run_op(
        self,
        op: Callable[[], Any],
        done: str | Callable[[Any], str],
        *,
        advance: bool = False,
        rescore: bool = False,
    ) -> bool:
        """Run a session operation; it is journaled before it returns, so only then is it reported.

        A write that fails (a full disk, a folder made read-only) is reported and the session goes on:
        the decision was not applied, every earlier one is in the journal. ``advance``: then move to the
        next link (accept and reject do, so a reviewer can go down the list with one key a link).
        ``rescore``: the operation reshaped links (see :data:`RESHAPING`): re-score them.
        """
        try:
            result = op()
        except BitextError as exc:
            self.say(str(exc), "error")
            return False
        except OSError as exc:
            self.say(
                f"could not save that decision ({exc.strerror or exc}); it was not applied. Earlier "
                "decisions are safe in the journal. Free some space or fix the folder, then try again.",
                "error",
            )
            return False
        patch = self.session.last_change
        self.after_change()
        if advance and self.table.cursor_row < len(self.table.shown) - 1:
            self.table.action_cursor_down()
            self.follow_cursor()
        message = done(result) if callable(done) else done
        if rescore and patch is not None:
            message += self.rescore(patch.new)
        self.say(message)
        return True

    # ---- re-scoring with the encoder

    def encoder(self) -> tuple[Encoder | None, str]:
        if self._encoder is None:
            self._encoder = encoder_for(self.session.alignment)
        return self._encoder

    def rescore(self, links: tuple[Link, ...]) -> str:
        """Start re-scoring the paired ``links`` in the background; what to add to the operation's message
        (the score is not silently left as it was when there is no encoder)."""
        paired = [link for link in links if link.source and link.target]
        if not paired:
            return ""
        encoder, why = self.encoder()
        if encoder is None:
            return f"; score not recomputed ({why})"
        self.rescore_links(self.session.alignment, paired, encoder)
        return "; re-scoring…"

    @work(thread=True, exit_on_error=False, group="rescore")
    def rescore_links(self, alignment: Alignment, links: list[Link], encoder: Encoder) -> None:
        from bitext.review.rescore import rescore

        with self._rescoring:
            for link in links:
                try:
                    result = rescore(alignment, link, encoder)
                # The model failed to load or run (a damaged cache, memory): the review goes on without it.
                except (BitextError, OSError, ImportError, RuntimeError, MemoryError) as exc:
                    self._encoder = (None, f"the encoder failed: {exc}")
                    self.app.call_from_thread(
                        self.say, f"score of link {link.id} not recomputed (the encoder failed: {exc})"
                    )
                    return
                self.app.call_from_thread(self._rescored, result, link.score)

    def _rescored(self, result: Rescored, was: float) -> None:
        try:
            link = self.session.rescore(result)
        except (BitextError, OSError) as exc:
            self.say(f"could not save the new score of link {result.link_id} ({exc})", "error")
            return
        if link is None:  # it changed meanwhile: the change that did it re-scores it
            return
        self.after_change()
        if result.score is None:
            self.say(f"link {link.id}: flags re-judged; score {link.score:.2f} kept ({result.why})")
        else:
            self.say(f"link {link.id} re-scored: {was:.2f} → {link.score:.2f}")

    def after_change(self) -> None:
        self.busy()
        patch = self.session.last_change
        if patch is not None and patch is not self._drawn:  # "nothing to undo" changes nothing
            self._drawn = patch
            self.redraw(patch)
        if self.table.current_id != self.session.cursor:
            self.session.move_cursor(self.table.current_id)
            self._select_first_flag()
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

    def _to_row(self, row: int) -> None:
        if self.table.shown:
            self.table.move_cursor(row=row, animate=False, scroll=True)
            self.follow_cursor()

    def action_first(self) -> None:
        self._to_row(0)

    def action_last(self) -> None:
        self._to_row(len(self.table.shown) - 1)

    def action_go_to(self) -> None:
        def go(text: str | None) -> None:
            if not text:
                return
            value = text.strip().lstrip("#")
            if not value.isdigit() or self.session.index_of(int(value)) is None:
                self.say(f"there is no link {text.strip()}; links are numbered as in the # column", "warning")
                return
            link_id = int(value)
            if not self.table.go_to(link_id):
                self.filters, self.query_text = [], ""  # it was hidden: show everything
                self.rebuild()
                self.table.go_to(link_id)
                self.say(f"link {link_id} (filters and search cleared to show it)")
            self.follow_cursor()

        self.ask(self.dialog(PromptModal).reset("Go to link", "", "link number, as in the # column"), go)

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

    def _status(self, status: LinkStatus, advance: bool = False) -> None:
        link = self._with_link()
        if link is not None:
            self.run_op(
                lambda: self.session.set_status(link.id, status), f"link {link.id}: {status}", advance=advance
            )

    def action_accept(self) -> None:
        self._status("accepted", advance=True)

    def action_reject(self) -> None:
        self._status("rejected", advance=True)

    def action_reset(self) -> None:
        self._status("auto")

    def action_next_in_flags(self, step: int) -> None:
        link = self._with_link()
        if link is None or not link.flags:
            self.say("this link has no flags", "warning")
            return
        current = self.flag_index if self.flag_index is not None else -step
        self.flag_index = (current + step) % len(link.flags)
        self.show_current()

    @on(OptionList.OptionHighlighted, "#flags")
    def flag_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        index = self.query_one(FlagList).selected
        if index is not None and index != self.flag_index:
            self.flag_index = index
            self.show_current()

    def _selected_flag(self) -> tuple[Link, int] | None:
        link = self._with_link()
        if link is None:
            return None
        if not link.flags or self.flag_index is None:
            self.say(f"link {link.id} has no flags", "warning")
            return None
        return link, self.flag_index

    def _flag(self, status: FlagStatus) -> None:
        picked = self._selected_flag()
        if picked is None:
            return
        link, index = picked
        flag = link.flags[index]
        if flag.status == status:
            self.say(f"the {flag.kind} flag is already {status}", "warning")
            return
        word = {"open": "reopened", "confirmed": "confirmed", "dismissed": "dismissed"}[status]
        if self.run_op(
            lambda: self.session.set_flag(link.id, index, status),
            f"{flag.kind} flag on link {link.id} {word}",
        ):
            self._next_open_flag_of_link()

    def _next_open_flag_of_link(self) -> None:
        """After deciding a flag, the flag cursor goes to the link's next open flag, if any."""
        link = self.current()
        if link is None or not link.flags:
            return
        n = len(link.flags)
        start = self.flag_index or 0
        for step in range(1, n + 1):
            i = (start + step) % n
            if link.flags[i].status == "open":
                self.flag_index = i
                self.show_current()
                return

    def action_dismiss_flag(self) -> None:
        self._flag("dismissed")

    def action_confirm_flag(self) -> None:
        self._flag("confirmed")

    def action_reopen_flag(self) -> None:
        self._flag("open")

    def action_severity(self) -> None:
        picked = self._selected_flag()
        if picked is None:
            return
        link, index = picked
        flag = link.flags[index]
        options = [(s, f"{s}{' (now)' if s == flag.severity else ''}") for s in SEVERITIES]

        def chosen(severity: str | None) -> None:
            sev = next((s for s in SEVERITIES if s == severity), None)
            if sev is not None and sev != flag.severity:
                self.run_op(
                    lambda: self.session.set_severity(link.id, index, sev),
                    f"{flag.kind} flag on link {link.id} is now {sev}",
                )

        self.ask(self.dialog(ChoiceModal).reset(f"Severity of the {flag.kind} flag", options), chosen)

    def action_edit(self) -> None:
        link = self._with_link()
        if link is None:
            return
        a = self.session.alignment
        sentences: list[tuple[SideName, int]] = [("source", i) for i in link.source]
        sentences += [("target", i) for i in link.target]
        if not sentences:
            return

        def edit(side: SideName, sid: int) -> None:
            sentence = a.side(side).sentences[sid]

            def save(text: str | None) -> None:
                if text is not None and text.strip() != sentence.text:
                    self.run_op(
                        lambda: self.session.edit(link.id, side, sid, text),
                        f"{a.side(side).lang} {sid} corrected; link {link.id} re-checked (u undoes)",
                        rescore=True,
                    )

            span = self._flagged_words(link, side, sentence.text)
            hint = "type over the flagged words" if span else "original kept"
            title = f"Edit {a.side(side).lang} {sid} ({hint}; esc cancels)"
            self.ask(self.dialog(PromptModal).reset(title, sentence.text, select=span), save)

        if len(sentences) == 1:
            edit(*sentences[0])
            return
        # The sentence the selected flag points at comes first.
        flag = link.flags[self.flag_index] if self.flag_index is not None and link.flags else None
        if flag is not None and flag.target_span and not flag.source_span:
            sentences.sort(key=lambda p: p[0] != "target")
        options = [
            (f"{side}:{sid}", f"{a.side(side).lang} {sid}: {clip(a.side(side).sentences[sid].text, 60)}")
            for side, sid in sentences
        ]

        def chosen(key: str | None) -> None:
            if key:
                side, _, sid = key.partition(":")
                name = next(n for n in ("source", "target") if n == side)
                self.app.call_later(edit, name, int(sid))

        self.ask(self.dialog(ChoiceModal).reset(f"Edit which sentence of link {link.id}?", options), chosen)

    def _flagged_words(self, link: Link, side: SideName, text: str) -> tuple[int, int] | None:
        """Where in ``text`` the words of a flag stand: what a reviewer correcting the sentence most likely
        retypes. A confirmed error's first (confirming, then fixing, is the usual order), then the selected
        flag's, then any other's that is not dismissed."""
        order = sorted(
            range(len(link.flags)), key=lambda i: (link.flags[i].status != "confirmed", i != self.flag_index)
        )
        for i in order:
            flag = link.flags[i]
            words = flag.source_excerpt if side == "source" else flag.target_excerpt
            at = text.find(words) if words and flag.status != "dismissed" else -1
            if at >= 0:
                return at, at + len(words)
        return None

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
            self.attach_to_chosen_link(*picked)
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
            self.run_op(lambda: relink.apply(self.session, link.id), lambda said: str(said), rescore=True)

    @on(OptionList.OptionSelected, "#unlinked")
    def attach_selected(self, event: OptionList.OptionSelected) -> None:
        picked = self.query_one("#unlinked", UnlinkedList).selected()
        if picked is not None:
            self.attach_to_chosen_link(*picked)

    def attach_to_chosen_link(self, side: SideName, sentence: int) -> None:
        """Ask which link gets the unlinked sentence: the table's current link first, then the nearest."""
        a, s = self.session.alignment, self.session
        current = self.current()
        other = "target" if side == "source" else "source"

        def distance(link: Link) -> int:
            ids = getattr(link, side) or getattr(link, other)
            return min((abs(i - sentence) for i in ids), default=10**9)

        candidates = [lk for lk in a.links if getattr(lk, other)]
        near = sorted(candidates, key=distance)[:NEAREST_LINKS]
        if current is not None and getattr(current, other):
            near = [current, *(lk for lk in near if lk.id != current.id)]
        if not near:
            self.say("no link to attach it to", "warning")
            return
        options = []
        for lk in near:
            here = " (current)" if current is not None and lk.id == current.id else ""
            texts = clip(f"{a.source_text(lk)} ↔ {a.target_text(lk)}", 70)
            options.append((str(lk.id), f"link {lk.id}{here}: {texts}"))
        lang = a.side(side).lang

        def chosen(key: str | None) -> None:
            if key:
                link_id = int(key)
                self.run_op(
                    lambda: s.attach(link_id, side, sentence),
                    f"{side} {sentence} attached to link {link_id}; re-checked",
                    rescore=True,
                )

        self.ask(self.dialog(ChoiceModal).reset(f"Attach {lang} {sentence} to which link?", options), chosen)

    def action_unlinked(self) -> None:
        """Show the unlinked sentences and focus them (narrow screens: beside the table)."""
        if not self.wide:
            self.side_open = not self.side_open
            self._apply_width(self.app.size.width)
        if self.wide or self.side_open:
            self.query_one("#unlinked", UnlinkedList).focus()
        else:
            self.table.focus()

    def action_split(self) -> None:
        link = self._with_link()
        if link is None:
            return
        a = self.session.alignment
        try:
            points = self.session.split_points(link.id)
        except BitextError as exc:
            self.say(str(exc), "error")
            return
        if not points:
            self.say(f"link {link.id} has a single sentence; there is nothing to split", "warning")
            return

        def part(side: SideName, ids: tuple[int, ...]) -> str:
            return " ".join(f"{a.side(side).lang}{i}" for i in ids) or "–"

        options = []
        for s_at, t_at in points:
            first = f"{part('source', link.source[:s_at])} {part('target', link.target[:t_at])}"
            second = f"{part('source', link.source[s_at:])} {part('target', link.target[t_at:])}"
            options.append((f"{s_at}:{t_at}", f"[{first}] | [{second}]"))

        def chosen(key: str | None) -> None:
            if key:
                s_at, _, t_at = key.partition(":")
                self.run_op(
                    lambda: self.session.split(link.id, int(s_at), int(t_at)),
                    lambda r: f"link {link.id} split into {r[0].id} and {r[1].id}; both re-checked",
                    rescore=True,
                )

        self.ask(self.dialog(ChoiceModal).reset(f"Split link {link.id} where?", options), chosen)

    def action_merge(self) -> None:
        link = self._with_link()
        if link is not None:
            self.run_op(
                lambda: self.session.merge(link.id), f"link {link.id} merged with the next link", rescore=True
            )

    def action_undo(self) -> None:
        self.run_op(self.session.undo, lambda op: f"undid {op['op']}" if op else "nothing to undo")

    def action_redo(self) -> None:
        reshaping = self.session.can_redo and self.session.next_redo() in RESHAPING
        self.run_op(
            self.session.redo, lambda op: f"redid {op['op']}" if op else "nothing to redo", rescore=reshaping
        )

    def action_search(self) -> None:
        def found(text: str | None) -> None:
            if text is None:
                return
            self.query_text = text.strip()
            self.rebuild()
            self._select_first_flag()
            self.show_current()
            self.say(
                f"{len(self.table.shown)} links match {self.query_text!r}"
                if self.query_text
                else "search cleared"
            )

        title = "Search both texts and notes (names match across spellings: Goto finds Qoto)"
        self.ask(self.dialog(PromptModal).reset(title, self.query_text), found)

    def action_filter(self) -> None:
        choices = filter_choices(self.session.flag_kinds())
        counts = filter_counts(self.session.alignment, choices)
        options = []
        for f in choices:
            mark = "✓ " if f in self.filters else "  "
            verb = " (on: choose to remove)" if f in self.filters else ""
            options.append((f.key, f"{mark}{f.label} ({counts[f]}){verb}"))

        def chosen(key: str | None) -> None:
            if key is None:
                return
            picked = Filter.parse(key)
            if picked == ALL:
                self.filters = []
            elif picked in self.filters:
                self.filters = [f for f in self.filters if f != picked]
            else:  # filters of one kind replace each other; of different kinds they combine
                self.filters = [f for f in self.filters if f.kind != picked.kind] + [picked]
            self.rebuild()
            self._select_first_flag()
            self.show_current()
            self.say(f"showing {combined_label(self.filters)} ({len(self.table.shown)} links)")

        title = "Filter (filters combine; 'all links' clears)"
        self.ask(self.dialog(ChoiceModal).reset(title, options), chosen)

    def action_sort(self) -> None:
        options = [(key, f"{'✓ ' if key == self.sort else '  '}{label}") for key, label in SORTS.items()]

        def chosen(key: str | None) -> None:
            sort = next((k for k in SORTS if k == key), None)
            if sort is not None:
                self.sort = sort
                self.rebuild()
                self.show_current()
                self.say(f"sorted: {SORTS[sort]}")

        self.ask(self.dialog(ChoiceModal).reset("Sort links", options), chosen)

    def action_export(self) -> None:
        default = self.session.path.with_suffix(".tmx")

        def write(text: str | None) -> None:
            if text:
                self.export_to(Path(text).expanduser())

        title = "Export to (.tmx, .xlf, .tsv, .vecalign)"
        self.ask(self.dialog(PromptModal).reset(title, str(default)), write)

    def export_to(self, out: Path, include: tuple[str, ...] | None = None) -> None:
        """Write ``out``; for a TMX whose defaults leave pairs out, first ask what goes in."""
        try:
            from bitext import formats
        except ImportError as exc:
            self.app.push_screen(ErrorModal(f"export is not available in this installation: {exc}"))
            return
        name = formats.format_for_path(out) or "tmx"
        if name == "tmx" and include is None:
            from bitext.formats.tmx import left_out

            counts = left_out(self.session.alignment)
            if counts:
                self._ask_memory(out, counts)
                return
        try:
            n = formats.export(name, self.session.alignment, out, include=include or ())
        except (BitextError, OSError) as exc:
            self.app.push_screen(ErrorModal(f"export failed: {exc}"))
            return
        self.say(f"exported {n} units to {out} ({name})")

    def _ask_memory(self, out: Path, counts: dict[str, int]) -> None:
        """A working memory leaves out summary pairs, unsure pairs and confirmed errors: say how many, and
        let the reviewer put them in (a summary's pairs are what a summary review exports)."""
        words = {
            "summary": "summary pairs",
            "unsure": "unsure pairs",
            "errors": "pairs with a confirmed error",
        }
        left = ", ".join(f"{n} {words.get(k, k)}" for k, n in counts.items())
        options = [("", f"working memory only (leaves out {left})")]
        wanted = [k for k in counts if k in words]
        options += [(k, f"also the {counts[k]} {words[k]}") for k in wanted]
        if len(wanted) > 1:
            options.append((",".join(wanted), "all of them"))

        def chosen(key: str | None) -> None:
            if key is not None:
                self.export_to(out, tuple(k for k in key.split(",") if k))

        # After the path prompt has closed (this runs from its callback).
        dialog = self.dialog(ChoiceModal).reset(f"What goes into {out.name}?", options)
        self.app.call_later(self.ask, dialog, chosen)

    def action_summary(self) -> None:
        self.app.push_screen(SummaryScreen(self.session.counts(), self.session.path))
