"""Language check: untranslated runs, wrong-language targets and mixed-script words."""

from __future__ import annotations

import pytest

from bitext.checks.base import PairContext
from bitext.checks.language import check_language, mixed_script_words
from bitext.model import Flag, Link


def run(src: str, tgt: str) -> list[Flag]:
    return check_language(PairContext(Link(0, (0,), (0,), 1.0), src, tgt, "en", "az", "translation"))


def test_good_translation_has_no_flags() -> None:
    assert run("The old bridge was repaired last summer.", "Köhnə körpü keçən yay təmir olundu.") == []


def test_names_kept_verbatim_are_not_untranslated_text() -> None:
    assert run("She met John Smith in New York.", "O, John Smith ilə New York şəhərində görüşdü.") == []


def test_whole_target_in_source_language() -> None:
    flags = run("The old bridge was repaired last summer.", "The old bridge was repaired last summer.")
    assert [f.severity for f in flags] == ["major"]
    assert "untranslated" in flags[0].message


def test_a_translation_full_of_source_language_names_is_not_untranslated() -> None:
    # lingua reads the names as Polish; the ordinary words are English, and the one left in is still found
    src = "Komisarz Grzegorz Wójcik i aspirant Zbigniew Kołodziej ze Szczebrzeszyna zostali odznaczeni."
    tgt = "Komisarz Grzegorz Wójcik and aspirant Zbigniew Kołodziej of Szczebrzeszyn were decorated."
    flags = _pair(src, tgt, "pl", "en")
    assert not any(f.basis == "untranslated" for f in flags)
    assert any("aspirant" in f.target_excerpt for f in flags)


def test_copied_run_inside_translation() -> None:
    src = "The committee will meet again in the spring of next year."
    tgt = "Komitə yenidən in the spring of next year toplanacaq."
    flags = run(src, tgt)
    assert flags and all(f.kind == "language" for f in flags)
    span = flags[0].target_span
    assert span and "spring" in tgt[span[0] : span[1]]


@pytest.mark.parametrize(
    ("src", "tgt", "sl", "tl"),
    [
        # a name or title: capitalised words joined by short ones
        (
            "Sie wohnt in der Rue des Francs Bourgeois in Paris.",
            "She lives on the Rue des Francs Bourgeois in Paris.",
            "de",
            "en",
        ),
        (
            "Il a lu The Female Poets of America en 1850.",
            "He read The Female Poets of America in 1850.",
            "fr",
            "en",
        ),
        # English quoted in the source and kept in the English translation
        (
            "Er nahm an einer Black Lives Matter demonstration teil.",
            "He took part in a Black Lives Matter demonstration.",
            "de",
            "en",
        ),
    ],
)
def test_copied_names_titles_and_quotes_in_the_target_language_are_not_runs(
    src: str, tgt: str, sl: str, tl: str
) -> None:
    from bitext.checks.language import _copied_runs

    assert _copied_runs(src, tgt, sl, tl) == []
    fr = "Le ministre a déclaré que le gouvernement allait réformer le système."
    en = "The minister said that le gouvernement allait réformer le système."
    assert [en[t0:t1] for *_, t0, t1 in _copied_runs(fr, en, "fr", "en")] == [
        "le gouvernement allait réformer le système"
    ]


def test_cyrillic_letter_inside_latin_word() -> None:
    tgt = "Biz Bаkıda yaşayırıq."  # Cyrillic 'а'
    flags = run("We live in Baku.", tgt)
    assert [f.severity for f in flags] == ["major"]
    assert "'Bakıda'" in flags[0].message
    span = flags[0].target_span
    assert span and tgt[span[0] : span[1]] == "Bаkıda"


def test_mixed_script_words_lists_only_mixed_ones() -> None:
    assert [w for _, _, w, _ in mixed_script_words("Москва and Bakı and Bаkı")] == ["Bаkı"]


