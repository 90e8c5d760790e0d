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

Weights put correct and divergent pairs on an equal footing in every data set (DEMETR has 2 correct pairs
per item and ~16 perturbed ones), so confidences are calibrated for a population where half the pairs
diverge. Each data set weighs the same in total.

Run: ``python benchmarks/fit_scorer.py`` (writes the model file and prints what it fitted).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from trust_cases import all_cases  # noqa: E402
from trust_run import Record, run_cases  # noqa: E402

from bitext.checks.evidence import FEATURES  # noqa: E402
from bitext.checks.scoring import SPAN_FEATURES  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "bitext" / "data" / "scoring" / "model.json"
MIN_FLAGS = 30  # a kind with fewer labelled flags keeps its rule's severity (no model)
C = 1.0  # inverse L2 strength per (weighted) example, as in scikit-learn


def case_weights(records: list[Record]) -> np.ndarray:
    """Per record: correct and divergent pairs weigh the same within a data set; data sets weigh the same."""
    totals: dict[tuple[str, int], int] = defaultdict(int)
    for r in records:
        totals[(r.case.dataset, int(r.case.label or 0))] += 1
    datasets = {d for d, _ in totals}
    w = np.array([1.0 / totals[(r.case.dataset, int(r.case.label or 0))] for r in records])
    return w * (len(records) / (2 * len(datasets)))


def twins(records: list[Record]) -> dict[tuple[str, str], set[str]]:
    """(source, target) of every correct pair -> the signatures of its flags."""
    return {(r.case.src, r.case.tgt): {f.signature for f in r.flags} for r in records if r.case.label == 0}


def flag_rows(records: list[Record], weights: np.ndarray) -> dict[str, tuple[list[list[float]], list[int], list[float]]]:
    clean = twins(records)
    rows: dict[str, tuple[list[list[float]], list[int], list[float]]] = defaultdict(lambda: ([], [], []))
    for r, w in zip(records, weights, strict=True):
        if r.evidence is None:
            continue
        twin = clean.get(r.case.twin, set()) if r.case.twin else set()
        for f in r.flags:
            real = int(r.case.label == 1 and f.signature not in twin)
            x, y, ws = rows[f.kind]
            x.append(f.features)
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
    res = minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B", bounds=bounds)
    coef, b = res.x[:d], res.x[d]
    return {
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in coef],
        "intercept": round(float(b), 6),
    }


def tune_records() -> list[Record]:
    cases = [c for c in all_cases() if c.label is not None]
    return [r for r in run_cases(cases) if r.case.split == "tune" and _usable(r)]


def _usable(r: Record) -> bool:
    # REFreSD's "unrelated" pairs would never be linked by an aligner; they teach nothing about a link.
    return not (r.case.dataset == "refresd" and r.case.kind == "unrelated")


def main() -> None:
    records = tune_records()
    weights = case_weights(records)
    with_evidence = [(r, w) for r, w in zip(records, weights, strict=True) if r.evidence is not None]
    pair = fit([r.evidence or [] for r, _ in with_evidence], [int(r.case.label or 0) for r, _ in with_evidence],
               [float(w) for _, w in with_evidence], FEATURES)  # fmt: skip
    kinds: dict[str, object] = {}
    priors: dict[str, float] = {}
    for kind, (x, y, w) in sorted(flag_rows(records, weights).items()):
        wa, ya = np.asarray(w), np.asarray(y)
        precision = float((wa * ya).sum() / wa.sum())
        print(f"{kind:12s} flags {len(y):5d}  real {int(ya.sum()):5d}  rule precision (balanced) {precision:.3f}")
        if len(y) < MIN_FLAGS or ya.min() == ya.max():
            continue
        kinds[kind] = fit(x, y, w, FEATURES + SPAN_FEATURES)
        priors[kind] = round(precision, 3)
    model = {
        "version": 1,
        "features": list(FEATURES + SPAN_FEATURES),
        "pair": pair,
        "kinds": kinds,
        "priors": priors,
        "thresholds": {"major": 0.9, "minor": 0.5},
        "fitted_on": "tune halves: DEMETR id%4==1, Tatoeba 1-250, NTREX even documents, REFreSD even lines",
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(kinds)} kinds)")


if __name__ == "__main__":
    main()
