"""How the sentence-level flags separate REFreSD's labels (English-French), as a reference point.

REFreSD (Briakou & Carpuat 2020, ../shared/eval/refresd-en-fr) holds 1,039 English-French sentence
pairs, each labelled "no meaning difference", "some meaning difference" or "unrelated". bitext was not
built or tuned for it: the checks were written for English and Azerbaijani, and the French data they
have is thin (see the coverage lines printed first). The figures say how far the flags carry over.

All pairs go into one alignment of 1-1 links (line i <-> line i) and the public runner
(``bitext.checks.run_checks``) checks it with the shipped encoder, exactly as ``bitext check`` would.
Each link is checked on its own; only ``meaning`` looks at the other links (the set's own score
distribution stands in for a document's). There is no aligner choice to measure a link's confidence
against, so the link score is, by default, the cosine's margin over chance as the translation aligner
computes it: cos(en, fr) minus the mean of each side's average cosine with 64 random sentences of the
other side (``--score cosine``: the raw cosine, which never falls below the meaning check's floor of
0.75 with this encoder, so that check stays silent).

Printed per label: share of pairs with any flag, with a major flag, with a major or minor flag, mean
number of flags, share of pairs flagged by each kind; then ROC AUC (0.5 = chance, 1 = perfect) of the
number of major+minor flags, of the cosine and of its margin, for "no difference" against "some
difference" and against "unrelated".

The dataset is tokenised ("l' activité ,"); a light detokeniser undoes that first (``--raw`` keeps it).
Sentence vectors are cached on disk by the encoder. Word vectors (the encoder keeps them in memory only)
take most of the time of a first run, several minutes on 2 busy cores, so this script keeps them on disk
too (under the bitext cache, ``bench/``); a re-run then takes well under a minute. The flags do not
depend on the cache: ``--no-word-cache`` recomputes everything.

Run: .venv/bin/python benchmarks/bench_refresd.py [--limit N] [--raw] [--no-encoder] [--no-word-cache]
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import re
import time
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from bitext.checks import registered_checks, run_checks
from bitext.model import Alignment, Link, Sentence, Side, Signature

DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "refresd-en-fr" / "REFreSD_rationale"
LABELS = ("no_meaning_difference", "some_meaning_difference", "unrelated")
SHORT = {"no_meaning_difference": "no diff", "some_meaning_difference": "some diff", "unrelated": "unrelated"}
# Where each check's language knowledge lives (data/<folder>/<file>); "-" = no language data at all.
LANGUAGE_DATA = {
    "opposite": "contrasts/{lang}.json",
    "addition": "contrasts/stopwords/{lang}.txt",
    "omission": "contrasts/stopwords/{lang}.txt",
    "number": "numbers/{lang}.json",
    "date": "numbers/{lang}.json",
    "name": "names/common.json[{lang}]",
    "language": "lingua + scripts/confusables.json",
    "terminology": "- (user glossary)",
    "meaning": "- (link scores only)",
}


@dataclass(frozen=True)
class Pair:
    label: str
    en: str
    fr: str


def detokenize(text: str) -> str:
    """Undo the dataset's tokenisation enough for checks written for running text."""
    text = re.sub(r" ([,.;:!?)\]%])", r"\1", text)
    text = re.sub(r"([(\[]) ", r"\1", text)
    text = re.sub(r"(\w['’]) (?=\w)", r"\1", text)  # French elision: "l' activité" -> "l'activité"
    text = re.sub(r" (['’]s|n't)\b", r"\1", text)  # English clitics: "it 's" -> "it's"
    return text


def load(raw: bool) -> list[Pair]:
    pairs = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        en, fr = (cols[2], cols[3]) if raw else (detokenize(cols[2]), detokenize(cols[3]))
        pairs.append(Pair(cols[1], en, fr))
    return pairs


def build_alignment(pairs: list[Pair], scores: np.ndarray) -> Alignment:
    def side(lang: str, texts: list[str]) -> Side:
        sentences, offset = [], 0
        for i, text in enumerate(texts):
            sentences.append(Sentence(i, text, offset, offset + len(text)))
            offset += len(text) + 1
        return Side(lang, str(DATA), tuple(sentences))

    links = tuple(Link(i, (i,), (i,), float(scores[i])) for i in range(len(pairs)))
    signature = Signature(bitext="bench", model="", segmenter="presegmented", mode="translation")
    return Alignment(side("en", [p.en for p in pairs]), side("fr", [p.fr for p in pairs]), links, signature)


