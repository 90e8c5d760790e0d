"""Remembered results of deterministic stages, so a re-run on text bitext has seen does no work again.

A result is stored under a digest of everything that produced it: the stage's inputs and, for bitext's
own stages, a fingerprint of the installed code and data (any edit, upgrade or reinstall changes it). Only
the default cache folder is used (``$BITEXT_CACHE`` or ``~/.cache/bitext``), in one SQLite file
(:mod:`bitext.sqlite_store`, as for the embeddings): one that cannot be opened or written only costs
time, and a damaged one is set aside and built again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Any

from bitext.sqlite_store import SqliteStore


def code_fingerprint() -> str:
    """A digest of every file of the installed bitext package (names, sizes, modification times)."""
    return _fingerprint(str(Path(__file__).resolve().parent))


def package_fingerprint(module_file: str) -> str:
    """``code_fingerprint`` of another installed package, given its ``__file__``."""
    return _fingerprint(str(Path(module_file).resolve().parent))


@lru_cache(maxsize=4)
def _fingerprint(root: str) -> str:
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(folder, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            digest.update(f"{os.path.relpath(path, root)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def digest(*parts: Any) -> str:
    """A key for ``parts`` (anything JSON can write)."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class ResultCache(SqliteStore):
    """JSON values under string keys, in one table per ``kind`` (see :mod:`bitext.sqlite_store`)."""

    def __init__(self, kind: str, folder: Path | None = None) -> None:
        if folder is None:
            from bitext.encoder import cache_dir

            folder = cache_dir()
        table = "r_" + "".join(ch if ch.isalnum() else "_" for ch in kind)
        super().__init__(
            folder / "results.sqlite",
            table,
            "key TEXT PRIMARY KEY, v TEXT NOT NULL",
            what="result cache",
            without="working without it",
        )

    def get(self, key: str) -> Any | None:
        conn = self._connect()
        if conn is None:
            return None
        try:
            row = conn.execute(f"SELECT v FROM {self._table} WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self.failed(exc)
            return None
        if row is None:
            return None
        try:
            return json.loads(row[0])
        except ValueError:
            return None

    def put(self, key: str, value: Any) -> None:
        conn = self._connect()
        if conn is None:
            return
        try:
            with conn:
                conn.execute(
                    f"INSERT OR REPLACE INTO {self._table} (key, v) VALUES (?, ?)",
                    (key, json.dumps(value, ensure_ascii=False)),
                )
        except sqlite3.Error as exc:
            self.failed(exc)
