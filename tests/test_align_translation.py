"""Translation-mode aligner on synthetic vectors: merges, deletions, invariants, confidence semantics."""

from __future__ import annotations

import numpy as np
import pytest

from bitext.align.translation import TranslationParams, align_translation

DIM = 64


class Toy:
    """Sentences named by tokens ("a", "b", ...); a text's vector is the normalised sum of its tokens'.

    A shared direction compresses cosines (unrelated texts about 0.8) as the real encoder does, so the
    aligner cannot get by on raw cosine levels.
    """

    def __init__(self, seed: int = 0) -> None:
        self.rng = np.random.default_rng(seed)
        self.common = self.rng.normal(size=DIM)
        self.common /= np.linalg.norm(self.common)
        self.vecs: dict[str, np.ndarray] = {}

    def vec(self, token: str) -> np.ndarray:
        if token not in self.vecs:
            self.vecs[token] = 2.0 * self.common + self.rng.normal(size=DIM) / np.sqrt(DIM)
        return self.vecs[token]

    def __call__(self, texts: list[str]) -> np.ndarray:
        out = np.stack([sum((self.vec(w.strip(".")) for w in t.split()), np.zeros(DIM)) for t in texts])
        return np.asarray(out / np.linalg.norm(out, axis=1, keepdims=True), dtype=np.float32)


def ids(
    links: list[tuple[tuple[int, ...], tuple[int, ...], float]],
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(s, t) for s, t, _ in links]


def check_invariants(links: list[tuple[tuple[int, ...], tuple[int, ...], float]], n: int, m: int) -> None:
    src = [i for s, _, _ in links for i in s]
    tgt = [j for _, t, _ in links for j in t]
    assert src == list(range(n)) and tgt == list(range(m))  # each once, in order (monotone)
    assert all(s or t for s, t, _ in links)
    assert all(0.0 <= c <= 1.0 for _, _, c in links)


def test_one_to_one_and_a_merge() -> None:
    toy = Toy()
    src = ["a.", "b.", "c.", "d.", "e.", "f."]
    tgt = ["a.", "b.", "c d.", "e.", "f."]  # target merges source 2 and 3
    links = align_translation(src, tgt, toy)
    check_invariants(links, 6, 5)
    assert ids(links) == [((0,), (0,)), ((1,), (1,)), ((2, 3), (2,)), ((4,), (3,)), ((5,), (4,))]


def test_split_on_the_source_side() -> None:
    toy = Toy(1)
    src = ["a.", "b c.", "d.", "e."]
    tgt = ["a.", "b.", "c.", "d.", "e."]
    assert ids(align_translation(src, tgt, toy)) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,))]


def test_extra_and_missing_sentences_are_left_unaligned() -> None:
    toy = Toy(2)
    src = ["a.", "b.", "x.", "c.", "d."]  # "x" has no translation
    tgt = ["a.", "b.", "c.", "y.", "d."]  # "y" is an addition
    links = align_translation(src, tgt, toy)
    check_invariants(links, 5, 5)
    assert ((2,), ()) in ids(links)
    assert ((), (3,)) in ids(links)
    assert ((3,), (2,)) in ids(links) and ((4,), (4,)) in ids(links)


@pytest.mark.parametrize("seed", range(5))
def test_invariants_on_noisy_random_documents(seed: int) -> None:
    rng = np.random.default_rng(seed)
    toy = Toy(seed)
    n = int(rng.integers(1, 40))
    src = [f"s{i}" for i in range(n)]
    tgt = [f"s{i}" if rng.random() < 0.6 else f"t{i}" for i in range(int(rng.integers(1, 40)))]
    check_invariants(align_translation(src, tgt, toy), len(src), len(tgt))


def test_empty_sides() -> None:
    toy = Toy()
    assert align_translation([], ["a", "b"], toy) == [((), (0,), 1.0), ((), (1,), 1.0)]
    assert align_translation(["a"], [], toy) == [((0,), (), 1.0)]
    assert align_translation([], [], toy) == []


