"""Gaps: a word missing from a sentence, told by the grammar of the words that are left.

A translation that drops a noun or a subject often still reads close to its source, so the sentence
vectors and the word alignment barely notice. What it leaves behind is a sentence no writer of the
language would write: a determiner with nothing to determine ("the is one of", "a of companies",
"across the."), or a statement that opens with its verb ("Is speculated that he will run"). These are
facts of one language, kept as data (``gaps`` in ``data/contrasts/<lang>.json``):

- ``determiners``: words that must be followed by what they determine (English articles and possessive
  determiners);
- ``never_after_determiner``: words that cannot follow one (prepositions, auxiliaries, conjunctions),
  matched as written, in lower case, so that a name ("the Who") is not one of them;
- ``subjectless_openers``: verbs (or a verb and the word after it, "Said that") that open a question,
  never a statement: opening a sentence that ends in a full stop, or following its opening word and a
  comma ("Nevertheless, is widely spoken"), they show its subject missing.

A language without ``gaps`` data has no gaps found. The omission check (``omission``) reports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from bitext.text import base_lang, language_data

_CLOSING = r"[,.;:!?)]"  # punctuation that cannot follow a determiner
_SENTENCE_START = r"(?:^|(?<=[.!?]\s+))"
_SENTENCE_END = regex.compile(r"[.!?](?=[\s\"”’)]|$)")  # not the point of "5.5"


@dataclass(frozen=True)
class Gap:
    start: int
    end: int
    what: str  # "determiner": nothing follows a determiner; "subject": a statement opens with its verb


@dataclass(frozen=True)
class _Patterns:
    after_determiner: regex.Pattern[str] | None
    opener: regex.Pattern[str] | None


def _alternatives(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns(lang: str) -> _Patterns:
    data = language_data("contrasts", base_lang(lang)).get("gaps", {})
    determiners = [str(w) for w in data.get("determiners", [])]
    never = [str(w) for w in data.get("never_after_determiner", [])]
    openers = [str(w) for w in data.get("subjectless_openers", [])]
    after = None
    if determiners:
        # a determiner in lower case, followed by closing punctuation, the end of the text or a word that
        # cannot follow it; capitalised where a sentence opens, by such a word ("The is one of"; "A." may
        # be a list's label)
        lower = rf"(?<![\p{{L}}\p{{N}}'’.\-])(?:{_alternatives(determiners)})"
        capital = _SENTENCE_START + f"(?:{_alternatives([w[:1].upper() + w[1:] for w in determiners])})"
        word = rf"\s+(?:{_alternatives(never)})(?![\p{{L}}\p{{N}}'’\-])" if never else r"(?!)"
        after = regex.compile(rf"{lower}(?:\s*{_CLOSING}(?!\w)|\s*$|{word})|{capital}{word}")
    opener = None
    if openers:
        # the verb opens the sentence, or follows its opening word and a comma ("Nevertheless, is")
        lowered = [w[:1].lower() + w[1:] for w in openers]
        opener = regex.compile(
            rf"{_SENTENCE_START}(?:{_alternatives(openers)}|\p{{Lu}}\p{{Ll}}+,\s+(?:{_alternatives(lowered)}))\s"
        )
    return _Patterns(after, opener)


def gaps(text: str, lang: str) -> list[Gap]:
    """Where ``text`` lacks a word its language needs there, by the language's ``gaps`` data."""
    patterns = _patterns(lang)
    out: list[Gap] = []
    if patterns.after_determiner is not None:
        for m in patterns.after_determiner.finditer(text):
            out.append(Gap(m.start(), m.end(), "determiner"))
    if patterns.opener is not None:
        for m in patterns.opener.finditer(text):
            end = _SENTENCE_END.search(text, m.end())
            if end is not None and end.group() == "?":
                continue  # a question: the verb opens it by right
            out.append(Gap(m.start(), m.end() - 1, "subject"))
    return sorted(out, key=lambda g: g.start)
