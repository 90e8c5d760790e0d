"""Document reports: HTML marks flagged spans in place, escapes text, draws the map; CSV/JSON/XLSX rows."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import lxml.html
import pytest

from bitext.errors import InputError
from bitext.model import SEVERITY_COLOURS, Alignment, Flag, Link, Side, Signature
from bitext.report import FORMATS, write_document_report
from bitext.report.html import Mark, highlight
from bitext.report.tables import FLAG_COLUMNS

EN = [
    "In 1925 Japan recognised the Soviet Union.",
    "The treaty was signed in Beijing.",
    "It was signed on 20 January.",
    "Trade between the two countries grew quickly.",
    "<script>alert('x')</script> appeared in the archive copy.",
    "Footnotes were removed.",
]
AZ = [
    "Yaponiya 1926-cı ildə Sovet İttifaqını tanıdı.",
    "Müqavilə 20 yanvarda Pekində imzalandı.",
    "İki ölkə arasında ticarət sürətlə azaldı.",
    "<script>alert('x')</script> arxiv nüsxəsində göründü.",
    "Bu cümlə əlavə edilib.",
]
SIG = Signature(
    bitext="0.1.0", model="test-model", segmenter="test-seg", mode="translation", thresholds={"t": 0.5}
)


def _side(lang: str, texts: list[str]) -> Side:
    return Side.from_texts(lang, f"/docs/treaty.{lang}.txt", texts)


def _flag(
    kind: str,
    sev: str,
    src: str,
    tgt: str,
    s_at: int | None,
    t_at: int | None,
    msg: str,
    status: str = "open",
) -> Flag:
    return Flag(
        kind=kind,
        severity=sev,  # type: ignore[arg-type]
        source_excerpt=src,
        target_excerpt=tgt,
        source_span=(s_at, s_at + len(src)) if s_at is not None else None,
        target_span=(t_at, t_at + len(tgt)) if t_at is not None else None,
        message=msg,
        status=status,  # type: ignore[arg-type]
    )


# Offsets into the link's joined text: link 1 joins EN[1] and EN[2] with one space.
DATE_AT = len(EN[1]) + 1 + EN[2].index("20 January")
SUPPRESSED = _flag(
    "terminology", "major", "countries", "ölkə", EN[3].index("countries"), AZ[2].index("ölkə"), "old"
)


def build_alignment() -> Alignment:
    links = (
        Link(
            0, (0,), (0,), 0.91, flags=(_flag("number", "major", "1925", "1926", 3, 9, "1925 became 1926"),)
        ),
        Link(
            1,
            (1, 2),
            (1,),
            0.84,
            flags=(_flag("date", "minor", "20 January", "20 yanvarda", DATE_AT, 9, "check the date"),),
        ),
        Link(
            2,
            (3,),
            (2,),
            0.77,
            flags=(
                _flag(
                    "opposite",
                    "major",
                    "grew",
                    "azaldı",
                    EN[3].index("grew"),
                    AZ[2].index("azaldı"),
                    "grew ≠ fell",
                ),
                _flag(
                    "name",
                    "minor",
                    "Trade",
                    "ticarət",
                    0,
                    AZ[2].index("ticarət"),
                    "not a name",
                    status="dismissed",
                ),
                SUPPRESSED,
            ),
        ),
        Link(
            3,
            (4,),
            (3,),
            0.88,
            flags=(
                _flag(
                    "terminology",
                    "info",
                    "archive",
                    "arxiv",
                    EN[4].index("archive"),
                    AZ[3].index("arxiv"),
                    "=SUM(A1) <b>glossary</b>",
                ),
            ),
        ),
        Link(
            4,
            (5,),
            (),
            0.0,
            flags=(_flag("omission", "minor", "Footnotes were removed.", "", 0, None, "left out"),),
        ),
        Link(5, (), (4,), 0.0, flags=(_flag("addition", "minor", "", "Bu cümlə", None, None, "added"),)),
    )
    return Alignment(_side("en", EN), _side("az", AZ), links, SIG, frozenset({SUPPRESSED.signature}))


@pytest.fixture
def report(tmp_path: Path) -> tuple[Path, lxml.html.HtmlElement]:
    write_document_report(build_alignment(), tmp_path, "treaty")
    html_path = tmp_path / "treaty.html"
    return tmp_path, lxml.html.fromstring(html_path.read_text(encoding="utf-8"))


def _marked(doc: lxml.html.HtmlElement, link: int, side: str, ref: str) -> str:
    cell = doc.get_element_by_id(f"link-{link}").find_class(side)[0]
    return "".join(m.text_content() for m in cell.iter("mark") if ref in m.get("data-flags", "").split())


def _sentences(cell: lxml.html.HtmlElement) -> dict[int, str]:
    """Sentence id -> its text as shown (without the id label)."""
    out = {}
    for sent in cell.find_class("sent"):
        label = sent.find_class("sid")[0].text_content()
        out[int(sent.get("data-sentence"))] = sent.text_content().removeprefix(label)
    return out


def test_spans_are_marked_in_place(report: tuple[Path, lxml.html.HtmlElement]) -> None:
    _, doc = report
    assert _marked(doc, 0, "source", "f0-0") == "1925"
    assert _marked(doc, 0, "target", "f0-0") == "1926"
    # span offsets into the joined text of a 2-1 link land in the second sentence
    assert _marked(doc, 1, "source", "f1-0") == "20 January"
    assert _marked(doc, 1, "target", "f1-0") == "20 yanvarda"
    assert _marked(doc, 2, "target", "f2-0") == "azaldı"
    # a flag without spans is found by its excerpt
    assert _marked(doc, 5, "target", "f5-0") == "Bu cümlə"
    source_cell = doc.get_element_by_id("link-1").find_class("source")[0]
    assert _sentences(source_cell) == {1: EN[1], 2: EN[2]}  # one line per sentence, each with its id
    mark = next(m for m in doc.get_element_by_id("link-0").iter("mark"))
    assert mark.get("class") == "sev-major"
    assert "1925 became 1926" in mark.get("title")


def test_text_is_escaped_and_page_is_self_contained(report: tuple[Path, lxml.html.HtmlElement]) -> None:
    out, doc = report
    raw = (out / "treaty.html").read_text(encoding="utf-8")
    assert "<script>alert" not in raw and "<b>glossary</b>" not in raw
    scripts = doc.xpath("//script")
    assert len(scripts) == 1 and scripts[0].get("src") is None  # the inline enhancement only
    assert "alert" not in scripts[0].text
    assert "<script>alert('x')</script> appeared" in doc.get_element_by_id("link-3").text_content()
    assert "<b>glossary</b>" in doc.get_element_by_id("f3-0").text_content()
    assert doc.xpath("//link | //img | //iframe") == []
    # Links go to rows of this page or to the same report's other formats beside it, never outside.
    outside = [h for h in doc.xpath("//@href | //@src") if not str(h).startswith("#")]
    assert sorted(outside) == ["treaty.csv", "treaty.json", "treaty.xlsx"]


def test_map_summary_and_statuses(report: tuple[Path, lxml.html.HtmlElement]) -> None:
    _, doc = report
    svg = doc.xpath("//svg[contains(@class, 'alignment-map')]")
    assert len(svg) == 1
    rects = {a.get("href"): a.find("rect").get("fill") for a in svg[0].iter("a")}
    assert len(rects) == 6
    assert rects["#link-0"] == SEVERITY_COLOURS["major"]
    assert rects["#link-1"] == SEVERITY_COLOURS["minor"]
    assert rects["#link-3"] == SEVERITY_COLOURS["info"]
    totals = doc.xpath('//table[@class="summary"]//tr[@class="total"]/td/text()')
    assert totals == ["2", "3", "1", "6"]  # major, minor, info, total; dismissed ones left out
    confirmed = doc.xpath('//table[@class="summary"]//tr[@class="confirmed-total"]/td/text()')
    assert confirmed == ["0", "0", "0", "0"]
    for ref in ("f2-1", "f2-2"):  # dismissed by status, and by the suppression list
        li = doc.get_element_by_id(ref)
        assert li.get("data-status") == "dismissed"
    assert _marked(doc, 2, "source", "f2-1") == "Trade"
    assert "dismissed" in next(
        m for m in doc.get_element_by_id("link-2").iter("mark") if "f2-1" in m.get("data-flags")
    ).get("class")
    unaligned = doc.get_element_by_id("link-4")
    assert "unaligned" in unaligned.get("class")
    assert "not aligned" in unaligned.find_class("target")[0].text_content()
    assert SIG.text() in doc.find_class("signature")[0].text_content()


def test_overlapping_spans_are_split_not_nested() -> None:
    marks = [Mark(1, 4, "minor", False, "a", "fa"), Mark(3, 6, "major", False, "b<", "fb")]
    frag = lxml.html.fragment_fromstring(highlight("x<cdefg", marks), create_parent="div")
    pieces = [(m.text_content(), m.get("class"), m.get("data-flags")) for m in frag.iter("mark")]
    assert pieces == [("<c", "sev-minor", "fa"), ("d", "sev-major", "fa fb"), ("ef", "sev-major", "fb")]
    assert frag.text_content() == "x<cdefg"


def test_csv_json_xlsx(report: tuple[Path, lxml.html.HtmlElement]) -> None:
    out, _ = report
    with (out / "treaty.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == FLAG_COLUMNS
    assert len(rows) == 8
    number = rows[0]
    assert (number["doc"], number["link"], number["kind"], number["severity"]) == (
        "treaty",
        "0",
        "number",
        "major",
    )
    assert (number["source_excerpt"], number["target_excerpt"], number["status"]) == ("1925", "1926", "open")
    assert rows[1]["source_ids"] == "1 2" and rows[1]["source"] == " ".join(EN[1:3])
    assert [r["status"] for r in rows if r["link"] == "2"] == ["open", "dismissed", "dismissed"]

    data = json.loads((out / "treaty.json").read_text(encoding="utf-8"))
    assert data["signature"] == SIG.text()
    assert data["summary"]["by_severity"] == {"major": 2, "minor": 3, "info": 1}
    assert data["summary"]["dismissed"] == 2
    assert data["summary"]["unaligned_source"] == 1 and data["summary"]["unaligned_target"] == 1
    assert data["flags"][1]["source_span"] == [DATE_AT, DATE_AT + len("20 January")]

    with zipfile.ZipFile(out / "treaty.xlsx") as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
        strings = zf.read("xl/sharedStrings.xml").decode()
    assert "<f>" not in sheet  # "=SUM(A1)" stays text, not a formula
    assert "=SUM(A1)" in strings and "1926" in strings


def test_formats_subset_and_replacement(tmp_path: Path) -> None:
    summary = write_document_report(build_alignment(), tmp_path, "t", formats=("csv",))
    assert summary.files == ("t.csv",) and summary.report_href is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]
    (tmp_path / "t.html").write_text("stale", encoding="utf-8")
    write_document_report(build_alignment(), tmp_path, "t", formats=FORMATS)
    assert (tmp_path / "t.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "t.csv",
        "t.html",
        "t.json",
        "t.xlsx",
    ]  # no temp files


def test_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown report format 'pdf'"):
        write_document_report(build_alignment(), tmp_path, "t", formats=("pdf",))
    with pytest.raises(InputError, match="plain file name"):
        write_document_report(build_alignment(), tmp_path, "../t")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="cannot write reports to") as info:
        write_document_report(build_alignment(), blocker / "out", "t")
    assert "\n" not in str(info.value)


def test_failed_render_leaves_previous_report_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_document_report(build_alignment(), tmp_path, "t")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def boom(*args: object) -> bytes:
        raise InputError("disk full")

    monkeypatch.setattr("bitext.report.document.render_xlsx", boom)
    empty = Alignment(_side("en", ["One."]), _side("az", ["Bir."]), (Link(0, (0,), (0,), 1.0),), SIG)
    with pytest.raises(InputError):
        write_document_report(empty, tmp_path, "t")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
