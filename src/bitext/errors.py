"""User-facing errors: every front end turns these into a one-line message and exit code 2."""

from __future__ import annotations


class BitextError(Exception):
    """A problem with the user's input or environment that the user can fix.

    The message names the problem and what to do; front ends print it without a traceback.
    """

    exit_code = 2


class InputError(BitextError):
    """A path, file or text the user gave cannot be used."""


class ModelError(BitextError):
    """The embedding model cannot be loaded."""


class FormatError(BitextError):
    """A file that bitext reads (alignment, TMX, glossary) is malformed or of another version."""


class ReviewError(BitextError):
    """An operation the reviewer asked for cannot be done (the message says why)."""


class ReadOnlyError(ReviewError):
    """The session is read-only because another live session holds the lock."""
