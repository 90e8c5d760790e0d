"""The shared text helpers: one case folding, one name skeleton (from data), clipping, language names."""

from __future__ import annotations

import pytest

from bitext.text import WORD_RE, clip, fold, language_name, skeleton


@pytest.mark.parametrize("text", ["İstanbul'da IŞIQ", "Straße ﬁne", "Tom’un QƏRB-də", "ǅemal"])
def test_fold_keeps_every_offset(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    for m in WORD_RE.finditer(text):
        assert folded[m.start() : m.end()] == fold(m.group())


def test_fold_is_each_letter_lowercased_on_its_own() -> None:
    # Every letter folds to one letter, whatever stands beside it: a capital sigma ending a Greek word
    # stays 'σ' (str.lower() alone would write 'ς'), and a letter without a one-letter lowercase stays.
    assert fold("ΟΔΟΣ ΣΑΣ") == "οδοσ σασ"
    for code in range(0x110000):
        letter = chr(code)
        if 0xD800 <= code < 0xE000 or letter in "İIı’":
            continue
        low = letter.lower()
        assert fold(f"A{letter}Σ") == "a" + (low if len(low) == 1 else letter) + "σ", hex(code)


def test_fold_merges_the_turkic_i_letters_and_apostrophes() -> None:
    assert fold("İLK ışıq Iraq") == "ilk işiq iraq"
    assert fold("Tom’un") == fold("Tom'un") == "tom'un"


@pytest.mark.parametrize(
    ("a", "b"),
    [("Şimpey", "Shimpei"), ("Qaraxan", "Karakhan"), ("Çiçerin", "Chicherin"), ("Хабаровск", "Khabarovsk")],
)
def test_one_name_in_two_spellings_has_one_skeleton(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


def test_skeleton_follows_the_transliteration_data() -> None:
    # data/names/translit.json: q and g both become k, ğ is dropped, Cyrillic is romanised first.
    assert skeleton("Qoto") == skeleton("Goto") == "koto"
    assert skeleton("Чичерин") == skeleton("Chicherin")


def test_words_keep_inner_apostrophes_and_stop_at_digits_and_hyphens() -> None:
    assert WORD_RE.findall("Tom'un 1925-ci Şimal-Şərqi don’t") == ["Tom'un", "ci", "Şimal", "Şərqi", "don’t"]


def test_clip_puts_text_on_one_line_within_the_width() -> None:
    assert clip("a  short\ntext", 20) == "a short text"
    assert clip("The Caspian Sea is the largest lake", 12) == "The Caspian…"
    assert len(clip("x" * 50, 10)) == 10


def test_language_names_ignore_region_tags_and_fall_back_to_the_code() -> None:
    assert language_name("en-GB") == language_name("EN") == "English"
    assert language_name("az_AZ") == "Azerbaijani"
    assert language_name("xx") == "xx"


@pytest.mark.parametrize(
    "text",
    [
        "„Líkja má fyrstu merkjum“, segir hann.",  # Icelandic, German, Czech, Polish opening quote
        "Er sagte: „Kein Mensch kam.“",
        "‚Nie wieder‘, sagte sie.",
        "Il dit : « Personne n'est venu. »",
    ],
)
def test_a_word_after_an_opening_quotation_mark_opens_its_sentence(text: str) -> None:
    from bitext.text import WORD_RE, opens_sentence

    first_capital = next(m for m in WORD_RE.finditer(text) if m.group(0)[:1].isupper() and m.start() > 0)
    assert opens_sentence(text, first_capital.start())


def test_a_sentence_opening_is_read_from_the_marks_before_the_word_alone() -> None:
    # the bounded reading agrees with the pattern applied to the whole text before the word, on texts of
    # sentence ends, quotes, brackets, dashes, spaces and words, some with runs of spaces longer than the
    # stretch it reads first
    import random

    from bitext.text import _OPENING, opens_sentence

    pieces = ["a", "Bc", " ", "  ", "\n", ".", "!", "?", ":", ";", "…", '"', "'", "”", "»", "«", ")",
              "(", "[", "—", "-", " " * 150]  # fmt: skip
    rng = random.Random(7)
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        for start in range(len(text) + 1):
            assert opens_sentence(text, start) == bool(_OPENING.search(text[:start])), (text, start)
    long_gap = "He left." + " " * 300 + "Then"
    assert opens_sentence(long_gap, len(long_gap) - 4)
    assert not opens_sentence("x" * 1000 + " then", 1001)
