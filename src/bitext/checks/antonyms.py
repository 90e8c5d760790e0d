"""Antonym swaps: each word of a sentence that a general antonym lexicon knows, replaced by its antonym.

The opposite check (``opposite``) embeds every swapped version and asks the encoder whether the other
side of the pair reads closer to it than to the sentence as written: "the shops are closed on Sunday"
against a source that says they are open comes closer to the source once "closed" is swapped back to
"open". A sentence embedding hardly moves for one antonym (the issue's "eastern"/"Qərb"), but the swap
holds everything else fixed, so the sign of the small difference is the evidence.

The lexicon is data (``data/contrasts/antonyms/<lang>.json``; English from WordNet 3.0, built by
``benchmarks/build_antonyms.py``), keyed by base form; inflected words are matched and the antonym
inflected alike by regular English endings (``closed`` -> ``close`` -> ``open`` -> ``opened``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from bitext.text import LETTERS, opens_sentence

# (ending of the word, what replaces it to give the base form, the inflection's name): regular English
# endings only; irregular forms ("died", "went") are left alone rather than guessed.
_ENDINGS: tuple[tuple[str, str, str], ...] = (
    ("ies", "y", "s"), ("es", "", "s"), ("s", "", "s"), ("ied", "y", "ed"), ("ed", "e", "ed"),
    ("ed", "", "ed"), ("ing", "e", "ing"), ("ing", "", "ing"), ("ier", "y", "er"), ("er", "e", "er"),
    ("er", "", "er"), ("iest", "y", "est"), ("est", "e", "est"), ("est", "", "est"), ("ly", "", "ly"),
)  # fmt: skip
MIN_BASE = 3
_WORD = re.compile(LETTERS)  # letters only: "people's" is "people" and "s"
_HYPHENS = frozenset("-‐‑")
_NEXT_WORD = re.compile(r" (\w)")  # one space, then the next word's first character


@dataclass(frozen=True)
class Swap:
    start: int
    end: int
    word: str
    antonym: str
    text: str  # the sentence with the word replaced


@dataclass(frozen=True)
class AntonymLexicon:
    antonyms: dict[str, tuple[str, ...]]  # base form -> its antonyms
    irregular: dict[str, tuple[str, str]]  # inflected form -> (base form, inflection): "rose" -> rise, ed
    forms: dict[tuple[str, str], tuple[str, ...]]  # (base, inflection) -> its irregular forms


@cache
def antonym_lexicon(lang: str) -> AntonymLexicon:
    """The antonym lexicon of ``lang`` (empty when none ships for it)."""
    path = resources.files("bitext").joinpath("data", "contrasts", "antonyms", f"{lang}.json")
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    irregular = {k: (v[0], v[1]) for k, v in data.get("irregular", {}).items()}
    forms: dict[tuple[str, str], tuple[str, ...]] = {}
    for form, key in irregular.items():
        forms[key] = (*forms.get(key, ()), form)
    return AntonymLexicon({k: tuple(v) for k, v in data.get("antonyms", {}).items()}, irregular, forms)


def _bases(word: str, lex: AntonymLexicon) -> list[tuple[str, str]]:
    """(base form, inflection) readings of ``word`` that the lexicon knows."""
    lexicon = lex.antonyms
    w = word.lower()
    out = [(w, "")] if w in lexicon else []
    if w in lex.irregular and lex.irregular[w][0] in lexicon:
        out.append(lex.irregular[w])
    for ending, repl, name in _ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) >= MIN_BASE:
            base = w[: -len(ending)] + repl
            if base in lexicon and (base, name) not in out and base != w:
                out.append((base, name))
    return out


def inflect(base: str, inflection: str) -> str:
    """``base`` with a regular English ending ("close", "ed" -> "closed"; "early", "er" -> "earlier")."""
    if not inflection:
        return base
    consonant_y = base.endswith("y") and len(base) > 1 and base[-2] not in "aeiou"
    if inflection == "s":
        if consonant_y:
            return base[:-1] + "ies"
        return base + ("es" if base.endswith(("s", "sh", "ch", "x", "z")) else "s")
    if inflection == "ing":
        return (base[:-1] if base.endswith("e") and not base.endswith("ee") else base) + "ing"
    if inflection == "ly":
        return base[:-1] + "ily" if consonant_y else base + "ly"
    # ed, er, est: a final e merges, a consonant y turns to i
    if consonant_y:
        return base[:-1] + "i" + inflection
    return base + inflection[1:] if base.endswith("e") else base + inflection


def swaps(text: str, lang: str, limit: int) -> list[Swap]:
    """Up to ``limit`` versions of ``text``, each with one word replaced by an antonym (case kept). Not a
    word capitalised inside a sentence, which names ("Kanye West"), nor a capitalised or sentence-opening
    word that a capitalised word follows, which opens a name ("South Africa won", "Hot Springs is", "south
    Africa" in a text whose first letters were lowered), nor one joined to another by a hyphen
    ("give-and-go", "long-running"), which is a word of its own."""
    lex = antonym_lexicon(lang)
    if not lex.antonyms:
        return []
    out: list[Swap] = []
    for m in _WORD.finditer(text):
        word = m.group()
        if word.isupper() and len(word) > 1:
            continue  # an acronym
        opening = opens_sentence(text, m.start())
        if word[:1].isupper() and not opening:
            continue  # a name
        if opening and (after := _NEXT_WORD.match(text, m.end())) and after.group(1).isupper():
            continue  # the first word of a name that opens the sentence ("South Africa", "south Africa")
        if text[m.end() : m.end() + 1] in _HYPHENS or text[max(m.start() - 1, 0) : m.start()] in _HYPHENS:
            continue
        for base, inflection in _bases(word, lex):
            for other in lex.antonyms[base]:
                if inflection and other.endswith(("ed", "ing")):
                    continue  # "open" -> "closed": inflecting it again makes no word
                for new in lex.forms.get((other, inflection)) or (inflect(other, inflection),):
                    new = new.capitalize() if word[:1].isupper() else new
                    if any(o.start == m.start() and o.antonym == new for o in out):
                        continue
                    out.append(Swap(m.start(), m.end(), word, new, text[: m.start()] + new + text[m.end() :]))
                    if len(out) >= limit:
                        return out
    return out
