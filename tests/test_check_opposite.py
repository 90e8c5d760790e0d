"""The opposite check on sentences written for these tests (no encoder: lexicon and sentence shape)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from bitext.checks.base import PairContext
from bitext.checks.contrasts import load_lexicon, negation_marks
from bitext.checks.opposite import opposite
from bitext.model import Alignment, Flag, Link, Mode, Side, Signature

if TYPE_CHECKING:
    from bitext.encoder import Encoder


def run(
    src: str,
    tgt: str,
    sl: str = "en",
    tl: str = "az",
    mode: Mode = "translation",
    encoder: Encoder | None = None,
) -> list[Flag]:
    return opposite(PairContext(Link(0, (0,), (0,), 0.9), src, tgt, sl, tl, mode, encoder))


def mark_kinds(text: str, lang: str) -> list[str]:
    """The kind of each negation mark in ``text`` ('strong' or 'weak'), in order."""
    lex = load_lexicon(lang)
    assert lex is not None
    return [k for _, k in negation_marks(lex, lex.tokens(text), text)]


def test_direction_reversed_is_major_with_both_words() -> None:
    src = "Troops moved to the northern border."
    tgt = "Qoşunlar cənub sərhədinə köçürüldü."
    [flag] = run(src, tgt)
    assert (flag.kind, flag.severity) == ("opposite", "major")
    assert (flag.source_excerpt, flag.target_excerpt) == ("northern", "cənub")
    assert flag.source_span is not None and src[slice(*flag.source_span)] == "northern"
    assert flag.target_span is not None and tgt[slice(*flag.target_span)] == "cənub"
    assert "south" in flag.message and "'northern'" in flag.message


def test_inflected_azerbaijani_direction_is_found() -> None:
    [flag] = run("The eastern villages were flooded.", "QƏRBDƏKİ kəndləri su basdı.")
    assert flag.target_excerpt == "QƏRBDƏKİ"


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("Japan trades with Northeast Asia.", "Yaponiya Şimal-Şərqi Asiya ilə ticarət edir."),
        ("The Far East is rich in timber.", "Uzaq Şərq meşə ilə zəngindir."),
        ("The West watched closely.", "Qərb diqqətlə izləyirdi."),
        ("Prices rose after the war.", "Müharibədən sonra qiymətlər artdı."),
        ("He has fewer books than his sister.", "Onun bacısından daha az kitabı var."),
        ("She did not come.", "O gəlmədi."),
        ("I have no time.", "Mənim vaxtım yoxdur."),
        ("Don't open the window!", "Pəncərəni açma!"),
        ("The iron bridge was repaired.", "Dəmir körpü təmir olundu."),
        ("She is a teacher.", "O müəllimədir."),
        ("It was not only cold but also wet.", "Hava həm soyuq, həm də yaş idi."),
        ("Player No. 4 scored twice.", "4 nömrəli oyunçu iki qol vurdu."),
        ("See Fig. 2 and no.3 of the list.", "Şəkil 2-yə və siyahının 3-cü bəndinə baxın."),
    ],
)
def test_faithful_pairs_give_no_flag(src: str, tgt: str) -> None:
    assert run(src, tgt) == []


def test_dropped_negation_is_major() -> None:
    [flag] = run("The treaty was not signed.", "Müqavilə imzalandı.")
    assert (flag.kind, flag.severity, flag.source_excerpt) == ("opposite", "major", "not")
    assert "English is negated" in flag.message


def test_added_negation_in_the_verb_is_found() -> None:
    [flag] = run("The treaty was signed.", "Müqavilə imzalanmadı.")
    assert flag.target_excerpt == "imzalanmadı"


def test_order_and_amount_reversals() -> None:
    flags = run("Prices fell before the war.", "Müharibədən sonra qiymətlər artdı.")
    assert {(f.source_excerpt, f.target_excerpt) for f in flags} == {("fell", "artdı"), ("before", "sonra")}


def test_ambiguous_word_alone_does_not_flag_without_alignment() -> None:
    # English "last" also means "to continue"; Azerbaijani "ilk" only pairs with it when aligned.
    assert run("The meeting will last an hour.", "İlk iclas bir saat çəkəcək.") == []


def test_negation_in_a_much_longer_side_is_not_guessed() -> None:
    src = "They did not agree."
    tgt = "Onlar razılaşdılar, sonra uzun müddət şəhərin mərkəzindəki böyük binada birlikdə işlədilər."
    assert [f for f in run(src, tgt) if "negated" in f.message] == []


def test_turkish_and_german_data() -> None:
    [tr] = run("The wind came from the west.", "Rüzgar doğudan esti.", tl="tr")
    assert tr.target_excerpt == "doğudan"
    [de] = run("The city lies in the north.", "Die Stadt liegt im Süden.", tl="de")
    assert de.target_excerpt == "Süden"
    [neg] = run("The door was open.", "Die Tür war nicht offen.", tl="de")
    assert neg.target_excerpt == "nicht"


def test_unknown_language_gives_nothing() -> None:
    assert run("The north.", "Le sud.", tl="xx") == []


@pytest.mark.model
def test_real_encoder_goto_quotation() -> None:
    from bitext.encoder import load_encoder

    src = ("The resources of the eastern part of the Russian territory seem to be waiting for our help "
           "in their exploitation.")
    tgt = ('Qoto deyirdi:"Belə görünür ki, Rusiya ərazisinin Qərb hissəsindəki sərvetlər istismar '
           'olunmaq üçün bizim kömeyimizi gözləyir."')
    ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, "en", "az", "translation", load_encoder())
    [flag] = opposite(ctx)
    assert (flag.severity, flag.source_excerpt, flag.target_excerpt) == ("major", "eastern", "Qərb")
    same = PairContext(Link(0, (0,), (0,), 0.9), src.replace("eastern", "western"), tgt, "en", "az",
                       "translation", load_encoder())
    assert opposite(same) == []


@pytest.mark.model
def test_real_encoder_both_senses_in_order_is_quiet() -> None:
    from bitext.encoder import load_encoder

    # Both directions on both sides: alignment pairs east with Şərq, so nothing is reversed.
    ctx = PairContext(Link(0, (0,), (0,), 0.9), "The road runs from the east to the west.",
                      "Yol şərqdən qərbə uzanır.", "en", "az", "translation", load_encoder())
    assert opposite(ctx) == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # each side names both ends, whatever the word aligner pairs
        ("Talks between the North and the South have improved in recent months.",
         "Son aylarda Şimal ilə Cənub arasında danışıqlar yaxşılaşıb."),
        # the target's "north" is the source's own "north" (the "south" it leaves out is an omission)
        ("The storm is 300 miles south of the port and moving north at 12 miles per hour.",
         "Fırtına limandan 300 mil məsafədədir və saatda 12 mil sürətlə şimala doğru hərəkət edir."),
    ],
)  # fmt: skip
def test_real_encoder_a_side_naming_both_ends_reverses_nothing(src: str, tgt: str) -> None:
    from bitext.encoder import load_encoder

    ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, "en", "az", "translation", load_encoder())
    assert [f for f in opposite(ctx) if f.basis == "contrast"] == []


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("Close the window!", "Pəncərəni bağlama!"),  # "don't close" closes the clause
        ("Wait for me.", "Məni gözləmə."),
    ],
)
def test_negative_imperative_at_the_end_of_a_clause_is_a_negation(src: str, tgt: str) -> None:
    [flag] = run(src, tgt)
    assert (flag.kind, flag.severity) == ("opposite", "major")
    assert flag.target_excerpt in tgt and flag.target_excerpt.endswith(("ma", "mə"))


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("Don't close the window!", "Pəncərəni bağlama!"),
        ("She bought ice cream for the children.", "O, uşaqlar üçün dondurma aldı."),  # noun, mid-clause
        ("I want ice cream.", "Mən dondurma istəyirəm."),
        ("Have you ever been to Tabriz?", "Heç Təbrizdə olmusan?"),  # "heç" in a question is "ever"
    ],
)
def test_imperative_and_heç_cases_that_are_faithful(src: str, tgt: str) -> None:
    assert run(src, tgt) == []


def test_heç_without_a_negated_verb_does_not_stand_for_never() -> None:
    # "heç vaxt" needs a negated verb in a statement; without it the sentence says "he loses"
    [flag] = run("He never forgets a face.", "O heç vaxt üzləri unudur.")
    assert (flag.source_excerpt, flag.severity) == ("never", "major")
    assert run("He never forgets a face.", "O heç vaxt üzləri unutmur.") == []


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("I hate onions.", "Soğanı sevmirəm."),  # hate = do not love
        ("They did not win.", "Onlar uduzdular."),  # did not win = lost
        ("The plan is impossible.", "Plan mümkün deyil."),
    ],
)
def test_a_reversed_word_with_a_negation_on_one_side_says_the_same(src: str, tgt: str) -> None:
    assert run(src, tgt) == []


def test_a_negated_word_against_the_same_word_is_still_a_reversal() -> None:
    [flag] = run("I love onions.", "Soğanı sevmirəm.")
    assert (flag.target_excerpt, flag.severity) == ("sevmirəm", "major")


def test_a_negation_elsewhere_in_the_sentence_does_not_excuse_a_reversed_direction() -> None:
    [flag] = run("In the north, the winters are not long.", "Cənubda qışlar uzun deyil.")
    assert (flag.source_excerpt, flag.target_excerpt, flag.severity) == ("north", "Cənubda", "major")


def test_with_a_negation_on_both_sides_a_reversed_word_is_still_flagged() -> None:
    [flag] = run("Don't eat after midnight!", "Gecə yarısından əvvəl yemə!")
    assert (flag.source_excerpt, flag.target_excerpt) == ("after", "əvvəl")


def test_a_weak_marker_does_not_excuse_a_reversed_direction() -> None:
    # "nə" is "what" here, not the "nə ... nə" of neither/nor
    [flag] = run("In the south, you heard what I said.", "Şimalda nə dediyimi eşitdin.")
    assert (flag.source_excerpt, flag.target_excerpt) == ("south", "Şimalda")


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # asking whether or not: a verb and then its own negation
        ("Only time will tell if she will recover.", "Onun sağalıb-sağalmayacağını yalnız zaman göstərəcək."),
        ("Nobody knows if the train will come.", "Qatarın gəlib-gəlməyəcəyini heç kim bilmir."),
        # ... of a short stem, after a converb, voiced before its vowel or not ("et-" / "edib")
        ("Time will tell if he will do it.", "Bunu edib-etməyəcəyini zaman göstərəcək."),
        ("He asked if they had bought the house.", "O, evi alıb almadıqlarını soruşdu."),
        # -maz/-məz adjectives that English says without a negation
        ("Buyers will pay more for a property.", "Alıcılar daşınmaz əmlak üçün daha çox ödəyəcək."),
        ("War seemed inevitable.", "Müharibə qaçılmaz görünürdü."),
        # 'yox etmək' (destroy), 'yox olmaq' (vanish)
        ("They discussed the elimination of arms.", "Onlar silahların yox edilməsini müzakirə etdilər."),
        ("The letters vanished.", "Məktublar yox oldu."),
        ("The official encouraged the public to help.", "Məmur ictimaiyyəti kömək etməyə təşviq etdi."),
    ],
)
def test_azerbaijani_forms_that_negate_nothing(src: str, tgt: str) -> None:
    assert run(src, tgt) == []


_RIGHT = {
    "zəifdir": "möhkəmdir",
    "minority": "majority",
    "public": "private",
    "warm": "cold",
    "empty": "full",
    "shallow": "deep",
    "cheap": "expensive",
}


@pytest.mark.parametrize(
    ("src", "tgt", "sl", "tl", "words"),
    [
        ("The bridge is strong enough for trucks.", "Körpü yük maşınları üçün kifayət qədər zəifdir.",
         "en", "az", ("strong", "zəifdir")),
        ("Die Mehrheit der Abgeordneten stimmte dafür.", "A minority of the deputies voted for it.",
         "de", "en", ("Mehrheit", "minority")),
        ("Le secteur privé a créé des emplois.", "The public sector created jobs.",
         "fr", "en", ("privé", "public")),
        ("Вода в реке была холодной.", "The water in the river was warm.", "ru", "en", ("холодной", "warm")),
        ("Der Saal war am Abend voll.", "The hall was empty in the evening.", "de", "en", ("voll", "empty")),
        ("Bu göl çox dərindir.", "This lake is very shallow.", "az", "en", ("dərindir", "shallow")),
        ("Ten byt je velmi drahý.", "This flat is very cheap.", "cs", "en", ("drahý", "cheap")),
    ],
)  # fmt: skip
def test_strength_majority_ownership_heat_fullness_depth_and_price_are_contrasts(
    src: str, tgt: str, sl: str, tl: str, words: tuple[str, str]
) -> None:
    flags = [f for f in run(src, tgt, sl, tl) if f.basis == "contrast"]
    assert [(f.source_excerpt, f.target_excerpt) for f in flags] == [words]
    assert run(src, tgt.replace(words[1], _RIGHT[words[1]]), sl, tl) == []  # the faithful rendering


def test_an_age_is_no_old_against_young() -> None:
    # "the 24-year-old" rendered "24 yaşındakı gənc" (the 24-year-old youth): "old" gives an age here
    from bitext.encoder import load_encoder

    src = "The 24-year-old said that he did not know it at the time."
    tgt = "24 yaşındakı gəncin sözlərinə görə o, o vaxt bunu bilmirdi."
    assert [f for f in run(src, tgt, encoder=load_encoder()) if f.basis == "contrast"] == []
    flags = run("The old man said he was happy.", "Gənc oğlan xoşbəxt olduğunu dedi.")
    assert [(f.source_excerpt, f.target_excerpt) for f in flags] == [("old", "Gənc")]


def test_a_converb_before_another_verb_negated_still_negates() -> None:
    # "gəlib getmədi": came and did not leave, two verbs; the negation is real
    assert [f.kind for f in run("He came and left.", "O gəlib getmədi.")] == ["opposite"]


def test_a_real_negation_still_counts() -> None:
    [flag] = run("He came to the meeting.", "O, iclasa gəlmədi.")
    assert (flag.kind, flag.target_excerpt) == ("opposite", "gəlmədi")
    [flag] = run("There was nobody here.", "Burada hamı var idi.")
    assert flag.source_excerpt == "nobody"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Unsere Firma hat viele Unternehmen in der Stadt gekauft.", "de"),  # our ... companies
        ("Die Untersuchung der Universität in Ungarn lief gut.", "de"),
    ],
)
def test_german_words_that_only_start_like_un_are_no_negation(text: str, lang: str) -> None:
    from bitext.checks.contrasts import load_lexicon, negation_marks

    lex = load_lexicon(lang)
    assert lex is not None
    assert negation_marks(lex, lex.tokens(text), text) == []
    flags = run(text, "Our firm has not bought many companies in the city.", lang, "en")
    assert [f.basis for f in flags] == ["negation"]  # nothing on the German side answers "not"


def test_german_un_and_los_still_mark_weak_negation() -> None:
    from bitext.checks.contrasts import load_lexicon, negation_marks

    lex = load_lexicon("de")
    assert lex is not None
    text = "Der Plan war unmöglich und die Lage hoffnungslos."
    assert [k for _, k in negation_marks(lex, lex.tokens(text), text)] == ["weak", "weak"]


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("明日は雨が降るかもしれません。", False),  # "may rain": the polite ending is no negation
        ("彼は明日来ないかもしれません。", True),  # "may not come"
        ("彼は肉を食べません。", True),
    ],
)
def test_japanese_might_is_not_a_negation(text: str, negated: bool) -> None:
    from bitext.checks.contrasts import load_lexicon, negation_marks

    lex = load_lexicon("ja")
    assert lex is not None
    marks = negation_marks(lex, lex.tokens(text), text)
    assert bool([m for m in marks if m[1] == "strong"]) == negated, marks


def test_fallback_words_of_a_chunk_of_links_are_embedded_in_one_pass(real_encoder: Encoder) -> None:
    """The encoder fallback compares a target word its lexicon lacks ('minnsta', 'Nýja') with the source
    word and its antonyms. The runner asks for those words of every link at once: a pass of a few words
    costs about three times as much per word as one batched pass."""
    from bitext.checks import run_checks
    from bitext.checks.opposite import fallback_words
    from bitext.encoder import Encoder as EncoderClass

    pairs = [
        ("At least three ships sank near the coast.", "Að minnsta kosti þrjú skip sukku nálægt ströndinni."),
        ("The new bridge is longer than the old one.", "Nýja brúin er lengri en sú gamla."),
    ]
    asked: list[list[str]] = []

    class Spy:
        """The real engine, with every word-vector pass recorded."""

        dim = real_encoder.engine.dim

        def embed(self, texts: list[str], **kwargs: Any) -> Any:
            return real_encoder.engine.embed(texts, **kwargs)

        def word_vectors(self, texts: list[str], layer: int) -> Any:
            asked.append(list(texts))
            return real_encoder.engine.word_vectors(texts, layer)

    encoder = EncoderClass(Spy(), real_encoder.name + "|spy")  # no cache: every word is embedded here
    wanted = [
        fallback_words(PairContext(Link(k, (k,), (k,), 0.9), s, t, "en", "is", "translation", encoder))
        for k, (s, t) in enumerate(pairs)
    ]
    assert "minnsta" in wanted[0] and "Nýja" in wanted[1]
    asked.clear()
    alignment = Alignment(
        Side.from_texts("en", "en.txt", [s for s, _ in pairs]),
        Side.from_texts("is", "is.txt", [t for _, t in pairs]),
        (Link(0, (0,), (0,), 0.9), Link(1, (1,), (1,), 0.9)),
        Signature("0.1.0", "test-model", "test-seg", "translation"),
    )
    run_checks(alignment, encoder=encoder, kinds=["opposite"])
    words = [batch for batch in asked if not any(" " in text for text in batch)]
    assert len(words) == 1 and {*wanted[0], *wanted[1]} <= set(words[0])


@pytest.mark.parametrize(
    ("src", "tgt", "tl", "negated", "unrendered"),
    [
        ("The company did not raise its prices, although its costs were not falling.",
         "Das Unternehmen erhöhte seine Preise, obwohl seine Kosten nicht sanken.", "de", "not", "erhöhte"),
        ("The museum was not open on Monday, and the library was not open either.",
         "El museo no abrió el lunes, pero la biblioteca sí.", "es", "not", "sí"),
        ("He did not sign the letter, because he had read it.",
         "Il n'a pas signé la lettre, parce qu'il ne l'avait pas lue.", "fr", "pas", "read"),
    ],
)  # fmt: skip
def test_a_negation_the_other_side_renders_only_in_another_clause_is_found(
    real_encoder: Encoder, src: str, tgt: str, tl: str, negated: str, unrendered: str
) -> None:
    """Both sides negate something, but not the same clauses: the word aligner finds where the negated
    clause went, and no negation stands there."""
    ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, "en", tl, "translation", real_encoder)
    [flag] = opposite(ctx)
    assert flag.basis == "negation" and "only another one" in flag.message
    assert {flag.source_excerpt, flag.target_excerpt} == {negated, unrendered}


@pytest.mark.parametrize(
    ("src", "tgt", "sl", "unrendered"),
    [
        ("Non c'era pioggia, ma i contadini hanno perso il raccolto.",
         "There was no rain, but the farmers did not lose their harvest.", "it", "perso"),
        ("Es gab keinen Regen, aber die Bauern haben ihre Ernte verloren.",
         "There was no rain, but the farmers did not lose their harvest.", "de", "verloren"),
        ("Il n'y avait pas de pluie, mais les paysans ont perdu leur récolte.",
         "There was no rain, but the farmers did not lose their harvest.", "fr", "perdu"),
    ],
)  # fmt: skip
def test_a_negation_is_not_answered_by_the_other_sides_negation_of_another_clause(
    real_encoder: Encoder, src: str, tgt: str, sl: str, unrendered: str
) -> None:
    """The word aligner pairs an English "not" with the other side's "non" or "kein" for being alike,
    whichever clause each negates: where the English negates more often, the other side's negation words
    do not say where the clause went."""
    ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, sl, "en", "translation", real_encoder)
    [flag] = opposite(ctx)
    assert flag.basis == "negation" and "only another one" in flag.message
    assert (flag.source_excerpt, flag.target_excerpt) == (unrendered, "not")


@pytest.mark.parametrize(
    ("src", "tgt", "sl", "tl"),
    [
        ("The company did not raise its prices, although its costs were not falling.",
         "Das Unternehmen erhöhte seine Preise nicht, obwohl seine Kosten nicht sanken.", "en", "de"),
        ("Non c'era pioggia, e i contadini non hanno perso il raccolto.",
         "There was no rain, and the farmers did not lose their harvest.", "it", "en"),
        ("Er hatte keine Zeit, deshalb hat er den Bericht nicht gelesen.",
         "He had no time, so he did not read the report.", "de", "en"),
        ("He did not sign the letter, because he had not read it.",
         "Il n'a pas signé la lettre, parce qu'il ne l'avait pas lue.", "en", "fr"),
        ("The museum was not open on Monday, but the library was.",
         "El museo no abrió el lunes, pero la biblioteca sí.", "en", "es"),
        # Chinese: each character is a word to the aligner, so clauses are not placed against it at all
        ("我没有去，因为我不舒服。", "I didn't go because I didn't feel well.", "zh", "en"),
    ],
)  # fmt: skip
def test_negations_rendered_clause_by_clause_give_no_flag(
    real_encoder: Encoder, src: str, tgt: str, sl: str, tl: str
) -> None:
    ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, sl, tl, "translation", real_encoder)
    assert opposite(ctx) == []


@pytest.mark.parametrize(
    ("src", "tgt", "sl", "tl", "negated", "unrendered"),
    [
        ("While the children do not live in poverty, we can raise the prices.",
         "Während die Kinder in Armut leben, können wir die Preise nicht erhöhen.", "en", "de",
         "not", "leben"),
        ("The shop does not open on Sundays, so we buy bread on Saturdays.",
         "Mağaza bazar günləri açılır, buna görə çörəyi şənbə günləri almırıq.", "en", "az", "not", "açılır"),
        ("El tren no salió a tiempo, pero llegamos temprano.",
         "The train left on time, but we did not arrive early.", "es", "en", "no", "left"),
        ("Il negozio non apre la domenica, quindi compriamo il pane il sabato.",
         "The shop opens on Sundays, so we do not buy bread on Saturdays.", "it", "en", "non", "opens"),
    ],
)  # fmt: skip
def test_a_negation_moved_to_another_clause_is_found_with_as_many_negations_on_each_side(
    real_encoder: Encoder, src: str, tgt: str, sl: str, tl: str, negated: str, unrendered: str
) -> None:
    """One negation on each side, in different clauses: the aligner pairs the two negation words for being
    alike ("not" / "nicht"), so the words a negation word negates say where its clause went, and no
    negation stands there."""
    ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, sl, tl, "translation", real_encoder)
    [flag] = opposite(ctx)
    assert flag.basis == "negation" and "only another one" in flag.message
    assert {flag.source_excerpt, flag.target_excerpt} == {negated, unrendered}


@pytest.mark.parametrize(
    ("src", "tgt", "sl", "tl"),
    [
        # a weak negation word answers a negation word paired with it: "not just" / "deyil", "no" / "без"
        ("We came not just to watch the match but to play.",
         "Biz yalnız oyuna baxmaq üçün deyil, həm də oynamaq üçün gəldik.", "en", "az"),
        ("The medicine works with little or no effect on sleep.",
         "Лекарство действует с малым влиянием на сон или без него.", "en", "ru"),
        # the negation words of two lists are paired with each other
        ("They had neither bread nor water.", "Nie mieli ani chleba, ani wody.", "en", "pl"),
        ("While the children do not live in poverty, we can raise the prices.",
         "Während die Kinder nicht in Armut leben, können wir die Preise erhöhen.", "en", "de"),
        ("El tren no salió a tiempo, pero llegamos temprano.",
         "The train did not leave on time, but we arrived early.", "es", "en"),
    ],
)  # fmt: skip
def test_a_negation_in_its_own_clause_on_both_sides_gives_no_flag(
    real_encoder: Encoder, src: str, tgt: str, sl: str, tl: str
) -> None:
    ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, sl, tl, "translation", real_encoder)
    assert opposite(ctx) == []


@pytest.mark.parametrize(
    ("src", "tgt", "tl", "flagged"),
    [
        # "небольшой", "niepokojące" look negated (не-, nie-) and render a word of their own: "small",
        # "worrying"; they cannot stand for the English "not"
        ("The talks were not held in a small room.", "Переговоры проходили в небольшой комнате.", "ru", True),
        ("The talks were held in a small room.", "Переговоры проходили в небольшой комнате.", "ru", False),
        ("The new rules were not very clear and worrying for the traders.",
         "Nowe przepisy były bardzo jasne i niepokojące dla handlowców.", "pl", True),
        ("The new rules were very clear and worrying for the traders.",
         "Nowe przepisy były bardzo jasne i niepokojące dla handlowców.", "pl", False),
        # a word that negates weakly and is rendered by the negated verb answers for it
        ("The plan failed last year.", "Der Plan hat letztes Jahr nicht funktioniert.", "de", False),
    ],
)  # fmt: skip
def test_a_word_that_only_looks_negated_answers_no_negation_when_it_renders_a_word_of_its_own(
    real_encoder: Encoder, src: str, tgt: str, tl: str, flagged: bool
) -> None:
    ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, "en", tl, "translation", real_encoder)
    flags = opposite(ctx)
    assert [(f.basis, f.source_excerpt) for f in flags] == ([("negation", "not")] if flagged else [])


@pytest.mark.parametrize(
    ("src", "tgt", "flagged"),
    [
        ("三位医生用不同的仪器检查了病人。",
         "Three doctors did not examine the patient with different instruments.", True),
        ("三位医生用不同的仪器检查了病人。",
         "Three doctors examined the patient with different instruments.", False),
        ("去年，几位老师用不同的方法检验了这个结论。",
         "Last year, several teachers could not test the conclusion with different methods.", True),
        ("去年，几位老师用不同的方法检验了这个结论。",
         "Last year, several teachers tested the conclusion with different methods.", False),
    ],
)  # fmt: skip
def test_a_chinese_word_that_only_looks_negated_answers_no_english_not(
    real_encoder: Encoder, src: str, tgt: str, flagged: bool
) -> None:
    """"不同" (different) opens with "不" (not) and renders "different": where the Chinese negates
    nothing else, an English "not" is unrendered, though clauses are not placed against Chinese."""
    ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, "zh", "en", "translation", real_encoder)
    flags = opposite(ctx)
    assert [(f.basis, f.target_excerpt) for f in flags] == ([("negation", "not")] if flagged else [])


@pytest.mark.parametrize(
    ("src", "tgt", "sl", "flagged"),
    [
        # one Italian "non" in a sentence of one clause answers one English negation, not two
        ("Molte persone non sanno che la pazienza è necessaria anche a casa.",
         "Many people do not know that patience is not necessary at home either.", "it", "necessaria"),
        ("Molte persone non sanno che la pazienza non è necessaria a casa.",
         "Many people do not know that patience is not necessary at home.", "it", None),
        # negative concord: three Polish negation words negate one clause, which one English word answers
        ("Nikt nigdy nie widział tego miasta.", "Nobody has ever seen this city.", "pl", None),
        ("Nikt nigdy nie widział tego miasta i nie wiemy dlaczego.",
         "Nobody has ever seen this city and we do not know why.", "pl", None),
        # a list's negation shares its clause's: "ani" takes no English negation from "no one ever"
        ("Nie mieli chleba ani wody i nikt nigdy nie przyszedł im pomóc.",
         "They had no bread or water, and no one ever came to help them.", "pl", None),
    ],
)  # fmt: skip
def test_each_negation_of_the_side_that_negates_less_often_answers_one_negation(
    real_encoder: Encoder, src: str, tgt: str, sl: str, flagged: str | None
) -> None:
    ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, sl, "en", "translation", real_encoder)
    flags = opposite(ctx)
    assert [(f.basis, f.source_excerpt) for f in flags] == ([("negation", flagged)] if flagged else [])


def test_a_negation_word_left_out_points_at_the_verb_it_negated(real_encoder: Encoder) -> None:
    """English "never" against a sentence without a negation: the flag shows the verb that lost it, not the
    word the aligner pairs "never" with for its sense of time ("heç vaxt", ever)."""
    src, tgt = "The old bridge is never closed.", "Köhnə körpü heç vaxt bağlanır."
    ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, "en", "az", "translation", real_encoder)
    [flag] = opposite(ctx)
    assert (flag.source_excerpt, flag.target_excerpt) == ("never", "bağlanır")


def test_idioms_with_a_negation_word_are_weak_marks() -> None:
    """Sayings that say something positive with "no" negate no clause of theirs."""
    assert mark_kinds("If you need a good bakery, look no further.", "en") == ["weak"]
    assert set(mark_kinds("In her eyes the team can do no wrong.", "en")) == {"weak"}
    assert mark_kinds("No further details were given.", "en") == ["strong"]


@pytest.mark.parametrize(
    ("tgt", "tl"),
    [
        ("Nei, hún sagðist bara ekki vera viss.", "is"),
        ("Nein, sie sagte nur, sie sei sich nicht sicher.", "de"),
        ("No, ha detto solo che non era sicura.", "it"),
        ("Hayır, sadece emin olmadığını söyledi.", "tr"),
    ],
)
def test_no_as_an_answer_is_rendered_by_the_languages_no(real_encoder: Encoder, tgt: str, tl: str) -> None:
    """English "No, ..." answered by the language's own word for no (Icelandic "Nei", German "Nein"): a
    negation on both sides, rendered, not a negated clause left out."""
    src = "No, she just said that she wasn't sure."
    ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, "en", tl, "translation", real_encoder)
    assert opposite(ctx) == []


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # Icelandic "enginn" (no, none) in its other cases and genders answers an English negation
        ("Don't worry about it.", "Hafðu engar áhyggjur af því."),
        ("They had no cars.", "Þeir áttu enga bíla."),
        ("He spoke to nobody about it.", "Hann talaði við engan um það."),
    ],
)
def test_an_inflected_icelandic_negation_answers_an_english_one(src: str, tgt: str) -> None:
    assert run(src, tgt, tl="is") == []


def test_an_inflected_icelandic_negation_alone_is_flagged() -> None:
    flags = run("They had cars.", "Þeir áttu enga bíla.", tl="is")
    assert [f.kind for f in flags] == ["opposite"] and "enga" in flags[0].message


@pytest.mark.parametrize(
    ("src", "tgt", "tl"),
    [
        ("The court cannot give the land to anyone.", "Məhkəmə torpağı kiməsə verə bilməz.", "az"),
        # "nothing but": it is
        ("The plan is a fantasy.", "Plan xəyaldan başqa bir şey deyil.", "az"),
        # "-mamışdan / -madan əvvəl", "-madan önce": before doing
        ("She left before the guests arrived.", "Qonaqlar gəlməmişdən əvvəl o getdi.", "az"),
        ("She left before the guests arrived.", "Misafirler gelmeden önce gitti.", "tr"),
        # "unless" is "if not"
        ("He will win unless it rains.", "Yağış yağmasa, o qalib gələcək.", "az"),
    ],
)
def test_negation_forms_that_negate_nothing_or_answer_one(src: str, tgt: str, tl: str) -> None:
    assert run(src, tgt, tl=tl) == []


def test_the_same_forms_still_negate_where_they_do() -> None:
    flags = run("He will win if it rains.", "Yağış yağmasa, o qalib gələcək.")
    assert [f.kind for f in flags] == ["opposite"]
    assert [f.kind for f in run("The guests arrived.", "Qonaqlar gəlmədi.")] == ["opposite"]



@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("They will hurt you.", "Onlar sizi incitməzlər."),  # "they won't"
        ("You can skip one lesson.", "Siz bir dərsi buraxa bilməzsiniz."),  # "you cannot"
        ("I could catch the train.", "Mən qatara çata bilməzdim."),  # "I could not"
        ("We can help them.", "Biz onlara kömək edə bilmərik."),  # "we cannot"
        ("It would be right to say so.", "Belə demək doğru olmaz."),  # "would not be right"
    ],
)
def test_the_azerbaijani_negative_aorist_is_a_negation(src: str, tgt: str) -> None:
    # the verb's "-maz/-məz" with a person or a tense is no adjective ("qaçılmaz", inevitable)
    [flag] = run(src, tgt)
    assert flag.kind == "opposite" and flag.severity == "major" and "negated" in flag.message
    negated = src.replace("will", "won't").replace("can ", "cannot ").replace("could", "could not")
    assert run(negated.replace("would be", "would not be"), tgt) == []


def test_a_lexicalised_maz_adjective_is_still_no_negation() -> None:
    assert run("War was inevitable.", "Müharibə qaçılmaz idi.") == []
    assert run("They bought real estate.", "Onlar daşınmaz əmlak aldılar.") == []


def test_an_azerbaijani_negated_participle_is_a_negation() -> None:
    # "-madıq/-mədiyi" + endings: "that they were not"
    assert run("He said that they were not happy.", "O, onların məmnun olmadıqlarını dedi.") == []
    flags = run("He said that they were happy.", "O, onların məmnun olmadıqlarını dedi.")
    assert [f.kind for f in flags] == ["opposite"] and "olmadıqlarını" in flags[0].message


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("Constantine soon fell ill.", "Constantin ne tarde pas à tomber malade."),  # does not delay: soon
        ("He is talented.", "Il n'est pas sans talent."),  # not without: with
        ("He always comments on it.", "Il ne manque pas de le commenter."),  # does not fail to: does
        ("The harvest was poor that year.", "La récolte n'était pas des plus abondantes cette année-là."),
        ("The hut holds twelve people at most.", "La cabane n'abrite pas plus de douze personnes."),
    ],
)
def test_french_litotes_negate_nothing(src: str, tgt: str) -> None:
    assert run(src, tgt, tl="fr") == []


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # an English word that negates implicitly answers the other side's negation
        ("The fence prevents the dog from escaping.", "Hasar itin qaçmasına imkan vermir."),
        ("Clean water is scarce.", "Təmiz su çatışmır."),
        ("They missed their chances.", "Onlar şanslarından istifadə etmədilər."),
    ],
)
def test_an_implicit_english_negation_answers_a_negated_verb(src: str, tgt: str) -> None:
    assert run(src, tgt) == []


def test_tokenised_english_keeps_its_negations_and_abbreviations() -> None:
    # corpora and MT output split "hadn't" into "had n't", and "No. 4" into "No . 4"
    assert run("He had n't seen the letter.", "O, məktubu görməmişdi.") == []
    [flag] = run("He had n't seen the letter.", "O, məktubu görmüşdü.")
    assert flag.source_excerpt == "n't"
    assert run("It was the No . 4 player who won.", "Qalib gələn 4 nömrəli oyunçu idi.") == []


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # a negated light verb negates the word it makes a verb of: "qəbul etmədi", did not accept
        ("The offer was rejected.", "Təklif qəbul edilmədi."),
        ("He refused the offer.", "O, təklifi qəbul etmədi."),
        # "rather than" says what "deyil" (is not) says
        ("They are migrants rather than refugees.", "Onlar qaçqın deyil, mühacirdir."),
    ],
)  # fmt: skip
def test_implicit_negations_and_light_verbs_reverse_nothing(src: str, tgt: str) -> None:
    assert run(src, tgt) == []


def test_a_negation_is_still_found_beside_light_verbs_and_rather() -> None:
    def negated(src: str, tgt: str) -> list[str]:
        return [f.target_excerpt for f in run(src, tgt)]

    assert negated("The offer was accepted.", "Təklif qəbul edilmədi.") == ["edilmədi"]
    assert negated("The plan was rather good.", "Plan yaxşı deyildi.") == ["deyildi"]
    assert negated("They are migrants and refugees.", "Onlar qaçqın deyil, mühacirdir.") == ["deyil"]


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # "has yet to be" is "has not been"; "lacking" negates as "lacks" does
        ("The date has yet to be decided.", "Tarix hələ müəyyən edilməyib."),
        ("Their final pass was lacking.", "Onların son ötürməsi çatmırdı."),
        # "-mamışdan əvvəl" (before doing) stays so when two such verbs are joined by "və"
        ("He ran up before taking the gun and knocking down three men.",
         "O, silahı almamışdan və üç nəfəri yıxmamışdan əvvəl irəli qaçdı."),
    ],
)  # fmt: skip
def test_more_negations_that_say_the_same(src: str, tgt: str) -> None:
    assert run(src, tgt) == []


def test_the_same_negations_still_flag_a_plain_statement() -> None:
    assert [f.target_excerpt for f in run("The date has been decided.", "Tarix hələ müəyyən edilməyib.")] == [
        "edilməyib"
    ]


def test_a_hyphened_negative_prefix_negates_its_word() -> None:
    # "qeyri-mümkün" is impossible: no reversal of "impossible"; "mümkün" alone still is one
    src = "It would be impossible for the plant to store more."
    assert run(src, "Zavod üçün daha çox saxlamaq qeyri-mümkündür.") == []
    [flag] = run(src, "Zavod üçün daha çox saxlamaq mümkündür.")
    assert (flag.source_excerpt, flag.target_excerpt) == ("impossible", "mümkündür")
    # the prefixed word is of the other pole, also where the other side negates another clause
    both = "It would be impossible to store more, and the jobs never come back."
    assert run(both, "Daha çox saxlamaq qeyri-mümkündür və işlər geri qayıtmır.") == []
    [flag] = run("It would be possible for the plant to store more.", "Zavod üçün qeyri-mümkündür.")
    assert (flag.source_excerpt, flag.target_excerpt) == ("possible", "mümkündür")


def test_idioms_neither_contrast_nor_negate() -> None:
    # "without fail" (always) is no failure; "daxil olmaqla" (including) is not "inside"
    assert run("Sanctions must be enforced without fail until the end.",
               "Sanksiyalar sona qədər uğurla tətbiq edilməlidir.") == []  # fmt: skip
    tgt = "Sürücü də daxil olmaqla yaralıların bəziləri xəstəxananın çölündə qaldılar."
    assert run("Some of the injured, including the driver, rested outside the hospital.", tgt) == []
    # outside the idiom the words keep their sense
    [flag] = run("The plan failed.", "Plan uğurla başa çatdı.")
    assert flag.source_excerpt == "failed"


def test_a_loss_and_a_win_on_one_side_reverse_nothing() -> None:
    # "loss" is the losing end too (ambiguous: a financial loss), so the English names both ends
    src = "They made up for Friday's loss by winning the return match 5-3."
    tgt = "Onlar revanş matçını 5-3 hesabı ilə udaraq cümə günü uduzduqları oyunun əvəzini çıxdılar."
    assert run(src, tgt) == []
    [flag] = run("They won the return match 5-3.", "Onlar revanş matçını 5-3 hesabı ilə uduzdular.")
    assert (flag.source_excerpt, flag.target_excerpt) == ("won", "uduzdular")


def test_a_negated_participle_answers_a_negated_clause() -> None:
    # "-mayan/-məyən" participles ("ödəməyən", not paying): English "who are not paying", "who don't live"
    assert run("The duty will be levied on those who are not paying tax in the UK.",
               "Rüsum Birləşmiş Krallıqda vergiləri ödəməyən şəxslərdən tutulacaq.") == []  # fmt: skip
    assert run("It is as easy for individuals who don't live in the UK to buy homes.",
               "Ölkədə yaşamayanlar üçün də mənzil almaq eyni dərəcədə asandır.") == []  # fmt: skip


def test_spoken_future_and_infinitive_cases_are_negated() -> None:
    # "baxmayacam" (spoken: I will not look), "satmamağa" (not to sell, dative of "satmamaq")
    tgt = "Mən bir daha heç vaxt ona eyni cür baxmayacam."
    assert run("I will never look at it the same way again.", tgt) == []
    assert [f.target_excerpt for f in run("I will look at it the same way again.", tgt)] == ["baxmayacam"]
    tgt = "O, evi satmamağa söz verdi."
    assert run("He promised not to sell the house.", tgt) == []
    assert [f.target_excerpt for f in run("He promised to sell the house.", tgt)] == ["satmamağa"]


def test_a_negation_answers_for_the_words_in_its_scope() -> None:
    # where both sides negate, a mark answers the other side's negated word when that word is in its scope:
    # English "not" for up to three words on ("not to proliferate"), Azerbaijani "deyil" for two before it
    from bitext.checks.negation import reach_of
    from bitext.checks.opposite_sides import side_of

    en = side_of("They pledged not to proliferate weapons.", "en")
    az = side_of("Bu, onların işi deyil.", "az")
    assert en is not None and az is not None
    assert reach_of(en, 2) == (1, 5)
    assert reach_of(az, 3) == (1, 4)
    assert reach_of(az, 1) == (0, 2)  # an ordinary word: its neighbours


def test_a_name_that_looks_negated_is_a_name() -> None:
    # "Tomasa" (to Tomas) ends like "-masa" (if not ...): the English names Thomas, so it is his name
    tgt = "Mübarizəyə rəhbərlik etmək Tomasa tapşırıldı."
    assert run("Thomas has been handed the task of leading the fightback.", tgt) == []
    assert [f.source_excerpt for f in run("Thomas has not been handed the task.", tgt)] == ["not"]
    # a negated verb stays one, and so does a capitalised one the other side does not name
    [flag] = run("The task was given to Thomas.", "Tapşırıq Tomasa verilmədi.")
    assert flag.target_excerpt == "verilmədi"
    flags = run("The task was given to him.", "Tapşırıq ona, Yazmasa deyə, verildi.")
    assert [f.target_excerpt for f in flags] == ["Yazmasa"]


def test_real_encoder_hec_answers_with_the_negated_verb_of_its_clause() -> None:
    # "heç bir halda ... olmayacağıq" (in no way will we be): "heç" carries its verb's negation where the
    # word aligner puts the English "no way"
    from bitext.encoder import load_encoder

    src = "There is no way we will disarm first, and there will be no trust."
    tgt = "Biz heç bir halda birinci tərk-silah olmayacağıq və etimad olmayacaq."
    ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, "en", "az", "translation", load_encoder())
    assert opposite(ctx) == []
    # in a statement "heç" marks nothing by itself
    lex = load_lexicon("az")
    assert lex is not None
    text = "O, heç gəldi. Biz getmədik."
    assert [k for _, k in negation_marks(lex, lex.tokens(text), text)] == ["strong"]


def test_a_hyphened_no_is_a_compound_not_a_negated_clause() -> None:
    # "a no-deal Brexit", "no-fault evictions": modifiers; the clause itself is not negated
    assert run("The risks are in the event of a no-deal Brexit.", "Risklər Breksit hadisəsindədir.") == []
    assert run("No-fault evictions will end.", "Səbəbsiz çıxarılmalar bitəcək.") == []
    [flag] = run("There was no deal.", "Müqavilə var idi.")
    assert flag.source_excerpt == "no"


def test_a_without_converb_negates_only_its_own_clause() -> None:
    # "-madan/-mədən" (without doing) negates its subordinate clause, which English may leave implicit
    tgt = "Sainsbury's Boots ilə birgə müəssisəni yoxlamadan keçirdi."
    assert run("Sainsbury's tested a joint venture with Boots.", tgt) == []
    assert run("He left without signing the contract.", "O, müqaviləni imzalamadan getdi.") == []
    # a negated main verb still is a negation
    [flag] = run("He signed the contract.", "O, müqaviləni imzalamadı.")
    assert flag.target_excerpt == "imzalamadı"


def test_absent_negates_implicitly() -> None:
    # English "absent" answers a negated Azerbaijani "at the meeting"
    tgt = "Nazir iclasda deyildi."
    assert run("The minister was absent from the meeting.", tgt) == []
    assert [f.target_excerpt for f in run("The minister was at the meeting.", tgt)] == ["deyildi"]


def test_unlikely_answers_a_negated_verb() -> None:
    tgt = "Fırtına çox yağış gətirməyəcək."
    assert run("The storm is unlikely to bring much rain.", tgt) == []
    assert [f.target_excerpt for f in run("The storm will bring much rain.", tgt)] == ["gətirməyəcək"]


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # a word of a negative prefix and its antonym ("impenetrable": "penetrable") renders a negated verb
        ("The defenders found the wall impenetrable.", "Müdafiəçilər divardan keçə bilmədilər."),
        ("Her reasons remain unknown.", "Onun səbəbləri bilinmir."),
        ("The committee was unconvinced by the plan.", "Komitə plana inanmadı."),
    ],
)
def test_a_negative_prefix_answers_a_negated_verb(src: str, tgt: str) -> None:
    assert run(src, tgt) == []


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # "wrong" (not right) and "ignore" (not heed) render a negated verb as often as a word of their own
        ("Everything went wrong at the start.", "Əvvəldən hər şey yolunda getmədi."),
        ("The drivers ignored the warning.", "Sürücülər xəbərdarlığa məhəl qoymadılar."),
    ],
)
def test_wrong_and_ignore_answer_a_negated_verb(src: str, tgt: str) -> None:
    assert run(src, tgt) == []


def test_wrong_is_weak_so_a_negation_added_beside_it_is_still_found() -> None:
    [flag] = run("He did not make the wrong choice.", "O, səhv seçim etdi.")
    assert (flag.kind, flag.source_excerpt) == ("opposite", "not")


def test_words_that_only_begin_like_a_negative_prefix_do_not() -> None:
    lex = load_lexicon("en")
    assert lex is not None
    assert [lex.negation(w) for w in ("impenetrable", "unknown", "dishonest", "nonviolent")] == ["weak"] * 4
    # "under", "important", "until", "discuss": no antonym "der", "portant", "til", "cuss"
    assert [lex.negation(w) for w in ("under", "important", "until", "discuss", "interest")] == [None] * 5
    # so the negation of a clause beside them is still found
    tgt = "Mühüm görüş körpünün altında keçirilmədi."
    [flag] = run("The important meeting was held under the bridge.", tgt)
    assert flag.target_excerpt == "keçirilmədi"


@pytest.mark.model
def test_real_encoder_an_ambiguous_word_is_turned_round_by_a_negation_in_its_clause() -> None:
    from bitext.encoder import load_encoder

    def run_model(tgt: str) -> list[tuple[str, str, str]]:
        src = "Analysts believe that little would change if the court decided."
        ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, "en", "az", "translation", load_encoder())
        return [(f.basis, f.source_excerpt, f.target_excerpt) for f in opposite(ctx)]

    # "would not bring a big change" says "little would change": the negated verb ends the clause of "böyük"
    litotes = "Təhlilçilər hesab edir ki, məhkəmə qərar çıxarsa belə bu böyük bir dəyişiklik gətirməyəcək."
    assert run_model(litotes) == []
    assert run_model(litotes.replace("gətirməyəcək", "gətirəcək")) == [("contrast-weak", "little", "böyük")]
    # also where another clause of the sentence is negated as well ("unlikely", "çətin ki")
    src = "Experts say the deal is unlikely to pass, and that little would change if it did."
    tgt = ("Ekspertlər deyirlər ki, razılaşma çətin ki, qəbul edilsin, qəbul edilsə belə bu böyük bir "
           "dəyişiklik gətirməyəcək.")
    ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, "en", "az", "translation", load_encoder())
    assert opposite(ctx) == []


@pytest.mark.model
def test_real_encoder_a_negated_clause_answers_for_every_word_in_it() -> None:
    from bitext.encoder import load_encoder

    def run_model(src: str, tgt: str) -> list[tuple[str, str, str]]:
        ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, "az", "en", "translation", load_encoder())
        return [(f.basis, f.source_excerpt, f.target_excerpt) for f in opposite(ctx)]

    # The word aligner places the negated verb's neighbour ("bu", this) on "this" of "this is not over",
    # two words before the "not": outside the words "not" answers for, inside the clause it negates.
    src = "Tarix hər kəsə göstərəcək ki, bu son deyil. Siz xalları əldə edənə qədər bu bitməyəcək."
    tgt = "History will show everybody that this is not over; this is not over till you've got the points."
    assert run_model(src, tgt) == []
    # a negation moved to another clause is still found: "did not take" is not the clause of "satmadı"
    src = "Fermer buğdanı satmadı, amma qarğıdalını bazara apardı."
    tgt = "The farmer sold the wheat, but he did not take the corn to the market."
    assert run_model(src, tgt) == [("negation", "apardı", "not")]


@pytest.mark.model
def test_real_encoder_a_negated_verbal_noun_turns_its_word_round() -> None:
    from bitext.encoder import load_encoder

    def run_model(tgt: str) -> list[tuple[str, str, str]]:
        src = "The author feared that his novel would be rejected by the publisher."
        ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, "en", "az", "translation", load_encoder())
        return [(f.basis, f.source_excerpt, f.target_excerpt) for f in opposite(ctx)]

    # "qəbul edilməməsi" (its not being accepted) is a rejection
    assert run_model("Müəllif romanının naşir tərəfindən qəbul edilməməsindən qorxurdu.") == []
    # its being accepted is not
    assert run_model("Müəllif romanının naşir tərəfindən qəbul edilməsindən qorxurdu.") == [
        ("contrast", "rejected", "qəbul")
    ]


@pytest.mark.parametrize(
    ("text", "lang", "kinds"),
    [
        # a reply opening its sentence negates no clause of its own: a weak mark
        ("No, I will call her tomorrow.", "en", ["weak"]),
        ("Nein. Wir fahren morgen.", "de", ["weak"]),
        ("Non, merci, je reste ici.", "fr", ["weak"]),
        ("“Yox, sabah gələcəyəm.”", "az", ["weak"]),
        ("Nei, ég kem á morgun.", "is", ["weak"]),
        # the clause's own negation after it still counts
        ("No, I will not call her.", "en", ["weak", "strong"]),
        # the same words inside a clause negate it
        ("There is no time left.", "en", ["strong"]),
        ("He said no to the offer.", "en", ["strong"]),
        ("Nie wiem, gdzie on jest.", "pl", ["strong"]),
        ("Nein sagte er nie.", "de", ["strong", "strong"]),
    ],
)
def test_a_reply_opening_its_sentence_is_a_weak_mark(text: str, lang: str, kinds: list[str]) -> None:
    assert mark_kinds(text, lang) == kinds


def test_a_reply_against_a_sentence_without_one_is_no_flag() -> None:
    assert run("No, the museum opens at nine.", "Muzey saat doqquzda açılır.") == []
    assert run("Yox, muzey saat doqquzda açılır.", "The museum opens at nine.", "az", "en") == []
    # a negation of the clause beside the reply is still one
    [flag] = run("No, the museum does not open at nine.", "Muzey saat doqquzda açılır.")
    assert (flag.basis, flag.source_excerpt) == ("negation", "not")


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Þeir koma ekki nema það hætti að rigna.", ["weak"]),  # they come only if it stops raining
        ("Hann hafði ei séð hana síðan.", ["strong"]),  # written "not"
        ("Umsóknum skal skila eigi síðar en 1. maí.", ["strong"]),  # formal "not": no later than
    ],
)
def test_icelandic_only_and_the_written_negations(text: str, kinds: list[str]) -> None:
    assert mark_kinds(text, "is") == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # written French negates with "ne ... pas": alone, "pas" is a step and "jamais" is "ever"
        ("Nous revînmes sur nos pas par la rive opposée.", []),
        ("La longueur de ses pas était le double des miens.", []),
        ("Plus que jamais, il faut agir.", []),
        ("Combien ont jamais vu un blaireau en liberté ?", []),
        ("Ils l'ont reconnu sans aucun doute.", ["weak"]),  # "sans" (without) is weak, "aucun" is "any"
        # with "ne" or "n'" in the clause, before or after, they negate
        ("Il ne viendra pas demain.", ["weak", "strong"]),
        ("Je n'ai jamais vu ça.", ["strong"]),
        ("Aucun d'eux n'est venu.", ["strong"]),
        # and elliptical, opening their clause or after a conjunction
        ("Il est venu, pas elle.", ["strong"]),
        ("Elle y logeait des prisonniers, mais pas exclusivement.", ["strong"]),
        ("Pas maintenant.", ["strong"]),
        # after a determiner "pas" is a step, even where the clause's "ne" is the "ne ... que" of "only"
        ("Ce ne sont que des pas d'ours.", ["weak"]),
        ("Il ne fit que quelques pas vers la porte.", ["weak"]),
        ("Il ne fit pas un pas de plus.", ["weak", "strong"]),
        # "à jamais" is forever, whatever "ne" another clause holds
        ("Ils ont fixé à jamais le texte, mais ils n'en donnaient qu'une version.", []),
    ],
)
def test_french_pas_and_jamais_negate_with_ne(text: str, kinds: list[str]) -> None:
    assert mark_kinds(text, "fr") == kinds


def test_french_steps_after_ne_que_are_no_negation() -> None:
    # "ne sont que des pas d'ours" says only bear tracks: nothing negated against the German "nur"
    assert run("Die Spuren waren nur die Tapfen von Bären.", "Les traces ne sont que des pas d'ours.",
               "de", "fr") == []  # fmt: skip
    # a French clause that does negate still answers for a German one that does not
    [flag] = run("Die Spuren waren die Tapfen von Bären.", "Les traces ne sont pas des pas d'ours.",
                 "de", "fr")  # fmt: skip
    assert flag.target_excerpt == "pas"


@pytest.mark.parametrize(
    ("src", "tgt", "sl", "tl"),
    [
        # "nicht ohne" (not without) affirms, as French "pas sans" does
        ("Er stellte die Frage nicht ohne Grund.",
         "Il a posé la question pour une bonne raison.", "de", "fr"),
        # a verb of avoiding or refusing renders the other side's negated verb
        ("Der Verein soll nichts tun, was die Nachbarn stören könnte.",
         "L'association évitera de rien faire qui pourrait gêner les voisins.", "de", "fr"),
        ("Der Minister hat die Genehmigung nicht erteilt.",
         "Le ministre a refusé l'autorisation.", "de", "fr"),
        ("Il n'a pas voulu signer le contrat.",
         "Er verweigerte die Unterschrift unter den Vertrag.", "fr", "de"),
    ],
)  # fmt: skip
def test_verbs_of_refusal_and_not_without_answer_a_negation(src: str, tgt: str, sl: str, tl: str) -> None:
    assert run(src, tgt, sl, tl) == []


@pytest.mark.parametrize(
    ("src", "tgt", "sl", "tl"),
    [
        # a question tag asks for assent: its negation negates nothing that the other side must say
        ("It's cold outside, isn't it?", "Il fait froid dehors, hein ?", "en", "fr"),
        ("Das war ein langer Tag, nicht wahr?", "It was a long day, right?", "de", "en"),
        ("Llegaste tarde otra vez, ¿no?", "You came late again, didn't you?", "es", "en"),
        ("Вы уже были в Москве, не так ли?", "You have been to Moscow already, right?", "ru", "en"),
    ],
)
def test_a_negated_question_tag_negates_nothing(src: str, tgt: str, sl: str, tl: str) -> None:
    assert run(src, tgt, sl, tl) == []


def test_a_negation_before_the_tag_or_in_a_short_question_still_negates() -> None:
    [flag] = run("It isn't cold outside, is it?", "Il fait froid dehors, hein ?", "en", "fr")
    assert flag.source_excerpt == "isn't"
    # a short clause after a comma whose negation comes last is the question itself, not a tag
    [flag] = run("Do you think he is coming today?", "Sizcə, o, bu gün gəlmir?", "en", "az")
    assert flag.target_excerpt == "gəlmir"


def test_an_icelandic_word_negated_by_its_prefix_answers_a_negation() -> None:
    # "ó" on a common word negates it: "ósammála" (disagreed) renders "don't agree", "ómögulegt" "not
    # possible"
    assert run("I simply don't agree with him.", "Ég er einfaldlega ósammála honum.", "en", "is") == []
    assert run("That is not possible now.", "Það er ómögulegt núna.", "en", "is") == []
    # a word that only starts with "ó" is no negation ("ótti", fear), and a plain "ekki" still counts
    assert mark_kinds("Hún lifði í ótta.", "is") == []
    [flag] = run("I simply agree with him.", "Ég er einfaldlega ekki sammála honum.", "en", "is")
    assert flag.target_excerpt == "ekki"


def test_french_and_german_negations_that_were_missing() -> None:
    # German "keinesfalls" (by no means) against a French negation is no dropped negation
    assert run("Man wollte die Kameraden keinesfalls stören.", "Il ne fallait les gêner en aucune manière.",
               "de", "fr") == []  # fmt: skip
    # French "on manque de détails" (details are lacking) and "ignorants" (knowing nothing) answer a
    # German negation; "hors de question" (impossible) answers "nicht möglich"
    assert run("Einzelheiten sind noch nicht bekannt.", "On manque encore de détails.", "de", "fr") == []
    assert run("Sie haben keine Ahnung davon.", "Ils en sont parfaitement ignorants.", "de", "fr") == []
    assert run("Das ist nicht möglich.", "C'est hors de question.", "de", "fr") == []
    # a negation that those words do not answer is still found
    [flag] = run("Die Brücke wurde nicht gebaut.", "Le pont fut construit.", "de", "fr")
    assert (flag.basis, flag.source_excerpt) == ("negation", "nicht")


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # Icelandic asks politely and rhetorically with "ekki": in a question it only answers a negation
        ("Getur þú ekki lánað mér bókina?", ["weak"]),  # can you lend me the book?
        ("Eigum við ekki að borða úti í kvöld?", ["weak"]),  # shall we eat out tonight?
        # in a statement it negates its clause, and other negation words negate in questions too
        ("Hann getur ekki lánað mér bókina.", ["strong"]),
        ("Hefur þú aldrei komið til Akureyrar?", ["strong"]),
    ],
)
def test_an_icelandic_negated_question_is_a_weak_mark(text: str, kinds: list[str]) -> None:
    assert mark_kinds(text, "is") == kinds


def test_a_polite_icelandic_question_against_a_plain_one_is_no_flag() -> None:
    assert run("Can you lend me the book?", "Getur þú ekki lánað mér bókina?", "en", "is") == []
    # a negated English question is still answered by it, and a statement still raises a flag
    assert run("Can't you lend me the book?", "Getur þú ekki lánað mér bókina?", "en", "is") == []
    [flag] = run("He can lend me the book.", "Hann getur ekki lánað mér bókina.", "en", "is")
    assert (flag.basis, flag.target_excerpt) == ("negation", "ekki")
    # English asks no question with a negation it does not mean
    [flag] = run("Can't you lend me the book?", "Getur þú lánað mér bókina?", "en", "is")
    assert (flag.basis, flag.source_excerpt) == ("negation", "Can't")


@pytest.mark.parametrize(
    ("src", "sl"),
    [
        ("Nemocnice zůstala otevřená celou noc.", "cs"),  # nemocnice: hospital, not "ne-" + a word
        ("Некоторые пришли на лекцию.", "ru"),  # некоторые: some
        ("Der Unfall passierte gestern Abend.", "de"),  # Unfall: accident, not "un-" + a word
    ],
)
def test_a_word_that_only_looks_negated_does_not_answer_a_negation(
    real_encoder: Encoder, src: str, sl: str
) -> None:
    """Words that start like a negated word but are none ("nemocnice", "некоторые", "niedziela", "Unfall",
    Czech superlatives in "nej-") are listed in the lexicon's ``not_negation``: beside the verb an English
    "not" negates, they used to answer it."""
    right = {
        "cs": "The hospital stayed open all night.",
        "ru": "Some came to the lecture.",
        "de": "The accident happened last night.",
    }[sl]
    wrong = right.replace("stayed", "did not stay").replace("came", "did not come")
    wrong = wrong.replace("happened", "did not happen")
    ok = PairContext(Link(0, (0,), (0,), 0.9), src, right, sl, "en", "translation", real_encoder)
    assert opposite(ok) == []
    bad = PairContext(Link(0, (0,), (0,), 0.9), src, wrong, sl, "en", "translation", real_encoder)
    [flag] = opposite(bad)
    assert (flag.basis, flag.target_excerpt) == ("negation", "not")


# Antonyms beyond directions and amounts, in the languages DEMETR translates from
# (data/contrasts/<lang>.json): each original against an English translation that turns its contrast
# word round, and one that keeps it.
@pytest.mark.parametrize(
    ("src", "sl", "wrong", "right"),
    [
        ("Das Museum öffnet früh.", "de", "The museum opens late.", "The museum opens early."),
        ("La route est fermée.", "fr", "The road is open.", "The road is closed."),
        ("La mejora fue lenta.", "es", "The improvement was rapid.", "The improvement was slow."),
        ("Il vecchio ponte è chiuso.", "it", "The old bridge is open.", "The old bridge is closed."),
        ("Pogoda była zła.", "pl", "The weather was good.", "The weather was bad."),
        ("Obchod byl otevřený.", "cs", "The shop was closed.", "The shop was open."),
        ("Он умер в маленьком городе.", "ru", "He died in a large town.", "He died in a small town."),
        ("यह एक अच्छी फिल्म है।", "hi", "It is a bad film.", "It is a good film."),
        ("यह योजना विफल रही।", "hi", "The plan succeeded.", "The plan failed."),
    ],
)
def test_antonyms_in_the_demetr_languages(src: str, sl: str, wrong: str, right: str) -> None:
    [flag] = run(src, wrong, sl=sl, tl="en")
    assert flag.kind == "opposite" and flag.basis == "contrast"
    assert run(src, right, sl=sl, tl="en") == []


@pytest.mark.parametrize(
    ("src", "sl", "tgt"),
    [
        ("Schließlich war die Tür auf.", "de", "Finally the door was open."),  # finally, not closed
        ("Vivimos en Buenos Aires, en un barrio feo.", "es", "We live in Buenos Aires, in a bad area."),
    ],
)
def test_words_that_only_look_like_contrast_words(src: str, sl: str, tgt: str) -> None:
    assert [f for f in run(src, tgt, sl=sl, tl="en") if f.basis == "contrast"] == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("src", "sl", "wrong", "right"),
    [
        ("会议很早就开始了。", "zh", "The meeting started very late.", "The meeting started very early."),
        ("店は早く閉まった。", "ja", "The shop closed late.", "The shop closed early."),
        ("雨の量が増えました。", "ja", "The amount of rain decreased.", "The amount of rain increased."),
        ("大学の新しい建物。", "ja", "The old university building.", "The new university building."),
    ],
)
def test_real_encoder_chinese_and_japanese_antonyms(
    real_encoder: Encoder, src: str, sl: str, wrong: str, right: str
) -> None:
    """A Han character stands in many words that are not its sense (大学, university): it counts only where
    the word aligner pairs it with the English word's opposite."""
    [flag] = run(src, wrong, sl=sl, tl="en", encoder=real_encoder)
    assert (flag.basis, flag.severity) == ("contrast-weak", "minor") and flag.source_excerpt in src
    assert run(src, right, sl=sl, tl="en", encoder=real_encoder) == []


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("The team is still unbeaten after ten games.", "Komanda on oyundan sonra hələ də məğlub olmayıb."),
        ("The loan was unsecured.", "Kredit təminatlı deyildi."),
    ],
)
def test_a_negative_prefix_on_a_participle_answers_a_negated_verb(src: str, tgt: str) -> None:
    # 'unbeaten' and 'unsecured' are not in the antonym lexicon; 'beaten' and 'secured' are words of their own
    assert mark_kinds(src, "en") == ["weak"]
    assert run(src, tgt) == []


