"""The review engine's newer decisions: editing a sentence, re-checking relinked links, confirming and
grading flags, and stamping who decided when. Every one journaled, undoable and carried into the file and
every export."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bitext import alignment_file
from bitext.formats import export
from bitext.report import write_document_report
from bitext.review import ReviewError, ReviewSession, counts, lock_path

FIXED = "1901-ci ildə region dünya neftinin yarısından çoxunu istehsal edirdi."
WRONG = "1910-cu ildə region dünya neftinin yarısından çoxunu istehsal edirdi."


def _open(path: Path) -> ReviewSession:
    s = ReviewSession.open(path)
    s.reviewer = "aysel"
    s.clock = lambda: "2026-12-01T10:00:00Z"
    return s


def test_edit_changes_the_text_keeps_the_original_and_rechecks_the_link(tfile: Path) -> None:
    s = _open(tfile)
    assert [f.kind for f in s.link(4).flags] == ["date", "number"]
    link = s.edit(4, "target", 4, f"  {FIXED} ")
    sent = s.alignment.target.sentences[4]
    assert (sent.text, sent.original, sent.edited) == (FIXED, WRONG, True)
    # Re-checked on the corrected text: the date now agrees, so the date flag is gone.
    assert "date" not in [f.kind for f in link.flags]
    assert (link.reviewed_by, link.reviewed_at) == ("aysel", "2026-12-01T10:00:00Z")
    assert link.status == "auto"  # an edit is not an accept
    # Journaled: a crash now (no close) loses nothing. (The kernel drops a dead process's lock; a new
    # lock file stands for that.)
    lock_path(tfile).unlink()
    r = ReviewSession.open(tfile)
    assert r.alignment.target.sentences[4].text == FIXED
    assert r.alignment.target.sentences[4].original == WRONG
    # Undo puts the sentence and the flags back.
    assert r.undo() == {"op": "edit", "link": 4, "side": "target", "sentence": 4}
    assert r.alignment.target.sentences[4].text == WRONG and r.alignment.target.sentences[4].original is None
    assert [f.kind for f in r.link(4).flags] == ["date", "number"]
    r.redo()
    r.close()
    # The file keeps both texts; start/end still point at the original in the document.
    saved = alignment_file.load(tfile)
    assert saved.target.sentences[4].text == FIXED and saved.target.sentences[4].original == WRONG


def test_editing_back_to_the_original_clears_it_and_bad_edits_are_refused(tfile: Path) -> None:
    with _open(tfile) as s:
        s.edit(4, "target", 4, FIXED)
        s.edit(4, "target", 4, WRONG)
        assert s.alignment.target.sentences[4].original is None
        with pytest.raises(ReviewError, match="cannot be empty"):
            s.edit(4, "target", 4, "   ")
        with pytest.raises(ReviewError, match="unchanged"):
            s.edit(4, "target", 4, WRONG)
        with pytest.raises(ReviewError, match="not in link 4"):
            s.edit(4, "target", 3, "x")


def test_the_edit_reaches_exports_and_reports(tfile: Path, tmp_path: Path) -> None:
    with _open(tfile) as s:
        s.edit(4, "target", 4, FIXED)
        s.note(4, "year corrected")
    alignment = alignment_file.load(tfile)
    export("tsv", alignment, tmp_path / "pairs.tsv")
    assert FIXED in (tmp_path / "pairs.tsv").read_text(encoding="utf-8")
    write_document_report(alignment, tmp_path, "caspian", formats=("csv",))
    with (tmp_path / "caspian.csv").open(encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["link"] == "4")
    assert (row["target"], row["target_original"], row["note"]) == (FIXED, WRONG, "year corrected")
    assert row["reviewed_by"] == "aysel"


def test_relinking_rechecks_and_never_decides_for_the_reviewer(tfile: Path) -> None:
    with _open(tfile) as s:
        s.accept(4)
        # Detach the target of link 4: the date and number flags had nothing left to compare with.
        changed = s.detach(4, "target", 4)
        assert changed.target == () and changed.flags == ()
        assert changed.status == "accepted"  # the reviewer's verdict stays, no new one is made up
        loose = next(lk for lk in s.alignment.links if lk.target == (4,) and not lk.source)
        assert loose.status == "auto"
        # Attach it to link 3 (auto): re-checked against the new pair, still auto.
        built = s.attach(3, "target", 4)
        assert built.status == "auto"
        assert built.target == (3, 4)
        src, tgt = s.alignment.source_text(built), s.alignment.target_text(built)
        for flag in built.flags:  # whatever the checks say now, each span lies in the new texts
            for span, text, excerpt in (
                (flag.source_span, src, flag.source_excerpt),
                (flag.target_span, tgt, flag.target_excerpt),
            ):
                if span is not None:
                    assert text[span[0] : span[1]] == excerpt
        # The stale 1901/1910 date flag is not carried to a link whose source has no 1901.
        assert not any(f.source_excerpt == "1901" for f in built.flags)


def test_split_points_offer_every_cut(tfile: Path) -> None:
    with _open(tfile) as s:
        merged = s.merge(3)
        assert s.split_points(merged.id) == [(0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (2, 0), (2, 1)]
        first, second = s.split(merged.id, 1, 2)  # the reviewer's choice, not always the last sentence
        assert (first.source, first.target, second.source, second.target) == ((3,), (3, 4), (4,), ())


def test_confirm_and_grade_flags(tfile: Path) -> None:
    with _open(tfile) as s:
        s.confirm_flag(4, 1)  # the second flag, not the first open one
        s.set_severity(4, 0, "minor")
        flags = s.link(4).flags
        assert [(f.kind, f.severity, f.status) for f in flags] == [
            ("date", "minor", "open"),
            ("number", "minor", "confirmed"),
        ]
        assert flags[0].graded and not flags[1].graded  # kept by re-runs of the checks
        c = s.counts()
        assert c.confirmed_flags == 1 and c.open_total == 3  # the confirmed one is no longer open
        with pytest.raises(ReviewError, match="not a severity"):
            s.set_severity(4, 0, "fatal")  # type: ignore[arg-type]
        s.undo()
        assert s.link(4).flags[0].severity == "major"
    assert counts(alignment_file.load(tfile)).confirmed_flags == 1
