"""Interchange formats: export an alignment as TMX, TSV or Vecalign lines; import TMX and Vecalign.

Every exporter has the same signature (:class:`Exporter`: the alignment, the file, and the keywords of
:class:`ExportOptions`) and returns the number of units it wrote.
Writes are atomic: the output is replaced whole or left as it was.

Which links are written (:func:`select_links`):

- ``only_accepted``: only links a reviewer accepted;
- ``min_score``: only links scoring at least this much;
- TMX applies the stricter rules of a working memory on top (:func:`bitext.formats.tmx.choose`):
  translation-mode pairs, accepted or at least 0.5, no confirmed error, unless ``include`` asks;
- XLIFF writes every unit: it is the file a translator reviews, flags included;
- TMX and TSV are pair formats, so they skip unaligned links (one side empty) and links a reviewer
  *rejected* (the reviewer said the pairing is wrong, so it must not reach a translation memory).
  Vecalign lines describe the aligner's whole output, so they keep both.

Exporters are imported on first use so that ``bitext --help`` does not pay for lxml.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypedDict, Unpack

from bitext.errors import InputError
from bitext.model import Alignment, Link

if TYPE_CHECKING:
    from bitext.model import Side


class ExportOptions(TypedDict, total=False):
    """The keywords every exporter takes (their defaults: :class:`ExportSettings`)."""

    only_accepted: bool
    min_score: float | None
    with_flags: bool
    include: Iterable[str]  # TMX: pairs the working memory leaves out unless asked ("summary"...)


@dataclass(frozen=True, slots=True)
class ExportSettings:
    """:class:`ExportOptions` with their defaults: what an exporter reads."""

    only_accepted: bool = False  # only links a reviewer accepted
    min_score: float | None = None  # only links scoring at least this much
    with_flags: bool = True  # the flags too, where the format has room for them
    include: Iterable[str] = ()

    def links(self, alignment: Alignment, *, pairs_only: bool = True) -> Iterator[Link]:
        """The links to write (see :func:`select_links`)."""
        return select_links(
            alignment, only_accepted=self.only_accepted, min_score=self.min_score, pairs_only=pairs_only
        )


class Exporter(Protocol):
    def __call__(self, alignment: Alignment, out: Path, **options: Unpack[ExportOptions]) -> int: ...


# name -> (module, function, file suffixes)
_EXPORTERS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "tmx": ("bitext.formats.tmx", "export_tmx", (".tmx",)),
    "xliff": ("bitext.formats.xliff", "export_xliff", (".xlf", ".xliff")),
    "tsv": ("bitext.formats.tsv", "export_tsv", (".tsv", ".tab")),
    "vecalign": ("bitext.formats.vecalign", "export_vecalign", (".vecalign", ".align")),
}

FORMATS: tuple[str, ...] = tuple(_EXPORTERS)


def get_exporter(name: str) -> Exporter:
    """The exporter registered as ``name``; InputError naming the known formats otherwise."""
    try:
        module, func, _ = _EXPORTERS[name.lower()]
    except KeyError:
        raise InputError(f"unknown export format {name!r}; choose one of {', '.join(FORMATS)}") from None
    exporter: Exporter = getattr(importlib.import_module(module), func)
    return exporter


def format_for_path(path: Path) -> str | None:
    """Guess the format from the file suffix (``out.tmx`` -> ``tmx``); None when it says nothing."""
    suffix = path.suffix.lower()
    for name, (_, _, suffixes) in _EXPORTERS.items():
        if suffix in suffixes:
            return name
    return None


def export(name: str, alignment: Alignment, out: Path, **options: Unpack[ExportOptions]) -> int:
    """Export with the format called ``name``; returns the number of units written."""
    return get_exporter(name)(alignment, out, **options)


def select_links(
    alignment: Alignment,
    *,
    only_accepted: bool = False,
    min_score: float | None = None,
    pairs_only: bool = True,
) -> Iterator[Link]:
    """The links an export writes, in alignment order (see the module docstring for the rules)."""
    for link in alignment.links:
        if pairs_only and (link.is_unaligned or link.status == "rejected"):
            continue
        if only_accepted and link.status != "accepted":
            continue
        if min_score is not None and link.score < min_score:
            continue
        yield link


def import_tmx(path: Path, source_lang: str | None = None, target_lang: str | None = None) -> Alignment:
    """Read a TMX file into an Alignment (see :func:`bitext.formats.tmx.import_tmx`)."""
    from bitext.formats.tmx import import_tmx as _import_tmx

    return _import_tmx(path, source_lang, target_lang)


def read_interchange(
    path: Path, source_lang: str | None = None, target_lang: str | None = None
) -> tuple[Alignment, list[str]]:
    """Read a TMX or XLIFF file (told apart by its root element); returns the alignment and notes."""
    from bitext.formats.xliff import is_xliff

    if is_xliff(Path(path)):
        from bitext.formats.xliff import read_xliff

        return read_xliff(path, source_lang, target_lang)
    from bitext.formats.tmx import read_tmx

    return read_tmx(path, source_lang, target_lang)


INTERCHANGE_SUFFIXES: tuple[str, ...] = (".tmx", ".xlf", ".xliff", ".sdlxliff", ".mqxliff")


def is_interchange(path: Path) -> bool:
    """A TMX or XLIFF file: told by its suffix, or (an XLIFF under any name) by its root element."""
    from bitext.formats.xliff import is_xliff

    return path.suffix.lower() in INTERCHANGE_SUFFIXES or (path.is_file() and is_xliff(path))


def import_vecalign(path: Path, source: Side, target: Side) -> Alignment:
    """Read Vecalign lines over two known sides (see :func:`bitext.formats.vecalign.import_vecalign`)."""
    from bitext.formats.vecalign import import_vecalign as _import_vecalign

    return _import_vecalign(path, source, target)


__all__ = [
    "FORMATS",
    "INTERCHANGE_SUFFIXES",
    "ExportOptions",
    "ExportSettings",
    "Exporter",
    "export",
    "format_for_path",
    "get_exporter",
    "import_tmx",
    "import_vecalign",
    "is_interchange",
    "read_interchange",
    "select_links",
]
