"""The typed domain model every stage shares.

document -> sections (by language) -> sentences -> embeddings -> links -> flags -> review state -> exports.

Offsets:
- ``Sentence.start``/``end`` are character offsets into the *original* file's decoded text, so every
  sentence can be traced back even after cleanup (hyphenation undone, footnote markers removed).
- ``Flag.source_span``/``target_span`` are offsets into the link's *joined* text on that side:
  the texts of the link's sentences, in link order, joined by a single space (``Link.joined``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

Severity = Literal["major", "minor", "info"]
SEVERITIES: tuple[Severity, ...] = ("major", "minor", "info")  # worst first
SEVERITY_RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}  # major=0: sort worst first
# For documents: each carries white text at WCAG AA contrast (4.5:1 or more; the report tests hold it).
SEVERITY_COLOURS: dict[str, str] = {"major": "#c62828", "minor": "#b45309", "info": "#1565c0"}
SEVERITY_TERMINAL_COLOURS: dict[str, str] = {"major": "red", "minor": "yellow", "info": "cyan"}  # terminals
LinkStatus = Literal["auto", "accepted", "rejected"]
LINK_STATUSES: tuple[LinkStatus, ...] = ("auto", "accepted", "rejected")
# A flag the reviewer *confirmed* is a real error: it stays counted (and gates CI), stands out in the
# TUI and every report, and travels into exports. A *dismissed* flag was a false alarm.
FlagStatus = Literal["open", "confirmed", "dismissed"]
FLAG_STATUSES: tuple[FlagStatus, ...] = ("open", "confirmed", "dismissed")
# Files written before "confirmed" existed called it "accepted" (the word for links, which confused).
_LEGACY_FLAG_STATUS = {"accepted": "confirmed"}
Mode = Literal["translation", "summary"]
MODES: tuple[Mode, ...] = ("translation", "summary")
SideName = Literal["source", "target"]
SIDE_NAMES: tuple[SideName, ...] = ("source", "target")
FLAG_KINDS: tuple[str, ...] = (
    "opposite",
    "number",
    "date",
    "period",
    "name",
    "addition",
    "omission",
    "qualifier",
    "sense",
    "language",
    "terminology",
    "meaning",
    "tags",
)

JOINER = " "
# What an aligner returns for one link: source sentence ids, target sentence ids, confidence.
RawLink = tuple[tuple[int, ...], tuple[int, ...], float]


CodeRole = Literal["standalone", "open", "close"]


@dataclass(frozen=True, slots=True)
class InlineCode:
    """Markup inside a segment (a TMX ``<ph>``, an XLIFF ``<g>``...), kept so it can be written back.

    In the sentence text each code stands as one private-use character, ``code_marker(k)`` for the
    k-th code of that sentence: checks read it as neither letter, digit nor space, and offsets stay
    one character per code.
    """

    kind: str  # element name as written: bpt, ept, ph, it, ut, hi (TMX); g, x, pc, sc... (XLIFF)
    xml: str  # the markup as it came: a whole element, or a paired element's start or end tag
    key: str  # what must appear on the other side too (the tags check compares these)
    role: CodeRole = "standalone"


# Markers U+F0000..U+F07FF, in a supplementary private-use plane: text from PDFs and symbol fonts uses
# the BMP private-use area, never this one (and segment.py has U+E000 as its own placeholder).
CODE_BASE = 0xF0000
CODE_LIMIT = 0x800


def code_marker(index: int) -> str:
    """The character that stands for a sentence's ``index``-th inline code."""
    return chr(CODE_BASE + index)


def code_index(char: str) -> int | None:
    """The code index a marker character stands for, or None for any other character."""
    n = ord(char) - CODE_BASE
    return n if 0 <= n < CODE_LIMIT else None


