"""Screens: the review screen and its modals (note, search, choice, error, help, summary, loading)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from bitext.errors import BitextError
from bitext.model import SEVERITIES, Link
from bitext.review import Counts, ReviewSession, SideName
from bitext.tui.bindings import REVIEW_BINDINGS
from bitext.tui.widgets import DetailPane, LinkTable, SummaryPanel, UnlinkedList, clip

if TYPE_CHECKING:
    from textual.binding import BindingType

NARROW = 100  # below this many columns panes stack instead of sitting side by side
SIDE_WIDTH = 40  # keep equal to #side's width in app.tcss: the table gets what is left


# --------------------------------------------------------------------------- modals


class ErrorModal(ModalScreen[None]):
    """A problem the reviewer must read; any key closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter,q", "dismiss", "Close")]

    def __init__(self, message: str, title: str = "Error") -> None:
        super().__init__(classes="modal")
        self.message = message
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog error"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.message, id="error-message")
            yield Label("enter / esc: close", classes="dialog-hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)


class PromptModal(ModalScreen[str | None]):
    """One line of input (a note, a search, an export path); enter submits, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__(classes="modal")
        self.title_text, self.value, self.placeholder = title, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Label("enter: ok · esc: cancel", classes="dialog-hint")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceModal(ModalScreen[str | None]):
    """Pick one of a few options (filters, sentences to relink)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "cancel", "Cancel")]

    def __init__(self, title: str, options: Sequence[tuple[str, str]]) -> None:
        super().__init__(classes="modal")
        self.title_text, self.options = title, list(options)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield OptionList(*(Option(label, id=key) for key, label in self.options), id="choices")
            yield Label("enter: choose · esc: cancel", classes="dialog-hint")

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """Every key, its binding id (for keys.toml) and what it does."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "close", "Close")]

    def __init__(self, rows: Sequence[tuple[str, str, str]], keymap_file: Path) -> None:
        super().__init__(classes="modal")
        self.rows, self.keymap_file = rows, keymap_file

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Label("Keys", classes="dialog-title")
            table: DataTable[str] = DataTable(id="help-table", cursor_type="row")
            yield table
            yield Label(f'Remap: {self.keymap_file}  (id = "key") · esc: close', classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("key", "id", "action")
        for row in self.rows:
            table.add_row(*row)

    def action_close(self) -> None:
        self.dismiss(None)


class SummaryScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter,q,S", "close", "Close")]

    def __init__(self, counts: Counts, path: Path) -> None:
        super().__init__(classes="modal")
        self.counts, self.path = counts, path

    def compose(self) -> ComposeResult:
        c = self.counts
        lines = [
            f"{self.path.name}: {c.links} links",
            f"reviewed {c.reviewed} (accepted {c.accepted}, rejected {c.rejected}),"
            f" {c.links - c.reviewed} to go",
            f"open flags {c.open_total}",
            *(f"  {kind:<12} {n}" for kind, n in c.open_flags.items()),
            f"dismissed flags {c.dismissed_flags}, confirmed {c.accepted_flags}",
            f"unlinked sentences: source {c.unlinked_source}, target {c.unlinked_target}",
        ]
        with Vertical(classes="dialog"):
            yield Label("Summary", classes="dialog-title")
            yield Static("\n".join(lines), id="summary-text")

    def action_close(self) -> None:
        self.dismiss(None)


class LoadingScreen(Screen[None]):
    """Shown while a document is aligned and checked in a worker thread."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="loading"):
            yield Label(f"Aligning {self.path.name}…", id="loading-title")
            yield ProgressBar(total=3, show_eta=False, id="loading-bar")
            yield Label("", id="loading-step")

    def step(self, message: str, advance: int = 0) -> None:
        self.query_one("#loading-step", Label).update(message)
        if advance:
            self.query_one(ProgressBar).advance(advance)


# --------------------------------------------------------------------------- review screen


