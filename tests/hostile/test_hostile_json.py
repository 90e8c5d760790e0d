"""Alignment files (and the JSON inside TMX props) that are valid JSON but not valid data: loose types,
non-finite numbers, lone surrogates, absurd nesting, duplicate link ids. Each is refused on load with one
line, and the JSON Schema that ships with the package says the same as the loader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from bitext import alignment_file
from bitext.errors import FormatError
from bitext.formats.tmx import import_tmx
from bitext.formats.vecalign import parse_vecalign
from bitext.tui.samples import translation_sample
from hostile.hostile_support import one_line_error, run


@pytest.fixture
def data() -> dict[str, Any]:
    return alignment_file.to_dict(translation_sample())


def _load(tmp_path: Path, text: str | bytes) -> str:
    path = tmp_path / "a.json"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    with pytest.raises(FormatError) as info:
        alignment_file.load(path)
    message = str(info.value)
    assert "\n" not in message
    return message


def _set(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    *parents, last = path.split(".")
    node: Any = data
    for key in parents:
        node = node[int(key)] if key.isdigit() else node[key]
    node[int(last) if last.isdigit() else last] = value
    return data


LOOSE = [
    ("links.0.source", "12", "Expected `array`, got `str`"),  # was read as sentences [1, 2]
    ("links.0.source", {"0": 1}, "Expected `array`, got `object`"),
    ("links.0.source", [True], "Expected `int`, got `bool`"),
    ("links.0.target", [-1], ">= 0"),
    ("links.0.id", 1.5, "Expected `int`, got `float`"),
    ("source.sentences.0.text", None, "Expected `str`, got `null`"),  # was the text "None"
    ("source.sentences.0.end", 2**70, "<= 9007199254740991"),
    ("links.0.score", "high", "Expected `float`, got `str`"),
    ("links.0.status", "maybe", "Invalid enum value 'maybe'"),
    ("links.0.flags", [{"kind": "number", "severity": "fatal"}], "Invalid enum value 'fatal'"),
    ("signature.thresholds", {"merge_gain": [1]}, "Expected `float`, got `array`"),
    ("source.lang", "", "length >= 1"),
]


@pytest.mark.parametrize(("where", "value", "says"), LOOSE)
def test_loose_value_types_are_refused(
    tmp_path: Path, data: dict[str, Any], where: str, value: Any, says: str
) -> None:
    message = _load(tmp_path, json.dumps(_set(data, where, value)))
    assert says in message
    assert where.split(".")[0] in message  # says where: `$.links[0].source`


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ('"end": 63', '"end": 1e999', "out of range"),
        ('"score": 0.9', '"score": NaN', "not valid JSON"),
        ('"score": 0.9', '"score": Infinity', "not valid JSON"),
        ('"score": 0.9', '"score": -Infinity', "not valid JSON"),
        ('"score": 0.9', '"score": 1e999', "out of range"),
    ],
)
def test_non_finite_numbers_are_refused(
    tmp_path: Path, data: dict[str, Any], old: str, new: str, says: str
) -> None:
    text = json.dumps(data)
    assert old in text
    assert says in _load(tmp_path, text.replace(old, new, 1))


def test_lone_surrogates_are_refused(tmp_path: Path, data: dict[str, Any]) -> None:
    escaped = json.dumps(data).replace('"text": "', '"text": "\\ud800', 1)  # as an escape
    assert "not valid JSON" in _load(tmp_path, escaped)
    raw = (
        json.dumps(data, ensure_ascii=False)
        .encode("utf-8")
        .replace(b'"text": "', b'"text": "\xed\xa0\x80', 1)
    )
    assert "lone surrogate" in _load(tmp_path, raw)  # as the bytes of one


@pytest.mark.parametrize("depth", [1_000, 200_000])
def test_absurd_nesting_is_refused_before_recursing(tmp_path: Path, depth: int) -> None:
    deep = "[" * depth + "]" * depth
    assert "top level is not an object" in _load(tmp_path, deep)
    inside = '{"format": "bitext-alignment", "version": 1, "x": ' + deep + "}"
    message = _load(tmp_path, inside)
    assert "nested too deeply" in message or "signature" in message
    in_a_field = json.dumps({**alignment_file.to_dict(translation_sample()), "links": "@"}).replace(
        '"@"', deep
    )
    message = _load(tmp_path, in_a_field)
    assert "Expected `object`, got `array`" in message or "nested too deeply" in message


def test_duplicate_link_ids_are_refused(tmp_path: Path, data: dict[str, Any]) -> None:
    data["links"][3]["id"] = data["links"][1]["id"]
    assert f"link id {data['links'][1]['id']} is used twice" in _load(tmp_path, json.dumps(data))


def test_a_link_naming_one_sentence_twice_is_refused(tmp_path: Path, data: dict[str, Any]) -> None:
    data["links"][0]["source"] = [0, 0]
    assert "names a sentence twice" in _load(tmp_path, json.dumps(data))


def test_an_inverted_sentence_is_refused(tmp_path: Path, data: dict[str, Any]) -> None:
    data["source"]["sentences"][0]["start"] = 500
    assert "ends (" in _load(tmp_path, json.dumps(data))


def test_the_cli_says_it_in_one_line(tmp_path: Path, data: dict[str, Any]) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(_set(data, "links.0.source", "12")), encoding="utf-8")
    for command in (["check"], ["export", "--tmx", str(tmp_path / "x.tmx")], ["review"]):
        code, _, err = run(command[0], str(path), *command[1:])
        one_line_error(code, err, "a.json", "links[0].source")


# --- the shipped JSON Schema ------------------------------------------------------------------------------


def _schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(alignment_file.SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


def test_the_shipped_schema_is_the_one_the_loader_uses() -> None:
    assert _schema() == alignment_file.json_schema()  # regenerate: python -m bitext.alignment_file


def test_the_schema_accepts_what_bitext_writes(data: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(_schema())
    jsonschema.validate(json.loads(alignment_file.dumps(translation_sample())), _schema())


@pytest.mark.parametrize(("where", "value", "says"), [c for c in LOOSE if c[0] != "signature.thresholds"])
def test_the_schema_refuses_what_the_loader_refuses(
    tmp_path: Path, data: dict[str, Any], where: str, value: Any, says: str
) -> None:
    bad = _set(data, where, value)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, _schema())


def test_readme_points_at_the_schema() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "src/bitext/data/alignment.schema.json" in readme


# --- JSON and numbers inside other formats -----------------------------------------------------------------


FLAG = '<prop type="x-flag">number; major; x</prop>'


def _tmx(tmp_path: Path, props: str) -> Path:
    path = tmp_path / "x.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" segtype="sentence" '
        'o-tmf="x" adminlang="en" datatype="plaintext" creationtool="t" creationtoolversion="1"/><body>'
        f'<tu tuid="1">{props}<tuv xml:lang="en"><seg>Hello there.</seg></tuv>'
        '<tuv xml:lang="az"><seg>Salam.</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    return path


def test_tmx_flag_detail_nested_100000_deep_is_refused(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    path = _tmx(
        tmp_path, f'<prop type="x-flag">number; major; x</prop><prop type="x-flag-detail">{deep}</prop>'
    )
    with pytest.raises(FormatError, match="x-flag-detail is not valid"):
        import_tmx(path)
    code, _, err = run("import", str(path), "--out", str(tmp_path / "o.json"))
    one_line_error(code, err, "x-flag-detail")


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e999"])
def test_tmx_scores_must_be_finite(tmp_path: Path, value: str) -> None:
    with pytest.raises(FormatError, match="not a finite number"):
        import_tmx(_tmx(tmp_path, f'<prop type="x-score">{value}</prop>'))


def test_tmx_flag_detail_with_a_span_of_strings_is_refused(tmp_path: Path) -> None:
    detail = '{"source_span": ["a", "b"]}'
    path = _tmx(
        tmp_path, f'<prop type="x-flag">number; major; x</prop><prop type="x-flag-detail">{detail}</prop>'
    )
    with pytest.raises(FormatError, match="source_span"):
        import_tmx(path)


def test_deeply_nested_xml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.tmx"
    path.write_text("<tmx>" + "<a>" * 100_000 + "</a>" * 100_000 + "</tmx>", encoding="utf-8")
    code, _, err = run("import", str(path))
    one_line_error(code, err, "deep.tmx")


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_vecalign_scores_must_be_finite(value: str) -> None:
    with pytest.raises(FormatError, match="not a finite number"):
        parse_vecalign(f"[0]:[0]:{value}\n")
