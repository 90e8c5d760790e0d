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


def _bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: no such file; check the path")
    if path.is_dir():
        raise InputError(f"{path} is a directory; give the path of a text file")
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror}); check its permissions") from None


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
        raise InputError(f"{path} looks binary (it contains NUL bytes); give a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: byte {error.start} is not UTF-8; {_ENCODING_HINT}") from None


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
    data = _bytes(path)
    if not data.strip():
        raise InputError(f"{path} is empty; give a file with text in it")
    if is_document(path):
        return read_document(path)
    if data.startswith(b"%PDF"):
        return read_document(path, as_suffix=".pdf")
    if data.startswith(b"PK\x03\x04"):
        kind = _zip_kind(path)
        if kind is not None:
            return read_document(path, as_suffix=kind)
    text = _decode(path, data, encoding)
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 1000):
        raise InputError(f"{path} looks binary ({controls} control characters); give a text file")
    if not text.strip():
        raise InputError(f"{path} has only white space; give a file with text in it")
    return text
