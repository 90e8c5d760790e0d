"""Numbers and dates that differ between the original and its translation (kinds ``number`` and ``date``).

Both sides are read into normalised values (a year, a day of a month, a century, a decade, a percent, a
plain quantity) and compared as multisets, so the same value in different clothes -- "1925-31" and
"1925-1931-ci illər", "January 20, 1925" and "20 yanvar 1925", "XIX əsr" and "19th century", "5%" and
"%5" -- is not a divergence. The per-language knowledge (month names, number words, separators, endings)
is in ``bitext/data/numbers/<lang>.json``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bitext.checks.base import PairContext, check
from bitext.model import Flag, Mode, Severity
from bitext.text import WORD_RE, base_lang, fold, language_data, language_name

Key = tuple[Any, ...]

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_YEAR_MIN, _YEAR_MAX = 1000, 2100
# An ending glued to a digit: "1917-ci", "300-dən", "19th", "20.", "1920's".
_SUF = r"(?:['’]?s\b|[-‑']?[^\W\d_]{1,6})?"
# A day may also carry a full stop ("9. November").
_DSUF = r"(?:\.(?!\d)|" + _SUF[3:]
_NUM = r"\d+(?:[.,\u00a0\u202f ]\d+)*"
_DASH = r"\s*[-‑–—]\s*"


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

    @property
    def shown(self) -> str:
        return self.label or self.text

    @property
    def magnitude(self) -> float:
        nums = [x for x in self.key[1:] if isinstance(x, int | float)]
        return float(nums[0]) if nums else 0.0


@lru_cache(maxsize=16)
def _lang(lang: str) -> dict[str, Any]:
    found = language_data("numbers", base_lang(lang))
    return found or language_data("numbers", "en")


def _month(word: str, lang: str, *, strict: bool) -> int | None:
    """Month number of ``word`` ("yanvarın", "Jan.", "January"), or None.

    ``strict`` refuses month names that are also common words (English "may", "march") unless a digit
    stands next to them, which the caller knows.
    """
    table = _lang(lang)
    months: dict[str, int] = {fold(k): int(v) for k, v in table["months"].items()}
    w = fold(word).rstrip(".")
    if w in months:
        if strict and w in {fold(a) for a in table.get("ambiguous_months", [])}:
            return None
        return months[w]
    suffix = table.get("suffix_pattern")
    if suffix and base_lang(lang) in ("az", "tr", "ru"):
        for name, num in months.items():
            if len(name) >= 3 and w.startswith(name) and re.fullmatch(suffix, w[len(name) :]):
                return num
    return None


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
    """'1,000' -> 1000 (en), '1.000' -> 1000 (az), '3,5' -> 3.5 (az), '3.5' -> 3.5 (any)."""
    table = _lang(lang)
    decimal: str = table["decimal"]
    parts = re.split(r"([.,\u00a0\u202f ])", token)
    digits, seps = parts[0::2], parts[1::2]
    if not seps:
        return float(digits[0])
    if len(set(seps)) == 1 and len(seps) > 1:
        # several equal separators can only group thousands: 1,000,000 / 1.000.000
        if all(len(d) == 3 for d in digits[1:]) and len(digits[0]) <= 3:
            return float("".join(digits))
        return None
    if len(seps) == 1:
        sep, tail = seps[0], digits[1]
        if sep in " \u00a0\u202f":
            return float("".join(digits)) if len(tail) == 3 and len(digits[0]) <= 3 else None
        if len(tail) != 3:
            return float(f"{digits[0]}.{tail}")
        return float(f"{digits[0]}.{tail}") if sep == decimal else float(digits[0] + tail)
    # mixed: the last separator is the decimal one (1,000.5 / 1.000,5)
    head = "".join(digits[:-1])
    return float(f"{head}.{digits[-1]}")


def _is_year(v: float, raw: str) -> bool:
    return v == int(v) and _YEAR_MIN <= v <= _YEAR_MAX and raw.isdigit() and len(raw) == 4


_NEXT_WORD = re.compile(r"\s*([^\W\d_]+\.?)")


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
    return any(w == h or (len(h) >= 3 and w.startswith(h)) for h in heads)


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
        mon = r"(?P<mon>[^\W\d_]+\.?)"
        day = r"(?P<day>\d{1,2})"
        year = r"(?P<year>\d{4})"
        patterns = [
            rf"(?<!\d){day}{_DSUF}\s+{mon}\s*,?\s+{year}(?!\d){_SUF}",
            rf"{mon}\s+{day}{_SUF}\s*,?\s+{year}(?!\d){_SUF}",
            rf"(?<!\d){year}{_SUF}\s+(?:[^\W\d_]+\s+)?{mon}\s+{day}(?!\d){_SUF}",
            rf"{mon}\s*,?\s+{year}(?!\d){_SUF}",
            rf"(?<!\d){year}{_SUF}\s+(?:[^\W\d_]+\s+)?{mon}",
            rf"(?<!\d){day}{_DSUF}\s+{mon}",
            rf"{mon}\s+{day}(?!\d)(?!{_DASH}\d){_SUF}",
        ]
        for pattern in patterns:
            for m in self.finditer(pattern):
                month = _month(m.group("mon"), self.lang, strict=False)
                if month is None:
                    continue
                groups = m.groupdict()
                d = int(groups["day"]) if groups.get("day") else 0
                y = int(groups["year"]) if groups.get("year") else 0
                if not 0 <= d <= 31 or (y and not _YEAR_MIN <= y <= _YEAR_MAX):
                    continue
                covers: set[Key] = {("month", month)}
                if y:
                    covers |= {("n", float(y)), ("ym", y, month)}
                if d:
                    covers.add(("md", month, d))
                key: Key = ("date", y, month, d) if d and y else ("md", month, d) if d else ("ym", y, month)
                self.add(Value(key, m.start(), m.end(), m.group(0), True, False, frozenset(covers)))
        # dd.mm.yyyy
        for m in self.finditer(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.]\d)"):
            d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if 1 <= d <= 31 and 1 <= mo <= 12:
                covers = {("n", float(y)), ("ym", y, mo), ("md", mo, d), ("month", mo)}
                self.add(
                    Value(("date", y, mo, d), m.start(), m.end(), m.group(0), True, False, frozenset(covers))
                )

    # -- centuries and decades ----------------------------------------------------------------
    def centuries(self) -> None:
        heads = self.table.get("century_words", [])
        for m in self.finditer(r"(?<![\w])(?:(?P<roman>[IVXLC]{1,6})|(?P<num>\d{1,2}))" + _SUF):
            nxt = _next_word(self.text, m.end())
            if nxt is None or not _starts_with_any(nxt[0], heads):
                continue
            n = _roman(m.group("roman")) if m.group("roman") else int(m.group("num"))
            if n:
                self.add(Value(("century", n), m.start(), nxt[1], self.text[m.start() : nxt[1]], True))

    def decades(self) -> None:
        heads = self.table.get("decade_words", [])
        for m in self.finditer(r"(?<![\d\w])(\d{3}0)(?P<suf>" + _SUF + r")"):
            suf = m.group("suf").lower().replace("’", "'")
            end = m.end()
            if suf not in ("s", "'s"):
                nxt = _next_word(self.text, end)
                if nxt is None or not _starts_with_any(nxt[0], heads):
                    continue
                end = nxt[1]
            y = int(m.group(1))
            if _YEAR_MIN <= y <= _YEAR_MAX:
                cov = frozenset({("n", float(y))})
                self.add(Value(("decade", y), m.start(), end, self.text[m.start() : end], True, False, cov))

    # -- ranges -------------------------------------------------------------------------------
    def ranges(self) -> None:
        for m in self.finditer(r"(?<![\d.,])(\d{1,4})" + _DASH + r"(\d{1,4})(?![\d.,]\d)" + _SUF):
            a_raw, b_raw = m.group(1), m.group(2)
            a = int(a_raw)
            b = int(b_raw)
            if len(b_raw) < len(a_raw):  # "1925-31", "1904-05": the end repeats the start's century
                b = int(a_raw[: len(a_raw) - len(b_raw)] + b_raw)
                if b <= a and len(b_raw) == 2:
                    b += 100  # "1893-02" crosses into the next century
            if b <= a:
                continue
            years = _YEAR_MIN <= a <= _YEAR_MAX and _YEAR_MIN <= b <= _YEAR_MAX
            for v in (a, b):
                self.add(Value(("n", float(v)), m.start(), m.end(), m.group(0), years, label=f"{a}-{b}"))
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
        for m in self.finditer(
            r"(?P<pre>%\s?)?(?<![^\W\d_])(?<![\d.,])(?P<num>" + _NUM + r")(?P<suf>" + _SUF + r")"
        ):
            start, end = m.start(), m.end()
            if self._list_marker(start, m.end("num")):
                continue
            raw = m.group("num").strip()
            value = _parse_number(raw, self.lang)
            if value is None:
                continue
            rest = self.text[end:]
            pct = bool(m.group("pre"))
            mp = re.match(r"\s?%", rest)
            if mp:
                pct, end = True, end + mp.end()
            else:
                nxt = _next_word(self.text, end)
                if nxt and fold(nxt[0]).rstrip(".") in scales and not m.group("suf"):
                    value *= scales[fold(nxt[0]).rstrip(".")]
                    end = nxt[1]
                elif nxt and any(fold(self.text[end:]).lstrip().startswith(w) for w in pct_words if w):
                    pct = True
            key: Key = ("pct", value) if pct else ("n", value)
            cov = frozenset({("n", value)}) if pct else frozenset()
            is_year = not pct and _is_year(value, raw)
            self.add(Value(key, start, end, self.text[start:end], is_year, False, cov))

    def _list_marker(self, start: int, num_end: int) -> bool:
        """'1)' or '(2)' at the start of the text or of a line: an enumeration, not a value."""
        before = self.text[:start].rstrip(" (")
        after = self.text[num_end : num_end + 2]
        return (before == "" or before.endswith("\n")) and (after.startswith(")") or after == ". ")

    # -- number words ---------------------------------------------------------------------------
    def words(self) -> None:
        units: dict[str, int] = {fold(k): v for k, v in self.table.get("units", {}).items()}
        units |= {fold(k): v for k, v in self.table.get("ordinals", {}).items()}
        hundreds = {fold(w) for w in self.table.get("hundred", [])}
        scales = {fold(k): v for k, v in self.table.get("scales", {}).items() if len(k) > 2}
        joiners = {fold(w) for w in self.table.get("joiners", [])}
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
            self.add(Value(("n", float(value)), start, end, self.text[start:end], False, True))

    def _word_kind(self, word: str, units: dict[str, int], hundreds: set[str], scales: dict[str, int]) -> str:
        w = fold(word)
        for table, kind in ((units, "unit"), (dict.fromkeys(hundreds, 100), "hundred"), (scales, "scale")):
            if w in table:
                return kind
            stem = self._stem(w, table)
            if stem:
                return kind
        return ""

    def _stem(self, w: str, table: dict[str, int]) -> str:
        """The number word ``w`` is built on ('ikisi' -> 'iki', 'üçüncü' -> 'üç'), or ''."""
        suffix = self.table.get("suffix_pattern")
        if not suffix or base_lang(self.lang) not in ("az", "tr", "ru"):
            return ""
        banned = set(self.table.get("no_suffix", []))
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
        """'twenty five', 'on beş': a ten followed by a digit is one number."""
        a, b = self._unit(prev.group(0), units), self._unit(cur.group(0), units)
        return a >= 10 and a % 10 == 0 and b < 10

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
        return float(total + current)

    def scan(self) -> list[Value]:
        self.dates()
        self.centuries()
        self.ranges()
        self.decades()
        self.numbers()
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


def extract(text: str, lang: str) -> list[Value]:
    """Every number, date, century, decade, percent and number word in ``text``, normalised."""
    return _Scanner(text, lang).scan()


# -- comparison ------------------------------------------------------------------------------


def _near(a: Value, b: Value) -> float:
    """How far apart two values are, for pairing a missing value with its likely replacement."""
    if a.key[0] != b.key[0] and not (a.is_date and b.is_date):
        return math.inf if a.is_date != b.is_date else 10.0
    x, y = a.magnitude, b.magnitude
    return abs(x - y) / max(abs(x), abs(y), 1.0)


def _unmatched(mine: list[Value], theirs: list[Value]) -> list[Value]:
    """Values of ``mine`` that ``theirs`` neither repeats (as a multiset) nor covers."""
    counts = Counter(v.key for v in theirs)
    covered = set().union(*(v.covers for v in theirs)) if theirs else set()
    out = []
    for v in mine:
        if counts[v.key] > 0:
            counts[v.key] -= 1
        elif v.key not in covered:
            out.append(v)
    return out


def _flag(src: Value | None, tgt: Value | None, severity: Severity, message: str) -> Flag:
    is_date = (src is not None and src.is_date) or (tgt is not None and tgt.is_date)
    return Flag(
        kind="date" if is_date else "number",
        severity=severity,
        source_excerpt=src.text if src else "",
        target_excerpt=tgt.text if tgt else "",
        source_span=(src.start, src.end) if src else None,
        target_span=(tgt.start, tgt.end) if tgt else None,
        message=message,
    )


@lru_cache(maxsize=256)
def compare(
    source_text: str, target_text: str, source_lang: str, target_lang: str, mode: Mode
) -> tuple[Flag, ...]:
    src_vals = extract(source_text, source_lang)
    tgt_vals = extract(target_text, target_lang)
    lost = _unmatched(src_vals, tgt_vals)
    added = _unmatched(tgt_vals, src_vals)
    sname, tname = language_name(source_lang), language_name(target_lang)
    flags: list[Flag] = []
    seen: set[tuple[Any, ...]] = set()

    def emit(flag: Flag) -> None:
        ident = (flag.kind, flag.source_span, flag.target_span)
        if ident not in seen:
            seen.add(ident)
            flags.append(flag)

    for s in list(lost):
        candidates = sorted(added, key=lambda t, s=s: _near(s, t))  # type: ignore[misc]
        if not candidates or _near(s, candidates[0]) == math.inf:
            continue
        t = candidates[0]
        lost.remove(s)
        added.remove(t)
        severity: Severity = "minor" if s.soft or t.soft else "major"
        emit(_flag(s, t, severity, f"The {sname} has {s.shown} but the {tname} has {t.shown}."))
    if mode != "summary":
        for s in lost:
            if not s.soft:
                emit(_flag(s, None, "minor", f"The {sname} has {s.shown}; the {tname} has no such value."))
    for t in added:
        if not t.soft:
            emit(_flag(None, t, "minor", f"The {tname} has {t.shown}, which is not in the {sname}."))
    return tuple(flags)


@check("number")
def check_numbers(ctx: PairContext) -> list[Flag]:
    """A number in the original differs from, or is missing in, the translation.

    Values are compared after normalising how each language writes them: "1,000" and "1 000",
    "5%" and "%5", "300" and "300-dən", "two" and "2". A summary may leave numbers out, but a number
    in a summary must come from the original.
    """
    flags = compare(ctx.source_text, ctx.target_text, ctx.source_lang, ctx.target_lang, ctx.mode)
    return [f for f in flags if f.kind == "number"]


@check("date")
def check_dates(ctx: PairContext) -> list[Flag]:
    """A year, date, decade or century in the original differs from, or is missing in, the translation.

    "January 20, 1925" and "20 yanvar 1925", "1925-31" and "1925-1931", "XIX əsr" and "19th century",
    "the 1920's" and "1920-ci illər" are the same; "1918-1922" against "1918-1925" is not.
    """
    flags = compare(ctx.source_text, ctx.target_text, ctx.source_lang, ctx.target_lang, ctx.mode)
    return [f for f in flags if f.kind == "date"]
