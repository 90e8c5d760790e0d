"""XLIFF 1.2 and 2.x: read with inline codes, checked, written back with the flags; new files otherwise.

Fixtures: ``po2xliff.xlf`` was written by translate-toolkit's po2xliff (from ``po2xliff-source.po``);
``okapi-1.2.xlf`` and ``units-2.1.xlf`` reproduce what Okapi and XLIFF 2 tools write (codes, segmented
units, groups, notes, an untranslated unit).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from bitext import alignment_file
from bitext.checks import run_checks
from bitext.errors import BitextError, FormatError, InputError
from bitext.formats.tmx import read_tmx
from bitext.formats.xliff import ITS_NS, NS2, export_xliff, read_xliff
from bitext.model import Alignment, Link, Sentence, Side, Signature

FIXTURES = Path(__file__).parent / "fixtures" / "xliff"


def _copy(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    shutil.copy(FIXTURES / name, path)
    return path


def _pairs(alignment: Alignment) -> list[tuple[str, str]]:
    return [(alignment.source_text(k), alignment.target_text(k)) for k in alignment.links]


class TestRead:
    def test_xliff_1_with_codes_and_segments(self) -> None:
        alignment, notes = read_xliff(FIXTURES / "okapi-1.2.xlf")
        assert notes == []
        assert (alignment.source.lang, alignment.target.lang) == ("en-US", "de-DE")
        assert _pairs(alignment) == [
            (
                "Click \U000f0000Save\U000f0001 to keep \U000f0002 changes.",
                "Klicken Sie auf \U000f0000Speichern\U000f0001, um die Änderungen zu behalten.",
            ),
            ("Version \U000f0000 was released in 2019.", "Version \U000f0000 erschien 2019."),
            ("First sentence.", "Erster Satz."),
            ("Second sentence with \U000f0000bold\U000f0001.", "Zweiter Satz mit \U000f0000fett\U000f0001."),
            ("Not translated yet.", ""),
        ]
        assert alignment.links[-1].is_unaligned
        codes = alignment.source.sentences[0].codes
        assert [(c.kind, c.role, c.key) for c in codes] == [
            ("g", "open", "g:open#1"),
            ("g", "close", "g:close#1"),
            ("x", "standalone", "x#2"),
        ]

    def test_xliff_2_units_segments_groups(self) -> None:
        alignment, _ = read_xliff(FIXTURES / "units-2.1.xlf")
        assert (alignment.source.lang, alignment.target.lang) == ("en-GB", "fr-CA")
        assert _pairs(alignment) == [
            ("Press \U000f0000Start\U000f0001 twice.", "Appuyez deux fois sur \U000f0000Démarrer\U000f0001."),
            ("It takes 15 minutes.\U000f0000", "Cela prend 50 minutes."),
            ("Open the \U000f0000north\U000f0001 door.", "Ouvrez la porte \U000f0000nord\U000f0001."),
            ("Not translated yet.", ""),
        ]

    def test_translate_toolkit_file(self) -> None:
        alignment, _ = read_xliff(FIXTURES / "po2xliff.xlf")
        assert (alignment.source.lang, alignment.target.lang) == ("en-US", "fr")
        texts = _pairs(alignment)
        assert ("Copy %d files to %s.", "Copier %d fichiers vers %s.") in texts
        assert ("Untranslated string", "") in texts  # an empty target: not translated yet

    def test_checks_see_the_codes(self) -> None:
        alignment, _ = read_xliff(FIXTURES / "units-2.1.xlf")
        checked = run_checks(alignment)
        kinds = {alignment.source_text(k): sorted(f.kind for f in k.flags) for k in checked.links}
        assert kinds["It takes 15 minutes.\U000f0000"] == ["number", "tags"]  # 15 -> 50 and the lost <ph/>
        assert "tags" not in kinds["Press \U000f0000Start\U000f0001 twice."]  # the pc moved: no tag flag
        okapi = run_checks(read_xliff(FIXTURES / "okapi-1.2.xlf")[0], kinds=["tags"])
        (lost,) = okapi.links[0].flags
        assert lost.source_excerpt == '<x id="2"/>' and lost.severity == "major"

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("<xliff/>", "version"),
            ('<xliff version="1.2"><file/></xliff>', "does not say its source language"),
            (
                '<xliff version="2.0" srcLang="en" trgLang="fr"><file id="f"/></xliff>',
                "without translation units",
            ),
            (
                '<xliff version="1.2"><file source-language="en"><body>'
                '<trans-unit id="1"/></body></file></xliff>',
                "no <source>",
            ),
            ("<tmx/>", "not <xliff>"),
            ("<xliff", "not well-formed XLIFF"),
        ],
    )
    def test_bad_files(self, tmp_path: Path, text: str, message: str) -> None:
        path = tmp_path / "bad.xlf"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(FormatError, match=message) as info:
            read_xliff(path)
        assert "\n" not in str(info.value)

    def test_external_entity_refused(self, tmp_path: Path) -> None:
        secret = tmp_path / "secret.txt"
        secret.write_text("TOP SECRET", encoding="utf-8")
        path = tmp_path / "xxe.xlf"
        path.write_text(
            f'<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY x SYSTEM "file://{secret}">]>'
            '<xliff version="1.2"><file source-language="en" target-language="fr"><body>'
            '<trans-unit id="1"><source>&x;</source></trans-unit></body></file></xliff>',
            encoding="utf-8",
        )
        with pytest.raises(FormatError, match="refusing XML entities") as info:
            read_xliff(path)
        assert "TOP SECRET" not in str(info.value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_random_bytes_give_one_line_errors(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.xlf"
    path.write_bytes(b'<?xml version="1.0"?><xliff version="2.0" srcLang="en" trgLang="fr">' + data)
    try:
        read_xliff(path)
    except BitextError as exc:
        assert "\n" not in str(exc)


class TestWriteBack:
    def _checked(self, tmp_path: Path, name: str) -> tuple[Path, Alignment]:
        path = _copy(tmp_path, name)
        alignment = run_checks(read_xliff(path)[0])
        saved = tmp_path / "a.json"
        alignment_file.save(alignment, saved)
        return path, alignment_file.load(saved)

    @staticmethod
    def _canonical(root: etree._Element, drop_bitext: bool = False) -> bytes:
        """C14N with bitext's notes removed and white space between elements ignored."""
        for el in [e for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname == "note"]:
            if drop_bitext and (el.get("from") == "bitext" or el.get("category") == "bitext"):
                parent = el.getparent()
                parent.remove(el)
                if etree.QName(parent).localname == "notes" and not len(parent):
                    parent.getparent().remove(parent)
        for el in root.iter():
            if el.text is not None and not el.text.strip() and len(el):
                el.text = None
            if el.tail is not None and not el.tail.strip():
                el.tail = None
        return str(etree.canonicalize(etree.tostring(root, encoding="unicode"))).encode()

    @pytest.mark.parametrize("name", ["okapi-1.2.xlf", "units-2.1.xlf", "po2xliff.xlf"])
    def test_notes_added_and_nothing_else_changed(self, tmp_path: Path, name: str) -> None:
        path, alignment = self._checked(tmp_path, name)
        out = tmp_path / "out.xlf"
        export_xliff(alignment, out)
        back = etree.parse(str(out)).getroot()
        notes = [n for n in back.iter() if etree.QName(n).localname == "note" and "[bitext" in (n.text or "")]
        assert len(notes) == sum(len(k.flags) for k in alignment.links) > 0
        original = etree.parse(str(path)).getroot()
        assert self._canonical(back, drop_bitext=True) == self._canonical(original)

    def test_xliff_2_notes_sit_before_the_segments(self, tmp_path: Path) -> None:
        _, alignment = self._checked(tmp_path, "units-2.1.xlf")
        out = tmp_path / "out.xlf"
        export_xliff(alignment, out)
        unit = etree.parse(str(out)).getroot().find(f".//{{{NS2}}}unit[@id='u1']")
        order = [etree.QName(c).localname for c in unit]
        assert order == ["notes", "originalData", "segment", "ignorable", "segment"]
        cats = [(n.get("category"), n.get("priority")) for n in unit.find(f"{{{NS2}}}notes")]
        assert cats[0] == ("context", None) and ("bitext", "1") in cats

    def test_its_annotations_wrap_the_flagged_words(self, tmp_path: Path) -> None:
        _, alignment = self._checked(tmp_path, "units-2.1.xlf")
        out = tmp_path / "out.xlf"
        export_xliff(alignment, out, annotate="its")
        root = etree.parse(str(out)).getroot()
        assert root.get(f"{{{ITS_NS}}}version") == "2.0"
        marks = root.findall(f".//{{{NS2}}}target//{{{NS2}}}mrk")
        number = next(m for m in marks if m.text == "50")
        assert number.get("type") == "its:generic"
        assert number.get(f"{{{ITS_NS}}}locQualityIssueType") == "mistranslation"
        assert number.get(f"{{{ITS_NS}}}locQualityIssueSeverity") == "90"
        target = number.getparent()
        assert "".join(target.itertext()) == "Cela prend 50 minutes."  # words unchanged
        # the pc of the first unit is still there, untouched
        first = root.find(f".//{{{NS2}}}unit[@id='u1']/{{{NS2}}}segment/{{{NS2}}}target")
        assert "".join(first.find(f"{{{NS2}}}pc").itertext()) == "Démarrer"

    def test_translate_toolkit_reads_the_result(self, tmp_path: Path) -> None:
        tt = pytest.importorskip("translate.storage.xliff")
        _, alignment = self._checked(tmp_path, "okapi-1.2.xlf")
        out = tmp_path / "out.xlf"
        export_xliff(alignment, out)
        store = tt.xlifffile.parsefile(str(out))
        ids = [u.getid().split("\x04")[-1] for u in store.units]
        assert ids[:4] == ["tu1", "tu2", "tu3", "tu4"]
        first = store.units[0]
        assert "bitext tags" in first.getnotes()

    def test_original_gone_or_changed(self, tmp_path: Path) -> None:
        path, alignment = self._checked(tmp_path, "okapi-1.2.xlf")
        path.write_text(path.read_text(encoding="utf-8").replace("Save", "Store"), encoding="utf-8")
        with pytest.raises(InputError, match="changed since it was checked"):
            export_xliff(alignment, tmp_path / "o.xlf")
        path.unlink()
        with pytest.raises(InputError, match="is gone"):
            export_xliff(alignment, tmp_path / "o.xlf")


