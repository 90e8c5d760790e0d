"""Opposite meaning: one side says east where the other says west, or negates what the other affirms.

Sentence embeddings cannot see this (the "eastern"/"Qərb" pair scores like a faithful translation), so the
check works on words: a bilingual lexicon of contrasts (``data/contrasts``) finds the contrast words and
negation markers, and, when the encoder is loaded, SimAlign-style word alignment says which words
correspond. Without the encoder it falls back to lexicon and sentence-shape heuristics (see ``opposite``).

This module finds the reversed contrast words and the antonym swaps; a negation on one side only is found
by ``negation``, and both read the pair through ``opposite_sides``.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from bitext.checks.antonyms import Swap, swaps
from bitext.checks.base import PairContext, check
from bitext.checks.contrasts import (
    Hit,
    Lexicon,
    gloss,
    negation_marks,
)
from bitext.checks.negation import (
    clause_negated,
    negated_tokens,
    negates,
    negation_flags,
    not_names,
    noun_negated,
)
from bitext.checks.opposite_sides import (
    MAX_LENGTH_RATIO,
    Aligner,
    Side,
    length_ratio,
    sides_of,
)
from bitext.checks.wordalign import (
    WordVectorSource,
    encoder_key,
    pair_words,
    prefetch_words,
)
from bitext.limits import MAX_SWAPS, remember
from bitext.model import Flag, Severity
from bitext.text import WORD_RE, base_lang, language_name

if TYPE_CHECKING:
    from bitext.encoder import Encoder

# Encoder fallback for words the lexicon lacks: the target word must be this much closer to the
# antonym than to the source word itself (word cosines of the shipped model are compressed).
ANTONYM_MARGIN = 0.04


ANTONYM_FLOOR = 0.80


# Antonym swaps (``_swap_flags``): the least gain in sentence cosine a swap must bring to count (at most
# ``limits.MAX_SWAPS`` swaps per side, each one more sentence to embed). Chosen on DEMETR's tune half: at
# this gain about 1 correct pair in 80 gives a candidate, which the fitted scorer then weighs.
SWAP_GAIN = 0.005


# A swap is confirmed (``swap-confirmed``, minor by its rule, not the scorer's) when it brings at least this
# gain and the word agrees: the other side's words aligned with the swapped one read, as single words,
# at least as close to the antonym as to the word written ("bright" against "sombre": "sombre" nearer "dark").
# One word weighs more in a short sentence's vector, so the gain times the side's words must reach
# CONFIRMED_SWAP_WEIGHT as well ("My nose is running" / "Burnum axır" gains 0.014 from "walking").
# Chosen on the tune halves: DEMETR's antonyms caught at minor 0.117 -> 0.206, none of its 500 correct
# pairs confirmed; of Tatoeba's and NTREX's 871 correct pairs, the gain alone confirmed five (three
# sentences of two to four words, "give-and-go", "also denied that"), the weight and ``swaps``' skipping
# hyphenated words leave one ("denied").
CONFIRMED_SWAP_GAIN = 0.008


CONFIRMED_SWAP_WEIGHT = 0.12


@check("opposite")
def opposite(ctx: PairContext) -> list[Flag]:
    """Opposite meaning: a direction, order, amount or outcome reversed ("eastern" rendered as "Qərb"),
    or a statement negated on one side only ("was not signed" rendered as "imzalandı"), also where the
    other side negates another clause of the sentence (then the word aligner says where the negated
    clause went; not against Chinese or Japanese, where it cannot place a clause).

    Words come from a contrast lexicon per language. With the encoder loaded, words are aligned and a
    flag needs the two words to correspond; without it (no model), a flag needs the concept to appear on
    both sides with opposite sense only, in sentences of similar length. Ambiguous words (English "last",
    Azerbaijani "çox") only count when aligned. Words the lexicon lacks are compared by the encoder with
    the source word and its antonyms (minor flag, only when clearly closer to the antonym).
    """
    sides = sides_of(ctx)
    if sides is None:
        return []
    src, tgt = sides
    aligner = Aligner(ctx, src, tgt)
    ratio = length_ratio(src, tgt)
    s_marks = not_names(src, tgt, negation_marks(src.lex, src.tokens, src.text))
    t_marks = not_names(tgt, src, negation_marks(tgt.lex, tgt.tokens, tgt.text))
    explained: set[tuple[str, int]] = set()
    # A negation only explains a reversal when one side alone is negated ("hate" / "sevmirəm"); with a
    # negation on both sides ("don't eat after" / "əvvəl yemə") the reversed words stand as they are. A
    # word that negates implicitly and is itself a contrast word ("rejected") is no negation of its side
    # here: it is the reversed word ("rejected" / "qəbul edilmədi", not accepted).
    one_sided = not (negates(src, s_marks) and negates(tgt, t_marks))
    # a negated verbal noun turns its own word round, whatever the clauses around it negate
    s_negated = (negated_tokens(src, s_marks) if one_sided else set()) | noun_negated(src)
    t_negated = (negated_tokens(tgt, t_marks) if one_sided else set()) | noun_negated(tgt)
    # An ambiguous (weak) word is turned round by a negation anywhere in its clause: "would not bring a
    # big change" says what "little would change" says, whatever other clauses of the sentence negate.
    s_clause = clause_negated(src, s_marks)
    t_clause = clause_negated(tgt, t_marks)
    comparable = ratio <= MAX_LENGTH_RATIO
    flags = _contrast_flags(
        src, tgt, aligner, comparable, (s_negated, t_negated), (s_clause, t_clause), explained
    )
    if not explained:
        flags += negation_flags(ctx, src, tgt, aligner, ratio, (s_marks, t_marks), (s_clause, t_clause))
    return flags


def fallback_words(ctx: PairContext) -> list[str]:
    """The single words the encoder fallback (``_fallback_flags``) may embed for this pair and has not yet,
    so that a caller can embed those of many pairs in one batched pass: a pass of a few words costs the
    encoder about three times as much per word. A superset: a source word the lexicon flags is skipped
    later, not here."""
    sides = sides_of(ctx)
    if sides is None or ctx.encoder is None:
        return []
    src, tgt = sides
    s_hits, t_hits = src.hits, tgt.hits
    todo = _fallback_todo(src, tgt, s_hits, {h.sense.concept for h in t_hits}, Aligner(ctx, src, tgt))
    return _words_to_embed(src, tgt, todo, ctx.encoder)


@check("antonyms", needs_encoder=True, default=False)
def antonym_swaps(ctx: PairContext) -> list[Flag]:
    """Opposite meaning the contrast lexicon cannot see: where one side is English, each word WordNet gives
    an antonym for is swapped for it in turn, and a swap that brings that side closer to the other says
    the other side probably means the antonym ("bright" against "sombre"). Translation mode, pairs the
    opposite check left unflagged; at most ``MAX_SWAPS`` extra sentences to embed per side, so it is
    asked for (``--antonym-swaps``), not run by default. The fitted scorer keeps most of its flags at
    ``info``; a swap the word confirms as well (``swap-confirmed``: the other side's word reads nearer the
    antonym) stays ``minor``.
    """
    if ctx.mode != "translation" or opposite(ctx):
        return []
    return _swap_flags(ctx)


def swap_texts(source_text: str, target_text: str, source_lang: str, target_lang: str) -> list[str]:
    """Every sentence the antonym-swap test may embed for this pair, so a caller can embed them in
    batches first."""
    if base_lang(source_lang) == base_lang(target_lang):
        return []
    return [
        swap.text
        for text, lang in ((target_text, target_lang), (source_text, source_lang))
        for swap in swaps(text, base_lang(lang), MAX_SWAPS)
    ]


def _swap_flags(ctx: PairContext) -> list[Flag]:
    """A word of one side, swapped for its antonym (``antonyms``), brings that side closer to the other
    side than it is as written: the other side probably says the antonym. Needs the encoder and an antonym
    lexicon for one side's language; translation mode only (a summary drops too much for the test)."""
    encoder = ctx.encoder
    if encoder is None or base_lang(ctx.source_lang) == base_lang(ctx.target_lang):
        return []
    best: tuple[float, bool, Swap] | None = None
    for on_target, text, other in ((True, ctx.target_text, ctx.source_text),
                                   (False, ctx.source_text, ctx.target_text)):  # fmt: skip
        candidates = swaps(text, base_lang(ctx.target_lang if on_target else ctx.source_lang), MAX_SWAPS)
        if not candidates:
            continue
        vectors = np.asarray(encoder.encode([other, text, *(c.text for c in candidates)]), dtype=np.float64)
        gains = vectors[2:] @ vectors[0] - float(vectors[1] @ vectors[0])
        k = int(gains.argmax())
        if gains[k] >= SWAP_GAIN and (best is None or gains[k] > best[0]):
            best = (float(gains[k]), on_target, candidates[k])
    if best is None:
        return []
    gain, on_target, swap = best
    here, there = (ctx.target_lang, ctx.source_lang) if on_target else (ctx.source_lang, ctx.target_lang)
    message = (
        f"'{swap.word}' may say the opposite of the {language_name(there)}: with '{swap.antonym}' "
        f"instead, the {language_name(here)} reads closer to it (the model's sentence similarity "
        f"+{gain:.3f})"
        if on_target
        else f"The {language_name(there)} may say the opposite of '{swap.word}': it reads closer to the "
        f"{language_name(here)} with '{swap.antonym}' instead (the model's sentence similarity +{gain:.3f})"
    )
    span = (swap.start, swap.end)
    basis = "antonym-swap"
    words = len(WORD_RE.findall(ctx.target_text if on_target else ctx.source_text))
    weighty = gain >= CONFIRMED_SWAP_GAIN and gain * words >= CONFIRMED_SWAP_WEIGHT
    if weighty and _word_agrees(ctx, swap, on_target):
        basis = "swap-confirmed"
        message += f"; '{swap.antonym}' is also the nearer word to its counterpart"
    if on_target:
        return [Flag("opposite", "minor", "", swap.word, None, span, message, basis=basis)]
    return [Flag("opposite", "minor", swap.word, "", span, None, message, basis=basis)]


