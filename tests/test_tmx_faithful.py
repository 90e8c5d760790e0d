"""Issue 12, TMX: what an import keeps (tags, direction, inline codes, props) and what an export writes.

Each case runs on a small faithful reproduction in ``tests/fixtures/tmx/`` and, where it is present, on
the real file in ``../shared/eval/tmx-realworld/`` that it reproduces.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from bitext import alignment_file
from bitext.checks import run_checks
from bitext.checks.base import pair_context
from bitext.checks.number_reading import extract
from bitext.checks.tags import check_tags
from bitext.errors import FormatError
from bitext.formats.tmx import export_tmx, left_out, read_tmx
from bitext.formats.xmlsafe import XML_LANG
from bitext.model import Alignment, Flag, Link, Sentence, Side, Signature, code_marker
from conftest import SHARED

FIXTURES = Path(__file__).parent / "fixtures" / "tmx"
KIT = SHARED / "eval" / "tmx-realworld" / "omegat"


def _kit(name: str) -> Path:
    path = KIT / name
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared/eval/tmx-realworld)")
    return path


def _tus(path: Path) -> list[etree._Element]:
    return list(etree.parse(str(path)).getroot().findall("body/tu"))


@pytest.mark.parametrize(
    "path",
    [FIXTURES / "case-variants.tmx", "tmx__TMXComplianceKit__ImportTest2A.tmx"],
    ids=["fixture", "kit"],
)
def test_language_tags_compare_without_case(path: Path | str) -> None:
    file = path if isinstance(path, Path) else _kit(path)
    alignment, notes = read_tmx(file)
    assert notes == []
    assert (alignment.source.lang, alignment.target.lang) == ("en-US", "fr-CA")
    assert len(alignment.links) == len(_tus(file)) == 7
    assert not any(link.is_unaligned for link in alignment.links)
    # the unit that puts French first is still read English -> French
    pairs = [(alignment.source_text(k), alignment.target_text(k)) for k in alignment.links]
    assert any(
        s.startswith(("A text with", "Some text with")) and t.startswith(("Un texte avec", "Du texte avec"))
        for s, t in pairs
    )


def test_regions_kept_through_check_file_and_export(tmp_path: Path) -> None:
    alignment, _ = read_tmx(FIXTURES / "regional-pair.tmx")
    assert (alignment.source.lang, alignment.target.lang) == ("en-US", "en-GB")
    saved = tmp_path / "a.json"
    alignment_file.save(run_checks(alignment), saved)
    loaded = alignment_file.load(saved)
    assert (loaded.source.lang, loaded.target.lang) == ("en-US", "en-GB")
    assert pair_context(loaded, loaded.links[0]).source_lang == "en"  # data by language, tag kept
    out = tmp_path / "back.tmx"
    assert export_tmx(loaded, out) == 3
    langs = [[tuv.get("lang") for tuv in tu.findall("tuv")] for tu in _tus(out)]
    assert langs == [["en-us", "en-gb"], ["EN-US", "EN-GB"], ["en-US", "en-GB"]]  # spelt as they came


def test_new_alignment_writes_whole_tags(tmp_path: Path) -> None:
    src = Side("en-US", "a.txt", (Sentence(0, "Colour me surprised.", 0, 20),))
    tgt = Side("pt-BR", "b.txt", (Sentence(0, "Fiquei surpreso.", 0, 16),))
    alignment = Alignment(src, tgt, (Link(0, (0,), (0,), 0.9),), Signature("0", "m", "s", "translation"))
    out = tmp_path / "o.tmx"
    export_tmx(alignment, out)
    root = etree.parse(str(out)).getroot()
    assert root.find("header").get("srclang") == "en-US"
    assert [tuv.get(XML_LANG) for tuv in root.iter("tuv")] == ["en-US", "pt-BR"]


class TestLanguagesAndDirection:
    def test_three_languages_ask_then_say_which_pair(self, tmp_path: Path) -> None:
        path = FIXTURES / "three-languages.tmx"
        with pytest.raises(FormatError, match=r"srclang is '\*all\*'.*EN, FR-CA, FR-FR") as info:
            read_tmx(path)
        assert "\n" not in str(info.value)
        with pytest.raises(FormatError, match=r"holds 3 languages.*--target-lang"):
            read_tmx(path, source_lang="en")
        alignment, notes = read_tmx(path, source_lang="en", target_lang="fr-fr")
        assert (alignment.source.lang, alignment.target.lang) == ("en", "fr-FR")
        assert notes == [
            "took EN -> FR-FR of 3 languages; "
            "FR-CA stay in each unit and are written back on export, not checked"
        ]
        with pytest.raises(FormatError, match="more than one matches"):
            read_tmx(path, source_lang="en", target_lang="fr")
        # FR-CA and the French-only unit come back on export
        out = tmp_path / "back.tmx"
        export_tmx(alignment, out)
        assert [[tuv.get(XML_LANG) for tuv in tu.findall("tuv")] for tu in _tus(out)] == [
            ["EN", "FR-CA", "FR-FR"],
            ["EN", "FR-CA", "FR-FR"],
            ["FR-FR"],
        ]

    @pytest.mark.parametrize(
        ("name", "langs"),
        [
            ("tmx__TMXComplianceKit__ImportTest1C.tmx", 5),
            ("tmx__en-US_en-GB_fr_sr.tmx", 4),
            ("tmx__test-multiple-tuv.tmx", 8),
        ],
    )
    def test_kit_files_with_many_languages_are_not_silently_cut(self, name: str, langs: int) -> None:
        with pytest.raises(FormatError, match=f"holds {langs} languages"):
            read_tmx(_kit(name))

    def test_header_srclang_sets_direction_whatever_the_order(self) -> None:
        alignment, _ = read_tmx(FIXTURES / "resorted.tmx")
        assert (alignment.source.lang, alignment.target.lang) == ("en", "az")
        assert alignment.source_text(alignment.links[0]) == "The treaty was signed in 1925."

    def test_unit_srclang_when_header_says_all(self, tmp_path: Path) -> None:
        text = (FIXTURES / "resorted.tmx").read_text(encoding="utf-8")
        text = text.replace('srclang="en"', 'srclang="*all*"').replace("<tu ", '<tu srclang="EN" ')
        path = tmp_path / "u.tmx"
        path.write_text(text, encoding="utf-8")
        alignment, _ = read_tmx(path)
        assert (alignment.source.lang, alignment.target.lang) == ("en", "az")

    def test_no_direction_anywhere_asks(self, tmp_path: Path) -> None:
        text = (FIXTURES / "resorted.tmx").read_text(encoding="utf-8").replace('srclang="en"', "")
        path = tmp_path / "u.tmx"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(FormatError, match="give --source-lang"):
            read_tmx(path)
        assert read_tmx(path, target_lang="az")[0].source.lang == "en"  # the other one is the source


class TestInlineCodes:
    def test_placeholders_stay_in_the_text_as_markers(self) -> None:
        alignment, _ = read_tmx(FIXTURES / "case-variants.tmx")
        copy = alignment.links[5]
        assert alignment.source_text(copy) == f"Copy {code_marker(0)} files."
        assert alignment.source.sentences[5].codes[0].xml == "<ph>%d</ph>"
        between = alignment.source.sentences[6]
        assert between.text == f"Between 1{code_marker(0)}2 and 3."
        # the checks read a code as neither digit nor letter: 1<ph/>2 is not twelve
        assert sorted(v.text for v in extract(between.text, "en")) == ["1", "2", "3"]

    def test_codes_written_back_as_they_came(self, tmp_path: Path) -> None:
        alignment, _ = read_tmx(FIXTURES / "okapi-props.tmx")
        out = tmp_path / "back.tmx"
        export_tmx(alignment, out)
        segs = [
            etree.tostring(seg, encoding="unicode", with_tail=False)
            for seg in etree.parse(str(out)).iter("seg")
        ]
        assert '<seg>Text with an approved translation <ph x="1">%s</ph></seg>' in segs
        assert (
            '<seg>Cliquez sur <bpt i="1" x="1">&lt;b&gt;</bpt>Enregistrer<ept i="1">&lt;/b&gt;</ept> '
            '<ph x="2">&lt;br/&gt;</ph>.</seg>'
        ) in segs

    def test_tags_check_flags_missing_and_added_codes(self) -> None:
        alignment, _ = read_tmx(FIXTURES / "okapi-props.tmx")
        checked = run_checks(alignment, kinds=["tags"])
        flags = {alignment.source_text(link): link.flags for link in checked.links}
        assert flags["Text with an approved translation \U000f0000"] == ()
        (lost,) = flags["Delete \U000f0000 files?"]
        assert (lost.kind, lost.severity, lost.source_excerpt) == ("tags", "major", '<ph x="1">%d</ph>')
        assert lost.source_span is None  # the markup tells the flags apart, not a marker's position
        (added,) = flags["Press \U000f0000Save\U000f0001."]
        assert added.target_excerpt == '<ph x="2">&lt;br/&gt;</ph>' and "has an inline code" in added.message

    def test_tags_check_ignores_order_and_flags_a_lost_formatting_pair(self) -> None:
        alignment, _ = read_tmx(FIXTURES / "case-variants.tmx")
        assert all(not link.flags for link in run_checks(alignment, kinds=["tags"]).links)  # reordered only
        marked = "A \U000f0000bold\U000f0001 word and \U000f0002."
        src = Side("en", "a", (Sentence(0, marked, 0, 1, _codes()),))
        tgt = Side("fr", "b", (Sentence(0, "Un mot gras et \U000f0000.", 0, 1, (_codes()[2],)),))
        one = Alignment(src, tgt, (Link(0, (0,), (0,), 1.0),), Signature("0", "m", "s", "translation"))
        flags = check_tags(pair_context(one, one.links[0]))
        assert [(f.severity, f.source_excerpt) for f in flags] == [
            ("minor", '<hi type="b">'),
            ("minor", "</hi>"),
        ]


def _codes() -> tuple:  # type: ignore[type-arg]
    from bitext.model import InlineCode

    return (
        InlineCode("hi", '<hi type="b">', "hi:open:b", "open"),
        InlineCode("hi", "</hi>", "hi:close:b", "close"),
        InlineCode("ph", "<ph>{0}</ph>", "ph:{0}"),
    )


def test_props_notes_ids_and_dates_survive(tmp_path: Path) -> None:
    alignment, _ = read_tmx(FIXTURES / "okapi-props.tmx")
    assert alignment.links[1].note == "Keep the placeholder."
    saved = tmp_path / "a.json"
    alignment_file.save(alignment, saved)
    out = tmp_path / "back.tmx"
    export_tmx(alignment_file.load(saved), out)
    second = _tus(out)[1]
    assert dict(second.attrib) == {
        "tuid": "N2",
        "creationid": "anna",
        "creationdate": "20240102T030405Z",
        "changedate": "20240203T040506Z",
        "usagecount": "3",
    }
    assert [(el.tag, el.text) for el in second if el.tag != "tuv"] == [
        ("note", "Keep the placeholder."),
        ("prop", "menu"),
    ]
    en, fr = second.findall("tuv")
    assert en.get("creationid") == "anna" and en.findtext("note") == "Source note."
    assert [el.tag for el in fr] == ["seg", "prop"]  # the prop after the seg, where the tool put it
    # the unit with an empty French segment comes back as it was
    third = _tus(out)[2]
    french = third.findall("tuv")[1]
    assert french.get(XML_LANG) == "fr" and [etree.tostring(el, with_tail=False) for el in french] == [
        b"<seg/>"
    ]


# --- safe defaults ------------------------------------------------------------------------------------


def _made(mode: str = "translation") -> Alignment:
    en = ["One.", "Two.", "Three.", "Four.", "Five."]
    fr = ["Un.", "Deux.", "Trois.", "Quatre.", "Cinq."]
    src = Side("en", "a", tuple(Sentence(i, t, 0, 1) for i, t in enumerate(en)))
    tgt = Side("fr", "b", tuple(Sentence(i, t, 0, 1) for i, t in enumerate(fr)))
    error = Flag("number", "major", "Four", "Quatre", (0, 4), (0, 6), "m", status="confirmed")
    links = (
        Link(0, (0,), (0,), 0.9),
        Link(1, (1,), (1,), 0.3),  # unsure
        Link(2, (2,), (2,), 0.2, "accepted"),  # unsure but accepted
        Link(3, (3,), (3,), 0.9, flags=(error,)),  # confirmed error
        Link(4, (4,), (4,), 0.9, "rejected"),
    )
    return Alignment(src, tgt, links, Signature("0", "m", "s", mode))  # type: ignore[arg-type]


def _tuids(path: Path) -> list[str]:
    return [tu.get("tuid", "") for tu in _tus(path)]


class TestSafeDefaults:
    def test_default_memory_holds_what_a_translator_reuses(self, tmp_path: Path) -> None:
        out = tmp_path / "o.tmx"
        assert export_tmx(_made(), out) == 2
        assert _tuids(out) == ["0", "2"]
        assert left_out(_made()) == {"unsure": 1, "errors": 1}

    def test_asked_for_extras_are_marked(self, tmp_path: Path) -> None:
        out = tmp_path / "o.tmx"
        export_tmx(_made(), out, include=["unsure", "errors"])
        assert _tuids(out) == ["0", "1", "2", "3"]
        marks = {tu.get("tuid"): tu.findtext("prop[@type='x-bitext-included']") for tu in _tus(out)}
        assert marks == {"0": None, "1": "below-confidence 0.30 < 0.5", "2": None, "3": "confirmed-error"}

    def test_stated_confidence(self, tmp_path: Path) -> None:
        out = tmp_path / "o.tmx"
        export_tmx(_made(), out, min_score=0.95)
        assert _tuids(out) == ["2"]  # the accepted link stays whatever its score

    def test_summary_links_only_when_asked_and_as_blocks(self, tmp_path: Path) -> None:
        out = tmp_path / "o.tmx"
        assert export_tmx(_made("summary"), out) == 0
        assert left_out(_made("summary")) == {"summary": 4}
        export_tmx(_made("summary"), out, include=["summary"])
        tus = _tus(out)
        assert [tu.get("segtype") for tu in tus] == ["block", "block"]
        assert tus[0].findtext("prop[@type='x-bitext-included']") == "summary"


def test_translate_toolkit_reads_an_imported_memory_written_back(tmp_path: Path) -> None:
    """An independent reader sees every unit, its id and its codes' native content in place."""
    tt_tmx = pytest.importorskip("translate.storage.tmx")
    alignment, _ = read_tmx(FIXTURES / "okapi-props.tmx")
    out = tmp_path / "back.tmx"
    export_tmx(alignment, out)
    with out.open("rb") as fh:
        store = tt_tmx.tmxfile(fh, sourcelanguage="en", targetlanguage="fr")

    def native(side: Side, ids: tuple[int, ...]) -> str:
        if not ids:
            return ""
        sentence = side.sentences[ids[0]]
        shown = sentence.text
        for k, code in enumerate(sentence.codes):
            shown = shown.replace(code_marker(k), etree.fromstring(code.xml).text or "")
        return shown

    assert [u.getid() for u in store.units] == ["N1", "N2", "N3", "N4"]
    for unit, link in zip(store.units, alignment.links, strict=True):
        assert unit.source == native(alignment.source, link.source)
        assert unit.target == native(alignment.target, link.target)
    assert store.units[3].source == "Press <b>Save</b>."


