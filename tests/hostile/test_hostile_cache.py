"""A damaged embedding cache is noticed as it is read, set aside with a warning and built again: it never
gives a traceback, NaN scores, or the cost of an unused cache on every run."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from bitext.embedding_cache import EmbeddingCache
from bitext.encoder import Encoder

DIM = 384
TEXTS = ["The treaty was signed in Peking.", "Müqavilə Pekində imzalandı.", "Troops left the island."]


def _unit(n: int, seed: int = 0) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(n, DIM)).astype(np.float32)
    normed: np.ndarray = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return normed


def _filled(tmp_path: Path) -> EmbeddingCache:
    cache = EmbeddingCache(tmp_path, "test-model")
    cache.put_many(dict(zip(TEXTS, _unit(len(TEXTS)), strict=True)))
    return cache


def _overwrite(cache: EmbeddingCache, blob: bytes) -> None:
    cache.close()
    with sqlite3.connect(cache.path) as conn:
        conn.execute("UPDATE vec SET v = ?", (blob,))


def _aside(tmp_path: Path) -> list[Path]:
    return sorted(p for p in tmp_path.iterdir() if p.name.endswith(".corrupt"))


@pytest.mark.parametrize(
    ("blob", "why"),
    [
        (b"7 bytes", "bytes"),  # not even whole float32 values
        (np.ones(12, dtype=np.float32).tobytes(), "not a unit vector"),  # the wrong length
        (np.random.default_rng(1).bytes(DIM * 4), "not a unit vector"),  # random bytes: NaN, huge values
        (np.full(DIM, np.nan, dtype=np.float32).tobytes(), "not a unit vector"),
    ],
)
def test_vectors_that_cannot_be_ours_set_the_cache_aside(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, blob: bytes, why: str
) -> None:
    cache = _filled(tmp_path)
    _overwrite(cache, blob)
    with caplog.at_level(logging.WARNING):
        assert cache.get_many(TEXTS, dim=DIM) == {}
    assert why in caplog.text and "set it aside" in caplog.text
    assert len(_aside(tmp_path)) == 1
    # Built again in its place, and used from now on.
    cache.put_many(dict(zip(TEXTS, _unit(len(TEXTS), 2), strict=True)))
    got = cache.get_many(TEXTS, dim=DIM)
    assert set(got) == set(TEXTS)
    assert all(np.isfinite(v).all() for v in got.values())


def test_a_truncated_cache_is_rebuilt_not_ignored_forever(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = EmbeddingCache(tmp_path, "test-model")
    many = [f"sentence number {i}" for i in range(3000)]
    cache.put_many(dict(zip(many, _unit(len(many)), strict=True)))
    cache.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{cache.path}{suffix}").unlink(missing_ok=True)
    data = cache.path.read_bytes()
    cache.path.write_bytes(data[: len(data) // 3])
    with caplog.at_level(logging.WARNING):
        again = EmbeddingCache(tmp_path, "test-model")
        assert again.get_many(many, dim=DIM) == {}
    assert "damaged" in caplog.text
    assert len(_aside(tmp_path)) == 1
    again.put_many({many[0]: _unit(1)[0]})
    assert set(again.get_many(many[:5], dim=DIM)) == {many[0]}  # a working cache again


def test_a_file_that_is_not_a_database_is_rebuilt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    cache = EmbeddingCache(tmp_path, "test-model")
    cache.path.write_bytes(b"this is not SQLite" * 100)
    with caplog.at_level(logging.WARNING):
        assert cache.get_many(TEXTS, dim=DIM) == {}
    cache.put_many(dict(zip(TEXTS, _unit(len(TEXTS)), strict=True)))
    assert set(cache.get_many(TEXTS, dim=DIM)) == set(TEXTS)
    assert len(_aside(tmp_path)) == 1


@pytest.mark.model
def test_the_encoder_re_embeds_over_a_damaged_cache(shared_encoder: Encoder, tmp_path: Path) -> None:
    model = shared_encoder.engine
    fresh = Encoder(model, shared_encoder.name, cache=EmbeddingCache(tmp_path, "k"))
    good = fresh.encode(TEXTS)
    store = EmbeddingCache(tmp_path, "k")
    _overwrite(store, np.random.default_rng(3).bytes(DIM * 4))  # "random 1,536-byte vectors"
    again = Encoder(model, shared_encoder.name, cache=EmbeddingCache(tmp_path, "k")).encode(TEXTS)
    assert np.isfinite(again).all()
    assert np.allclose(again, good, atol=1e-4)
    assert len(_aside(tmp_path)) == 1