def test_confidence_is_a_margin_over_rivals_not_a_cosine() -> None:
    toy = Toy(3)
    words = [f"w{k}" for k in range(12)]
    # "w6" appears twice on the target side: whichever copy is linked, the other is an equal rival.
    src = words
    tgt = [*words[:7], "w6", *words[7:]]
    links = align_translation(src, tgt, toy)
    check_invariants(links, 12, 13)
    conf = {s: c for s, t, c in links if s and t}
    clear = [c for s, c in conf.items() if s not in ((5,), (6,), (7,))]
    assert min(clear) > 0.6 and np.median(clear) > 0.8
    assert conf[(6,)] < 0.55  # a tie with the other copy is about 0.5, whatever the cosine


def test_numbers_break_a_tie_between_equally_similar_sentences() -> None:
    toy = Toy(4)
    src = ["a.", "b 1914.", "b 1918.", "c."]
    toy.vecs["1914"] = toy.vecs["1918"] = np.zeros(DIM)  # the embedding cannot tell the years apart
    tgt = ["a.", "b 1914.", "b 1918.", "c."]
    assert ids(align_translation(src, tgt, toy)) == [((i,), (i,)) for i in range(4)]


def test_long_synthetic_document_is_mostly_right() -> None:
    toy = Toy(5)
    rng = np.random.default_rng(5)
    src: list[str] = []
    tgt: list[str] = []
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for i in range(300):
        src.append(f"w{i}")
        if rng.random() < 0.1 and i > 0 and len(gold) and len(gold[-1][0]) == 1 and gold[-1][1]:
            tgt[-1] = f"{tgt[-1]} w{i}"
            gold[-1] = ((*gold[-1][0], i), gold[-1][1])
        else:
            tgt.append(f"w{i}")
            gold.append(((i,), (len(tgt) - 1,)))
    links = align_translation(src, tgt, toy, params=TranslationParams(band=3))
    check_invariants(links, len(src), len(tgt))
    right = len(set(ids(links)) & set(gold))
    assert right / len(gold) > 0.95


def test_windows_are_embedded_as_joined_text_where_needed() -> None:
    toy = Toy(3)
    asked: list[str] = []

    def embed(texts: list[str]) -> np.ndarray:
        asked.extend(texts)
        return toy(texts)

    src = [f"s{k}." for k in range(12)]
    tgt = [*src[:6], "s6. s7.", *src[8:]]  # the target joins source 6 and 7
    want = [*[((k,), (k,)) for k in range(6)], ((6, 7), (6,)), *[((k,), (k - 1,)) for k in range(8, 12)]]
    for windows in ("needed", "all", "none"):
        asked.clear()
        params = {
            "needed": TranslationParams(),
            "all": TranslationParams(embed_all_windows=True),
            "none": TranslationParams(embed_width=1),
        }[windows]
        assert ids(align_translation(src, tgt, embed, params=params)) == want
        windows_asked = asked[len(src) + len(tgt) :]  # after one call per side for the sentences
        if windows == "all":  # every window of 2 to 4 sentences, both sides
            assert len(windows_asked) == (11 + 10 + 9) + (10 + 9 + 8)
        elif windows == "none":
            assert not windows_asked  # windows are the length-weighted mean of their sentences' vectors
        else:
            assert "s6. s7." in windows_asked  # the merge the first pass found is judged by its text
            assert "s0. s1." not in windows_asked and "s10. s11." not in windows_asked  # sure links
            assert len(windows_asked) < (11 + 10 + 9 + 10 + 9 + 8) / 2
    asked.clear()
    align_translation(src, tgt, embed, params=TranslationParams(embed_all_windows=True, embed_width=2))
    assert {len(t.split()) for t in asked} == {1, 2, 3}  # singles and pairs (one target text holds two)


