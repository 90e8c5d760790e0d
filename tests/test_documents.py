"""DOCX, ODT, PDF, HTML and EPUB read into the same cleaned text as the seed's Markdown, with offsets.

The fixtures in ``tests/fixtures/documents/`` were written by LibreOffice from an excerpt of the seed
(``make_fixtures.py`` says how); with LibreOffice installed, the whole seed is converted afresh too.
"""

from __future__ import annotations

import re
import shutil
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bitext.errors import BitextError, InputError
from bitext.ingest import clean, read_text
from bitext.ingest import documents as documents_module
from bitext.ingest.documents import DOCUMENT_SUFFIXES, read_document
from bitext.segment import normalise_space, segment
from conftest import SEED

FIXTURES = Path(__file__).parent / "fixtures" / "documents"
sys.path.insert(0, str(FIXTURES))
import make_fixtures  # noqa: E402  (the fixture maker is a script beside its output)

FORMATS = ("docx", "odt", "pdf", "html", "epub")


def _flat(text: str) -> str:
    """For comparison: NFC, single spaces, no space before punctuation (where a note mark was)."""
    return re.sub(r" ([.,;:!?])", r"\1", normalise_space(unicodedata.normalize("NFC", text)))


def _english(text: str) -> list[str]:
    """The sentences of prose before the Azerbaijani summary (a title may wrap or lose its year in
    a PDF: a year alone on a line reads as a page number there)."""
    head = text.split("Xülasə")[0]
    return [_flat(s.text) for s in segment(clean(head), "en") if s.text.rstrip().endswith((".", "!", "?"))]


def _expected(markdown: str, paragraphs: list[str]) -> list[str]:
    del markdown
    return _english("\n\n".join(paragraphs))


@pytest.fixture(scope="module")
def excerpt() -> list[str]:
    return _expected("", make_fixtures.excerpt(SEED.read_text(encoding="utf-8"), english=7, summary=4))


@pytest.mark.parametrize("fmt", FORMATS)
def test_fixture_reads_like_the_markdown(fmt: str, excerpt: list[str]) -> None:
    path = FIXTURES / f"seed-excerpt.{fmt}"
    raw = read_text(path)
    got = _english(raw)
    assert set(excerpt) <= set(got), set(excerpt) - set(got)
    joined = " ".join(got)
    # footnote bodies, their marks, running heads and page numbers are not text
    assert "Hasegawa" not in joined and "Harvester" not in joined
    assert "ISMAILOV" not in joined and "relations1" not in joined
    # the summary is there, Azerbaijani letters whole (PDF: a fallback-font "ə" put back in its word)
    assert "İLDƏ YAPONİYANIN" in raw and "Azərbaycan" in raw


@pytest.mark.parametrize("fmt", FORMATS)
def test_offsets_index_the_extracted_text(fmt: str) -> None:
    raw = read_text(FIXTURES / f"seed-excerpt.{fmt}")
    sentences = segment(clean(raw), "en")
    differ = [
        (raw[s.start : s.end], s.text) for s in sentences if _flat(raw[s.start : s.end]) != _flat(s.text)
    ]
    assert differ == []


def test_scanned_pdf_is_told_apart() -> None:
    with pytest.raises(InputError, match=r"no text layer.*OCR") as info:
        read_text(FIXTURES / "scanned.pdf")
    assert "\n" not in str(info.value)


def test_document_found_by_content(tmp_path: Path) -> None:
    for fmt in ("pdf", "docx", "odt", "epub"):
        unnamed = tmp_path / f"paper-{fmt}"
        shutil.copy(FIXTURES / f"seed-excerpt.{fmt}", unnamed)
        assert "Russo-Japanese" in read_text(unnamed)


def test_damaged_and_oversized_archives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes((FIXTURES / "seed-excerpt.docx").read_bytes()[:2000])
    with pytest.raises(InputError, match="not a readable Word document"):
        read_text(broken)
    monkeypatch.setattr(documents_module, "MAX_UNPACKED", 1000)
    with pytest.raises(InputError, match="would unpack to more than"):
        read_text(FIXTURES / "seed-excerpt.odt")
    other = tmp_path / "sheet.xlsx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError, match="not a DOCX, ODT or EPUB"):
        read_text(other)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(suffix=st.sampled_from(DOCUMENT_SUFFIXES), data=st.binary(max_size=600))
def test_random_bytes_give_one_line_errors(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"random{suffix}"
    start = {".pdf": b"%PDF-1.4\n", ".docx": b"PK\x03\x04", ".odt": b"PK\x03\x04", ".epub": b"PK\x03\x04"}
    path.write_bytes(start.get(suffix, b"<html>") + data)
    try:
        text = read_document(path)
    except BitextError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(text, str) and text.strip()


def test_html_structure() -> None:
    page = (
        b"<html><head><title>T</title><script>var x = 1;</script></head><body>"
        b"<nav>Home | About</nav><h2>Th\xc3\xa9 title</h2><p>One   paragraph<sup>1</sup> with"
        b' <a href="#fn1">2</a> notes.</p><pre>a  b</pre><footer>Page 3</footer>'
        b'<section role="doc-endnotes"><p>1. Ibid., p. 4.</p></section></body></html>'
    )
    assert (
        documents_module.html_text(page, Path("x.html")) == "# Thé title\n\nOne paragraph with notes.\n\na  b"
    )


@pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice (soffice) is not installed: the committed fixtures are tested instead",
)
def test_whole_seed_through_libreoffice(tmp_path: Path) -> None:
    markdown = SEED.read_text(encoding="utf-8")
    paragraphs = make_fixtures.excerpt(markdown, english=10_000, summary=10_000)
    made = make_fixtures.make(
        paragraphs, tmp_path, "seed", formats=("pdf", "docx"), note_texts=make_fixtures.seed_notes(markdown)
    )
    want = _expected(markdown, paragraphs)
    for fmt in ("pdf", "docx", "odt"):
        got = set(_english(read_text(made[fmt])))
        share = len(set(want) & got) / len(set(want))
        assert share >= 0.95, (fmt, share, sorted(set(want) - got)[:5])


@pytest.mark.model
def test_align_a_word_document_from_the_command_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from bitext import alignment_file
    from bitext.cli import main

    out = tmp_path / "doc.json"
    result = CliRunner().invoke(main, ["align", str(FIXTURES / "seed-excerpt.docx"), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    alignment = alignment_file.load(out)
    assert (alignment.source.lang, alignment.target.lang) == ("en", "az")
    raw = read_text(FIXTURES / "seed-excerpt.docx")
    for side in (alignment.source, alignment.target):
        for s in side.sentences:
            assert _flat(raw[s.start : s.end]) == _flat(s.text)
