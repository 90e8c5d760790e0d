"""Language check: untranslated runs, wrong-language targets and mixed-script words."""

from __future__ import annotations

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


def test_copied_run_inside_translation() -> None:
    src = "The committee will meet again in the spring of next year."
    tgt = "Komitə yenidən in the spring of next year toplanacaq."
    flags = run(src, tgt)
    assert flags and all(f.kind == "language" for f in flags)
    span = flags[0].target_span
    assert span and "spring" in tgt[span[0] : span[1]]


def test_cyrillic_letter_inside_latin_word() -> None:
    tgt = "Biz Bаkıda yaşayırıq."  # Cyrillic 'а'
    flags = run("We live in Baku.", tgt)
    assert [f.severity for f in flags] == ["major"]
    assert "'Bakıda'" in flags[0].message
    span = flags[0].target_span
    assert span and tgt[span[0] : span[1]] == "Bаkıda"


def test_mixed_script_words_lists_only_mixed_ones() -> None:
    assert [w for _, _, w, _ in mixed_script_words("Москва and Bakı and Bаkı")] == ["Bаkı"]
