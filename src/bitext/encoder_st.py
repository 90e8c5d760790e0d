"""Any sentence-transformers model a user names, run by torch (``--model NAME_OR_PATH``).

The shipped default runs on ONNX Runtime (``bitext.encoder_onnx``); this engine is the general path, so
it keeps sentence-transformers' own pooling and normalisation, and reads word vectors from the
underlying Hugging Face model's hidden states. torch and sentence-transformers are imported when the
model is first needed, never at import time.
"""

from __future__ import annotations

import importlib
import logging
import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from bitext.encoder import BATCH_SIZE, Engine, Precision, WordVectors, _words, pool_words
from bitext.errors import ModelError

log = logging.getLogger(__name__)


class SentenceTransformerEngine:
    """A loaded SentenceTransformer (or anything with its ``encode`` and dimension getter)."""

    def __init__(self, model: Any, *, batch_size: int = BATCH_SIZE) -> None:
        self.model = model
        self.batch_size = batch_size
        # sentence-transformers 6 renamed the getter; keep working with either.
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        dim = getter()
        self._dim: int = int(dim) if dim else int(model.encode(["x"]).shape[1])

    @property
    def dim(self) -> int:
        return self._dim

    def embed(
        self, texts: list[str], *, word_layer: int | None = None, show_progress: bool = False
    ) -> tuple[np.ndarray, list[WordVectors] | None]:
        vectors = self.model.encode(
            texts,
            batch_size=self.batch_size,
            show_progress_bar=show_progress,
            convert_to_numpy=True,
            # the default model normalises already; a user's model may not, and the contract says unit rows
            normalize_embeddings=True,
        )
        return np.asarray(vectors, dtype=np.float32), None

    def word_vectors(self, texts: list[str], layer: int) -> list[WordVectors]:
        import torch

        first = self.model[0]
        hf_model = getattr(first, "auto_model", None) or first.model
        tokenizer = self.model.tokenizer
        n_layers = int(hf_model.config.num_hidden_layers)
        if not 0 <= layer <= n_layers:
            raise ValueError(f"layer must be between 0 and {n_layers}, not {layer}")
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
            keep_np = ((enc["special_tokens_mask"] == 0) & (enc["attention_mask"] == 1)).numpy()
            for k, (i, text) in enumerate(todo):
                rows = [w for w, s in enumerate(windows) if s == k]
                tok_offsets = np.concatenate([offsets[w][keep_np[w]] for w in rows])
                tok_vectors = np.concatenate([hidden_np[w][keep_np[w]] for w in rows])
                by_text[i] = pool_words(text, tok_offsets, tok_vectors)
        empty = WordVectors([], np.zeros((0, self.dim), dtype=np.float32))
        return [by_text.get(i) or empty for i in range(len(texts))]


def named_engine(name: str, precision: Precision, threads: int | None) -> tuple[str, Callable[[], Engine]]:
    """The cache key of a named model and a function that loads it (nothing is loaded here).

    A folder that does not exist is refused at once; a hub name is looked up when first needed.
    """
    path = Path(name).expanduser()
    if path.exists():
        config = path / "config.json"
        stamp = int(config.stat().st_mtime) if config.exists() else 0
        key = f"{path.resolve()}|{stamp}"
    elif name.startswith((".", "/", "~")) or name.endswith(("/", os.sep)):
        raise ModelError(f"cannot load model '{name}': no such folder; check the path or omit --model")
    else:
        key = name
    if precision != "fp32":
        key += f"|{precision}"

    def load() -> Engine:
        if threads:
            import torch

            torch.set_num_threads(threads)
        model = _load_named(name)
        if precision == "int8":
            model = _quantized(model)
        return SentenceTransformerEngine(model)

    return key, load


def _quantized(model: Any) -> Any:
    """Dynamic int8 quantization of the model's linear layers (weights int8, activations per batch)."""
    import warnings

    import torch

    first = model[0]
    # sentence-transformers 6 keeps the Hugging Face model in ``model`` (``auto_model`` reads it).
    attr = "model" if hasattr(first, "model") else "auto_model"
    quantize: Any = torch.ao.quantization.quantize_dynamic
    with warnings.catch_warnings():  # torch announces the API's move to torchao; it works as pinned
        warnings.simplefilter("ignore")
        setattr(first, attr, quantize(getattr(first, attr), {torch.nn.Linear}, dtype=torch.qint8))
    return model


def _load_named(name: str) -> Any:
    path = Path(name).expanduser()
    if path.exists():
        try:
            return sentence_transformer(str(path), local_files_only=True)
        except Exception as exc:
            raise ModelError(
                f"cannot load model folder '{name}': {_first_line(exc)}; "
                "pass a folder saved by sentence-transformers"
            ) from exc
    try:  # a hub name already downloaded on this machine
        return sentence_transformer(name, local_files_only=True)
    except Exception as local_exc:
        if _hub_offline():
            raise ModelError(_offline_message(name)) from local_exc
    try:
        return sentence_transformer(name, local_files_only=False)
    except Exception as exc:
        raise ModelError(
            f"cannot load model '{name}': {_first_line(exc)}; check the name or omit --model"
        ) from exc


def sentence_transformer(name_or_path: str, *, local_files_only: bool) -> Any:
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
