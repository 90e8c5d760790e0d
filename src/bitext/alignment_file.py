"""The alignment file: UTF-8 JSON that reports, the TUI, exporters and outside checks read.

Layout (``version`` 1)::

    {"format": "bitext-alignment", "version": 1,
     "signature": {"text": "bitext:0.1.0|model:...|...", "bitext": ..., "model": ..., "segmenter": ...,
                   "mode": ..., "thresholds": {every parameter the aligner ran with}, "checks": ...},
     "mode": "translation" | "summary",
     "source": {"lang": "en", "path": "...", "sentences": [{"id", "text", "start", "end", "original"?}]},
     "target": {...},
     "links": [{"id", "source": [ids], "target": [ids], "score", "status", "note",
                "reviewed_by"?, "reviewed_at"?,
                "flags": [{"kind", "severity", "source_excerpt", "target_excerpt",
                           "source_span", "target_span", "message", "status", "graded"?,
                           "signature", "confidence"}]}],
     "suppressions": [flag signatures a reviewer dismissed]}

Review work, for every reader of the file (exporters, reports, outside tools):

- A link's ``status`` is the reviewer's verdict on the pairing: ``auto`` (nobody decided), ``accepted``,
  ``rejected``. ``note`` is the reviewer's comment; ``reviewed_by``/``reviewed_at`` (ISO 8601, UTC)
  say who made the last decision on the link and when (absent while nobody has).
- A flag's ``status`` is the verdict on the divergence: ``open``, ``confirmed`` (a real error: it stays
  counted and should reach the translator) or ``dismissed`` (a false alarm; its signature is also in
  ``suppressions`` so a re-run keeps it dismissed). Older files wrote ``accepted`` for ``confirmed``;
  it is read as ``confirmed``. ``graded: true`` marks a severity the reviewer set; re-runs keep it.
- A sentence a reviewer corrected has ``text`` = the corrected text and ``original`` = the text as read
  from the document (``start``/``end`` still locate the original in the file). An exporter that wants
  the corrected pairs uses ``text`` as always; one that wants the document as it was uses
  ``original`` where present. Flags of a link whose sentences were edited were re-checked on ``text``.
Optional keys, present only when the alignment came from an interchange file (TMX, XLIFF): a sentence's
``"codes": [[kind, xml, key, role]]`` (inline codes its text marks with U+F0000 + index) and ``"unit"``
(index into ``origin.units``); top-level ``"origin": {"format", "path", "sha256", "attrs", "extras",
"units": [{"key", "attrs", "extras", "variants": [{"lang", "attrs", "extras", "role", "seg"}]}]}``,
what the file held that export writes back (attributes as ``[name, value]`` pairs, props and notes as
XML strings).
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import msgspec

from bitext.atomic import atomic_write_text
from bitext.errors import FormatError
from bitext.limits import read_input
from bitext.model import (
    Alignment,
    CodeRole,
    Flag,
    FlagStatus,
    InlineCode,
    Link,
    LinkStatus,
    Mode,
    Origin,
    Sentence,
    Severity,
    Side,
    Signature,
    UnitMeta,
    VariantMeta,
    flag_status,
)

FORMAT = "bitext-alignment"
VERSION = 1
SCHEMA_ID = "urn:bitext:alignment-file:1"
# Where the JSON Schema ships inside the package (README's contract section points here).
SCHEMA_PATH = resources.files("bitext") / "data" / "alignment.schema.json"
MAX_INT = 2**53 - 1  # the largest integer every JSON reader holds exactly
MAX_SCORE = 1e9
SCORE_DIGITS = 4  # a link's score is kept to this many decimals
_T = TypeVar("_T")
DEFAULT_FOLDER = Path("alignments")


def default_path(document: str | os.PathLike[str]) -> Path:
    """Where the alignment of ``document`` lives: ``alignments/NAME.json`` (NAME: the file name up to its
    first dot, so ``doc.en.txt`` and ``doc.az.txt`` share ``alignments/doc.json``).

    The one rule: ``bitext align`` writes there by default and ``bitext review DOCUMENT`` looks there.
    """
    name = Path(document).name.split(".")[0] or Path(document).name
    return DEFAULT_FOLDER / f"{name}.json"


def to_dict(alignment: Alignment) -> dict[str, Any]:
    sig = alignment.signature
    return {
        "format": FORMAT,
        "version": VERSION,
        "signature": {
            "text": sig.text(),
            "bitext": sig.bitext,
            "model": sig.model,
            "segmenter": sig.segmenter,
            "mode": sig.mode,
            "thresholds": dict(sig.thresholds),
            "checks": sig.checks,
        },
        "mode": sig.mode,
        "source": _side_to_dict(alignment.source),
        "target": _side_to_dict(alignment.target),
        "links": [link_to_dict(link) for link in alignment.links],
        "suppressions": sorted(alignment.suppressions),
        **({"origin": _origin_to_dict(alignment.origin)} if alignment.origin is not None else {}),
    }


def sentence_to_dict(s: Sentence) -> dict[str, Any]:
    d: dict[str, Any] = {"id": s.id, "text": s.text, "start": s.start, "end": s.end}
    if s.codes:
        d["codes"] = [[c.kind, c.xml, c.key, c.role] for c in s.codes]
    if s.unit is not None:
        d["unit"] = s.unit
    if s.original is not None:
        d["original"] = s.original
    return d


def _origin_to_dict(origin: Origin) -> dict[str, Any]:
    return {
        "format": origin.format,
        "path": origin.path,
        "sha256": origin.sha256,
        "attrs": [list(a) for a in origin.attrs],
        "extras": list(origin.extras),
        "units": [
            {
                "key": u.key,
                "attrs": [list(a) for a in u.attrs],
                "extras": list(u.extras),
                "variants": [
                    {
                        "lang": v.lang,
                        "attrs": [list(a) for a in v.attrs],
                        "extras": list(v.extras),
                        "role": v.role,
                        "seg": v.seg,
                    }
                    for v in u.variants
                ],
            }
            for u in origin.units
        ],
    }


def _side_to_dict(side: Side) -> dict[str, Any]:
    return {
        "lang": side.lang,
        "path": side.path,
        "sentences": [sentence_to_dict(s) for s in side.sentences],
    }


def link_to_dict(link: Link) -> dict[str, Any]:
    return {
        "id": link.id,
        "source": list(link.source),
        "target": list(link.target),
        "score": round(link.score, SCORE_DIGITS),
        "status": link.status,
        "note": link.note,
        **({"reviewed_by": link.reviewed_by} if link.reviewed_by else {}),
        **({"reviewed_at": link.reviewed_at} if link.reviewed_at else {}),
        "flags": [flag_to_dict(f) for f in link.flags],
    }


def flag_to_dict(flag: Flag) -> dict[str, Any]:
    return {
        "kind": flag.kind,
        "severity": flag.severity,
        "source_excerpt": flag.source_excerpt,
        "target_excerpt": flag.target_excerpt,
        "source_span": list(flag.source_span) if flag.source_span else None,
        "target_span": list(flag.target_span) if flag.target_span else None,
        "message": flag.message,
        "status": flag.status,
        **({"graded": True} if flag.graded else {}),
        "signature": flag.signature,
        "confidence": flag.confidence,
    }


def dumps(alignment: Alignment) -> str:
    return json.dumps(to_dict(alignment), ensure_ascii=False, indent=1) + "\n"


def save(alignment: Alignment, path: str | os.PathLike[str]) -> None:
    """Write atomically: an existing file is replaced whole or left as it was."""
    atomic_write_text(path, dumps(alignment))


def load(path: str | os.PathLike[str]) -> Alignment:
    p = Path(path)
    raw = read_input(p, "alignment file (.json) written by 'bitext align'", "data")
    return loads(raw, origin=str(p))


def loads(raw: bytes | str, origin: str = "alignment") -> Alignment:
    """Parse and validate the bytes of an alignment file; FormatError (one line) when they are not one."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    head = _decode(_HEAD, data, origin)
    _check_head(head.format, head.version, origin)
    parsed = _decode(_DECODER, data, origin)
    return _alignment(parsed, origin)


