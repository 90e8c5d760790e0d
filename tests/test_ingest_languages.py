"""split_languages: sections of one language, headings with what they introduce."""

from __future__ import annotations

from pathlib import Path

import pytest

from bitext.errors import InputError
from bitext.ingest import CleanText, clean, read_text, split_languages

SEED = Path(__file__).parents[1] / "texts" / "ismailov-1925-japanese-recognition-of-the-ussr.md"

EN = (
    "The committee met on Monday to discuss the new budget. Several members argued that the "
    "spending on roads was far too high, while others wanted more money for schools."
)
AZ = (
    "Komitə bazar ertəsi yeni büdcəni müzakirə etmək üçün toplandı. Bir neçə üzv yollara çəkilən "
    "xərclərin çox yüksək olduğunu bildirdi, digərləri isə məktəblər üçün daha çox pul istədi."
)


def test_article_and_summary() -> None:
    text = f"Budget Debate\n\n{EN}\n\n{EN}\n\nXülasə\n\n{AZ}\n\nM. Əliyev"
    sections = split_languages(clean(text))
    assert [s.lang for s in sections] == ["en", "az"]
    english, azerbaijani = sections
    assert english.text.text.startswith("Budget Debate")
    assert azerbaijani.text.text.startswith("Xülasə")  # a heading goes with what it introduces
    assert azerbaijani.text.text.endswith("M. Əliyev")
    assert text[english.start : english.end].startswith("Budget Debate")
    assert text[azerbaijani.start : azerbaijani.end].endswith("M. Əliyev")


def test_mixed_paragraph_is_cut() -> None:
    sections = split_languages(CleanText.identity(f"{EN} {AZ}"), ["en", "az"])
    assert [s.lang for s in sections] == ["en", "az"]
    assert sections[1].text.text.startswith("Komitə")


def test_one_language_gives_one_section() -> None:
    sections = split_languages(clean(f"{EN}\n\n12\n\n{EN}"))
    assert [s.lang for s in sections] == ["en"]


def test_unknown_language_code() -> None:
    with pytest.raises(InputError, match="unknown language code"):
        split_languages(CleanText.identity(EN), ["en", "xx"])


def test_seed_english_article_and_azerbaijani_summary() -> None:
    original = read_text(SEED)
    sections = split_languages(clean(original))
    assert [s.lang for s in sections] == ["en", "az"]
    english, azerbaijani = sections
    assert english.text.text.startswith("JAPANESE RECOGNITION OF THE USSR 1925")
    assert english.text.text.endswith("pact.")
    assert "1925-Cİ İLDƏ YAPONİYANIN" in azerbaijani.text.text[:80]
    assert azerbaijani.text.text.endswith("ziddiyyət yaratmışdı.")
    for section in sections:
        assert "Hasegawa, p." not in section.text.text and "Sophia University" not in section.text.text
    assert english.end <= azerbaijani.start


IS = (
    "Nefndin kom saman á mánudaginn til að ræða nýju fjárhagsáætlunina. Nokkrir nefndarmenn héldu því "
    "fram að útgjöld til vega væru allt of há, en aðrir vildu meiri peninga til skólanna."
)
PL = (
    "Komisja zebrała się w poniedziałek, aby omówić nowy budżet. Kilku członków twierdziło, że wydatki "
    "na drogi są zdecydowanie za wysokie, a inni chcieli więcej pieniędzy na szkoły."
)


def test_every_language_lingua_knows_is_a_candidate() -> None:
    # Icelandic is none of the languages the shipped data started with; it must not come out Turkish
    sections = split_languages(clean(f"{EN}\n\n{IS}"))
    assert [s.lang for s in sections] == ["en", "is"]
    assert [s.lang for s in split_languages(clean(f"{PL}\n\n{EN}"))] == ["pl", "en"]


def test_a_named_set_of_languages_limits_detection() -> None:
    # restricted to English and Turkish, the Icelandic paragraph can only be one of those two
    sections = split_languages(clean(f"{EN}\n\n{IS}"), ["en", "tr"])
    assert {s.lang for s in sections} <= {"en", "tr"}
    assert [s.lang for s in split_languages(clean(f"{EN}\n\n{IS}"), ["all"])] == ["en", "is"]
