"""Language knowledge for the semantic checks, read from ``bitext/data/contrasts/<lang>.json``.

Words of opposite meaning (east/Qərb), negation markers, qualifiers and stopwords are data, so supporting a
new language means adding a JSON file (see ``data/contrasts/README.md``). This module only knows how to
read those files and match words against them; agglutinative languages match a stem entry ("qərb*") when
the rest of the word splits into the language's listed endings ("Qərbdəki" = qərb + də + ki).
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from bitext.checks.antonyms import antonym_lexicon
from bitext.limits import remember
from bitext.text import MARKS, fold, opens_sentence

# The checks' words (bitext.text.WORD_RE), except in scripts written without spaces: there each Han
# character is a token of its own (close to a morpheme) and a run of hiragana or of katakana is one, so that
# "不过" (but) is the phrase 不 + 过 and "行かない" is 行 + かない.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_KANA = "\u3040-\u309f", "\u30a0-\u30ff\u31f0-\u31ffー"
_SPACED = rf"[^\W\d_{_HAN}{_KANA[0]}{_KANA[1]}]"
_SPACED_WORD = rf"{_SPACED}(?:{_SPACED}|[{MARKS}])*"
_TOKEN_RE = re.compile(rf"{_SPACED_WORD}(?:['’]{_SPACED_WORD})*|[{_HAN}]|[{_KANA[0]}]+|[{_KANA[1]}]+")


@dataclass(frozen=True)
class Token:
    """One word of a text: its surface form, case-folded form and character span."""

    text: str
    norm: str
    start: int
    end: int


@dataclass(frozen=True)
class Sense:
    """A word's place in a contrast: concept id, polarity (+1/-1), and whether the word is ambiguous."""

    concept: str
    polarity: int
    weak: bool


@dataclass(frozen=True)
class _Entry:
    stem: str
    prefix: bool  # entry ended in "*": may carry the language's suffixes
    senses: tuple[Sense, ...]


_MEMO_WORDS = 100_000