def chance(a: np.ndarray, b: np.ndarray, samples: int = 64, seed: int = 0) -> np.ndarray:
    """Each row of ``a``'s mean cosine with a fixed random sample of ``b``'s rows (what chance scores)."""
    idx = np.random.default_rng(seed).choice(len(b), size=min(samples, len(b)), replace=False)
    mean: np.ndarray = (a @ b[idx].T).mean(axis=1)
    return mean


def roc_auc(positive: np.ndarray, negative: np.ndarray) -> float:
    """P(a positive scores above a negative), ties counted half (the Mann-Whitney U statistic)."""
    if not len(positive) or not len(negative):
        return float("nan")
    both = np.concatenate([positive, negative]).astype(float)
    order = both.argsort(kind="mergesort")
    ranks = np.empty(len(both))
    ranks[order] = np.arange(1, len(both) + 1)
    for value in np.unique(both):  # average ranks over ties
        tied = both == value
        ranks[tied] = ranks[tied].mean()
    u = ranks[: len(positive)].sum() - len(positive) * (len(positive) + 1) / 2
    return float(u / (len(positive) * len(negative)))


def coverage(lang: str) -> list[str]:
    data = resources.files("bitext").joinpath("data")
    lines = []
    for kind in registered_checks():
        where = LANGUAGE_DATA.get(kind, "?")
        if where.startswith(("-", "lingua")):
            lines.append(f"  {kind:12} language-independent ({where.lstrip('- ')})")
            continue
        path, _, key = where.format(lang=lang).partition("[")
        present = data.joinpath(path).is_file()
        if present and key:
            import json

            present = key.rstrip("]") in json.loads(data.joinpath(path).read_text(encoding="utf-8"))
        lines.append(f"  {kind:12} data/{where.format(lang=lang):32} {'present' if present else 'MISSING'}")
    return lines


def _word_cache_path(encoder: Any) -> Path:
    from bitext.encoder import cache_dir

    key = str(getattr(encoder._cache, "model_key", encoder.name))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
    return Path(cache_dir()) / "bench" / f"refresd-wordvectors-{digest}.pickle"


def load_word_memo(encoder: Any) -> int:
    """Fill the encoder's in-memory word-vector memo from this benchmark's disk copy."""
    path = _word_cache_path(encoder)
    if not path.is_file():
        return 0
    try:
        memo = pickle.loads(path.read_bytes())
    except Exception:  # a stale or broken copy only costs time
        return 0
    encoder._word_memo.update(memo)
    return len(memo)


