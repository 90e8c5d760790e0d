"""A text's words read as names (``read_words``), which of them name someone or something
(``is_candidate``), and when two words, one on each side, are one name spelled two ways (``same_name``):
skeletons of the word and its stems (Şimpey/Shimpei), exonym groups, edit distance, consonant frames.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import islice

from rapidfuzz.distance import Levenshtein

from bitext.checks.contrasts import load_lexicon
from bitext.checks.langdata import number_table
from bitext.checks.lexicon import stems
from bitext.checks.name_tables import (
    acronym_groups,
    capitalises_nouns,
    common_words,
    exonyms,
    gazetteer,
    given_name,
    language_pair,
    name_keys,
    phrase_groups,
    soft_c_languages,
)
from bitext.checks.sound import class_frame
from bitext.text import (
    WORD_RE,
    base_lang,
    fold,
    language_data,
    opens_sentence,
    skeleton,
)

# Two skeletons within this share of edits are one name spelled two ways (Nikolaevsk/Nikolayevsk).
MAX_DISTANCE = 0.25


MAX_CANDIDATES = 48  # capitalised words per side of a link compared as names (see unmatched_names)


# Below this lingua confidence a sentence-initial word is taken as foreign to its text, i.e. a name.
FOREIGN_BELOW = 0.5


_ROMAN_RE = re.compile(r"[IVXLCDM]+")


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int
    capital: bool
    initial: bool  # first word of a sentence: its capital letter proves nothing
    keys: frozenset[str]  # skeletons of the word and its stems
    groups: frozenset[int]  # exonym groups it belongs to
    known: bool  # a given name, place or planet of the gazetteer (Tom, Boston, Samiun)
    opening: bool = False  # the first word of a sentence, as such (not because of capitals elsewhere)
    surname: bool = False  # right after a known given name ("Donald Trump"; ``surname_after``), any language


def read_words(text: str, lang: str, other: str = "en") -> list[Word]:
    """The words of ``text`` as names are read (``Word``). The name check reads each side of a link in
    ``names.compare`` and again for its refinements, so a text's words are remembered."""
    return list(_read_words(text, lang, other))


@lru_cache(maxsize=1024)
def _read_words(text: str, lang: str, other: str) -> tuple[Word, ...]:
    exo = exonyms(base_lang(lang), language_pair(lang, other))
    known_names = gazetteer()
    # a capital proves nothing in a title set in capitals, nor where every noun has one (German)
    shouting = _all_caps(text) or capitalises_nouns(lang)
    soft_c = base_lang(lang) in soft_c_languages()
    phrases = phrase_groups(text, lang, other)
    acronyms = acronym_groups(base_lang(lang), language_pair(lang, other))
    out: list[Word] = []
    previous: re.Match[str] | None = None
    lexicon = load_lexicon(base_lang(lang))
    elisions = lexicon.elisions if lexicon else ()
    for m in WORD_RE.finditer(text):
        w, start = m.group(0), m.start()
        # an elided word written onto a name is no part of it: "d'Angleterre" is Angleterre
        cut = _elided(w, elisions)
        w, start = w[cut:], start + cut
        # a capitalised word after a capitalised given name, one space between: its surname (German
        # capitalises every noun, so there the given name is what tells "Trump" for a name)
        surname = (
            previous is not None
            and previous.end() + 1 == start
            and previous.group(0)[:1].isupper()
            and given_name(previous.group(0))
        )
        previous = m
        forms = stems(w, lang)
        keys = name_keys(w, lang)
        if soft_c:  # a 'c' read as English 'j' (skeleton's 'j' -> 'c'), never as the 'k' of "Connor"
            keys |= frozenset(k for k in (skeleton(f.replace("c", "j")) for f in forms) if k)
        groups = frozenset(g for f in forms for g in exo.get(f, ())) | {
            g for a, b, g in phrases if a <= start and m.end() <= b
        }
        groups |= acronyms.get(w, frozenset())
        opening = opens_sentence(text, m.start())
        known = any(len(f) >= 3 and f in known_names for f in forms)
        capital = w[:1].isupper()
        initial = shouting or opening
        out.append(Word(w, start, m.end(), capital, initial, keys, groups, known, opening, surname))
    return tuple(out)


def _elided(word: str, elisions: tuple[str, ...]) -> int:
    """How many letters of ``word`` are an elided word written onto a capitalised one ("d'Angleterre": 2),
    or 0."""
    return next(
        (len(e) for e in elisions if fold(word[: len(e)]) == e and word[len(e) : len(e) + 1].isupper()), 0
    )


def _all_caps(text: str) -> bool:
    """A title or heading set in capitals ("JAPANESE RECOGNITION OF THE USSR") or in title case
    ("Threatening Phoenix Flash Flooding"): there no capital letter tells a name, just as at the start
    of a sentence."""
    cased = [ch for ch in text if ch.isalpha() and ch.lower() != ch.upper()]
    if len(cased) >= 12 and sum(ch.isupper() for ch in cased) >= 0.8 * len(cased):
        return True
    words = [w for w in WORD_RE.findall(text) if len(w) >= 4]
    return len(words) >= 5 and sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


