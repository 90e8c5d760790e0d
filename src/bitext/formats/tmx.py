"""TMX 1.4b: write an alignment as a translation memory, and read one back without losing what it holds.

What a TMX written by bitext holds (valid against the TMX 1.4b DTD):

- ``header``: creationtool ``bitext`` and its version, segtype ``sentence``, o-tmf ``bitext-alignment``,
  srclang = the source side's language tag, datatype ``plaintext``, creationdate (UTC, or
  ``$SOURCE_DATE_EPOCH`` for reproducible files), and ``x-`` props with the provenance signature, the two
  input paths and the reviewer's suppressions, so an import restores them. A memory that was imported
  keeps its own header attributes, props and notes; bitext's props are added.
- one ``tu`` per pair, ``tuid`` = the link id; the sentences of a many-to-one link are joined in order with
  one space; the reviewer's note as ``note``; ``x-score``, ``x-status``, and per flag an ``x-flag`` prop
  (``kind; severity; message``, readable in any CAT tool) followed by ``x-flag-detail`` (JSON with the
  flag's status, excerpts and spans, so that export -> import round-trips).
- the reviewer's work, where CAT tools look: who and when as the unit's ``changeid`` and ``changedate``
  (and ``x-reviewer``, ``x-reviewed`` in ISO 8601); a second ``note`` headed "bitext review:" that says
  the decision, each flag confirmed or dismissed (status, kind, severity, message) and, for an edited
  sentence, the text it had (OmegaT shows it beside the match). The ``seg`` holds the edited text; the
  text as read goes in ``x-original-source`` / ``x-original-target``, so an import restores the edit.
- An imported unit is written back as it came: tuid and every attribute, its props and notes, each
  ``tuv`` with its attributes (``xml:lang`` spelt as it was), props and notes, inline codes as they
  were, and the variants of other languages. bitext adds its props only where they say something
  (a flag, a review status, a score that is not the import's 1.0).

Which links a TMX holds by default (a working memory must hold only what a translator would reuse;
:func:`choose`): translation-mode pairs that a reviewer accepted or that score at least
:data:`DEFAULT_MIN_SCORE`, without an error the reviewer confirmed. Summary pairs (written with
``segtype="block"``: their sentences are not adjacent), pairs below the confidence and pairs with a
confirmed error come only when asked for (``include``), each marked by an ``x-bitext-included`` prop.
Rejected links never, and unaligned links only when they are imported units written back.

Reading (:func:`read_tmx`) goes through the hardened parser in :mod:`bitext.formats.xmlsafe`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Unpack

import msgspec
from lxml import etree

from bitext import __version__
from bitext.atomic import atomic_open
from bitext.errors import FormatError, InputError
from bitext.formats import ExportOptions, ExportSettings
from bitext.formats.inline import element_xml, fill, inline_xml, local_name, read_inline
from bitext.formats.review_notes import is_review_note, review_note
from bitext.formats.xmlsafe import XML_LANG, clean_xml_text, parse_untrusted, safe_parser
from bitext.langtags import bcp47, is_tag, tag_key
from bitext.model import (
    LINK_STATUSES,
    MODES,
    SEVERITIES,
    SIDE_NAMES,
    Alignment,
    Flag,
    Link,
    LinkStatus,
    Mode,
    Origin,
    Sentence,
    Side,
    Signature,
    UnitMeta,
    VariantMeta,
    flag_status,
)

__all__ = ["bcp47", "choose", "export_tmx", "import_tmx", "left_out", "read_tmx", "tmx_date"]

O_TMF = "bitext-alignment"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
# Separator inside an x-flag prop. Kinds and severities never contain it; messages may, hence maxsplit.
FLAG_SEP = "; "
DEFAULT_MIN_SCORE = 0.5
INCLUDE = ("summary", "unsure", "errors")
# Header props bitext writes (and rewrites on every export, so an import does not keep the old ones).
_HEADER_PROPS = frozenset(
    {
        "x-signature",
        "x-bitext",
        "x-model",
        "x-segmenter",
        "x-mode",
        "x-threshold",
        "x-checks",
        "x-source-path",
        "x-target-path",
        "x-suppression",
    }
)
SEG_AT = ""  # in a variant's extras: where its seg stood (some tools write props after it)
_UNIT_PROPS = frozenset(
    {
        "x-score",
        "x-status",
        "x-flag",
        "x-flag-detail",
        "x-bitext-included",
        "x-reviewer",
        "x-reviewed",
        "x-original-source",
        "x-original-target",
    }
)


def tmx_date(epoch: float | None = None) -> str:
    """TMX date format, UTC: ``YYYYMMDDThhmmssZ``."""
    if epoch is None:
        env = os.environ.get("SOURCE_DATE_EPOCH", "")
        epoch = float(env) if env.isdigit() else time.time()
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(epoch))


# --- which links ------------------------------------------------------------------------------------


def choose(
    alignment: Alignment,
    link: Link,
    *,
    only_accepted: bool = False,
    min_score: float | None = None,
    include: Iterable[str] = (),
) -> str | None:
    """None when ``link`` stays out of the memory, else why it is in beyond the defaults ("" if it is not)."""
    if link.status == "rejected" or link.is_unaligned:
        return None
    asked = set(include)
    why: list[str] = []
    if alignment.mode == "summary":
        if "summary" not in asked:
            return None
        why.append("summary")
    if only_accepted and link.status != "accepted":
        return None
    threshold = DEFAULT_MIN_SCORE if min_score is None else min_score
    if link.status != "accepted" and link.score < threshold:
        if "unsure" not in asked:
            return None
        why.append(f"below-confidence {link.score:.2f} < {threshold:g}")
    if any(f.status == "confirmed" for f in link.flags):
        if "errors" not in asked:
            return None
        why.append("confirmed-error")
    return "; ".join(why)


def left_out(
    alignment: Alignment,
    *,
    only_accepted: bool = False,
    min_score: float | None = None,
    include: Iterable[str] = (),
) -> dict[str, int]:
    """How many pairs the defaults keep out of the memory, by reason (for the command's message)."""
    asked = set(include)
    threshold = DEFAULT_MIN_SCORE if min_score is None else min_score
    counts = {"summary": 0, "unsure": 0, "errors": 0, "not accepted": 0}
    for link in alignment.links:
        if link.status == "rejected" or link.is_unaligned:
            continue
        if alignment.mode == "summary" and "summary" not in asked:
            counts["summary"] += 1
        elif only_accepted and link.status != "accepted":
            counts["not accepted"] += 1
        elif link.status != "accepted" and link.score < threshold and "unsure" not in asked:
            counts["unsure"] += 1
        elif any(f.status == "confirmed" for f in link.flags) and "errors" not in asked:
            counts["errors"] += 1
    return {k: v for k, v in counts.items() if v}


# --- writing ---------------------------------------------------------------------------------------


def _sub(parent: Any, tag: str, text: str, **attrib: str) -> Any:
    el = etree.SubElement(parent, tag, attrib)
    el.text = clean_xml_text(text)
    return el


def _prop(parent: Any, kind: str, text: str) -> Any:
    return _sub(parent, "prop", text, type=kind)


def _xml(markup: str) -> Any:
    return etree.fromstring(markup, safe_parser())


def _header(alignment: Alignment, srclang: str) -> Any:
    origin = alignment.origin
    if origin is not None and origin.format == "tmx" and origin.attrs:
        header = etree.Element("header")
        for attr, text in origin.attrs:
            header.set(attr, text)
        for extra in origin.extras:
            header.append(_xml(extra))
    else:
        header = etree.Element(
            "header",
            {
                "creationtool": "bitext",
                "creationtoolversion": __version__,
                "segtype": "sentence",
                "o-tmf": O_TMF,
                "adminlang": "en",
                "srclang": srclang,
                "datatype": "plaintext",
                "creationdate": tmx_date(),
            },
        )
    sig = alignment.signature
    _prop(header, "x-signature", sig.text())
    _prop(header, "x-bitext", sig.bitext)
    _prop(header, "x-model", sig.model)
    _prop(header, "x-segmenter", sig.segmenter)
    _prop(header, "x-mode", sig.mode)
    for key, value in sorted(sig.thresholds.items()):
        _prop(header, "x-threshold", f"{key}={value!r}")
    if sig.checks:
        _prop(header, "x-checks", sig.checks)
    _prop(header, "x-source-path", alignment.source.path)
    _prop(header, "x-target-path", alignment.target.path)
    for signature in sorted(alignment.suppressions):
        _prop(header, "x-suppression", signature)
    return header


def _flag_detail(flag: Flag) -> str:
    detail = {
        "status": flag.status,
        "source_excerpt": flag.source_excerpt,
        "target_excerpt": flag.target_excerpt,
        "source_span": list(flag.source_span) if flag.source_span else None,
        "target_span": list(flag.target_span) if flag.target_span else None,
    }
    return json.dumps(detail, ensure_ascii=False, separators=(",", ":"))


def _tmx_date_of(iso: str) -> str | None:
    """``2026-12-01T19:00:00Z`` as TMX writes dates (``20261201T190000Z``); None if it is not one."""
    digits = iso.replace("-", "").replace(":", "")
    if len(digits) == 16 and digits[8] == "T" and digits.endswith("Z") and digits[:8].isdigit():
        return digits
    return None


def _reviewed(tu: Any, alignment: Alignment, link: Link) -> None:
    """The reviewer's work on the unit: a note a CAT tool shows (OmegaT lists a unit's notes), and who
    changed it when as the TMX attributes for that (``changeid``, ``changedate``)."""
    note = review_note(alignment, link)
    if note:
        _sub(tu, "note", note)
    if link.reviewed_by:
        tu.set("changeid", link.reviewed_by)
    changed = _tmx_date_of(link.reviewed_at)
    if changed:
        tu.set("changedate", changed)


def _bitext_props(
    tu: Any, alignment: Alignment, link: Link, why: str, with_flags: bool, imported: bool
) -> None:
    # An imported unit gets only the props that say something, so it comes back as it went in.
    if why:
        _prop(tu, "x-bitext-included", why)
    if not imported or link.score != 1.0:
        _prop(tu, "x-score", f"{link.score:.4f}")
    if not imported or link.status != "auto":
        _prop(tu, "x-status", link.status)
    if link.reviewed_by:
        _prop(tu, "x-reviewer", link.reviewed_by)
    if link.reviewed_at:
        _prop(tu, "x-reviewed", link.reviewed_at)
    for side in SIDE_NAMES:
        original = alignment.side(side).edited_original(getattr(link, side))
        if original:  # the seg holds the reviewer's correction; this, the text as it was read
            _prop(tu, f"x-original-{side}", original)
    if with_flags:
        for flag in link.flags:
            _prop(tu, "x-flag", FLAG_SEP.join((flag.kind, flag.severity, flag.message)))
            _prop(tu, "x-flag-detail", _flag_detail(flag))


def side_markup(side: Side, ids: Iterable[int]) -> str:
    """The XML content of the sentences ``ids`` joined by one space, inline codes as they came."""
    return " ".join(inline_xml(side.sentences[i].text, side.sentences[i].codes) for i in ids)


Filler = list[tuple[Any, Any]]  # (empty seg, how to fill it), filled after indenting


def _seg(parent: Any, side: Side, ids: tuple[int, ...], later: Filler) -> None:
    seg = etree.SubElement(parent, "seg")
    if not any(side.sentences[i].codes for i in ids):
        seg.text = clean_xml_text(side.joined(ids))  # text only: indenting cannot touch it
        return

    def content(seg: Any) -> None:
        if len(ids) == 1:
            sentence = side.sentences[ids[0]]
            fill(seg, sentence.text, sentence.codes)
        else:
            parsed = _xml(f"<seg>{side_markup(side, ids)}</seg>")
            seg.text = parsed.text
            seg.extend(list(parsed))

    later.append((seg, content))


def _indented(tu: Any, later: Filler) -> Any:
    # Whitespace between elements only, never inside a seg (whose inline codes indent() would pad):
    # the segs are filled after indenting. Element-only content per the DTD.
    etree.indent(tu, space="  ", level=2)
    for seg, content in later:
        content(seg)
    return tu


def _tu(alignment: Alignment, link: Link, srclang: str, tgtlang: str, with_flags: bool, why: str) -> Any:
    tu = etree.Element("tu", tuid=str(link.id))
    if alignment.mode == "summary":
        tu.set("segtype", "block")  # the sentences of a summary link need not be neighbours
    if link.note:
        _sub(tu, "note", link.note)
    _reviewed(tu, alignment, link)
    _bitext_props(tu, alignment, link, why, with_flags, imported=False)
    later: Filler = []
    for lang, side, ids in (
        (srclang, alignment.source, link.source),
        (tgtlang, alignment.target, link.target),
    ):
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
        _seg(tuv, side, ids, later)
    return _indented(tu, later)


def _unit_of(alignment: Alignment, link: Link) -> int | None:
    """The imported unit ``link`` is exactly (one sentence of it per side present), or None."""
    if alignment.origin is None or len(link.source) > 1 or len(link.target) > 1:
        return None
    units = {alignment.source.sentences[i].unit for i in link.source}
    units |= {alignment.target.sentences[i].unit for i in link.target}
    if len(units) != 1:
        return None
    unit = next(iter(units))
    if unit is None or not 0 <= unit < len(alignment.origin.units):
        return None
    roles = {v.role for v in alignment.origin.units[unit].variants}
    # a side the unit had must still be in the link (a relinked sentence makes a new unit)
    if ("source" in roles) != bool(link.source) or ("target" in roles) != bool(link.target):
        return None
    return unit


def _notes_text(extras: Iterable[str]) -> str:
    texts = []
    for extra in extras:
        if extra == SEG_AT:
            continue
        el = _xml(extra)
        if local_name(el) == "note":
            texts.append(el.text or "")
    return "\n".join(texts)


def _imported_tu(alignment: Alignment, link: Link | None, meta: UnitMeta, with_flags: bool, why: str) -> Any:
    tu = etree.Element("tu")
    for name, value in meta.attrs:
        tu.set(name, value)
    for extra in meta.extras:
        tu.append(_xml(extra))
    if link is not None:
        if link.note and link.note != _notes_text(meta.extras):
            _sub(tu, "note", link.note)
        _reviewed(tu, alignment, link)
        _bitext_props(tu, alignment, link, why, with_flags, imported=True)
    later: Filler = []
    for variant in meta.variants:
        tuv = etree.SubElement(tu, "tuv")
        for name, value in variant.attrs:
            tuv.set(name, value)
        ids = () if link is None else link.source if variant.role == "source" else link.target
        extras = variant.extras if SEG_AT in variant.extras else (*variant.extras, SEG_AT)
        for extra in extras:
            if extra != SEG_AT:
                tuv.append(_xml(extra))
            elif variant.role in ("source", "target") and ids:
                side = alignment.source if variant.role == "source" else alignment.target
                _seg(tuv, side, ids, later)
            elif variant.seg:
                later.append((etree.SubElement(tuv, "seg"), _copy(variant.seg)))
    return _indented(tu, later)


def _copy(markup: str) -> Any:
    def content(seg: Any) -> None:
        parsed = _xml(markup)
        for name, value in parsed.attrib.items():
            seg.set(name, value)
        seg.text = parsed.text
        seg.extend(list(parsed))

    return content


def _units(alignment: Alignment, srclang: str, tgtlang: str, with_flags: bool, **rules: Any) -> Iterator[Any]:
    """Every ``tu`` to write, in document order (imported units that became no link included)."""
    origin = alignment.origin
    units = origin.units if origin is not None and origin.format == "tmx" else ()
    linked: dict[int, Link] = {}
    for link in alignment.links:
        unit = _unit_of(alignment, link) if units else None
        if unit is not None:
            linked[unit] = link
    written = 0
    for link in alignment.links:
        unit = _unit_of(alignment, link) if units else None
        if unit is not None:
            while written < unit:  # units before this one that hold no link of the pair
                if written not in linked:
                    yield _imported_tu(alignment, None, units[written], with_flags, "")
                written += 1
            written = max(written, unit + 1)
            if link.is_unaligned:
                if link.status != "rejected":
                    yield _imported_tu(alignment, link, units[unit], with_flags, "")
                continue
            why = choose(alignment, link, **rules)
            if why is not None:
                yield _imported_tu(alignment, link, units[unit], with_flags, why)
            continue
        why = choose(alignment, link, **rules)
        if why is not None:
            yield _tu(alignment, link, srclang, tgtlang, with_flags, why)
    for rest in range(written, len(units)):
        if rest not in linked:
            yield _imported_tu(alignment, None, units[rest], with_flags, "")


def export_tmx(alignment: Alignment, out: Path, **options: Unpack[ExportOptions]) -> int:
    """Write the alignment's pairs to ``out`` as TMX 1.4b; returns the number of ``tu`` written.

    ``include`` may name "summary", "unsure" (below ``min_score``, default :data:`DEFAULT_MIN_SCORE`)
    and "errors" (a confirmed error): pairs the default memory leaves out.
    """
    settings = ExportSettings(**options)
    include = tuple(settings.include)
    unknown = set(include) - set(INCLUDE)
    if unknown:
        raise InputError(f"cannot include {', '.join(sorted(unknown))}; choose from {', '.join(INCLUDE)}")
    srclang = _tag(alignment.source.lang)
    tgtlang = _tag(alignment.target.lang)
    if tag_key(srclang) == tag_key(tgtlang):
        raise InputError(f"both sides are in {srclang!r}; a TMX needs two languages")
    rules = {"only_accepted": settings.only_accepted, "min_score": settings.min_score, "include": include}
    count = 0
    # Streamed with xmlfile so 100,000 units never sit in memory as one tree.
    with atomic_open(out, "wb", encoding=None) as fh:
        with etree.xmlfile(fh, encoding="utf-8") as xf:
            xf.write_declaration()
            xf.write_doctype(DOCTYPE)
            with xf.element("tmx", version="1.4"):
                xf.write("\n  ")
                header = _header(alignment, srclang)
                etree.indent(header, space="  ", level=1)
                xf.write(header, "\n  ")
                with xf.element("body"):
                    for tu in _units(alignment, srclang, tgtlang, settings.with_flags, **rules):
                        xf.write("\n    ", tu)
                        count += 1
                    xf.write("\n  ")
                xf.write("\n")
        fh.write(b"\n")  # type: ignore[arg-type]  # atomic_open is typed for text; this is binary
    return count


def _tag(lang: str) -> str:
    return bcp47(lang) if is_tag(lang) else lang


# --- reading ---------------------------------------------------------------------------------------


def _lang_of(tuv: Any) -> str | None:
    lang = tuv.get(XML_LANG) or tuv.get("lang")  # TMX 1.1 wrote lang=
    return str(lang).strip() if lang and str(lang).strip() else None


def _props(el: Any) -> list[tuple[str, str]]:
    return [(str(p.get("type", "")), p.text or "") for p in el if local_name(p) == "prop"]


@dataclass
class _Languages:
    """The languages of a file (by case-insensitive key, first spelling kept) and the pair chosen."""

    spelling: dict[str, str]
    source: str
    target: str
    notes: list[str]


def _pick(wanted: str, spelling: dict[str, str], path: Path, role: str) -> str:
    """Match a language the user gave against the file's tags: exact (any case), then by primary subtag."""
    key = tag_key(wanted)
    if key in spelling:
        return key
    primary = [k for k in spelling if k.split("-")[0] == key.split("-")[0]]
    if len(primary) == 1:
        return primary[0]
    has = ", ".join(spelling.values()) or "none"
    more = " (more than one matches: give the whole tag)" if primary else ""
    raise FormatError(f"{path}: no {role} language {wanted!r} in this TMX{more}; it has {has}")


def _languages(
    tus: list[Any], header: Any, path: Path, source_lang: str | None, target_lang: str | None
) -> _Languages:
    spelling: dict[str, str] = {}
    unit_src: dict[str, int] = {}
    for n, tu in enumerate(tus, 1):
        for tuv in tu:
            if local_name(tuv) != "tuv":
                continue
            lang = _lang_of(tuv)
            if lang is None:
                raise FormatError(
                    f"{path}: translation unit {n} has a tuv without xml:lang (line {tuv.sourceline})"
                )
            spelling.setdefault(tag_key(lang), lang)
        declared = (tu.get("srclang") or "").strip()
        if declared and declared != "*all*":
            unit_src[tag_key(declared)] = unit_src.get(tag_key(declared), 0) + 1
    if len(spelling) < 2:
        found = f"units in only {next(iter(spelling.values()))!r}" if spelling else "no translation units"
        raise FormatError(
            f"{path}: a TMX with {found} (no second language); bitext needs units in two languages"
        )
    listed = ", ".join(spelling.values())
    notes: list[str] = []
    src: str | None = None
    if source_lang:
        src = _pick(source_lang, spelling, path, "source")
    else:
        declared = (header.get("srclang") or "").strip() if header is not None else ""
        if declared and declared != "*all*":
            # A header naming a language no unit has is someone else's mistake: fall back, don't fail.
            with contextlib.suppress(FormatError):
                src = _pick(declared, spelling, path, "source")
        if src is None and unit_src:
            top = max(unit_src, key=lambda k: unit_src[k])
            if top in spelling and len(unit_src) == 1:
                src = top
    tgt: str | None = _pick(target_lang, spelling, path, "target") if target_lang else None
    if src is None and tgt is not None and len(spelling) == 2:
        src = next(k for k in spelling if k != tgt)
    if src is None:
        raise FormatError(
            f"{path} does not say which language is the source (srclang is '*all*' or missing); "
            f"give --source-lang (it has {listed})"
        )
    if tgt is None:
        others = [k for k in spelling if k != src]
        if len(others) > 1:
            raise FormatError(
                f"{path} holds {len(spelling)} languages ({listed}); give --target-lang to say which one "
                f"to check against {spelling[src]} (or --source-lang and --target-lang)"
            )
        tgt = others[0]
    if src == tgt:
        raise FormatError(
            f"{path}: source and target language are both {spelling[src]!r}; give two languages"
        )
    if len(spelling) > 2:
        rest = [spelling[k] for k in spelling if k not in (src, tgt)]
        notes.append(
            f"took {spelling[src]} -> {spelling[tgt]} of {len(spelling)} languages; "
            f"{', '.join(rest)} stay in each unit and are written back on export, not checked"
        )
    against = sum(n for k, n in unit_src.items() if k != src)
    if against:
        notes.append(f"{against} units declare another source language (srclang) than {spelling[src]}")
    return _Languages(spelling, src, tgt, notes)


def _signature(header_props: list[tuple[str, str]]) -> Signature:
    values: dict[str, str] = {}
    thresholds: dict[str, float] = {}
    for kind, text in header_props:
        if kind == "x-threshold" and "=" in text:
            name, _, value = text.partition("=")
            try:
                thresholds[name] = float(value)
            except ValueError:
                continue
        else:
            values.setdefault(kind, text)
    raw_mode = values.get("x-mode", "translation")
    mode: Mode = "summary" if raw_mode == "summary" else "translation"
    assert mode in MODES
    return Signature(
        bitext=values.get("x-bitext", __version__),
        model=values.get("x-model", "tmx"),
        segmenter=values.get("x-segmenter", "tmx"),
        mode=mode,
        thresholds=thresholds,
        checks=values.get("x-checks", ""),
    )


def _flag(summary: str, detail: str | None, path: Path, n: int) -> Flag:
    parts = summary.split(FLAG_SEP, 2)
    if len(parts) < 2 or parts[1] not in SEVERITIES:
        raise FormatError(f"{path}: translation unit {n} has an x-flag that is not 'kind; severity; message'")
    kind, severity = parts[0], parts[1]
    message = parts[2] if len(parts) == 3 else ""
    info = _FlagDetail()
    if detail is not None:
        try:
            info = _DETAIL.decode(detail)
        except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError, RecursionError) as exc:
            reason = str(exc).removeprefix("JSON is malformed: ") if str(exc) else "nested too deeply"
            raise FormatError(
                f"{path}: translation unit {n}: x-flag-detail is not valid ({reason})"
            ) from None
    return Flag(
        kind=kind,
        severity=next(s for s in SEVERITIES if s == severity),
        source_excerpt=info.source_excerpt,
        target_excerpt=info.target_excerpt,
        source_span=info.source_span,
        target_span=info.target_span,
        message=message,
        status=flag_status(info.status) or "open",
    )


