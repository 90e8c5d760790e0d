"""Text helpers every stage shares: language data, words, letter folding, name skeletons, clipping.

Language knowledge is data (``bitext/data/``); this module only reads it. There is one case folding
(:func:`fold`) for matching words and one transliteration (:func:`skeleton`, from
``data/names/translit.json``) for matching names across spellings and scripts.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Any

# Combining marks that are part of a word: Latin accents typed as marks, and the vowel signs of the Indic
# scripts (Hindi "नहीं" is न ह + two marks), which are not letters to Python's regular expressions.
MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0900-\u0903\u093a-\u094f"
    "\u0951-\u0957\u0962\u0963\u0981-\u0983\u09bc-\u09d7\u0a01-\u0a03\u0a3c-\u0a51\u0a81-\u0a83"
    "\u0abc-\u0acd\u0b01-\u0b03\u0b3c-\u0b57\u0b82\u0bbe-\u0bcd\u0c00-\u0c04\u0c3e-\u0c56"
    "\u0c81-\u0c83\u0cbc-\u0cd6\u0d00-\u0d03\u0d3b-\u0d4d\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u3099\u309a"
)
LETTERS = rf"[^\W\d_]+(?:[^\W\d_]|[{MARKS}])*"
# A word: letters (with their marks), with inner apostrophes ("Tom'un", "don't"); digits and underscores
# end it.
WORD_RE = re.compile(rf"{LETTERS}(?:['’]{LETTERS})*")
# What may stand between a sentence's end (or the text's start) and its next word ('... said. "No').
_BETWEEN = "\\s\"'“”„‚«»‹›(\\[—–-"
_OPENING = re.compile(rf"(?:^|[.!?:;…]|[.!?]['\"”»)])[{_BETWEEN}]*$")
_BETWEEN_RUN = re.compile(rf"[{_BETWEEN}]*$")
_READ_BACK = 256


def opens_sentence(text: str, start: int) -> bool:
    """The word at ``start`` opens the text or one of its sentences, where every word takes a capital.

    Only the marks right before the word (up to ``_READ_BACK`` of them) and the two characters before
    those are read, so that asking of every word of a long text takes time in proportion to its length,
    not to its square; a longer run of marks is read with the whole text before it."""
    low = max(0, start - _READ_BACK)
    run = _BETWEEN_RUN.search(text, low, start)  # matches at least the empty run at ``start``
    begin = start if run is None else run.start()
    if begin - 2 <= 0 or begin == low:
        return bool(_OPENING.search(text[:start]))
    return bool(_OPENING.search(text, begin - 2, start))


ELLIPSIS = "…"


@lru_cache(maxsize=64)
def language_data(folder: str, name: str) -> dict[str, Any]:
    """The JSON file ``bitext/data/<folder>/<name>.json`` (an empty dict when absent); ``folder`` may be
    nested ("contrasts/adjectives")."""
    path = resources.files("bitext").joinpath("data", *folder.split("/"), f"{name}.json")
    if not path.is_file():
        return {}
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def alternation(words: list[str]) -> str:
    """A regular-expression alternation of ``words`` as literals, the longest first, so that a word is
    not matched by a shorter one it starts with ("Mr" before "Mrs")."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def base_lang(code: str) -> str:
    """'en-US' -> 'en', 'AZ' -> 'az'."""
    return code.replace("_", "-").split("-")[0].lower()


def language_name(code: str) -> str:
    """A readable language name for messages ("the English says ..."); the code itself if unknown."""
    names: dict[str, str] = language_data("scripts", "confusables").get("language_names", {})
    return names.get(base_lang(code), code)


def fold(text: str) -> str:
    """Lowercase without changing the length, so offsets found in the folded text hold in the original.

    Dotted and dotless i are merged: Azerbaijani/Turkish 'İ', 'I' and 'ı' all become 'i', so the
    same word typed on either keyboard matches; the typographic apostrophe becomes "'".
    """
    # Every check folds every word it reads, so this runs in C: after the table, 'İ' is the only
    # letter whose lowercase is longer than itself, and capital sigma the only one whose lowercase
    # depends on its neighbours (str.lower() writes a word-final 'ς'); a text with it goes letter by letter.
    folded = text.translate(_FOLD_TABLE)
    if "Σ" not in folded:
        return folded.lower()
    return "".join(ch.lower() for ch in folded)


_FOLD_TABLE = {ord("İ"): "i", ord("I"): "i", ord("ı"): "i", ord("’"): "'"}


@lru_cache(maxsize=1)
def _translit() -> tuple[dict[str, str], list[tuple[str, str]], dict[str, str]]:
    table = language_data("names", "translit")
    multi = sorted(table["multi"].items(), key=lambda kv: len(kv[0]), reverse=True)
    return table["cyrillic"], multi, table["single"]


@lru_cache(maxsize=8192)
def skeleton(word: str) -> str:
    """A rough phonetic Latin key: 'Şimpey' and 'Shimpei' -> 'simpi'; 'Qoto' and 'Goto' -> 'koto'."""
    cyr, multi, single = _translit()
    w = "".join(cyr.get(ch, ch) for ch in fold(word))
    w = unicodedata.normalize("NFC", w)
    for src, dst in multi:
        w = w.replace(src, dst)
    w = "".join(single.get(ch, ch) for ch in w)
    # any other accented letter (ż, ř, ã) keeps its base letter
    w = unicodedata.normalize("NFKD", w)
    w = "".join(ch for ch in w if ch.isalpha())
    return re.sub(r"(.)\1+", r"\1", w)


def clip(text: str, width: int) -> str:
    """``text`` on one line (runs of white space become one space), cut to ``width`` with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)].rstrip() + ELLIPSIS
