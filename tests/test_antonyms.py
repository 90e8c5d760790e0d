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


def _ctx(src: str, tgt: str, sl: str, tl: str) -> PairContext:
    from bitext.encoder import load_encoder

    return PairContext(Link(0, (0,), (0,), 1.0), src, tgt, sl, tl, "translation", load_encoder())


@pytest.mark.parametrize(
    ("src", "sl", "wrong", "right", "word"),
    [
        ("Le café du musée était froid le matin.", "fr", "The museum coffee was hot in the morning.",
         "The museum coffee was cold in the morning.", "hot"),
        ("Она выиграла матч.", "ru", "She lost the match.", "She won the match.", "lost"),
        ("Ce livre est très cher.", "fr", "This book is very cheap.",
         "This book is very expensive.", "cheap"),
    ],
)  # fmt: skip
def test_real_encoder_antonym_swap(src: str, sl: str, wrong: str, right: str, word: str) -> None:
    from bitext.checks.opposite import antonym_swaps, opposite

    assert opposite(_ctx(src, wrong, sl, "en")) == []  # the contrast lexicon alone does not see it
    flags = antonym_swaps(_ctx(src, wrong, sl, "en"))
    assert [(f.kind, f.basis, f.target_excerpt) for f in flags] == [("opposite", "antonym-swap", word)]
    assert antonym_swaps(_ctx(src, right, sl, "en")) == []


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
    src.write_text("Le café du musée était froid le matin. Les visiteurs entrent par le jardin.\n", "utf-8")
    tgt.write_text("The museum coffee was hot in the morning. Visitors enter through the garden.\n", "utf-8")
    found: dict[bool, set[tuple[str, str]]] = {}
    for extra in ([], ["--antonym-swaps"]):
        out = tmp_path / f"out{len(extra)}.json"
        result = CliRunner().invoke(main, ["align", str(src), str(tgt), "--out", str(out), "-q", *extra])
        assert result.exit_code == 0, result.output
        alignment = alignment_file.load(out)
        found[bool(extra)] = {(f.kind, f.target_excerpt) for link in alignment.links for f in link.flags}
        assert ("antonyms" in alignment.signature.checks) == bool(extra)
    assert ("opposite", "hot") in found[True] and ("opposite", "hot") not in found[False]