def is_candidate(
    word: Word, lang: str, own: list[Word], *, foreign: str = "", mid_keys: frozenset[str] | None = None
) -> bool:
    """A capitalised word that names someone or something.

    A sentence-initial capital proves nothing, so such a word counts only when the same text also has
    it capitalised mid-sentence, it is a known name (exonym or gazetteer), or it looks like a word of
    the ``foreign`` language (the other side's) rather than of its own. ``mid_keys``: the keys of the
    text's mid-sentence capitalised words (``mid_sentence_keys(own)``), for a caller that asks of many.
    """
    if (
        not word.capital
        or _ROMAN_RE.fullmatch(word.text)
        or len(word.text) < 2
        or _roman_ordinal(word.text, lang)
    ):
        return False
    if acronym(word.text) and not word.groups:
        return False  # acronyms (TV, UN, MSWiA) are spelled out in translation as often as they are kept
    if fold(word.text) in common_words(lang) or stems(word.text, lang) & common_words(lang):
        return False
    if not word.initial or word.groups or word.known or word.surname:
        return True
    if not word.opening and capitalises_nouns(lang) and _city_not_noun(word, lang, own):
        return True  # a German noun's capital proves nothing, but GeoNames knows "Asunción" for a city
    if word.keys & (mid_sentence_keys(own) if mid_keys is None else mid_keys):
        return True
    return bool(foreign) and looks_foreign(word.text, lang, foreign)


def mid_sentence_keys(words: list[Word]) -> frozenset[str]:
    """The keys of the capitalised words that stand inside a sentence, where a capital tells a name."""
    return frozenset(k for w in words if w.capital and not w.initial for k in w.keys)


@lru_cache(maxsize=32)
def _roman_ordinal_re(lang: str) -> re.Pattern[str] | None:
    suffix = number_table(base_lang(lang)).get("suffix_pattern")
    return re.compile(rf"[IVXLCDM]+{suffix}") if suffix else None


def _roman_ordinal(word: str, lang: str) -> bool:
    """A Roman numeral with the language's ordinal ending (the number check's ``suffix_pattern``): a
    number, not a name (French "XIVe siècle", "Élisabeth Ire", "François Ier")."""
    pattern = _roman_ordinal_re(lang)
    return pattern is not None and pattern.fullmatch(word) is not None


def _city_not_noun(word: Word, lang: str, own: list[Word]) -> bool:
    """In a language that capitalises every noun: the word, or a stem of it long enough to tell, is a
    city's name (``places.is_place``), and the word before it is no article nor a lower-case word that
    is not a function word, which would make it a noun ("in Bielefeld", "aus Regensburg"; not "den
    Bergen", "der Hang", "vermessenen Bergen", the mountains, though Bergen and Hang are towns too)."""
    from bitext.checks.language import function_words
    from bitext.checks.places import MIN_NAME, is_place

    if not any(len(form) >= MIN_NAME and is_place(form) for form in stems(word.text, lang)):
        return False  # the usual answer, from a cached lookup: the word before is read for cities only
    at = next((k for k, w in enumerate(own) if w is word), 0)
    if not at:
        return True
    before = own[at - 1]
    key = fold(before.text)
    articles = language_data("names", "conventions").get("articles", {}).get(base_lang(lang), [])
    return before.capital or (key not in articles and key in function_words(base_lang(lang)))


def acronym(word: str) -> bool:
    """A short abbreviation in capitals, also with lower-case letters inside ("MSWiA", "BMWi", "ČSSD");
    a name with two capitals ("McIlroy", "DeVito") has more lower-case letters than capitals."""
    upper = sum(ch.isupper() for ch in word)
    if word.isupper():
        return len(word) <= 4
    return len(word) <= 6 and upper >= 2 and upper >= len(word) - upper


def looks_foreign(word: str, lang: str, other: str) -> bool:
    """Lingua, choosing between the pair's two languages, gives the word little chance of being in
    ``lang``: a name carried over, not a sentence's first word."""
    from bitext.checks.language import _confidence, _detector

    detector = _detector(language_pair(lang, other))
    if detector is None or len(word) < 3:
        return False
    return _confidence(detector, word, base_lang(lang)) < FOREIGN_BELOW


@lru_cache(maxsize=8192)
def _consonants(key: str) -> str:
    return re.sub(r"[aeiou]", "", key)


# Consonant classes of Soundex: a name written by ear in another alphabet keeps its frame of consonant
# classes ("Sturridge"/"Starric", "Rangers"/"Reyncers", "Phoenix"/"Finiks", "Wayne"/"Uayn").
_CLASSES = str.maketrans("bfpvcgjkqsxzdtlmnr", "111122222222334556")


# A frame of two classes tells a short name only ("John"/"Con"); beside a longer one it is too common a
# frame to tell anything ("Ovechkin", through its stem "ovecki", and Spanish "poco" share 1-2).
MIN_FRAME, SHORT_NAME = 3, 4


