"""Decisions are never lost: a damaged journal gives back every intact record and says how many it could
not; the lock is the kernel's, so it is never stale and never taken twice; every writer of an alignment
file takes it, or folds the journal in first; a full disk or a read-only folder never costs a decision."""

from __future__ import annotations

import multiprocessing
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from bitext import alignment_file
from bitext.errors import ReadOnlyError, ReviewError
from bitext.review import ReviewSession, journal_path, lock_path
from bitext.review.journal import parse
from bitext.review.lock import Lock
from hostile.hostile_support import make_readonly, one_line_error, run
from hostile.tests_fixtures import make_alignment_file

DECISIONS = [("accept", 0), ("reject", 1), ("accept", 2), ("reject", 3), ("accept", 5), ("reject", 6)]


def _decide(path: Path) -> None:
    """Make the six decisions and leave the session as a kill -9 would (no fold, lock dropped)."""
    s = ReviewSession.open(path)
    for op, link in DECISIONS:
        getattr(s, op)(link)
    _crash(path)


def _crash(path: Path) -> None:
    lock_path(path).unlink()  # the kernel drops a dead process's lock; a new file stands for that


def _lines(path: Path) -> list[bytes]:
    return journal_path(path).read_bytes().split(b"\n")


def _damage(path: Path, line: int, at: int = 20) -> None:
    lines = _lines(path)
    damaged = bytearray(lines[line])
    damaged[at] ^= 0x20
    lines[line] = bytes(damaged)
    journal_path(path).write_bytes(b"\n".join(lines))


def _statuses(session: ReviewSession) -> dict[int, str]:
    return {link.id: link.status for link in session.alignment.links if link.status != "auto"}


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return make_alignment_file(tmp_path)


# --- a damaged journal ------------------------------------------------------------------------------


