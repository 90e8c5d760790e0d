"""Text that remembers where each character came from.

Every cleanup step edits a :class:`CleanText` through :func:`apply_edits`, so the map from cleaned
characters back to the original file survives any number of steps. Sentences and flags can then
always be shown in the user's own file.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

# (start, end, replacement) in the current text; replacement characters are attributed to the
# original offset of ``start`` (an inserted space stands where the removed line break was).
Edit = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class CleanText:
    """Cleaned text plus, for every character, where it came from in the original text.

    ``offsets`` has one more entry than ``text``: the original end offset of the text. ``ends`` gives
    each character's original end when a character stands for more than one (``é`` composed from
    ``e`` + U+0301, a line feed from ``\r\n``); None means every character is one original character.
    Both are packed arrays (8 bytes a character) rather than tuples of ints (about 36): every cleaning
    step makes new ones, and a long document must not cost gigabytes for it.
    """

    text: str
    offsets: array[int]
    ends: array[int] | None = None

    def __post_init__(self) -> None:
        if len(self.offsets) != len(self.text) + 1:
            raise ValueError("offsets must have one entry per character plus one for the end")
        if self.ends is not None and len(self.ends) != len(self.text):
            raise ValueError("ends must have one entry per character")

    @classmethod
    def identity(cls, text: str) -> CleanText:
        """The original text itself: every character maps to its own position."""
        return cls(text, array("q", range(len(text) + 1)))

    def end_of(self, i: int) -> int:
        """The original offset just after clean character ``i``."""
        return self.ends[i] if self.ends is not None else self.offsets[i] + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets covering clean characters ``start:end``.

        The end is taken just after the last character rather than from ``offsets[end]``, which may
        lie beyond removed material (a page number, a note) that does not belong to the span.
        """
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.end_of(end - 1)

    def slice(self, start: int, end: int) -> CleanText:
        """The clean characters ``start:end`` with their offsets."""
        if end <= start:
            return CleanText("", array("q", (self.offsets[start],)))
        ends = self.ends[start:end] if self.ends is not None else None
        offsets = self.offsets[start:end]
        offsets.append(self.end_of(end - 1))
        return CleanText(self.text[start:end], offsets, ends)


def apply_edits(clean: CleanText, edits: Iterable[Edit]) -> CleanText:
    """Apply non-overlapping edits, keeping every surviving character's original offset.

    Replacement characters take the original offset of the first replaced character and the original
    end of the last one, so a span over them covers everything they replaced.
    """
    ordered = sorted(edits)
    if not ordered:
        return clean
    parts: list[str] = []
    offsets = array("q")
    # Built only once some character stands for more than one original character; until then every
    # end is its offset plus one.
    ends: array[int] | None = None
    own_ends = clean.ends
    pos = 0

    def materialise() -> array[int]:
        nonlocal ends
        if ends is None:
            ends = array("q", (o + 1 for o in offsets))
        return ends

    def keep(a: int, b: int) -> None:
        parts.append(clean.text[a:b])
        if own_ends is not None:
            materialise().extend(own_ends[a:b])
        elif ends is not None:
            ends.extend(o + 1 for o in clean.offsets[a:b])
        offsets.extend(clean.offsets[a:b])

    for start, end, replacement in ordered:
        if start < pos:  # overlapping edit: the earlier one already changed this stretch
            continue
        keep(pos, start)
        parts.append(replacement)
        origin = clean.offsets[start]
        last = clean.end_of(end - 1) if end > start else origin
        if replacement and last != origin + 1:
            materialise()
        if ends is not None:
            ends.extend(array("q", (last,)) * len(replacement))
        offsets.extend(array("q", (origin,)) * len(replacement))
        pos = end
    keep(pos, len(clean.text))
    offsets.append(clean.offsets[-1])
    if ends is not None and all(e == o + 1 for o, e in zip(offsets, ends, strict=False)):
        ends = None
    return CleanText("".join(parts), offsets, ends)


def regex_edits(
    pattern: re.Pattern[str], text: str, replace: Callable[[re.Match[str]], Sequence[Edit] | None]
) -> list[Edit]:
    """Collect the edits ``replace`` returns for each match (None = leave the match alone)."""
    edits: list[Edit] = []
    for match in pattern.finditer(text):
        found = replace(match)
        if found:
            edits.extend(found)
    return edits


def drop_groups(*groups: int | str) -> Callable[[re.Match[str]], list[Edit]]:
    """An edit maker that deletes the given groups of each match and keeps the rest."""

    def make(match: re.Match[str]) -> list[Edit]:
        return [(match.start(g), match.end(g), "") for g in groups if match.start(g) < match.end(g)]

    return make


def substitute(pattern: re.Pattern[str], clean: CleanText, replacement: str) -> CleanText:
    """Replace every match by ``replacement`` (attributed to the match's first character)."""
    return apply_edits(clean, [(m.start(), m.end(), replacement) for m in pattern.finditer(clean.text)])
