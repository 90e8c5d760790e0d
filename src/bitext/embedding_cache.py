"""A per-sentence disk cache of embeddings (SQLite, one file per model).

Per sentence rather than per call: the aligner embeds many different lists (sentences, then joined
neighbours), and an edited document shares most sentences with its last run, so both re-use vectors.
The file is a :class:`~bitext.sqlite_store.SqliteStore`: one that cannot be opened or written only costs
time, and a damaged one is set aside and built again. Besides a file SQLite cannot read, a file holding
vectors that cannot be ours (the wrong length, NaN or infinite values, not of unit length) counts as
damaged: answering from it would give wrong scores.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from bitext.sqlite_store import SqliteStore

# SQLite's default limit on bound parameters is 999 in older builds.
_CHUNK = 900
# Stored vectors are unit rows written as float32; anything further from length 1 was not written by us.
_NORM_TOLERANCE = 1e-3


def valid_rows(flat: np.ndarray, dim: int) -> bool:
    """True when ``flat`` holds whole rows of ``dim`` finite values, each of unit length."""
    if dim <= 0 or flat.size == 0 or flat.size % dim:
        return False
    rows = flat.reshape(-1, dim)
    if not np.isfinite(rows).all():
        return False
    norms = np.linalg.norm(rows.astype(np.float64), axis=1)
    return bool(np.all(np.abs(norms - 1.0) <= _NORM_TOLERANCE))


class EmbeddingCache(SqliteStore):
    """Vectors keyed by sha256(model key + text); ``model_key`` must change whenever vectors would."""

    def __init__(self, folder: Path, model_key: str) -> None:
        self.model_key = model_key
        self._salt = (model_key + "\x1f").encode("utf-8")
        slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_key)[:60]
        digest = hashlib.sha256(model_key.encode("utf-8")).hexdigest()[:12]
        super().__init__(
            folder / f"{slug}-{digest}.sqlite",
            "vec",
            "key BLOB PRIMARY KEY, v BLOB NOT NULL",
            what="embedding cache",
            without="embedding without it",
        )

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
            self.failed(exc)
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
            self.failed(exc)
