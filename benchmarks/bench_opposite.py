"""How often `opposite` fires on correct pairs, and how often it catches a planted reversal.

Correct pairs: the 500 Azerbaijani-English Tatoeba pairs (../shared/eval/tatoeba-az-en). Perturbed copies
(fixed seed): a contrast word swapped for its opposite on one side, a negation added or dropped on one
side, and a direction phrase prepended with the opposite direction on the other side (plus the same
direction as a control that must stay quiet). Run: ``python benchmarks/bench_opposite.py [--model]``.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bitext.checks.base import PairContext
from bitext.checks.opposite import opposite
from bitext.model import Flag, Link

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "tatoeba-az-en"
SEED = 13

# Perturbation tables (test data for the benchmark, not used by the check).
EN_SWAP = {
    "east": "west", "eastern": "western", "north": "south", "northern": "southern", "before": "after",
    "more": "less", "first": "last", "big": "small", "bigger": "smaller", "new": "old", "win": "lose",
    "won": "lost", "love": "hate", "early": "late", "rich": "poor", "high": "low", "same": "different",
    "true": "false", "accept": "refuse", "agree": "disagree", "friend": "enemy", "young": "old",
    "increase": "decrease", "possible": "impossible", "large": "small", "started": "finished",
}
EN_SWAP |= {v: k for k, v in list(EN_SWAP.items()) if v not in ("old", "small", "last")}
AZ_SWAP = {
    "şərq": "qərb", "qərb": "şərq", "şimal": "cənub", "cənub": "şimal", "əvvəl": "sonra", "sonra": "əvvəl",
    "ilk": "son", "böyük": "kiçik", "kiçik": "böyük", "yeni": "köhnə", "köhnə": "yeni", "gənc": "qoca",
    "zəngin": "kasıb", "kasıb": "zəngin", "dost": "düşmən", "sev": "nifrət ed", "erkən": "gec",
}
AUX = r"\b(is|are|was|were|can|will|could|would|should|has|have|had|must)\b"
EN_DROP = [(r"\bcan't\b", "can"), (r"\bcannot\b", "can"), (r"\bwon't\b", "will"), (r"\b(\w+)n't\b", r"\1"),
           (r"\s+not\b", ""), (r"\bnever\b", "always"), (r"\bnobody\b", "everybody"),
           (r"\bnothing\b", "everything")]
AZ_DROP = [(r"(\w{2,})m[aə](d[ıi]\w*|mış\w*|miş\w*)", r"\1\2"),
           (r"(\w{2,}[aəıioöuüe])m[aə]y(acaq\w*|əcək\w*|ıb\w*|ib\w*)", r"\1y\2"),
           (r"(\w{2,}[^aəıioöuüe\W])m[aə]y(acaq\w*|əcək\w*|ıb\w*|ib\w*)", r"\1\2"),
           (r"(\w{2,}[aəıioöuüe])m(ı|i|u|ü)r(\w*)", r"\1y\2r\3"),
           (r"(\w{2,})m(ı|i|u|ü)r(\w*)", r"\1\2r\3"), (r"\s*\bdeyil\w*", ""), (r"\byoxdur\b", "var")]
AZ_ADD = [(r"(\w{2,}?)(d[ıi])(\W*)$", r"\1ma\2\3"), (r"(\w{2,}?)(d[uü])(\W*)$", r"\1mə\2\3"),
          (r"(\w{2,})(ir|ır)(\w*)(\W*)$", r"\1m\2\3\4")]


def _fix_harmony(word: str) -> str:
    # Planted "-ma" must follow the verb's vowel harmony (front vowels take "-mə").
    return re.sub(r"([eəiöü][^aəıioöuüe]*)ma", r"\1mə", word)


def _shared_concept(src: str, tgt: str) -> bool:
    """Does the perturbed word's concept appear on both sides (so a word-level check can see it)?"""
    from bitext.checks.contrasts import contrast_hits, load_lexicon

    en_lex, az_lex = load_lexicon("en"), load_lexicon("az")
    assert en_lex is not None and az_lex is not None
    a = {h.sense.concept for h in contrast_hits(en_lex, en_lex.tokens(src))}
    b = {h.sense.concept for h in contrast_hits(az_lex, az_lex.tokens(tgt))}
    return bool(a & b)


def run(src: str, tgt: str, encoder: object | None) -> list[Flag]:
    ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, "en", "az", "translation", encoder)  # type: ignore[arg-type]
    return [f for f in opposite(ctx) if f.kind == "opposite"]


def _sub_first(patterns: list[tuple[str, str]], text: str) -> str | None:
    for pat, rep in patterns:
        new, n = re.subn(pat, rep, text, count=1, flags=re.IGNORECASE)
        if n and new != text:
            return new
    return None


