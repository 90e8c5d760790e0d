"""Text left untranslated, a target in the wrong language, and words mixing alphabets (kind ``language``).

Language identification uses lingua (``lingua-language-detector``), built lazily for the pair's
languages only: a detector restricted to the two candidates is both faster and surer on short runs.
Short strings of names and numbers are weak evidence, so lingua's "don't know" counts as no evidence.
Which letters pass for Latin ones (Cyrillic 'а', 'е', 'ф' typed on the wrong keyboard) is data:
``data/scripts/confusables.json``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Any

from bitext.checks.base import PairContext, check
from bitext.checks.lexicon import stems
from bitext.checks.name_tables import capitalises_nouns, known_name
from bitext.ingest.languages import likeliest_language
from bitext.model import Flag
from bitext.text import WORD_RE, base_lang, fold, language_data, language_name, opens_sentence

MIN_RUN_WORDS = 3  # a shorter run in the source language is usually a name or a quoted term
MIN_CONFIDENCE = 0.9
MIN_COPY_CHARS = 20  # identical stretches shorter than this are names, titles or numbers
MIN_COPIED_WORD = 4  # a single copied word shorter than this is too often the same word in both languages
MIN_WORD_CONFIDENCE = 0.95  # lingua's confidence that a single copied word is in the source language


# Letters whose Unicode name does not start with their script: width variants ('HALFWIDTH KATAKANA LETTER
# A', 'FULLWIDTH LATIN CAPITAL LETTER A') are their script's letters, and the long-vowel mark shared by
# both kana ('KATAKANA-HIRAGANA PROLONGED SOUND MARK', the 'ー' of 'パフォーマンス') is written almost only
# in katakana words.
_WIDTH_PREFIXES = ("HALFWIDTH ", "FULLWIDTH ")
_SCRIPT_ALIASES = {"KATAKANA-HIRAGANA": "KATAKANA"}


@lru_cache(maxsize=8192)
def _script(ch: str) -> str:
    """The script a letter belongs to, from its Unicode name ('CYRILLIC SMALL LETTER EF' -> 'CYRILLIC')."""
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "UNKNOWN"
    for prefix in _WIDTH_PREFIXES:
        name = name.removeprefix(prefix)
    script = name.split(" ")[0]
    return _SCRIPT_ALIASES.get(script, script)


# Scripts written without spaces, where a Latin acronym glued to the text ("CBA联赛") is ordinary writing.
NO_SPACE_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI"})


def mixed_script_words(text: str) -> list[tuple[int, int, str, set[str]]]:
    """Words whose letters come from more than one alphabet: (start, end, word, scripts)."""
    out = []
    for m in re.finditer(r"[^\W\d_]+", text):
        if m.group(0).isascii():
            continue  # Latin letters alone
        scripts = {_script(ch) for ch in set(m.group(0)) if ch.isalpha()}
        if len(scripts) > 1 and not scripts & NO_SPACE_SCRIPTS:
            out.append((m.start(), m.end(), m.group(0), scripts))
    return out


def _suggest(word: str, expected: str) -> str:
    """The word with look-alike letters of other scripts replaced by the expected script's ones."""
    confusables = language_data("scripts", "confusables")
    table: dict[str, str] = confusables.get("to_latin", {}) if expected == "LATIN" else {}
    return "".join(table.get(ch, ch) for ch in word)


@lru_cache(maxsize=16)
def _detector(langs: tuple[str, ...]) -> Any:
    """A lingua detector for these ISO codes, or None when lingua lacks one of them."""
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:  # the check degrades to its lingua-free parts
        return None
    names: dict[str, str] = language_data("scripts", "confusables").get("lingua_names", {})
    members = [getattr(Language, names[c]) for c in langs if c in names and hasattr(Language, names[c])]
    if len(members) < 2:
        return None
    return LanguageDetectorBuilder.from_languages(*members).build()


def _lingua_code(lang: Any) -> str:
    names: dict[str, str] = language_data("scripts", "confusables").get("lingua_names", {})
    by_name = {v: k for k, v in names.items()}
    return by_name.get(lang.name, "")


def _confidence(detector: Any, text: str, code: str) -> float:
    for conf in detector.compute_language_confidence_values(text):
        if _lingua_code(conf.language) == code:
            return float(conf.value)
    return 0.0


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