def test_one_call_embeds_every_window_a_round_wants_on_both_sides() -> None:
    # The encoder reads the whole model's weights once per batch, so a call of a window or two costs
    # more per token than a full batch: the windows of one round go in one call, whatever their side
    # and width.
    toy = Toy(5)
    calls: list[list[str]] = []

    def embed(texts: list[str]) -> np.ndarray:
        calls.append(list(texts))
        return toy(texts)

    src = [f"s{k}." for k in range(14)]
    # the target joins source 2-3 and source 8-9-10; the source joins target "t5 t6" (a split)
    tgt = [*src[:2], "s2. s3.", *src[4:5], "s5a.", "s5b.", *src[6:8], "s8. s9. s10.", *src[11:]]
    src = [*src[:5], "s5a. s5b.", *src[6:]]
    links = ids(align_translation(src, tgt, embed))
    assert ((2,), (2,)) not in links and ((5,), (4, 5)) in links and ((8, 9, 10), (8,)) in links
    windows = calls[2:]  # after one call per side for the sentences
    assert windows
    first = windows[0]
    assert "s2. s3." in first and "s8. s9. s10." in first and "s5a. s5b." in first  # both sides, widths
    assert all(len(set(call)) == len(call) for call in windows)  # and no window twice
    assert len({t for call in windows for t in call}) == sum(len(call) for call in windows)


def test_later_searches_need_a_smaller_head_start_for_the_same_links() -> None:
    # The first search takes every merge its mean vectors favour, with the head start; once those are
    # embedded, a search only reroutes around the ones that lost, and a smaller head start there finds
    # the same links for fewer windows embedded.
    embedded = {0.05: 0, 0.1: 0}
    for seed in range(6):
        toy, rng = Toy(seed), np.random.default_rng(seed)
        src: list[str] = []
        tgt: list[str] = []
        for i in range(120):
            src.append(f"w{i}.")
            r = rng.random()
            if r < 0.12 and tgt:
                tgt[-1] = f"{tgt[-1]} w{i}."  # joined to the sentence before
            elif r < 0.16:
                tgt.append(f"w{i}. x{i}.")  # with something added
            elif r >= 0.2:  # else left out
                tgt.append(f"w{i}.")
        found = {}
        for later in embedded:
            asked: list[str] = []

            def embed(texts: list[str], toy: Toy = toy, asked: list[str] = asked) -> np.ndarray:
                asked.extend(texts)
                return toy(texts)

            params = TranslationParams(refine_optimism_later=later)
            found[later] = align_translation(src, tgt, embed, params=params)
            embedded[later] += len(asked) - len(src) - len(tgt)
        assert ids(found[0.05]) == ids(found[0.1])
    assert embedded[0.05] < embedded[0.1]


def test_repeated_sentences_make_no_anchors_and_keep_the_diagonal() -> None:
    from bitext.align._anchors import anchors

    toy = Toy(8)
    items = [f"i{k}" for k in range(12)]
    # Each source sentence comes back once per round; each round's target line is another wording
    # of it (its own token beside the item's), as with boilerplate or a refrain translated anew.
    rounds = 6
    src = [f"{item}." for _ in range(rounds) for item in items]
    tgt = [f"{item} v{r}." for r in range(rounds) for item in items]
    for r in range(rounds):
        toy.vecs[f"v{r}"] = 0.2 * toy.rng.normal(size=DIM) / np.sqrt(DIM)
    vecs = toy(src)
    # A matrix product may round equal rows differently on another processor: twins that differ in
    # the last bits are still twins.
    vecs = vecs + np.random.default_rng(1).normal(scale=1e-6, size=vecs.shape).astype(vecs.dtype)
    assert anchors(vecs, toy(tgt), src, tgt) == []  # every source has twins: none is an anchor
    for order in ("rounds", "blocks"):
        s, t = (
            (src, tgt) if order == "rounds" else (sorted(src), sorted(tgt, key=lambda x: (x.split()[0], x)))
        )
        links = align_translation(s, t, toy)
        check_invariants(links, len(s), len(t))
        assert ids(links) == [((k,), (k,)) for k in range(len(s))], order


