"""The review app: opens a session (or aligns a document first) and shows the review screen."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from bitext.errors import BitextError
from bitext.review import ReviewSession
from bitext.tui.bindings import APP_BINDINGS, REVIEW_BINDINGS, keymap_path, load_keymap
from bitext.tui.dialogs import ErrorModal, HelpScreen, LoadingScreen
from bitext.tui.review_screen import ReviewScreen

if TYPE_CHECKING:
    from bitext.encoder import Encoder


def is_alignment_path(path: Path) -> bool:
    """Alignment files are JSON; anything else is a document to align first."""
    return path.suffix.lower() == ".json"


def alignment_path_for(document: Path) -> Path:
    """Where the document's alignment lives: the one rule ``bitext align`` writes by."""
    from bitext.alignment_file import default_path

    return default_path(document)


def needs_aligning(document: Path) -> bool:
    """Align first when there is no alignment yet, or the document changed after it was made."""
    out = alignment_path_for(document)
    try:
        return not out.is_file() or document.stat().st_mtime > out.stat().st_mtime
    except OSError:
        return True


class ReviewApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "bitext review"
    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS

    def __init__(self, path: Path, *, readonly: bool = False, keymap_file: Path | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        self.readonly = readonly
        self.keymap_file = keymap_file or keymap_path()
        self.session: ReviewSession | None = None
        self.user_keys: dict[str, str] = {}  # binding id -> the user's keys (see bindings.py)
        self.failure: str | None = None  # why the app gave up: printed on stderr once the screen is gone
        self.encoder: Encoder | None = None  # loaded to align the document: the review re-scores with it

    def on_mount(self) -> None:
        keymap, problems = load_keymap(self.keymap_file)
        if keymap:
            self.set_keymap(keymap)
            self.user_keys = keymap
        for problem in problems:
            self.notify(problem, severity="warning", timeout=8)
        if is_alignment_path(self.path):
            self.open_session(self.path)
        elif not self.path.is_file():
            self.fail(f"{self.path}: no such file; give an alignment file (.json) or a document to align")
        elif not needs_aligning(self.path):
            self.open_session(alignment_path_for(self.path))  # what `bitext align` made
        else:
            self.push_screen(LoadingScreen(self.path))
            self.align_document(self.path)

    def open_session(self, path: Path) -> None:
        try:
            self.session = ReviewSession.open(path, readonly=self.readonly)
        except BitextError as exc:
            self.fail(str(exc))
            return
        except OSError as exc:  # a folder made read-only, a lock that cannot be written
            self.fail(f"cannot open {path} for review: {exc.strerror or exc}; try --readonly")
            return
        self.push_screen(ReviewScreen(self.session, self.encoder))

    def fail(self, message: str) -> None:
        """Show what went wrong, then leave with exit code 2 (never a traceback); run_review prints the
        message on stderr too, so it is not lost with the screen."""
        self.failure = message
        self.push_screen(ErrorModal(message), lambda _: self.exit(2, return_code=2))

    # ---- aligning a document first

    @work(thread=True, exit_on_error=False, name="align")
    def align_document(self, document: Path) -> Path:
        # Lazy: the pipeline pulls in torch and the encoder, which a plain review never needs.
        from bitext import alignment_file
        from bitext.encoder import load_encoder
        from bitext.pipeline import AlignOptions, align_paths, check_alignment
        from bitext.review import carry_over
        from bitext.review.lock import held_for_writing

        def progress(message: str) -> None:
            self.call_from_thread(self._step, message, 0)

        progress("loading the encoder")
        encoder = load_encoder()  # once, for the aligner, the checks and the review's re-scoring
        self.encoder = encoder
        alignment = align_paths([document], AlignOptions(check=False), progress=progress, encoder=encoder)
        self.call_from_thread(self._step, "checking the links", 1)
        alignment = check_alignment(alignment, encoder=encoder)
        self.call_from_thread(self._step, "saving", 1)
        out = alignment_path_for(document)
        out.parent.mkdir(parents=True, exist_ok=True)  # alignments/: bitext's own folder
        with held_for_writing(out):  # not while another session reviews it
            if out.exists():
                # A re-run on a changed document: keep the decisions on links whose texts did not change.
                alignment = carry_over(alignment_file.load(out), alignment)
            alignment_file.save(alignment, out)
        self.call_from_thread(self._step, f"saved {out.name}", 1)
        return out

    def _step(self, message: str, advance: int) -> None:
        if isinstance(self.screen, LoadingScreen):
            self.screen.step(message, advance)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "align":
            return
        if event.state == WorkerState.SUCCESS and isinstance(event.worker.result, Path):
            self.pop_screen()
            self.open_session(event.worker.result)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            if isinstance(error, ImportError):
                message = f"aligning needs a part of bitext that is not installed: {error}"
            elif isinstance(error, BitextError):
                message = str(error)
            else:
                message = f"aligning {self.path.name} failed: {type(error).__name__}: {error}"
            self.fail(message)

    # ---- app-wide actions

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.help_rows(), self.keymap_file))

    def help_rows(self) -> list[tuple[str, str, str]]:
        rows = [("↑ ↓ pgup pgdn", "", "move in the table"), ("ctrl+p", "", "command palette")]
        for b in (*REVIEW_BINDINGS, *APP_BINDINGS):
            if isinstance(b, Binding):
                key = self.user_keys.get(b.id or "", b.key_display or b.key)
                rows.append((key, b.id or "", b.tooltip or b.description))
        return rows

    def action_quit_review(self) -> None:
        self.close_session()
        self.exit(0, return_code=0)

    async def action_quit(self) -> None:
        self.close_session()
        await super().action_quit()

    def close_session(self) -> None:
        """Fold the journal into the alignment file; a failure is reported, not raised."""
        if self.session is None:
            return
        try:
            self.session.close()
        except (BitextError, OSError) as exc:
            self.notify(f"could not save: {exc}; your decisions are kept in the journal", severity="error")

    def on_unmount(self) -> None:
        self.close_session()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if not isinstance(screen, ReviewScreen):
            return
        for b in REVIEW_BINDINGS:
            if isinstance(b, Binding) and b.id and not b.action.startswith("app."):
                yield SystemCommand(
                    f"{b.description} ({self.user_keys.get(b.id, b.key)})",
                    b.tooltip or b.description,
                    _runner(screen, b.action),
                )


def _runner(screen: Screen[None], action: str) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        await screen.run_action(action)

    return run