# Stretches judged per pair at most: a prose pair has a few, while two texts that repeat one word ("which
# which which ...") share one at every offset, each a long text for lingua to read (9.3 s for one pair of
# 6,000 characters before this bound, 0.4 s after).
MAX_JUDGED_RUNS = 32


def _copied_runs(
    source: str, target: str, source_lang: str = "", target_lang: str = ""
) -> list[tuple[int, int, int, int]]:
    """Stretches of at least MIN_RUN_WORDS words that appear verbatim on both sides.

    Only stretches with a lowercase content word count: a run of capitalised words joined by short ones
    ("Rue des Francs Bourgeois", "The Poets of America") is a name or a title, carried over on purpose.
    Nor does a stretch that reads as the target's language: the source quoted it ("eine Black Lives
    Matter demonstration" kept in an English sentence), nor a gloss in parentheses quoting the original
    on purpose ("(soprano pipistrelles)").
    """
    sw = [(fold(m.group(0)), m.start(), m.end(), m.group(0)) for m in WORD_RE.finditer(source)]
    tw = [(fold(m.group(0)), m.start(), m.end(), m.group(0)) for m in WORD_RE.finditer(target)]
    detector = _detector((base_lang(source_lang), base_lang(target_lang))) if source_lang else None
    names = source_names(source, source_lang) if source_lang else frozenset()
    found: list[tuple[int, int, int, int]] = []
    used_t: set[int] = set()
    judged = 0
    for i in range(len(sw)):
        for j in range(len(tw)):
            if j in used_t or sw[i][0] != tw[j][0]:
                continue
            if judged >= MAX_JUDGED_RUNS:
                return found
            if i and j and sw[i - 1][0] == tw[j - 1][0] and _joined(target, tw, j):
                continue  # inside a longer run, judged as a whole (a name's tail is no text of its own)
            k = 1
            while (
                i + k < len(sw)
                and j + k < len(tw)
                and sw[i + k][0] == tw[j + k][0]
                and _joined(target, tw, j + k)
            ):
                k += 1
            if k < MIN_RUN_WORDS:
                continue
            judged += 1
            s0, s1 = sw[i][1], sw[i + k - 1][2]
            t0, t1 = tw[j][1], tw[j + k - 1][2]
            if (
                not _ordinary_words(tw[j : j + k], names)
                or _letters(target[t0:t1]) < MIN_COPY_CHARS
                or in_parentheses(target, t0, t1)
            ):
                continue
            run = target[t0:t1]
            if detector is not None and _confidence(detector, run, base_lang(target_lang)) >= _confidence(
                detector, run, base_lang(source_lang)
            ):
                continue
            found.append((s0, s1, t0, t1))
            used_t.update(range(j, j + k))
    return found


_RUN_BREAK = re.compile(r"[()\[\]«»\"“”„]")


def _joined(text: str, words: list[tuple[str, int, int, str]], j: int) -> bool:
    """The j-th word continues the (j-1)-th's stretch: no bracket or quotation mark between them (a run
    that reaches into a gloss, 'modules (" mandatory access control ")', is two stretches)."""
    return not _RUN_BREAK.search(text[words[j - 1][2] : words[j][1]])


def _ordinary_words(words: list[tuple[str, int, int, str]], names: frozenset[str] = frozenset()) -> bool:
    """A copied run reads as text, not as a name or title: it has a lowercase word of four letters or
    more, and such words are at least a third of its long words ("Atacama Large Millimeter/submillimeter
    Array" is a name with one lowercase word in it; "aspirant Zbigniew Kołodziej" a rank left in). A word
    of the source's ``names`` is no lowercase word, whatever the target's case ("toyota peugeot citroën")."""
    long_words = [w[3] for w in words if len(w[3]) > 3]
    lower = sum(w[:1].islower() and not named(w, names) for w in long_words)
    return lower > 0 and 3 * lower >= len(long_words)


