"""Run every benchmark in turn and print their figures (``make bench``).

Each benchmark is its own script and prints beside its figures the peers' figures or the target it
answers; this only runs them one after another, each in its own interpreter, and says which failed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Quality first, then speed; the model-heavy ones last.
ORDER = [
    "bench_align.py",
    "bench_summary.py",
    "bench_summary_flags.py",
    "bench_checks.py",
    "bench_languages.py",
    "bench_opposite.py --model",
    "bench_refresd.py",
    "bench_trust.py",
    "bench_surface.py",
    "bench_real_flags.py",
    "bench_overhead.py",
    "bench_embed.py",
    "bench_export.py",
    "bench_tui.py",
    "bench_speed.py",
    # The int8 engine (--fast) on the sets the encoder decides: default only if every figure stays within
    # 0.005 of fp32's above (issue 10).
    "BITEXT_FAST=1 bench_align.py --no-speed",
    "BITEXT_FAST=1 bench_summary.py",
    "BITEXT_FAST=1 bench_opposite.py --model",
    "bench_hostile.py",
]


def main() -> int:
    failed = []
    for entry in ORDER:
        words = entry.split()
        env = dict(os.environ)
        while "=" in words[0]:
            name, _, value = words.pop(0).partition("=")
            env[name] = value
        script, *args = words
        print(f"\n=== {entry}", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, str(HERE / script), *args], env=env)
        status = "ok" if code == 0 else f"exit {code}"
        print(f"=== {script}: {status} in {time.perf_counter() - started:.0f} s")
        if code:
            failed.append(script)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
