"""Measure the lexical checks (number, date, name) on real Azerbaijani-English pairs.

1. False alarms: on the 500 correct Tatoeba pairs (line i of dev.az translates line i of dev.en), the
   share of pairs with a major or minor flag of kind number/date/name (target <= 3 %; the opposite check
   is counted too when it is installed).
2. Detection: perturbed copies of the same pairs; recall per kind (target >= 0.9).
   - number: pairs with a number on both sides get the target's number changed (digits: a different
     value; number words: another word of the same language's table); and a deterministic sample of
     pairs gets one clause appended on both sides in each language's own clothes ("on January 20, 1925"
     / "20 yanvar 1925-ci ildə", "1,250 copies" / "1.250 nüsxə") whose target value is then changed.
     The unchanged augmented pairs are counted as false alarms too (same value, different clothes).
   - name: a name written on both sides (a capitalised source word whose letters open a target word)
     is replaced in the target by another name found in the data; recall is given separately for names
     mid-sentence and at the start of a sentence.

Run: .venv/bin/python benchmarks/bench_checks.py [eval_dir]
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

from bitext.checks import registered_checks
from bitext.checks.base import PairContext
from bitext.checks.langdata import number_table
from bitext.checks.name_tables import gazetteer
from bitext.model import Flag, Link
from bitext.text import fold

SEED = 20250117
KINDS = ("number", "date", "name", "opposite")


def eval_dir() -> Path:
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    here = Path(__file__).resolve().parents[1]
    for cand in (here.parent / "shared" / "eval", Path("/work/shared/eval")):
        if (cand / "tatoeba-az-en").is_dir():
            return cand
    raise SystemExit("eval data not found: pass the folder that holds tatoeba-az-en/")


def load_pairs(root: Path) -> list[tuple[str, str]]:
    en = (root / "tatoeba-az-en" / "dev.en").read_text(encoding="utf-8").splitlines()
    az = (root / "tatoeba-az-en" / "dev.az").read_text(encoding="utf-8").splitlines()
    return list(zip(en, az, strict=True))


def run(pair: tuple[str, str], kinds: tuple[str, ...]) -> list[Flag]:
    checks = registered_checks()
    ctx = PairContext(Link(0, (0,), (0,), 1.0), pair[0], pair[1], "en", "az", "translation")
    flags: list[Flag] = []
    for kind in kinds:
        if kind in checks and not checks[kind].needs_encoder:
            flags.extend(checks[kind].fn(ctx))
    return [f for f in flags if f.severity in ("major", "minor")]


# -- perturbations ------------------------------------------------------------------------------

# One clause in each language's clothes; {y} year, {d} day, {m} month number, {n} a quantity.
_EN_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_AZ_MONTHS = [
    "yanvar", "fevral", "mart", "aprel", "may", "iyun",
    "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr",
]  # fmt: skip
TEMPLATES: list[tuple[str, str, str]] = [
    # (English clause, Azerbaijani clause, which field the perturbation changes)
    (" It was {EN_MONTH} {d}, {y}.", " Bu, {d} {AZ_MONTH} {y}-ci il idi.", "y"),
    (" It was {EN_MONTH} {d}, {y}.", " Bu, {d} {AZ_MONTH} {y}-ci il idi.", "d"),
    (" ({n_en} copies)", " ({n_az} nüsxə)", "n"),
    (" ({p}%)", " (%{p})", "p"),
    (" ({y}-{y2s})", " ({y}-{y2}-ci illər)", "y2"),
]


def _fill(rng: random.Random) -> dict[str, int]:
    y = rng.randint(1800, 1990)
    return {"y": y, "y2": y + rng.randint(2, 9), "d": rng.randint(1, 28), "m": rng.randint(1, 12),
            "n": rng.randint(2, 99) * 1000 + rng.randint(100, 999), "p": rng.randint(2, 95)}  # fmt: skip


def _render(tpl: str, v: dict[str, int]) -> str:
    return tpl.format(
        EN_MONTH=_EN_MONTHS[v["m"] - 1],
        AZ_MONTH=_AZ_MONTHS[v["m"] - 1],
        y=v["y"],
        y2=v["y2"],
        y2s=str(v["y2"])[2:],
        d=v["d"],
        n_en=f"{v['n']:,}",
        n_az=f"{v['n']:,}".replace(",", "."),
        p=v["p"],
    )


def augmented(
    pairs: list[tuple[str, str]], rng: random.Random
) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """(clean augmented pair, perturbed augmented pair) for a deterministic sample."""
    out = []
    for en, az in rng.sample(pairs, 200):
        en_t, az_t, field = rng.choice(TEMPLATES)
        v = _fill(rng)
        w = dict(v)
        w[field] += rng.choice([1, 2, 3, 5, 10]) * rng.choice([-1, 1]) if field != "d" else 1
        if field == "y2" and w["y2"] <= w["y"]:
            w["y2"] = v["y2"] + 3
        clean = (en + _render(en_t, v), az + _render(az_t, v))
        changed = (clean[0], az + _render(az_t, w))
        out.append((clean, changed))
    return out


_DIGITS = re.compile(r"\d+")


def number_perturbations(pairs: list[tuple[str, str]], rng: random.Random) -> list[tuple[str, str]]:
    """Pairs that carry a number on both sides, with the target's number changed."""
    words: dict[str, int] = number_table("az")["units"]
    word_re = re.compile(
        r"\b(" + "|".join(sorted((w for w in words if words[w] >= 2), key=len, reverse=True)) + r")\b"
    )
    en_words = {w for w, v in number_table("en")["units"].items() if v >= 2}
    en_re = re.compile(r"\b(" + "|".join(en_words) + r")\b", re.IGNORECASE)
    out = []
    for en, az in pairs:
        if _DIGITS.search(en) and _DIGITS.search(az):
            m = _DIGITS.search(az)
            assert m is not None
            new = str(int(m.group(0)) + rng.randint(1, 9))
            out.append((en, az[: m.start()] + new + az[m.end() :]))
        elif en_re.search(en) and (m2 := word_re.search(az)):
            other = rng.choice([w for w in words if words[w] >= 2 and words[w] != words[m2.group(1)]])
            out.append((en, az[: m2.start()] + other + az[m2.end() :]))
    return out


