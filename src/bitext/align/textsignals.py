"""What the text itself says, beyond embeddings: numbers and capitalised names shared by two texts.

Digits survive translation unchanged far more often than words do, and names survive
transliteration in recognisable form (bitext.text.skeleton: "Şimpey" and "Shimpei" meet), so their
overlap is strong evidence that two sentences say the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bitext.text import skeleton

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class TextFeatures:
    numbers: frozenset[str]
    names: frozenset[str]


def text_features(text: str) -> TextFeatures:
    numbers = frozenset(n.replace(",", "").replace(".", "") for n in _NUMBER.findall(text))
    names = set()
    for pos, match in enumerate(_WORD.finditer(text)):
        word = match.group()
        if pos > 0 and word[:1].isupper() and len(word) > 2 and not word.isdigit():
            key = skeleton(word)[:5]  # a five-letter prefix survives case suffixes
            if key:
                names.add(key)
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
