"""XLIFF 1.2 and 2.x: read the file a CAT tool hands to QA, and give the flags back in it.

Reading (:func:`read_xliff`): every ``trans-unit`` (1.2; each ``mrk mtype="seg"`` of its ``seg-source``
when it is segmented) or every ``segment`` of a ``unit`` (2.x) becomes a 1-1 link; a unit without a
target is an unaligned source sentence. Languages come from the file (``source-language`` /
``target-language``, ``srcLang`` / ``trgLang``) and are kept whole. Inline codes (1.2: ``g``, ``x``,
``bx``, ``ex``, ``ph``, ``bpt``, ``ept``, ``it``, ``mrk``; 2.x: ``ph``, ``pc``, ``sc``, ``ec``, ``mrk``,
``sm``, ``em``, ``cp``) become code markers as for TMX, compared by id in the tags check. Parsing goes
through the hardened parser in :mod:`bitext.formats.xmlsafe`.

Writing (:func:`export_xliff`): an alignment read from XLIFF is written back as the original file (which
must still be there, unchanged) with each flag added to its unit: as a ``note`` (1.2: ``from="bitext"``,
priority 1/3/5 for major/minor/info; 2.x: ``category="bitext"`` in the unit's ``notes``), or, for
XLIFF 2 with ``annotate="its"``, as an ``mrk`` around the flagged words of the target carrying ITS 2.0
Localization Quality Issue attributes (``its:locQualityIssueType/Comment/Severity``). Any other
alignment is written as a new XLIFF 2.1 (or 1.2) file, one unit per link, flags as notes.

The reviewer's work goes in either way: a confirmed flag's note says "confirmed"; the reviewer's own note
(2.x ``category="reviewer"``, 1.2 ``from`` = the reviewer) and bitext's account of the review (2.x
``category="bitext-review"``, 1.2 ``from="bitext-review"``: the decision with who and when, each flag
confirmed or dismissed, an edited sentence's text as read) are notes of the unit; an edited target is
written into the file (codes as they came), and an accepted pair's segment becomes ``state="reviewed"``
(2.x; 1.2 new files: ``approved="yes"``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Unpack
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from bitext.atomic import atomic_open
from bitext.errors import FormatError, InputError
from bitext.formats import ExportOptions, ExportSettings
from bitext.formats.inline import inline_xml, local_name, read_inline
from bitext.formats.review_notes import review_note
from bitext.formats.xmlsafe import XML_LANG, clean_xml_text, parse_untrusted, safe_parser
from bitext.langtags import bcp47, is_tag, tag_key
from bitext.model import (
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
    code_index,
)

NS1 = "urn:oasis:names:tc:xliff:document:1.2"
NS2 = "urn:oasis:names:tc:xliff:document:2.0"
ITS_NS = "http://www.w3.org/2005/11/its"
SUFFIXES = (".xlf", ".xliff", ".sdlxliff", ".mqxliff")
_PRIORITY_1 = {"major": "1", "minor": "3", "info": "5"}
_PRIORITY_2 = {"major": "1", "minor": "5", "info": "9"}
_ITS_SEVERITY = {"major": "90", "minor": "50", "info": "10"}
# ITS 2.0 issue types (https://www.w3.org/TR/its20/#lqissue-typevalues) for bitext's flag kinds.
_ITS_TYPE = {
    "number": "mistranslation",
    "date": "mistranslation",
    "name": "mistranslation",
    "opposite": "mistranslation",
    "meaning": "mistranslation",
    "omission": "omission",
    "addition": "addition",
    "language": "untranslated",
    "terminology": "terminology",
    "tags": "markup",
}
_SEP = "\x1f"  # joins file number, unit id and segment in a unit's key


def is_xliff(path: Path) -> bool:
    """Whether ``path`` names an XLIFF file (by suffix, or an ``<xliff`` root near the start)."""
    if path.suffix.lower() in SUFFIXES:
        return True
    try:
        with path.open("rb") as fh:
            head = fh.read(2048)
    except OSError:
        return False
    return b"<xliff" in head


def _version(root: Any, path: Path) -> int:
    if local_name(root) != "xliff":
        raise FormatError(
            f"{path}: the root element is <{local_name(root)}>, not <xliff>; is this an XLIFF file?"
        )
    ns = etree.QName(root).namespace or ""
    version = root.get("version", "")
    if ns == NS2 or version.startswith("2"):
        return 2
    if ns == NS1 or version.startswith("1"):
        return 1
    raise FormatError(f"{path}: XLIFF version {version!r} is not one bitext reads (1.2 or 2.x)")


def _children(el: Any, name: str) -> list[Any]:
    return [c for c in el if local_name(c) == name]


def _units(parent: Any, name: str) -> Iterable[Any]:
    """Units in document order, through any depth of groups."""
    for child in parent:
        tag = local_name(child)
        if tag == name:
            yield child
        elif tag in ("group", "body"):
            yield from _units(child, name)


class _Builder:
    def __init__(self, path: Path, dialect: str) -> None:
        self.path = path
        self.dialect = dialect
        self.sources: list[Sentence] = []
        self.targets: list[Sentence] = []
        self.links: list[Link] = []
        self.units: list[UnitMeta] = []
        self.offsets = [0, 0]

    def _sentence(self, side: int, el: Any, unit: int, where: str) -> tuple[int, ...]:
        text, codes = read_inline(el, self.dialect, where)
        if not text.strip():
            return ()
        sentences = self.sources if side == 0 else self.targets
        start = self.offsets[side]
        sentences.append(Sentence(len(sentences), text, start, start + len(text), codes, unit))
        self.offsets[side] += len(text) + 1
        return (len(sentences) - 1,)

    def add(self, key: str, unit_el: Any, source: Any, target: Any | None, where: str) -> None:
        unit = len(self.units)
        attrs = tuple((str(k), str(v)) for k, v in unit_el.attrib.items())
        roles = (
            VariantMeta("", (), (), "source"),
            VariantMeta("", (), (), "target" if target is not None else ""),
        )
        self.units.append(UnitMeta(key, attrs, (), roles))
        s_ids = self._sentence(0, source, unit, where)
        t_ids = self._sentence(1, target, unit, where) if target is not None else ()
        if s_ids or t_ids:
            self.links.append(Link(len(self.links), s_ids, t_ids, 1.0))


def _seg_marks(el: Any | None) -> list[Any]:
    """The ``mrk mtype="seg"`` of a segmented XLIFF 1.x element (any 1.x namespace)."""
    if el is None:
        return []
    return [m for m in el.iter() if local_name(m) == "mrk" and m.get("mtype") == "seg"]


def _read_1(root: Any, build: _Builder) -> tuple[str, str]:
    src = tgt = ""
    for f_no, file_el in enumerate(_children(root, "file")):
        src = src or file_el.get("source-language", "")
        tgt = tgt or file_el.get("target-language", "")
        for unit in _units(file_el, "trans-unit"):
            uid = unit.get("id", "")
            where = f"{build.path}: trans-unit {uid!r}"
            source = next(iter(_children(unit, "source")), None)
            target = next(iter(_children(unit, "target")), None)
            if source is None:
                raise FormatError(f"{where} has no <source> (line {unit.sourceline})")
            tgt = tgt or (target.get(XML_LANG, "") if target is not None else "")
            seg_source = next(iter(_children(unit, "seg-source")), None)
            segments = (
                [m for m in seg_source.iter(f"{{{NS1}}}mrk") if m.get("mtype") == "seg"]
                if seg_source is not None
                else []
            )
            if segments:
                in_target = (
                    {m.get("mid"): m for m in target.iter(f"{{{NS1}}}mrk") if m.get("mtype") == "seg"}
                    if target is not None
                    else {}
                )
                for mrk in segments:
                    mid = mrk.get("mid", "")
                    build.add(_SEP.join((str(f_no), uid, mid)), unit, mrk, in_target.get(mid), where)
            else:
                build.add(_SEP.join((str(f_no), uid, "")), unit, source, target, where)
    return src, tgt


def _read_2(root: Any, build: _Builder) -> tuple[str, str]:
    for f_no, file_el in enumerate(_children(root, "file")):
        for unit in _units(file_el, "unit"):
            uid = unit.get("id", "")
            where = f"{build.path}: unit {uid!r}"
            for s_no, segment in enumerate(_children(unit, "segment")):
                source = next(iter(_children(segment, "source")), None)
                if source is None:
                    raise FormatError(f"{where} has a segment without <source> (line {segment.sourceline})")
                target = next(iter(_children(segment, "target")), None)
                build.add(_SEP.join((str(f_no), uid, str(s_no))), unit, source, target, where)
    return root.get("srcLang", ""), root.get("trgLang", "")


def read_xliff(
    path: Path, source_lang: str | None = None, target_lang: str | None = None
) -> tuple[Alignment, list[str]]:
    """Read an XLIFF 1.2 or 2.x file into an alignment (see the module docstring)."""
    path = Path(path)
    root = parse_untrusted(path, "XLIFF").getroot()
    version = _version(root, path)
    build = _Builder(path, "xliff-2" if version == 2 else "xliff-1")
    src, tgt = (_read_2 if version == 2 else _read_1)(root, build)
    notes: list[str] = []
    for given, found, role in ((source_lang, src, "source"), (target_lang, tgt, "target")):
        if (
            given
            and found
            and tag_key(given) != tag_key(found)
            and tag_key(given) != tag_key(found).split("-")[0]
        ):
            notes.append(f"the file says its {role} language is {found}; taking {given} as you asked")
    src = source_lang or src
    tgt = target_lang or tgt
    if not src or not tgt:
        role = "source" if not src else "target"
        raise FormatError(f"{path} does not say its {role} language; give --{role}-lang")
    if not build.units:
        raise FormatError(f"{path}: an XLIFF without translation units")
    if not build.targets:
        notes.append(f"{path} has no translations yet: every unit is source only, nothing to check")
    origin = Origin(
        format=f"xliff-{root.get('version', '2.0' if version == 2 else '1.2')}",
        path=str(path),
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        attrs=tuple((str(k), str(v)) for k, v in root.attrib.items()),
        extras=(),
        units=tuple(build.units),
    )
    signature = Signature(bitext=_version_text(), model="xliff", segmenter="xliff", mode="translation")
    alignment = Alignment(
        Side(_tag(src), str(path), tuple(build.sources)),
        Side(_tag(tgt), str(path), tuple(build.targets)),
        tuple(build.links),
        signature,
        frozenset(),
        origin,
    )
    return alignment, notes


def _version_text() -> str:
    from bitext import __version__

    return __version__


def _tag(lang: str) -> str:
    return bcp47(lang) if is_tag(lang) else lang


# --- writing ---------------------------------------------------------------------------------------


def _note_text(flag: Flag) -> str:
    confirmed = ", confirmed" if flag.status == "confirmed" else ""
    return f"[bitext {flag.kind}, {flag.severity}{confirmed}] {flag.message}"


def _review_notes(alignment: Alignment, link: Link, version: int) -> list[tuple[dict[str, str], str]]:
    """(attributes, text) of the notes that carry the reviewer's work: their own note, then bitext's
    account of the decision, the flags confirmed or dismissed, and an edited sentence's earlier text."""
    notes: list[tuple[dict[str, str], str]] = []
    if link.note:
        who = link.reviewed_by or "reviewer"
        notes.append(({"category": "reviewer"} if version == 2 else {"from": who}, link.note))
    review = review_note(alignment, link)
    if review:
        notes.append(({"category": "bitext-review"} if version == 2 else {"from": "bitext-review"}, review))
    return notes