def test_one_damaged_middle_line_costs_one_decision(path: Path) -> None:
    _decide(path)
    _damage(path, 3)  # the third decision (the header is line 0)
    r = ReviewSession.open(path)
    assert (r.recovered, r.lost) == (5, 1)
    assert _statuses(r) == {0: "accepted", 1: "rejected", 3: "rejected", 5: "accepted", 6: "rejected"}
    (warning,) = [w for w in r.warnings if "damaged" in w]
    assert "5 decision(s) recovered, 1 lost" in warning
    kept = [p for p in path.parent.iterdir() if p.name.startswith(f"{path.name}.journal.damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes().count(b"\n") == 7  # kept as it was, for the user
    # What was recovered is in the file now, and the new journal is clean.
    assert {k: v for k, v in _statuses(r).items()} == {
        link.id: link.status for link in alignment_file.load(path).links if link.status != "auto"
    }
    assert parse(journal_path(path).read_bytes()).damaged == 0
    r.close()


def test_a_damaged_header_still_gives_back_the_decisions_that_fit(path: Path) -> None:
    _decide(path)
    _damage(path, 0, at=12)
    r = ReviewSession.open(path)
    assert r.recovered == 6 and r.lost == 0
    assert any("damaged (its header)" in w for w in r.warnings)
    r.accept(7)  # made afterwards: survives the next crash
    _crash(path)
    again = ReviewSession.open(path)
    assert _statuses(again)[7] == "accepted" and _statuses(again)[0] == "accepted"
    assert not [w for w in again.warnings if "damaged" in w]
    again.close()


def test_a_damaged_header_never_replays_onto_another_version(path: Path) -> None:
    _decide(path)
    _damage(path, 0, at=12)
    # The file changed since (re-aligned): the decisions' links are not what it holds any more.
    changed = alignment_file.load(path)
    links = tuple(
        link.__class__(link.id, link.source, link.target, 0.5, "accepted") for link in changed.links
    )
    alignment_file.save(changed.with_links(links), path)
    r = ReviewSession.open(path)
    assert r.recovered == 0 and r.lost == 6
    assert all(link.status == "accepted" for link in r.alignment.links)
    r.close()


def test_a_journal_of_random_bytes_is_set_aside_and_said(path: Path) -> None:
    _decide(path)
    journal_path(path).write_bytes(random.Random(7).randbytes(3000))
    r = ReviewSession.open(path)
    assert r.recovered == 0 and r.lost > 0
    assert any("0 decision(s) recovered" in w and "kept as" in w for w in r.warnings)
    assert not _statuses(r)
    r.close()


def test_a_torn_last_line_is_not_damage(path: Path) -> None:
    s = ReviewSession.open(path)
    s.accept(0)
    s.reject(1)
    _crash(path)
    data = journal_path(path).read_bytes()
    journal_path(path).write_bytes(data[:-15])  # killed in the middle of writing the last line
    r = ReviewSession.open(path)
    assert _statuses(r) == {0: "accepted"}
    assert not [w for w in r.warnings if "damaged" in w]
    assert not [p for p in path.parent.iterdir() if "damaged" in p.name]
    r.reject(2)  # the next line starts on its own
    _crash(path)
    assert _statuses(ReviewSession.open(path)) == {0: "accepted", 2: "rejected"}


def test_journal_lines_written_before_checksums_are_still_read(path: Path) -> None:
    import json

    s = ReviewSession.open(path)
    s.accept(0)
    _crash(path)
    entries = [e for e in parse(journal_path(path).read_bytes()).entries if e is not None]
    journal_path(path).write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    assert _statuses(ReviewSession.open(path)) == {0: "accepted"}


# --- locks ---------------------------------------------------------------------------------------------


def test_a_lock_naming_a_live_unrelated_pid_is_not_a_lock(path: Path) -> None:
    lock_path(path).write_text("1\n", encoding="utf-8")  # pid 1 is alive, and not a review session
    s = ReviewSession.open(path)
    assert not s.readonly
    s.close()


def test_a_session_in_another_process_makes_this_one_read_only(path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from bitext.review import ReviewSession;"
            "s = ReviewSession.open(Path(sys.argv[1])); print('open', flush=True); time.sleep(60)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        s = ReviewSession.open(path)
        assert s.readonly and s.lock_holder == holder.pid
        assert f"pid {holder.pid}" in s.readonly_reason()
        with pytest.raises(ReadOnlyError):
            s.accept(0)
    finally:
        holder.kill()
        holder.wait()
    # killed: the kernel dropped its lock at once, whatever its lock file still says
    s = ReviewSession.open(path)
    assert not s.readonly
    s.close()


def _race(
    path: str, barrier: multiprocessing.synchronize.Barrier, results: multiprocessing.Queue[bool]
) -> None:
    barrier.wait()
    s = ReviewSession.open(Path(path))
    results.put(not s.readonly)
    barrier.wait()  # everyone holds (or failed to take) the lock at once
    s.close()


def test_sessions_opened_at_the_same_moment_never_both_write(path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    for trial in range(12):
        lock_path(path).write_text("999999999\n", encoding="utf-8")  # a stale lock of a dead process
        barrier = ctx.Barrier(3)
        results: multiprocessing.Queue[bool] = ctx.Queue()
        workers = [ctx.Process(target=_race, args=(str(path), barrier, results)) for _ in range(3)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(60)
        writable = [results.get(timeout=5) for _ in workers]
        assert writable.count(True) == 1, (trial, writable)


def test_the_lock_file_is_released_and_retaken(path: Path) -> None:
    a, b = Lock(path), Lock(path)
    assert a.acquire() is None
    refusal = b.acquire()
    assert refusal is not None and refusal.held and refusal.pid == os.getpid()
    a.release()
    assert not lock_path(path).exists()
    assert b.acquire() is None
    b.release()


# --- other writers ---------------------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.usefixtures("encoder")
def test_check_in_place_is_refused_while_a_session_reviews_the_file(path: Path) -> None:
    s = ReviewSession.open(path)
    s.dismiss_flag(4, 0)
    code, _, err = run("check", str(path), "-q")
    one_line_error(code, err, "cannot write it in place", f"pid {os.getpid()}", "--out")
    s.close()
    assert alignment_file.load(path).links[4].flags[0].status == "dismissed"


@pytest.mark.model
@pytest.mark.usefixtures("encoder")
def test_check_in_place_folds_in_a_crashed_sessions_decisions(path: Path) -> None:
    s = ReviewSession.open(path)
    s.accept(0)
    dismissed = s.dismiss_flag(4, 0)
    _crash(path)
    code, _, _ = run("check", str(path), "-q")
    assert code in (0, 1)
    checked = alignment_file.load(path)
    assert checked.links[0].status == "accepted"  # the decisions were folded in, not set aside
    assert dismissed.signature in checked.suppressions
    r = ReviewSession.open(path)
    assert not [w for w in r.warnings if "set aside" in w]
    r.close()


def test_import_onto_a_file_under_review_is_refused(path: Path, tmp_path: Path) -> None:
    tmx = tmp_path / "x.tmx"
    assert run("export", str(path), "--tmx", str(tmx), "--with-unsure")[0] == 0
    s = ReviewSession.open(path)
    code, _, err = run("import", str(tmx), "--out", str(path))
    one_line_error(code, err, "open for writing", "--out")
    s.close()


# --- a full disk, a read-only folder ------------------------------------------------------------------------


def test_a_full_disk_refuses_the_decision_and_keeps_the_journal_whole(full_disk: Path) -> None:
    os.unlink(full_disk / "filler")
    path = make_alignment_file(full_disk)
    s = ReviewSession.open(path)
    s.accept(0)
    with (full_disk / "filler").open("wb", buffering=0) as fh:  # the disk fills up mid-session
        try:
            while fh.write(b"\0" * 512):
                pass
        except OSError:
            pass
    with pytest.raises(ReviewError, match="No space left on device"):
        for link in range(1, 8):  # one of these does not fit any more
            s.reject(link)
    failed_at = max(link.id for link in s.alignment.links if link.status == "rejected") + 1
    assert s.alignment.links[failed_at].status == "auto"  # not made, not shown as made
    s.move_cursor(3)  # not a decision: a failure to save it is not an error
    assert parse(journal_path(path).read_bytes()).damaged == 0  # no half line left behind
    os.unlink(full_disk / "filler")
    s.accept(failed_at)
    _crash(path)
    r = ReviewSession.open(path)
    assert r.lost == 0 and _statuses(r)[failed_at] == "accepted" and _statuses(r)[0] == "accepted"
    r.close()


def test_a_read_only_folder_gives_a_read_only_session(readonly_dir: Path) -> None:
    path = make_alignment_file(readonly_dir)
    make_readonly(readonly_dir)
    s = ReviewSession.open(path)
    assert s.readonly
    assert "Read-only file system" in s.readonly_reason()
    with pytest.raises(ReadOnlyError):
        s.accept(0)
    s.close()


def test_review_of_a_read_only_file_opens_read_only_in_the_tui(readonly_dir: Path) -> None:
    import asyncio

    from textual.message import Message
    from textual.notifications import Notify

    from bitext.tui.app import ReviewApp

    path = make_alignment_file(readonly_dir)
    make_readonly(readonly_dir)
    toasts: list[str] = []

    def heard(message: Message) -> None:
        if isinstance(message, Notify):
            toasts.append(message.notification.message)

    async def drive() -> bool:
        app = ReviewApp(path)
        async with app.run_test(message_hook=heard) as pilot:
            await pilot.pause()
            await pilot.press("a")  # accept: refused with a message, the session lives on
            await pilot.pause()
            readonly = app.session is not None and app.session.readonly
            await pilot.press("q")
        return readonly

    assert asyncio.run(drive())
    assert any("Read-only file system" in m for m in toasts)
