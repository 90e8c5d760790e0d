"""Language data beyond az-en: where it comes from, what a pair without data skips, and the lexical
checks on sentences in the DEMETR languages (written for these tests, not taken from any dev set)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rich.console import Console

from bitext.checks.base import PairContext
from bitext.checks.langdata import number_table, skipped_checks
from bitext.checks.names import compare as names
from bitext.checks.opposite import opposite
from bitext.console import print_alignment_summary
from bitext.model import Alignment, Flag, Link, Side
from bitext.pipeline import with_skipped_checks


def test_tables_come_from_the_packages_and_the_data_files() -> None:
    pl = number_table("pl")
    assert pl["source"] == ["num2words", "babel", "data"]  # the data file adds only time words
    assert pl["decimal"] == ","
    assert pl["units"]["trzysta"] == 300 and pl["scales"]["tysięcy"] == 1000
    assert pl["months"]["stycznia"] == 1 and pl["months"]["styczeń"] == 1  # genitive and nominative
    assert "data" in number_table("zh")["source"] and number_table("zh")["cjk_scales"]["万"] == 10000
    assert number_table("xx")["source"] == []  # unknown anywhere: English conventions


@pytest.mark.parametrize(
    ("pair", "skipped"),
    [
        (("pl", "en"), []),
        (("de", "fr"), []),
        (("zh", "en"), ["name"]),
        (("hi", "en"), ["name"]),
        (("sw", "en"), ["opposite"]),
        (("ko", "en"), ["opposite", "name"]),
    ],
)
def test_checks_without_data_are_named(pair: tuple[str, str], skipped: list[str]) -> None:
    assert [kind for kind, _ in skipped_checks(*pair)] == skipped


def test_the_signature_and_the_summary_say_what_was_skipped(small_alignment: Alignment) -> None:
    zh = replace(small_alignment, source=Side("zh", "a.txt", small_alignment.source.sentences))
    checked = with_skipped_checks(replace(zh, signature=replace(zh.signature, checks="date+name+number")))
    assert checked.signature.text().endswith("checks:date+name+number|skipped:name")
    assert with_skipped_checks(checked).signature.checks == "date+name+number|skipped:name"  # not twice
    console = Console(record=True, width=200)
    print_alignment_summary(checked, console)
    assert "checks skipped for zh-az: name (Chinese has no capital letters" in console.export_text()
    clean = with_skipped_checks(small_alignment)
    assert "skipped" not in clean.signature.text()


@pytest.mark.parametrize(
    ("src", "tgt", "sl", "tl"),
    [
        (
            "Voters went to the polls on Sunday.",
            "Seçicilər bazar günü seçki məntəqələrinə getdilər.",
            "en",
            "az",
        ),
        ("Spotkał się z Amerykanami w Paryżu.", "He met Americans in Paris.", "pl", "en"),
        (
            "Die Regierung hat am Samstag in Berlin entschieden.",
            "The Government decided in Berlin on Saturday.",
            "de",
            "en",
        ),
        ("Встреча прошла в Москве, в России.", "The meeting took place in Moscow, Russia.", "ru", "en"),
        ("Netanjahuovu vládu podpořili.", "They supported Netanyahu's government.", "cs", "en"),
        ("Rozmawiał z ministrem z Belgii.", "He spoke with a minister from Belgium.", "pl", "en"),
        ("Mówi po polsku i czesku.", "He speaks Polish and Czech.", "pl", "en"),
        ("Podle zprávy odešel.", "According to the Weather Service, he left.", "cs", "en"),
        ("新疆有三百座电站。", "Xinjiang has 300 power plants.", "zh", "en"),
    ],
)
def test_ordinary_words_and_renderings_are_not_names(src: str, tgt: str, sl: str, tl: str) -> None:
    assert [f for f in names(src, tgt, sl, tl, "translation") if f.severity == "major"] == []


@pytest.mark.parametrize(
    ("src", "tgt", "sl"),
    [
        ("Spotkał się z Amerykanami w Paryżu.", "He met Americans in London.", "pl"),
        ("Встреча прошла в Москве.", "The meeting took place in Berlin.", "ru"),
        ("Il presidente è arrivato a Roma ieri.", "The president arrived in Madrid yesterday.", "it"),
    ],
)
def test_a_replaced_name_is_major(src: str, tgt: str, sl: str) -> None:
    assert [f.severity for f in names(src, tgt, sl, "en", "translation")] == ["major"]


def _opposite(src: str, tgt: str, sl: str) -> list[Flag]:
    return opposite(PairContext(Link(0, (0,), (0,), 1.0), src, tgt, sl, "en", "translation"))


@pytest.mark.parametrize(
    ("src", "sl", "right", "wrong"),
    [
        (
            "Przyjechał wczoraj do miasta.",
            "pl",
            "He came to the city yesterday.",
            "He did not come to the city yesterday.",
        ),
        (
            "Včera přijel do města.",
            "cs",
            "He came to the city yesterday.",
            "He did not come to the city yesterday.",
        ),
        (
            "Он не приехал вчера в город.",
            "ru",
            "He did not come to the city yesterday.",
            "He came to the city yesterday.",
        ),
        (
            "Ieri è arrivato in città.",
            "it",
            "He arrived in the city yesterday.",
            "He never arrived in the city yesterday.",
        ),
        (
            "No llegó ayer a la ciudad.",
            "es",
            "He did not arrive in the city yesterday.",
            "He arrived in the city yesterday.",
        ),
        (
            "Hann kom ekki í bæinn í gær.",
            "is",
            "He did not come to town yesterday.",
            "He came to town yesterday.",
        ),
        (
            "वह कल शहर नहीं आया।",
            "hi",
            "He did not come to the city yesterday.",
            "He came to the city yesterday.",
        ),
        (
            "他昨天没有来城里。",
            "zh",
            "He did not come to the city yesterday.",
            "He came to the city yesterday.",
        ),
        (
            "彼は昨日町に来なかった。",
            "ja",
            "He did not come to town yesterday.",
            "He came to town yesterday.",
        ),
        (
            "不过他昨天来了城里。",
            "zh",
            "But he came to the city yesterday.",
            "But he did not come to the city yesterday.",
        ),
    ],
)
def test_negation_in_other_languages(src: str, sl: str, right: str, wrong: str) -> None:
    assert _opposite(src, right, sl) == []
    assert [f.severity for f in _opposite(src, wrong, sl)] == ["major"]


def test_with_the_encoder_a_word_rendered_in_lower_case_is_not_a_name() -> None:
    from bitext.checks.names import check_names
    from bitext.encoder import load_encoder

    encoder = load_encoder()

    def flags(src: str, tgt: str, sl: str, tl: str) -> list[Flag]:
        return check_names(PairContext(Link(0, (0,), (0,), 1.0), src, tgt, sl, tl, "translation", encoder))

    # without the encoder "Members"/"Conservative" would count as names the Azerbaijani lacks
    assert flags("The Conservative Members of the Assembly voted.", "Məclisin mühafizəkar üzvləri səs verdi.",
                 "en", "az") == []  # fmt: skip
    replaced = flags("Rozmawiał z Amerykanami w Paryżu.", "He talked to Americans in London.", "pl", "en")
    # two cities, each known by GeoNames' names, that no place shares: swapped, whatever the vectors say
    assert [(f.basis, f.severity) for f in replaced] == [("swapped", "minor")]
