"""Carry a reviewer's work over to a re-alignment of a changed document."""

from __future__ import annotations

from dataclasses import replace

from bitext.model import Alignment, Link, reapply_decisions


def carry_over(old: Alignment, new: Alignment) -> Alignment:
    """Keep a reviewer's work across a re-alignment of a changed document.

    A new link whose sentence texts are the same on both sides as an old link's gets that link's
    status, note and flag decisions (matched by flag signature). Suppressions are kept whole, so a
    dismissed flag stays dismissed wherever it appears again.
    """
    by_texts: dict[tuple[tuple[str, ...], tuple[str, ...]], list[Link]] = {}
    for link in old.links:
        by_texts.setdefault(_texts_key(old, link), []).append(link)
    suppressions = old.suppressions | new.suppressions
    links = []
    for link in new.links:
        matches = by_texts.get(_texts_key(new, link))
        prior = matches.pop(0) if matches else None
        flags = reapply_decisions(link.flags, prior.flags if prior else (), suppressions)
        if prior is not None:
            link = replace(link, status=prior.status, note=prior.note)
        links.append(replace(link, flags=tuple(flags)))
    return replace(new, links=tuple(links), suppressions=suppressions)


def _texts_key(alignment: Alignment, link: Link) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(alignment.source.texts(link.source)), tuple(alignment.target.texts(link.target))
