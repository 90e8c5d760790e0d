"""Inline codes of TMX and XLIFF segments: read them into marked text, write them back as they came.

A segment such as ``<seg>Press <ph x="1">&lt;b&gt;</ph>Save<hi type="b">!</hi></seg>`` becomes the text
``Press \\U000f0000Save\\U000f0001!\\U000f0002`` and three :class:`~bitext.model.InlineCode` (the
``ph`` whole, the ``hi`` start tag and its end tag). The markup of each code is kept as written, so
writing the segment back gives the same XML. Elements a format pairs around text (TMX ``hi``, XLIFF
``g``/``pc``/``mrk``) keep their text as sentence text between an open and a close marker; every other
element is one standalone code with everything inside it (a ``sub`` inside a ``ph`` stays inside it).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from bitext.errors import FormatError
from bitext.formats.xmlsafe import XML_NS, clean_xml_text, safe_parser
from bitext.model import CODE_LIMIT, CodeRole, InlineCode, code_index, code_marker

# Elements whose content is text of the segment (the rest hold native code, not text).
PAIRED = {
    "tmx": frozenset({"hi"}),
    "xliff-1": frozenset({"g", "mrk"}),
    "xliff-2": frozenset({"pc", "mrk"}),
}
_ENTITIES = {"\r": "&#13;"}
_MARKER_RANGE = re.compile(f"[{code_marker(0)}-{code_marker(CODE_LIMIT - 1)}]")
_NS_DECL = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')


def local_name(el: Any) -> str:
    tag = el.tag
    if not isinstance(tag, str):  # comments, processing instructions
        return ""
    return tag.rpartition("}")[2]


def _qualified(el: Any, name: str) -> str:
    if not name.startswith("{"):
        return name
    ns, _, local = name[1:].partition("}")
    if ns == XML_NS:
        return f"xml:{local}"
    prefix = next((p for p, uri in (el.nsmap or {}).items() if uri == ns and p), None)
    return f"{prefix}:{local}" if prefix else local


def start_tag(el: Any) -> str:
    """``<name attr="value" ...>`` as written (attribute order kept, namespace declarations left out)."""
    attrs = "".join(f" {_qualified(el, k)}={quoteattr(v)}" for k, v in el.attrib.items())
    prefix = f"{el.prefix}:" if el.prefix else ""
    return f"<{prefix}{local_name(el)}{attrs}>"


def end_tag(el: Any) -> str:
    prefix = f"{el.prefix}:" if el.prefix else ""
    return f"</{prefix}{local_name(el)}>"


def element_xml(el: Any) -> str:
    """The element with its content, without its tail and without namespace declarations."""
    xml = etree.tostring(el, encoding="unicode", with_tail=False)
    return _NS_DECL.sub("", xml) if el.nsmap else xml


def _native(el: Any) -> str:
    """The native code a TMX code element holds (``<ph>%d</ph>`` -> ``%d``), without sub-flow text."""
    return (el.text or "") + "".join(child.tail or "" for child in el)


def _key(el: Any, dialect: str, role: CodeRole) -> str:
    name = local_name(el)
    if dialect == "tmx":
        if role != "standalone":
            return f"{name}:{role}:{el.get('type', '')}"
        native = _native(el)
        return f"{name}:{native}" if native.strip() else f"{name}#{el.get('x') or el.get('type') or ''}"
    # XLIFF: ids are shared between source and target; an end refers to its start.
    ref = el.get("id") or el.get("startRef") or el.get("rid") or el.get("hex") or ""
    return f"{name}#{ref}" if role == "standalone" else f"{name}:{role}#{ref}"


class _Reader:
    def __init__(self, dialect: str, where: str) -> None:
        self.dialect = dialect
        self.paired = PAIRED[dialect]
        self.where = where
        self.parts: list[str] = []
        self.codes: list[InlineCode] = []

    def code(self, code: InlineCode) -> None:
        if len(self.codes) >= CODE_LIMIT:
            raise FormatError(f"{self.where}: more than {CODE_LIMIT} inline codes in one segment")
        self.parts.append(code_marker(len(self.codes)))
        self.codes.append(code)

    def text(self, text: str | None) -> None:
        if not text:
            return
        # A literal character from the markers' range becomes a code of its own, written back as it came.
        start = 0
        for m in _MARKER_RANGE.finditer(text):
            self.parts.append(text[start : m.start()])
            self.code(InlineCode("char", f"&#x{ord(m.group()):X};", "", "standalone"))
            start = m.end()
        self.parts.append(text[start:])

    def walk(self, parent: Any) -> None:
        self.text(parent.text)
        for child in parent:
            name = local_name(child)
            if not name:
                self.text(child.tail)
                continue
            if name in self.paired:
                self.code(InlineCode(name, start_tag(child), _key(child, self.dialect, "open"), "open"))
                self.walk(child)
                self.code(InlineCode(name, end_tag(child), _key(child, self.dialect, "close"), "close"))
            else:
                self.code(InlineCode(name, element_xml(child), _key(child, self.dialect, "standalone")))
            self.text(child.tail)


def read_inline(el: Any, dialect: str, where: str) -> tuple[str, tuple[InlineCode, ...]]:
    """The text of a segment element with a marker per inline code, and the codes in marker order."""
    reader = _Reader(dialect, where)
    reader.walk(el)
    return "".join(reader.parts), tuple(reader.codes)


def plain_text(text: str) -> str:
    """The text without its code markers (what a reader of the words sees)."""
    return _MARKER_RANGE.sub("", text)


def inline_xml(text: str, codes: tuple[InlineCode, ...]) -> str:
    """Marked text back to XML content: text escaped, each marker replaced by its code's markup."""
    if not codes:
        return escape(clean_xml_text(text), _ENTITIES)
    out: list[str] = []
    for ch in text:
        k = code_index(ch)
        if k is not None and k < len(codes):
            out.append(codes[k].xml)
        elif k is None:
            # a CR written as a character would be read back as a line feed (XML end-of-line rule)
            out.append(escape(clean_xml_text(ch), _ENTITIES))
    return "".join(out)


def fill(el: Any, text: str, codes: tuple[InlineCode, ...], ns: str | None = None) -> None:
    """Set ``el``'s content to ``text`` with its codes, parsed from the markup they came with.

    Paired codes left unbalanced (a marker lost while relinking) are dropped rather than making the
    segment ill-formed; every other code and all the text stay.
    """
    if not codes:
        el.text = clean_xml_text(text)  # lxml escapes it (a CR included)
        for child in list(el):
            el.remove(child)
        return
    tag = local_name(el)
    xmlns = f" xmlns={quoteattr(ns)}" if ns else ""
    for attempt in (codes, tuple(c if c.role == "standalone" else replace(c, xml="") for c in codes)):
        try:
            parsed = etree.fromstring(f"<{tag}{xmlns}>{inline_xml(text, attempt)}</{tag}>", safe_parser())
            break
        except etree.XMLSyntaxError:
            continue
    else:  # even the standalone codes do not parse: keep the words
        words = escape(clean_xml_text(plain_text(text)), _ENTITIES)
        parsed = etree.fromstring(f"<{tag}{xmlns}>{words}</{tag}>", safe_parser())
    el.text = parsed.text
    for child in list(el):
        el.remove(child)
    for child in parsed:
        el.append(child)
