"""Every user-facing path answers bad input with one line on stderr and exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bitext import alignment_file
from bitext.cli import main
from bitext.model import Alignment

EN = (
    "The committee met in Vienna on 3 March 1921. It discussed the new border between the two states. "
    "Most delegates wanted a quick settlement, but the talks lasted another year.\n"
)
AZ = (
    "Komitə 1921-ci il martın 3-də Vyanada toplandı. O, iki dövlət arasındakı yeni sərhədi müzakirə etdi. "
    "Nümayəndələrin çoxu tez razılaşma istəyirdi, lakin danışıqlar daha bir il davam etdi.\n"
)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr if result.stderr_bytes else result.output


def _one_line_error(code: int, err: str, *words: str) -> None:
    assert code == 2, err
    # Progress notes ("bitext: reading ...") may come first; the error itself is one line.
    lines = [line for line in err.splitlines() if line.startswith("bitext: error:")]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for word in words:
        assert word in lines[0], lines[0]


def test_missing_path(tmp_path: Path) -> None:
    code, err = run("align", str(tmp_path / "nope.md"))
    _one_line_error(code, err, "nope.md")


def test_directory(tmp_path: Path) -> None:
    code, err = run("align", str(tmp_path))
    _one_line_error(code, err, "directory")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    code, err = run("align", str(path))
    _one_line_error(code, err, "empty")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(b"%PDF-1.4\x00\x01\x02binary\x00stuff")
    code, err = run("align", str(path))
    _one_line_error(code, err)


def test_non_utf8_suggests_encoding(tmp_path: Path) -> None:
    path = tmp_path / "tr.txt"
    path.write_bytes("Türkçe metin, şöyle böyle. İkinci cümle burada.".encode("cp1254"))
    code, err = run("align", str(path))
    _one_line_error(code, err, "--encoding")


def test_one_language_only(tmp_path: Path) -> None:
    path = tmp_path / "en.md"
    path.write_text(EN * 3, encoding="utf-8")
    code, err = run("align", str(path))
    _one_line_error(code, err, "only")


def test_no_recognisable_language(tmp_path: Path) -> None:
    path = tmp_path / "digits.txt"
    path.write_text("12 34 56 -- 78/90 * 11 22 33\n" * 5, encoding="utf-8")
    code, err = run("align", str(path))
    _one_line_error(code, err, "no text in a language")


def test_too_short_a_file_says_so_rather_than_blaming_its_encoding(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("Hello world.\n", encoding="utf-8")
    code, err = run("align", str(path))
    _one_line_error(code, err, "too little text to tell its language (10 letters)")


def test_identical_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(EN, encoding="utf-8")
    b.write_text(EN, encoding="utf-8")
    code, err = run("align", str(a), str(b))
    _one_line_error(code, err, "same text")


def test_unknown_language_code(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(EN, encoding="utf-8")
    b.write_text(AZ, encoding="utf-8")
    code, err = run("align", str(a), str(b), "--source-lang", "xx")
    _one_line_error(code, err, "xx")


def test_three_paths(tmp_path: Path) -> None:
    paths = []
    for name in "abc":
        p = tmp_path / f"{name}.txt"
        p.write_text(EN, encoding="utf-8")
        paths.append(str(p))
    code, err = run("align", *paths)
    _one_line_error(code, err, "not 3")


@pytest.mark.parametrize("command", ["align", "report", "check"])
def test_a_bad_glossary_is_refused_before_any_alignment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """The glossary is read first: a broken one is refused at once, before the model loads or a document
    is aligned (the refusal came after the whole alignment before)."""
    import bitext.cli
    import bitext.report_run

    def too_soon(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the work began before the glossary was read")

    monkeypatch.setattr(bitext.cli, "_encoder", too_soon)
    monkeypatch.setattr(bitext.report_run, "run_reports", too_soon)
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "az.txt").write_text(AZ, encoding="utf-8")
    glossary = tmp_path / "terms.csv"
    glossary.write_text('source,target\n"border,sərhəd\n', encoding="utf-8")
    en, az = str(tmp_path / "en.txt"), str(tmp_path / "az.txt")
    args = {
        "align": ["align", en, az, "-o", str(tmp_path / "a.json")],
        "report": ["report", en, "--out", str(tmp_path / "reports")],
        "check": ["check", str(tmp_path / "a.json")],
    }[command]
    code, err = run(*args, "--glossary", str(glossary))
    _one_line_error(code, err, "terms.csv")


def test_check_refuses_broken_alignment(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"format": "bitext-alignment", "version": 1, "links": [', encoding="utf-8")
    code, err = run("check", str(path))
    _one_line_error(code, err, "JSON")


def test_export_needs_an_output(tmp_path: Path, small_alignment: Alignment) -> None:
    path = tmp_path / "a.json"
    alignment_file.save(small_alignment, path)
    code, _ = run("export", str(path))
    assert code == 2


def test_export_and_import_round_trip(tmp_path: Path, small_alignment: Alignment) -> None:
    path = tmp_path / "a.json"
    alignment_file.save(small_alignment, path)
    code, out = run("export", str(path), "--tmx", str(tmp_path / "a.tmx"), "--tsv", str(tmp_path / "a.tsv"))
    assert code == 0, out
    assert "<tmx" in (tmp_path / "a.tmx").read_text(encoding="utf-8")
    code, out = run("import", str(tmp_path / "a.tmx"), "--out", str(tmp_path / "back.json"))
    assert code == 0, out
    back = alignment_file.load(tmp_path / "back.json")
    linked = [link for link in small_alignment.links if link.source and link.target]
    assert [back.target_text(link) for link in back.links] == [
        small_alignment.target_text(link) for link in linked
    ]


def test_import_refuses_entities(tmp_path: Path) -> None:
    path = tmp_path / "evil.tmx"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&x;</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    code, err = run("import", str(path))
    _one_line_error(code, err, "entit")


@pytest.mark.model
def test_offline_model_name_says_what_to_do(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(EN, encoding="utf-8")
    b.write_text(AZ, encoding="utf-8")
    code, err = run("align", str(a), str(b), "--model", "no-such-org/no-such-model-xyz")
    _one_line_error(code, err, "no-such-model-xyz")


@pytest.mark.parametrize(
    ("name", "content", "word"),
    [("gone.json", None, "no such alignment file"), ("gone.md", None, "no such file"),
     ("empty.md", b"", "empty"), ("blob.md", b"\x00\x01\x02binary\x00" * 20, "binary")],
)  # fmt: skip
def test_review_refuses_bad_input_before_the_screen_opens(
    tmp_path: Path, name: str, content: bytes | None, word: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, err = run("review", str(path))
    _one_line_error(code, err, word)


FIXTURES = Path(__file__).parent / "fixtures"


def test_export_says_what_the_memory_left_out(tmp_path: Path, small_alignment: Alignment) -> None:
    from dataclasses import replace

    low = small_alignment.with_links([replace(k, score=0.3) for k in small_alignment.links])
    path = tmp_path / "a.json"
    alignment_file.save(low, path)
    result = CliRunner().invoke(main, ["export", str(path), "--tmx", str(tmp_path / "a.tmx")])
    assert result.exit_code == 0
    assert "wrote 0 units" in result.stdout
    assert "left out of the memory: 2 below confidence 0.5 (--with-unsure)" in result.stderr
    result = CliRunner().invoke(
        main, ["export", str(path), "--tmx", str(tmp_path / "a.tmx"), "--with-unsure"]
    )
    assert "wrote 2 units" in result.stdout


def test_import_asks_for_the_pair_then_says_it(tmp_path: Path) -> None:
    three = FIXTURES / "tmx" / "three-languages.tmx"
    code, err = run("import", str(three), "--out", str(tmp_path / "a.json"))
    _one_line_error(code, err, "--source-lang", "EN, FR-CA, FR-FR")
    result = CliRunner().invoke(
        main,
        [
            "import",
            str(three),
            "--source-lang",
            "en",
            "--target-lang",
            "fr-ca",
            "-o",
            str(tmp_path / "a.json"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "took EN -> FR-CA of 3 languages; FR-FR stay in each unit" in result.stderr
    assert alignment_file.load(tmp_path / "a.json").target.lang == "fr-CA"


@pytest.mark.model
def test_check_an_xliff_and_give_it_back_with_the_flags(tmp_path: Path) -> None:
    import shutil

    xlf = tmp_path / "job.xlf"
    shutil.copy(FIXTURES / "xliff" / "units-2.1.xlf", xlf)
    checked = tmp_path / "job.json"
    result = CliRunner().invoke(main, ["check", str(xlf), "-o", str(checked), "--fail-on", "major"])
    assert result.exit_code == 1, result.output  # 15 minutes became 50: a major flag
    alignment = alignment_file.load(checked)
    assert alignment.origin is not None and alignment.origin.format == "xliff-2.1"
    out = tmp_path / "back.xlf"
    code, output = run("export", str(checked), "--xliff", str(out), "--xliff-flags", "its")
    assert code == 0, output
    assert "its:locQualityIssueType" in out.read_text(encoding="utf-8")
    reports = tmp_path / "reports"
    result = CliRunner().invoke(main, ["report", str(xlf), "--out", str(reports), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert (reports / "job.json").exists()


def test_checks_lists_every_check_with_what_it_looks_for() -> None:
    from bitext.checks import registered_checks

    result = CliRunner().invoke(main, ["checks"])
    assert result.exit_code == 0, result.output
    headings = [line.split()[0] for line in result.output.splitlines() if line and not line.startswith(" ")]
    assert headings == list(registered_checks())
    assert "(needs the encoder" in result.output
    assert '"eastern" rendered as "Qərb"' in result.output  # the opposite check's doc, as written


def test_choices_are_the_vocabulary_of_the_core() -> None:
    from bitext import cli
    from bitext.model import MODES
    from bitext.report import FORMATS

    assert cli.REPORT_FORMATS == FORMATS
    code, err = run("align", "--mode", "sideways", "x.md")
    assert code == 2 and all(mode in err for mode in MODES)


MEMORY = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" datatype="plaintext" segtype="sentence"
 adminlang="en" srclang="en" o-tmf="t"/><body>
<tu><tuv xml:lang="en"><seg>The bridge over the river was opened in 1931.</seg></tuv>
<tuv xml:lang="az"><seg>Çayın üzərindəki körpü 1937-ci ildə açıldı.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>It carried trains until the war.</seg></tuv>
<tuv xml:lang="az"><seg>O, müharibəyə qədər qatarları daşıyırdı.</seg></tuv></tu>
</body></tmx>
"""


