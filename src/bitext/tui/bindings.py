"""Key bindings of the review screen, each with an id so users can remap it.

Remap in ``~/.config/bitext/keys.toml`` (or the file named by ``$BITEXT_KEYS``)::

    # binding id = key(s), comma-separated for several
    accept = "y"
    "next-flag" = "ctrl+n,n"

A ``[keys]`` table holding the same pairs is accepted too. Textual applies the map by binding id
(``App.set_keymap``), so footer, help screen and palette all show the user's keys.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from textual.binding import Binding, BindingType

# Primary actions are shown in the footer (it must fit 80 columns); vim aliases and rarer keys are hidden
# (? lists them all, with their ids for keys.toml).
REVIEW_BINDINGS: list[BindingType] = [
    Binding("j", "move(1)", "Down", show=False, id="down-vim"),
    Binding("k", "move(-1)", "Up", show=False, id="up-vim"),
    Binding("home,g,ctrl+home", "first", "First link", show=False, id="first", priority=True),
    Binding("end,G,ctrl+end", "last", "Last link", show=False, id="last", priority=True),
    Binding("colon", "go_to", "Go to link", show=False, id="go-to", key_display=":"),
    Binding(
        "n", "next_flag(1)", "Next flag", id="next-flag", tooltip="Jump to the next link with an open flag"
    ),
    Binding("N", "next_flag(-1)", "Prev flag", show=False, id="previous-flag"),
    Binding("a", "accept", "Accept", id="accept", tooltip="Accept the link and go to the next one"),
    Binding("r", "reject", "Reject", id="reject", tooltip="Reject the link and go to the next one"),
    Binding("R", "reset", "Reset", show=False, id="reset", tooltip="Put the link back to 'auto'"),
    Binding(
        "right_square_bracket",
        "next_in_flags(1)",
        "Next flag of the link",
        show=False,
        id="flag-down",
        key_display="]",
    ),
    Binding(
        "left_square_bracket",
        "next_in_flags(-1)",
        "Previous flag of the link",
        show=False,
        id="flag-up",
        key_display="[",
    ),
    Binding(
        "f",
        "confirm_flag",
        "Confirm",
        id="confirm-flag",
        tooltip="Confirm the selected flag as a real error (it stays counted and goes to the translator)",
    ),
    Binding(
        "d",
        "dismiss_flag",
        "Dismiss",
        id="dismiss-flag",
        tooltip="Dismiss the selected flag as a false alarm (stays dismissed on re-runs)",
    ),
    Binding(
        "o",
        "reopen_flag",
        "Reopen flag",
        show=False,
        id="reopen-flag",
        tooltip="Put the selected flag back to open",
    ),
    Binding(
        "v", "severity", "Severity", show=False, id="severity", tooltip="Change the selected flag's severity"
    ),
    Binding("E,f2", "edit", "Edit", id="edit", tooltip="Correct a sentence of the link (undo restores it)"),
    Binding("e", "note", "Note", show=False, id="note", tooltip="Write a note on the link"),
    Binding("l", "relink", "Relink", show=False, id="relink", tooltip="Attach or detach a sentence"),
    Binding("s", "split", "Split", show=False, id="split", tooltip="Split the link where you choose"),
    Binding("m", "merge", "Merge", show=False, id="merge"),
    Binding(
        "w",
        "unlinked",
        "Unlinked",
        show=False,
        id="unlinked",
        tooltip="Show the unlinked sentences (narrow screens: in place of the current link)",
    ),
    Binding("u", "undo", "Undo", id="undo"),
    Binding("ctrl+r", "redo", "Redo", show=False, id="redo"),
    Binding("U", "redo", "Redo", show=False, id="redo-alt"),
    Binding("slash", "search", "Search", show=False, id="search", key_display="/"),
    Binding(
        "F", "filter", "Filter", show=False, id="filter", tooltip="Add a filter (they combine); all clears"
    ),
    Binding("O", "sort", "Sort", show=False, id="sort", tooltip="Document order, score or worst flag first"),
    Binding("x", "export", "Export", show=False, id="export"),
    Binding("S", "summary", "Summary", show=False, id="summary"),
    Binding("tab", "app.focus_next", "Next pane", show=False, id="focus-next"),
    Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, id="focus-previous"),
]

APP_BINDINGS: list[BindingType] = [
    Binding("question_mark,f1", "help", "Keys", id="help", key_display="?"),
    Binding("q", "quit_review", "Quit", id="quit", tooltip="Save and quit"),
]


def keymap_path() -> Path:
    env = os.environ.get("BITEXT_KEYS")
    if env:
        return Path(env)
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config / "bitext" / "keys.toml"


def known_ids() -> set[str]:
    return {b.id for b in (*REVIEW_BINDINGS, *APP_BINDINGS) if isinstance(b, Binding) and b.id}


def load_keymap(path: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """The user's keymap and the problems found in it (shown to the user, never fatal)."""
    path = path or keymap_path()
    if not path.exists():
        return {}, []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"{path}: cannot read the key map ({exc}); using the default keys"]
    table = data.get("keys", data)
    keymap: dict[str, str] = {}
    problems: list[str] = []
    ids = known_ids()
    for binding_id, keys in table.items():
        if binding_id not in ids:
            problems.append(f"{path}: unknown binding id {binding_id!r} (see F1 for the ids)")
        elif not isinstance(keys, str) or not keys.strip():
            problems.append(f'{path}: {binding_id} must be a key string such as "ctrl+y"')
        else:
            keymap[binding_id] = keys
    return keymap, problems
