"""Counts of a review, kept up to date patch by patch instead of recounted.

A decision costs the size of its patch, not of the file: positions, counts, unlinked sentences and
dismissed signatures follow each patch's old and new links, so a front end can redraw after every
key on a 5,000-link file without a pass over the links.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bitext.model import Alignment, Link, SideName


@dataclass
class Counts:
    links: int
    reviewed: int
    accepted: int
    rejected: int
    open_flags: dict[str, int]
    dismissed_flags: int
    confirmed_flags: int
    unlinked_source: int
    unlinked_target: int

    @property
    def open_total(self) -> int:
        return sum(self.open_flags.values())


def counts(alignment: Alignment) -> Counts:
    """The counts of an alignment, by one pass over its links."""
    open_flags: Counter[str] = Counter()
    dismissed = confirmed_flags = 0
    status: Counter[str] = Counter()
    for link in alignment.links:
        status[link.status] += 1
        for flag in link.flags:
            if flag.status == "open":
                open_flags[flag.kind] += 1
            elif flag.status == "dismissed":
                dismissed += 1
            else:
                confirmed_flags += 1
    return Counts(
        links=len(alignment.links),
        reviewed=status["accepted"] + status["rejected"],
        accepted=status["accepted"],
        rejected=status["rejected"],
        open_flags=_most_first(open_flags),
        dismissed_flags=dismissed,
        confirmed_flags=confirmed_flags,
        unlinked_source=len(alignment.unlinked_source()),
        unlinked_target=len(alignment.unlinked_target()),
    )


def _most_first(open_flags: Counter[str]) -> dict[str, int]:
    kept = {k: v for k, v in open_flags.items() if v > 0}
    return dict(sorted(kept.items(), key=lambda kv: (-kv[1], kv[0])))


class Tally:
    """What the session's queries need, updated by each patch's old and new links."""

    def __init__(self, alignment: Alignment) -> None:
        self.links = 0
        self.status: Counter[str] = Counter()
        self.open_flags: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()  # every flag, whatever its status (the filter lists these)
        self.flag_status: Counter[str] = Counter()
        self.dismissed_sigs: Counter[str] = Counter()
        self.flagged: set[int] = set()  # links with an open flag
        # Per side: for each sentence, the ids of the links holding it, and how many of them are paired
        # (have the other side too); a sentence held by no paired link is unlinked.
        self.holders: dict[SideName, dict[int, set[int]]] = {"source": {}, "target": {}}
        self.paired: dict[SideName, Counter[int]] = {"source": Counter(), "target": Counter()}
        self.unlinked: dict[SideName, set[int]] = {
            "source": {s.id for s in alignment.source.sentences},
            "target": {s.id for s in alignment.target.sentences},
        }
        self.max_id = -1
        self.add(alignment.links)

    def counts(self) -> Counts:
        """The same figures as :func:`counts`, without a pass over the links."""
        return Counts(
            links=self.links,
            reviewed=self.status["accepted"] + self.status["rejected"],
            accepted=self.status["accepted"],
            rejected=self.status["rejected"],
            open_flags=_most_first(self.open_flags),
            dismissed_flags=self.flag_status["dismissed"],
            confirmed_flags=self.flag_status["confirmed"],
            unlinked_source=len(self.unlinked["source"]),
            unlinked_target=len(self.unlinked["target"]),
        )

    def add(self, links: Iterable[Link]) -> None:
        for link in links:
            self.links += 1
            self.status[link.status] += 1
            self.max_id = max(self.max_id, link.id)
            has_open = False
            for flag in link.flags:
                self.kinds[flag.kind] += 1
                self.flag_status[flag.status] += 1
                if flag.status == "open":
                    self.open_flags[flag.kind] += 1
                    has_open = True
                elif flag.status == "dismissed":
                    self.dismissed_sigs[flag.signature] += 1
            if has_open:
                self.flagged.add(link.id)
            for side, ids, other in _sides(link):
                holders, paired = self.holders[side], self.paired[side]
                for i in ids:
                    holders.setdefault(i, set()).add(link.id)
                    if other:
                        paired[i] += 1
                        self.unlinked[side].discard(i)

    def remove(self, links: Iterable[Link]) -> None:
        for link in links:
            self.links -= 1
            self.status[link.status] -= 1
            for flag in link.flags:
                self.kinds[flag.kind] -= 1
                self.flag_status[flag.status] -= 1
                if flag.status == "open":
                    self.open_flags[flag.kind] -= 1
                elif flag.status == "dismissed":
                    self.dismissed_sigs[flag.signature] -= 1
            self.flagged.discard(link.id)
            for side, ids, other in _sides(link):
                holders, paired = self.holders[side], self.paired[side]
                for i in ids:
                    held = holders.get(i)
                    if held is not None:
                        held.discard(link.id)
                        if not held:
                            del holders[i]
                    if other:
                        paired[i] -= 1
                        if paired[i] <= 0:
                            del paired[i]
                            self.unlinked[side].add(i)


def _sides(link: Link) -> tuple[tuple[SideName, tuple[int, ...], tuple[int, ...]], ...]:
    """(side, its sentence ids, the other side's ids) for both sides of a link."""
    return (("source", link.source, link.target), ("target", link.target, link.source))
