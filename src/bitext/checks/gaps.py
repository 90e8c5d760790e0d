"""Gaps: a word missing from a sentence, told by the grammar of the words that are left.

A translation that drops a noun or a subject often still reads close to its source, so the sentence
vectors and the word alignment barely notice. What it leaves behind is a sentence no writer of the
language would write: a determiner with nothing to determine ("the is one of", "a of companies",
"across the."), or a statement that opens with its verb ("Is speculated that he will run"). These are
facts of one language, kept as data (``gaps`` in ``data/contrasts/<lang>.json``):

- ``determiners``: words that must be followed by what they determine (English articles and possessive
  determiners), never by a comma;
- ``never_after_determiner``: words that cannot follow one (prepositions, auxiliaries, conjunctions),
  matched as written, in lower case, so that a name ("the Who") is not one of them;
- ``subjectless_openers``: verbs (or a verb and the word after it, "Said that") that open a question,
  never a statement: opening a sentence that ends in a full stop, or following its opening word and a
  comma ("Nevertheless, is widely spoken"), also after a quotation mark that opens the text ('"Is
  expected'), they show its subject missing ("Have" only before a
  participle, "Have been": before anything else it may be an imperative, "Have fun!");
- ``clause_openers`` ("Yet", "But") that open a statement, then one of ``finite_verbs`` or ``modals``: its
  subject is missing ("Yet is still in office");
- ``subordinators`` and ``finite_verbs`` or ``modals``: a clause opened by one of the first needs its
  subject before one of the others ("after had a phone conversation", "Since is a collection of islands",
  "because would cost too much"); not after a determiner, which makes the word a noun ("a while has
  passed", "ever after is");
- ``before_conjunction_never``: prepositions that cannot stand right before a conjunction (``conjunctions``)
  and a name or a determiner: the first of their two objects is missing ("foods from and Asia", "the
  name of and the merchants"); not the prepositions that are particles too ("he came in and the room
  fell quiet");
- ``broken_pairs``: two words that cannot stand side by side, the object of the first missing
  ("between and Genoa", "from to the Tokai region");
- ``before_verb_never``: prepositions that cannot stand right before a finite verb or a modal that is no
  noun (``finite_verbs``, ``never_after_possessive``): their object is missing ("the amount of is about
  the same", "vials of have been sent"); not those a clause may leave at its end before its verb ("what
  he ran into is", "in between are");
- ``titles``: a title that names no one without the name after it ("Mr", "Mrs."), followed by a word in
  lower case or a stop ("In the letter, Mr said he believed"); ``street_titles`` ("Dr", "Prof") only
  where no capitalised word stands before them: after one they end an address ("Elm Dr.") or are a noun
  ("The Prof said");
- ``opening_marks``: marks a text cannot open with (", Huawei, and HTC make phones"): its first words
  are missing;
- ``finite_verbs``, ``modals``, ``past_tenses`` (that are no participles: "went") and ``reporting_verbs``
  after what opens a text and a comma need their subject between: a phrase of up to four words ("In
  addition, will increase", "In the letter, said he believed", "In 1975, went a long way"), or one
  that ``adverbial_openers`` open ("Since the founding of the city in 1537, has managed"); not a short
  phrase that ``noun_phrase_openers`` open, which may be the subject a stray comma set apart ("The views
  presented, are"), nor a reporting verb that its speaker follows (", said Minister Adamczyk", ", said
  the mayor": a capital or a noun phrase). A reporting verb right after a quotation closes, then a full
  stop or a comma, names no speaker ('... this year," said.');
- ``relative_prepositions`` and ``relatives``: "to which" or "in whom" opens a clause that needs its
  subject before a finite verb or a modal ("thanks to which could be achieved");
- ``before_comma_never``: prepositions whose object cannot be a comma ("a collection of, it is"), and
  ``before_comma_and_name_never`` those that cannot be followed by a comma and a name ("in a letter to,
  Maria Lopez thanked"), where a relative clause may leave them at its end ("she moved to, which");
- ``spaced_marks``: a comma set apart from the word before it, in text that sets no other stop apart,
  stands where a word was taken out ("plans for the 2020 ," said);
- ``prepositions``: words whose object cannot be a space and a stop ("from Constantinople to .", "According
  to , it is"). Only in text that otherwise sets its punctuation close: tokenised text puts a space before
  every stop, and a preposition may close a sentence ("the house she grew up in."). A preposition that
  opens a sentence cannot be followed by a comma ("In, rainfall will rise");
- ``conjunctions``: words that cannot close a sentence or stand before a stop ("public transport and.");
- ``clitics``: endings written as words that cannot stand alone ("'s": "50 percent of 's children";
  "'ve": "and 've made progress"); not in tokenised text, which splits them off every word;
- ``never_after_possessive``: words that cannot follow a word's "'s", read as a possessive or as "is" or
  "has" ("most of the museum's were lent": the paintings are missing); not after "let's", nor after a
  digit ("the 1990's were").

- ``described_determiners`` and the adjectives of ``data/contrasts/adjectives/<lang>.json`` (WordNet's
  words that are adjectives and nothing else: "wide", "experienced"): such an adjective after a determiner
  describes a noun, so a stop or one of ``described_never_before`` right after it shows the noun missing
  ("won by a wide.", "An experienced has won", "a new of"; not "the injured were", "on his own").

Two commas with nothing between them ("the Czech Dental Chamber,, the unions") show a word missing in any
language; not right before the sentence's end, where a text scraped from the web lost its footnote markers
("recorded,,.").

A language without ``gaps`` data has no gaps found. The omission check (``omission``) reports them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Literal

import regex

from bitext.text import alternation, base_lang, language_data

_CLOSING = r"[,.;:!?)]"  # punctuation that cannot follow a determiner
_SENTENCE_START = r"(?:^|(?<=[.!?]\s+))"
_OPENING_QUOTE = r"[\"“„«‘']?"  # a quotation that opens the text
_SENTENCE_END = regex.compile(r"[.!?](?=[\s\"”’)]|$)")  # not the point of "5.5"


# "determiner": nothing follows a determiner; "subject": a statement opens with its verb; "object": a
# preposition has none; "conjunct": a conjunction joins nothing; "host": a clitic stands alone;
# "between": two commas hold nothing
# "opening": the text opens with a mark that follows words
# "after": a mark set apart stands where a word was
# "named": a title names no one
# "described": an adjective describes nothing
GapKind = Literal[
    "determiner", "subject", "object", "conjunct", "host", "between", "opening", "after", "named", "described"
]


@dataclass(frozen=True)
class Gap:
    start: int
    end: int
    what: GapKind


Matches = list[regex.Match[str]]


def _every(text: str, found: Matches) -> Matches:
    return found


def _statements(text: str, found: Matches) -> Matches:
    """Not in a question: a verb opens a question by right."""
    out = []
    for m in found:
        end = _SENTENCE_END.search(text, m.end())
        if end is None or end.group() != "?":
            out.append(m)
    return out


def _untokenised(text: str, found: Matches) -> Matches:
    """Only where these are the text's only stops set apart: tokenised text sets every stop apart."""
    return found if len(_SPACED_STOP.findall(text)) == len(found) else []