def from_dict(data: Any, origin: str = "alignment") -> Alignment:
    """Validate an already decoded alignment file (a dict as :func:`to_dict` makes)."""
    _expect(isinstance(data, dict), origin, "the top level is not an object")
    _check_head(data.get("format"), data.get("version"), origin)
    return _alignment(_convert(data, AlignmentFileSchema, origin), origin)


def _decode(decoder: msgspec.json.Decoder[_T], data: bytes, origin: str) -> _T:
    try:
        return decoder.decode(data)
    except msgspec.ValidationError as exc:
        if str(exc).startswith("Expected `object`, got") and "- at" not in str(exc):
            raise FormatError(
                f"{origin} is not a valid bitext alignment file: the top level is not an object"
            ) from None
        raise FormatError(f"{origin} is not a valid bitext alignment file: {exc}") from None
    except msgspec.DecodeError as exc:
        reason = str(exc).removeprefix("JSON is malformed: ")
        raise FormatError(
            f"{origin} is not valid JSON ({reason}); re-create it with 'bitext align'"
        ) from None
    except UnicodeDecodeError:
        raise FormatError(
            f"{origin} is not UTF-8 text (or holds a lone surrogate), so not an alignment file"
        ) from None
    except RecursionError:
        raise FormatError(f"{origin} is not a bitext alignment file: its JSON is nested too deeply") from None