def test_align_reads_a_memory_as_its_own_links(tmp_path: Path) -> None:
    memory, out = tmp_path / "memory.tmx", tmp_path / "memory.json"
    memory.write_text(MEMORY, encoding="utf-8")
    code, err = run("align", str(memory), "--out", str(out), "--no-check", "--quiet")
    assert code == 0, err
    alignment = alignment_file.load(out)
    assert (alignment.source.lang, alignment.target.lang) == ("en", "az")
    assert [(link.source, link.target) for link in alignment.links] == [((0,), (0,)), ((1,), (1,))]
    assert alignment.target.sentences[0].text.startswith("Çayın")


@pytest.mark.model
def test_align_of_a_memory_checks_its_units(tmp_path: Path) -> None:
    memory, out = tmp_path / "memory.tmx", tmp_path / "memory.json"
    memory.write_text(MEMORY, encoding="utf-8")
    code, err = run("align", str(memory), "--out", str(out), "--quiet")
    assert code == 0, err
    first, second = alignment_file.load(out).links
    assert any(f.kind in ("number", "date") and "1931" in f.source_excerpt for f in first.flags)
    assert not any(f.kind in ("number", "date") for f in second.flags)


def test_a_memory_is_not_one_side_of_a_pair(tmp_path: Path) -> None:
    memory, text = tmp_path / "memory.tmx", tmp_path / "b.txt"
    memory.write_text(MEMORY, encoding="utf-8")
    text.write_text(AZ, encoding="utf-8")
    code, err = run("align", str(memory), str(text))
    _one_line_error(code, err, "memory.tmx", "aligned already")


