"""The reviewer's work reaches every report format; triage, map, index and accessibility in the HTML."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import lxml.etree
import lxml.html
import pytest

from bitext.model import SEVERITY_COLOURS, Alignment
from bitext.report import run_batch, write_document_report
from bitext.report.batch import DocumentInput
from bitext.report.html import alignment_svg, tick_step
from bitext.report.tables import (
    CONFIRMED_COLOUR,
    DISMISSED_COLOUR,
    FLAG_COLUMNS,
    MUTED_COLOUR,
    NO_FLAG_COLOUR,
    RESPONSE_COLUMNS,
)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture
def out(tmp_path: Path, reviewed_alignment: Alignment) -> Path:
    write_document_report(reviewed_alignment, tmp_path, "treaty", generated="2026-12-01 09:00 UTC")
    return tmp_path


def _doc(out: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((out / "treaty.html").read_text(encoding="utf-8"))


# --- reviewer work in every output ----------------------------------------------------------------


def test_html_shows_decisions_notes_confirmed_flags_edits_reviewer_and_date(out: Path) -> None:
    doc = _doc(out)
    review = doc.find_class("review")[0].text_content()
    assert "aysel" in review and "2026-11-30T10:20:00Z" in review
    assert "2 links accepted, 1 rejected" in review and "1 flag confirmed" in review
    assert "2 notes" in review and "1 edited sentence" in review

    row0 = doc.get_element_by_id("link-4")
    assert "accepted" in row0.find_class("badge")[0].text_content()
    assert "corrected west → east" in row0.find_class("note")[0].text_content()
    assert "aysel" in row0.find_class("who")[0].text_content()
    # The edit: the original struck through, the correction beside it, both in the summary's language.
    cell = row0.find_class("target")[0]
    assert cell.get("lang") == "az"
    assert "qərb paytaxtına" in cell.xpath(".//del")[0].text_content()
    assert "şərq paytaxtına" in cell.xpath(".//ins")[0].text_content()
    assert "edited" in row0.get("data-statuses").split()

    confirmed = doc.get_element_by_id("link-22")
    assert "confirmed" in confirmed.get("class").split()  # the row stands out
    li = doc.get_element_by_id("f22-0")
    assert li.get("data-status") == "confirmed" and "confirmed" in li.get("class")
    # Confirmed errors stay counted: the summary's confirmed line and totals include it.
    confirmed_row = doc.xpath('//tr[@class="confirmed-total"]/td/text()')
    assert confirmed_row == ["1", "0", "0", "1"]
    totals = doc.xpath('//table[@class="summary"]//tr[@class="total"]/td/text()')
    assert totals == ["2", "2", "0", "4"]  # dismissed flags left out
    rejected = doc.get_element_by_id("link-10")
    assert "rejected" in rejected.find_class("badge")[0].text_content()


def test_csv_rows_carry_the_review_and_a_bom_variant_opens_in_excel(
    out: Path, reviewed_alignment: Alignment
) -> None:
    raw = (out / "treaty.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert tuple(rows[0]) == FLAG_COLUMNS
    by_link: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_link.setdefault(r["link"], []).append(r)
    # A link with a decision and a note but no flags still gets its row.
    (rejected,) = by_link["10"]
    assert (rejected["kind"], rejected["link_status"], rejected["note"]) == ("", "rejected", "wrong sentence")
    assert rejected["reviewed_by"] == "aysel" and rejected["reviewed_at"] == "2026-11-30T10:17:00Z"
    opposite = next(r for r in by_link["22"] if r["kind"] == "opposite")
    assert (opposite["status"], opposite["score"], opposite["link_status"]) == (
        "confirmed",
        "0.71",
        "accepted",
    )
    edited = by_link["4"][0]
    assert "şərq" in edited["target"] and "qərb" in edited["target_original"]
    assert edited["source_original"] == ""  # nothing changed on that side
    assert set(by_link) == {"4", "10", "22", "23", "40"}  # untouched, unflagged links stay out

    write_document_report(reviewed_alignment, out, "excel", formats=("csv",), csv_bom=True)
    data = (out / "excel.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    first = next(iter(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))))
    assert first["doc"] == "excel"


def test_json_has_link_records_and_review_summary(out: Path) -> None:
    data = json.loads((out / "treaty.json").read_text(encoding="utf-8"))
    assert data["generated"] == "2026-12-01 09:00 UTC"
    review = data["summary"]["review"]
    assert review == {
        "reviewers": ["aysel"],
        "last_reviewed_at": "2026-11-30T10:20:00Z",
        "accepted": 2,
        "rejected": 1,
        "notes": 2,
        "edited_sentences": 1,
    }
    assert data["summary"]["confirmed_by_severity"] == {"major": 1, "minor": 0, "info": 0}
    assert all(f["kind"] for f in data["flags"])  # only real flags here; review work is in "links"
    links = {rec["link"]: rec for rec in data["links"]}
    assert len(links) == 48
    assert links[4]["note"] == "corrected west → east in the summary"
    assert links[4]["target_original"].endswith("qərb paytaxtına gəldi.")
    assert links[22]["flags"] == {"open": 0, "confirmed": 1, "dismissed": 1}


def test_xlsx_has_status_score_note_and_empty_response_columns(out: Path) -> None:
    with zipfile.ZipFile(out / "treaty.xlsx") as zf:
        strings = [
            "".join(si.itertext())
            for si in lxml.etree.fromstring(zf.read("xl/sharedStrings.xml")).iter(
                "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}si"
            )
        ]
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
        summary = zf.read("xl/worksheets/sheet2.xml").decode()
    for column in ("score", "status", "link_status", "note", "reviewed_by", *RESPONSE_COLUMNS):
        assert column in strings
    assert "wrong sentence" in strings and "confirmed" in strings and "aysel" in strings
    assert "<dataValidation" in sheet and "not an error" in sheet  # the translator picks a response
    assert "<f>" not in sheet
    assert strings.index("edited sentences") >= 0 and "<c" in summary


# --- triage ----------------------------------------------------------------------------------------


def test_flagged_links_come_first_and_unaligned_rows_fold(out: Path) -> None:
    doc = _doc(out)
    main_rows = doc.xpath('//table[@id="links-table"]/tbody/tr')
    ids = [int(r.get("data-link")) for r in main_rows]
    # majors first (link order among them), then minors, then aligned links without counted flags
    assert ids[:4] == [22, 40, 23, 4]
    assert ids[4:] == [10]
    folded = doc.xpath('//details[contains(@class, "unaligned")]')
    assert len(folded) == 1 and folded[0].get("open") is None
    assert len(folded[0].xpath(".//tr[contains(@class, 'link')]")) == 43
    assert "43 rows" in folded[0].find("summary").text_content()


def test_filters_are_radios_with_css_rules_so_they_work_without_javascript(out: Path) -> None:
    doc = _doc(out)
    form = doc.get_element_by_id("triage")
    names = {i.get("name") for i in form.iter("input")}
    assert names == {"sev", "kind", "status", "band"}
    assert form.xpath('.//input[@id="flt-status-confirmed"]') and form.xpath(
        './/input[@id="flt-kind-opposite"]'
    )
    css = "".join(doc.xpath("//style/text()"))
    assert 'body:has(#flt-sev-major:checked) tr.link:not([data-sevs~="major"]){display:none}' in css
    assert 'body:has(#flt-status-noted:checked) tr.link:not([data-statuses~="noted"]){display:none}' in css
    # The sort control needs the script, so it is hidden until the script shows it.
    assert form.xpath('.//label[contains(@class, "js-only")]')[0].get("hidden") is not None
    row = doc.get_element_by_id("link-22")
    assert row.get("data-sevs") == "major" and row.get("data-kinds") == "number opposite"
    assert row.get("data-statuses") == "confirmed dismissed accepted"
    assert row.get("data-band") == "medium" and row.get("data-rank") == "0"


def test_flags_grouped_by_check_link_back_to_rows(out: Path) -> None:
    doc = _doc(out)
    group = doc.get_element_by_id("check-opposite")
    rows = group.xpath(".//tbody/tr")
    assert [r.xpath(".//a/@href")[0] for r in rows] == ["#link-22", "#link-40"]
    assert rows[0].get("class") == "confirmed"
    assert group.xpath(".//tbody/tr/td[@lang='az']")  # excerpts carry their language


def test_majors_listed_first_with_links(out: Path) -> None:
    box = _doc(out).find_class("majors")[0]
    assert "2 major flags" in box.text_content()
    assert box.xpath(".//a/@href") == ["#link-22", "#link-40"]
    assert "confirmed" in box.xpath(".//li")[0].text_content()


# --- map -------------------------------------------------------------------------------------------


def test_map_draws_each_sentence_where_it_is_with_numbered_axes(reviewed_alignment: Alignment) -> None:
    from dataclasses import replace

    from bitext.model import Link

    # One link of three non-adjacent article sentences (11, 24, 45) summarised by one sentence.
    links = [lk for lk in reviewed_alignment.links if lk.id not in (11, 24, 45)]
    spread = Link(99, (11, 24, 45), (1,), 0.5)
    svg = lxml.etree.fromstring(alignment_svg(replace(reviewed_alignment, links=(*links, spread))))
    ns = {"s": "http://www.w3.org/2000/svg"}
    (group,) = svg.xpath("//s:a[@href='#link-99']", namespaces=ns)
    xs = sorted(float(r.get("x")) for r in group.xpath("s:rect", namespaces=ns))
    assert len(xs) == 3 and xs[1] - xs[0] > 50 and xs[2] - xs[1] > 50  # three cells, not one bar
    assert all(float(r.get("width")) < 10 for r in group.xpath("s:rect", namespaces=ns))
    labels = [t.text for t in svg.xpath("//s:text", namespaces=ns)]
    assert {"0", "10", "20", "30", "40"} <= set(labels)
    # Majors: a ring of radius 7 whatever the document length, drawn after (above) everything else.
    majors = svg.xpath("//s:a[s:circle[@class='major-ring']]/@href", namespaces=ns)
    assert majors == ["#link-40", "#link-22"] or sorted(majors) == ["#link-22", "#link-40"]
    last = svg.xpath("//s:a", namespaces=ns)[-1]
    assert last.get("href") in majors


@pytest.mark.parametrize(("n", "step"), [(5, 1), (34, 5), (147, 20), (1000, 200), (9, 2)])
def test_tick_step_is_round(n: int, step: int) -> None:
    assert tick_step(n) == step


# --- accessibility ---------------------------------------------------------------------------------


def test_colours_reach_wcag_aa() -> None:
    for colour in (*SEVERITY_COLOURS.values(), CONFIRMED_COLOUR, DISMISSED_COLOUR, MUTED_COLOUR):
        assert contrast(colour, "#ffffff") >= 4.5, colour  # white badge text, or text on white
        assert contrast(colour, "#f4f4f4") >= 4.5, colour  # on the header grey
    assert contrast(NO_FLAG_COLOUR, "#fafafa") >= 3  # a graphic on the map's background


def test_lang_attributes_and_print_stylesheet(out: Path) -> None:
    doc = _doc(out)
    assert doc.get("lang") == "en"
    for side, lang in (("source", "en"), ("target", "az")):
        cells = doc.xpath(f"//td[contains(@class, '{side}')][span[@class='sent']]")
        assert cells and {c.get("lang") for c in cells} == {lang}
    css = "".join(doc.xpath("//style/text()"))
    print_css = css[css.index("@media print") :]
    assert "form.triage" in print_css and "display:none" in print_css


# --- index -----------------------------------------------------------------------------------------


def test_index_has_date_file_links_counts_and_fits(tmp_path: Path, reviewed_alignment: Alignment) -> None:
    def align(doc: DocumentInput) -> Alignment:
        return reviewed_alignment

    docs = [DocumentInput("treaty", (Path("treaty.md"),), "single")]
    result = run_batch(docs, tmp_path, align=align, fail_on="major", generated="2026-12-01 09:00 UTC")
    html = result.index.read_text(encoding="utf-8")
    doc = lxml.html.fromstring(html)
    counts = doc.find_class("counts")[0].text_content()
    assert "1 document ·" in counts and "generated 2026-12-01 09:00 UTC" in counts
    assert "(1 confirmed)" in counts
    row = doc.xpath("//tr[@data-doc='treaty']")[0]
    assert row.xpath(".//td[@class='files']//a/@href") == [
        f"treaty.{x}" for x in ("html", "csv", "json", "xlsx")
    ]
    assert "opposite 2" in row.find_class("kinds")[0].text_content()
    assert doc.xpath("//div[@class='scroll']/table[@class='index']")  # wide tables scroll, the page does not
    assert result.exit_code == 1
    assert result.reasons() == ["treaty: 2 major (1 confirmed)"]
    with (tmp_path / "index.csv").open(encoding="utf-8", newline="") as fh:
        (line,) = list(csv.DictReader(fh))
    assert (line["confirmed"], line["notes"], line["reviewed_by"]) == ("1", "2", "aysel")
    assert re.search(r"\bdocuments\b", html) is None  # one document is not "1 documents"