def _check_head(format_: Any, version: Any, origin: str) -> None:
    _expect(format_ == FORMAT, origin, f"'format' is not {FORMAT!r}")
    if version != VERSION or isinstance(version, bool):
        raise FormatError(
            f"{origin} is an alignment file of version {version!r}; this bitext reads version {VERSION}. "
            "Re-create it with 'bitext align'"
        )


def _convert(data: Any, kind: type[_T], origin: str) -> _T:
    try:
        return msgspec.convert(data, kind, strict=True)
    except msgspec.ValidationError as exc:
        raise FormatError(f"{origin} is not a valid bitext alignment file: {exc}") from None
    except RecursionError:
        raise FormatError(f"{origin} is not a bitext alignment file: it is nested too deeply") from None


def _expect(cond: bool, origin: str, what: str) -> None:
    if not cond:
        raise FormatError(f"{origin} is not a valid bitext alignment file: {what}")


def _alignment(parsed: AlignmentFileSchema, origin: str) -> Alignment:
    """The model objects of a parsed file, after the checks a schema cannot state (ids, ranges)."""
    sig = parsed.signature
    mode = sig.mode or parsed.mode
    _expect(mode is not None, origin, "no 'mode' in the signature")
    assert mode is not None
    signature = Signature(
        bitext=sig.bitext,
        model=sig.model,
        segmenter=sig.segmenter,
        mode=mode,
        thresholds=dict(sig.thresholds),
        checks=sig.checks,
    )
    source = _side(parsed.source, origin, "source")
    target = _side(parsed.target, origin, "target")
    links = []
    seen: set[int] = set()
    for raw in parsed.links:
        _expect(raw.id not in seen, origin, f"link id {raw.id} is used twice; link ids must be unique")
        seen.add(raw.id)
        link = _link(raw)
        for i in link.source:
            _expect(i < len(source.sentences), origin, f"link {link.id} names source sentence {i}")
        for i in link.target:
            _expect(i < len(target.sentences), origin, f"link {link.id} names target sentence {i}")
        _expect(
            len(set(link.source)) == len(link.source) and len(set(link.target)) == len(link.target),
            origin,
            f"link {link.id} names a sentence twice",
        )
        links.append(link)
    imported = _origin(parsed.origin) if parsed.origin is not None else None
    for side in (source, target):
        for s in side.sentences:
            _expect(
                s.unit is None or (imported is not None and s.unit < len(imported.units)),
                origin,
                f"sentence unit {s.unit}",
            )
    return Alignment(source, target, tuple(links), signature, frozenset(parsed.suppressions), imported)


