"""`bitext report` in CI: a document that could not be processed fails the run (exit 2), unless
--keep-going says such failures are expected; then they are counted and the flags decide."""

from __future__ import annotations

from pathlib import Path

import pytest

from bitext import alignment_file
from bitext.tui.samples import translation_sample
from hostile.hostile_support import one_line_error, run


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    alignment_file.save(translation_sample(), docs / "good.json")
    (docs / "broken.json").write_text('{"format": "bitext-alignment", "version": 1, "links": "12"}')
    return docs


@pytest.mark.model
@pytest.mark.usefixtures("encoder")
def test_a_failed_document_fails_the_run(folder: Path, tmp_path: Path) -> None:
    code, _, err = run("report", str(folder), "--out", str(tmp_path / "r"), "--fail-on", "major")
    line = one_line_error(code, err, "1 of 2 documents failed", "broken", "--keep-going")
    assert "index" in line


@pytest.mark.model
@pytest.mark.usefixtures("encoder")
def test_keep_going_counts_the_failure_and_the_flags_decide(folder: Path, tmp_path: Path) -> None:
    code, _, err = run(
        "report", str(folder), "--out", str(tmp_path / "r"), "--fail-on", "minor", "--keep-going"
    )
    assert code == 1  # the good document has a flag of at least minor severity (1901 / 1910)
    assert "1 of 2 documents failed (--keep-going" in err
    assert "bitext: error:" not in err
    assert "broken" in (tmp_path / "r" / "index.csv").read_text(encoding="utf-8")