def in_parentheses(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` lies inside one pair of round brackets: a gloss quoting the original term."""
    opening = text.rfind("(", 0, start)
    closing = text.find(")", end)
    return opening >= 0 and closing >= 0 and ")" not in text[opening:start] and "(" not in text[end:closing]


def _gloss(text: str, start: int, end: int) -> bool:
    """The letters of ``text[start:end]`` lie inside one pair of round brackets: the original quoted on
    purpose ('(en arménien Հայոց Ազգային Խորհուրդ)', '(" mandatory access control ")')."""
    letters = [k for k in range(start, end) if text[k].isalpha()]
    return bool(letters) and in_parentheses(text, letters[0], letters[-1] + 1)


# An e-mail or web address, or a bare domain ("weather.com", "online.net", "aktuálně.cz"): no language at all.
# The country domains are those of languages bitext has data for, each in lower case right after a dot.
# Each alternative starts where its match would begin at the earliest anyway (a token's start; a word's
# first letter), so that a long run of letters is not tried again from each of its letters.
_ADDRESS_RE = re.compile(
    r"(?<!\S)\S*(?:@|://|www\.)\S*|(?<![^\W_])[^\W_][\w.-]*\.(?:com|org|net|gov|edu|info|io"
    r"|az|cz|de|es|eu|fr|is|it|jp|pl|ru|tr|uk|ua|cn|in|at|ch|nl|be)\b(?!\.\w)"
)


def _addresses(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _ADDRESS_RE.finditer(text)]


def _within(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


@lru_cache(maxsize=256)  # asked by the whole-text, copied-run and copied-word rules of one pair
def source_names(source: str, lang: str) -> frozenset[str]:
    """The words (case-folded) the source writes with a capital wherever it has them, once at least inside
    a sentence: its names. A translation may lose the capitals (one set all in lower case: "now kolonko
    announced on twitter"), not the names. Empty where capitals tell no names: in a language that
    capitalises every noun (German), and in a source set in capitals or title case."""
    if capitalises_nouns(lang):
        return frozenset()
    words = list(WORD_RE.finditer(source))
    lower = {m.group(0).casefold() for m in words if m.group(0)[:1].islower()}
    inside = {
        m.group(0).casefold()
        for m in words
        if m.group(0)[:1].isupper() and not opens_sentence(source, m.start())
    }
    if 2 * len(lower) < len(inside):
        return frozenset()  # a heading or title: every word has its capital
    return frozenset(inside - lower)


def named(word: str, names: frozenset[str]) -> bool:
    """The word is one of ``names`` (``source_names``), also with another ending of up to two letters
    ("małgorzata" for the source's "Małgorzatą")."""
    key = word.casefold()
    if key in names:
        return True
    head = key[: max(4, len(key) - 2)]
    return any(n.startswith(head) and abs(len(n) - len(key)) <= 2 for n in names)


def _reads_as(detector: Any, piece: str, lang: str, names: frozenset[str] = frozenset()) -> bool:
    """The piece reads as ``lang``, as a whole and by its ordinary words alone. Capitalised words are names,
    kept verbatim on purpose, and an address (jo@example.org, www.example.com) is no language: a run of
    names reads as their language ("Lithgow və Halkett-in topu" as English; an English sentence naming
    three Polish officers and their office as Polish), so at least MIN_RUN_WORDS ordinary words must be
    there and read as ``lang`` by themselves, most of them one by one too. ``names`` are the source's
    names (``source_names``), which are no ordinary words in lower case either."""
    # (a single letter is a list marker or an initial: "c ) Albert Eggler, Gipfel über den Wolken")
    ordinary = [
        w
        for w in WORD_RE.findall(_ADDRESS_RE.sub(" ", piece))
        if w[:1].islower() and len(w) > 1 and not named(w, names)
    ]
    return (
        len(ordinary) >= MIN_RUN_WORDS
        and _confidence(detector, piece, lang) >= MIN_CONFIDENCE
        and _confidence(detector, " ".join(ordinary), lang) >= MIN_CONFIDENCE
        and _most_read_as(detector, ordinary, lang)
    )


def _most_read_as(detector: Any, words: list[str], lang: str) -> bool:
    """More than half of the words of three letters or more read as ``lang`` one by one. A whole text is
    not enough: a letter only one of the two languages writes settles it for lingua, so one Polish word
    left in an English sentence ("he ended współpracę with the company") makes the sentence Polish."""
    longer = [w for w in words if len(w) >= 3]
    return 2 * sum(_confidence(detector, w, lang) > 0.5 for w in longer) > len(longer)


def _untranslated_runs(
    target: str, source_lang: str, target_lang: str, names: frozenset[str] = frozenset()
) -> list[tuple[int, int]]:
    detector = _detector((base_lang(source_lang), base_lang(target_lang)))
    if detector is None:
        return []
    out = []
    for res in detector.detect_multiple_languages_of(target):
        if _lingua_code(res.language) != base_lang(source_lang):
            continue
        piece = target[res.start_index : res.end_index]
        if _reads_as(detector, piece, base_lang(source_lang), names):
            start = res.start_index + (len(piece) - len(piece.lstrip()))
            out.append((start, res.start_index + len(piece.rstrip())))
    return out


def _script_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch, n in Counter(text).items():  # in order of first occurrence, as the text reads
        if ch.isalpha():
            sc = _script(ch)
            counts[sc] = counts.get(sc, 0) + n
    return counts


def dominant_script(text: str) -> str | None:
    counts = _script_counts(text)
    return max(counts, key=lambda k: counts[k]) if counts else None


def foreign_script_runs(source: str, target: str) -> list[tuple[int, int]]:
    """Runs of the target written in the source's alphabets when the two are written differently: an
    English sentence with "知道" or "не" in it (words left in the original language). A language may write
    with several scripts at once (Japanese: kanji, hiragana, katakana), so every script that makes up a
    twentieth of the source's letters counts as the source's."""
    counts, tgt_script = _script_counts(source), dominant_script(target)
    total = sum(counts.values())
    src_scripts = {sc for sc, n in counts.items() if n >= max(2, total / 20)} - {tgt_script}
    if tgt_script is None or not src_scripts:
        return []
    runs: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\W\d_]+", target):
        if all(_script(ch) in src_scripts for ch in m.group(0) if ch.isalpha()):
            if runs and not target[runs[-1][1] : m.start()].strip(" ,'’-"):
                runs[-1] = (runs[-1][0], m.end())
            else:
                runs.append((m.start(), m.end()))
    return runs


# A word copied from the source is left untranslated when it is common in the source language (Zipf 3: once
# per million words) and far rarer in the target's (100 times: 2 on the Zipf scale, a log10 scale). Names
# kept on purpose ("Trump", "Merkel") are common in both or in neither.
COMMON_ZIPF, ZIPF_GAP = 3.0, 2.0
# ... unless it is a common word of the target language as well (French "mit", a form of "mettre", Zipf
# 4.35; English "pour", Zipf 4.1, stays a French word left in "7 pour cent").
TARGET_WORD_ZIPF = 4.3
SHORT_WORD_GAP = 5.0  # two letters are too often a word of both languages: 100,000 times rarer, then


@lru_cache(maxsize=1)
def wordfreq_languages() -> frozenset[str]:
    """The languages whose word frequencies ``wordfreq`` ships (none without the package)."""
    try:
        from wordfreq import available_languages
    except ImportError:  # the word lists ship with the package; without it the rule is skipped
        return frozenset()
    # Chinese, Japanese and Korean words need a segmenter wordfreq leaves to optional extras (jieba, MeCab);
    # their scripts tell a word left in them anyway (``foreign_script_runs``).
    return frozenset(available_languages()) - {"zh", "ja", "ko"}


_NAME_GLUE = re.compile(r"\s|\.\s?|-")  # between a name's words: a space, an initial's dot, a hyphen


def _name_particle(
    words: list[re.Match[str]], k: int, text: str, names: frozenset[str] = frozenset()
) -> bool:
    """The k-th word sits between two capitalised words with only spaces between: inside a name, as its
    particle ("Place des Vosges", "Casa de Campo") or one of its words, carried over with the name. A
    word of the source's ``names`` counts as capitalised ("rue des francs bourgeois" in lower case)."""
    if k == 0 or k + 1 >= len(words):
        return False
    before, after = words[k - 1], words[k + 1]

    def capital(word: str) -> bool:
        return word[:1].isupper() or named(word, names)

    return (
        capital(before.group(0))
        and capital(after.group(0))
        and bool(_NAME_GLUE.fullmatch(text[before.end() : words[k].start()]))  # "H. von Gunten" too
        and not text[words[k].end() : after.start()].strip()
    )


def _in_a_name(words: list[re.Match[str]], k: int, text: str, lang: str) -> bool:
    """The capitalised k-th word continues or opens a run of capitalised words inside a sentence: a
    surname after a given name or an initial ("Marcel Kurz", "F. Sauberer", "E.Schmied"), the tail of a
    hyphenated name ("Himalaya-Gesellschaft"), the head of a title or name ("la Neue Zürcher Zeitung").
    Not in a language that capitalises every noun, where such runs are ordinary noun phrases."""
    word = words[k]
    if not word.group(0)[:1].isupper() or capitalises_nouns(lang):
        return False

    def capitals_glued(a: re.Match[str], b: re.Match[str]) -> bool:
        capitals = a.group(0)[:1].isupper() and b.group(0)[:1].isupper()
        return capitals and bool(_NAME_GLUE.fullmatch(text[a.end() : b.start()]))

    before = k > 0 and capitals_glued(words[k - 1], word) and not opens_sentence(text, words[k - 1].start())
    after = (
        k + 1 < len(words) and not opens_sentence(text, word.start()) and capitals_glued(word, words[k + 1])
    )
    return before or after


QUOTED_TERM_WORDS = 3  # a quoted term or short title; a longer quotation is text like any other


def _in_quotes(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` lies inside a pair of quotation marks around a few words: a term or short title
    quoted in the original on purpose (« Reform-Ernährung », "Dämon Himalaya")."""
    for opening, closing in (("«", "»"), ("“", "”"), ("„", "“"), ('"', '"')):
        left = text.rfind(opening, 0, start)
        right = text.find(closing, end)
        if left < 0 or right < 0 or closing in text[left + 1 : start]:
            continue
        if len(WORD_RE.findall(text[left:right])) <= QUOTED_TERM_WORDS:
            return True
    return False


def word_zipf(word: str, lang: str) -> float | None:
    """How common ``word`` is in ``lang`` by its ``wordfreq`` list (Zipf: 3 is once in a million words);
    None for a language without a list (Azerbaijani among them)."""
    code = base_lang(lang)
    if code not in wordfreq_languages():
        return None
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, code))


def load_word_frequencies(*langs: str) -> None:
    """Read the word lists of these languages now, those ``wordfreq`` has (about 0.1 s each), so that a
    caller can do it beside other work: ``checks.warm_up``, beside the model's load."""
    todo = {base_lang(lang) for lang in langs} & wordfreq_languages()
    if todo:
        from wordfreq import zipf_frequency

        for code in sorted(todo):
            zipf_frequency("a", code)


def common_source_words(
    source: str, target: str, source_lang: str, target_lang: str
) -> list[tuple[int, int, int, int]]:
    """Words written the same on both sides (any case) that are common words of the source language and
    rare ones of the target's, by the word frequencies of ``wordfreq``: "Gesicht", "dass", "Prozent" left in
    an English sentence; or lowercase words the target's list lacks altogether, in every form of them
    ("assestate"; not "sahibs", whose singular French knows), and which reads as the source language
    where the source's list lacks it too (``ingest.languages.likeliest_language``: a rare inflection,
    "obrotnością"; not a third language's word that both sides mention, "middag (midi)", nor a people's
    name both write, "Hunzas" / "hunzas"). This tells a German noun left untranslated from a name, which
    capitals cannot. A clitic the target's language writes onto a word is no part of it ("pouvaisn't":
    "pouvais"; ``without_clitics``).
    Skipped for a language wordfreq has no list for (Azerbaijani among them).

    Word lists count names too ("Mariusz", "Jihlava" are common Polish and Czech words by them), so a word
    capitalised wherever it occurs, on both sides, is taken for a name, unless the source language
    capitalises every noun (German): there the word list is the only way to tell. A word inside a name
    ("Rue des Francs") is left alone, unless the source capitalises every noun and the word is common there
    (Zipf 4) and in no list of the target's ("US Präsident Donald Trump"), and so is a capitalised name
    bitext knows as one
    (``names.known_name``: German "Bangladesch", a country's name in the source language, is a name carried
    over, not a word; Italian "francesi", in lower case, is a word)."""
    src, tgt = base_lang(source_lang), base_lang(target_lang)
    known = wordfreq_languages()
    if src not in known or tgt not in known:
        return []
    from wordfreq import zipf_frequency

    src_words: dict[str, tuple[int, int]] = {}
    for m in WORD_RE.finditer(source):
        src_words.setdefault(m.group(0).casefold(), (m.start(), m.end()))
    tgt_words = list(WORD_RE.finditer(without_clitics(target, tgt)))
    addresses = _addresses(target)
    words = [*WORD_RE.finditer(source), *tgt_words]
    uncapitalised = {m.group(0).casefold() for m in words if m.group(0)[:1].islower()}  # not a name
    names = source_names(source, src)  # ... unless the source gives it a capital: a name set in lower case
    lowered = not any(ch.isupper() for ch in target)
    out = []
    for k, m in enumerate(tgt_words):
        word = m.group(0)
        key = word.casefold()
        if len(word) < 2 or word.isupper() or key not in src_words:
            continue
        opening = key not in uncapitalised and _opens_both(word, source, src_words[key][0], target, m.start())
        if not capitalises_nouns(src) and (named(key, names) or (key not in uncapitalised and not opening)):
            continue  # capitalised on both sides wherever it occurs (or caseless), or in the source: a name
        if word[:1].isupper() and known_name(word, src, tgt):
            continue
        if _in_quotes(target, m.start(), m.end()):
            continue
        # ... but a word common in a language that capitalises every noun, and in no list of the target's,
        # is no part of a name ("US Präsident Donald Trump")
        noun = capitalises_nouns(src) and zipf_frequency(key, tgt) == 0 and zipf_frequency(key, src) >= 4.0
        in_name = _name_particle(tgt_words, k, target, names) or _in_a_name(tgt_words, k, target, tgt)
        if in_name and not noun:
            continue
        if _within(addresses, m.start(), m.end()):
            continue
        try:
            in_source = zipf_frequency(key, src)
            in_target = zipf_frequency(key, tgt)
        except ImportError:  # Chinese and Japanese lists need a segmenter (wordfreq[cjk]), not installed
            return []
        # common in the target language too (French "mit", a form of "mettre"): a word of its own
        # (a word of two letters only when the gap is vast: Czech "že", Polish "że", not "je" or "na")
        gap = in_source - in_target >= (ZIPF_GAP if len(word) > 2 else SHORT_WORD_GAP)
        common = in_source >= COMMON_ZIPF and gap and in_target < TARGET_WORD_ZIPF
        if opening and not capitalises_nouns(src):
            # its only capital is the one a sentence's first word takes, on both sides: a word, not a
            # name, only when it is a function word of the source language ("Pokud", "Proto", "Porque"
            # left at the head of an English sentence; not "Praha", "Kaczyński", as common by wordfreq)
            common = common and key in function_words(src)
        # or a lowercase word the target's list lacks altogether ("assestate"), where lower case tells a
        # word from a name: not in a translation set all in lower case. The source's list may lack it too:
        # it stands in the source as written, and a rare inflection ("ricalibrandola") is in no list
        unknown = word[:1].islower() and not lowered and len(word) >= MIN_COPIED_WORD and in_target == 0
        # in any form: a plural of a word the list holds is a word of the target's ("sahibs": "sahib")
        unknown = unknown and not any(zipf_frequency(f, tgt) > 0 for f in stems(key, tgt) if f != key)
        if unknown and in_source == 0 and likeliest_language(key) != src:
            # ... and a word neither list holds must read as the source language ("obrotnością", a rare
            # Polish inflection): else both sides mention a word of a third language ("middag (midi)",
            # "bonasus, meaning 'bull'"), or write a people's name or a loan word ("Hunzas" / "hunzas")
            unknown = False
        if common or unknown:
            s0, s1 = src_words[key]
            out.append((s0, s1, m.start(), m.end()))
    return out


@lru_cache(maxsize=32)
def _clitic_pattern(lang: str) -> re.Pattern[str] | None:
    """The clitics a language writes onto the word before them (``attached_clitics`` in its contrast data:
    English "n't", "'s", ...), either apostrophe, at a word's end; None for a language without them."""
    clitics = language_data("contrasts", lang).get("attached_clitics", [])
    if not clitics:
        return None
    forms = sorted({c.replace("’", "'") for c in clitics}, key=len, reverse=True)
    body = "|".join(re.escape(c).replace("'", "['’]") for c in forms)
    return re.compile(rf"(?:{body})(?![^\W\d_])", re.IGNORECASE)


def without_clitics(text: str, lang: str) -> str:
    """``text`` with the clitics its language writes onto a word blanked out, offsets kept: the word a
    translation copied is the one before "n't" ("pouvaisn't": "pouvais"; "Hamas's": "Hamas")."""
    pattern = _clitic_pattern(base_lang(lang))
    return text if pattern is None else pattern.sub(lambda m: " " * len(m.group(0)), text)


@lru_cache(maxsize=32)
def function_words(lang: str) -> frozenset[str]:
    """The language's stop words (``stop-words``: about 30 languages), or none."""
    from stop_words import StopWordError, get_stop_words

    try:
        return frozenset(w.casefold() for w in get_stop_words(lang))
    except StopWordError:
        return frozenset()


def _opens_both(word: str, source: str, source_start: int, target: str, target_start: int) -> bool:
    """The word opens a sentence on both sides, where any word takes a capital."""
    return (
        word[:1].isupper() and opens_sentence(target, target_start) and opens_sentence(source, source_start)
    )


def copied_words(
    source: str, target: str, source_lang: str, target_lang: str
) -> list[tuple[int, int, int, int]]:
    """Single lower-case words written the same on both sides that read as the source language, not the
    target's: "kurzfristigen", "współpracę" left in an English sentence. A capitalised word is left alone:
    names are carried over on purpose, and in a language that capitalises every noun (German) a copied noun
    cannot be told from a name without a lexicon."""
    detector = _detector((base_lang(source_lang), base_lang(target_lang)))
    if detector is None:
        return []
    src_words: dict[str, tuple[int, int]] = {}
    for m in WORD_RE.finditer(source):
        src_words.setdefault(m.group(0), (m.start(), m.end()))
    addresses = _addresses(target)
    out = []
    for m in WORD_RE.finditer(without_clitics(target, target_lang)):
        word = m.group(0)
        if len(word) < MIN_COPIED_WORD or word.isupper() or word not in src_words:
            continue
        if word[:1].isupper() or in_parentheses(target, m.start(), m.end()) or _within(addresses, *m.span()):
            continue
        if _loan_word(word, base_lang(source_lang), base_lang(target_lang)):
            continue
        if _confidence(detector, word, base_lang(source_lang)) >= MIN_WORD_CONFIDENCE:
            s0, s1 = src_words[word]
            out.append((s0, s1, m.start(), m.end()))
    return out


def _loan_word(word: str, src: str, tgt: str) -> bool:
    """The target language uses the word too, about as often as the source language does: common in the
    target's list (``COMMON_ZIPF``) and less than ``ZIPF_GAP`` rarer there ("curry", "school" in French,
    "weekend"), a loan word rather than the source left untranslated. Not where either list is missing."""
    in_target, in_source = word_zipf(word.casefold(), tgt), word_zipf(word.casefold(), src)
    if in_target is None or in_source is None:
        return False
    return in_target >= COMMON_ZIPF and in_source - in_target < ZIPF_GAP


_WORD_RULES = ("copied-word", "copied-common-word")


def _joined_words(flags: list[Flag], source: str, target: str, sname: str, tname: str) -> list[Flag]:
    """Words flagged one by one that stand next to each other on both sides, in the same order, are one
    stretch left in the source language ("Gipfel über den Wolken"): one flag for it, as a copied run,
    rather than one per word."""
    words = [
        (f.source_span, f.target_span, f)
        for f in flags
        if f.basis in _WORD_RULES and f.source_span is not None and f.target_span is not None
    ]
    runs: list[list[tuple[tuple[int, int], tuple[int, int], Flag]]] = []
    for s, t, f in sorted(words, key=lambda w: w[1]):
        if runs:
            (_, ls1), (_, lt1), _ = runs[-1][-1]
            if ls1 <= s[0] and not source[ls1 : s[0]].strip() and not target[lt1 : t[0]].strip():
                runs[-1].append((s, t, f))
                continue
        runs.append([(s, t, f)])
    out = [f for f in flags if f.basis not in _WORD_RULES]
    for run in runs:
        if len(run) == 1:
            out.append(run[0][2])
            continue
        (s0, _), (t0, _) = run[0][0], run[0][1]
        (_, s1), (_, t1) = run[-1][0], run[-1][1]
        excerpt = target[t0:t1]
        msg = f"'{excerpt}' is the same in the {sname} and the {tname}: left untranslated?"
        spans = source[s0:s1], excerpt, (s0, s1), (t0, t1)
        out.append(Flag("language", "major", *spans, msg, basis="copied-run"))
    return out


@check("language")
def check_language(ctx: PairContext) -> list[Flag]:
    """Part of the translation is still in the original language, the translation is in another
    language altogether, or a word mixes alphabets (a Cyrillic 'а' inside a Latin word looks right
    but breaks search, spell-checking and sorting).
    """
    sname, tname = language_name(ctx.source_lang), language_name(ctx.target_lang)
    src_lang, tgt_lang = base_lang(ctx.source_lang), base_lang(ctx.target_lang)
    flags: list[Flag] = []
    expected: dict[str, str] = language_data("scripts", "confusables").get("script_of_language", {})
    for side, text, lang in (("target", ctx.target_text, tgt_lang), ("source", ctx.source_text, src_lang)):
        for start, end, word, scripts in mixed_script_words(text):
            script = expected.get(lang, "LATIN")
            fix = _suggest(word, script)
            hint = f" (probably '{fix}')" if fix != word else ""
            others = ", ".join(sorted(s.title() for s in scripts if s != script))
            msg = f"'{word}' mixes {script.title()} letters with {others} ones{hint}."
            span = (start, end)
            if side == "target":
                flags.append(Flag("language", "major", "", word, None, span, msg, basis="mixed-script"))
            else:
                flags.append(Flag("language", "minor", word, "", span, None, msg, basis="mixed-script"))
    if src_lang == tgt_lang:
        return flags
    flagged: list[tuple[int, int]] = []
    detector = _detector((src_lang, tgt_lang))
    names = source_names(ctx.source_text, src_lang)
    # The whole target in the source language ends the check: its words are not flagged one by one.
    if (
        detector is not None
        and _letters(ctx.target_text) >= MIN_COPY_CHARS
        and _reads_as(detector, ctx.target_text, src_lang, names)
    ):
        msg = f"The {tname} side is written in {sname}: it looks untranslated."
        span = (0, len(ctx.target_text))
        return [*flags, Flag("language", "major", "", ctx.target_text, None, span, msg, basis="untranslated")]
    for s0, s1, t0, t1 in _copied_runs(ctx.source_text, ctx.target_text, src_lang, tgt_lang):
        excerpt = ctx.target_text[t0:t1]
        msg = f"'{excerpt}' is the same in the {sname} and the {tname}: left untranslated?"
        spans = ctx.source_text[s0:s1], excerpt, (s0, s1), (t0, t1)
        flags.append(Flag("language", "major", *spans, msg, basis="copied-run"))
        flagged.append((t0, t1))
    for t0, t1 in foreign_script_runs(ctx.source_text, ctx.target_text):
        if _overlaps(flagged, t0, t1) or _gloss(ctx.target_text, t0, t1):
            continue
        excerpt = ctx.target_text[t0:t1]
        msg = f"'{excerpt}' in the {tname} is written in the {sname} alphabet: left untranslated?"
        flags.append(Flag("language", "major", "", excerpt, None, (t0, t1), msg, basis="foreign-script"))
        flagged.append((t0, t1))
    for s0, s1, t0, t1 in copied_words(ctx.source_text, ctx.target_text, src_lang, tgt_lang):
        if _overlaps(flagged, t0, t1):
            continue
        excerpt = ctx.target_text[t0:t1]
        msg = (
            f"'{excerpt}' is written the same in the {sname} and reads as {sname}, not {tname}: "
            "left untranslated?"
        )
        spans = ctx.source_text[s0:s1], excerpt, (s0, s1), (t0, t1)
        flags.append(Flag("language", "major", *spans, msg, basis="copied-word"))
        flagged.append((t0, t1))
    for s0, s1, t0, t1 in common_source_words(ctx.source_text, ctx.target_text, src_lang, tgt_lang):
        if _overlaps(flagged, t0, t1):
            continue
        excerpt = ctx.target_text[t0:t1]
        msg = f"'{excerpt}' is a {sname} word that {tname} rarely or never uses: left untranslated?"
        spans = ctx.source_text[s0:s1], excerpt, (s0, s1), (t0, t1)
        flags.append(Flag("language", "major", *spans, msg, basis="copied-common-word"))
        flagged.append((t0, t1))
    flags = _joined_words(flags, ctx.source_text, ctx.target_text, sname, tname)
    for t0, t1 in _untranslated_runs(ctx.target_text, src_lang, tgt_lang, names):
        if _overlaps(flagged, t0, t1) or _gloss(ctx.target_text, t0, t1):
            continue
        excerpt = ctx.target_text[t0:t1]
        msg = f"'{excerpt}' in the {tname} is in {sname}: left untranslated?"
        flags.append(Flag("language", "major", "", excerpt, None, (t0, t1), msg, basis="source-language-run"))
    return flags
