"""Relinking as typed values: attach an unlinked sentence to a link, or detach one from it.

Front ends offer relinks as keys in a choice list (``"attach:source:3"``); :class:`Relink` parses and
prints those keys, and :func:`relink_choices` says which to offer for a link.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from bitext.model import SIDE_NAMES, Alignment, Link, SideName
from bitext.text import clip

if TYPE_CHECKING:
    from bitext.review.session import ReviewSession

RelinkVerb = Literal["attach", "detach"]
RELINK_VERBS: tuple[RelinkVerb, ...] = ("attach", "detach")
NEAREST = 20  # unlinked sentences offered for attaching, the nearest to the link first
LABEL_WIDTH = 60


@dataclass(frozen=True, slots=True)
class Relink:
    verb: RelinkVerb
    side: SideName
    sentence: int

    @classmethod
    def parse(cls, key: str) -> Relink:
        parts = key.split(":")
        verb = next((v for v in RELINK_VERBS if [v] == parts[:1]), None)
        side = next((s for s in SIDE_NAMES if len(parts) == 3 and s == parts[1]), None)
        if verb is None or side is None or not parts[2].isdigit():
            raise ValueError(f"not a relink: {key!r}")
        return cls(verb, side, int(parts[2]))

    @property
    def key(self) -> str:
        return f"{self.verb}:{self.side}:{self.sentence}"

    def label(self, alignment: Alignment) -> str:
        side = alignment.side(self.side)
        text = clip(side.sentences[self.sentence].text, LABEL_WIDTH)
        return f"{self.verb} {side.lang} {self.sentence}: {text}"

    def apply(self, session: ReviewSession, link_id: int) -> str:
        """Do it on ``link_id`` (journaled) and say what was done."""
        if self.verb == "attach":
            session.attach(link_id, self.side, self.sentence)
            return f"{self.side} {self.sentence} attached to link {link_id}"
        session.detach(link_id, self.side, self.sentence)
        return f"{self.side} {self.sentence} detached from link {link_id}"


def relink_choices(link: Link, unlinked: list[tuple[SideName, int]], nearest: int = NEAREST) -> list[Relink]:
    """Detach each sentence of ``link``, or attach one of the ``nearest`` unlinked sentences."""
    detach = [Relink("detach", side, i) for side in SIDE_NAMES for i in _ids(link, side)]
    near = sorted(unlinked, key=lambda p: abs(p[1] - _anchor(link, p[0])))[:nearest]
    return detach + [Relink("attach", side, i) for side, i in near]


def _ids(link: Link, side: SideName) -> tuple[int, ...]:
    return link.source if side == "source" else link.target


def _anchor(link: Link, side: SideName) -> int:
    """Where a link sits on one side, to offer the nearest unlinked sentences first."""
    ids = _ids(link, side)
    other = link.target if side == "source" else link.source
    return ids[0] if ids else (other[0] if other else 0)
