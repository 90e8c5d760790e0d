"""TMX 1.4b: write an alignment as a translation memory, and read one back.

What a TMX written by bitext holds (valid against the TMX 1.4b DTD):

- ``header``: creationtool ``bitext`` and its version, segtype ``sentence``, o-tmf ``bitext-alignment``,
  srclang = BCP-47 code of the source side, datatype ``plaintext``, creationdate (UTC, or
  ``$SOURCE_DATE_EPOCH`` for reproducible files), and ``x-`` props with the provenance signature, the two
  input paths and the reviewer's suppressions, so an import restores them.
- one ``tu`` per pair, ``tuid`` = the link id; the sentences of a many-to-one link are joined in order with
  one space; the reviewer's note as ``note``; ``x-score``, ``x-status``, and per flag an ``x-flag`` prop
  (``kind; severity; message``, readable in any CAT tool) followed by ``x-flag-detail`` (JSON with the
  flag's status, excerpts and spans, so that export -> import round-trips).
- Unaligned links (one side empty) and rejected links are not written: a translation memory holds pairs.

Reading (:func:`import_tmx`) goes through the hardened parser in :mod:`bitext.formats.xmlsafe`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lxml import etree

from bitext import __version__
from bitext.atomic import atomic_open
from bitext.errors import FormatError, InputError
from bitext.formats import select_links
from bitext.formats.xmlsafe import XML_LANG, clean_xml_text, parse_untrusted
from bitext.model import (
    FLAG_STATUSES,
    LINK_STATUSES,
    MODES,
    SEVERITIES,
    Alignment,
    Flag,
    FlagStatus,
    Link,
    LinkStatus,
    Mode,
    Sentence,
    Side,
    Signature,
)

O_TMF = "bitext-alignment"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
# Separator inside an x-flag prop. Kinds and severities never contain it; messages may, hence maxsplit.
FLAG_SEP = "; "

_LANG_RE = re.compile(r"^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$")


def bcp47(lang: str) -> str:
    """Normalise a language tag to BCP-47 case conventions (``az_latn_az`` -> ``az-Latn-AZ``)."""
    tag = lang.strip()
    if not _LANG_RE.match(tag):
        raise InputError(f"{lang!r} is not a language code; give one such as 'en' or 'az'")
    parts = re.split("[-_]", tag)
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def tmx_date(epoch: float | None = None) -> str:
    """TMX date format, UTC: ``YYYYMMDDThhmmssZ``."""
    if epoch is None:
        env = os.environ.get("SOURCE_DATE_EPOCH", "")
        epoch = float(env) if env.isdigit() else time.time()
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(epoch))


# --- writing ---------------------------------------------------------------------------------------


def _sub(parent: Any, tag: str, text: str, **attrib: str) -> Any:
    el = etree.SubElement(parent, tag, attrib)
    el.text = clean_xml_text(text)
    return el


def _prop(parent: Any, kind: str, text: str) -> Any:
    return _sub(parent, "prop", text, type=kind)


def _header(alignment: Alignment, srclang: str) -> Any:
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
    for name, value in sorted(sig.thresholds.items()):
        _prop(header, "x-threshold", f"{name}={value!r}")
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


def _tu(alignment: Alignment, link: Link, srclang: str, tgtlang: str, with_flags: bool) -> Any:
    tu = etree.Element("tu", tuid=str(link.id))
    if link.note:
        _sub(tu, "note", link.note)
    _prop(tu, "x-score", f"{link.score:.4f}")
    _prop(tu, "x-status", link.status)
    if with_flags:
        for flag in link.flags:
            _prop(tu, "x-flag", FLAG_SEP.join((flag.kind, flag.severity, flag.message)))
            _prop(tu, "x-flag-detail", _flag_detail(flag))
    for lang, text in ((srclang, alignment.source_text(link)), (tgtlang, alignment.target_text(link))):
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
        _sub(tuv, "seg", text)
    # Whitespace between elements only (never inside seg): element-only content per the DTD.
    etree.indent(tu, space="  ", level=2)
    return tu


def export_tmx(
    alignment: Alignment,
    out: Path,
    *,
    only_accepted: bool = False,
    min_score: float | None = None,
    with_flags: bool = True,
) -> int:
    """Write the alignment's pairs to ``out`` as TMX 1.4b; returns the number of ``tu`` written."""
    srclang = bcp47(alignment.source.lang)
    tgtlang = bcp47(alignment.target.lang)
    if srclang == tgtlang:
        raise InputError(f"both sides are in {srclang!r}; a TMX needs two languages")
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
                    for link in select_links(alignment, only_accepted=only_accepted, min_score=min_score):
                        xf.write("\n    ", _tu(alignment, link, srclang, tgtlang, with_flags))
                        count += 1
                    xf.write("\n  ")
                xf.write("\n")
        fh.write(b"\n")  # type: ignore[arg-type]  # atomic_open is typed for text; this is binary
    return count


