"""Numbers and dates that differ between the original and its translation (kinds ``number`` and ``date``).

Both sides are read into normalised values (a year, a day of a month, a century, a decade, a percent, a
plain quantity) and compared as multisets, so the same value in different clothes -- "1925-31" and
"1925-1931-ci illər", "January 20, 1925" and "20 yanvar 1925", "XIX əsr" and "19th century", "5%" and
"%5" -- is not a divergence. The per-language knowledge (month names, number words, separators, endings)
comes from num2words and babel, completed by ``bitext/data/numbers/<lang>.json`` (``checks/langdata.py``).
Times are values too ("3.40 Uhr" and "3:40"), and so are CJK numerals ("三百", "1000万") and CJK dates
("2016年5月3日").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import Any

from bitext.checks.base import PairContext, check
from bitext.checks.number_reading import Key, Value, extract
from bitext.model import Flag, Mode, Severity
from bitext.text import language_name

# -- comparison ------------------------------------------------------------------------------


def _near(a: Value, b: Value) -> float:
    """How far apart two values are, for pairing a missing value with its likely replacement."""
    if a.key[0] != b.key[0] and not (a.is_date and b.is_date):
        return math.inf if a.is_date != b.is_date else 10.0
    x, y = a.magnitude, b.magnitude
    return abs(x - y) / max(abs(x), abs(y), 1.0)


def _unmatched(mine: list[Value], theirs: list[Value]) -> list[Value]:
    """Values of ``mine`` that ``theirs`` neither repeats (as a multiset) nor covers. A value written with
    the very same digits on both sides matches by either reading (``Value.readings``): "45,000" kept as
    the original wrote it, whatever the translation's own convention makes of it."""
    counts = Counter(v.key for v in theirs)
    covered = set().union(*(v.covers for v in theirs)) if theirs else set()
    out = []
    for v in mine:
        if counts[v.key] > 0:
            counts[v.key] -= 1
            continue
        if v.key in covered:
            continue
        digits = _digits(v)
        copy = next(
            (t for t in theirs if digits and counts[t.key] > 0 and _digits(t) == digits
             and (t.key in v.readings or v.key in t.readings)),
            None,
        )  # fmt: skip
        if copy is not None:
            counts[copy.key] -= 1
            continue
        out.append(v)
    # then a length or mass the other side converts, among its values that nothing above matched
    # ("250 m" is not the "820 ft" that the original's own "820 pies" repeats)
    left = []
    for v in out:
        converted = next((t for t in theirs if counts[t.key] > 0 and _converted(v, t)), None)
        if converted is None:
            left.append(v)
        else:
            counts[converted.key] -= 1
    return left


# A length or mass converted into another unit is rounded: "30 cm" is "12 inches" (30.48 cm), "50 miles"
# "80 km" (80.47 km).
CONVERTED_WITHIN = 0.05


def _converted(v: Value, t: Value) -> bool:
    """``t`` gives ``v``'s length or mass in another unit ("30 cm" / "12 pouces", "50 miles" / "80 km"), to
    within ``CONVERTED_WITHIN``. The same unit must give the same number."""
    if v.measure is None or t.measure is None:
        return False
    (unit, dimension, size), (t_unit, t_dimension, t_size) = v.measure, t.measure
    close = abs(t_size - size) <= CONVERTED_WITHIN * max(abs(t_size), abs(size))
    return t_unit != unit and t_dimension == dimension and close


def _digits(v: Value) -> str:
    """The digits and separators a value is written with ("45,000" of "45,000-dən"); "" for a word."""
    m = re.match(r"\d[\d.,]*", v.text)
    return m.group(0).rstrip(".,") if m else ""


def _period_years(v: Value) -> range | None:
    """The years a decade or century spans ("the 1860s": 1860-1869; "19th century": 1801-1900)."""
    if v.key[0] == "decade":
        return range(int(v.key[1]), int(v.key[1]) + 10)
    if v.key[0] == "century":
        return range((int(v.key[1]) - 1) * 100 + 1, int(v.key[1]) * 100 + 1)
    return None


def _narrowed_periods(
    lost: list[Value], added: list[Value], src_vals: list[Value], tgt_vals: list[Value]
) -> list[tuple[Value, Value, bool]]:
    """(period, year, the period is on the source side) where one side names a decade or century and the
    other only a single year inside it ("the 1860s" rendered as "1860-cı ildə")."""
    out = []
    for unmatched, others, from_source in ((lost, tgt_vals, True), (added, src_vals, False)):
        for period in unmatched:
            years = _period_years(period)
            if years is None:
                continue
            year = next((v for v in others if v.key[0] == "n" and float(v.key[1]).is_integer()
                         and int(v.key[1]) in years and _period_years(v) is None), None)  # fmt: skip
            if year is not None:
                out.append((period, year, from_source))
    return out


def _flag(src: Value | None, tgt: Value | None, severity: Severity, message: str, basis: str) -> Flag:
    is_date = (src is not None and src.is_date) or (tgt is not None and tgt.is_date)
    return Flag(
        kind="date" if is_date else "number",
        severity=severity,
        source_excerpt=src.text if src else "",
        target_excerpt=tgt.text if tgt else "",
        source_span=(src.start, src.end) if src else None,
        target_span=(tgt.start, tgt.end) if tgt else None,
        message=message,
        basis=basis,
    )