def test_words_left_in_the_source_alphabet_are_flagged() -> None:
    from bitext.checks.language import foreign_script_runs

    src = "Он сказал, что не придёт завтра утром."
    tgt = "He said he would не come tomorrow morning."
    [(start, end)] = foreign_script_runs(src, tgt)
    assert tgt[start:end] == "не"
    assert foreign_script_runs("我不知道你是否意识到。", "I don't 知道 if you realise it.") == [(8, 10)]
    # same alphabet on both sides: nothing to tell by script
    assert foreign_script_runs("Die Person floh.", "The person fled.") == []


def test_a_language_written_in_several_scripts_counts_them_all() -> None:
    from bitext.checks.language import foreign_script_runs

    # Japanese mixes kanji, hiragana and katakana; a word left in it mixes them too
    src = "雨の降る日に、駅前のパン屋で新しいパンを買いました。"
    tgt = "On a 雨の day I bought new bread at the bakery by the station."
    [(start, end)] = foreign_script_runs(src, tgt)
    assert tgt[start:end] == "雨の"
    assert foreign_script_runs(src, "On a rainy day I bought new bread at the bakery by the station.") == []


def test_a_katakana_word_with_its_long_vowel_mark_or_in_half_width_is_katakana() -> None:
    from bitext.checks.language import foreign_script_runs

    # 'ー' (the prolonged sound mark, named KATAKANA-HIRAGANA) and half-width 'ｺｰﾋｰ' are katakana
    src = "毎朝、駅のそばのカフェでコーヒーを一杯飲みます。"
    tgt = "Every morning I drink a cup of コーヒー at the café by the station."
    [(start, end)] = foreign_script_runs(src, tgt)
    assert tgt[start:end] == "コーヒー"
    half = "Every morning I drink a cup of ｺｰﾋｰ at the café by the station."
    [(start, end)] = foreign_script_runs(src, half)
    assert half[start:end] == "ｺｰﾋｰ"
    # full-width Latin letters in Japanese writing are Latin ones: an acronym, not a mixed word
    assert mixed_script_words("ＣＢＡの試合は５か月ぶりに再開した。") == []


def test_a_latin_acronym_inside_cjk_writing_is_not_a_mixed_word() -> None:
    from bitext.checks.language import mixed_script_words

    assert mixed_script_words("CBA联赛在中断近5个月后复赛。") == []
    assert [w for _s, _e, w, _sc in mixed_script_words("Bakı bəфa")] == ["bəфa"]


def test_a_single_copied_source_word_that_reads_as_the_source_language() -> None:
    from bitext.checks.language import copied_words

    src = "Während 50 Prozent der Kinder in Armut leben, können wir nicht die kurzfristigen Gewinne erhöhen."
    tgt = "While 50 percent of the children live in poverty, we cannot maximise kurzfristigen gains."
    [(s0, s1, t0, t1)] = copied_words(src, tgt, "de", "en")
    assert src[s0:s1] == tgt[t0:t1] == "kurzfristigen"
    # a name carried over on purpose is not a copied word
    src, tgt = "Teraz Kolonko ogłosił to na Twitterze.", "Now Kolonko announced it on Twitter."
    assert copied_words(src, tgt, "pl", "en") == []
    # a word both languages share, said in the target language
    assert copied_words("Hotel był zamknięty.", "The hotel was closed.", "pl", "en") == []