# --- reading ---------------------------------------------------------------------------------------


def _name(el: Any) -> str:
    tag = el.tag
    if not isinstance(tag, str):  # comments, processing instructions
        return ""
    return tag.rpartition("}")[2]  # TMX has no namespace, but a namespaced copy reads the same


def _lang_of(tuv: Any) -> str | None:
    lang = tuv.get(XML_LANG) or tuv.get("lang")
    return str(lang) if lang else None


# Inline codes (bpt, ept, ph, it, ut) hold the original file's markup, not text: keep only their tails.
_TEXT_INLINE = frozenset({"hi", "sub"})


def _seg_text(seg: Any) -> str:
    parts = [seg.text or ""]
    for child in seg:
        if _name(child) in _TEXT_INLINE:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _props(el: Any) -> list[tuple[str, str]]:
    return [(str(p.get("type", "")), p.text or "") for p in el if _name(p) == "prop"]


def _pick(wanted: str, available: Iterable[str], path: Path, role: str) -> str:
    """Match a language the user gave against the file's tags: exact (any case), then by primary subtag."""
    avail = list(available)
    for tag in avail:
        if tag.lower() == wanted.lower():
            return tag
    primary = [t for t in avail if t.split("-")[0].lower() == wanted.split("-")[0].split("_")[0].lower()]
    if len(primary) == 1:
        return primary[0]
    has = ", ".join(avail) or "none"
    raise FormatError(f"{path}: no {role} language {wanted!r} in this TMX (it has {has})")


def _languages(
    tus: list[Any], header: Any, path: Path, source_lang: str | None, target_lang: str | None
) -> tuple[str, str]:
    seen: dict[str, None] = {}
    for n, tu in enumerate(tus, 1):
        for tuv in tu:
            if _name(tuv) != "tuv":
                continue
            lang = _lang_of(tuv)
            if lang is None:
                raise FormatError(
                    f"{path}: translation unit {n} has a tuv without xml:lang (line {tuv.sourceline})"
                )
            seen.setdefault(lang, None)
    if len(seen) < 2:
        found = f"units in only {next(iter(seen))!r}" if seen else "no translation units (no languages)"
        raise FormatError(f"{path}: a TMX with {found}; bitext needs units in two languages")
    if source_lang:
        src = _pick(source_lang, seen, path, "source")
    else:
        srclang = header.get("srclang") if header is not None else None
        src = next(iter(seen))
        if srclang and srclang != "*all*":
            # A header naming a language no unit has is someone else's mistake: fall back, don't fail.
            with contextlib.suppress(FormatError):
                src = _pick(srclang, seen, path, "source")
    tgt = _pick(target_lang, seen, path, "target") if target_lang else next(t for t in seen if t != src)
    if src == tgt:
        raise FormatError(f"{path}: source and target language are both {src!r}; give two languages")
    return src, tgt


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
    info: dict[str, Any] = {}
    if detail is not None:
        try:
            loaded = json.loads(detail)
        except json.JSONDecodeError as exc:
            raise FormatError(f"{path}: translation unit {n}: x-flag-detail is not JSON ({exc.msg})") from exc
        if isinstance(loaded, dict):
            info = loaded
    status: FlagStatus = "open"
    for known in FLAG_STATUSES:
        if info.get("status") == known:
            status = known
    return Flag(
        kind=kind,
        severity=next(s for s in SEVERITIES if s == severity),
        source_excerpt=str(info.get("source_excerpt") or ""),
        target_excerpt=str(info.get("target_excerpt") or ""),
        source_span=_span(info.get("source_span")),
        target_span=_span(info.get("target_span")),
        message=message,
        status=status,
    )