def _flag_note(flag: Flag, version: int) -> tuple[dict[str, str], str]:
    if version == 2:
        attrs = {"category": "bitext", "appliesTo": "target", "priority": _PRIORITY_2[flag.severity]}
    else:
        attrs = {"from": "bitext", "priority": _PRIORITY_1[flag.severity], "annotates": "target"}
    return attrs, _note_text(flag)


def _note_xml(attrs: dict[str, str], text: str) -> str:
    quoted = "".join(f" {name}={quoteattr(value)}" for name, value in attrs.items())
    return f"<note{quoted}>{escape(clean_xml_text(text))}</note>"


def _unit_keys(alignment: Alignment) -> dict[str, list[tuple[Link, bool]]]:
    """The links whose flags go to each unit of the original file, by the unit's key.

    A link that is exactly one unit (as read) goes to it, marked exact; a link a reviewer relinked
    across units goes to the unit of its first target sentence (or source sentence), so its flags are
    still written, as notes.
    """
    origin = alignment.origin
    assert origin is not None
    found: dict[str, list[tuple[Link, bool]]] = {}
    for link in alignment.links:
        units = [alignment.target.sentences[i].unit for i in link.target]
        units += [alignment.source.sentences[i].unit for i in link.source]
        if not units or units[0] is None or not 0 <= units[0] < len(origin.units):
            continue
        exact = len(set(units)) == 1 and len(link.source) <= 1 and len(link.target) <= 1
        found.setdefault(origin.units[units[0]].key, []).append((link, exact))
    return found