@dataclass
class Lexicon:
    """The contrast lexicon, negation markers, qualifiers and stopwords of one language."""

    lang: str
    suffixes: frozenset[str]
    entries: dict[str, _Entry]
    not_words: tuple[_Entry, ...]
    negation_words: frozenset[str]
    negation_weak: frozenset[str]
    negation_patterns: tuple[re.Pattern[str], ...]
    weak_patterns: tuple[re.Pattern[str], ...]
    final_patterns: tuple[re.Pattern[str], ...]  # strong only when the word ends its clause
    question_weak: frozenset[str]  # weak in a question, no marker at all in a statement
    # a reply ("No, she's like the mink"): opening its sentence, with a comma or a full stop after it, it
    # answers what was said before and negates no clause of its own, so it is a weak mark
    replies: frozenset[str]
    # words whose negation in a question is a weak mark: a language that asks politely or rhetorically with
    # a negation (Icelandic "Getur þú ekki hjálpað mér?", can you help me?; "Ertu ekki að grínast?")
    in_questions: frozenset[str]
    # words that negate only beside a word of ``needs_with`` in their clause: written French negates with
    # "ne ... pas", and "pas" alone is a step ("nos pas"), "jamais" alone "ever" ("plus que jamais")
    needs: frozenset[str]
    needs_with: tuple[str, ...]  # words as ``_word_matches`` reads them ("n'*": "n'est")
    needs_after: frozenset[str]  # words right after which it negates alone ("mais pas", "pourquoi pas")
    # words right after which it is a noun, whatever else the clause holds: a determiner ("des pas d'ours"
    # in "ne sont que des pas d'ours", whose "ne" is the "ne ... que" of "only")
    needs_not_after: frozenset[str]
    scope: tuple[int, int]  # how many words before and after a negation word it may turn round
    pattern_scope: tuple[int, int]  # the same for a word negated inside (a pattern match: "gəlmədi")
    light_verbs: tuple[re.Pattern[str], ...]  # negated light verbs, which negate the word before too
    # negated verbal nouns of light verbs ("qəbul edilməməsi", its not being accepted): no negation of a
    # clause, but the word before is turned round for a contrast ("rejected" says the same)
    noun_negations: tuple[re.Pattern[str], ...]
    coordinators: frozenset[str]  # negation words that negate a list's items ("nor", "ani")
    weak_phrases: tuple[tuple[str, ...], ...]  # phrases that negate implicitly ("rather than"), as weak marks
    # negative prefixes: a word made of one and a word the antonym lexicon lists as its antonym is a weak
    # mark ("impenetrable": "penetrable", "untroubled": "troubled")
    weak_prefixes: tuple[str, ...]
    # negative prefixes that make a participle of any verb a weak mark when the participle is a word of its
    # own ("unbeaten": "beaten", "unharmed": "harmed"), lexicon or not (``_participle_negated``)
    participle_prefixes: tuple[str, ...]
    # negative prefixes that make a weak mark of any common word they stand on (Icelandic "ó": "ósammála",
    # disagreed; "ómögulegt", impossible), for a language without an antonym lexicon (``weak_prefixes``)
    common_word_prefixes: tuple[str, ...]
    not_negation: tuple[_Entry, ...]
    phrases: tuple[tuple[str, ...], ...]
    ignore_phrases: tuple[tuple[str, ...], ...]  # words whose negation character negates nothing (不过, but)
    # fixed phrases whose words neither contrast nor negate ("without fail"; "daxil olmaqla", including)
    idioms: tuple[tuple[str, ...], ...]
    qualifiers: dict[str, frozenset[str]]
    stopwords: frozenset[str] = field(default_factory=frozenset)
    # letters of English one character stands for, for comparing lengths (a Han character: about three)
    char_weight: float = 1.0
    # articles and prepositions written onto the next word with an apostrophe (French and Italian "l'",
    # "dell'"): "l'inizio" is the contrast word "inizio"
    elisions: tuple[str, ...] = ()
    _max_suffix: int = 0
    # what ``senses`` and ``negation`` answered for each word: every word of every link is asked, and a
    # text repeats its words (each keeps the last ``_MEMO_WORDS``, so a long batch stays bounded)
    _senses_of: dict[str, tuple[Sense, ...]] = field(default_factory=dict, repr=False, compare=False)
    _negation_of: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)

    def fold(self, text: str) -> str:
        """``text`` as the lexicon compares words: case-folded and composed (``_norm``)."""
        return _norm(text)

    def tokens(self, text: str) -> list[Token]:
        return [Token(m.group(), _norm(m.group()), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]

    def senses(self, norm: str) -> tuple[Sense, ...]:
        """Contrast senses of a case-folded word (empty when the lexicon does not know it), also behind an
        elided article or preposition ("l'ouverture", "dell'est")."""
        found = self._senses_of.get(norm)
        if found is None:
            found = remember(self._senses_of, norm, self._read_senses(norm), _MEMO_WORDS)
        return found

    def _read_senses(self, norm: str) -> tuple[Sense, ...]:
        for word in dict.fromkeys((norm, self._unelided(norm))):
            if self._matches_any(word, self.not_words):
                return ()
            entry = self._lookup(word)
            if entry is not None:
                return entry.senses
        return ()

    def _unelided(self, norm: str) -> str:
        """``norm`` without the elided word written onto it (``elisions``), the longest that fits."""
        for elided in self.elisions:
            if norm.startswith(elided) and len(norm) > len(elided):
                return norm[len(elided) :]
        return norm

    def negation(self, norm: str) -> str | None:
        """'strong' if the word negates its clause, 'weak' if it may (only cancels a flag), else None."""
        if norm not in self._negation_of:
            return remember(self._negation_of, norm, self._read_negation(norm), _MEMO_WORDS)
        return self._negation_of[norm]

    def _read_negation(self, norm: str) -> str | None:
        if norm in self.negation_words:
            return "strong"
        if norm in self.negation_weak:
            return "weak"
        if not self._matches_any(norm, self.not_negation):
            if any(p.fullmatch(norm) for p in self.negation_patterns):
                return "strong"
            if any(p.fullmatch(norm) for p in self.weak_patterns):
                return "weak"
        if self.weak_prefixes and _prefix_negated(self.lang, norm, self.weak_prefixes):
            return "weak"
        if self.participle_prefixes and _participle_negated(self.lang, norm, self.participle_prefixes):
            return "weak"
        if self.common_word_prefixes and _prefixed_common_word(self.lang, norm, self.common_word_prefixes):
            return "weak"
        return None

    def negation_scope(self, norm: str) -> tuple[int, int]:
        """Words before and after a negation marker that it may negate (see ``scope`` in the data). A
        light verb negated inside negates the word it makes a verb of too ("qəbul etmədi", did not
        accept: ``light_verbs``)."""
        if norm in self.negation_words or norm in self.negation_weak or norm in self.question_weak:
            return self.scope
        before, after = self.pattern_scope
        if any(p.fullmatch(norm) for p in self.light_verbs):
            return max(before, 1), after
        return before, after

    def is_exception(self, norm: str) -> bool:
        """A word that the negation patterns would catch but that negates nothing ("dəmir", "alma")."""
        return self._matches_any(norm, self.not_negation)

    def is_stopword(self, norm: str) -> bool:
        return norm in self.stopwords

    def qualifier(self, norm: str) -> str | None:
        for name, words in self.qualifiers.items():
            if norm in words:
                return name
        return None

    def _lookup(self, norm: str) -> _Entry | None:
        exact = self.entries.get(norm)
        if exact is not None:
            return exact
        # Longest stem first, so "sonra" (after) wins over "son" (last) and "northeast" over "north".
        for cut in range(len(norm) - 1, 1, -1):
            entry = self.entries.get(norm[:cut])
            if entry is not None and entry.prefix and self._is_suffix_chain(norm[cut:]):
                return entry
        return None

    def _matches_any(self, norm: str, entries: tuple[_Entry, ...]) -> bool:
        return any(
            norm == e.stem or (e.prefix and norm.startswith(e.stem)) for e in entries
        )

    def _is_suffix_chain(self, rest: str) -> bool:
        # Dynamic programme: can ``rest`` be cut into listed endings?
        ok = [True] + [False] * len(rest)
        for i in range(1, len(rest) + 1):
            for j in range(max(0, i - self._max_suffix), i):
                if ok[j] and rest[j:i] in self.suffixes:
                    ok[i] = True
                    break
        return ok[-1]


def _scope(pair: list[int] | None) -> tuple[int, int]:
    before, after = pair or (2, 3)
    return int(before), int(after)


def _norm(word: str) -> str:
    """A word as the lexicon compares it: case-folded (``text.fold``) and in Unicode's composed form, so
    that a letter written as one code point or as a letter and a mark matches either way (Hindi ड़ is
    U+095C in some texts and ड + the nukta sign in others)."""
    folded = fold(word)
    return folded if unicodedata.is_normalized("NFC", folded) else unicodedata.normalize("NFC", folded)


def _entry(word: str, senses: tuple[Sense, ...]) -> _Entry:
    prefix = word.endswith("*")
    return _Entry(_norm(word.rstrip("*")), prefix, senses)


def _prefix_negated(lang: str, norm: str, prefixes: tuple[str, ...]) -> bool:
    """``norm`` is a negative prefix and a word that the antonym lexicon of ``lang`` lists as its
    antonym: "unable" (able), "impenetrable" (penetrable); not "until" or "important"."""
    opposites = antonym_lexicon(lang).antonyms.get(norm, ())
    return any(norm.startswith(p) and norm[len(p) :] in opposites for p in prefixes)


# A participle ending of the language ("beaten", "harmed") and the word list's frequency from which the
# rest of the word is a word of its own (Zipf 3: once in a million words), not a fragment ("ified" of
# "unified", "derrated" of "underrated").
_PARTICIPLE_ENDINGS = ("ed", "en")
_PARTICIPLE_MIN = 5
_PARTICIPLE_ZIPF = 3.0


def _participle_negated(lang: str, norm: str, prefixes: tuple[str, ...]) -> bool:
    """``norm`` is a negative prefix on a participle that is a word of its own: "unbeaten", "unharmed",
    "unsecured", which another language renders with a negated verb ("məğlub olmayıblar", were not
    beaten). The antonym lexicon (``_prefix_negated``) lists few of them. Every token of a text is asked,
    so the word list is read only for a word with the prefix and a participle's ending."""
    return _prefixed_common_word(lang, norm, prefixes, min_rest=_PARTICIPLE_MIN, endings=_PARTICIPLE_ENDINGS)


# the rest of a word after a negative prefix is a word of its own from this length ("ó" + "sk", "ósk", a
# wish, is none)
_PREFIXED_REST_MIN = 3


def _prefixed_common_word(
    lang: str,
    norm: str,
    prefixes: tuple[str, ...],
    *,
    min_rest: int = _PREFIXED_REST_MIN,
    endings: tuple[str, ...] = (),
) -> bool:
    """``norm`` is a negative prefix on a common word of ``lang`` (``_common_word``) of ``min_rest`` letters
    or more, ending in one of ``endings`` if any are given: Icelandic "ósammála" (sammála, agreed), "ódýr"
    (dýr, dear); not "ótti" (fear) or "ósk" (wish), whose rest is no word."""
    return any(
        norm.startswith(p)
        and len(rest := norm[len(p) :]) >= min_rest
        and (not endings or rest.endswith(endings))
        and _common_word(rest, lang)
        for p in prefixes
    )


@lru_cache(maxsize=4096)
def _common_word(word: str, lang: str) -> bool:
    from bitext.checks.language import word_zipf

    zipf = word_zipf(word, lang)
    return zipf is not None and zipf >= _PARTICIPLE_ZIPF


def _data_text(name: str) -> str | None:
    path = resources.files("bitext").joinpath("data", "contrasts", name)
    return path.read_text(encoding="utf-8") if path.is_file() else None


@cache
def load_lexicon(lang: str) -> Lexicon | None:
    """The lexicon for an ISO 639-1 code, or None when bitext has no contrast data for that language."""
    raw = _data_text(f"{lang}.json")
    if raw is None:
        return None
    data = json.loads(raw)
    senses: dict[tuple[str, bool], list[Sense]] = {}
    for concept, sides in data["concepts"].items():
        for sign, words in sides.items():
            for word in words:
                weak = word.startswith("~")
                word = word.lstrip("~")
                senses.setdefault((word, weak), []).append(Sense(concept, 1 if sign == "+" else -1, weak))
    entries: dict[str, _Entry] = {}
    for (word, _weak), found in senses.items():
        e = _entry(word, tuple(found))
        old = entries.get(e.stem)
        entries[e.stem] = _Entry(e.stem, e.prefix or (old.prefix if old else False),
                                 (old.senses if old else ()) + e.senses)
    neg = data.get("negation", {})
    stop = _data_text(f"stopwords/{lang}.txt") or ""
    suffixes = frozenset(_norm(s) for s in data.get("suffixes", []))
    return Lexicon(
        lang=lang,
        suffixes=suffixes,
        entries=entries,
        not_words=tuple(_entry(w, ()) for w in data.get("not_words", [])),
        negation_words=frozenset(_norm(w) for w in neg.get("words", [])),
        negation_weak=frozenset(_norm(w) for w in neg.get("weak", [])),
        negation_patterns=tuple(re.compile(p) for p in neg.get("patterns", [])),
        weak_patterns=tuple(re.compile(p) for p in neg.get("weak_patterns", [])),
        final_patterns=tuple(re.compile(p) for p in neg.get("final_patterns", [])),
        question_weak=frozenset(_norm(w) for w in neg.get("question_weak", [])),
        replies=frozenset(_norm(w) for w in neg.get("replies", [])),
        in_questions=frozenset(_norm(w) for w in neg.get("weak_in_questions", [])),
        needs=frozenset(_norm(w) for w in neg.get("needs", {}).get("words", [])),
        needs_with=tuple(_norm(w) for w in neg.get("needs", {}).get("with", [])),
        needs_after=frozenset(_norm(w) for w in neg.get("needs", {}).get("after", [])),
        needs_not_after=frozenset(_norm(w) for w in neg.get("needs", {}).get("not_after", [])),
        scope=_scope(neg.get("scope", {}).get("word")),
        pattern_scope=_scope(neg.get("scope", {}).get("pattern")),
        light_verbs=tuple(re.compile(p) for p in neg.get("light_verbs", [])),
        noun_negations=tuple(re.compile(p) for p in neg.get("noun_negations", [])),
        coordinators=frozenset(_norm(w) for w in neg.get("coordinators", [])),
        weak_phrases=tuple(tuple(_norm(w) for w in p) for p in neg.get("weak_phrases", [])),
        weak_prefixes=tuple(_norm(w) for w in neg.get("weak_prefixes", [])),
        participle_prefixes=tuple(_norm(w) for w in neg.get("participle_prefixes", [])),
        common_word_prefixes=tuple(_norm(w) for w in neg.get("common_word_prefixes", [])),
        not_negation=tuple(_entry(w, ()) for w in neg.get("not_negation", [])),
        phrases=tuple(tuple(_norm(w) for w in p) for p in neg.get("phrases", [])),
        ignore_phrases=tuple(tuple(_norm(w) for w in p) for p in neg.get("ignore_phrases", [])),
        idioms=tuple(tuple(_norm(w) for w in p) for p in data.get("idioms", [])),
        qualifiers={k: frozenset(_norm(w) for w in v)
                    for k, v in data.get("qualifiers", {}).items()},
        stopwords=frozenset(_norm(w.strip()) for w in stop.splitlines() if w.strip()),
        _max_suffix=max((len(s) for s in suffixes), default=0),
        char_weight=float(data.get("char_weight", 1.0)),
        elisions=tuple(sorted((_norm(w) for w in data.get("elisions", [])), key=len, reverse=True)),
    )


@dataclass(frozen=True)
class Hit:
    """A contrast word found in a text: which token and which sense."""

    token: int
    sense: Sense


def contrast_hits(lex: Lexicon, tokens: list[Token], text: str = "") -> list[Hit]:
    """Every contrast sense of every word, but for words of a fixed phrase (``idioms``). With the ``text``
    the tokens come from, a word hyphened to a weak negative prefix has the opposite sense: "qeyri-mümkün"
    and "non-violent" are words of the other pole (impossible, peaceful)."""
    idiom = _phrase_tokens(lex.idioms, [t.norm for t in tokens])
    hits = []
    for i, t in enumerate(tokens):
        if i in idiom:
            continue
        flip = i > 0 and _hyphened(tokens, i - 1, text) and lex.negation(tokens[i - 1].norm) == "weak"
        hits += [Hit(i, Sense(s.concept, -s.polarity, s.weak) if flip else s) for s in lex.senses(t.norm)]
    return hits


def _phrase_tokens(phrases: tuple[tuple[str, ...], ...], norms: list[str]) -> set[int]:
    """The tokens inside any occurrence of any of ``phrases`` (words as ``_word_matches`` reads them)."""
    out: set[int] = set()
    if not phrases:
        return out
    exact, wild = _phrase_index(phrases)
    for i, norm in enumerate(norms):
        for phrase in (*exact.get(norm, ()), *wild):
            n = len(phrase)
            if i + n <= len(norms) and all(
                _word_matches(got, w) for got, w in zip(norms[i : i + n], phrase, strict=True)
            ):
                out.update(range(i, i + n))
    return out


@lru_cache(maxsize=64)
def _phrase_index(
    phrases: tuple[tuple[str, ...], ...],
) -> tuple[dict[str, list[tuple[str, ...]]], tuple[tuple[str, ...], ...]]:
    """``phrases`` by their first word, and apart those whose first word is a stem or an ending."""
    exact: dict[str, list[tuple[str, ...]]] = {}
    wild: list[tuple[str, ...]] = []
    for phrase in phrases:
        if not phrase:
            continue
        if phrase[0].startswith("*") or phrase[0].endswith("*"):
            wild.append(phrase)
        else:
            exact.setdefault(phrase[0], []).append(phrase)
    return exact, tuple(wild)


_CLAUSE_END = re.compile(r"\s*(?:[.!?;:…]|$)")
_QUESTION = re.compile(r"\?\W*$")
_AFTER_REPLY = re.compile(r"\s*[,!.;:…—–]")
_CLAUSE_BREAK = re.compile(r"[.!?;:…]")
_OPENS_CLAUSE = re.compile(r"[.!?;:…,(—–]")
# "No. 4", "no.12", tokenised "No . 4": a word followed by a full stop and a number abbreviates "number"
_NUMBER_ABBREVIATION = re.compile(r"\s?\.\s?\d")


def _inside_name(tokens: list[Token], i: int, text: str) -> bool:
    """The token is a capitalised word inside a sentence, between two capitalised words: part of a name
    ("Médicos Sin Fronteras", "Médecins Sans Frontières"), which negates nothing. Both neighbours, since
    German capitalises every noun ("Kein Mensch")."""
    if not 0 < i < len(tokens) - 1 or not tokens[i].text[:1].isupper():
        return False
    if opens_sentence(text, tokens[i].start):
        return False
    return tokens[i - 1].text[:1].isupper() and tokens[i + 1].text[:1].isupper()


def _licensed(lex: Lexicon, tokens: list[Token], i: int, text: str) -> bool:
    """A word of ``needs_with`` ("ne", "n'") stands in the clause of token ``i``, before or after it; or
    the word opens its clause or follows a word of ``needs_after``, elliptical ("Il est venu, pas elle",
    "Jamais !", "mais pas exclusivement"), where a noun would have its determiner before it ("quelques
    pas"). Never right after a word of ``needs_not_after``, a determiner: there it is a noun ("ne sont que
    des pas d'ours", only bear tracks)."""
    if i > 0 and tokens[i - 1].norm in lex.needs_not_after:
        return False
    if i == 0 or _OPENS_CLAUSE.search(text, tokens[i - 1].end, tokens[i].start):
        return True
    if tokens[i - 1].norm in lex.needs_after:  # "mais pas exclusivement", "pourquoi pas"
        return True
    for j, other in enumerate(tokens):
        if j == i or not any(_word_matches(other.norm, w) for w in lex.needs_with):
            continue
        lo, hi = (other.end, tokens[i].start) if j < i else (tokens[i].end, other.start)
        if not _CLAUSE_BREAK.search(text, lo, hi):
            return True
    return False


# A question's last clause after a comma, of at most this many words: a question tag ("isn't it?",
# "nicht wahr?", "¿no?", "n'est-ce pas ?", "не так ли?")
_TAG_WORDS = 3
_SENTENCE_OR_CLAUSE = re.compile(r"[.!?;:…,]")


def _question_tags(lex: Lexicon, tokens: list[Token], text: str) -> set[int]:
    """The tokens of question tags in ``text``: a question's last clause after a comma, of up to
    ``_TAG_WORDS`` words, that opens with its negation and asks for assent ("It's cold, isn't it?", "Es
    ist kalt, nicht wahr?", "¿no?", "değil mi?"). Its negation negates nothing of the sentence, which
    another language ends with "right?" or "hein ?" or not at all: a weak mark. A short clause whose
    negation comes later is a question of its own ("Elə bilirsiniz, o, həqiqəti demir?": do you think
    he is not telling the truth?)."""
    out: set[int] = set()
    starts = [t.start for t in tokens]
    previous: re.Match[str] | None = None
    for mark in _SENTENCE_OR_CLAUSE.finditer(text):  # one pass: each "?" with the mark before it
        if mark.group() == "?" and previous is not None and previous.group() == ",":
            lo, hi = bisect.bisect_right(starts, previous.start()), bisect.bisect_left(starts, mark.start())
            inside = [i for i in range(lo, hi) if tokens[i].end <= mark.start()]
            if 0 < len(inside) <= _TAG_WORDS and lex.negation(tokens[inside[0]].norm) is not None:
                out.update(inside)
        previous = mark
    return out


# what sets a clause that repeats a negation apart from the clause before it: a comma or a dash
_ECHO_GAP = re.compile(r"\s*(?:,|\s[—–-])\s*")


def _echoes(marks: list[tuple[int, str]], tokens: list[Token], text: str) -> set[int]:
    """The negations that open a clause after a comma or a dash and repeat the strong negation of a
    clause before them in the sentence ("He couldn't leave, not with the vote so close", "She never
    complained, not once", "Er kam nicht, nicht einmal"): the sentence denies one thing, which another
    language says once ("ayrıla bilməzdi"). A weak mark, as a question tag's is."""
    strong = [i for i, kind in marks if kind == "strong"]
    out: set[int] = set()
    for i in strong:
        if i == 0 or not _ECHO_GAP.fullmatch(text, tokens[i - 1].end, tokens[i].start):
            continue
        if any(j < i and not _CLAUSE_BREAK.search(text, tokens[j].end, tokens[i].start) for j in strong):
            out.add(i)
    return out


def _reply(token: Token, text: str) -> bool:
    """The word opens its sentence and punctuation closes it at once ("No, ...", "Nei.", "Yox!")."""
    return opens_sentence(text, token.start) and bool(_AFTER_REPLY.match(text, token.end))


def _closes_clause(lex: Lexicon, norm: str, text: str, end: int) -> bool:
    """The word matches a clause-final negation pattern and nothing but punctuation follows it."""
    return (
        any(p.fullmatch(norm) for p in lex.final_patterns)
        and bool(_CLAUSE_END.match(text, end))
        and not lex.is_exception(norm)
    )


def _hyphened(tokens: list[Token], i: int, text: str) -> bool:
    """The token is joined by a hyphen to the word after it."""
    return i + 1 < len(tokens) and text[tokens[i].end : tokens[i + 1].start] in ("-", "‑")


def _word_matches(norm: str, word: str) -> bool:
    """A phrase's word: exact, a stem when it ends in '*' ('ed*': 'edilməsi', 'edib'), or an ending when it
    starts with one ('*mamışdan': 'atmamışdan')."""
    if word.endswith("*"):
        return norm.startswith(word[:-1])
    if word.startswith("*"):
        return norm.endswith(word[1:])
    return norm == word


# a converb that a verb's own negation follows in "whether or not" ('alıb almadıqlarını', 'gelip gelmediğini')
_CONVERB = re.compile(r"\w+[ıiuü][bp]")
# consonants a stem voices before a vowel ('et-' / 'edib', 'git-' / 'gedib')
_VOICED = str.maketrans("dğbc", "tkpç")


def _either_or_not(before: Token, token: Token, text: str) -> bool:
    """'sağalıb-sağalmayacağını', 'gelip gelmeyeceğini': a verb and then its own negation, asking
    whether or not; neither is negated. The two share a stem of four letters or more, or, after a converb
    ('-ıb', '-ip'), of two ('alıb almadıqlarını', 'edib-etməyəcəyini': a stem's final consonant voiced
    before the converb's vowel)."""
    gap = text[before.end : token.start]
    if gap not in ("-", " ", "‑"):
        return False
    stem = 0
    for a, b in zip(before.norm.translate(_VOICED), token.norm.translate(_VOICED), strict=False):
        if a != b:
            break
        stem += 1
    least = 2 if _CONVERB.fullmatch(before.norm) else 4
    return stem >= least and len(before.norm) > stem


def negation_marks(lex: Lexicon, tokens: list[Token], text: str = "") -> list[tuple[int, str]]:
    """(token index, 'strong'|'weak') for every negation marker not inside an exception phrase.

    With the ``text`` the tokens come from, two marks depend on where the word stands: a word matching a
    ``final_patterns`` entry is strong when it closes its clause (Azerbaijani "Gecikmə!", don't be late,
    where inside a clause "-mə" is as likely a noun: "dondurma"), and a ``question_weak`` word (Azerbaijani
    "heç", which needs a negated verb in a statement) marks a question, and in a statement a clause whose
    negated verb follows it (a weak mark: it answers for the words around it, the verb negates).
    """
    norms = [t.norm for t in tokens]
    covered = _phrase_tokens(lex.phrases, norms)
    ignored = _phrase_tokens(lex.ignore_phrases + lex.idioms, norms)
    if text:
        ignored.update(i for i in range(1, len(tokens)) if _either_or_not(tokens[i - 1], tokens[i], text))
    out = []
    question = bool(_QUESTION.search(text))
    tags = _question_tags(lex, tokens, text) if text else set()
    for i, norm in enumerate(norms):
        if i in ignored or (text and _NUMBER_ABBREVIATION.match(text, tokens[i].end)):
            continue
        if text and _inside_name(tokens, i, text):
            continue
        kind = lex.negation(norm)
        if kind is not None and norm in lex.needs and text and not _licensed(lex, tokens, i, text):
            continue
        if norm in lex.question_weak:
            kind = "weak" if question or not text else None
        if kind != "strong" and text and _closes_clause(lex, norm, text, tokens[i].end):
            kind = "strong"
        if kind == "strong" and norm in lex.negation_words and _hyphened(tokens, i, text):
            kind = "weak"  # a compound modifier ("a no-deal Brexit", "no-fault evictions") negates no clause
        if kind == "strong" and norm in lex.replies and text and _reply(tokens[i], text):
            kind = "weak"
        if kind == "strong" and question and norm in lex.in_questions:
            kind = "weak"
        if kind is not None:
            out.append((i, "weak" if i in covered or i in tags else kind))
    marked = {i for i, _ in out}
    if text and not question:
        # negative concord: in a statement "heç" (ever; with a negated verb, never) carries the negation
        # of the negated verb that follows it in its clause, as a weak mark ("heç bir halda ... olmayacağıq")
        strong = [j for j, kind in out if kind == "strong"]
        for i, norm in enumerate(norms):
            if norm not in lex.question_weak or i in marked or i in ignored:
                continue
            if any(j > i and not _CLAUSE_BREAK.search(text, tokens[i].end, tokens[j].start) for j in strong):
                out.append((i, "weak"))
        marked = {i for i, _ in out}
    if text:
        echoes = _echoes(out, tokens, text)
        out = [(i, "weak" if i in echoes else kind) for i, kind in out]
    for phrase in lex.weak_phrases:  # "rather than": a weak mark on its first word
        n = len(phrase)
        for i in range(len(norms) - n + 1):
            if i not in marked and tuple(norms[i : i + n]) == phrase:
                out.append((i, "weak"))
    return sorted(out)


def gloss(sense: Sense) -> str:
    """The English word for one pole of a concept: concept ids are named "<plus>-<minus>"."""
    plus, _, minus = sense.concept.partition("-")
    return plus if sense.polarity > 0 else minus
