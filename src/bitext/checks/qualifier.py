"""Qualifiers: a word that changes the force of a claim is on one side only (kind ``qualifier``).

"Allegedly", "only", "about 300", "by force": dropped, they make the translation claim more than the
original; added, less (or something else). Which words qualify a claim, and in which class (hedge,
restrict, approximate, force), is language data: ``qualifiers`` in ``data/contrasts/<lang>.json``. An entry
may be a phrase ("by force"); an entry ending in ``#num`` counts only before a number ("about 300", not
"talk about it"); an entry starting with ``~`` only answers the other side's qualifier of its class and is
never flagged itself: a word that qualifies in some senses only (English "just": only, or a moment ago).

With data for both languages, a class present on one side and absent on the other is flagged. With data
for one side only, the encoder's word alignment decides: the qualifier is flagged when nothing on the other
side renders it. A qualifier is not flagged when the words it qualifies are missing too: then the whole
clause is gone, which the omission check reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bitext.checks.base import PairContext, check
from bitext.checks.contrasts import Lexicon, Token, load_lexicon
from bitext.checks.evidence import WEAK_SUPPORT
from bitext.checks.wordalign import map_spans, pair_words
from bitext.model import Flag
from bitext.text import language_name

NUMBER_ONLY = "#num"
ANSWER_ONLY = "~"


@dataclass(frozen=True)
class Qualifier:
    cls: str
    first: int  # token index
    last: int
    start: int
    end: int
    text: str
    answer_only: bool = False  # renders the other side's qualifier; never flagged itself


@check("qualifier")
def qualifier(ctx: PairContext) -> list[Flag]:
    """A word that changes the force of a claim is on one side only: "allegedly", "only", "about 300",
    "by force" dropped (the translation claims more) or added (it claims less, or otherwise). Needs
    qualifier data for at least one of the languages, and the encoder where only one language has it."""
    src_lex, tgt_lex = _with_qualifiers(ctx.source_lang), _with_qualifiers(ctx.target_lang)
    if src_lex is None and tgt_lex is None:
        return []
    src_q = _found(src_lex, ctx.source_text)
    tgt_q = _found(tgt_lex, ctx.target_text)
    flags: list[Flag] = []
    sname, tname = language_name(ctx.source_lang), language_name(ctx.target_lang)
    for q in src_q:
        if q.answer_only or _rendered(ctx, q, tgt_lex, tgt_q, source_side=True):
            continue
        flags.append(Flag(
            "qualifier", "minor", q.text, "", (q.start, q.end), None,
            f"The {sname} says '{q.text}' ({q.cls}); the {tname} drops it, so its claim is stronger",
        ))  # fmt: skip
    if ctx.mode == "translation":
        for q in tgt_q:
            if q.answer_only or _rendered(ctx, q, src_lex, src_q, source_side=False):
                continue
            flags.append(Flag(
                "qualifier", "minor", "", q.text, None, (q.start, q.end),
                f"The {tname} adds '{q.text}' ({q.cls}), which the {sname} does not say",
            ))  # fmt: skip
    return flags


def _with_qualifiers(lang: str) -> Lexicon | None:
    """The language's lexicon when it lists qualifiers (a lexicon of negations only says nothing here)."""
    lex = load_lexicon(lang)
    return lex if lex is not None and lex.qualifiers else None


def _found(lex: Lexicon | None, text: str) -> list[Qualifier]:
    if lex is None:
        return []
    return qualifiers_in_text(lex, lex.tokens(text), text)


def qualifiers_in_text(lex: Lexicon, tokens: list[Token], text: str) -> list[Qualifier]:
    """``qualifiers`` with the ``#num`` condition checked against the text (a digit or number word next)."""
    index = _qualifier_index(tuple(lex.qualifiers.items()))
    found: list[tuple[int, int, Qualifier]] = []  # (entry, token, qualifier)
    for i, token in enumerate(tokens):
        for k, cls, parts, number_only, answer_only in index.get(token.norm, ()):
            n = len(parts)
            if i + n > len(tokens) or tuple(t.norm for t in tokens[i : i + n]) != parts:
                continue
            end = tokens[i + n - 1].end
            if number_only and not _before_number(text, end):
                continue
            span = text[tokens[i].start : end]
            found.append((k, i, Qualifier(cls, i, i + n - 1, tokens[i].start, end, span, answer_only)))
    # "about 300" before "~about"; then in the lexicon's order
    found.sort(key=lambda f: (f[2].start, -(f[2].end - f[2].start), f[2].answer_only, f[0], f[1]))
    out: list[Qualifier] = []
    for _, _, q in found:
        if out and q.start < out[-1].end:
            continue  # inside a longer phrase already taken
        out.append(q)
    return out


@lru_cache(maxsize=64)
def _qualifier_index(
    classes: tuple[tuple[str, frozenset[str]], ...],
) -> dict[str, list[tuple[int, str, tuple[str, ...], bool, bool]]]:
    """The lexicon's qualifiers by first word: (order, class, words, '#num', '~') of each entry."""
    index: dict[str, list[tuple[int, str, tuple[str, ...], bool, bool]]] = {}
    k = 0
    for cls, words in classes:
        for entry in words:
            answer_only = entry.startswith(ANSWER_ONLY)
            parts = re.split(r"[\s\-‐]+", entry.removeprefix(ANSWER_ONLY))  # "peut-être", "by force"
            number_only = parts[-1].endswith(NUMBER_ONLY)
            if number_only:
                parts[-1] = parts[-1][: -len(NUMBER_ONLY)]
            index.setdefault(parts[0], []).append((k, cls, tuple(parts), number_only, answer_only))
            k += 1
    return index


def _before_number(text: str, end: int) -> bool:
    rest = text[end:].lstrip()
    return bool(rest) and rest[0].isdigit()


def _rendered(
    ctx: PairContext, q: Qualifier, other_lex: Lexicon | None, other_q: list[Qualifier], *, source_side: bool
) -> bool:
    """Does the other side say the same (a qualifier of the class), or can it not be told?"""
    if other_lex is not None:
        if any(o.cls == q.cls for o in other_q):
            return True
        return not _qualified_words_rendered(ctx, q, source_side)
    if ctx.encoder is None:
        return True  # no data for the other language and no encoder: no evidence either way
    pw = pair_words(ctx.encoder, ctx.source_text, ctx.target_text)
    side = pw.source if source_side else pw.target
    sim = pw.alignment.sim if source_side else pw.alignment.sim.T
    idx = map_spans([(q.start, q.end)], side.words)[0]
    if idx is None or sim.shape[1] == 0:
        return True
    if float(sim[idx].max()) >= WEAK_SUPPORT:
        return True
    return not _qualified_words_rendered(ctx, q, source_side)


def _qualified_words_rendered(ctx: PairContext, q: Qualifier, source_side: bool) -> bool:
    """The words right after the qualifier have a counterpart on the other side (else the whole clause
    went, which is an omission, not a change of force). Without the encoder, assume they do."""
    if ctx.encoder is None:
        return True
    text = ctx.source_text if source_side else ctx.target_text
    pw = pair_words(ctx.encoder, ctx.source_text, ctx.target_text)
    side = pw.source if source_side else pw.target
    sim = pw.alignment.sim if source_side else pw.alignment.sim.T
    after = [k for k, (_w, s, _e) in enumerate(side.words) if s >= q.end][:3]
    if not after or sim.shape[1] == 0:
        return bool(text)
    return float(sim[after].max(axis=1).mean()) >= WEAK_SUPPORT
