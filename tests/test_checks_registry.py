"""The check layer as a whole: the registry fails loudly, every check keeps the Flag contract, and
``run_checks`` keeps the reviewer's decisions (a dismissed flag stays dismissed)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bitext import checks
from bitext.checks import default_checks, registered_checks, run_checks
from bitext.checks.base import pair_context
from bitext.checks.evidence import pair_evidence
from bitext.glossary import Glossary, load_glossary
from bitext.model import (
    FLAG_KINDS,
    SEVERITIES,
    SEVERITY_RANK,
    Alignment,
    Flag,
    FlagStatus,
    InlineCode,
    Link,
    Sentence,
    Side,
    Signature,
    code_marker,
)

# English/Azerbaijani pairs, most faithful, some with one planted divergence each (a date, a
# direction, a name, an amount, an untranslated sentence, a glossary term, an added clause, a decade
# narrowed to a year, a dropped "allegedly").
PAIRS = [
    (
        "The treaty was signed in Peking on 20 January 1925.",
        "Müqavilə 20 yanvar 1926-cı ildə Pekində imzalandı.",
    ),
    ("Troops left the northern part of the island.", "Qoşunlar adanın cənub hissəsini tərk etdi."),
    # a known place for another: two unknown names of one kind (Yoshizawa, Matsuoka) look alike to the
    # encoder's word vectors, which then let the name check take one for a rendering of the other
    ("Karakhan and Yoshizawa met in Peking.", "Qaraxan və Yoşizava Tokioda görüşdülər."),
    ("The oil fields produced 300 tonnes a day.", "Neft mədənləri gündə 500 ton verirdi."),
    ("The Soviet Union recognised Japan.", "The Soviet Union recognised Japan."),
    ("The concession lasted for forty-five years.", "Konsessiya qırx beş il davam etdi."),
    (
        "The ship sailed from the harbour in the morning.",
        "Gəmi səhər limandan üzdü, prezident isə yeni vergi qanununu imzaladı.",
    ),
    ("Both governments exchanged ambassadors.", "Hər iki hökumət səfirlər mübadiləsi etdi."),
    ("The negotiations lasted two years.", "Danışıqlar iki il davam etdi."),
    ("Trade between the two countries grew.", "İki ölkə arasında ticarət artdı."),
    ("Railways reached the coast in the 1860s.", "Dəmir yolu sahilə 1860-cı ildə çatdı."),
    ("The minister was allegedly bribed by the company.", "Nazirə şirkət tərəfindən rüşvət verilib."),
]
SCORES = [0.9, 0.88, 0.87, 0.9, 0.86, 0.89, 0.35, 0.91, 0.9, 0.88, 0.9, 0.9]


# A pair from an imported memory: the source has a placeholder (an inline code) the target lost.
CODED = (
    Sentence(
        len(PAIRS), f"Delete {code_marker(0)} files?", 0, 1, (InlineCode("ph", "<ph>%d</ph>", "ph:%d"),)
    ),
    Sentence(len(PAIRS), "Faylları silin?", 0, 1),
)


def planted(mode: str = "translation") -> Alignment:
    links = [Link(i, (i,), (i,), score) for i, score in enumerate([*SCORES, 0.9])]
    links.append(Link(len(links), (), (), 0.0))  # an empty link: no text to check
    source = Side.from_texts("en", "en.txt", [s for s, _ in PAIRS])
    target = Side.from_texts("az", "az.txt", [t for _, t in PAIRS])
    return Alignment(
        replace(source, sentences=(*source.sentences, CODED[0])),
        replace(target, sentences=(*target.sentences, CODED[1])),
        tuple(links),
        Signature("0.1.0", "test", "test", mode),  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def glossary(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    path = tmp_path_factory.mktemp("glossary") / "terms.csv"
    path.write_text("source,target\nconcession,güzəşt\n", encoding="utf-8")
    return load_glossary(path)


def test_a_check_module_that_cannot_be_imported_stops_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "CHECK_MODULES", (*checks.CHECK_MODULES, "bitext.checks.numbrs"))
    with pytest.raises(ModuleNotFoundError, match="numbrs"):
        registered_checks()


def test_every_registered_kind_is_a_known_flag_kind_with_a_doc() -> None:
    registry = registered_checks()
    # every default check is named for the kind it flags; an opt-in one ("antonyms") adds evidence for a
    # kind a default check owns
    assert set(default_checks()) == set(FLAG_KINDS)
    assert {k for k, i in registry.items() if not i.default} == {"antonyms"}
    for kind, info in registry.items():
        assert info.kind == kind and len(info.doc.split()) >= 8, kind


def assert_contract(alignment: Alignment, link: Link, flag: Flag, emitted_by: str) -> None:
    texts = {"source": alignment.source_text(link), "target": alignment.target_text(link)}
    assert flag.kind in FLAG_KINDS and flag.severity in SEVERITIES, flag
    assert flag.message.strip(), flag
    for side, span, excerpt in (
        ("source", flag.source_span, flag.source_excerpt),
        ("target", flag.target_span, flag.target_excerpt),
    ):
        if span is not None:
            start, end = span
            assert 0 <= start < end <= len(texts[side]), (emitted_by, side, span, texts[side])
            assert texts[side][start:end] == excerpt, (emitted_by, side, span, excerpt)
    assert flag.source_excerpt or flag.target_excerpt, flag


@pytest.mark.model
@pytest.mark.parametrize("mode", ["translation", "summary"])
def test_every_registered_check_keeps_the_flag_contract(mode: str, glossary: Glossary) -> None:
    from bitext.encoder import load_encoder

    encoder = load_encoder()
    alignment = planted(mode)
    fired: set[str] = set()
    for info in registered_checks().values():
        for link in alignment.links:
            if link.is_unaligned:
                continue
            ctx = pair_context(alignment, link, encoder=encoder, glossary=glossary)
            ctx = replace(ctx, evidence=pair_evidence(ctx))
            for flag in info.fn(ctx):
                assert_contract(alignment, link, flag, info.kind)
                fired.add(flag.kind)
    # The planted divergences make every kind of check speak at least once, so the contract above
    # was checked on real flags of each.
    quiet_in_summaries = {"language", "period"} if mode == "summary" else set()
    # Not planted: "meaning" and "sense" speak when the fitted scorer and the encoder's word alignment say
    # so (their contract is checked above whenever they do), and "tags" needs the inline codes of an
    # imported TMX or XLIFF (tests/test_tmx_faithful.py).
    judged = {"meaning", "sense", "tags"}
    assert fired >= set(FLAG_KINDS) - {"addition", "omission"} - quiet_in_summaries - judged
    assert fired & {"addition", "omission"}


def test_run_checks_fills_flags_sorted_worst_first_and_signs_the_checks() -> None:
    checked = run_checks(planted())
    assert checked.signature.checks == "+".join(sorted(default_checks()))
    assert checked.links[-1].flags == ()  # nothing to compare in an empty link
    flagged = [link for link in checked.links if link.flags]
    assert {f.kind for link in flagged for f in link.flags} >= {"date", "opposite", "name", "number"}
    for link in flagged:
        ranks = [SEVERITY_RANK[f.severity] for f in link.flags]
        assert ranks == sorted(ranks)
        assert all(f.status == "open" for f in link.flags)


def test_a_check_that_fails_on_a_pair_leaves_the_others_and_says_so(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from bitext.checks.base import REGISTRY

    def broken(ctx: object) -> list[Flag]:
        raise OverflowError("cannot convert float infinity to integer")

    registered_checks()  # the registry fills as the check modules are imported
    monkeypatch.setitem(REGISTRY, "number", replace(REGISTRY["number"], fn=broken))
    with caplog.at_level("WARNING", logger="bitext.checks"):
        checked = run_checks(planted())
    kinds = {f.kind for link in checked.links for f in link.flags}
    assert "number" not in kinds and {"opposite", "date", "language"} <= kinds  # the rest still ran
    paired = sum(1 for link in checked.links if link.source and link.target)  # a one-sided link has no pair
    error = "the number check failed (OverflowError: cannot convert float infinity to integer)"
    assert f"{error} on {paired} link(s)" in caplog.text


@pytest.mark.parametrize("piece", ["1", "١", "不", "which ", "Mr. ", " ,", "ə"])
def test_every_check_answers_a_text_of_one_piece_repeated(piece: str) -> None:
    # 400 digits stopped the number, date and period checks with OverflowError; the other pieces made
    # checks quadratic (see benchmarks/bench_hostile.py); each check must answer, with flags or none
    text = piece * (2000 // len(piece))
    for sl, tl in (("en", "az"), ("zh", "en"), ("ru", "en")):
        for src, tgt in ((text, "A short sentence."), ("A short sentence.", text), (text, text)):
            pair = Alignment(
                Side.from_texts(sl, "a.txt", [src]),
                Side.from_texts(tl, "b.txt", [tgt]),
                (Link(0, (0,), (0,), 0.9),),
                Signature("0.1.0", "test", "test", "translation"),
            )
            ctx = pair_context(pair, pair.links[0])
            for kind, info in registered_checks().items():
                if not info.needs_encoder:
                    assert isinstance(info.fn(ctx), list), kind


def test_run_checks_keeps_decisions_and_dismissed_stays_dismissed() -> None:
    first = run_checks(planted())
    date_link = next(link for link in first.links if any(f.kind == "date" for f in link.flags))
    name_link = next(link for link in first.links if any(f.kind == "name" for f in link.flags))
    dismissed = next(f for f in date_link.flags if f.kind == "date")
    confirmed = next(f for f in name_link.flags if f.kind == "name")

    def decided(link: Link) -> Link:
        status: dict[Flag, FlagStatus] = {dismissed: "dismissed", confirmed: "confirmed"}
        return replace(link, flags=tuple(replace(f, status=status.get(f, f.status)) for f in link.flags))

    reviewed = replace(
        first.with_links([decided(link) for link in first.links]),
        suppressions=frozenset({dismissed.signature}),
    )
    again = run_checks(reviewed)
    assert again.links == reviewed.links  # the same flags, with the reviewer's statuses

    # Re-aligned (the links lost their flags and statuses): the suppression alone brings the
    # dismissal back, wherever the same divergence turns up again.
    bare = reviewed.with_links([replace(link, id=link.id + 100, flags=()) for link in reviewed.links])
    rerun = run_checks(bare)
    statuses = {(f.kind, f.source_excerpt): f.status for link in rerun.links for f in link.flags}
    assert statuses[("date", dismissed.source_excerpt)] == "dismissed"
    assert statuses[("name", confirmed.source_excerpt)] == "open"  # a confirmation belongs to its link


def test_the_checks_a_signature_names_read_back() -> None:
    """What ``checks_signature`` wrote, with a ``|skipped:`` note after it, reads back as the kinds that ran
    (the review's re-check runs the opt-in ones only where they ran)."""
    from bitext.checks import checks_ran, checks_signature

    field = checks_signature(["opposite", "antonyms", "number"]) + "|skipped:name"
    assert checks_ran(field) == {"antonyms", "number", "opposite"}
    assert checks_ran("") == frozenset()


def test_warming_the_checks_up_loads_their_data_and_never_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    from bitext.checks import contrasts, warm_up
    from bitext.checks.base import REGISTRY, CheckInfo, PairContext

    contrasts.load_lexicon.cache_clear()
    warm_up("The road to the east is closed.", "Şərqə gedən yol bağlıdır.", "en", "az")
    assert contrasts.load_lexicon.cache_info().currsize >= 2  # both languages' lexicons read
    # ... and the word lists of both languages wordfreq knows, which one pair of words may not ask for
    import wordfreq

    read: list[str] = []
    reader = wordfreq.get_frequency_dict

    def reading(lang: str, *args: Any) -> dict[str, float]:
        read.append(lang)
        return reader(lang, *args)

    monkeypatch.setattr(wordfreq, "_wf_cache", {})  # wordfreq's own cache of words looked up
    monkeypatch.setattr(wordfreq, "get_frequency_dict", reading)
    warm_up("The cat sleeps.", "Le chat dort.", "en", "fr")
    assert sorted(set(read)) == ["en", "fr"]

    def broken(ctx: PairContext) -> list[Flag]:
        raise ValueError("a check that fails on this pair")

    monkeypatch.setitem(REGISTRY, "broken", CheckInfo("broken", broken, False, True))
    warm_up("The road is closed.", "Yol bağlıdır.", "en", "az")  # only time is at stake: no error


def test_the_checks_come_in_one_order_whichever_module_was_imported_first() -> None:
    """The order is part of the result cache's key: a cold run, which imports some check modules early
    (the model's warm-up, the language detector), must store its checks where a warm run looks."""
    import subprocess
    import sys

    script = (
        "import importlib, sys\n"
        "for name in sys.argv[1:]: importlib.import_module(name)\n"
        "from bitext.checks import default_checks\n"
        "print(','.join(default_checks()))\n"
    )
    orders = {
        subprocess.run(
            [sys.executable, "-c", script, *first], capture_output=True, text=True, check=True
        ).stdout.strip()
        for first in ([], ["bitext.checks.tags", "bitext.checks.language"], ["bitext.checks.names"])
    }
    assert len(orders) == 1
    assert orders.pop().split(",") == list(default_checks())
