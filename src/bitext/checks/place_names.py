"""Places in the name check (``names.check_names``): a city swapped for another (``two_places``), and the
cities and countries a text without capitals names that the cased side of its pair does not
(``unnamed_places``). Places are known by GeoNames' names (``places``) and CLDR's country names; to the
word vectors any two places look alike, so these flags keep their rule's severity.
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex

from bitext.checks.caseless_names import CasedSide
from bitext.checks.lexicon import stems
from bitext.checks.name_tables import (
    country_groups,
    group_forms,
    language_pair,
    name_keys,
    surname_after,
    territory_name,
)
from bitext.checks.name_words import TRANSLITERATED_SPELLING, Word, spelling
from bitext.checks.places import MIN_NAME as MIN_PLACE
from bitext.checks.places import Place, caseless_places, cities, is_place, place_ids
from bitext.checks.sound import heard_by_chance
from bitext.model import Flag
from bitext.text import base_lang, fold, language_data


def two_places(a: Word, a_lang: str, b: Word, b_lang: str) -> bool:
    """Each word names a place, a city of GeoNames or a country of CLDR, and no place bears both
    names; they are not spelled alike (GeoNames lists a city's names in other languages: "Sotschi" is
    Sochi's), and neither is a given name ("Victoria", "Florence")."""
    given = surname_after()
    if spelling(a, b) >= TRANSLITERATED_SPELLING or fold(a.text) in given or fold(b.text) in given:
        return False
    pair = language_pair(a_lang, b_lang)
    a_ids, b_ids = _place_ids(a, a_lang, pair), _place_ids(b, b_lang, pair)
    return bool(a_ids) and bool(b_ids) and not a_ids & b_ids


def names_a_place(word: Word, lang: str, other: str) -> bool:
    """The word names a city of GeoNames (any of its stems) or, written as CLDR writes it in ``lang``, a
    country or region: "Noruega", "Deutschland", not "European", whose stem "europe" is CLDR's Europe."""
    ids = _place_ids(word, lang, language_pair(lang, other))
    return bool(ids - {-1}) or (-1 in ids and territory_name(word.text, lang))


def _place_ids(word: Word, lang: str, pair: tuple[str, ...]) -> frozenset[int]:
    """GeoNames' places the word names (its stems of four letters or more count), or -1 for a country."""
    forms = [form for form in stems(word.text, lang) if len(form) >= MIN_PLACE]
    named = any(is_place(form) for form in forms)
    ids = frozenset(i for form in forms for i in place_ids(form)) if named else frozenset()
    return ids | {-1} if word.groups & country_groups(pair) else ids


# A place written in two Han characters (大理, Dali) may be two characters of a longer word (最大理论,
# the greatest theory): only a city this large is taken for one.
HAN_PAIR_PEOPLE = 1_000_000
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc]")
_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")
MAX_PLACE_WORDS = 3  # "Hong Kong", "Rio de Janeiro"
_POSSESSIVE = re.compile(r"['’]s?$")  # "Hong Kong's"


def unnamed_places(cased: CasedSide | None) -> list[Flag]:
    """Facing a cased text: the places a text without capitals names that the cased text does not name,
    cities by GeoNames' names in its script (墨尔本, मेरठ, ソチ; ``places.caseless_places``) and countries
    by CLDR's (卢旺达, अर्जेंटीना; ``_caseless_countries``). A translation renders a place by its name, so one
    it leaves out, or writes in place of another ("London" for 墨尔本), is a divergence; the word
    alignment, to which any two places look alike, has no say, and the flag keeps its rule's severity
    (``scoring.RULE_GRADED``): ``dropped`` from the original, ``brought`` into the translation."""
    if cased is None:
        return []
    text = cased.caseless_text
    found: list[tuple[int, int, str]] = []  # start, end, the place's English name
    in_cities = caseless_places(text)
    named_here = _named_ids(cased) if in_cities else frozenset()
    for place in in_cities:
        named = cities(place.ids)
        if (
            named
            and not _partial(place, text, named[0][1])
            and not _named_in(place, named, named_here, cased)
        ):
            found.append((place.start, place.end, named[0][0]))
    caseless_lang = cased.ctx.target_lang if cased.on_source else cased.ctx.source_lang
    groups = {g for w in cased.words for g in w.groups}
    countries = _caseless_countries(text, caseless_lang, cased.lang)
    spans = [(p.start, p.end) for p in in_cities] + [(c[0], c[1]) for c in countries]
    for start, end, english, country in countries:
        if _HAN.search(text[start:end]) and _KANA.search(text):
            continue  # Japanese 中国 is China and also Chūgoku, a region of Japan
        if not country & groups and not _starts_like_any(english, cased.words):
            found.append((start, end, english))
    out: list[Flag] = []
    for start, end, english in found:
        span = (start, end)
        if any(f.source_span == span or f.target_span == span for f in out):
            continue  # 香港 is a city and a territory
        if any(_straddle((start, end), other) for other in spans):
            continue  # 南非 (South Africa) in 西南非洲 (South West Africa), beside 非洲 (Africa)
        message = (
            f"The {{src}} names {{shown}} ({english}); the {{tgt}} does not name it.",
            f"The {{tgt}} names {{shown}} ({english}); the {{src}} names no such place.",
        )
        out.append(cased.caseless_flag(span, message))
    return out


