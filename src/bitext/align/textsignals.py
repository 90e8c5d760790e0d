"""What the text itself says, beyond embeddings: numbers and capitalised names shared by two texts.

Digits survive translation unchanged far more often than words do, and names survive
transliteration in recognisable form, so their overlap is strong evidence that two sentences
say the same thing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"\w+", re.UNICODE)

# Folding Azerbaijani, Turkish and other Latin letters to plain ASCII lets "Şimpey" meet "Shimpei"
# halfway; it is a cheap signal, not the name check (bitext.checks.names does that properly).
_FOLD = str.maketrans(
    {"ə": "a", "ı": "i", "ş": "s", "ç": "c", "ğ": "g", "ö": "o", "ü": "u", "x": "h", "q": "g"}
)


@dataclass(frozen=True)
class TextFeatures:
    numbers: frozenset[str]
    names: frozenset[str]


def _fold(word: str) -> str:
    w = word.replace("İ", "i").replace("I", "ı").casefold().translate(_FOLD)
    w = unicodedata.normalize("NFKD", w)
    w = "".join(c for c in w if not unicodedata.combining(c))
    return w.replace("sh", "s").replace("ch", "c").replace("kh", "h")


def text_features(text: str) -> TextFeatures:
    numbers = frozenset(n.replace(",", "").replace(".", "") for n in _NUMBER.findall(text))
    names = set()
    for pos, match in enumerate(_WORD.finditer(text)):
        word = match.group()
        if pos > 0 and word[:1].isupper() and len(word) > 2 and not word.isdigit():
            names.add(_fold(word)[:5])  # a five-letter prefix survives case suffixes
    return TextFeatures(numbers, frozenset(names))


def shared_token_bonus(a: TextFeatures, b: TextFeatures) -> float:
    """Jaccard overlap of numbers (weighted double) and name prefixes, in 0..1."""
    parts: list[float] = []
    weights: list[float] = []
    if a.numbers or b.numbers:
        parts.append(len(a.numbers & b.numbers) / len(a.numbers | b.numbers))
        weights.append(2.0)
    if a.names or b.names:
        parts.append(len(a.names & b.names) / len(a.names | b.names))
        weights.append(1.0)
    if not weights:
        return 0.0
    return sum(p * w for p, w in zip(parts, weights, strict=True)) / sum(weights)