class TestNewFile:
    def _document(self) -> Alignment:
        src = Side("en", "a.txt", (Sentence(0, "It has 3 rooms.", 0, 15), Sentence(1, "Alone.", 16, 22)))
        tgt = Side("az", "b.txt", (Sentence(0, "Onun 4 otağı var.", 0, 17),))
        links = (Link(0, (0,), (0,), 0.9, "accepted"), Link(1, (1,), (), 0.0))
        return run_checks(Alignment(src, tgt, links, Signature("0", "m", "s", "translation")))

    @pytest.mark.parametrize("version", ["2.1", "1.2"])
    def test_round_trip(self, tmp_path: Path, version: str) -> None:
        out = tmp_path / "new.xlf"
        assert export_xliff(self._document(), out, version=version) == 2
        back, _ = read_xliff(out)
        assert (back.source.lang, back.target.lang) == ("en", "az")
        assert _pairs(back) == [("It has 3 rooms.", "Onun 4 otağı var."), ("Alone.", "")]
        text = out.read_text(encoding="utf-8")
        assert "[bitext number, major] The English has 3 but the Azerbaijani has 4." in text

    def test_translate_toolkit_reads_new_files(self, tmp_path: Path) -> None:
        tt1 = pytest.importorskip("translate.storage.xliff")
        tt2 = pytest.importorskip("translate.storage.xliff2")
        out1, out2 = tmp_path / "one.xlf", tmp_path / "two.xlf"
        export_xliff(self._document(), out1, version="1.2")
        export_xliff(self._document(), out2, version="2.1")
        for store in (tt1.xlifffile.parsefile(str(out1)), tt2.Xliff2File.parsefile(str(out2))):
            sources = [u.source for u in store.units]
            targets = [u.target for u in store.units]
            assert sources == ["It has 3 rooms.", "Alone."]
            assert targets[0] == "Onun 4 otağı var."

    def test_tmx_codes_carried_as_original_data(self, tmp_path: Path) -> None:
        tmx, _ = read_tmx(Path(__file__).parent / "fixtures" / "tmx" / "okapi-props.tmx")
        out = tmp_path / "codes.xlf"
        export_xliff(tmx, out)
        root = etree.parse(str(out)).getroot()
        data = [d.text for d in root.iter(f"{{{NS2}}}data")]
        assert '<ph x="1">%s</ph>' in data
        back, _ = read_xliff(out)
        assert back.source_text(back.links[0]) == "Text with an approved translation \U000f0000"


def test_flags_of_a_relinked_pair_still_reach_the_file(tmp_path: Path) -> None:
    from bitext.model import Flag

    path = _copy(tmp_path, "okapi-1.2.xlf")
    alignment, _ = read_xliff(path)
    first, second = alignment.links[2], alignment.links[3]  # the two segments of tu3
    flag = Flag("omission", "minor", "bold", "", (0, 4), None, "Something was left out.")
    merged = Link(first.id, first.source + second.source, first.target + second.target, 0.8, flags=(flag,))
    relinked = alignment.with_links([*alignment.links[:2], merged, *alignment.links[4:]])
    out = tmp_path / "out.xlf"
    export_xliff(relinked, out)
    unit = (
        etree.parse(str(out))
        .getroot()
        .find(".//{urn:oasis:names:tc:xliff:document:1.2}trans-unit[@id='tu3']")
    )
    notes = [n.text for n in unit if etree.QName(n).localname == "note"]
    assert notes == ["[bitext omission, minor] Something was left out."]
