"""The check registry: one small documented function per divergence kind.

A check takes a :class:`PairContext` (one linked pair, with what it may need) and returns Flags.
Spans in a Flag are offsets into ``ctx.source_text`` / ``ctx.target_text`` (the link's joined texts).
Register with ``@check("kind")``; the docstring is written for the translator (``bitext checks``
lists every check with it).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bitext.langtags import primary
from bitext.model import Alignment, Flag, InlineCode, Link, Mode, Side, code_index

if TYPE_CHECKING:
    from bitext.checks.evidence import PairEvidence
    from bitext.encoder import Encoder


@dataclass(frozen=True)
class PairContext:
    link: Link
    source_text: str
    target_text: str
    source_lang: str
    target_lang: str
    mode: Mode
    encoder: Encoder | None = None
    glossary: Any = None  # bitext.glossary.Glossary when the user gave one
    evidence: PairEvidence | None = None  # the encoder's evidence on the pair (checks/evidence.py)
    # Inline codes (imported TMX/XLIFF) with their offsets in source_text / target_text.
    source_codes: tuple[tuple[int, InlineCode], ...] = ()
    target_codes: tuple[tuple[int, InlineCode], ...] = ()
    # Summary mode: the whole source (body) text. A summary sentence restates what the body says
    # anywhere, not only in the sentences it is linked to (it names "Qoto" where its sentence says "He").
    source_document: str = ""


def placed_codes(side: Side, ids: tuple[int, ...]) -> tuple[tuple[int, InlineCode], ...]:
    """Each inline code of the sentences ``ids`` with its offset in their joined text."""
    placed: list[tuple[int, InlineCode]] = []
    offset = 0
    for i in ids:
        sentence = side.sentences[i]
        if sentence.codes:
            for pos, ch in enumerate(sentence.text):
                k = code_index(ch)
                if k is not None and k < len(sentence.codes):
                    placed.append((offset + pos, sentence.codes[k]))
        offset += len(sentence.text) + 1
    return tuple(placed)


def pair_context(
    alignment: Alignment,
    link: Link,
    *,
    encoder: Encoder | None = None,
    glossary: Any = None,
    document: str = "",
) -> PairContext:
    """The context of one link of ``alignment``: its joined texts, languages and mode, and in summary mode
    the whole ``document`` of its source side (``source_document_text``, joined once per alignment).

    Languages are primary subtags (``en-US`` -> ``en``): the checks' data is per language.
    """
    return PairContext(
        link=link,
        source_text=alignment.source_text(link),
        target_text=alignment.target_text(link),
        source_lang=primary(alignment.source.lang),
        target_lang=primary(alignment.target.lang),
        mode=alignment.mode,
        encoder=encoder,
        glossary=glossary,
        source_codes=placed_codes(alignment.source, link.source),
        target_codes=placed_codes(alignment.target, link.target),
        source_document=document if alignment.mode == "summary" else "",
    )


def source_document_text(alignment: Alignment) -> str:
    """The source side's sentences joined: what a summary link's checks may look up beyond its own link."""
    return " ".join(s.text for s in alignment.source.sentences) if alignment.mode == "summary" else ""


CheckFn = Callable[[PairContext], list[Flag]]


@dataclass(frozen=True)
class CheckInfo:
    kind: str
    fn: CheckFn
    needs_encoder: bool = False
    default: bool = True  # run unless the caller names the checks; False: only when asked for

    @property
    def doc(self) -> str:
        """What the check looks for, written for the translator (``bitext checks`` shows it)."""
        return inspect.cleandoc(self.fn.__doc__ or "")


REGISTRY: dict[str, CheckInfo] = {}


def check(
    kind: str, *, needs_encoder: bool = False, default: bool = True
) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` as the check for ``kind`` (one function may emit several kinds, e.g. number/date).

    A check that is not ``default`` runs only when a caller names it (``run_checks(kinds=...)``)."""

    def deco(fn: CheckFn) -> CheckFn:
        REGISTRY[kind] = CheckInfo(kind, fn, needs_encoder, default)
        return fn

    return deco