@lru_cache(maxsize=8192)
def _frame(key: str) -> str:
    return class_frame(key, _CLASSES)


def close(x: str, y: str) -> bool:
    """``distance(x, y) <= MAX_DISTANCE``: edit distance normalised by the longer word, computed by
    RapidFuzz, which stops as soon as the answer is no (names are compared with every word of the other
    side, and almost every pair differs from its first letters)."""
    limit = int(MAX_DISTANCE * max(len(x), len(y)))
    return Levenshtein.distance(x, y, score_cutoff=limit) <= limit


def same_name(a: Word, b: Word) -> bool:
    return bool(a.groups & b.groups) or _keys_alike(a.keys, b.keys)


@lru_cache(maxsize=65536)
def _keys_alike(a_keys: frozenset[str], b_keys: frozenset[str]) -> bool:
    """Some skeleton of one word and some of the other spell one name (each name is compared with every
    word of the other side, and again by the check's refinements: the answer is remembered)."""
    for x in a_keys:
        for y in b_keys:
            if x == y:
                return True
            short, long_ = sorted((x, y), key=len)
            if len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= len(short) + 2:
                return True  # endings the suffix table does not know ("kanadaliiam")
            if len(short) >= 5 and long_.endswith(short):
                return True  # a compound that names the same place ("Südkorea"/"Korea")
            if len(short) >= 5 and long_.startswith(short):
                return True  # a compound whose first part is the name ("Parísarsamkomulagið", "Nobelpreis")
            if len(short) >= 4 and close(x, y):
                return True
            if len(_consonants(x)) >= 3 and _consonants(x) == _consonants(y):
                return True  # vowels shift between languages (Uzbek/Özbək) more than consonants do
            frame = 2 if len(x) <= SHORT_NAME and len(y) <= SHORT_NAME else MIN_FRAME
            if x[:1] in y[:2] and len(_frame(x)) >= frame and _frame(x) == _frame(y):
                return True
    return False


def unmatched_names(mine: list[Word], lang: str, theirs: list[Word], *, foreign: str = "") -> list[Word]:
    # Each candidate is compared with every word of the other side: past MAX_CANDIDATES the text is
    # not prose (a list, an index, a table flattened into one sentence), and the rest is not compared.
    mid = mid_sentence_keys(mine)
    found = (w for w in mine if is_candidate(w, lang, mine, foreign=foreign, mid_keys=mid))
    candidates = list(islice(found, MAX_CANDIDATES))
    return [w for w in candidates if not any(same_name(w, t) for t in theirs)]


def initial_stranger(word: Word, lang: str, other: list[Word]) -> bool:
    """A capitalised sentence-initial word, not a common word of its language, matching nothing on the
    other side: a name that the sentence opens with, or a word the capital says nothing about."""
    return (
        word.opening
        and word.capital
        and not (stems(word.text, lang) & common_words(lang))
        and not any(same_name(word, o) for o in other)
    )


def caseless(text: str) -> bool:
    """Most of the text's letters have no capital form (Chinese, Japanese, Hindi, Arabic): there a capital
    letter cannot single out a name, so this check has nothing to compare and stays silent."""
    letters = [ch for ch in text if ch.isalpha()]
    cased = sum(ch.lower() != ch.upper() for ch in letters)
    return bool(letters) and cased < 0.5 * len(letters)


# ... and that name is a transliteration of one on the other side when their skeletons are this alike: as
# "Dwyer"/"Duayer" (0.67) and "May"/"Meyin" (0.8) are; any two words share enough letters for 0.3.
TRANSLITERATED_SPELLING = 0.6


def spelled_like_any(word: Word, others: list[Word], mine: list[Word]) -> bool:
    """A capitalised word of the other side (``others``) is spelled like ``word`` (``TRANSLITERATED_SPELLING``
    or more), and no other word of ``word``'s side (``mine``) is that word's counterpart ("Maykl" renders
    "Michael", whatever "Carrick" shares with it)."""
    return any(
        w.capital
        and spelling(word, w) >= TRANSLITERATED_SPELLING
        and not any(m is not word and same_name(m, w) for m in mine)
        for w in others
    )


def opens(word: Word, lang: str) -> bool:
    """The word's capital proves nothing of a name: it opens its sentence, or its text is set in capitals.
    A German noun's capital is no such case here: a surname is told by the given name before it."""
    return word.opening or (word.initial and not capitalises_nouns(lang))


def spelling(a: Word, b: Word) -> float:
    """How alike two words are spelled: the best ``difflib`` ratio of their skeletons (0 to 1)."""
    return max((SequenceMatcher(None, x, y).ratio() for x in a.keys for y in b.keys), default=0.0)


def index_of(words: list[Word], span: tuple[int, int] | None) -> int | None:
    """Where in ``words`` the word at ``span`` stands (None: no word there)."""
    return next((k for k, w in enumerate(words) if (w.start, w.end) == span), None)
