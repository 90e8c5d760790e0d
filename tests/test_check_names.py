"""Name check: spellings across languages match; a different name in the same role is flagged."""

from __future__ import annotations

import pytest

from bitext.checks.base import PairContext
from bitext.checks.names import check_names
from bitext.model import Flag, Link, Mode
from bitext.text import skeleton


def run(src: str, tgt: str, *, tl: str = "az", mode: Mode = "translation") -> list[Flag]:
    return check_names(PairContext(Link(0, (0,), (0,), 1.0), src, tgt, "en", tl, mode))


def serious(flags: list[Flag]) -> list[Flag]:
    return [f for f in flags if f.severity != "info"]


@pytest.mark.parametrize(
    ("a", "b"),
    [("Shostakovich", "Şostakoviç"), ("Khrushchev", "Xruşşov"), ("Chekhov", "Çexov"), ("Jordan", "Cordan")],
)
def test_transliterations_share_a_skeleton_or_are_close(a: str, b: str) -> None:
    from bitext.checks.lexicon import distance

    assert distance(skeleton(a), skeleton(b)) <= 0.25


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("Yesterday Khrushchev met Nasser in Cairo.", "Dünən Xruşşov Qahirədə Nasserlə görüşdü."),
        ("The poet Shakhriyar wrote to Vurgun.", "Şair Şəhriyar Vurğuna məktub yazdı."),
        ("We sailed from Germany to China.", "Biz Almaniyadan Çinə üzdük."),
        ("The train reached Vladivostok and Khabarovsk.", "Qatar Vladivostoka və Xabarovska çatdı."),
        ("Both Japanese and Russian envoys came.", "Həm yapon, həm də rus elçiləri gəldi."),
        ("Where is the station?", "Vağzal haradadır?"),
        ("Love is blind.", "Sevgi kordur."),
    ],
)
def test_same_names_in_different_spellings_are_not_flagged(src: str, tgt: str) -> None:
    assert serious(run(src, tgt)) == []


def test_different_name_in_same_role_is_major() -> None:
    src, tgt = "Yesterday Khrushchev met Nasser.", "Dünən Brejnev Nasserlə görüşdü."
    flags = run(src, tgt)
    assert [(f.severity, f.source_excerpt, f.target_excerpt) for f in flags] == [
        ("major", "Khrushchev", "Brejnev")
    ]
    f = flags[0]
    assert f.target_span and tgt[f.target_span[0] : f.target_span[1]] == "Brejnev"
    assert "Khrushchev" in f.message and "Brejnev" in f.message


def test_foreign_looking_name_at_sentence_start_is_caught() -> None:
    flags = run("Mary bought a car.", "Elizabeth maşın aldı.")
    assert [f.severity for f in flags] == ["major"]


def test_added_name_is_minor_even_in_summary() -> None:
    flags = run("The envoy arrived in the city.", "Elçi Bakıya gəldi.", mode="summary")
    assert [(f.severity, f.target_excerpt) for f in flags] == [("minor", "Bakıya")]


def test_dropped_name_is_only_information() -> None:
    flags = run("The envoy met Nasser.", "Elçi onunla görüşdü.")
    assert [f.severity for f in flags] == ["info"]
    assert run("The envoy met Nasser.", "Elçi onunla görüşdü.", mode="summary") == []


def test_turkish_suffixes_are_stripped() -> None:
    assert serious(run("They flew to Ankara with Ahmet.", "Ahmet'le Ankara'ya uçtular.", tl="tr")) == []


@pytest.mark.parametrize(
    ("src", "tgt", "lost", "added"),
    [
        # a well-known name opening the sentence on both sides, the other one exchanged
        ("Peter lives in Oslo now.", "Sevil indi Osloda yaşayır.", "Peter", "Sevil"),
        ("Jupiter has dozens of moons.", "Saturnun onlarla peyki var.", "Jupiter", "Saturnun"),
        # an opening name nobody lists, standing where a listed one was
        ("Laura sold the old car.", "Zorbek köhnə maşını satdı.", "Laura", "Zorbek"),
        ("The letter reached Vienna in May.", "Məktub may ayında Varşavaya çatdı.", "Vienna", "Varşavaya"),
    ],
)
def test_a_name_exchanged_at_the_start_of_a_sentence_is_major(
    src: str, tgt: str, lost: str, added: str
) -> None:
    flags = [f for f in run(src, tgt) if f.severity == "major"]
    assert [(f.source_excerpt, f.target_excerpt) for f in flags] == [(lost, added)]


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("Peter lives in Oslo now.", "Piter indi Osloda yaşayır."),
        ("Yesterday it rained in Athens.", "Dünən Afinada yağış yağdı."),
        ("Do you drink tea?", "Çay içirsən?"),
        ("Everyone knows Mary.", "Hamı Merini tanıyır."),
        ("Icelandic horses are small.", "İslandiya atları kiçikdir."),
    ],
)
def test_opening_words_and_names_in_other_clothes_are_not_flagged(src: str, tgt: str) -> None:
    assert serious(run(src, tgt)) == []


def test_an_unknown_opening_word_is_not_taken_for_a_name_lost_elsewhere() -> None:
    # "Elçi" (the envoy) opens the translation; the lost name stood mid-sentence, so nothing pairs them
    flags = run("Later the envoy met Nasser.", "Elçi sonra onunla görüşdü.")
    assert [f.severity for f in flags] == ["info"]


def test_a_heading_in_capitals_names_only_what_is_known() -> None:
    # every word of a capitalised heading has a capital; only known names (exonyms, gazetteer) count
    src, tgt = "THE GREAT FLOOD OF 1927 IN MISSISSIPPI", "1927-Cİ İLDƏ MİSSİSİPİDƏ BÖYÜK DAŞQIN"
    assert serious(run(src, tgt)) == []
    flags = serious(run("THE TREATY SIGNED IN VIENNA", "VARŞAVADA İMZALANAN MÜQAVİLƏ"))
    assert [(f.source_excerpt, f.target_excerpt) for f in flags] == [("VIENNA", "VARŞAVADA")]


def test_in_a_summary_a_name_in_place_of_an_omitted_one_is_minor() -> None:
    flags = run("He praised the trade between Japan and Russia.", "Qoto Rusiya ilə ticarəti təriflədi.",
                mode="summary")  # fmt: skip
    assert [(f.severity, f.target_excerpt) for f in flags] == [("minor", "Qoto")]
