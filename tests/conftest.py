from __future__ import annotations

from pathlib import Path

import pytest

from bitext import alignment_file
from bitext.model import Alignment, Flag, Link, Sentence, Side, Signature
from bitext.tui.samples import summary_sample, translation_sample

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "texts" / "ismailov-1925-japanese-recognition-of-the-ussr.md"
# The evaluation data sits beside the checkout (../shared); a worktree one level deeper finds it too.
SHARED = next(
    (p / "shared" for p in REPO.parents if (p / "shared" / "eval").is_dir()), REPO.parent / "shared"
)


def _side(lang: str, texts: list[str]) -> Side:
    sentences, pos = [], 0
    for i, t in enumerate(texts):
        sentences.append(Sentence(i, t, pos, pos + len(t)))
        pos += len(t) + 1
    return Side(lang, f"{lang}.txt", tuple(sentences))


@pytest.fixture
def small_alignment() -> Alignment:
    """A hand-made English/Azerbaijani alignment with one 2-1 link, one unaligned sentence and a flag."""
    en = _side(
        "en",
        [
            "The treaty was signed in Peking on 20 January 1925.",
            "It restored diplomatic relations.",
            "Both sides had waited for years.",
            "Troops left the northern part of the island.",
        ],
    )
    az = _side(
        "az",
        [
            "Müqavilə 20 yanvar 1925-ci ildə Pekində imzalandı və diplomatik əlaqələri bərpa etdi.",
            "Qoşunlar adanın cənub hissəsini tərk etdi.",
        ],
    )
    flag = Flag(
        kind="opposite",
        severity="major",
        source_excerpt="northern",
        target_excerpt="cənub",
        source_span=(16, 24),
        target_span=(16, 21),
        message="'cənub' means southern; the English says 'northern'",
    )
    links = (
        Link(0, (0, 1), (0,), 0.93),
        Link(1, (2,), (), 0.0),
        Link(2, (3,), (1,), 0.88, flags=(flag,)),
    )
    return Alignment(en, az, links, Signature("0.1.0", "test-model", "test-seg", "translation"))


# Review and TUI tests: a small translation (the Caspian sample) and a summary, saved as alignment files.
@pytest.fixture
def tfile(tmp_path: Path) -> Path:
    path = tmp_path / "caspian.json"
    alignment_file.save(translation_sample(), path)
    return path


@pytest.fixture
def sfile(tmp_path: Path) -> Path:
    path = tmp_path / "summary.json"
    alignment_file.save(summary_sample(), path)
    return path
