"""Can a reviewer trust the flags? Issue 9's figures, on the tune and the held-out halves side by side.

Cases come from ``trust_cases`` (the split is written down there), raw flags and evidence from
``trust_run``; each flag is then scored exactly as ``bitext check`` scores it (``bitext.checks.scoring``
with the shipped model file, refitted on the tune halves by ``fit_scorer.py``). Only the held-out column
counts; the tune column shows how much of a figure is fitting.

Printed:
1. correct pairs with a major / a major-or-minor flag (DEMETR per language: the human reference and the
   unperturbed MT; Tatoeba; NTREX professional translations) — targets ≤ 3 % and ≤ 10 %;
2. recall on DEMETR's perturbations (caught as major; as major or minor), per perturbation and language —
   a perturbation counts as caught only by a flag its unperturbed twin does not raise — and on the
   synthetic az-en divergences, including the kinds DEMETR lacks (period, qualifier; "sense" is built on
   DEMETR's MT, target 0 = reported only);
3. the severity promise: precision of major and minor flags per kind, in a population where one pair in five
   diverges (as the model is calibrated) — targets major ≥ 0.9, minor ≥ 0.5 — and a calibration table;
4. REFreSD: ROC AUC of the pair scorer for "no difference" vs "some difference" (target ≥ 0.90; the bare
   cosine beside it);
5. NTREX held-out documents, gold line links: major flags per link (target ≤ 1 in 20) and every major flag
   listed for reading (issue 9: of 50, at least 45 must be real).

Run: ``python benchmarks/bench_trust.py [--list-majors N]``.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_scorer import case_weights, graded, twins
from trust_cases import all_cases
from trust_run import Record, run_cases

from bitext.checks.scoring import AT_LEAST_MINOR, RULE_GRADED, ScoringModel, one_per_signature, scoring_model

SPLITS = ("tune", "held")
# The rules of the opt-in antonym-swap check (``--antonym-swaps``), scored and confirmed.
SWAP_BASES = ("antonym-swap", "swap-confirmed")
RANK = {"major": 2, "minor": 1, "info": 0}
DEMETR_TARGETS = {
    "numbers_replaced": 0.95, "ne_replaced": 0.9, "negation": 0.9, "antonym": 0.8, "addition": 0.8,
    "ne_removed": 0.8, "noun_removed": 0.6, "subj_removed": 0.6, "codemix": 0.95, "sense": 0.0,
    "qualifier": 0.0,
}  # fmt: skip


@dataclass
class Scored:
    kind: str
    severity: str
    confidence: float | None
    real: bool
    excerpt: str
    basis: str = ""
    signature: str = ""


def score(record: Record, model: ScoringModel, clean: dict[tuple[str, str], set[str]]) -> list[Scored]:
    """The record's flags as bitext scores them. A flag is *real* when its pair diverges and the pair's
    unperturbed twin does not raise it too (a flag that fires either way was not caused by the change)."""
    twin = clean.get(record.case.twin, set()) if record.case.twin else set()
    out = []
    for f in record.flags:
        real = record.case.label == 1 and f.signature not in twin
        conf, sev = graded(model, f, record.evidence is not None)
        out.append(Scored(f.kind, sev, conf, real, f.excerpt, f.basis or "", f.signature))
    out = one_per_signature(out)  # as bitext shows them
    if record.evidence is not None:
        p = model.pair.probability(record.evidence)
        if p >= model.minor:
            out.append(
                Scored("meaning", model.severity(p), p, record.case.label == 1 and "meaning" not in twin, "")
            )
    return out


def twin_signatures(records: list[Record], model: ScoringModel) -> dict[tuple[str, str], set[str]]:
    """``fit_scorer.twins`` plus a "meaning" mark where the correct pair itself draws a meaning flag."""
    clean = twins(records)
    for r in records:
        if r.case.label == 0 and r.evidence is not None and model.pair.probability(r.evidence) >= model.minor:
            clean[(r.case.src, r.case.tgt)].add("meaning")
    return clean


def caught(flags: list[Scored], level: int) -> bool:
    """A flag of at least this rank that the change itself caused."""
    return any(f.real and RANK[f.severity] >= level for f in flags)


def worst(flags: list[Scored]) -> int:
    return max((RANK[f.severity] for f in flags), default=-1)


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f} % ({a}/{b})" if b else "    –"


def roc_auc(pos: np.ndarray, neg: np.ndarray) -> float:
    scores = np.concatenate([pos, neg])
    order = scores.argsort().argsort() + 1.0
    # average ranks of ties
    _, inv, counts = np.unique(scores, return_inverse=True, return_counts=True)
    sums = np.zeros(len(counts))
    np.add.at(sums, inv, order)
    ranks = (sums / counts)[inv]
    r_pos = ranks[: len(pos)].sum()
    return float((r_pos - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--list-majors", type=int, default=60, help="NTREX held-out major flags to print")
    args = parser.parse_args()
    model = scoring_model()
    if model is None:
        raise SystemExit("no scoring model shipped: run benchmarks/fit_scorer.py")
    records = run_cases([c for c in all_cases() if c.label is not None])
    clean = twin_signatures(records, model)
    scored = [score(r, model, clean) for r in records]

    def rows(dataset: str, split: str) -> list[tuple[Record, list[Scored]]]:
        return [(r, s) for r, s in zip(records, scored, strict=True)
                if r.case.dataset == dataset and r.case.split == split]  # fmt: skip

    print("== 1. correct pairs with a flag (targets: major ≤ 3 %, major or minor ≤ 10 %)")
    print(
        f"{'set':22s} {'tune: major':>20s} {'major/minor':>20s} | "
        f"{'held-out: major':>20s} {'major/minor':>20s}"
    )
    groups: list[tuple[str, str, str | None]] = [("demetr", "all 10 languages", None)]
    groups += [
        ("demetr", lang, lang)
        for lang in sorted({r.case.group for r in records if r.case.dataset == "demetr"})
    ]
    groups += [("tatoeba", "tatoeba az-en", None), ("ntrex", "ntrex en-az", None)]
    # real translations of another pair, which annotators judged to say the same thing (WikiMatrix)
    groups += [("refresd", "refresd en-fr no diff.", None)]
    for dataset, label, group in groups:
        cells = []
        for split in SPLITS:
            sel = [
                s
                for r, s in rows(dataset, split)
                if r.case.label == 0 and (group is None or r.case.group == group)
            ]
            cells += [
                pct(sum(worst(s) >= 2 for s in sel), len(sel)),
                pct(sum(worst(s) >= 1 for s in sel), len(sel)),
            ]
        print(f"{label:22s} {cells[0]:>20s} {cells[1]:>20s} | {cells[2]:>20s} {cells[3]:>20s}")

    print("\n== 2. DEMETR recall (caught as major | major or minor | any flag); held out beside tune")
    print(
        f"{'perturbation':18s} {'target':>6s} {'tune major':>11s} {'tune any':>9s} {'tune info+':>10s} | "
        f"{'held major':>11s} {'held any':>9s} {'held info+':>10s}  n"
    )
    for kind, target in DEMETR_TARGETS.items():
        cells = []
        n = 0
        for split in SPLITS:
            sel = [s for r, s in rows("demetr", split) if r.case.kind == kind]
            n = len(sel)
            cells += [
                f"{sum(caught(s, 2) for s in sel) / max(n, 1):.3f}",
                f"{sum(caught(s, 1) for s in sel) / max(n, 1):.3f}",
                f"{sum(caught(s, 0) for s in sel) / max(n, 1):.3f}",
            ]
        print(
            f"{kind:18s} {target:6.2f} {cells[0]:>11s} {cells[1]:>9s} {cells[2]:>10s} | "
            f"{cells[3]:>11s} {cells[4]:>9s} {cells[5]:>10s}  {n}"
        )
    twin_of = {(r.case.src, r.case.tgt): {f.signature for f in r.flags} for r in records if r.case.label == 0}
    for split in SPLITS:
        swapped = [r for r, _ in rows("demetr", split) if r.case.kind == "antonym"]
        correct = [r for r, _ in rows("demetr", split) if r.case.label == 0]
        hit = sum(
            any(f.basis in SWAP_BASES and f.signature not in twin_of.get(r.case.twin or ("", ""), set())
                for f in r.flags)
            for r in swapped
        )  # fmt: skip
        false = sum(any(f.basis in SWAP_BASES for f in r.flags) for r in correct)
        confirmed = [s for r, s in rows("demetr", split) if r.case.label == 0]
        false_minor = sum(
            any(f.basis == "swap-confirmed" and RANK[f.severity] >= 1 for f in s) for s in confirmed
        )
        by_default = [
            [f for f in s if f.basis not in SWAP_BASES]
            for r, s in rows("demetr", split) if r.case.kind == "antonym"
        ]  # fmt: skip
        default_recall = sum(caught(s, 1) for s in by_default) / max(len(by_default), 1)
        print(f"antonym swaps ({split}): antonyms with an antonym-swap flag {pct(hit, len(swapped))}, "
              f"correct pairs with one {pct(false, len(correct))}, with a confirmed (minor) one "
              f"{pct(false_minor, len(correct))}; antonyms caught as major or minor without the opt-in "
              f"swap check (--antonym-swaps) {default_recall:.3f}")  # fmt: skip
    print("\nheld-out recall (major or minor) per language:")
    langs = sorted({r.case.group for r in records if r.case.dataset == "demetr"})
    print(f"{'perturbation':18s} " + " ".join(f"{lang:>5s}" for lang in langs))
    for kind in DEMETR_TARGETS:
        cells = []
        for lang in langs:
            sel = [s for r, s in rows("demetr", "held") if r.case.kind == kind and r.case.group == lang]
            cells.append(f"{sum(caught(s, 1) for s in sel) / max(len(sel), 1):5.2f}")
        print(f"{kind:18s} " + " ".join(cells))
    print("\nsynthetic az-en divergences (Tatoeba, NTREX), recall as major or minor:")
    for dataset in ("tatoeba", "ntrex"):
        kinds = sorted({r.case.kind for r in records if r.case.dataset == dataset and r.case.label == 1})
        for kind in kinds:
            cells = []
            for split in SPLITS:
                sel = [s for r, s in rows(dataset, split) if r.case.kind == kind]
                cells.append(f"{sum(caught(s, 1) for s in sel) / max(len(sel), 1):.3f} (n={len(sel)})")
            print(f"  {dataset:8s} {kind:22s} tune {cells[0]:>14s} | held {cells[1]:>14s}")

    print("\n== 3. the severity promise: precision per kind (one pair in five divergent; weighted as fitted)")
    for split in SPLITS:
        sel_records = [(r, s) for r, s in zip(records, scored, strict=True) if r.case.split == split
                       and r.case.dataset != "refresd"]  # fmt: skip
        weights = case_weights([r for r, _ in sel_records])
        acc: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
        bins: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0])
        for (_r, s), w in zip(sel_records, weights, strict=True):
            for f in s:
                keys = [(f.kind, f.severity), ("all", f.severity)]
                # a rule that keeps its own severity, or one never graded below minor: also alone
                if (f.kind, f.basis) in RULE_GRADED | AT_LEAST_MINOR:
                    keys.append((f"{f.kind}/{f.basis}", f.severity))
                for key in keys:
                    a = acc[key]
                    a[0] += w * f.real
                    a[1] += w
                    a[2] += 1
                if f.confidence is not None:
                    b = bins[min(int(f.confidence * 10), 9)]
                    b[0] += w * f.real
                    b[1] += w
        print(f"-- {split}: kind, then precision of major (≥ 0.9) | minor (≥ 0.5) | info, with flag counts")
        for kind in sorted({k for k, _ in acc}):
            cells = []
            for sev in ("major", "minor", "info"):
                a = acc.get((kind, sev))
                cells.append(f"{a[0] / a[1]:.3f} n={a[2]:<5d}" if a and a[1] else f"{'–':>5s} n=0    ")
            print(f"   {kind:12s} " + " | ".join(cells))
        print(
            "   calibration (confidence bin: share real): "
            + "  ".join(f"{k / 10:.1f}:{b[0] / b[1]:.2f}" for k, b in sorted(bins.items()) if b[1])
        )

    print("\n== 4. REFreSD en-fr, ROC AUC for no difference vs some difference (target ≥ 0.90)")
    for split in SPLITS:
        sel = [r for r, _ in rows("refresd", split) if r.case.kind != "unrelated" and r.evidence is not None]
        probs = np.array([model.pair.probability(r.evidence or []) for r in sel])
        cos = np.array([(r.evidence or [0.0])[0] for r in sel])
        lab = np.array([r.case.label == 1 for r in sel])
        print(f"   {split}: pair scorer {roc_auc(probs[lab], probs[~lab]):.3f}   bare cosine "
              f"{roc_auc(-cos[lab], -cos[~lab]):.3f}   (n={len(sel)})")  # fmt: skip

    print("\n== 5. NTREX en-az professional translations, gold line links (target ≤ 1 major per 20 links)")
    for split in SPLITS:
        sel = [(r, s) for r, s in rows("ntrex", split) if r.case.label == 0]
        majors = [(r, f) for r, s in sel for f in s if f.severity == "major"]
        docs = {r.case.group for r, _ in sel}
        print(f"   {split}: {len(majors)} major flags on {len(sel)} links of {len(docs)} documents "
              f"= 1 per {len(sel) / max(len(majors), 1):.0f} links")  # fmt: skip
    held_majors = [
        (r, f) for r, s in rows("ntrex", "held") if r.case.label == 0 for f in s if f.severity == "major"
    ]
    for r, f in held_majors[: args.list_majors]:
        print(
            f"   [{f.kind} {f.confidence:.2f}] {f.excerpt!r}\n      EN: {r.case.src}\n      AZ: {r.case.tgt}"
        )


if __name__ == "__main__":
    main()
