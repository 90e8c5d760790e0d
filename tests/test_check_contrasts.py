"""The contrast lexicon: Azerbaijani case folding, stem matching with endings, negation markers."""

from __future__ import annotations

import pytest

from bitext.checks.contrasts import contrast_hits, load_lexicon, negation_marks


def test_folding_merges_dotted_and_dotless_i_whichever_keyboard_typed_them() -> None:
    lex = load_lexicon("az")
    assert lex is not None
    assert lex.fold("İLK QƏRB") == "ilk qərb"  # no stray combining dot
    assert lex.fold("IŞIQ") == lex.fold("işıq") == lex.fold("ışiq")
    [sense] = lex.senses(lex.fold("AXIRINCI"))  # last (vs first), typed in capitals
    assert (sense.concept, sense.polarity) == ("first-last", -1)


@pytest.mark.parametrize("word", ["Qərb", "Qərbin", "Qərbdə", "qərbi", "Qərbdəki", "qərbə"])
def test_azerbaijani_forms_are_one_word(word: str) -> None:
    lex = load_lexicon("az")
    assert lex is not None
    [sense] = lex.senses(lex.fold(word))
    assert (sense.concept, sense.polarity) == ("east-west", -1)


@pytest.mark.parametrize("word", ["Azərbaycan", "düşünürəm", "gecə", "bitki", "sonsuz", "azad"])
def test_lookalikes_are_not_contrast_words(word: str) -> None:
    lex = load_lexicon("az")
    assert lex is not None and lex.senses(lex.fold(word)) == ()


def test_longest_entry_wins() -> None:
    az, en = load_lexicon("az"), load_lexicon("en")
    assert az is not None and en is not None
    assert az.senses("sonra")[0].concept == "before-after"
    assert az.senses("sonunda")[0].concept == "first-last"
    assert {s.concept for s in en.senses("northeastern")} == {"north-south", "east-west"}
    assert en.senses("easter") == ()


@pytest.mark.parametrize(
    ("word", "kind"),
    [("gəlmədi", "strong"), ("bilmirəm", "strong"), ("yazmamışdı", "strong"), ("getməyəcək", "strong"),
     ("olmadan", "weak"), ("deyil", "strong"), ("danışma", "weak"), ("pulsuz", "weak"),
     ("gəlmək", None), ("getməliyəm", None), ("dəmir", None), ("getməsini", None), ("müəllimədir", None)],
)
def test_azerbaijani_negation(word: str, kind: str | None) -> None:
    lex = load_lexicon("az")
    assert lex is not None and lex.negation(word) == kind


@pytest.mark.parametrize(
    ("word", "kind"),
    [("olmadığını", "strong"), ("gelmediği", "strong"), ("yapmadık", "strong"), ("olmayan", "strong"),
     ("gelmeyen", "strong"), ("hayır", "strong"), ("anladığını", None), ("olduğunu", None),
     ("kadınları", None), ("elma", None)],
)  # fmt: skip
def test_turkish_negated_participles_and_no(word: str, kind: str | None) -> None:
    """-madık/-mediği (that did not) and -mayan/-meyen (that does not) negate the verb they are built on."""
    lex = load_lexicon("tr")
    assert lex is not None and lex.negation(lex.fold(word)) == kind


@pytest.mark.parametrize(("lang", "no"), [("is", "nei"), ("de", "nein"), ("it", "no"), ("ja", "いいえ")])
def test_each_language_s_word_for_no_is_a_negation(lang: str, no: str) -> None:
    lex = load_lexicon(lang)
    assert lex is not None and lex.negation(lex.fold(no)) == "strong"


def test_english_negation_and_exception_phrases() -> None:
    en = load_lexicon("en")
    assert en is not None
    marks = negation_marks(en, en.tokens("I don't know and it is not only that."))
    assert [(en.tokens("I don't know and it is not only that.")[i].text, k) for i, k in marks] == [
        ("don't", "strong"), ("not", "weak")]


def test_hits_carry_token_positions() -> None:
    en = load_lexicon("en")
    assert en is not None
    toks = en.tokens("Before the war, more people lived in the south.")
    hits = contrast_hits(en, toks)
    assert [toks[h.token].text for h in hits] == ["Before", "war", "more", "south"]


def test_missing_language() -> None:
    assert load_lexicon("zz") is None


