"""Sentence segmentation with offsets into the original file.

sentencex does the splitting. It has no rules for some languages (Azerbaijani among them) and
splits after abbreviations it does not know ("20 yan. 1925"), so before calling it the dots of
known abbreviations (``data/abbreviations/<lang>.txt``) and of initials ("Gursel Q. İSMAYILOV")
are replaced by a placeholder of the same length, and the real text is put back afterwards. Keeping
the length keeps every offset valid.

Numbered items "1) ... 2) ..." inside a paragraph stay in the sentence that introduces them. A sentence
longer than :data:`bitext.limits.MAX_SENTENCE_CHARS` is cut after a clause or at a space; with
``presegmented`` the lines are kept as the user wrote them (their numbers are the sentence ids).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources

from bitext.ingest.tracked import CleanText
from bitext.langtags import primary
from bitext.limits import MAX_SENTENCE_CHARS, bounded_spans
from bitext.model import Sentence

SEGMENTER_NAME = f"sentencex-{metadata.version('sentencex')}+abbr"

_PLACEHOLDER = "\ue000"  # private-use character: never a sentence end, never in real text
_PARAGRAPH = re.compile(r"[^\n](?:[^\n]|\n(?!\n))*")
_LINE = re.compile(r"[^\n]+")
# A single capital letter with a dot before a capital letter: an initial, not a sentence end.
_INITIAL = re.compile(r"(?<![^\W\d_])[^\W\d_](\.)(?=\s?[^\W\d_])")
# A dot glued to the next letter ("E.Goodby", "GurselG.ISMAILOV"): an abbreviation or an OCR join.
_GLUED_DOT = re.compile(r"(?<=[^\W\d_])\.(?=[^\W\d_])")
_LIST_ITEM = re.compile(r"^\(?(?:\d{1,2}|[a-z])\)\s")
_WORDY = re.compile(r"\w")
_CLAUSE_END = re.compile(r"[,;:—–)\]]\s")


@dataclass(frozen=True, slots=True)
class _Abbreviation:
    pattern: re.Pattern[str]
    only_mid_sentence: bool


def _compile(entry: str) -> _Abbreviation:
    only_mid = entry.startswith("~")
    entry = entry.lstrip("~").strip()
    # "və s." / "т.д.": the dots inside may or may not be followed by a space
    body = r"\s?".join(re.escape(part) for part in re.split(r"(?<=\.)\s*", entry) if part)
    body = body.replace(r"\ ", r"\s+")
    return _Abbreviation(re.compile(rf"(?<![\w.]){body}", re.IGNORECASE), only_mid)


@lru_cache(maxsize=32)
def abbreviations(lang: str) -> tuple[_Abbreviation, ...]:
    """The abbreviation list of ``lang`` (empty when there is no data file for it)."""
    if not re.fullmatch(r"[a-z]{2,3}", lang):
        return ()
    data = resources.files("bitext") / "data" / "abbreviations" / f"{lang}.txt"
    if not data.is_file():
        return ()
    entries = data.read_text(encoding="utf-8").splitlines()
    return tuple(_compile(e) for e in entries if e.strip() and not e.lstrip().startswith("#"))


def _next_word_continues(text: str, end: int) -> bool:
    rest = text[end:].lstrip(" \t\n")
    return bool(rest) and (rest[0].islower() or rest[0].isdigit() or rest[0] in ",;:)")


def protect(text: str, lang: str) -> tuple[str, set[int]]:
    """``text`` with the dots of abbreviations and initials replaced by a placeholder, and the
    positions just after a "~" abbreviation that does end its sentence ("... və s. Sonra"), where
    the segmenter must split even though it would not on its own (it takes "s." for an initial)."""
    chars = list(text)
    ends: set[int] = set()
    for abbreviation in abbreviations(lang):
        for match in abbreviation.pattern.finditer(text):
            if abbreviation.only_mid_sentence and not _next_word_continues(text, match.end()):
                if text[match.end() :].strip():
                    ends.add(match.end())
                continue
            for i in range(match.start(), match.end()):
                if chars[i] == ".":
                    chars[i] = _PLACEHOLDER
    for match in _INITIAL.finditer(text):
        if text[match.start()].isupper():
            chars[match.start(1)] = _PLACEHOLDER
    for match in _GLUED_DOT.finditer(text):
        chars[match.start()] = _PLACEHOLDER
    return "".join(chars), ends


def _cut(pieces: list[str], ends: set[int]) -> list[str]:
    """Split the segmenter's pieces further at the forced sentence ends."""
    result: list[str] = []
    pos = 0
    for piece in pieces:
        cuts = sorted(e - pos for e in ends if pos < e < pos + len(piece))
        last = 0
        for cut in cuts:
            result.append(piece[last:cut])
            last = cut
        result.append(piece[last:])
        pos += len(piece)
    return result


