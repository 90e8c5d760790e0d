"""Loaders for the shared sentence-alignment evaluation sets (read in place from ../shared/eval)."""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass
from pathlib import Path

GoldLink = tuple[tuple[int, ...], tuple[int, ...]]

EVAL_DIR = Path(os.environ.get("BITEXT_EVAL_DIR", Path(__file__).resolve().parents[2] / "shared" / "eval"))


@dataclass(frozen=True)
class Doc:
    """One document pair with its gold links (``[]`` on one side = unaligned sentence)."""

    name: str
    src: list[str]
    tgt: list[str]
    gold: list[GoldLink]


def parse_links(text: str) -> list[GoldLink]:
    """Read Vecalign-style ``[0, 1]:[2]`` lines (a third ``:score`` field, if any, is ignored)."""
    links: list[GoldLink] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        src, tgt = line.split(":")[:2]
        links.append((tuple(ast.literal_eval(src)), tuple(ast.literal_eval(tgt))))
    return links


def _lines(path: Path) -> list[str]:
    # Text+Berg lines end in a space; keep the text, drop only the line break and that padding.
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]


def load_textberg(root: Path | None = None) -> list[Doc]:
    """Text+Berg de-fr development set: one document, 468 German / 554 French sentences."""
    base = (root or EVAL_DIR) / "textberg-dev"
    return [
        Doc(
            "textberg-dev",
            _lines(base / "dev.de"),
            _lines(base / "dev.fr"),
            parse_links((base / "dev.defr").read_text(encoding="utf-8")),
        )
    ]


def _indexed(path: Path) -> list[str]:
    """Read ``index<TAB>sentence`` lines, checking that the indices run 0, 1, 2, ..."""
    out: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        idx, _, sentence = line.partition("\t")
        if int(idx) != len(out):
            raise ValueError(f"{path}: expected index {len(out)}, got {idx}")
        out.append(sentence.strip())
    return out


def load_parice(root: Path | None = None) -> list[Doc]:
    """ParIce en-is evaluation set: 10 presegmented documents."""
    base = (root or EVAL_DIR) / "parice-en-is"
    docs = []
    for gold in sorted((base / "gold").glob("*.txt")):
        docs.append(
            Doc(
                gold.stem,
                _indexed(base / "eng" / gold.name),
                _indexed(base / "isl" / gold.name),
                parse_links(gold.read_text(encoding="utf-8")),
            )
        )
    return docs


def load_tatoeba(root: Path | None = None) -> tuple[list[str], list[str]]:
    """Tatoeba az-en: 500 sentence pairs, (azerbaijani, english), line i translates line i."""
    base = (root or EVAL_DIR) / "tatoeba-az-en"
    return _lines(base / "dev.az"), _lines(base / "dev.en")
