"""Offsets index the file as read, whatever its line endings and Unicode normal form; white space in a
sentence stays as written; a heading is not merged with the sentence after it."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Literal

from hypothesis import given, settings
from hypothesis import strategies as st

from bitext.ingest import clean, read_text
from bitext.segment import normalise_space, segment
from conftest import SEED

Form = Literal["NFC", "NFD", "NFKC", "NFKD"]


def _flat(text: str) -> str:
    """What a sentence and its slice of the file must agree on: NFC, white space as single spaces."""
    return normalise_space(unicodedata.normalize("NFC", text))


def _variant(text: str, newline: str, form: Form) -> str:
    return unicodedata.normalize(form, text).replace("\n", newline)


def _sentences(raw: str, lang: str = "en") -> list[tuple[str, int, int]]:
    return [(s.text, s.start, s.end) for s in segment(clean(raw), lang)]


# Words with letters that NFD decomposes (é, ç, ü, ş, ə has no decomposition, ő...), no markup, digits or
# hyphens: those are cleanup's business (footnote marks, page numbers, hyphenation), tested elsewhere.
_word = st.text(alphabet="abcdeéçüşəőñıkmnoprstvzâ", min_size=1, max_size=8)
_gap = st.sampled_from([" ", " ", " ", "\u00a0", "\t", "  "])


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(_word, min_size=3, max_size=9))
    gaps = [draw(_gap) for _ in words[1:]]
    text = words[0].capitalize() + "".join(g + w for g, w in zip(gaps, words[1:], strict=True))
    return text + draw(st.sampled_from([".", "!", "?"]))


@st.composite
def _document(draw: st.DrawFn) -> str:
    paragraphs = []
    for _ in range(draw(st.integers(1, 4))):
        sentences = draw(st.lists(_sentence(), min_size=1, max_size=4))
        # a paragraph may be wrapped over several lines
        paragraphs.append("".join(s + draw(st.sampled_from([" ", "\n"])) for s in sentences).strip())
    return "\n\n".join(paragraphs) + "\n"


@settings(max_examples=60, deadline=None)
@given(
    doc=_document(),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    form=st.sampled_from(["NFC", "NFD"]),
)
def test_offsets_slice_the_file_as_read(doc: str, newline: str, form: Form) -> None:
    raw = _variant(doc, newline, form)
    sentences = _sentences(raw)
    assert sentences
    for text, start, end in sentences:
        piece = raw[start:end]
        assert _flat(piece) == _flat(text), (piece, text)
        assert not piece[0].isspace() and not piece[-1].isspace()
        assert not unicodedata.combining(raw[end]) if end < len(raw) else True  # no accent cut off
    # the same document read any other way gives the same sentences
    assert [t for t, _, _ in sentences] == [t for t, _, _ in _sentences(_variant(doc, "\n", "NFC"))]


def test_seed_offsets_hold_for_crlf_and_nfd(tmp_path: Path) -> None:
    original = read_text(SEED)
    path = tmp_path / "seed-crlf-nfd.md"
    path.write_bytes(_variant(original, "\r\n", "NFD").encode("utf-8"))
    raw = read_text(path)
    assert "\r\n" in raw  # read as it is on disk

    def matching(text: str) -> tuple[int, int]:
        cleaned = clean(text)
        sentences = segment(cleaned, "en")
        same = sum(_flat(text[s.start : s.end]) == _flat(s.text) for s in sentences)
        return same, len(sentences)

    lf_same, lf_total = matching(original)
    variant_same, variant_total = matching(raw)
    assert (variant_same, variant_total) == (lf_same, lf_total)
    # what does not match is what cleanup changed on purpose (markup, footnote marks, hyphens)
    assert lf_same >= 0.8 * lf_total


def test_white_space_kept_as_written() -> None:
    raw = "Le prix\u00a0: 10\u00a0000\u00a0€.\tSuite  ici.\nLa ligne\ncontinue ici."
    texts = [s.text for s in segment(clean(raw), "fr")]
    assert texts[0] == "Le prix\u00a0: 10\u00a0000\u00a0€."
    assert "Suite  ici." in texts  # two spaces as written
    assert "La ligne continue ici." in texts  # a wrapped line reads as one space
    pre = [s.text for s in segment(clean("Un\u00a0: deux\ttrois.\n"), "fr", presegmented=True)]
    assert pre == ["Un\u00a0: deux\ttrois."]


def test_removed_mark_leaves_one_space() -> None:
    raw = "The treaty <sup>3</sup> was signed."
    assert [s.text for s in segment(clean(raw), "en")] == ["The treaty was signed."]


def test_headline_not_merged_with_first_sentence() -> None:
    raw = (
        "Macedonians go to polls in referendum on changing country's name\n\n"
        "Voters will vote Sunday on whether to change the country's name. The vote is close.\n"
    )
    texts = [s.text for s in segment(clean(raw), "en")]
    assert texts[0] == "Macedonians go to polls in referendum on changing country's name"
    assert texts[1].startswith("Voters will vote Sunday")
    # a different language, the same rule
    headline = "Parlament yeni qanun layihəsini müzakirə etməyə başlayır"
    az = headline + "\n\nDeputatlar bu gün toplaşacaqlar. Səsvermə sabahdır.\n"
    assert next(s.text for s in segment(clean(az), "az")) == headline


def test_cut_sentences_still_rejoined() -> None:
    cut = "He said that the long and difficult talks with the delegation"
    page = cut + "\n\n\f\n\nWould go on. Then he left.\n"
    assert next(s.text for s in segment(clean(page), "en")) == cut + " Would go on."
    lower = "Several short sentences came first. The talks with the delegation\n\nwent on until May.\n"
    assert "The talks with the delegation went on until May." in [s.text for s in segment(clean(lower), "en")]
    hyphen = "The committee met and the whole matter was discussed at great len-\n\ngth in the spring.\n"
    assert "at great length in the spring" in segment(clean(hyphen), "en")[0].text


def test_ntrex_headlines_stay_apart() -> None:
    """On NTREX's English news documents written as plain text (headline, blank line, body), no
    headline is merged into the first sentence after it."""
    from conftest import SHARED

    folder = SHARED / "eval" / "ntrex-en-az"
    if not (folder / "dev.en").exists():
        import pytest

        pytest.skip(f"{folder} is not here")
    lines = (folder / "dev.en").read_text(encoding="utf-8").splitlines()
    docs = (folder / "dev.docs").read_text(encoding="utf-8").splitlines()
    merged = 0
    by_doc: dict[str, list[str]] = {}
    for name, line in zip(docs, lines, strict=True):
        by_doc.setdefault(name, []).append(line)
    for body in by_doc.values():
        headline, rest = body[0], body[1:]
        if not rest or re.search(r"[.!?]$", headline):
            continue
        raw = headline + "\n\n" + "\n\n".join(rest) + "\n"
        first = segment(clean(raw), "en")[0].text
        merged += first != headline.strip()
    assert merged == 0


def test_align_keeps_the_tags_the_user_gave(tmp_path: Path) -> None:
    """`bitext align --source-lang en-US` keeps en-US on the side; detection and segmentation use en."""
    import pytest

    from bitext.errors import InputError
    from bitext.pipeline import AlignOptions, _parts_from_pair, validate_lang

    src, tgt = tmp_path / "a.txt", tmp_path / "b.txt"
    src.write_text("The colour of the centre. It was grey.\n", encoding="utf-8")
    tgt.write_text("Mərkəzin rəngi. Boz idi.\n", encoding="utf-8")
    a, b = _parts_from_pair(
        src, tgt, AlignOptions(source_lang="en-gb", target_lang="az_latn"), lambda _: None
    )
    assert (a.lang, b.lang) == ("en-GB", "az-Latn")
    assert [s.text for s in a.sentences] == ["The colour of the centre.", "It was grey."]
    validate_lang("pt-BR")
    with pytest.raises(InputError, match="unknown language code"):
        validate_lang("xx-YY")
