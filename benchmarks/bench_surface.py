"""Changes of form that keep the meaning: does bitext leave them alone (issue 9, as a user meets them)?

DEMETR's "minor" perturbations change how a translation is written, not what it says: a translation set all
in lower case, its first letter lowered, a word repeated, a letter dropped, a misspelling, punctuation added
or removed, tokenised text ("don 't"), a swapped or dropped function word. A reviewer meets all of these in
real files (a lower-cased MT output, an OCR page, a tokenised corpus). None is a divergence of meaning, so
a flag on one should not be major: the target is the one for correct pairs (at most 3 % with a major
flag). A repeated number ("100 100") is a typo worth a look, so a minor flag is not counted against it.

For each perturbation: the share of pairs with a major (or a major or minor) flag that the unperturbed MT
does not raise, on the tune half and the held-out half of DEMETR (the split of ``trust_cases``: item
``id % 4 == 1`` tune). Rules were written looking at the tune half only.

Run: ``.venv/bin/python benchmarks/bench_surface.py [--examples N]``
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_trust import RANK, SPLITS, pct
from fit_scorer import graded
from trust_cases import demetr
from trust_run import run_cases

from bitext.checks.scoring import scoring_model

SURFACE = (
    "full_lower", "first_lower", "case", "repeat2", "repeat4", "misspelled", "char_removed",
    "final_punc_removed", "punc_addition", "tokenized", "word_swap", "function_word", "pos_shift",
    "conj_removed",
)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--examples", type=int, default=3, help="held-out major flags to print per perturbation"
    )
    args = parser.parse_args()
    model = scoring_model()
    if model is None:
        raise SystemExit("no scoring model shipped: run benchmarks/fit_scorer.py")
    cases = [c for c in demetr(kinds=SURFACE) if c.label is None or c.kind == "mt"]
    records = run_cases(cases)
    twins = {(r.case.src, r.case.tgt): {f.signature for f in r.flags} for r in records if r.case.kind == "mt"}
    print("== changes of form that keep the meaning (DEMETR minor perturbations)")
    print("   pairs with a flag the unperturbed MT does not raise; target as for correct pairs: major ≤ 3 %")
    head = f"{'tune: major':>20s} {'major/minor':>20s} | {'held: major':>20s} {'major/minor':>20s}"
    print(f"{'perturbation':20s} {head}")
    examples: dict[str, list[str]] = {}
    totals = {split: [0, 0, 0] for split in SPLITS}
    for kind in SURFACE:
        cells = []
        for split in SPLITS:
            sel = [r for r in records if r.case.kind == kind and r.case.split == split]
            worst = []
            for r in sel:
                twin = twins.get(r.case.twin or ("", ""), set())
                ranks = [-1]
                for f in r.flags:
                    if f.signature in twin:
                        continue
                    _, severity = graded(model, f, r.evidence is not None)
                    ranks.append(RANK[severity])
                    if severity == "major" and split == "held":
                        examples.setdefault(kind, []).append(
                            f"[{f.kind}] {f.excerpt!r} in: {r.case.tgt[:100]}"
                        )
                worst.append(max(ranks))
            major, either = sum(w >= 2 for w in worst), sum(w >= 1 for w in worst)
            totals[split][0] += major
            totals[split][1] += either
            totals[split][2] += len(sel)
            cells += [pct(major, len(sel)), pct(either, len(sel))]
        print(f"{kind:20s} {cells[0]:>20s} {cells[1]:>20s} | {cells[2]:>20s} {cells[3]:>20s}")
    cells = [pct(t[k], t[2]) for t in totals.values() for k in (0, 1)]
    print(f"{'all':20s} {cells[0]:>20s} {cells[1]:>20s} | {cells[2]:>20s} {cells[3]:>20s}")
    if args.examples:
        print("\nheld-out major flags:")
        for kind, lines in examples.items():
            for line in lines[: args.examples]:
                print(f"  {kind:18s} {line}")


if __name__ == "__main__":
    main()
