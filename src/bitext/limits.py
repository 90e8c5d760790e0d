"""Bounds on what bitext reads and on what each stage works on, so that no input can exhaust the machine.

Every reader takes its bytes through :func:`read_input`: only regular files (a device such as /dev/zero,
a FIFO or a socket may never end), and no more than the input limit. The limit has a default per kind of
file (a text document costs far more memory per byte than a data file, because every character keeps
its offset into the original); ``--max-input-mb`` on the command line, or ``BITEXT_MAX_INPUT_MB`` in the
environment, sets it for every kind.

The stages after reading are bounded by the constants below: a sentence never grows past
:data:`MAX_SENTENCE_CHARS` (a longer run of text without a sentence end is cut at a space), a paragraph
is labelled by language in pieces of at most :data:`MAX_DETECT_CHARS`, and the checks skip a link whose
text on one side is longer than :data:`MAX_CHECK_CHARS` (they compare words pairwise).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Literal, TypeVar

from bitext.errors import InputError

InputKind = Literal["text", "data"]
MB = 1024 * 1024
# A text document: the cleaner keeps one original offset per character, so it costs about a hundred
# bytes of memory per byte of input; 16 MB is several long books.
DEFAULT_TEXT_MB = 16
# Alignment files, TMX, XLIFF, glossaries and journals: parsed into compact structures.
DEFAULT_DATA_MB = 256
ENV_MAX_INPUT_MB = "BITEXT_MAX_INPUT_MB"

# The encoder reads at most 512 tokens (about 2,000 characters of English); a sentence is cut well
# inside that, so that what it says is embedded whole and the checks compare bounded texts.
MAX_SENTENCE_CHARS = 1500
MAX_DETECT_CHARS = 3000
# Four sentences of the longest kind (a 2-2 link): anything longer was not segmented by bitext.
MAX_CHECK_CHARS = 4 * MAX_SENTENCE_CHARS + 3
# The opt-in antonym-swap test (``--antonym-swaps``) embeds at most this many swapped sentences per side.
MAX_SWAPS = 12

_override_mb: float | None = None


def set_max_input_mb(mb: float | None) -> None:
    """Set the input limit for every kind of file (None: back to the defaults or the environment)."""
    global _override_mb
    if mb is not None and not mb > 0:
        raise InputError(f"--max-input-mb must be a positive number of megabytes, not {mb}")
    _override_mb = mb


def max_input_bytes(kind: InputKind) -> int:
    if _override_mb is not None:
        return int(_override_mb * MB)
    env = os.environ.get(ENV_MAX_INPUT_MB, "").strip()
    if env:
        try:
            value = float(env)
        except ValueError:
            value = 0.0
        if not value > 0:
            raise InputError(f"{ENV_MAX_INPUT_MB}={env!r} is not a positive number of megabytes")
        return int(value * MB)
    return (DEFAULT_TEXT_MB if kind == "text" else DEFAULT_DATA_MB) * MB


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n / 1024:.0f} KB"


def _too_big(path: Path, size: str, limit: int) -> InputError:
    return InputError(
        f"{path} is {size}, over the input limit of {_size(limit)}; give a smaller file or raise the "
        f"limit with --max-input-mb (or {ENV_MAX_INPUT_MB})"
    )


_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def check_regular(path: Path, what: str = "file") -> os.stat_result:
    """The file's status; InputError unless ``path`` is an existing regular file (symlinks followed)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc}); check its permissions") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path} is a directory; give the path of a {what}")
    if not stat.S_ISREG(st.st_mode):
        kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
        raise InputError(f"{path} is {kind}, not a regular file; give the path of a {what}")
    return st


def read_input(path: Path, what: str = "file", kind: InputKind = "data") -> bytes:
    """The bytes of a regular file no bigger than the input limit, else one clear InputError."""
    path = Path(path)
    st = check_regular(path, what)
    limit = max_input_bytes(kind)
    if st.st_size > limit:
        raise _too_big(path, _size(st.st_size), limit)
    try:
        with path.open("rb") as fh:
            # Read one byte past the limit: a file that grows while it is read (or a /proc file, whose
            # size says 0) is refused instead of read without end.
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc}); check its permissions") from None
    if len(data) > limit:
        raise _too_big(path, f"more than {_size(limit)}", limit)
    return data


def enforce_limit(path: Path, size: int, kind: InputKind, what: str = "") -> None:
    """InputError when ``size`` bytes (of ``path``, or of ``what`` it holds) pass the limit of ``kind``."""
    limit = max_input_bytes(kind)
    if size > limit:
        raise _too_big(path, f"{_size(size)}{what}", limit)


def bounded_spans(
    text: str, start: int, end: int, limit: int, prefer: re.Pattern[str] | None = None
) -> Iterator[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most ``limit`` characters.

    Each piece ends just after the last match of ``prefer`` (a clause end, say) in its second half,
    else after the last white space there, else at the limit.
    """
    pos = start
    while end - pos > limit:
        cut = pos + limit
        lo = pos + limit // 2
        found = _last_end(prefer, text, lo, cut) if prefer is not None else None
        if found is None:
            found = _last_space(text, lo, cut)
        yield pos, found or cut
        pos = found or cut
    if pos < end:
        yield pos, end


def _last_end(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int | None:
    found = None
    for m in pattern.finditer(text, lo, hi):
        found = m.end()
    return found


def _last_space(text: str, lo: int, hi: int) -> int | None:
    for i in range(hi - 1, lo - 1, -1):
        if text[i].isspace():
            return i + 1
    return None


K = TypeVar("K")
V = TypeVar("V")


def remember(memo: dict[K, V], key: K, value: V, limit: int) -> V:
    """Keep ``value`` under ``key`` in ``memo``, forgetting the oldest entry once it holds ``limit``: a
    memo that a long batch keeps filling (vectors, a lexicon's answers) stays bounded."""
    if key not in memo and len(memo) >= limit:
        del memo[next(iter(memo))]
    memo[key] = value
    return value