@pytest.mark.parametrize(
    ("src", "tgt", "sl", "left"),
    [
        ("Er hat sich das Gesicht verletzt.", "He injured his Gesicht.", "de", "Gesicht"),
        ("Sie sagte, dass sie morgen kommt.", "She said dass she is coming tomorrow.", "de", "dass"),
        ("Les prix ont augmenté de 7 pour cent.", "Prices rose by 7 pour cent.", "fr", "pour"),
        # capitalised only at the start of the target: the source writes it in lower case
        ("Wczoraj padał deszcz.", "Deszcz fell yesterday.", "pl", "Deszcz"),
        # German capitalises every noun, so a capital there does not make a name
        ("Die Regierung hat den Plan vorgestellt.", "The Regierung presented the plan.", "de", "Regierung"),
        # ... nor does a run of capitals around it: a word English lacks, common in German, is no name's part
        (
            "Gestern besuchte Bürgermeister Dieter Reiter Paris.",
            "Yesterday Bürgermeister Dieter Reiter visited Paris.",
            "de",
            "Bürgermeister",
        ),
        (
            "Laut Präsident Emmanuel Macron bleibt die Grenze offen.",
            "According to Präsident Emmanuel Macron, the border stays open.",
            "de",
            "Präsident",
        ),
        # a nationality word written in lower case is a word, though a country's name shares its stem
        ("Le ditte francesi hanno vinto.", "The francesi firms won.", "it", "francesi"),
        # a function word at the head of both sentences, where any word takes a capital
        ("Pokud prší, zůstaneme doma.", "Pokud it rains, we will stay at home.", "cs", "Pokud"),
        ("Jednak nikt nie przyszedł na spotkanie.", "Jednak nobody came to the meeting.", "pl", "Jednak"),
        ("Porque no tenemos tiempo.", "Porque we have no time.", "es", "Porque"),
    ],
)
def test_a_common_source_word_left_untranslated_is_found(src: str, tgt: str, sl: str, left: str) -> None:
    from bitext.checks.language import common_source_words

    found = [tgt[t0:t1] for _s0, _s1, t0, t1 in common_source_words(src, tgt, sl, "en")]
    assert left in found


@pytest.mark.parametrize(
    ("src", "tgt", "sl"),
    [
        ("Trump und Merkel trafen sich am Lausitzring.", "Trump and Merkel met at the Lausitzring.", "de"),
        ("Kristoffer Schneider brauchte eine Operation.", "Kristoffer Schneider needed surgery.", "de"),
        ("Pierre Dupont habite à Lyon.", "Pierre Dupont lives in Lyon.", "fr"),
        # names a word list counts as common words of their language, capitalised on both sides
        ("Mariusz Nowak mieszka w Gdańsku.", "Mariusz Nowak lives in Gdańsk.", "pl"),
        ("Petr Novák řekl, že Jihlava je krásná.", "Petr Novák said Jihlava is beautiful.", "cs"),
        ("Mówił o tym Mariusz.", "Mariusz spoke about it.", "pl"),
        # a name or a city opening both sentences, as common by the word list as a function word
        ("Kaczyński powiedział, że nie przyjdzie.", "Kaczyński said he would not come.", "pl"),
        ("Praha je hlavní město Česka.", "Praha is the capital of Czechia.", "cs"),
        ("Novotný řekl, že přijde zítra.", "Novotný said he would come tomorrow.", "cs"),
        # a country's name in the source language: a name, in a language that capitalises every noun too
        ("Er reist morgen nach Ägypten.", "He is travelling to Ägypten tomorrow.", "de"),
        # a lower-case particle inside a name
        ("Nous avons dîné place des Vosges.", "We had dinner at the Place des Vosges.", "fr"),
    ],
)
def test_names_kept_on_purpose_are_not_copied_words(src: str, tgt: str, sl: str) -> None:
    from bitext.checks.language import common_source_words

    assert common_source_words(src, tgt, sl, "en") == []


def test_a_language_without_a_word_list_skips_the_rule() -> None:
    from bitext.checks.language import common_source_words

    assert common_source_words("He injured his face.", "O, face-ni zədələdi.", "en", "az") == []
    assert common_source_words("彼は顔を怪我した。", "He injured his 顔.", "ja", "en") == []
    assert common_source_words("He injured his face.", "他伤了face。", "en", "zh") == []


def test_a_word_copied_into_a_chinese_sentence_needs_no_segmenter() -> None:
    from bitext.checks.language import common_source_words

    # wordfreq reads Chinese through jieba, which bitext does not install: the rule is skipped, not a crash
    src, tgt = "他上周买了一辆 Audi 汽车。", "Last week he bought an Audi car."
    assert common_source_words(src, tgt, "zh", "en") == []


def _pair(src: str, tgt: str, sl: str, tl: str) -> list[Flag]:
    return check_language(PairContext(Link(0, (0,), (0,), 1.0), src, tgt, sl, tl, "translation"))


