"""Translation-mode aligner on real English/German text with the shipped encoder (slow: marked model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bitext.align.translation import align_translation

pytestmark = pytest.mark.model

EN = [
    "The expedition left Kathmandu on 12 March 1956.",
    "It reached the base camp after three weeks of marching through the valleys.",
    "Bad weather stopped the climbers at 7,800 metres.",
    "Two days later they tried again and reached the summit.",
    "Everyone returned safely.",
]
DE = [
    "Die Expedition verliess Kathmandu am 12. März 1956.",
    "Nach drei Wochen Marsch durch die Täler erreichte sie das Basislager.",
    "Schlechtes Wetter hielt die Bergsteiger auf 7800 Metern auf. Zwei Tage später versuchten sie es erneut.",
    "Sie erreichten den Gipfel.",
    "Die Zeitung berichtete ausführlich über das Wetter in Zürich.",
    "Alle kehrten wohlbehalten zurück.",
]


def test_merged_pair_and_extra_sentence_on_real_text() -> None:
    encoder = pytest.importorskip("bitext.encoder").load_encoder()
    links = align_translation(EN, DE, encoder.encode)
    pairs = [(s, t) for s, t, _ in links]
    assert pairs[:2] == [((0,), (0,)), ((1,), (1,))]
    assert ((5 - 1,), (5,)) in pairs  # "Everyone returned safely." <-> "Alle kehrten ... zurück."
    assert ((), (4,)) in pairs  # the added newspaper sentence has no source
    # Source 2 and 3 are spread over target 2 and 3: some 2-2 / 1-1 grouping covering exactly them.
    middle = [p for p in pairs if set(p[0]) & {2, 3}]
    assert {i for s, _ in middle for i in s} == {2, 3}
    assert {j for _, t in middle for j in t} == {2, 3}


DEMETR = Path(__file__).parent / "data" / "demetr_repeated.json"


@pytest.mark.parametrize("lang", ["german", "french"])
@pytest.mark.parametrize("order", ["rounds", "blocks"])
def test_repeated_source_lines_align_one_to_one(lang: str, order: str) -> None:
    """Each source sentence ten times, against ten acceptable English lines (DEMETR's human and machine
    translations and lightly perturbed ones): every line is linked 1-1, down the diagonal."""
    encoder = pytest.importorskip("bitext.encoder").load_encoder()
    items = json.loads(DEMETR.read_text(encoding="utf-8"))["languages"][lang]
    rounds = len(items[0]["english"])
    if order == "rounds":  # every item once per round: a repeat every len(items) lines
        pairs = [(it["source"], it["english"][r]) for r in range(rounds) for it in items]
    else:  # one item's lines together, like a refrain
        pairs = [(it["source"], line) for it in items for line in it["english"]]
    src, tgt = [s for s, _ in pairs], [t for _, t in pairs]
    assert len(set(src)) == len(items)  # only a few distinct source lines
    links = align_translation(src, tgt, encoder.encode)
    diagonal = sum(1 for s, t, _ in links if s == t and len(s) == 1)
    unaligned = sum(1 for s, t, _ in links if not (s and t))
    assert diagonal >= 0.95 * len(pairs), (diagonal, len(pairs))
    assert unaligned <= 0.02 * len(pairs)
