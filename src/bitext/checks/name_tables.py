"""The names bitext knows, by language: exonym groups (``data/names/exonyms.json``: Japan/Yaponiya), the
country and language names of CLDR (babel), given names and their forms in other languages, the gazetteer,
and each language's conventions (which capitalise every noun). ``name_keys`` folds a word to the
spelling-free keys that names are compared by. The name check (``names``) reads a text's words against
these tables (``name_words``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import regex
from anyascii import anyascii

from bitext.checks.lexicon import stems
from bitext.text import (
    base_lang,
    fold,
    language_data,
    skeleton,
)

if TYPE_CHECKING:
    from babel import Locale


def language_pair(lang: str, other: str) -> tuple[str, ...]:
    """The language pair as the name tables are keyed: base codes, in order, whichever side is asked."""
    return tuple(sorted({base_lang(lang), base_lang(other)}))


@lru_cache(maxsize=16)
def exonyms(lang: str, pair: tuple[str, ...]) -> dict[str, frozenset[int]]:
    """Folded one-word form or stem -> group numbers (a name's form tells its group). The groups are those
    of ``data/names/exonyms.json`` (any language's form counts, as the file lists only names) and every
    country and language name CLDR (babel) gives in the pair's languages beside its English name
    ("Belgia"/"Belgium", "polski"/"Polish"), where only ``lang``'s own forms count: CLDR's names are
    also ordinary words elsewhere (Azerbaijani "qatar" is a train). A form in several groups is in each
    (English "Japan" is in the hand-made group and in CLDR's beside Italian "Giappone"). Stems count
    too, each for the first group that has it, so that an inflected form ("России") meets its group
    ("Россия") and "Austria" does not meet "Australia". Names of several words or with dots are found
    as phrases (``_phrases``)."""
    exact: dict[str, set[int]] = {}
    stemmed: dict[str, int] = {}
    for i, form, code in group_forms(lang, pair):
        if _is_phrase(form) or _is_acronym(form):
            continue
        exact.setdefault(fold(form), set()).add(i)
        for stem in stems(form, code):
            if len(stem) >= 4:
                stemmed.setdefault(stem, i)  # the hand-made groups first: they join more forms
    out = {stem: frozenset({i}) for stem, i in stemmed.items()}
    out.update((form, frozenset(groups)) for form, groups in exact.items())
    return out


@lru_cache(maxsize=16)
def _phrases(lang: str, pair: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str], int], ...]:
    """The groups' names of several words or with dots ("United States", "Amerika Birləşmiş Ştatları",
    "U.S."), each as a pattern over folded text, after the start of its first word that any match holds
    (a quick test that rules most patterns out). Each word may be inflected: its last two letters (down
    to four) may change and an ending follow ("Ştatlarına", Czech "Spojených států")."""
    out: list[tuple[str, re.Pattern[str], int]] = []
    for i, form, _code in group_forms(lang, pair):
        if _is_phrase(form):
            words = _PHRASE_GAP.split(fold(form).strip())
            body = _PHRASE_JOIN.join(_inflected(w) for w in words)
            out.append((words[0][: max(4, len(words[0]) - 2)], re.compile(rf"(?<!\w){body}"), i))
    return tuple(out)


def _inflected(word: str) -> str:
    if not word[-1:].isalpha():
        return re.escape(word)  # "u.s."
    return re.escape(word[: max(4, len(word) - 2)]) + r"\w*"


@lru_cache(maxsize=16)
def acronym_groups(lang: str, pair: tuple[str, ...]) -> dict[str, frozenset[int]]:
    """The groups' acronyms ("UN", "ABŞ", "ООН"), as written: they name the group only in capitals (the
    Italian article "Un" and the English "us" name nothing)."""
    out: dict[str, frozenset[int]] = {}
    for i, form, _code in group_forms(lang, pair):
        if _is_acronym(form):
            out[form] = out.get(form, frozenset()) | {i}
    return out


# The words of a name of several words stand apart by spaces or hyphens ("États-Unis", "Royaume-Uni",
# "Guinée-Bissau"): each is a word of its own to ``WORD_RE``, so such a name is found as a phrase, with
# either between its words.
_PHRASE_GAP = re.compile(r"[\s\-‐‑]+")


_PHRASE_JOIN = _PHRASE_GAP.pattern


def _is_phrase(form: str) -> bool:
    return " " in form.strip() or "." in form or bool(re.search(r"\w[\-‐‑]\w", form))


def _is_acronym(form: str) -> bool:
    return len(form) <= 5 and form.isupper() and form.isalpha()


@lru_cache(maxsize=16)
def group_forms(lang: str, pair: tuple[str, ...]) -> tuple[tuple[int, str, str], ...]:
    """(group number, form, its language) of every exonym group's forms that count for ``lang``: the
    hand-made groups of places and peoples (``exonyms.json``), CLDR's, then the given names that
    languages write in forms of their own (``given_forms.json``: Paweł / Paul). Every form of a hand-made
    group counts, CLDR's only in ``lang``."""
    hand: list[dict[str, list[str]]] = list(language_data("names", "exonyms")["groups"])
    cldr = [g for code in pair for _table, g in _cldr_groups(code)]
    given: list[dict[str, list[str]]] = list(language_data("names", "given_forms")["groups"])
    return tuple(
        (i, form, code)
        for i, group in enumerate(hand + cldr + given)
        for code, forms in group.items()
        if not len(hand) <= i < len(hand) + len(cldr) or code == lang
        for form in forms
    )


@lru_cache(maxsize=16)
def given_groups(pair: tuple[str, ...]) -> frozenset[int]:
    """The numbers of the given names' groups (``group_forms`` numbers them last)."""
    first = len(language_data("names", "exonyms")["groups"]) + sum(len(_cldr_groups(c)) for c in pair)
    return frozenset(range(first, first + len(language_data("names", "given_forms")["groups"])))


def phrase_groups(text: str, lang: str, other: str) -> list[tuple[int, int, int]]:
    """(start, end, group) of every exonym phrase in ``text``: each of its words belongs to the group."""
    phrases = _phrases(base_lang(lang), language_pair(lang, other))
    if not phrases:
        return []
    folded = fold(text)
    return [
        (m.start(), m.end(), group)
        for head, pattern, group in phrases
        if head in folded
        for m in pattern.finditer(folded)
    ]


@lru_cache(maxsize=16)
def country_groups(pair: tuple[str, ...]) -> frozenset[int]:
    """The numbers of the groups that are CLDR's country names (``group_forms`` numbers the hand-made
    groups first, then CLDR's of each language of the pair in turn)."""
    first = len(language_data("names", "exonyms")["groups"])
    tables = [table for code in pair for table, _group in _cldr_groups(code)]
    return frozenset(first + k for k, table in enumerate(tables) if table == "territories")


def territory_name(text: str, lang: str) -> bool:
    """``text`` is CLDR's name of a country or region in ``lang`` ("France" in French, "Noruega" in
    Spanish), also where English writes it alike, which ``_cldr_groups`` leaves out."""
    return fold(text) in _territory_names(base_lang(lang))


@lru_cache(maxsize=16)
def _territory_names(lang: str) -> frozenset[str]:
    here = _locale(lang)
    if here is None:
        return frozenset()
    # one word or several, no abbreviation ("St. Lucia"): the forms a country is written by
    return frozenset(fold(name) for name in here.territories.values() if "." not in name)


def _locale(lang: str) -> Locale | None:
    """Babel's CLDR data for ``lang``; None without Babel or for a code CLDR does not know."""
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:
        return None
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return None


@lru_cache(maxsize=16)
def _cldr_groups(lang: str) -> list[tuple[str, dict[str, list[str]]]]:
    """Country and language names in ``lang`` beside their English names (one group per code), each
    with the CLDR table it comes from ("territories" or "languages")."""
    here, english = _locale(lang), _locale("en")
    if here is None or english is None:
        return []
    out: list[tuple[str, dict[str, list[str]]]] = []
    for table in ("territories", "languages"):
        theirs, ours = getattr(here, table), getattr(english, table)
        for code, name in theirs.items():
            # A language name of several words ("Gan Chinese") beside one of one word (Azerbaijani
            # "qan", blood) would make an ordinary word a name; countries' names are names either way.
            # An abbreviated word ("St. Martin", "St. Lucia") is translated ("Müqəddəs Martin" is a church
            # as often as the island), so such a name tells nothing.
            several = " " in name or " " in ours.get(code, "")
            dotted = "." in name or "." in ours.get(code, "")
            if code in ours and name != ours[code] and (table == "territories" or not several) and not dotted:
                out.append((table, {lang: [name], "en": [ours[code]]}))
    return out


@lru_cache(maxsize=1)
def gazetteer() -> frozenset[str]:
    """Folded forms that are names wherever they stand (``data/names/gazetteer.json``)."""
    table = language_data("names", "gazetteer")
    return frozenset(fold(form) for key, forms in table.items() if not key.startswith("_") for form in forms)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    return frozenset(fold(form) for form in language_data("names", "gazetteer").get("given", []))


@lru_cache(maxsize=1)
def surname_after() -> frozenset[str]:
    """Given names whose next capitalised word is a surname: the gazetteer's, and those of many languages
    that are not ordinary words too (``data/names/given.json``, from Faker's person data)."""
    return given_names() | frozenset(fold(form) for form in language_data("names", "given").get("given", []))


def given_name(text: str) -> bool:
    """A given name of the lists (``surname_after``), as written or, in a script other than Latin, as
    spelled in Latin letters: a foreign name written in Cyrillic ("Оливер", "Ричард") is a name of the
    lists under its Latin spelling."""
    key = fold(text)
    given = surname_after()
    return key in given or (not key.isascii() and _latin(key) in given)


@lru_cache(maxsize=4096)
def _latin(key: str) -> str:
    """A folded word in Latin letters (``anyascii``), for a script other than Latin; Latin letters with
    marks keep them ("jiří" stays: the lists hold it so)."""
    if regex.search(r"\p{Latin}", key):
        return key
    return anyascii(key).lower()


@lru_cache(maxsize=32)
def common_words(lang: str) -> frozenset[str]:
    return frozenset(fold(w) for w in language_data("names", "common").get(base_lang(lang), []))


@lru_cache(maxsize=1)
def _capital_noun_languages() -> frozenset[str]:
    return frozenset(language_data("names", "conventions").get("capital_nouns", []))


@lru_cache(maxsize=1)
def soft_c_languages() -> frozenset[str]:
    return frozenset(language_data("names", "conventions").get("soft_c", []))


def capitalises_nouns(lang: str) -> bool:
    """Every noun of the language starts with a capital (German), so a capital does not make a name."""
    return base_lang(lang) in _capital_noun_languages()


def known_name(word: str, lang: str, other: str) -> bool:
    """The word (or a stem of it) is a name of the gazetteer or of an exonym group of ``lang`` (a country
    or language name: German "Bangladesch", "Polen")."""
    exo = exonyms(base_lang(lang), language_pair(lang, other))
    known_names = gazetteer()
    return any(f in exo or (len(f) >= 3 and f in known_names) for f in stems(word, lang))


_ENGLISH_W = re.compile(r"^w(?=[aeio])")
_ENGLISH_A_E = re.compile(r"a([bcdfgklmnprstvz])e(s?)$")


@lru_cache(maxsize=8192)
def name_keys(word: str, lang: str) -> frozenset[str]:
    """The spelling-free keys of a word as a name: the ``skeleton`` of each of its stems ("Tomasa" and
    "Thomas" share "tomas"). The opposite check asks them too, to tell a name from a negated verb."""
    forms = stems(word, lang)
    if base_lang(lang) == "en":
        # English 'ow' is often the vowel of "now": other alphabets write it 'au' (Brown / Браун, Dowden /
        # Дауден), where the skeleton reads it as 'ov'
        forms = forms | {f.replace("ow", "au") for f in forms if "ow" in f}
        # ... and other alphabets write English names by their sound: a 'w' before a vowel opening the
        # name as 'u' (William / Uilyam, Уильям; Wales / Uels), and an 'a' that a silent final 'e' makes
        # the vowel of "day" as 'ey' (Kate / Keyt, Кейт; Wade / Ueyd)
        forms = forms | {_ENGLISH_W.sub("u", f) for f in forms}
        forms = forms | {_ENGLISH_A_E.sub(r"ey\1\2", f) for f in forms}
    # Turkish and Azerbaijani 'ğ' is silent to the skeleton ("Erdoğan" / "Erdoan"), but other alphabets
    # write it as a 'g' (Эрдоган, इरदुगान): both are keys
    forms = forms | {f.replace("ğ", "g") for f in forms if "ğ" in f}
    return frozenset(k for k in (skeleton(f) for f in forms) if k)