def _word_agrees(ctx: PairContext, swap: Swap, on_target: bool) -> bool:
    """The words of the other side that the word alignment pairs with the swapped word read, each as a
    single word, at least as close to the antonym as to the word written (by their best one)."""
    assert ctx.encoder is not None
    pw = pair_words(ctx.encoder, ctx.source_text, ctx.target_text)
    mine, theirs = (pw.target, pw.source) if on_target else (pw.source, pw.target)
    inside = {k for k, (_w, a, b) in enumerate(mine.words) if a < swap.end and b > swap.start}
    partners = sorted(
        (i if on_target else j) for i, j in pw.alignment.pairs if (j if on_target else i) in inside
    )
    words = list(dict.fromkeys(theirs.words[k][0] for k in partners))
    if not words:
        return False
    vectors = np.asarray(ctx.encoder.encode([swap.word, swap.antonym, *words]), dtype=np.float64)
    gains = vectors[2:] @ vectors[1] - vectors[2:] @ vectors[0]
    return bool(gains.max() >= 0.0)


def _contrast_flags(
    src: Side,
    tgt: Side,
    aligner: Aligner,
    comparable: bool,
    negated: tuple[set[int], set[int]],
    clause_negated: tuple[set[int], set[int]],
    explained: set[tuple[str, int]],
) -> list[Flag]:
    """Reversed contrast words. A reversal with a negation on exactly one side says the same thing
    ("hate" / "sevmirəm", do not love): no flag, and the negation is ``explained`` for the caller. The
    negation must have the word in its scope (``negated``); for an ambiguous word, in its clause
    (``clause_negated``)."""
    (s_negated, t_negated), (s_clause, t_clause) = negated, clause_negated
    s_hits, t_hits = src.hits, tgt.hits
    flags: list[Flag] = []
    flagged: set[int] = set()
    t_concepts = {h.sense.concept for h in t_hits}
    for s in s_hits:
        if s.token in flagged:
            continue
        same_concept = [t for t in t_hits if t.sense.concept == s.sense.concept]
        reversed_ = [t for t in same_concept if t.sense.polarity == -s.sense.polarity]
        if not reversed_:
            continue
        hit = _aligned_reversal(s, reversed_, aligner)
        if hit is not None and _both_poles(s, hit, s_hits, same_concept):
            hit = None  # each side names both ends ("the North and the South"): no end was turned round
        if hit is None and comparable:
            hit = _only_counterpart(s, s_hits, same_concept, reversed_, aligner)
        weak = hit is not None and (s.sense.weak or hit.sense.weak)
        if hit is not None and (
            (s.token in s_negated) != (hit.token in t_negated)
            or (weak and (s.token in s_clause) != (hit.token in t_clause))
        ):
            explained.update((("s", s.token), ("t", hit.token)))
            flagged.add(s.token)
            continue
        if hit is not None:
            flagged.add(s.token)
            flags.append(_contrast_flag(src, tgt, s, hit, "minor" if weak else "major", weak))
    if aligner.available:
        flags += _fallback_flags(src, tgt, s_hits, t_concepts, aligner, flagged)
    return flags


