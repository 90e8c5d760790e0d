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

A name is also frequent where it is common as a name: "Tomáš", "Piotr", "Jiří", "Klaus" are as frequent in
Czech, Polish and German text as ordinary words are, for wordfreq folds case. Such a name is kept when the
spelling dictionaries (hunspell's, as Debian installs them under ``/usr/share/hunspell``) tell it is a
name: each language that uses it often lists it with its capital, no dictionary lists it in lower case (an
ordinary word somewhere: "Hope", "Carol", "Odd"), and it names no place (GeoNames' cities, CLDR's
countries and regions in every locale: "Jordan", "Virginia", "América").

Run: ``pip install faker==40.63.0 && apt install hunspell-cs hunspell-pl ...`` (the dictionaries of the
locales below), then ``python benchmarks/build_given_names.py`` (rewrites the data file).
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable
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
HUNSPELL = Path("/usr/share/hunspell")
NAME_RE = re.compile(r"[^\W\d_]{3,}")  # one word of letters; "Jo" or "Anne-Marie" are left out


def _given(locale: str) -> set[str]:
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    names: set[str] = set()
    for field in ("first_names", "first_names_male", "first_names_female"):
        names.update(getattr(provider, field, ()) or ())
    return {n for n in names if NAME_RE.fullmatch(n) and n[:1].isupper()}


def _dictionaries() -> dict[str, tuple[set[str], set[str]]]:
    """Each language's hunspell stems, casefolded: (those written with a capital, those in lower case)."""
    out: dict[str, tuple[set[str], set[str]]] = {}
    for dic in sorted(HUNSPELL.glob("*.dic")):
        encoding = "utf-8"
        for line in dic.with_suffix(".aff").read_bytes().splitlines():
            if line.startswith(b"SET "):
                encoding = line.split()[1].decode().lower().replace("iso8859-", "iso8859_")
                break
        capital, lower = out.setdefault(dic.stem.split("_")[0], (set(), set()))
        for line in dic.read_bytes().decode(encoding, errors="replace").splitlines()[1:]:
            stem = line.split("/")[0].split("\t")[0].strip()
            if stem:
                (lower if stem[0].islower() else capital).add(stem.casefold())
    return out


def _places() -> Callable[[str], bool]:
    """Whether a name is a place: a GeoNames city (``bitext.checks.places``) or a CLDR territory in any
    locale (countries and regions: "Jordan", "América")."""
    from babel import Locale, localedata

    from bitext.checks.places import is_place
    from bitext.text import fold

    territories: set[str] = set()
    for locale in localedata.locale_identifiers():
        territories.update(fold(name) for name in Locale.parse(locale).territories.values())
    return lambda name: is_place(fold(name)) or fold(name) in territories


def main() -> None:
    stop = {w.casefold() for lang in AVAILABLE_LANGUAGES for w in get_stop_words(lang)}
    # every list but those needing a segmenter (Chinese, Japanese, Korean): names are not written there
    langs = [lang for lang in available_languages() if lang not in {"zh", "ja", "ko"}]
    dictionaries = _dictionaries()
    if not dictionaries:
        raise SystemExit(f"no hunspell dictionaries under {HUNSPELL}: install Debian's hunspell-* packages")
    ordinary = set().union(*(lower for _, lower in dictionaries.values()))
    place = _places()
    kept: set[str] = set()
    for locale in LOCALES:
        for name in _given(locale):
            key = name.casefold()
            if key in stop:
                continue
            frequent = [lang for lang in langs if zipf_frequency(key, lang) >= WORD_ZIPF]
            if frequent and not (
                all(lang in dictionaries and key in dictionaries[lang][0] for lang in frequent)
                and key not in ordinary
                and not place(name)
            ):
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
