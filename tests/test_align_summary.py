"""Summary mode on controlled vectors: merges found from their parts, reordering, unsupported sentences.

The embedding here is a small model of what the encoder does: a text's vector is the normalised
mean of its words' vectors, and a word's vector is the topic of the sentence it comes from plus
noise. A summary word rendering body sentence i carries i's topic, so a part of a summary sentence
is close to the body sentence it renders, which is what the aligner looks for.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from bitext.align import align, choose_mode
from bitext.align.summary import SummaryParams, align_summary

DIM = 64


def _unit(v: np.ndarray) -> np.ndarray:
    return np.asarray(v / np.linalg.norm(v))


class WordVectors:
    """An ``embed`` in which a text is the normalised mean of its words' vectors."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = np.random.default_rng(seed)
        self.words: dict[str, np.ndarray] = {}

    def topic(self) -> np.ndarray:
        return _unit(self.rng.normal(size=DIM))

    def say(self, text: str, topic: np.ndarray, noise: float = 0.6) -> str:
        """Give every word of ``text`` (not yet known) a vector near ``topic``; return the text."""
        for word in self._words(text):
            if word not in self.words:
                self.words[word] = _unit(topic + noise * _unit(self.rng.normal(size=DIM)))
        return text

    def __call__(self, texts: list[str]) -> np.ndarray:
        return np.stack([_unit(np.mean([self.words[w] for w in self._words(t)], axis=0)) for t in texts])

    @staticmethod
    def _words(text: str) -> list[str]:
        return [w.strip(".,;:!?\"'").lower() for w in text.split() if w.strip(".,;:!?\"'")]


def _sentence(tag: str, n_words: int = 8) -> str:
    return " ".join(f"{tag}w{k}" for k in range(n_words)) + "."


@pytest.fixture
def world() -> tuple[list[str], list[str], WordVectors, list[tuple[int, ...]]]:
    embed = WordVectors()
    topics = [embed.topic() for _ in range(40)]
    body = [embed.say(_sentence(f"b{i}"), topics[i]) for i in range(40)]
    # Summary: 12 alone; 20 and 21 joined; 5 (moved before 12's neighbours); 33 then 30 (far apart,
    # in reverse order); 38 alone; three sentences 2, 9 and 15 in one.
    gold: list[tuple[int, ...]] = [(12,), (20, 21), (5,), (30, 33), (38,), (2, 9, 15)]
    orders = [[12], [20, 21], [5], [33, 30], [38], [2, 9, 15]]
    summary = []
    for j, order in enumerate(orders):
        clauses = [embed.say(_sentence(f"s{j}p{k}", 7)[:-1], topics[i]) for k, i in enumerate(order)]
        summary.append((", and " if len(order) == 2 else "; ").join(clauses) + ".")
    embed.say("and", embed.topic())
    return body, summary, embed, gold


def test_each_summary_sentence_finds_its_sources(world) -> None:  # type: ignore[no-untyped-def]
    body, summary, embed, gold = world
    links = align_summary(body, summary, embed)
    found = {tgt: src for src, tgt, _ in links}
    for j, ids in enumerate(gold):
        assert found[(j,)] == ids


def test_one_source_per_sentence_when_merges_are_off(world) -> None:  # type: ignore[no-untyped-def]
    body, summary, embed, gold = world
    links = align_summary(body, summary, embed, params=SummaryParams(max_sources=1))
    assert all(len(src) == 1 for src, _, _ in links)
    assert {tgt: src for src, tgt, _ in links}[(0,)] == gold[0]


def test_confidence_is_high_for_clear_links_and_low_for_ambiguous(world) -> None:  # type: ignore[no-untyped-def]
    body, summary, embed, _ = world
    # A copy of body sentence 12 makes summary sentence 0 ambiguous between the two.
    twin = "twin " + body[12]
    embed.words["twin"] = embed.words["b12w0"]
    links = align_summary([*body, twin], summary, embed)
    conf = {tgt: score for _, tgt, score in links}
    assert conf[(2,)] > 0.9
    assert conf[(0,)] < 0.6


