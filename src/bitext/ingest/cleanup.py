"""Turn a converter's output into running text, remembering where every character came from.

Steps, in order (each a small function, each general rather than tuned to one document):

1. drop apparatus lines: page numbers, running heads, footnote lists, bibliography
   (:mod:`bitext.ingest.structure`);
2. strip Markdown/HTML markup and footnote markers (:mod:`bitext.ingest.markup`);
3. tidy white space (single spaces, no trailing blanks, paragraphs separated by one blank line);
4. undo hyphenation (:mod:`bitext.ingest.hyphenation`);
5. rejoin a sentence that a page or paragraph break cut in two.

Single line breaks inside a paragraph are kept: the segmenter reads them as spaces, and
pre-segmented input (one sentence per line) needs them.
"""

from __future__ import annotations

import re

from bitext.ingest.hyphenation import dehyphenate
from bitext.ingest.markup import strip_markup
from bitext.ingest.structure import apparatus_lines
from bitext.ingest.tracked import CleanText, Edit, apply_edits, substitute

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_EXTRA_SPACE = re.compile(r"(?<=[ \n]) +|^ +| +(?=\n)| +$")
_BLANK_LINES = re.compile(r"\n{3,}")
_PARAGRAPH_BREAK = re.compile(r"\n\n")
# A paragraph that ends like this has finished its sentence (or is a heading or a quotation).
_FINISHED = tuple(".!?…:;\"”»)]'’")
_MIN_WORDS = 6  # shorter paragraphs are headings, names, datelines: never rejoined


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
    """One space between words, no blanks at line ends, at most one empty line between paragraphs."""
    clean = substitute(_SPACES, clean, " ")
    clean = apply_edits(clean, [(m.start(), m.end(), "") for m in _EXTRA_SPACE.finditer(clean.text)])
    clean = substitute(_BLANK_LINES, clean, "\n\n")
    start = len(clean.text) - len(clean.text.lstrip())
    end = len(clean.text.rstrip())
    return clean.slice(start, end) if (start, end) != (0, len(clean.text)) else clean


def _cut_sentence(before: str, after: str) -> bool:
    """Whether the paragraph ``after`` continues the sentence that ``before`` leaves unfinished.

    It does when ``before`` is prose (not a short heading) without final punctuation and either
    ``after`` starts lower-case ("...treaty with Russia" / "would forestall ...") or ``before`` stops
    on a lower-case word and ``after`` is prose too ("In February 1925, the" / "USSR and Japan ...").
    """
    before, after = before.strip(), after.strip()
    if not before or not after or before.endswith(_FINISHED) or len(before.split()) < _MIN_WORDS:
        return False
    if after[0].islower():
        return True
    return before[-1].islower() and len(after.split()) >= _MIN_WORDS and after[0].isalnum()


def rejoin_cut_sentences(clean: CleanText) -> CleanText:
    """Replace a paragraph break inside a sentence by a space."""
    text = clean.text
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    bounds = [0, *[b + 2 for b in breaks]]
    ends = [*breaks, len(text)]
    edits: list[Edit] = []
    for k, at in enumerate(breaks):
        if _cut_sentence(text[bounds[k] : ends[k]], text[bounds[k + 1] : ends[k + 1]]):
            edits.append((at, at + 2, " "))
    return apply_edits(clean, edits)


def clean(text: str) -> CleanText:
    """Clean the decoded text of a document; ``.offsets`` map every character back into ``text``."""
    result = _drop_apparatus(CleanText.identity(text))
    result = strip_markup(result)
    result = tidy_whitespace(result)
    result = dehyphenate(result)
    result = rejoin_cut_sentences(result)
    return tidy_whitespace(result)
