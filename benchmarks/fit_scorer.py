"""Refit the flag scorer shipped as ``src/bitext/data/scoring/model.json`` (see ``bitext.checks.scoring``).

Fitted on the *tune* halves only (``trust_cases`` writes the split down): DEMETR's labelled perturbations,
Tatoeba and NTREX correct pairs with synthetic divergences (numbers, names, contrast words, negation, an
added or dropped clause), and REFreSD's "no difference" / "some difference" pairs.

- The pair model (the ``meaning`` flag): logistic regression of divergent vs correct over the encoder's
  evidence (``evidence.FEATURES``).
- One model per flag kind: is this flag a real divergence? A flag on a divergent pair counts as real only
  when its twin (the unperturbed pair) does not raise the same flag: a flag that fires either way was not
  caused by the divergence. Features: the evidence plus the flag's own spans (``scoring.SPAN_FEATURES``).

Every model is a logistic regression whose coefficients may only push the way the evidence points
(``SIGNS``: e.g. a lower cosine never lowers a divergence's probability), fitted with SciPy.

Weights make divergent pairs a set share (the prevalence) of every data set (DEMETR has 2 correct pairs
per item and ~16 perturbed ones), so confidences are calibrated for documents where that share of pairs
diverges; the share is chosen on the tune halves (``choose_prevalence``) and written into the model file.
Each data set weighs the same in total. Each model's output is then mapped through an isotonic
calibration learned on out-of-fold outputs (two folds of the tune rows).

Run: ``python benchmarks/fit_scorer.py`` (writes the model file and prints what it fitted).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from trust_cases import all_cases
from trust_run import FlagRecord, Record, run_cases

from bitext.checks.evidence import FEATURES
from bitext.checks.scoring import RULE_GRADED, SPAN_FEATURES, ScoringModel

OUT = Path(__file__).resolve().parents[1] / "src" / "bitext" / "data" / "scoring" / "model.json"
# Sets that teach the pair model only: REFreSD labels whole pairs, with no unperturbed twin to tell a flag
# caused by the difference from one that fires anyway (its "no difference" pairs also quote English titles
# in French, which the language check rightly notices).
PAIR_ONLY = ("refresd",)
MIN_FLAGS = 30  # a kind with fewer labelled flags keeps its rule's severity (no model)
C = 1.0  # inverse L2 strength per (weighted) example, as in scikit-learn


# The population confidences are calibrated for: the share of pairs that diverge. The larger it is, the
# more flags reach minor and major, the more of them on correct translations. It is chosen on the tune
# halves (``choose_prevalence``): the largest of these whose correct tune pairs stay within issue 9's
# targets (at most 3 % with a major flag, at most 10 % with a major or minor one) in every data set.
PREVALENCES = (0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1)
MAX_MAJOR, MAX_ANY = 0.03, 0.10
# Held-out text has rarer words than the tune half: a data set as a whole must keep within three quarters of
# the targets on the tune half, and every DEMETR language within the targets themselves (issue 9 asks for
# "in any language"; 50 pairs a language are too few for a margin of their own).
TUNE_MARGIN = 0.75
PREVALENCE = 0.2  # the fallback when none qualifies: the conservative end that first meets the targets


def case_weights(records: list[Record], prevalence: float = PREVALENCE) -> np.ndarray:
    """Per record: within each data set, divergent pairs carry ``prevalence`` of the weight and correct
    pairs the rest; every data set weighs the same in total."""
    totals: dict[tuple[str, int], int] = defaultdict(int)
    for r in records:
        totals[(r.case.dataset, int(r.case.label or 0))] += 1
    datasets = {d for d, _ in totals}
    share = {1: prevalence, 0: 1.0 - prevalence}
    w = np.array(
        [share[int(r.case.label or 0)] / totals[(r.case.dataset, int(r.case.label or 0))] for r in records]
    )
    return w * (len(records) / len(datasets))


def twins(records: list[Record]) -> dict[tuple[str, str], set[str]]:
    """(source, target) of every correct pair -> the signatures of its flags."""
    return {(r.case.src, r.case.tgt): {f.signature for f in r.flags} for r in records if r.case.label == 0}


def flag_rows(
    records: list[Record], weights: np.ndarray
) -> dict[str, tuple[list[list[float]], list[int], list[float]]]:
    clean = twins(records)
    rows: dict[str, tuple[list[list[float]], list[int], list[float]]] = defaultdict(lambda: ([], [], []))
    for r, w in zip(records, weights, strict=True):
        if r.evidence is None or r.case.dataset in PAIR_ONLY:
            continue
        twin = clean.get(r.case.twin, set()) if r.case.twin else set()
        for f in r.flags:
            if (f.kind, f.basis) in RULE_GRADED:
                continue  # these keep their rule's severity: nothing to fit
            real = int(r.case.label == 1 and f.signature not in twin)
            x, y, ws = rows[f.kind]
            x.append([*f.features, f.basis])  # type: ignore[list-item]  # the basis is one-hot below
            y.append(real)
            ws.append(float(w))
    return rows


# The direction each feature may push the confidence (+1 up, -1 down, 0 free): more words without a
# counterpart, a lower cosine, a longer unrendered run never make a divergence less likely. Fitting within
# these signs keeps the model monotone where the evidence is, so it cannot learn a quirk of the tune data
# that says otherwise.
SIGNS = {
    "cosine": -1, "src_support": -1, "tgt_support": -1, "src_weak_share": 1, "tgt_weak_share": 1,
    "src_min_support": -1, "tgt_min_support": -1, "src_weak_run": 1, "tgt_weak_run": 1, "length_ratio": 1,
    "src_span_support": -1, "tgt_span_support": -1, "span_similarity": 0, "has_src_span": 0,
    "has_tgt_span": 0, "rule_major": 1,
}  # fmt: skip


def fit(x: list[list[float]], y: list[int], w: list[float], names: tuple[str, ...]) -> dict[str, object]:
    """Weighted L2-regularised logistic regression with sign constraints (L-BFGS-B on standardised x)."""
    from scipy.optimize import minimize

    xa = np.asarray(x, dtype=np.float64)
    ya = np.asarray(y, dtype=np.float64)
    wa = np.asarray(w, dtype=np.float64)
    wa = wa / wa.mean()
    mean = xa.mean(axis=0)
    scale = xa.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (xa - mean) / scale
    n, d = z.shape

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        coef, b = theta[:d], theta[d]
        m = z @ coef + b
        p = 1.0 / (1.0 + np.exp(-m))
        nll = np.sum(wa * (np.logaddexp(0.0, m) - ya * m)) / n + 0.5 * np.sum(coef**2) / (C * n)
        g = wa * (p - ya) / n
        return float(nll), np.concatenate([z.T @ g + coef / (C * n), [g.sum()]])

    bounds = []
    for name in names:
        sign = SIGNS.get(name, 0)
        bounds.append((0.0, None) if sign > 0 else (None, 0.0) if sign < 0 else (None, None))
    bounds.append((None, None))

    def solve(rows: np.ndarray) -> np.ndarray:
        nonlocal z, ya, wa, n
        full = (z, ya, wa, n)
        z, ya, wa, n = z[rows], ya[rows], wa[rows], int(rows.sum())
        try:
            return np.asarray(minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B", bounds=bounds).x)
        finally:
            z, ya, wa, n = full

    everything = np.ones(len(ya), dtype=bool)
    theta = solve(everything)
    coef, b = theta[:d], theta[d]
    # Calibrate on out-of-fold outputs (two folds): outputs on the rows a model was fitted on are
    # over-confident, and an isotonic map learned from them would carry that into every confidence.
    fold = np.arange(len(ya)) % 2 == 0
    raw = np.empty(len(ya))
    for rows in (fold, ~fold):
        if rows.all() or not rows.any() or ya[~rows].min() == ya[~rows].max():
            raw[rows] = 1.0 / (1.0 + np.exp(-(z[rows] @ coef + b)))
            continue
        part = solve(~rows)
        raw[rows] = 1.0 / (1.0 + np.exp(-(z[rows] @ part[:d] + part[d])))
    return {
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in coef],
        "intercept": round(float(b), 6),
        "calibration": calibration(raw, ya, wa),
    }


def calibration(raw: np.ndarray, y: np.ndarray, w: np.ndarray) -> dict[str, list[float]]:
    """Isotonic map from the logistic output to the weighted share of real divergences (scikit-learn),
    as breakpoints; the logistic's own probabilities were over-confident in the middle of the range."""
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
    iso.fit(raw, y, sample_weight=w)
    xs, ys = iso.X_thresholds_, np.array(iso.y_thresholds_, dtype=np.float64)
    if CALIBRATION_Z:
        ys = _lower_bounds(w, iso.predict(raw), ys)
    return {"x": [round(float(v), 6) for v in xs], "y": [round(float(v), 6) for v in ys]}


