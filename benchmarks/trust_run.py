"""Run bitext's checks and the encoder's evidence over the labelled cases of ``trust_cases``.

For every case: each registered check's raw flags (before scoring: ``run_checks(..., score=False)``
semantics, i.e. the rule's own severity) and the pair's evidence features, plus, per flag, the support of
its spans. The fitted scorer (``benchmarks/fit_scorer.py``) and the trust benchmark
(``benchmarks/bench_trust.py``) both read these records; they are cached on disk (under the bitext cache,
``bench/``), keyed by the cases' texts, the checks' code and their language data, so a re-run is quick.

Run directly to fill the cache: ``python benchmarks/trust_run.py [datasets...]``.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from trust_cases import Case, all_cases

from bitext.checks import registered_checks
from bitext.checks.base import PairContext
from bitext.checks.evidence import FEATURES, pair_evidence
from bitext.checks.opposite import swap_texts
from bitext.checks.scoring import flag_features
from bitext.checks.unrendered import leave_out_texts
from bitext.model import Flag, Link

RAW_KINDS_SKIP = ("meaning",)
CHUNK = 256  # the scorer's own flag: not an input to it


@dataclass
class FlagRecord:
    kind: str
    severity: str
    signature: str
    features: list[float]  # the shared ones (evidence + span); the basis indicators are added per model
    excerpt: str
    basis: str = ""


@dataclass
class Record:
    case: Case
    evidence: list[float] | None
    flags: list[FlagRecord]


def _cache_file(cases: list[Case], encoder_name: str) -> Path:
    from bitext.encoder import cache_dir

    h = hashlib.sha1()
    h.update(encoder_name.encode())
    h.update("|".join(FEATURES).encode())
    # the checks and their language data: a change there is a change of the raw flags
    pkg = Path(__file__).resolve().parents[1] / "src" / "bitext"
    for path in sorted([*pkg.joinpath("checks").rglob("*.py"), *pkg.joinpath("data").rglob("*")]):
        if path.is_file() and "scoring" not in path.parts:
            h.update(path.read_bytes())
    for c in cases:
        h.update(f"{c.src_lang}\x1f{c.tgt_lang}\x1f{c.src}\x1f{c.tgt}\x1e".encode())
    folder = cache_dir() / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"trust-{h.hexdigest()[:16]}.pkl"


def raw_flags(ctx: PairContext) -> list[Flag]:
    out: list[Flag] = []
    for kind, info in registered_checks().items():
        if kind in RAW_KINDS_SKIP or (info.needs_encoder and ctx.encoder is None):
            continue
        out.extend(info.fn(ctx))
    return out


def run_cases(cases: list[Case], *, fresh: bool = False, progress: bool = True) -> list[Record]:
    from bitext.encoder import load_encoder

    encoder = load_encoder()
    # The checks are imported when first asked for, minutes into a run: import them before the key is
    # taken, so that records are never stored under the key of code that was edited in between.
    registered_checks()
    path = _cache_file(cases, encoder.name)
    if path.exists() and not fresh:
        with path.open("rb") as fh:
            records: list[Record] = pickle.load(fh)
        return records
    t0 = time.perf_counter()
    # Sorted by length so batches pad little; in chunks so an interrupted run keeps what it embedded.
    texts = sorted(dict.fromkeys(t for c in cases for t in (c.src, c.tgt)), key=len)
    if progress:
        print(f"embedding {len(texts)} texts (sentences and words)…", file=sys.stderr)
    for start in range(0, len(texts), CHUNK):
        chunk = texts[start : start + CHUNK]
        encoder.encode(chunk)
        encoder.word_vectors_many(chunk)
        if progress:
            print(f"  {min(start + CHUNK, len(texts))}/{len(texts)} ({time.perf_counter() - t0:.0f} s)",
                  file=sys.stderr)  # fmt: skip
    # The texts the checks embed beyond the pair itself (antonym swaps, words left out), in batches too.
    extra: list[str] = []
    for case in cases:
        extra += swap_texts(case.src, case.tgt, case.src_lang, case.tgt_lang)
        if case.src.strip() and case.tgt.strip():
            extra += leave_out_texts(encoder, case.src, case.tgt, case.tgt_lang)
    extra = sorted(dict.fromkeys(extra), key=len)
    for start in range(0, len(extra), CHUNK):
        encoder.encode(extra[start : start + CHUNK])
        if progress and start % (20 * CHUNK) == 0:
            print(f"  variants {start}/{len(extra)} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    records = []
    for k, case in enumerate(cases):
        ctx = PairContext(Link(0, (0,), (0,), 1.0), case.src, case.tgt, case.src_lang, case.tgt_lang,
                          "translation", encoder)  # fmt: skip
        evidence = pair_evidence(ctx)
        flags = [
            FlagRecord(
                f.kind,
                f.severity,
                f.signature,
                flag_features(f, evidence),
                f.target_excerpt or f.source_excerpt,
                f.basis,
            )
            for f in raw_flags(ctx)
        ]
        records.append(Record(case, evidence.features if evidence else None, flags))
        if progress and k % 2000 == 0:
            print(f"  checked {k}/{len(cases)} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    with path.open("wb") as fh:
        pickle.dump(records, fh)
    return records


if __name__ == "__main__":
    # Through the module, so the pickled records name ``trust_run.Record``, not ``__main__.Record``.
    import trust_run

    names = tuple(sys.argv[1:]) or ("demetr", "tatoeba", "ntrex", "refresd")
    got = trust_run.run_cases([c for c in all_cases(names) if c.label is not None])
    print(f"{len(got)} records")
