"""SVG snapshots of the review screen's layout at 80×24, 120×40 and 200×50. Update with --snapshot-update."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from bitext import alignment_file
from bitext.tui.app import ReviewApp
from bitext.tui.samples import summary_sample


@pytest.fixture(autouse=True)
def steady(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # No cursor blink and no user keymap: the picture must not depend on timing or the machine.
    monkeypatch.setattr("textual.widgets.Input.cursor_blink", False, raising=False)
    monkeypatch.setenv("BITEXT_KEYS", str(tmp_path / "none.toml"))


def make_app(tmp_path: Path) -> ReviewApp:
    path = tmp_path / "caspian.json"  # fixed name: it is shown in the title
    alignment_file.save(summary_sample(), path)
    return ReviewApp(path)


async def settle(pilot: Pilot[int]) -> None:
    await pilot.pause()
    pilot.app.clear_notifications()


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)], ids=["80x24", "120x40", "200x50"])
def test_main_screen(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    # On the first open flag, its flag list under the texts (and at 120+ the counts and unlinked pane).
    assert snap_compare(make_app(tmp_path), press=["n"], terminal_size=size, run_before=settle)


def test_confirmed_error_at_80x24(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(tmp_path), press=["n", "f"], terminal_size=(80, 24), run_before=settle)