def _straddle(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two names found in one text overlap and neither holds the other: which one is there is not known."""
    overlap = a[0] < b[1] and b[0] < a[1]
    return overlap and not (b[0] <= a[0] and a[1] <= b[1]) and not (a[0] <= b[0] and b[1] <= a[1])


def _caseless_countries(text: str, lang: str, other: str) -> list[tuple[int, int, str, frozenset[int]]]:
    """(start, end, English name, groups) of each country a text without capitals names by CLDR's name in
    its language. The groups are every group of its English name: CLDR's in either language of the pair
    (German "Ruanda" for 卢旺达), and the hand-made ones, whose words ("US", "American") name it too."""
    out = []
    for form, english, groups, pattern in _country_patterns(base_lang(lang), language_pair(lang, other)):
        if form in text:
            out += [(m.start(), m.end(), english, groups) for m in pattern.finditer(text)]
    return out


@lru_cache(maxsize=16)
def _country_patterns(
    lang: str, pair: tuple[str, ...]
) -> tuple[tuple[str, str, frozenset[int], regex.Pattern[str]], ...]:
    countries = country_groups(pair)
    hand = len(language_data("names", "exonyms")["groups"])
    english: dict[int, str] = {}
    by_english: dict[str, set[int]] = {}
    for i, form, code in group_forms("en", pair):
        if code == "en" and i in countries:
            english.setdefault(i, form)
        if i < hand or (code == "en" and i in countries):  # each language's CLDR group of the country
            by_english.setdefault(fold(form), set()).add(i)
    out = []
    for i, form, code in group_forms(lang, pair):
        name = english.get(i, "")
        if code != lang or not name[:1].isupper() or len(form) < 2:
            continue  # a region by a common noun ("world")
        groups = frozenset({i} | by_english.get(fold(name), set()))
        unspaced = bool(_HAN.search(form) or _KANA.search(form))
        pattern = regex.compile(regex.escape(form) if unspaced else rf"(?<!\w){regex.escape(form)}(?!\w)")
        out.append((form, name, groups, pattern))
    return tuple(out)


def _starts_like_any(name: str, words: list[Word]) -> bool:
    keys = name_keys(name, "en")
    return any(_starts_like(k, key) for w in words for k in keys for key in w.keys)


def _partial(place: Place, text: str, people: int) -> bool:
    """The match may be part of a longer word, or not a place: two Han characters of a city under
    ``HAN_PAIR_PEOPLE``, katakana inside a longer katakana word (マン in パフォーマンス), or Han characters
    in Japanese, which writes its people in them as it writes its towns (唐山, Karayama, is Tangshan)."""
    if _HAN.search(place.text) and _KANA.search(text):
        return True
    if len(place.text) == 2 and _HAN.search(place.text) and people < HAN_PAIR_PEOPLE:
        return True
    if _KATAKANA_RUN.match(place.text):
        before, after = text[place.start - 1 : place.start], text[place.end : place.end + 1]
        return bool(_KATAKANA_RUN.match(before) or _KATAKANA_RUN.match(after))
    return False


def _named_in(
    place: Place, named: list[tuple[str, int]], named_here: frozenset[int], cased: CasedSide
) -> bool:
    """The cased side bears one of the place's names (``named_here``: ``_named_ids``), or a word of it
    starts like the place's own name ("Roman" for ローマ, Rome; "Hongkonger"), or has its very frame of
    consonants ("Gujarat" for गुजरात, which GeoNames knows as Gujrat: ``sound.heard_by_chance``)."""
    text = cased.ctx.source_text if cased.on_source else cased.ctx.target_text
    return bool(place.ids & named_here) or any(
        _starts_like_any(name, cased.words) or heard_by_chance(name_keys(name, "en"), text)
        for name, _people in named[:3]
    )


def _named_ids(cased: CasedSide) -> frozenset[int]:
    """The GeoNames places that a word or a run of up to ``MAX_PLACE_WORDS`` words of the cased side names
    ("Hong Kong's"), read once for all the places of the other side."""
    words = cased.words
    text = cased.ctx.source_text if cased.on_source else cased.ctx.target_text
    ids: set[int] = set()
    for k in range(len(words)):
        for n in range(1, min(MAX_PLACE_WORDS, len(words) - k) + 1):
            phrase = text[words[k].start : words[k + n - 1].end]
            forms = stems(phrase, cased.lang) if n == 1 else {fold(_POSSESSIVE.sub("", phrase))}
            ids.update(i for f in forms for i in place_ids(f))
    return frozenset(ids)


def _starts_like(name: str, word: str) -> bool:
    """``word`` is ``name`` or begins with all of it but its last letter ("rom" of Rome in "roman")."""
    head = name[: max(3, len(name) - 1)]
    return len(name) >= 3 and word.startswith(head)
