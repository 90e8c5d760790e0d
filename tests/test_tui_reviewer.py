"""The reviewer's day in the TUI, driven with Pilot: small terminals, confirmed errors, the flag cursor,
editing, relinking that asks, keys, search, filters, sort and errors that keep the session alive."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from rich.color import Color
from rich.style import Style
from textual.widgets import Input

from bitext import alignment_file
from bitext.model import Flag, Link, SideName
from bitext.review.view import Filter, Query
from bitext.tui.app import ReviewApp
from bitext.tui.dialogs import ChoiceModal, HelpScreen, PromptModal
from bitext.tui.review_screen import ReviewScreen
from bitext.tui.widgets import DetailPane, FlagList
from conftest import SMALL, WIDE, review, reviewing

pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("tui_env")]


def options(app: ReviewApp) -> list[tuple[str, str]]:
    assert isinstance(app.screen, ChoiceModal), type(app.screen)
    return app.screen.options


async def choose(pilot, app: ReviewApp, key: str) -> None:  # type: ignore[no-untyped-def]
    keys = [k for k, _ in options(app)]
    await pilot.press(*["down"] * keys.index(key), "enter")


def text_of(screen: ReviewScreen, side: str) -> str:
    return str(screen.query_one(f"#detail-{side}").render())


async def test_80x24_is_usable(tfile: Path) -> None:
    async with reviewing(tfile, SMALL) as (app, pilot, screen):
        table = screen.table
        assert table.region.height >= 8  # rows to move in, not just a header
        assert screen.query_one("#detail").region.height >= 10
        assert not screen.query_one("#side").display or screen.query_one("#side").region.width == 0
        assert "reviewed 0/8" in str(table.border_subtitle)  # the counts, under the table
        svg = app.export_screenshot()
        for word in ("Next", "Accept", "Reject", "Confirm", "Dismiss", "Edit", "Keys", "Quit"):
            assert word in svg, f"the footer lost {word!r} at 80 columns"
        # The unlinked sentences open beside the table, in place of the current link, and close again.
        await pilot.press("w")
        assert screen.has_class("-side-open") and screen.query_one("#unlinked").has_focus
        assert screen.query_one("#side").region.width > 20
        await pilot.press("w")
        assert not screen.has_class("-side-open") and table.has_focus


@pytest.mark.parametrize("size", [(99, 30), (100, 30)])
async def test_just_below_and_at_100_columns_the_table_has_rows_and_room(
    tfile: Path, size: tuple[int, int]
) -> None:
    app = ReviewApp(tfile)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = review(app)
        assert screen.table.region.height >= 10  # not just a header
        assert screen.table.text_width >= 30  # texts not cut to 12 characters


async def test_a_confirmed_error_stands_out_is_counted_and_stays_in_the_major_view(tfile: Path) -> None:
    async with reviewing(tfile, WIDE) as (_app, pilot, screen):
        screen.view_filter = Filter("severity", "major")
        screen.rebuild()
        assert screen.table.shown == [2, 4]
        await pilot.press("f")  # link 2: 'western' vs 'şərq', a real error
        assert screen.messages[-1] == "opposite flag on link 2 confirmed"
        assert screen.session.link(2).flags[0].status == "confirmed"
        assert screen.table.shown == [2, 4] and screen.table.current_id == 2  # still there
        cells = [str(c) for c in screen.table.get_row_at(0)]
        assert "✔ major" in cells
        assert "confirmed 1" in str(screen.table.border_subtitle)
        assert screen.session.counts().confirmed_flags == 1
        flags = str(screen.query_one("#flags", FlagList).get_option_at_index(0).prompt)
        assert flags.startswith("✔ CONFIRMED major opposite")


async def test_the_flag_cursor_picks_which_flag_to_decide(tfile: Path) -> None:
    async with reviewing(tfile, WIDE) as (app, pilot, screen):
        await pilot.press(":", *"4", "enter")
        assert screen.table.current_id == 4 and screen.flag_index == 0
        await pilot.press("]")  # the second flag: 'half' vs 'yarısından'
        assert screen.flag_index == 1
        await pilot.press("d")
        assert [f.status for f in screen.session.link(4).flags] == ["open", "dismissed"]
        assert screen.flag_index == 0  # on to the link's next open flag
        await pilot.press("v")
        await choose(pilot, app, "minor")
        assert screen.session.link(4).flags[0].severity == "minor"
        await pilot.press("o")  # nothing to reopen on an open flag: said, not done
        assert "already open" in screen.messages[-1]
        await pilot.press("]", "o")  # reopen the dismissed one
        assert [f.status for f in screen.session.link(4).flags] == ["open", "open"]
        # Tab reaches the flag list (its border shows focus) and the arrows move its cursor too.
        assert screen.flag_index == 0  # reopened: the cursor went on to the next open flag
        await pilot.press("tab")
        assert screen.query_one("#flags").has_focus
        await pilot.press("down")
        assert screen.flag_index == 1
        await pilot.press("up")
        assert screen.flag_index == 0


async def test_edit_a_sentence_recheck_and_undo(tfile: Path) -> None:
    async with reviewing(tfile, WIDE) as (app, pilot, screen):
        await pilot.press(":", "4", "enter", "E")
        await choose(pilot, app, "target:4")
        assert isinstance(app.screen, PromptModal)
        await pilot.press("ctrl+u", *"1901-ci ildə region dünya neftinin yarısından çoxunu verirdi.", "enter")
        link = screen.session.link(4)
        assert screen.session.alignment.target.sentences[4].original is not None
        assert "date" not in [f.kind for f in link.flags]  # re-checked: the years agree now
        assert "(edited)" in text_of(screen, "target")
        assert link.reviewed_by == "aysel"
        await pilot.press("u")
        assert screen.session.alignment.target.sentences[4].original is None
        assert [f.kind for f in screen.session.link(4).flags] == ["date", "number"]


async def test_attaching_from_the_unlinked_list_asks_which_link(sfile: Path) -> None:
    async with reviewing(sfile, WIDE) as (app, pilot, screen):
        await pilot.press(":", "3", "enter")  # the table's cursor on link 3
        unlinked = screen.query_one("#unlinked")
        unlinked.focus()
        await pilot.press("down", "enter")  # an unlinked sentence: nothing happens without asking
        assert isinstance(app.screen, ChoiceModal)
        title = app.screen.title_text
        assert title.startswith("Attach en ") and title.endswith("to which link?")
        first_key, first_label = options(app)[0]
        assert first_key == "3" and "(current)" in first_label
        await pilot.press("escape")
        assert screen.session.uncompacted == 0  # cancelled: no decision made
        unlinked.focus()
        await pilot.press("down", "enter")
        await choose(pilot, app, "3")
        link = screen.session.link(3)
        assert len(link.source) == 2 and link.status == "auto"  # built by the reviewer, not accepted


async def test_keys_help_home_end_jump_and_accept_moves_on(tfile: Path) -> None:
    async with reviewing(tfile, WIDE) as (app, pilot, screen):
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        ids = {row[1] for row in app.screen.rows}
        assert {"first", "last", "go-to", "confirm-flag", "edit", "severity", "flag-down"} <= ids
        await pilot.press("escape", "end")
        assert screen.table.current_id == 7
        await pilot.press("home")
        assert screen.table.current_id == 0
        await pilot.press("G")
        assert screen.table.current_id == 7
        await pilot.press("g", "a", "a", "r")
        assert [screen.session.link(i).status for i in (0, 1, 2)] == ["accepted", "accepted", "rejected"]
        assert screen.table.current_id == 3
        await pilot.press(":", *"99", "enter")
        assert "there is no link 99" in screen.messages[-1]


async def test_search_folds_names_and_highlights(tfile: Path) -> None:
    async with reviewing(tfile, WIDE) as (_app, pilot, screen):
        await pilot.press("slash", *"Volqa", "enter")  # the Azerbaijani spelling of the Volga
        assert screen.table.shown == [7]
        assert "search 'Volqa'" in str(screen.table.border_title)
        pane = screen.query_one(DetailPane)
        hit = pane.get_component_rich_style("detail--hit", partial=True)
        sides: tuple[tuple[SideName, str], ...] = (("source", "Volga"), ("target", "Volqadır"))
        for side, word in sides:
            shown = pane._side(
                screen.session.alignment, side, screen.session.link(7), None, Query("Volqa").spans
            )
            marked = [shown.plain[s.start : s.end] for s in shown.spans if s.style == hit]
            assert word[:5] in marked


async def test_filters_combine_show_counts_and_words_and_sort(tfile: Path) -> None:
    async with reviewing(tfile, WIDE) as (app, pilot, screen):
        await pilot.press("F")
        labels = dict(options(app))
        assert labels["severity:major"].strip() == "major flags (open or confirmed) (2)"
        await choose(pilot, app, "severity:major")
        await pilot.press("a", "F")  # accept link 2, then add a second filter
        await choose(pilot, app, "accepted")
        assert screen.table.shown == [2]
        title = str(screen.table.border_title)
        assert "major flags (open or confirmed) + links accepted" in title and "severity:" not in title
        await pilot.press("F")
        await choose(pilot, app, "all")
        assert len(screen.table.shown) == 8
        await pilot.press("O")
        await choose(pilot, app, "score")
        scores = [screen.session.link(i).score for i in screen.table.shown]
        assert scores == sorted(scores)
        await pilot.press("a")  # a decision in a sorted view keeps the rows right
        assert [screen.session.link(i).score for i in screen.table.shown] == scores


async def test_a_full_disk_is_reported_and_the_session_goes_on(
    tfile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with reviewing(tfile, WIDE) as (_app, pilot, screen):
        await pilot.press("a")  # saved
        journal = screen.session._journal
        assert journal is not None
        real = journal.append

        def full(entry: dict[str, object], *, sync: bool) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(journal, "append", full)
        await pilot.press("r")
        assert "No space left on device" in screen.messages[-1] and "not applied" in screen.messages[-1]
        assert screen.session.link(1).status == "auto"  # not half-applied
        monkeypatch.setattr(journal, "append", real)
        await pilot.press("r")
        assert screen.session.link(1).status == "rejected"
        await pilot.press("q")
    saved = alignment_file.load(tfile)
    assert [saved.links[0].status, saved.links[1].status] == ["accepted", "rejected"]


async def test_detail_pane_shows_ids_neighbours_and_major_over_minor(tfile: Path) -> None:
    async with reviewing(tfile, WIDE) as (_app, pilot, screen):
        await pilot.press(":", "4", "enter")
        source = text_of(screen, "source")
        assert "▸ en 4 In 1901" in source  # the link's sentence, with its id
        assert "  en 3 Oil has been" in source and "  en 5 The sturgeon" in source  # neighbours
        pane = screen.query_one(DetailPane)
        major, minor = (
            pane.get_component_rich_style(f"detail--{s}", partial=True) for s in ("major", "minor")
        )
        for style in (major, minor):
            assert style.color is not None and style.bgcolor is not None
            assert _contrast(style) >= 4.5
        # Overlapping spans: the major one is painted over the minor one.
        a = screen.session.alignment
        text = a.source_text(screen.session.link(4))
        at = text.index("1901")
        both = (
            Flag("number", "minor", "In 1901 the", "", (0, at + 4), None, "x"),
            Flag("date", "major", "1901", "", (at, at + 4), None, "y"),
        )
        rendered = pane._side(a, "source", Link(4, (4,), (4,), 0.9, flags=both), None, None)
        styles = [s.style for s in rendered.spans if rendered.plain[s.start : s.end] == "1901"]
        assert styles and styles[-1] == major


def _contrast(style: Style) -> float:
    def lum(colour: Color | None) -> float:
        assert colour is not None
        r, g, b = colour.get_truecolor()
        lin = [c / 255 / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(style.color), lum(style.bgcolor)), reverse=True)
    return float((hi + 0.05) / (lo + 0.05))


async def test_a_summary_review_exports_its_pairs_when_asked(sfile: Path, tmp_path: Path) -> None:
    out = tmp_path / "summary.tmx"
    async with reviewing(sfile, SMALL) as (app, pilot, screen):
        await pilot.press("x")
        assert isinstance(app.screen, PromptModal)
        await pilot.press("ctrl+u", *str(out), "enter")
        await pilot.pause()
        labels = dict(options(app))  # a working memory leaves summary pairs out: the reviewer is asked
        assert labels[""].startswith("working memory only (leaves out 3 summary pairs")
        await choose(pilot, app, "summary")
        assert screen.messages[-1] == f"exported 3 units to {out} (tmx)"
    assert out.read_text(encoding="utf-8").count("<tu ") == 3


async def test_the_flag_list_shows_the_scorers_confidence(tfile: Path) -> None:
    """A flag the scorer judged shows how sure it is (its severity follows from that); one judged by its
    rule alone shows no figure rather than a made-up one."""
    from dataclasses import replace

    alignment = alignment_file.load(tfile)
    link = alignment.links[4]
    judged = (replace(link.flags[0], confidence=0.937), link.flags[1])
    alignment_file.save(
        alignment.with_links([*alignment.links[:4], replace(link, flags=judged), *alignment.links[5:]]), tfile
    )
    async with reviewing(tfile, SMALL) as (_app, pilot, screen):
        await pilot.press(":", *"4", "enter")
        flags = screen.query_one("#flags", FlagList)
        first, second = (str(flags.get_option_at_index(i).prompt) for i in range(2))
        assert first.startswith(f"⚑ {judged[0].severity} {judged[0].kind} 94%: ")
        assert "%" not in second.split(":")[0]
        # at 80 columns the table has no score column: the link's score is in the detail pane's title
        assert screen.query_one("#detail", DetailPane).border_title == "Link 4 · score 0.90"


@pytest.mark.model
async def test_a_relinked_link_is_rescored_in_the_background(
    scored_tfile: Path, real_encoder: object
) -> None:
    """With the encoder, a relink's new pairing gets the aligner's confidence (a wrong one a low score),
    said in the status line; the table shows it and the reviewer's decisions stay."""
    app = ReviewApp(scored_tfile)
    app.encoder = real_encoder  # type: ignore[assignment]  # as when the app aligned the document
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = review(app)
        await pilot.press(":", "4", "enter", "a")
        before = screen.session.link(4).score
        await pilot.press(":", "5", "enter", "l")
        await choose(pilot, app, "detach:target:5")
        assert screen.messages[-1] == "target 5 detached from link 5"  # nothing paired left to score
        await pilot.press(":", "4", "enter", "l")
        await choose(pilot, app, "attach:target:5")
        said = screen.messages.index("target 5 attached to link 4; re-scoring…")
        await app.workers.wait_for_complete()
        await pilot.pause()
        link = screen.session.link(4)
        assert link.target == (4, 5) and link.score < before
        assert screen.messages[said + 1 :] == [f"link 4 re-scored: {before:.2f} → {link.score:.2f}"]
        assert link.status == "accepted"  # the reviewer's decision, untouched
        assert f"{link.score:.2f}" in [str(c) for c in screen.table.get_row_at(screen.table.cursor_row)]


