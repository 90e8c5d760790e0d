"""Summary mode: link each sentence of a short summary to the body sentence(s) it summarizes.

No public aligner does this. A summary is many times shorter than its body, may merge several body
sentences into one and may reorder them, and leaves most of the body unlinked (that is normal). So,
unlike translation mode, there is no monotone path to find: each summary sentence chooses its own
sources.

For every summary sentence we score all body sentences (cosine plus small bonuses for what the text
itself shares: numbers and capitalised names), keep the best few, then try pairs and triples of
those candidates (in body order, adjacent or not) as one text: a summary sentence that merges two body
sentences is closer to their concatenation than to either alone. A bounded bias towards the
summary's own order (summaries mostly follow their body) breaks near-ties.

The confidence of a link is its share of a softmax over all the alternatives the sentence had, so it
says "how clearly this beat everything else", not a raw cosine (this encoder's cosines are compressed:
right pairs 0.84-0.96, wrong 0.75-0.85).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from bitext.align.textsignals import shared_token_bonus, text_features

RawLink = tuple[tuple[int, ...], tuple[int, ...], float]
Embed = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class SummaryParams:
    candidates: int = 6  # best single body sentences kept per summary sentence
    max_sources: int = 3  # a summary sentence may merge up to this many body sentences
    merge_gain: float = 0.006  # a merged candidate must beat the best single by this much (cosine)
    temperature: float = 0.015  # softmax temperature for the confidence
    feature_weight: float = 0.03  # weight of shared numbers/names
    order_weight: float = 0.01  # weight of the order prior
    # A summary sentence whose best cosine stands fewer than this many standard deviations above
    # its median similarity to the body says something the body does not: it is left unlinked.
    # Relative, so that it holds for any encoder (e5's cosines are compressed, others' are not).
    unaligned_z: float = 3.0


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
    scores += p.order_weight * _order_prior(n, m)

    choices: list[tuple[tuple[int, ...], float]] = []
    merged_keys: list[tuple[int, tuple[int, ...]]] = []
    top: list[np.ndarray] = []
    for j in range(m):
        cand = np.argpartition(-scores[j], kth=k - 1)[:k]
        cand = cand[np.argsort(-scores[j, cand])]
        top.append(cand)
        for size in range(2, min(p.max_sources, k) + 1):
            for combo in itertools.combinations(sorted(int(c) for c in cand[: size + 2]), size):
                merged_keys.append((j, combo))
    merged_sims: dict[tuple[int, tuple[int, ...]], float] = {}
    if merged_keys:
        # The embedding of a concatenation is close to the length-weighted mean of its parts'
        # embeddings (the encoder mean-pools tokens), so merges cost no extra encoder calls.
        lengths = np.array([max(len(t), 1) for t in body_texts], dtype=np.float32)
        for j, combo in merged_keys:
            ids = list(combo)
            vec = (body[ids] * lengths[ids, None]).sum(axis=0)
            vec /= float(np.linalg.norm(vec)) or 1.0
            bonus = sum(scores[j, i] - sims[j, i] for i in combo) / len(combo)
            merged_sims[(j, combo)] = float(summ[j] @ vec) + bonus

    for j in range(m):
        cand = top[j]
        options: list[tuple[tuple[int, ...], float]] = [((int(i),), float(scores[j, i])) for i in cand]
        best_single = options[0][1]
        for (jj, combo), s in merged_sims.items():
            if jj == j:
                # A merge must clearly beat the best single sentence, or every summary sentence
                # would grow extra sources whose concatenation happens to score a hair higher.
                options.append((combo, s - p.merge_gain * (len(combo) - 1)))
        options.sort(key=lambda o: -o[1])
        best_ids, best_score = options[0]
        row = sims[j]
        spread = float(row.std()) or 1.0
        if n >= 8 and (float(row.max()) - float(np.median(row))) / spread < p.unaligned_z:
            choices.append(((), 0.0))
            continue
        # The softmax runs over every body sentence plus the merged candidates: the alternatives.
        alt = np.concatenate([scores[j], np.array([o[1] for o in options if len(o[0]) > 1])])
        z = np.exp((alt - alt.max()) / p.temperature)
        conf = float(np.exp((best_score - alt.max()) / p.temperature) / z.sum())
        # A merged link also competes with its own best member; keep the confidence honest by
        # not letting the member count against it.
        if len(best_ids) > 1:
            member = np.exp((best_single - alt.max()) / p.temperature) / z.sum()
            conf = min(1.0, conf + float(member))
        choices.append((best_ids, conf))

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
