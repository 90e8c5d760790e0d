"""The journal ``<file>.journal``: one JSON object a line, each decision fsync'd before it counts.

The first line is a header (``{"op": "base", "sha": …}``) naming the content of the alignment file
the journal applies to; a journal whose header names other content is set aside, never applied.
Replaying the entries (what they mean) is the session's job; this module keeps the file.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from bitext.atomic import atomic_write_text

JOURNAL_SUFFIX = ".journal"


def journal_path(path: Path) -> Path:
    """The journal of the alignment file ``path``."""
    return path.with_name(path.name + JOURNAL_SUFFIX)


def content_sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def header(sha: str, cursor: int | None) -> dict[str, Any]:
    return {"op": "base", "sha": sha, "cursor": cursor}


def parse_lines(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Journal entries up to the first line that does not parse (a write torn by a crash)."""
    for line in lines:
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            return
        if not isinstance(entry, dict) or "op" not in entry:
            return
        yield entry


class Journal:
    """The journal file of one alignment file: read it, append to it, start it afresh."""

    def __init__(self, alignment_path: Path) -> None:
        self.path = journal_path(alignment_path)
        self._file: IO[str] | None = None

    @property
    def is_open(self) -> bool:
        """Whether entries can be appended (a read-only session never opens it)."""
        return self._file is not None

    def read(self) -> tuple[list[dict[str, Any]], bool]:
        """The entries that parse, and whether lines after them did not (a torn last write)."""
        if not self.path.exists():
            return [], False
        lines = self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        entries = list(parse_lines(lines))
        return entries, len(entries) < len(lines)

    def rewrite(self, entries: Iterable[dict[str, Any]]) -> None:
        """Replace the file by ``entries`` (dropping a torn line, so appends stay parseable)."""
        good = [json.dumps(e, ensure_ascii=False) for e in entries]
        atomic_write_text(self.path, "\n".join(good) + "\n")

    def set_aside(self) -> Path:
        """Move the file out of the way (kept as ``.stale`` for the user to look at); return where."""
        aside = self.path.with_name(self.path.name + ".stale")
        os.replace(self.path, aside)
        return aside

    def open(self, first: dict[str, Any]) -> None:
        """Open for appending; an empty or new journal gets ``first`` (its header) written and synced."""
        self._file = self.path.open("a", encoding="utf-8")
        if self._file.tell() == 0:
            self.append(first, sync=True)

    def restart(self, first: dict[str, Any]) -> None:
        """Start an empty journal holding only ``first``, atomically, and keep appending to it.

        Atomic, so a crash here leaves the old journal, whose header no longer matches the new file:
        it is set aside on the next open rather than re-applied.
        """
        atomic_write_text(self.path, json.dumps(first) + "\n")
        self.close()
        self._file = self.path.open("a", encoding="utf-8")

    def append(self, entry: dict[str, Any], *, sync: bool) -> None:
        if self._file is None:
            raise ValueError("the journal is not open for writing")
        self._file.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._file.flush()
        if sync:
            os.fsync(self._file.fileno())

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