def test_a_prefix_that_leaves_no_word_of_its_own_is_no_negation() -> None:
    assert mark_kinds("The party was unified and the nation united.", "en") == []


@pytest.mark.parametrize(
    ("src", "right", "wrong", "sl"),
    [
        # a contrast word written behind an elided article or preposition
        ("L'ouverture du nouveau musée a eu lieu lundi matin.",
         "The opening of the new museum took place on Monday morning.",
         "The closing of the new museum took place on Monday morning.", "fr"),
        ("L'inizio della partita è stato rinviato di un'ora.",
         "The start of the match was postponed by an hour.",
         "The end of the match was postponed by an hour.", "it"),
        ("Il vento soffia dall'ovest da tre giorni.",
         "The wind has been blowing from the west for three days.",
         "The wind has been blowing from the east for three days.", "it"),
        # success and possibility
        ("El proyecto fue un fracaso total para la empresa.",
         "The project was a total failure for the company.",
         "The project was a total success for the company.", "es"),
        ("Доказать это было невозможно.", "It was impossible to prove it.",
         "It was possible to prove it.", "ru"),
    ],
)  # fmt: skip
def test_contrast_words_of_the_source_languages_turned_round_are_opposites(
    src: str, right: str, wrong: str, sl: str
) -> None:
    assert run(src, right, sl, "en") == []
    [flag] = run(src, wrong, sl, "en")
    assert (flag.basis, flag.severity) == ("contrast", "major")