def _flags(link: Link) -> list[Flag]:
    return [f for f in link.flags if f.status != "dismissed"]


def _its_target(target: Any, sentence: Sentence, flags: list[Flag]) -> list[Flag]:
    """Wrap each flag's words in the target in an ITS ``mrk``; returns the flags that could not be."""
    spans: list[tuple[int, int, Flag]] = []
    for flag in flags:
        a, b = flag.target_span or (0, len(sentence.text))
        a, b = max(0, min(a, len(sentence.text))), max(0, min(b, len(sentence.text)))
        spans.append((a, b, flag))
    kept: list[tuple[int, int, Flag]] = []
    left: list[Flag] = []
    for a, b, flag in sorted(spans, key=lambda s: (s[0], -s[1])):
        if any(a < y and x < b and not (x <= a and b <= y) for x, y, _ in kept):
            left.append(flag)  # crosses an earlier annotation: mrk must nest
        else:
            kept.append((a, b, flag))
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for n, (a, b, flag) in enumerate(kept, 1):
        attrs = (
            f' id="bitext-{n}" type="its:generic"'
            f" its:locQualityIssueType={quoteattr(_ITS_TYPE.get(flag.kind, 'other'))}"
            f" its:locQualityIssueComment={quoteattr(clean_xml_text(flag.message))}"
            f' its:locQualityIssueSeverity="{_ITS_SEVERITY[flag.severity]}"'
        )
        opens.setdefault(a, []).append(f"<mrk{attrs}>")
        closes.setdefault(b, []).insert(0, "</mrk>")
    try:
        _refill(target, sentence, opens, closes)
    except etree.XMLSyntaxError:  # an annotation would cross a paired code: notes say it instead
        return flags
    return left


