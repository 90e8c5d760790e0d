"""Word stems and edit distance for the lexical checks (words, folding and language data: bitext.text).

Case and possessive endings are data (``bitext/data/names/suffixes.json``), so adding a language
means adding data, not code. Cached: checks run once per link.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from bitext.text import base_lang, fold, language_data


@lru_cache(maxsize=16)
def _suffixes(lang: str) -> tuple[str, ...]:
    found: list[str] = language_data("names", "suffixes").get(base_lang(lang), [])
    return tuple(sorted({fold(s) for s in found}, key=len, reverse=True))


def stems(word: str, lang: str, *, min_stem: int = 2, depth: int = 3) -> set[str]:
    """The folded word and every stem left by stripping case/possessive endings (longest first).

    ``Yaponiyanın`` -> {yaponiyanın, yaponiya, ...}. Over-stripping is harmless here: stems are only
    ever compared with words from the other side.
    """
    return set(_stems(word, lang, min_stem, depth))


@lru_cache(maxsize=65536)
def _stems(word: str, lang: str, min_stem: int, depth: int) -> frozenset[str]:
    # Every check asks for the stems of every word of the link, and names ask again per candidate.
    w = fold(word)
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
    return frozenset(found)


def distance(a: str, b: str) -> float:
    """Edit distance normalised by the longer string (0 = same, 1 = nothing in common)."""
    return float(Levenshtein.normalized_distance(a, b))
