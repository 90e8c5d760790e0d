"""Number and date check: same values in different clothes pass, changed values are flagged."""

from __future__ import annotations

import pytest

from bitext.checks.base import PairContext
from bitext.checks.numbers import check_dates, check_numbers, extract
from bitext.model import Flag, Link, Mode


def run(src: str, tgt: str, *, sl: str = "en", tl: str = "az", mode: Mode = "translation") -> list[Flag]:
    ctx = PairContext(Link(0, (0,), (0,), 1.0), src, tgt, sl, tl, mode)
    return check_numbers(ctx) + check_dates(ctx)


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("The bridge opened on March 3, 1931.", "Körpü 3 mart 1931-ci ildə açıldı."),
        ("The strike lasted from 1926-29.", "Tətil 1926-1929-cu illərdə davam etdi."),
        ("Two wars, in 1877-78 and 1912-13.", "İki müharibə: 1877-1878 və 1912-1913-cü illərdə."),
        ("Prices rose by 7% in 1,200 shops.", "Qiymətlər 1.200 mağazada %7 artdı."),
        ("A loan of 2.5 million was signed.", "2,5 milyon borc imzalandı."),
        ("The castle dates from the XIV century.", "Qala 14-cü əsrə aiddir."),
        ("Jazz spread in the 1930s.", "Caz 1930-cu illərdə yayıldı."),
        ("He sold three hundred books.", "O, üç yüz kitab satdı."),
        ("They built twenty-five houses.", "Onlar iyirmi beş ev tikdilər."),
        ("She lived there between 18721880 and later.", "O, orada 1872-1880-ci illərdə yaşadı."),
        ("More than 400 from each village.", "Hər kənddən 400-dən çox."),
        ("1) Buy bread.", "Çörək al."),
        ("It was the first visit of two ministers.", "Bu, iki nazirin ilk səfəri idi."),
        ("She may come in May 1950.", "O, 1950-ci ilin mayında gələ bilər."),
    ],
)
def test_same_values_different_clothes_are_not_flagged(src: str, tgt: str) -> None:
    assert run(src, tgt) == []


def test_changed_year_in_range_is_major_with_exact_excerpts() -> None:
    src, tgt = "The blockade lasted 1941-1944.", "Blokada 1941-1946-cı illərdə davam etdi."
    flags = run(src, tgt)
    assert len(flags) == 1
    f = flags[0]
    assert (f.kind, f.severity) == ("date", "major")
    assert f.source_span and src[f.source_span[0] : f.source_span[1]] == f.source_excerpt == "1941-1944"
    assert f.target_span and tgt[f.target_span[0] : f.target_span[1]] == f.target_excerpt
    assert "1941-1944" in f.message and "1941-1946" in f.message


def test_changed_quantity_is_a_number_flag() -> None:
    flags = run("The library holds 4,500 maps.", "Kitabxanada 5.400 xəritə var.")
    assert [(f.kind, f.severity) for f in flags] == [("number", "major")]


def test_changed_day_of_full_date() -> None:
    flags = run("Signed on 14 July 1921.", "14 iyun 1921-ci ildə imzalandı.")
    assert [(f.kind, f.severity) for f in flags] == [("date", "major")]


def test_missing_number_is_minor_in_translation_but_not_in_summary() -> None:
    src, tgt = "In 1908 the school had 640 pupils.", "1908-ci ildə məktəbin şagirdləri var idi."
    assert [(f.kind, f.severity) for f in run(src, tgt)] == [("number", "minor")]
    assert run(src, tgt, mode="summary") == []


def test_summary_number_absent_from_source_is_flagged() -> None:
    flags = run("The school opened in 1908.", "Məktəb 1908-ci ildə 640 şagirdlə açıldı.", mode="summary")
    assert [(f.kind, f.target_excerpt) for f in flags] == [("number", "640")]


def test_number_words_conflict_is_minor() -> None:
    flags = run("He sold three hundred books.", "O, iki yüz kitab satdı.")
    assert [(f.kind, f.severity) for f in flags] == [("number", "minor")]


def test_alternatives_are_not_summed() -> None:
    assert run("Wait a day or two.", "Bir-iki gün gözlə.") == []


def test_glued_digits_split_only_into_ordered_years() -> None:
    assert [v.key for v in extract("in 19061917", "en")] == [("n", 1906.0), ("n", 1917.0)]
    assert [v.key for v in extract("code 19171906", "en")] == [("n", 19171906.0)]


def test_footnote_digit_glued_to_word_is_ignored() -> None:
    assert extract("their relations1 were tense", "en") == []


def test_turkish_and_german_dates() -> None:
    assert run("It began on 9 November 1989.", "9 Kasım 1989'da başladı.", tl="tr") == []
    assert run("It began on 9 November 1989.", "Es begann am 9. November 1989.", tl="de") == []
    assert run("It began on 9 November 1989.", "Es begann am 9. Oktober 1989.", tl="de") != []


def test_thousands_separator_follows_language() -> None:
    assert extract("1.500", "az")[0].key == ("n", 1500.0)
    assert extract("1.500", "en")[0].key == ("n", 1.5)
    assert extract("1 500 000", "fr")[0].key == ("n", 1500000.0)


def test_abbreviated_range_crossing_a_century() -> None:
    assert run("He reigned 1893-02.", "O, 1893-1902-ci illərdə hökm sürdü.") == []
