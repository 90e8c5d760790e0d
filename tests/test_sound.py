"""Hearing a name in a script without capitals: katakana, Devanagari, Hangul read in Latin letters."""

from __future__ import annotations

import pytest

from bitext.checks.name_tables import name_keys
from bitext.checks.sound import frame, heard


def hears(name: str, text: str) -> bool:
    return heard(name_keys(name, "en"), text)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Vatican", "バチカンの図書館は古い写本で有名です。"),  # bachikan: Japanese 'chi' for an English 'ti'
        # toranpu: a vowel after every consonant, 'm' as 'n'
        ("Trump", "ドナルド・トランプ氏は演説を終えた。"),
        ("Donald", "ドナルド・トランプ氏は演説を終えた。"),  # donarudo: 'l' written 'r'
        ("Washington", "彼女はワシントンの大学で教えている。"),  # washinton: no 'g'
        ("Christopher", "クリストファーは毎朝コーヒーを飲む。"),  # kurisutofā: no final 'r'
        ("Merkel", "बैठक के बाद मर्केल ने पत्रकारों से बात की।"),
        ("Snowden", "श्री स्नो डेन ने एक पत्र लिखा।"),  # written as two words
        ("London", "런던은 비가 자주 온다."),
    ],
)
def test_a_name_written_by_sound_is_heard(name: str, text: str) -> None:
    assert hears(name, text)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Denver", "彼女はワシントンの大学で教えている。"),
        ("Scholz", "बैठक के बाद मर्केल ने पत्रकारों से बात की।"),
        # every word of a long sentence is a candidate: a frame of three classes would fit one by chance
        ("Piotr", "निरीक्षक का कहना है कि होटल गांव के पास है और भदोही जिले से सटा हुआ है।"),
        # Chinese writes a name with ordinary characters and no spaces: it is not read at all
        ("Trump", "特朗普总统昨天发表了讲话。"),
    ],
)
def test_another_name_or_a_chance_likeness_is_not_heard(name: str, text: str) -> None:
    assert not hears(name, text)


def test_a_frame_keeps_consonant_classes_once_each() -> None:
    assert frame("toranpu") == frame("trump") == "3651"
    assert frame("bachikan") == "125"
