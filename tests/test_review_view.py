"""The typed filter and relink keys the review screen offers, without a screen."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bitext.model import Alignment, Link, reapply_decisions
from bitext.review import ReviewSession
from bitext.review.relink import Relink, relink_choices
from bitext.review.view import (
    ALL,
    Filter,
    Query,
    combined_label,
    filter_choices,
    filter_counts,
    keeper,
    sort_links,
)
from bitext.tui.samples import translation_sample


@pytest.mark.parametrize(
    ("key", "parsed"),
    [
        ("all", Filter()),
        ("open", Filter("open")),
        ("severity:major", Filter("severity", "major")),
        ("kind:number", Filter("kind", "number")),
        ("rejected", Filter("status", "rejected")),
    ],
)
def test_filter_keys_round_trip(key: str, parsed: Filter) -> None:
    assert Filter.parse(key) == parsed
    assert parsed.key == key


@pytest.mark.parametrize("key", ["", "severity:", "severity:fatal", "kind", "status:auto", "opened"])
def test_a_key_that_names_no_filter_is_refused(key: str) -> None:
    with pytest.raises(ValueError, match="not a filter"):
        Filter.parse(key)


def test_filter_choices_list_each_severity_kind_and_status_once() -> None:
    keys = [f.key for f in filter_choices(["name", "number"])]
    assert keys == [
        "all",
        "open",
        "confirmed",
        "severity:major",
        "severity:minor",
        "severity:info",
        "kind:name",
        "kind:number",
        "auto",
        "accepted",
        "rejected",
        "noted",
        "edited",
    ]
    assert len({f.label for f in filter_choices(["name", "number"])}) == len(keys)


def ids(alignment: Alignment, filter_: Filter, query: str = "") -> list[int]:
    keep = keeper(alignment, filter_, query)
    return [link.id for link in alignment.links if keep is None or keep(link)]


def test_filters_keep_links_by_their_open_flags_and_status() -> None:
    a = translation_sample()
    assert keeper(a, ALL, "") is None
    flagged = [link.id for link in a.links if any(f.status == "open" for f in link.flags)]
    assert ids(a, Filter("open")) == flagged and flagged
    majors = ids(a, Filter("severity", "major"))
    assert majors and all(
        any(f.severity == "major" for f in link.flags) for link in a.links if link.id in majors
    )
    first = a.links[flagged[0]]
    kind = first.flags[0].kind
    closed = replace(first, flags=tuple(replace(f, status="dismissed") for f in first.flags))
    b = a.with_links([closed if link.id == first.id else link for link in a.links])
    assert first.id in ids(a, Filter("kind", kind)) and first.id not in ids(b, Filter("kind", kind))
    accepted = b.with_links([replace(link, status="accepted") if link.id == 1 else link for link in b.links])
    assert ids(accepted, Filter("status", "accepted")) == [1]


def test_filters_combine_count_and_keep_confirmed_errors() -> None:
    a = translation_sample()
    confirmed = a.with_links(
        [
            replace(lk, status="accepted", flags=(replace(lk.flags[0], status="confirmed"), *lk.flags[1:]))
            if lk.id == 2
            else lk
            for lk in a.links
        ]
    )
    major = Filter("severity", "major")
    # A confirmed error is still a major flag: confirming it does not drop it from the "major" view.
    assert 2 in ids(confirmed, major) and 2 not in ids(confirmed, Filter("open"))
    assert ids(confirmed, Filter("confirmed")) == [2]
    keep = keeper(confirmed, [major, Filter("status", "accepted")], "")
    assert keep is not None and [lk.id for lk in confirmed.links if keep(lk)] == [2]
    counts = filter_counts(confirmed, [major, Filter("confirmed"), Filter("noted")])
    assert counts == {major: len(ids(confirmed, major)), Filter("confirmed"): 1, Filter("noted"): 0}
    assert (
        combined_label([major, Filter("status", "accepted")])
        == "major flags (open or confirmed) + links accepted"
    )
    assert combined_label([ALL]) == "all links"


def test_search_folds_transliteration_like_the_name_check() -> None:
    a = translation_sample()
    # "Volga" in the English, "Volqadır" in the Azerbaijani: a search for the Azerbaijani spelling finds
    # the link through the English too, and the spans mark the word on each side.
    assert ids(a, ALL, "Volqa") == [7]
    q = Query("Goto")
    assert q.spans("Qoto deyirdi ki") == [(0, 4)]
    assert q.spans("He deemed Goto wise") == [(10, 14)]
    assert Query("İsmayılov").spans("by G. Ismailov.") == [(6, 14)]
    assert Query("xy").spans("Goto") == []  # too short to fold: plain substring only
    assert ids(a, ALL, "nowhere-at-all") == []


def test_sorts() -> None:
    a = translation_sample()
    assert [lk.id for lk in sort_links(a.links, "document")] == list(range(8))
    by_sev = [lk.id for lk in sort_links(a.links, "severity")]
    assert by_sev[:2] == [2, 4] and by_sev[2] == 7  # majors, then the info flag
    scores = [lk.score for lk in sort_links(a.links, "score")]
    assert scores == sorted(scores)


def test_search_is_case_insensitive_over_both_texts_and_the_note() -> None:
    a = translation_sample()
    assert ids(a, ALL, "CASPIAN") == [link.id for link in a.links if "Caspian" in a.source_text(link)]
    assert ids(a, ALL, "XƏZƏR") == [0, 7]  # in the target only
    noted = a.with_links([replace(link, note="Check THIS") if link.id == 5 else link for link in a.links])
    assert ids(noted, ALL, "check this") == [5]
    assert ids(noted, Filter("status", "rejected"), "check this") == []


@pytest.mark.parametrize(
    ("key", "parsed"),
    [("attach:source:3", Relink("attach", "source", 3)), ("detach:target:0", Relink("detach", "target", 0))],
)
def test_relink_keys_round_trip(key: str, parsed: Relink) -> None:
    assert Relink.parse(key) == parsed
    assert parsed.key == key


@pytest.mark.parametrize("key", ["attach:source", "move:source:3", "attach:middle:3", "attach:source:x", ""])
def test_a_key_that_names_no_relink_is_refused(key: str) -> None:
    with pytest.raises(ValueError, match="not a relink"):
        Relink.parse(key)


def test_relink_choices_detach_the_links_sentences_then_attach_the_nearest() -> None:
    link = Link(7, (10, 11), (4,), 0.9)
    unlinked: list[tuple[str, int]] = [("source", 30), ("target", 5), ("source", 12), ("source", 2)]
    choices = relink_choices(link, unlinked, nearest=3)  # type: ignore[arg-type]
    assert [c.key for c in choices] == [
        "detach:source:10",
        "detach:source:11",
        "detach:target:4",
        "attach:target:5",
        "attach:source:12",
        "attach:source:2",
    ]


def test_a_relink_is_applied_through_the_session_and_says_what_it_did(tfile: Path) -> None:
    with ReviewSession.open(tfile) as s:
        said = Relink("detach", "source", 3).apply(s, 3)
        assert said == "source 3 detached from link 3"
        assert s.link(3).source == ()
        said = Relink.parse("attach:source:3").apply(s, 3)
        assert said == "source 3 attached to link 3" and s.link(3).source == (3,)
        label = Relink("attach", "source", 3).label(s.alignment)
        assert label.startswith("attach en 3: ") and len(label) <= len("attach en 3: ") + 60


def test_decisions_are_reapplied_by_signature_and_suppressions_win() -> None:
    flags = translation_sample().links[4].flags
    assert len(flags) >= 2
    first, second = flags[0], flags[1]
    prior = [replace(second, status="confirmed"), replace(first, status="open")]
    again = reapply_decisions(flags, prior, frozenset())
    assert [f.status for f in again] == ["open", "confirmed"]
    suppressed = reapply_decisions(flags, prior, frozenset({second.signature, first.signature}))
    assert [f.status for f in suppressed] == ["dismissed", "dismissed"]
    moved = replace(first, source_span=(0, 1), message="found again elsewhere")
    (found,) = reapply_decisions([moved], [replace(first, status="confirmed")], frozenset())
    assert found.status == "confirmed"


def test_a_severity_the_reviewer_set_survives_a_rerun() -> None:
    flag = translation_sample().links[4].flags[0]
    graded = replace(flag, severity="info", graded=True)
    (again,) = reapply_decisions([flag], [graded], frozenset())
    assert (again.severity, again.graded) == ("info", True)
    (fresh,) = reapply_decisions([flag], [replace(flag, severity="info")], frozenset())
    assert fresh.severity == flag.severity  # a severity the checks gave is theirs to change
