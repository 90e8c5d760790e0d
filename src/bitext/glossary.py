"""A user's glossary: which source terms must be rendered how.

Two formats are read:

- CSV with a header ``source,target[,note]`` (or two columns without a header). Several allowed
  renderings are separated by ``|``. A note starting with ``major`` (or a ``severity`` column saying
  ``major``) makes a missing rendering a major divergence.
- TBX (TBX-Basic / TBX v2 / TBX v3): ``termEntry`` (or ``conceptEntry``) > ``langSet`` (or
  ``langSec``) > ``tig``/``ntig``/``termSec`` > ``term``. Parsed by a hardened lxml parser: no entity
  expansion, no network, no DTD; a DOCTYPE declaring entities is refused.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from bitext.errors import FormatError
from bitext.limits import read_input


@dataclass(frozen=True)
class Entry:
    """One concept: its terms per language ("source"/"target" for a CSV, ISO codes for TBX)."""

    terms: dict[str, tuple[str, ...]]
    note: str = ""
    major: bool = False


@dataclass(frozen=True)
class Glossary:
    entries: tuple[Entry, ...]
    path: str = ""
    by_language: bool = False  # TBX: terms keyed by language code; CSV: by role
    languages: frozenset[str] = field(default_factory=frozenset)

    def pairs(
        self, source_lang: str, target_lang: str
    ) -> list[tuple[tuple[str, ...], tuple[str, ...], Entry]]:
        """(source terms, allowed target renderings, entry) for one language direction."""
        out = []
        for e in self.entries:
            if self.by_language:
                src = _terms_for(e, source_lang)
                tgt = _terms_for(e, target_lang)
            else:
                src, tgt = e.terms.get("source", ()), e.terms.get("target", ())
            if src and tgt:
                out.append((src, tgt, e))
        return out

    def __len__(self) -> int:
        return len(self.entries)


def _terms_for(entry: Entry, lang: str) -> tuple[str, ...]:
    base = lang.lower().replace("_", "-").split("-")[0]
    found: list[str] = []
    for code, terms in entry.terms.items():
        if code.lower().replace("_", "-").split("-")[0] == base:
            found.extend(terms)
    return tuple(found)


def load_glossary(path: Path) -> Glossary:
    """Read a CSV or TBX glossary; FormatError (one line) when it cannot be used."""
    raw = read_input(Path(path), "glossary (CSV or TBX)")
    if not raw.strip():
        raise FormatError(f"Glossary {path} is empty.")
    head = raw.lstrip()[:200].lower()
    if path.suffix.lower() in (".tbx", ".xml") or head.startswith(
        (b"<?xml", b"<martif", b"<tbx", b"<!doctype")
    ):
        return _load_tbx(raw, path)
    return _load_csv(raw, path)


def _load_csv(raw: bytes, path: Path) -> Glossary:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(
            f"Glossary {path} is not UTF-8 text (byte {exc.start}); save it as UTF-8 CSV."
        ) from exc
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [r for r in csv.reader(io.StringIO(text, newline=""), dialect) if any(c.strip() for c in r)]
    except csv.Error as exc:  # a NUL byte, a lone quote the sniffed dialect cannot close, ...
        raise FormatError(f"Glossary {path} is not readable as CSV ({exc}); save it as UTF-8 CSV.") from exc
    if not rows:
        raise FormatError(f"Glossary {path} has no rows.")
    header = [c.strip().lower() for c in rows[0]]
    if "source" in header or "target" in header:
        if "source" not in header or "target" not in header:
            raise FormatError(
                f"Glossary {path}: the header needs both 'source' and 'target' columns (has {header})."
            )
        si, ti = header.index("source"), header.index("target")
        ni = header.index("note") if "note" in header else None
        vi = header.index("severity") if "severity" in header else None
        body = rows[1:]
    else:
        si, ti, ni, vi = 0, 1, 2 if len(rows[0]) > 2 else None, None
        body = rows
    entries = []
    for lineno, row in enumerate(body, start=2 if body is not rows else 1):
        if len(row) <= max(si, ti):
            raise FormatError(
                f"Glossary {path}, row {lineno}: expected source and target columns, got {len(row)}."
            )
        src = _split(row[si])
        tgt = _split(row[ti])
        if not src or not tgt:
            raise FormatError(f"Glossary {path}, row {lineno}: empty source or target term.")
        note = row[ni].strip() if ni is not None and ni < len(row) else ""
        sev = row[vi].strip().lower() if vi is not None and vi < len(row) else ""
        major = sev == "major" or note.lower().startswith("major")
        entries.append(Entry({"source": src, "target": tgt}, note, major))
    if not entries:
        raise FormatError(f"Glossary {path} has a header but no terms.")
    return Glossary(tuple(entries), str(path))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in cell.split("|") if t.strip())


def _local(tag: object) -> str:
    return tag.split("}")[-1] if isinstance(tag, str) else ""


def _load_tbx(raw: bytes, path: Path) -> Glossary:
    from lxml import etree  # lazy: only glossary users pay for lxml

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, dtd_validation=False
    )
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"Glossary {path} is not well-formed XML: {exc}") from exc
    doc = root.getroottree().docinfo
    declared = doc.internalDTD is not None and any(True for _ in doc.internalDTD.iterentities())
    # the raw test also catches declarations lxml keeps out of internalDTD (parameter entities)
    if declared or b"<!entity" in raw.lower():
        raise FormatError(f"Glossary {path} declares XML entities; bitext refuses them (entity attacks).")
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    entries = []
    for concept in root.iter():
        if _local(concept.tag) not in ("termEntry", "conceptEntry"):
            continue
        terms: dict[str, list[str]] = {}
        notes: list[str] = []
        for node in concept.iter():
            name = _local(node.tag)
            if name in ("langSet", "langSec"):
                lang = node.get(xml_lang) or node.get("lang") or ""
                for term in node.iter():
                    if _local(term.tag) == "term" and (term.text or "").strip():
                        terms.setdefault(lang, []).append(" ".join(term.itertext()).strip())
            elif name in ("note", "descrip") and (node.text or "").strip():
                notes.append(node.text.strip())
        if len(terms) >= 2:
            note = "; ".join(notes)
            major = any(n.lower().startswith("major") for n in notes)
            entries.append(Entry({k: tuple(v) for k, v in terms.items()}, note, major))
    if not entries:
        raise FormatError(f"Glossary {path} has no termEntry with terms in two languages.")
    langs = frozenset(k for e in entries for k in e.terms)
    return Glossary(tuple(entries), str(path), by_language=True, languages=langs)
