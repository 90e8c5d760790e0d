"""read_text: encodings, newlines and the errors a user sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from bitext.errors import InputError
from bitext.ingest import clean, read_text

AZ = "Yaponiya 1925-ci ildə Sovet İttifaqını tanıdı. Şimali Saxalin, çəkişmə, ğ ı ö ü."


def test_utf8_with_and_without_bom(tmp_path: Path) -> None:
    plain, bom = tmp_path / "a.txt", tmp_path / "b.txt"
    plain.write_bytes(AZ.encode("utf-8"))
    bom.write_bytes(b"\xef\xbb\xbf" + AZ.encode("utf-8"))
    assert read_text(plain) == AZ
    assert read_text(bom) == AZ


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_by_bom(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "u.txt"
    data = AZ.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    assert read_text(path) == AZ


def test_text_is_kept_as_read_and_cleanup_normalises_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"First line.\r\nSecond line.\rThird.\n")
    text = read_text(path)
    assert text == "First line.\r\nSecond line.\rThird.\n"  # offsets index the file as read
    cleaned = clean(text)
    assert cleaned.text == "First line.\nSecond line.\nThird."
    second = cleaned.text.index("Second")
    start, end = cleaned.span(second, second + len("Second line."))
    assert text[start:end] == "Second line."


def test_decomposed_letters_are_composed_by_cleanup(tmp_path: Path) -> None:
    path = tmp_path / "nfd.txt"
    path.write_text("c\u0327ox gu\u0308zel", encoding="utf-8")
    text = read_text(path)
    assert text == "c\u0327ox gu\u0308zel"
    cleaned = clean(text)
    assert cleaned.text == "çox güzel"
    assert cleaned.span(0, 3) == (0, 4) and cleaned.span(4, 9) == (5, 11)  # whole letters, accents too


def test_non_utf8_names_the_byte_and_suggests_encoding(tmp_path: Path) -> None:
    path = tmp_path / "tr.txt"
    path.write_bytes("Türkiye'de şu an".encode("cp1254"))
    with pytest.raises(InputError) as caught:
        read_text(path)
    message = str(caught.value)
    assert "byte 1" in message and "--encoding" in message and "cp1254" in message
    assert "\n" not in message


def test_explicit_encoding(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes("Москва, 1925 год.".encode("koi8-r"))
    assert read_text(path, encoding="koi8-r") == "Москва, 1925 год."
    with pytest.raises(InputError, match="unknown encoding"):
        read_text(path, encoding="no-such-codec")


def test_wrong_explicit_encoding_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "az.txt"
    path.write_bytes(b"ok \xff\xfe here")
    with pytest.raises(InputError, match="not valid utf-8"):
        read_text(path, encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x00\x01\x02binary\x00stuff", "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
    ],
)
def test_unusable_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad"
    path.write_bytes(content)
    with pytest.raises(InputError, match=expected):
        read_text(path)


def test_missing_path_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.md")
    with pytest.raises(InputError, match="directory"):
        read_text(tmp_path)