def test_unsupported_summary_sentence_is_unaligned(world) -> None:  # type: ignore[no-untyped-def]
    body, summary, embed, _ = world
    # As close to half of the body as to any of it: it singles out no body sentence.
    half = _unit(np.sum(embed(body[::2]), axis=0))
    stray = embed.say("something the body never says", half, noise=0.0)
    links = align_summary(body, [*summary, stray], embed)
    assert ((), (len(summary),), 0.0) in links
    # A sentence that does single one out is linked.
    links = align_summary(body, [*summary, embed.say("close to twelve", embed([body[12]])[0], 0.1)], embed)
    assert {j: src for src, tgt, _ in links for j in tgt}[len(summary)] == (12,)


def test_mode_is_chosen_from_length_ratio() -> None:
    body = ["A long sentence of the body that goes on for a while."] * 30
    assert choose_mode(body, body[:3]) == "summary"
    assert choose_mode(body[:3], body) == "summary"
    assert choose_mode(body, body[:25]) == "translation"


def test_links_are_numbered_in_summary_order(world) -> None:  # type: ignore[no-untyped-def]
    body, summary, embed, gold = world
    links = align(body, summary, embed, "summary")
    assert [link.id for link in links] == list(range(len(links)))
    assert [link.target for link in links] == [(j,) for j in range(len(gold))]


def test_a_body_sentence_holding_both_parts_needs_no_partner() -> None:
    # Body sentence A says two things (t1 and t2); B says only t1. The summary sentence renders A.
    # Its first half is closer to B than to A, its second half to A: a clean-looking cut, but the
    # whole sentence matches A better than the two halves match B and A, so A alone is its source.
    embed = WordVectors(seed=3)
    t1, t2 = embed.topic(), embed.topic()
    a = embed.say("a1 a2 a3 a4", t1, noise=0.3) + " " + embed.say("a5 a6 a7 a8.", t2, noise=0.3)
    b = embed.say("b1 b2 b3 b4 b5 b6 b7 b8.", t1, noise=0.3)
    fillers = [embed.say(_sentence(f"f{i}"), embed.topic()) for i in range(30)]
    summary = embed.say("s1 s2 s3 s4", t1, noise=0.3) + " " + embed.say("s5 s6 s7 s8.", t2, noise=0.3)
    body = [a, b, *fillers]
    [(src, _, _)] = align_summary(body, [summary], embed)
    assert src == (0,)
    # With no comparison against the whole sentence, the halves would wrongly merge A and B.
    [(loose, _, _)] = align_summary(body, [summary], embed, params=SummaryParams(cut_tolerance=1.0))
    assert loose == (0, 1)


def test_short_whole_sentences_inside_a_summary_sentence_are_parts() -> None:
    # "Tom left. Mary stayed." merges two two-word sentences; two-word fragments of a longer
    # sentence, in contrast, are never parts (they would match at random).
    embed = WordVectors(seed=5)
    topics = [embed.topic() for _ in range(30)]
    body = [embed.say(_sentence(f"b{i}", 3), topics[i]) for i in range(30)]
    merged = embed.say("xa xb.", topics[4]) + " " + embed.say("ya yb.", topics[17])
    [(src, _, _)] = align_summary(body, [merged], embed)
    assert src == (4, 17)
    # the same four words as one sentence: no cut after two words
    run_on = "xa xb ya yb."
    [(one, _, _)] = align_summary(body, [run_on], embed)
    assert len(one) == 1


