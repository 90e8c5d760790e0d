"""Documents people actually have: DOCX, ODT, PDF with a text layer, HTML and EPUB, read as plain text.

Each reader returns the document's running text with one paragraph per block, paragraphs separated by
a blank line and headings marked ``# `` as in the Markdown a converter writes; PDF pages are separated by
a form feed. That text then goes through the same cleanup as an OCR'd Markdown file (page heads,
footnotes, hyphenation: :mod:`bitext.ingest.cleanup`), and every offset bitext reports indexes it.

What is left out because it is not running text: Word and ODF footnote and endnote bodies (their
reference marks too), headers and footers; in HTML, ``head``, scripts, styles, navigation and page
furniture (``nav``, ``header``, ``footer``, ``aside``) and footnote references (a ``sup`` holding a
number).

Each library is imported only when a file of its kind is read. Archives (DOCX, ODT, EPUB are ZIP files)
are refused before unpacking if they would unpack to more than :data:`MAX_UNPACKED` bytes.
"""

from __future__ import annotations

import contextlib
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bitext.errors import InputError

DOCUMENT_SUFFIXES: tuple[str, ...] = (".docx", ".odt", ".pdf", ".html", ".htm", ".xhtml", ".epub")
MAX_UNPACKED = 512 * 1024 * 1024
PAGE_BREAK = "\f"
_HEADING_STYLE = re.compile(r"^(heading|title|überschrift|titre|заголовок|başlıq)\b", re.IGNORECASE)
_FOOTNOTE_REF = re.compile(r"^\s*(?:\[?\d{1,3}\]?|[*†‡§]+)\s*$")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCKS = frozenset(
    [
        *_HEADINGS,
        *("p", "li", "dd", "dt", "td", "th", "caption", "figcaption", "blockquote", "pre", "div"),
        *("section", "article", "main", "address", "tr", "table", "ul", "ol", "dl", "figure", "body"),
    ]
)
# Page furniture and what is not text: left out like a PDF's running heads.
_SKIP = frozenset(
    [
        *("head", "script", "style", "noscript", "template", "nav", "header", "footer", "aside"),
        *("svg", "math", "button", "form"),
    ]
)


def is_document(path: Path) -> bool:
    return path.suffix.lower() in DOCUMENT_SUFFIXES


def _paragraphs(parts: Iterator[str]) -> str:
    out = [p.strip("\n") for p in parts]
    return "\n\n".join(p for p in out if p.strip())


