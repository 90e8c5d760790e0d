"""Build ``src/bitext/data/contrasts/antonyms/en.json`` from WordNet 3.0 (Debian package ``wordnet-base``).

WordNet's antonym pointers ("!") join single words of opposite sense ("open"/"close", "early"/"late",
"include"/"exclude", "death"/"birth"). The opposite check swaps a word of a side for its antonym and asks
the encoder which version the other side is closer to (``checks/opposite.py``), so a general English
lexicon serves every language paired with English. Only single words of three letters or more are kept;
multi-word lemmas ("be born") cannot be swapped in place.

Run: ``apt-get install wordnet-base && python benchmarks/build_antonyms.py`` (rewrites the data file).
WordNet 3.0 Copyright 2006 by Princeton University (licence in the data file's ``_license``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

WORDNET = Path("/usr/share/wordnet")
OUT = Path(__file__).resolve().parents[1] / "src" / "bitext" / "data" / "contrasts" / "antonyms" / "en.json"
FILES = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
LICENSE = (
    "WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Permission to use, copy, "
    "modify and distribute this software and database and its documentation for any purpose and without "
    "fee or royalty is hereby granted, provided that you agree to comply with the following copyright "
    "notice and statements, including the disclaimer, and that the same appear on ALL copies of the "
    "software, database and documentation, including modifications that you make for internal use or for "
    'distribution. THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO '
    "REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. The name of Princeton University or Princeton may "
    "not be used in advertising or publicity pertaining to distribution of the software and/or database."
)


def _synsets(pos: str) -> dict[str, list[str]]:
    """offset -> the raw data line's fields, for one part of speech."""
    out = {}
    for line in (WORDNET / f"data.{pos}").read_text(encoding="latin-1").splitlines():
        if not line.startswith(" "):
            fields = line.split(" ")
            out[fields[0]] = fields
    return out


def _words(fields: list[str]) -> list[str]:
    return [re.sub(r"\(.*\)$", "", fields[4 + 2 * i]).lower() for i in range(int(fields[3], 16))]


def antonym_pairs() -> dict[str, list[str]]:
    data = {pos: _synsets(pos) for pos in sorted(set(FILES.values()))}
    pairs: dict[str, set[str]] = {}
    for synsets in data.values():
        for fields in synsets.values():
            words = _words(fields)
            k = 4 + 2 * len(words)
            for p in range(int(fields[k])):
                symbol, offset, pos, where = fields[k + 1 + 4 * p : k + 5 + 4 * p]
                if symbol != "!":
                    continue
                a = words[int(where[:2], 16) - 1]
                b = _words(data[FILES[pos]][offset])[int(where[2:], 16) - 1]
                if a.isalpha() and b.isalpha() and min(len(a), len(b)) >= 3 and a != b:
                    pairs.setdefault(a, set()).add(b)
    return {a: sorted(bs) for a, bs in sorted(pairs.items())}


def irregular_forms(bases: set[str]) -> dict[str, list[str]]:
    """Inflected form -> [base form, inflection] from WordNet's exception lists ("rose" -> "rise", "ed";
    "abetting" -> "abet", "ing"; "better" -> "good", "er"), for the bases the lexicon knows."""
    out: dict[str, list[str]] = {}
    for pos in ("verb", "adj"):
        for line in (WORDNET / f"{pos}.exc").read_text(encoding="latin-1").splitlines():
            form, *heads = line.split()
            for base in heads:
                if base not in bases or not form.isalpha() or form == base:
                    continue
                if pos == "verb":
                    tag = "ing" if form.endswith("ing") else "s" if form.endswith("s") else "ed"
                else:
                    tag = "est" if form.endswith("st") else "er"
                out.setdefault(form, [base, tag])
    return dict(sorted(out.items()))


def main() -> None:
    pairs = antonym_pairs()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc = {
        "_source": "WordNet 3.0 antonym pointers between single words (benchmarks/build_antonyms.py)",
        "_license": LICENSE,
        "antonyms": pairs,
        "irregular": irregular_forms(set(pairs) | {b for bs in pairs.values() for b in bs}),
    }
    OUT.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(pairs)} words)")


if __name__ == "__main__":
    main()
