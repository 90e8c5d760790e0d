"""The review's dialogs (note, search, choice, error, help, summary) and the loading screen."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, Label, OptionList, ProgressBar, Static
from textual.widgets.input import Selection
from textual.widgets.option_list import Option

from bitext.review import Counts

if TYPE_CHECKING:
    from textual.binding import BindingType

ResultType = TypeVar("ResultType")


class FrozenBackground:
    """Lines rendered once, shown as they are."""

    def __init__(self, lines: list[list[Segment]]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        new_line = Segment.line()
        for line in self.lines:
            yield from line
            yield new_line


class Dialog(ModalScreen[ResultType]):
    """A modal screen that tints the screen behind it once, not on every repaint.

    Textual renders a translucent modal's background by rendering the whole screen behind it and
    tinting every segment, and does so again each time the modal repaints itself (its widgets mount,
    take focus, get laid out): five times to open a prompt, each costing as much as the screen behind. The
    screen behind does not change while a dialog is open, so its tinted picture is kept.
    """

    _frozen: tuple[Size, FrozenBackground] | None = None
    then: Callable[[Any], None] | None = None  # see close_with

    def close_with(self, result: ResultType | None) -> None:
        """Close and hand ``result`` to ``then`` at once. (``dismiss`` would run a push_screen
        callback only after the screen behind is repainted, so the reviewer would see that screen
        twice: first as it was, then with the decision: two frames instead of one.)"""
        then, self.then = self.then, None
        if then is not None:
            then(result)
        self.dismiss(result)

    def on_screen_suspend(self) -> None:
        self._frozen = None  # the screen behind will have changed by the next time this one shows

    def render(self) -> RenderableType:
        background = super().render()
        if not isinstance(background, BackgroundScreen):
            return background
        size = self.size
        if self._frozen is None or self._frozen[0] != size:
            console = self.app.console
            options = console.options.update_dimensions(size.width, size.height)
            self._frozen = (size, FrozenBackground(console.render_lines(background, options, pad=True)))
        return self._frozen[1]


class ErrorModal(Dialog[None]):
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


class PromptModal(Dialog[str | None]):
    """One line of input (a note, a search, an export path); enter submits, escape cancels.

    The review screen keeps one and shows it again with :meth:`reset` (see ``ReviewScreen.dialog``).
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str = "", value: str = "", placeholder: str = "") -> None:
        super().__init__(classes="modal")
        self.title_text, self.value, self.placeholder = title, value, placeholder
        self.select: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            # Not select_on_focus: typing would replace a whole sentence being corrected.
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input", select_on_focus=False)
            yield Label("enter: ok · esc: cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self._place_cursor()

    def reset(
        self, title: str, value: str = "", placeholder: str = "", select: tuple[int, int] | None = None
    ) -> PromptModal:
        """Show ``value`` to edit; ``select``: the span selected, so that typing replaces it (the words a
        flag points at, when a reviewer corrects a sentence), else the cursor at the end."""
        self.title_text, self.value, self.placeholder, self.select = title, value, placeholder, select
        if self.is_mounted:
            self.query_one(".dialog-title", Label).update(title)
            field = self.query_one(Input)
            field.value, field.placeholder = value, placeholder
            self._place_cursor()
        return self

    def _place_cursor(self) -> None:
        field = self.query_one(Input)
        if self.select is not None:
            field.selection = Selection(*self.select)
        else:
            field.cursor_position = len(self.value)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        self.close_with(event.value)

    def action_cancel(self) -> None:
        self.close_with(None)


class ChoiceModal(Dialog[str | None]):
    """Pick one of a few options (filters, sentences to relink); kept and reset like PromptModal."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "cancel", "Cancel")]

    def __init__(self, title: str = "", options: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(classes="modal")
        self.title_text, self.options = title, list(options)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield OptionList(*(Option(label, id=key) for key, label in self.options), id="choices")
            yield Label("enter: choose · esc: cancel", classes="dialog-hint")

    def reset(self, title: str, options: Sequence[tuple[str, str]]) -> ChoiceModal:
        self.title_text, self.options = title, list(options)
        if self.is_mounted:
            self.query_one(".dialog-title", Label).update(title)
            choices = self.query_one(OptionList)
            choices.clear_options()
            choices.add_options([Option(label, id=key) for key, label in self.options])
            choices.highlighted = 0 if self.options else None
        return self

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.close_with(event.option.id)

    def action_cancel(self) -> None:
        self.close_with(None)


class HelpScreen(Dialog[None]):
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


class SummaryScreen(Dialog[None]):
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
            f"dismissed flags {c.dismissed_flags}, confirmed {c.confirmed_flags}",
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
