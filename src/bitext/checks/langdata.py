"""Number and date knowledge per language, derived from well-kept packages and completed by data files.

- ``num2words`` spells numbers in about 50 languages: its spelling of 0-99, of the hundreds and of
  1/2/5 thousand, million and billion gives a language's number words, hundreds and scale words (with
  their plural forms: tysiące, tysięcy; миллиона, миллионов), and its ordinals 1-31.
- ``babel`` (the Unicode CLDR) gives the decimal and grouping separators, the month names (the
  nominative and the genitive a date uses: styczeń, stycznia) and the words for "percent" and "century".
- ``data/numbers/<lang>.json`` adds what neither has or corrects them: Azerbaijani case endings, Hindi
  and Chinese number words, CJK numerals and date markers, time words ("Uhr"), ambiguous month names.
  A list or table there is merged with the derived one; a single value (the decimal mark) replaces it.

A language neither package nor a data file knows falls back to English number formats.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from bitext.text import WORD_RE, base_lang
from bitext.text import language_data as data

_SPLIT = re.compile(r"[\s\-‐]+")
# num2words and babel name a few languages differently from ISO 639-1 / lingua
_NUM2WORDS_CODES = {"kk": "kz"}


def _spell(n: int, lang: str, to: str = "cardinal") -> list[str]:
    from num2words import num2words

    try:
        text = num2words(n, lang=_NUM2WORDS_CODES.get(lang, lang), to=to)
    except (NotImplementedError, OverflowError, KeyError, TypeError, ValueError, AttributeError):
        return []
    return [t for t in _SPLIT.split(str(text).lower()) if t]


def _has_num2words(lang: str) -> bool:
    from num2words import CONVERTER_CLASSES

    return _NUM2WORDS_CODES.get(lang, lang) in CONVERTER_CLASSES


def _number_words(lang: str) -> dict[str, Any]:
    """Units (0-99 and whole hundreds written as one word), hundred words, scale words, ordinals."""
    if not _has_num2words(lang):
        return {}
    units: dict[str, int] = {}
    hundreds: set[str] = set()
    scales: dict[str, int] = {}
    for n in range(100):
        words = _spell(n, lang)
        if len(words) == 1:
            units.setdefault(words[0], n)
    for k in range(1, 10):
        words = _spell(100 * k, lang)
        if len(words) == 1 and k > 1:
            units.setdefault(words[0], 100 * k)  # trzysta, trescientos, dreihundert
        elif words:
            hundreds.add(words[-1])  # cent/cents, hundred, hundrað/hundruð
    for base in (10**3, 10**6, 10**9):
        for k in (1, 2, 5):
            words = _spell(k * base, lang)
            if not words:
                continue
            last = words[-1]
            if len(words) == 1 and k > 1:
                # glued (duemila, ikibin): what follows the spelled multiplier is the scale word
                head = next((u for u, v in units.items() if v == k and last.startswith(u)), None)
                if head is None or len(last) - len(head) < 3:
                    continue
                last = last[len(head) :]
            if last in units or last in hundreds or scales.get(last, base) != base:
                continue
            scales[last] = base
    ordinals: dict[str, int] = {}
    for n in range(2, 32):
        words = _spell(n, lang, "ordinal")
        if len(words) == 1 and words[0] not in units:
            ordinals.setdefault(words[0].rstrip("."), n)
    return {"units": units, "hundred": sorted(hundreds), "scales": scales, "ordinals": ordinals}


@lru_cache(maxsize=64)
def _parsed_locale(lang: str) -> Any:
    return _locale(lang)


def _locale(lang: str) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return None


def _unit_words(lang: str, unit: str) -> list[str]:
    """What babel writes beside a number for ``unit`` ("pour cent", "Jahrhunderte", "w."), long and
    short, for 1, 2 and 5. The locale is parsed once: given as a code, babel parses it again for every
    number it formats, 25 times slower."""
    from babel.units import format_unit

    locale = _parsed_locale(lang)
    if locale is None:
        return []
    out: set[str] = set()
    for length in ("long", "short"):
        for n in (1, 2, 5):
            try:
                text = format_unit(n, unit, locale=locale, length=length)
            except Exception:  # babel raises several types for a unit a locale lacks
                continue
            phrase = re.sub(r"[\d%\s\u00a0\u202f]+", " ", str(text)).strip().lower()
            # babel echoes the unit id ("duration-century") when the locale has no name for it
            if phrase and unit not in phrase and WORD_RE.search(phrase):
                out.add(phrase)
    return sorted(out)


def _formats(lang: str) -> dict[str, Any]:
    """Separators, month names, and the words for percent, century, week and day from CLDR."""
    locale = _locale(lang)
    if locale is None:
        return {}
    from babel.dates import get_month_names
    from babel.numbers import get_decimal_symbol, get_group_symbol

    months: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for num, name in get_month_names(width, context, locale).items():
                name = name.lower().rstrip(".")
                # babel falls back to "1月" for a context some locales lack; digits are no month name
                if name and not any(ch.isdigit() for ch in name) and len(name) >= 3:
                    months.setdefault(name, int(num))
    group = get_group_symbol(locale)
    from babel.dates import get_date_format

    # the words a long date puts between its parts: Spanish "3 de junio de 1964"
    literals = re.findall(r"'([^']+)'", get_date_format("long", locale=locale).pattern)
    joiners = sorted({w.lower() for lit in literals for w in WORD_RE.findall(lit) if len(w) <= 4})
    return {
        "date_joiners": joiners,
        "decimal": get_decimal_symbol(locale),
        "group": sorted({group, " ", "\u00a0", "\u202f"}),
        "months": months,
        "percent_words": _unit_words(lang, "concentr-percent"),
        "century_words": _unit_words(lang, "duration-century"),
        "week_words": _unit_words(lang, "duration-week"),
        "day_words": _unit_words(lang, "duration-day"),
        "measure_words": _measure_words(lang),
    }


# Units a translation may convert into another ("30 cm" / "12 pouces"): CLDR's unit id, its dimension, and
# its size in that dimension's base unit (metres, kilograms).
MEASURES: dict[str, tuple[str, float]] = {
    "length-millimeter": ("length", 0.001),
    "length-centimeter": ("length", 0.01),
    "length-meter": ("length", 1.0),
    "length-kilometer": ("length", 1000.0),
    "length-inch": ("length", 0.0254),
    "length-foot": ("length", 0.3048),
    "length-yard": ("length", 0.9144),
    "length-mile": ("length", 1609.344),
    "mass-gram": ("mass", 0.001),
    "mass-kilogram": ("mass", 1.0),
    "mass-ounce": ("mass", 0.028349523125),
    "mass-pound": ("mass", 0.45359237),
}


def _measure_words(lang: str) -> dict[str, str]:
    """Each word CLDR writes beside a number for a unit of ``MEASURES`` (long and short), lower case, to
    its unit id; British spellings beside American ones for English ("metres"). Not a word of two letters
    or more that is among the language's commonest (``FUNCTION_WORD_ZIPF``: English and German "in",
    Spanish and Italian "mi"), which follows a number as often as the unit does."""
    from bitext.checks.language import word_zipf

    out: dict[str, str] = {}
    for locale in (lang, f"{lang}_GB") if lang == "en" else (lang,):
        for unit in MEASURES:
            for phrase in _unit_words(locale, unit):
                word = phrase.rstrip(".")
                if len(word) < 2 or (word_zipf(word, lang) or 0.0) < FUNCTION_WORD_ZIPF:
                    out.setdefault(word, unit)
    return out


# wordfreq's Zipf scale: a word used once in every thousand (English "in" 7.3, Italian "mi" 6.6; the unit
# abbreviations stand below, "km" at 5.0 in German)
FUNCTION_WORD_ZIPF = 6.0


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(value, dict) and isinstance(old, dict):
            out[key] = {**old, **value}
        elif isinstance(value, list) and isinstance(old, list):
            out[key] = list(dict.fromkeys([*old, *value]))
        else:
            out[key] = value
    return out


@lru_cache(maxsize=32)
def number_table(lang: str) -> dict[str, Any]:
    """Everything the number check knows about ``lang``'s way of writing numbers and dates.

    ``source`` says where it came from: a list of "num2words", "babel", "data"; empty for a language
    none of them knows (then English conventions are used, and the pair's summary says so)."""
    code = base_lang(lang)
    words, formats, hand = _number_words(code), _formats(code), data("numbers", code)
    source = [name for name, part in (("num2words", words), ("babel", formats), ("data", hand)) if part]
    table = _merge(_merge(words, formats), hand)
    if not source:
        table = dict(data("numbers", "en"))
    english = data("numbers", "en")
    for key in ("decimal", "group", "months"):
        table.setdefault(key, english[key])
    table["source"] = source
    return table


def _caseless_language(lang: str) -> bool:
    """The language's script has no capital letters (Chinese, Hindi, Arabic), judged by the letters of
    its month and day names in CLDR."""
    locale = _locale(lang)
    if locale is None:
        return False
    from babel.dates import get_day_names, get_month_names

    names = [*get_month_names("wide", locale=locale).values(), *get_day_names("wide", locale=locale).values()]
    sample = "".join(names)
    letters = [ch for ch in sample if ch.isalpha()]
    return bool(letters) and not any(ch.lower() != ch.upper() for ch in letters)


@lru_cache(maxsize=64)
def skipped_checks(source_lang: str, target_lang: str) -> tuple[tuple[str, str], ...]:
    """(check kind, why) for each lexical check that has no language data for this pair and so says
    nothing; the encoder-based evidence (meaning, omission, word alignment) works for any pair."""
    from bitext.checks.contrasts import load_lexicon
    from bitext.text import language_name

    out: list[tuple[str, str]] = []
    langs = [base_lang(source_lang), base_lang(target_lang)]
    missing = [lang for lang in langs if load_lexicon(lang) is None]
    if missing:
        names = " and ".join(language_name(lang) for lang in missing)
        out.append(("opposite", f"no negation or contrast words for {names}"))
    caseless = [lang for lang in langs if _caseless_language(lang)]
    if caseless:
        names = " and ".join(language_name(lang) for lang in caseless)
        why = f"{names} has no capital letters to tell names by"
        if len(set(caseless)) < len(set(langs)):
            why += "; with the encoder, the other side's names are checked by word alignment only"
        out.append(("name", why))
    bare = [lang for lang in langs if not number_table(lang)["source"]]
    if bare:
        names = " and ".join(language_name(lang) for lang in bare)
        out.append(("number", f"no number words or formats for {names} (digits read the English way)"))
    return tuple(out)


def skipped_note(source_lang: str, target_lang: str) -> str:
    """One line for a summary: "skipped: name (Chinese has no capital letters ...)", or ''."""
    found = skipped_checks(source_lang, target_lang)
    return "; ".join(f"{kind} ({why})" for kind, why in found)