def test_a_character_from_the_markers_plane_comes_back_as_it_was(tmp_path: Path) -> None:
    literal = "Symbol \U000f0003 here."
    src = Side("en", "a", (Sentence(0, literal, 0, len(literal)),))
    tgt = Side("fr", "b", (Sentence(0, "Symbole \U000f0003 ici.", 0, 1),))
    alignment = Alignment(src, tgt, (Link(0, (0,), (0,), 0.9),), Signature("0", "m", "s", "translation"))
    first, second = tmp_path / "one.tmx", tmp_path / "two.tmx"
    export_tmx(alignment, first)
    back, _ = read_tmx(first)
    assert [c.kind for c in back.source.sentences[0].codes] == ["char"]  # never read as someone's code
    assert run_checks(back, kinds=["tags"]).links[0].flags == ()
    export_tmx(back, second)
    segs = [
        etree.tostring(s, encoding="unicode", with_tail=False) for s in etree.parse(str(second)).iter("seg")
    ]
    assert segs[0] == "<seg>Symbol \U000f0003 here.</seg>"


@pytest.mark.parametrize("name", ["case-variants.tmx", "three-languages.tmx", "resorted.tmx"])
def test_exports_stay_valid_against_the_dtd(tmp_path: Path, name: str) -> None:
    dtd_path = SHARED / "eval" / "tmx" / "tmx14.dtd"
    if not dtd_path.exists():
        pytest.skip(f"{dtd_path} is not here (../shared/eval/tmx)")
    dtd = etree.DTD(str(dtd_path))
    pair = {"three-languages.tmx": ("en", "fr-fr")}.get(name, (None, None))
    alignment, _ = read_tmx(FIXTURES / name, *pair)
    out = tmp_path / "back.tmx"
    export_tmx(run_checks(alignment), out)
    assert dtd.validate(etree.parse(str(out))), dtd.error_log.filter_from_errors()
    made = tmp_path / "summary.tmx"
    export_tmx(_made("summary"), made, include=["summary", "unsure", "errors"])
    assert dtd.validate(etree.parse(str(made))), dtd.error_log.filter_from_errors()


def test_tsv_shows_codes_as_their_markup(tmp_path: Path) -> None:
    from bitext.formats.tsv import export_tsv

    alignment, _ = read_tmx(FIXTURES / "okapi-props.tmx")
    out = tmp_path / "o.tsv"
    export_tsv(alignment, out)
    assert 'Delete <ph x="1">%d</ph> files?\tSupprimer les fichiers ?' in out.read_text(encoding="utf-8")
