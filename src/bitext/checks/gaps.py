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
  comma ("Nevertheless, is widely spoken"), they show its subject missing;
- ``prepositions``: words whose object cannot be a space and a stop ("from Constantinople to .", "According
  to , it is"). Only in text that otherwise sets its punctuation close: tokenised text puts a space before
  every stop, and a preposition may close a sentence ("the house she grew up in."). A preposition that
  opens a sentence cannot be followed by a comma ("In, rainfall will rise");
- ``conjunctions``: words that cannot close a sentence or stand before a stop ("public transport and.");
- ``clitics``: endings written as words that cannot stand alone ("'s": "50 percent of 's children").

Two commas with nothing between them ("the Czech Dental Chamber,, the unions") show a word missing in any
language.

A language without ``gaps`` data has no gaps found. The omission check (``omission``) reports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

import regex

from bitext.text import base_lang, language_data

_CLOSING = r"[,.;:!?)]"  # punctuation that cannot follow a determiner
_SENTENCE_START = r"(?:^|(?<=[.!?]\s+))"
_SENTENCE_END = regex.compile(r"[.!?](?=[\s\"”’)]|$)")  # not the point of "5.5"


# "determiner": nothing follows a determiner; "subject": a statement opens with its verb; "object": a
# preposition has none; "conjunct": a conjunction joins nothing; "host": a clitic stands alone;
# "between": two commas hold nothing
GapKind = Literal["determiner", "subject", "object", "conjunct", "host", "between"]


@dataclass(frozen=True)
class Gap:
    start: int
    end: int
    what: GapKind


@dataclass(frozen=True)
class _Patterns:
    after_determiner: regex.Pattern[str] | None
    opener: regex.Pattern[str] | None
    no_object: regex.Pattern[str] | None
    opening_preposition: regex.Pattern[str] | None
    no_conjunct: regex.Pattern[str] | None
    lone_clitic: regex.Pattern[str] | None


def _alternatives(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


def _capitalised(words: list[str]) -> list[str]:
    """Each word as it opens a sentence."""
    return [w[:1].upper() + w[1:] for w in words]


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
        capital = _SENTENCE_START + f"(?:{_alternatives(_capitalised(determiners))})"
        word = rf"\s+(?:{_alternatives(never)})(?![\p{{L}}\p{{N}}'’\-])" if never else r"(?!)"
        after = regex.compile(rf"{lower}(?:\s*{_CLOSING}(?!\w)|\s*$|{word})|{capital}{word}")
    opener = None
    if openers:
        # the verb opens the sentence, or follows its opening word and a comma ("Nevertheless, is")
        lowered = [w[:1].lower() + w[1:] for w in openers]
        opener = regex.compile(
            rf"{_SENTENCE_START}(?:{_alternatives(openers)}|\p{{Lu}}\p{{Ll}}+,\s+(?:{_alternatives(lowered)}))\s"
        )
    prepositions = [str(w) for w in data.get("prepositions", [])]
    no_object = (
        regex.compile(rf"(?<![\p{{L}}\p{{N}}'’\-])(?:{_alternatives(prepositions)})\s+[.,;:!?](?!\w)")
        if prepositions
        else None
    )
    opening = (
        regex.compile(rf"{_SENTENCE_START}(?:{_alternatives(_capitalised(prepositions))}),")
        if prepositions
        else None
    )
    conjunctions = [str(w) for w in data.get("conjunctions", [])]
    no_conjunct = (
        regex.compile(rf"(?<![\p{{L}}\p{{N}}'’\-])(?:{_alternatives(conjunctions)})\s*[.;:!?)](?!\w)")
        if conjunctions
        else None
    )
    clitics = [str(w) for w in data.get("clitics", [])]
    lone = regex.compile(rf"(?:^|(?<=\s))(?:{_alternatives(clitics)})(?!\p{{L}})") if clitics else None
    return _Patterns(after, opener, no_object, opening, no_conjunct, lone)


_DOUBLED_COMMA = regex.compile(r",\s*,")
_SPACED_STOP = regex.compile(r"\s[.,;:!?](?!\w)")  # a stop set apart, as tokenised text sets every one


def gaps(text: str, lang: str) -> list[Gap]:
    """Where ``text`` lacks a word its language needs there, by the language's ``gaps`` data (and a doubled
    comma, in any language)."""
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
    if patterns.no_object is not None:
        found = list(patterns.no_object.finditer(text))
        if found and len(_SPACED_STOP.findall(text)) == len(found):  # not tokenised text
            out.extend(Gap(m.start(), m.end(), "object") for m in found)
    if patterns.opening_preposition is not None:
        out.extend(Gap(m.start(), m.end(), "object") for m in patterns.opening_preposition.finditer(text))
    if patterns.no_conjunct is not None:
        out.extend(Gap(m.start(), m.end(), "conjunct") for m in patterns.no_conjunct.finditer(text))
    if patterns.lone_clitic is not None:
        out.extend(Gap(m.start(), m.end(), "host") for m in patterns.lone_clitic.finditer(text))
    out.extend(Gap(m.start(), m.end(), "between") for m in _DOUBLED_COMMA.finditer(text))
    return sorted(out, key=lambda g: g.start)
