"""A patch: the one shape every review decision takes, so that it can be journaled, replayed and undone."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from bitext import alignment_file
from bitext.errors import ReviewError
from bitext.model import SIDE_NAMES, Alignment, Link, Sentence, SideName


@dataclass(frozen=True, slots=True)
class SentenceEdit:
    """A reviewer's correction of one sentence's text (``new.original`` keeps the text as read)."""

    side: SideName
    old: Sentence
    new: Sentence

    def inverse(self) -> SentenceEdit:
        return SentenceEdit(self.side, self.new, self.old)

    def to_dict(self) -> dict[str, Any]:
        return {"side": self.side, "old": _sentence_dict(self.old), "new": _sentence_dict(self.new)}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> SentenceEdit:
        side = next((s for s in SIDE_NAMES if s == raw["side"]), None)
        if side is None:
            raise ValueError(f"not a side: {raw['side']!r}")
        return cls(side, _sentence_from(raw["old"]), _sentence_from(raw["new"]))


@dataclass(frozen=True, slots=True)
class Patch:
    """Replace ``links[start:start+len(old)]`` by ``new``, adjust suppressions, and edit sentences.

    ``old`` (and each edit's old sentence) is kept whole so the patch can be inverted (undo) and
    checked on replay.
    """

    start: int
    old: tuple[Link, ...]
    new: tuple[Link, ...]
    suppress: frozenset[str] = frozenset()
    unsuppress: frozenset[str] = frozenset()
    edits: tuple[SentenceEdit, ...] = ()

    def inverse(self) -> Patch:
        edits = tuple(e.inverse() for e in reversed(self.edits))
        return Patch(self.start, self.new, self.old, self.unsuppress, self.suppress, edits)

    def apply(self, alignment: Alignment) -> Alignment:
        for edit in self.edits:
            side = alignment.side(edit.side)
            at = edit.old.id
            if at >= len(side.sentences) or side.sentences[at] != edit.old:
                raise ReviewError(f"journal does not fit the alignment ({edit.side} sentence {at} differs)")
            edited = replace(side, sentences=(*side.sentences[:at], edit.new, *side.sentences[at + 1 :]))
            if edit.side == "source":
                alignment = replace(alignment, source=edited)
            else:
                alignment = replace(alignment, target=edited)
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
            **({"edits": [e.to_dict() for e in self.edits]} if self.edits else {}),
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Patch:
        return cls(
            start=int(raw["start"]),
            old=tuple(_link_from(x) for x in raw["old"]),
            new=tuple(_link_from(x) for x in raw["new"]),
            suppress=frozenset(raw.get("suppress", ())),
            unsuppress=frozenset(raw.get("unsuppress", ())),
            edits=tuple(SentenceEdit.from_dict(e) for e in raw.get("edits", ())),
        )


def _link_dict(link: Link) -> dict[str, Any]:
    # Reuse the file format's own encoding so a journal line reads like the file.
    d = alignment_file.link_to_dict(link)
    d["score"] = link.score  # unrounded: replay must reproduce the link exactly
    return d


def _link_from(raw: dict[str, Any]) -> Link:
    return alignment_file.link_from_dict(raw, "journal")


def _sentence_dict(s: Sentence) -> dict[str, Any]:
    return alignment_file.sentence_to_dict(s)


def _sentence_from(raw: dict[str, Any]) -> Sentence:
    return alignment_file.sentence_from_dict(raw, "journal")
