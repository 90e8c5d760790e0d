"""Review TUI timings: open 5,000 links, and how long a key takes to be journaled and shown.

.venv/bin/python benchmarks/bench_tui.py [N_LINKS]
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bitext import alignment_file
from bitext.tui.app import ReviewApp
from bitext.tui.samples import synthetic
from bitext.tui.screens import ReviewScreen


async def measure(path: Path, n: int) -> None:
    started = time.perf_counter()
    app = ReviewApp(path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.table.row_count == n
        print(f"open {n} links: {time.perf_counter() - started:.2f} s")
        for keys, label in (
            (("j",), "move (j)"),
            (("n",), "next flag (n)"),
            (("a",), "accept (a, fsync'd)"),
            (("d",), "dismiss flag (d)"),
            (("u",), "undo (u)"),
            (("m",), "merge (m, table rebuilt)"),
        ):
            times = []
            for _ in range(5):
                t = time.perf_counter()
                await pilot.press(*keys)
                await pilot.pause()
                times.append(time.perf_counter() - t)
            median, worst = statistics.median(times) * 1000, max(times) * 1000
            print(f"{label:<26} median {median:6.1f} ms  max {worst:6.1f} ms")
        t = time.perf_counter()
        await pilot.press("q")
    print(f"quit (compact): {time.perf_counter() - t:.2f} s")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    os.environ.setdefault("BITEXT_KEYS", os.devnull + ".none")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.json"
        alignment_file.save(synthetic(n), path)
        asyncio.run(measure(path, n))


if __name__ == "__main__":
    main()