def _refill(
    el: Any,
    sentence: Sentence,
    opens: dict[int, list[str]] | None = None,
    closes: dict[int, list[str]] | None = None,
) -> None:
    """Put ``sentence``'s text (its codes as they came, ``opens``/``closes`` markup at offsets) into ``el``
    in place of what it held: a reviewer's edit reaches the file, annotated or not."""
    opens, closes = opens or {}, closes or {}
    parts: list[str] = []
    for i, ch in enumerate(sentence.text + "\0"):
        parts.extend(closes.get(i, []))
        parts.extend(opens.get(i, []))
        if i < len(sentence.text):
            parts.append(
                inline_xml(ch, sentence.codes) if code_index(ch) is not None else escape(clean_xml_text(ch))
            )
    ns = etree.QName(el).namespace or ""
    parsed = etree.fromstring(
        f'<wrap xmlns="{ns}" xmlns:its="{ITS_NS}">{"".join(parts)}</wrap>', safe_parser()
    )
    el.text = parsed.text
    for child in list(el):
        el.remove(child)
    el.extend(list(parsed))


def _annotate_2(
    alignment: Alignment, unit: Any, segment: Any, link: Link, sentence: Sentence | None, its: bool
) -> None:
    flags = _flags(link)
    target = next(iter(_children(segment, "target")), None)
    if its and target is not None and sentence is not None:
        flags = _its_target(target, sentence, flags)
    elif target is not None and sentence is not None and sentence.edited:
        _refill(target, sentence)
    if target is not None and link.status == "accepted":
        segment.set("state", "reviewed")
    added = [_flag_note(flag, 2) for flag in flags] + _review_notes(alignment, link, 2)
    if not added:
        return
    notes = next(iter(_children(unit, "notes")), None)
    if notes is None:
        notes = etree.Element(f"{{{NS2}}}notes")
        anchor = next((c for c in unit if local_name(c) in ("originalData", "segment", "ignorable")), None)
        if anchor is None:
            unit.append(notes)
        else:
            anchor.addprevious(notes)
    for attrs, text in added:
        note = etree.SubElement(notes, f"{{{NS2}}}note", attrs)
        note.text = clean_xml_text(text)


