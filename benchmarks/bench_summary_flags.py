"""Flags on summary links (issue 9, item 4): does a correct summary sentence stay quiet, and is a wrong one
caught? Three ways of grading are shown side by side: every flag keeping its rule's severity (what summary
mode gave before), every flag graded by the translation-fitted scorer's confidence, and what bitext does
(``checks.score_summary_flags``: the kinds whose rule severity breaks the promise on the tune documents
graded, the others keeping their rule's severity).

The summaries are those of ``bench_summary.py`` (``synthetic_summaries.build_news_sets``): NTREX news
documents, each summed up by about a third of its translated sentences, half of them merged in twos and
threes; both directions. A gold link (its body sentences joined, against the summary sentence) is a correct
summary pair. Divergent ones are made from the English-body, Azerbaijani-summary links the same way as for
translations (``trust_cases``): a number, a name or a contrast word changed, a negation added or dropped in
the summary, or a clause of another document added to it. A flag counts for a divergent pair only when the
unchanged pair does not raise it. Documents are split as in ``bench_summary.py`` (even: tune, odd: held out).

Run: ``.venv/bin/python benchmarks/bench_summary_flags.py``
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_checks import name_perturbations, number_perturbations
from bench_opposite import perturbations
from synthetic_summaries import build_news_sets
from trust_run import raw_flags

from bitext.checks import _summary_view, score_summary_flags
from bitext.checks.base import PairContext
from bitext.checks.evidence import pair_evidence
from bitext.checks.scoring import score_flags, scoring_model
from bitext.encoder import Encoder
from bitext.model import Flag, Link

PARTS = ("tune", "held-out")
RANK = {"info": 0, "minor": 1, "major": 2}
SEED = 29


@dataclass(frozen=True)
class Pair:
    src: str
    tgt: str
    sl: str
    tl: str
    kind: str  # "correct" or the change made
    twin: tuple[str, str] | None = None
    document: str = ""  # the whole body, which a summary link's checks may look up (``source_document``)


def pairs(part: str) -> list[Pair]:
    rng = random.Random(SEED)
    correct: list[Pair] = []
    en_az: list[tuple[str, str]] = []
    documents: dict[str, str] = {}
    for s in build_news_sets(part):
        sl, tl = ("en", "az") if s.direction == "en>az" else ("az", "en")
        body = " ".join(s.body)
        for body_ids, (j,) in s.gold:
            src = " ".join(s.body[i] for i in sorted(body_ids))
            correct.append(Pair(src, s.summary[j], sl, tl, "correct", document=body))
            if s.direction == "en>az":
                en_az.append((src, s.summary[j]))
                documents[src] = body
    originals = dict(en_az)
    changed: list[Pair] = []

    def add(kind: str, src: str, tgt: str) -> None:
        if src in originals and originals[src] != tgt:
            changed.append(Pair(src, tgt, "en", "az", kind, (src, originals[src]), documents[src]))

    for src, tgt in number_perturbations(en_az, rng):
        add("number", src, tgt)
    for (src, tgt), _mid in name_perturbations(en_az, rng):
        add("name", src, tgt)
    made = perturbations([p[0] for p in en_az], [p[1] for p in en_az])
    for kind in ("swap-az", "negation-add-az", "negation-drop-az"):
        for src, tgt in made[kind]:
            add(kind, src, tgt)
    donors = [t for _, t in en_az if 25 <= len(t) <= 90]
    for src, tgt in rng.sample(en_az, min(len(en_az), 60)):
        donor = rng.choice(donors)
        if donor != tgt:
            add("addition", src, tgt.rstrip(" .!?") + " və " + donor[:1].lower() + donor[1:])
    return correct + changed


POLICIES = {
    "every rule's own severity (before)": "rule",
    "graded by confidence, every kind": "graded",
    "as bitext grades summary links (score_summary_flags)": "bitext",
}


def flags_of(p: Pair, encoder: Encoder, policy: str) -> list[Flag]:
    ctx = PairContext(
        Link(0, (0,), (0,), 1.0), p.src, p.tgt, p.sl, p.tl, "summary", encoder, source_document=p.document
    )
    evidence = pair_evidence(ctx)
    flags = raw_flags(replace(ctx, evidence=evidence))
    if policy == "bitext":
        return score_summary_flags(flags, evidence, scoring_model())
    return score_flags(flags, _summary_view(evidence), scoring_model(), grade=policy == "graded")


PREVALENCE = 0.2  # the share of divergent pairs confidences are calibrated for (scoring's model file)


def precision(cases: list[Pair], results: dict[tuple[str, str], list[Flag]]) -> dict[str, list[str]]:
    """Per flag kind and severity: the share of flags that are real, with changed pairs weighted to make
    ``PREVALENCE`` of all pairs (a flag on a changed pair is real when its unchanged twin lacks it)."""
    n_correct = sum(p.kind == "correct" for p in cases)
    n_changed = len(cases) - n_correct
    weight = PREVALENCE / (1 - PREVALENCE) * n_correct / max(n_changed, 1)
    real: Counter[tuple[str, str]] = Counter()
    false: Counter[tuple[str, str]] = Counter()
    for p in cases:
        twin = {f.signature for f in results.get(p.twin, [])} if p.twin else set()
        for f in results[(p.src, p.tgt)]:
            kind = _rule(f)
            if p.kind == "correct":
                false[(kind, f.severity)] += 1
            elif f.signature not in twin:
                real[(kind, f.severity)] += weight
    out: dict[str, list[str]] = {}
    for kind in sorted({k for k, _ in real | false}):
        cells = []
        for sev in ("major", "minor"):
            r, w = real[(kind, sev)], false[(kind, sev)]
            cells.append(f"{r / (r + w):.2f} (false {w})" if r + w else "–")
        out[kind] = cells
    return out


def _rule(flag: Flag) -> str:
    """The kind, and for ``opposite`` the rule that raised it, whose summary ceilings differ
    (``checks.SUMMARY_CEILING``)."""
    return f"{flag.kind}/{flag.basis}" if flag.kind == "opposite" and flag.basis else flag.kind


def worst(flags: list[Flag], twin: set[str] | None = None) -> int:
    return max((RANK[f.severity] for f in flags if twin is None or f.signature not in twin), default=-1)


def main() -> None:
    from bitext.encoder import load_encoder

    encoder = load_encoder()
    for part in PARTS:
        cases = pairs(part)
        texts = sorted({t for p in cases for t in (p.src, p.tgt)}, key=len)
        encoder.encode(texts)
        encoder.word_vectors_many(texts)
        print(f"\n== {part} documents: {sum(p.kind == 'correct' for p in cases)} correct summary links, "
              f"{sum(p.kind != 'correct' for p in cases)} changed")  # fmt: skip
        for label, policy in POLICIES.items():
            results = {(p.src, p.tgt): flags_of(p, encoder, policy) for p in cases}
            correct = [results[(p.src, p.tgt)] for p in cases if p.kind == "correct"]
            major = sum(worst(f) >= 2 for f in correct)
            either = sum(worst(f) >= 1 for f in correct)
            n = len(correct)
            kinds = Counter(f"{f.kind}/{f.severity}" for fl in correct for f in fl if f.severity != "info")
            common = ", ".join(f"{k} {v}" for k, v in kinds.most_common(6))
            print(f"  {label}: correct links with a major flag {100 * major / n:.1f} %, major or minor "
                  f"{100 * either / n:.1f} %  ({common})")  # fmt: skip
            caught: Counter[str] = Counter()
            total: Counter[str] = Counter()
            for p in cases:
                if p.kind == "correct" or p.twin is None:
                    continue
                twin = {f.signature for f in results.get(p.twin, [])}
                total[p.kind] += 1
                caught[p.kind] += worst(results[(p.src, p.tgt)], twin) >= 1
            shares = ", ".join(f"{k} {caught[k] / total[k]:.2f} (n={total[k]})" for k in sorted(total))
            print(f"    changed summary sentences caught at major or minor: {shares}")
            print(f"    precision per kind, major | minor (one pair in {round(1 / PREVALENCE)} changed):")
            for kind, cells in precision(cases, results).items():
                print(f"      {kind:22s} " + " | ".join(cells))


if __name__ == "__main__":
    main()
