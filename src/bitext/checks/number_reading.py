"""Numbers and dates read out of a text into normalised values (``extract``): a year, a day of a month, a
century, a decade, a percent, a time, a plain quantity, from digits, Roman numerals, number words and CJK
numerals, with each language's month names, separators and endings (``checks/langdata.py``). The number
and date checks (``numbers``) compare what the two sides of a pair hold.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bitext.checks.langdata import MEASURES, number_table
from bitext.text import LETTERS, WORD_RE, base_lang, fold

Key = tuple[Any, ...]

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_YEAR_MIN, _YEAR_MAX = 1000, 2100
# An ending glued to a digit: "1917-ci", "300-dən", "19th", "20.", "1920's".
_SUF = r"(?:['’]?s\b|[-‑']?[^\W\d_]{1,6})?"
# A day may also carry a full stop ("9. November").
_DSUF = r"(?:\.(?!\d)|" + _SUF[3:]
_NUM = r"\d+(?:[.,\u00a0\u202f ]\d+)*"
_DASH = r"\s*[-‑–—]\s*"
_FRACTIONS = "\u00bc-\u00be\u2150-\u215e"  # the vulgar fractions: ¼ ½ ¾, ⅐ to ⅞
# Scripts written without spaces: a digit glued to one of their characters ("电站330多座") stands alone.
_NOSPACE = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f"
_NOT_AFTER_LETTER = rf"(?<![^\W\d_{_NOSPACE}])"


@dataclass(frozen=True)
class Value:
    """One normalised value found in a text, with where it is."""

    key: Key
    start: int
    end: int
    text: str
    is_date: bool = False
    soft: bool = False  # number words and bare month names: weak evidence, never flagged alone
    covers: frozenset[Key] = field(default_factory=frozenset)
    label: str = ""  # how the message shows it ("1925-1931" for "1925-31"); the excerpt stays exact
    word: bool = False  # spelled out in the language's number words ("drei", "восемьдесят")
    quantifier: bool = False  # "both", "hər iki": cancels a 2 on the other side, never flagged
    # Other keys the same characters may mean: "45,000" in a language that writes a decimal comma is
    # 45 by its own convention, but a translation often keeps the original's 45,000 (``_other_reading``).
    readings: frozenset[Key] = field(default_factory=frozenset)
    # A length or a mass (``langdata.MEASURES``): its unit, dimension and size in metres or kilograms, for
    # a translation that converts it ("30 cm" / "12 pouces")
    measure: tuple[str, str, float] | None = None

    @property
    def shown(self) -> str:
        return self.label or self.text

    @property
    def magnitude(self) -> float:
        nums = [x for x in self.key[1:] if isinstance(x, int | float)]
        return float(nums[0]) if nums else 0.0


def _lang(lang: str) -> dict[str, Any]:
    return number_table(base_lang(lang))


def _month(word: str, lang: str, *, strict: bool) -> int | None:
    """Month number of ``word`` ("yanvarın", "Jan.", "January"), or None.

    ``strict`` refuses month names that are also common words (English "may", "march") unless a digit
    stands next to them, which the caller knows.
    """
    table = _lang(lang)
    months, ambiguous = _month_names(base_lang(lang))
    w = fold(word).rstrip(".")
    if w in months:
        if strict and w in ambiguous:
            return None
        return months[w]
    suffix = table.get("suffix_pattern")
    if suffix and table.get("suffix_stems"):
        for name, num in months.items():
            if len(name) >= 3 and w.startswith(name) and re.fullmatch(suffix, w[len(name) :]):
                return num
    return None


@lru_cache(maxsize=32)
def _month_names(code: str) -> tuple[dict[str, int], frozenset[str]]:
    """``code``'s month names folded, with their numbers, and those that are also common words: built
    once per language, since every word of every text may be asked about."""
    table = number_table(code)
    months = {fold(k): int(v) for k, v in table["months"].items()}
    return months, frozenset(fold(a) for a in table.get("ambiguous_months", []))


@lru_cache(maxsize=32)
def _number_words(code: str) -> tuple[dict[str, int], set[str], dict[str, int], set[str]]:
    """``code``'s number words folded: units and ordinals with their values, hundreds, scales and
    joiners (built once per language, not once per text)."""
    table = number_table(code)
    units: dict[str, int] = {fold(k): v for k, v in table.get("units", {}).items()}
    units |= {fold(k): v for k, v in table.get("ordinals", {}).items()}
    hundreds = {fold(w) for w in table.get("hundred", [])}
    scales = {fold(k): v for k, v in table.get("scales", {}).items() if len(k) > 2}
    joiners = {fold(w) for w in table.get("joiners", [])}
    return units, hundreds, scales, joiners


def _roman(text: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(text):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total if 0 < total <= 30 else None


def _parse_number(token: str, lang: str) -> float | None:
    """'1,000' -> 1000 (en), '1.000' -> 1000 (az), '3,5' -> 3.5 (az), '3.5' -> 3.5 (any); None for a
    token no grouping explains, or one of more digits than a float holds (a 400-digit run is no value)."""
    value = _read_number(token, lang)
    return value if value is not None and math.isfinite(value) else None


def _read_number(token: str, lang: str) -> float | None:
    table = _lang(lang)
    decimal: str = table["decimal"]
    parts = re.split(r"([.,\u00a0\u202f ])", token)
    digits, seps = parts[0::2], parts[1::2]
    if not seps:
        return float(digits[0])
    if len(set(seps)) == 1 and len(seps) > 1:
        # several equal separators can only group thousands: 1,000,000 / 1.000.000; or, in South Asia,
        # a thousand and then lakhs and crores: 12,34,567
        if all(len(d) == 3 for d in digits[1:]) and len(digits[0]) <= 3:
            return float("".join(digits))
        if len(digits[-1]) == 3 and all(len(d) == 2 for d in digits[1:-1]) and len(digits[0]) <= 2:
            return float("".join(digits))
        return None
    if len(seps) == 1:
        sep, tail = seps[0], digits[1]
        if sep in " \u00a0\u202f":
            return float("".join(digits)) if len(tail) == 3 and len(digits[0]) <= 3 else None
        if len(tail) != 3:
            return float(f"{digits[0]}.{tail}")
        return float(f"{digits[0]}.{tail}") if sep == decimal else float(digits[0] + tail)
    # mixed: the last separator is the decimal one (1,000.5 / 1.000,5 / 1 000,5), the others group
    # thousands, all alike ("34,125 34,125" is a number written twice, not 3412534.125)
    grouping, groups = set(seps[:-1]), digits[1:-1]
    if len(grouping) != 1 or seps[-1] in grouping or len(digits[0]) > 3:
        return None
    if not (
        all(len(d) == 3 for d in groups) or (len(groups[-1]) == 3 and all(len(d) == 2 for d in groups[:-1]))
    ):
        return None
    return float(f"{''.join(digits[:-1])}.{digits[-1]}")


def _other_reading(token: str, value: float) -> float | None:
    """The value ``token`` has by the other convention than the one that read it as ``value``, where one
    separator stands before exactly three digits ("45,000", "1.500"): a thousands group in one
    convention, a decimal point in the other. A translation keeps the original's format often enough
    ("45,000-dən" in Azerbaijani, whose decimal separator is the comma) that either reading may be
    meant. None for any other token."""
    m = re.fullmatch(r"(\d{1,3})([.,])(\d{3})", token)
    if m is None:
        return None
    whole, fraction = float(m.group(1) + m.group(3)), float(f"{m.group(1)}.{m.group(3)}")
    return fraction if value == whole else whole


def _is_year(v: float, raw: str) -> bool:
    whole = math.isfinite(v) and v == int(v)
    return whole and _YEAR_MIN <= v <= _YEAR_MAX and raw.isdigit() and len(raw) == 4


_NEXT_WORD = re.compile(rf"\s*({LETTERS}\.?)")


def _next_word(text: str, pos: int) -> tuple[str, int] | None:
    m = _NEXT_WORD.match(text, pos)
    if not m:
        return None
    # keep a full stop only when it marks an abbreviation ("c.", "Jh."), not the end of the sentence
    if m.group(1).endswith(".") and len(m.group(1)) > 4:
        return m.group(1)[:-1], m.end() - 1
    return m.group(1), m.end()


def _starts_with_any(word: str, heads: list[str]) -> bool:
    w = fold(word)
    # a head written without spaces (世纪) opens the run of characters that follows the numeral
    return any(w == h or ((len(h) >= 3 or _unspaced(h)) and w.startswith(h)) for h in heads)


def _unspaced(word: str) -> bool:
    return bool(word) and re.fullmatch(f"[{_NOSPACE}]+", word) is not None


def _scale(
    word: str, scales: dict[str, int], suffix: str | None = None, not_scales: frozenset[str] = frozenset()
) -> int | None:
    """The scale a word names: 'million', or an inflected form num2words does not spell ('milionu'; with
    the language's ``suffix`` pattern, a short scale word's endings too: Azerbaijani 'mindən'); never a
    word of ``not_scales`` (French 'milles' are miles: 'mille', a thousand, takes no s)."""
    w = fold(word).rstrip(".")
    if w in not_scales:
        return None
    if w in scales:
        return scales[w]
    for name, value in scales.items():
        if len(name) >= 5 and w.startswith(name) and len(w) - len(name) <= 3:
            return value
        if suffix and w.startswith(name) and re.fullmatch(suffix, w[len(name) :]):
            return value
    return None


def _names_unit(word: str, unit_words: list[str]) -> bool:
    """``word`` is one of ``unit_words`` or an inflection of one of four letters or more ("Tagen": "tage")."""
    names = [fold(w).rstrip(".") for w in unit_words]
    return word in names or any(len(n) >= 4 and word.startswith(n) and len(word) - len(n) <= 2 for n in names)


def _ocr_elision(text: str, start: int, end: int) -> bool:
    """A lone '1' glued by an apostrophe to the next word ("1'«Human Interest»", "1'homme"): OCR's reading
    of the elided article l' (French, Italian, Catalan), not a number."""
    return text[start:end] == "1" and bool(re.match(r"['’][«\"“]?\s?[^\W\d_]", text[end : end + 4]))


