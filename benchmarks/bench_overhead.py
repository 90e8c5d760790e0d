"""What the divergence checks add to the time of ``bitext align`` on the seed (target: under 25 %).

In-process, through the pipeline's API (``align_paths`` with ``AlignOptions(check=False)`` and
``check=True``), so interpreter start-up and imports are left out. One run of each warms the disk
caches (the prepared model, the sentence embeddings); then the two are timed alternately, ``--runs``
times each (default 3), and the medians are compared, so load from other processes hits both alike.

Each timed run is what a re-run of ``bitext align`` does: ``align_paths`` loads a fresh encoder (with
an empty word-vector memo), and the checks' own in-process memos of per-text results are emptied
between runs, so a later run does not ride on an earlier one's work.

Then the checks' time is split by kind: the runner's loop (``bitext.checks.run_checks``) is repeated
here with a timer around each registered check (the shared word-vector pass first), on the
alignment of the last run, with a fresh encoder.

``--cold`` also times the console script in a subprocess (``bitext align SEED --no-check`` against
``--check``), where interpreter start-up, imports and model loading are included; and
``--cold-embeddings`` runs the in-process comparison once more with an empty embedding cache
(a first ``bitext align`` on a new document).

On a shared 2-core machine the figures swing with other processes' load, and the checks suffer more
than alignment: they make many small model calls, and a small call on 2 torch threads waits for a
busy core at every layer (measured here under load: 0.45 s per one-word call on 2 threads, 0.05 s on
1). ``--threads N`` sets torch's thread count (and OMP_NUM_THREADS for ``--cold``) to show this.

Run: .venv/bin/python benchmarks/bench_overhead.py [--runs 3] [--cold] [--cold-embeddings] [--threads N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from prepared import link_prepared

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "texts" / "ismailov-1925-japanese-recognition-of-the-ussr.md"
TARGET = 25.0


def clear_check_memos() -> None:
    """Forget per-text results the check modules keep in memory (a new process would not have them).

    Loaded data tables and lingua detectors are kept: like imports, they are a process's set-up.
    Some memos are keyed by ``id(encoder)``, which a new encoder may reuse: clearing them also keeps
    a later run from finding an earlier run's word vectors.
    """
    from bitext import text
    from bitext.checks import names, numbers, opposite, terminology, wordalign

    for fn in (names.compare, text.skeleton, numbers.compare, terminology._pattern):
        fn.cache_clear()
    opposite._WORD_SIM_CACHE.clear()
    wordalign._PAIR_CACHE.clear()


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def in_process(runs: int) -> tuple[list[float], list[float]]:
    from bitext.pipeline import AlignOptions, align_paths

    plain, checked = AlignOptions(check=False), AlignOptions(check=True)
    align_paths([SEED], plain)  # warm: model folder, embeddings, imports, lexicons, lingua detectors
    align_paths([SEED], checked)
    without, with_ = [], []
    for _ in range(runs):
        clear_check_memos()
        without.append(timed(lambda: align_paths([SEED], plain)))
        clear_check_memos()
        with_.append(timed(lambda: align_paths([SEED], checked)))
    return without, with_


def per_check() -> tuple[dict[str, float], int]:
    """Seconds per check kind over the seed's links, in the runner's order, plus the link count."""
    from bitext.checks import registered_checks
    from bitext.checks.base import pair_context
    from bitext.checks.evidence import pair_evidence
    from bitext.encoder import load_encoder
    from bitext.pipeline import AlignOptions, align_paths

    alignment = align_paths([SEED], AlignOptions(check=False))
    clear_check_memos()
    encoder = load_encoder()
    registry = registered_checks()
    spent: dict[str, float] = defaultdict(float)
    linked = [link for link in alignment.links if link.source and link.target]
    texts = [t for link in linked for t in (alignment.source_text(link), alignment.target_text(link))]
    spent["(word vectors, one batched pass)"] = timed(lambda: encoder.word_vectors_many(texts))
    for link in linked:
        ctx = pair_context(alignment, link, encoder=encoder, glossary=None)
        t0 = time.perf_counter()
        ctx = replace(ctx, evidence=pair_evidence(ctx))
        spent["(pair evidence for the scorer)"] += time.perf_counter() - t0
        for kind, info in registry.items():
            t0 = time.perf_counter()
            info.fn(ctx)
            spent[kind] += time.perf_counter() - t0
    return dict(spent), len(linked)


def cold(runs: int, threads: int) -> tuple[list[float], list[float]]:
    exe = Path(sys.executable).with_name("bitext")
    env = dict(os.environ, OMP_NUM_THREADS=str(threads)) if threads else None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "a.json"
        without: list[float] = []
        with_: list[float] = []
        for _ in range(runs):
            for flag, store in (("--no-check", without), ("--check", with_)):
                cmd = [str(exe), "align", str(SEED), "--out", str(out), flag, "--quiet"]
                store.append(timed(partial(subprocess.run, cmd, check=True, capture_output=True, env=env)))
    return without, with_


def cold_embeddings() -> tuple[float, float]:
    """One run each with an empty embedding cache (the prepared model folder is shared by a link)."""
    from bitext.pipeline import AlignOptions, align_paths

    old = os.environ.get("BITEXT_CACHE")
    times = []
    try:
        for check in (False, True):
            with tempfile.TemporaryDirectory() as tmp:
                link_prepared(Path(tmp))
                os.environ["BITEXT_CACHE"] = tmp
                clear_check_memos()
                times.append(timed(partial(align_paths, [SEED], AlignOptions(check=check))))
    finally:
        if old is None:
            os.environ.pop("BITEXT_CACHE", None)
        else:
            os.environ["BITEXT_CACHE"] = old
    return times[0], times[1]


def report(label: str, without: list[float], with_: list[float]) -> None:
    a, b = statistics.median(without), statistics.median(with_)

    def runs(xs: list[float]) -> str:
        return ", ".join(f"{x:.2f}" for x in xs)

    print(f"{label}")
    print(f"  align, no checks : median {a:6.2f} s   (runs {runs(without)})")
    print(f"  align + checks   : median {b:6.2f} s   (runs {runs(with_)})")
    print(f"  checks add {b - a:.2f} s = {100 * (b - a) / a:.1f} % of align   (target < {TARGET:.0f} %)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="timed runs of each (default 3)")
    ap.add_argument("--cold", action="store_true", help="also time the console script in a subprocess")
    ap.add_argument("--cold-embeddings", action="store_true", help="also one run with no embeddings cached")
    ap.add_argument("--threads", type=int, default=0, help="torch threads (default: torch's choice)")
    args = ap.parse_args()

    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    print(
        f"seed: {SEED.relative_to(ROOT)}  (cpus: {os.cpu_count()}, torch threads {torch.get_num_threads()}, "
        f"load average {os.getloadavg()[0]:.1f})"
    )
    without, with_ = in_process(args.runs)
    report("in-process, warm disk caches (a re-run of bitext align):", without, with_)

    spent, n_links = per_check()
    total = sum(spent.values())
    print(f"checks by kind ({n_links} linked pairs, {total:.2f} s in all, runner's order):")
    for kind, secs in spent.items():
        print(f"  {kind:34} {secs:6.3f} s  {100 * secs / total:5.1f} %")

    if args.cold_embeddings:
        a, b = cold_embeddings()
        print("in-process, empty embedding cache (a first bitext align), one run each:")
        print(f"  align, no checks {a:.2f} s; align + checks {b:.2f} s; checks add {100 * (b - a) / a:.1f} %")
    if args.cold:
        without, with_ = cold(args.runs, args.threads)
        report("console script in a subprocess (interpreter start-up, imports and model load included):",
               without, with_)  # fmt: skip

    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
