"""Names facing a text without capital letters (Chinese, Japanese, Hindi, Arabic), where ``names.compare``
cannot tell a name by its capital: the cased side's names that nothing renders or sounds like
(``unrendered_names``, ``unheard_persons``), and the persons a caseless text introduces by a title that the
cased side does not name (``titled_persons``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import regex
from anyascii import anyascii

from bitext.checks.base import PairContext
from bitext.checks.name_support import (
    UNRENDERED_BELOW,
    Support,
)
from bitext.checks.name_tables import (
    given_name,
)
from bitext.checks.name_words import (
    Word,
    caseless,
    is_candidate,
    read_words,
)
from bitext.checks.sound import MIN_FRAME as MIN_HEARD_FRAME
from bitext.checks.sound import MIN_WORD_FRAME, frame, heard, heard_by_chance, katakana_name, writes_kana
from bitext.checks.sound import WORD as SCRIPT_WORD
from bitext.checks.sound import initial as sound_initial
from bitext.model import Flag, Severity
from bitext.text import (
    alternation,
    base_lang,
    language_data,
    language_name,
)

# Scripts that write a person's name with ordinary characters (Chinese, a Japanese name in kanji), which
# ``sound.heard`` does not read: there a name not heard says nothing.
_NOT_BY_SOUND = frozenset({"CJK", "HIRAGANA", "KATAKANA", "THAI"})


def unheard_persons(cased: CasedSide | None) -> list[Flag]:
    """Facing a caseless text that writes names by sound (Hindi, Korean, Arabic): the cased side's people,
    a known given name or the surname after one, that no word of it sounds like (``sound.heard``). Such a
    text writes a foreign person's name by sound, never by meaning, so the word alignment, to which two
    names of one kind look alike ("Siniša Mihajlovič" beside जॉन रॉबर्ट, John Roberts), has no say: the
    flag keeps its rule's severity (``scoring.RULE_GRADED``). A name too short to be heard apart from
    chance (a frame under ``sound.MIN_WORD_FRAME`` classes: "John", "Moll") is left alone."""
    from bitext.checks.language import dominant_script

    if cased is None or dominant_script(cased.caseless_text) in _NOT_BY_SOUND:
        return []
    out = []
    for w in cased.words:
        person = w.surname or given_name(w.text)
        if not w.capital or w.opening or not person or not _heard_apart(w):
            continue
        if not heard(w.keys, cased.caseless_text):
            message = (
                "The {src} names {name}; the {tgt} writes no name that sounds like it.",
                "The {tgt} names {name}, and the {src} writes no name that sounds like it.",
            )
            out.append(cased.flag(w, ("minor", "minor"), message, "unheard"))
    return out


# A person after a title: its first words, up to this many ("टोनी मोल" after डॉ.).
TITLED_WORDS = 2


def titled_persons(cased: CasedSide | None) -> list[Flag]:
    """Facing a cased text: a person a text without capitals introduces by a title (Hindi श्री, डॉ., मि.;
    ``data/names/titles.json``) whom no capitalised word of the cased side sounds like. Such a text
    writes a person by sound, so one of the words after the title has the consonant frame
    (``sound.frame``) of the person's name on the other side: मि. चेन, "Mr. Chen". A frame of fewer than two
    classes is not compared. ``dropped`` from the original, ``brought`` into the translation (minor)."""
    if cased is None:
        return []
    text = cased.caseless_text
    lang = base_lang(cased.ctx.target_lang if cased.on_source else cased.ctx.source_lang)
    pattern = _title_pattern(lang)
    if pattern is None:
        return []
    theirs = {
        (sound_initial(k), f) for w in cased.words if w.capital for k in w.keys if len(f := frame(k)) >= 2
    }
    out = []
    for m in pattern.finditer(text):
        words = list(SCRIPT_WORD.finditer(text, m.end()))[:TITLED_WORDS]
        latin = [(w, anyascii(w.group(0)).lower()) for w in words]
        read = [(w, sound_initial(x), frame(x)) for w, x in latin if x]
        mine = [(w, i, f) for w, i, f in read if len(f) >= 2]  # not a postposition after it (ने: "ne")
        joined = "".join(anyascii(w.group(0)).lower() for w, _i, _f in mine)  # a name written as two: स्नो डेन
        sounds = [(i, f) for _w, i, f in mine] + [(sound_initial(joined), frame(joined))]
        if not mine or any(s in theirs for s in sounds):
            continue
        first, last = mine[0][0], mine[-1][0]
        title = m.group(0).strip()
        message = (
            f"The {{src}} names {title} {{shown}}; the {{tgt}} names nobody who sounds like it.",
            f"The {{tgt}} names {title} {{shown}}; the {{src}} names nobody who sounds like it.",
        )
        out.append(cased.caseless_flag((first.start(), last.end()), message))
    return out


@lru_cache(maxsize=16)
def _title_pattern(lang: str) -> regex.Pattern[str] | None:
    titles = language_data("names", "titles").get(lang, [])
    if not titles:
        return None
    return regex.compile(rf"(?<!\w)(?:{alternation(titles)})(?!\w)\.?\s+")


def _heard_apart(word: Word) -> bool:
    return any(len(frame(k)) >= MIN_WORD_FRAME for k in word.keys)


def _by_sound(word: Word, text: str) -> Literal["heard", "unheard"] | None:
    """Whether a name ``heard`` does not find in ``text``, which writes names by sound, is there after all.
    Long enough to be heard apart from chance (``_heard_apart``), it is surely not ("unheard"). A shorter
    one (three classes: "Nairobi", "Kumar") is "heard" when some word of ``text`` has its frame at all
    (``sound.heard_by_chance``: नैरोबी, nairobi), else "unheard". Two classes ("Oslo") tell nothing (None).
    """
    if _heard_apart(word):
        return "unheard"
    if not any(len(frame(k)) >= MIN_HEARD_FRAME for k in word.keys):
        return None
    return "heard" if heard_by_chance(word.keys, text) else "unheard"


def unrendered_names(cased: CasedSide | None, support: Support) -> list[Flag]:
    """Facing a caseless text, which ``names.compare`` cannot read names in: the cased side's names
    (capitalised mid-sentence, not common words) that no word of the caseless side renders, by meaning
    (the word alignment) or by sound (``sound.heard``: "Vatican" is バチカン, bachikan).

    Where the caseless text writes names by sound (Hindi, Korean, Arabic: not ``_NOT_BY_SOUND``), a name
    that neither renders and that is surely not heard there (``_by_sound``) is ``unheard``, as an
    unheard person is (``unheard_persons``), and keeps its rule's severity: to the word vectors one place
    stands as close to another as to its own name ("Nanjing" beside संयुक्त राज्य अमेरिका, the United
    States), so the model's confidence says little of it. A name too short to tell ("Oslo") is left to
    the model. A rare word surely not heard needs less of the word alignment to count as unrendered
    (``UNHEARD_RARE_BELOW``): it is no ordinary word of a title, which a text may render by meaning.
    """
    if cased is None:
        return []
    from bitext.checks.language import dominant_script

    by_sound = dominant_script(cased.caseless_text) not in _NOT_BY_SOUND
    japanese = writes_kana(cased.caseless_text)
    out = []
    for w in cased.words:
        if w.initial or not is_candidate(w, cased.lang, cased.words):
            continue
        rel = support.at((w.start, w.end), cased.on_source)
        # (above the milder of the two bounds nothing is flagged: the sound is not read)
        if rel is None or rel >= UNHEARD_RARE_BELOW or heard(w.keys, cased.caseless_text):
            continue
        # Japanese writes a name by sound (katakana) unless it reads as Japanese or Chinese, or is an
        # exonym (米国, the United States): there only a name long enough to be heard apart is surely not,
        # and only a rare one's milder bound is read (below ``UNRENDERED_BELOW`` the model grades it, as
        # it did)
        in_katakana = japanese and rel >= UNRENDERED_BELOW and not w.groups
        in_katakana = in_katakana and katakana_name(w.text) and _heard_apart(w)
        sound = _by_sound(w, cased.caseless_text) if by_sound or in_katakana else None
        if sound == "heard" or rel >= _unrendered_below(w, cased.lang, sound):
            continue
        if sound == "unheard":
            message = (
                "The {src} names {name}; nothing in the {tgt} renders it or sounds like it.",
                "The {tgt} names {name}, which nothing in the {src} renders or sounds like.",
            )
            out.append(cased.flag(w, ("minor", "minor"), message, "unheard"))
            continue
        message = (
            "The {src} names {name}; nothing in the {tgt} renders it.",
            "The {tgt} names {name}, which nothing in the {src} renders.",
        )
        out.append(cased.flag(w, ("info", "minor"), message, "unrendered"))
    return out


# A rare word (not an ordinary word capitalised in a title: "Urban", "Constituency") that a text writing
# names by sound does not say is not rendered by meaning either once its support stands this far below its
# sentence's: the word alignment pairs one name with another ("Rahul Dravid" beside ट्रंप, Trump) about as
# well as with a common word.
UNHEARD_RARE_BELOW = -0.12
UNHEARD_RARE_ZIPF = 3.0


def _unrendered_below(word: Word, lang: str, sound: Literal["heard", "unheard"] | None) -> float:
    """The support under which a cased-side name counts as unrendered: ``UNRENDERED_BELOW``, or
    ``UNHEARD_RARE_BELOW`` for a rare word surely not heard (``_by_sound``)."""
    from bitext.checks.language import word_zipf

    if sound != "unheard":
        return UNRENDERED_BELOW
    zipf = word_zipf(word.text.lower(), lang)
    return UNHEARD_RARE_BELOW if zipf is not None and zipf < UNHEARD_RARE_ZIPF else UNRENDERED_BELOW


@dataclass(frozen=True)
class CasedSide:
    """The side of a pair that has capital letters, facing one that has none (``caseless``)."""

    ctx: PairContext
    on_source: bool
    lang: str
    words: list[Word]
    caseless_text: str

    def flag(
        self, w: Word, severity: tuple[Severity, Severity], message: tuple[str, str], basis: str
    ) -> Flag:
        """A flag on the cased side's name ``w``, with the severity and the message (``str.format`` fields
        ``name``, ``src`` and ``tgt``: the name and the two languages) for a name of the source, or of the
        target."""
        src, tgt = language_name(self.ctx.source_lang), language_name(self.ctx.target_lang)
        side = 0 if self.on_source else 1
        msg = message[side].format(name=w.text, src=src, tgt=tgt)
        span = (w.start, w.end)
        if self.on_source:
            return Flag("name", severity[side], w.text, "", span, None, msg, basis=basis)
        return Flag("name", severity[side], "", w.text, None, span, msg, basis=basis)

    def caseless_flag(self, span: tuple[int, int], message: tuple[str, str]) -> Flag:
        """A minor flag on the caseless side's words at ``span``: ``dropped`` from the original, ``brought``
        into the translation, with the message (fields ``shown``, ``src``, ``tgt``) for each case."""
        src, tgt = language_name(self.ctx.source_lang), language_name(self.ctx.target_lang)
        shown = self.caseless_text[span[0] : span[1]]
        if self.on_source:  # the caseless text is the translation
            msg = message[1].format(shown=shown, src=src, tgt=tgt)
            return Flag("name", "minor", "", shown, None, span, msg, basis="brought")
        msg = message[0].format(shown=shown, src=src, tgt=tgt)
        return Flag("name", "minor", shown, "", span, None, msg, basis="dropped")


def cased_side(ctx: PairContext) -> CasedSide | None:
    src_caseless, tgt_caseless = caseless(ctx.source_text), caseless(ctx.target_text)
    if src_caseless == tgt_caseless:
        return None
    on_source = tgt_caseless
    text, lang = (ctx.source_text, ctx.source_lang) if on_source else (ctx.target_text, ctx.target_lang)
    other = ctx.target_lang if on_source else ctx.source_lang
    caseless_text = ctx.target_text if on_source else ctx.source_text
    return CasedSide(ctx, on_source, lang, read_words(text, lang, other), caseless_text)