def perturbations(en: list[str], az: list[str]) -> dict[str, list[tuple[str, str]]]:
    rng = random.Random(SEED)
    out: dict[str, list[tuple[str, str]]] = {k: [] for k in (
        "swap-en", "swap-az", "negation-add-en", "negation-drop-en", "negation-add-az", "negation-drop-az",
        "direction-inject", "control-same-direction")}
    dirs = [("north", "Şimal", "Cənub"), ("south", "Cənub", "Şimal"), ("east", "Şərq", "Qərb"),
            ("west", "Qərb", "Şərq")]
    for s, t in zip(en, az, strict=True):
        words = re.findall(r"\w+", s)
        cands = [w for w in words if w.lower() in EN_SWAP]
        if cands:
            w = rng.choice(cands)
            out["swap-en"].append((re.sub(rf"\b{w}\b", EN_SWAP[w.lower()], s, count=1), t))
        for w in re.findall(r"\w+", t):
            stem = next((k for k in AZ_SWAP if w.lower().startswith(k)), None)
            if stem:
                new_w = AZ_SWAP[stem] + w[len(stem):]
                out["swap-az"].append((s, t.replace(w, new_w, 1)))
                break
        has_neg = re.search(r"n't\b|\bnot\b|\bnever\b|\bno\b|\bnothing\b|\bnobody\b|\bcannot\b", s, re.I)
        if has_neg:
            new = _sub_first(EN_DROP, s)
            if new:
                out["negation-drop-en"].append((new, t))
            new_t = _sub_first(AZ_DROP, t)
            if new_t:
                out["negation-drop-az"].append((s, new_t))
        else:
            new, n = re.subn(AUX, r"\1 not", s, count=1, flags=re.IGNORECASE)
            if n:
                out["negation-add-en"].append((new, t))
            new_t = _sub_first(AZ_ADD, t)
            if new_t:
                out["negation-add-az"].append((s, " ".join(_fix_harmony(x) for x in new_t.split(" "))))
        en_dir, az_same, az_opp = rng.choice(dirs)
        lead = t[:1].lower() + t[1:]
        head = f"In the {en_dir}, {s[:1].lower()}{s[1:]}"
        out["direction-inject"].append((head, f"{az_opp}da {lead}"))
        out["control-same-direction"].append((head, f"{az_same}da {lead}"))
    return out


def measure(encoder: object | None, show: Callable[[str], None]) -> None:
    en = EVAL.joinpath("dev.en").read_text(encoding="utf-8").splitlines()
    az = EVAL.joinpath("dev.az").read_text(encoding="utf-8").splitlines()
    t0 = time.perf_counter()
    fired = [(s, t, run(s, t, encoder)) for s, t in zip(en, az, strict=True)]
    per_pair = (time.perf_counter() - t0) / len(en)
    bad = [(s, t, f) for s, t, f in fired if f]
    major = sum(1 for *_x, f in bad if any(x.severity == "major" for x in f))
    show(f"false alarms on {len(en)} correct pairs: {len(bad)} ({100 * len(bad) / len(en):.1f} %), "
         f"major {major}; {1000 * per_pair:.1f} ms/pair")
    for s, t, f in bad:
        show(f"    FA: {s} | {t} -> {[(x.source_excerpt, x.target_excerpt) for x in f]}")
    for name, pairs in perturbations(en, az).items():
        t0 = time.perf_counter()
        hits = [bool(run(s, t, encoder)) for s, t in pairs]
        ms = 1000 * (time.perf_counter() - t0) / max(1, len(pairs))
        rate = sum(hits) / max(1, len(hits))
        label = "false-alarm rate" if name.startswith("control") else "recall"
        show(f"{name:24s} n={len(pairs):4d} {label} {rate:.3f} ({ms:.1f} ms/pair)")
        if name.startswith("swap"):
            both = [h for (s, t), h in zip(pairs, hits, strict=True) if _shared_concept(s, t)]
            both_rate = sum(both) / max(1, len(both))
            show(f"{'  concept on both sides':24s} n={len(both):4d} recall {both_rate:.3f}")
        if "--verbose" in sys.argv:
            for (s, t), h in zip(pairs, hits, strict=True):
                if h == name.startswith("control"):
                    show(f"    {'FA' if h else 'MISS'}: {s} | {t}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", action="store_true", help="use word alignment from the encoder")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    encoder = None
    if args.model:
        from _wordvec import load_word_encoder

        encoder = load_word_encoder()
    print(f"opposite check, {'with' if encoder else 'without'} encoder")
    measure(encoder, print)


if __name__ == "__main__":
    main()
