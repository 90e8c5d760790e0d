"""Flags on real translations outside the trust sets, as a new user meets them.

``bitext align --presegmented`` (the same pipeline, with its own alignment) on the two alignment gold
sets, which are human translations in language pairs that bench_trust.py's sets lack: Text+Berg's
development document (German-French, an Alpine club yearbook, OCR'd) and ParIce's ten documents
(English-Icelandic: subtitles, news, a course catalogue). It prints the links, the major and minor
flags (per 100 links, and by kind), and with ``--list`` every such flag, so that a reader can judge
which are real divergences (these translations have some: changed heights, a person left out) and
which are not.

These are not held-out figures: stop 44 read these flags to find general rules (a fraction "1 ½", a
German date "9.Mai", French "pas" after a determiner, French "milles", a word both languages write that
neither word list holds, question tags, verbs of refusal, weeks counted in days, converted lengths), each
tested on sentences written for it and kept only where bench_trust.py's tune halves lose nothing. Usage:
``python benchmarks/bench_real_flags.py [--list]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_data import Doc, load_parice, load_textberg

from bitext.encoder import Encoder, load_encoder
from bitext.model import Alignment
from bitext.pipeline import AlignOptions, align_paths
from bitext.text import clip

SETS = (("Text+Berg dev de-fr", load_textberg, "de", "fr"), ("ParIce en-is", load_parice, "en", "is"))


def align_doc(doc: Doc, source_lang: str, target_lang: str, encoder: Encoder, folder: Path) -> Alignment:
    src, tgt = folder / f"{doc.name}.{source_lang}.txt", folder / f"{doc.name}.{target_lang}.txt"
    src.write_text("\n".join(doc.src) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(doc.tgt) + "\n", encoding="utf-8")
    options = AlignOptions(source_lang, target_lang, mode="translation", presegmented=True)
    return align_paths([src, tgt], options, encoder=encoder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every major and minor flag")
    args = parser.parse_args()
    encoder = load_encoder()
    print("== flags on real translations outside the trust sets (bitext align --presegmented)")
    listed: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, load, sl, tl in SETS:
            links = 0
            by_severity: Counter[str] = Counter()
            by_kind: Counter[tuple[str, str]] = Counter()
            for doc in load():
                alignment = align_doc(doc, sl, tl, encoder, Path(tmp))
                links += sum(1 for link in alignment.links if link.source and link.target)
                for link in alignment.links:
                    for flag in link.flags:
                        by_severity[flag.severity] += 1
                        if flag.severity == "info":
                            continue
                        by_kind[(flag.severity, flag.kind)] += 1
                        listed.append(
                            f"  [{name} {doc.name} #{link.id}] {flag.severity} {flag.kind}: "
                            f"'{clip(flag.source_excerpt, 40)}' | '{clip(flag.target_excerpt, 40)}'"
                        )
            per = 100 / max(links, 1)
            kinds = ", ".join(f"{k} {n}" for (sev, k), n in sorted(by_kind.items()) if sev == "major")
            minors = ", ".join(f"{k} {n}" for (sev, k), n in sorted(by_kind.items()) if sev == "minor")
            major, minor = by_severity["major"], by_severity["minor"]
            print(
                f"{name:22s} {links:4d} links: {major:3d} major ({major * per:.1f} per 100 links), "
                f"{minor:3d} minor ({minor * per:.1f})"
            )
            print(f"{'':22s} major: {kinds or '-'}")
            print(f"{'':22s} minor: {minors or '-'}")
    if args.list:
        print("\n".join(listed))


if __name__ == "__main__":
    main()
