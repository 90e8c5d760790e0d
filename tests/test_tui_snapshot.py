"""SVG snapshots of the review screen's layout (wide and narrow). Update with --snapshot-update."""

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


def test_main_screen_wide(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(tmp_path), press=["n"], terminal_size=(130, 36), run_before=settle)


def test_main_screen_narrow(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(tmp_path), press=["n"], terminal_size=(90, 44), run_before=settle)
