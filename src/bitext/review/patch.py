"""A patch: the one shape every review decision takes, so that it can be journaled, replayed and undone."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from bitext import alignment_file
from bitext.errors import ReviewError
from bitext.model import Alignment, Link


@dataclass(frozen=True, slots=True)
class Patch:
    """Replace ``links[start:start+len(old)]`` by ``new`` and adjust suppressions.

    ``old`` is kept whole so the patch can be inverted (undo) and checked on replay.
    """

    start: int
    old: tuple[Link, ...]
    new: tuple[Link, ...]
    suppress: frozenset[str] = frozenset()
    unsuppress: frozenset[str] = frozenset()

    def inverse(self) -> Patch:
        return Patch(self.start, self.new, self.old, self.unsuppress, self.suppress)

    def apply(self, alignment: Alignment) -> Alignment:
        links = alignment.links
        end = self.start + len(self.old)
        current = tuple(link.id for link in links[self.start : end])
        if current != tuple(link.id for link in self.old):
            raise ReviewError(
                f"journal does not fit the alignment (links {current} where {[x.id for x in self.old]} "
                "were expected)"
            )
        suppressions = (alignment.suppressions - self.unsuppress) | self.suppress
        return replace(
            alignment, links=links[: self.start] + self.new + links[end:], suppressions=suppressions
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "old": [_link_dict(link) for link in self.old],
            "new": [_link_dict(link) for link in self.new],
            "suppress": sorted(self.suppress),
            "unsuppress": sorted(self.unsuppress),
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Patch:
        return cls(
            start=int(raw["start"]),
            old=tuple(_link_from(x) for x in raw["old"]),
            new=tuple(_link_from(x) for x in raw["new"]),
            suppress=frozenset(raw.get("suppress", ())),
            unsuppress=frozenset(raw.get("unsuppress", ())),
        )


def _link_dict(link: Link) -> dict[str, Any]:
    # Reuse the file format's own encoding so a journal line reads like the file.
    d = alignment_file.link_to_dict(link)
    d["score"] = link.score  # unrounded: replay must reproduce the link exactly
    return d


def _link_from(raw: dict[str, Any]) -> Link:
    return alignment_file.link_from_dict(raw, "journal")
