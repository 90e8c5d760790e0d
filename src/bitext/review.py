"""The review session: a reviewer's decisions on an alignment file, saved as they happen.

Engine side only (no Textual): the TUI, and any other front end, drives a :class:`ReviewSession`.

Durability: every decision is appended to ``<file>.journal`` (one JSON object a line) and fsync'd
before the call returns, so a crash or ``kill -9`` loses nothing. Each journal line carries the
*patch* it made (the links it replaced and the links it put there), so replay applies recorded
effects instead of re-running operations, and an undo written after a compaction still knows what
to restore. ``compact()`` folds everything into the alignment file (atomically) and starts a fresh
journal whose header names the file content it applies to; a journal whose header does not match
the file (a crash between the two writes, or a file re-created by ``bitext align``) is set aside,
never applied twice.

A lock file ``<file>.lock`` holding the owner's pid keeps a second session read-only; a lock whose
pid is dead is stale and taken over.

Speed: a decision costs the size of its patch, not of the file. Positions, counts, unlinked sentences
and dismissed signatures are kept up to date patch by patch (:class:`_Tally`), so a front end can
redraw after every key on a 5,000-link file without a pass over the links.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Literal

from bitext import alignment_file
from bitext.atomic import atomic_write_text
from bitext.errors import BitextError
from bitext.model import Alignment, Flag, FlagStatus, Link, LinkStatus, Side

SideName = Literal["source", "target"]
JOURNAL_SUFFIX = ".journal"
LOCK_SUFFIX = ".lock"
COMPACT_EVERY = 200


class ReviewError(BitextError):
    """An operation the reviewer asked for cannot be done (the message says why)."""


class ReadOnlyError(ReviewError):
    """The session is read-only because another live session holds the lock."""


# --------------------------------------------------------------------------- patches


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
    d = alignment_file._link_to_dict(link)
    d["score"] = link.score  # unrounded: replay must reproduce the link exactly
    return d


def _link_from(raw: dict[str, Any]) -> Link:
    return alignment_file._link_from_dict(raw, "journal")


# --------------------------------------------------------------------------- lock


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def _acquire_lock(lock: Path) -> int | None:
    """Take the lock; return None on success or the pid of the live holder."""
    for _ in range(3):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                pid = int(lock.read_text(encoding="utf-8").split()[0])
            except (OSError, ValueError, IndexError):
                pid = -1  # unreadable or half-written lock: treat as stale
            if _pid_alive(pid):
                return pid
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        return None
    raise ReviewError(f"cannot take the lock {lock}; remove it if no other review is running")


# --------------------------------------------------------------------------- session


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class _Step:
    op: dict[str, Any]
    patch: Patch


@dataclass
class Counts:
    links: int
    reviewed: int
    accepted: int
    rejected: int
    open_flags: dict[str, int]
    dismissed_flags: int
    accepted_flags: int
    unlinked_source: int
    unlinked_target: int

    @property
    def open_total(self) -> int:
        return sum(self.open_flags.values())


class _Tally:
    """What the queries need, updated by each patch's old and new links instead of recounted."""

    def __init__(self, alignment: Alignment) -> None:
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

    def add(self, links: Iterable[Link]) -> None:
        for link in links:
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


