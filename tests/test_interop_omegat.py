"""A real CAT tool uses bitext's TMX: OmegaT, headless, fills a project's segments from ``tm/auto``.

OmegaT inserts every unit of a TMX in ``tm/auto`` as a translation. The test aligns a French text with
no-break spaces (as French typography has them before ``:;?!`` and inside « ») to its English
translation, exports the default memory, and asserts what OmegaT writes: every safe pair fills its
segment exactly (white space as written, so OmegaT's segments match), and the pair below the confidence
and the pair with a confirmed error are left for the translator. Needs Java and the Debian package
``omegat`` (``.ci/run`` installs them); skipped with the reason otherwise.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from bitext.formats.tmx import export_tmx, read_tmx
from bitext.ingest import read_text
from bitext.ingest.cleanup import normalise
from bitext.model import Alignment, Flag, Link, Side, Signature
from bitext.segment import segment

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
JAVA = shutil.which("java")

pytestmark = pytest.mark.skipif(
    JAVA is None or not OMEGAT_JAR.is_file(),
    reason="OmegaT is not installed (Debian packages omegat and a JRE; .ci/run installs them)",
)

FRENCH = [
    "Le prix\u00a0: dix euros.",
    "Vraiment\u00a0?",
    "Il a dit «\u00a0non\u00a0» trois fois.",
    "Attention au quai glissant\u00a0!",
    "Le train part à 8\u00a0h\u00a015.",
    "Le musée ferme le lundi.",
    "La gare est au nord de la ville.",
]
ENGLISH = [
    "The price: ten euros.",
    "Really?",
    "He said “no” three times.",
    "Mind the slippery platform!",
    "The train leaves at 8:15.",
    "The museum closes on Mondays.",
    "The station is south of the town.",
]

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes><mask>**/.svn/**</mask></source_dir_excludes>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{src}</source_lang>
    <target_lang>{tgt}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneFrenchTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def _omegat(tmp_path: Path, source_text: str, tmx: Path, src: str, tgt: str) -> list[str]:
    """Run OmegaT's console translation over one text file; returns the target file's lines."""
    project = tmp_path / "project"
    for folder in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / folder).mkdir(parents=True, exist_ok=True)
    (project / "omegat.project").write_text(PROJECT.format(src=src, tgt=tgt), encoding="utf-8")
    (project / "source" / "doc.txt").write_text(source_text, encoding="utf-8")
    shutil.copy(tmx, project / "tm" / "auto" / "bitext.tmx")
    config = tmp_path / "config"
    config.mkdir()
    assert JAVA is not None
    run = subprocess.run(
        [
            JAVA,
            "-Djava.awt.headless=true",
            "-jar",
            str(OMEGAT_JAR),
            str(project),
            "--mode=console-translate",
            f"--config-dir={config}",
            "--no-team",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    return (project / "target" / "doc.txt").read_text(encoding="utf-8").split("\n")


def _side(path: Path, lang: str) -> Side:
    # as `bitext align --presegmented` reads a file: one sentence a line, white space as written
    return Side(lang, str(path), tuple(segment(normalise(read_text(path)), lang, presegmented=True)))


def test_omegat_fills_the_safe_pairs_exactly(tmp_path: Path) -> None:
    fr, en = tmp_path / "fr.txt", tmp_path / "en.txt"
    fr.write_text("\n".join(FRENCH) + "\n", encoding="utf-8")
    en.write_text("\n".join(ENGLISH) + "\n", encoding="utf-8")
    source, target = _side(fr, "fr"), _side(en, "en")
    assert [s.text for s in source.sentences] == FRENCH  # no-break spaces kept
    wrong = Flag(
        "opposite", "major", "nord", "south", (24, 28), (19, 24), "nord is north", status="confirmed"
    )
    links = [Link(i, (i,), (i,), 0.9) for i in range(5)]
    links.append(Link(5, (5,), (5,), 0.31))  # unsure: below the default confidence
    links.append(Link(6, (6,), (6,), 0.9, flags=(wrong,)))  # the reviewer confirmed an error
    alignment = Alignment(source, target, tuple(links), Signature("0", "m", "s", "translation"))
    tmx = tmp_path / "memory.tmx"
    assert export_tmx(alignment, tmx) == 5
    lines = _omegat(tmp_path, "\n\n".join(FRENCH) + "\n", tmx, "FR", "EN")
    filled = [line for line in lines if line.strip()]
    assert filled == [*ENGLISH[:5], FRENCH[5], FRENCH[6]]  # 5 of 5 safe pairs; the others untouched


def test_omegat_uses_an_imported_memory_written_back(tmp_path: Path) -> None:
    """A memory with regional tags in mixed case and props, imported and exported by bitext, still works."""
    memory = tmp_path / "kit.tmx"
    memory.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="FR-CA" '
        'datatype="plaintext"/><body>'
        '<tu tuid="a"><prop type="x-client">Acme</prop>'
        '<tuv xml:lang="FR-CA"><seg>Le musée ferme le lundi.</seg></tuv>'
        '<tuv xml:lang="EN-CA"><seg>The museum closes on Mondays.</seg></tuv></tu>'
        '<tu tuid="b"><tuv xml:lang="fr-ca"><seg>Vraiment\u00a0?</seg></tuv>'
        '<tuv xml:lang="en-ca"><seg>Really?</seg></tuv></tu></body></tmx>\n',
        encoding="utf-8",
    )
    alignment, _ = read_tmx(memory)
    assert (alignment.source.lang, alignment.target.lang) == ("fr-CA", "en-CA")
    back = tmp_path / "back.tmx"
    export_tmx(alignment, back)
    lines = _omegat(tmp_path, "Vraiment\u00a0?\n\nLe musée ferme le lundi.\n", back, "FR-CA", "EN-CA")
    assert [line for line in lines if line.strip()] == ["Really?", "The museum closes on Mondays."]


def test_omegat_uses_a_reviewed_memory_and_takes_the_edit(tmp_path: Path) -> None:
    """A reviewed unit (changeid/changedate, the reviewer's note, bitext's review note, x- props) is still
    a unit OmegaT reads, and what it inserts is the reviewer's correction, not the text as aligned."""
    fr, en = tmp_path / "fr.txt", tmp_path / "en.txt"
    fr.write_text("\n".join(FRENCH) + "\n", encoding="utf-8")
    en.write_text("\n".join(ENGLISH) + "\n", encoding="utf-8")
    source, target = _side(fr, "fr"), _side(en, "en")
    fixed = "The station is north of the town."
    sentences = list(target.sentences)
    sentences[6] = replace(sentences[6], text=fixed, original=ENGLISH[6])
    target = replace(target, sentences=tuple(sentences))
    wrong = Flag(
        "opposite", "major", "nord", "south", (24, 28), (19, 24), "nord is north", status="dismissed"
    )
    links = [Link(i, (i,), (i,), 0.9) for i in range(6)]
    links.append(
        Link(6, (6,), (6,), 0.9, "accepted", (wrong,), "south fixed", "aysel", "2026-12-01T10:00:00Z")
    )
    alignment = Alignment(source, target, tuple(links), Signature("0", "m", "s", "translation"))
    tmx = tmp_path / "reviewed.tmx"
    assert export_tmx(alignment, tmx) == 7
    assert 'changeid="aysel"' in tmx.read_text(encoding="utf-8")
    lines = _omegat(tmp_path, "\n\n".join(FRENCH) + "\n", tmx, "FR", "EN")
    assert [line for line in lines if line.strip()] == [*ENGLISH[:6], fixed]