class _Scanner:
    """Finds values in one text, left to right by kind, never reading the same characters twice."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        self.table = _lang(lang)
        self.taken = [False] * len(text)
        self.values: list[Value] = []

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def add(self, value: Value) -> None:
        self.values.append(value)
        for i in range(value.start, value.end):
            self.taken[i] = True

    def finditer(self, pattern: str) -> Iterator[re.Match[str]]:
        for m in re.finditer(pattern, self.text, flags=re.IGNORECASE):
            if self.free(m.start(), m.end()):
                yield m

    # -- dates with month names -------------------------------------------------------------
    def dates(self) -> None:
        # a whole word: not the tail of a longer one ("emay"), which a long run of letters also made
        # every letter of it a new start (quadratic)
        mon = r"(?<![^\W\d_])(?P<mon>[^\W\d_]+\.?)"
        day = r"(?P<day>\d{1,2})"
        year = r"(?P<year>\d{4})"
        joiners = "|".join(re.escape(w) for w in self.table.get("date_joiners", []))
        j = rf"(?:\s+(?:{joiners}))?" if joiners else ""
        # between the day and the month: a space, or none after the day's full stop ("am 9.Mai", as OCR
        # and hurried typing write it)
        gap = rf"(?:\.(?!\d){j}\s*|{_DSUF}{j}\s+)"
        patterns = [
            rf"(?<!\d){day}{gap}{mon}{j}\s*,?\s+{year}(?!\d){_SUF}",
            rf"{mon}\s+{day}{_SUF}\s*,?\s+{year}(?!\d){_SUF}",
            rf"(?<!\d){year}{_SUF}\s+(?:[^\W\d_]+\s+)?{mon}\s+{day}(?!\d){_SUF}",
            rf"{mon}{j}\s*,?\s+{year}(?!\d){_SUF}",
            rf"(?<!\d){year}{_SUF}\s+(?:[^\W\d_]+\s+)?{mon}",
            rf"(?<!\d){day}{gap}{mon}",
            rf"{mon}\s+{day}(?!\d)(?!{_DASH}\d){_SUF}",
        ]
        # a decade takes no month: "1950-ci illərdə iyun ayında" is in the 1950s, in June
        decades = {end for _, _, end in self._decade_spans()}
        for pattern in patterns:
            for m in self.finditer(pattern):
                month = _month(m.group("mon"), self.lang, strict=False)
                if month is None or any(m.start() < end <= m.start("mon") for end in decades):
                    continue
                groups = m.groupdict()
                d = int(groups["day"]) if groups.get("day") else 0
                y = int(groups["year"]) if groups.get("year") else 0
                if not 0 <= d <= 31 or (y and not _YEAR_MIN <= y <= _YEAR_MAX):
                    continue
                self.add(_date_value(y, month, d, m, soft=False))
        # dd.mm.yyyy
        for m in self.finditer(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.]\d)"):
            d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if 1 <= d <= 31 and 1 <= mo <= 12:
                covers = {("n", float(y)), ("ym", y, mo), ("md", mo, d), ("month", mo)}
                self.add(
                    Value(("date", y, mo, d), m.start(), m.end(), m.group(0), True, False, frozenset(covers))
                )

    def day_lists(self) -> None:
        """'July 17 and 22', '3, 5 and 9 May': the other days of a list share the dated day's month. They
        are weak evidence (the number after 'and' may count something else), never flagged alone."""
        words = self.table.get("list_words") or self.table.get("range_words", [])
        joiner = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
        link = rf"\s*(?:,|&|[-–]|\s(?:{joiner}))\s*" if joiner else r"\s*(?:,|&|[-–])\s*"
        for v in [v for v in self.values if v.key[0] in ("md", "date") and v.key[-1]]:
            month = v.key[-2]
            pos = v.end
            while m := re.match(link + r"(\d{1,2})(?!\d|[.,]\d)" + _SUF, self.text[pos:]):
                d = int(m.group(1))
                start, end = pos + m.start(1), pos + m.end()
                if not 1 <= d <= 31 or not self.free(start, end):
                    break
                cov = frozenset({("md", month, d), ("n", float(d))})
                self.add(Value(("md", month, d), start, end, self.text[start:end], True, True, cov))
                pos = end

    # -- centuries and decades ----------------------------------------------------------------
    def centuries(self) -> None:
        heads = self.table.get("century_words", [])
        numeral = r"(?<!\d)(?:(?P<roman>[IVXLC]{1,6})|(?P<num>\d{1,2}))"
        for m in self.finditer(_NOT_AFTER_LETTER + numeral + _SUF):
            glued = self.text[max(m.end("roman"), m.end("num")) : m.end()]
            nxt = (glued, m.end()) if _unspaced(glued[:1]) else _next_word(self.text, m.end())
            if nxt is None or not _starts_with_any(nxt[0], heads):
                continue
            n = _roman(m.group("roman")) if m.group("roman") else int(m.group("num"))
            if n:
                start, end = m.start(), nxt[1]
                cov = _century_covers(n)
                self.add(Value(("century", n), start, end, self.text[start:end], True, False, cov))
        # the word first: "siglo XV", "XV secolo" is above
        words = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True) if len(h) >= 3)
        if not words:
            return
        pattern = rf"(?<![\w])(?:{words})[^\W\d_]*\s+(?:(?P<roman>[IVXLC]{{1,6}})|(?P<num>\d{{1,2}}))\b"
        for m in self.finditer(pattern):
            n = _roman(m.group("roman")) if m.group("roman") else int(m.group("num"))
            if n:
                cov = _century_covers(n)
                self.add(Value(("century", n), m.start(), m.end(), m.group(0), True, False, cov))

    def decades(self) -> None:
        """"the 1860s", "1860-cı illər" (a word after), "les années 1860" (a word before), "1860er"."""
        for y, start, end in self._decade_spans():
            cov = frozenset({("n", float(y))})
            if y % 100 == 0:  # "the 1800s" is as often the 19th century as the decade 1800-1809
                cov |= {("century", y // 100 + 1)}
            self.add(Value(("decade", y), start, end, self.text[start:end], True, False, cov))

    def _decade_spans(self) -> list[tuple[int, int, int]]:
        """(year, start, end) of every decade the text names (``decades``)."""
        heads = self.table.get("decade_words", [])
        before = [fold(h) for h in self.table.get("decade_heads", [])]
        suffixes = ("s", "'s", *(fold(x) for x in self.table.get("decade_suffixes", [])))
        out = []
        for m in self.finditer(r"(?<![\d\w])(\d{3}0)(?P<suf>" + _SUF + r")"):
            suf = m.group("suf").lower().replace("’", "'")
            start, end = m.start(), m.end()
            head = re.search(r"(\w+)\s+$", self.text[max(0, start - 40) : start])
            if head and fold(head.group(1)) in before and not suf:
                start -= len(head.group(0))
            elif suf not in suffixes:
                nxt = _next_word(self.text, end)
                if nxt is None or not _starts_with_any(nxt[0], heads):
                    continue
                end = nxt[1]
            y = int(m.group(1))
            if _YEAR_MIN <= y <= _YEAR_MAX:
                out.append((y, start, end))
        return out

    # -- ranges -------------------------------------------------------------------------------
    def ranges(self) -> None:
        for m in self.finditer(r"(?<![\d.,])(\d{1,4})" + _DASH + r"(\d{1,4})(?![\d.,]\d)" + _SUF):
            a, b = int(m.group(1)), _range_end(m.group(1), m.group(2))
            if b <= a:
                continue
            years = _YEAR_MIN <= a <= _YEAR_MAX and _YEAR_MIN <= b <= _YEAR_MAX
            for v in (a, b):
                self.add(Value(("n", float(v)), m.start(), m.end(), m.group(0), years, label=f"{a}-{b}"))
        # a season or a span of years with a slash, "1952/53", "2019/2020": a year, then a later year of
        # the next ten written in full or by its last two digits (never "3/4" or "12/05", which need
        # a four-digit year first)
        for m in self.finditer(r"(?<![\d.,/])(\d{4})/(\d{2}|\d{4})(?![\d.,/]?\d)"):
            a, b = int(m.group(1)), _range_end(m.group(1), m.group(2))
            if not (_YEAR_MIN <= a < b <= _YEAR_MAX and b - a <= 10):
                continue
            for v in (a, b):
                self.add(Value(("n", float(v)), m.start(), m.end(), m.group(0), True, label=f"{a}-{b}"))
        # OCR-glued range "19061917": only when it splits into two plausible years in order
        for m in self.finditer(r"(?<![\d.,])(\d{4})(\d{4})(?![\d.,]\d)"):
            a, b = int(m.group(1)), int(m.group(2))
            if _YEAR_MIN <= a < b <= _YEAR_MAX and b - a <= 100:
                for v in (a, b):
                    self.add(Value(("n", float(v)), m.start(), m.end(), m.group(0), True, label=f"{a}-{b}"))

    # -- percents and plain numbers -------------------------------------------------------------
    def numbers(self) -> None:
        pct_words = [fold(w) for w in self.table.get("percent_words", [])]
        scales: dict[str, int] = self.table.get("scales", {})
        not_scales = frozenset(fold(w) for w in self.table.get("not_scales", []))
        for m in self.finditer(
            r"(?P<pre>%\s?)?" + _NOT_AFTER_LETTER + r"(?<![\d.,])(?P<num>" + _NUM + r")(?P<suf>" + _SUF + r")"
        ):
            start, end = m.start(), m.end()
            if self._list_marker(start, m.end("num")) or _ocr_elision(self.text, start, m.end("num")):
                continue
            raw = m.group("num").strip()
            value = _parse_number(raw, self.lang)
            if value is None:
                self._spaced(m.start("num"), raw)
                continue
            other = _other_reading(raw, value)
            rest = self.text[end:]
            pct = bool(m.group("pre"))
            mp = re.match(r"\s?[%％]", rest)
            if mp:
                pct, end = True, end + mp.end()
            else:
                nxt = _next_word(self.text, end)
                glued = fold(m.group("suf")) if m.group("suf") else ""
                suffix = self.table.get("suffix_pattern") if self.table.get("suffix_stems") else None
                spaced = _scale(nxt[0], scales, suffix, not_scales) if nxt and not glued else None
                if glued in scales:  # "£125m", "3bn"
                    value *= scales[glued]
                    other = None if other is None else other * scales[glued]
                elif spaced and len(fold(nxt[0] if nxt else "").rstrip(".")) > 1 and nxt:
                    # a one-letter scale only glued: "100 m" is a hundred metres
                    value *= spaced
                    other = None if other is None else other * spaced
                    end = nxt[1]
                elif nxt and any(fold(self.text[end:]).lstrip().startswith(w) for w in pct_words if w):
                    pct = True
            if not math.isfinite(value):
                continue  # past what a float holds once scaled ("9" * 300 + " billion")
            key: Key = ("pct", value) if pct else ("n", value)
            cov = frozenset({("n", value)}) if pct else frozenset()
            is_year = not pct and _is_year(value, raw)
            readings: frozenset[Key] = frozenset()
            if other is not None and math.isfinite(other):
                readings = frozenset({("pct", other) if pct else ("n", other)})
            measure = None
            if not pct:
                after = _next_word(self.text, end)
                word = fold(after[0]).rstrip(".") if after else ""
                cov |= self._duration(value, word)
                scaled = glued in scales or m.end() < end  # "3bn"; a scale word after it
                measure = None if scaled else self._measure(value, glued or word)
            span = self.text[start:end]
            self.add(Value(key, start, end, span, is_year, False, cov, readings=readings, measure=measure))

    def _measure(self, value: float, word: str) -> tuple[str, str, float] | None:
        """The length or mass a number measures, by ``word``, the unit glued to it ("30cm") or the word
        after it ("12 pouces"), folded, among CLDR's names for the units of ``langdata.MEASURES``; None
        for any other."""
        words: dict[str, str] = self.table.get("measure_words", {})
        unit = words.get(word) if word else None
        if unit is None:
            return None
        dimension, size = MEASURES[unit]
        return unit, dimension, value * size

    def _duration(self, value: float, word: str) -> frozenset[Key]:
        """The same span of time counted in the other unit, where ``word``, the folded word after the
        number, is a week or day word (CLDR's, ``week_words`` and ``day_words``): two weeks are 14 days,
        and 15 where a language counts both ends ("quinze jours", "quindici giorni"); 14 or 15 days are
        two weeks."""
        if not word or not value.is_integer() or value <= 0:
            return frozenset()
        n = int(value)
        if _names_unit(word, self.table.get("week_words", [])):
            return frozenset({("n", float(7 * n)), ("n", float(7 * n + 1))})
        if _names_unit(word, self.table.get("day_words", [])) and n >= 7 and n % 7 in (0, 1):
            return frozenset({("n", float(n // 7))})
        return frozenset()

    def codes(self) -> None:
        """A number glued after capitals, a code ("U23", "G7", "Q3", "F1"): the other side may spell its
        number out ("moins de 23 ans", "le 3e trimestre"), so it is read as a number, but as weak evidence,
        never flagged alone; against another code's number it is ("G7" / "G8"). Not inside a longer word
        ("B2B", "H2O")."""
        for m in self.finditer(r"(?<![^\W_])(?P<head>[^\W\d_]{1,3})(?P<num>\d{1,3})(?![^\W_])"):
            if not m.group("head").isupper():
                continue
            self.add(Value(("n", float(m.group("num"))), m.start(), m.end(), m.group(0), soft=True))

    def fractions(self) -> None:
        """A vulgar fraction, alone or after a whole number ("½", "1½", "1 ½ m"): its value by Unicode
        ("1 ½" is 1.5, which the other side may write "1,50")."""
        for m in self.finditer(rf"{_NOT_AFTER_LETTER}(?<![\d.,])(?:(\d+)[ \u00a0\u202f]?)?([{_FRACTIONS}])"):
            whole = int(m.group(1)) if m.group(1) else 0
            value = whole + unicodedata.numeric(m.group(2))
            self.add(Value(("n", value), m.start(), m.end(), m.group(0)))

    def hundredths(self) -> None:
        """A sum written as its whole units, the currency's abbreviation, then its hundredths ("2 fr. 70",
        "3 frs 60": 2.70 and 3.60 francs, where another text writes "Fr. 2.70"; tokenised, "2 fr . 70"), for
        the abbreviations of ``money_hundredths`` in the language's number data: one value, not two."""
        units = self.table.get("money_hundredths", [])
        if not units:
            return
        unit = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
        space = "[ \u00a0\u202f]?"
        pattern = rf"(?<![\d.,])(\d{{1,6}}){space}(?:{unit})(?:\s?\.)?{space}(\d{{2}})(?![\d,.]?\d)"
        for m in self.finditer(pattern):
            value = int(m.group(1)) + int(m.group(2)) / 100
            self.add(Value(("n", value), m.start(), m.end(), m.group(0)))

    def _spaced(self, start: int, raw: str) -> None:
        """Numbers that a space joins and no grouping of thousands explains ("5 5", "34,125 34,125", a
        word repeated): each one on its own."""
        for piece in re.finditer(r"[^\s\u00a0\u202f]+", raw):
            value = _parse_number(piece.group(0), self.lang)
            if value is not None:
                a, b = start + piece.start(), start + piece.end()
                self.add(Value(("n", value), a, b, piece.group(0), _is_year(value, piece.group(0))))

    def _list_marker(self, start: int, num_end: int) -> bool:
        """'1)' or '(2)' at the start of the text or of a line: an enumeration, not a value."""
        before = self.text[:start].rstrip(" (")
        after = self.text[num_end : num_end + 2]
        return (before == "" or before.endswith("\n")) and (after.startswith(")") or after == ". ")

    # -- number words ---------------------------------------------------------------------------
    def words(self) -> None:
        known, hundreds, scales, joiners = _number_words(base_lang(self.lang))
        units = dict(known)  # this text's glued numbers are added to its own copy
        century_heads = self.table.get("century_words", [])
        tokens = [m for m in WORD_RE.finditer(self.text) if self.free(m.start(), m.end())]
        i = 0
        while i < len(tokens):
            run: list[tuple[re.Match[str], str]] = []
            j = i
            while j < len(tokens):
                kind = self._word_kind(tokens[j].group(0), units, hundreds, scales)
                gap = self.text[tokens[j - 1].end() : tokens[j].start()] if run else ""
                if (
                    run
                    and kind == "unit"
                    and run[-1][1] == "unit"
                    and not self._compound(run[-1][0], tokens[j], units)
                ):
                    break  # "bir-iki gün", "two or three": alternatives, not one number
                if kind and (not run or re.fullmatch(r"\s*-?\s*", gap)):
                    run.append((tokens[j], kind))
                    j += 1
                elif run and fold(tokens[j].group(0)) in joiners and j + 1 < len(tokens):
                    nxt_kind = self._word_kind(tokens[j + 1].group(0), units, hundreds, scales)
                    if not nxt_kind or nxt_kind in ("hundred", "scale"):
                        break
                    j += 1
                else:
                    break
            if not run:
                i += 1
                continue
            value = self._run_value(run, units, scales)
            start, end = run[0][0].start(), run[-1][0].end()
            i = max(j, i + 1)
            if value is None or (value <= 1 and len(run) == 1) or run[0][1] == "scale":
                continue
            nxt = _next_word(self.text, end)
            if nxt and _starts_with_any(nxt[0], century_heads):
                self.add(Value(("century", int(value)), start, nxt[1], self.text[start : nxt[1]], True))
                continue
            word = fold(nxt[0]).rstrip(".") if nxt else ""
            span, cov = self.text[start:end], self._duration(float(value), word)
            measure = self._measure(float(value), word)
            value_key: Key = ("n", float(value))
            self.add(Value(value_key, start, end, span, False, True, cov, word=True, measure=measure))

    def quantifiers(self) -> None:
        """'both', 'beide', 'hər iki': a pair (or group) taken together. It matches a 2 on the other side,
        but the other side may as well say 'each', '均' or 'həm ... həm də', so it is never flagged, alone
        or against another number."""
        words = {fold(k): v for k, v in self.table.get("quantifiers", {}).items()}
        heads = {fold(w) for w in self.table.get("quantifier_heads", [])}
        if not words and not heads:
            return
        units: dict[str, int] = {fold(k): v for k, v in self.table.get("units", {}).items()}
        tokens = [m for m in WORD_RE.finditer(self.text) if self.free(m.start(), m.end())]
        for k, m in enumerate(tokens):
            w = fold(m.group(0))
            if w in words:
                value = float(words[w])
                self.add(Value(("n", value), m.start(), m.end(), m.group(0), False, True, quantifier=True))
                continue
            if w not in heads or k + 1 == len(tokens):
                continue
            nxt = tokens[k + 1]
            gap = self.text[m.end() : nxt.start()]
            folded = fold(nxt.group(0))
            if gap.isspace() and (folded in units or self._stem(folded, units)):
                start, end = m.start(), nxt.end()
                value = float(self._unit(folded, units))
                self.add(Value(("n", value), start, end, self.text[start:end], False, True, quantifier=True))

    def _word_kind(self, word: str, units: dict[str, int], hundreds: set[str], scales: dict[str, int]) -> str:
        w = fold(word)
        for table, kind in ((units, "unit"), (dict.fromkeys(hundreds, 100), "hundred"), (scales, "scale")):
            if w in table:
                return kind
            stem = self._stem(w, table)
            if stem:
                return kind
        glued = self._glued(w, units, hundreds, scales)
        if glued is not None:
            units[w] = glued  # remembered for _unit and _run_value
            return "unit"
        return ""

    def _glued(self, w: str, units: dict[str, int], hundreds: set[str], scales: dict[str, int]) -> int | None:
        """A number written as one word ("dreihundertfünfundzwanzig", "duemilacinque", "ikiyüzelli"):
        the word splits wholly into the language's number words, at least one a hundred or a scale."""
        if len(w) < 8:
            return None
        pieces: dict[str, str] = {**dict.fromkeys(units, "unit"), **dict.fromkeys(hundreds, "hundred")}
        pieces |= dict.fromkeys(scales, "scale")
        pieces |= dict.fromkeys((fold(j) for j in self.table.get("joiners", [])), "joiner")
        best: list[list[tuple[str, str]] | None] = [[]] + [None] * len(w)
        for i in range(1, len(w) + 1):
            for j in range(max(0, i - 20), i - 1):
                prev, part, cur = best[j], w[j:i], best[i]
                if prev is not None and part in pieces and (cur is None or len(prev) + 1 < len(cur)):
                    best[i] = [*prev, (part, pieces[part])]
        split = best[-1]
        if not split or len(split) < 2:
            return None
        total, current, last = 0, 0, 0
        for part, kind in split:
            if kind == "unit":
                if last and units[part] >= _place(last):
                    return None  # "dreizehnelf": two numbers side by side, not one
                current += units[part]
                last = units[part]
                continue
            last = 0
            if kind == "joiner":
                continue
            elif kind == "hundred":
                current = max(current, 1) * 100
            elif kind == "scale":
                total += max(current, 1) * scales[part]
                current = 0
        return total + current

    def _stem(self, w: str, table: dict[str, int]) -> str:
        """The number word ``w`` is built on ('ikisi' -> 'iki', 'üçüncü' -> 'üç'), or ''."""
        suffix = self.table.get("suffix_pattern")
        if not suffix or not self.table.get("suffix_stems"):
            return ""
        banned = set(self.table.get("no_suffix", []))
        if w in self.table.get("not_numbers", ()):
            return ""
        for name in sorted(table, key=len, reverse=True):
            if (
                name not in banned
                and w.startswith(name)
                and w != name
                and re.fullmatch(suffix, w[len(name) :])
            ):
                return name
        return ""

    def _unit(self, word: str, units: dict[str, int]) -> int:
        w = fold(word)
        return units[w] if w in units else units[self._stem(w, units)]

    def _compound(self, prev: re.Match[str], cur: re.Match[str], units: dict[str, int]) -> bool:
        """'twenty five', 'on beş', 'trzysta dwadzieścia': a round number followed by a smaller one
        that fits in its zeros is one number."""
        a, b = self._unit(prev.group(0), units), self._unit(cur.group(0), units)
        return a >= 10 and b < _place(a)

    # -- times -----------------------------------------------------------------------------------
    def times(self) -> None:
        """'15:40', '3:40 p.m.', '3.40 Uhr', '15h30': a time of day, compared on a 12-hour clock (the
        other side may say '3:40 in the afternoon'). A dot or an 'h' makes a time only beside one of
        the language's time words; a colon always does."""
        words = sorted({fold(w) for w in self.table.get("time_words", [])}, key=len, reverse=True)
        after = "|".join(re.escape(w) for w in words)
        tail = rf"(?:\s*(?:{after})(?![^\W\d_]))?" if after else ""
        # "15h30", and with spaces or an abbreviation's full stop, "15 h 30", "15 h. 30": the 'h' is a time
        # word itself where the language has it as one (French)
        pattern = rf"(?<![\d.,:])(?P<h>\d{{1,2}})(?P<sep>[:.]|\s?h\.?\s?)(?P<m>\d{{2}})(?![\d.,:]?\d){tail}"
        for m in self.finditer(pattern):
            h, mi = int(m.group("h")), int(m.group("m"))
            before = fold(self.text[: m.start()]).rstrip()
            has_word = (
                (bool(after) and m.end() > m.end("m"))
                or any(before.endswith(w) and not before[: -len(w)][-1:].isalpha() for w in words)
                or (m.group("sep").strip(" .") == "h" and "h" in words)
            )
            if h > 24 or mi > 59 or (m.group("sep") != ":" and not has_word):
                continue
            key: Key = ("time", h % 12, mi)
            cover: frozenset[Key] = frozenset()
            if mi == 0:  # "15:00" is also the hour 15 another language writes without minutes (15时)
                key, cover = ("n", float(h)), frozenset({key})
            self.add(Value(key, m.start(), m.end(), m.group(0), False, False, cover, label=f"{h}:{mi:02d}"))

    def hours(self) -> None:
        """An hour without minutes as a time of day, never a duration: after an ``hour_words`` entry
        ('3 p.m.', '10am', "7 o'clock": it matches '15:00' and '15' as well as '3:00') or after an
        ``hour_heads`` one (Azerbaijani 'saat 9-da', at nine, where '9 saat' is nine hours)."""
        after = "|".join(re.escape(fold(w)) for w in self.table.get("hour_words", []))
        heads = "|".join(re.escape(fold(w)) for w in self.table.get("hour_heads", []))
        found: list[tuple[re.Match[str], Key, frozenset[Key]]] = []
        if after:
            for m in self.finditer(rf"(?<![\d.,:])(?P<h>\d{{1,2}})\s?(?:{after})(?![^\W\d_])"):
                h = int(m.group("h"))
                if 1 <= h <= 12:
                    cover = frozenset({("n", float(h)), ("n", float(h % 12 + 12))})
                    found.append((m, ("time", h % 12, 0), cover))
        if heads:
            # as '15:00' is: the hour itself, standing for its time on the 12-hour clock too
            for m in self.finditer(rf"(?<![^\W\d_])(?:{heads})\s+(?P<h>\d{{1,2}})(?![\d]|[.,:]\d)"):
                h = int(m.group("h"))
                if h <= 24:
                    found.append((m, ("n", float(h)), frozenset({("time", h % 12, 0)})))
        for m, key, cover in found:
            self.add(Value(key, m.start(), m.end(), m.group(0), False, False, cover, label=m.group(0)))

    def clock(self) -> None:
        """'9点半' (9:30), '3時15分' (3:15), '15时' (15:00): hour and minute markers from the data."""
        clock: dict[str, list[str]] = self.table.get("clock", {})
        if not clock:
            return
        digits = "".join(self.table.get("cjk_digits", {}))
        num = rf"(\d{{1,2}}|[{digits}十]{{1,3}})"

        def alt(key: str) -> str:
            return "(?:" + "|".join(re.escape(x) for x in clock.get(key, [])) + ")"

        pattern = rf"{num}\s*{alt('hour')}(?:\s*(?:{num}\s*{alt('minute')}|(?P<half>{alt('half')})))?"
        for m in self.finditer(pattern):
            h = self._cjk_int(m.group(1))
            mi = 30 if m.group("half") else self._cjk_int(m.group(2))
            if h > 24 or mi > 59:
                continue
            key: Key = ("time", h % 12, mi)
            cover: frozenset[Key] = frozenset()
            if mi == 0:
                key, cover = ("n", float(h)), frozenset({key})
            self.add(Value(key, m.start(), m.end(), m.group(0), False, False, cover, label=f"{h}:{mi:02d}"))

    # -- CJK --------------------------------------------------------------------------------------
    def cjk_dates(self) -> None:
        """'2016年5月3日', '5月3日', '2016年5月': year, month and day markers from the language's data."""
        markers: dict[str, list[str]] = self.table.get("date_markers", {})
        if not markers:
            return
        num = r"(\d{1,4}|[" + "".join(self.table.get("cjk_digits", {})) + "十]{1,4})"

        def alt(key: str) -> str:
            return "(?:" + "|".join(re.escape(x) for x in markers.get(key, [])) + ")"

        day = alt("day")
        if markers.get("day_list"):  # "7月17和7月22日": the list's last day carries the marker for both
            day = f"(?:{day}|(?={alt('day_list')}))"
        pattern = rf"(?:{num}\s*{alt('year')}\s*)?{num}\s*{alt('month')}(?:\s*{num}\s*{day})?"
        for m in self.finditer(pattern):
            y, mo, d = (self._cjk_int(g) for g in m.groups())
            if not 1 <= mo <= 12 or d > 31 or (y and not _YEAR_MIN <= y <= _YEAR_MAX):
                continue
            self.add(_date_value(y, mo, d, m, soft=not (d or y)))

    def _cjk_int(self, text: str | None) -> int:
        if not text:
            return 0
        if text.isdigit():
            return int(text)
        value = _cjk_value(text, self.table)
        return int(value) if value is not None else 0

    def cjk_numerals(self) -> None:
        """'三百', '两千', '1000万', '3.5亿': digits and multipliers of the language's data, written
        without spaces. One numeral character alone ('三聚氰胺', melamine) is weak evidence."""
        digits: dict[str, int] = self.table.get("cjk_digits", {})
        if not digits:
            return
        mult: dict[str, int] = self.table.get("cjk_multipliers", {})
        scales: dict[str, int] = self.table.get("cjk_scales", {})
        chars = "".join(re.escape(c) for c in [*digits, *mult, *scales])
        scale_chars = "".join(re.escape(c) for c in scales)
        # after digits only a myriad scale counts ("1000万"): "1000千瓦" is 1000 kilowatts
        # a run of digits from its first (a long run is not tried again from each of its digits)
        pattern = rf"(?<!\d)(?P<num>\d+(?:[.,]\d+)?)(?P<scale>[{scale_chars}]+)|(?P<cjk>[{chars}]+)"
        for m in self.finditer(pattern):
            if m.group("num"):
                head = _parse_number(m.group("num"), self.lang)
                tail = _cjk_value(m.group("scale"), self.table)
                if head is None or not tail:
                    continue
                self.add(Value(("n", float(head * tail)), m.start(), m.end(), m.group(0)))
                continue
            run = m.group("cjk")
            if run[0] in scales or (len(run) == 1 and run in mult):
                # 万一 (just in case), 十分 (very), 千瓦 (kilowatt), 百分之 (per cent): not a count
                continue
            value = _cjk_value(run, self.table)
            if value is None or (value <= 1 and len(run) == 1):
                continue
            soft = len(run) == 1 or not any(c in mult or c in scales for c in run)
            start = m.start()
            prefixes = self.table.get("percent_prefixes", [])
            prefix = next((p for p in prefixes if self.text.endswith(p, 0, start)), "")
            if prefix:  # 百分之三十: thirty per cent
                start -= len(prefix)
                self.add(Value(("pct", float(value)), start, m.end(), self.text[start : m.end()]))
                continue
            self.add(Value(("n", float(value)), start, m.end(), m.group(0), False, soft))

    def _run_value(
        self, run: list[tuple[re.Match[str], str]], units: dict[str, int], scales: dict[str, int]
    ) -> float | None:
        total, current = 0, 0
        for tok, kind in run:
            w = fold(tok.group(0))
            if kind == "unit":
                current += self._unit(w, units)
            elif kind == "hundred":
                current = max(current, 1) * 100
            else:
                scale = scales[w] if w in scales else scales[self._stem(w, scales)]
                total += max(current, 1) * scale
                current = 0
        try:
            return float(total + current)
        except OverflowError:  # "million million ..." past what a float holds: no value
            return None

    def scan(self) -> list[Value]:
        self.cjk_dates()
        self.dates()
        self.day_lists()
        self.times()
        self.hours()
        self.clock()
        self.centuries()
        self.ranges()
        self.decades()
        self.cjk_numerals()
        self.fractions()
        self.hundredths()
        self.codes()
        self.numbers()
        self.quantifiers()
        self.words()
        self.bare_months()
        return sorted(self.values, key=lambda v: (v.start, v.magnitude))

    def bare_months(self) -> None:
        for m in WORD_RE.finditer(self.text):
            if not self.free(m.start(), m.end()) or not m.group(0)[:1].isalpha():
                continue
            month = _month(m.group(0), self.lang, strict=True)
            abbrev = fold(m.group(0)) in self.table["months"] and len(m.group(0)) <= 4
            if month is not None and not abbrev:
                self.add(Value(("month", month), m.start(), m.end(), m.group(0), True, True))


