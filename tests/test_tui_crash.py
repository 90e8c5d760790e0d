"""A real review process under a pty, killed with SIGKILL: every decision it reported is on disk."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

import pytest

from bitext import alignment_file
from bitext.review import ReviewSession, journal_path, lock_path
from bitext.tui.samples import translation_sample

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


def read_until(fd: int, needle: bytes, timeout: float = 20.0) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while needle not in seen:
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {needle!r}; got {seen[-400:]!r}")
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def journal_entries(path: Path) -> list[dict[str, object]]:
    from bitext.review.journal import parse

    data = journal_path(path).read_bytes() if journal_path(path).exists() else b""
    return [entry for entry in parse(data).entries if entry is not None]


def wait_for_ops(path: Path, n: int, cursor: int, timeout: float = 20.0) -> list[str]:
    """The first n decisions, once the journal also has the cursor on link `cursor`: the app moves the
    cursor after it writes a decision, so killing it between the two would leave the cursor behind."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        entries = journal_entries(path)
        ops = [str(e["op"]) for e in entries if e["op"] not in ("base", "cursor")]
        cursors = [e.get("link") for e in entries if e["op"] == "cursor"]
        if len(ops) >= n and cursors and cursors[-1] == cursor:
            return ops
        time.sleep(0.05)
    raise AssertionError(f"journal has {journal_entries(path)}")


def test_kill_9_mid_review_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "caspian.json"
    alignment_file.save(translation_sample(), path)
    env = {**os.environ, "BITEXT_KEYS": str(tmp_path / "none.toml"), "TERM": "xterm-256color"}
    env.pop("TEXTUAL", None)
    pid, fd = pty.fork()
    if pid == 0:  # child: the review app, as a user would run it
        os.execve(sys.executable, [sys.executable, "-m", "bitext.tui", str(path)], env)
    try:
        os.set_blocking(fd, False)
        read_until(fd, b"Next flag")
        time.sleep(0.3)
        for key in (b"n", b"d", b"j", b"j", b"a"):  # accept moves on to link 5
            os.write(fd, key)
            time.sleep(0.15)
        assert wait_for_ops(path, 2, cursor=5) == ["flag", "status"]
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)

    assert lock_path(path).read_text().strip() == str(pid)  # left behind by the dead process
    assert alignment_file.load(path).links[2].flags[0].status == "open"  # never compacted
    with ReviewSession.open(path) as session:  # the stale lock is taken over, the journal replayed
        assert not session.readonly
        assert session.link(2).flags[0].status == "dismissed"
        assert session.link(4).status == "accepted"
        assert session.cursor == 5
    saved = alignment_file.load(path)
    assert saved.links[4].status == "accepted" and saved.links[2].flags[0].signature in saved.suppressions
