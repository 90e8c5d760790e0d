"""The lock file ``<file>.lock``: the pid of the one session that may write; a dead pid's lock is stale."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from bitext.errors import ReviewError

LOCK_SUFFIX = ".lock"


def lock_path(path: Path) -> Path:
    """The lock file of the alignment file ``path``."""
    return path.with_name(path.name + LOCK_SUFFIX)


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def acquire(lock: Path) -> int | None:
    """Take the lock; return None on success or the pid of the live holder."""
    for _ in range(3):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                pid = int(lock.read_text(encoding="utf-8").split()[0])
            except (OSError, ValueError, IndexError):
                pid = -1  # unreadable or half-written lock: treat as stale
            if pid_alive(pid):
                return pid
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        return None
    raise ReviewError(f"cannot take the lock {lock}; remove it if no other review is running")


def release(lock: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        lock.unlink()
