"""Atomic writes: a reader sees the old file or the new one, never half of either.

The new content goes to a hidden temporary file beside the target (``.NAME.PID.XXXX.tmp``), is fsync'd and
renamed over the target. A process killed between the fsync and the rename leaves its temporary file
behind; the next write of the same target removes those whose writer is gone. Every failure to write (a
full disk, a read-only folder, a target that is a folder) is an InputError naming the file.

The new file gets the mode a plain ``open(path, "w")`` would give it: an existing file keeps its mode, a
new one gets 0666 less the umask (``mkstemp`` alone would make every output 0600). The folder must exist:
a mistyped ``--tmx /nonexistent/dir/x.tmx`` is refused, not silently created.
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from bitext.errors import InputError

# A temporary file without a pid in its name (or with an unreadable one) is stale after this long.
STALE_AFTER_SECONDS = 3600


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Delete the temporary files earlier writes of ``target`` left behind; return those removed."""
    removed = []
    prefix = f".{target.name}."
    for name in glob.glob(glob.escape(prefix) + "*.tmp", root_dir=target.parent, include_hidden=True):
        tmp = target.parent / name
        middle = name[len(prefix) : -len(".tmp")].split(".")[0]
        try:
            if middle.isdigit():
                stale = int(middle) != os.getpid() and not _pid_alive(int(middle))
            else:
                stale = time.time() - tmp.stat().st_mtime > STALE_AFTER_SECONDS
            if stale:
                tmp.unlink()
                removed.append(tmp)
        except OSError:
            continue  # gone already, or not ours to remove: never a reason to fail the write
    return removed


def _cannot_write(target: Path, exc: OSError) -> InputError:
    return InputError(f"cannot write {target}: {exc.strerror or exc}; choose a writable location")


@contextlib.contextmanager
def atomic_open(
    path: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8"
) -> Iterator[IO[str]]:
    """Open a temporary file beside ``path``; on success fsync it and rename it over ``path``."""
    target = Path(path)
    if target.is_dir():
        raise InputError(f"cannot write {target}: it is a folder; give a file name")
    folder = target.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise InputError(f"cannot write {target}: the folder {folder} {what}; create it or choose another")
    try:
        remove_stale_temporaries(target)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
        os.fchmod(fd, _mode_for(target))
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    binary = "b" in mode
    try:
        with os.fdopen(fd, mode, encoding=None if binary else encoding, newline=None if binary else "") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _cannot_write(target, exc) from exc
        raise


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~current_umask()


def current_umask() -> int:
    """The process umask. Linux shows it in /proc (no change needed); elsewhere set and restore it."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    with atomic_open(path) as fh:
        fh.write(text)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_open(path, "wb", encoding=None) as fh:
        fh.write(data)  # type: ignore[arg-type]