_Offset = Annotated[int, msgspec.Meta(ge=0, le=2**53 - 1)]


class _FlagDetail(msgspec.Struct):
    """What ``x-flag-detail`` holds (written by :func:`_flag_detail`); typed so that a hostile value
    (deep nesting, a string where a span belongs) is refused before anything recurses over it."""

    status: str = "open"  # mapped by flag_status: legacy names read, unknown ones as open
    source_excerpt: str = ""
    target_excerpt: str = ""
    source_span: tuple[_Offset, _Offset] | None = None
    target_span: tuple[_Offset, _Offset] | None = None


_DETAIL = msgspec.json.Decoder(_FlagDetail)


@dataclass
class _UnitReview:
    """What bitext wrote on a unit, read back."""

    score: float = 1.0  # a unit from another tool carries none: it is a pair someone kept, so certain
    status: LinkStatus = "auto"
    flags: tuple[Flag, ...] = ()
    note: str = ""
    reviewed_by: str = ""
    reviewed_at: str = ""
    originals: dict[str, str] = field(default_factory=dict)  # by side: the text before an edit


def _link_meta(tu: Any, path: Path, n: int) -> _UnitReview:
    score = 1.0
    status: LinkStatus = "auto"
    flags: list[Flag] = []
    props = _props(tu)
    values = dict(props)
    for i, (kind, text) in enumerate(props):
        if kind == "x-score":
            try:
                score = float(text)
            except ValueError:
                raise FormatError(f"{path}: translation unit {n}: x-score {text!r} is not a number") from None
            if not math.isfinite(score):
                raise FormatError(f"{path}: translation unit {n}: x-score {text!r} is not a finite number")
        elif kind == "x-status":
            for known in LINK_STATUSES:
                if text == known:
                    status = known
        elif kind == "x-flag":
            nxt = props[i + 1] if i + 1 < len(props) else None
            detail = nxt[1] if nxt is not None and nxt[0] == "x-flag-detail" else None
            flags.append(_flag(text, detail, path, n))
    notes = [el.text or "" for el in tu if local_name(el) == "note"]
    note = "\n".join(text for text in notes if not is_review_note(text))
    originals: dict[str, str] = {
        side: values[f"x-original-{side}"] for side in SIDE_NAMES if f"x-original-{side}" in values
    }
    return _UnitReview(
        score,
        status,
        tuple(flags),
        note,
        values.get("x-reviewer", ""),
        values.get("x-reviewed", ""),
        originals,
    )


