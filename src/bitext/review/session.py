"""The review session: a reviewer's decisions on an alignment file, saved as they happen.

Engine side only (no Textual): the TUI, and any other front end, drives a :class:`ReviewSession`.

Durability: every decision is appended to the journal (:mod:`bitext.review.journal`) and fsync'd
before the call returns, so a crash or ``kill -9`` loses nothing. Each journal line carries the
*patch* it made (:mod:`bitext.review.patch`), so replay applies recorded effects instead of
re-running operations, and an undo written after a compaction still knows what to restore.
``compact()`` folds everything into the alignment file (atomically) and starts a fresh journal.
A second session on the same file is read-only (:mod:`bitext.review.lock`). Counts are kept patch by
patch (:mod:`bitext.review.tally`).
"""

from __future__ import annotations

import contextlib
import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bitext import alignment_file
from bitext.atomic import atomic_write_text
from bitext.errors import BitextError, ReadOnlyError, ReviewError
from bitext.limits import read_input
from bitext.model import (
    SEVERITIES,
    SEVERITY_RANK,
    Alignment,
    Flag,
    FlagStatus,
    Link,
    LinkStatus,
    Severity,
    SideName,
    reapply_decisions,
)
from bitext.review import journal as journals
from bitext.review import lock as locks
from bitext.review.journal import Journal, content_sha
from bitext.review.patch import Patch, SentenceEdit
from bitext.review.recheck import recheck
from bitext.review.rescore import Rescored
from bitext.review.tally import Counts, Tally

COMPACT_EVERY = 200


