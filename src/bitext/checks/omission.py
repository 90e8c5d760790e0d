"""Addition and omission: content on one side of a link that nothing on the other side supports.

Words are aligned with the encoder's word vectors (``wordalign``); a content word (not a stopword of its
language, see ``data/contrasts/stopwords``) is unsupported when it has no aligned partner and is not
similar to any word on the other side either. A run of several unsupported content words is flagged:
one stray word is usually a paraphrase, a run is a phrase or clause that is missing or added. A single
added word is flagged (translation mode) only when the sentence vectors confirm it (``unrendered``): the
target reads closer to the source without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from bitext.checks.base import PairContext, check
from bitext.checks.contrasts import Lexicon, Token, load_lexicon
from bitext.checks.gaps import GapKind, gaps
from bitext.checks.unrendered import added_word
from bitext.checks.wordalign import PairWords, WordVectorSource, map_spans, pair_words
from bitext.model import Flag, Severity
from bitext.text import WORD_RE, fold, language_name

if TYPE_CHECKING:
    from bitext.encoder import Encoder

# A word whose best cosine to any word of the other side reaches this is taken as rendered somehow
# (layer-8 word cosines of the shipped e5-small: aligned words mostly 0.70-0.95).
SUPPORT_SIM = 0.62
# IterMax gives leftover words a partner even when nothing corresponds; such a pair is no support.
ALIGN_SIM = 0.45
MIN_RUN = 3  # translation mode: content words in a run before it is worth a reviewer's look
MIN_RUN_SUMMARY = 2  # summary additions: a summary should add nothing, so smaller runs count
MAJOR_RUN_SUMMARY = 4


@dataclass(frozen=True)
class Run:
    """Unsupported stretch of one side: token range, character span and its content-word count."""

    first: int
    last: int
    start: int
    end: int
    content: int


def unsupported_runs(
    tokens: list[Token], lex: Lexicon | None, aligned: list[bool], best_sim: list[float], min_run: int
) -> list[Run]:
    """Runs of ≥ ``min_run`` unsupported content words; stopwords inside a run neither break nor count."""
    runs: list[Run] = []
    first: int | None = None
    last = -1
    count = 0
    for i, tok in enumerate(tokens):
        stop = lex.is_stopword(tok.norm) if lex else len(tok.norm) < 3
        if stop:
            continue
        if not aligned[i] and best_sim[i] < SUPPORT_SIM:
            if first is None:
                first, count = i, 0
            last, count = i, count + 1
            continue
        if first is not None and count >= min_run:
            runs.append(Run(first, last, tokens[first].start, tokens[last].end, count))
        first = None
    if first is not None and count >= min_run:
        runs.append(Run(first, last, tokens[first].start, tokens[last].end, count))
    return runs


def _support(pw: PairWords, tokens: list[Token], source_side: bool) -> tuple[list[bool], list[float]]:
    words = pw.source.words if source_side else pw.target.words
    sim = pw.alignment.sim if source_side else pw.alignment.sim.T
    aligned_words = {
        i if source_side else j for i, j in pw.alignment.pairs if pw.alignment.sim[i, j] >= ALIGN_SIM
    }
    mapped = map_spans([(t.start, t.end) for t in tokens], words)
    aligned = [m is not None and m in aligned_words for m in mapped]
    best = [float(np.max(sim[m])) if m is not None and sim.shape[1] else 0.0 for m in mapped]
    # A token the encoder did not see (no overlap) cannot be judged: treat it as supported.
    return [a or m is None for a, m in zip(aligned, mapped, strict=True)], best


def _side_runs(ctx: PairContext, encoder: WordVectorSource, source_side: bool, min_run: int) -> list[Run]:
    text = ctx.source_text if source_side else ctx.target_text
    lang = ctx.source_lang if source_side else ctx.target_lang
    lex = load_lexicon(lang)
    tokens = lex.tokens(text) if lex else _plain_tokens(text)
    if not tokens:
        return []
    pw = pair_words(encoder, ctx.source_text, ctx.target_text)
    aligned, best = _support(pw, tokens, source_side)
    return unsupported_runs(tokens, lex, aligned, best, min_run)


def _plain_tokens(text: str) -> list[Token]:
    return [Token(m.group(), fold(m.group()), m.start(), m.end()) for m in WORD_RE.finditer(text)]


@check("addition", needs_encoder=True)
def addition(ctx: PairContext) -> list[Flag]:
    """Addition: the target says something the source does not (a run of content words with no
    counterpart, or one word that the sentence reads closer to the source without). In summary mode this
    is what the summary adds to the document: minor for a short run, major for a long one. Needs the
    encoder (word alignment); without it this check does not run."""
    if ctx.encoder is None:
        return []
    summary = ctx.mode == "summary"
    runs = _side_runs(ctx, ctx.encoder, False, MIN_RUN_SUMMARY if summary else MIN_RUN)
    flags = []
    for run in runs:
        severity: Severity = "major" if summary and run.content >= MAJOR_RUN_SUMMARY else "minor"
        excerpt = ctx.target_text[run.start : run.end]
        flags.append(Flag(
            "addition", severity, "", excerpt, None, (run.start, run.end),
            f"The {language_name(ctx.target_lang)} adds '{excerpt}' ({run.content} content words with no "
            f"counterpart in the {language_name(ctx.source_lang)})",
        ))
    if not summary:
        flags += _added_word(ctx, ctx.encoder, runs)
    return flags


def _added_word(ctx: PairContext, encoder: Encoder, runs: list[Run]) -> list[Flag]:
    """One word added that no run holds (``unrendered``), minor by its rule."""
    found = added_word(encoder, ctx.source_text, ctx.target_text, ctx.target_lang)
    if found is None:
        return []
    start, end = found.candidate.span
    if any(run.start < end and start < run.end for run in runs):
        return []
    word = ctx.target_text[start:end]
    target, source = language_name(ctx.target_lang), language_name(ctx.source_lang)
    return [Flag(
        "addition", "minor", "", word, None, (start, end),
        f"The {target} adds '{word}': no word of the {source} renders it, and the {target} reads closer "
        f"to the {source} without it",
        basis="unrendered",
    )]  # fmt: skip


@check("omission", needs_encoder=True)
def omission(ctx: PairContext) -> list[Flag]:
    """Omission: the source says something the target leaves out: a run of source content words with no
    counterpart, or a word the target's own grammar shows missing ("the is one of", "across the."; see
    ``gaps``). In summary mode leaving things out is the point, so nothing is flagged here (a dropped
    qualifier that changes the claim is the qualifier check's). Needs the encoder; without it this check
    does not run."""
    if ctx.encoder is None or ctx.mode == "summary":
        return []
    flags = _gap_flags(ctx)
    for run in _side_runs(ctx, ctx.encoder, True, MIN_RUN):
        excerpt = ctx.source_text[run.start : run.end]
        flags.append(Flag(
            "omission", "minor", excerpt, "", (run.start, run.end), None,
            f"The {language_name(ctx.target_lang)} leaves out '{excerpt}' ({run.content} content words "
            f"with no counterpart)",
        ))
    return flags


_GAP_MESSAGES: dict[GapKind, str] = {
    "determiner": "a word is missing after '{word}', or what follows it is out of place",
    "subject": "the statement has no subject before its verb",
    "object": "'{word}' has no object",
    "conjunct": "'{word}' joins nothing",
    "host": "'{word}' belongs to no word",
    "between": "two commas hold nothing between them",
    "opening": "the text opens with '{word}', which follows words, and they are missing",
    "after": "a word is missing after '{word}'",
    "named": "'{word}' names no one: the name after it is missing",
    "described": "'{word}' describes nothing: the word it describes is missing",
}


def _gap_flags(ctx: PairContext) -> list[Flag]:
    """A word missing from the target, told by what is left (``gaps``); not where the source reads the
    same, as a source in the target's language may."""
    found = gaps(ctx.target_text, ctx.target_lang)
    if not found:
        return []
    source_gaps = {ctx.source_text[g.start : g.end] for g in gaps(ctx.source_text, ctx.source_lang)}
    flags = []
    for gap in found:
        excerpt = ctx.target_text[gap.start : gap.end]
        if excerpt in source_gaps:
            continue
        first = excerpt.split()[0]
        what = _GAP_MESSAGES[gap.what].format(word=first.rstrip(",.;:!?)") or first)
        flags.append(Flag(
            "omission", "minor", "", excerpt, None, (gap.start, gap.end),
            f"The {language_name(ctx.target_lang)} reads '{excerpt}': {what}, which the "
            f"{language_name(ctx.source_lang)} does not leave out",
            basis="gap",
        ))
    return flags