def _both_poles(s: Hit, hit: Hit, s_hits: list[Hit], t_hits: list[Hit]) -> bool:
    """The source also names the target word's end of the concept, or the target the source word's: the
    word aligner paired two words that each have their own counterpart ("North and South" / "Şimal ilə
    Cənub"; "south of X, moving north" / "şimala doğru")."""
    return any(
        h.sense.concept == s.sense.concept and h.sense.polarity == hit.sense.polarity for h in s_hits
    ) or any(t.sense.concept == s.sense.concept and t.sense.polarity == s.sense.polarity for t in t_hits)


def _aligned_reversal(s: Hit, reversed_: list[Hit], aligner: Aligner) -> Hit | None:
    if not aligner.available:
        return None
    targets = set(aligner.targets(s.token))
    return next((t for t in reversed_ if t.token in targets), None)


def _only_counterpart(
    s: Hit, s_hits: list[Hit], same_concept: list[Hit], reversed_: list[Hit], aligner: Aligner
) -> Hit | None:
    """The concept appears on both sides, each side only with one sense, and the senses are opposite."""
    if s.sense.weak or any(t.sense.weak for t in reversed_):
        return None
    if len(reversed_) != len(same_concept):  # the target also has the source's sense somewhere
        return None
    if any(h.sense.concept == s.sense.concept and h.sense.polarity != s.sense.polarity for h in s_hits):
        return None
    t = reversed_[0]
    if aligner.available and aligner.targets(s.token) and aligner.sources(t.token):
        # Both words found other partners: likely two different statements, not one rendered wrongly.
        return None
    return t