@pytest.mark.parametrize(
    ("lang", "text", "marks"),
    [
        ("es", "La asociación Médicos Sin Fronteras no lo califica así.", ["no"]),
        ("fr", "Médecins Sans Frontières ne le dit pas.", ["ne", "pas"]),
        ("en", "Doctors Without Borders did not say so.", ["not"]),
        ("en", "No, they did not.", ["No", "not"]),  # a sentence's first word: capitalised, still "no"
        ("de", "Er sagte, Kein Mensch sei da gewesen.", ["Kein"]),  # German capitalises the noun after it
    ],
)
def test_a_negation_word_inside_a_name_negates_nothing(lang: str, text: str, marks: list[str]) -> None:
    lex = load_lexicon(lang)
    assert lex is not None
    tokens = lex.tokens(text)
    assert [tokens[i].text for i, _ in negation_marks(lex, tokens, text)] == marks


def test_a_letter_written_as_one_code_point_or_as_a_letter_and_a_mark_is_one_letter() -> None:
    """Hindi ड़ comes as U+095C in some texts and as ड + the nukta sign in others; the lexicon lists one."""
    lex = load_lexicon("hi")
    assert lex is not None
    for big in ("\u092c\u095c\u093e", "\u092c\u0921\u093c\u093e"):  # बड़ा, both ways
        text = f"यह {big} शहर है"
        tokens = lex.tokens(text)
        assert [(tokens[h.token].text, h.sense.concept) for h in contrast_hits(lex, tokens, text)] == [
            (big, "big-small")
        ]


@pytest.mark.parametrize(
    ("lang", "word", "concept"),
    [("fr", "l'ouverture", "open-close"), ("fr", "d’augmenter", "increase-decrease"),
     ("it", "l'inizio", "begin-end"), ("it", "dall'ovest", "east-west"), ("it", "un'ultima", "first-last")],
)  # fmt: skip
def test_a_contrast_word_behind_an_elided_article_or_preposition_is_found(
    lang: str, word: str, concept: str
) -> None:
    lex = load_lexicon(lang)
    assert lex is not None
    assert concept in {s.concept for s in lex.senses(lex.fold(word))}


@pytest.mark.parametrize(("lang", "word"), [("fr", "aujourd'hui"), ("it", "l'estate"), ("en", "o'clock")])
def test_an_apostrophe_that_elides_no_article_makes_no_contrast_word(lang: str, word: str) -> None:
    # "aujourd'" elides nothing the lexicon lists; "estate" (summer) is no "est" (east) behind "l'"
    lex = load_lexicon(lang)
    assert lex is not None and lex.senses(lex.fold(word)) == ()


@pytest.mark.parametrize(
    ("lang", "word", "concept", "polarity"),
    [("de", "Reichtum", "rich-poor", 1), ("pl", "ubóstwa", "rich-poor", -1),
     ("fr", "pauvreté", "rich-poor", -1), ("hi", "गरीबी", "rich-poor", -1),
     ("ru", "правду", "true-false", 1), ("it", "menzogne", "true-false", -1),
     ("cs", "neúspěchu", "success-failure", -1), ("es", "fracasó", "success-failure", -1),
     ("pl", "sukcesu", "success-failure", 1), ("ru", "невозможно", "possible-impossible", -1)],
)  # fmt: skip
def test_wealth_truth_success_and_possibility_are_concepts_in_the_source_languages(
    lang: str, word: str, concept: str, polarity: int
) -> None:
    lex = load_lexicon(lang)
    assert lex is not None
    assert (concept, polarity) in {(s.concept, s.polarity) for s in lex.senses(lex.fold(word))}


@pytest.mark.parametrize(
    ("lang", "word"),
    [("pl", "prawdopodobnie"), ("cs", "pravděpodobně"), ("de", "möglicherweise"), ("de", "erfolgt"),
     ("pl", "biedronka")],
)  # fmt: skip
def test_words_that_only_start_like_those_concepts_are_none_of_them(lang: str, word: str) -> None:
    # "probably", "possibly", "takes place" (erfolgen), "ladybird": their endings are no suffixes of the stems
    lex = load_lexicon(lang)
    assert lex is not None and lex.senses(lex.fold(word)) == ()


def test_a_lexicon_remembers_its_answers_within_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    import bitext.checks.contrasts as contrasts

    lex = contrasts.load_lexicon("en")
    assert lex is not None
    words = ["not", "never", "eastern", "west", "house", "unbeaten", "north", "the", "rather", "lost"]
    fresh = [(lex._read_negation(w), lex._read_senses(w)) for w in words]
    monkeypatch.setattr(contrasts, "_MEMO_WORDS", 3)
    lex._negation_of.clear()
    lex._senses_of.clear()
    for _ in range(2):
        assert [(lex.negation(w), lex.senses(w)) for w in words] == fresh
        assert len(lex._negation_of) <= 3 and len(lex._senses_of) <= 3
    assert fresh[0][0] == "strong" and fresh[2][1] and not fresh[4][1]
