"""Loaders for the shared sentence-alignment evaluation sets (read in place from ../shared/eval)."""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass
from pathlib import Path

GoldLink = tuple[tuple[int, ...], tuple[int, ...]]


def _eval_dir() -> Path:
    """$BITEXT_EVAL_DIR, else ../shared/eval beside the checkout (a worktree's parent may hold none)."""
    if "BITEXT_EVAL_DIR" in os.environ:
        return Path(os.environ["BITEXT_EVAL_DIR"])
    here = Path(__file__).resolve().parents[2] / "shared" / "eval"
    return here if here.is_dir() else Path("/work/shared/eval")


EVAL_DIR = _eval_dir()


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


# DEMETR's English lines that still translate the source: the human and machine translations, and the
# machine translation with a minor perturbation (case, punctuation, spelling, a function word).
REPEAT_VARIANTS = (
    "minor_id15_case",
    "minor_id26_misspelled",
    "minor_id27_char_removed",
    "minor_id28_final_punc_removed",
    "minor_id29_punc_addition",
    "minor_id31_full_lower",
    "minor_id32_first_lower",
    "minor_id16_function_word",
)


def load_repeated(
    lang: str, order: str = "rounds", root: Path | None = None, items: int | None = None
) -> Doc:
    """A presegmented document in which every source sentence appears once per English variant.

    From DEMETR (``lang`` is its tag, e.g. "german"): each item's source sentence, ten times, against
    its human translation, its machine translation and eight lightly perturbed machine translations, all
    of them acceptable English lines. ``order`` "rounds" lists every item once per variant (a repeat
    every ``items`` lines, like boilerplate and headings); "blocks" puts one item's ten lines together
    (like a refrain). The gold links are 1-1 down the diagonal.
    """
    import json

    base = (root or EVAL_DIR) / "demetr-xx-en"
    by_id: dict[int, dict[str, str]] = {}
    for name in REPEAT_VARIANTS:
        for line in (base / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["lang_tag"] != lang:
                continue
            item = by_id.setdefault(
                int(row["id"]), {"src": row["src_sent"], "ref": row["eng_sent"], "mt": row["mt_sent"]}
            )
            item[name] = row["pert_sent"]
    ids = sorted(i for i, item in by_id.items() if all(k in item for k in REPEAT_VARIANTS))[:items]
    variants = ("ref", "mt", *REPEAT_VARIANTS)
    if order == "rounds":
        pairs = [(by_id[i]["src"], by_id[i][v]) for v in variants for i in ids]
    elif order == "blocks":
        pairs = [(by_id[i]["src"], by_id[i][v]) for i in ids for v in variants]
    else:
        raise ValueError(f"order must be 'rounds' or 'blocks', not {order!r}")
    return Doc(
        f"demetr-{lang}-{order}",
        [s for s, _ in pairs],
        [t for _, t in pairs],
        [((k,), (k,)) for k in range(len(pairs))],
    )


@dataclass(frozen=True)
class NewsDoc:
    """One NTREX news document: its English lines and their professional Azerbaijani translation."""

    index: int  # position among the documents, in the order of ``dev.docs``
    name: str
    en: list[str]
    az: list[str]


def load_ntrex(root: Path | None = None) -> list[NewsDoc]:
    """NTREX en-az: 60 documents; consecutive lines of one name in ``dev.docs`` form one document."""
    base = (root or EVAL_DIR) / "ntrex-en-az"
    en, az, names = _lines(base / "dev.en"), _lines(base / "dev.az"), _lines(base / "dev.docs")
    if not len(en) == len(az) == len(names):
        raise ValueError(f"{base}: dev.en, dev.az and dev.docs differ in length")
    docs: list[NewsDoc] = []
    for k, name in enumerate(names):
        if not docs or docs[-1].name != name:
            docs.append(NewsDoc(len(docs), name, [], []))
        docs[-1].en.append(en[k])
        docs[-1].az.append(az[k])
    return docs