def test_a_name_with_a_particle_or_a_shared_word_is_not_untranslated() -> None:
    def runs(src: str, tgt: str, sl: str) -> list[Flag]:
        return [f for f in _pair(src, tgt, sl, "en") if f.basis == "copied-run"]

    src = "Nous avons dîné rue de la Paix avec Jean de La Fontaine."
    assert runs(src, "We dined on Rue de la Paix with Jean de La Fontaine.", "fr") == []
    src = 'Die "Fridays for Future"-Demonstration zog durch Berlin.'
    assert runs(src, "The Fridays for Future demonstration marched through Berlin.", "de") == []


def test_a_copied_run_with_a_source_language_word_is_still_flagged() -> None:
    src = "Die Regierung hat die Steuern erhöht und die Bürger protestierten."
    tgt = "The government raised taxes und die Bürger protestierten."
    assert any(f.basis == "copied-run" for f in _pair(src, tgt, "de", "en"))


def test_the_original_term_glossed_in_parentheses_is_not_untranslated() -> None:
    src = "The survey will follow common pipistrelles across the valley."
    tgt = "Sorğu vadidə adi yarasaları (common pipistrelles) izləyəcək."
    assert run(src, tgt) == []
    assert run(src, "Sorğu vadidə adi yarasaları common pipistrelles izləyəcək.") != []


def test_a_run_read_as_the_source_language_for_its_names_or_an_address_is_not_untranslated() -> None:
    from bitext.checks.language import _untranslated_runs

    assert _untranslated_runs("Lakin Lithgow və Halkett-in topu uzun məsafələrə atdı.", "en", "az") == []
    tgt = "Sualınız varsa, jo@samaritans.org ünvanına yazın və ya www.samaritans.org saytına baxın."
    assert _untranslated_runs(tgt, "en", "az") == []
    assert _untranslated_runs("Biz dünən gəldik but nobody was waiting for us at the station.", "en", "az")


def test_a_name_with_one_lowercase_word_is_kept_verbatim_not_untranslated() -> None:
    # one lowercase word inside a name ("multibeam") does not make the name text, nor does the name's tail
    # ("multibeam Array Observatory") count as a copied run of its own
    src = "Researchers at the Square Kilometre/multibeam Array Observatory (SKAO) built the dish."
    tgt = "Square Kilometre/multibeam Array Observatory (SKAO) tədqiqatçıları antenanı qurdular."
    assert not any(f.basis == "copied-run" for f in run(src, tgt))


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # a surname after a given name or an initial, a particle after an initial, a name's head
        ("Die Höhe wurde von Marcel Kurz gemessen.", "La hauteur a été mesurée par Marcel Kurz."),
        ("Die erste Besteigung gelang F. Sauberer und H. von Gunten.",
         "La première ascension fut réussie par F. Sauberer et H. von Gunten."),
        ("Die Neue Zürcher Zeitung berichtete darüber.", "La Neue Zürcher Zeitung en a parlé."),
        # a term quoted on purpose
        ("Man sprach damals von Gemütlichkeit.", "On parlait alors de « Gemütlichkeit »."),
        # a common word of the target language too (French "mit", from "mettre")
        ("Er legte das Buch mit Sorgfalt auf den Tisch.", "Il mit le livre sur la table avec soin."),
    ],
)  # fmt: skip
def test_german_words_in_names_quotes_or_common_in_french_are_not_untranslated(src: str, tgt: str) -> None:
    assert _pair(src, tgt, "de", "fr") == []


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # a people's name or a loan word that both write, capitalised as every German noun is, which no
        # German list holds ("Hunzas"), or that the French list holds in its singular ("sahib")
        (
            "Zwei Hunzas trugen die Lasten bis zum Lager.",
            "Deux porteurs hunzas portèrent les charges au camp.",
        ),
        ("Die Träger wurden von ihren Sahibs gesichert.", "Les porteurs étaient assurés par leurs sahibs."),
    ],
)
def test_a_loan_word_both_languages_write_is_not_untranslated(src: str, tgt: str) -> None:
    assert _pair(src, tgt, "de", "fr") == []


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # a word of a third language that both sides mention, which neither word list holds
        (
            "In Danish the evening meal is still called middag.",
            "En danois, le repas du soir s'appelle encore middag.",
        ),
        (
            "The dish is known locally as bonasus pie.",
            "Le plat est connu localement sous le nom de tourte bonasus.",
        ),
    ],
)
def test_a_third_language_word_both_sides_mention_is_not_untranslated(src: str, tgt: str) -> None:
    assert _pair(src, tgt, "en", "fr") == []


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # a word French uses about as often as English does is a French word too, not English left over
        (
            "The best-known curry of the island is cooked with tuna.",
            "Le curry le plus connu de l'île se cuit avec du thon.",
        ),
        ("He spent the weekend at the coast.", "Il a passé le weekend sur la côte."),
    ],
)
def test_a_loan_word_of_the_target_language_is_not_untranslated(src: str, tgt: str) -> None:
    assert _pair(src, tgt, "en", "fr") == []


