"""Which links a view shows: a filter and a search, as typed values.

Front ends offer filters as keys in a choice list (``"severity:major"``); :class:`Filter` parses and
prints those keys, so their grammar lives here and is tested without a screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from bitext.model import LINK_STATUSES, SEVERITIES, Alignment, Link

FilterKind = Literal["all", "open", "severity", "kind", "status"]


@dataclass(frozen=True, slots=True)
class Filter:
    """All links, those with an open flag (of one severity or kind), or those with one status."""

    kind: FilterKind = "all"
    value: str = ""

    @classmethod
    def parse(cls, key: str) -> Filter:
        """The filter a key names: ``all``, ``open``, ``severity:major``, ``kind:number``, ``accepted``."""
        if key == "all":
            return cls()
        if key == "open":
            return cls("open")
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
        if self.kind in ("all", "open"):
            return self.kind
        if self.kind == "status":
            return self.value
        return f"{self.kind}:{self.value}"

    @property
    def label(self) -> str:
        if self.kind == "all":
            return "all links"
        if self.kind == "open":
            return "links with open flags"
        if self.kind == "status":
            return f"links {self.value}"
        return f"open {self.value} flags"

    def keeps(self, link: Link) -> bool:
        if self.kind == "all":
            return True
        if self.kind == "status":
            return link.status == self.value
        if self.kind == "open":
            return any(f.status == "open" for f in link.flags)
        if self.kind == "severity":
            return any(f.status == "open" and f.severity == self.value for f in link.flags)
        return any(f.status == "open" and f.kind == self.value for f in link.flags)


ALL = Filter()


def filter_choices(kinds: Iterable[str]) -> list[Filter]:
    """The filters to offer for a file whose flags are of ``kinds``, in the order to show them."""
    return [
        ALL,
        Filter("open"),
        *(Filter("severity", s) for s in SEVERITIES),
        *(Filter("kind", k) for k in kinds),
        *(Filter("status", s) for s in LINK_STATUSES),
    ]


def keeper(alignment: Alignment, filter_: Filter, query: str) -> Callable[[Link], bool] | None:
    """What a filter and a search (case-insensitive, in both texts and the note) keep; None: all."""
    needle = query.casefold()
    if filter_ == ALL and not needle:
        return None

    def keep(link: Link) -> bool:
        if not filter_.keeps(link):
            return False
        if needle:
            hay = f"{alignment.source_text(link)}\n{alignment.target_text(link)}\n{link.note}"
            return needle in hay.casefold()
        return True

    return keep
