"""Vecalign's alignment lines, ``[i,j]:[k]:score``, so bitext can be compared with other aligners.

One line per link, in order; an unaligned sentence has ``[]`` on the other side (``[3]:[]:0.000000``).
Vecalign's third field is a cost; bitext writes its own confidence (0..1, higher is better) there,
and readers that only compare the alignments (as the usual F1 scorers do) ignore it.
Every link is written, unaligned and rejected ones included, because the lines describe the whole
alignment; ``only_accepted`` and ``min_score`` still filter. There is nowhere to put flags.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Unpack

from bitext import __version__
from bitext.atomic import atomic_open
from bitext.errors import FormatError
from bitext.formats import ExportOptions, ExportSettings
from bitext.limits import read_input
from bitext.model import Alignment, Link, RawLink, Side, Signature

_IDS = r"\[\s*((?:\d+\s*(?:,\s*\d+\s*)*)?)\]"
_LINE = re.compile(rf"^{_IDS}\s*:\s*{_IDS}(?:\s*:\s*(\S+))?$")


def format_line(source: tuple[int, ...], target: tuple[int, ...], score: float) -> str:
    return f"[{','.join(map(str, source))}]:[{','.join(map(str, target))}]:{score:.6f}"


def export_vecalign(alignment: Alignment, out: Path, **options: Unpack[ExportOptions]) -> int:
    """Write one Vecalign line per link to ``out``; returns the number of lines (the format has no place
    for flags, and lists what it is asked for: ``include``, TMX's working-memory rules, is not read)."""
    count = 0
    with atomic_open(out, "w", encoding="utf-8") as fh:
        for link in ExportSettings(**options).links(alignment, pairs_only=False):
            fh.write(format_line(link.source, link.target, link.score) + "\n")
            count += 1
    return count


def _ids(raw: str) -> tuple[int, ...]:
    return tuple(int(x) for x in raw.split(",")) if raw.strip() else ()


def parse_vecalign(text: str, origin: str = "vecalign") -> list[RawLink]:
    """Parse Vecalign lines; a missing score (some aligners omit it) reads as 0.0. Blank lines are skipped."""
    links: list[RawLink] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        m = _LINE.match(line)
        if m is None:
            raise FormatError(f"{origin}, line {lineno}: {line[:60]!r} is not a line like '[0,1]:[0]:0.5'")
        source, target = _ids(m.group(1)), _ids(m.group(2))
        if not source and not target:
            raise FormatError(f"{origin}, line {lineno}: both sides are empty")
        try:
            score = float(m.group(3)) if m.group(3) is not None else 0.0
        except ValueError:
            raise FormatError(f"{origin}, line {lineno}: score {m.group(3)!r} is not a number") from None
        if not math.isfinite(score):
            raise FormatError(f"{origin}, line {lineno}: score {m.group(3)!r} is not a finite number")
        links.append((source, target, score))
    return links


def read_vecalign(path: Path) -> list[RawLink]:
    """Read a Vecalign alignment file (UTF-8) into raw links."""
    path = Path(path)
    try:
        text = read_input(path, "Vecalign alignment file").decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FormatError(f"{path} is not UTF-8 text: {exc.reason}") from exc
    return parse_vecalign(text, str(path))


def import_vecalign(path: Path, source: Side, target: Side) -> Alignment:
    """Vecalign lines over two known sides (the sentences the ids count); ids out of range -> FormatError."""
    links: list[Link] = []
    for n, (s_ids, t_ids, score) in enumerate(read_vecalign(path)):
        for side, ids, role in ((source, s_ids, "source"), (target, t_ids, "target")):
            bad = [i for i in ids if i >= len(side.sentences)]
            if bad:
                raise FormatError(
                    f"{path}: link {n + 1} names {role} sentence {bad[0]}, but the {role} has "
                    f"{len(side.sentences)} sentences; is it the alignment of these texts?"
                )
        links.append(Link(n, s_ids, t_ids, score))
    signature = Signature(bitext=__version__, model="vecalign-import", segmenter="given", mode="translation")
    return Alignment(source, target, tuple(links), signature)
