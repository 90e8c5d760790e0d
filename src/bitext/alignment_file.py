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
from pathlib import Path
from typing import Any

from bitext.atomic import atomic_write_text
from bitext.errors import FormatError, InputError
from bitext.model import (
    LINK_STATUSES,
    MODES,
    SEVERITIES,
    Alignment,
    Flag,
    InlineCode,
    Link,
    Origin,
    Sentence,
    Side,
    Signature,
    UnitMeta,
    VariantMeta,
    flag_status,
)

FORMAT = "bitext-alignment"
VERSION = 1
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


def _attrs(raw: Any) -> tuple[tuple[str, str], ...]:
    return tuple((str(k), str(v)) for k, v in raw or [])


def _origin_from_dict(raw: Any, origin: str) -> Origin:
    _expect(isinstance(raw, dict), origin, "'origin' is not an object")
    units = []
    for u in raw.get("units") or []:
        variants = tuple(
            VariantMeta(
                str(v["lang"]),
                _attrs(v.get("attrs")),
                tuple(str(x) for x in v.get("extras") or []),
                str(v.get("role") or ""),
                str(v.get("seg") or ""),
            )
            for v in u.get("variants") or []
        )
        units.append(
            UnitMeta(
                str(u.get("key") or ""),
                _attrs(u.get("attrs")),
                tuple(str(x) for x in u.get("extras") or []),
                variants,
            )
        )
    return Origin(
        format=str(raw["format"]),
        path=str(raw.get("path") or ""),
        sha256=str(raw.get("sha256") or ""),
        attrs=_attrs(raw.get("attrs")),
        extras=tuple(str(x) for x in raw.get("extras") or []),
        units=tuple(units),
    )


def _codes_from(raw: Any, origin: str) -> tuple[InlineCode, ...]:
    codes = []
    for c in raw or []:
        kind, xml, key, role = c
        _expect(role in ("standalone", "open", "close"), origin, f"inline code role {role!r}")
        codes.append(InlineCode(str(kind), str(xml), str(key), role))
    return tuple(codes)


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
        "score": round(link.score, 4),
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
    if not p.exists():
        raise InputError(f"{p}: no such file; give the path of an alignment file written by 'bitext align'")
    if p.is_dir():
        raise InputError(f"{p} is a directory; give an alignment file (.json)")
    try:
        raw = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FormatError(f"{p} is not UTF-8 text, so not an alignment file: {exc.reason}") from exc
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror or exc}") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"{p} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "re-create it with 'bitext align'"
        ) from exc
    return from_dict(data, origin=str(p))


def from_dict(data: Any, origin: str = "alignment") -> Alignment:
    try:
        return _from_dict(data, origin)
    except FormatError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise FormatError(
            f"{origin} is not a valid bitext alignment file ({type(exc).__name__}: {exc})"
        ) from exc


def _expect(cond: bool, origin: str, what: str) -> None:
    if not cond:
        raise FormatError(f"{origin} is not a valid bitext alignment file: {what}")


def _from_dict(data: Any, origin: str) -> Alignment:
    _expect(isinstance(data, dict), origin, "the top level is not an object")
    _expect(data.get("format") == FORMAT, origin, f"'format' is not {FORMAT!r}")
    version = data.get("version")
    if version != VERSION:
        raise FormatError(
            f"{origin} is an alignment file of version {version!r}; this bitext reads version {VERSION}. "
            "Re-create it with 'bitext align'"
        )
    sig = data["signature"]
    mode = sig.get("mode", data.get("mode"))
    _expect(mode in MODES, origin, f"unknown mode {mode!r}")
    signature = Signature(
        bitext=str(sig["bitext"]),
        model=str(sig["model"]),
        segmenter=str(sig["segmenter"]),
        mode=mode,
        thresholds={str(k): float(v) for k, v in dict(sig.get("thresholds") or {}).items()},
        checks=str(sig.get("checks") or ""),
    )
    source = _side_from_dict(data["source"], origin, "source")
    target = _side_from_dict(data["target"], origin, "target")
    links = []
    for raw in data["links"]:
        link = link_from_dict(raw, origin)
        for i in link.source:
            _expect(0 <= i < len(source.sentences), origin, f"link {link.id} names source sentence {i}")
        for i in link.target:
            _expect(0 <= i < len(target.sentences), origin, f"link {link.id} names target sentence {i}")
        links.append(link)
    suppressions = frozenset(str(s) for s in data.get("suppressions") or [])
    imported = _origin_from_dict(data["origin"], origin) if data.get("origin") is not None else None
    if imported is not None:
        for side in (source, target):
            for s in side.sentences:
                _expect(
                    s.unit is None or 0 <= s.unit < len(imported.units), origin, f"sentence unit {s.unit}"
                )
    return Alignment(source, target, tuple(links), signature, suppressions, imported)


def _side_from_dict(raw: Any, origin: str, name: str) -> Side:
    _expect(isinstance(raw, dict), origin, f"'{name}' is not an object")
    sentences = []
    for pos, s in enumerate(raw["sentences"]):
        _expect(int(s["id"]) == pos, origin, f"{name} sentence ids are not 0, 1, 2, ...")
        sentences.append(sentence_from_dict(s, origin))
    return Side(lang=str(raw["lang"]), path=str(raw.get("path") or ""), sentences=tuple(sentences))


def sentence_from_dict(s: Any, origin: str) -> Sentence:
    original = s.get("original")
    unit = s.get("unit")
    return Sentence(
        int(s["id"]),
        str(s["text"]),
        int(s["start"]),
        int(s["end"]),
        _codes_from(s.get("codes"), origin),
        None if unit is None else int(unit),
        original=None if original is None else str(original),
    )


def link_from_dict(raw: Any, origin: str) -> Link:
    status = raw.get("status", "auto")
    _expect(status in LINK_STATUSES, origin, f"link status {status!r}")
    flags = tuple(_flag_from_dict(f, origin) for f in raw.get("flags") or [])
    return Link(
        id=int(raw["id"]),
        source=tuple(int(i) for i in raw["source"]),
        target=tuple(int(i) for i in raw["target"]),
        score=float(raw.get("score", 0.0)),
        status=status,
        flags=flags,
        note=str(raw.get("note") or ""),
        reviewed_by=str(raw.get("reviewed_by") or ""),
        reviewed_at=str(raw.get("reviewed_at") or ""),
    )


def _span(raw: Any) -> tuple[int, int] | None:
    if raw is None:
        return None
    a, b = raw
    return int(a), int(b)


def _flag_from_dict(raw: Any, origin: str) -> Flag:
    severity = raw["severity"]
    _expect(severity in SEVERITIES, origin, f"flag severity {severity!r}")
    status = flag_status(raw.get("status", "open"))
    _expect(status is not None, origin, f"flag status {raw.get('status')!r}")
    assert status is not None
    return Flag(
        kind=str(raw["kind"]),
        severity=severity,
        source_excerpt=str(raw.get("source_excerpt") or ""),
        target_excerpt=str(raw.get("target_excerpt") or ""),
        source_span=_span(raw.get("source_span")),
        target_span=_span(raw.get("target_span")),
        message=str(raw.get("message") or ""),
        status=status,
        graded=bool(raw.get("graded", False)),
        confidence=_confidence(raw.get("confidence"), origin),
    )


def _confidence(raw: Any, origin: str) -> float | None:
    if raw is None:
        return None
    _expect(
        isinstance(raw, int | float) and not isinstance(raw, bool) and 0.0 <= float(raw) <= 1.0,
        origin,
        f"flag confidence {raw!r} (a number from 0 to 1)",
    )
    return float(raw)
