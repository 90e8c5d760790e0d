"""Qualifiers that change a claim's force (allegedly, only, about 300, by force) on one side only."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from bitext.checks.base import PairContext
from bitext.checks.qualifier import qualifier
from bitext.model import Flag, Link, Mode


def run(
    src: str, tgt: str, sl: str = "en", tl: str = "az", mode: Mode = "translation", enc: object = None
) -> list[Flag]:
    ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, sl, tl, mode, enc)  # type: ignore[arg-type]
    return qualifier(ctx)


def test_dropped_hedge_is_flagged_and_a_rendered_one_is_not() -> None:
    [flag] = run("The minister was allegedly bribed.", "Nazirə rüşvət verilib.")
    assert (flag.kind, flag.source_excerpt, flag.target_excerpt) == ("qualifier", "allegedly", "")
    assert "hedge" in flag.message and flag.source_span == (17, 26)
    assert run("The minister was allegedly bribed.", "Guya nazirə rüşvət verilib.") == []


def test_approximate_counts_only_before_a_number() -> None:
    [flag] = run("About 300 people came to the square.", "Meydana 300 nəfər gəldi.")
    assert flag.source_excerpt == "About" and "approximate" in flag.message
    assert run("We talked about the war all night.", "Bütün gecə müharibədən danışdıq.") == []
    assert run("About 300 people came to the square.", "Meydana təxminən 300 nəfər gəldi.") == []


def test_a_phrase_qualifier_by_force() -> None:
    [flag] = run("The town was taken by force in May.", "Şəhər may ayında alındı.")
    assert flag.source_excerpt == "by force" and "force" in flag.message
    assert run("The town was taken by force in May.", "Şəhər may ayında zorla alındı.") == []


def test_an_added_restriction_is_flagged_in_translation_mode_only() -> None:
    [flag] = run("The old ship sailed.", "Yalnız köhnə gəmi üzdü.")
    assert (flag.source_excerpt, flag.target_excerpt) == ("", "Yalnız") and "adds" in flag.message
    assert run("The old ship sailed.", "Yalnız köhnə gəmi üzdü.", mode="summary") == []


def test_summary_dropping_a_qualifier_is_flagged() -> None:
    [flag] = run("Only the old ship sailed.", "Köhnə gəmi üzdü.", mode="summary")
    assert flag.source_excerpt == "Only" and "restrict" in flag.message
    assert run("Only the old ship sailed.", "Yalnız köhnə gəmi üzdü.", mode="summary") == []


def test_german_and_french_data() -> None:
    [flag] = run("Er kam angeblich zu spät.", "Il est arrivé en retard.", sl="de", tl="fr")
    assert flag.source_excerpt == "angeblich"
    assert run("Er kam angeblich zu spät.", "Il est peut-être arrivé en retard.", sl="de", tl="fr") == []


# -- one side without data: the encoder's word alignment decides ------------------------------------------

AXES = {"only": 0, "bara": 0, "ship": 1, "skeppet": 1, "sailed": 2, "seglade": 2, "old": 3, "gamla": 3}


@dataclass
class WV:
    words: list[tuple[str, int, int]]
    vectors: np.ndarray


class ToyEncoder:
    name = "toy-qualifier"

    def word_vectors(self, text: str, layer: int = 8) -> WV:
        words = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\w+", text)]
        vecs = np.zeros((len(words), 16))
        for k, (w, _s, _e) in enumerate(words):
            axis = AXES.get(w.lower())
            vecs[k, axis if axis is not None else 8 + sum(map(ord, w)) % 7] = 1.0
        return WV(words, vecs)


def test_without_data_for_the_source_the_alignment_decides() -> None:
    enc = ToyEncoder()
    [flag] = run("Det gamla skeppet seglade.", "Only the old ship sailed.", sl="sv", tl="en", enc=enc)
    assert flag.target_excerpt == "Only"
    rendered = "Bara det gamla skeppet seglade."
    assert run(rendered, "Only the old ship sailed.", sl="sv", tl="en", enc=enc) == []
    # no encoder, no data for Swedish: no evidence either way
    assert run("Det gamla skeppet seglade.", "Only the old ship sailed.", sl="sv", tl="en") == []


def test_languages_without_any_data_are_skipped() -> None:
    assert run("Det gamla skeppet seglade.", "Ein alter Dampfer.", sl="sv", tl="xx") == []


def test_a_word_that_qualifies_in_some_senses_only_answers_but_is_never_flagged() -> None:
    # English "just" is "only" here, and answers the Azerbaijani restriction
    assert run("You just have to respect them.", "Onlara sadəcə hörmət göstərmək lazımdır.") == []
    # ... and "a moment ago" here: alone on its side it is no qualifier dropped
    assert run("She just arrived at the station.", "O, indicə vağzala çatdı.") == []
    # Azerbaijani "cəmi" (only, just) renders "only"; dropping both is still a dropped restriction
    assert run("The ruling came only six months later.", "Qərar cəmi altı ay sonra verildi.") == []
    [flag] = run("The ruling came only six months later.", "Qərar altı ay sonra verildi.")
    assert flag.source_excerpt == "only"
    # Azerbaijani "yeganə" (the only, sole) renders the adjective "only"
    assert run("The only bridge over the river was closed.", "Çaydakı yeganə körpü bağlandı.") == []
    assert [f.source_excerpt for f in run("The only bridge was closed.", "Körpü bağlandı.")] == ["only"]
    # Azerbaijani "ancaq" is "only" or "but": as "but" it adds no restriction
    assert run("We can win, but it will be hard.", "Biz qalib gələ bilərik, ancaq çətin olacaq.") == []
    # Japanese "頃" after a date is "around"
    assert run("紀元400年頃から始まった。", "It began around 400 AD.", "ja", "en") == []


def test_icelandic_hedges_and_an_approximation_before_a_number() -> None:
    def flags(src: str, tgt: str) -> list[str]:
        return [f.source_excerpt for f in run(src, tgt, tl="is")]

    # "ætli" (I suppose) and "trúlega" (probably) render a hedge
    assert flags("She probably wants a hot dog.", "Ætli hún vilji ekki pylsu.") == []
    assert flags("The bridge was probably built in 1890.", "Brúin var trúlega byggð árið 1890.") == []
    assert flags("The bridge was probably built in 1890.", "Brúin var byggð árið 1890.") == ["probably"]
    # "um" is an approximation before a number only, and a preposition otherwise
    assert flags("About 300 people came.", "Um 300 manns komu.") == []
    src, tgt = "Exactly 300 came to talk of the war.", "Nákvæmlega 300 komu til að tala um stríðið."
    assert run(src, tgt, tl="is") == []
    [flag] = run("Exactly 300 people came.", "Um 300 manns komu.", tl="is")
    assert (flag.target_excerpt, "approximate" in flag.message) == ("Um", True)
