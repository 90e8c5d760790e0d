"""Run the real Bertalign, with bitext's encoder, on the same evaluation sets as bench_align.py.

The peers' published figures are on the Text+Berg *test* set, which we do not have; this measures the
peer on the sets we do have, like for like: the same sentences, the same encoder, the same scorer.
Bertalign is not a dependency of bitext: install it beside, without its dependencies, into a folder
of your own, and put that folder on PYTHONPATH:

    .venv/bin/python -m pip download --no-deps --ignore-requires-python bertalign==2.0.1 -d /tmp/ba
    (unzip the wheel into SITE; on Python 3.11 turn the 3.12-only line ``type SplitterFn = ...`` in
    SITE/bertalign/aligner.py into a plain assignment)
    .venv/bin/python -m pip install --target SITE --no-deps numba llvmlite sentence-splitter
    PYTHONPATH=SITE .venv/bin/python benchmarks/peer_bertalign.py [--prefix "passage: "]

Bertalign's defaults are kept (max_align 5, top_k 3, win 5, skip -0.1, margin and length penalty on);
input is presegmented; its model is replaced by bitext's encoder, so LaBSE is never loaded. Measured
here (2026-11-27): Text+Berg dev strict F1 0.872 (0.882 with "passage: "), ParIce 0.928 (0.910).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_data import Doc, load_parice, load_textberg
from score import Scores, score_multiple

from bitext.encoder import Encoder, load_encoder


def _bertalign() -> tuple[Any, Any, Any]:
    try:
        import bertalign.aligner as aligner
        import bertalign.encoder as encoder
        from bertalign import Bertalign
    except ImportError as exc:
        raise SystemExit(f"bertalign is not importable ({exc}); see this file's docstring") from exc

    def no_labse(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("Bertalign asked for its own model (LaBSE); it must use the one given")

    aligner.get_encoder = no_labse
    encoder.get_encoder = no_labse
    return aligner, encoder, Bertalign


def run(docs: list[Doc], langs: tuple[str, str], ours: Encoder) -> Scores:
    aligner, encoder_module, bertalign = _bertalign()

    class Model:  # what Bertalign's Encoder calls: .encode(list of texts) -> vectors
        def encode(self, texts: list[str], **_kwargs: object) -> Any:
            return ours.encode(list(texts))

    class Adapter(encoder_module.Encoder):  # type: ignore[misc, name-defined]
        def __init__(self) -> None:  # no super().__init__(): that would load LaBSE
            self.model = Model()
            self.model_name = f"{ours.name} prefix={ours.prefix!r}"

    model = Adapter()
    tests = []
    for doc in docs:
        order = iter(langs)
        aligner.detect_lang = lambda _text, _order=order: next(_order)
        found = bertalign("\n".join(doc.src), "\n".join(doc.tgt), is_split=True, model=model)
        if (found.src_num, found.tgt_num) != (len(doc.src), len(doc.tgt)):
            raise SystemExit(f"{doc.name}: Bertalign re-split the sentences")
        tests.append(found.align_sents())
    return score_multiple(tests, [d.gold for d in docs])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--prefix", default="", help='e.g. "passage: " (e5 models are trained with one)')
    args = ap.parse_args()
    ours = load_encoder(prefix=args.prefix, use_cache=False)
    for name, docs, langs in (
        ("textberg-dev", load_textberg(), ("de", "fr")),
        ("parice-en-is", load_parice(), ("en", "is")),
    ):
        started = time.perf_counter()
        sc = run(docs, langs, ours)
        s, la = sc.strict, sc.lax
        print(
            f"Bertalign, {name}, prefix {args.prefix!r}: strict {s.precision:.3f}/{s.recall:.3f}/{s.f1:.3f} "
            f"lax {la.precision:.3f}/{la.recall:.3f}/{la.f1:.3f} ({time.perf_counter() - started:.0f} s)"
        )


if __name__ == "__main__":
    main()