def _split(paragraph: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph (offsets within it), stripped, list items merged."""
    import sentencex  # a compiled extension: load it only when segmenting

    protected, ends = protect(paragraph, lang)
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in _cut(list(sentencex.segment(lang, protected.replace("\n", " "))), ends):
        start, end = pos, pos + len(piece)
        pos = end
        while start < end and paragraph[start].isspace():
            start += 1
        while end > start and paragraph[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        text = paragraph[start:end]
        # a lone "3) ..." item or stray punctuation belongs to the sentence before it
        if spans and (_LIST_ITEM.match(text) or not _WORDY.search(text)):
            spans[-1] = (spans[-1][0], end)
        elif _WORDY.search(text):
            spans.append((start, end))
    return spans


_WHITE = re.compile(r"\s+")


def as_written(clean: CleanText, start: int, end: int) -> str:
    """The text of clean characters ``start:end`` with white space as the file has it.

    A run of white space that holds a line break (a wrapped line, a rejoined page) becomes one space;
    any other run (a tab, a no-break space, two spaces) stays as written, so that a segment exported
    to a translation memory still matches its source file in a CAT tool. Compare texts with
    :func:`normalise_space` when the difference must not count.
    """
    text = clean.text[start:end]
    return _WHITE.sub(lambda m: " " if "\n" in m.group() else m.group(), text)


def normalise_space(text: str) -> str:
    """White space for comparison only: every run of it as one space."""
    return " ".join(text.split())


def _sentence(clean: CleanText, index: int, start: int, end: int) -> Sentence:
    original_start, original_end = clean.span(start, end)
    return Sentence(index, as_written(clean, start, end), original_start, original_end)


def segment(text: CleanText, lang: str, *, presegmented: bool = False) -> list[Sentence]:
    """Split cleaned text into sentences; ``start``/``end`` are offsets into the original text.

    With ``presegmented`` every non-empty line is one sentence, as the user wrote it. White space
    inside a sentence is kept as written (see :func:`as_written`).
    """
    lang = primary(lang)  # "az-Latn" segments as "az"
    spans: list[tuple[int, int]] = []
    if presegmented:
        for match in _LINE.finditer(text.text):
            stripped = match.group().strip()
            if stripped:
                start = match.start() + match.group().index(stripped)
                spans.append((start, start + len(stripped)))
    else:
        for match in _PARAGRAPH.finditer(text.text):
            for a, b in _split(match.group(), lang):
                spans.extend(_bounded(text.text, match.start() + a, match.start() + b))
    return [_sentence(text, i, a, b) for i, (a, b) in enumerate(spans)]


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence longer than MAX_SENTENCE_CHARS (a run of text without sentence ends: a list, a
    transcript, a table flattened by a converter) cut after clause ends or at spaces, so that each
    piece fits the encoder and the checks compare bounded texts."""
    if end - start <= MAX_SENTENCE_CHARS:
        return [(start, end)]
    pieces = []
    for a, b in bounded_spans(text, start, end, MAX_SENTENCE_CHARS, _CLAUSE_END):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            pieces.append((a, b))
    return pieces