def default_reviewer() -> str:
    """Who is reviewing: ``$BITEXT_REVIEWER``, else the login name."""
    name = os.environ.get("BITEXT_REVIEWER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without a passwd entry)
        return ""


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass
class _Step:
    op: dict[str, Any]
    patch: Patch


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
    reviewer: str = field(default_factory=default_reviewer)  # stamped on each link a decision changes
    clock: Callable[[], str] = now_iso
    _undo: list[_Step] = field(default_factory=list)
    _redo: list[_Step] = field(default_factory=list)
    recovered: int = 0  # decisions replayed from the journal when the session opened
    lost: int = 0  # journal records that could not be read or no longer fit the file
    _journal: Journal | None = None  # open for appending while the session may write
    _lock: locks.Lock | None = None  # held for the whole session
    _refusal: locks.Refusal | None = None  # why the lock was not taken (a read-only session)
    _ops_since_compact: int = 0
    _index: dict[int, int] = field(default_factory=dict)
    _tally: Tally | None = None

    # ---- opening and closing

    @classmethod
    def open(cls, alignment_path: Path, *, readonly: bool = False) -> ReviewSession:
        path = Path(alignment_path)
        lock = locks.Lock(path)
        refusal = None if readonly else lock.acquire()
        # Read after the lock is ours: a writer that held it has finished with the file.
        data = read_input(path, "alignment file (.json) written by 'bitext align'")
        try:
            alignment = alignment_file.loads(data, origin=str(path))
        except BaseException:
            lock.release()
            raise
        session = cls(
            path=path,
            alignment=alignment,
            readonly=readonly or refusal is not None,
            lock_holder=refusal.pid if refusal is not None and refusal.held else None,
        )
        session._lock = lock if lock.held else None
        session._refusal = refusal
        session._reindex()
        file_sha = content_sha(data)
        journal = Journal(path)
        fold = session._replay(journal, file_sha)
        if not session.readonly:
            journal.open(journals.header(file_sha, session.cursor))
            session._journal = journal
            if fold:
                session._fold_recovered()
        return session

    def close(self) -> None:
        """Fold the journal into the file and release the lock (read-only: just forget).

        If the fold fails (a full disk), the error is raised after the lock is released: the
        decisions stay in the journal, and the next session replays them.
        """
        if self.readonly:
            return
        try:
            if self._journal is not None:
                self.compact()
        finally:
            if self._journal is not None:
                self._journal.close()
                self._journal = None
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> ReviewSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- journal

    def _append(self, entry: dict[str, Any], *, sync: bool) -> None:
        self._writable_journal().append(entry, sync=sync)

    def _replay(self, journal: Journal, file_sha: str) -> bool:
        """Replay every intact record of the journal; return whether the journal must be folded into
        the file and started afresh (a torn last line, or damage: then it is also set aside)."""
        contents = journal.read()
        entries = contents.entries
        if not entries:
            return contents.torn
        head = entries[0]
        strict = False
        if head is not None and head.get("op") == "base":
            if head.get("sha") != file_sha:
                if not self.readonly:
                    aside = journal.set_aside()
                    self.warnings.append(
                        f"set aside {journal.path.name} as {aside.name}: "
                        "it was written for another version of the file"
                    )
                return False
            self.cursor = _cursor(head.get("cursor"))
            body = entries[1:]
        else:
            # Which version of the file the journal was written for cannot be read: replay only the
            # decisions whose links are, content and all, those the file holds.
            strict = True
            body = entries[1:] if head is None else entries
        recovered = lost = 0
        for entry in body:
            if entry is None:
                lost += 1
                continue
            try:
                decision = self._replay_entry(entry, strict=strict)
            except (ReviewError, KeyError, TypeError, ValueError):
                lost += 1
                continue
            self.replayed += 1
            recovered += decision
        self.recovered, self.lost = recovered, lost
        damaged = lost > 0 or strict
        if not damaged:
            if recovered and (contents.torn or not self.readonly):
                self.warnings.append(
                    f"recovered {recovered} decision(s) the last session had not yet saved in the file"
                )
            return contents.torn
        self._undo.clear()  # with records missing, the order of what is left no longer undoes safely
        self._redo.clear()
        what = "its header" if strict and not lost else f"{lost} record(s) could not be read or no longer fit"
        message = f"the journal {journal.path.name} was damaged ({what}): {recovered} decision(s) recovered"
        if lost:
            message += f", {lost} lost"
        if self.readonly:
            self.warnings.append(message + " (read-only: the journal is left as it is)")
            return False
        kept = journal.keep_copy("damaged")
        if kept is None:
            self.warnings.append(message + "; it could not be copied aside, so it is kept in place")
            return False
        self.warnings.append(message + f"; the damaged journal is kept as {kept.name}")
        return True

    def _fold_recovered(self) -> None:
        """Write what the journal gave back into the file and start a new journal."""
        try:
            self.compact()
        except (BitextError, OSError) as exc:
            self.warnings.append(
                f"could not write the recovered decisions into {self.path.name} ({exc}); "
                "they stay in the journal"
            )

    def _replay_entry(self, entry: dict[str, Any], *, strict: bool) -> bool:
        """Apply one journal entry; True when it was a decision (False: the cursor, a header)."""
        op = entry["op"]
        if op == "cursor":
            self.cursor = _cursor(entry.get("link"))
            return False
        if op == "base":
            return False
        patch = Patch.from_dict(entry["patch"]).relocated(self.alignment, self._index)
        if strict and not patch.fits_exactly(self.alignment):
            raise ReviewError("a journal entry does not fit the file")
        self._apply(patch)
        if op == "rescore":
            return False  # the encoder's figures, not a decision: no undo step of its own
        if op == "undo":
            if self._undo:
                self._redo.append(self._undo.pop())
        elif op == "redo":
            if self._redo:
                self._undo.append(self._redo.pop())
        else:
            self._undo.append(_Step({k: v for k, v in entry.items() if k != "patch"}, patch))
            self._redo.clear()
        return True

    def compact(self) -> None:
        """Write the file with every decision folded in, then start an empty journal."""
        journal = self._writable_journal()
        text = alignment_file.dumps(self.alignment)
        atomic_write_text(self.path, text)  # written as is (no newline translation): these are its bytes
        journal.restart(journals.header(content_sha(text.encode("utf-8")), self.cursor))
        self._ops_since_compact = 0

    # ---- plumbing

    def readonly_reason(self) -> str:
        refusal = self._refusal
        if refusal is not None and refusal.held:
            who = f"another review session (pid {refusal.pid})" if refusal.pid else "another bitext process"
            return f"read-only: {who} has {self.path.name} open; close it to make changes here"
        if refusal is not None:
            return (
                f"read-only: decisions cannot be saved beside {self.path.name} ({refusal.reason}); "
                "copy it to a writable folder to review it"
            )
        if self._journal is None and not self.readonly:
            return f"read-only: the journal of {self.path.name} can no longer be written; reopen the file"
        return "read-only session: changes are not saved"

    def replace_alignment(self, alignment: Alignment) -> None:
        """Put a whole new state in place (``bitext check`` in place: the same links, new flags) and
        write it; the undo history, which describes the old state, is dropped."""
        self._check_writable()
        self.alignment = alignment
        self._reindex()
        self._undo.clear()
        self._redo.clear()
        self.compact()

    def _writable_journal(self) -> Journal:
        if self.readonly or self._journal is None or not self._journal.is_open:
            raise ReadOnlyError(self.readonly_reason())
        return self._journal

    def _check_writable(self) -> None:
        self._writable_journal()

    def _reindex(self) -> None:
        self._index = {link.id: pos for pos, link in enumerate(self.alignment.links)}
        self._tally = Tally(self.alignment)

    @property
    def tally(self) -> Tally:
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
        patch = self._stamped(patch)
        self._append({**op, "patch": patch.to_dict()}, sync=True)
        self._apply(patch)
        self._undo.append(_Step(op, patch))
        self._redo.clear()
        self._tick()

    @property
    def uncompacted(self) -> int:
        """Decisions (and undos, redos) in the journal since the last compaction."""
        return self._ops_since_compact

    def _stamped(self, patch: Patch) -> Patch:
        """The patch with who and when on every link it changed (links it only carries stay as they were)."""
        when = self.clock()
        new = tuple(
            link
            if any(link is old for old in patch.old)
            else replace(link, reviewed_by=self.reviewer, reviewed_at=when)
            for link in patch.new
        )
        return replace(patch, new=new)

    def _tick(self) -> None:
        self._ops_since_compact += 1
        if self.compact_every and self._ops_since_compact >= self.compact_every:
            self.compact()

    def position(self, link_id: int) -> int:
        try:
            return self._index[link_id]
        except KeyError:
            raise ReviewError(f"no link {link_id} in this alignment") from None

    def index_of(self, link_id: int) -> int | None:
        """The link's position, or None if there is no such link (any more)."""
        return self._index.get(link_id)

    def link(self, link_id: int) -> Link:
        return self.alignment.links[self.position(link_id)]

    def _replace_one(
        self,
        old: Link,
        new: Link,
        *,
        suppress: frozenset[str] = frozenset(),
        unsuppress: frozenset[str] = frozenset(),
    ) -> Patch:
        return Patch(self.position(old.id), (old,), (new,), suppress, unsuppress)

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

    def set_severity(self, link_id: int, index: int, severity: Severity) -> Flag:
        """The reviewer grades the flag differently (a re-run of ``bitext check`` grades it afresh)."""
        old = self.link(link_id)
        if not 0 <= index < len(old.flags):
            raise ReviewError(f"link {link_id} has no flag {index}")
        if severity not in SEVERITIES:
            raise ReviewError(f"not a severity: {severity!r}")
        flag = replace(old.flags[index], severity=severity, graded=True)
        flags = (*old.flags[:index], flag, *old.flags[index + 1 :])
        op = {"op": "severity", "link": link_id, "index": index, "severity": severity}
        self._commit(op, self._replace_one(old, replace(old, flags=flags)))
        return flag

    # ---- editing

    def edit(self, link_id: int, side: SideName, sentence: int, text: str) -> Link:
        """Correct a sentence of the link in place; the link is re-checked on the new text.

        The sentence keeps the text as read in ``original`` (an edit back to it clears that). Undo
        restores the sentence and the link's flags as they were.
        """
        link = self.link(link_id)
        if sentence not in getattr(link, side):
            raise ReviewError(f"{side} sentence {sentence} is not in link {link_id}")
        text = " ".join(text.split())
        if not text:
            raise ReviewError("a sentence cannot be empty; detach it from the link instead")
        old = self.alignment.side(side).sentences[sentence]
        if text == old.text:
            raise ReviewError(f"{side} sentence {sentence} is unchanged")
        original = old.original_text
        new = replace(old, text=text, original=None if text == original else original)
        edit = SentenceEdit(side, old, new)
        edited = Patch(0, (), (), edits=(edit,)).apply(self.alignment)
        # Every link holding the sentence sees the new text (a summary sentence can sit in one link only,
        # but an unaligned copy may remain).
        holders = sorted(self.tally.holders[side].get(sentence, {link_id}), key=self.position)
        lo, hi = self.position(holders[0]), self.position(holders[-1])
        old_links = self.alignment.links[lo : hi + 1]
        held = set(holders)
        new_links = tuple(recheck(edited, lk, lk.flags) if lk.id in held else lk for lk in old_links)
        op = {"op": "edit", "link": link_id, "side": side, "sentence": sentence}
        self._commit(op, Patch(lo, old_links, new_links, edits=(edit,)))
        return self.link(link_id)

    def rescore(self, rescored: Rescored) -> Link | None:
        """Put the encoder's figures (computed in the background on the link as it then stood) on the
        link: its score and its flags, with their confidence and severity.

        Not a decision: nobody is stamped, and it is no undo step of its own (undoing the relink puts
        back the link as it was before). Every decision on the flags stays: statuses and severities the
        reviewer set come back by signature, and a flag the reviewer decided that the checks no longer
        raise is kept. None when the link has changed since (its figures would be stale): nothing done.
        """
        position = self.index_of(rescored.link_id)
        if position is None:
            return None
        old = self.alignment.links[position]
        texts = (self.alignment.source_text(old), self.alignment.target_text(old))
        if (old.source, old.target, texts) != (rescored.source, rescored.target, rescored.texts):
            return None
        flags = reapply_decisions(rescored.flags, old.flags, self.alignment.suppressions)
        found = {f.signature for f in flags}
        flags += [f for f in old.flags if (f.status != "open" or f.graded) and f.signature not in found]
        new = replace(
            old,
            score=old.score if rescored.score is None else rescored.score,
            flags=tuple(sorted(flags, key=lambda f: SEVERITY_RANK[f.severity])),
        )
        if new == old:
            return old
        patch = self._replace_one(old, new)
        self._append({"op": "rescore", "link": old.id, "patch": patch.to_dict()}, sync=True)
        self._apply(patch)
        self._tick()
        return new

    def dismiss_flag(self, link_id: int, index: int) -> Flag:
        return self.set_flag(link_id, index, "dismissed")

    def confirm_flag(self, link_id: int, index: int) -> Flag:
        """The flag is a real error: it stays counted and goes to the translator."""
        return self.set_flag(link_id, index, "confirmed")

    # ---- relinking

    def attach(self, link_id: int, side: SideName, sentence: int) -> Link:
        """Move an unlinked sentence into a link (the reviewer built this link, so it is accepted)."""
        target = self.link(link_id)
        n = len(self.alignment.side(side).sentences)
        if not 0 <= sentence < n:
            raise ReviewError(f"there is no {side} sentence {sentence}")
        if sentence in getattr(target, side):
            raise ReviewError(f"{side} sentence {sentence} is already in link {link_id}")
        holder = self.holder(side, sentence)
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
            id=self.next_id(),
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
            old, replace(old, id=self.next_id(), note="", source=old.source[s_at:], target=old.target[t_at:])
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
                status=a.status if a.status == b.status else "auto",  # one verdict for both, else none
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
        """``shaped`` (the link with new sentence ids), re-checked on its new texts, ``link``'s flag
        decisions carried over. Its status stays what it was: a relink is not an accept, and the
        reviewer accepts or rejects the new pairing with its own key."""
        return recheck(self.alignment, shaped or link, link.flags)

    def holder(self, side: SideName, sentence: int) -> Link | None:
        """The first link (in order) that holds ``sentence`` on ``side``."""
        held = self.tally.holders[side].get(sentence)
        if not held:
            return None
        return self.link(min(held, key=self.position))

    def split_points(self, link_id: int) -> list[tuple[int, int]]:
        """Where the link can be cut: (source sentences, target sentences) that go to the first part."""
        link = self.link(link_id)
        n_s, n_t = len(link.source), len(link.target)
        return [
            (s_at, t_at)
            for s_at in range(n_s + 1)
            for t_at in range(n_t + 1)
            if (s_at or t_at) and (s_at < n_s or t_at < n_t)
        ]

    def next_id(self) -> int:
        """The id the next link made by a split or detach gets."""
        return self.tally.max_id + 1

    # ---- cursor, undo, redo

    def move_cursor(self, link_id: int | None) -> None:
        """Remember where the reviewer is; not a decision, so appended without fsync, and a failure to
        write it (a full disk) is not worth interrupting the reviewer for."""
        if link_id == self.cursor:
            return
        self.cursor = link_id
        if not self.readonly and self._journal is not None and self._journal.is_open:
            with contextlib.suppress(ReviewError):
                self._append({"op": "cursor", "link": link_id}, sync=False)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def next_redo(self) -> str | None:
        """The name of the operation redo would do again (None: nothing to redo)."""
        return str(self._redo[-1].op.get("op")) if self._redo else None

    def undo(self) -> dict[str, Any] | None:
        """Undo the last decision; return its description (None if there was nothing to undo)."""
        self._check_writable()
        if not self._undo:
            return None
        step = self._undo[-1]
        inverse = self._as_now(step.patch.inverse())
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
        patch = self._as_now(step.patch)
        self._append({"op": "redo", "of": step.op.get("op"), "patch": patch.to_dict()}, sync=True)
        self._apply(patch)
        self._undo.append(self._redo.pop())
        self._tick()
        return step.op

    def _as_now(self, patch: Patch) -> Patch:
        """``patch`` replacing the links as they are now (a re-score may have changed them since it was
        recorded), so that the journal, the counts and a later undo see what was really replaced."""
        now = self.alignment.links[patch.start : patch.start + len(patch.old)]
        if tuple(link.id for link in now) != tuple(link.id for link in patch.old):
            return patch
        return replace(patch, old=tuple(now))

    # ---- queries

    def counts(self) -> Counts:
        """The same figures as :func:`bitext.review.tally.counts`, from the running tally."""
        return self.tally.counts()

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


def _cursor(raw: Any) -> int | None:
    return raw if isinstance(raw, int) and not isinstance(raw, bool) else None


def _with_side(link: Link, side: SideName, ids: tuple[int, ...]) -> Link:
    return replace(link, source=ids) if side == "source" else replace(link, target=ids)


def _other(side: SideName) -> SideName:
    return "target" if side == "source" else "source"


def _find(text: str, excerpt: str) -> tuple[int, int] | None:
    if not excerpt:
        return None
    at = text.find(excerpt)
    return None if at < 0 else (at, at + len(excerpt))