def _annotate_1(alignment: Alignment, unit: Any, link: Link, mid: str, exact: bool) -> None:
    ns = etree.QName(unit).namespace
    tag = f"{{{ns}}}note" if ns else "note"
    target = next(iter(_children(unit, "target")), None)
    if exact and target is not None and link.target:
        sentence = alignment.target.sentences[link.target[0]]
        where = target if not mid else next((m for m in _seg_marks(target) if m.get("mid") == mid), None)
        if where is not None and sentence.edited:
            _refill(where, sentence)
    for attrs, text in [_flag_note(flag, 1) for flag in _flags(link)] + _review_notes(alignment, link, 1):
        last = unit[-1] if len(unit) else None
        note = etree.SubElement(unit, tag, attrs)
        note.text = clean_xml_text(text)
        _place(last, note)


def _place(previous: Any, added: Any) -> None:
    """Indent an added element as its previous sibling is (whitespace between elements only)."""
    if previous is not None and previous.tail is not None and not previous.tail.strip():
        added.tail = previous.tail
        parent = previous.getparent()
        inner = parent.text if parent is not None and parent.text and not parent.text.strip() else "\n"
        previous.tail = inner


def _write_back(alignment: Alignment, out: Path, annotate: str) -> int:
    origin = alignment.origin
    assert origin is not None
    original = Path(origin.path)
    if not original.is_file():
        raise InputError(
            f"{original}: the XLIFF this alignment came from is gone; export needs it to write the flags back"
        )
    if hashlib.sha256(original.read_bytes()).hexdigest() != origin.sha256:
        raise InputError(
            f"{original} changed since it was checked; run `bitext check` on it again, then export"
        )
    tree = parse_untrusted(original, "XLIFF")
    root = tree.getroot()
    version = _version(root, original)
    links = _unit_keys(alignment)
    its = annotate == "its" and version == 2
    if its and root.nsmap.get("its") != ITS_NS:
        # lxml cannot add a prefix to an existing element: the root is remade with "its" declared,
        # so that every annotation below is written its:..., as ITS tools look for it.
        remade = etree.Element(root.tag, nsmap={**root.nsmap, "its": ITS_NS})
        for name, value in root.attrib.items():
            remade.set(name, value)
        remade.text = root.text
        remade.extend(list(root))
        tree._setroot(remade)
        root = remade
    if its:
        root.set(f"{{{ITS_NS}}}version", root.get(f"{{{ITS_NS}}}version") or "2.0")
    count = 0
    for f_no, file_el in enumerate(_children(root, "file")):
        if version == 2:
            for unit in _units(file_el, "unit"):
                for s_no, segment in enumerate(_children(unit, "segment")):
                    for link, exact in links.get(_SEP.join((str(f_no), unit.get("id", ""), str(s_no))), []):
                        whole = exact and bool(link.target)
                        sentence = alignment.target.sentences[link.target[0]] if whole else None
                        _annotate_2(alignment, unit, segment, link, sentence, its)
                count += 1
        else:
            by_unit: dict[tuple[str, str], list[tuple[Link, str, bool]]] = {}
            for key, entries in links.items():
                f, u, mid = key.split(_SEP)
                by_unit.setdefault((f, u), []).extend((link, mid, exact) for link, exact in entries)
            for unit in _units(file_el, "trans-unit"):
                for link, mid, exact in by_unit.get((str(f_no), unit.get("id", "")), []):
                    _annotate_1(alignment, unit, link, mid, exact)
                count += 1
    with atomic_open(out, "wb", encoding=None) as fh:
        tree.write(fh, encoding="utf-8", xml_declaration=True)
    return count


def _code_xml(code: InlineCode, n: int, version: int) -> tuple[str, str]:
    """(inline markup, original data) for a code carried into a new XLIFF."""
    if version == 2:
        if code.role == "open":
            return f'<sc id="c{n}" dataRef="d{n}"/>', code.xml
        if code.role == "close":
            return f'<ec startRef="c{n}" dataRef="d{n}"/>', code.xml
        return f'<ph id="c{n}" dataRef="d{n}"/>', code.xml
    tag = {"open": "bpt", "close": "ept"}.get(code.role, "ph")
    return f'<{tag} id="c{n}">{escape(code.xml)}</{tag}>', ""


def _content(side: Side, ids: tuple[int, ...], version: int, data: list[tuple[str, str]]) -> str:
    parts: list[str] = []
    for i in ids:
        sentence = side.sentences[i]
        for ch in sentence.text:
            k = code_index(ch)
            if k is not None and k < len(sentence.codes):
                markup, original = _code_xml(sentence.codes[k], len(data) + 1, version)
                data.append((f"d{len(data) + 1}", original))
                parts.append(markup)
            elif k is None:
                parts.append(escape(clean_xml_text(ch)))
        parts.append(" ")
    return "".join(parts[:-1]) if parts else ""


