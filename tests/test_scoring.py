"""The fitted scorer: every covered flag gets a confidence, and its severity follows from it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pytest

from bitext.checks import run_checks
from bitext.checks.evidence import FEATURES, is_content
from bitext.checks.scoring import (
    SPAN_FEATURES,
    Logistic,
    ScoringModel,
    one_per_signature,
    score_flags,
    scoring_model,
)
from bitext.model import Alignment, Flag, Link, Mode, Sentence, Side, Signature


def test_the_shipped_model_is_fitted_on_the_features_bitext_computes() -> None:
    model = scoring_model()
    assert model is not None
    assert model.features == FEATURES + SPAN_FEATURES
    assert (model.major, model.minor) == (0.9, 0.5)
    assert {"number", "name", "opposite"} <= set(model.kinds)
    for kind, prior in model.priors.items():
        assert kind in model.kinds and 0.0 < prior < 1.0
    for logistic in [model.pair, *model.kinds.values()]:
        assert all(s > 0 for s in logistic.scale)


def test_severity_is_a_function_of_confidence() -> None:
    model = scoring_model()
    assert model is not None
    assert [model.severity(c) for c in (0.95, 0.9, 0.89, 0.5, 0.49, 0.0)] == [
        "major",
        "major",
        "minor",
        "minor",
        "info",
        "info",
    ]


def test_logistic_probability() -> None:
    lg = Logistic(mean=(1.0, 0.0), scale=(2.0, 1.0), coef=(2.0, -1.0), intercept=0.5)
    z = 0.5 + 2.0 * (3.0 - 1.0) / 2.0 - 1.0 * 1.0
    assert lg.probability([3.0, 1.0]) == pytest.approx(1 / (1 + np.exp(-z)))
    assert lg.probability([1e9, -1e9]) == 1.0  # clipped, never an overflow


def _model(kinds: dict[str, Logistic], priors: dict[str, float]) -> ScoringModel:
    flat = Logistic((0.0,) * len(FEATURES), (1.0,) * len(FEATURES), (0.0,) * len(FEATURES), 0.0)
    return ScoringModel(FEATURES + SPAN_FEATURES, flat, kinds, priors, 0.9, 0.5, "test")


def test_uncovered_kinds_and_flags_without_evidence_keep_their_rule_severity() -> None:
    n = len(FEATURES + SPAN_FEATURES)
    sure = Logistic((0.0,) * n, (1.0,) * n, (0.0,) * n, 5.0)  # always ~0.993
    model = _model({"number": sure}, {"number": 0.7})
    flags = [
        Flag("number", "minor", "5", "6", (0, 1), (0, 1), "m"),
        Flag("terminology", "major", "a", "b", (0, 1), (0, 1), "m"),
    ]
    number, term = score_flags(flags, None, model)
    assert (number.confidence, number.severity) == (None, "minor")  # no evidence: the rule's own word
    assert (term.confidence, term.severity) == (None, "major")


def test_a_rule_graded_flag_keeps_its_rule_severity_where_its_kind_is_scored() -> None:
    n = len(FEATURES + SPAN_FEATURES)
    sure = Logistic((0.0,) * n, (1.0,) * n, (0.0,) * n, -5.0)  # always ~0.007: every flag to info
    model = _model({"name": sure}, {"name": 0.5})
    assert model.covers("name", "replaced") and not model.covers("name", "swapped")
    swapped = Flag("name", "minor", "Carrick", "Robson", (0, 7), (0, 6), "m", basis="swapped")
    evidence: Any = object()  # never read: the model does not judge this rule
    assert score_flags([swapped], evidence, model) == [swapped]
    assert model.confidence(swapped, evidence) is None


def test_a_contrast_of_the_lexicon_is_graded_but_never_below_minor() -> None:
    n = len(FEATURES + SPAN_FEATURES)
    doubtful = Logistic((0.0,) * n, (1.0,) * n, (0.0,) * n, -5.0)  # always ~0.007
    sure = Logistic((0.0,) * n, (1.0,) * n, (0.0,) * n, 5.0)  # always ~0.993
    contrast = Flag("opposite", "major", "eastern", "Qərb", (0, 7), (0, 4), "m", basis="contrast")
    negation = Flag("opposite", "major", "not", "", (0, 3), None, "m", basis="negation")
    evidence: Any = type("Evidence", (), {"features": [0.0] * len(FEATURES), "support": lambda *a: None,
                                           "span_similarity": lambda *a: None})()  # fmt: skip
    low = score_flags([contrast, negation], evidence, _model({"opposite": doubtful}, {"opposite": 0.5}))
    assert [(f.basis, f.severity) for f in low] == [("contrast", "minor"), ("negation", "info")]
    # the confidence stays the model's
    assert all(f.confidence is not None and f.confidence < 0.5 for f in low)
    high = score_flags([contrast], evidence, _model({"opposite": sure}, {"opposite": 0.5}))
    assert [f.severity for f in high] == ["major"]  # major is still the model's call


@pytest.mark.parametrize(
    ("src", "tgt", "w"),
    [
        ("In the west of the country, the rains came late this year.",
         "Ölkənin şərqində bu il yağışlar gec başladı.", "şərqində"),  # east for west
        ("Prices rose before the election.", "Qiymətlər seçkidən sonra artdı.", "sonra"),  # after for before
        ("Today the road is less safe thanks to the new lights.",
         "Bu gün yeni işıqlar sayəsində yol daha təhlükəsizdir.", "daha"),  # more for less
    ],
)  # fmt: skip
def test_a_reversed_contrast_word_reaches_the_reviewer(real_encoder: Any, src: str, tgt: str, w: str) -> None:
    out = run_checks(_alignment([(src, tgt)]), encoder=real_encoder)
    flags = [f for f in out.links[0].flags if f.kind == "opposite"]
    assert [f.target_excerpt for f in flags] == [w]
    assert flags[0].severity in ("minor", "major") and flags[0].confidence is not None


# -- through the runner, with a small deterministic encoder --------------------------------------------


@dataclass
class WV:
    words: list[tuple[str, int, int]]
    vectors: np.ndarray


AXES = {"ship": 0, "gəmi": 0, "sailed": 1, "üzdü": 1, "harbour": 2, "limandan": 2, "east": 3, "şərqə": 3,
        "three": 4, "üç": 4, "boats": 5, "qayıq": 5}  # fmt: skip


class ToyEncoder:
    name = "toy-scoring"
    dim = 16

    def _vec(self, word: str) -> np.ndarray:
        v = np.zeros(self.dim)
        axis = AXES.get(word.lower())
        v[axis if axis is not None else 8 + sum(map(ord, word)) % 7] = 1.0
        v[-1] = 0.4
        return v / np.linalg.norm(v)

    def word_vectors(self, text: str, layer: int = 8) -> WV:
        words = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\w+", text)]
        return WV(words, np.array([self._vec(w) for w, _s, _e in words]).reshape(len(words), self.dim))

    def word_vectors_many(self, texts: list[str], layer: int = 8) -> list[WV]:
        return [self.word_vectors(t, layer) for t in texts]

    def release_word_vectors(self) -> None:
        pass

    def encode(self, texts: list[str]) -> np.ndarray:
        out = []
        for t in texts:
            v = self.word_vectors(t).vectors.sum(axis=0)
            out.append(v / max(np.linalg.norm(v), 1e-9))
        return np.array(out, dtype=np.float32)


def _alignment(pairs: list[tuple[str, str]]) -> Alignment:
    src = Side("en", "s", tuple(Sentence(i, s, 0, len(s)) for i, (s, _t) in enumerate(pairs)))
    tgt = Side("az", "t", tuple(Sentence(i, t, 0, len(t)) for i, (_s, t) in enumerate(pairs)))
    links = tuple(Link(i, (i,), (i,), 0.9) for i in range(len(pairs)))
    return Alignment(src, tgt, links, Signature("0", "toy", "seg", "translation"))


def test_every_flag_of_a_covered_kind_gets_a_confidence_that_sets_its_severity() -> None:
    model = scoring_model()
    assert model is not None
    out = run_checks(
        _alignment(
            [
                ("The ship sailed from the harbour with three boats.", "Gəmi limandan beş qayıq ilə üzdü."),
                ("The ship sailed east.", "Gəmi şərqə üzdü."),
            ]
        ),
        encoder=ToyEncoder(),  # type: ignore[arg-type]
    )
    flags = [f for link in out.links for f in link.flags]
    assert any(f.kind == "number" for f in flags)
    for f in flags:
        if model.covers(f.kind, f.basis) or f.kind == "meaning":
            assert f.confidence is not None and f.severity == model.grade(f.kind, f.basis, f.confidence)


def test_content_words() -> None:
    assert [is_content(w) for w in ("ship", "the", "of", "宠", "は", "2024", "Bakıda")] == [
        True,
        False,
        False,
        True,
        True,
        False,
        True,
    ]


def test_summary_links_grade_the_kinds_whose_rule_breaks_the_promise_and_cap_the_others() -> None:
    from bitext.checks import SUMMARY_CEILING, SUMMARY_GRADED

    model = scoring_model()
    assert model is not None
    pairs = [
        ("The ship sailed east.", "Gəmi qərbə üzdü."),
        ("The ship did not sail.", "Gəmi üzdü."),
        # the Azerbaijani adds that the sailors sang long songs on the shore
        ("The ship sailed with three boats.",
         "Gəmi üç qayıq ilə üzdü, dənizçilər isə sahildə uzun mahnılar oxudular."),
    ]
    translation = run_checks(_alignment(pairs), encoder=ToyEncoder())  # type: ignore[arg-type]
    summary_alignment = replace(_alignment(pairs), signature=Signature("0", "toy", "seg", "summary"))
    summary = run_checks(summary_alignment, encoder=ToyEncoder())  # type: ignore[arg-type]

    def opposite(alignment: Alignment, i: int) -> Flag:
        [flag] = [f for f in alignment.links[i].flags if f.kind == "opposite"]
        return flag

    # a reversed contrast word keeps its rule's major; a one-sided negation is no worse than minor
    assert SUMMARY_CEILING == {("opposite", "negation"): "minor"}
    assert (opposite(summary, 0).basis, opposite(summary, 0).severity) == ("contrast", "major")
    negated_t, negated_s = opposite(translation, 1), opposite(summary, 1)
    assert negated_s.signature == negated_t.signature
    assert (negated_s.basis, negated_s.severity) == ("negation", "minor") and negated_s.confidence is not None
    graded = [f for link in summary.links for f in link.flags if f.kind in SUMMARY_GRADED]
    assert [f.kind for f in graded] == ["addition"]
    assert all(f.confidence is not None and f.severity == model.severity(f.confidence) for f in graded)


def test_a_summary_link_rechecked_in_review_keeps_the_summary_ceiling() -> None:
    from bitext.review.recheck import recheck

    pairs = [("The ship did not sail.", "Gəmi üzdü."), ("The ship sailed east.", "Gəmi qərbə üzdü.")]
    modes: tuple[tuple[Mode, str], ...] = (("translation", "major"), ("summary", "minor"))
    for mode, severity in modes:
        alignment = replace(_alignment(pairs), signature=Signature("0", "toy", "seg", mode))
        negated, reversed_ = (recheck(alignment, link, ()) for link in alignment.links)
        assert [(f.kind, f.severity) for f in negated.flags] == [("opposite", severity)]
        assert [(f.kind, f.severity) for f in reversed_.flags] == [("opposite", "major")]


def test_one_flag_per_signature_the_worst_kept_in_first_found_order() -> None:
    lost = Flag("name", "info", "Kowalski", "", (10, 18), None, "lost", basis="lost")
    left = Flag("name", "minor", "Kowalski", "", (10, 18), None, "left out", basis="left-out")
    other = Flag("number", "major", "3", "4", (0, 1), (0, 1), "3 / 4")
    assert one_per_signature([lost, other, left]) == [left, other]
    assert one_per_signature([left, lost]) == [left]  # a tie or a milder one later keeps the first
    assert one_per_signature([other]) == [other]