def test_a_rare_inflection_of_the_source_language_is_still_untranslated() -> None:
    # no list holds "obrotnością", but it reads as Polish, the source language
    src = "Firma wykazała się dużą obrotnością na rynku."
    flags = _pair(src, "The company showed great obrotnością on the market.", "pl", "en")
    assert [f.target_excerpt for f in flags] == ["obrotnością"]


@pytest.mark.parametrize(
    ("src", "tgt", "word"),
    [
        ("Man sprach damals von Gemütlichkeit.", "On parlait alors de Gemütlichkeit.", "Gemütlichkeit"),
        ("Die Regierung hat den Plan vorgestellt.", "Le Regierung a présenté le plan.", "Regierung"),
    ],
)
def test_a_german_word_left_in_french_running_text_is_found(src: str, tgt: str, word: str) -> None:
    assert [f.target_excerpt for f in _pair(src, tgt, "de", "fr")] == [word]


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # the original quoted in brackets on purpose, in a third script or in the source language
        ("The National Council (Armenian: Ազգային Խորհուրդ) met in Tbilisi.",
         "Le Conseil national (en arménien Ազգային Խորհուրդ) se réunit à Tbilissi."),
        ("The kernel gained modules for mandatory access control in 2003.",
         "Le noyau reçut des modules de contrôle d'accès obligatoire (« mandatory access control »)."),
    ],
)  # fmt: skip
def test_a_gloss_in_brackets_is_not_left_untranslated(src: str, tgt: str) -> None:
    assert _pair(src, tgt, "en", "fr") == []


@pytest.mark.parametrize(
    ("src", "tgt", "sl", "tl", "word"),
    [
        # the same words as the gloss above, outside brackets
        ("The kernel gained modules for mandatory access control in 2003.",
         "Le noyau reçut en 2003 des modules de mandatory access control.", "en", "fr",
         "mandatory access control"),
        # Italian "assestate" is rare even in Italian, but English has no such word at all
        ("Le perdite si sono assestate al 4,3%.", "Losses assestate at 4.3 %.", "it", "en", "assestate"),
        # a rare inflection that neither language's word list holds, in lower case, as written in the source
        ("Il comune ha deciso di ricalibrandola entro l'estate.", "The town decided on ricalibrandola by "
         "the summer.", "it", "en", "ricalibrandola"),
        # a word with an English clitic written onto it: the word before the clitic is what was left in
        ("Je ne pouvais pas venir à la réunion hier soir.", "I pouvaisn't come to the meeting last night.",
         "fr", "en", "pouvais"),
        ("Die Regierung des Landes hat den Plan gestern vorgestellt.",
         "The country's Regierung's plan was presented yesterday.", "de", "en", "Regierung"),
        # two letters count only when the source uses the word 100,000 times more than the target
        ("Policie uvedla, že řidič byl opilý.", "The police said že the driver was drunk.", "cs", "en", "že"),
    ],
)  # fmt: skip
def test_source_words_left_in_are_found(src: str, tgt: str, sl: str, tl: str, word: str) -> None:
    assert [f.target_excerpt for f in _pair(src, tgt, sl, tl)] == [word]


