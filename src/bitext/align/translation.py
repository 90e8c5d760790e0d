"""Translation mode: monotone sentence alignment of a text and its (near-)translation.

Two passes, so memory grows linearly with the text (10,000 x 10,000 sentences never builds an n x m matrix):

1. Coarse: mutual nearest neighbours of the single-sentence embeddings (computed block by block) give
   sure 1-1 anchors; their longest monotone chain drops the wrong ones. The path must pass between
   consecutive anchors, which defines a band of target positions for every source position.
2. Fine: dynamic programming inside the band over link types 1-1, 1-2, 2-1, 2-2, 1-3, 3-1, ... and 1-0/0-1.

Vectors are centred first (the mean of all sentence vectors of both sides is removed), since this
encoder puts every text in a narrow cone. The DP maximises the sum over links of
``quality - threshold + merge * (|X| + |Y| - 2)``; an unaligned sentence scores 0. Scoring per link (as
Bertalign does) rather than per sentence keeps merged texts, which are close to everything, in check;
``merge`` then tunes how readily neighbours are grouped; it is paid per sentence in proportion to the
sentence's content (letters and digits, full from ``content_chars``), so OCR debris and page
furniture gain nothing by joining a link and stay unaligned. A multi-sentence side is embedded as one
text (its sentences joined by a space), as Bertalign does: with this encoder every sentence lies in a
narrow cone, so the mean of neighbours' vectors is a poor stand-in for the joined text (Text+Berg strict
F1 0.818 with the mean, 0.874 embedded). Embedding every window costs the encoder about nine times
the work of the sentences themselves, so a first pass scores windows by the mean of their sentences'
vectors, with a head start (``refine_optimism``); the windows of the merges the path takes are then
embedded and the path searched again, until every merge on it was judged by its own text. A merge the
mean vectors overrated loses once embedded; one left out lost even with the head start. On Text+Berg
and ParIce this finds the same links as embedding every window, for a twentieth of the windows. The
searches after the first give a smaller head start (``refine_optimism_later``): they only reroute around
the merges that lost, and the same links come for a quarter fewer windows.

    quality = cos(X, Y) - (base(X) + base(Y)) / 2            # margin over chance, as in Vecalign
              + numbers * (2 * jaccard(digits) - 1)           # digit strings agree (or clash)
              + shared * (2 * jaccard(names and numbers found in both texts) - 1)
              - length * z**2 / 2                             # Gale-Church-like length model

``z`` is the log-ratio of the character lengths minus the whole texts' log-ratio, over its standard
deviation, which shrinks with length as in Gale & Church (1993) but levels off (sigma^2 =
length_var_floor + length_var_chars / total characters; measured on gold links of both evaluation
sets, language pair independent).
The shared-name term is what tells a 2-2 link from two 1-1 links when a clause moved across a
sentence boundary: the moved name or number is missing from one side of each 1-1.

``base(X)`` is the mean cosine of X with a fixed random sample of the other side's sentences: this
encoder's cosines are compressed (right pairs 0.84-0.96, wrong 0.75-0.85) and long or generic
sentences are close to everything, so raw cosines are not comparable between candidates.

Confidence of a link = logistic((gain - best competing gain) / temperature), gains per covered sentence,
where competitors are the candidate links (of any type) near it that share a sentence with it, and
"leave it unaligned" (gain 0).
0.5 means a tie with the best alternative; 0.9 means it won by about two temperatures.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bitext.align import Embed, _signals
from bitext.align._anchors import anchors, band
from bitext.model import RawLink


@dataclass(frozen=True)
class TranslationParams:
    """Few, documented knobs, set by a small grid on Text+Berg dev and ParIce (benchmarks/bench_align.py)."""

    max_side: int = 4  # at most this many sentences on one side of a link
    max_total: int = 5  # and at most this many on both sides together (1-4, 2-3, 2-2, 1-3, ...)
    threshold: float = -0.2  # a link scores (quality - threshold); an unaligned sentence scores 0
    merge: float = 0.1  # gain per sentence beyond 1-1: translators split and join sentences freely
    numbers: float = 0.05  # weight of digit-string agreement
    shared: float = 0.2  # weight of agreement on names and numbers that occur in both texts
    length: float = 0.06  # weight of the squared length z-score (Gale-Church-like)
    # The length z-score: log((t + length_pad) / (s + length_pad)) over a deviation whose square is
    # length_var_floor + length_var_chars / (s + t) characters (measured on gold links of both sets).
    length_pad: float = 10.0  # characters added to both lengths: short sentences' ratios vary wildly
    length_var_floor: float = 0.02
    length_var_chars: float = 4.0
    content_chars: float = 6.0  # letters/digits that make a sentence count fully toward ``merge``
    band: int = 6  # slack (sentences) around the anchor corridor
    band_cap: int = 60  # max half-width of the band where anchors are far apart
    base_samples: int = 64  # random sentences used to estimate the chance cosine of a text
    temperature: float = 0.05  # confidence scale, in units of gain per sentence
    # Windows of joined neighbours are embedded as one text when the path takes them (see the module
    # docstring); every one of them up front with ``embed_all_windows``; none with ``embed_width`` 1.
    embed_all_windows: bool = False
    embed_width: int = 4  # embed windows up to this many sentences; wider ones use the mean
    # Added to a merged candidate's quality while one of its windows is only a mean vector: the guess
    # is optimistic, so the path takes such a merge too readily, and taking it gets its windows
    # embedded; a merge left out at the end lost even with this head start (Text+Berg and ParIce:
    # the same links as with every window embedded, for a twentieth of the windows).
    refine_optimism: float = 0.1
    # The head start in the searches after the first: by then every merge the mean vectors favoured is
    # embedded, and a search only reroutes around those that lost, to merges that were second best
    # beside them; a smaller head start finds the same links there (Text+Berg, ParIce, and NTREX's 60
    # news documents segmented into sentences, which no knob was set on) for about a quarter fewer
    # windows embedded (1,185 -> 866 sentences' worth on Text+Berg and ParIce).
    refine_optimism_later: float = 0.05
    refine_rounds: int = 20  # at most this many rounds of embedding the windows the path takes
    seed: int = 0


def _link_types(p: TranslationParams) -> list[tuple[int, int]]:
    return [
        (a, b) for a in range(1, p.max_side + 1) for b in range(1, p.max_side + 1) if a + b <= p.max_total
    ] + [(1, 0)]


class _Side:
    """Window embeddings, chance baselines and signal masks of one side, indexed by end boundary.

    A window of several sentences starts as the length-weighted mean of its sentences' vectors (mean
    pooling over tokens makes a joined text's vector roughly that), which costs nothing; ``embed_windows``
    replaces chosen windows by the embedding of their joined text, which is what a merged link is
    judged by where it matters.
    """

    def __init__(self, texts: Sequence[str], single: np.ndarray, widths: int) -> None:
        self.n = len(texts)
        self.texts = list(texts)
        lengths = np.array([len(t) for t in texts], dtype=np.float64)
        self.vecs: dict[int, np.ndarray] = {}
        self.embedded: dict[int, np.ndarray] = {}  # which windows hold their joined text's embedding
        for w in range(1, widths + 1):
            vec = np.zeros((self.n + 1, single.shape[1]), dtype=np.float32)
            if w == 1:
                vec[1:] = single
            elif self.n >= w:
                acc = np.zeros((self.n + 1 - w, single.shape[1]), dtype=np.float64)
                for k in range(w):
                    acc += single[k : self.n + 1 - w + k] * lengths[k : self.n + 1 - w + k, None]
                acc /= np.maximum(np.linalg.norm(acc, axis=1, keepdims=True), 1e-9)
                vec[w:] = acc
            self.vecs[w] = vec
            self.embedded[w] = np.zeros(self.n + 1, dtype=bool)
        self.embedded[1][1:] = True
        self.version = dict.fromkeys(self.vecs, 0)  # bumped whenever a window of that width is embedded
        self.len = {w: _signals.window_sum(lengths, w) for w in range(1, widths + 1)}
        nums = _signals.number_masks(texts)
        self.nums = {w: _signals.window_or(nums, w) for w in range(1, widths + 1)}
        self.num_count = {w: _signals.popcount(v) for w, v in self.nums.items()}
        self.names: dict[int, np.ndarray] = {}
        self.name_count: dict[int, np.ndarray] = {}
        self.content: dict[int, np.ndarray] = {}
        self.base: dict[int, np.ndarray] = {}
        self._mean = np.zeros(single.shape[1], dtype=np.float32)
        self._sample = np.zeros((0, single.shape[1]), dtype=np.float32)

    def set_signals(self, shared: np.ndarray, content: np.ndarray) -> None:
        """Window masks of the names shared with the other text, and window sums of content."""
        widths = range(1, len(self.len) + 1)
        self.names = {w: _signals.window_or(shared, w) for w in widths}
        self.name_count = {w: _signals.popcount(v) for w, v in self.names.items()}
        self.content = {w: _signals.window_sum(content, w) for w in widths}

    def center(self, mean: np.ndarray) -> None:
        """Remove the direction every sentence shares and re-normalise.

        This encoder puts all texts in a narrow cone (unrelated pairs still score about 0.8); the shared
        part carries no alignment information and makes joined texts look closer to everything.
        """
        self._mean = mean
        for w, vec in self.vecs.items():
            vec[w:] = self._centred(vec[w:])

    def _centred(self, rows: np.ndarray) -> np.ndarray:
        rows = rows - self._mean
        rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)
        return rows

    def set_base(self, sample: np.ndarray) -> None:
        self._sample = sample
        for w, vec in self.vecs.items():
            self.base[w] = self._base(vec)

    def _base(self, rows: np.ndarray) -> np.ndarray:
        if len(self._sample) and rows.shape[1]:
            return np.asarray((rows @ self._sample.T).mean(axis=1))
        return np.zeros(len(rows))

    def pending(self, ends: dict[int, np.ndarray]) -> list[tuple[int, np.ndarray]]:
        """Per width w, the boundaries in ``ends[w]`` whose window is not embedded yet."""
        out = []
        for w, wanted in ends.items():
            todo = np.asarray([i for i in np.unique(wanted) if w <= i <= self.n and not self.embedded[w][i]])
            if len(todo):
                out.append((w, todo))
        return out

    def joined(self, todo: list[tuple[int, np.ndarray]]) -> list[str]:
        """The joined text of each window of ``todo`` (``pending``), in its order."""
        return [" ".join(self.texts[i - w : i]) for w, ends in todo for i in ends]

    def store(self, todo: list[tuple[int, np.ndarray]], vectors: np.ndarray) -> int:
        """Take the embeddings of ``todo``'s joined texts (``joined``); return how many sentences those
        texts hold, the encoder's work."""
        work, row = 0, 0
        for w, ends in todo:
            rows = self._centred(np.asarray(vectors[row : row + len(ends)], dtype=np.float32))
            row += len(ends)
            self.vecs[w][ends] = rows
            self.base[w][ends] = self._base(rows)
            self.embedded[w][ends] = True
            self.version[w] += 1
            work += w * len(ends)
        return work


