from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bitext import alignment_file
from bitext.model import Alignment, Flag, Link, Sentence, Side, Signature
from bitext.tui.samples import summary_sample, translation_sample

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from bitext.encoder import Encoder
    from bitext.tui.app import ReviewApp
    from bitext.tui.review_screen import ReviewScreen

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "texts" / "ismailov-1925-japanese-recognition-of-the-ussr.md"
# The evaluation data sits beside the checkout (../shared); a worktree one level deeper finds it too.
SHARED = next(
    (p / "shared" for p in REPO.parents if (p / "shared" / "eval").is_dir()), REPO.parent / "shared"
)


@pytest.fixture
def small_alignment() -> Alignment:
    """A hand-made English/Azerbaijani alignment with one 2-1 link, one unaligned sentence and a flag."""
    en = Side.from_texts(
        "en",
        "en.txt",
        [
            "The treaty was signed in Peking on 20 January 1925.",
            "It restored diplomatic relations.",
            "Both sides had waited for years.",
            "Troops left the northern part of the island.",
        ],
    )
    az = Side.from_texts(
        "az",
        "az.txt",
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


@pytest.fixture(scope="session")
def real_encoder(tmp_path_factory: pytest.TempPathFactory) -> Encoder:
    """The shipped encoder (the model from the usual cache), its vectors cached apart for the tests."""
    from bitext.embedding_cache import EmbeddingCache
    from bitext.encoder import Encoder, load_encoder

    loaded = load_encoder(use_cache=False)
    cache = EmbeddingCache(tmp_path_factory.mktemp("emb"), "test")
    return Encoder(loaded.engine, loaded.name, prefix=loaded.prefix, cache=cache)


@pytest.fixture
def scored_tfile(tmp_path: Path, real_encoder: Encoder) -> Path:
    """The Caspian sample as `bitext align` leaves it: made by the shipped encoder, its flags judged."""
    from bitext.checks import run_checks
    from bitext.encoder import DEFAULT_MODEL

    sample = translation_sample()
    made = replace(sample, signature=replace(sample.signature, model=DEFAULT_MODEL))
    path = tmp_path / "caspian.json"
    alignment_file.save(run_checks(made, encoder=real_encoder), path)
    return path


# TUI tests (Pilot): anyio on asyncio, no user keymap, a fixed reviewer, and a review open on a file.
WIDE = (140, 40)
SMALL = (80, 24)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def tui_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BITEXT_KEYS", str(tmp_path / "no-keys.toml"))
    monkeypatch.setenv("BITEXT_REVIEWER", "aysel")


def review(app: ReviewApp) -> ReviewScreen:
    """The review screen the app shows (fails the test when another screen is up)."""
    from bitext.tui.review_screen import ReviewScreen

    screen = app.screen
    assert isinstance(screen, ReviewScreen), type(screen)
    return screen


@asynccontextmanager
async def reviewing(
    path: Path, size: tuple[int, int] = WIDE
) -> AsyncIterator[tuple[ReviewApp, Pilot[int], ReviewScreen]]:
    """``bitext review PATH`` in a terminal of ``size``, settled on its review screen."""
    from bitext.tui.app import ReviewApp

    app = ReviewApp(path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield app, pilot, review(app)


# Report tests: an article and its summary after a review, long enough to need triage (most article
# sentences are unaligned, as in a real summary) and carrying every kind of reviewer work.
_ARTICLE_TOPICS = [
    "the Peking treaty",
    "the Sakhalin question",
    "fishing rights",
    "the oil concessions",
    "the recognition debate in Tokyo",
    "Soviet trade missions",
]


def _article() -> list[str]:
    texts = []
    for i in range(48):
        topic = _ARTICLE_TOPICS[i % len(_ARTICLE_TOPICS)]
        texts.append(f"Section {i} of the article discusses {topic} in the year {1918 + i % 9}.")
    texts[4] = "The Japanese delegation arrived in the eastern capital on 20 January 1925."
    texts[10] = "Japan withdrew its troops from northern Sakhalin within three months."
    texts[22] = "Trade between the two countries grew quickly after 1925."
    texts[23] = "Fishing rights were renewed for twenty years."
    texts[40] = "Ismailov concludes that recognition served both governments."
    return texts


_SUMMARY = [
    "Yapon nümayəndə heyəti 20 yanvar 1925-ci ildə qərb paytaxtına gəldi.",
    "Yaponiya qoşunlarını üç ay ərzində Şimali Saxalindən çıxardı.",
    "İki ölkə arasında ticarət 1925-ci ildən sonra sürətlə azaldı.",
    "Balıqçılıq hüquqları iyirmi il müddətinə yeniləndi.",
    "İsmayılov belə nəticəyə gəlir ki, tanınma hər iki hökumətə xidmət etdi.",
]


def _flag(
    kind: str, severity: str, src: str, tgt: str, s_text: str, t_text: str, message: str, status: str = "open"
) -> Flag:
    s_at = s_text.find(src) if src else -1
    t_at = t_text.find(tgt) if tgt else -1
    return Flag(
        kind=kind,
        severity=severity,  # type: ignore[arg-type]
        source_excerpt=src,
        target_excerpt=tgt,
        source_span=(s_at, s_at + len(src)) if s_at >= 0 else None,
        target_span=(t_at, t_at + len(tgt)) if t_at >= 0 else None,
        message=message,
        status=status,  # type: ignore[arg-type]
    )


def build_reviewed_alignment() -> Alignment:
    article, summary = _article(), list(_SUMMARY)
    en = Side.from_texts("en", "en.txt", article)
    # The reviewer corrected "qərb" (west) to "şərq" (east) in summary sentence 0: text is the correction.
    corrected = summary[0].replace("qərb", "şərq")
    az = Side.from_texts("az", "az.txt", summary)
    az_sents = list(az.sentences)
    az_sents[0] = Sentence(0, corrected, az_sents[0].start, az_sents[0].end, original=summary[0])
    az = Side("az", az.path, tuple(az_sents))
    paired = {4: 0, 10: 1, 22: 2, 23: 3, 40: 4}
    flags = {
        4: (
            _flag(
                "date",
                "minor",
                "20 January 1925",
                "20 yanvar 1925",
                article[4],
                corrected,
                "date agrees; format differs",
                "dismissed",
            ),
        ),
        10: (),
        22: (
            _flag(
                "opposite",
                "major",
                "grew",
                "azaldı",
                article[22],
                summary[2],
                "'azaldı' means fell; the English says 'grew'",
                "confirmed",
            ),
            _flag("number", "major", "1925", "1925", article[22], summary[2], "numbers agree", "dismissed"),
        ),
        23: (
            _flag("number", "minor", "twenty", "iyirmi", article[23], summary[3], "check the number", "open"),
        ),
        40: (
            _flag(
                "name",
                "minor",
                "Ismailov",
                "İsmayılov",
                article[40],
                summary[4],
                "name spelt İsmayılov",
                "open",
            ),
            _flag(
                "opposite",
                "major",
                "both",
                "hər iki",
                article[40],
                summary[4],
                "a made-up major left open",
                "open",
            ),
        ),
    }
    links: list[Link] = []
    for i in range(len(article)):
        if i in paired:
            t = paired[i]
            link = Link(len(links), (i,), (t,), 0.91 - 0.1 * t, flags=flags[i])
            if i == 4:
                link = replace(
                    link,
                    status="accepted",
                    note="corrected west → east in the summary",
                    reviewed_by="aysel",
                    reviewed_at="2026-11-30T10:15:00Z",
                )
            if i == 22:
                link = replace(
                    link, status="accepted", reviewed_by="aysel", reviewed_at="2026-11-30T10:20:00Z"
                )
            if i == 10:
                link = replace(
                    link,
                    status="rejected",
                    note="wrong sentence",
                    reviewed_by="aysel",
                    reviewed_at="2026-11-30T10:17:00Z",
                )
            links.append(link)
        else:
            links.append(Link(len(links), (i,), (), 0.0))
    sig = Signature("0.1.0", "test-model", "test-seg", "summary")
    sup = frozenset(f.signature for fl in flags.values() for f in fl if f.status == "dismissed")
    return Alignment(en, az, tuple(links), sig, sup)


@pytest.fixture
def reviewed_alignment() -> Alignment:
    return build_reviewed_alignment()