def _contrast_flag(src: Side, tgt: Side, s: Hit, t: Hit, severity: Severity, weak: bool = False) -> Flag:
    return Flag(
        kind="opposite",
        severity=severity,
        source_excerpt=src.word(s.token),
        target_excerpt=tgt.word(t.token),
        source_span=src.span(s.token),
        target_span=tgt.span(t.token),
        message=(
            f"'{tgt.word(t.token)}' means {gloss(t.sense)}; "
            f"the {language_name(src.lang)} says '{src.word(s.token)}' ({gloss(s.sense)})"
        ),
        basis="contrast-weak" if weak else "contrast",
    )


def _fallback_flags(
    src: Side, tgt: Side, s_hits: list[Hit], t_concepts: set[str], aligner: Aligner, flagged: set[int]
) -> list[Flag]:
    """For a source contrast word whose aligned target word the lexicon does not know: ask the encoder
    whether that word is clearly closer to the source word's antonym than to the source word."""
    encoder = aligner.encoder
    if encoder is None:
        return []
    todo = _fallback_todo(src, tgt, s_hits, t_concepts, aligner, flagged)
    prefetch_words(encoder, _words_to_embed(src, tgt, todo, encoder))
    flags: list[Flag] = []
    for s, j, antonyms in todo:
        if s.token in flagged:  # one flag per source word, whichever of its targets came first
            continue
        same = _word_sim(encoder, tgt.word(j), src.word(s.token))
        anti = max(_word_sim(encoder, tgt.word(j), a) for a in antonyms)
        if anti >= ANTONYM_FLOOR and anti - same >= ANTONYM_MARGIN:
            flagged.add(s.token)
            flags.append(
                Flag(
                    kind="opposite",
                    severity="minor",
                    source_excerpt=src.word(s.token),
                    target_excerpt=tgt.word(j),
                    source_span=src.span(s.token),
                    target_span=tgt.span(j),
                    message=(
                        f"'{tgt.word(j)}' looks closer to '{gloss(_flip(s).sense)}' than to "
                        f"'{src.word(s.token)}' (the model's word similarity {anti:.2f} vs {same:.2f})"
                    ),
                    basis="encoder",
                )
            )
    return flags