def _no_stop_apart(text: str, found: Matches) -> Matches:
    """Only in text that sets no stop apart: tokenised text splits every clitic off its word too
    ("Florida 's daily death toll ... 100 .")."""
    return [] if _SPACED_STOP.search(text) else found


@dataclass(frozen=True)
class _Rule:
    kind: GapKind
    pattern: regex.Pattern[str]
    keep: Callable[[str, Matches], Matches] = _every


def _capitalised(words: list[str]) -> list[str]:
    """Each word as it opens a sentence."""
    return [w[:1].upper() + w[1:] for w in words]


_NOT_AFTER_WORD = r"(?<![\p{L}\p{N}'’\-])"  # a whole word: no letter, digit, apostrophe or hyphen before it
_END_OF_WORD = r"(?![\p{L}\p{N}'’\-])"  # ... nor after it
# (not right before the sentence's end: ",,." is where a scraped text lost its footnote markers)
_DOUBLED_COMMA = _Rule("between", regex.compile(r",\s*,(?!\s*[.!?]|\s*$)"))
_SPACED_STOP = regex.compile(r"\s[.,;:!?](?!\w)")  # a stop set apart, as tokenised text sets every one


@cache
def _rules(lang: str) -> tuple[_Rule, ...]:
    data = language_data("contrasts", base_lang(lang)).get("gaps", {})

    def words(key: str) -> list[str]:
        return [str(w) for w in data.get(key, [])]

    determiners, never = words("determiners"), words("never_after_determiner")
    openers = words("subjectless_openers")
    prepositions, conjunctions, clitics = words("prepositions"), words("conjunctions"), words("clitics")
    subordinators, finite = words("subordinators"), words("finite_verbs")
    pairs, marks = words("broken_pairs"), words("opening_marks")
    modals, reporting = words("modals"), words("reporting_verbs")
    adverbials, noun_openers = words("adverbial_openers"), words("noun_phrase_openers")
    relative_preps, relatives = words("relative_prepositions"), words("relatives")
    no_comma, apart = words("before_comma_never"), words("spaced_marks")
    not_possessed = words("never_after_possessive")
    before_name = words("before_comma_and_name_never")
    before_conjunction, past = words("before_conjunction_never"), words("past_tenses")
    titles, street_titles = words("titles"), words("street_titles")
    before_verb, clause_openers = words("before_verb_never"), words("clause_openers")
    rules: list[_Rule] = []
    if determiners:
        # a determiner in lower case, followed by closing punctuation, the end of the text or a word that
        # cannot follow it; capitalised where a sentence opens, by such a word ("The is one of"; "A." may
        # be a list's label)
        lower = rf"(?<![\p{{L}}\p{{N}}'’.\-])(?:{alternation(determiners)})"
        capital = _SENTENCE_START + f"(?:{alternation(_capitalised(determiners))})"
        word = rf"\s+(?:{alternation(never)}){_END_OF_WORD}" if never else r"(?!)"
        # and a capitalised one before a comma ("The, mayor of the town,"); not "A" or "An", which label
        # a list's items ("A, B and C")
        longer = [d for d in determiners if len(d) > 2]
        comma = _SENTENCE_START + rf"(?:{alternation(_capitalised(longer))})\s*," if longer else r"(?!)"
        pattern = rf"{lower}(?:\s*{_CLOSING}(?!\w)|\s*$|{word})|{capital}{word}|{comma}"
        rules.append(_Rule("determiner", regex.compile(pattern)))
    if openers:
        # the verb opens the sentence, or follows its opening word and a comma ("Nevertheless, is")
        lowered = [w[:1].lower() + w[1:] for w in openers]
        after_comma = rf"\p{{Lu}}\p{{Ll}}+,\s+(?:{alternation(lowered)})"
        pattern = rf"{_SENTENCE_START}{_OPENING_QUOTE}(?:{alternation(openers)}|{after_comma})(?=\s)"
        rules.append(_Rule("subject", regex.compile(pattern), _statements))
    if prepositions:
        pattern = rf"{_NOT_AFTER_WORD}(?:{alternation(prepositions)})\s+[.,;:!?](?!\w)"
        rules.append(_Rule("object", regex.compile(pattern), _untokenised))
        pattern = rf"{_SENTENCE_START}(?:{alternation(_capitalised(prepositions))}),"
        rules.append(_Rule("object", regex.compile(pattern)))
    if conjunctions:
        pattern = rf"{_NOT_AFTER_WORD}(?:{alternation(conjunctions)})\s*[.;:!?)](?!\w)"
        rules.append(_Rule("conjunct", regex.compile(pattern)))
    if clitics:
        pattern = rf"(?:^|(?<=\s))(?:{alternation(clitics)})(?!\p{{L}})"
        rules.append(_Rule("host", regex.compile(pattern), _no_stop_apart))
    if clause_openers and (finite or modals):
        verb = alternation([*finite, *modals])
        opener = rf"{_SENTENCE_START}{_OPENING_QUOTE}(?:{alternation(clause_openers)})"
        rules.append(_Rule("subject", regex.compile(rf"{opener}\s+(?:{verb}){_END_OF_WORD}"), _statements))
    if subordinators and finite:
        noun = r"(?<!(?:^|\s)(?:[Aa]|[Tt]he|[Tt]his|[Tt]hat|[Ee]ver)\s+)"  # "a while", "ever after"
        opener = rf"{_NOT_AFTER_WORD}{noun}(?:{alternation([*subordinators, *_capitalised(subordinators)])})"
        pattern = rf"{opener}\s+(?:{alternation([*finite, *modals])}){_END_OF_WORD}"
        rules.append(_Rule("subject", regex.compile(pattern), _statements))
    if pairs:
        both = [*pairs, *_capitalised(pairs)]
        spaced = [r"\s+".join(regex.escape(w) for w in pair.split()) for pair in both]
        pattern = rf"{_NOT_AFTER_WORD}(?:{'|'.join(spaced)}){_END_OF_WORD}"
        rules.append(_Rule("object", regex.compile(pattern)))
    if before_conjunction and conjunctions and determiners:
        name_or_determiner = rf"(?!I{_END_OF_WORD})\p{{Lu}}|(?:{alternation(determiners)}){_END_OF_WORD}"
        pattern = (
            rf"{_NOT_AFTER_WORD}(?:{alternation(before_conjunction)})\s+(?:{alternation(conjunctions)})"
            rf"(?=\s+(?:{name_or_determiner}))"
        )
        rules.append(_Rule("object", regex.compile(pattern)))
    if before_verb and (finite or not_possessed):
        # the finite verbs, and the verbs that are no nouns ("would", not "will" or "may": "a test of will",
        # "the end of may" in a text set in lower case)
        verb = alternation(sorted({*finite, *not_possessed}))
        pattern = rf"{_NOT_AFTER_WORD}(?:{alternation(before_verb)})\s+(?:{verb}){_END_OF_WORD}"
        rules.append(_Rule("object", regex.compile(pattern)))
    if titles or street_titles:
        # the title as a word of its own (its full stop, if any, is part of it), then a word in lower case
        # but a conjunction ("Mr and Mrs Smith"), or a stop; a street's title only after no capitalised
        # word ("Elm Dr., Springfield")
        joined = alternation(conjunctions) if conjunctions else "(?!)"
        nothing = rf"(?=\s+(?!(?:{joined}){_END_OF_WORD})\p{{Ll}}|\s*[,;:!?)])"
        plain = rf"(?:{alternation(titles)}){nothing}" if titles else "(?!)"
        street = "(?!)"
        if street_titles:
            street = rf"(?<!\p{{Lu}}[\p{{L}}'’\-]*\s)(?:{alternation(street_titles)}){nothing}"
        rules.append(_Rule("named", regex.compile(rf"(?<![\p{{L}}\p{{N}}.])(?:{plain}|{street})")))
    if marks:
        rules.append(_Rule("opening", regex.compile(rf"^\s*(?:{alternation(marks)})")))
    if finite or modals or past or reporting:
        # what opens the text (a capitalised word and up to three more, or an adverbial phrase), a comma,
        # then the verb; a reporting verb not followed by its speaker
        noun = alternation(noun_openers) if noun_openers else "(?!)"
        subject = rf"(?:{alternation(_capitalised(noun_openers))}){_END_OF_WORD}" if noun_openers else "(?!)"
        short = rf"(?!{subject})\p{{Lu}}[\p{{L}}'’]*(?:\s+[\p{{L}}\p{{N}}'’]+){{0,3}}"
        adverbial = rf"(?:{alternation(adverbials)})\s+[^,;:.!?]{{1,120}}" if adverbials else "(?!)"
        speaker = rf"\s+(?:\p{{Lu}}|(?:{noun}){_END_OF_WORD})"
        reported = rf"(?:{alternation(reporting)}){_END_OF_WORD}(?!{speaker})" if reporting else "(?!)"
        plain = alternation([*finite, *modals, *past]) if finite or modals or past else "(?!)"
        # (after a quotation mark that opens the text: '"According to the forecasts, will pay')
        pattern = rf"^\s*{_OPENING_QUOTE}(?:{short}|{adverbial}),\s+(?:(?:{plain}){_END_OF_WORD}|{reported})"
        rules.append(_Rule("subject", regex.compile(pattern), _statements))
    if reporting:
        # right after a quotation closes, a reporting verb and a full stop or a comma: the speaker is
        # missing ('... this year," said.', '... for us," said, adding')
        pattern = rf"(?<=[,.!?][\"”’]\s*)(?:{alternation(reporting)})\s*[.,](?!\w)"
        rules.append(_Rule("subject", regex.compile(pattern)))
    if relative_preps and relatives and (finite or modals):
        verb = alternation([*finite, *modals, *reporting])
        pattern = (
            rf"{_NOT_AFTER_WORD}(?:{alternation([*relative_preps, *_capitalised(relative_preps)])})"
            rf"\s+(?:{alternation(relatives)})\s+(?:{verb}){_END_OF_WORD}"
        )
        rules.append(_Rule("subject", regex.compile(pattern), _statements))
    if no_comma:
        pattern = rf"{_NOT_AFTER_WORD}(?:{alternation(no_comma)})\s*,"
        rules.append(_Rule("object", regex.compile(pattern)))
    if before_name:
        # a capital after the comma, not "I": a name, where a relative clause would go on in lower case
        pattern = rf"{_NOT_AFTER_WORD}(?:{alternation(before_name)}),(?=\s+(?!I{_END_OF_WORD})\p{{Lu}})"
        rules.append(_Rule("object", regex.compile(pattern)))
    if not_possessed:
        # a word (not "let", not a number) with its 's, then a word that neither a noun nor "is" or "has"
        # may be followed by
        # (or a plural's apostrophe: "the villagers' were cracked")
        owner = r"(?<![\p{L}\p{N}'’\-])(?![Ll]et['’])\p{L}[\p{L}\-]*(?:['’]s|s['’])"
        pattern = rf"{owner}\s+(?:{alternation(not_possessed)}){_END_OF_WORD}"
        rules.append(_Rule("determiner", regex.compile(pattern), _no_stop_apart))
    if apart:
        # from a word's start only, so that a long run of letters is read once, not once per letter
        pattern = rf"(?<![\p{{L}}\p{{N}}])[\p{{L}}\p{{N}}]++\s(?:{alternation(apart)})(?!\w)"
        rules.append(_Rule("after", regex.compile(pattern), _untokenised))
    rules += _described(lang, words("described_determiners"), words("described_never_before"))
    return (*rules, _DOUBLED_COMMA)


