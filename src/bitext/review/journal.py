"""The journal ``<file>.journal``: one self-checking line per decision, each fsync'd before it counts.

A line is ``CRC JSON``: the CRC-32 of the JSON text in eight hex digits, a space, then one JSON object.
A line whose checksum does not match (a flipped bit, a sector of another file, a write torn by a
crash) is known to be damaged, and the lines around it are still read: one bad line costs one
decision, not every decision after it. Lines written before checksums existed (a bare JSON object)
are read as they are.

The first line is a header (``{"op": "base", "sha": …}``) naming the content of the alignment file
the journal applies to. Replaying the entries (what they mean) is the session's job; this module
keeps the file: it reads records, appends lines (taking a failed append back, so that a full disk
never leaves half a line for the next one to be glued to), sets a damaged journal aside and starts a
new one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bitext.atomic import atomic_write_bytes
from bitext.errors import ReviewError
from bitext.limits import read_input

JOURNAL_SUFFIX = ".journal"


def journal_path(path: Path) -> Path:
    """The journal of the alignment file ``path``."""
    return path.with_name(path.name + JOURNAL_SUFFIX)


def content_sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def header(sha: str, cursor: int | None) -> dict[str, Any]:
    return {"op": "base", "sha": sha, "cursor": cursor}


def encode_line(entry: dict[str, Any]) -> bytes:
    """One journal line (with its newline) for ``entry``."""
    # A lone surrogate (UTF-8 cannot hold one) is written as its JSON escape, so the line stays UTF-8.
    body = json.dumps(entry, ensure_ascii=False, allow_nan=False).encode("utf-8", "backslashreplace")
    return b"%08x %s\n" % (zlib.crc32(body), body)


def decode_line(line: bytes) -> dict[str, Any] | None:
    """The entry of one line (without its newline), or None when the line is damaged."""
    if line[:1] == b"{":  # a line of a journal written before lines carried a checksum
        body = line
    else:
        crc, space, body = line[:8], line[8:9], line[9:]
        try:
            if space != b" " or int(crc, 16) != zlib.crc32(body):
                return None
        except ValueError:
            return None
    try:
        entry = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(entry, dict) or not isinstance(entry.get("op"), str):
        return None
    return entry


@dataclass(frozen=True)
class Contents:
    """What a journal file holds: one entry per line in order (None for a damaged line), and whether
    the last line was cut short (a write a crash interrupted: that decision never returned)."""

    entries: list[dict[str, Any] | None]
    torn: bool

    @property
    def damaged(self) -> int:
        return sum(1 for e in self.entries if e is None)


def parse(data: bytes) -> Contents:
    lines = data.split(b"\n")
    tail = lines.pop()  # after the last newline: empty unless the last write was cut short
    entries = [decode_line(line) for line in lines if line.strip()]
    torn = False
    if tail.strip():
        entry = decode_line(tail)
        if entry is None:
            torn = True
        else:
            entries.append(entry)  # complete but for its newline
            torn = True  # the file must still be restarted: the next line would be glued to it
    return Contents(entries, torn)


class Journal:
    """The journal file of one alignment file: read it, append to it, start it afresh."""

    def __init__(self, alignment_path: Path) -> None:
        self.path = journal_path(alignment_path)
        self._fd: int | None = None

    @property
    def is_open(self) -> bool:
        """Whether entries can be appended (a read-only session never opens it)."""
        return self._fd is not None

    def read(self) -> Contents:
        if not self.path.exists():
            return Contents([], False)
        return parse(read_input(self.path, "review journal"))

    def set_aside(self) -> Path:
        """Move the file out of the way as ``.stale``, kept for the user to look at; return where."""
        aside = self.path.with_name(f"{self.path.name}.stale")
        os.replace(self.path, aside)
        return aside

    def keep_copy(self, label: str) -> Path | None:
        """Keep the file as it is now beside it (``.damaged-YYYYmmdd-HHMMSS``), for the user to look
        at, before it is started afresh; None when no copy can be made (then it must stay)."""
        aside = self.path.with_name(f"{self.path.name}.{label}-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.link(self.path, aside)  # no second copy of the bytes; the new journal is a new file
        except FileExistsError:
            return aside
        except OSError:
            try:
                shutil.copy2(self.path, aside)
            except OSError:
                with contextlib.suppress(OSError):
                    aside.unlink()
                return None
        return aside

    def open(self, first: dict[str, Any]) -> None:
        """Open for appending; an empty or new journal gets ``first`` (its header) written and synced."""
        try:
            self._fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o644)
            size = os.fstat(self._fd).st_size
            if size and os.pread(self._fd, 1, size - 1) != b"\n":
                # A last line cut short by a crash: end it, so that the next line starts on its own.
                os.write(self._fd, b"\n")
        except OSError as exc:
            self.close()
            raise ReviewError(f"cannot open the journal {self.path}: {exc.strerror or exc}") from exc
        if size == 0:
            self.append(first, sync=True)

    def restart(self, first: dict[str, Any]) -> None:
        """Start an empty journal holding only ``first``, atomically, and keep appending to it.

        Atomic, so a crash here leaves the old journal, whose header no longer matches the new file:
        it is set aside on the next open rather than re-applied.
        """
        atomic_write_bytes(self.path, encode_line(first))
        self.close()
        self.open(first)

    def append(self, entry: dict[str, Any], *, sync: bool) -> None:
        """Append one line; on failure take back whatever part of it was written, and say so."""
        if self._fd is None:
            raise ReviewError("the journal is not open for writing")
        try:
            data = encode_line(entry)
        except ValueError as exc:  # a number JSON cannot hold (NaN): a bug, not a reason to crash
            raise ReviewError(f"cannot journal this change: {exc}") from exc
        size = os.fstat(self._fd).st_size
        try:
            written = 0
            while written < len(data):
                written += os.write(self._fd, data[written:])
            if sync:
                os.fsync(self._fd)
        except OSError as exc:
            try:
                os.ftruncate(self._fd, size)
            except OSError:
                # Half a line stays: later lines would be damaged too. Stop writing to this journal.
                self.close()
            raise ReviewError(
                f"could not save to {self.path.name} ({exc.strerror or exc}); that change was not made"
            ) from exc

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None
