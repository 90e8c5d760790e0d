"""Time the TMX export of a large synthetic alignment (target: 100,000 links in under 10 s).

    .venv/bin/python benchmarks/bench_export.py [--links N] [--out PATH]

Links are mostly 1-1 with some 2-1, scores spread over 0..1, every fifth link accepted and every
seventh carrying a flag, so the writer does the work a real file asks of it. TSV and Vecalign are timed
too, for comparison, as is reading the TMX back with bitext's importer.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from bitext import __version__
from bitext.formats import export, import_tmx
from bitext.model import Alignment, Flag, Link, LinkStatus, Sentence, Side, Signature

T = TypeVar("T")

EN = 'On {n} March the delegation of {n} members arrived in Baku & met the "committee" <officially>.'
AZ = "{n} martda {n} nəfərlik nümayəndə heyəti Bakıya gəldi və İcraiyyə Komitəsi ilə görüşdü."


def _side(lang: str, template: str, count: int) -> Side:
    sentences, offset = [], 0
    for i in range(count):
        text = template.format(n=i)
        sentences.append(Sentence(i, text, offset, offset + len(text)))
        offset += len(text) + 1
    return Side(lang, f"synthetic.{lang}", tuple(sentences))


def synthetic(n_links: int) -> Alignment:
    links: list[Link] = []
    s = t = 0
    for i in range(n_links):
        width = 2 if i % 10 == 9 else 1
        flags: tuple[Flag, ...] = ()
        if i % 7 == 0:
            flags = (
                Flag(
                    "number",
                    "major",
                    str(i),
                    str(i + 1),
                    (3, 3 + len(str(i))),
                    (0, len(str(i + 1))),
                    f"The number {i} does not match {i + 1}.",
                ),
            )
        status: LinkStatus = "accepted" if i % 5 == 0 else "auto"
        links.append(Link(i, tuple(range(s, s + width)), (t,), (i % 100) / 100, status, flags))
        s += width
        t += 1
    signature = Signature(__version__, "synthetic", "synthetic", "translation")
    return Alignment(_side("en", EN, s), _side("az", AZ, t), tuple(links), signature)


def _timed(label: str, fn: Callable[..., T], *args: object, **kwargs: object) -> tuple[float, T]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    elapsed = time.perf_counter() - start
    print(f"{label:<28} {elapsed:7.2f} s")
    return elapsed, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=100_000)
    parser.add_argument(
        "--out", type=Path, default=None, help="directory for the outputs (default: temporary)"
    )
    args = parser.parse_args(argv)
    alignment = synthetic(args.links)
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = args.out or Path(tmp)
        tmx = out_dir / "bench.tmx"
        # Every pair asked for (the default memory leaves out the unsure and confirmed-error ones), so
        # that every link is written as the target says.
        elapsed, written = _timed(
            f"export tmx ({args.links:,} links)",
            export,
            "tmx",
            alignment,
            tmx,
            min_score=0.0,
            include=("unsure", "errors", "summary"),
        )
        size = tmx.stat().st_size / 1e6
        print(f"  {written:,} units, {size:.1f} MB, {written / elapsed:,.0f} units/s")
        _timed("export tsv", export, "tsv", alignment, out_dir / "bench.tsv")
        _timed("export vecalign", export, "vecalign", alignment, out_dir / "bench.vecalign")
        _timed("import tmx", import_tmx, tmx)
    ok = elapsed < 10.0
    print(f"TMX export {'within' if ok else 'OVER'} the 10 s target ({elapsed:.2f} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