def _flip(h: Hit) -> Hit:
    return Hit(h.token, replace(h.sense, polarity=-h.sense.polarity))


def _antonym_words(lex: Lexicon, s: Hit) -> list[str]:
    return [
        e.stem
        for e in lex.entries.values()
        if any(
            x.concept == s.sense.concept and x.polarity == -s.sense.polarity and not x.weak for x in e.senses
        )
    ][:4]


def _fallback_todo(
    src: Side,
    tgt: Side,
    s_hits: list[Hit],
    t_concepts: set[str],
    aligner: Aligner,
    flagged: Set[int] = frozenset(),
) -> list[tuple[Hit, int, list[str]]]:
    """(source contrast word, a target word aligned to it that the lexicon lacks, the source word's
    antonyms): the comparisons the encoder fallback makes."""
    return [
        (s, j, antonyms)
        for s in s_hits
        if not (s.sense.weak or s.token in flagged or s.sense.concept in t_concepts)
        for j in aligner.targets(s.token)
        if not tgt.lex.senses(tgt.tokens[j].norm) and (antonyms := _antonym_words(src.lex, s))
    ]


def _words_to_embed(
    src: Side, tgt: Side, todo: list[tuple[Hit, int, list[str]]], encoder: WordVectorSource
) -> list[str]:
    """The words of ``todo`` (``_fallback_todo``) whose vectors are not remembered yet."""
    words = [w for s, j, antonyms in todo for w in (tgt.word(j), src.word(s.token), *antonyms)]
    return [w for w in dict.fromkeys(words) if (encoder_key(encoder), w) not in _WORD_SIM_CACHE]


# Single words' vectors for the fallback, kept for the process (a batch worker's groups ask again for
# common words): the last WORD_SIM_MEMO of them (3 KB each), so a long batch stays bounded.
_WORD_SIM_CACHE: dict[tuple[str, str], np.ndarray] = {}
WORD_SIM_MEMO = 20_000


def remember_words(encoder: Encoder, words: list[str]) -> None:
    """Embed ``words`` in one pass and keep their vectors for the encoder fallback (``fallback_words``
    lists them for a pair; a batch worker gathers those of many documents)."""
    todo = [w for w in words if (encoder_key(encoder), w) not in _WORD_SIM_CACHE]
    encoder.word_vectors_many(todo)
    for word in todo:
        _word_vec(encoder, word)


def _word_vec(encoder: WordVectorSource, word: str) -> np.ndarray:
    key = (encoder_key(encoder), word)
    vec = _WORD_SIM_CACHE.get(key)
    if vec is None:
        wv = encoder.word_vectors(word)
        vec = np.asarray(wv.vectors, dtype=np.float64).mean(axis=0)
        vec = remember(_WORD_SIM_CACHE, key, vec / (np.linalg.norm(vec) or 1.0), WORD_SIM_MEMO)
    return vec


def _word_sim(encoder: WordVectorSource, a: str, b: str) -> float:
    return float(_word_vec(encoder, a) @ _word_vec(encoder, b))
