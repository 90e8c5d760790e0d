"""A patch: the one shape every review decision takes, so that it can be journaled, replayed and undone."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Annotated, Any

import msgspec

from bitext import alignment_file
from bitext.errors import BitextError, ReviewError
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
    def from_dict(cls, raw: Any) -> Patch:
        """The patch a journal line recorded; ReviewError when the record is not one."""
        try:
            parsed = msgspec.convert(raw, _PatchRecord, strict=True)
        except msgspec.ValidationError as exc:
            raise ReviewError(f"a journal entry is not a patch ({exc})") from None
        return cls(
            start=parsed.start,
            old=tuple(_link_from(x) for x in parsed.old),
            new=tuple(_link_from(x) for x in parsed.new),
            suppress=frozenset(parsed.suppress),
            unsuppress=frozenset(parsed.unsuppress),
            edits=tuple(_edit_from(e) for e in parsed.edits),
        )

    def relocated(self, alignment: Alignment, position: dict[int, int]) -> Patch:
        """This patch at the position its old links hold now (a lost earlier entry may have moved
        them); itself when they are where it says, or when they cannot be found together."""
        if not self.old:
            return self
        at = position.get(self.old[0].id)
        if at is None or at == self.start:
            return self
        ids = tuple(link.id for link in alignment.links[at : at + len(self.old)])
        if ids != tuple(link.id for link in self.old):
            return self
        return replace(self, start=at)

    def fits_exactly(self, alignment: Alignment) -> bool:
        """Whether the links it replaces are exactly its old links, content and all (as the file
        writes them): how a journal whose header is unreadable is replayed without risk."""
        current = alignment.links[self.start : self.start + len(self.old)]
        return len(current) == len(self.old) and all(
            alignment_file.link_to_dict(a) == alignment_file.link_to_dict(b)
            for a, b in zip(current, self.old, strict=True)
        )


def _link_dict(link: Link) -> dict[str, Any]:
    # Reuse the file format's own encoding so a journal line reads like the file.
    d = alignment_file.link_to_dict(link)
    d["score"] = link.score  # unrounded: replay must reproduce the link exactly
    return d


def _link_from(raw: dict[str, Any]) -> Link:
    try:
        return alignment_file.link_from_dict(raw, "journal")
    except BitextError as exc:
        raise ReviewError(str(exc)) from None


def _sentence_dict(s: Sentence) -> dict[str, Any]:
    return alignment_file.sentence_to_dict(s)


def _sentence_from(raw: dict[str, Any]) -> Sentence:
    try:
        return alignment_file.sentence_from_dict(raw, "journal")
    except BitextError as exc:
        raise ReviewError(str(exc)) from None


def _edit_from(raw: Any) -> SentenceEdit:
    try:
        return SentenceEdit.from_dict(raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise ReviewError(f"a journal entry's sentence edit is not one ({exc})") from None


class _PatchRecord(msgspec.Struct):
    start: Annotated[int, msgspec.Meta(ge=0)]
    old: list[dict[str, Any]]
    new: list[dict[str, Any]]
    suppress: list[str] = msgspec.field(default_factory=list)
    unsuppress: list[str] = msgspec.field(default_factory=list)
    edits: list[dict[str, Any]] = msgspec.field(default_factory=list)