def _span(raw: Any) -> tuple[int, int] | None:
    if isinstance(raw, list) and len(raw) == 2 and all(isinstance(x, int) for x in raw):
        return raw[0], raw[1]
    return None


def _link_meta(tu: Any, path: Path, n: int) -> tuple[float, LinkStatus, tuple[Flag, ...], str]:
    # A unit from another tool carries no score: it is a pair someone kept, so it counts as certain.
    score = 1.0
    status: LinkStatus = "auto"
    flags: list[Flag] = []
    props = _props(tu)
    for i, (kind, text) in enumerate(props):
        if kind == "x-score":
            try:
                score = float(text)
            except ValueError:
                raise FormatError(f"{path}: translation unit {n}: x-score {text!r} is not a number") from None
        elif kind == "x-status":
            for known in LINK_STATUSES:
                if text == known:
                    status = known
        elif kind == "x-flag":
            nxt = props[i + 1] if i + 1 < len(props) else None
            detail = nxt[1] if nxt is not None and nxt[0] == "x-flag-detail" else None
            flags.append(_flag(text, detail, path, n))
    note = "\n".join(el.text or "" for el in tu if _name(el) == "note")
    return score, status, tuple(flags), note


class _SideBuilder:
    """Sentences of one side; offsets point into a synthetic text (the segments joined by newlines)."""

    def __init__(self) -> None:
        self.sentences: list[Sentence] = []
        self.offset = 0

    def add(self, text: str) -> tuple[int, ...]:
        sid = len(self.sentences)
        self.sentences.append(Sentence(sid, text, self.offset, self.offset + len(text)))
        self.offset += len(text) + 1
        return (sid,)


def import_tmx(path: Path, source_lang: str | None = None, target_lang: str | None = None) -> Alignment:
    """Read a TMX file: one sentence per ``tuv`` of the two languages, one 1-1 link per ``tu``.

    Languages default to the header's ``srclang`` and the other language found. A unit lacking one of
    the two languages becomes an unaligned link; a unit with neither is skipped. Score, status, note and
    flags written by :func:`export_tmx` are restored; other units get score 1.0 and status ``auto``.
    Sides record the primary language subtag (``az-Latn`` -> ``az``), as the rest of bitext expects.
    """
    path = Path(path)
    tree = parse_untrusted(path, "TMX")
    root = tree.getroot()
    if _name(root) != "tmx":
        raise FormatError(f"{path}: the root element is <{_name(root)}>, not <tmx>; is this a TMX file?")
    header = next((el for el in root if _name(el) == "header"), None)
    body = next((el for el in root if _name(el) == "body"), None)
    if body is None:
        raise FormatError(f"{path}: a TMX without <body>")
    tus = [tu for tu in body if _name(tu) == "tu"]
    src, tgt = _languages(tus, header, path, source_lang, target_lang)
    sources, targets = _SideBuilder(), _SideBuilder()
    links: list[Link] = []
    for n, tu in enumerate(tus, 1):
        texts: dict[str, str] = {}
        for tuv in tu:
            lang = _lang_of(tuv) if _name(tuv) == "tuv" else None
            seg = next((el for el in tuv if _name(el) == "seg"), None) if lang in (src, tgt) else None
            if lang is not None and seg is not None and lang not in texts:
                text = _seg_text(seg)
                if text.strip():
                    texts[lang] = text
        if not texts:
            continue
        score, status, flags, note = _link_meta(tu, path, n)
        s_ids = sources.add(texts[src]) if src in texts else ()
        t_ids = targets.add(texts[tgt]) if tgt in texts else ()
        links.append(Link(len(links), s_ids, t_ids, score, status, flags, note))
    header_props = _props(header) if header is not None else []
    suppressions = frozenset(text for kind, text in header_props if kind == "x-suppression")
    source = Side(src.split("-")[0].lower(), str(path), tuple(sources.sentences))
    target = Side(tgt.split("-")[0].lower(), str(path), tuple(targets.sentences))
    return Alignment(source, target, tuple(links), _signature(header_props), suppressions)
