"""Reports for many documents at once: find the inputs, align each, write its report, then the index.

The aligner is injected (``align``), so this module knows nothing of models or checks and tests can run it
with hand-built alignments. One failing document (a :class:`BitextError`) is recorded in the index and the
batch goes on; anything else is a bug and propagates.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from bitext import __version__
from bitext.errors import BitextError, InputError
from bitext.formats import INTERCHANGE_SUFFIXES
from bitext.ingest.documents import DOCUMENT_SUFFIXES
from bitext.model import Alignment, Severity
from bitext.report.document import FORMATS, ensure_out_dir, safe_name, write_document_report
from bitext.report.index import write_index
from bitext.report.tables import DocumentSummary

InputKind = Literal["pair", "single", "alignment", "interchange"]

TEXT_SUFFIXES: tuple[str, ...] = (".md", ".txt")
SIDE_TAGS: tuple[str, ...] = ("src", "tgt")
# A language tag before the text suffix: X.en.txt, X.az.md, X.pt-br.txt. Three letters would also match
# words like "old", which is why only a group of exactly two tagged files is ever paired.
_LANG_TAG = re.compile(r"^[a-z]{2,3}(?:[-_][a-z]{2,4})?$", re.IGNORECASE)
# Read this much of a folder's .json file to tell a bitext alignment from other JSON (e.g. our own reports).
_SNIFF_BYTES = 512
_RESERVED_NAMES = frozenset({"index"})
# TMX/XLIFF (checked as they are) and the documents ingest reads besides text (DOCX, PDF, HTML...).
_READ_SUFFIXES = (*INTERCHANGE_SUFFIXES, *DOCUMENT_SUFFIXES)


@dataclass(frozen=True)
class DocumentInput:
    """One document to report on.

    ``kind``: "pair" = ``paths`` is (source file, target file); "single" = one file holding both languages;
    "alignment" = one alignment .json that is already aligned (load it, do not re-align); "interchange" =
    a TMX or XLIFF, whose units are the links (read it, do not re-align). ``langs`` holds
    the language tags read from the file names ("src"/"tgt" names give None).
    """

    name: str
    paths: tuple[Path, ...]
    kind: InputKind
    langs: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class BatchResult:
    summaries: tuple[DocumentSummary, ...]
    index: Path
    exit_code: int
    fail_on: Severity | None = None

    def reasons(self) -> list[str]:
        """One line per document that reaches ``fail_on``: its name and the flags that do it."""
        if self.fail_on is None:
            return []
        threshold = self.fail_on
        return [f"{s.name}: {s.reason(threshold)}" for s in self.summaries if s.reaches(threshold)]

    @property
    def failed(self) -> tuple[DocumentSummary, ...]:
        return tuple(s for s in self.summaries if s.error)


# --- finding inputs -----------------------------------------------------------------------------


def _is_alignment_json(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError:
        return False
    return b'"bitext-alignment"' in head


def _wanted_in_folder(path: Path) -> bool:
    if not path.is_file() or path.name.startswith("."):
        return False
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES or suffix in (".src", ".tgt") or suffix in _READ_SUFFIXES:
        return True
    return suffix == ".json" and _is_alignment_json(path)


def _tag(path: Path) -> tuple[str, str] | None:
    """(base, tag) for X.src / X.tgt / X.src.txt / X.en.txt / X.az.md, else None."""
    name = path.name
    if path.suffix.lower() in TEXT_SUFFIXES:
        name = name[: -len(path.suffix)]
    base, dot, tag = name.rpartition(".")
    if not dot or not base:
        return None
    if tag.lower() in SIDE_TAGS or _LANG_TAG.match(tag):
        return base, tag.lower()
    return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _expand(paths: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    seen: set[Path] = set()
    for p in paths:
        if not p.exists():
            raise InputError(f"{p}: no such file or folder")
        if p.is_dir():
            found = sorted(c for c in p.iterdir() if _wanted_in_folder(c))
            if not found:
                raise InputError(f"{p}: no .md, .txt, .src/.tgt or alignment .json files in this folder")
        else:
            found = [p]
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files


def _pair(group: list[tuple[Path, str]]) -> tuple[tuple[Path, ...], tuple[str | None, ...]] | None:
    """The (source, target) order of a two-file group, or None when the group is not a clean pair."""
    if len(group) != 2 or group[0][1] == group[1][1]:
        return None
    tags = {t for _, t in group}
    if tags == set(SIDE_TAGS):
        ordered = sorted(group, key=lambda pt: pt[1])  # "src" < "tgt"
        return (ordered[0][0], ordered[1][0]), (None, None)
    if tags & set(SIDE_TAGS):
        return None
    # Language tags say nothing about direction. The longer file goes first: a summary is always shorter
    # than its source, and for a translation the caller can still set the direction by language.
    ordered = sorted(group, key=lambda pt: -_size(pt[0]))
    return (ordered[0][0], ordered[1][0]), (ordered[0][1], ordered[1][1])


def _unique(name: str, used: set[str]) -> str:
    base = safe_name(name)
    candidate = base
    n = 2
    while candidate.lower() in used or candidate.lower() in _RESERVED_NAMES:
        candidate = f"{base}-{n}"
        n += 1
    used.add(candidate.lower())
    return candidate


def collect_inputs(paths: Sequence[Path]) -> list[DocumentInput]:
    """The documents named by ``paths`` (files and folders; a folder is read one level deep).

    X.en.txt + X.az.txt, or X.src + X.tgt, in one folder make one two-file document named X; an
    alignment .json is taken as already aligned; any other file is one document holding both languages.
    """
    files = _expand(paths)
    if not files:
        raise InputError(
            "no input files given; name files or folders with .md/.txt texts or alignment .json files"
        )
    groups: dict[tuple[Path, str], list[tuple[Path, str]]] = {}
    for f in files:
        tagged = _tag(f) if f.suffix.lower() not in (".json", *INTERCHANGE_SUFFIXES) else None
        if tagged:
            groups.setdefault((f.parent.resolve(), tagged[0]), []).append((f, tagged[1]))
    paired: dict[Path, tuple[str, tuple[Path, ...], tuple[str | None, ...]]] = {}
    for (_, base), group in groups.items():
        pair = _pair(group)
        if pair:
            paired[pair[0][0]] = (base, *pair)
            paired[pair[0][1]] = ("", (), ())  # consumed by its partner
    docs: list[DocumentInput] = []
    used: set[str] = set()
    for f in files:
        if f in paired:
            base, pair_paths, langs = paired[f]
            if pair_paths:
                docs.append(DocumentInput(_unique(base, used), pair_paths, "pair", langs))
            continue
        if f.suffix.lower() == ".json":
            docs.append(DocumentInput(_unique(f.stem, used), (f,), "alignment"))
        elif f.suffix.lower() in INTERCHANGE_SUFFIXES:
            docs.append(DocumentInput(_unique(f.stem, used), (f,), "interchange"))
        else:
            name = f.name[: -len(f.suffix)] if f.suffix.lower() in TEXT_SUFFIXES else f.name
            docs.append(DocumentInput(_unique(name, used), (f,), "single"))
    return docs


# --- running ------------------------------------------------------------------------------------


def _check_no_clobber(inputs: Sequence[DocumentInput], out_dir: Path, formats: Sequence[str]) -> None:
    """Refuse before writing anything if a report would overwrite an input (e.g. out_dir/X.json)."""
    sources = {p.resolve() for doc in inputs for p in doc.paths}
    outputs = [out_dir / f"{doc.name}.{fmt}" for doc in inputs for fmt in formats]
    outputs += [out_dir / f"index.{ext}" for ext in ("html", "csv", "json")]
    for out in outputs:
        if out.resolve() in sources:
            raise InputError(f"the report {out} would overwrite an input file; choose another output folder")


def _batch_signature(summaries: Sequence[DocumentSummary]) -> str:
    seen = sorted({s.signature for s in summaries if s.signature and not s.error})
    return " ; ".join(seen) if seen else f"bitext:{__version__}"


@contextmanager
def _progress_bar(enabled: bool, total: int) -> Iterator[Callable[[str, str | None], None]]:
    """Yield ``step(name, error)``; draws a rich bar on stderr when enabled, else does nothing."""
    if not enabled:
        yield lambda name, error: None
        return
    from rich.console import Console  # lazy: keeps `import bitext.report` light
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as bar:
        task = bar.add_task("reports", total=total)

        def step(name: str, error: str | None) -> None:
            if error:
                bar.console.print(f"[red]error[/red] {escape(name)}: {escape(error)}")
            bar.update(task, advance=1, description=escape(name))

        yield step


def report_document(
    doc: DocumentInput,
    out_dir: Path,
    align: Callable[[DocumentInput], Alignment],
    formats: Sequence[str] = FORMATS,
    *,
    csv_bom: bool = False,
    generated: str | None = None,
) -> DocumentSummary:
    """Align one input and write its report; a :class:`BitextError` becomes the summary's ``error``."""
    try:
        alignment = align(doc)
        return write_document_report(
            alignment,
            out_dir,
            doc.name,
            formats=formats,
            inputs=[str(p) for p in doc.paths],
            csv_bom=csv_bom,
            generated=generated if generated is not None else now_text(),
        )
    except BitextError as exc:
        return DocumentSummary(name=doc.name, inputs=tuple(str(p) for p in doc.paths), error=str(exc))


