"""Turn a converter's output into running text, remembering where every character came from.

Steps, in order (each a small function, each general rather than tuned to one document):

0. normalise line ends to ``\n`` and the text to Unicode NFC, remembering where each character was
   (offsets index the file as read, whatever its line endings and normal form);
1. drop apparatus lines: page numbers, running heads, footnote lists, bibliography
   (:mod:`bitext.ingest.structure`);
2. strip Markdown/HTML markup and footnote markers (:mod:`bitext.ingest.markup`);
3. tidy white space (no blanks at line ends, paragraphs separated by one blank line; spaces, tabs and
   no-break spaces inside a line stay as written unless cleanup removed something between them);
4. undo hyphenation (:mod:`bitext.ingest.hyphenation`);
5. rejoin a sentence that a page or paragraph break cut in two, never after a line that reads as a
   heading.

Single line breaks inside a paragraph are kept: the segmenter reads them as spaces, and
pre-segmented input (one sentence per line) needs them.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from bitext.ingest.hyphenation import dehyphenate
from bitext.ingest.markup import strip_markup
from bitext.ingest.structure import apparatus_lines
from bitext.ingest.tracked import CleanText, Edit, apply_edits, substitute

_HSPACE = "[ \t\u00a0\u2000-\u200b\u202f\u3000]"
_LINE_EDGES = re.compile(rf"^{_HSPACE}+|{_HSPACE}+$", re.MULTILINE)
_SPACE_RUN = re.compile(rf"{_HSPACE}{{2,}}")
_BLANK_LINES = re.compile(r"\n{3,}")
_PARAGRAPH_BREAK = re.compile(r"\n\n")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_FORM_FEED = re.compile("\f")
# A paragraph that ends like this has finished its sentence (or is a heading or a quotation).
_FINISHED = tuple(".!?…:;\"”»)]'’")
_MIN_WORDS = 6  # shorter paragraphs are headings, names, datelines: never rejoined


def _nfc_edits(text: str) -> list[Edit]:
    """Edits that bring ``text`` to NFC, one per run of characters that composes differently."""
    if unicodedata.is_normalized("NFC", text):
        return []
    # Runs start at characters of combining class 0; two runs that compose across their border
    # (Hangul jamo, some Indic vowel signs) are merged first.
    starts = [i for i, ch in enumerate(text) if unicodedata.combining(ch) == 0 or i == 0]
    starts.append(len(text))
    runs: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(starts):
        if runs:
            p, q = runs[-1]
            joined = unicodedata.normalize("NFC", text[p:b])
            apart = unicodedata.normalize("NFC", text[p:q]) + unicodedata.normalize("NFC", text[a:b])
            if joined != apart:
                runs[-1] = (p, b)
                continue
        runs.append((a, b))
    edits: list[Edit] = []
    for a, b in runs:
        composed = unicodedata.normalize("NFC", text[a:b])
        if composed != text[a:b]:
            edits.append((a, b, composed))
    return edits


def normalise(text: str) -> CleanText:
    """Line ends as ``\n`` and the text in NFC; offsets still index ``text`` as it was read."""
    result = substitute(_NEWLINES, CleanText.identity(text), "\n")
    return apply_edits(result, _nfc_edits(result.text))


def _drop_apparatus(clean: CleanText) -> CleanText:
    edits: list[Edit] = []
    start = 0
    dropped = apparatus_lines(clean.text)
    for i, line in enumerate(clean.text.split("\n")):
        if i in dropped:
            edits.append((start, start + len(line), ""))
        start += len(line) + 1
    return apply_edits(clean, edits)


def tidy_whitespace(clean: CleanText) -> CleanText:
    """No blanks at line ends, at most one empty line between paragraphs.

    White space inside a line is kept as written (a tab, a no-break space, two spaces); a run of it is
    cut to its first character only where cleanup removed something inside it (a footnote mark).
    """
    clean = apply_edits(clean, [(m.start(), m.end(), "") for m in _LINE_EDGES.finditer(clean.text)])
    edits: list[Edit] = []
    for m in _SPACE_RUN.finditer(clean.text):
        span = clean.offsets[m.start() : m.end()]
        if any(b != a + 1 for a, b in itertools.pairwise(span)):
            edits.append((m.start() + 1, m.end(), ""))
    clean = apply_edits(clean, edits)
    clean = substitute(_BLANK_LINES, clean, "\n\n")
    start = len(clean.text) - len(clean.text.lstrip())
    end = len(clean.text.rstrip())
    return clean.slice(start, end) if (start, end) != (0, len(clean.text)) else clean


_HEADING_WORDS = 25  # a single line longer than this is prose, however it ends
_MARKED_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*$")


def _reads_as_heading(paragraph: str) -> bool:
    """One line that opens like a title (not lower-case) and is not long: a headline such as
    "Macedonians go to polls in referendum on changing country's name" (the caller has made sure it
    has no final punctuation)."""
    text = paragraph.strip()
    return "\n" not in text and not text[0].islower() and len(text.split()) <= _HEADING_WORDS


def _cut_sentence(before: str, after: str, page_break: bool) -> bool:
    """Whether the paragraph ``after`` continues the sentence that ``before`` leaves unfinished.

    Only where the text shows the cut: ``after`` starts lower-case ("...treaty with Russia" / "would
    forestall ..."), or ``before`` stops on a lower-case word and ``after`` is prose too ("... In
    February 1925, the" / "USSR and Japan ..."), where ``before`` must not read as a heading unless a
    page break lies between them (a form feed, a dropped page number or running head).
    """
    before, after = before.strip(), after.strip()
    if not before or not after or before.endswith(_FINISHED) or len(before.split()) < _MIN_WORDS:
        return False
    if after[0].islower():
        return True
    if _reads_as_heading(before) and not page_break:
        return False
    return before[-1].islower() and len(after.split()) >= _MIN_WORDS and after[0].isalnum()


def _marked_heading(clean: CleanText, original: str, at: int) -> bool:
    """Whether the paragraph starting at clean offset ``at`` was a ``#`` heading in the original."""
    start = clean.offsets[at]
    line_start = original.rfind("\n", 0, start) + 1
    return bool(_MARKED_HEADING.match(original[line_start:start]))


def rejoin_cut_sentences(clean: CleanText, original: str | None = None) -> CleanText:
    """Replace a paragraph break inside a sentence by a line break (the segmenter reads it as a space).

    ``original`` is the text ``clean`` was made from: what cleanup removed between two paragraphs (a
    page number, a running head, a form feed) is the evidence of a page break.
    """
    text = clean.text
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    bounds = [0, *[b + 2 for b in breaks]]
    ends = [*breaks, len(text)]
    edits: list[Edit] = []
    for k, at in enumerate(breaks):
        page_break = False
        if original is not None and at > 0:
            if _marked_heading(clean, original, bounds[k]):
                continue  # a heading the converter marked is never part of the next sentence
            gap = original[clean.end_of(at - 1) : clean.offsets[at + 2]]
            page_break = "\f" in gap or bool(gap.strip())
        if _cut_sentence(text[bounds[k] : ends[k]], text[bounds[k + 1] : ends[k + 1]], page_break):
            edits.append((at, at + 2, "\n"))
    return apply_edits(clean, edits)


def clean(text: str) -> CleanText:
    """Clean the decoded text of a document; ``.offsets`` map every character back into ``text``."""
    result = normalise(text)
    result = apply_edits(result, [(m.start(), m.end(), "") for m in _FORM_FEED.finditer(result.text)])
    result = _drop_apparatus(result)
    result = strip_markup(result)
    result = tidy_whitespace(result)
    result = rejoin_cut_sentences(result, text)
    result = dehyphenate(result)
    return tidy_whitespace(result)