@dataclass
class ReviewSession:
    """Open with :meth:`open`; every mutating method is journaled before it returns."""

    path: Path
    alignment: Alignment
    readonly: bool = False
    lock_holder: int | None = None
    cursor: int | None = None
    compact_every: int = COMPACT_EVERY
    replayed: int = 0
    warnings: list[str] = field(default_factory=list)
    last_change: Patch | None = None  # what the last operation replaced: front ends redraw only that
    _undo: list[_Step] = field(default_factory=list)
    _redo: list[_Step] = field(default_factory=list)
    _journal: IO[str] | None = None
    _ops_since_compact: int = 0
    _index: dict[int, int] = field(default_factory=dict)
    _tally: _Tally | None = None

    # ---- opening and closing

    @classmethod
    def open(cls, alignment_path: Path, *, readonly: bool = False) -> ReviewSession:
        path = Path(alignment_path)
        alignment = alignment_file.load(path)
        holder = None
        if not readonly:
            holder = _acquire_lock(lock_path(path))
            readonly = holder is not None
        session = cls(path=path, alignment=alignment, readonly=readonly, lock_holder=holder)
        session._reindex()
        file_sha = _sha(path.read_bytes())
        session._replay(file_sha)
        if not session.readonly:
            session._journal = journal_path(path).open("a", encoding="utf-8")
            if session._journal.tell() == 0:
                session._append({"op": "base", "sha": file_sha, "cursor": session.cursor}, sync=True)
        return session

    def close(self) -> None:
        """Fold the journal into the file and release the lock (read-only: just forget)."""
        if self.readonly:
            return
        if self._journal is not None:
            self.compact()
            self._journal.close()
            self._journal = None
            with contextlib.suppress(FileNotFoundError):
                lock_path(self.path).unlink()

    def __enter__(self) -> ReviewSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- journal

    def _append(self, entry: dict[str, Any], *, sync: bool) -> None:
        if self._journal is None:
            raise ReadOnlyError(self.readonly_reason())
        self._journal.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._journal.flush()
        if sync:
            os.fsync(self._journal.fileno())

    def _replay(self, file_sha: str) -> None:
        jpath = journal_path(self.path)
        if not jpath.exists():
            return
        lines = jpath.read_text(encoding="utf-8", errors="replace").splitlines()
        entries = list(_parse_lines(lines))
        if not entries:
            return
        head = entries[0]
        if head.get("op") != "base" or head.get("sha") != file_sha:
            self._set_aside(jpath, "it was written for another version of the file")
            return
        self.cursor = head.get("cursor")
        for entry in entries[1:]:
            try:
                self._replay_entry(entry)
            except (ReviewError, KeyError, TypeError, ValueError) as exc:
                self.warnings.append(f"journal replay stopped at an entry that does not fit: {exc}")
                break
            self.replayed += 1
        if len(entries) < len(lines) and not self.readonly:
            # A torn last line (killed mid-write): rewrite the journal without it so appends stay parseable.
            good = [json.dumps(e, ensure_ascii=False) for e in entries]
            atomic_write_text(jpath, "\n".join(good) + "\n")

    def _set_aside(self, jpath: Path, why: str) -> None:
        if self.readonly:
            return
        aside = jpath.with_name(jpath.name + ".stale")
        os.replace(jpath, aside)
        self.warnings.append(f"set aside {jpath.name} as {aside.name}: {why}")

    def _replay_entry(self, entry: dict[str, Any]) -> None:
        op = entry["op"]
        if op == "cursor":
            self.cursor = entry.get("link")
        elif op == "undo":
            patch = Patch.from_dict(entry["patch"])
            self._apply(patch)
            if self._undo:
                self._redo.append(self._undo.pop())
        elif op == "redo":
            patch = Patch.from_dict(entry["patch"])
            self._apply(patch)
            if self._redo:
                self._undo.append(self._redo.pop())
        else:
            patch = Patch.from_dict(entry["patch"])
            self._apply(patch)
            self._undo.append(_Step({k: v for k, v in entry.items() if k != "patch"}, patch))
            self._redo.clear()

    def compact(self) -> None:
        """Write the file with every decision folded in, then start an empty journal."""
        self._check_writable()
        text = alignment_file.dumps(self.alignment)
        atomic_write_text(self.path, text)  # written as is (no newline translation): these are its bytes
        header = {"op": "base", "sha": _sha(text.encode("utf-8")), "cursor": self.cursor}
        # Replace the journal atomically: a crash here leaves the old journal, whose header no
        # longer matches the new file, so it is set aside on the next open rather than re-applied.
        atomic_write_text(journal_path(self.path), json.dumps(header) + "\n")
        if self._journal is not None:
            self._journal.close()
        self._journal = journal_path(self.path).open("a", encoding="utf-8")
        self._ops_since_compact = 0

    # ---- plumbing

    def readonly_reason(self) -> str:
        if self.lock_holder is not None:
            return (
                f"read-only: another review session (pid {self.lock_holder}) has {self.path.name} open; "
                "close it to make changes here"
            )
        return "read-only session: changes are not saved"

    def _check_writable(self) -> None:
        if self.readonly or self._journal is None:
            raise ReadOnlyError(self.readonly_reason())

    def _reindex(self) -> None:
        self._index = {link.id: pos for pos, link in enumerate(self.alignment.links)}
        self._tally = _Tally(self.alignment)

    @property
    def tally(self) -> _Tally:
        if self._tally is None:
            self._reindex()
        assert self._tally is not None
        return self._tally

    def _apply(self, patch: Patch) -> None:
        self.alignment = patch.apply(self.alignment)
        self.last_change = patch
        tally = self.tally
        tally.remove(patch.old)
        tally.add(patch.new)
        old_ids = [link.id for link in patch.old]
        new_ids = [link.id for link in patch.new]
        if tally.max_id in old_ids and tally.max_id not in new_ids:
            tally.max_id = max(
                (link.id for link in self.alignment.links), default=-1
            )  # rare: undo of a split
        if old_ids == new_ids:
            return  # positions unchanged (status, flag, note): nothing to reindex
        # Only links from the patch on moved; the ones before it keep their positions.
        for link_id in old_ids:
            self._index.pop(link_id, None)
        links = self.alignment.links
        for pos in range(patch.start, len(links)):
            self._index[links[pos].id] = pos

    def _commit(self, op: dict[str, Any], patch: Patch) -> None:
        self._check_writable()
        self._append({**op, "patch": patch.to_dict()}, sync=True)
        self._apply(patch)
        self._undo.append(_Step(op, patch))
        self._redo.clear()
        self._tick()

    @property
    def uncompacted(self) -> int:
        """Decisions (and undos, redos) in the journal since the last compaction."""
        return self._ops_since_compact

    def _tick(self) -> None:
        self._ops_since_compact += 1
        if self.compact_every and self._ops_since_compact >= self.compact_every:
            self.compact()

    def position(self, link_id: int) -> int:
        try:
            return self._index[link_id]
        except KeyError:
            raise ReviewError(f"no link {link_id} in this alignment") from None

    def link(self, link_id: int) -> Link:
        return self.alignment.links[self.position(link_id)]

    def _replace_one(self, old: Link, new: Link, **extra: frozenset[str]) -> Patch:
        return Patch(self.position(old.id), (old,), (new,), **extra)

    # ---- link decisions

    def set_status(self, link_id: int, status: LinkStatus) -> Link:
        old = self.link(link_id)
        new = replace(old, status=status)
        self._commit({"op": "status", "link": link_id, "status": status}, self._replace_one(old, new))
        return new

    def accept(self, link_id: int) -> Link:
        return self.set_status(link_id, "accepted")

    def reject(self, link_id: int) -> Link:
        return self.set_status(link_id, "rejected")

    def reset(self, link_id: int) -> Link:
        return self.set_status(link_id, "auto")

    def note(self, link_id: int, text: str) -> Link:
        old = self.link(link_id)
        new = replace(old, note=text.strip())
        self._commit({"op": "note", "link": link_id}, self._replace_one(old, new))
        return new

    # ---- flags

    def set_flag(self, link_id: int, index: int, status: FlagStatus) -> Flag:
        old = self.link(link_id)
        if not 0 <= index < len(old.flags):
            raise ReviewError(f"link {link_id} has no flag {index}")
        flag = replace(old.flags[index], status=status)
        flags = (*old.flags[:index], flag, *old.flags[index + 1 :])
        sig = flag.signature
        suppress: frozenset[str] = frozenset()
        unsuppress: frozenset[str] = frozenset()
        if status == "dismissed" and sig not in self.alignment.suppressions:
            suppress = frozenset({sig})
        elif status != "dismissed" and sig in self.alignment.suppressions:
            # Keep the suppression while another flag with the same signature stays dismissed.
            others = self.tally.dismissed_sigs[sig] - (old.flags[index].status == "dismissed")
            if others <= 0:
                unsuppress = frozenset({sig})
        patch = self._replace_one(old, replace(old, flags=flags), suppress=suppress, unsuppress=unsuppress)
        self._commit({"op": "flag", "link": link_id, "index": index, "status": status}, patch)
        return flag

    def dismiss_flag(self, link_id: int, index: int) -> Flag:
        return self.set_flag(link_id, index, "dismissed")

    def accept_flag(self, link_id: int, index: int) -> Flag:
        return self.set_flag(link_id, index, "accepted")

    # ---- relinking

    def attach(self, link_id: int, side: SideName, sentence: int) -> Link:
        """Move an unlinked sentence into a link (the reviewer built this link, so it is accepted)."""
        target = self.link(link_id)
        n = len(_side(self.alignment, side).sentences)
        if not 0 <= sentence < n:
            raise ReviewError(f"there is no {side} sentence {sentence}")
        if sentence in getattr(target, side):
            raise ReviewError(f"{side} sentence {sentence} is already in link {link_id}")
        holder = self._holder(side, sentence)
        if holder is not None and getattr(holder, _other(side)):
            raise ReviewError(
                f"{side} sentence {sentence} is linked in link {holder.id}; detach it there first"
            )
        ids = tuple(sorted((*getattr(target, side), sentence)))
        new_target = self._rebuilt(_with_side(target, side, ids))
        positions = {self.position(link_id)}
        replaced: dict[int, Link | None] = {link_id: new_target}
        if holder is not None:
            rest = tuple(i for i in getattr(holder, side) if i != sentence)
            positions.add(self.position(holder.id))
            keep = rest or getattr(holder, _other(side))
            replaced[holder.id] = _with_side(holder, side, rest) if keep else None
        lo, hi = min(positions), max(positions)
        old = self.alignment.links[lo : hi + 1]
        new = tuple(x for x in (replaced.get(lk.id, lk) for lk in old) if x is not None)
        op = {"op": "attach", "link": link_id, "side": side, "sentence": sentence}
        self._commit(op, Patch(lo, old, new))
        return new_target

    def detach(self, link_id: int, side: SideName, sentence: int) -> Link:
        """Take a sentence out of a link; it becomes an unaligned link of its own, in order."""
        old_link = self.link(link_id)
        ids = getattr(old_link, side)
        if sentence not in ids:
            raise ReviewError(f"{side} sentence {sentence} is not in link {link_id}")
        rest = tuple(i for i in ids if i != sentence)
        changed = self._rebuilt(_with_side(old_link, side, rest))
        alone = (sentence,)
        loose = Link(
            id=self._next_id(),
            source=alone if side == "source" else (),
            target=alone if side == "target" else (),
            score=0.0,
        )
        pos = self.position(link_id)
        # Place the loose sentence before or after its old link, whichever keeps that side in order.
        pair = (loose, changed) if rest and sentence < min(rest) else (changed, loose)
        new = tuple(x for x in pair if x.source or x.target)
        op = {"op": "detach", "link": link_id, "side": side, "sentence": sentence}
        self._commit(op, Patch(pos, (old_link,), new))
        return changed

    def split(
        self, link_id: int, source_at: int | None = None, target_at: int | None = None
    ) -> tuple[Link, Link]:
        """Split a link in two: the first ``source_at`` source and ``target_at`` target sentences go first."""
        self._translation_only("split")
        old = self.link(link_id)
        s_at = (len(old.source) + 1) // 2 if source_at is None else source_at
        t_at = (len(old.target) + 1) // 2 if target_at is None else target_at
        if not (0 <= s_at <= len(old.source) and 0 <= t_at <= len(old.target)):
            raise ReviewError(f"cannot split link {link_id} at source {s_at}, target {t_at}")
        first = self._rebuilt(old, replace(old, source=old.source[:s_at], target=old.target[:t_at]))
        second = self._rebuilt(
            old, replace(old, id=self._next_id(), note="", source=old.source[s_at:], target=old.target[t_at:])
        )
        if not (first.source or first.target) or not (second.source or second.target):
            raise ReviewError(f"link {link_id} has a single sentence; there is nothing to split")
        op = {"op": "split", "link": link_id, "source_at": s_at, "target_at": t_at}
        self._commit(op, Patch(self.position(link_id), (old,), (first, second)))
        return first, second

    def merge(self, link_id: int) -> Link:
        """Merge a link with the next one."""
        self._translation_only("merge")
        pos = self.position(link_id)
        if pos + 1 >= len(self.alignment.links):
            raise ReviewError(f"link {link_id} is the last link; there is no next link to merge with")
        a, b = self.alignment.links[pos], self.alignment.links[pos + 1]
        note = " / ".join(n for n in (a.note, b.note) if n)
        merged = self._rebuilt(
            replace(a, flags=a.flags + b.flags),
            replace(
                a,
                note=note,
                source=tuple(sorted(a.source + b.source)),
                target=tuple(sorted(a.target + b.target)),
            ),
        )
        self._commit({"op": "merge", "link": link_id, "with": b.id}, Patch(pos, (a, b), (merged,)))
        return merged

    def _translation_only(self, what: str) -> None:
        if self.alignment.mode != "translation":
            raise ReviewError(
                f"{what} is for translation alignments; in summary mode attach/detach sentences"
            )

    def _rebuilt(self, link: Link, shaped: Link | None = None) -> Link:
        """``shaped`` (the link with new sentence ids), accepted, keeping ``link``'s flags whose excerpts
        are still in its texts, their spans found again (the reviewer built this link)."""
        new = replace(shaped or link, status="accepted")
        src, tgt = self.alignment.source_text(new), self.alignment.target_text(new)
        kept = []
        for flag in link.flags:
            s_span = _find(src, flag.source_excerpt)
            t_span = _find(tgt, flag.target_excerpt)
            if (flag.source_excerpt and s_span is None) or (flag.target_excerpt and t_span is None):
                continue
            kept.append(replace(flag, source_span=s_span, target_span=t_span))
        return replace(new, flags=tuple(kept))

    def _holder(self, side: SideName, sentence: int) -> Link | None:
        """The first link (in order) that holds ``sentence`` on ``side``."""
        held = self.tally.holders[side].get(sentence)
        if not held:
            return None
        return self.link(min(held, key=self.position))

    def _next_id(self) -> int:
        return self.tally.max_id + 1

    # ---- cursor, undo, redo

    def move_cursor(self, link_id: int | None) -> None:
        """Remember where the reviewer is; not a decision, so appended without fsync."""
        if link_id == self.cursor:
            return
        self.cursor = link_id
        if not self.readonly and self._journal is not None:
            self._append({"op": "cursor", "link": link_id}, sync=False)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> dict[str, Any] | None:
        """Undo the last decision; return its description (None if there was nothing to undo)."""
        self._check_writable()
        if not self._undo:
            return None
        step = self._undo[-1]
        inverse = step.patch.inverse()
        self._append({"op": "undo", "of": step.op.get("op"), "patch": inverse.to_dict()}, sync=True)
        self._apply(inverse)
        self._redo.append(self._undo.pop())
        self._tick()
        return step.op

    def redo(self) -> dict[str, Any] | None:
        self._check_writable()
        if not self._redo:
            return None
        step = self._redo[-1]
        self._append({"op": "redo", "of": step.op.get("op"), "patch": step.patch.to_dict()}, sync=True)
        self._apply(step.patch)
        self._undo.append(self._redo.pop())
        self._tick()
        return step.op

    # ---- queries

    def counts(self) -> Counts:
        """The same figures as :func:`counts`, from the running tally (no pass over the links)."""
        t = self.tally
        open_flags = {k: v for k, v in t.open_flags.items() if v > 0}
        return Counts(
            links=len(self.alignment.links),
            reviewed=t.status["accepted"] + t.status["rejected"],
            accepted=t.status["accepted"],
            rejected=t.status["rejected"],
            open_flags=dict(sorted(open_flags.items(), key=lambda kv: (-kv[1], kv[0]))),
            dismissed_flags=t.flag_status["dismissed"],
            accepted_flags=t.flag_status["accepted"],
            unlinked_source=len(t.unlinked["source"]),
            unlinked_target=len(t.unlinked["target"]),
        )

    def flag_kinds(self) -> list[str]:
        """Kinds of the flags in the file, whatever their status."""
        return sorted(k for k, v in self.tally.kinds.items() if v > 0)

    def has_open_flag(self, link_id: int) -> bool:
        return link_id in self.tally.flagged

    def unlinked(self) -> list[tuple[SideName, int]]:
        """Sentences with no partner, body side first (the longer side: the article of a summary)."""
        unlinked = self.tally.unlinked
        src: list[tuple[SideName, int]] = [("source", i) for i in sorted(unlinked["source"])]
        tgt: list[tuple[SideName, int]] = [("target", i) for i in sorted(unlinked["target"])]
        body_first = len(self.alignment.source.sentences) >= len(self.alignment.target.sentences)
        return src + tgt if body_first else tgt + src


