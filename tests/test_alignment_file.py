from __future__ import annotations

import json
from pathlib import Path

import pytest

from bitext import alignment_file
from bitext.atomic import atomic_open
from bitext.errors import FormatError, InputError
from bitext.model import Alignment


def test_round_trip_keeps_everything(tmp_path: Path, small_alignment: Alignment) -> None:
    path = tmp_path / "a.json"
    alignment_file.save(small_alignment, path)
    again = alignment_file.load(path)
    assert again == small_alignment
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "bitext-alignment" and data["version"] == 1
    assert data["signature"]["text"].startswith("bitext:0.1.0|model:test-model")
    assert data["links"][2]["flags"][0]["target_excerpt"] == "cənub"
    # Azerbaijani letters are written as themselves, not \\u escapes.
    assert "ə" in path.read_text(encoding="utf-8")


def test_flag_spans_point_at_excerpts(small_alignment: Alignment) -> None:
    link = small_alignment.links[2]
    flag = link.flags[0]
    assert flag.source_span and flag.target_span
    assert small_alignment.source_text(link)[slice(*flag.source_span)] == flag.source_excerpt
    assert small_alignment.target_text(link)[slice(*flag.target_span)] == flag.target_excerpt


def test_other_version_is_refused(tmp_path: Path, small_alignment: Alignment) -> None:
    data = alignment_file.to_dict(small_alignment)
    data["version"] = 99
    path = tmp_path / "v99.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FormatError, match="version 99"):
        alignment_file.load(path)


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"format": "bitext-alignment", "version": 1, ', "not valid JSON"),
        ("[1, 2, 3]", "top level"),
        ('{"format": "something-else", "version": 1}', "format"),
    ],
)
def test_broken_files_give_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError, match=message) as info:
        alignment_file.load(path)
    assert "\n" not in str(info.value)


def test_link_naming_a_missing_sentence_is_refused(tmp_path: Path, small_alignment: Alignment) -> None:
    data = alignment_file.to_dict(small_alignment)
    data["links"][0]["target"] = [7]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FormatError, match="target sentence 7"):
        alignment_file.load(path)


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        alignment_file.load(tmp_path / "nope.json")
    with pytest.raises(InputError, match="directory"):
        alignment_file.load(tmp_path)


def test_failed_write_leaves_existing_file_whole(tmp_path: Path, small_alignment: Alignment) -> None:
    path = tmp_path / "a.json"
    alignment_file.save(small_alignment, path)
    before = path.read_bytes()
    with pytest.raises(RuntimeError), atomic_open(path) as fh:
        fh.write('{"format": "bitext-alignment", "ver')
        raise RuntimeError("disk full halfway")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]  # no temporary file left behind


def test_unwritable_location_is_an_input_error(tmp_path: Path, small_alignment: Alignment) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="cannot write"):
        alignment_file.save(small_alignment, blocker / "sub" / "a.json")
