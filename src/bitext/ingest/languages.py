"""Split a cleaned document into runs of one language (an article and its summary, say).

Each paragraph is labelled with lingua; a long paragraph that mixes languages is cut where
``detect_multiple_languages_of`` says. Short fragments (names, numbers, a heading such as "Xülasə")
are no evidence: they join the section that follows them when they sit between two languages,
because a heading belongs to what it introduces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from bitext.errors import InputError
from bitext.ingest.tracked import CleanText

if TYPE_CHECKING:
    from lingua import LanguageDetector

DEFAULT_LANGUAGES: tuple[str, ...] = ("en", "az", "tr", "ru", "de", "fr")
_MIN_LETTERS = 25  # fewer letters than this is a name, a number or a heading: no evidence
_MIN_MIXED_SEGMENT = 60  # a language switch inside a paragraph must cover at least this many letters
_MIXED_CHECK = 200  # only paragraphs this long are checked for a switch of language
_PARAGRAPH = re.compile(r"[^\n](?:[^\n]|\n(?!\n))*")

Label = tuple[int, int, str | None]  # clean start, clean end, language or None (no evidence)


@dataclass(frozen=True, slots=True)
class LanguageSection:
    """A maximal run of one language; ``start``/``end`` are offsets into the original text."""

    lang: str
    text: CleanText
    start: int
    end: int


@lru_cache(maxsize=8)
def _detector(codes: tuple[str, ...]) -> LanguageDetector:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = []
    for code in codes:
        try:
            languages.append(Language.from_iso_code_639_1(IsoCode639_1.from_str(code.lower())))
        except ValueError:
            raise InputError(
                f"unknown language code {code!r}; give an ISO 639-1 code such as en, az, tr, ru"
            ) from None
    return LanguageDetectorBuilder.from_languages(*languages).build()


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _label_paragraph(detector: LanguageDetector, text: str, start: int, end: int) -> list[Label]:
    paragraph = text[start:end]
    if _letters(paragraph) < _MIN_LETTERS:
        return [(start, end, None)]
    if len(paragraph) >= _MIXED_CHECK:
        parts = [
            (start + r.start_index, start + r.end_index, r.language.iso_code_639_1.name.lower())
            for r in detector.detect_multiple_languages_of(paragraph)
        ]
        if len({lang for _, _, lang in parts}) > 1 and all(
            _letters(text[a:b]) >= _MIN_MIXED_SEGMENT for a, b, _ in parts
        ):
            return [(a, b, lang) for a, b, lang in parts]
    found = detector.detect_language_of(paragraph)
    return [(start, end, found.iso_code_639_1.name.lower() if found else None)]


def _fill_gaps(labels: list[Label]) -> list[tuple[int, int, str]]:
    """Give each no-evidence stretch the language of the next labelled stretch (the one it
    introduces), or of the previous one at the end of the document."""
    known = [lang for _, _, lang in labels if lang]
    if not known:
        return []
    filled: list[tuple[int, int, str]] = []
    following: str = known[-1]
    for start, end, lang in reversed(labels):
        following = lang or following
        filled.append((start, end, following))
    filled.reverse()
    return filled


def _runs(labels: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    runs: list[tuple[int, int, str]] = []
    for start, end, lang in labels:
        if runs and runs[-1][2] == lang:
            runs[-1] = (runs[-1][0], end, lang)
        else:
            runs.append((start, end, lang))
    return runs


def _absorb_islands(runs: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """A short run between two runs of one language (a quoted phrase, a misread paragraph of a
    close language such as Turkish inside Azerbaijani) belongs to its surroundings."""
    changed = True
    while changed and len(runs) >= 3:
        changed = False
        for k in range(1, len(runs) - 1):
            before, island, after = runs[k - 1], runs[k], runs[k + 1]
            small = _letters(text[island[0] : island[1]]) < min(
                _letters(text[before[0] : before[1]]), _letters(text[after[0] : after[1]])
            )
            if before[2] == after[2] and small:
                runs[k - 1 : k + 2] = [(before[0], after[1], before[2])]
                changed = True
                break
    return runs


def split_languages(clean: CleanText, languages: Sequence[str] | None = None) -> list[LanguageSection]:
    """Cut ``clean`` into maximal runs of one language, in document order.

    ``languages`` are ISO 639-1 codes of the candidates (default: :data:`DEFAULT_LANGUAGES`).
    A text in one language gives one section; a text with no detectable language gives none.
    """
    codes = tuple(dict.fromkeys(code.lower() for code in (languages or DEFAULT_LANGUAGES)))
    detector = _detector(codes)
    text = clean.text
    labels: list[Label] = []
    for match in _PARAGRAPH.finditer(text):
        labels.extend(_label_paragraph(detector, text, match.start(), match.end()))
    runs = _absorb_islands(_runs(_fill_gaps(labels)), text)
    sections = []
    for start, end, lang in runs:
        piece = clean.slice(start, end)
        lead = len(piece.text) - len(piece.text.lstrip())
        piece = piece.slice(lead, len(piece.text.rstrip()))
        if piece.text:
            sections.append(LanguageSection(lang, piece, piece.offsets[0], piece.offsets[-1]))
    return sections
