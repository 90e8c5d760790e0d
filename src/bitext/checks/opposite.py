"""Opposite meaning: one side says east where the other says west, or negates what the other affirms.

Sentence embeddings cannot see this (the "eastern"/"Qərb" pair scores like a faithful translation), so the
check works on words: a bilingual lexicon of contrasts (``data/contrasts``) finds the contrast words and
negation markers, and, when the encoder is loaded, SimAlign-style word alignment says which words
correspond. Without the encoder it falls back to lexicon and sentence-shape heuristics (see ``opposite``).
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

import numpy as np

from bitext.checks.antonyms import Swap, swaps
from bitext.checks.base import PairContext, check
from bitext.checks.contrasts import (
    Hit,
    Lexicon,
    Token,
    contrast_hits,
    gloss,
    load_lexicon,
    negation_marks,
)
from bitext.checks.name_tables import name_keys
from bitext.checks.wordalign import (
    WordVectorSource,
    encoder_key,
    pair_words,
    prefetch_words,
    token_alignment,
)
from bitext.limits import MAX_SWAPS
from bitext.model import Flag, Severity
from bitext.text import WORD_RE, base_lang, language_name, opens_sentence

_CLAUSE_PUNCT = re.compile(r"[.!?;:…,]")

# A linked pair whose sides differ more than this in content words is probably not a plain translation;
# without word alignment we then stay quiet rather than guess which clause a word belongs to.
MAX_LENGTH_RATIO = 2.0
LETTER_SMOOTHING = 10
# Summaries shorten: a negation may only be missing because its clause was left out.
MAX_LENGTH_RATIO_SUMMARY = 1.5
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
# at least as close to the antonym as to the word written ("hot" against "froid": "froid" nearer "cold").
# One word weighs more in a short sentence's vector, so the gain times the side's words must reach
# CONFIRMED_SWAP_WEIGHT as well ("My nose is running" / "Burnum axır" gains 0.014 from "walking").
# Chosen on the tune halves: DEMETR's antonyms caught at minor 0.117 -> 0.206, none of its 500 correct
# pairs confirmed; of Tatoeba's and NTREX's 871 correct pairs, the gain alone confirmed five (three
# sentences of two to four words, "give-and-go", "also denied that"), the weight and ``swaps``' skipping
# hyphenated words leave one ("denied").
CONFIRMED_SWAP_GAIN = 0.008
CONFIRMED_SWAP_WEIGHT = 0.12
# A name's consonant frame must be this long to tell a name from a negated verb (``_not_names``).
MIN_NAME_KEY = 4


@dataclass(frozen=True)
class _Side:
    text: str
    lang: str
    lex: Lexicon
    tokens: list[Token]

    def span(self, i: int) -> tuple[int, int]:
        return self.tokens[i].start, self.tokens[i].end

    def word(self, i: int) -> str:
        return self.tokens[i].text

    @cached_property
    def hits(self) -> list[Hit]:
        """The side's contrast words, read once: the reversals and the negation's reach both ask."""
        return contrast_hits(self.lex, self.tokens, self.text)


class _Aligner:
    """Token alignment computed on first use: most pairs need no encoder call at all."""

    def __init__(self, ctx: PairContext, src: _Side, tgt: _Side) -> None:
        self.encoder: WordVectorSource | None = ctx.encoder
        self._src, self._tgt = src, tgt
        self._pairs: set[tuple[int, int]] | None = None

    @property
    def available(self) -> bool:
        return self.encoder is not None

    def pairs(self) -> set[tuple[int, int]]:
        if self._pairs is None:
            self._pairs = set()
            if self.encoder is not None:
                pw = pair_words(self.encoder, self._src.text, self._tgt.text)
                self._pairs = token_alignment(
                    pw,
                    [(t.start, t.end) for t in self._src.tokens],
                    [(t.start, t.end) for t in self._tgt.tokens],
                )
        return self._pairs

    def targets(self, i: int) -> list[int]:
        return sorted(j for a, j in self.pairs() if a == i)

    def sources(self, j: int) -> list[int]:
        return sorted(i for i, b in self.pairs() if b == j)


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
    sides = _sides(ctx)
    if sides is None:
        return []
    src, tgt = sides
    aligner = _Aligner(ctx, src, tgt)
    ratio = _length_ratio(src, tgt)
    s_marks = _not_names(src, tgt, negation_marks(src.lex, src.tokens, src.text))
    t_marks = _not_names(tgt, src, negation_marks(tgt.lex, tgt.tokens, tgt.text))
    explained: set[tuple[str, int]] = set()
    # A negation only explains a reversal when one side alone is negated ("hate" / "sevmirəm"); with a
    # negation on both sides ("don't eat after" / "əvvəl yemə") the reversed words stand as they are. A
    # word that negates implicitly and is itself a contrast word ("rejected") is no negation of its side
    # here: it is the reversed word ("rejected" / "qəbul edilmədi", not accepted).
    one_sided = not (_negates(src, s_marks) and _negates(tgt, t_marks))
    # a negated verbal noun turns its own word round, whatever the clauses around it negate
    s_negated = (_negated(src, s_marks) if one_sided else set()) | _noun_negated(src)
    t_negated = (_negated(tgt, t_marks) if one_sided else set()) | _noun_negated(tgt)
    # An ambiguous (weak) word is turned round by a negation anywhere in its clause: "would not bring a
    # big change" says what "little would change" says, whatever other clauses of the sentence negate.
    s_clause = _clause_negated(src, s_marks)
    t_clause = _clause_negated(tgt, t_marks)
    comparable = ratio <= MAX_LENGTH_RATIO
    flags = _contrast_flags(
        src, tgt, aligner, comparable, (s_negated, t_negated), (s_clause, t_clause), explained
    )
    if not explained:
        flags += _negation_flags(ctx, src, tgt, aligner, ratio, (s_marks, t_marks), (s_clause, t_clause))
    return flags


def _sides(ctx: PairContext) -> tuple[_Side, _Side] | None:
    """Both sides tokenised by their contrast lexicons; None without a lexicon or a word on each side."""
    src, tgt = _side(ctx.source_text, ctx.source_lang), _side(ctx.target_text, ctx.target_lang)
    return (src, tgt) if src is not None and tgt is not None and src.tokens and tgt.tokens else None


@lru_cache(maxsize=1024)
def _side(text: str, lang: str) -> _Side | None:
    """One side tokenised by its lexicon, once: the runner asks for a chunk's fallback words
    (``fallback_words``) before the check itself reads the same sides (a chunk is at most 256 links)."""
    lex = load_lexicon(lang)
    return None if lex is None else _Side(text, lang, lex, lex.tokens(text))


def fallback_words(ctx: PairContext) -> list[str]:
    """The single words the encoder fallback (``_fallback_flags``) may embed for this pair and has not yet,
    so that a caller can embed those of many pairs in one batched pass: a pass of a few words costs the
    encoder about three times as much per word. A superset: a source word the lexicon flags is skipped
    later, not here."""
    sides = _sides(ctx)
    if sides is None or ctx.encoder is None:
        return []
    src, tgt = sides
    s_hits, t_hits = src.hits, tgt.hits
    todo = _fallback_todo(src, tgt, s_hits, {h.sense.concept for h in t_hits}, _Aligner(ctx, src, tgt))
    return _words_to_embed(src, tgt, todo, ctx.encoder)


@check("antonyms", needs_encoder=True, default=False)
def antonym_swaps(ctx: PairContext) -> list[Flag]:
    """Opposite meaning the contrast lexicon cannot see: where one side is English, each word WordNet gives
    an antonym for is swapped for it in turn, and a swap that brings that side closer to the other says
    the other side probably means the antonym ("hot" against "froid"). Translation mode, pairs the
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