def save_word_memo(encoder: Any) -> None:
    path = _word_cache_path(encoder)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(pickle.dumps(dict(encoder._word_memo), protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="an evenly spaced sample of N pairs (quick look)")
    ap.add_argument("--raw", action="store_true", help="keep the dataset's tokenisation")
    ap.add_argument("--no-encoder", action="store_true", help="lexicon-only checks (no word alignment)")
    ap.add_argument("--score", choices=("margin", "cosine"), default="margin", help="link score (see above)")
    ap.add_argument("--no-word-cache", action="store_true", help="do not keep word vectors on disk")
    args = ap.parse_args()

    pairs = load(args.raw)
    if args.limit and args.limit < len(pairs):
        # the file is sorted by label: take an evenly spaced sample so every label is in it
        pairs = [pairs[i] for i in np.linspace(0, len(pairs) - 1, args.limit).round().astype(int)]
    print(
        f"REFreSD en-fr: {len(pairs)} pairs, "
        + ", ".join(f"{SHORT[lab]} {sum(p.label == lab for p in pairs)}" for lab in LABELS)
    )
    print("language data per check (for en, fr):")
    for en_line, fr_line in zip(coverage("en"), coverage("fr"), strict=True):
        print(fr_line if en_line == fr_line else f"{fr_line}  (en: {en_line.split()[-1]})")

    from bitext.encoder import load_encoder

    t0 = time.perf_counter()
    encoder = load_encoder()
    en_vec = encoder.encode([p.en for p in pairs])
    fr_vec = encoder.encode([p.fr for p in pairs])
    cosine = np.einsum("ij,ij->i", en_vec, fr_vec)
    margin = cosine - (chance(en_vec, fr_vec) + chance(fr_vec, en_vec)) / 2
    cached = 0 if args.no_word_cache else load_word_memo(encoder)
    known = len(encoder._word_memo)
    t1 = time.perf_counter()
    alignment = run_checks(
        build_alignment(pairs, margin if args.score == "margin" else cosine),
        encoder=None if args.no_encoder else encoder,
    )
    t2 = time.perf_counter()
    if not args.no_word_cache and len(encoder._word_memo) > known:
        save_word_memo(encoder)
    print(f"link score: {args.score}")
    print(
        f"time: load + sentence vectors {t1 - t0:.1f} s, checks {t2 - t1:.1f} s"
        f" ({cached} word-vector sets from the disk cache)"
    )

    labels = np.array([p.label for p in pairs])
    flags = [link.flags for link in alignment.links]
    n_all = np.array([len(f) for f in flags])
    n_major = np.array([sum(x.severity == "major" for x in f) for f in flags])
    n_serious = np.array([sum(x.severity in ("major", "minor") for x in f) for f in flags])
    n_meaning = np.array([sum(x.kind == "meaning" and x.severity != "info" for x in f) for f in flags])
    kinds = sorted({x.kind for f in flags for x in f} | set(registered_checks()))

    width = 13
    head = "".join(f"{SHORT[lab]:>{width}}" for lab in LABELS)
    print(f"\n{'per label':34}{head}")

    def row(name: str, values: dict[str, str]) -> None:
        print(f"{name:34}" + "".join(f"{values[lab]:>{width}}" for lab in LABELS))

    def share(mask: np.ndarray) -> dict[str, str]:
        return {lab: f"{mask[labels == lab].mean():.3f}" for lab in LABELS}

    row("pairs", {lab: str(int((labels == lab).sum())) for lab in LABELS})
    row("  any flag", share(n_all > 0))
    row("  a major flag", share(n_major > 0))
    row("  a major or minor flag", share(n_serious > 0))
    row("  mean flags per pair", {lab: f"{n_all[labels == lab].mean():.2f}" for lab in LABELS})
    row("  mean major+minor flags", {lab: f"{n_serious[labels == lab].mean():.2f}" for lab in LABELS})
    row("  median cosine", {lab: f"{np.median(cosine[labels == lab]):.3f}" for lab in LABELS})
    row("  median margin over chance", {lab: f"{np.median(margin[labels == lab]):.3f}" for lab in LABELS})
    print("share of pairs flagged, by kind (any severity; major+minor in brackets)")
    for kind in kinds:
        any_kind = np.array([any(x.kind == kind for x in f) for f in flags])
        serious = np.array([any(x.kind == kind and x.severity != "info" for x in f) for f in flags])
        row(
            f"  {kind}",
            {
                lab: f"{any_kind[labels == lab].mean():.2f} ({serious[labels == lab].mean():.2f})"
                for lab in LABELS
            },
        )

    print("\nROC AUC, 'no difference' (negative) against ...      some diff  unrelated")
    figures = {
        "number of major+minor flags": n_serious,
        "number of flags (any severity)": n_all,
        "major+minor flags, meaning check left out": n_serious - n_meaning,
        "lower cosine": -cosine,
        "lower margin over chance": -margin,
    }
    for kind in ("addition", "omission", "meaning"):
        figures[f"any {kind} flag"] = np.array([any(x.kind == kind for x in f) for f in flags]).astype(float)
    no = labels == LABELS[0]
    for name, values in figures.items():
        aucs = [roc_auc(values[labels == lab], values[no]) for lab in LABELS[1:]]
        print(f"  {name:50} {aucs[0]:9.3f} {aucs[1]:10.3f}")
    divergent = labels != LABELS[0]
    print(
        f"  (all divergent vs no difference: flags {roc_auc(n_serious[divergent], n_serious[no]):.3f}, "
        f"cosine {roc_auc(-cosine[divergent], -cosine[no]):.3f}, "
        f"margin {roc_auc(-margin[divergent], -margin[no]):.3f})"
    )
    top = Counter(x.kind for f in flags for x in f)
    print("flags in all: " + ", ".join(f"{k} {n}" for k, n in top.most_common()))


if __name__ == "__main__":
    main()
