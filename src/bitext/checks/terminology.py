"""Glossary terms not rendered as the glossary requires (kind ``terminology``).

Runs only when the user gave a glossary (``--glossary``). Matching ignores case (with Azerbaijani and
Turkish dotted/dotless i merged) and lets a word take endings, so "müqavilə" in the glossary matches
"müqaviləsi" and "müqavilədə" in the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bitext.checks.base import PairContext, check
from bitext.glossary import Glossary
from bitext.model import Flag
from bitext.text import base_lang, fold, language_name

_ENDING = {"az": 7, "tr": 7, "ru": 4, "de": 3, "fr": 2, "en": 3}  # letters an ending may add, per language


@lru_cache(maxsize=4096)
def _pattern(term: str, lang: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in fold(term).split()]
    ending = _ENDING.get(base_lang(lang), 3)
    body = r"[\s\-]+".join(words)
    # an ending only on the last word; an apostrophe may introduce it ("Tom'un")
    return re.compile(rf"(?<![^\W\d_]){body}(?:['’]?[^\W\d_]{{0,{ending}}})(?![^\W\d_])")


def find_term(text: str, term: str, lang: str) -> tuple[int, int] | None:
    """Span of the first occurrence of ``term`` in ``text`` (endings allowed), or None."""
    m = _pattern(term, lang).search(fold(text))
    return (m.start(), m.end()) if m else None


@check("terminology")
def check_terminology(ctx: PairContext) -> list[Flag]:
    """A glossary term occurs in the original but none of its required renderings is in the translation."""
    glossary = ctx.glossary
    if not isinstance(glossary, Glossary):
        return []
    sname, tname = language_name(ctx.source_lang), language_name(ctx.target_lang)
    flags = []
    for sources, renderings, entry in glossary.pairs(ctx.source_lang, ctx.target_lang):
        hit = next((s for s in (find_term(ctx.source_text, t, ctx.source_lang) for t in sources) if s), None)
        if hit is None:
            continue
        if any(find_term(ctx.target_text, r, ctx.target_lang) for r in renderings):
            continue
        excerpt = ctx.source_text[hit[0] : hit[1]]
        wanted = " or ".join(f"'{r}'" for r in renderings)
        note = f" ({entry.note})" if entry.note and not entry.note.lower().startswith("major") else ""
        lacks = "does not have it" if len(renderings) == 1 else "has none of them"
        msg = (
            f"The glossary renders {sname} '{excerpt}' as {wanted} in {tname}; the translation {lacks}{note}."
        )
        flags.append(Flag("terminology", "major" if entry.major else "minor", excerpt, "", hit, None, msg))
    return flags
