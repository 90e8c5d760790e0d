"""A relinked link is re-scored with the real encoder: its score is the aligner's confidence in the new
pairing, its flags are judged by the scorer again, and no decision of the reviewer changes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bitext.encoder import DEFAULT_MODEL, Encoder
from bitext.review import ReviewSession, counts, lock_path
from bitext.review.rescore import encoder_for, rescore
from bitext.tui.samples import translation_sample

pytestmark = pytest.mark.model


def test_a_wrong_relink_scores_low_and_decisions_stay(scored_tfile: Path, real_encoder: Encoder) -> None:
    scored, encoder = scored_tfile, real_encoder
    s = ReviewSession.open(scored)
    s.reviewer, s.clock = "aysel", lambda: "2026-12-01T10:00:00Z"
    right = rescore(s.alignment, s.link(4), encoder)
    assert right.score is not None and right.score > 0.5  # the oil sentence and its rendering, 1-1
    dated = next(i for i, f in enumerate(s.link(4).flags) if f.kind == "date")
    confirmed = s.confirm_flag(4, dated).signature
    s.accept(4)
    s.detach(5, "target", 5)
    stale = s.attach(4, "target", 5)  # the sturgeon sentence wrongly joins the oil one
    assert stale.score == s.link(4).score and stale.target == (4, 5)
    result = rescore(s.alignment, stale, encoder)
    new = s.rescore(result)
    assert new is not None and result.score is not None
    assert new.score == result.score < right.score
    assert new.status == "accepted" and new.reviewed_at == "2026-12-01T10:00:00Z"
    assert [f.status for f in new.flags if f.signature == confirmed] == ["confirmed"]
    assert all(f.confidence is not None for f in new.flags if f.kind in ("number", "date"))
    assert s.counts() == counts(s.alignment)
    # figures computed on a link that has changed since are stale: nothing is done
    s.detach(4, "target", 5)
    assert s.rescore(result) is None
    s.undo()  # the detach; the re-score is no step of its own
    assert s.link(4).score == new.score
    s.undo()  # the attach: the link as it was, and the counts still right
    assert s.link(4).target == (4,) and s.counts() == counts(s.alignment)
    s.redo()
    assert s.link(4).target == (4, 5) and s.counts() == counts(s.alignment)
    s.rescore(rescore(s.alignment, s.link(4), encoder))
    saved = s.link(4)
    # journaled: a crash before the file is written (no close) loses nothing
    lock_path(scored).unlink()
    with ReviewSession.open(scored) as again:
        assert again.link(4) == saved


def test_the_encoder_is_offered_only_for_what_it_scored() -> None:
    sample = translation_sample()
    assert encoder_for(sample) == (None, "made with test, which review does not load")
    encoder, why = encoder_for(replace(sample, signature=replace(sample.signature, model=DEFAULT_MODEL)))
    assert encoder is not None and why == "" and not encoder.loaded  # loaded on first need only
