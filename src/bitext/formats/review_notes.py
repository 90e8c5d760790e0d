"""The reviewer's work on a link, said in words, for the interchange formats' notes.

TMX and XLIFF carry a link's decisions as machine-readable props or attributes too; this text is what a
translator sees in a CAT tool's comment pane (OmegaT shows a unit's notes): the decision with who and
when, each flag the reviewer confirmed or dismissed, and the text a sentence had before the reviewer
edited it (the file itself holds the edited text).
"""

from __future__ import annotations

from bitext.model import SIDE_NAMES, Alignment, Flag, Link, code_index

# First line of the note bitext writes, so that an import tells it from the reviewer's own note.
REVIEW_HEADING = "bitext review:"


def decision_line(link: Link) -> str:
    """'accepted by alice, 2026-12-01T19:00:00Z'; '' when nobody decided anything on the link."""
    if not link.reviewed_by and not link.reviewed_at and link.status == "auto":
        return ""
    what = link.status if link.status != "auto" else "reviewed"
    who = f" by {link.reviewed_by}" if link.reviewed_by else ""
    when = f", {link.reviewed_at}" if link.reviewed_at else ""
    return f"{what}{who}{when}"


def flag_line(flag: Flag) -> str:
    """'confirmed number (major): 3 vs 4' (the status first: it is the reviewer's word on the flag)."""
    return f"{flag.status} {flag.kind} ({flag.severity}): {flag.message}"


def review_lines(alignment: Alignment, link: Link) -> list[str]:
    """Each piece of the reviewer's work on ``link``, one line each ([] when there is none)."""
    lines = [decision_line(link)] if decision_line(link) else []
    lines += [flag_line(f) for f in link.flags if f.status != "open"]
    for side in SIDE_NAMES:
        original = alignment.side(side).edited_original(getattr(link, side))
        if original:
            lines.append(f"{side} edited; it read: {_words(original)}")
    return lines


def review_note(alignment: Alignment, link: Link) -> str:
    """The note that says the reviewer's work on ``link`` ('' when there is none)."""
    lines = review_lines(alignment, link)
    return "\n".join([REVIEW_HEADING, *(f"- {line}" for line in lines)]) if lines else ""


def is_review_note(text: str) -> bool:
    return text.startswith(REVIEW_HEADING)


def _words(text: str) -> str:
    """The text without its inline-code markers (a note is plain text; the codes stay in the segment)."""
    return " ".join("".join(ch for ch in text if code_index(ch) is None).split())