def test_a_negation_that_repeats_the_clause_before_it_is_a_weak_mark() -> None:
    # "not with ..." after a negated clause denies the same thing again, which another language says once
    assert mark_kinds("She could not sleep, not with the storm raging outside.", "en") == ["strong", "weak"]
    assert mark_kinds("Er hat nie aufgegeben, nicht ein einziges Mal.", "de") == ["strong", "weak"]
    french = "Il ne voulait pas partir — pas avant la fin du match."
    assert mark_kinds(french, "fr") == ["weak", "strong", "weak"]
    # with no negated clause before it, or a sentence between, it negates as any "not" does
    assert mark_kinds("He won the race, not his brother.", "en") == ["strong"]
    assert mark_kinds("She could not sleep. Not with that storm.", "en") == ["strong", "strong"]
    [flag] = run("He won the race, not his brother.", "Il a gagné la course, et son frère aussi.", "en", "fr")
    assert flag.source_excerpt == "not"


@pytest.mark.model
@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("He could not leave the room, not with the children still asleep upstairs and the fire burning in "
         "the hall.", "Uşaqlar hələ yuxarıda yatarkən və zalda od yanarkən o, otaqdan çıxa bilməzdi."),
        ("She would not sign the contract, not with the lawyers still arguing over every clause of it.",
         "Vəkillər hələ də onun hər bəndi üstündə mübahisə edərkən o, müqaviləni imzalamazdı."),
    ],
)  # fmt: skip
def test_a_repeated_negation_needs_no_second_negation_on_the_other_side(src: str, tgt: str) -> None:
    from bitext.encoder import load_encoder

    # the word alignment pairs the second "not" with the other side's clause that renders what follows
    # it, which is not negated; the negated verb ("bilməzdi") answers the sentence's one denial
    assert run(src, tgt, "en", "az", encoder=load_encoder()) == []


def test_a_german_word_with_frei_answers_a_negation() -> None:
    # "-frei" (free of: "eisfrei", "kostenfrei") says what a negation says elsewhere, as "-los" does
    assert mark_kinds("Die Straße war am Morgen eisfrei.", "de") == ["weak"]
    assert run("Die Straße war am Morgen eisfrei.", "The road was not icy in the morning.", "de", "en") == []
    assert run("Der Eintritt ist für Kinder kostenfrei.", "Children do not pay to get in.", "de", "en") == []
    # "frei" alone, or a word that begins with it, is no mark
    assert mark_kinds("Die Straße war frei, die Freiheit groß.", "de") == []
    [flag] = run("Die Straße war am Morgen frei.", "The road was not open in the morning.", "de", "en")
    assert flag.target_excerpt == "not"