def _origin(raw: OriginSchema) -> Origin:
    def variant(v: VariantSchema) -> VariantMeta:
        return VariantMeta(v.lang, tuple(v.attrs), tuple(v.extras), v.role, v.seg)

    units = tuple(
        UnitMeta(u.key, tuple(u.attrs), tuple(u.extras), tuple(variant(v) for v in u.variants))
        for u in raw.units
    )
    return Origin(raw.format, raw.path, raw.sha256, tuple(raw.attrs), tuple(raw.extras), units)


def _side(raw: SideSchema, origin: str, name: str) -> Side:
    sentences = []
    for pos, s in enumerate(raw.sentences):
        _expect(s.id == pos, origin, f"{name} sentence ids are not 0, 1, 2, ...")
        _expect(
            s.start <= s.end, origin, f"{name} sentence {pos} ends ({s.end}) before it starts ({s.start})"
        )
        sentences.append(_sentence(s))
    return Side(lang=raw.lang, path=raw.path, sentences=tuple(sentences))


def _sentence(s: SentenceSchema) -> Sentence:
    codes = tuple(InlineCode(c[0], c[1], c[2], c[3]) for c in s.codes)
    return Sentence(s.id, s.text, s.start, s.end, codes, s.unit, original=s.original)


def sentence_from_dict(raw: Any, origin: str) -> Sentence:
    """One sentence as :func:`sentence_to_dict` writes it (the review journal stores edits this way)."""
    return _sentence(_convert(raw, SentenceSchema, origin))


def _link(raw: LinkSchema) -> Link:
    return Link(
        id=raw.id,
        source=tuple(raw.source),
        target=tuple(raw.target),
        score=raw.score,
        status=raw.status,
        flags=tuple(_flag(f) for f in raw.flags),
        note=raw.note,
        reviewed_by=raw.reviewed_by,
        reviewed_at=raw.reviewed_at,
    )


def _flag(raw: FlagSchema) -> Flag:
    return Flag(
        kind=raw.kind,
        severity=raw.severity,
        source_excerpt=raw.source_excerpt,
        target_excerpt=raw.target_excerpt,
        source_span=raw.source_span,
        target_span=raw.target_span,
        message=raw.message,
        status=flag_status(raw.status) or "open",
        graded=raw.graded,
        confidence=raw.confidence,
    )


def link_from_dict(raw: Any, origin: str) -> Link:
    """One link as :func:`link_to_dict` writes it (the review journal stores links this way)."""
    return _link(_convert(raw, LinkSchema, origin))


# --- the schema -------------------------------------------------------------------------------------
# Typed parsing is the validation: msgspec refuses a wrong type anywhere (a string where sentence ids
# belong, null for a text), numbers out of range (1e999, an id of -1), NaN and Infinity (not JSON),
# lone surrogates, and nesting where none is expected, before building anything. The JSON Schema that
# ships with the package (SCHEMA_PATH) is generated from these classes, so the two cannot drift.

Id = Annotated[int, msgspec.Meta(ge=0, le=MAX_INT)]
Offset = Annotated[int, msgspec.Meta(ge=0, le=MAX_INT)]
Score = Annotated[float, msgspec.Meta(ge=-MAX_SCORE, le=MAX_SCORE)]
Span = tuple[Offset, Offset]


class SentenceSchema(msgspec.Struct):
    """One sentence: its text and where it lies in the original file (character offsets).

    From an interchange file only: ``codes``, its inline codes as [kind, xml, key, role] (the text
    marks the k-th with U+F0000 + k), and ``unit``, the index of its unit in ``origin.units``.
    """

    id: Id
    text: str
    start: Offset
    end: Offset
    codes: list[tuple[str, str, str, CodeRole]] = msgspec.field(default_factory=list)
    unit: Id | None = None
    original: str | None = None


