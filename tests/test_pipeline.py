"""The pipeline records what it ran with: the aligner's parameters, from the instance it used."""

from __future__ import annotations

import hashlib
from dataclasses import fields, replace
from pathlib import Path

import numpy as np
import pytest

from bitext.align import align, default_params, param_values
from bitext.align.summary import SummaryParams
from bitext.align.translation import TranslationParams
from bitext.pipeline import AlignOptions, align_paths

EN = [
    "The committee met in Vienna on 3 March 1921.",
    "It discussed the new border between the two states.",
    "Most delegates wanted a quick settlement.",
    "The talks lasted another year.",
]
AZ = [
    "Komitə 1921-ci il martın 3-də Vyanada toplandı.",
    "O, iki dövlət arasındakı yeni sərhədi müzakirə etdi.",
    "Nümayəndələrin çoxu tez razılaşma istəyirdi.",
    "Danışıqlar daha bir il davam etdi.",
]


class HashEncoder:
    """Stands for the model: a fixed unit vector per text, the same for a sentence and its translation."""

    name = "hash-encoder"

    def encode(self, texts: list[str], show_progress: bool = False, words: bool = False) -> np.ndarray:
        rows = []
        english = dict(zip(AZ, EN, strict=True))
        for text in texts:
            key = english.get(text, text)
            seed = int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "little")
            v = np.random.default_rng(seed).normal(size=16)
            rows.append(v / np.linalg.norm(v))
        return np.asarray(rows, dtype=np.float32)


@pytest.fixture
def pair(tmp_path: Path) -> list[Path]:
    src, tgt = tmp_path / "a.en.txt", tmp_path / "a.az.txt"
    src.write_text("\n".join(EN) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(AZ) + "\n", encoding="utf-8")
    return [src, tgt]


def test_translation_mode_signs_every_parameter_it_ran_with(pair: list[Path]) -> None:
    params = replace(TranslationParams(), threshold=-0.35, band=9)
    options = AlignOptions(
        "en", "az", "translation", presegmented=True, check=False, translation_params=params
    )
    alignment = align_paths(pair, options, encoder=HashEncoder())  # type: ignore[arg-type]
    recorded = alignment.signature.thresholds
    assert set(recorded) == {f.name for f in fields(TranslationParams)}
    assert recorded["threshold"] == -0.35 and recorded["band"] == 9
    assert "threshold:-0.35" in alignment.signature.text()
    assert [(link.source, link.target) for link in alignment.links] == [((i,), (i,)) for i in range(4)]


def test_summary_mode_signs_its_own_parameters_not_the_defaults(pair: list[Path]) -> None:
    params = replace(SummaryParams(), unaligned_z=0.5, temperature=0.02)
    options = AlignOptions("en", "az", "summary", presegmented=True, check=False, summary_params=params)
    alignment = align_paths(pair, options, encoder=HashEncoder())  # type: ignore[arg-type]
    assert alignment.signature.thresholds == param_values(params)
    assert alignment.signature.thresholds != param_values(SummaryParams())


def test_parameters_of_the_other_mode_are_refused() -> None:
    embed = HashEncoder().encode
    with pytest.raises(TypeError, match="SummaryParams"):
        align(EN, AZ, embed, "summary", TranslationParams())
    assert param_values(default_params("translation")) == param_values(TranslationParams())


@pytest.mark.model
def test_a_merged_link_gets_its_word_vectors_from_the_window_pass(tmp_path: Path) -> None:
    # The translation aligner embeds a merged window's joined text; the checks then read that link's
    # words without a second pass over the text.
    from bitext.encoder import WordVectors, load_encoder

    src, tgt = tmp_path / "b.en.txt", tmp_path / "b.az.txt"
    src.write_text(
        "The library opens at nine in the morning.\nIt closes at six in the evening.\n"
        "My brother works as a doctor in Baku.\nWe planted apple trees in the garden.\n",
        encoding="utf-8",
    )
    tgt.write_text(
        "Kitabxana səhər saat doqquzda açılır və axşam saat altıda bağlanır.\n"
        "Qardaşım Bakıda həkim işləyir.\nBiz bağda alma ağacları əkdik.\n",
        encoding="utf-8",
    )
    encoder = load_encoder(use_cache=False)
    engine = encoder.engine
    asked: list[str] = []
    word_pass = engine.word_vectors

    def spy(texts: list[str], layer: int) -> list[WordVectors]:
        asked.extend(texts)
        return word_pass(texts, layer)

    engine.word_vectors = spy  # type: ignore[method-assign]
    options = AlignOptions("en", "az", "translation", presegmented=True)
    alignment = align_paths([src, tgt], options, encoder=encoder)
    merged = [alignment.source_text(link) for link in alignment.links if len(link.source) == 2]
    assert merged == ["The library opens at nine in the morning. It closes at six in the evening."]
    assert merged[0] not in asked