def _write_new(alignment: Alignment, out: Path, version: int, with_flags: bool, links: list[Link]) -> int:
    src, tgt = _tag(alignment.source.lang), _tag(alignment.target.lang)
    ns = NS2 if version == 2 else NS1
    if version == 2:
        root = etree.Element(
            f"{{{ns}}}xliff", {"version": "2.1", "srcLang": src, "trgLang": tgt}, nsmap={None: ns}
        )
        file_el = etree.SubElement(root, f"{{{ns}}}file", {"id": "f1", "original": alignment.source.path})
        container = file_el
    else:
        root = etree.Element(f"{{{ns}}}xliff", {"version": "1.2"}, nsmap={None: ns})
        file_el = etree.SubElement(
            root,
            f"{{{ns}}}file",
            {
                "original": alignment.source.path,
                "source-language": src,
                "target-language": tgt,
                "datatype": "plaintext",
            },
        )
        container = etree.SubElement(file_el, f"{{{ns}}}body")
    for link in links:
        data: list[tuple[str, str]] = []
        source = _content(alignment.source, link.source, version, data)
        target = _content(alignment.target, link.target, version, data) if link.target else None
        flags = _flags(link) if with_flags else []
        notes = "".join(
            _note_xml(*note)
            for note in [_flag_note(f, version) for f in flags] + _review_notes(alignment, link, version)
        )
        if version == 2:
            parts = [f'<unit xmlns="{ns}" id="u{link.id}">']
            if notes:
                parts.append(f"<notes>{notes}</notes>")
            if data:
                parts.append(
                    "<originalData>"
                    + "".join(f'<data id="{d}">{escape(clean_xml_text(x))}</data>' for d, x in data)
                    + "</originalData>"
                )
            # a state past "initial" wants a target (validators warn otherwise)
            state = ' state="reviewed"' if link.status == "accepted" and target is not None else ""
            parts.append(f"<segment{state}><source>{source}</source>")
            if target is not None:
                parts.append(f"<target>{target}</target>")
            parts.append("</segment></unit>")
        else:
            approved = ' approved="yes"' if link.status == "accepted" else ""
            parts = [f'<trans-unit xmlns="{ns}" id="{link.id}"{approved}><source>{source}</source>']
            if target is not None:
                parts.append(f"<target>{target}</target>")
            parts.append(f"{notes}</trans-unit>")
        container.append(etree.fromstring("".join(parts), safe_parser()))
    # One unit a line; no indenting inside (it would add white space to sources and targets with codes).
    root.text, file_el.text, file_el.tail = "\n  ", "\n    ", "\n"
    if container is not file_el:
        container.text, container.tail = "\n      ", "\n  "
    for unit in container:
        unit.tail = container.text
    if len(container):
        container[-1].tail = file_el.text if container is file_el else "\n    "
    with atomic_open(out, "wb", encoding=None) as fh:
        fh.write(etree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n")
    return len(links)


def export_xliff(
    alignment: Alignment,
    out: Path,
    *,
    version: str = "2.1",
    annotate: str = "notes",
    **options: Unpack[ExportOptions],
) -> int:
    """Write XLIFF: the original file with the flags added, or a new file (see the module docstring).

    Returns the number of units written. ``version`` ("1.2" or "2.1") and the link filters apply to a
    new file only: a file written back keeps every unit it had. ``include`` is not read: every unit goes.
    """
    settings = ExportSettings(**options)
    if annotate not in ("notes", "its"):
        raise InputError(f"flags go into XLIFF as 'notes' or 'its', not {annotate!r}")
    origin = alignment.origin
    if origin is not None and origin.format.startswith("xliff"):
        if not settings.with_flags:
            raise InputError("an XLIFF written back exists to carry the flags; leave out --no-flags")
        return _write_back(alignment, out, annotate)
    if version not in ("1.2", "2.0", "2.1"):
        raise InputError(f"XLIFF version {version!r}: choose 1.2 or 2.1")
    everything = settings.links(alignment, pairs_only=False)
    links = [link for link in everything if link.source and link.status != "rejected"]
    return _write_new(alignment, out, 2 if version.startswith("2") else 1, settings.with_flags, links)


__all__ = ["export_xliff", "is_xliff", "read_xliff"]
