"""Terminology check: a glossary term in the source needs one of its renderings in the target."""

from __future__ import annotations

from pathlib import Path

from bitext.checks.base import PairContext
from bitext.checks.terminology import check_terminology, find_term
from bitext.glossary import load_glossary
from bitext.model import Flag, Link


def run(src: str, tgt: str, glossary_file: Path) -> list[Flag]:
    ctx = PairContext(
        Link(0, (0,), (0,), 1.0), src, tgt, "en", "az", "translation", glossary=load_glossary(glossary_file)
    )
    return check_terminology(ctx)


def write(tmp_path: Path, text: str, name: str = "g.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_rendering_with_suffix_is_accepted(tmp_path: Path) -> None:
    g = write(tmp_path, "source,target\ntreaty,müqavilə|saziş\n")
    assert run("The Treaty was signed.", "Müqaviləni imzaladılar.", g) == []
    assert run("The treaty was signed.", "Sazişi imzaladılar.", g) == []


def test_missing_rendering_is_flagged_with_severity_from_glossary(tmp_path: Path) -> None:
    g = write(tmp_path, "source,target,note\ntreaty,müqavilə,\nembassy,səfirlik,major: legal term\n")
    src = "The embassy kept the treaty."
    flags = run(src, "Nümayəndəlik razılaşmanı saxladı.", g)
    assert sorted((f.source_excerpt, f.severity) for f in flags) == [
        ("embassy", "major"),
        ("treaty", "minor"),
    ]
    for f in flags:
        assert f.source_span and src[f.source_span[0] : f.source_span[1]] == f.source_excerpt


def test_term_absent_from_source_is_ignored(tmp_path: Path) -> None:
    g = write(tmp_path, "treaty,müqavilə\n")
    assert run("The envoy arrived.", "Elçi gəldi.", g) == []


def test_multiword_term_and_dotted_i() -> None:
    assert find_term("İSTANBUL limanı", "istanbul limanı", "az") == (0, 15)
    assert find_term("Foreign Ministry's staff", "foreign ministry", "en") is not None
    assert find_term("foreigners", "foreign ministry", "en") is None


def test_tbx_glossary(tmp_path: Path) -> None:
    tbx = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry id="1"><descrip type="definition">major</descrip>
 <langSet xml:lang="en"><tig><term>railway</term></tig></langSet>
 <langSet xml:lang="az"><tig><term>dəmir yolu</term></tig><tig><term>dəmiryolu</term></tig></langSet>
</termEntry></body></text></martif>"""
    g = write(tmp_path, tbx, "g.tbx")
    assert run("The railway was built.", "Dəmir yolu tikildi.", g) == []
    flags = run("The railway was built.", "Yol tikildi.", g)
    assert [f.severity for f in flags] == ["major"]
