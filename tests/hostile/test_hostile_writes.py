"""Write failures are one line on stderr and exit code 2, in every command: a full disk (a 64 KB tmpfs),
a read-only folder, an output path that is a folder. An existing file is never damaged, and the temporary
files a killed writer leaves behind are cleaned up on the next write."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bitext import alignment_file
from bitext.atomic import atomic_write_text, remove_stale_temporaries
from bitext.errors import InputError
from bitext.model import Alignment
from bitext.tui.samples import synthetic, translation_sample
from hostile.hostile_support import make_readonly, one_line_error, run

EN = (
    "The committee met in Vienna on 3 March 1921. It discussed the new border between the two states. "
    "Most delegates wanted a quick settlement, but the talks lasted another year.\n"
)
AZ = (
    "Komitə 1921-ci il martın 3-də Vyanada toplandı. O, iki dövlət arasındakı yeni sərhədi müzakirə etdi. "
    "Nümayəndələrin çoxu tez razılaşma istəyirdi, lakin danışıqlar daha bir il davam etdi.\n"
)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "caspian.json"
    alignment_file.save(translation_sample(), path)
    return path


@pytest.fixture
def big(tmp_path: Path) -> Path:
    """An alignment file bigger than the small disk."""
    path = tmp_path / "big.json"
    alignment_file.save(synthetic(300), path)
    assert path.stat().st_size > 64 * 1024
    return path


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    en, az = tmp_path / "doc.en.txt", tmp_path / "doc.az.txt"
    en.write_text(EN, encoding="utf-8")
    az.write_text(AZ, encoding="utf-8")
    return en, az


# --- a full disk ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("option", ["--tmx", "--tsv", "--vecalign"])
def test_export_to_a_full_disk(big: Path, full_disk: Path, option: str) -> None:
    code, _, err = run("export", str(big), option, str(full_disk / "out"))
    one_line_error(code, err, "cannot write", "No space left on device")
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]  # no temporary file left


def test_import_to_a_full_disk(big: Path, full_disk: Path, tmp_path: Path) -> None:
    tmx = tmp_path / "big.tmx"
    assert run("export", str(big), "--tmx", str(tmx))[0] == 0
    code, _, err = run("import", str(tmx), "--out", str(full_disk / "big.json"))
    one_line_error(code, err, "cannot write", "No space left on device")


@pytest.mark.model
@pytest.mark.usefixtures("encoder")
def test_align_to_a_full_disk(pair: tuple[Path, Path], full_disk: Path) -> None:
    code, _, err = run("align", *map(str, pair), "--out", str(full_disk / "doc.json"), "-q")
    one_line_error(code, err, "doc.json", "No space left on device")


@pytest.mark.model
@pytest.mark.usefixtures("encoder")
def test_check_writing_to_a_full_disk(big: Path, full_disk: Path) -> None:
    code, _, err = run("check", str(big), "--out", str(full_disk / "checked.json"), "-q")
    one_line_error(code, err, "checked.json", "No space left on device")


@pytest.mark.model
@pytest.mark.usefixtures("encoder")
def test_report_to_a_full_disk(big: Path, full_disk: Path) -> None:
    code, _, err = run("report", str(big), "--out", str(full_disk / "reports"))
    one_line_error(code, err, "No space left on device")


def test_a_full_disk_never_damages_the_existing_file(big: Path, full_disk: Path) -> None:
    os.unlink(full_disk / "filler")
    target = full_disk / "a.json"
    alignment_file.save(translation_sample(), target)
    before = target.read_bytes()
    with pytest.raises(InputError, match="No space left on device"):
        alignment_file.save(alignment_file.load(big), target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in full_disk.iterdir()) == ["a.json"]


# --- a read-only folder ----------------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.usefixtures("encoder")
def test_check_in_place_in_a_read_only_folder(readonly_dir: Path) -> None:
    path = readonly_dir / "caspian.json"
    alignment_file.save(translation_sample(), path)
    make_readonly(readonly_dir)
    code, _, err = run("check", str(path), "-q")
    one_line_error(code, err, "caspian.json", "Read-only file system")


def test_export_into_a_read_only_folder(sample: Path, readonly_dir: Path) -> None:
    make_readonly(readonly_dir)
    code, _, err = run("export", str(sample), "--tmx", str(readonly_dir / "x.tmx"))
    one_line_error(code, err, "x.tmx", "Read-only file system")


def test_report_into_a_read_only_folder(sample: Path, readonly_dir: Path) -> None:
    make_readonly(readonly_dir)
    code, _, err = run("report", str(sample), "--out", str(readonly_dir / "reports"))
    one_line_error(code, err, "reports", "Read-only file system")


# --- an output path that is a folder -----------------------------------------------------------------------


@pytest.mark.parametrize("option", ["--tmx", "--tsv", "--vecalign"])
def test_export_to_a_folder(sample: Path, tmp_path: Path, option: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    code, _, err = run("export", str(sample), option, str(folder))
    one_line_error(code, err, "it is a folder")


def test_import_to_a_folder(sample: Path, tmp_path: Path) -> None:
    tmx = tmp_path / "x.tmx"
    assert run("export", str(sample), "--tmx", str(tmx))[0] == 0
    code, _, err = run("import", str(tmx), "--out", str(tmp_path))
    one_line_error(code, err, "it is a folder")


@pytest.mark.model
@pytest.mark.usefixtures("encoder")
def test_align_out_is_a_folder(pair: tuple[Path, Path], tmp_path: Path) -> None:
    code, _, err = run("align", *map(str, pair), "--out", str(tmp_path), "-q")
    one_line_error(code, err, "it is a folder")


@pytest.mark.model
@pytest.mark.usefixtures("encoder")
def test_check_out_is_a_folder(sample: Path, tmp_path: Path) -> None:
    code, _, err = run("check", str(sample), "--out", str(tmp_path), "-q")
    one_line_error(code, err, "it is a folder")


def test_report_out_is_a_file(sample: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "reports"
    blocker.write_text("not a folder", encoding="utf-8")
    code, _, err = run("report", str(sample), "--out", str(blocker))
    one_line_error(code, err, "reports")


# --- temporary files of a killed writer ---------------------------------------------------------------


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temporaries_of_a_dead_writer_are_removed_on_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "doc.json"
    dead = tmp_path / f".doc.json.{_dead_pid()}.abc123.tmp"
    dead.write_text("half a file", encoding="utf-8")
    live = tmp_path / f".doc.json.{os.getppid()}.def456.tmp"  # our parent is alive: maybe mid-write
    live.write_text("being written", encoding="utf-8")
    other = tmp_path / f".other.json.{_dead_pid()}.xyz.tmp"  # another target's: not ours to judge
    other.write_text("x", encoding="utf-8")
    atomic_write_text(target, "{}")
    assert target.read_text(encoding="utf-8") == "{}"
    assert not dead.exists()
    assert live.exists() and other.exists()


def test_old_temporaries_without_a_pid_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "doc.json"
    old = tmp_path / ".doc.json.k2j4h1.tmp"  # the naming of earlier versions
    old.write_text("x", encoding="utf-8")
    recent = tmp_path / ".doc.json.zz9x8y.tmp"
    recent.write_text("x", encoding="utf-8")
    os.utime(old, (0, 0))
    assert remove_stale_temporaries(target) == [old]
    assert recent.exists()


def test_a_writer_killed_between_fsync_and_rename_leaves_nothing_behind_for_long(
    tmp_path: Path, small_alignment: Alignment
) -> None:
    target = tmp_path / "doc.json"
    script = (
        "import os, sys\n"
        "from bitext import atomic\n"
        "def die(src, dst): os._exit(9)\n"
        "atomic.os.replace = die\n"
        f"atomic.atomic_write_text({str(target)!r}, 'new')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert done.returncode == 9
    assert [p.name.endswith(".tmp") for p in tmp_path.iterdir()] == [True]
    alignment_file.save(small_alignment, target)
    assert [p.name for p in tmp_path.iterdir()] == ["doc.json"]