# Runs report_document over the inputs (in worker processes, on a cluster, ...) with the given date,
# yielding each summary as it is done, in any order.
Mapper = Callable[[Sequence[DocumentInput], str], Iterator[DocumentSummary]]


def run_batch(
    inputs: Sequence[DocumentInput],
    out_dir: Path,
    *,
    align: Callable[[DocumentInput], Alignment] | None = None,
    fail_on: Literal["major", "minor"] | None = None,
    progress: bool = False,
    formats: Sequence[str] = FORMATS,
    signature: str | None = None,
    csv_bom: bool = False,
    generated: str | None = None,
    keep_going: bool = False,
    mapper: Mapper | None = None,
) -> BatchResult:
    """Align and report every input, then write the index; ``exit_code`` gates CI on open flags.

    ``align`` gets every input, including ``kind == "alignment"`` ones (it should load those, not re-align).
    A document that fails is recorded in the index and the batch goes on with the others. ``exit_code``
    is 2 when a document failed (a CI job must not pass while a document went unchecked), unless
    ``keep_going`` says failures are expected (they are counted in ``failed`` and the index); otherwise
    1 when ``fail_on`` is set and some counted flag (open or confirmed, not dismissed) is at least that
    severe (major ≥ minor), else 0. ``generated`` is the date printed in the reports (default: now, UTC).
    A ``mapper`` runs the documents elsewhere instead (it calls :func:`report_document` itself); the
    index lists them in input order whatever order they finish in.
    """
    when = generated if generated is not None else now_text()
    ensure_out_dir(out_dir)
    _check_no_clobber(inputs, out_dir, formats)
    if mapper is None:
        if align is None:
            raise ValueError("give align or mapper")
        run_one = align

        def sequential(docs: Sequence[DocumentInput], date: str) -> Iterator[DocumentSummary]:
            for doc in docs:
                yield report_document(doc, out_dir, run_one, formats, csv_bom=csv_bom, generated=date)

        mapper = sequential
    done: dict[str, DocumentSummary] = {}
    with _progress_bar(progress, len(inputs)) as step:
        for summary in mapper(inputs, when):
            done[summary.name] = summary
            step(summary.name, summary.error)
    summaries = [done[doc.name] for doc in inputs if doc.name in done]
    index = write_index(
        summaries, out_dir, signature or _batch_signature(summaries), generated=when, csv_bom=csv_bom
    )
    threshold: Severity | None = fail_on
    failing = threshold is not None and any(s.reaches(threshold) for s in summaries)
    failed = any(s.error for s in summaries)
    code = 2 if failed and not keep_going else 1 if failing else 0
    return BatchResult(tuple(summaries), index, code, threshold)


def now_text() -> str:
    """The report date: minutes are enough to tell two runs apart, UTC so every reader agrees."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