def counts(alignment: Alignment) -> Counts:
    open_flags: Counter[str] = Counter()
    dismissed = accepted_flags = 0
    status: Counter[str] = Counter()
    for link in alignment.links:
        status[link.status] += 1
        for flag in link.flags:
            if flag.status == "open":
                open_flags[flag.kind] += 1
            elif flag.status == "dismissed":
                dismissed += 1
            else:
                accepted_flags += 1
    return Counts(
        links=len(alignment.links),
        reviewed=status["accepted"] + status["rejected"],
        accepted=status["accepted"],
        rejected=status["rejected"],
        open_flags=dict(sorted(open_flags.items(), key=lambda kv: (-kv[1], kv[0]))),
        dismissed_flags=dismissed,
        accepted_flags=accepted_flags,
        unlinked_source=len(alignment.unlinked_source()),
        unlinked_target=len(alignment.unlinked_target()),
    )


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + JOURNAL_SUFFIX)


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + LOCK_SUFFIX)


def _side(alignment: Alignment, side: SideName) -> Side:
    return alignment.source if side == "source" else alignment.target


def _sides(link: Link) -> tuple[tuple[SideName, tuple[int, ...], tuple[int, ...]], ...]:
    """(side, its sentence ids, the other side's ids) for both sides of a link."""
    return (("source", link.source, link.target), ("target", link.target, link.source))


