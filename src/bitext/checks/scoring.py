"""Severity as a measured promise: every flag's confidence comes from a model fitted on labelled data.

The checks find candidates by rule (a number that differs, a name that does not match, a negation on one
side). Whether a candidate is a real divergence is then judged by a small logistic model per kind, over the
encoder's evidence on the pair (``evidence``) and on the flag's own spans. The models are fitted by
``benchmarks/fit_scorer.py`` on the tune halves of the evaluation sets plus synthetic divergences, and
shipped as data (``data/scoring/model.json``); nothing here is tuned by hand.

``confidence`` is calibrated for translations in which one pair in five diverges (the share is chosen on
the tune data and recorded in the model file as ``prevalence``): of flags at 0.8, about 80 % are real
there. Severity follows from it, the same for every kind: ``major`` at ``thresholds.major`` (0.9: at
least 9 in 10 such flags are real divergences), ``minor`` at ``thresholds.minor`` (0.5), ``info`` below.
``benchmarks/bench_trust.py`` measures the promise on the
held-out halves.

A kind the model file does not cover (a user's glossary, placeholders) keeps its rule's severity, with
the confidence its check gave (or none). Without the encoder there is no evidence to weigh: every flag then
keeps its rule's severity and carries no confidence (``priors`` in the model file records, for reference,
the precision each rule alone reached on the tune data).
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from bitext.model import Flag, Severity

if TYPE_CHECKING:
    from bitext.checks.evidence import PairEvidence

SPAN_FEATURES: tuple[str, ...] = (
    "src_span_support",
    "tgt_span_support",
    "span_similarity",
    "has_src_span",
    "has_tgt_span",
    "rule_major",
)
NEUTRAL_SUPPORT = 1.0  # a flag without a span on a side says nothing about that side's support
# Rules whose flags keep their rule's severity: the evidence the model weighs cannot see what they see. A
# person's name swapped for another (``names._swapped``): to the encoder two names of one kind are as
# close as a name and its transliteration, so the model would take every such flag for a rendered name.
# The same goes for a person that a caseless text, which writes names by sound, does not write
# (``caseless_names.unheard_persons``), and for a person named in full that one side leaves out or brings in
# (``names._person_in_full``). A word missing by the grammar of what is left (``omission._gap_flags``)
# is as plain as the sentence reads, whatever the vectors say: "the is one of" is no rendering. An
# antonym swap that both the sentence and the word confirm (``opposite._word_agrees``) is graded by its
# rule: the sentence evidence the model weighs is what an antonym leaves unchanged. One word added
# (``unrendered``) is found by the very evidence the model weighs (support, the sentence cosine), read
# more closely: the target embedded again without it.
# Their precision is measured per kind, held out, by benchmarks/bench_trust.py.
RULE_GRADED: frozenset[tuple[str, str]] = frozenset(
    {
        ("name", "swapped"),
        ("name", "unheard"),
        ("name", "dropped"),
        ("name", "brought"),
        ("omission", "gap"),
        ("opposite", "swap-confirmed"),
        ("addition", "unrendered"),
    }
)

# Rules whose flags the model grades but never below ``minor``: a word of the contrast lexicon facing, by
# the word alignment, the opposite sense of its concept ("eastern" / "Qərb", "less" / "daha çox"). The
# rule alone was right in 124 of its 125 flags on the tune halves, but the ``opposite`` model, fitted on
# a kind that is mostly negation, put a third of them at ``info``; ``major`` stays the model's call.
AT_LEAST_MINOR: frozenset[tuple[str, str]] = frozenset(
    {("opposite", "contrast"), ("opposite", "contrast-weak")}
)


def flag_features(flag: Flag, evidence: PairEvidence | None, bases: tuple[str, ...] = ()) -> list[float]:
    """Pair evidence, the flag's own (``SPAN_FEATURES``), then one indicator per rule of its check in
    ``bases`` (the rules the kind's model was fitted with); [] without evidence."""
    if evidence is None:
        return []
    src = evidence.support(flag.source_span, True)
    tgt = evidence.support(flag.target_span, False)
    both = evidence.span_similarity(flag.source_span, flag.target_span)
    return [
        *evidence.features,
        NEUTRAL_SUPPORT if src is None else src,
        NEUTRAL_SUPPORT if tgt is None else tgt,
        0.0 if both is None else both,
        float(src is not None),
        float(tgt is not None),
        float(flag.severity == "major"),
        *(float(flag.basis == b) for b in bases),
    ]


@dataclass(frozen=True)
class Logistic:
    """A logistic model on standardised features, then an isotonic map from its output to the share of
    real divergences observed at that output on the tune data (``calibration``: breakpoints x -> y)."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    calibration: tuple[tuple[float, ...], tuple[float, ...]] = ((), ())
    bases: tuple[str, ...] = ()  # the check's rules, as indicator features after the shared ones

    def raw(self, x: list[float]) -> float:
        z = self.intercept + sum(
            c * (v - m) / s for c, v, m, s in zip(self.coef, x, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def probability(self, x: list[float]) -> float:
        p = self.raw(x)
        xs, ys = self.calibration
        if not xs:
            return p
        if p <= xs[0]:
            return ys[0]
        if p >= xs[-1]:
            return ys[-1]
        k = bisect.bisect_right(xs, p)
        x0, x1, y0, y1 = xs[k - 1], xs[k], ys[k - 1], ys[k]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (p - x0) / (x1 - x0)

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Logistic:
        cal = obj.get("calibration") or {"x": [], "y": []}
        return cls(
            tuple(obj["mean"]),
            tuple(obj["scale"]),
            tuple(obj["coef"]),
            float(obj["intercept"]),
            (tuple(cal["x"]), tuple(cal["y"])),
            tuple(obj.get("bases", ())),
        )


@dataclass(frozen=True)
class ScoringModel:
    features: tuple[str, ...]
    pair: Logistic
    kinds: dict[str, Logistic]
    priors: dict[str, float]
    major: float
    minor: float
    fitted_on: str

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> ScoringModel:
        from bitext.checks.evidence import FEATURES

        if tuple(obj["features"]) != FEATURES + SPAN_FEATURES:
            raise RuntimeError(
                "data/scoring/model.json was fitted on other features than bitext computes; "
                "refit it with benchmarks/fit_scorer.py"
            )
        return cls(
            features=tuple(obj["features"]),
            pair=Logistic.from_json(obj["pair"]),
            kinds={k: Logistic.from_json(v) for k, v in obj["kinds"].items()},
            priors={k: float(v) for k, v in obj["priors"].items()},
            major=float(obj["thresholds"]["major"]),
            minor=float(obj["thresholds"]["minor"]),
            fitted_on=str(obj.get("fitted_on", "")),
        )

    def severity(self, confidence: float) -> Severity:
        if confidence >= self.major:
            return "major"
        return "minor" if confidence >= self.minor else "info"

    def grade(self, kind: str, basis: str, confidence: float) -> Severity:
        """The severity a flag of this kind and rule earns at ``confidence``: ``severity``, raised to
        ``minor`` for the rules of ``AT_LEAST_MINOR``."""
        severity = self.severity(confidence)
        return "minor" if severity == "info" and (kind, basis) in AT_LEAST_MINOR else severity

    def pair_probability(self, evidence: PairEvidence) -> float:
        return self.pair.probability(evidence.features)

    def covers(self, kind: str, basis: str) -> bool:
        """The model judges flags of this kind and rule (``RULE_GRADED`` keep their rule's severity)."""
        return kind in self.kinds and (kind, basis) not in RULE_GRADED

    def confidence(self, flag: Flag, evidence: PairEvidence | None) -> float | None:
        model = self.kinds.get(flag.kind)
        if model is None or evidence is None or not self.covers(flag.kind, flag.basis):
            return None
        return model.probability(flag_features(flag, evidence, model.bases))


@cache
def scoring_model() -> ScoringModel | None:
    """The shipped model, or None when no model file ships (every flag then keeps its rule's severity)."""
    try:
        text = resources.files("bitext").joinpath("data", "scoring", "model.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return ScoringModel.from_json(json.loads(text))


def score_flags(
    flags: list[Flag],
    evidence: PairEvidence | None,
    model: ScoringModel | None = None,
    *,
    grade: bool = True,
) -> list[Flag]:
    """Each flag with its fitted confidence and, with ``grade``, the severity that confidence earns.

    ``grade=False`` is for the summary links' kinds whose rule severity holds there better than the
    translation-fitted confidence (``checks.score_summary_flags``, measured by
    ``benchmarks/bench_summary_flags.py``): a flag keeps its rule's severity and the confidence is shown
    for what it is, the translation-fitted estimate.
    """
    model = model or scoring_model()
    if model is None:
        return flags
    out = []
    for flag in flags:
        confidence = model.confidence(flag, evidence)
        if confidence is None:
            out.append(flag)
            continue
        severity = model.grade(flag.kind, flag.basis, confidence) if grade else flag.severity
        out.append(replace(flag, severity=severity, confidence=round(confidence, 3)))
    return out


class _Signed(Protocol):
    @property
    def signature(self) -> str: ...
    @property
    def severity(self) -> str: ...


_S = TypeVar("_S", bound=_Signed)


def one_per_signature(flags: Iterable[_S]) -> list[_S]:
    """One flag for each signature (kind and excerpts: what a reviewer judges and dismisses), the most
    severe of those graded, in the order first found: where two rules, or one rule twice, find the same
    thing in a link, the reviewer sees it once, at the worse grade. ``benchmarks/bench_trust.py`` counts
    its scored flags the same way."""
    from bitext.model import SEVERITY_RANK

    kept: dict[str, _S] = {}
    for flag in flags:
        seen = kept.get(flag.signature)
        if seen is None or SEVERITY_RANK[flag.severity] < SEVERITY_RANK[seen.severity]:
            kept[flag.signature] = flag
    return list(kept.values())
