"""The bundled seed: an English article with its Azerbaijani summary in one file.

The pairs below were checked by reading both texts; the test asserts that the aligner finds them,
not that it reproduces any stored output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bitext.model import Alignment
from bitext.pipeline import AlignOptions, align_paths

SEED = Path(__file__).resolve().parent.parent / "texts" / "ismailov-1925-japanese-recognition-of-the-ussr.md"


pytestmark = pytest.mark.model

# (start of an Azerbaijani summary sentence, start of the English sentence it summarizes)
READ_PAIRS = [
    ("Bu əsrdə onlar arasında beş müharibə", "In this century they have fought five wars"),
    ("Yalnız qısa dövrlərdə", "Friendly relations existed only during the brief periods"),
    ("Hətta bu vaxt ərzində", "Even during these times, suspicion"),
    ("Uzun illər iki ölkə arasındakı", "For long years the two countries"),
    ("XIX əsrin sonuncu on ilində", "In the last decade of the 19"),
    ("Ziddiyyətli münasibətler", "Relations grew increasingly hostile"),
    ("Yaponiyanın Rusiya üzərindəki qələbəsi", "The military victory of Japan over Russia"),
    ("Rusiya ilə Yaponiya", "Diplomatic relations between Russia and Japan"),
    ("Rus inqilabı", "The Russian Revolution injected"),
    ("1918-ci ildə Rusiyada", "Taking advantage of the domestic confusion"),
    ("300-dən artıq yapon", "When more than three hundred Japanese"),
    ("Diplomatik cəhətdən", "Diplomatically isolated"),
    ("Qoto deyirdi", "He deemed economic collaboration"),
    ("İki il davam edən", "Finally, on January 20, 1925"),
    ("Hər iki ölkənin", "Both countries had a fundamental conflict"),
]


@pytest.fixture(scope="module")
def seed() -> Alignment:
    return align_paths([SEED], AlignOptions(check=False))


def test_seed_is_split_into_article_and_summary(seed: Alignment) -> None:
    assert (seed.source.lang, seed.target.lang) == ("en", "az")
    assert seed.mode == "summary"
    assert len(seed.source.sentences) > 4 * len(seed.target.sentences)
    # The notes and the bibliography are not part of the aligned text.
    assert not any("Ibid" in s.text or "Sophia University" in s.text for s in seed.source.sentences)
    # Offsets point back into the original file.
    original = SEED.read_text(encoding="utf-8")
    for s in seed.target.sentences:
        assert s.text.split()[0] in original[s.start : s.end]


def test_every_summary_sentence_is_linked(seed: Alignment) -> None:
    assert seed.unlinked_target() == []


@pytest.mark.parametrize(("az", "en"), READ_PAIRS)
def test_summary_sentence_links_to_what_it_summarizes(seed: Alignment, az: str, en: str) -> None:
    link = next(link for link in seed.links if seed.target_text(link).startswith(az))
    sources = [seed.source.sentences[i].text for i in link.source]
    assert any(text.startswith(en) for text in sources), sources