def test_debris_between_sentences_is_left_unaligned() -> None:
    toy = Toy(6)
    for junk in ("-", "_-", "*^"):  # OCR debris barely moves a joined text's vector
        toy.vecs[junk] = 0.5 * toy.rng.normal(size=DIM) / np.sqrt(DIM)
    src = [f"word{k} text{k} more{k}." for k in range(8)]
    tgt = [*src[:4], "- _-", "*^", *src[4:]]
    links = align_translation(src, tgt, toy)
    check_invariants(links, 8, 10)
    assert ((), (4,)) in ids(links) and ((), (5,)) in ids(links)
    assert ((3,), (3,)) in ids(links) and ((4,), (6,)) in ids(links)


def test_shared_masks_keep_only_names_and_numbers_found_in_both_texts() -> None:
    from bitext.align import _signals

    src = ["Die Sitzung fand 1935 in Basel statt .", "Nichts ."]
    tgt = ["La séance eut lieu à Bâle en 1935 ( Basel ) .", "Rien ."]
    src_mask, tgt_mask = _signals.shared_masks(src, tgt)
    # "basel" and "1935" are on both sides; German nouns and sentence starts are not.
    assert _signals.popcount(src_mask).tolist() == [2.0, 0.0]
    assert _signals.popcount(tgt_mask).tolist() == [2.0, 0.0]


def test_length_prior_uses_the_whole_texts_ratio() -> None:
    from bitext.align.translation import _prepare

    src = ["a" * 100, "b" * 100, "c"]
    tgt = ["a" * 120, "b" * 120, "c" * 40]
    scorer = _prepare(src, tgt, Toy(7), TranslationParams())
    assert scorer.log_ratio == pytest.approx(np.log((280 + 1) / (201 + 1)))


def test_a_reviewers_link_is_scored_as_the_aligner_scores_its_own() -> None:
    """link_confidence rates a link a reviewer made on the aligner's own terms: the aligner's links (a
    merge too) get the confidence it gave them, a shifted pairing a low one, and a link it cannot weigh
    gets None."""
    from bitext.align.translation import link_confidence

    toy = Toy(3)
    words = [f"w{k}" for k in range(12)]
    merged = (["a.", "b.", "c.", "d.", "e.", "f."], ["a.", "b.", "c d.", "e.", "f."])
    for src, tgt in ((words, words), merged):
        links = align_translation(src, tgt, toy)
        assert any(len(s) == 2 for s, _, _ in links) == (src is merged[0])
        for s, t, c in links:
            assert link_confidence(src, tgt, toy, s, t) == pytest.approx(c)
    shifted = link_confidence(words, words, toy, (4,), (5,))
    assert shifted is not None and shifted < 0.1  # shifted by one: every rival beats it
    assert link_confidence(words, words, toy, (1, 3), (1,)) is None  # not neighbours
    assert link_confidence(words, words, toy, (1,), ()) is None  # nothing to pair


def test_gains_follow_the_windows_embedded_since_and_only_those() -> None:
    # The search's gains are kept by link type between the refinement rounds: a window embedded since
    # must change its own candidates, to what a search that embedded it from the start sees, and no other.
    from bitext.align.translation import _prepare, embed_windows

    toy = Toy(7)
    src = [f"s{k}." for k in range(9)]
    tgt = [*src[:3], "s3. s4.", *src[5:]]  # the target joins source 3 and 4
    lo, hi = np.zeros(len(src) + 1, dtype=np.int64), np.full(len(src) + 1, len(tgt))
    scorer = _prepare(src, tgt, toy, TranslationParams())
    singles, before = scorer.gains(1, 1, lo, hi), scorer.gains(2, 1, lo, hi).copy()
    embed_windows(toy, (scorer.src, {2: np.array([5])}))  # the window "s3. s4." ends at boundary 5
    after = scorer.gains(2, 1, lo, hi)
    changed = np.flatnonzero((after != before).any(axis=1))
    assert changed.tolist() == [5]
    assert scorer.gains(1, 1, lo, hi) is singles  # no window of width 1 changed: not computed again
    every = _prepare(src, tgt, toy, TranslationParams(embed_all_windows=True))
    assert np.allclose(every.gains(2, 1, lo, hi)[5], after[5], atol=1e-6)
