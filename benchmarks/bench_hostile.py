"""Inputs that used to exhaust the machine: time and peak memory of each, beside the figures of issue 13
and issue 10 item 5.

- ``bitext align /dev/zero`` and ``bitext import /dev/urandom`` (before: 4 GB read in seconds);
- a text over the input limit (refused before it is read);
- a pair of one-line files without punctuation, English and Azerbaijani (before, at 5 MB: past 9 GB in
  "checking the links" after 1:44 and still growing; ``--no-check``: 1 GB). The words are drawn at
  random, seeded, from the words of the bundled seed document's two languages, so that about a third
  of them are capitalised, as many as the name check ever sees. ``--mb`` sets the size of each file
  (default 5); ``--sizes 0.06,0.3`` runs several, to show how time and memory grow.

Then every check that needs no encoder, in this process, on pairs of texts at the check limit
(``limits.MAX_CHECK_CHARS``) built from one piece repeated ("不不不…", "which which …", 400 digits): the
slowest pair of each check, and any check that raised. Before this round: the opposite check 8.4 s on
6,000 "不" (each negation walked its whole clause), the number check 6.7 s on 6,000 "東" (a month pattern
tried at every letter), the language check 6.7 s on "which which …" on both sides (every offset judged by
lingua), and the number, date and period checks raised OverflowError on 400 digits.

Each command runs in its own process from start to exit, with an empty embedding cache (a fresh
``BITEXT_CACHE``, the converted model linked in), so the figures are those of a first run; peak memory
is the process's maximum resident set (``wait4``). Run: ``.venv/bin/python benchmarks/bench_hostile.py``.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from prepared import link_prepared

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "texts" / "ismailov-1925-japanese-recognition-of-the-ussr.md"
BITEXT = [sys.executable, "-m", "bitext.cli"]


def _run(args: list[str], env: dict[str, str]) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak MiB, last stderr line) of one command."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    last = err.strip().splitlines()[-1] if err.strip() else ""
    return proc.returncode, seconds, usage.ru_maxrss / 1024, last


def _line_file(path: Path, words: list[str], size: int, seed: int) -> None:
    rng = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(words)
        out.append(word)
        total += len(word.encode("utf-8")) + 1
    path.write_text(" ".join(out) + "\n", encoding="utf-8")


def _vocabulary() -> tuple[list[str], list[str]]:
    words = re.findall(r"[^\W\d_]+", SEED.read_text(encoding="utf-8"))
    english = [w for w in words if w.isascii()]
    azerbaijani = [w for w in words if not w.isascii()]
    return english, azerbaijani + english[: len(azerbaijani) // 4]  # names and loans, as in real text


def _fresh_cache(root: Path) -> Path:
    """An empty embedding cache that reuses the converted model and the places index (preparing them is
    not what is measured)."""
    return link_prepared(root / "cache")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of each one-line file, in MB")
    parser.add_argument("--sizes", help="several sizes in MB, comma-separated (instead of --mb)")
    parser.add_argument("--no-check", action="store_true", help="also run the pair with --no-check")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")] if args.sizes else [args.mb]

    with tempfile.TemporaryDirectory(prefix="bitext-hostile-") as tmp:
        root = Path(tmp)
        env = {**os.environ, "BITEXT_CACHE": str(_fresh_cache(root))}
        print(f"{'input':52} {'exit':>4} {'time':>9} {'peak memory':>12}   before (issues 13, 10)")

        def row(label: str, cmd: list[str], before: str) -> str:
            code, seconds, peak, last = _run(cmd, env)
            print(f"{label:52} {code:>4} {seconds:>8.1f}s {peak:>9.0f} MiB   {before}", flush=True)
            return last

        for device, command in (("/dev/zero", "align"), ("/dev/urandom", "import")):
            last = row(f"bitext {command} {device}", [*BITEXT, command, device], "4 GB read in seconds")
            print(f"    {last}")
        big = root / "big.txt"
        big.write_bytes(b"word " * (17 * 1024 * 1024 // 5))
        last = row("bitext align big.txt (17 MB, limit 16 MB)", [*BITEXT, "align", str(big)], "read whole")
        print(f"    {last}")

        english, azerbaijani = _vocabulary()
        for mb in sizes:
            size = int(mb * 1024 * 1024)
            en, az = root / f"line{mb:g}.en.txt", root / f"line{mb:g}.az.txt"
            _line_file(en, english, size, seed=1)
            _line_file(az, azerbaijani, size, seed=2)
            out = root / "out.json"
            before = "past 9 GB in the checks after 1:44" if mb >= 5 else "-"
            pair = [*BITEXT, "align", str(en), str(az), "-o", str(out), "-q"]
            row(f"{mb:g} MB line pair, no punctuation, checks", pair, before)
            if args.no_check:
                row(
                    f"{mb:g} MB line pair, no punctuation, --no-check (warm)",
                    [*pair, "--no-check"],
                    "1 GB" if mb >= 5 else "-",
                )
        shutil.rmtree(root / "cache", ignore_errors=True)
    _checks_on_hostile_pairs()
    return 0


HOSTILE_PIECES = (
    "1", "١", "不", "東", "a", "which ", "the ", "In ", "1,", "-1", "не ", "ə", " ,", "IV ", "Mr. ",
)  # fmt: skip
HOSTILE_PAIRS = (("en", "az"), ("de", "en"), ("zh", "en"), ("ru", "en"))


def _checks_on_hostile_pairs() -> None:
    from bitext.checks import registered_checks
    from bitext.checks.base import PairContext
    from bitext.limits import MAX_CHECK_CHARS
    from bitext.model import Link

    short = "A short sentence."
    worst: dict[str, tuple[float, str]] = {}
    raised: list[str] = []
    checks = {k: v for k, v in registered_checks().items() if not v.needs_encoder}
    for piece in HOSTILE_PIECES:
        text = piece * (MAX_CHECK_CHARS // len(piece))
        for sl, tl in HOSTILE_PAIRS:
            for src, tgt in ((text, short), (short, text), (text, text)):
                ctx = PairContext(Link(0, (0,), (0,), 1.0), src, tgt, sl, tl, "translation")
                for kind, info in checks.items():
                    started = time.perf_counter()
                    try:
                        info.fn(ctx)
                    except Exception as exc:
                        raised.append(f"{kind} {sl}-{tl} {piece!r}: {type(exc).__name__}: {exc}")
                    seconds = time.perf_counter() - started
                    if seconds > worst.get(kind, (0.0, ""))[0]:
                        worst[kind] = (seconds, f"{sl}-{tl}, {piece!r} x {len(text) // len(piece)}")
    print(f"\nevery check on hostile pairs of {MAX_CHECK_CHARS} characters (slowest pair per check):")
    for kind, (seconds, what) in sorted(worst.items(), key=lambda kv: -kv[1][0]):
        print(f"  {kind:12} {seconds:6.2f} s  {what}")
    print(f"  checks that raised: {len(raised)}" + "".join(f"\n    {r}" for r in raised[:10]))


if __name__ == "__main__":
    sys.exit(main())
