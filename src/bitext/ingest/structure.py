"""Find whole lines that are apparatus, not text: page numbers, running heads, notes, bibliography.

Works on the lines of the original (converter) text, before inline markup is removed, because the
layout (a line alone between blank lines, a list of footnotes) is what gives these lines away.
Each rule is general; none names the seed document's author or title.
"""

from __future__ import annotations

import re
from collections import Counter

_FENCE = re.compile(r"^\s*(```|~~~)")
# A page number alone on a line, possibly dressed as "- 12 -" or "| 12 |".
_PAGE_NUMBER = re.compile(r"^[\s\-–—|\[\](){}]*\d{1,4}[\s\-–—|\[\](){}]*$")
_MARKUP = re.compile(r"[#*_`>]+|<[^>]{1,20}>")
# "10 Gursel G. ISMAILOV" / "ISMAILOV 11": a page number beside a short capitalised name or title.
# At most 3 digits so that a year opening a title ("1925 ...") is not taken for a page number.
_NUMBER_NAME = re.compile(r"^(?:\d{1,3}\s+(?P<a>[^\d\s].{0,58})|(?P<b>[^\d\s].{0,58}?)\s+\d{1,3})$")
_TERMINAL = tuple(".!?:;,")

# Footnote markers that open a note: <sup>3</sup>, [^3]:, ³, optionally after a list bullet.
_NOTE_MARKER = re.compile(r"^\s*(?:[-*+•]\s+)?(?:<sup>\s*\d{1,3}\s*</sup>|\[\^?\d{1,3}\]:?|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)")
# A plain number opening a line also opens a note when the line reads like a citation.
_NUMBERED = re.compile(r"^\s*(?:[-*+•]\s+)?\d{1,3}[.)]?\s+\S")
_CITATION = re.compile(
    r"\bibid\b|\bop\.\s*cit\b|\bloc\.\s*cit\b|\bpp?\.\s*\d|\bс\.\s*\d|\bsəh\.\s*\d|\bs\.\s*\d", re.IGNORECASE
)

# Headings that open a bibliography (compared case-folded, markup and a trailing colon removed).
_BIBLIOGRAPHY_HEADINGS = frozenset(
    {
        "bibliography",
        "references",
        "works cited",
        "literature",
        "sources",
        "notes",
        "endnotes",
        "footnotes",
        "ədəbiyyat",
        "istifadə olunmuş ədəbiyyat",
        "ədəbiyyat siyahısı",
        "qeydlər",
        "литература",
        "список литературы",
        "библиография",
        "примечания",
        "источники",
        "kaynakça",
        "kaynaklar",
        "literatur",
        "literaturverzeichnis",
        "bibliographie",
        "références",
        "heimildir",
        "heimildaskrá",
    }
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]\s+|\d{1,3}[.)]\s+|\[\d{1,3}\]\s*)")
_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")


def _plain(line: str) -> str:
    return " ".join(_MARKUP.sub(" ", line).split())


def _is_running_name(words: str) -> bool:
    """A short run of capitalised words with an initial or an upper-case word ("Gursel G. ISMAILOV",
    "J. SMITH"): an author name as printed in a running head, not a numbered section heading such
    as "2 Related Work"."""
    tokens = words.split()
    if not 0 < len(tokens) <= 6 or words.endswith(_TERMINAL):
        return False
    if not all(t[0].isupper() or not t[0].isalpha() for t in tokens):
        return False
    return any(re.fullmatch(r"[^\W\d_]\.", t) or (len(t) >= 3 and t.isupper()) for t in tokens)


def _running_heads(lines: list[str], standalone: list[bool]) -> set[int]:
    """Short standalone lines that repeat (page numbers aside), or are a number plus a short name."""
    found: set[int] = set()
    keys: dict[int, str] = {}
    for i, line in enumerate(lines):
        plain = _plain(line)
        # converters mark real headings with "#"; running heads come out as plain lines
        if not plain or not standalone[i] or len(plain) > 60 or _HEADING.match(line):
            continue
        match = _NUMBER_NAME.match(plain)
        if match and _is_running_name(match.group("a") or match.group("b") or ""):
            found.add(i)
        if not plain.endswith(_TERMINAL):
            keys[i] = re.sub(r"[\d\s]+", " ", plain).strip().casefold()
    counts = Counter(k for k in keys.values() if k)
    found.update(i for i, k in keys.items() if counts[k] >= 2)
    return found


def _notes(lines: list[str], live: list[bool]) -> set[int]:
    """Blocks of footnotes: a line opening with a note marker, the rest of its paragraph, and the
    following paragraphs as long as each opens with a note-like line."""

    def opens_note(line: str) -> bool:
        return bool(_NOTE_MARKER.match(line)) or bool(_NUMBERED.match(line) and _CITATION.search(line))

    def note_like(line: str) -> bool:
        return opens_note(line) or bool(_CITATION.search(line))

    found: set[int] = set()
    i = 0
    while i < len(lines):
        if not (live[i] and opens_note(lines[i])):
            i += 1
            continue
        j = i
        while j < len(lines):
            if live[j] and lines[j].strip():
                found.add(j)
                j += 1
                continue
            # a blank (or already removed) line: continue only if the next paragraph is note-like
            k = j
            while k < len(lines) and not (live[k] and lines[k].strip()):
                k += 1
            if k < len(lines) and note_like(lines[k]):
                j = k
                continue
            break
        i = j + 1
    return found


def _bibliography(lines: list[str], live: list[bool]) -> set[int]:
    """A bibliography heading and the entry-like paragraphs after it.

    An entry opens with a list marker, or carries a year and a comma; the first paragraph that is
    neither (a heading such as "Summary", a title, prose) ends the bibliography.
    """

    def is_heading(line: str) -> bool:
        plain = _plain(re.sub(r"^\s*\d{1,2}[.)]\s*", "", line)).rstrip(":").casefold()
        return plain in _BIBLIOGRAPHY_HEADINGS

    def entry_like(line: str) -> bool:
        if _HEADING.match(line):
            return False
        return bool(_LIST_ITEM.match(line)) or bool(_YEAR.search(line) and "," in line)

    found: set[int] = set()
    i = 0
    while i < len(lines):
        if not (live[i] and is_heading(lines[i])):
            i += 1
            continue
        found.add(i)
        j = i + 1
        paragraph_open = False
        while j < len(lines):
            if not (live[j] and lines[j].strip()):
                paragraph_open = False
            elif paragraph_open or entry_like(lines[j]):
                found.add(j)
                paragraph_open = True
            else:
                break
            j += 1
        i = j
    return found


def apparatus_lines(text: str) -> set[int]:
    """Indices of the lines of ``text`` (split on newlines) to remove; their line breaks stay."""
    lines = text.split("\n")
    dropped: set[int] = {i for i, line in enumerate(lines) if _FENCE.match(line) or _PAGE_NUMBER.match(line)}

    def blank(i: int) -> bool:
        return i < 0 or i >= len(lines) or i in dropped or not lines[i].strip()

    standalone = [bool(line.strip()) and blank(i - 1) and blank(i + 1) for i, line in enumerate(lines)]
    dropped |= _running_heads(lines, standalone)
    live = [i not in dropped for i in range(len(lines))]
    dropped |= _notes(lines, live)
    live = [i not in dropped for i in range(len(lines))]
    dropped |= _bibliography(lines, live)
    return dropped
