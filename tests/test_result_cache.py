"""Results remembered across runs: language detection and checks are not redone on text seen before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bitext import pipeline
from bitext.encoder import Encoder, WordVectors, _words
from bitext.ingest import CleanText, languages, split_languages
from bitext.model import Alignment, Link, Sentence, Side, Signature
from bitext.result_cache import ResultCache, digest

EN = (
    "The committee met on Monday to discuss the new budget. Several members argued that the "
    "spending on roads was far too high, while others wanted more money for schools."
)
AZ = (
    "Komitə bazar ertəsi yeni büdcəni müzakirə etmək üçün toplandı. Bir neçə üzv yollara çəkilən "
    "xərclərin çox yüksək olduğunu bildirdi, digərləri isə məktəblər üçün daha çox pul istədi."
)


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BITEXT_CACHE", str(tmp_path))
    return tmp_path


def test_values_round_trip_and_keys_separate_kinds(tmp_path: Path) -> None:
    one, other = ResultCache("one", tmp_path), ResultCache("other", tmp_path)
    key = digest("text", ["en", "az"])
    assert one.get(key) is None
    one.put(key, {"links": [1, 2], "lang": "az"})
    assert ResultCache("one", tmp_path).get(key) == {"links": [1, 2], "lang": "az"}
    assert other.get(key) is None
    assert digest("text", ["en", "az"]) != digest("text", ["az", "en"])


def test_unusable_cache_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = ResultCache("x", blocker / "sub")
    cache.put("k", 1)
    assert cache.get("k") is None


def test_language_sections_of_a_seen_text_need_no_detector(
    fresh_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = CleanText.identity(f"Budget Debate\n\n{EN}\n\n{EN}\n\nXülasə\n\n{AZ}")
    first = split_languages(text)
    assert [s.lang for s in first] == ["en", "az"]

    def no_detector(codes: tuple[str, ...]) -> None:
        raise AssertionError("lingua was asked again for text it had labelled")

    monkeypatch.setattr(languages, "_detector", no_detector)
    again = split_languages(text)
    assert [(s.lang, s.start, s.end) for s in again] == [(s.lang, s.start, s.end) for s in first]
    # other candidates are another question: lingua is asked
    with pytest.raises(AssertionError):
        split_languages(text, ["en", "az", "tr"])


class _WordEngine:
    """A deterministic stand-in engine: a vector per text and per word, from its letters."""

    dim = 8

    def __init__(self) -> None:
        self.calls = 0

    def _vec(self, text: str) -> np.ndarray:
        rng = np.random.default_rng(sum(text.encode("utf-8")))
        v = rng.normal(size=self.dim)
        return np.asarray(v / np.linalg.norm(v), dtype=np.float32)

    def embed(self, texts: list[str], **_: Any) -> tuple[np.ndarray, None]:
        self.calls += 1
        return np.stack([self._vec(t) for t in texts]), None

    def word_vectors(self, texts: list[str], layer: int) -> list[WordVectors]:
        self.calls += 1
        out = []
        for text in texts:
            words = _words(text)
            vecs = np.stack([self._vec(w) for w, _, _ in words]) if words else np.zeros((0, self.dim))
            out.append(WordVectors(words, np.asarray(vecs, dtype=np.float32)))
        return out


def _side(lang: str, texts: list[str]) -> Side:
    sentences, pos = [], 0
    for i, t in enumerate(texts):
        sentences.append(Sentence(i, t, pos, pos + len(t)))
        pos += len(t) + 1
    return Side(lang, f"{lang}.txt", tuple(sentences))


@pytest.fixture
def numbers_alignment() -> Alignment:
    en = _side("en", ["The bridge over the river is 300 metres long.", "It was opened in 1931."])
    az = _side("az", ["Çayın üzərindəki körpünün uzunluğu 500 metrdir.", "O, 1931-ci ildə açılıb."])
    links = (Link(0, (0,), (0,), 0.9), Link(1, (1,), (1,), 0.9))
    return Alignment(en, az, links, Signature("0.1.0", "test-model", "test-seg", "translation"))


def test_checks_of_a_seen_alignment_come_back_without_running(
    fresh_cache: Path, monkeypatch: pytest.MonkeyPatch, numbers_alignment: Alignment
) -> None:
    small_alignment = numbers_alignment
    engine = _WordEngine()
    encoder = Encoder(engine, "stand-in")
    first = pipeline.check_alignment(small_alignment, encoder=encoder)
    assert any(link.flags for link in first.links)

    import bitext.checks

    def no_checks(*args: object, **kwargs: object) -> None:
        raise AssertionError("the checks ran again on an alignment they had checked")

    monkeypatch.setattr(bitext.checks, "run_checks", no_checks)
    calls = engine.calls
    again = pipeline.check_alignment(first, encoder=encoder)
    assert engine.calls == calls
    assert [link.flags for link in again.links] == [link.flags for link in first.links]
    assert again.signature.checks == first.signature.checks

    # A reviewer's decision is put back on the remembered flags, as on fresh ones.
    flagged = next(link for link in first.links if link.flags)
    dismissed = flagged.flags[0].signature
    reviewed = Alignment(
        first.source, first.target, first.links, first.signature, suppressions=frozenset({dismissed})
    )
    after = pipeline.check_alignment(reviewed, encoder=encoder)
    statuses = {f.signature: f.status for link in after.links for f in link.flags}
    assert statuses[dismissed] == "dismissed"

    # Another encoder's word vectors could give other flags: not the same entry.
    with pytest.raises(AssertionError):
        pipeline.check_alignment(small_alignment, encoder=Encoder(_WordEngine(), "another"))


def test_a_damaged_results_file_is_set_aside_and_built_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Not a database any more (a disk error, a half-copied file): one warning, the file set aside, and the
    next results are remembered again, instead of a cache that is off on every run from then on."""
    cache = ResultCache("x", tmp_path)
    cache.put("k", 1)
    cache.close()
    cache.path.write_bytes(b"\x00garbage" * 512)
    with caplog.at_level("WARNING"):
        again = ResultCache("x", tmp_path)
        assert again.get("k") is None
    assert "set it aside" in caplog.text
    assert [p.name.endswith(".corrupt") for p in tmp_path.iterdir() if "results" in p.name].count(True) == 1
    again.put("k", 2)
    assert ResultCache("x", tmp_path).get("k") == 2
