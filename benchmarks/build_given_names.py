"""Build ``src/bitext/data/names/given.json`` from Faker's person data (``faker``, MIT licence).

The name check tells a person's surname by the given name before it ("Donald Trump", "Erwin Huber"),
which matters where a capital letter proves nothing: in German, which gives every noun a capital, and at
the start of a sentence. The gazetteer's hand-written list (``gazetteer.json``, ``given``: 333 names)
misses most of the given names of the languages users bring. Faker ships the given names it fakes people
with for many locales; this script keeps those of the languages bitext has data for, written in Latin or
Cyrillic letters, and leaves out every name that is also an ordinary word: a stop word of any language
(``stop-words``), or a word any language of wordfreq's uses often (Zipf 4.5 and over: "Rose", "June",
"Will", "Hope"; Turkish "Deniz", sea; "Yeni", a Mexican name and the Turkish and Azerbaijani for "new"):
the list serves every pair of languages. Azerbaijani names are left out altogether, for wordfreq has no
Azerbaijani list to tell "Gül" (rose) from a name.

Run: ``pip install faker==40.63.0 && python benchmarks/build_given_names.py`` (rewrites the data file).
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

from stop_words import AVAILABLE_LANGUAGES, get_stop_words
from wordfreq import available_languages, zipf_frequency

OUT = Path(__file__).resolve().parents[1] / "src" / "bitext" / "data" / "names" / "given.json"
LOCALES = (
    "en_US", "en_GB", "en_IE", "en_NZ", "en_IN", "de_DE", "de_AT", "de_CH", "fr_FR", "es_ES", "es_MX",
    "it_IT", "pl_PL", "cs_CZ", "ru_RU", "tr_TR", "is_IS", "nl_NL", "pt_PT", "pt_BR", "sv_SE", "da_DK",
    "no_NO", "fi_FI", "hu_HU", "ro_RO", "sk_SK", "uk_UA", "bg_BG", "hr_HR", "sl_SI",
)  # fmt: skip
WORD_ZIPF = 4.5  # as often as once in 30,000 words: an ordinary word that also names people
NAME_RE = re.compile(r"[^\W\d_]{3,}")  # one word of letters; "Jo" or "Anne-Marie" are left out


def _given(locale: str) -> set[str]:
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    names: set[str] = set()
    for field in ("first_names", "first_names_male", "first_names_female"):
        names.update(getattr(provider, field, ()) or ())
    return {n for n in names if NAME_RE.fullmatch(n) and n[:1].isupper()}


def main() -> None:
    stop = {w.casefold() for lang in AVAILABLE_LANGUAGES for w in get_stop_words(lang)}
    # every list but those needing a segmenter (Chinese, Japanese, Korean): names are not written there
    langs = [lang for lang in available_languages() if lang not in {"zh", "ja", "ko"}]
    kept: set[str] = set()
    for locale in LOCALES:
        for name in _given(locale):
            key = name.casefold()
            if key in stop or any(zipf_frequency(key, lang) >= WORD_ZIPF for lang in langs):
                continue
            kept.add(name)
    data = {
        "_why": "Given names of many languages, so that the word after one is read as a surname "
        "(benchmarks/build_given_names.py; names that are also ordinary words are left out).",
        "_license": "From Faker (https://github.com/joke2k/faker), MIT licence, "
        "Copyright (c) 2012 Daniele Faraglia.",
        "given": sorted(kept),
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(kept)} given names -> {OUT}")


if __name__ == "__main__":
    main()
