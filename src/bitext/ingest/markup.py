"""Remove Markdown/HTML markup that PDF and OCR converters leave in running text.

Only the markers go; the words they wrap stay. Footnote markers (``<sup>3</sup>``, ``³`` and digits
glued to the end of a lower-case word, as in ``relations1.``) are deleted with their digits because
they are not part of the sentence.
"""

from __future__ import annotations

import html
import re

from bitext.ingest.tracked import CleanText, Edit, apply_edits, drop_groups, regex_edits

_HEADING = re.compile(r"^([ \t]{0,3}#{1,6}[ \t]+)[^\n]*?([ \t]+#+)?[ \t]*$", re.MULTILINE)
_BULLET = re.compile(r"^([ \t]*[-*+•][ \t]+)", re.MULTILINE)
_BLOCKQUOTE = re.compile(r"^([ \t]*>[ \t]?)", re.MULTILINE)
_FOOTNOTE_SUP = re.compile(r"<sup>\s*(?:\d{1,3}|[*†‡§]+)\s*</sup>", re.IGNORECASE)
_FOOTNOTE_REF = re.compile(r"\[\^\d{1,3}\]|\$\^\{?\d{1,3}\}?\$")
_UNICODE_SUPERSCRIPT = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
# Other inline tags: drop the tag, keep what it wraps ("19<sup>th</sup>" -> "19th").
_TAG = re.compile(r"</?(?:sup|sub|i|b|em|strong|u|span|small|big|mark|del|ins|font)\b[^>\n]{0,80}>", re.I)
_LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"(\[)[^\]\n]+(\]\([^)\n]*\))")
_STRONG = re.compile(r"(\*\*|__)(?=\S)[^\n]+?(?<=\S)(\1)")
_EMPHASIS = re.compile(r"(?<![\w*\\])(\*)(?=[^\s*])[^*\n]+?(?<=[^\s*\\])(\*)(?![\w*])")
_UNDERSCORE_EMPHASIS = re.compile(r"(?<![\w\\])(_)(?=[^\s_])[^_\n]+?(?<=[^\s_])(_)(?!\w)")
_CODE = re.compile(r"(`+)[^`\n]+?(\1)")
_ESCAPE = re.compile(r"(\\)[\\`*_{}\[\]()#+\-.!|<>]")
# A footnote number glued to a lower-case word before punctuation or a space ("relations1.").
# Three letters at least, so units such as "km2" stay.
_GLUED_DIGITS = re.compile(r"(?<=[^\W\d_]{3})(\d{1,2})(?=[.,;:)]?(?:\s|$))")


def _glued(match: re.Match[str]) -> list[Edit] | None:
    before = match.string[max(0, match.start() - 3) : match.start()]
    return [(match.start(1), match.end(1), "")] if before.islower() else None


def _entity(match: re.Match[str]) -> list[Edit]:
    return [(match.start(), match.end(), html.unescape(match.group()))]


def strip_markup(clean: CleanText) -> CleanText:
    """Remove headings' #, bullets, emphasis, tags, footnote markers, entities, escapes."""
    for pattern in (_FOOTNOTE_SUP, _FOOTNOTE_REF, _UNICODE_SUPERSCRIPT, _IMAGE):
        clean = apply_edits(clean, [(m.start(), m.end(), "") for m in pattern.finditer(clean.text)])
    clean = apply_edits(clean, [(m.start(), m.end(), " ") for m in _LINE_BREAK_TAG.finditer(clean.text)])
    clean = apply_edits(clean, [(m.start(), m.end(), "") for m in _TAG.finditer(clean.text)])
    clean = apply_edits(clean, regex_edits(_ENTITY, clean.text, _entity))
    for pattern, groups in (
        (_HEADING, (1, 2)),
        (_BULLET, (1,)),
        (_BLOCKQUOTE, (1,)),
        (_LINK, (1, 2)),
        (_CODE, (1, 2)),
        (_STRONG, (1, 2)),
        (_EMPHASIS, (1, 2)),
        (_UNDERSCORE_EMPHASIS, (1, 2)),
        (_ESCAPE, (1,)),
    ):
        clean = apply_edits(clean, regex_edits(pattern, clean.text, drop_groups(*groups)))
    return apply_edits(clean, regex_edits(_GLUED_DIGITS, clean.text, _glued))
