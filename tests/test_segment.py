"""segment(): abbreviations, initials, list items, offsets into the original text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bitext.ingest import CleanText, clean, read_text, split_languages
from bitext.segment import SEGMENTER_NAME, segment

SEED = Path(__file__).parents[1] / "texts" / "ismailov-1925-japanese-recognition-of-the-ussr.md"


def texts(text: str, lang: str) -> list[str]:
    return [s.text for s in segment(CleanText.identity(text), lang)]


def test_azerbaijani_abbreviations_dates_and_initials() -> None:
    paragraph = (
        "Müqavilə 20 yan. 1925-ci ildə Pekində imzalandı. Kitablar, jurnallar və s. gətirildi. "
        "Məqaləni prof. Ə. Məmmədov və Gursel Q. İSMAYILOV yazdı. Tədbir 5 okt. tarixində keçirildi! "
        "Nə üçün? Çünki vaxt az idi və s. Sonra hamı evə qayıtdı."
    )
    assert texts(paragraph, "az") == [
        "Müqavilə 20 yan. 1925-ci ildə Pekində imzalandı.",
        "Kitablar, jurnallar və s. gətirildi.",
        "Məqaləni prof. Ə. Məmmədov və Gursel Q. İSMAYILOV yazdı.",
        "Tədbir 5 okt. tarixində keçirildi!",
        "Nə üçün?",
        "Çünki vaxt az idi və s.",
        "Sonra hamı evə qayıtdı.",
    ]


def test_english_abbreviations_and_initials() -> None:
    paragraph = (
        "Dr. Smith met Prof. J. R. Jones in St. Petersburg on Jan. 5. He had a M.D. from Edinburgh, "
        "see pp. 12-14 of vol. 2, e.g. the appendix. They spoke of trade, fishing, etc. The talks failed."
    )
    assert texts(paragraph, "en") == [
        "Dr. Smith met Prof. J. R. Jones in St. Petersburg on Jan. 5.",
        "He had a M.D. from Edinburgh, see pp. 12-14 of vol. 2, e.g. the appendix.",
        "They spoke of trade, fishing, etc.",
        "The talks failed.",
    ]


def test_numbered_items_stay_in_their_sentence() -> None:
    paragraph = (
        "The demands were: 1) a treaty; 2) an end to the war. 3) a new border. "
        "Nobody agreed. Then the delegates went home."
    )
    assert texts(paragraph, "en") == [
        "The demands were: 1) a treaty; 2) an end to the war. 3) a new border.",
        "Nobody agreed.",
        "Then the delegates went home.",
    ]


def test_paragraphs_and_line_breaks() -> None:
    text = (
        "First sentence of one paragraph\nwrapped over a line. Second.\n\nNew paragraph without stop\n\nLast."
    )
    assert texts(text, "en") == [
        "First sentence of one paragraph wrapped over a line.",
        "Second.",
        "New paragraph without stop",
        "Last.",
    ]


def test_presegmented_one_sentence_per_line() -> None:
    text = "  One. Two in one line.\n\nThree\n   \nFour?\n"
    sentences = segment(CleanText.identity(text), "en", presegmented=True)
    assert [s.text for s in sentences] == ["One. Two in one line.", "Three", "Four?"]
    assert [s.id for s in sentences] == [0, 1, 2]
    assert text[sentences[0].start : sentences[0].end] == "One. Two in one line."


def test_offsets_point_into_the_original_after_cleanup() -> None:
    original = (
        "The nego-\ntiations were **long**<sup>3</sup>. They ended in the\n\n14\n\nspring of 1925.\n\n"
        "<sup>3</sup> Smith, p. 4."
    )
    sentences = segment(clean(original), "en")
    assert [s.text for s in sentences] == ["The negotiations were long.", "They ended in the spring of 1925."]
    first, second = sentences
    assert original[first.start : first.end] == "The nego-\ntiations were **long**<sup>3</sup>."
    assert original[second.start : second.end].startswith("They ended in the")
    assert original[second.start : second.end].endswith("spring of 1925.")


def test_seed_summary_and_article() -> None:
    original = read_text(SEED)
    english, azerbaijani = split_languages(clean(original))
    az = segment(azerbaijani.text, "az")
    en = segment(english.text, "en")
    assert 30 <= len(az) <= 40 and 130 <= len(en) <= 160
    az_texts = [s.text for s in az]
    assert "Yaponiya bolşeviklərin güclü müqavimətinə rast gəldi." in az_texts
    assert "300-dən artıq yapon Nikolayevskdə qətlə yetirildi." in az_texts
    assert "Gursel Q. İSMAYILOV" in az_texts
    assert any(t.startswith("Burada səd üçüncü dövlətin") for t in az_texts)  # page break rejoined
    for sentence in az + en:
        span = re.sub(r"<[^>]+>|\*", "", original[sentence.start : sentence.end])
        for word in re.findall(r"\w{4,}", sentence.text)[:3] + re.findall(r"\w{4,}", sentence.text)[-2:]:
            # a word rejoined from "mühari-bəyə" is found without its hyphen
            assert word in re.sub(r"-\s*", "", span) or word in span, (word, span)
    assert [s.id for s in en] == list(range(len(en)))


def test_segmenter_name() -> None:
    assert SEGMENTER_NAME.startswith("sentencex-")


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "pl",
            "Przyjechał m.in. prof. Nowak. Było to np. w 2021 r. w Krakowie. Potem wyjechał.",
            ["Przyjechał m.in. prof. Nowak.", "Było to np. w 2021 r. w Krakowie.", "Potem wyjechał."],
        ),
        ("is", "Hún kom t.d. kl. 8 í morgun. Svo fór hún.", ["Hún kom t.d. kl. 8 í morgun.", "Svo fór hún."]),
    ],
)
def test_abbreviations_of_other_languages(lang: str, text: str, expected: list[str]) -> None:
    assert [s.text for s in segment(CleanText.identity(text), lang)] == expected
