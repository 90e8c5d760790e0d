"""Summary-mode evaluation sets with known links (recipe in ../shared/eval/README.md).

- ``build_sets`` (Tatoeba az-en): a "document" is 50 unrelated English sentences; its "summary" is a
  subset of their Azerbaijani translations, some merged by a plain space ("X. Y").
- ``build_news_sets`` (NTREX en-az): a whole news document, whose sentences share one topic, is the
  body; its summary merges sentences the way real summaries do (a conjunction, semicolon or comma,
  the next clause lower-cased), in both directions.

In both, most sentences are dropped, neighbours and far-apart sentences are merged into one summary
sentence, and a few summary sentences are moved. The gold links are known by construction.
Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from eval_data import load_ntrex, load_tatoeba


@dataclass(frozen=True)
class SummarySet:
    body: list[str]
    summary: list[str]
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]]  # (body ids, summary ids)


def build_sets(n_sets: int = 20, body_len: int = 50, keep: float = 0.2, seed: int = 13) -> list[SummarySet]:
    az, en = load_tatoeba()
    rng = random.Random(seed)
    sets = []
    for _ in range(n_sets):
        ids = rng.sample(range(len(en)), body_len)
        body = [en[i] for i in ids]
        chosen = sorted(rng.sample(range(body_len), max(2, int(body_len * keep))))
        groups: list[tuple[int, ...]] = []
        k = 0
        while k < len(chosen):
            r = rng.random()
            if r < 0.2 and k + 1 < len(chosen):
                groups.append((chosen[k], chosen[k + 1]))  # merge two (adjacent in the summary)
                k += 2
            elif r < 0.25 and k + 2 < len(chosen):
                groups.append((chosen[k], chosen[k + 1], chosen[k + 2]))
                k += 3
            else:
                groups.append((chosen[k],))
                k += 1
        # Reorder: swap a few summary sentences.
        for _ in range(max(1, len(groups) // 5)):
            a, b = rng.randrange(len(groups)), rng.randrange(len(groups))
            groups[a], groups[b] = groups[b], groups[a]
        summary = [" ".join(az[ids[i]] for i in g) for g in groups]
        gold: list[tuple[tuple[int, ...], tuple[int, ...]]] = [(g, (j,)) for j, g in enumerate(groups)]
        sets.append(SummarySet(body, summary, gold))
    return sets


# --- Summaries of whole news documents (NTREX en-az) ------------------------------------------------
#
# Split, fixed once: documents are numbered in the order of dev.docs (0-59); even-numbered documents are
# for tuning, odd-numbered ones are held out for reporting (the same split as the other NTREX work).

NEWS_SPLIT = {"tune": 0, "held-out": 1}  # document index % 2

# How real summaries join what they merge (the following part loses its capital unless it is a name).
_JOIN2 = {"en": (", and ", "; ", ", while ", " and "), "az": (" və ", "; ", ", ", ", həmçinin ")}
_JOIN3 = {"en": ((", ", ", and "), ("; ", "; ")), "az": ((", ", " və "), ("; ", "; "))}
_CLOSERS = "\"'”’»)"


def _open_end(text: str) -> str:
    """Drop a sentence's final full stop (keeping a closing quote) so that another clause can follow."""
    core = text.rstrip(_CLOSERS)
    tail = text[len(core) :]
    return core[:-1] + tail if core.endswith(".") else text


def _continue(text: str, lower_words: set[str]) -> str:
    """Lower-case a clause's first letter when its first word is an ordinary word (not a name or acronym)."""
    first = text.split(maxsplit=1)[0] if text.split() else ""
    bare = first.strip("\"'“”‘’«»(")
    if bare and not bare.isupper() and bare.casefold() in lower_words:
        k = text.index(bare[0])
        return text[:k] + text[k].lower() + text[k + 1 :]
    return text


def _join(parts: list[str], lang: str, rng: random.Random, lower_words: set[str]) -> str:
    clauses = [parts[0]] + [_continue(p, lower_words) for p in parts[1:]]
    clauses = [_open_end(c) for c in clauses[:-1]] + clauses[-1:]
    if len(clauses) == 2:
        return rng.choice(_JOIN2[lang]).join(clauses)
    first, last = rng.choice(_JOIN3[lang])
    return first.join(clauses[:-1]) + last + clauses[-1]


@dataclass(frozen=True)
class NewsSummarySet(SummarySet):
    doc: int  # index of the NTREX document
    direction: str  # "en>az": English body, Azerbaijani summary; "az>en": the reverse


def _lower_words(lines: list[str]) -> set[str]:
    """Words seen in lower case somewhere in the corpus: an initial capital on them marks only the start."""
    return {w.casefold() for line in lines for w in re.findall(r"\w+", line) if w[:1].islower()}


def build_news_sets(part: str, seed: int = 13, keep: float = 0.35) -> list[NewsSummarySet]:
    """One summary per NTREX document of ``part`` ("tune" or "held-out") and direction.

    A summary keeps about ``keep`` of the document's sentences, translated (the headline is never
    merged); about half of what it keeps is merged into two- or three-part sentences (neighbours in the
    body and sentences far apart), joined with a conjunction, semicolon or comma, sometimes in reverse
    order; a few summary sentences are moved.
    """
    every = load_ntrex()
    docs = [d for d in every if d.index % 2 == NEWS_SPLIT[part]]
    lines = {"en": [x for d in every for x in d.en], "az": [x for d in every for x in d.az]}
    lower = {lang: _lower_words(text) for lang, text in lines.items()}
    rng = random.Random(seed)
    sets: list[NewsSummarySet] = []
    for doc in docs:
        for direction in ("en>az", "az>en"):
            body, other, lang = (doc.en, doc.az, "az") if direction == "en>az" else (doc.az, doc.en, "en")
            n = len(body)
            chosen = sorted(rng.sample(range(n), max(3, round(n * keep))))
            free = [i for i in chosen if i != 0]
            groups: list[tuple[int, ...]] = [(0,)] if 0 in chosen else []
            while free:
                i = free.pop(0)
                r = rng.random()
                if r < 0.25 and free:  # the next kept sentence (often, not always, a neighbour)
                    groups.append((i, free.pop(0)))
                elif r < 0.4 and free:  # any later kept sentence: usually far away
                    groups.append((i, free.pop(rng.randrange(len(free)))))
                elif r < 0.5 and len(free) >= 2:
                    j = free.pop(0)
                    groups.append((i, j, free.pop(rng.randrange(len(free)))))
                else:
                    groups.append((i,))
            for _ in range(max(1, len(groups) // 4)):
                a, b = rng.randrange(len(groups)), rng.randrange(len(groups))
                groups[a], groups[b] = groups[b], groups[a]
            summary = []
            for g in groups:
                order = list(g) if rng.random() < 0.8 else list(reversed(g))
                summary.append(
                    _join([other[i] for i in order], lang, rng, lower[lang]) if len(g) > 1 else other[g[0]]
                )
            gold = [(g, (j,)) for j, g in enumerate(groups)]
            sets.append(NewsSummarySet(body, summary, gold, doc.index, direction))
    return sets