def _not_names(side: _Side, other: _Side, marks: list[tuple[int, str]]) -> list[tuple[int, str]]:
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


def _negates(side: _Side, marks: list[tuple[int, str]]) -> bool:
    """A mark negates the side's clause: a strong one, or a weak one that is not a contrast word itself."""
    contrast_words = {h.token for h in side.hits}
    return any(kind == "strong" or i not in contrast_words for i, kind in marks)


def _negated(side: _Side, marks: list[tuple[int, str]]) -> set[int]:
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


def _noun_negated(side: _Side) -> set[int]:
    """A negated verbal noun of a light verb and the word it makes a verb of ("qəbul edilməməsi", its not
    being accepted): turned round for a contrast ("rejected" says the same), though no clause is negated."""
    out: set[int] = set()
    for i, token in enumerate(side.tokens):
        if any(p.fullmatch(token.norm) for p in side.lex.noun_negations):
            out.update((i - 1, i))
    return out


def _clause_negated(side: _Side, marks: list[tuple[int, str]]) -> set[int]:
    """Tokens in the clause of a strong negation: from the mark to the nearest clause punctuation
    (a comma included) on each side."""
    strong = {i for i, kind in marks if kind == "strong"}
    if not strong:
        return set()
    clause = _clause_ids(side)
    negated = {clause[i] for i in strong}
    return {k for k, c in enumerate(clause) if c in negated}


