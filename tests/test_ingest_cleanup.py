"""clean(): every rule on text of our own, plus the seed document."""

from __future__ import annotations

from pathlib import Path

import pytest

from bitext.ingest import CleanText, clean, read_text
from bitext.ingest.hyphenation import dehyphenate

SEED = Path(__file__).parents[1] / "texts" / "ismailov-1925-japanese-recognition-of-the-ussr.md"


def assert_offsets_faithful(original: str, result: CleanText) -> None:
    """Every clean character that is a letter or digit comes from the same character."""
    assert len(result.offsets) == len(result.text) + 1
    for ch, at in zip(result.text, result.offsets, strict=False):
        if ch.isalnum():
            assert original[at] == ch, (ch, at)
    assert list(result.offsets[:-1]) == sorted(result.offsets[:-1])


def test_markdown_markup_is_removed() -> None:
    text = (
        "# A Heading\n\nThe **treaty** was *signed* in the 19<sup>th</sup> century<sup>12</sup>.<br/>"
        "It used `code` and a [link](http://x.org) and &amp; sign.\n\n"
        "```\nfenced text stays\n```\n"
    )
    result = clean(text)
    assert result.text == (
        "A Heading\n\nThe treaty was signed in the 19th century. It used code and a link and & sign."
        "\n\nfenced text stays"
    )
    assert_offsets_faithful(text, result)


def test_glued_footnote_digits_and_unicode_superscripts() -> None:
    result = clean("Suspicion characterized their relations1. Water is H2O, area 5 km2 and 1925³ x.")
    assert "relations." in result.text
    assert "H2O" in result.text and "km2" in result.text and "1925 x" in result.text


def test_page_numbers_and_running_heads() -> None:
    text = (
        "The first paragraph of the essay ends here.\n\n"
        "7\n\nJOURNAL OF SOMETHING STUDIES\n\n"
        "Another paragraph talks about other matters.\n\n"
        "8 Jane R. DOE\n\n"
        "Yet another paragraph closes the page.\n\n"
        "JOURNAL OF SOMETHING STUDIES 9\n\n"
        "2 Related Work\n\nThe last paragraph."
    )
    result = clean(text)
    assert "JOURNAL" not in result.text and "DOE" not in result.text
    assert "\n7\n" not in result.text
    # a numbered section heading is not a running head
    assert "2 Related Work" in result.text


def test_notes_list_and_bibliography_are_removed() -> None:
    text = (
        "Ali went home.\n\n"
        "<sup>1</sup> J. Smith, A Book (Oxford, 1990), p. 4.\n"
        "<sup>2</sup> Ibid, 17.\n\n"
        "3 Smith, p. 22.\n\n"
        "## References\n\n"
        "1. Smith, J. A Book, Oxford, 1990.\n"
        "2. Doe, R. Another, London, 2001.\n\n"
        "Xülasə\n\n"
        "Əli evə getdi və orada çox qaldı."
    )
    result = clean(text)
    assert result.text == "Ali went home.\n\nXülasə\n\nƏli evə getdi və orada çox qaldı."


@pytest.mark.parametrize("heading", ["Ədəbiyyat", "ЛИТЕРАТУРА", "**Bibliography**", "Works cited:"])
def test_bibliography_headings_in_several_languages(heading: str) -> None:
    text = f"Body text here.\n\n{heading}\n\n- Ivanov I. I., Kniga, Moskva, 1978\n\nSummary text here."
    assert clean(text).text == "Body text here.\n\nSummary text here."


def test_line_break_hyphenation() -> None:
    text = "The negoti-\nations went on. A well-\nknown man, a well-known fact."
    result = clean(text)
    # a compound attested elsewhere keeps its hyphen; a plain break is joined
    assert result.text == "The negotiations went on. A well-known man, a well-known fact."
    assert_offsets_faithful(text, result)


def test_inline_hyphenation_left_by_converters() -> None:
    text = (
        "Kənd təsərrüfatı inki-şaf etdi. Rus-Yapon müharibəsi 1904-1905 illərdə oldu; Sovet- Yapon "
        "danışıqları. Yapo-niya və Yaponiya. Forty-five days, five men and long-term plans for a long time."
    )
    result = dehyphenate(CleanText.identity(text)).text
    assert "inkişaf" in result  # "inki" never stands alone
    assert "Rus-Yapon" in result and "1904-1905" in result and "Sovet- Yapon" in result
    assert "Yaponiya və Yaponiya" in result  # the joined form occurs elsewhere
    assert "Forty-five" in result  # "five" is a word of its own here
    assert "long-term" in result  # "long" is a word of its own here


def test_rejoin_sentence_cut_by_page_break() -> None:
    text = (
        "He argued that an agreement with the neighbours\n\n"
        "12\n\n"
        "would secure the border for many years. In February 1925, the\n\n"
        "Parliament of the country ratified the long agreement at last.\n\n"
        "Summary\n\n"
        "A new paragraph starts here with a capital."
    )
    result = clean(text)
    assert "neighbours\nwould secure" in result.text  # one paragraph now: the segmenter reads a space
    assert "1925, the\nParliament" in result.text
    assert "Summary\n\nA new paragraph" in result.text
    assert_offsets_faithful(text, result)


def test_seed_document() -> None:
    original = read_text(SEED)
    result = clean(original)
    text = result.text
    for gone in ("<sup>", "**", "BIBLIOGRAPHY", "Ibid", "Hosoya, p. 391", "Вербицкий", "ISMAILOV\n\nwould"):
        assert gone not in text
    assert "10 Gursel" not in text and "\n12\n" not in text
    for joined in ("müharibəyə", "siyasətin", "dairələrinin", "treaty with Russia\nwould forestall"):
        assert joined in text
    for kept in ("Rus-Yapon", "1904-1905", "Russo-Japanese", "Sovet- Yapon"):
        assert kept in text
    assert "a Soviet expression of regret\nwould be sufficient" in text
    assert_offsets_faithful(original, result)


def test_offsets_survive_arbitrary_input() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from(
        ["word", "Söz", " ", "\n", "\n\n", "-", "-\n", "**", "*", "<sup>2</sup>", "12", "#", "p. 4", ".", "ə"]
    )

    @settings(max_examples=150, deadline=None)
    @given(st.lists(pieces, max_size=40).map("".join))
    def check(text: str) -> None:
        assert_offsets_faithful(text, clean(text))

    check()
