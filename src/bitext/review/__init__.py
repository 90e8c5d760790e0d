"""Reviewing an alignment file: decisions saved as they happen, undoable, one writer at a time.

- :mod:`~bitext.review.session`: :class:`ReviewSession`, what a front end drives.
- :mod:`~bitext.review.patch`: the shape of every decision (links replaced, suppressions changed).
- :mod:`~bitext.review.journal`: the append-only file that makes each decision durable.
- :mod:`~bitext.review.lock`: one writing session per file.
- :mod:`~bitext.review.tally`: counts kept up to date patch by patch.
- :mod:`~bitext.review.carry`: decisions carried over to a re-alignment.

Engine side only: nothing here imports Textual.
"""

from __future__ import annotations

from bitext.errors import ReadOnlyError, ReviewError
from bitext.review.carry import carry_over
from bitext.review.journal import journal_path
from bitext.review.lock import lock_path
from bitext.review.patch import Patch
from bitext.review.session import ReviewSession
from bitext.review.tally import Counts, counts

__all__ = [
    "Counts",
    "Patch",
    "ReadOnlyError",
    "ReviewError",
    "ReviewSession",
    "carry_over",
    "counts",
    "journal_path",
    "lock_path",
]