def test_english_clitics_leave_the_words_they_are_written_on() -> None:
    from bitext.checks.language import without_clitics

    text = "Paris's museum didn't open; we'd gone."
    assert without_clitics(text, "en") == "Paris   museum did    open; we   gone."
    assert without_clitics("l'homme n't", "fr") == "l'homme n't"  # only the language that writes them
    # a name and English words with their clitics, in a faithful translation: nothing was left in
    assert _pair("Le musée de Paris n'a pas ouvert, et nous étions partis.",
                 "Paris's museum didn't open, and we'd gone.", "fr", "en") == []  # fmt: skip


def test_a_web_address_is_no_word_left_untranslated() -> None:
    src = "Just over 40 percent of Arizona is in drought, weather.com reported."
    assert run(src, "Arizonanın 40%-dən bir qədər çoxu quraqlıq içindədir, weather.com saytı bildirib.") == []
    # the same words as text are left in
    flags = run(src.replace("weather.com", "the weather service"), "Quraqlıq var, weather service bildirib.")
    assert {f.target_excerpt for f in flags} >= {"weather service"}  # words side by side: one stretch


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # names the source capitalises, in an English translation set all in lower case
        ("Wczoraj prezydent Nowak spotkał się z ministrem Wiśniewskim w Gdańsku.",
         "yesterday president nowak met minister wiśniewski in gdańsk."),
        # ... also with another ending ("zieliński" for "Zielińskim")
        ("Na konferencji Andrzej Wiśniewski i Małgorzata Kowalczyk rozmawiali z Januszem Zielińskim.",
         "at the conference andrzej wiśniewski and małgorzata kowalczyk spoke with janusz zieliński."),
        # a name of several words copied whole, and a particle inside a name
        ("Automobilka Toyota Peugeot Citroën Automobile z Kolína opět prodloužila odstávku výroby.",
         "the kolín carmaker toyota peugeot citroën automobile has again extended the production shutdown."),
        ("Elle habitait sur la Place des Vosges depuis des années.",
         "she had lived on the place des vosges for years."),
        # a bare domain under a country's top-level domain
        ("Podle serveru Novinky.cz a webu Seznam.cz byla škola zavřená.",
         "according to the server novinky.cz and the website seznam.cz, the school was closed."),
    ],
)  # fmt: skip
def test_a_translation_set_in_lower_case_keeps_the_source_names(src: str, tgt: str) -> None:
    sl = "cs" if "Kolín" in src or ".cz" in src else "fr" if "Vosges" in src else "pl"
    assert _pair(src, tgt, sl, "en") == []


def test_one_source_word_does_not_make_the_whole_translation_untranslated() -> None:
    # lingua alone reads the sentence as Polish for the letter 'ę'; the word is what was left in
    src = "Powiedział, że zakończył współpracę z firmą w zeszłym tygodniu."
    for tgt in ("He said that he ended współpracę with the company last week.",
                "he said that he ended współpracę with the company last week."):  # fmt: skip
        flags = _pair(src, tgt, "pl", "en")
        assert [(f.basis, f.target_excerpt) for f in flags] == [("copied-word", "współpracę")]
    # a sentence left in Polish is still one
    [flag] = _pair(src, src, "pl", "en")
    assert flag.basis == "untranslated"


def test_words_left_side_by_side_are_one_stretch() -> None:
    def flags(src: str, tgt: str, sl: str, tl: str) -> list[tuple[str, str]]:
        ctx = PairContext(Link(0, (0,), (0,), 0.9), src, tgt, sl, tl, "translation")
        return [(f.basis, f.target_excerpt) for f in check_language(ctx) if f.severity == "major"]

    # four German words left next to each other: one flag for the stretch, not one per word
    src = "Er las gestern das Buch Gipfel über den Wolken."
    assert flags(src, "Il lut hier le livre Gipfel über den Wolken.", "de", "fr") == [
        ("copied-run", "Gipfel über den Wolken")
    ]
    # words left apart stay apart
    src = "Die Firma beendete die Zusammenarbeit mit dem Gesicht der Stadt."
    tgt = "The firm ended the Zusammenarbeit with the Gesicht of the town."
    assert flags(src, tgt, "de", "en") == [
        ("copied-common-word", "Zusammenarbeit"),
        ("copied-common-word", "Gesicht"),
    ]
