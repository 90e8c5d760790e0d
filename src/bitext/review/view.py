"""Which links a view shows, and in which order: filters, a search and a sort, as typed values.

Front ends offer filters as keys in a choice list (``"severity:major"``); :class:`Filter` parses and
prints those keys, so their grammar lives here and is tested without a screen. Several filters combine
(a link must pass each). A search looks in both texts and the note, case-insensitively, and also by the
rough phonetic key the name check uses, so "Goto" finds "Qoto" and "Ismailov" finds "İsmayılov".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from bitext.model import LINK_STATUSES, SEVERITIES, SEVERITY_RANK, Alignment, Flag, Link

FilterKind = Literal["all", "open", "confirmed", "noted", "edited", "severity", "kind", "status"]
SortKey = Literal["document", "score", "severity"]
SORTS: dict[SortKey, str] = {
    "document": "document order",
    "score": "score, lowest first",
    "severity": "worst flag first",
}
_SIMPLE: tuple[FilterKind, ...] = ("open", "confirmed", "noted", "edited")
_WORD = re.compile(r"\w+")
MIN_FOLDED = 3  # a phonetic key shorter than this matches too much to be useful


def _counted(flag: Flag) -> bool:
    return flag.status != "dismissed"


@dataclass(frozen=True, slots=True)
class Filter:
    """A set of links: all, with an open (or confirmed) flag, of one severity or check, one status, with a
    note, or with an edited sentence."""

    kind: FilterKind = "all"
    value: str = ""

    @classmethod
    def parse(cls, key: str) -> Filter:
        """The filter a key names: ``all``, ``open``, ``confirmed``, ``noted``, ``edited``,
        ``severity:major``, ``kind:number``, ``accepted``."""
        if key == "all":
            return cls()
        simple = next((k for k in _SIMPLE if k == key), None)
        if simple is not None:
            return cls(simple)
        if key in LINK_STATUSES:
            return cls("status", key)
        attr, sep, value = key.partition(":")
        if sep and value and attr == "severity" and value in SEVERITIES:
            return cls("severity", value)
        if sep and value and attr == "kind":
            return cls("kind", value)
        raise ValueError(f"not a filter: {key!r}")

    @property
    def key(self) -> str:
        if self.kind == "all" or self.kind in _SIMPLE:
            return self.kind
        if self.kind == "status":
            return self.value
        return f"{self.kind}:{self.value}"

    @property
    def label(self) -> str:
        labels = {
            "all": "all links",
            "open": "links with open flags",
            "confirmed": "links with confirmed errors",
            "noted": "links with a note",
            "edited": "links with an edited sentence",
        }
        if self.kind in labels:
            return labels[self.kind]
        if self.kind == "status":
            return f"links {self.value}"
        return f"{self.value} flags (open or confirmed)"

    def keeps(self, alignment: Alignment, link: Link) -> bool:
        if self.kind == "all":
            return True
        if self.kind == "status":
            return link.status == self.value
        if self.kind == "open":
            return any(f.status == "open" for f in link.flags)
        if self.kind == "confirmed":
            return any(f.status == "confirmed" for f in link.flags)
        if self.kind == "noted":
            return bool(link.note)
        if self.kind == "edited":
            return any(alignment.source.sentences[i].edited for i in link.source) or any(
                alignment.target.sentences[i].edited for i in link.target
            )
        if self.kind == "severity":
            return any(_counted(f) and f.severity == self.value for f in link.flags)
        return any(_counted(f) and f.kind == self.value for f in link.flags)


ALL = Filter()


def filter_choices(kinds: Iterable[str]) -> list[Filter]:
    """The filters to offer for a file whose flags are of ``kinds``, in the order to show them."""
    return [
        ALL,
        Filter("open"),
        Filter("confirmed"),
        *(Filter("severity", s) for s in SEVERITIES),
        *(Filter("kind", k) for k in kinds),
        *(Filter("status", s) for s in LINK_STATUSES),
        Filter("noted"),
        Filter("edited"),
    ]


def filter_counts(alignment: Alignment, filters: Sequence[Filter]) -> dict[Filter, int]:
    """How many links each filter keeps (for the choice list: a reviewer sees what a filter would give)."""
    return {f: sum(1 for link in alignment.links if f.keeps(alignment, link)) for f in filters}


def combined_label(filters: Sequence[Filter]) -> str:
    """What a combination of filters shows, in words ("major flags (open or confirmed) + links accepted")."""
    active = [f for f in filters if f != ALL]
    return " + ".join(f.label for f in active) if active else ALL.label


# --- search ------------------------------------------------------------------------------------------


def _skeleton(word: str) -> str:
    from bitext.text import skeleton  # the name check's phonetic key: one folding for both

    return skeleton(word)


@dataclass(frozen=True)
class Query:
    """A search: plain (case-insensitive substring) or, word by word, by phonetic key."""

    text: str

    @property
    def needle(self) -> str:
        return self.text.casefold()

    def keys(self) -> list[str]:
        return [k for k in (_skeleton(w) for w in _WORD.findall(self.text)) if len(k) >= MIN_FOLDED]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the search matches in ``text``: the substring, else each word matching a query word's key."""
        needle = self.needle
        if not needle:
            return []
        folded = text.casefold()
        found: list[tuple[int, int]] = []
        at = folded.find(needle)
        while at >= 0:
            found.append((at, at + len(needle)))
            at = folded.find(needle, at + 1)
        if found or len(folded) != len(text):  # casefold changed lengths: substring offsets unreliable
            return found
        keys = self.keys()
        if not keys:
            return []
        for m in _WORD.finditer(text):
            word_key = _skeleton(m.group())
            if any(word_key.startswith(k) for k in keys):
                found.append((m.start(), m.end()))
        return found

    def matches(self, alignment: Alignment, link: Link) -> bool:
        hay = f"{alignment.source_text(link)}\n{alignment.target_text(link)}\n{link.note}"
        if self.needle in hay.casefold():
            return True
        keys = self.keys()
        if not keys:
            return False
        words = {_skeleton(w) for w in _WORD.findall(hay)}
        return all(any(w.startswith(k) for w in words) for k in keys)


def keeper(
    alignment: Alignment, filters: Filter | Sequence[Filter], query: str
) -> Callable[[Link], bool] | None:
    """What the filters (all of them) and a search keep; None: all."""
    active = [f for f in ([filters] if isinstance(filters, Filter) else filters) if f != ALL]
    search = Query(query.strip())
    if not active and not search.needle:
        return None

    def keep(link: Link) -> bool:
        if not all(f.keeps(alignment, link) for f in active):
            return False
        return not search.needle or search.matches(alignment, link)

    return keep


# --- sort --------------------------------------------------------------------------------------------


def sort_links(links: Sequence[Link], key: SortKey) -> list[Link]:
    """``links`` in document order, by score (lowest first: the doubtful ones), or worst flag first."""
    if key == "score":
        return sorted(links, key=lambda lk: lk.score)
    if key == "severity":

        def rank(link: Link) -> int:
            counted = [SEVERITY_RANK[f.severity] for f in link.flags if _counted(f)]
            return min(counted, default=len(SEVERITY_RANK))

        return sorted(links, key=rank)
    return list(links)