@cache
def _adjectives(lang: str) -> frozenset[str]:
    """Words of ``lang`` that are adjectives and nothing else (``data/contrasts/adjectives/<lang>.json``)."""
    return frozenset(str(w) for w in language_data("contrasts/adjectives", base_lang(lang)).get("only", []))


def _described(lang: str, determiners: list[str], after: list[str]) -> list[_Rule]:
    """A determiner, then an adjective (``_adjectives``: "wide", "experienced"; up to two more before it),
    then a stop (not a comma, which may part two adjectives: "a lengthy, costly road"), or a preposition
    or verb of ``described_never_before``: the noun the adjective describes is missing ("won by a wide.",
    "An experienced has won", "a new of"). After "the" only a verb or a preposition, and no participle or
    superlative, which may stand for people ("the injured were", "the easternmost of"); before a stop only
    after "a", "an" or a possessive ("the new." may name a thing)."""
    adjectives = _adjectives(lang)
    if not adjectives or not determiners:
        return []
    word = r"[\p{L}][\p{L}\-]*"
    no_the = [d for d in determiners if d.casefold() != "the"]

    def both(ds: list[str]) -> str:
        return alternation([*ds, *_capitalised(ds)])

    # (the gap starts at the adjective: the determiner is read behind it)
    before_stop = regex.compile(
        rf"(?<={_NOT_AFTER_WORD}(?:{both(no_the)})\s+)(?P<adj>(?:{word}\s+){{0,2}}?{word})\s*[.;:!?)](?!\w)"
    )
    verb = alternation(after) if after else "(?!)"
    before_verb = regex.compile(
        rf"(?<={_NOT_AFTER_WORD}(?P<det>{both(determiners)})\s+)(?P<adj>{word})\s+(?:{verb}){_END_OF_WORD}"
    )

    def adjective_only(text: str, found: Matches) -> Matches:
        return [m for m in found if all(w.casefold() in adjectives for w in m.group("adj").split())]

    def not_for_people(text: str, found: Matches) -> Matches:
        found = adjective_only(text, found)
        people = ("ed", "est", "most")
        return [m for m in found if m.group("det").casefold() != "the" or not m.group("adj").endswith(people)]

    return [_Rule("described", before_stop, adjective_only), _Rule("described", before_verb, not_for_people)]


def gaps(text: str, lang: str) -> list[Gap]:
    """Where ``text`` lacks a word its language needs there, by the language's ``gaps`` data (and a doubled
    comma, in any language)."""
    out: list[Gap] = []
    for rule in _rules(lang):
        found = rule.keep(text, list(rule.pattern.finditer(text)))
        # one gap where two rules read it ("for ," lacks an object; its comma also stands apart): the
        # first rule's
        out.extend(
            Gap(m.start(), m.end(), rule.kind)
            for m in found
            if not any(g.start < m.end() and m.start() < g.end for g in out)
        )
    return sorted(out, key=lambda g: g.start)
