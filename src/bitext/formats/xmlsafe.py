"""XML hygiene shared by the TMX reader and writer.

Writing: XML 1.0 cannot carry C0 controls (other than tab, newline, CR), lone surrogates or U+FFFE/U+FFFF.
lxml refuses such strings outright, so text is cleaned first rather than failing a whole export on one bad
character that came from a PDF extraction.

Reading: TMX files come from other people's tools, so they are parsed with entity expansion, DTD loading and
network access off, and any document whose DOCTYPE declares entities is refused: bitext never needs them, and
they are the vehicle of external-entity (XXE) and billion-laughs attacks.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

from bitext.errors import FormatError
from bitext.limits import read_input

# Everything outside the XML 1.0 Char production. Lone surrogates can exist in a Python str (e.g. from
# surrogateescape decoding) and would make the UTF-8 encoder fail mid-file.
_NOT_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"


def clean_xml_text(text: str) -> str:
    """Drop the characters XML cannot represent; everything else is kept as is."""
    return _NOT_XML_CHAR.sub("", text)


def safe_parser() -> Any:
    """An lxml parser that never expands entities, loads a DTD or touches the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_untrusted(path: Path, what: str = "XML") -> Any:
    """Parse ``path`` with :func:`safe_parser`; FormatError (one line) for anything unsafe or malformed."""
    data = read_input(path, f"{what} file")
    try:
        tree = etree.fromstring(data, safe_parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        msg = str(exc).splitlines()[0] if str(exc) else "not well-formed"
        if "entity" in msg.lower():
            raise FormatError(f"{path}: refusing XML entities in a {what} file ({msg})") from exc
        raise FormatError(f"{path} is not well-formed {what}: {msg}") from exc
    except ValueError as exc:  # e.g. an encoding declaration lxml cannot honour
        raise FormatError(f"{path} is not readable {what}: {exc}") from exc
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        names = ", ".join(sorted({e.name for e in dtd.iterentities()}))
        raise FormatError(
            f"{path}: refusing XML entities declared in the DOCTYPE ({names}); "
            f"a {what} file needs none, remove the declarations"
        )
    return tree