def _extras(el: Any, skip: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The element's props and notes as XML, in order (bitext's own props left out: they are rewritten);
    :data:`SEG_AT` marks where a seg stood."""
    kept = []
    for child in el:
        name = local_name(child)
        if name == "seg":
            kept.append(SEG_AT)
        elif name in ("prop", "note", "ude") and not (name == "prop" and child.get("type", "") in skip):
            if skip and name == "note" and is_review_note(child.text or ""):
                continue  # bitext's own, rewritten on export like its props
            kept.append(element_xml(child))
    return tuple(kept)


class _SideBuilder:
    """Sentences of one side; offsets point into a synthetic text (the segments joined by newlines)."""

    def __init__(self) -> None:
        self.sentences: list[Sentence] = []
        self.offset = 0

    def add(
        self, text: str, codes: tuple[Any, ...], unit: int, original: str | None = None
    ) -> tuple[int, ...]:
        sid = len(self.sentences)
        kept = original if original is not None and original != text else None
        self.sentences.append(Sentence(sid, text, self.offset, self.offset + len(text), codes, unit, kept))
        self.offset += len(text) + 1
        return (sid,)


def _has_words(text: str, codes: tuple[Any, ...]) -> bool:
    """Whether a segment holds text besides its markup (a literal character kept as a code counts)."""
    from bitext.formats.inline import plain_text

    if plain_text(text).strip():
        return True
    return any(code.kind == "char" for code in codes)


def read_tmx(
    path: Path, source_lang: str | None = None, target_lang: str | None = None
) -> tuple[Alignment, list[str]]:
    """Read a TMX file; returns the alignment and what the user should be told (the pair taken...).

    One sentence per ``tuv`` of the two languages, one 1-1 link per ``tu``. Language tags compare
    without case and are kept whole (``en-US``). The source is ``source_lang``, else the header's
    ``srclang``, else the units' ``srclang``; a file that names none (``*all*``) or holds three or more
    languages without ``target_lang`` is refused with a message that lists its languages. A unit
    lacking one of the two languages becomes an unaligned link; a unit with neither, and every other
    variant, is kept for export. Score, status, note and flags written by :func:`export_tmx` are
    restored; other units get score 1.0 and status ``auto``.
    """
    path = Path(path)
    tree = parse_untrusted(path, "TMX")
    root = tree.getroot()
    if local_name(root) != "tmx":
        raise FormatError(f"{path}: the root element is <{local_name(root)}>, not <tmx>; is this a TMX file?")
    header = next((el for el in root if local_name(el) == "header"), None)
    body = next((el for el in root if local_name(el) == "body"), None)
    if body is None:
        raise FormatError(f"{path}: a TMX without <body>")
    tus = [tu for tu in body if local_name(tu) == "tu"]
    langs = _languages(tus, header, path, source_lang, target_lang)
    sources, targets = _SideBuilder(), _SideBuilder()
    links: list[Link] = []
    units: list[UnitMeta] = []
    for n, tu in enumerate(tus, 1):
        found: dict[str, tuple[str, tuple[Any, ...]]] = {}
        variants: list[VariantMeta] = []
        for tuv in tu:
            if local_name(tuv) != "tuv":
                continue
            lang = _lang_of(tuv) or ""
            key = tag_key(lang)
            seg = next((el for el in tuv if local_name(el) == "seg"), None)
            role = ""
            if key in (langs.source, langs.target) and key not in found and seg is not None:
                text, codes = read_inline(seg, "tmx", f"{path}: translation unit {n}")
                if _has_words(text, codes):
                    role = "source" if key == langs.source else "target"
                    found[key] = (text, codes)
            attrs = tuple((str(k), str(v)) for k, v in tuv.attrib.items())
            seg_xml = element_xml(seg) if seg is not None and not role else ""
            variants.append(VariantMeta(lang, attrs, _extras(tuv), role, seg_xml))
        unit = len(units)
        attrs = tuple((str(k), str(v)) for k, v in tu.attrib.items())
        units.append(UnitMeta(tu.get("tuid", ""), attrs, _extras(tu, _UNIT_PROPS), tuple(variants)))
        if not found:
            continue
        meta = _link_meta(tu, path, n)
        was = meta.originals
        s_ids = sources.add(*found[langs.source], unit, was.get("source")) if langs.source in found else ()
        t_ids = targets.add(*found[langs.target], unit, was.get("target")) if langs.target in found else ()
        links.append(
            Link(
                len(links),
                s_ids,
                t_ids,
                meta.score,
                meta.status,
                meta.flags,
                meta.note,
                meta.reviewed_by,
                meta.reviewed_at,
            )
        )
    header_props = _props(header) if header is not None else []
    suppressions = frozenset(text for kind, text in header_props if kind == "x-suppression")
    origin = Origin(
        format="tmx",
        path=str(path),
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        attrs=tuple((str(k), str(v)) for k, v in header.attrib.items()) if header is not None else (),
        extras=_extras(header, _HEADER_PROPS) if header is not None else (),
        units=tuple(units),
    )
    source = Side(_tag(langs.spelling[langs.source]), str(path), tuple(sources.sentences))
    target = Side(_tag(langs.spelling[langs.target]), str(path), tuple(targets.sentences))
    alignment = Alignment(source, target, tuple(links), _signature(header_props), suppressions, origin)
    return alignment, langs.notes


def import_tmx(path: Path, source_lang: str | None = None, target_lang: str | None = None) -> Alignment:
    """Read a TMX file into an Alignment (see :func:`read_tmx`; its notes are dropped)."""
    return read_tmx(path, source_lang, target_lang)[0]