def flag_status(raw: object) -> FlagStatus | None:
    """A flag status read from a file, legacy names mapped; None when it is not one."""
    name = _LEGACY_FLAG_STATUS.get(str(raw), str(raw))
    return next((s for s in FLAG_STATUSES if s == name), None)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text and where it lies in the original file.

    ``codes`` are the inline codes its text marks (see :class:`InlineCode`); ``unit`` is the index
    of the imported unit it came from in ``Alignment.origin.units`` (None for a document's sentence).

    ``text`` is the current text: what checks, reports and exporters use. When a reviewer edits a
    sentence, ``text`` becomes the corrected text and ``original`` keeps the text as it was read
    (``start``/``end`` still point at that original in the file). ``original`` is None for a sentence
    nobody edited.
    """

    id: int
    text: str
    start: int
    end: int
    codes: tuple[InlineCode, ...] = ()
    unit: int | None = None
    original: str | None = None

    @property
    def edited(self) -> bool:
        return self.original is not None and self.original != self.text

    @property
    def original_text(self) -> str:
        """The text as read from the document, whatever the reviewer changed."""
        return self.text if self.original is None else self.original


@dataclass(frozen=True, slots=True)
class Side:
    """One language side of an alignment: the sentences of one section of one file."""

    lang: str
    path: str
    sentences: tuple[Sentence, ...]

    @classmethod
    def from_texts(cls, lang: str, path: str, texts: Sequence[str]) -> Side:
        """A side whose sentences stood one a line in ``path`` (offsets as a presegmented file's)."""
        sentences, at = [], 0
        for i, text in enumerate(texts):
            sentences.append(Sentence(i, text, at, at + len(text)))
            at += len(text) + 1
        return cls(lang, path, tuple(sentences))

    def texts(self, ids: tuple[int, ...] | list[int]) -> list[str]:
        return [self.sentences[i].text for i in ids]

    def joined(self, ids: tuple[int, ...] | list[int]) -> str:
        return JOINER.join(self.texts(ids))

    def original_texts(self, ids: tuple[int, ...] | list[int]) -> list[str]:
        """The texts as read from the document, before any reviewer's edit."""
        return [self.sentences[i].original_text for i in ids]

    def edited_original(self, ids: tuple[int, ...] | list[int]) -> str:
        """The joined text as read when a reviewer edited a sentence of ``ids``, else "" (nothing changed)."""
        if not any(self.sentences[i].edited for i in ids):
            return ""
        return JOINER.join(self.original_texts(ids))


@dataclass(frozen=True, slots=True)
class Flag:
    """A divergence found in one link."""

    kind: str
    severity: Severity
    source_excerpt: str
    target_excerpt: str
    source_span: tuple[int, int] | None
    target_span: tuple[int, int] | None
    message: str
    status: FlagStatus = "open"
    graded: bool = False  # the reviewer set ``severity`` (it then survives re-runs of the checks)
    # Probability (0-1) that this flag is a real divergence, from the fitted scorer (checks/scoring.py);
    # None where no model covers the kind. Severity follows from it.
    confidence: float | None = None
    # Which rule of its check raised the flag ("contrast", "negation", ...): evidence for the scorer,
    # which weighs a check's rules apart. Not part of the signature, not written to the file.
    basis: str = field(default="", compare=False)

    @property
    def signature(self) -> str:
        """Stable identity of this flag for suppressions: survives re-runs and re-alignments.

        Built from what the reviewer judged (kind and both excerpts, case-folded), not from
        positions or ids, which change when the document is re-aligned.
        """
        key = "\x1f".join((self.kind, self.source_excerpt.casefold(), self.target_excerpt.casefold()))
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def reapply_decisions(
    flags: Iterable[Flag], prior: Iterable[Flag], suppressions: frozenset[str]
) -> list[Flag]:
    """``flags`` (found afresh) with the reviewer's decisions on ``prior`` flags put back.

    A flag is matched by its signature, not its position: a dismissed signature (one in
    ``suppressions``) comes back dismissed wherever it appears, and a flag the reviewer confirmed
    or dismissed on this pair before gets that status again; a severity the reviewer set comes back too.
    """
    decided = {f.signature: f.status for f in prior if f.status != "open"}
    graded = {f.signature: f.severity for f in prior if f.graded}
    out = []
    for flag in flags:
        sig = flag.signature
        if sig in suppressions:
            flag = replace(flag, status="dismissed")
        elif sig in decided:
            flag = replace(flag, status=decided[sig])
        if sig in graded:
            flag = replace(flag, severity=graded[sig], graded=True)
        out.append(flag)
    return out


@dataclass(frozen=True, slots=True)
class Link:
    """Source sentence ids linked to target sentence ids (either list may be empty: unaligned)."""

    id: int
    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float
    status: LinkStatus = "auto"
    flags: tuple[Flag, ...] = ()
    note: str = ""
    # Who made the last decision on this link (status, flag, note or edit) and when (ISO 8601, UTC);
    # empty while nobody has.
    reviewed_by: str = ""
    reviewed_at: str = ""

    @property
    def is_unaligned(self) -> bool:
        return not self.source or not self.target


@dataclass(frozen=True, slots=True)
class Signature:
    """Provenance of an alignment, printed like sacrebleu's signature."""

    bitext: str
    model: str
    segmenter: str
    mode: Mode
    thresholds: dict[str, float] = field(default_factory=dict)
    checks: str = ""

    def text(self) -> str:
        parts = [
            f"bitext:{self.bitext}",
            f"model:{self.model}",
            f"seg:{self.segmenter}",
            f"mode:{self.mode}",
        ]
        parts += [f"{k}:{v:g}" for k, v in sorted(self.thresholds.items())]
        if self.checks:
            parts.append(f"checks:{self.checks}")
        return "|".join(parts)


Attrs = tuple[tuple[str, str], ...]  # an element's attributes as written, in order (Clark names)


@dataclass(frozen=True, slots=True)
class VariantMeta:
    """One language variant of an imported unit (a TMX ``tuv``): what bitext keeps but does not read.

    ``role`` is "source" or "target" for the two variants that became sentences; any other variant
    (a third language, a second variant of one language, an empty segment) keeps its segment as
    XML in ``seg`` and is written back untouched.
    """

    lang: str
    attrs: Attrs
    extras: tuple[str, ...]  # props and notes, as XML
    role: str = ""
    seg: str = ""


@dataclass(frozen=True, slots=True)
class UnitMeta:
    """An imported unit (TMX ``tu``, XLIFF unit): its id, attributes, props and notes, variants."""

    key: str  # tuid, or the XLIFF unit's path (file/unit/segment ids); "" when it had none
    attrs: Attrs
    extras: tuple[str, ...]
    variants: tuple[VariantMeta, ...]


@dataclass(frozen=True, slots=True)
class Origin:
    """The interchange file an alignment was imported from, so export can give back what came."""

    format: str  # "tmx", "xliff-1.2", "xliff-2.0", ...
    path: str
    sha256: str
    attrs: Attrs  # the TMX header's (or XLIFF root's) attributes
    extras: tuple[str, ...]  # header props and notes
    units: tuple[UnitMeta, ...]


@dataclass(frozen=True, slots=True)
class Alignment:
    """Two sides, their links and the review state that belongs to the file."""

    source: Side
    target: Side
    links: tuple[Link, ...]
    signature: Signature
    suppressions: frozenset[str] = frozenset()
    origin: Origin | None = None

    @property
    def mode(self) -> Mode:
        return self.signature.mode

    def side(self, name: SideName) -> Side:
        return self.source if name == "source" else self.target

    def source_text(self, link: Link) -> str:
        return self.source.joined(link.source)

    def target_text(self, link: Link) -> str:
        return self.target.joined(link.target)

    def with_links(self, links: tuple[Link, ...] | list[Link]) -> Alignment:
        return replace(self, links=tuple(links))

    def unlinked_source(self) -> list[int]:
        used = {i for link in self.links if link.target for i in link.source}
        return [s.id for s in self.source.sentences if s.id not in used]

    def unlinked_target(self) -> list[int]:
        used = {i for link in self.links if link.source for i in link.target}
        return [s.id for s in self.target.sentences if s.id not in used]
