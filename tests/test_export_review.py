"""The reviewer's work reaches the interchange files, where CAT tools read it.

A review made through the session (accept, note, confirm, dismiss, edit) is exported as TMX 1.4b and
XLIFF 1.2/2.1: the edited text is what the file holds, the text as read goes into a prop or note, and
who decided when, the decision and every flag's status are said in notes and props. The files stay
valid (TMX DTD) and readable by translate-toolkit; a TMX comes back through import with nothing lost.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from bitext import alignment_file
from bitext.checks import run_checks
from bitext.formats import export
from bitext.formats.review_notes import REVIEW_HEADING
from bitext.formats.tmx import read_tmx
from bitext.formats.xliff import NS2, read_xliff
from bitext.model import Alignment
from bitext.review import ReviewSession
from conftest import SHARED

FIXED = "1901-ci ildə region dünya neftinin yarısından çoxunu istehsal edirdi."
WRONG = "1910-cu ildə region dünya neftinin yarısından çoxunu istehsal edirdi."
WHEN = "2026-12-01T10:00:00Z"


def _open(path: Path) -> ReviewSession:
    session = ReviewSession.open(path)
    session.reviewer = "aysel"
    session.clock = lambda: WHEN
    return session


@pytest.fixture
def reviewed(tfile: Path) -> Alignment:
    """The Caspian sample after a review: one edit with a note, one confirmed error, one false alarm."""
    with _open(tfile) as s:
        s.edit(4, "target", 4, FIXED)
        s.note(4, "year corrected")
        s.accept(4)
        s.confirm_flag(2, 0)  # the opposite: a real error
        s.dismiss_flag(7, 0)  # the name: a false alarm
    return alignment_file.load(tfile)


def _units(path: Path) -> dict[str, etree._Element]:
    root = etree.parse(str(path)).getroot()
    return {tu.get("tuid"): tu for tu in root.iter("tu")}


def _notes(el: etree._Element) -> list[str]:
    return [n.text or "" for n in el if etree.QName(n).localname == "note"]


def _props(tu: etree._Element) -> dict[str, str]:
    return {p.get("type"): p.text or "" for p in tu.iter("prop")}


def test_tmx_carries_decisions_notes_edits_and_flag_statuses(reviewed: Alignment, tmp_path: Path) -> None:
    out = tmp_path / "reviewed.tmx"
    export("tmx", reviewed, out, include=["errors"])
    dtd_path = SHARED / "eval" / "tmx" / "tmx14.dtd"
    if not dtd_path.exists():
        pytest.skip(f"{dtd_path} is not here (../shared/eval/tmx)")
    dtd = etree.DTD(str(dtd_path))
    assert dtd.validate(etree.parse(str(out))), dtd.error_log.filter_from_errors()
    units = _units(out)
    edited = units["4"]
    assert edited.findall("tuv")[1].findtext("seg") == FIXED  # the correction is what a CAT tool reuses
    assert (edited.get("changeid"), edited.get("changedate")) == ("aysel", "20261201T100000Z")
    props = _props(edited)
    assert (props["x-status"], props["x-reviewer"], props["x-reviewed"]) == ("accepted", "aysel", WHEN)
    assert props["x-original-target"] == WRONG and "x-original-source" not in props
    own, review = _notes(edited)
    assert own == "year corrected"
    assert review.splitlines()[0] == REVIEW_HEADING
    assert f"- accepted by aysel, {WHEN}" in review.splitlines()
    assert f"- target edited; it read: {WRONG}" in review.splitlines()
    # the confirmed error (asked for) and the dismissed false alarm say so, with their kind
    assert any(
        line.startswith("- confirmed opposite (major): ") for line in _notes(units["2"])[0].splitlines()
    )
    assert any(line.startswith("- dismissed name (info): ") for line in _notes(units["7"])[0].splitlines())
    # a unit nobody touched carries no review note and no reviewer
    assert _notes(units["0"]) == [] and units["0"].get("changeid") is None


def test_tmx_review_comes_back_through_import_and_is_not_doubled(reviewed: Alignment, tmp_path: Path) -> None:
    out = tmp_path / "reviewed.tmx"
    export("tmx", reviewed, out, include=["errors"])
    back, _ = read_tmx(out)
    link = next(k for k in back.links if back.target.sentences[k.target[0]].text == FIXED)
    sentence = back.target.sentences[link.target[0]]
    assert (sentence.text, sentence.original) == (FIXED, WRONG)
    assert (link.note, link.status, link.reviewed_by, link.reviewed_at) == (
        "year corrected",
        "accepted",
        "aysel",
        WHEN,
    )
    statuses = sorted(f.status for k in back.links for f in k.flags)
    assert statuses.count("confirmed") == 1 and statuses.count("dismissed") == 1
    again = tmp_path / "again.tmx"
    export("tmx", back, again, include=["errors"])
    notes = _notes(_units(again)["4"])
    assert notes[0] == "year corrected" and sum(n.startswith(REVIEW_HEADING) for n in notes) == 1


def test_translate_toolkit_reads_the_review_from_a_tmx(reviewed: Alignment, tmp_path: Path) -> None:
    tt_tmx = pytest.importorskip("translate.storage.tmx")
    out = tmp_path / "reviewed.tmx"
    export("tmx", reviewed, out)
    with out.open("rb") as fh:
        store = tt_tmx.tmxfile(fh, sourcelanguage="en", targetlanguage="az")
    unit = next(u for u in store.units if u.getid() == "4")
    assert unit.target == FIXED
    assert "year corrected" in unit.getnotes() and f"it read: {WRONG}" in unit.getnotes()


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_new_xliff_carries_the_review(reviewed: Alignment, tmp_path: Path, version: str) -> None:
    out = tmp_path / "reviewed.xlf"
    export("xliff", reviewed, out)  # the registry's call: version 2.1
    if version == "1.2":
        from bitext.formats.xliff import export_xliff

        export_xliff(reviewed, out, version="1.2")
    text = out.read_text(encoding="utf-8")
    assert FIXED in text and "year corrected" in text
    assert f"target edited; it read: {WRONG}" in text
    assert "[bitext opposite, major, confirmed]" in text  # a confirmed error stands out
    assert "dismissed name (info)" in text  # a false alarm is not sent as a flag, but the decision is said
    back, _ = read_xliff(out)
    assert FIXED in [back.target_text(k) for k in back.links]


def test_translate_toolkit_reads_the_review_from_new_xliff(reviewed: Alignment, tmp_path: Path) -> None:
    tt1 = pytest.importorskip("translate.storage.xliff")
    from bitext.formats.xliff import export_xliff

    out = tmp_path / "one.xlf"
    export_xliff(reviewed, out, version="1.2")
    store = tt1.xlifffile.parsefile(str(out))
    unit = next(u for u in store.units if u.target == FIXED)
    assert "year corrected" in unit.getnotes() and "accepted by aysel" in unit.getnotes()


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        ("units-2.1.xlf", "Cela prend 50 minutes.", "Cela prend 15 minutes."),
        ("okapi-1.2.xlf", "Version \U000f0000 erschien 2019.", "Version \U000f0000 erschien im Jahr 2019."),
    ],
)
def test_xliff_written_back_holds_the_edit_and_the_review(
    tmp_path: Path, name: str, before: str, after: str
) -> None:
    path = tmp_path / name
    shutil.copy(Path(__file__).parent / "fixtures" / "xliff" / name, path)
    saved = tmp_path / "a.json"
    alignment_file.save(run_checks(read_xliff(path)[0]), saved)
    with _open(saved) as s:
        link = next(k for k in s.alignment.links if s.alignment.target_text(k) == before)
        s.edit(link.id, "target", link.target[0], after)
        s.note(link.id, "checked with the client")
        s.accept(link.id)
    out = tmp_path / "out.xlf"
    export("xliff", alignment_file.load(saved), out)
    back, _ = read_xliff(out)
    targets = [back.target_text(k) for k in back.links]
    assert after in targets and before not in targets  # the edit is in the file, codes kept
    text = out.read_text(encoding="utf-8")
    assert "checked with the client" in text and "accepted by aysel" in text
    assert f"target edited; it read: {before.replace(chr(0xF0000), '')}" not in text or name.startswith(
        "units"
    )
    if name.startswith("units"):
        segment = next(
            seg
            for seg in etree.parse(str(out)).getroot().iter(f"{{{NS2}}}segment")
            if "15" in "".join(seg.find(f"{{{NS2}}}target").itertext())
        )
        assert segment.get("state") == "reviewed"


def test_tsv_carries_the_review_in_columns(reviewed: Alignment, tmp_path: Path) -> None:
    import csv

    out = tmp_path / "pairs.tsv"
    export("tsv", reviewed, out)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    edited = next(r for r in rows if r["target"] == FIXED)
    assert (edited["status"], edited["note"], edited["reviewed_by"], edited["reviewed_at"]) == (
        "accepted",
        "year corrected",
        "aysel",
        WHEN,
    )
    assert (edited["target_original"], edited["source_original"]) == (WRONG, "")
    assert any(r["flags"].endswith(":confirmed") for r in rows)
    assert any(r["flags"].endswith(":dismissed") for r in rows)


def test_an_accepted_pair_is_reviewed_in_xliff_2_but_a_lone_source_has_no_state(
    small_alignment: Alignment, tmp_path: Path
) -> None:
    from dataclasses import replace

    accepted = small_alignment.with_links([replace(k, status="accepted") for k in small_alignment.links])
    out = tmp_path / "new.xlf"
    export("xliff", accepted, out)
    segments = list(etree.parse(str(out)).getroot().iter(f"{{{NS2}}}segment"))
    states = [(s.get("state"), s.find(f"{{{NS2}}}target") is not None) for s in segments]
    assert states == [
        ("reviewed", True),
        (None, False),
        ("reviewed", True),
    ]  # a state past initial wants a target