def name_inventory(pairs: list[tuple[str, str]]) -> list[str]:
    """Capitalised words written the same on both sides of some pair (Tom, Mary, Boston...)."""
    names: set[str] = set()
    for en, az in pairs:
        for w in re.findall(r"\b[A-Z][a-z]{2,}\b", en):
            if re.search(rf"\b{w}", az):
                names.add(w)
    return sorted(names)


# Names that no data file of bitext lists: a held-out check that recall does not rest on the gazetteer.
UNLISTED = [
    "Zorbek",
    "Quilla",
    "Tarvoni",
    "Ermund",
    "Bakhyt",
    "Oswin",
    "Radomir",
    "Keziah",
    "Florin",
    "Idris",
]


def name_perturbations(
    pairs: list[tuple[str, str]], rng: random.Random, replacements: list[str] | None = None
) -> list[tuple[tuple[str, str], bool]]:
    """(perturbed pair, the name was mid-sentence) for each pair with a shared name; the stand-in comes
    from ``replacements`` (default: the other names of the data)."""
    inventory = name_inventory(pairs)
    out = []
    for en, az in pairs:
        shared = [
            w for w in re.findall(r"\b[A-Z][a-z]{2,}\b", en) if w in inventory and re.search(rf"\b{w}", az)
        ]
        if not shared:
            continue
        name = rng.choice(shared)
        m = re.search(rf"\b{name}", az)
        assert m is not None
        pool = replacements or inventory
        other = rng.choice([n for n in pool if n != name and not n.startswith(name[:3])])
        mid = m.start() > 0
        out.append(((en, az[: m.start()] + other + az[m.end() :]), mid))
    return out


def recall(cases: list[tuple[str, str]], hit: Callable[[list[Flag]], bool]) -> tuple[int, int]:
    found = sum(hit(run(p, KINDS)) for p in cases)
    return found, len(cases)


def main() -> None:
    rng = random.Random(SEED)
    pairs = load_pairs(eval_dir())
    flagged = [(p, run(p, KINDS)) for p in pairs]
    bad = [(p, f) for p, f in flagged if f]
    print(f"false alarms on {len(pairs)} correct pairs: {len(bad)} ({100 * len(bad) / len(pairs):.1f} %)")
    for kind in KINDS:
        n = sum(any(f.kind == kind for f in fl) for _, fl in flagged)
        print(f"  {kind:8s} {n}")
    for (en, az), fl in bad[:30]:
        print(f"    {en} | {az} -> {'; '.join(f.message for f in fl)}")

    aug = augmented(pairs, rng)
    clean_bad = sum(bool(run(c, ("number", "date"))) for c, _ in aug)
    print(f"augmented pairs, same value in different clothes: {clean_bad}/{len(aug)} flagged")

    is_num = lambda fl: any(f.kind in ("number", "date") for f in fl)  # noqa: E731
    n1, t1 = recall([p for _, p in aug], is_num)
    n2, t2 = recall(number_perturbations(pairs, rng), is_num)
    print(f"number/date recall: appended clauses {n1}/{t1} = {n1 / t1:.3f}; "
          f"numbers already in the pair {n2}/{max(t2, 1)} = {n2 / max(t2, 1):.3f}; "
          f"all {(n1 + n2) / (t1 + t2):.3f}")  # fmt: skip

    names = name_perturbations(pairs, rng)
    is_name = lambda fl: any(f.kind == "name" for f in fl)  # noqa: E731
    mid = [p for p, m in names if m]
    first = [p for p, m in names if not m]
    nm, tm = recall(mid, is_name)
    nf, tf = recall(first, is_name)
    total = (nm + nf) / max(tm + tf, 1)
    print(f"name recall: mid-sentence {nm}/{tm} = {nm / max(tm, 1):.3f}; "
          f"sentence-initial {nf}/{tf} = {nf / max(tf, 1):.3f}; all {total:.3f}")  # fmt: skip
    held = name_perturbations(pairs, rng, UNLISTED)
    nh, th = recall([p for p, _ in held], is_name)
    print(f"name recall, stand-in names no data file lists: {nh}/{th} = {nh / max(th, 1):.3f}")
    gaz = gazetteer()
    unknown = [
        (p, m)
        for p, m in name_perturbations(pairs, rng)
        if not any(fold(w) in gaz for w in re.findall(r"\w+", p[0]))
    ]
    nu, tu = recall([p for p, _ in unknown], is_name)
    print(f"name recall, original names the gazetteer lacks: {nu}/{tu} = {nu / max(tu, 1):.3f}")


if __name__ == "__main__":
    main()