def test_names_the_chosen_sources_lack_point_to_a_third_part() -> None:
    # The summary sentence folds a short sentence about a person into two longer ones; only its
    # names are left of it, too few words to be cut out. A close candidate that holds two of the
    # names the chosen sources lack is its third source. One shared name is not enough.
    embed = WordVectors(seed=11)
    topics = [embed.topic() for _ in range(25)]
    body = [embed.say(_sentence(f"b{i}"), topics[i]) for i in range(25)]
    body[3] = embed.say("Among those who argued for talks was Count Ishida Renzo.", topics[3])
    body[4] = embed.say("He was formerly minister of trade and mayor of Osaka city.", topics[4])
    body[7] = embed.say("He argued first for direct talks with the government in Moscow.", topics[7])
    left = embed.say("Formerly trade minister and Osaka mayor,", topics[4])
    name = embed.say("Ishida Renzo", _unit(topics[3] + topics[7]))
    right = embed.say("argued first for direct talks with Moscow.", topics[7])
    summary = f"{left} {name} {right}"
    [(src, _, _)] = align_summary(body, [summary], embed)
    assert src == (3, 4, 7)
    # with a single name in common the sentence keeps its two cut-out sources
    body[3] = embed.say("Among those who argued for talks was Baron Tanaka Renzo.", topics[3])
    [(two, _, _)] = align_summary(body, [summary], embed)
    assert two == (4, 7)
    # and with the rule off, the third part is missed
    body[3] = embed.say("Among those who argued for talks was Count Ishida Renzo.", topics[3])
    [(off, _, _)] = align_summary(body, [summary], embed, params=SummaryParams(name_rank=0))
    assert off == (4, 7)


def test_a_part_whose_numbers_its_pick_lacks_is_not_its_rendering() -> None:
    # "After two years of talks, on 20 January ..." is not "On December 27, after four months, ...",
    # however close the words; the same number written another way ("15 000", "15,000") is no clash.
    embed = WordVectors(seed=17)
    topics = [embed.topic() for _ in range(20)]
    body = [embed.say(_sentence(f"b{i}"), topics[i]) for i in range(20)]
    body[5] = embed.say("talks resumed on december 27 after four months", topics[5])
    body[9] = embed.say("the treaty was signed and recognised by both governments", topics[9])
    left = embed.say("on 20 january after two years of talks", topics[5])
    right = embed.say("the governments signed and recognised the treaty.", topics[9])
    [(src, _, _)] = align_summary(body, [f"{left}, {right}"], embed)
    assert len(src) == 1
    [(loose, _, _)] = align_summary(
        body, [f"{left}, {right}"], embed, params=SummaryParams(part_numbers=False)
    )
    assert loose == (5, 9)
    body[5] = embed.say("talks cost $15,000 after four months", topics[5])
    left = embed.say("15 000 dollars was what two years of talks cost", topics[5])
    [(same, _, _)] = align_summary(body, [f"{left}, {right}"], embed)
    assert same == (5, 9)


def test_a_long_body_is_cut_against_its_closest_sentences() -> None:
    # Above a few thousand body sentences the parts are compared with a pool of the sentences
    # closest to the whole summary sentence (and a sample for the spread): merges are still found.
    embed = WordVectors(seed=13)
    topics = [embed.topic() for _ in range(2500)]
    body = [embed.say(f"b{i}x b{i}y b{i}z.", topics[i], noise=0.2) for i in range(2500)]
    gold = [(10, 2000), (77,), (500, 1500)]
    summary = []
    for j, ids in enumerate(gold):
        clauses = [embed.say(_sentence(f"s{j}p{k}", 6)[:-1], topics[i], noise=0.2) for k, i in enumerate(ids)]
        summary.append("; ".join(clauses) + ".")
    found = {tgt: src for src, tgt, _ in align_summary(body, summary, embed)}
    assert [found[(j,)] for j in range(len(gold))] == gold


def test_part_boundaries_follow_clause_marks() -> None:
    from bitext.align.summary import _cut_points

    words = ["The", "plan,", "which", "was", "late,", "failed;", "nobody", "came", "back"]
    points = _cut_points(words, SummaryParams(cuts=0))
    assert [words[k - 1] for k in points] == ["plan,", "late,", "failed;"]
    assert re.sub(r"\s+", " ", " ".join(words[: points[-1]])) == "The plan, which was late, failed;"
