"""Read a user's file into a string, with errors that say what to do.

Offsets everywhere in bitext are into the string this returns: the file's text exactly as decoded,
whatever its line endings (``\\r\\n``, ``\\r``) and normal form (NFC, NFD). Cleanup normalises both
and remembers where each character came from (:func:`bitext.ingest.cleanup.normalise`), so that a
sentence's offsets slice the file as read. A DOCX, ODT, PDF, HTML or EPUB file is read by
:mod:`bitext.ingest.documents`; its offsets index the text extracted from it.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from pathlib import Path

from bitext.errors import InputError
from bitext.ingest.documents import is_document, read_document
from bitext.limits import check_regular, enforce_limit, max_input_bytes, read_input

_ENCODING_HINT = "give its encoding with --encoding (for example cp1254, cp1251, koi8-r, latin-1)"
# Signatures of files people pass by mistake instead of their text export.
_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive but not a DOCX, ODT or EPUB (an .xlsx?); save it as plain text first"),
    (b"{\\rtf", "an RTF file; save it as plain text first"),
    (b"\x89PNG", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A document without its usual suffix is still recognised by what its ZIP holds.
_ZIP_KINDS = (
    ("word/document.xml", ".docx"),
    ("mimetype:application/vnd.oasis.opendocument.text", ".odt"),
    ("mimetype:application/epub+zip", ".epub"),
)
# Control characters that never occur in text (tab, newlines and form feed are allowed).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _utf16_without_bom(data: bytes) -> str | None:
    """The codec of UTF-16 text written without a byte-order mark, or None.

    Text in a Latin or Cyrillic script has a zero byte in most of its UTF-16 code units, always on
    the same side (the high byte); binary data has them anywhere.
    """
    sample = data[:65536]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.3 * len(zeros) and other.count(0) <= 0.01 * len(other):
            try:
                data[: len(data) // 2 * 2].decode(codec)
            except UnicodeDecodeError:
                return None
            return codec
    return None


def _decode(path: Path, data: bytes, encoding: str | None) -> str:
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(
                f"unknown encoding {encoding!r}; use a Python codec name such as cp1254"
            ) from None
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            raise InputError(
                f"{path}: byte {error.start} is not valid {encoding}; check the --encoding value"
            ) from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec).lstrip("\ufeff")
            except UnicodeDecodeError as error:
                raise InputError(
                    f"{path}: byte {error.start} is not valid {codec}; {_ENCODING_HINT}"
                ) from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{path} is {what}")
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            raise InputError(f"{path} looks like UTF-16 without a byte-order mark; give --encoding {utf16}")
        raise InputError(f"{path} looks binary (it contains NUL bytes); give a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: byte {error.start} is not UTF-8; {_ENCODING_HINT}") from None


def _document_magic(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) in (b"%PDF", b"PK\x03\x04")
    except OSError:
        return False


def _zip_kind(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = (
                archive.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
            )
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    for marker, suffix in _ZIP_KINDS:
        if marker in names or marker == f"mimetype:{mimetype}":
            return suffix
    return None


def read_text(path: Path, encoding: str | None = None) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16/32 by BOM, or ``encoding`` if given.

    DOCX, ODT, PDF, HTML and EPUB files (by suffix, or by content for PDF and the ZIP-based ones) are
    read by :func:`bitext.ingest.documents.read_document` instead.
    """
    path = Path(path)
    # A document (a PDF with its fonts and images) may be much bigger than the text it holds: the
    # file is held to the data limit, and the text, whatever it came from, to the text limit. A file
    # too big for a text that is no document is refused before it is read.
    size = check_regular(path, "text file").st_size
    if size > max_input_bytes("text") and not is_document(path) and not _document_magic(path):
        enforce_limit(path, size, "text")
    data = read_input(path, "text file", "data")
    if not data.strip():
        raise InputError(f"{path} is empty; give a file with text in it")
    as_suffix: str | None = None
    if data.startswith(b"%PDF"):
        as_suffix = ".pdf"
    elif data.startswith(b"PK\x03\x04"):
        as_suffix = _zip_kind(path)
    if is_document(path) or as_suffix is not None:
        text = read_document(path) if is_document(path) else read_document(path, as_suffix=as_suffix)
        enforce_limit(path, len(text.encode("utf-8", "surrogatepass")), "text", " of text")
        return text
    enforce_limit(path, len(data), "text")
    text = _decode(path, data, encoding)
    nul = text.find("\x00")
    if nul >= 0:
        # Never text: a wrong --encoding (UTF-16 read as a one-byte code) or binary data.
        codec = _utf16_without_bom(data)
        hint = f"give --encoding {codec}" if codec else "check the --encoding value, or give a text file"
        raise InputError(f"{path}: character {nul} is a NUL (U+0000) once decoded; {hint}")
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 1000):
        raise InputError(f"{path} looks binary ({controls} control characters); give a text file")
    if not text.strip():
        raise InputError(f"{path} has only white space; give a file with text in it")
    return text