@lru_cache(maxsize=256)
def compare(
    source_text: str, target_text: str, source_lang: str, target_lang: str, mode: Mode
) -> tuple[Flag, ...]:
    src_vals = extract(source_text, source_lang)
    tgt_vals = extract(target_text, target_lang)
    lost = [v for v in _unmatched(src_vals, tgt_vals) if not v.quantifier]
    added = [v for v in _unmatched(tgt_vals, src_vals) if not v.quantifier]
    sname, tname = language_name(source_lang), language_name(target_lang)
    flags: list[Flag] = []
    seen: set[tuple[Any, ...]] = set()

    def emit(flag: Flag) -> None:
        ident = (flag.kind, flag.source_span, flag.target_span)
        if ident not in seen:
            seen.add(ident)
            flags.append(flag)

    for period, year, period_is_source in _narrowed_periods(lost, added, src_vals, tgt_vals):
        (lost if period_is_source else added).remove(period)
        if year in (added if period_is_source else lost):
            (added if period_is_source else lost).remove(year)
        s, t = (period, year) if period_is_source else (year, period)
        which = f"the {sname}" if period_is_source else f"the {tname}"
        other = f"the {tname}" if period_is_source else f"the {sname}"
        emit(Flag(
            "period", "minor", s.text, t.text, (s.start, s.end), (t.start, t.end),
            f"{which[0].upper()}{which[1:]} has {period.shown}, a {period.key[0]}, but {other} narrows it "
            f"to the single year {year.shown}.",
        ))  # fmt: skip
    # pair the closest values first, so that "40" meets "45" before a stray "两" (the two countries) does
    options = sorted(
        ((_near(s, t), i, j) for i, s in enumerate(lost) for j, t in enumerate(added)), key=lambda o: o[:3]
    )
    paired: list[tuple[Value, Value]] = []
    used_s: set[int] = set()
    used_t: set[int] = set()
    for near, i, j in options:
        if near == math.inf or i in used_s or j in used_t:
            continue
        used_s.add(i)
        used_t.add(j)
        paired.append((lost[i], added[j]))
    lost = [v for i, v in enumerate(lost) if i not in used_s]
    added = [v for j, v in enumerate(added) if j not in used_t]
    for s, t in sorted(paired, key=lambda p: p[0].start):
        # a number word against a different number word ("drei"/"five") is as sure as digits
        sure = (not s.soft or s.word) and (not t.soft or t.word)
        severity: Severity = "major" if sure else "minor"
        message = f"The {sname} has {s.shown} but the {tname} has {t.shown}."
        emit(_flag(s, t, severity, message, "changed" if sure else "changed-weak"))
    if mode != "summary":
        for s in lost:
            if not s.soft:
                message = f"The {sname} has {s.shown}; the {tname} has no such value."
                emit(_flag(s, None, "minor", message, "missing"))
    for t in added:
        if not t.soft:
            emit(_flag(None, t, "minor", f"The {tname} has {t.shown}, which is not in the {sname}.", "added"))
    return tuple(flags)


@check("number")
def check_numbers(ctx: PairContext) -> list[Flag]:
    """A number in the original differs from, or is missing in, the translation.

    Values are compared after normalising how each language writes them: "1,000" and "1 000",
    "5%" and "%5", "300" and "300-dən", "two" and "2". A summary may leave numbers out, but a number
    in a summary must come from the original.
    """
    flags = compare(ctx.source_text, ctx.target_text, ctx.source_lang, ctx.target_lang, ctx.mode)
    return _not_from_document([f for f in flags if f.kind == "number"], ctx)


@check("period")
def check_periods(ctx: PairContext) -> list[Flag]:
    """A decade or century in one text is narrowed to a single year in the other: "the 1860s" rendered as
    "in 1860", "the 19th century" as "1900". Both say a time, so neither a number nor a date is missing,
    but the claim has changed."""
    flags = compare(ctx.source_text, ctx.target_text, ctx.source_lang, ctx.target_lang, ctx.mode)
    return [f for f in flags if f.kind == "period"]


@check("date")
def check_dates(ctx: PairContext) -> list[Flag]:
    """A year, date, decade or century in the original differs from, or is missing in, the translation.

    "January 20, 1925" and "20 yanvar 1925", "1925-31" and "1925-1931", "XIX əsr" and "19th century",
    "the 1920's" and "1920-ci illər" are the same; "1918-1922" against "1918-1925" is not.
    """
    flags = compare(ctx.source_text, ctx.target_text, ctx.source_lang, ctx.target_lang, ctx.mode)
    return _not_from_document([f for f in flags if f.kind == "date"], ctx)


def _not_from_document(flags: list[Flag], ctx: PairContext) -> list[Flag]:
    """Summary mode: a value the summary adds that its body gives anywhere (a year from another part of
    the article) is context the summary brings in, not a value made up; other flags stand."""
    if not ctx.source_document:
        return flags
    known = _document_values(ctx.source_document, ctx.source_lang)
    values = {(v.start, v.end): v for v in extract(ctx.target_text, ctx.target_lang)}
    out = []
    for f in flags:
        v = values.get(f.target_span) if f.basis == "added" and f.target_span else None
        parts = v.covers - {v.key} if v is not None else frozenset()
        if v is not None and (v.key in known or (parts and parts <= known)):  # "October 1917": both there
            continue
        out.append(f)
    return out


@lru_cache(maxsize=4)
def _document_values(text: str, lang: str) -> frozenset[Key]:
    """Every value of a whole document, with what each covers (a summary's body)."""
    found = extract(text, lang)
    return frozenset(v.key for v in found).union(*(v.covers for v in found))