async def test_editing_selects_the_flagged_words_so_typing_replaces_them(tfile: Path) -> None:
    """The reviewer who finds "1910" fixes it there and then: the edit opens with the flagged words
    selected, and typing the right ones is the whole correction."""
    async with reviewing(tfile, SMALL) as (app, pilot, screen):
        await pilot.press(":", "4", "enter", "]", "f", "E")  # the number flag confirmed: its words first
        await choose(pilot, app, "target:4")
        assert isinstance(app.screen, PromptModal)
        field = app.screen.query_one(Input)
        assert field.value[field.selection.start : field.selection.end] == "yarısından"
        await pilot.press("escape", "E")
        await choose(pilot, app, "target:4")
        assert isinstance(app.screen, PromptModal)
        assert app.screen.title_text == "Edit az 4 (type over the flagged words; esc cancels)"
        await pilot.press("escape", "[", "d", "[", "E")  # number dismissed after all: the date's words
        await choose(pilot, app, "target:4")
        assert isinstance(app.screen, PromptModal)
        await pilot.press(*"1901", "enter")
        fixed = screen.session.alignment.target.sentences[4]
        assert fixed.text == "1901-cu ildə region dünya neftinin yarısından çoxunu istehsal edirdi."
        assert fixed.original == "1910-cu ildə region dünya neftinin yarısından çoxunu istehsal edirdi."
        assert "date" not in [f.kind for f in screen.session.link(4).flags]  # re-checked: the years agree
        await pilot.press(":", "0", "enter", "E")  # a link without flags: the cursor at the end, as before
        await choose(pilot, app, "target:0")
        assert isinstance(app.screen, PromptModal) and "flagged" not in app.screen.title_text


async def test_an_xliff_exported_from_the_tui_carries_this_sessions_review(
    tfile: Path, tmp_path: Path
) -> None:
    """At 80x24, no mouse: confirm an error, note it, accept, and export an XLIFF for the translator;
    the decisions of this session (still in the journal) are in the file."""
    out = tmp_path / "for-translator.xlf"
    async with reviewing(tfile, SMALL) as (app, pilot, screen):
        await pilot.press(":", "2", "enter", "f", "e", *"west, not east", "enter", "a", "x")
        assert isinstance(app.screen, PromptModal)
        assert app.screen.title_text == "Export to (.tmx, .xlf, .tsv, .vecalign)"
        await pilot.press("ctrl+u", *str(out), "enter")
        assert screen.messages[-1] == f"exported 8 units to {out} (xliff)"
    text = out.read_text(encoding="utf-8")
    assert '<note category="reviewer">west, not east</note>' in text
    assert "accepted by aysel" in text and "[bitext opposite, major, confirmed]" in text
