"""What the CLI prints and writes: a short summary (the table with --verbose), no hard wrap in a pipe,
a reason line for --fail-on, examples in every --help, file modes that respect the umask, and no folders
created behind the user's back."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from bitext import alignment_file
from bitext.cli import main
from bitext.console import exit_code_for, fail_reason, print_alignment_summary
from bitext.model import Alignment


def _printed(alignment: Alignment, *, verbose: bool = False, terminal: bool = False, width: int = 80) -> str:
    buf = io.StringIO()
    console = Console(
        file=buf, force_terminal=terminal, width=width, highlight=False, soft_wrap=True, color_system=None
    )
    print_alignment_summary(alignment, console, out_path=Path("alignments/doc.json"), verbose=verbose)
    return buf.getvalue()


def test_summary_is_short_and_names_the_worst_flags_and_the_next_step(reviewed_alignment: Alignment) -> None:
    out = _printed(reviewed_alignment)
    lines = out.splitlines()
    assert len(lines) <= 8, out
    assert lines[0].startswith("summary mode: 48 en and 5 az sentences, 5 links")
    assert "flags: 2 major, 2 minor, 0 info (1 confirmed, 2 dismissed)" in out
    assert any("link   22 major opposite confirmed: 'azaldı' means fell" in line for line in lines)
    assert any("link   40 major opposite: a made-up major" in line for line in lines)
    # the worst flags first: every major one, then minor ones while there is room (info with --verbose)
    shown = [line.split()[2] for line in lines if line.startswith("  link ")]
    assert shown == ["major", "major", "minor", "minor"], out
    assert any("name spelt" in line for line in lines)
    assert "next: bitext review alignments/doc.json" in out
    assert "Section 5 of the article" not in out  # no link table


def test_verbose_lists_links_tab_separated_in_a_pipe_and_never_wraps(reviewed_alignment: Alignment) -> None:
    long = "A very long sentence " * 20
    en = reviewed_alignment.source
    sents = list(en.sentences)
    sents[4] = replace(sents[4], text=long.strip())
    alignment = replace(reviewed_alignment, source=replace(en, sentences=tuple(sents)))
    out = _printed(alignment, verbose=True, terminal=False, width=80)
    rows = [line for line in out.splitlines() if line.count("\t") == 5]
    assert len(rows) == 5  # one line per link, however long
    assert rows[0].split("\t")[:4] == ["4", "0.91", "4", "0"] and long.strip() in rows[0]
    assert "name spelt İsmayılov" in out  # every flag with --verbose
    assert "model:test-model|seg:test-seg" in out  # the provenance signature, with --verbose
    for line in out.splitlines():
        assert not line.endswith("A very"), "a line was broken in the middle"


def test_terminal_table_with_verbose(reviewed_alignment: Alignment) -> None:
    out = _printed(reviewed_alignment, verbose=True, terminal=True, width=120)
    assert "┃ link" in out or "link" in out.splitlines()[2]
    assert "Section 4" not in out and "Japanese delegation" in out


def test_fail_on_counts_confirmed_flags_and_says_why(reviewed_alignment: Alignment) -> None:
    assert exit_code_for(reviewed_alignment, "major") == 1
    assert fail_reason(reviewed_alignment, "major") == (
        "2 major (1 confirmed) flags at --fail-on major or worse, in links 22, 40"
    )
    assert fail_reason(reviewed_alignment, "minor") == (
        "2 major (1 confirmed), 2 minor flags at --fail-on minor or worse, in links 22, 23, 40"
    )
    # Only the confirmed major left: it still fails the gate.
    links = [
        replace(lk, flags=tuple(f for f in lk.flags if f.status != "open")) if lk.id == 40 else lk
        for lk in reviewed_alignment.links
    ]
    only_confirmed = reviewed_alignment.with_links(links)
    assert (
        fail_reason(only_confirmed, "major")
        == "1 major (1 confirmed) flag at --fail-on major or worse, in link 22"
    )


@pytest.fixture
def no_recheck(monkeypatch: pytest.MonkeyPatch) -> None:
    """`check` and `report` re-run the checks; these tests are about what is printed, so keep the flags."""
    monkeypatch.setattr("bitext.pipeline.check_alignment", lambda alignment, **kw: alignment)
    monkeypatch.setattr("bitext.report_run.check_alignment", lambda alignment, **kw: alignment)


def test_check_fail_on_prints_the_reason(
    tmp_path: Path, reviewed_alignment: Alignment, no_recheck: None
) -> None:
    path = tmp_path / "doc.json"
    alignment_file.save(reviewed_alignment, path)
    result = CliRunner().invoke(main, ["check", str(path), "--fail-on", "major"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "bitext: failing: 2 major (1 confirmed) flags at --fail-on major or worse, in links 22, 40"
    ]
    assert "next: bitext review" in result.stdout


def test_report_fail_on_says_why_and_where(
    tmp_path: Path, reviewed_alignment: Alignment, no_recheck: None
) -> None:
    path = tmp_path / "doc.json"
    alignment_file.save(reviewed_alignment, path)
    out = tmp_path / "reports"
    result = CliRunner().invoke(
        main, ["report", str(path), "--out", str(out), "--fail-on", "major", "--csv-bom"]
    )
    assert result.exit_code == 1, result.output
    assert f"wrote 1 of 1 reports; open {out / 'index.html'}" in result.stdout
    assert "bitext: failing: doc: 2 major (1 confirmed) (--fail-on major)" in result.stderr
    assert (out / "doc.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("command", ["align", "check", "report", "review", "export", "import"])
def test_every_help_has_examples(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output
    assert f"bitext {command} " in result.output


def test_align_help_says_one_or_two_paths_and_the_glossary_format() -> None:
    out = CliRunner().invoke(main, ["align", "--help"]).output
    assert "DOCUMENT | SOURCE TARGET" in out
    assert "source,target[,note]" in " ".join(out.split())


@pytest.fixture
def umask_027() -> Iterator[None]:
    old = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_outputs_respect_the_umask_and_keep_an_existing_mode(
    tmp_path: Path, small_alignment: Alignment, umask_027: None
) -> None:
    path = tmp_path / "doc.json"
    alignment_file.save(small_alignment, path)
    assert _mode(path) == 0o640  # 0666 less the umask, as open() would make it
    os.chmod(path, 0o644)
    alignment_file.save(small_alignment, path)
    assert _mode(path) == 0o644  # replaced, mode kept
    result = CliRunner().invoke(main, ["export", str(path), "--tmx", str(tmp_path / "doc.tmx")])
    assert result.exit_code == 0, result.output
    assert _mode(tmp_path / "doc.tmx") == 0o640


def test_export_refuses_a_missing_folder(tmp_path: Path, small_alignment: Alignment) -> None:
    path = tmp_path / "doc.json"
    alignment_file.save(small_alignment, path)
    target = tmp_path / "nonexistent" / "dir" / "x.tmx"
    result = CliRunner().invoke(main, ["export", str(path), "--tmx", str(target)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "does not exist" in lines[0] and "Traceback" not in result.stderr
    assert not (tmp_path / "nonexistent").exists()


def test_one_rule_for_where_an_alignment_lives() -> None:
    assert alignment_file.default_path(Path("texts/doc.md")) == Path("alignments/doc.json")
    assert alignment_file.default_path(Path("x/doc.en.txt")) == alignment_file.default_path(
        Path("doc.az.txt")
    )


def test_review_says_what_is_wrong_before_any_screen(
    tmp_path: Path, small_alignment: Alignment, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "bitext-alignment", "version": 1', encoding="utf-8")
    result = CliRunner().invoke(main, ["review", str(bad)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "not valid JSON" in result.stderr

    good = tmp_path / "doc.json"
    alignment_file.save(small_alignment, good)
    monkeypatch.setattr("bitext.cli._writable", lambda folder: False)  # a read-only folder or mount
    result = CliRunner().invoke(main, ["review", str(good)])
    assert result.exit_code == 2 and "not writable" in result.stderr and "--readonly" in result.stderr

    monkeypatch.setattr("bitext.cli._writable", lambda folder: True)
    result = CliRunner().invoke(main, ["review", str(good)])  # CliRunner has no terminal
    assert result.exit_code == 2 and "needs a terminal" in result.stderr
    assert result.stderr.count("\n") == 1
