"""Build ``src/bitext/data/contrasts/adjectives/en.json`` from WordNet 3.0 (Debian package ``wordnet-base``).

The gap rules (``checks/gaps.py``) read a determiner followed by an adjective and then a stop or a word
that cannot follow an adjective ("won by a wide.", "An experienced has won", "a new of"): the noun the
adjective describes is missing. That needs words that are adjectives and nothing else: WordNet lemmas of
one word listed as adjectives and never as nouns or verbs ("wide", "experienced", "marital"; not "main",
"national" or "dead", which name things too: "the dead were"). A few adjectives also stand for a noun by
themselves and are left out (``NOMINAL``).

Run: ``apt-get install wordnet-base && python benchmarks/build_adjectives.py`` (rewrites the data file).
"""

from __future__ import annotations

import json
from pathlib import Path

from build_antonyms import LICENSE, WORDNET

OUT = Path(__file__).resolve().parents[1] / "src" / "bitext" / "data" / "contrasts" / "adjectives" / "en.json"
# adjectives that stand for a noun on their own: "on his own", "the other can", "the next was", "the
# obvious is", "the latter was"
NOMINAL = frozenset({"own", "other", "next", "obvious", "latter"})


def lemmas(pos: str) -> set[str]:
    """The one-word lemmas of WordNet's index for one part of speech."""
    out = set()
    for line in (WORDNET / f"index.{pos}").read_text(encoding="latin-1").splitlines():
        if not line.startswith(" "):
            word = line.split(" ", 1)[0]
            if word.isalpha():
                out.add(word)
    return out


def main() -> None:
    only = lemmas("adj") - lemmas("noun") - lemmas("verb") - NOMINAL
    source = "WordNet 3.0: index.adj less index.noun and index.verb"
    data = {"_license": LICENSE, "_source": source, "only": sorted(only)}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(only)} adjectives -> {OUT}")


if __name__ == "__main__":
    main()
