"""A per-sentence disk cache of embeddings (SQLite, one file per model).

Per sentence rather than per call: the aligner embeds many different lists (sentences, then joined
neighbours), and an edited document shares most sentences with its last run, so both re-use vectors.
SQLite gives atomic writes and safe concurrent use by several processes with the standard library.
A cache that cannot be opened or written only costs time: we log it and embed as if it were empty.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)
# SQLite's default limit on bound parameters is 999 in older builds.
_CHUNK = 900


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
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=30)
                conn.execute("PRAGMA journal_mode=WAL")
                # a lost last write after a power cut only means re-embedding those sentences
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS vec (key BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID"
                )
                self._conn = conn
            except (sqlite3.Error, OSError) as exc:
                self._disable(exc)
        return self._conn

    def _disable(self, exc: Exception) -> None:
        log.warning("embedding cache %s unusable (%s); embedding without it", self.path, exc)
        self._broken = True
        self._conn = None

    def key(self, text: str) -> bytes:
        return hashlib.sha256(self._salt + text.encode("utf-8", "surrogatepass")).digest()

    def get_many(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The cached vectors of those ``texts`` that have one."""
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
                    found[by_key[key]] = np.frombuffer(blob, dtype=np.float32)
        except sqlite3.Error as exc:
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
