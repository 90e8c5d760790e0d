"""Whether a text in a script without capitals says a name aloud (``heard``).

Japanese writes a foreign name in katakana ("Vatican" is バチカン), Hindi in Devanagari (वेटिकन), Korean
in Hangul, Arabic in its own letters: there is no capital letter to find the name by, but its sound is
there. Each such word is read in Latin letters (``anyascii``), folded to the same rough skeleton names are
compared by (``text.skeleton``), and reduced to its frame of consonant classes (``_FRAME``): Japanese adds
a vowel after every consonant and has one sound for 'r' and 'l', Arabic writes few vowels, so only the
consonants' frame survives the trip ("Trump" and トランプ, toranpu, share 3-6-5-1).

Chinese is not read: it writes a name with ordinary characters and no spaces, so every run of them would
sound like something.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

import regex

from bitext.text import skeleton

# Katakana (with its long-vowel mark and the dot that parts a name's words) and the other scripts'
# words; Han characters and hiragana are left out: they are not how a foreign name is written.
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc\u31f0-\u31ff]+")
_KATAKANA_DOT = "\u30fb"
_HAN_OR_KANA = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
WORD = regex.compile(r"\w+")  # with the marks that write vowels (Devanagari's matras)
# Consonant classes (Soundex's, with 'l' and 'r' one class: the scripts read here mostly have one of
# them or swap them); vowels, 'h' and 'y' drop out ('w' is the skeleton's 'v').
_FRAME = str.maketrans("bfpvcgjkqsxzdtlrmn", "111122222222336655")
# Hepburn's 'chi' is also how Japanese writes an English 'ti' (バチカン, Vatican)
_JAPANESE_VARIANTS = (("chi", "ti"),)
# Kana: a text that has any is Japanese (a Chinese text writes none)
_KANA = re.compile(r"[\u3041-\u309f\u30a1-\u30fa\u30fc]")
# A name in Latin letters that reads as Japanese (Hepburn's morae: "Tanaka", "Kyūshū", "Nissan") or Chinese
# (pinyin syllables: "Xi Jinping", "Guangzhou") may be written in kanji, which is not read by sound; any
# other name ("Srivastava", "Gorodische") a Japanese text writes in katakana, or in Latin letters.
_MORA = (
    r"(?:(?:kk|ss|tt|pp|cch|tch)?(?:ky|gy|sh|ch|ts|ny|hy|by|py|my|ry|j|[kgsztdnhbpmyrwf])?[aeiou]"
    r"|n(?![aeiouy]))"
)
_JAPANESE_READING = re.compile(rf"(?:{_MORA})+")
_PINYIN = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|iao|ian|ing|uai|uan|ang|eng|ong|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ue"
    r"|[aoeiuv]))+"
)
MIN_FRAME = 3  # a katakana word's frame of fewer classes fits too many names to tell one
MIN_WORD_FRAME = 4  # the same for any word of a sentence: there are many more of them


def frame(latin: str) -> str:
    """The consonant classes of a Latin spelling (its skeleton's), runs of one class counted once."""
    return class_frame(skeleton(latin), _FRAME)


def class_frame(key: str, classes: dict[int, int]) -> str:
    """The classes (``str.maketrans`` of letters to digits 1-6) of a skeleton's consonants, runs of one
    class counted once; shared with ``names``, whose table keeps 'l' and 'r' apart."""
    coded = re.sub(r"[^1-6]", "", key.translate(classes))
    return re.sub(r"(.)\1+", r"\1", coded)


@lru_cache(maxsize=8)  # one link's text, asked once for each of its names
def heard_frames(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The frames of the words a name could be written as in ``text``: (katakana, other).

    A katakana run (each part of one split at its dots) is a word of foreign sound by its script alone,
    so its frame is compared leniently. Elsewhere every word is a candidate, and each two neighbouring
    words (a name written as two: स्नो डेन): there only a frame of four classes or more, whole and from
    the word's first letter, is told apart from chance.
    """
    from anyascii import anyascii

    katakana: list[str] = []
    for run in _KATAKANA.findall(text.replace(_KATAKANA_DOT, " ")):
        latin = anyascii(run).lower()
        katakana.append(latin)
        katakana.extend(latin.replace(a, b) for a, b in _JAPANESE_VARIANTS if a in latin)
    return (
        frozenset(f for f in map(frame, katakana) if len(f) >= MIN_FRAME),
        frozenset(initial(w) + f for w in _latin_words(text) if len(f := frame(w)) >= MIN_WORD_FRAME),
    )


@lru_cache(maxsize=8)
def _latin_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` not written in Han or kana, in Latin letters, and each two neighbouring ones
    joined (a name written as two: स्नो डेन)."""
    from anyascii import anyascii

    words = [anyascii(w).lower() for w in WORD.findall(text) if not _HAN_OR_KANA.search(w)]
    return (*words, *(a + b for a, b in itertools.pairwise(words)))


def writes_kana(text: str) -> bool:
    """``text`` writes kana: it is Japanese."""
    return _KANA.search(text) is not None


def katakana_name(word: str) -> bool:
    """A name that a Japanese text writes by sound: it reads neither as Japanese morae nor as pinyin."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if c.isascii() and c.isalpha())
    return bool(plain) and not _JAPANESE_READING.fullmatch(plain) and not _PINYIN.fullmatch(plain)


def heard(keys: frozenset[str], text: str) -> bool:
    """Some word of ``text`` sounds like the name whose skeletons are ``keys`` (``names.name_keys``): a
    katakana word whose frame starts alike and differs by at most one class (none for a frame of three),
    or another word with the very same frame."""
    katakana, words = heard_frames(text)
    if not (katakana or words):
        return False
    mine = {(k, f) for k in keys if len(f := frame(k)) >= MIN_FRAME}
    return any(_near(f, b) for _, f in mine for b in katakana) or any(
        initial(k) + f in words for k, f in mine
    )


@lru_cache(maxsize=8)
def _word_frames(text: str) -> frozenset[str]:
    """Every word's frame (``_latin_words``) from ``MIN_FRAME`` classes, with its initial."""
    return frozenset(initial(w) + f for w in _latin_words(text) if len(f := frame(w)) >= MIN_FRAME)


def heard_by_chance(keys: frozenset[str], text: str) -> bool:
    """Some word of ``text`` has the very frame of a name too short for ``heard`` (``MIN_FRAME`` classes
    or more, under ``MIN_WORD_FRAME``): "Nairobi" and नैरोबी share 5-6-1, but so may any word that
    happens to. It can clear a name, never convict one: a frame this short is not heard apart."""
    frames = _word_frames(text)
    return any(initial(k) + f in frames for k in keys if len(f := frame(k)) >= MIN_FRAME)


def initial(latin: str) -> str:
    """Whether the word starts on a vowel ('-') or a consonant ('+'): a frame alone does not say. 'h',
    'y' and the skeleton's 'v' (also every 'w') count as vowels: scripts write them as one, or not at all."""
    return "-" if skeleton(latin)[:1] in ("a", "e", "i", "o", "u", "y", "h", "v") else "+"


def _near(a: str, b: str) -> bool:
    if a[0] != b[0]:
        return False
    if a == b:
        return True
    return max(len(a), len(b)) > MIN_FRAME and _one_edit(a, b)


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one class changed, added or dropped."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]