def embed_windows(embed: Embed, *wanted: tuple[_Side, dict[int, np.ndarray]]) -> int:
    """Embed the joined text of each window of width w ending at a boundary in ``ends[w]`` (not embedded
    yet), for every side and width at once: one call, so that the encoder fills its batches (a round
    often wants a window or two per width, and the encoder reads the whole model's weights once per
    batch: ParIce's windows cost 0.45 ms a token in batches of one or two, its sentences 0.36); return
    how many sentences those texts hold."""
    todos = [(side, side.pending(ends)) for side, ends in wanted]
    texts = [text for side, todo in todos for text in side.joined(todo)]
    if not texts:
        return 0
    vectors = np.asarray(embed(texts), dtype=np.float32)
    work, row = 0, 0
    for side, todo in todos:
        size = sum(len(ends) for _, ends in todo)
        work += side.store(todo, vectors[row : row + size])
        row += size
    return work


class _Scorer:
    """Gains of the candidate links X = src[i-a:i], Y = tgt[j-b:j] of the band, by link type (a, b)."""

    def __init__(self, src: _Side, tgt: _Side, p: TranslationParams) -> None:
        self.src, self.tgt, self.p = src, tgt, p
        self.optimism = p.refine_optimism  # the head start of a merge judged by mean vectors, for now
        total_s = float(src.len[1].sum())  # len[1][k] is sentence k-1's length (index k is a boundary)
        total_t = float(tgt.len[1].sum())
        self.log_ratio = np.log((total_t + 1.0) / (total_s + 1.0))
        # By link type, kept between the searches of the refinement rounds (``gains``): the band's
        # cells with the texts' part of their gain, and the gains with the windows' versions they saw
        self._cells: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}
        self._gains: dict[tuple[int, int], tuple[tuple[int, int, float], np.ndarray]] = {}

    def _text_gain(self, ii: np.ndarray, a: int, jj: np.ndarray, b: int) -> np.ndarray:
        """What the texts alone say of the links src[i-a:i] - tgt[j-b:j], each pair (i, j) of ``ii`` and
        ``jj``: numbers, shared names, lengths and size, less the threshold (fixed for an alignment)."""
        s, t, p = self.src, self.tgt, self.p
        num_j, num_any = _signals.jaccard(
            s.nums[a][ii], t.nums[b][jj], s.num_count[a][ii], t.num_count[b][jj]
        )
        q = p.numbers * np.where(num_any, 2.0 * num_j - 1.0, 0.0)
        name_j, name_any = _signals.jaccard(
            s.names[a][ii], t.names[b][jj], s.name_count[a][ii], t.name_count[b][jj]
        )
        q += p.shared * np.where(name_any, 2.0 * name_j - 1.0, 0.0)
        ls, lt = s.len[a][ii], t.len[b][jj]
        ratio = np.log((lt + p.length_pad) / (ls + p.length_pad)) - self.log_ratio
        q -= p.length * 0.5 * ratio**2 / (p.length_var_floor + p.length_var_chars / (ls + lt + 1.0))
        size = s.content[a][ii] + t.content[b][jj]
        return np.asarray(q - p.threshold + p.merge * (size - 2.0), dtype=np.float64)

    def _vector_quality(self, ii: np.ndarray, a: int, jj: np.ndarray, b: int) -> np.ndarray:
        """What the vectors say of the same links: the cosine over chance, and the head start of a
        window a mean vector stands in for (this changes as windows are embedded)."""
        s, t = self.src, self.tgt
        # the band is a strip along the diagonal: take its cosines from the products of blocks of rows
        # with the target windows their cells reach
        cos = np.empty(len(ii), dtype=np.float64)
        last = int(ii[-1]) if len(ii) else 0
        bounds = np.searchsorted(ii, np.arange(0, last + _ROW_BLOCK + 1, _ROW_BLOCK))
        for start, stop in itertools.pairwise(bounds):
            if start == stop:
                continue
            rows, cols = ii[start:stop], jj[start:stop]
            first, left = int(rows[0]), int(cols.min())
            block = s.vecs[a][first : int(rows[-1]) + 1] @ t.vecs[b][left : int(cols.max()) + 1].T
            cos[start:stop] = block[rows - first, cols - left]
        q = cos - 0.5 * (s.base[a][ii] + t.base[b][jj])
        if self.optimism and (a > 1 or b > 1):
            # per sentence a mean vector stands in for: the error grows with what is guessed
            guessed = (a - 1) * ~s.embedded[a][ii] + (b - 1) * ~t.embedded[b][jj]
            q += self.optimism * guessed
        return np.asarray(q, dtype=np.float64)

    def gains(self, a: int, b: int, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """The DP objective of every type-(a, b) link src[i-a:i] - tgt[j-b:j] in the band (an unaligned
        sentence gains 0): ``out[i, c]`` for target boundary ``j = lo[i] + c``, -inf outside the band.

        The band is the same for every search of one alignment. The texts' part is computed once; the
        vectors' part again, whole and in one go, only when a window of width ``a`` (source) or ``b``
        (target) was embedded since or the head start changed.
        """
        stamp = (self.src.version[a], self.tgt.version[b], self.optimism)
        known = self._gains.get((a, b))
        if known is not None and known[0] == stamp:
            return known[1]
        cells = self._cells.get((a, b))
        if cells is None:
            js = lo[:, None] + np.arange(int((hi - lo).max()) + 1)
            inside = (js <= hi[:, None]) & (js >= b)
            inside[:a] = False
        else:
            inside = cells[0]
        ii, cols = np.nonzero(inside)  # row by row, as the band's cells are stored
        jj = lo[ii] + cols
        if cells is None:
            cells = self._cells[(a, b)] = (inside, self._text_gain(ii, a, jj, b))
        text = cells[1]
        out = np.full(inside.shape, -np.inf)
        out[inside] = text + self._vector_quality(ii, a, jj, b)
        self._gains[(a, b)] = (stamp, out)
        return out


_ROW_BLOCK = 32  # source boundaries whose cosines ``_Scorer.gains`` takes from one product


def align_translation(
    src_texts: Sequence[str],
    tgt_texts: Sequence[str],
    embed: Embed,
    *,
    params: TranslationParams | None = None,
) -> list[RawLink]:
    """Align two near-parallel sentence lists monotonically; every sentence appears in exactly one link.

    Returns ``(source ids, target ids, confidence)`` in text order; an unaligned sentence has an empty
    other side.
    """
    p = params or TranslationParams()
    n, m = len(src_texts), len(tgt_texts)
    if n == 0 or m == 0:
        return [((i,), (), 1.0) for i in range(n)] + [((), (j,), 1.0) for j in range(m)]
    scorer = _prepare(src_texts, tgt_texts, embed, p)
    src, tgt = scorer.src, scorer.tgt
    sure = anchors(src.vecs[1][1:], tgt.vecs[1][1:], src_texts, tgt_texts)
    lo, hi = band(sure, n, m, p.band, p.band_cap)
    types = _link_types(p)
    steps = _band_steps(types, lo, hi)  # the same band for every search below
    path, table = _dp(scorer, types, lo, hi, steps)
    if not p.embed_all_windows and p.embed_width > 1:
        # Embed the windows of the merges the path takes, then search again, until every merge on the
        # path is judged by its own text (mean vectors stand in, optimistically, for the rest).
        for _ in range(p.refine_rounds):
            src_ends, tgt_ends = _windows_taken(path, p)
            if not embed_windows(embed, (src, src_ends), (tgt, tgt_ends)):
                break
            scorer.optimism = p.refine_optimism_later
            path, table = _dp(scorer, types, lo, hi, steps)
        if scorer.optimism != p.refine_optimism:
            # a link's confidence weighs its rivals as a reviewer's link is weighed (``link_confidence``):
            # merges not embedded with the first search's head start
            scorer.optimism = p.refine_optimism
            table = _gain_table(scorer, types, lo, hi, steps)
    conf = _confidence(path, table, types, lo, hi, p)
    return [(xs, ys, float(c)) for (xs, ys, _, _), c in zip(path, conf, strict=True)]


def _prepare(
    src_texts: Sequence[str], tgt_texts: Sequence[str], embed: Embed, p: TranslationParams
) -> _Scorer:
    """Embed both sides, centre them, attach baselines and text signals (see ``embed_all_windows``)."""
    n, m = len(src_texts), len(tgt_texts)
    src = _Side(src_texts, np.asarray(embed(list(src_texts)), dtype=np.float32), p.max_side)
    tgt = _Side(tgt_texts, np.asarray(embed(list(tgt_texts)), dtype=np.float32), p.max_side)
    mean = np.concatenate([src.vecs[1][1:], tgt.vecs[1][1:]]).mean(axis=0)
    src.center(mean)
    tgt.center(mean)
    rng = np.random.default_rng(p.seed)
    src.set_base(tgt.vecs[1][1 + rng.choice(m, size=min(m, p.base_samples), replace=False)])
    tgt.set_base(src.vecs[1][1 + rng.choice(n, size=min(n, p.base_samples), replace=False)])
    shared_s, shared_t = _signals.shared_masks(src_texts, tgt_texts)
    src.set_signals(shared_s, _signals.content(src_texts, p.content_chars))
    tgt.set_signals(shared_t, _signals.content(tgt_texts, p.content_chars))
    if p.embed_all_windows:
        widths = range(2, min(p.embed_width, p.max_side) + 1)
        embed_windows(
            embed,
            (src, {w: np.arange(w, n + 1) for w in widths}),
            (tgt, {w: np.arange(w, m + 1) for w in widths}),
        )
    return _Scorer(src, tgt, p)


def _windows_taken(path: _Path, p: TranslationParams) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
    """End boundaries, per width, of the multi-sentence windows of the path's merged links, each side."""
    width = min(p.embed_width, p.max_side)
    want: tuple[dict[int, set[int]], dict[int, set[int]]] = ({}, {})
    for xs, ys, i, j in path:
        if not (xs and ys):
            continue
        for side, ids, end in ((0, xs, i), (1, ys, j)):
            if 2 <= len(ids) <= width:
                want[side].setdefault(len(ids), set()).add(end)
    src, tgt = ({w: np.array(sorted(e), dtype=np.int64) for w, e in side.items()} for side in want)
    return src, tgt


_Path = list[tuple[tuple[int, ...], tuple[int, ...], int, int]]  # (src ids, tgt ids, end i, end j)


def _dp(
    scorer: _Scorer, types: list[tuple[int, int]], lo: np.ndarray, hi: np.ndarray, steps: _Steps
) -> tuple[_Path, np.ndarray]:
    """Best monotone path through the band, and every candidate's per-sentence quality.

    Rows are stored ragged-as-dense: row i holds target boundaries lo[i]..hi[i] at columns 0.., so memory
    is O(n * band width). ``table[k, i, c]`` is the gain of a type-k link ending at (i, lo[i] + c) per
    sentence it covers (leaving a sentence unaligned gains 0), so the confidence can compare candidates of
    any size on the objective's own terms.
    """
    n = len(lo) - 1
    width = int((hi - lo).max()) + 1
    score = np.full((n + 1, width), -np.inf)
    back = np.full((n + 1, width), -2, dtype=np.int8)  # type index, or -1 for a 0-1 step
    gains = {(a, b): scorer.gains(a, b, lo, hi) for a, b in types if b > 0}
    table = _gain_table(scorer, types, lo, hi, steps)
    for i, (js, row) in enumerate(steps):
        best = np.full(len(js), -np.inf)
        arg = np.full(len(js), -2, dtype=np.int8)
        if i == 0:
            best[js == 0] = 0.0
        for k, a, b, cols, prev_cols in row:
            cand = score[i - a, prev_cols]
            if b > 0:
                cand = cand + gains[a, b][i, cols]
            better = cand > best[cols]
            best[cols[better]] = cand[better]
            arg[cols[better]] = k
        # 0-1 steps along the row: best[j] = max over j' <= j of best[j'] (an unaligned target costs 0).
        run = np.maximum.accumulate(best)
        arg[run > best] = -1
        score[i, : len(js)] = run
        back[i, : len(js)] = arg
    path: _Path = []
    i, j = n, int(hi[n])
    while i > 0 or j > 0:
        k = int(back[i, j - lo[i]])
        if k == -1:
            path.append(((), (j - 1,), i, j))
            j -= 1
            continue
        a, b = types[k]
        path.append((tuple(range(i - a, i)), tuple(range(j - b, j)), i, j))
        i, j = i - a, j - b
    return path[::-1], table


def _gain_table(
    scorer: _Scorer, types: list[tuple[int, int]], lo: np.ndarray, hi: np.ndarray, steps: _Steps
) -> np.ndarray:
    """``table[k, i, c]``: the gain per sentence of the type-k link ending at (i, lo[i] + c) (see
    ``_dp``), -inf where none can end. The scorer keeps its gains, so asking them again costs nothing
    until a window is embedded or the head start changes."""
    gains = {(a, b): scorer.gains(a, b, lo, hi) for a, b in types if b > 0}
    table = np.full((len(types), len(lo), int((hi - lo).max()) + 1), -np.inf, dtype=np.float32)
    for i, (_js, row) in enumerate(steps):
        for k, a, b, cols, _prev_cols in row:
            if b > 0:
                table[k, i, cols] = gains[a, b][i, cols] / (a + b)
    return table


# k, a, b, the band columns where a type-(a, b) link can end in the row, and where it starts
_Step = tuple[int, int, int, np.ndarray, np.ndarray]
_Steps = list[tuple[np.ndarray, list[_Step]]]


def _band_steps(types: list[tuple[int, int]], lo: np.ndarray, hi: np.ndarray) -> _Steps:
    """Per row i of the band: its target boundaries, and for each link type that can end in it, which
    of them it can end at and the band columns where such a link starts."""
    rows: _Steps = []
    for i in range(len(lo)):
        js = np.arange(lo[i], hi[i] + 1)
        steps: list[_Step] = []
        for k, (a, b) in enumerate(types):
            if i - a < 0:
                continue
            prev_j = js - b
            ok = (prev_j >= lo[i - a]) & (prev_j <= hi[i - a]) & (prev_j >= 0)
            if not ok.any():
                continue
            steps.append((k, a, b, np.flatnonzero(ok), prev_j[ok] - lo[i - a]))
        rows.append((js, steps))
    return rows


def _confidence(
    path: _Path,
    table: np.ndarray,
    types: list[tuple[int, int]],
    lo: np.ndarray,
    hi: np.ndarray,
    p: TranslationParams,
) -> np.ndarray:
    """Logistic margin of each chosen link over its best rival, all links at once.

    Rivals: every candidate link ending within a few sentences that shares a sentence with the chosen
    one (a shifted pairing, a bigger or smaller merge), plus "leave these sentences unaligned" (gain 0).
    An unaligned sentence's own gain is 0. Gains are per covered sentence.
    """
    n = len(lo) - 1
    ends_i = np.array([e[2] for e in path])
    ends_j = np.array([e[3] for e in path])
    sizes_a = np.array([len(e[0]) for e in path])
    sizes_b = np.array([len(e[1]) for e in path])
    kind = {t: k for k, t in enumerate(types)}
    own = np.zeros(len(path), dtype=np.float64)
    rival = np.full(len(path), -np.inf)
    linked = (sizes_a > 0) & (sizes_b > 0)
    rival[linked] = 0.0
    for idx in np.flatnonzero(linked):
        k = kind[(int(sizes_a[idx]), int(sizes_b[idx]))]
        own[idx] = table[k, ends_i[idx], ends_j[idx] - lo[ends_i[idx]]]
    reach = range(-2, p.max_side + 1)
    for k, (a, b) in enumerate(types):
        if b == 0:
            continue
        for di in reach:
            ci = ends_i + di
            ok_i = (ci >= a) & (ci <= n)
            ci_safe = np.clip(ci, 0, n)
            for dj in reach:
                cj = ends_j + dj
                col = cj - lo[ci_safe]
                ok = ok_i & (cj >= b) & (col >= 0) & (col < table.shape[2])
                if not ok.any():
                    continue
                src_overlap = (ci - a < ends_i) & (ci > ends_i - sizes_a)
                tgt_overlap = (cj - b < ends_j) & (cj > ends_j - sizes_b)
                same = (di == 0) & (dj == 0) & (sizes_a == a) & (sizes_b == b)
                conflict = ok & (src_overlap | tgt_overlap) & ~same
                if not conflict.any():
                    continue
                q = np.full(len(path), -np.inf)
                q[conflict] = table[k, ci_safe[conflict], col[conflict]]
                rival = np.maximum(rival, q)
    z = np.where(np.isfinite(rival), (own - rival) / p.temperature, 50.0)
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0))))