class ReviewScreen(Screen[None]):
    """The link table, the current link in detail, the unlinked sentences and the counts."""

    BINDINGS = REVIEW_BINDINGS

    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session
        self.view_filter = "all"
        self.query_text = ""
        self.messages: list[str] = []  # what the reviewer was told, newest last (tests read it too)
        self._text_width = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield LinkTable(id="links")
                yield DetailPane(id="detail")
            with Vertical(id="side"):
                yield SummaryPanel(id="summary")
                yield UnlinkedList(id="unlinked")
        yield Footer()

    # ---- building

    def on_mount(self) -> None:
        s = self.session
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

    @property
    def table(self) -> LinkTable:
        return self.query_one("#links", LinkTable)

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int, force: bool = False) -> None:
        narrow = width < NARROW
        self.set_class(narrow, "-narrow")
        table_width = width - (0 if narrow else SIDE_WIDTH) - 5  # border and scrollbar
        if force or table_width != self._text_width:
            self._text_width = table_width
            self.rebuild()

    def shown_links(self) -> list[Link]:
        a = self.session.alignment
        f, q = self.view_filter, self.query_text.casefold()

        def keep(link: Link) -> bool:
            if f == "open" and not any(fl.status == "open" for fl in link.flags):
                return False
            if f.startswith(("severity:", "kind:")):
                attr, _, value = f.partition(":")
                if not any(fl.status == "open" and getattr(fl, attr) == value for fl in link.flags):
                    return False
            if f in ("auto", "accepted", "rejected") and link.status != f:
                return False
            if q:
                hay = f"{a.source_text(link)}\n{a.target_text(link)}\n{link.note}".casefold()
                return q in hay
            return True

        if f == "all" and not q:
            return list(a.links)
        return [link for link in a.links if keep(link)]

    def rebuild(self) -> None:
        """Refill the table (filters, structural edits, resizes), keeping the cursor on its link."""
        current = self.table.current_id if self.table.row_count else self.session.cursor
        self.table.fill(self.session.alignment, self.shown_links(), self._text_width)
        if current is not None and not self.table.go_to(current):
            # The link went away (merged, filtered out): stay near where it was.
            pos = self.session._index.get(current, 0)
            later = [i for i, lid in enumerate(self.table.shown) if self.session._index.get(lid, 0) >= pos]
            if later:
                self.table.move_cursor(row=later[0], animate=False)
        label = f"links {len(self.table.shown)}/{len(self.session.alignment.links)}"
        if self.view_filter != "all" or self.query_text:
            label += f" · filter {self.view_filter}" + (
                f" · search {self.query_text!r}" if self.query_text else ""
            )
        self.table.border_title = label

    def refresh_side(self) -> None:
        s = self.session
        self.query_one("#summary", SummaryPanel).show(s.counts(), s.readonly)
        self.query_one("#unlinked", UnlinkedList).fill(s.alignment, s.unlinked())

    def current(self) -> Link | None:
        link_id = self.table.current_id
        return None if link_id is None else self.session.link(link_id)

    def show_current(self) -> None:
        self.query_one("#detail", DetailPane).show(self.session.alignment, self.current())

    @on(DataTable.RowHighlighted, "#links")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.session.move_cursor(self.table.current_id)
        self.show_current()

    def say(self, message: str, severity: str = "information") -> None:
        self.messages.append(message)
        self.notify(message, severity=severity, timeout=4)  # type: ignore[arg-type]

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
        patch = self.session.last_change
        same_rows = patch is not None and [x.id for x in patch.old] == [x.id for x in patch.new]
        if same_rows and self.view_filter == "all" and not self.query_text:
            assert patch is not None
            for link in patch.new:
                self.table.update_link(self.session.alignment, link)
        else:
            self.rebuild()
        self.refresh_side()
        self.show_current()

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

    def action_next_flag(self, direction: int) -> None:
        shown = self.table.shown
        if not shown:
            return
        start = self.table.cursor_row
        n = len(shown)
        for step in range(1, n + 1):
            row = (start + direction * step) % n
            link = self.session.link(shown[row])
            if any(f.status == "open" for f in link.flags):
                self.table.move_cursor(row=row, animate=False, scroll=True)
                if (direction > 0 and row <= start) or (direction < 0 and row >= start):
                    self.say("search wrapped around", "information")
                return
        self.say("no open flags left in this view")

    def _status(self, status: str) -> None:
        link = self._with_link()
        if link is not None:
            self.run_op(lambda: self.session.set_status(link.id, status), f"link {link.id}: {status}")  # type: ignore[arg-type]

    def action_accept(self) -> None:
        self._status("accepted")

    def action_reject(self) -> None:
        self._status("rejected")

    def action_reset(self) -> None:
        self._status("auto")

    def _flag(self, status: str) -> None:
        link = self._with_link()
        if link is None:
            return
        index = next((i for i, f in enumerate(link.flags) if f.status == "open"), None)
        if index is None:
            self.say(f"link {link.id} has no open flag", "warning")
            return
        kind = link.flags[index].kind
        self.run_op(
            lambda: self.session.set_flag(link.id, index, status),  # type: ignore[arg-type]
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

        self.app.push_screen(PromptModal(f"Note on link {link.id}", link.note), save)

    def action_relink(self) -> None:
        link = self._with_link()
        if link is None:
            return
        unlinked = self.query_one("#unlinked", UnlinkedList)
        picked = unlinked.selected() if unlinked.has_focus else None
        if picked is not None:
            self._relink(link, f"attach:{picked[0]}:{picked[1]}")
            return
        a = self.session.alignment
        options: list[tuple[str, str]] = []
        for side, ids, sentences, lang in (
            ("source", link.source, a.source.sentences, a.source.lang),
            ("target", link.target, a.target.sentences, a.target.lang),
        ):
            options += [
                (f"detach:{side}:{i}", f"detach {lang} {i}: {clip(sentences[i].text, 60)}") for i in ids
            ]
        near = sorted(self.session.unlinked(), key=lambda p: abs(p[1] - _anchor(link, p[0])))[:20]
        for side, i in near:
            lang = a.source.lang if side == "source" else a.target.lang
            text = (a.source if side == "source" else a.target).sentences[i].text
            options.append((f"attach:{side}:{i}", f"attach {lang} {i}: {clip(text, 60)}"))
        self.app.push_screen(
            ChoiceModal(f"Relink link {link.id}", options), lambda key: self._relink(link, key)
        )

    def _relink(self, link: Link, key: str | None) -> None:
        if not key:
            return
        verb, raw_side, sid = key.split(":")
        side: SideName = "source" if raw_side == "source" else "target"
        sentence = int(sid)
        if verb == "attach":
            self.run_op(
                lambda: self.session.attach(link.id, side, sentence),
                f"{side} {sid} attached to link {link.id}",
            )
        else:
            self.run_op(
                lambda: self.session.detach(link.id, side, sentence),
                f"{side} {sid} detached from link {link.id}",
            )

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

        self.app.push_screen(PromptModal("Search source, target and notes", self.query_text), found)

    def action_filter(self) -> None:
        kinds = sorted({f.kind for link in self.session.alignment.links for f in link.flags})
        options = [("all", "all links"), ("open", "links with open flags")]
        options += [(f"severity:{s}", f"open {s} flags") for s in SEVERITIES]
        options += [(f"kind:{k}", f"open {k} flags") for k in kinds]
        options += [(s, f"links {s}") for s in ("auto", "accepted", "rejected")]

        def chosen(key: str | None) -> None:
            if key is not None:
                self.view_filter = key
                self.rebuild()
                self.show_current()
                self.say(f"filter: {key} ({len(self.table.shown)} links)")

        self.app.push_screen(ChoiceModal("Show", options), chosen)

    def action_export(self) -> None:
        default = self.session.path.with_suffix(".tmx")

        def write(text: str | None) -> None:
            if text:
                self.export_to(Path(text).expanduser())

        self.app.push_screen(PromptModal("Export to (.tmx, .tsv, .vecalign)", str(default)), write)

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


def _anchor(link: Link, side: str) -> int:
    """Where a link sits on one side, to offer the nearest unlinked sentences first."""
    ids = link.source if side == "source" else link.target
    other = link.target if side == "source" else link.source
    return ids[0] if ids else (other[0] if other else 0)
