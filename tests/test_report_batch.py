"""Batch reports: finding inputs, one failing document not stopping the rest, the index, CI exit codes."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Literal

import lxml.html
import pytest

from bitext import alignment_file
from bitext.errors import FormatError, InputError
from bitext.model import Alignment, Flag, Link, Sentence, Severity, Side, Signature
from bitext.report import DocumentInput, collect_inputs, run_batch, write_index

SIG = Signature(bitext="0.1.0", model="m", segmenter="s", mode="summary")


def _alignment(flags: list[tuple[str, Severity, str]]) -> Alignment:
    """Two sentences a side, one 1-1 link per sentence; flags as (kind, severity, status) on link 0."""
    en = ("Baku lies on the Caspian Sea.", "Oil was found in 1871.")
    az = ("Bakı Xəzər dənizinin sahilindədir.", "Neft 1872-ci ildə tapıldı.")
    src = Side("en", "a.en.txt", tuple(Sentence(i, t, 0, len(t)) for i, t in enumerate(en)))
    tgt = Side("az", "a.az.txt", tuple(Sentence(i, t, 0, len(t)) for i, t in enumerate(az)))
    made = tuple(
        Flag(kind, sev, "1871", "1872", (12, 16), (5, 9), f"{kind} differs", status)  # type: ignore[arg-type]
        for kind, sev, status in flags
    )
    links = (Link(0, (1,), (1,), 0.8, flags=made), Link(1, (0,), (0,), 0.9))
    return Alignment(src, tgt, links, SIG)


def _touch(path: Path, text: str = "Salam. Hello.") -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_collect_inputs_pairs_singles_and_alignments(tmp_path: Path) -> None:
    _touch(tmp_path / "article.en.txt", "A long English article. " * 20)
    _touch(tmp_path / "article.az.txt", "Qısa xülasə.")
    _touch(tmp_path / "law.src")
    _touch(tmp_path / "law.tgt")
    _touch(tmp_path / "mixed.md")
    _touch(tmp_path / "diary.old.txt")  # a lone "tag" is no pair
    _touch(tmp_path / "notes.json", '{"format": "something-else"}')
    _touch(tmp_path / "image.png")
    alignment_file.save(_alignment([]), tmp_path / "done.json")
    docs = {d.name: d for d in collect_inputs([tmp_path])}
    assert set(docs) == {"article", "law", "mixed", "diary.old", "done"}
    article = docs["article"]
    # the longer file (the article) is the source of its summary
    assert (article.kind, article.paths, article.langs) == (
        "pair",
        (tmp_path / "article.en.txt", tmp_path / "article.az.txt"),
        ("en", "az"),
    )
    assert docs["law"].paths == (tmp_path / "law.src", tmp_path / "law.tgt")
    assert (docs["mixed"].kind, docs["diary.old"].kind, docs["done"].kind) == (
        "single",
        "single",
        "alignment",
    )


def test_collect_inputs_names_are_unique_and_errors(tmp_path: Path) -> None:
    a = _touch(tmp_path / "x.md")
    b = _touch(tmp_path / "x.txt")
    c = _touch(tmp_path / "index.md")
    docs = collect_inputs([a, b, c, a, tmp_path])  # repeats and the folder holding them add nothing
    assert [d.name for d in docs] == ["x", "x-2", "index-2"]
    with pytest.raises(InputError, match="no such file"):
        collect_inputs([tmp_path / "missing.txt"])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match=r"no \.md, \.txt"):
        collect_inputs([empty])


def _inputs(*names: str) -> list[DocumentInput]:
    return [DocumentInput(n, (Path(f"/in/{n}.md"),), "single") for n in names]


ALIGNMENTS = {
    "clean": _alignment([]),
    "minor": _alignment([("date", "minor", "open"), ("number", "major", "dismissed")]),
    "major": _alignment([("number", "major", "open"), ("name", "info", "open")]),
}


def _align(doc: DocumentInput) -> Alignment:
    if doc.name == "broken":
        raise FormatError("broken.json is not valid JSON (line 1, column 1: Expecting value)")
    return ALIGNMENTS[doc.name]


def test_failing_document_is_recorded_and_others_written(tmp_path: Path) -> None:
    result = run_batch(
        _inputs("clean", "broken", "major"), tmp_path, align=_align, fail_on=None, progress=False
    )
    assert result.exit_code == 2  # a document went unchecked: a CI job must not pass
    assert [s.name for s in result.failed] == ["broken"]
    for name in ("clean", "major"):
        assert all((tmp_path / f"{name}.{ext}").exists() for ext in ("html", "csv", "json", "xlsx"))
    assert not (tmp_path / "broken.html").exists()

    doc = lxml.html.fromstring(result.index.read_text(encoding="utf-8"))
    rows = {tr.get("data-doc"): tr for tr in doc.xpath("//table[@class='index']/tbody/tr")}
    assert list(rows) == ["clean", "broken", "major"]
    assert "not valid JSON" in rows["broken"].text_content() and "error" in rows["broken"].get("class")
    assert rows["major"].xpath(".//a/@href") == [
        "major.html",
        *(f"major.{x}" for x in ("html", "csv", "json", "xlsx")),
    ]
    assert rows["broken"].xpath(".//a") == []
    assert SIG.text() in doc.find_class("signature")[0].text_content()

    with (tmp_path / "index.csv").open(encoding="utf-8", newline="") as fh:
        table = {r["doc"]: r for r in csv.DictReader(fh)}
    assert (table["major"]["major"], table["major"]["info"], table["major"]["kind:number"]) == ("1", "1", "1")
    assert table["clean"]["major"] == "0" and table["clean"]["links"] == "2"
    assert table["broken"]["error"].startswith("broken.json is not valid JSON")
    index = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    assert [d["error"] is None for d in index["documents"]] == [True, False, True]


def test_dismissed_flags_do_not_count(tmp_path: Path) -> None:
    result = run_batch(_inputs("minor"), tmp_path, align=_align, fail_on="major", progress=False)
    summary = result.summaries[0]
    assert summary.by_severity == {"major": 0, "minor": 1, "info": 0}
    assert summary.dismissed == 1
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("names", "fail_on", "code"),
    [
        (("clean", "minor", "major"), None, 0),
        (("clean", "minor"), "major", 0),
        (("clean", "minor"), "minor", 1),
        (("clean", "major"), "major", 1),
        (("clean", "major"), "minor", 1),  # major reaches a minor threshold
        (("clean", "broken"), "minor", 2),  # a failed document fails the run
        (("clean", "broken"), None, 2),
    ],
)
def test_fail_on_exit_codes(tmp_path: Path, names: tuple[str, ...], fail_on: str | None, code: int) -> None:
    result = run_batch(_inputs(*names), tmp_path, align=_align, fail_on=fail_on, progress=False)  # type: ignore[arg-type]
    assert result.exit_code == code


@pytest.mark.parametrize(
    ("names", "fail_on", "code"), [(("clean", "broken"), "minor", 0), (("major", "broken"), "major", 1)]
)
def test_keep_going_counts_failures_and_flags_decide(
    tmp_path: Path, names: tuple[str, ...], fail_on: Literal["major", "minor"], code: int
) -> None:
    result = run_batch(
        _inputs(*names), tmp_path, align=_align, fail_on=fail_on, progress=False, keep_going=True
    )
    assert result.exit_code == code
    assert [s.name for s in result.failed] == ["broken"]


def test_unwritable_output_folder(tmp_path: Path) -> None:
    blocker = _touch(tmp_path / "not-a-folder")
    with pytest.raises(InputError) as info:
        run_batch(_inputs("clean"), blocker / "out", align=_align, fail_on=None, progress=False)
    assert "cannot write reports to" in str(info.value) and "\n" not in str(info.value)


def test_reports_never_overwrite_inputs(tmp_path: Path) -> None:
    path = tmp_path / "done.json"
    alignment_file.save(_alignment([]), path)
    docs = collect_inputs([path])
    with pytest.raises(InputError, match="would overwrite an input"):
        run_batch(
            docs, tmp_path, align=lambda d: alignment_file.load(d.paths[0]), fail_on=None, progress=False
        )
    assert alignment_file.load(path).signature == SIG


def test_progress_bar_and_bugs_propagate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_batch(_inputs("clean", "broken"), tmp_path, align=_align, fail_on=None, progress=True)
    assert len(result.summaries) == 2
    assert "broken" in capsys.readouterr().err

    def buggy(doc: DocumentInput) -> Alignment:
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        run_batch(_inputs("clean"), tmp_path / "b", align=buggy, fail_on=None, progress=False)


def test_write_index_alone(tmp_path: Path) -> None:
    path = write_index([], tmp_path, "sig|x")
    assert path == tmp_path / "index.html"
    assert json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))["documents"] == []


def test_documents_are_grouped_evenly_for_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bitext import report_run

    sizes = [9000, 7000, 6000, 5000, 4000, 3000, 2000, 1000, 500]
    docs = [
        DocumentInput(f"doc{k}", (_touch(tmp_path / f"doc{k}.md", "x" * size),), "single")
        for k, size in enumerate(sizes)
    ]
    groups = report_run.group_documents(docs, 2)
    loads = [sum(sizes[int(d.name[3:])] for d in group) for group in groups]
    assert sorted(d.name for group in groups for d in group) == sorted(d.name for d in docs)
    assert len(groups) == 4  # two rounds for each of the two workers: they finish together
    assert max(loads) - min(loads) <= max(sizes) // 2  # near-equal shares, not 9000 beside 500
    assert loads == sorted(loads, reverse=True)  # the largest group first
    assert [[d.name for d in g] for g in report_run.group_documents(docs, 1)] == [[d.name for d in docs]]
    # past GROUP_BYTES of input, more groups: memory stays bounded however large the batch
    monkeypatch.setattr(report_run, "GROUP_BYTES", 8000)
    assert len(report_run.group_documents(docs, 1)) == 5  # 37,500 bytes in groups of about 8,000
    assert len(report_run.group_documents(docs, 2)) == 6  # a multiple of the workers
    assert len(report_run.group_documents(docs[:1], 2)) == 1  # no more groups than documents