def _check_zip(path: Path, what: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{path} is not a readable {what} (a damaged ZIP archive: {exc})") from None
    if sum(info.file_size for info in infos) > MAX_UNPACKED:
        raise InputError(f"{path} would unpack to more than {MAX_UNPACKED // 2**20} MiB; refusing it")


# --- DOCX -----------------------------------------------------------------------------------------


def _docx(path: Path) -> str:
    _check_zip(path, "Word document")
    import docx
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise InputError(f"{path} is not a readable Word document ({type(exc).__name__}: {exc})") from None

    def blocks(container: Any) -> Iterator[str]:
        for item in container.iter_inner_content():
            if isinstance(item, Table):
                for row in item.rows:
                    for cell in row.cells:
                        yield from blocks(cell)
            else:
                style = item.style.name if item.style is not None else ""
                text = item.text
                yield f"# {text}" if text.strip() and _HEADING_STYLE.match(style or "") else text

    return _paragraphs(blocks(document))


# --- ODT ------------------------------------------------------------------------------------------


def _odt(path: Path) -> str:
    _check_zip(path, "OpenDocument text")
    from odf import opendocument
    from odf.namespaces import TEXTNS

    try:
        document = opendocument.load(str(path))
    except Exception as exc:  # odfpy raises KeyError, XML errors... for a damaged file
        raise InputError(
            f"{path} is not a readable OpenDocument text ({type(exc).__name__}: {exc})"
        ) from None

    def inline(node: Any) -> Iterator[str]:
        for child in node.childNodes:
            if child.nodeType == child.TEXT_NODE:
                yield str(child.data)
                continue
            if child.nodeType != child.ELEMENT_NODE:
                continue
            ns, name = child.qname
            if ns == TEXTNS and name in ("note", "bookmark-ref", "soft-page-break"):
                continue  # footnote bodies and marks are not running text
            if ns == TEXTNS and name == "s":
                yield " " * int(child.getAttrNS(TEXTNS, "c") or 1)
            elif ns == TEXTNS and name == "tab":
                yield "\t"
            elif ns == TEXTNS and name == "line-break":
                yield "\n"
            else:
                yield from inline(child)

    def blocks(node: Any) -> Iterator[str]:
        for child in node.childNodes:
            if child.nodeType != child.ELEMENT_NODE:
                continue
            ns, name = child.qname
            if ns == TEXTNS and name in ("p", "h"):
                text = "".join(inline(child))
                yield f"# {text}" if name == "h" and text.strip() else text
            elif ns == TEXTNS and name in ("tracked-changes", "table-of-content", "sequence-decls"):
                continue
            else:
                yield from blocks(child)

    return _paragraphs(blocks(document.text))


# --- PDF ------------------------------------------------------------------------------------------


def _pdf(path: Path) -> str:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pages = _without_running_lines(
            [_pdf_page(page) for page in extract_pages(str(path), laparams=LAParams())]
        )
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(f"{path} is encrypted; give a copy saved without a password") from None
    except Exception as exc:  # pdfminer has no single error type for a damaged file
        raise InputError(f"{path} is not a readable PDF ({type(exc).__name__}: {exc})") from None
    if not any(page.strip() for page in pages):
        raise InputError(
            f"{path} has no text layer (a scanned PDF?); run OCR on it first (for example ocrmypdf) "
            "and give the result"
        )
    # A page break stays as a form feed on a line of its own: cleanup reads it as the evidence that a
    # sentence may run on to the next page.
    return f"\n\n{PAGE_BREAK}\n\n".join(page for page in pages if page.strip())


_NOTE_MARK = re.compile(r"[\d*†‡§]")


def _running_key(line: str) -> str:
    return re.sub(r"[\d\s]+", " ", line).strip().casefold()


def _without_running_lines(pages: list[list[str]]) -> list[str]:
    """Drop a page's first or last line when it recurs at the top or bottom of other pages (a
    running head or foot, page number aside): the layout boxes may have glued it to a paragraph."""
    edges: dict[str, int] = {}
    for page in pages:
        if page:
            for key in {_running_key(page[0].split("\n")[0]), _running_key(page[-1].split("\n")[-1])}:
                edges[key] = edges.get(key, 0) + 1
    running = {key for key, n in edges.items() if key and n >= 2}
    out = []
    for page in pages:
        boxes = list(page)
        if boxes and _running_key(boxes[0].split("\n")[0]) in running:
            boxes[0] = "\n".join(boxes[0].split("\n")[1:])
        if boxes and _running_key(boxes[-1].split("\n")[-1]) in running:
            boxes[-1] = "\n".join(boxes[-1].split("\n")[:-1])
        out.append("\n\n".join(b for b in boxes if b.strip()))
    return out


_STRAY = 3  # a box of this many letters or fewer may be glyphs drawn out of order


def _place_strays(boxes: list[Any]) -> list[Any]:
    """Put back letters a PDF writer drew after the rest of their line (LibreOffice draws a letter
    that its font lacks, such as Azerbaijani "ə", from a fallback font at the end of the page):
    pdfminer gives them a line of their own, and the line they belong to a gap where they stood."""
    from pdfminer.layout import LTAnno, LTChar, LTTextLine

    def letters(line: Any) -> list[Any]:
        return [ch for ch in line if isinstance(ch, LTChar) and ch.get_text().strip()]

    lines = [(box, line) for box in boxes for line in box if isinstance(line, LTTextLine)]
    strays = [(box, line) for box, line in lines if 0 < len(letters(line)) <= _STRAY]
    if not strays:
        return boxes
    for box, stray in strays:
        homes = []
        for ch in letters(stray):
            home = None
            for _, line in lines:
                if line is stray:
                    continue
                seen = list(line)
                for k, a in enumerate(seen[:-1]):
                    nxt = next((o for o in seen[k + 1 :] if isinstance(o, LTChar)), None)
                    if not isinstance(a, LTChar) or nxt is None:
                        continue
                    same_line = abs(a.y0 - ch.y0) < 0.3 * ch.size and abs(a.y1 - ch.y1) < 0.3 * ch.size
                    if same_line and a.x1 - 1 <= ch.x0 and ch.x1 <= nxt.x0 + 1:
                        home = (line, a)
                        break
                if home:
                    break
            homes.append(home)
        if not homes or not all(homes):
            continue
        for ch, home in zip(letters(stray), homes, strict=True):
            line, after = home  # type: ignore[misc]
            # HACK: pdfminer.six (pinned 20260107) has no API to edit a line; it keeps its characters
            # in _objs. Without it, the letter stays where pdfminer put it.
            chars: Any = getattr(line, "_objs", None)
            if not isinstance(chars, list) or not isinstance(getattr(box, "_objs", None), list):
                return boxes
            objs: list[Any] = chars
            gap = objs.index(after) + 1
            if gap < len(objs) and isinstance(objs[gap], LTAnno) and objs[gap].get_text() == " ":
                objs[gap] = ch  # the letter fills the space pdfminer put in its place
            else:
                objs.insert(gap, ch)
        box._objs.remove(stray)
    return [box for box in boxes if any(isinstance(line, LTTextLine) for line in box)]


def _pdf_page(page: Any) -> list[str]:
    """One page's text boxes (one paragraph each) without footnotes and footnote marks.

    The body's type size is the size most of the page's letters have. A box of smaller type in the
    lower part of the page is a footnote; a small raised digit or symbol inside a line is its mark.
    """
    from collections import Counter

    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    boxes = _place_strays([el for el in page if isinstance(el, LTTextContainer)])
    sizes: Counter[float] = Counter()
    for box in boxes:
        for line in box:
            if isinstance(line, LTTextLine):
                sizes.update(
                    round(ch.size, 1) for ch in line if isinstance(ch, LTChar) and ch.get_text().strip()
                )
    if not sizes:
        return []
    body = sizes.most_common(1)[0][0]
    paragraphs: list[str] = []
    for box in boxes:
        lines = [line for line in box if isinstance(line, LTTextLine)]
        chars = [ch for line in lines for ch in line if isinstance(ch, LTChar) and ch.get_text().strip()]
        if not chars:
            continue
        small = sum(ch.size < 0.9 * body for ch in chars) > len(chars) / 2
        if small and box.y1 < page.height * 0.4:
            continue  # a footnote
        texts = []
        for line in lines:
            normal = sorted(ch.y0 for ch in line if isinstance(ch, LTChar) and ch.size >= 0.9 * body)
            base = normal[len(normal) // 2] if normal else line.y0
            kept = [
                obj.get_text()
                for obj in line
                if not (
                    isinstance(obj, LTChar)
                    and obj.size < 0.8 * body
                    and obj.y0 > base + 0.2 * body
                    and _NOTE_MARK.fullmatch(obj.get_text())
                )
            ]
            texts.append("".join(kept).rstrip())
        paragraphs.append("\n".join(texts))
    return [p for p in paragraphs if p.strip()]


# --- HTML and EPUB --------------------------------------------------------------------------------


def html_text(data: bytes, path: Path) -> str:
    """The running text of an HTML/XHTML document (see the module docstring for what is left out)."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False)
    source: str | bytes = data
    # Most HTML today is UTF-8, declared or not; lxml alone would take undeclared bytes for Latin-1.
    # Bytes that are not UTF-8 go to lxml, which reads the charset the page declares.
    with contextlib.suppress(UnicodeDecodeError):
        source = _XML_DECLARATION.sub("", data.decode("utf-8-sig"), count=1)
    try:
        root = lxml.html.document_fromstring(source, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"{path} is not readable HTML ({exc})") from None
    parts: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            # HTML shows a run of white space as one space
            parts.append(re.sub(r"[ \t]{2,}", " ", "".join(current)))
            current.clear()

    def walk(el: Any) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        tag = tag.rpartition("}")[2]
        if tag in _SKIP or not isinstance(el.tag, str) or _is_note(el, tag):
            return
        if tag == "pre":  # its white space and line breaks are the author's
            flush()
            parts.append(el.text_content())
            return
        block = tag in _BLOCKS
        if block:
            flush()
            if tag in _HEADINGS:
                current.append("# ")
        if tag == "br":
            current.append("\n")
        if el.text:
            current.append(_collapse(el.text))
        for child in el:
            walk(child)
            if child.tail:
                current.append(_collapse(child.tail))
        if block:
            flush()

    walk(root)
    flush()
    return _paragraphs(p.strip(" ") for p in parts if p.strip() not in ("", "#"))


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_NOTE_WORDS = re.compile(r"foot-?no[dt]e|endnote|noteref|sdfootnote|\bftn|\bfn\d", re.IGNORECASE)


def _is_note(el: Any, tag: str) -> bool:
    """A footnote or endnote (its reference mark or its body), whatever the tool that wrote the HTML:
    EPUB's and ARIA's note roles, classes and ids that say so, a ``sup`` or ``#`` link holding only a
    number, a block that opens with the number linking back to its reference."""
    kinds = " ".join(
        el.get(name, "")
        for name in ("{http://www.idpf.org/2007/ops}type", "epub:type", "role", "class", "id")
    )
    if _NOTE_WORDS.search(kinds):
        return True
    if tag in ("sup", "a") and _FOOTNOTE_REF.match(el.text_content() or ""):
        return tag == "sup" or (el.get("href") or "").startswith("#")
    if tag in _BLOCKS and not (el.text or "").strip() and len(el):
        first = el[0]
        link = first if first.tag == "a" else next(iter(first.iter("a")), None)
        if link is None or not (link.get("href") or "").startswith("#"):
            return False
        opens_with_link = first is link or not (first.text or "").strip()
        return opens_with_link and bool(_FOOTNOTE_REF.match(link.text_content() or ""))
    return False


def _collapse(text: str) -> str:
    # HTML collapses white space in layout; line breaks in the source are not the author's.
    return re.sub(r"[ \t\r\n]+", " ", text)


def _html(path: Path) -> str:
    return html_text(path.read_bytes(), path)


def _epub(path: Path) -> str:
    _check_zip(path, "EPUB")
    import ebooklib
    from ebooklib import epub

    try:
        book = epub.read_epub(str(path), options={"ignore_ncx": True})
    except Exception as exc:  # ebooklib raises EpubException, KeyError, XML errors...
        raise InputError(f"{path} is not a readable EPUB ({type(exc).__name__}: {exc})") from None
    chapters: list[str] = []
    for idref, _linear in book.spine:
        item = book.get_item_with_id(idref)
        if item is not None and item.get_type() == ebooklib.ITEM_DOCUMENT:
            # .content is the chapter as stored; get_content() re-serialises it with line breaks
            # between inline elements, which would put spaces inside words ("19 th").
            raw = item.content if isinstance(item.content, bytes) else item.get_content()
            chapters.append(html_text(raw, path))
    return _paragraphs(iter(chapters))


_READERS: dict[str, Callable[[Path], str]] = {
    ".docx": _docx,
    ".odt": _odt,
    ".pdf": _pdf,
    ".html": _html,
    ".htm": _html,
    ".xhtml": _html,
    ".epub": _epub,
}


def read_document(path: Path, as_suffix: str | None = None) -> str:
    """The text of a DOCX, ODT, PDF, HTML or EPUB file; InputError (one line) if it cannot be read.

    ``as_suffix`` reads a file whose name does not say what it is (``%PDF`` content named ``paper``).
    """
    reader = _READERS.get(as_suffix or path.suffix.lower())
    if reader is None:
        raise InputError(f"{path}: bitext reads {', '.join(DOCUMENT_SUFFIXES)} documents, not {path.suffix}")
    text = reader(path)
    if not text.strip():
        raise InputError(f"{path} holds no text; give a document with text in it")
    return text
