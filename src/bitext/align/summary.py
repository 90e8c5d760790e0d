"""Summary mode: link each sentence of a short summary to the body sentence(s) it summarizes.

No public aligner does this. A summary is many times shorter than its body, may merge several body
sentences into one and may reorder them, and leaves most of the body unlinked (that is normal). So,
unlike translation mode, there is no monotone path to find: each summary sentence chooses its own
sources.

Every summary sentence first scores all body sentences as a whole (cosine plus small bonuses for what
the text itself shares: numbers and capitalised names). Whether it merges several body sentences is
decided from its parts, not from the whole: the sentence is cut in two at each of a few points (every
clause boundary and evenly spaced words), and a cut counts when each side singles out its own body
sentence (well above the rest of the body) and prefers it clearly over the other side's pick. The best
such cut gives two sources; each side may be cut once more for a third. So a merge is linked only
when every part it names is supported by a part of the summary sentence. (Comparing the whole
sentence with the joined candidates, as this module once did, cannot tell: with this encoder a
sentence that merges A and B is often closer to A alone than to "A B", and a short unrelated sentence
joined to A barely moves the vector, so merges were both missed and made up.)

The confidence of a link is its share of a softmax over the alternatives, so it says "how clearly this
beat everything else", not a raw cosine (this encoder's cosines are compressed: right pairs 0.84-0.96,
wrong 0.75-0.85). A merged link is as confident as its least clear part.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bitext.align import Embed
from bitext.align.textsignals import TextFeatures, shared_token_bonus, text_features
from bitext.model import RawLink


@dataclass(frozen=True)
class SummaryParams:
    max_sources: int = 3  # a summary sentence may merge up to this many body sentences
    part_words: int = 3  # a part of a summary sentence has at least this many words
    cuts: int = 12  # evenly spaced cut points tried per sentence, besides its clause boundaries
    # A part must single out its body sentence this many standard deviations above the body's median
    # (relative, so that it holds for any encoder)...
    part_z: float = 1.5
    # ...and be closer to its own pick than to the other part's pick by this much (cosine).
    part_margin: float = 0.03
    # The parts of a cut must match their picks, weighted by length, about as well as the whole
    # sentence matches its best single source: within this much (cosine) below it, times the log of
    # how many times longer than ``part_words`` the shorter part is. A short part matches even its
    # true source with a lower cosine, but a short part is also what matches at random; a long one is
    # evidence enough.
    cut_tolerance: float = 0.006
    # A third part must raise the parts' length-weighted similarity to their picks by this much.
    third_gain: float = 0.0
    part_numbers: bool = True  # a part whose numbers its pick lacks entirely is not its rendering
    # Names and numbers of a summary sentence that its chosen sources lack point to one more source:
    # a candidate among the ``name_rank`` closest to the whole sentence holding ``name_support`` of them.
    name_rank: int = 3
    name_support: int = 2
    temperature: float = 0.01  # softmax temperature for the confidence
    feature_weight: float = 0.03  # weight of shared numbers/names
    # A summary sentence whose best cosine stands fewer than this many standard deviations above
    # its median similarity to the body says something the body does not: it is left unlinked.
    unaligned_z: float = 1.75


@dataclass(frozen=True)
class _Part:
    start: int  # word span of the summary sentence
    end: int
    pick: int  # the body sentence it singles out
    z: float  # how far above the body's median similarity the pick stands, in standard deviations
    row: np.ndarray  # its similarity to the body sentences in ``cols`` (every one when None)
    cols: np.ndarray | None
    clashes: bool  # it has numbers, and so has its pick, but none of them in common

    def sim(self, i: int) -> float:
        return float(self.row[i if self.cols is None else int(np.searchsorted(self.cols, i))])

    def confidence(self, temperature: float) -> float:
        return _share(self.row, [int(self.row.argmax())], temperature)


@dataclass(frozen=True)
class _Cut:
    score: float  # length-weighted similarity of the parts to their picks
    parts: tuple[_Part, ...]


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

    # Shared numbers and names only matter among the plausible candidates; computing them for all
    # 500 x 50,000 pairs would dominate the run time, so do it for the top few only.
    body_feats = [text_features(t) for t in body_texts]
    summ_feats = [text_features(t) for t in summary_texts]
    scores = sims.copy()
    top = min(18, n)
    prelim = np.argpartition(-sims, kth=top - 1, axis=1)[:, :top]
    for j in range(m):
        for i in prelim[j]:
            scores[j, i] += p.feature_weight * shared_token_bonus(summ_feats[j], body_feats[int(i)])

    # A sentence whose parts each single out a body sentence is linked even when the whole stands
    # out little: a merge is, as a whole, only moderately close to each of its sources.
    cuts = _cut_all(
        [(j, text.split(), sims[j]) for j, text in enumerate(summary_texts)],
        body,
        [_numbers(t) for t in body_texts] if p.part_numbers else [frozenset()] * n,
        embed,
        p,
    )
    choices: list[tuple[tuple[int, ...], float]] = [((), 0.0)] * m
    for j in range(m):
        cut = cuts.get(j)
        if cut is None:
            if n >= 8 and not _stands_out(sims[j], p.unaligned_z):
                continue
            best = int(scores[j].argmax())
            choices[j] = ((best,), _share(scores[j], [best], p.temperature))
        else:
            ids = tuple(sorted({part.pick for part in cut.parts}))
            conf = min(part.confidence(p.temperature) for part in cut.parts)
            choices[j] = (ids, conf)
        if choices[j][0] and p.name_rank:
            extra = _named_part(choices[j][0], scores[j], summ_feats[j], body_feats, p)
            if extra is not None:
                choices[j] = (tuple(sorted((*choices[j][0], extra))), choices[j][1])
    return _merge_same_sources(choices)


def _named_part(
    ids: tuple[int, ...],
    row: np.ndarray,
    feats: TextFeatures,
    body_feats: list[TextFeatures],
    p: SummaryParams,
) -> int | None:
    """A body sentence that holds names or numbers of the summary sentence its chosen sources lack.

    A summary sentence that folds a short sentence into another ("..., lord mayor of Tokyo, Viscount
    Goto Shimpei, was ...") may leave that part too short to be found by cutting; its names still
    point to it. Only a close candidate counts (among the ``p.name_rank`` best for the whole).
    """
    if len(ids) >= p.max_sources:
        return None
    tokens = (feats.names | feats.numbers) - set().union(
        *(body_feats[i].names | body_feats[i].numbers for i in ids)
    )
    if not tokens:
        return None
    for i in np.argsort(-row)[: p.name_rank]:
        i = int(i)
        if i in ids:
            continue
        if len(tokens & (body_feats[i].names | body_feats[i].numbers)) >= p.name_support:
            return i
    return None


def _stands_out(row: np.ndarray, z: float) -> bool:
    spread = float(row.std()) or 1.0
    return (float(row.max()) - float(np.median(row))) / spread >= z


def _share(row: np.ndarray, chosen: list[int], temperature: float) -> float:
    """The chosen sentence's share of a softmax over it and every other body sentence."""
    best = float(row[chosen].max())
    alt = np.delete(row, chosen)
    return float(1.0 / (1.0 + np.exp((alt - best) / temperature).sum()))


_CLAUSE_END = re.compile(r"[,;:.!?]['\"”’»)]*$")
_SENTENCE_END = re.compile(r"[.!?]['\"”’»)]*$")
_DASHES = {"-", "–", "—"}


def _cut_points(words: list[str], p: SummaryParams) -> list[int]:
    """Word positions to cut at: after every clause mark, and ``p.cuts`` evenly spaced ones."""
    n_words = len(words)
    lo, hi = p.part_words, n_words - p.part_words
    even = np.linspace(lo, hi, num=min(p.cuts, hi - lo + 1)).round().astype(int).tolist() if hi >= lo else []
    marks = [k for k in range(1, n_words) if _marked(words, k)]
    return sorted(set(even) | set(marks))


def _marked(words: list[str], k: int) -> bool:
    return bool(_CLAUSE_END.search(words[k - 1])) or words[k] in _DASHES


def _fits(words: list[str], start: int, end: int, p: SummaryParams) -> bool:
    """Whether words[start:end] is long enough to be a part. A whole sentence inside the summary
    sentence ("Tom left. Mary stayed.") is one however short; a shorter fragment matches at random."""
    if end - start >= p.part_words:
        return True
    bounded = start == 0 or bool(_SENTENCE_END.search(words[start - 1]))
    return end - start >= 2 and bounded and bool(_SENTENCE_END.search(words[end - 1]))


def _clean(a: _Part, b: _Part, p: SummaryParams) -> bool:
    """Two parts that single out different body sentences, each clearly preferring its own."""
    if a.pick == b.pick or min(a.z, b.z) < p.part_z or a.clashes or b.clashes:
        return False
    return a.sim(a.pick) - a.sim(b.pick) >= p.part_margin and b.sim(b.pick) - b.sim(a.pick) >= p.part_margin


def _weighted(parts: Sequence[_Part]) -> float:
    total = sum(part.end - part.start for part in parts)
    return sum((part.end - part.start) * part.sim(part.pick) for part in parts) / total


# Above this many body sentences, a part's median and spread are estimated from an even sample of
# the body, and its pick is sought among the _POOL sentences closest to the whole summary sentence
# (comparing every part with all of a 50,000-sentence body would cost more than everything else).
_SAMPLE = 1000
_POOL = 2000

Span = tuple[int, int, int]  # summary sentence, first word, end word


def _cut_all(
    sentences: list[tuple[int, list[str], np.ndarray]],
    body: np.ndarray,
    body_numbers: list[frozenset[str]],
    embed: Embed,
    p: SummaryParams,
) -> dict[int, _Cut]:
    """For each summary sentence (id, words, similarities of the whole to the body), its best clean
    cut into two or three parts, if any."""
    if p.max_sources < 2:
        return {}
    n = body.shape[0]
    sample = np.linspace(0, n - 1, num=_SAMPLE).astype(int) if n > _POOL else None
    columns: dict[int, np.ndarray | None] = {}
    for j, _, whole_row in sentences:
        if sample is None:
            columns[j] = None
        else:
            pool = np.argpartition(-whole_row, kth=_POOL - 1)[:_POOL]
            columns[j] = np.union1d(pool, sample)

    def parts(j: int, keys: list[Span]) -> dict[Span, _Part]:
        # Similarities are computed per summary sentence and dropped after use: all parts' rows
        # together would not fit in memory for a long body.
        cols = columns[j]
        rows = np.stack([vecs[key] for key in keys]) @ (body if cols is None else body[cols]).T
        ref = rows if cols is None or sample is None else rows[:, np.searchsorted(cols, sample)]
        med = np.median(ref, axis=1)
        spread = ref.std(axis=1)
        at = rows.argmax(axis=1)
        out = {}
        for key, row, k, mid, sd in zip(keys, rows, at, med, spread, strict=True):
            z = (float(row[k]) - float(mid)) / (float(sd) or 1.0)
            pick = int(k) if cols is None else int(cols[k])
            # Digits survive translation: a part whose numbers its pick lacks entirely is not its
            # rendering ("after two years of talks, on 20 January" is not "on December 27, after
            # four months"), however close the rest of the words.
            numbers = _numbers(texts[key]) if p.part_numbers else frozenset()
            clashes = bool(numbers) and bool(body_numbers[pick]) and not numbers & body_numbers[pick]
            out[key] = _Part(key[1], key[2], pick, z, row, cols, clashes)
        return out

    # Round 1: every prefix and suffix at every cut point, embedded in one batch.
    points: dict[int, list[int]] = {}
    spans: dict[Span, str] = {}
    for j, words, _ in sentences:
        n_words = len(words)
        points[j] = [
            k for k in _cut_points(words, p) if _fits(words, 0, k, p) and _fits(words, k, n_words, p)
        ]
        for k in points[j]:
            spans[(j, 0, k)] = " ".join(words[:k])
            spans[(j, k, n_words)] = " ".join(words[k:])
    vecs = _embed_spans(spans, embed)
    texts = dict(spans)

    found: dict[int, _Cut] = {}
    for j, words, whole_row in sentences:
        if not points[j]:
            continue
        n_words = len(words)
        got = parts(j, [key for k in points[j] for key in ((j, 0, k), (j, k, n_words))])
        whole = float(whole_row.max())
        best: _Cut | None = None
        for k in points[j]:
            left, right = got[(j, 0, k)], got[(j, k, n_words)]
            if not _clean(left, right, p):
                continue
            cut = _Cut(_weighted([left, right]), (left, right))
            shortest = min(k, n_words - k)
            if cut.score < whole - p.cut_tolerance * np.log(max(shortest / p.part_words, 1.0)):
                continue
            if best is None or cut.score > best.score:
                best = cut
        if best is not None:
            found[j] = best
    if p.max_sources < 3:
        return found

    # Round 2: one side of the best cut may hold two parts itself. Its outer piece is a prefix or
    # suffix already embedded; only the inner pieces are new. Three parts may also lie between two
    # clause marks, where a summary joins what it merges, even when the best cut fell elsewhere.
    trios: dict[int, list[tuple[int, int]]] = {}
    inner: dict[Span, str] = {}
    for j, words, _ in sentences:
        if j not in found:
            continue
        n_words = len(words)
        left, right = found[j].parts
        pairs = [(k, left.end) for k in points[j] if k < left.end]
        pairs += [(right.start, k) for k in points[j] if k > right.start]
        marks = [k for k in points[j] if _marked(words, k)]
        pairs += [(a, b) for a in marks for b in marks if a < b]
        trios[j] = [(a, b) for a, b in dict.fromkeys(pairs) if _fits(words, a, b, p) and 0 < a < b < n_words]
        for a, b in trios[j]:
            inner[(j, a, b)] = " ".join(words[a:b])
    vecs.update(_embed_spans(inner, embed))
    texts.update(inner)
    for j, words, _ in sentences:
        if not trios.get(j):
            continue
        n_words = len(words)
        keys = [key for a, b in trios[j] for key in ((j, 0, a), (j, a, b), (j, b, n_words))]
        got = parts(j, list(dict.fromkeys(keys)))
        best = None
        for a, b in trios[j]:
            trio = (got[(j, 0, a)], got[(j, a, b)], got[(j, b, n_words)])
            first, middle, last = trio
            if not all(_clean(x, y, p) for x, y in ((first, middle), (first, last), (middle, last))):
                continue
            cut = _Cut(_weighted(trio), trio)
            if cut.score < found[j].score + p.third_gain:
                continue
            if best is None or cut.score > best.score:
                best = cut
        if best is not None:
            found[j] = best
    return found


# A number with its group and decimal separators of any convention ("15,000", "15 000", "4.40",
# "4:40"), kept as its digits: the two sides of a translation write the same number differently.
# Digits glued to a letter before them ("G7", "B2B") are part of a name, not a number.
_NUMBER = re.compile(r"(?<!\w)\d+(?:[.,:\u00a0\u202f ]\d{2,3}(?!\d))*")


def _numbers(text: str) -> frozenset[str]:
    return frozenset(re.sub(r"\D", "", m) for m in _NUMBER.findall(text))


def _embed_spans(spans: dict[Span, str], embed: Embed) -> dict[Span, np.ndarray]:
    """Each span's vector. (Parts get no bonus for shared names: it would favour cutting off a name
    from a sentence that its source also names.)"""
    if not spans:
        return {}
    keys = list(spans)
    return dict(zip(keys, np.asarray(embed([spans[key] for key in keys]), dtype=np.float32), strict=True))


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
