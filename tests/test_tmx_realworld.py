"""TMX files other tools wrote: import -> check -> export gives every unit back, byte for byte in XML terms.

The files are read from ``../shared/eval/tmx-realworld/`` (OmegaT's and Okapi's test data and the LISA
TMX Compliance Kit; not copied here). Small faithful reproductions of the cases the issue names live in
``tests/fixtures/tmx/`` so that the same behaviour is tested without the shared folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from bitext.checks import run_checks
from bitext.errors import FormatError
from bitext.formats.tmx import export_tmx, read_tmx
from bitext.formats.xmlsafe import XML_LANG, safe_parser
from bitext.model import Alignment
from conftest import SHARED

REALWORLD = SHARED / "eval" / "tmx-realworld"
FIXTURES = Path(__file__).parent / "fixtures" / "tmx"
KIT = sorted(REALWORLD.glob("**/*.tmx")) if REALWORLD.is_dir() else []
LOCAL = sorted(FIXTURES.glob("*.tmx"))


def _c14n(el: etree._Element, blank: bool = True) -> bytes:
    """Canonical XML of ``el``; ``blank=False`` drops the indentation between elements (not in a seg)."""
    parser = etree.XMLParser(remove_blank_text=not blank)
    copy = etree.fromstring(etree.tostring(el, with_tail=False), parser)
    return bytes(etree.tostring(copy, method="c14n"))


def _tree(path: Path) -> etree._Element:
    return etree.fromstring(path.read_bytes(), safe_parser())


def _name(el: etree._Element) -> str:
    return el.tag if isinstance(el.tag, str) else ""


def _languages(path: Path) -> list[str]:
    seen: dict[str, str] = {}
    for tuv in _tree(path).iter("tuv"):
        lang = tuv.get(XML_LANG) or tuv.get("lang") or ""
        seen.setdefault(lang.lower(), lang)
    return list(seen.values())


def _read(path: Path) -> tuple[Alignment, list[str]] | None:
    """Import as a user would: the file's own pair, or the first two languages when it holds more."""
    try:
        return read_tmx(path)
    except FormatError as exc:
        langs = _languages(path)
        if len(langs) < 2:
            return None  # no pair to check (an empty memory): refused with a message, nothing to keep
        if "languages" not in str(exc) and "source" not in str(exc):
            raise
        return read_tmx(path, source_lang=langs[0], target_lang=langs[1])


def _round_trip(path: Path, tmp_path: Path) -> None:
    read = _read(path)
    if read is None:
        with pytest.raises(FormatError, match="two languages"):
            read_tmx(path)
        return
    alignment, _ = read
    checked = run_checks(alignment)  # the checks that need no encoder: tags, numbers, names...
    out = tmp_path / "back.tmx"
    export_tmx(checked, out)
    before, after = _tree(path), _tree(out)
    header_in, header_out = before.find("header"), after.find("header")
    assert header_in is not None and header_out is not None
    assert dict(header_in.attrib) == dict(header_out.attrib)
    kept = [_c14n(el, blank=False) for el in header_out if _name(el) in ("prop", "note", "ude")]
    for el in header_in:
        if _name(el) in ("note", "ude") or (_name(el) == "prop" and not el.get("type", "").startswith("x-")):
            assert _c14n(el, blank=False) in kept
    tus_in, tus_out = before.findall("body/tu"), after.findall("body/tu")
    assert len(tus_in) == len(tus_out), path.name
    for tu_in, tu_out in zip(tus_in, tus_out, strict=True):
        assert list(tu_in.attrib.items()) == list(tu_out.attrib.items())
        extras_out = [_c14n(el) for el in tu_out if _name(el) in ("prop", "note")]
        extras_in = [_c14n(el) for el in tu_in if _name(el) in ("prop", "note")]
        assert extras_out[: len(extras_in)] == extras_in
        for el in tu_out:
            if _name(el) == "prop" and _c14n(el) not in extras_in:
                assert el.get("type", "").startswith("x-"), "only bitext's own props are added"
        tuvs_in, tuvs_out = tu_in.findall("tuv"), tu_out.findall("tuv")
        assert len(tuvs_in) == len(tuvs_out)
        for tuv_in, tuv_out in zip(tuvs_in, tuvs_out, strict=True):
            assert list(tuv_in.attrib.items()) == list(tuv_out.attrib.items())
            assert [_c14n(el) for el in tuv_in] == [_c14n(el) for el in tuv_out], (
                path.name,
                tu_in.get("tuid"),
            )


@pytest.mark.skipif(not KIT, reason="../shared/eval/tmx-realworld is not here")
@pytest.mark.parametrize("path", KIT, ids=[p.name[-60:] for p in KIT])
def test_realworld_round_trip(path: Path, tmp_path: Path) -> None:
    _round_trip(path, tmp_path)


@pytest.mark.parametrize("path", LOCAL, ids=[p.name for p in LOCAL])
def test_fixture_round_trip(path: Path, tmp_path: Path) -> None:
    _round_trip(path, tmp_path)
