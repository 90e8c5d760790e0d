"""Inputs that must be refused before they cost anything: devices, pipes and oversized files; NUL bytes
and UTF-16 without a byte-order mark; same-language pairs, swapped pairs, files holding several pairs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bitext import alignment_file
from bitext.errors import InputError
from bitext.glossary import load_glossary
from bitext.ingest.reading import read_text
from bitext.limits import ENV_MAX_INPUT_MB, max_input_bytes, read_input, set_max_input_mb
from bitext.pipeline import AlignOptions, align_paths
from bitext.tui.samples import translation_sample
from hostile.hostile_support import one_line_error, run

EN = (
    "The committee met in Vienna on 3 March 1921. It discussed the new border between the two states. "
    "Most delegates wanted a quick settlement, but the talks lasted another year.\n"
)
EN_OTHER = (
    "The weather was cold in the mountains that winter. Farmers brought their sheep down early. "
    "Nobody in the valley expected snow in October, and the roads were closed for a week.\n"
)
AZ = (
    "Komitə 1921-ci il martın 3-də Vyanada toplandı. O, iki dövlət arasındakı yeni sərhədi müzakirə etdi. "
    "Nümayəndələrin çoxu tez razılaşma istəyirdi, lakin danışıqlar daha bir il davam etdi.\n"
)


@pytest.fixture(autouse=True)
def _default_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(ENV_MAX_INPUT_MB, raising=False)
    set_max_input_mb(None)
    yield
    set_max_input_mb(None)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- devices, pipes, sizes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize(
    "command",
    [["align"], ["import"], ["check"], ["export", "--tmx", "x.tmx"], ["review"], ["report", "--out", "r"]],
)
def test_devices_are_refused_at_once(device: str, command: list[str], tmp_path: Path) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    os.chdir(tmp_path)
    name, *rest = command
    code, _, err = run(name, device, *rest)
    one_line_error(code, err, device, "not a regular file")


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code, _, err = run("align", str(fifo))
    one_line_error(code, err, "pipe")
    with pytest.raises(InputError, match="pipe"):
        load_glossary(fifo)


def test_a_glossary_device_is_refused() -> None:
    with pytest.raises(InputError, match="not a regular file"):
        load_glossary(Path("/dev/zero"))


def test_the_size_limit_names_the_option_that_raises_it(tmp_path: Path) -> None:
    doc = _write(tmp_path / "doc.md", EN * 20_000)  # about 3.5 MB
    code, _, err = run("align", str(doc), "--max-input-mb", "1")
    line = one_line_error(code, err, "doc.md", "over the input limit of 1.0 MB", "--max-input-mb")
    assert "3." in line  # says how big the file is


def test_the_limit_can_be_raised(tmp_path: Path) -> None:
    doc = _write(tmp_path / "doc.txt", EN * 20_000)
    set_max_input_mb(1)
    with pytest.raises(InputError, match="input limit"):
        read_text(doc)
    set_max_input_mb(8)
    assert read_text(doc).startswith("The committee")


def test_the_environment_sets_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_MAX_INPUT_MB, "0.5")
    assert max_input_bytes("text") == max_input_bytes("data") == 512 * 1024
    monkeypatch.setenv(ENV_MAX_INPUT_MB, "lots")
    with pytest.raises(InputError, match=ENV_MAX_INPUT_MB):
        max_input_bytes("text")


def test_texts_and_data_files_have_their_own_defaults() -> None:
    assert max_input_bytes("text") < max_input_bytes("data")


def test_a_file_growing_past_the_limit_while_read_is_refused(tmp_path: Path) -> None:
    # /proc files say they are empty and are not; the read itself is bounded, not only the stat.
    proc = Path("/proc/self/maps")
    if not proc.exists():
        pytest.skip("no /proc here")
    set_max_input_mb(1 / 1024 / 16)  # 64 bytes
    with pytest.raises(InputError, match="more than"):
        read_input(proc)


def test_alignment_files_go_through_the_same_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    alignment_file.save(translation_sample(), path)
    set_max_input_mb(1 / 1024)  # 1 KB
    with pytest.raises(InputError, match="input limit"):
        alignment_file.load(path)


# --- NUL bytes and UTF-16 ---------------------------------------------------------------------------


def test_utf16_without_bom_is_named(tmp_path: Path) -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(EN.encode(codec))
        with pytest.raises(InputError, match=f"UTF-16 without a byte-order mark; give --encoding {codec}"):
            read_text(path)
        assert read_text(path, codec) == EN


def test_a_nul_byte_never_reaches_the_alignment(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(EN.encode("utf-16-le"))
    with pytest.raises(InputError, match="NUL") as info:
        read_text(path, "latin-1")  # the "right" encoding for any byte string
    assert "--encoding utf-16-le" in str(info.value)
    path.write_bytes(EN.encode("ascii") + b"\x00" + AZ.encode("utf-8"))
    with pytest.raises(InputError, match="NUL"):
        read_text(path, "utf-8")


def test_binary_is_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(InputError, match="binary"):
        read_text(path)


# --- languages ----------------------------------------------------------------------------------------------


def test_two_files_in_one_language_are_refused(tmp_path: Path) -> None:
    a, b = _write(tmp_path / "a.txt", EN), _write(tmp_path / "b.txt", EN_OTHER)
    code, _, err = run("align", str(a), str(b), "-q")
    one_line_error(code, err, "both in English (en)")


def test_the_same_language_for_both_sides_is_refused(tmp_path: Path) -> None:
    doc = _write(tmp_path / "doc.md", EN + "\n" + AZ)
    code, _, err = run("align", str(doc), "--source-lang", "en", "--target-lang", "EN", "-q")
    one_line_error(code, err, "both 'en'")


@pytest.mark.parametrize(
    ("option", "wrong"),
    [("--source-lang", "en"), ("--target-lang", "az")],
)
def test_a_language_that_contradicts_the_file_is_refused(tmp_path: Path, option: str, wrong: str) -> None:
    az, en = _write(tmp_path / "x.az.txt", AZ), _write(tmp_path / "x.en.txt", EN)
    code, _, err = run("align", str(az), str(en), option, wrong, "-q")
    one_line_error(code, err, "swapped")


def test_a_language_that_agrees_is_taken() -> None:
    from bitext.ingest import CleanText
    from bitext.pipeline import _language_of

    options = AlignOptions()
    clean = CleanText.identity(AZ)
    assert _language_of(Path("x"), clean, "AZ", "--source-lang", options) == "az"
    assert _language_of(Path("x"), clean, None, "--source-lang", options) == "az"


def test_a_file_holding_several_pairs_is_refused(tmp_path: Path) -> None:
    # Two articles of three paragraphs, each followed by its two-paragraph summary: the first summary
    # is shorter than the articles around it, and must not be taken for a quotation inside them.
    article = "\n\n".join([EN, EN_OTHER, EN])
    summary = "\n\n".join([AZ, AZ.replace("Komitə", "Şura"), AZ.replace("Vyanada", "Bakıda")])
    doc = _write(tmp_path / "two.md", "\n\n".join([article, summary, article, summary]))
    with pytest.raises(InputError, match="several article\\+summary pairs") as info:
        align_paths([doc], AlignOptions(check=False))
    assert "en, az, en, az" in str(info.value)


def test_a_short_quotation_in_the_other_language_stays_in_its_article(tmp_path: Path) -> None:
    from bitext.ingest import CleanText, split_languages

    quote = "Komitə 1921-ci il martın 3-də Vyanada toplandı."
    article = "\n\n".join([EN, EN_OTHER, quote, EN, EN_OTHER])
    sections = split_languages(CleanText.identity("\n\n".join([article, AZ, AZ])))
    assert [s.lang for s in sections] == ["en", "az"]


def test_a_heading_in_the_other_language_is_not_a_second_pair(tmp_path: Path) -> None:
    from bitext.ingest import LanguageSection
    from bitext.pipeline import _refuse_several_pairs

    def section(lang: str, n: int) -> LanguageSection:
        from bitext.ingest import CleanText

        return LanguageSection(lang, CleanText.identity("x" * n), 0, n)

    # title in az, the article, the summary, a short English line: one pair
    one_pair = [section("az", 40), section("en", 5000), section("az", 900), section("en", 60)]
    _refuse_several_pairs(Path("d"), one_pair)
    with pytest.raises(InputError):
        _refuse_several_pairs(
            Path("d"), [section("en", 5000), section("az", 900), section("en", 4000), section("az", 800)]
        )


# --- report picks the file tagged with the language ---------------------------------------------------------


def test_report_pairs_the_file_tagged_with_the_source_language(tmp_path: Path) -> None:
    from bitext.report.batch import collect_inputs
    from bitext.report_run import _by_language

    # The Azerbaijani file is the longer one, so by size it would come first.
    _write(tmp_path / "X.az.txt", AZ * 3)
    _write(tmp_path / "X.en.txt", EN)
    (doc,) = collect_inputs([tmp_path])
    assert doc.paths[0].name == "X.az.txt"
    paths, langs = _by_language(doc, AlignOptions(source_lang="en", target_lang="az"))
    assert [p.name for p in paths] == ["X.en.txt", "X.az.txt"] and langs == ("en", "az")
    paths, langs = _by_language(doc, AlignOptions(target_lang="en"))
    assert [p.name for p in paths] == ["X.az.txt", "X.en.txt"] and langs == ("az", "en")
    with pytest.raises(InputError, match="names neither file"):
        _by_language(doc, AlignOptions(source_lang="tr"))


def test_report_refuses_a_file_whose_tag_contradicts_its_text(tmp_path: Path) -> None:
    _write(tmp_path / "X.az.txt", EN)  # mislabelled
    _write(tmp_path / "X.en.txt", AZ)
    code, _, err = run("report", str(tmp_path), "--out", str(tmp_path / "r"), "--source-lang", "en")
    assert code == 2
    assert "reads as Azerbaijani" in err
    assert "Traceback" not in err
