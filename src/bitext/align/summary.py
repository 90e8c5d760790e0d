"""Summary mode: link each sentence of a short summary to the body sentence(s) it summarizes.

No public aligner does this. A summary is many times shorter than its body, may merge several body
sentences into one and may reorder them, and leaves most of the body unlinked (that is normal). So,
unlike translation mode, there is no monotone path to find: each summary sentence chooses its own
sources.

For every summary sentence we score all body sentences (cosine plus small bonuses for what the text
itself shares: numbers and capitalised names), keep the best few, then try pairs and triples of
those candidates (in body order, adjacent or not) as one text: a summary sentence that merges two body
sentences is closer to their concatenation than to either alone. A bias towards the summary's own
order is available (``order_weight``) but off: summaries dwell on some parts of the body and skip
others, so position says little about the source.

The confidence of a link is its share of a softmax over all the alternatives the sentence had, so it
says "how clearly this beat everything else", not a raw cosine (this encoder's cosines are compressed:
right pairs 0.84-0.96, wrong 0.75-0.85).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bitext.align import Embed
from bitext.align.textsignals import shared_token_bonus, text_features
from bitext.model import RawLink


@dataclass(frozen=True)
class SummaryParams:
    candidates: int = 6  # best single body sentences kept per summary sentence
    max_sources: int = 3  # a summary sentence may merge up to this many body sentences
    merge_gain: float = 0.01  # a merge must beat its best member by this much per extra sentence
    merge_pool: int = 5  # merges are tried among this many best single candidates
    piece_z: float = 2.0  # a part of a summary sentence must single out its body sentence this clearly
    piece_tolerance: float = 0.03  # a merge its parts found may score this much below the best single
    piece_overlap: float = 0.02  # a part's pick must beat the other parts' picks by this much
    temperature: float = 0.01  # softmax temperature for the confidence
    feature_weight: float = 0.03  # weight of shared numbers/names
    order_weight: float = 0.0  # weight of the order prior (off: summaries dwell on parts of the body)
    # A summary sentence whose best cosine stands fewer than this many standard deviations above
    # its median similarity to the body says something the body does not: it is left unlinked.
    # Relative, so that it holds for any encoder (e5's cosines are compressed, others' are not).
    unaligned_z: float = 2.0


def align_summary(
    body_texts: Sequence[str],
    summary_texts: Sequence[str],
    embed: Embed,
    *,
    params: SummaryParams | None = None,
) -> list[RawLink]:
    """Return one link per summary sentence (body ids, summary ids, confidence), in summary order.

    Summary sentences that choose exactly the same body sentences are merged into one n-1 link.
    A summary sentence with no plausible source gets an unaligned link ``((), (j,), 0.0)``.
    """
    p = params or SummaryParams()
    n, m = len(body_texts), len(summary_texts)
    if m == 0:
        return []
    if n == 0:
        return [((), (j,), 0.0) for j in range(m)]
    body = np.asarray(embed(list(body_texts)), dtype=np.float32)
    summ = np.asarray(embed(list(summary_texts)), dtype=np.float32)
    sims = summ @ body.T  # (m, n)

    body_feats = [text_features(t) for t in body_texts]
    summ_feats = [text_features(t) for t in summary_texts]
    k = min(p.candidates, n)

    scores = sims.copy()
    # Shared numbers and names only matter among the plausible candidates; computing them for all
    # 500 x 50,000 pairs would dominate the run time, so do it for the top few only.
    prelim = np.argpartition(-sims, kth=min(k * 3, n) - 1, axis=1)[:, : min(k * 3, n)]
    for j in range(m):
        for i in prelim[j]:
            scores[j, i] += p.feature_weight * shared_token_bonus(summ_feats[j], body_feats[int(i)])
    if p.order_weight:
        scores += p.order_weight * _order_prior(n, m)

    choices: list[tuple[tuple[int, ...], float]] = []
    piece_combos = _piece_combos(summary_texts, body, embed, p)
    merged_keys: list[tuple[int, tuple[int, ...]]] = []
    top: list[np.ndarray] = []
    for j in range(m):
        cand = np.argpartition(-scores[j], kth=k - 1)[:k]
        cand = cand[np.argsort(-scores[j, cand])]
        top.append(cand)
        for size in range(2, min(p.max_sources, k) + 1):
            for combo in itertools.combinations(sorted(int(c) for c in cand[: p.merge_pool]), size):
                if int(cand[0]) in combo:
                    merged_keys.append((j, combo))
        if piece_combos[j] and (j, piece_combos[j]) not in merged_keys:
            merged_keys.append((j, piece_combos[j]))
    # Merged candidates are embedded as one text. (Averaging the members' vectors does not work with
    # this encoder: every sentence lies in a narrow cone, so the mean of two unrelated sentences is
    # still close to everything and a merge would always look better than its best member.)
    merged_vecs = (
        np.asarray(
            embed([" ".join(body_texts[i] for i in combo) for _, combo in merged_keys]), dtype=np.float32
        )
        if merged_keys
        else np.zeros((0, body.shape[1]), dtype=np.float32)
    )
    merged: list[list[tuple[tuple[int, ...], float]]] = [[] for _ in range(m)]
    for (j, combo), vec in zip(merged_keys, merged_vecs, strict=True):
        bonus = max(float(scores[j, i] - sims[j, i]) for i in combo)
        merged[j].append((combo, float(summ[j] @ vec) + bonus))

    for j in range(m):
        row = sims[j]
        spread = float(row.std()) or 1.0
        if n >= 8 and (float(row.max()) - float(np.median(row))) / spread < p.unaligned_z:
            choices.append(((), 0.0))
            continue
        best = int(top[j][0])
        best_ids: tuple[int, ...] = (best,)
        best_score = float(scores[j, best])
        for combo, score in merged[j]:
            # Each extra sentence must earn its place: the gain needed grows with the merge's size.
            # A merge whose every member was found by a part of the summary sentence on its own
            # has independent evidence and needs only to be about as close as the best single.
            if combo == piece_combos[j]:
                need = -p.piece_tolerance if best in combo else 0.0
            elif best in combo:
                need = p.merge_gain * (len(combo) - 1)
            else:
                continue
            if score - need > best_score:
                best_ids, best_score = combo, score - need
        # Confidence: the choice's share of a softmax over the alternatives (every body sentence
        # not in the choice, and the other merges), i.e. how clearly it beat them.
        alt = scores[j].copy()
        alt[list(best_ids)] = -np.inf
        others = [score for combo, score in merged[j] if combo != best_ids]
        z = np.exp((np.concatenate([alt, np.array(others, dtype=np.float32)]) - best_score) / p.temperature)
        choices.append((best_ids, float(1.0 / (1.0 + z.sum()))))

    return _merge_same_sources(choices)


def _order_prior(n: int, m: int) -> np.ndarray:
    """A gentle preference for body positions proportional to the summary position (0 at best, -1 worst)."""
    jpos = (np.arange(m, dtype=np.float32) + 0.5) / m
    ipos = (np.arange(n, dtype=np.float32) + 0.5) / n
    return -np.abs(jpos[:, None] - ipos[None, :])


def _merge_same_sources(choices: list[tuple[tuple[int, ...], float]]) -> list[RawLink]:
    links: list[RawLink] = []
    index: dict[tuple[int, ...], int] = {}
    for j, (ids, conf) in enumerate(choices):
        if ids and ids in index:
            pos = index[ids]
            src, tgt, c = links[pos]
            links[pos] = (src, (*tgt, j), min(c, conf))
            continue
        if ids:
            index[ids] = len(links)
        links.append((ids, (j,), conf))
    return links


_PIECE_BREAK = re.compile(r"(?<=[.;!?])\s+|(?<=[,:])\s+(?=\S+\s+\S+\s+\S+)")


def _piece_combos(
    summary_texts: Sequence[str], body: np.ndarray, embed: Embed, p: SummaryParams
) -> list[tuple[int, ...]]:
    """For each summary sentence, the body sentences its parts single out (empty when fewer than two).

    A summary sentence that merges several body sentences usually keeps them as clauses or
    sentence-like parts ("X. Y", "X; Y", "X, and Y"). Each part that picks one body sentence far
    above the rest is independent evidence that this body sentence is a source.
    """
    parts: list[tuple[int, str]] = []
    for j, text in enumerate(summary_texts):
        pieces = [x for x in _PIECE_BREAK.split(text) if len(x.split()) >= 2]
        if len(pieces) >= 2:
            parts.extend((j, x) for x in pieces)
    combos: list[tuple[int, ...]] = [() for _ in summary_texts]
    if not parts:
        return combos
    vecs = np.asarray(embed([x for _, x in parts]), dtype=np.float32)
    sims = vecs @ body.T
    found: dict[int, list[tuple[int, np.ndarray]]] = {}
    for (j, _), row in zip(parts, sims, strict=True):
        spread = float(row.std()) or 1.0
        best = int(row.argmax())
        if (float(row[best]) - float(np.median(row))) / spread >= p.piece_z:
            found.setdefault(j, []).append((best, row))
    for j, picks in found.items():
        ids = {best for best, _ in picks}
        # A part whose pick is barely closer than another part's pick is explained by that one: a body
        # sentence that itself holds both parts ("Don't worry. I'll talk to Tom.") needs no partner.
        needed = {
            best
            for best, row in picks
            if all(float(row[best]) - float(row[other]) > p.piece_overlap for other in ids - {best})
        }
        if len(needed) >= 2:
            combos[j] = tuple(sorted(needed))[: p.max_sources]
    return combos
