"""Antonym swaps (checks/antonyms.py) and what the opposite check and the evidence make of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bitext.checks.antonyms import antonym_lexicon, inflect, swaps
from bitext.checks.base import PairContext
from bitext.model import Link


def test_the_english_lexicon_ships_general_antonyms() -> None:
    lex = antonym_lexicon("en")
    assert "late" in lex.antonyms["early"] and "exclude" in lex.antonyms["include"]
    assert lex.irregular["rose"] == ("rise", "ed")
    assert antonym_lexicon("xx").antonyms == {}


@pytest.mark.parametrize(
    ("base", "inflection", "word"),
    [("close", "ed", "closed"), ("open", "ed", "opened"), ("early", "er", "earlier"), ("win", "s", "wins"),
     ("close", "ing", "closing"), ("carry", "s", "carries"), ("heavy", "ly", "heavily"),
     ("box", "s", "boxes")],
)  # fmt: skip
def test_regular_english_endings(base: str, inflection: str, word: str) -> None:
    assert inflect(base, inflection) == word


def test_swaps_keep_the_inflection_and_the_case() -> None:
    got = {(s.word, s.antonym) for s in swaps("Prices fell. Later the gates opened.", "en", 40)}
    assert {("fell", "rose"), ("Later", "Earlier"), ("opened", "closed")} <= got
    one = next(s for s in swaps("The gates opened.", "en", 40) if s.antonym == "closed")
    assert one.text == "The gates closed." and (one.start, one.end) == (10, 16)
    assert swaps("The gates opened.", "az", 40) == []  # no lexicon: nothing to swap


def test_names_and_hyphenated_words_are_not_swapped() -> None:
    words = {s.word for s in swaps("South winds reached South Africa and the long-running show.", "en", 40)}
    assert "South" in words  # it opens the sentence: a word like any other
    # ... unless another capitalised word follows it: then it opens a name
    for text in (
        "South Africa, the top seed, got off to a strong start.",
        "Cold Spring Harbor lies north.",
        "south Africa, the top seed, got off to a strong start.",  # its first letter lowered
    ):
        words = {s.word for s in swaps(text, "en", 40)}
        assert text.split()[0] not in words and {"strong", "north"} & words
    assert "hot" in {s.word for s in swaps("hot water came out.", "en", 40)}  # no name follows
    assert words.isdisjoint({"long", "running"})  # parts of one hyphenated word
    text = "Kanye West played a give-and-go in the west end."
    assert [(s.word, s.start) for s in swaps(text, "en", 40) if s.word.lower() in ("west", "give")] == [
        ("west", text.rindex("west"))
    ]


def _ctx(src: str, tgt: str, sl: str, tl: str) -> PairContext:
    from bitext.encoder import load_encoder

    return PairContext(Link(0, (0,), (0,), 1.0), src, tgt, sl, tl, "translation", load_encoder())


@pytest.mark.parametrize(
    ("src", "sl", "wrong", "right", "word", "basis"),
    [
        # the sentence reads closer with the antonym, and so does the word: "sombre" is nearer "dark"
        ("La rue était sombre le soir.", "fr", "The street was bright in the evening.",
         "The street was dark in the evening.", "bright", "swap-confirmed"),
        ("El río estaba muy bajo después del verano.", "es", "The river was very high after the summer.",
         "The river was very low after the summer.", "high", "swap-confirmed"),
        ("Das Zimmer war am Morgen sauber.", "de", "The room was dirty in the morning.",
         "The room was clean in the morning.", "dirty", "swap-confirmed"),
        # the sentence alone: left to the fitted scorer
        ("Она выиграла матч.", "ru", "She lost the match.", "She won the match.", "lost", "antonym-swap"),
        ("Ce livre est très cher.", "fr", "This book is very cheap.",
         "This book is very expensive.", "cheap", "antonym-swap"),
    ],
)  # fmt: skip
def test_real_encoder_antonym_swap(src: str, sl: str, wrong: str, right: str, word: str, basis: str) -> None:
    from bitext.checks.opposite import antonym_swaps, opposite

    assert opposite(_ctx(src, wrong, sl, "en")) == []  # the contrast lexicon alone does not see it
    flags = antonym_swaps(_ctx(src, wrong, sl, "en"))
    assert [(f.kind, f.basis, f.target_excerpt) for f in flags] == [("opposite", basis, word)]
    assert antonym_swaps(_ctx(src, right, sl, "en")) == []


def test_a_confirmed_swap_keeps_its_rules_severity() -> None:
    from bitext.checks.evidence import pair_evidence
    from bitext.checks.opposite import antonym_swaps
    from bitext.checks.scoring import score_flags, scoring_model

    ctx = _ctx(
        "El río estaba muy bajo después del verano.", "The river was very high after the summer.", "es", "en"
    )
    [flag] = antonym_swaps(ctx)
    assert flag.basis == "swap-confirmed" and "'low' is also the nearer word" in flag.message
    model = scoring_model()
    assert model is not None and not model.covers("opposite", "swap-confirmed")
    assert model.covers("opposite", "antonym-swap")
    [scored] = score_flags([flag], pair_evidence(ctx), model)
    assert scored.severity == "minor"


def test_antonym_swaps_run_only_when_asked_for() -> None:
    from bitext.checks import default_checks, registered_checks

    assert "antonyms" in registered_checks() and "antonyms" not in default_checks()
    assert "opposite" in default_checks()


@pytest.mark.model
def test_align_asks_for_antonym_swaps_by_option(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from bitext import alignment_file
    from bitext.cli import main

    src, tgt = tmp_path / "musee.fr.txt", tmp_path / "museum.en.txt"
    src.write_text("La rue était sombre le soir. Les visiteurs entrent par le jardin.\n", "utf-8")
    tgt.write_text("The street was bright in the evening. Visitors enter through the garden.\n", "utf-8")
    found: dict[bool, set[tuple[str, str]]] = {}
    for extra in ([], ["--antonym-swaps"]):
        out = tmp_path / f"out{len(extra)}.json"
        result = CliRunner().invoke(main, ["align", str(src), str(tgt), "--out", str(out), "-q", *extra])
        assert result.exit_code == 0, result.output
        alignment = alignment_file.load(out)
        found[bool(extra)] = {(f.kind, f.target_excerpt) for link in alignment.links for f in link.flags}
        assert ("antonyms" in alignment.signature.checks) == bool(extra)
    assert ("opposite", "bright") in found[True] and ("opposite", "bright") not in found[False]


def test_a_short_sentence_needs_a_larger_gain_to_confirm_a_swap() -> None:
    from bitext.checks.opposite import antonym_swaps

    # "Shut the door." against "Qapını bağla." (a correct translation): swapping "Shut" for "Open" gains
    # about 0.02, which in three words is one word's ordinary weight, and "bağla" reads nearer "open" as
    # a single word; the swap is left to the scorer, not confirmed
    flags = antonym_swaps(_ctx("Qapını bağla.", "Shut the door.", "az", "en"))
    assert [(f.basis, f.target_excerpt) for f in flags] == [("antonym-swap", "Shut")]