class SideSchema(msgspec.Struct):
    """One language side: the sentences of one section of one file, ids 0, 1, 2, ..."""

    lang: Annotated[str, msgspec.Meta(min_length=1, max_length=35)]
    sentences: list[SentenceSchema]
    path: str = ""


class FlagSchema(msgspec.Struct):
    """A divergence found in one link; spans are offsets into the link's sentences joined by one space."""

    kind: Annotated[str, msgspec.Meta(min_length=1)]
    severity: Severity
    source_excerpt: str = ""
    target_excerpt: str = ""
    source_span: Span | None = None
    target_span: Span | None = None
    message: str = ""
    # "accepted" is how files written before "confirmed" existed said it; it is read as "confirmed"
    status: FlagStatus | Literal["accepted"] = "open"
    graded: bool = False
    signature: str | None = None
    # how likely the flag is a real error, calibrated per check (None: not scored)
    confidence: Annotated[float, msgspec.Meta(ge=0.0, le=1.0)] | None = None


class LinkSchema(msgspec.Struct):
    """Source sentence ids linked to target sentence ids (one side empty: an unaligned sentence)."""

    id: Id
    source: list[Id]
    target: list[Id]
    score: Score = 0.0
    status: LinkStatus = "auto"
    note: str = ""
    reviewed_by: str = ""
    reviewed_at: str = ""
    flags: list[FlagSchema] = msgspec.field(default_factory=list)


class SignatureSchema(msgspec.Struct):
    """Provenance: what produced the file (``text`` is the same, printed like sacrebleu's signature)."""

    bitext: str
    model: str
    segmenter: str
    mode: Mode | None = None
    thresholds: dict[str, Annotated[float, msgspec.Meta(ge=-MAX_SCORE, le=MAX_SCORE)]] = msgspec.field(
        default_factory=dict
    )
    checks: str = ""
    text: str = ""


Attr = tuple[str, str]


class VariantSchema(msgspec.Struct):
    """One language variant of an imported unit; ``extras`` are props and notes as XML."""

    lang: str
    attrs: list[Attr] = msgspec.field(default_factory=list)
    extras: list[str] = msgspec.field(default_factory=list)
    role: str = ""
    seg: str = ""


class UnitSchema(msgspec.Struct):
    """An imported unit (TMX ``tu``, XLIFF unit): what export writes back."""

    key: str = ""
    attrs: list[Attr] = msgspec.field(default_factory=list)
    extras: list[str] = msgspec.field(default_factory=list)
    variants: list[VariantSchema] = msgspec.field(default_factory=list)


class OriginSchema(msgspec.Struct):
    """The interchange file (TMX, XLIFF) an alignment was imported from."""

    format: str
    path: str = ""
    sha256: str = ""
    attrs: list[Attr] = msgspec.field(default_factory=list)
    extras: list[str] = msgspec.field(default_factory=list)
    units: list[UnitSchema] = msgspec.field(default_factory=list)


class AlignmentFileSchema(msgspec.Struct):
    """A bitext alignment file (format "bitext-alignment", version 1)."""

    format: Literal["bitext-alignment"]
    version: Literal[1]
    signature: SignatureSchema
    source: SideSchema
    target: SideSchema
    links: list[LinkSchema]
    mode: Mode | None = None
    suppressions: list[str] = msgspec.field(default_factory=list)
    origin: OriginSchema | None = None


class _Head(msgspec.Struct):
    format: Any = None
    version: Any = None


_HEAD = msgspec.json.Decoder(_Head)
_DECODER = msgspec.json.Decoder(AlignmentFileSchema)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the alignment file, as shipped in ``SCHEMA_PATH``."""
    schema = msgspec.json.schema(AlignmentFileSchema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "bitext alignment file",
        "description": (
            "Written by 'bitext align'. Beyond this schema, bitext checks that sentence ids are 0, 1, 2, "
            "... in order, that start <= end, that link ids are unique and that every id a link names "
            "exists."
        ),
        **schema,
    }


if __name__ == "__main__":
    # Regenerate the shipped schema: python -m bitext.alignment_file > src/bitext/data/alignment.schema.json
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