def test_review_of_a_memory_says_to_import_it_first() -> None:
    code, err = run("review", str(FIXTURES / "tmx" / "resorted.tmx"))
    _one_line_error(code, err, "bitext check")


IS = (
    "Nefndin kom saman í Vínarborg 3. mars 1921. Hún ræddi ný landamæri ríkjanna tveggja. "
    "Flestir fulltrúarnir vildu skjóta lausn, en viðræðurnar stóðu í eitt ár í viðbót.\n"
)


def test_icelandic_is_detected_and_exported_as_icelandic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(EN, encoding="utf-8")
    b.write_text(IS, encoding="utf-8")
    out = tmp_path / "a.json"
    code, err = run("align", str(a), str(b), "--out", str(out), "--no-check", "--quiet")
    assert code == 0, err
    alignment = alignment_file.load(out)
    assert (alignment.source.lang, alignment.target.lang) == ("en", "is")
    code, err = run("export", str(out), "--tmx", str(tmp_path / "a.tmx"))
    assert code == 0, err
    assert 'xml:lang="is' in (tmp_path / "a.tmx").read_text(encoding="utf-8")


def test_unknown_code_in_the_language_list(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(EN, encoding="utf-8")
    b.write_text(IS, encoding="utf-8")
    code, err = run("align", str(a), str(b), "--languages", "en,qq")
    _one_line_error(code, err, "qq")


def test_after_one_document_the_process_leaves_without_teardown(monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import sys
    import types

    import bitext.cli as cli

    exits: list[int] = []
    monkeypatch.setattr(os, "_exit", exits.append)
    monkeypatch.setitem(sys.modules, "onnxruntime", sys.modules.get("onnxruntime", types.ModuleType("ort")))

    def one_document() -> None:
        cli._finished_one_document()
        sys.exit(1)  # as ``check --fail-on`` ends

    monkeypatch.setattr(cli, "_done_with_one_document", False)
    monkeypatch.setattr(cli, "main", lambda: sys.exit(0))
    with pytest.raises(SystemExit):  # a batch, a review, an error: the interpreter ends as usual
        cli.run()
    assert exits == []
    monkeypatch.setattr(cli, "main", one_document)
    cli.run()
    assert exits == [1]


def test_a_process_that_leaves_at_once_has_written_its_alignment(tmp_path: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "az.txt").write_text(AZ, encoding="utf-8")
    out = tmp_path / "out.json"
    done = subprocess.run(
        [sys.executable, "-m", "bitext.cli", "align", "en.txt", "az.txt", "--out", str(out), "--mode",
         "translation"],
        cwd=tmp_path, capture_output=True, text=True, env={**os.environ}, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "3 links" in done.stdout and f"wrote {out}" in done.stdout  # stdout flushed before leaving
    got = json.loads(out.read_text(encoding="utf-8"))
    assert len(got["links"]) == 3


def test_the_last_commands_encoder_alone_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    import bitext.cli as cli
    import bitext.encoder

    made: list[object] = []

    def load(*_args: object, **_kwargs: object) -> object:
        made.append(object())
        return made[-1]

    monkeypatch.setattr(bitext.encoder, "load_encoder", load)
    monkeypatch.setattr(cli, "_kept_encoder", [])
    cli._encoder(None, None)
    cli._encoder(None, True)
    assert cli._kept_encoder == [made[-1]]  # kept until the process leaves, the first one freed
