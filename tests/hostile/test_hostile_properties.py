"""Every reader, fed random bytes and random JSON, either reads the input or refuses it with one line
(a BitextError): the alignment file, TMX, XLIFF, glossaries (CSV, TBX), Vecalign lines, text files and
the review journal. Anything else (a traceback, a hang) breaks the README's promise."""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bitext import alignment_file
from bitext.errors import BitextError
from bitext.formats import read_interchange
from bitext.formats.vecalign import read_vecalign
from bitext.glossary import load_glossary
from bitext.ingest.reading import read_text
from bitext.review import ReviewSession, journal_path, lock_path
from bitext.tui.samples import translation_sample

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)

XML_PREFIXES = [
    b"",
    b'<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>',
    b'<?xml version="1.0"?>\n<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0" '
    b'srcLang="en" trgLang="az"><file id="f">',
    b'<?xml version="1.0"?>\n<martif type="TBX"><text><body><termEntry>',
]


def _refused_in_one_line(exc: BitextError) -> None:
    assert str(exc) and "\n" not in str(exc).strip(), repr(str(exc))


def _read(reader: Any, *args: Any) -> None:
    try:
        reader(*args)
    except BitextError as exc:
        _refused_in_one_line(exc)


@pytest.fixture
def where(tmp_path: Path) -> Path:
    return tmp_path


# --- the alignment file ---------------------------------------------------------------------------------


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_alignment_file_random_bytes(where: Path, data: bytes) -> None:
    path = where / "a.json"
    path.write_bytes(data)
    _read(alignment_file.load, path)


@SETTINGS
@given(value=json_values)
def test_alignment_file_random_json(where: Path, value: Any) -> None:
    path = where / "a.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    _read(alignment_file.load, path)


def _mutations() -> st.SearchStrategy[tuple[list[str | int], Any]]:
    keys: list[list[str | int]] = [
        ["links", 0, "source"],
        ["links", 0, "score"],
        ["links", 1, "id"],
        ["links", 2, "flags"],
        ["source", "sentences", 0, "text"],
        ["source", "sentences", 1, "end"],
        ["target", "lang"],
        ["signature", "thresholds"],
        ["suppressions"],
        ["origin"],
        ["version"],
    ]
    return st.tuples(st.sampled_from(keys), json_values)


@SETTINGS
@given(change=_mutations())
def test_alignment_file_with_one_value_replaced(where: Path, change: tuple[list[str | int], Any]) -> None:
    """Valid files but for one value: the loader either takes it (a value the schema allows) or names it."""
    keys, value = change
    data: Any = alignment_file.to_dict(translation_sample())
    node = data
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value
    path = where / "a.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    try:
        loaded = alignment_file.load(path)
    except BitextError as exc:
        _refused_in_one_line(exc)
        return
    alignment_file.dumps(loaded)  # what is taken can be written back as valid JSON


# --- TMX, XLIFF, glossaries, Vecalign, text ---------------------------------------------------------------


@SETTINGS
@given(prefix=st.sampled_from(XML_PREFIXES), data=st.binary(max_size=1500))
def test_interchange_random_bytes(where: Path, prefix: bytes, data: bytes) -> None:
    for name in ("x.tmx", "x.xlf"):
        path = where / name
        path.write_bytes(prefix + data)
        _read(read_interchange, path)


@SETTINGS
@given(prefix=st.sampled_from(XML_PREFIXES), text=st.text(max_size=600))
def test_interchange_random_text(where: Path, prefix: bytes, text: str) -> None:
    path = where / "x.tmx"
    path.write_bytes(prefix + text.encode("utf-8", "surrogatepass"))
    _read(read_interchange, path)


@SETTINGS
@given(suffix=st.sampled_from([".csv", ".tbx", ".txt"]), data=st.binary(max_size=1500))
def test_glossary_random_bytes(where: Path, suffix: str, data: bytes) -> None:
    path = where / f"g{suffix}"
    path.write_bytes(data)
    _read(load_glossary, path)


@SETTINGS
@given(rows=st.lists(st.lists(st.text(max_size=12), max_size=4), max_size=8))
def test_glossary_random_csv(where: Path, rows: list[list[str]]) -> None:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path = where / "g.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8", "surrogatepass"))
    _read(load_glossary, path)


@SETTINGS
@given(data=st.binary(max_size=800))
def test_vecalign_random_bytes(where: Path, data: bytes) -> None:
    path = where / "x.vecalign"
    path.write_bytes(data)
    _read(read_vecalign, path)


@SETTINGS
@given(data=st.binary(max_size=1500), encoding=st.sampled_from([None, "latin-1", "utf-16-le", "cp1254"]))
def test_text_random_bytes(where: Path, data: bytes, encoding: str | None) -> None:
    path = where / "doc.txt"
    path.write_bytes(data)
    _read(read_text, path, encoding)


# --- the review journal -------------------------------------------------------------------------------------


def _open_and_close(path: Path) -> None:
    lock_path(path).unlink(missing_ok=True)
    try:
        session = ReviewSession.open(path)
    except BitextError as exc:
        _refused_in_one_line(exc)
        return
    assert all("\n" not in w for w in session.warnings)
    session.close()
    alignment_file.load(path)  # the file is still whole


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_journal_random_bytes(where: Path, data: bytes) -> None:
    path = where / "a.json"
    alignment_file.save(translation_sample(), path)
    journal_path(path).write_bytes(data)
    _open_and_close(path)


@SETTINGS
@given(entries=st.lists(json_values, max_size=6), checked=st.booleans())
def test_journal_random_json_lines(where: Path, entries: list[Any], checked: bool) -> None:
    path = where / "a.json"
    alignment_file.save(translation_sample(), path)
    if checked:  # lines with a valid checksum around hostile JSON: the entries themselves are checked
        bodies = [
            json.dumps(e if isinstance(e, dict) else {"op": "status", "patch": e}).encode() for e in entries
        ]
        journal_path(path).write_bytes(b"".join(b"%08x %s\n" % (zlib.crc32(b), b) for b in bodies))
    else:
        journal_path(path).write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    _open_and_close(path)


@SETTINGS
@given(cut=st.integers(min_value=0, max_value=4000), flip=st.integers(min_value=0, max_value=4000))
def test_a_real_journal_cut_or_flipped_anywhere(where: Path, cut: int, flip: int) -> None:
    """Whatever byte is damaged or wherever a crash cuts the journal, what is intact is replayed."""
    path = where / "a.json"
    alignment_file.save(translation_sample(), path)
    s = ReviewSession.open(path)
    for link in range(6):
        (s.accept if link % 2 else s.reject)(link)
    lock_path(path).unlink()
    data = bytearray(journal_path(path).read_bytes())
    if data:
        data[flip % len(data)] ^= 0x04
    journal_path(path).write_bytes(bytes(data[: cut % (len(data) + 1)]))
    lock_path(path).unlink(missing_ok=True)
    r = ReviewSession.open(path)
    assert r.recovered + r.lost <= 6
    decided = {link.id for link in r.alignment.links if link.status != "auto"}
    assert len(decided) == r.recovered  # one link per decision: each recovered one shows
    r.close()
