"""Undo word-breaking hyphens left by typesetting and OCR.

A hyphen between two runs of letters is one of three things: a line-break hyphen (``mühari-\\nbəyə``),
the same hyphen after a converter joined the lines (``mühari-bəyə``), or a real compound
(``Rus-Yapon``, ``long-term``). The document itself is the dictionary:

1. The right part must start lower-case; otherwise it is a compound of names ("Rus-Yapon",
   "Russo-Japanese", "Sovet- Yapon" with its space is not touched at all).
2. If the joined form occurs elsewhere in the document as a word, join ("Yapo-niya" with "Yaponiya").
3. At a line break, join unless the hyphenated form occurs elsewhere on one line (then it is a
   compound that happened to fall at the end of a line: keep the hyphen, drop the break).
4. Inside a line, join only if the left part is lower-case (or capitalised, of two letters or more:
   "Sa-xalinə") and never stands alone as a word in the
   document ("siyasə-tin", "dai-rələrinin"), and the right part does not either ("forty-five" with
   "five" elsewhere is a compound); a right part of one or two letters counts as a cut-off suffix
   ("üstün-də"). A left part that is a word of its own ("long-term", "il-lərdə") keeps its hyphen.

Known limits: rule 4 keeps a break whose left part happens to be a word ("gəldi-lər"), and joins
a prefix compound whose parts never occur alone ("non-aggression" -> "nonaggression", a valid
spelling; in a short text "forty-five" without "five" elsewhere would be joined too).
Chains such as "Nikolaevsk-on-the-Amur" are left alone.
"""

from __future__ import annotations

import re
from collections import Counter

from bitext.ingest.tracked import CleanText, Edit, apply_edits

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_BROKEN = re.compile(r"(?<![\w-])([^\W\d_]+)-([ \t]*\n[ \t]*)?([^\W\d_]+)(?![\w-])")


def _vocabulary(text: str) -> tuple[Counter[str], Counter[str]]:
    """Case-folded counts of plain words and of hyphenated words, each written on one line."""
    plain: Counter[str] = Counter()
    hyphenated: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        word = match.group().casefold()
        (hyphenated if "-" in word else plain)[word] += 1
    return plain, hyphenated


def should_join(
    left: str, right: str, line_break: bool, plain: Counter[str], hyphenated: Counter[str]
) -> bool:
    """Decide one hyphen by the rules in the module docstring."""
    if not right[0].islower():
        return False
    if plain[(left + right).casefold()] > 0:
        return True
    if line_break:
        return hyphenated[f"{left}-{right}".casefold()] == 0
    # a capitalised left part ("Sa-xalinə") is a broken name; "X-ray" and "T-shirt" keep theirs
    capitalised = len(left) >= 2 and left[0].isupper() and left[1:].islower()
    if not (left.islower() or capitalised) or plain[left.casefold()] > 0:
        return False
    # a right part that is a word of its own ("forty-five") makes a compound; one or two letters
    # are more likely a suffix cut off ("üstün-də") than the particle of the same spelling
    return len(right) <= 2 or plain[right.casefold()] == 0


def dehyphenate(clean: CleanText) -> CleanText:
    """Join words broken by hyphenation; at kept line-break compounds, drop only the break."""
    plain, hyphenated = _vocabulary(clean.text)
    edits: list[Edit] = []
    for match in _BROKEN.finditer(clean.text):
        left, gap, right = match.group(1), match.group(2), match.group(3)
        if should_join(left, right, gap is not None, plain, hyphenated):
            edits.append((match.end(1), match.start(3), ""))
        elif gap is not None:
            edits.append((match.start(2), match.end(2), ""))
    return apply_edits(clean, edits)