def _clause_ids(side: _Side) -> list[int]:
    """Each token's clause, numbered from 0, read once (a text of many negations is not walked once per
    negation): clauses end at clause punctuation, a comma included."""
    ids = [0] * len(side.tokens)
    for k in range(1, len(side.tokens)):
        apart = _CLAUSE_PUNCT.search(side.text, side.tokens[k - 1].end, side.tokens[k].start) is not None
        ids[k] = ids[k - 1] + apart
    return ids


def _length_ratio(src: _Side, tgt: _Side) -> float:
    # Letters, not words: agglutinative languages pack into one word what English spreads over four.
    # The added constant keeps two very short sentences ("It's not blood." / "Bu qan.") comparable.
    a = src.lex.char_weight * sum(len(t.text) for t in src.tokens) + LETTER_SMOOTHING
    b = tgt.lex.char_weight * sum(len(t.text) for t in tgt.tokens) + LETTER_SMOOTHING
    return max(a, b) / min(a, b)


def _contrast_flags(
    src: _Side,
    tgt: _Side,
    aligner: _Aligner,
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


def _aligned_reversal(s: Hit, reversed_: list[Hit], aligner: _Aligner) -> Hit | None:
    if not aligner.available:
        return None
    targets = set(aligner.targets(s.token))
    return next((t for t in reversed_ if t.token in targets), None)


def _only_counterpart(
    s: Hit, s_hits: list[Hit], same_concept: list[Hit], reversed_: list[Hit], aligner: _Aligner
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


def _contrast_flag(src: _Side, tgt: _Side, s: Hit, t: Hit, severity: Severity, weak: bool = False) -> Flag:
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
    src: _Side, tgt: _Side, s_hits: list[Hit], t_concepts: set[str], aligner: _Aligner, flagged: set[int]
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
    src: _Side,
    tgt: _Side,
    s_hits: list[Hit],
    t_concepts: set[str],
    aligner: _Aligner,
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
    src: _Side, tgt: _Side, todo: list[tuple[Hit, int, list[str]]], encoder: WordVectorSource
) -> list[str]:
    """The words of ``todo`` (``_fallback_todo``) whose vectors are not remembered yet."""
    words = [w for s, j, antonyms in todo for w in (tgt.word(j), src.word(s.token), *antonyms)]
    return [w for w in dict.fromkeys(words) if (encoder_key(encoder), w) not in _WORD_SIM_CACHE]


_WORD_SIM_CACHE: dict[tuple[str, str], np.ndarray] = {}


def _word_vec(encoder: WordVectorSource, word: str) -> np.ndarray:
    key = (encoder_key(encoder), word)
    vec = _WORD_SIM_CACHE.get(key)
    if vec is None:
        wv = encoder.word_vectors(word)
        vec = np.asarray(wv.vectors, dtype=np.float64).mean(axis=0)
        vec = vec / (np.linalg.norm(vec) or 1.0)
        _WORD_SIM_CACHE[key] = vec
    return vec


def _word_sim(encoder: WordVectorSource, a: str, b: str) -> float:
    return float(_word_vec(encoder, a) @ _word_vec(encoder, b))


def _negation_flags(
    ctx: PairContext,
    src: _Side,
    tgt: _Side,
    aligner: _Aligner,
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
            reach = [_reach(other, m) for m, _ in other_marks]
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

    def __init__(self, other: _Side, marks: list[tuple[int, str]], reach: list[tuple[int, int]]) -> None:
        self.other, self.marks, self.reach = other, marks, reach
        self.clause = _clause_ids(other)
        self.used: set[int] = set()
        self.answered: list[tuple[int, int]] = []  # the reach of each negation answered, on its side

    def concord(self, neg: _Side, i: int) -> bool:
        """The negation at ``i`` continues one answered already; its reach continues the chain."""
        if any(lo <= i <= hi for lo, hi in self.answered):
            self.answered.append(_reach(neg, i))
            return True
        return False

    def take(self, neg: _Side, i: int, found: list[int]) -> bool:
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
        self.answered.append(_reach(neg, i))
        return True


def _negation_word(side: _Side, m: int) -> bool:
    """The mark at ``m`` is a word that only negates ("non", "not", "deyil"): not a negated verb, nor a
    word that says the negated clause in one ("despite" for "baxmayaraq", "scarce" for "çatışmırdı")."""
    return side.tokens[m].norm in side.lex.negation_words


def _says_no(side: _Side, m: int) -> bool:
    """The mark at ``m`` is a word that negates or may negate ("not" of "not just", "without", "без"), not
    a word negated by a prefix or an ending ("небольшой", small; "niepokojące", worrying)."""
    norm = side.tokens[m].norm
    return norm in side.lex.negation_words or norm in side.lex.negation_weak


def _answering(
    side: _Side,
    other: _Side,
    marks: list[tuple[int, str]],
    other_strong: list[int],
    aligner: _Aligner,
    *,
    on_source: bool,
) -> list[tuple[int, str]]:
    """The side's marks that may answer the other side's negations: every strong one, and a weak one
    unless the aligner pairs it only with words of its own, neither of negation nor in the reach of the
    other side's strong negations ("в небольшой комнате" / "in a small room": "небольшой" renders "small",
    and cannot stand for "were not held")."""
    reach = [_reach(other, m) for m in other_strong]

    def may_answer(c: int) -> bool:
        return _of_negation(other, c) or any(lo <= c <= hi for lo, hi in reach)

    out = []
    for m, kind in marks:
        there = aligner.targets(m) if on_source else aligner.sources(m)
        if kind == "weak" and there and not any(may_answer(c) for c in there):
            continue  # it renders a word of its own
        out.append((m, kind))
    return out


def _of_negation(side: _Side, m: int) -> bool:
    """The token at ``m`` is a word the side's lexicon knows as negating, or as taking part in a negation
    ("heç", ever, which a negated verb makes "never")."""
    norm = side.tokens[m].norm
    return side.lex.negation(norm) is not None or norm in side.lex.question_weak


def _reach(side: _Side, m: int) -> tuple[int, int]:
    """The tokens a negation mark at ``m`` answers for: its neighbours, and the words its scope covers
    (English "not to proliferate": "not" answers for "proliferate", two words on)."""
    before, after = side.lex.negation_scope(side.tokens[m].norm)
    return m - max(before, 1), m + max(after, 1)


def _unspaced(text: str) -> bool:
    from bitext.checks.language import NO_SPACE_SCRIPTS, dominant_script

    return dominant_script(text) in NO_SPACE_SCRIPTS


def _counterparts(
    neg: _Side,
    i: int,
    aligner: _Aligner,
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


def _witnesses(side: _Side, i: int) -> list[int]:
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


def _same_clause(side: _Side, i: int, k: int) -> bool:
    a, b = sorted((i, k))
    return not _CLAUSE_PUNCT.search(side.text, side.tokens[a].end, side.tokens[b].start)


def _shown(
    neg: _Side,
    other: _Side,
    i: int,
    aligner: _Aligner,
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
    neg: _Side,
    other: _Side,
    i: int,
    aligner: _Aligner,
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