# Each isotonic block's share of real divergences is an estimate from a few (weighted) flags. A block
# that would promise "major" (``MAJOR``) ships its lower bound at this many standard errors (Wilson)
# instead, so that a small block that happened to be all real on the tune half does not make the promise
# on its own; blocks below keep their estimate (the minor promise, 1 in 2, has room for the noise).
CALIBRATION_Z = 1.0
MAJOR = 0.9


def _lower_bounds(w: np.ndarray, fitted: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Wilson lower bound of each isotonic level at or above ``MAJOR`` (rows sharing a fitted value form
    its block), the levels kept non-decreasing."""
    z = CALIBRATION_Z
    out = ys.copy()
    for k, level in enumerate(ys):
        rows = np.isclose(fitted, level)
        if level < MAJOR or not rows.any():
            continue
        n = float(w[rows].sum() ** 2 / (w[rows] ** 2).sum())  # effective number of flags
        p = float(level)
        centre = p + z * z / (2 * n)
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        out[k] = max(0.0, (centre - half) / (1 + z * z / n))
    return np.maximum.accumulate(out)


def tune_records() -> list[Record]:
    cases = [c for c in all_cases() if c.label is not None]
    return [r for r in run_cases(cases) if r.case.split == "tune" and _usable(r)]


def _usable(r: Record) -> bool:
    # REFreSD's "unrelated" pairs would never be linked by an aligner; they teach nothing about a link.
    return not (r.case.dataset == "refresd" and r.case.kind == "unrelated")


def build_model(records: list[Record], prevalence: float = PREVALENCE) -> dict[str, object]:
    weights = case_weights(records, prevalence)
    with_evidence = [(r, w) for r, w in zip(records, weights, strict=True) if r.evidence is not None]
    pair = fit([r.evidence or [] for r, _ in with_evidence],
               [int(r.case.label or 0) for r, _ in with_evidence],
               [float(w) for _, w in with_evidence], FEATURES)  # fmt: skip
    kinds: dict[str, object] = {}
    priors: dict[str, float] = {}
    for kind, (rows_x, y, w) in sorted(flag_rows(records, weights).items()):
        bases = tuple(sorted({str(row[-1]) for row in rows_x} - {""}))
        bases = bases if len(bases) > 1 else ()  # one rule only: nothing to weigh apart
        x = [[*(float(v) for v in row[:-1]), *(float(row[-1] == b) for b in bases)] for row in rows_x]
        wa, ya = np.asarray(w), np.asarray(y)
        precision = float((wa * ya).sum() / wa.sum())
        print(f"{kind:12s} flags {len(y):5d}  real {int(ya.sum()):5d}  rule precision {precision:.3f}")
        if len(y) < MIN_FLAGS or ya.min() == ya.max():
            continue
        kinds[kind] = {**fit(x, y, w, FEATURES + SPAN_FEATURES + bases), "bases": list(bases)}
        priors[kind] = round(precision, 3)
    return {
        "version": 1,
        "features": list(FEATURES + SPAN_FEATURES),
        "pair": pair,
        "kinds": kinds,
        "priors": priors,
        "thresholds": {"major": MAJOR, "minor": 0.5},
        "prevalence": prevalence,
        "fitted_on": "tune halves: DEMETR id%4==1, Tatoeba 1-250, NTREX even documents, REFreSD even lines",
    }


def with_bases(f: FlagRecord, bases: tuple[str, ...]) -> list[float]:
    """A record's shared features, then its basis indicators (as ``scoring.flag_features`` makes them)."""
    return [*f.features, *(float(f.basis == b) for b in bases)]


def graded(model: ScoringModel, f: FlagRecord, scored: bool = True) -> tuple[float | None, str]:
    """The flag's confidence and severity as bitext gives them: its kind's model grades it where the model
    covers its rule and the pair is ``scored`` (has evidence); elsewhere its rule's severity stands."""
    lm = model.kinds.get(f.kind) if scored and model.covers(f.kind, f.basis) else None
    if lm is None:
        return None, f.severity
    confidence = lm.probability(with_bases(f, lm.bases))
    return confidence, model.grade(f.kind, f.basis, confidence)


def correct_pair_rates(records: list[Record], obj: dict[str, object]) -> dict[str, tuple[float, float]]:
    """Per data set: share of correct pairs with a major flag, and with a major or minor one."""
    model = ScoringModel.from_json(obj)
    rates: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    for r in records:
        if r.case.label != 0 or r.evidence is None:
            continue
        levels = [graded(model, f)[1] for f in r.flags]
        if r.case.dataset != "refresd" and model.pair.probability(r.evidence) >= model.minor:
            levels.append(model.severity(model.pair.probability(r.evidence)))
        flagged = ("major" in levels, "major" in levels or "minor" in levels)
        rates[r.case.dataset].append(flagged)
        if r.case.dataset == "demetr":
            rates[f"demetr:{r.case.group}"].append(flagged)
    return {
        d: (float(np.mean([a for a, _ in v])), float(np.mean([b for _, b in v]))) for d, v in rates.items()
    }


def choose_prevalence(records: list[Record]) -> tuple[float, dict[str, object]]:
    import contextlib
    import io

    for prevalence in PREVALENCES:
        with contextlib.redirect_stdout(io.StringIO()):
            obj = build_model(records, prevalence)
        rates = correct_pair_rates(records, obj)
        worst = {d: r for d, r in rates.items() if d != "refresd"}  # REFreSD's "no difference" is not a
        # correct translation (its pairs come from comparable, not parallel, text)
        margin = {d: 1.0 if ":" in d else TUNE_MARGIN for d in worst}
        ok = all(a <= MAX_MAJOR * margin[d] and b <= MAX_ANY * margin[d] for d, (a, b) in worst.items())
        shown = ", ".join(f"{d} {a:.3f}/{b:.3f}" for d, (a, b) in sorted(worst.items()) if ":" not in d)
        over = [d.split(":")[1] for d, (a, b) in sorted(worst.items())
                if ":" in d and (a > MAX_MAJOR or b > MAX_ANY)]  # fmt: skip
        shown += f"; DEMETR languages over the targets: {', '.join(over) or 'none'}"
        print(
            f"prevalence {prevalence:.2f}: correct tune pairs with major/any flag: {shown}"
            + ("  <- chosen" if ok else "")
        )
        if ok:
            return prevalence, build_model(records, prevalence)
    return PREVALENCE, build_model(records, PREVALENCE)


def main() -> None:
    _prevalence, model = choose_prevalence(tune_records())
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(model['kinds'])} kinds)")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