def _with_side(link: Link, side: SideName, ids: tuple[int, ...]) -> Link:
    return replace(link, source=ids) if side == "source" else replace(link, target=ids)


def _other(side: SideName) -> SideName:
    return "target" if side == "source" else "source"


def _find(text: str, excerpt: str) -> tuple[int, int] | None:
    if not excerpt:
        return None
    at = text.find(excerpt)
    return None if at < 0 else (at, at + len(excerpt))


def _parse_lines(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Journal entries up to the first line that does not parse (a write torn by a crash)."""
    for line in lines:
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            return
        if not isinstance(entry, dict) or "op" not in entry:
            return
        yield entry


# --------------------------------------------------------------------------- carry-over


def carry_over(old: Alignment, new: Alignment) -> Alignment:
    """Keep a reviewer's work across a re-alignment of a changed document.

    A new link whose sentence texts are the same on both sides as an old link's gets that link's
    status, note and flag decisions (matched by flag signature). Suppressions are kept whole, so a
    dismissed flag stays dismissed wherever it appears again.
    """
    by_texts: dict[tuple[tuple[str, ...], tuple[str, ...]], list[Link]] = {}
    for link in old.links:
        by_texts.setdefault(_texts_key(old, link), []).append(link)
    suppressions = old.suppressions | new.suppressions
    links = []
    for link in new.links:
        matches = by_texts.get(_texts_key(new, link))
        prior = matches.pop(0) if matches else None
        decided = {f.signature: f.status for f in prior.flags} if prior else {}
        flags = []
        for flag in link.flags:
            status = decided.get(flag.signature, flag.status)
            if flag.signature in suppressions:
                status = "dismissed"
            flags.append(replace(flag, status=status))
        if prior is not None:
            link = replace(link, status=prior.status, note=prior.note)
        links.append(replace(link, flags=tuple(flags)))
    return replace(new, links=tuple(links), suppressions=suppressions)


def _texts_key(alignment: Alignment, link: Link) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(alignment.source.texts(link.source)), tuple(alignment.target.texts(link.target))
