"""A per-sentence disk cache of embeddings (SQLite, one file per model).

Per sentence rather than per call: the aligner embeds many different lists (sentences, then joined
neighbours), and an edited document shares most sentences with its last run, so both re-use vectors.
SQLite gives atomic writes and safe concurrent use by several processes with the standard library.
A cache that cannot be opened or written only costs time: we log it and embed as if it were empty.

A damaged cache must not cost time on every run, nor give wrong answers: a file SQLite cannot read (a
truncated copy, a disk error) and a file holding vectors that cannot be ours (the wrong length, NaN or
infinite values, not of unit length) are set aside as ``NAME.corrupt`` with a warning, and a new cache
is built in their place as the vectors are embedded again.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import sqlite3
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)
# SQLite's default limit on bound parameters is 999 in older builds.
_CHUNK = 900
# Stored vectors are unit rows written as float32; anything further from length 1 was not written by us.
_NORM_TOLERANCE = 1e-3


# SQLite's primary result codes for a damaged file (SQLITE_CORRUPT) and for one that is not a database
# (SQLITE_NOTADB); a locked or full database is not damaged and is left alone.
_DAMAGED_CODES = (11, 26)


def _damaged(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _DAMAGED_CODES


def valid_rows(flat: np.ndarray, dim: int) -> bool:
    """True when ``flat`` holds whole rows of ``dim`` finite values, each of unit length."""
    if dim <= 0 or flat.size == 0 or flat.size % dim:
        return False
    rows = flat.reshape(-1, dim)
    if not np.isfinite(rows).all():
        return False
    norms = np.linalg.norm(rows.astype(np.float64), axis=1)
    return bool(np.all(np.abs(norms - 1.0) <= _NORM_TOLERANCE))


class EmbeddingCache:
    """Vectors keyed by sha256(model key + text); ``model_key`` must change whenever vectors would."""

    def __init__(self, folder: Path, model_key: str) -> None:
        self.model_key = model_key
        self._salt = (model_key + "\x1f").encode("utf-8")
        slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_key)[:60]
        digest = hashlib.sha256(model_key.encode("utf-8")).hexdigest()[:12]
        self.path = folder / f"{slug}-{digest}.sqlite"
        self._conn: sqlite3.Connection | None = None
        self._broken = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is None and not self._broken:
            try:
                self._conn = self._open()
            except sqlite3.DatabaseError as exc:
                # Not a database, or a damaged one: set it aside and start a new one.
                if _damaged(exc) and self.set_aside(f"SQLite cannot read it ({exc})"):
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
        # A front end may hand the encoder from one worker thread to the next (the review's re-scoring,
        # after the aligning worker); it uses it from one thread at a time, so the connection may follow.
        conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            # a lost last write after a power cut only means re-embedding those sentences
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS vec (key BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID"
            )
            # Reading the first rows finds a damaged file now, not in the middle of a run.
            conn.execute("SELECT key, v FROM vec LIMIT 8").fetchall()
        except BaseException:
            conn.close()
            raise
        return conn

    def set_aside(self, why: str) -> bool:
        """Move the cache file away as ``NAME.corrupt`` (with its WAL files) so that a new one is built;
        False when it cannot be moved (then the cache is only not used)."""
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
            "embedding cache %s was damaged (%s); set it aside as %s and building a new one",
            self.path,
            why,
            aside.name,
        )
        return True

    def _disable(self, exc: Exception) -> None:
        log.warning("embedding cache %s unusable (%s); embedding without it", self.path, exc)
        self._broken = True
        self._conn = None

    def key(self, text: str) -> bytes:
        return hashlib.sha256(self._salt + text.encode("utf-8", "surrogatepass")).digest()

    def get_many(self, texts: Sequence[str], dim: int | None = None) -> dict[str, np.ndarray]:
        """The cached vectors of those ``texts`` that have one.

        With ``dim``, each must be one unit row of that many finite values; finding one that is not
        sets the cache aside (see the module docstring) and returns nothing, so all are embedded again.
        """
        conn = self._connect()
        if conn is None:
            return {}
        by_key = {self.key(t): t for t in texts}
        keys = list(by_key)
        found: dict[str, np.ndarray] = {}
        try:
            for i in range(0, len(keys), _CHUNK):
                chunk = keys[i : i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                for key, blob in conn.execute(f"SELECT key, v FROM vec WHERE key IN ({marks})", chunk):
                    if len(blob) % 4:
                        self.set_aside(f"a stored vector of {len(blob)} bytes")
                        return {}
                    vector = np.frombuffer(blob, dtype=np.float32)
                    if dim is not None and not (vector.size == dim and valid_rows(vector, dim)):
                        self.set_aside(
                            f"a stored vector of {vector.size} values that is not a unit vector of {dim}"
                        )
                        return {}
                    found[by_key[key]] = vector
        except sqlite3.Error as exc:
            if not (_damaged(exc) and self.set_aside(f"SQLite cannot read it ({exc})")):
                self._disable(exc)
            return {}
        return found

    def put_many(self, vectors: Mapping[str, np.ndarray]) -> None:
        conn = self._connect()
        if conn is None:
            return
        rows = [(self.key(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in vectors.items()]
        try:
            with conn:
                conn.executemany("INSERT OR REPLACE INTO vec (key, v) VALUES (?, ?)", rows)
        except sqlite3.Error as exc:
            self._disable(exc)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