def link_confidence(
    src_texts: Sequence[str],
    tgt_texts: Sequence[str],
    embed: Embed,
    source: Sequence[int],
    target: Sequence[int],
    *,
    params: TranslationParams | None = None,
) -> float | None:
    """The confidence :func:`align_translation` gives the link ``source``-``target`` when it is on the
    path, for a link a reviewer made: its gain per sentence over the best rival near it (see
    :func:`_confidence`), on the whole texts.

    None when the aligner has no such link to weigh: sentences that are not neighbours, a side empty or
    larger than ``max_side``, or a pairing outside the band the anchors allow. Rival merges are judged
    by their mean vectors with the head start (their windows are not embedded), so a reviewer's link
    is rated no higher than the aligner's search would rate it.
    """
    p = params or TranslationParams()
    types = _link_types(p)
    a, b = len(source), len(target)
    if (a, b) not in types or b == 0:
        return None
    if list(source) != list(range(source[0], source[0] + a)) or list(target) != list(
        range(target[0], target[0] + b)
    ):
        return None
    n, m = len(src_texts), len(tgt_texts)
    i, j = source[-1] + 1, target[-1] + 1
    if i > n or j > m:
        return None
    scorer = _prepare(src_texts, tgt_texts, embed, p)
    width = min(p.embed_width, p.max_side)
    embed_windows(
        embed,
        *(
            (side, {size: np.array([end])})
            for side, size, end in ((scorer.src, a, i), (scorer.tgt, b, j))
            if 2 <= size <= width
        ),
    )
    sure = anchors(scorer.src.vecs[1][1:], scorer.tgt.vecs[1][1:], src_texts, tgt_texts)
    lo, hi = band(sure, n, m, p.band, p.band_cap)
    if not (lo[i] <= j <= hi[i] and lo[i - a] <= j - b <= hi[i - a]):
        return None
    _, table = _dp(scorer, types, lo, hi, _band_steps(types, lo, hi))
    return float(_confidence([(tuple(source), tuple(target), i, j)], table, types, lo, hi, p)[0])