def _century_covers(n: int) -> frozenset[Key]:
    """The 19th century is also "the 1800s"."""
    return frozenset({("decade", (n - 1) * 100)}) if n > 1 else frozenset()


def _place(n: int) -> int:
    """The largest power of ten dividing ``n`` (300 -> 100, 20 -> 10, 7 -> 1)."""
    place = 1
    while n and n % (place * 10) == 0:
        place *= 10
    return place


def _cjk_value(run: str, table: dict[str, Any]) -> float | None:
    """三百二十五 -> 325, 两千 -> 2000, 一万五千 -> 15000, 十 -> 10, 二〇一六 -> 2016 (digit by digit)."""
    digits: dict[str, int] = table.get("cjk_digits", {})
    mult: dict[str, int] = table.get("cjk_multipliers", {})
    scales: dict[str, int] = table.get("cjk_scales", {})
    if len(run) > 1 and all(c in digits for c in run):
        value = float("".join(str(digits[c]) for c in run))  # a year or code read digit by digit
        return value if math.isfinite(value) else None
    total, section, current = 0.0, 0.0, 0.0
    for ch in run:
        if ch in digits:
            current = float(digits[ch])
        elif ch in mult:
            section += (current or 1) * mult[ch]
            current = 0
        elif ch in scales:
            total += (section + current or 1) * scales[ch]
            section, current = 0, 0
        else:
            return None
    return total + section + current


def _date_value(y: int, month: int, d: int, m: re.Match[str], *, soft: bool) -> Value:
    """A date read at ``m``: year, month and day as far as given (0: not given), keyed by the most it
    says ("date", "md" or "ym"), covering the less it also says (the year, the month, the month's day)."""
    covers: set[Key] = {("month", month)}
    if y:
        covers |= {("n", float(y)), ("ym", y, month)}
    if d:
        covers.add(("md", month, d))
    key: Key = ("date", y, month, d) if d and y else ("md", month, d) if d else ("ym", y, month)
    return Value(key, m.start(), m.end(), m.group(0), True, soft, frozenset(covers))


def _range_end(start: str, end: str) -> int:
    """The end of a range written "1925-31", "1904-05", "1952/53": a shorter end repeats the start's
    first digits, and a two-digit end not after the start crosses into the next century ("1893-02")."""
    if len(end) >= len(start):
        return int(end)
    value = int(start[: len(start) - len(end)] + end)
    return value + 100 if value <= int(start) and len(end) == 2 else value


def extract(text: str, lang: str) -> list[Value]:
    """Every number, date, century, decade, percent and number word in ``text``, normalised."""
    return _Scanner(text, lang).scan()
