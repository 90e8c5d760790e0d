"""One SQLite file that bitext keeps values in: the caches of embeddings and of results build on it.

SQLite gives atomic writes and safe use by several processes at once with the standard library. What is
kept here can always be computed again, so the store is never in the way:
- a file that cannot be opened or written (a read-only folder, a full disk) only costs time: a warning,
  and the run goes on without it;
- a damaged file (a truncated copy, a disk error, or values that cannot be ours) must not cost time on
  every run either: it is set aside as ``NAME.<time>.corrupt`` with its WAL files and a warning, and a new
  file is built in its place.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from pathlib import Path

log = logging.getLogger(__name__)

# SQLite's primary result codes for a damaged file (SQLITE_CORRUPT) and for one that is not a database
# (SQLITE_NOTADB); a locked or full database is not damaged and is left alone.
_DAMAGED_CODES = (11, 26)


def damaged(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _DAMAGED_CODES


class SqliteStore:
    """A table ``(key, v)`` in the file ``path``, opened on first use.

    ``what`` names the store in warnings ("embedding cache"), ``without`` says what the run does when it
    cannot use it ("embedding without it"); ``columns`` are the key and value columns' SQL.
    """

    def __init__(self, path: Path, table: str, columns: str, *, what: str, without: str) -> None:
        self.path = path
        self._table = table
        self._columns = columns
        self._what = what
        self._without = without
        self._conn: sqlite3.Connection | None = None
        self._broken = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is None and not self._broken:
            try:
                self._conn = self._open()
            except sqlite3.DatabaseError as exc:
                # Not a database, or a damaged one: set it aside and start a new one.
                if damaged(exc) and self.set_aside(f"SQLite cannot read it ({exc})"):
                    try:
                        self._conn = self._open()
                    except (sqlite3.Error, OSError) as again:
                        self._disable(again)
                else:
                    self._disable(exc)
            except (sqlite3.Error, OSError) as exc:
                self._disable(exc)
        return self._conn

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # A front end may hand the store from one worker thread to the next (the review's re-scoring,
        # after the aligning worker); it uses it from one thread at a time, so the connection may follow.
        conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            # a lost last write after a power cut only means computing those values again
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(f"CREATE TABLE IF NOT EXISTS {self._table} ({self._columns}) WITHOUT ROWID")
            # Reading the first rows finds a damaged file now, not in the middle of a run.
            conn.execute(f"SELECT key, v FROM {self._table} LIMIT 8").fetchall()
        except BaseException:
            conn.close()
            raise
        return conn

    def failed(self, exc: sqlite3.Error) -> None:
        """A read or write failed: a damaged file is set aside (the next use builds a new one), any other
        failure turns the store off for this run."""
        if not (damaged(exc) and self.set_aside(f"SQLite cannot read it ({exc})")):
            self._disable(exc)

    def set_aside(self, why: str) -> bool:
        """Move the file away as ``NAME.<time>.corrupt`` (with its WAL files) so that a new one is built;
        False when it cannot be moved (then the store is only not used)."""
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None
        aside = self.path.with_name(f"{self.path.name}.{int(time.time())}.corrupt")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            pass
        except OSError:
            return False
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.unlink(f"{self.path}{suffix}")
        log.warning(
            "%s %s was damaged (%s); set it aside as %s and building a new one",
            self._what,
            self.path,
            why,
            aside.name,
        )
        return True

    def _disable(self, exc: Exception) -> None:
        log.warning("%s %s unusable (%s); %s", self._what, self.path, exc, self._without)
        self._broken = True
        self._conn = None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
