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


# A summary sentence that merges several body sentences, with the start of each (read by hand).
MERGED = (
    "Əvvəller xarici işlər naziri",
    (
        "Among the Japanese who spoke out for a Russo-Japanese rapprochement",
        "He was formerly foreign minister and currently lord mayor of Tokyo",
        "Goto was the first leading political figure",
    ),
)
# Summary sentences that render one body sentence, which the old merge search joined to an unrelated
# short one ("It reads as follows:", "He had been an assistant to foreign commissar ...").
SINGLE = [
    ("Mə'lumdur ki", "In fact, the Russian-Japanese rivalry"),
    ("Diplomatik cəhətdən", "Diplomatically isolated"),
    ("Buna baxmayaraq", "However, the conclusion of the treaty"),
]


def _sources(alignment: Alignment, az: str) -> list[str]:
    link = next(link for link in alignment.links if alignment.target_text(link).startswith(az))
    return [alignment.source.sentences[i].text for i in link.source]


def test_a_merged_summary_sentence_links_to_every_part(seed: Alignment) -> None:
    az, parts = MERGED
    sources = _sources(seed, az)
    assert len(sources) == len(parts)
    assert all(any(text.startswith(part) for text in sources) for part in parts), sources


@pytest.mark.parametrize(("az", "en"), SINGLE)
def test_a_single_source_gets_no_made_up_partner(seed: Alignment, az: str, en: str) -> None:
    sources = _sources(seed, az)
    assert len(sources) == 1 and sources[0].startswith(en), sources


@pytest.fixture(scope="module")
def checked() -> Alignment:
    return align_paths([SEED], AlignOptions())


def test_a_fully_linked_merge_has_no_name_flags_from_a_missing_part(checked: Alignment) -> None:
    # Linked to only one of its parts, the merged sentence was flagged for naming Viskaunt, Şimpey
    # and Tokionun (in the parts left out) and for major additions.
    link = next(link for link in checked.links if checked.target_text(link).startswith(MERGED[0]))
    assert not [f for f in link.flags if f.kind == "name"]
    assert not [f for f in link.flags if f.kind == "addition" and f.severity == "major"]
