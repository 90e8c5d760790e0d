"""One writer per alignment file: an OS lock (``fcntl.flock``) on ``<file>.lock``, held while writing.

The kernel holds the lock for the process and drops it when the process ends, however it ends, so a
lock is never stale: there is no pid to trust (a dead one, or one the system has given to another
process), and two sessions opened at the same moment cannot both win. The file holds the holder's pid
only to name it in messages.

A review session holds the lock for its whole life; every other writer of an alignment file (``bitext
check`` in place, ``align``/``import --out`` onto an existing file, the TUI aligning a document) takes
it for its write with :func:`held_for_writing`, and refuses when a session holds it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bitext.errors import InputError

LOCK_SUFFIX = ".lock"


def lock_path(path: Path) -> Path:
    """The lock file of the alignment file ``path``."""
    return path.with_name(path.name + LOCK_SUFFIX)


@dataclass(frozen=True)
class Refusal:
    """Why the lock was not taken: ``pid`` of the process holding it (None when unknown), or a file
    system that does not let the lock file be made (read-only, no permission: nothing can be saved)."""

    pid: int | None
    reason: str

    @property
    def held(self) -> bool:
        """True when another process holds the lock (rather than the folder refusing the file)."""
        return self.reason == "held"


class Lock:
    """The lock of one alignment file."""

    def __init__(self, alignment_path: Path) -> None:
        self.path = lock_path(Path(alignment_path))
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> Refusal | None:
        """Take the lock without waiting: None when taken, else why not."""
        for _ in range(8):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            except OSError as exc:
                return Refusal(None, exc.strerror or str(exc))
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                pid = _read_pid(fd)
                os.close(fd)
                return Refusal(pid, "held")
            except OSError as exc:  # a file system without locks
                os.close(fd)
                return Refusal(None, exc.strerror or str(exc))
            # A holder removes the file as it lets go: the file locked must still be the one named.
            try:
                current = os.stat(self.path).st_ino
            except FileNotFoundError:
                current = -1
            if current != os.fstat(fd).st_ino:
                os.close(fd)
                continue
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
            self._fd = fd
            return None
        return Refusal(None, "the lock file keeps being replaced by another process")

    def release(self) -> None:
        if self._fd is None:
            return
        # Removed while still held, so that nobody locks a file that is about to go.
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        with contextlib.suppress(OSError):
            os.close(self._fd)
        self._fd = None


def _read_pid(fd: int) -> int | None:
    try:
        return int(os.pread(fd, 32, 0).split()[0])
    except (OSError, ValueError, IndexError):
        return None


def describe(refusal: Refusal, path: Path) -> str:
    """A sentence for the user: who holds ``path``, or why its lock cannot be made."""
    if refusal.held:
        who = f"another review session (pid {refusal.pid})" if refusal.pid else "another bitext process"
        return f"{path.name} is open for writing in {who}"
    return f"cannot lock {path.name} for writing ({refusal.reason})"


@contextlib.contextmanager
def held_for_writing(path: Path) -> Iterator[None]:
    """Hold the lock of the alignment file ``path`` while a command replaces it.

    A live review session (or another writer) holding it is an InputError: the session would write
    its own state over this one when it closes. A folder where no lock file can be made is left to the
    write itself, which says what is wrong in its own words.
    """
    lock = Lock(path)
    refusal = lock.acquire()
    if refusal is not None and refusal.held:
        raise InputError(f"{describe(refusal, path)}; close it first, or write to another file with --out")
    try:
        yield
    finally:
        lock.release()
