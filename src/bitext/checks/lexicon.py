"""Per-language data for the lexical checks, and the small text helpers they share.

Language knowledge lives in JSON under ``bitext/data/`` (numbers/, names/, scripts/) so that adding a
language means adding data, not code. Everything here is cached: checks run once per link.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

# A word: letters, with inner apostrophes or hyphens ("Tom'un", "Russo-Japanese").
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@lru_cache(maxsize=64)
def data(folder: str, name: str) -> dict[str, Any]:
    """The JSON file ``bitext/data/<folder>/<name>.json`` (an empty dict when absent)."""
    path = resources.files("bitext").joinpath("data", folder, f"{name}.json")
    if not path.is_file():
        return {}
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def base_lang(code: str) -> str:
    """'en-US' -> 'en', 'AZ' -> 'az'."""
    return code.replace("_", "-").split("-")[0].lower()


def language_name(code: str) -> str:
    names: dict[str, str] = data("scripts", "confusables").get("language_names", {})
    return names.get(base_lang(code), code)


def fold(text: str) -> str:
    """Lowercase without changing the length, so offsets found in the folded text hold in the original.

    Dotted and dotless i are merged: Azerbaijani/Turkish 'İ', 'I' and 'ı' all become 'i', so the
    same word typed on either keyboard matches.
    """
    out = []
    for ch in text:
        if ch in "İIı":
            out.append("i")
            continue
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
    return "".join(out)


@lru_cache(maxsize=16)
def _suffixes(lang: str) -> tuple[str, ...]:
    found: list[str] = data("names", "suffixes").get(base_lang(lang), [])
    return tuple(sorted({fold(s) for s in found}, key=len, reverse=True))


def stems(word: str, lang: str, *, min_stem: int = 2, depth: int = 3) -> set[str]:
    """The folded word and every stem left by stripping case/possessive endings (longest first).

    ``Yaponiyanın`` -> {yaponiyanın, yaponiya, ...}. Over-stripping is harmless here: stems are only
    ever compared with words from the other side.
    """
    w = fold(word).replace("’", "'")
    found = {w}
    if "'" in w:  # Tom'un, Goto's: the apostrophe marks where the ending starts
        found.add(w.split("'")[0])
    frontier = set(found)
    for _ in range(depth):
        nxt: set[str] = set()
        for cur in frontier:
            for suf in _suffixes(lang):
                if cur.endswith(suf) and len(cur) - len(suf) >= min_stem:
                    nxt.add(cur[: -len(suf)])
        nxt -= found
        if not nxt:
            break
        found |= nxt
        frontier = nxt
    return found


def levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def distance(a: str, b: str) -> float:
    """Edit distance normalised by the longer string (0 = same, 1 = nothing in common)."""
    if not a and not b:
        return 0.0
    return levenshtein(a, b) / max(len(a), len(b))
