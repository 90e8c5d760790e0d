"""A statement negated on one side only ("was not signed" rendered as "imzalandı"), part of the
``opposite`` check: the negation marks of each side (``data/contrasts``: words, verb endings, prefixes,
weak marks), and, with negations on both sides, whether each is answered where its clause is rendered (the
word aligner places a negation by the words it negates; one mark answers one negation). Not against
Chinese or Japanese for clauses, where the aligner cannot place one.
"""

from __future__ import annotations

from bitext.checks.base import PairContext
from bitext.checks.name_tables import name_keys
from bitext.checks.opposite_sides import (
    CLAUSE_PUNCT,
    MAX_LENGTH_RATIO,
    MAX_LENGTH_RATIO_SUMMARY,
    Aligner,
    Side,
    clause_ids,
)
from bitext.model import Flag
from bitext.text import WORD_RE, language_name, opens_sentence

# A name's consonant frame must be this long to tell a name from a negated verb (``not_names``).
MIN_NAME_KEY = 4


def not_names(side: Side, other: Side, marks: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The marks but for a capitalised word inside a sentence that the other side names too, by the name's
    consonant frame (``skeleton``): "Tomasa" (to Tomas) against "Thomas" has the look of a negated verb
    ("-masa", if not) and is a name."""
    named = [
        i
        for i, _ in marks
        if side.word(i)[:1].isupper() and not opens_sentence(side.text, side.tokens[i].start)
    ]
    if not named:
        return marks
    keys = {
        k
        for m in WORD_RE.finditer(other.text)
        if m.group(0)[:1].isupper()
        for k in name_keys(m.group(0), other.lang)
        if len(k) >= MIN_NAME_KEY
    }
    names = {i for i in named if name_keys(side.word(i), side.lang) & keys}
    return [(i, kind) for i, kind in marks if i not in names]


def negates(side: Side, marks: list[tuple[int, str]]) -> bool:
    """A mark negates the side's clause: a strong one, or a weak one that is not a contrast word itself."""
    contrast_words = {h.token for h in side.hits}
    return any(kind == "strong" or i not in contrast_words for i, kind in marks)


def negated_tokens(side: Side, marks: list[tuple[int, str]]) -> set[int]:
    """Tokens whose sense a negation may turn round: the marker itself (a verb negated inside,
    "sevmirəm") and the words in its scope, which the language's data gives: after it in English
    ("did not win", "neither rich nor"), before a negation word in Azerbaijani ("razı deyil"), none
    for an Azerbaijani verb negated inside (its arguments are not turned round)."""
    out: set[int] = set()
    for i, kind in marks:
        if kind != "strong":
            # "nə" (what; neither), "without": too uncertain to excuse a reversal. A weak prefix hyphened
            # to a contrast word ("qeyri-mümkün") turns the word itself round (``contrast_hits``).
            continue
        before, after = side.lex.negation_scope(side.tokens[i].norm)
        out.update(range(i - before, i + after + 1))
    return out


def noun_negated(side: Side) -> set[int]:
    """A negated verbal noun of a light verb and the word it makes a verb of ("qəbul edilməməsi", its not
    being accepted): turned round for a contrast ("rejected" says the same), though no clause is negated."""
    out: set[int] = set()
    for i, token in enumerate(side.tokens):
        if any(p.fullmatch(token.norm) for p in side.lex.noun_negations):
            out.update((i - 1, i))
    return out


def clause_negated(side: Side, marks: list[tuple[int, str]]) -> set[int]:
    """Tokens in the clause of a strong negation: from the mark to the nearest clause punctuation
    (a comma included) on each side."""
    strong = {i for i, kind in marks if kind == "strong"}
    if not strong:
        return set()
    clause = clause_ids(side)
    negated = {clause[i] for i in strong}
    return {k for k, c in enumerate(clause) if c in negated}


def negation_flags(
    ctx: PairContext,
    src: Side,
    tgt: Side,
    aligner: Aligner,
    ratio: float,
    marks: tuple[list[tuple[int, str]], list[tuple[int, str]]],
    clauses: tuple[set[int], set[int]],
) -> list[Flag]:
    """A negation on one side only; with negations on both, one whose clause the other side renders
    without its own (``clauses``: each side's tokens in the clause of a strong negation)."""
    (s_marks, t_marks), (s_clause, t_clause) = marks, clauses
    s_strong = [i for i, k in s_marks if k == "strong"]
    t_strong = [j for j, k in t_marks if k == "strong"]
    limit = MAX_LENGTH_RATIO_SUMMARY if ctx.mode == "summary" else MAX_LENGTH_RATIO
    # Word alignment places a clause only between languages written with spaces: against Chinese or
    # Japanese, where each character is a word, an English "not" finds no reliable counterpart. A word
    # that only looks negated is still told by what it renders there ("不同", different).
    aligned = aligner.available and ratio <= limit
    placed = aligned and not (_unspaced(src.text) or _unspaced(tgt.text))
    if aligned:
        s_marks = _answering(src, tgt, s_marks, t_strong, aligner, on_source=True)
        t_marks = _answering(tgt, src, t_marks, s_strong, aligner, on_source=False)
    if s_strong and not t_marks:
        return _one_negation(src, tgt, s_strong[0], aligner, ratio, limit, source_negated=True)
    if t_strong and not s_marks:
        return _one_negation(tgt, src, t_strong[0], aligner, ratio, limit, source_negated=False)
    # Negations on both sides: each strong one must be answered where its clause is rendered.
    if placed:
        # a clause the other side negates answers for every word in it: word alignment places a negated
        # verb's neighbours well ("this" of "this is not over" / "bu bitməyəcək"), the verb itself less so
        for neg, other, strong, other_marks, clause, source_negated in (
            (src, tgt, s_strong, t_marks, t_clause, True),
            (tgt, src, t_strong, s_marks, s_clause, False),
        ):
            reach = [reach_of(other, m) for m, _ in other_marks]
            # ... but where this side negates more often than the other, not by the other side's negation
            # words themselves: the aligner pairs a "not" with the other side's "non" for being alike,
            # whichever clause each negates, and one "non" cannot answer two negations ("there was no
            # risk, residents did not begin to panic" / "non ci fosse alcun rischio, i residenti hanno
            # iniziato"). A verb negated inside ("getmədi", "didn't") is the clause's own word and stays,
            # and so does a word that negates weakly ("not" of "not just", "without"): it is no clause's.
            more = len(strong) > sum(kind == "strong" for _, kind in other_marks)
            marks_there = frozenset(
                m for m, kind in other_marks if more and kind == "strong" and _negation_word(other, m)
            )
            weak_words = frozenset(m for m, kind in other_marks if kind == "weak" and _says_no(other, m))
            answer = _Answers(other, other_marks, reach) if more else None
            for i in strong:
                if answer is not None and answer.concord(neg, i):
                    continue
                found = _counterparts(
                    neg, i, aligner, source_negated=source_negated, skip=marks_there, weak_words=weak_words
                )
                if answer is not None:
                    answered = answer.take(neg, i, found)
                else:
                    near = any(lo <= c <= hi for lo, hi in reach for c in found)
                    answered = near or not clause.isdisjoint(found)
                if found and not answered:
                    return _one_negation(
                        neg, other, i, aligner, ratio, limit, source_negated=source_negated, skip=marks_there
                    )
    return []


class _Answers:
    """Where one side negates more often than the other, each of the other side's marks answers one
    negation: one "non" in a sentence of one clause does not answer "do not know" and "is not
    necessary" both. A mark answers a negation whose clause is rendered within its reach, or, a strong
    one, in its clause. Two exceptions: a list's negation ("ani", "nor") shares its clause's negation
    and takes no mark, and a negation within the reach of one answered (negative concord: "nikt
    nigdy nie", no one ever) is that one's."""

    def __init__(self, other: Side, marks: list[tuple[int, str]], reach: list[tuple[int, int]]) -> None:
        self.other, self.marks, self.reach = other, marks, reach
        self.clause = clause_ids(other)
        self.used: set[int] = set()
        self.answered: list[tuple[int, int]] = []  # the reach of each negation answered, on its side

    def concord(self, neg: Side, i: int) -> bool:
        """The negation at ``i`` continues one answered already; its reach continues the chain."""
        if any(lo <= i <= hi for lo, hi in self.answered):
            self.answered.append(reach_of(neg, i))
            return True
        return False

    def take(self, neg: Side, i: int, found: list[int]) -> bool:
        """The negation at ``i`` (rendered at ``found``) is answered by a mark not taken yet."""
        by = [
            m
            for (m, kind), (lo, hi) in zip(self.marks, self.reach, strict=True)
            if m not in self.used
            and any(lo <= c <= hi or (kind == "strong" and self.clause[c] == self.clause[m]) for c in found)
        ]
        if not by:
            return False
        if neg.tokens[i].norm not in neg.lex.coordinators:
            self.used.add(by[0])
        self.answered.append(reach_of(neg, i))
        return True


def _negation_word(side: Side, m: int) -> bool:
    """The mark at ``m`` is a word that only negates ("non", "not", "deyil"): not a negated verb, nor a
    word that says the negated clause in one ("despite" for "baxmayaraq", "scarce" for "çatışmırdı")."""
    return side.tokens[m].norm in side.lex.negation_words


def _says_no(side: Side, m: int) -> bool:
    """The mark at ``m`` is a word that negates or may negate ("not" of "not just", "without", "без"), not
    a word negated by a prefix or an ending ("небольшой", small; "niepokojące", worrying)."""
    norm = side.tokens[m].norm
    return norm in side.lex.negation_words or norm in side.lex.negation_weak


def _answering(
    side: Side,
    other: Side,
    marks: list[tuple[int, str]],
    other_strong: list[int],
    aligner: Aligner,
    *,
    on_source: bool,
) -> list[tuple[int, str]]:
    """The side's marks that may answer the other side's negations: every strong one, and a weak one
    unless the aligner pairs it only with words of its own, neither of negation nor in the reach of the
    other side's strong negations ("в небольшой комнате" / "in a small room": "небольшой" renders "small",
    and cannot stand for "were not held")."""
    reach = [reach_of(other, m) for m in other_strong]

    def may_answer(c: int) -> bool:
        return _of_negation(other, c) or any(lo <= c <= hi for lo, hi in reach)

    out = []
    for m, kind in marks:
        there = aligner.targets(m) if on_source else aligner.sources(m)
        if kind == "weak" and there and not any(may_answer(c) for c in there):
            continue  # it renders a word of its own
        out.append((m, kind))
    return out


def _of_negation(side: Side, m: int) -> bool:
    """The token at ``m`` is a word the side's lexicon knows as negating, or as taking part in a negation
    ("heç", ever, which a negated verb makes "never")."""
    norm = side.tokens[m].norm
    return side.lex.negation(norm) is not None or norm in side.lex.question_weak


def reach_of(side: Side, m: int) -> tuple[int, int]:
    """The tokens a negation mark at ``m`` answers for: its neighbours, and the words its scope covers
    (English "not to proliferate": "not" answers for "proliferate", two words on)."""
    before, after = side.lex.negation_scope(side.tokens[m].norm)
    return m - max(before, 1), m + max(after, 1)


def _unspaced(text: str) -> bool:
    from bitext.checks.language import NO_SPACE_SCRIPTS, dominant_script

    return dominant_script(text) in NO_SPACE_SCRIPTS


def _counterparts(
    neg: Side,
    i: int,
    aligner: Aligner,
    *,
    source_negated: bool,
    skip: frozenset[int] = frozenset(),
    weak_words: frozenset[int] = frozenset(),
) -> list[int]:
    """The other side's words aligned to the negation at token ``i`` or to the words it negates
    (``_witnesses``), nearest first, but for the tokens in ``skip``: where the negated clause is rendered.

    A word that only negates ("not", "deyil") is paired by the aligner with the other side's negation word
    for being alike, whichever clause each negates ("the children do not live in poverty, we can raise" /
    "die Kinder in Armut leben, können wir nicht erhöhen"), or with a word that only looks negated
    ("небольшой", small): its own counterpart counts only when it is one of ``weak_words``, the
    other side's words that negate weakly ("no" / "без", without; "not" of "not just" / "deyil"). A word
    that negates a list's items ("nor", "ani") is paired with the other list's, and counts."""
    only_negates = _negation_word(neg, i) and neg.tokens[i].norm not in neg.lex.coordinators
    found: list[int] = []
    for k in _witnesses(neg, i):
        there = aligner.targets(k) if source_negated else aligner.sources(k)
        found += [c for c in there if c in weak_words] if k == i and only_negates else there
    return [c for c in dict.fromkeys(found) if c not in skip]


def _witnesses(side: Side, i: int) -> list[int]:
    """The negation mark at ``i`` and the tokens whose counterparts say where its clause went: for a word
    negated inside ("getmədi") or a list's negation ("nor"), its neighbours; for a word that only negates,
    the words it negates (the language's ``scope``: after English "not", before Azerbaijani "deyil"), none
    past its clause's punctuation, nearest first."""
    n = len(side.tokens)
    norm = side.tokens[i].norm
    if not _negation_word(side, i) or norm in side.lex.coordinators:
        return [k for k in (i, i + 1, i - 1, i + 2) if 0 <= k < n]
    before, after = side.lex.negation_scope(norm)
    scope = sorted(
        [*range(i + 1, i + after + 1), *range(i - 1, i - before - 1, -1)], key=lambda k: abs(k - i)
    )
    return [i, *(k for k in scope if 0 <= k < n and _same_clause(side, i, k))]


def _same_clause(side: Side, i: int, k: int) -> bool:
    a, b = sorted((i, k))
    return not CLAUSE_PUNCT.search(side.text, side.tokens[a].end, side.tokens[b].start)


def _shown(
    neg: Side,
    other: Side,
    i: int,
    aligner: Aligner,
    found: list[int],
    *,
    source_negated: bool,
    skip: frozenset[int],
) -> int | None:
    """The other side's word a flag shows for the negation at ``i``: the counterpart of a neighbour in its
    clause (the verb that lost the negation, or the auxiliary's: "did" of "did not take" pairs with
    "apardı", took), not a word of negation ("heç" of "heç vaxt", ever, for "never") nor one of ``skip``;
    else the first of ``found``. (The counterpart of a verb negated inside, "getmədi" / "went", was tried
    first too: the scorer, which reads the two words, then graded Tatoeba's added negations lower.)"""
    for k in (i + 1, i - 1, i + 2):
        if 0 <= k < len(neg.tokens) and _same_clause(neg, i, k):
            there = aligner.targets(k) if source_negated else aligner.sources(k)
            for c in there:
                if c not in skip and not _of_negation(other, c):
                    return c
    return found[0] if found else None


def _one_negation(
    neg: Side,
    other: Side,
    i: int,
    aligner: Aligner,
    ratio: float,
    limit: float,
    *,
    source_negated: bool,
    skip: frozenset[int] | None = None,
) -> list[Flag]:
    """A flag for the negation at token ``i`` that the other side does not render: it has no negation at
    all, or only negations of other clauses (``skip``: their marks, which cannot stand for the clause)."""
    counterpart: int | None = None
    elsewhere = skip is not None
    if aligner.available:
        # The negated clause must have a counterpart: the marker word (a negated verb) or a neighbour.
        found = _counterparts(neg, i, aligner, source_negated=source_negated, skip=skip or frozenset())
        counterpart = _shown(
            neg, other, i, aligner, found, source_negated=source_negated, skip=skip or frozenset()
        )
        if counterpart is None and ratio > limit:
            return []
    elif ratio > limit:
        return []
    other_excerpt = other.word(counterpart) if counterpart is not None else ""
    other_span = other.span(counterpart) if counterpart is not None else None
    marker = neg.word(i)
    where = f" ('{other_excerpt}')" if other_excerpt else ""
    message = f"The {language_name(neg.lang)} is negated ('{marker}'); the {language_name(other.lang)} " + (
        f"does not negate that clause{where}, only another one" if elsewhere else f"has no negation{where}"
    )
    neg_excerpt, neg_span = marker, neg.span(i)
    if source_negated:
        return [Flag("opposite", "major", neg_excerpt, other_excerpt, neg_span, other_span, message,
                     basis="negation")]  # fmt: skip
    return [Flag("opposite", "major", other_excerpt, neg_excerpt, other_span, neg_span, message,
                 basis="negation")]  # fmt: skip
