"""Command line: align, check, report, review, export, import, checks.

Heavy modules (torch, sentence-transformers, lxml, textual) are imported inside the commands that need
them, so that ``bitext --help`` answers at once. Problems the user can fix are BitextErrors: printed
as one line on stderr with exit code 2, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from bitext import __version__
from bitext.errors import BitextError, InputError
from bitext.limits import MAX_SWAPS
from bitext.model import MODES, SEVERITIES

if TYPE_CHECKING:
    from bitext.encoder import Encoder
    from bitext.pipeline import AlignOptions

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_SEED = Path("texts/ismailov-1925-japanese-recognition-of-the-ussr.md")
FAIL_ON = SEVERITIES[:-1]  # an info flag never fails a run
# The report formats (bitext.report.FORMATS; tests/test_cli.py holds them equal): importing the
# report package here would slow down every command.
REPORT_FORMATS = ("html", "csv", "json", "xlsx")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _user_errors(fn: F) -> F:
    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except BitextError as exc:
            click.echo(f"bitext: error: {_one_line(str(exc))}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:
            # The readers and writers turn the failures they expect into BitextErrors; this is the net
            # under the rest (a disk that fills up between two checks, a folder that vanished).
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"bitext: error: {where}{exc.strerror or _one_line(str(exc))}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("bitext: interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def _err(msg: str) -> None:
    click.echo(msg, err=True)


# Set by a command that has written all it writes for one document (``align``, ``check``): ``run`` may
# then end the process without tearing the loaded model down. Batch commands end as usual, for the exit
# handlers of their process pools and clusters to stop their workers.
_done_with_one_document = False


def _finished_one_document() -> None:
    global _done_with_one_document
    _done_with_one_document = True


# The encoder of the command that ran last, referenced until the process ends: one freed as its command
# returns would cost the teardown of its engine that ``run`` spares. One only: a process that runs many
# commands (the tests, through click's runner) keeps no more than one engine alive.
_kept_encoder: list[Encoder] = []


def _encoder(model: str | None, fast: bool | None, threads: int | None = None) -> Encoder:
    """A command's encoder (its engine loads when first needed), kept until the process ends."""
    from bitext.encoder import load_encoder

    encoder = load_encoder(model, fast=fast, threads=threads)
    _kept_encoder[:] = [encoder]
    return encoder


def run() -> None:
    """The console script: ``main``, and then, after ``align`` or ``check`` in a process that loaded the
    encoder's engine (ONNX Runtime or torch), an immediate exit (``os._exit``, once stdout and stderr are
    flushed) instead of the interpreter's teardown, whose freeing of the engine alone takes about 0.3 s
    (``benchmarks/bench_speed.py``) for memory the system takes back anyway. Every file those commands
    write is closed, and every cache write committed, before they return."""
    try:
        main()
    except SystemExit as exc:
        code = exc.code
        engine = "onnxruntime" in sys.modules or "torch" in sys.modules
        if not (_done_with_one_document and engine and (code is None or isinstance(code, int))):
            raise
    else:  # pragma: no cover - click's main always ends in SystemExit
        return
    import contextlib
    import logging
    import os

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader that went away, a closed stream
            stream.flush()
    logging.shutdown()
    os._exit(code or 0)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bitext")
def main() -> None:
    """Check whether a text in one language faithfully renders a text in another.

    \b
    A reviewer's day:
      bitext align texts/doc.md               # one file holding both languages
      bitext review texts/doc.md              # opens alignments/doc.json that align wrote
      bitext export alignments/doc.json --tmx doc.tmx
      bitext report alignments/doc.json --out reports/
    \b
    In CI:
      bitext report texts/ --out reports/ --fail-on major

    Each command's --help has examples.
    """


def _default_out(path: Path, suffix: str = ".json") -> Path:
    """Where a document's alignment goes when --out is not given (the same rule ``review`` looks by)."""
    from bitext.alignment_file import default_path

    return default_path(path).with_suffix(suffix)


def _prepare_default(target: Path) -> None:
    """The default folder (alignments/) is bitext's own: create it. A folder the user named must exist."""
    from bitext.errors import InputError

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create {target.parent}: {exc.strerror or exc}; give --out FILE") from exc


_GLOSSARY_HELP = (
    "Terminology glossary: CSV with a header 'source,target[,note]' (several renderings separated by '|'; "
    "a note starting with 'major' makes a missing rendering major), or TBX."
)
_SWAPS_HELP = (
    "Also swap each English word that has an antonym and ask the encoder which reading the other side is "
    f"closer to (opposites the contrast lexicon lacks; up to {MAX_SWAPS} extra sentences to embed per pair)."
)


_lang_opts = [
    click.option("--source-lang", metavar="CODE", help="ISO 639-1 code of the source (default: detected)."),
    click.option("--target-lang", metavar="CODE", help="ISO 639-1 code of the target (default: detected)."),
]


def _language_list(value: str) -> tuple[str, ...]:
    codes = tuple(code.strip().lower() for code in value.split(",") if code.strip())
    return () if not codes or "all" in codes else codes


def _read_glossary_now(path: Path | None) -> None:
    """Read the glossary before any other work, so that one that cannot be used is refused at once, not
    after the document has been aligned (the checks read it again where they use it)."""
    if path is not None:
        from bitext.glossary import load_glossary

        load_glossary(path)


def _align_options(given: dict[str, Any], **fixed: Any) -> AlignOptions:
    """The AlignOptions of the options align and report share (each named as its field)."""
    from bitext.pipeline import AlignOptions

    # --fast absent leaves the choice to $BITEXT_FAST (None), rather than forcing fp32
    shared = {**given, "languages": _language_list(given["languages"]), "fast": given.get("fast") or None}
    return AlignOptions(**shared, **fixed)


def _set_input_limit(_ctx: click.Context, _param: click.Parameter, value: float | None) -> None:
    from bitext.limits import set_max_input_mb

    set_max_input_mb(value)


_limit_opt = click.option(
    "--max-input-mb",
    type=click.FloatRange(min=0, min_open=True),
    expose_value=False,
    callback=_set_input_limit,
    metavar="MB",
    help="Refuse input files bigger than this (default: 16 for texts, 256 for data files).",
)


def _with(options: list[Callable[[F], F]]) -> Callable[[F], F]:
    def deco(fn: F) -> F:
        for opt in reversed(options):
            fn = opt(fn)
        return fn

    return deco


# Each becomes the AlignOptions field of its name (align and report pass them on as they are).
_align_opts = [
    *_lang_opts,
    _limit_opt,
    click.option(
        "--languages",
        metavar="CODES",
        default="all",
        show_default=True,
        help="Languages to detect: ISO 639-1 codes, comma-separated, or 'all' (every one lingua knows).",
    ),
    click.option(
        "--mode",
        type=click.Choice(MODES),
        help="Alignment mode (default: chosen from the length ratio).",
    ),
    click.option(
        "--model",
        metavar="NAME_OR_PATH",
        help="Any sentence-transformers model (default: the embedded e5-small).",
    ),
    click.option(
        "--presegmented", is_flag=True, help="Inputs hold one sentence per line; no cleanup or segmentation."
    ),
    click.option(
        "--encoding", metavar="CODEC", help="Text encoding of the inputs (default: UTF-8, UTF-16 by BOM)."
    ),
    click.option("--glossary", type=click.Path(path_type=Path), metavar="FILE", help=_GLOSSARY_HELP),
    click.option("--antonym-swaps", is_flag=True, help=_SWAPS_HELP),
    click.option(
        "--fast",
        is_flag=True,
        help="Run the encoder with int8 weights and activations: faster, slightly different vectors.",
    ),
]


@main.command(
    epilog="""\b
Examples:
  bitext align texts/doc.md                       # one file: article and summary
  bitext align article.en.txt summary.az.txt      # two files: source, then target
  bitext align src.txt tgt.txt --presegmented --mode translation --format vecalign
  bitext align memory.tmx                         # a TMX or XLIFF: its units are the links
  bitext align doc.md --glossary terms.csv --verbose | less
"""
)
@click.argument("paths", nargs=-1, metavar="DOCUMENT | SOURCE TARGET", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path),
    help="Output file; its folder must exist (default: alignments/NAME.json, folder created).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "vecalign"]),
    default="json",
    show_default=True,
    help="json: the bitext alignment file; vecalign: [i,j]:[k]:score lines.",
)
@click.option("--check/--no-check", default=True, show_default=True, help="Run the divergence checks too.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.option("--verbose", "-v", is_flag=True, help="List every link and every flag, not just the majors.")
@_with(_align_opts)
@_user_errors
def align(
    paths: tuple[Path, ...],
    out: Path | None,
    fmt: str,
    check: bool,
    quiet: bool,
    verbose: bool,
    **align_options: Any,
) -> None:
    """Align a DOCUMENT holding both languages, or a SOURCE file and its TARGET, and write the alignment file.

    A TMX or XLIFF is aligned already: its units become the links, and they are checked.

    Prints a summary (counts by severity, the major flags, the next command); --verbose lists every link.
    """
    from bitext.pipeline import align_paths

    if not paths:
        if not DEFAULT_SEED.exists():
            raise click.UsageError("give a document (or source and target files) to align")
        paths = (DEFAULT_SEED,)
    _read_glossary_now(align_options["glossary"])
    options = _align_options(align_options, check=check, show_progress=not quiet)
    progress = None if quiet else (lambda msg: _err(f"bitext: {msg}"))
    target = out or _default_out(paths[0], ".json" if fmt == "json" else ".vecalign")
    if out is None:
        _prepare_default(target)
    if fmt == "json" and target.exists():
        _save_alignment(None, target)  # refuse now, not after aligning, if a session reviews it
    encoder = _encoder(options.model, options.fast, options.threads)
    alignment = align_paths(list(paths), options, progress=progress, encoder=encoder)
    if fmt == "vecalign":
        from bitext.formats import export

        export("vecalign", alignment, target)
    else:
        _save_alignment(alignment, target)
    if not quiet:
        from bitext.console import print_alignment_summary

        print_alignment_summary(alignment, out_path=target, verbose=verbose)
    _finished_one_document()


def _is_interchange(path: Path) -> bool:
    from bitext.formats import is_interchange

    return is_interchange(path)


def _fail(alignment: Any, fail_on: str | None) -> int:
    """The exit code for --fail-on, with the reason on stderr when it fails."""
    from bitext.console import exit_code_for, fail_reason

    code = exit_code_for(alignment, fail_on)
    if code and fail_on:
        _err(f"bitext: failing: {fail_reason(alignment, fail_on)}")
    return code


@main.command(
    epilog="""\b
Examples:
  bitext check alignments/doc.json                      # re-run the checks, update the file
  bitext check alignments/doc.json --glossary terms.csv --fail-on major
  bitext check alignments/doc.json --out checked.json --quiet
"""
)
@click.argument("alignment_path", metavar="ALIGNMENT", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path),
    help="Write here, not over ALIGNMENT (for a TMX or XLIFF the default is alignments/NAME.json).",
)
@click.option(
    "--model", metavar="NAME_OR_PATH", help="Encoder for the word-level checks (default: embedded e5-small)."
)
@click.option("--glossary", type=click.Path(path_type=Path), metavar="FILE", help=_GLOSSARY_HELP)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    help="Exit 1 (and say why) if an open or confirmed flag has this severity or worse.",
)
@click.option("--fast", is_flag=True, help="Word vectors from the int8 encoder (as `align --fast`).")
@click.option("--antonym-swaps", is_flag=True, help=_SWAPS_HELP)
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.option("--verbose", "-v", is_flag=True, help="List every link and every flag.")
@_with(_lang_opts)
@_limit_opt
@_user_errors
def check(
    alignment_path: Path,
    out: Path | None,
    model: str | None,
    glossary: Path | None,
    fail_on: str | None,
    fast: bool,
    antonym_swaps: bool,
    quiet: bool,
    verbose: bool,
    source_lang: str | None,
    target_lang: str | None,
) -> None:
    """Run the divergence checks over ALIGNMENT (an alignment file, a TMX or an XLIFF) and fill in its flags.

    A TMX or XLIFF is read, checked and saved as an alignment file (it is never changed itself);
    `bitext export --xliff` then writes the flags back into the XLIFF for the translator.
    """
    from bitext import alignment_file
    from bitext.pipeline import check_alignment

    _read_glossary_now(glossary)
    encoder = _encoder(model, fast or None)
    if _is_interchange(alignment_path):
        from bitext.formats import read_interchange

        alignment, notes = read_interchange(alignment_path, source_lang, target_lang)
        for note in notes:
            _err(f"bitext: {note}")
        target = out or _default_out(alignment_path)
        if out is None:
            _prepare_default(target)
    elif out is None or _same_file(out, alignment_path):
        alignment = _check_in_place(alignment_path, encoder, glossary, antonym_swaps)
        target = alignment_path
    else:
        alignment = alignment_file.load(alignment_path)
        target = out
    if target is not alignment_path:
        alignment = check_alignment(
            alignment, glossary=glossary, encoder=encoder, antonym_swaps=antonym_swaps
        )
        _save_alignment(alignment, target)
    if not quiet:
        from bitext.console import print_alignment_summary

        print_alignment_summary(alignment, out_path=target, verbose=verbose)
    _finished_one_document()
    sys.exit(_fail(alignment, fail_on))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _save_alignment(alignment: Any, target: Path) -> None:
    """Write an alignment file holding its lock: refused while a review session has it open, whose
    closing would write its own state over this one (None: only make sure of that)."""
    from bitext import alignment_file
    from bitext.review.lock import held_for_writing

    with held_for_writing(target):
        if alignment is not None:
            alignment_file.save(alignment, target)


def _check_in_place(path: Path, encoder: Encoder, glossary: Path | None, antonym_swaps: bool) -> Any:
    """Check an alignment file and write it back, through a review session: it holds the lock (so no
    session writes over the new flags), and it first folds in any decisions its journal holds."""
    from bitext.pipeline import check_alignment
    from bitext.review import ReviewSession

    session = ReviewSession.open(path)
    try:
        for warning in session.warnings:
            _err(f"bitext: {warning}")
        if session.readonly:
            why = session.readonly_reason().removeprefix("read-only: ")
            raise InputError(f"{path}: cannot write it in place ({why}); give --out FILE to write elsewhere")
        alignment = check_alignment(
            session.alignment, glossary=glossary, encoder=encoder, antonym_swaps=antonym_swaps
        )
        session.replace_alignment(alignment)
        return alignment
    finally:
        session.close()


@main.command(name="checks")
def checks_() -> None:
    """List the divergence checks, each with what it looks for."""
    import textwrap

    from bitext.checks import registered_checks

    for kind, info in registered_checks().items():
        needs = "  (needs the encoder: word-level)" if info.needs_encoder else ""
        opt_in = "" if info.default else "  (not run by default: its text says how to ask for it)"
        click.echo(f"{kind}{needs}{opt_in}\n{textwrap.indent(info.doc, '    ')}\n")


@main.command(
    epilog="""\b
Examples:
  bitext report alignments/doc.json                 # a reviewed file: its report for the translator
  bitext report texts/ --out reports/               # every document in a folder (aligned first)
  bitext report texts/ --fail-on major --format html --format csv
  bitext report alignments/ --csv-bom               # CSV files that Excel opens as UTF-8
\b
Inputs: .md/.txt documents holding both languages; pairs X.en.txt + X.az.txt or X.src + X.tgt;
alignment .json files (reported as they are, with the reviewer's work).
"""
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Folder for the reports (created).",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    help="Exit 1 (and say why) if an open or confirmed flag has this severity or worse.",
)
@click.option("--csv-bom", is_flag=True, help="Start CSV files with a byte-order mark, for Excel.")
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(REPORT_FORMATS),
    help="Report formats (default: all).",
)
@click.option(
    "--keep-going",
    is_flag=True,
    help="A document that cannot be processed is counted in the index instead of failing the run (exit 2).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Documents in parallel: worker processes here, or workers of the local Dask cluster.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: this machine; dask: a Dask cluster (--address, else a local one started for the run).",
)
@click.option("--address", metavar="ADDR", help="Scheduler of a running Dask cluster, e.g. tcp://host:8786.")
@click.option(
    "--threads", type=click.IntRange(min=1), help="Encoder threads per worker (default: cores shared out)."
)
@_with(_align_opts)
@_user_errors
def report(
    paths: tuple[Path, ...],
    out: Path,
    fail_on: str | None,
    formats: tuple[str, ...],
    csv_bom: bool,
    keep_going: bool,
    jobs: int,
    engine: str,
    address: str | None,
    threads: int | None,
    **align_options: Any,
) -> None:
    """Write divergence reports (HTML, CSV, JSON, XLSX) for documents or alignment files, and an index."""
    from bitext.report_run import run_reports

    _read_glossary_now(align_options["glossary"])
    options = _align_options(align_options, check=True, threads=threads)
    result = run_reports(
        list(paths),
        out,
        options,
        fail_on=fail_on,
        formats=formats or None,
        csv_bom=csv_bom,
        keep_going=keep_going,
        jobs=jobs,
        engine=engine,
        address=address,
    )
    done = len(result.summaries) - len(result.failed)
    click.echo(f"wrote {done} of {len(result.summaries)} reports; open {result.index}")
    for reason in result.reasons():
        _err(f"bitext: failing: {reason} (--fail-on {fail_on})")
    failed, total = result.failed, len(result.summaries)
    if failed and keep_going:
        _err(f"bitext: {len(failed)} of {total} documents failed (--keep-going); see {result.index}")
    elif failed:
        why = _one_line(f"{failed[0].name}: {failed[0].error or ''}")
        _err(
            f"bitext: error: {len(failed)} of {total} documents failed ({why}); see {result.index}; "
            "--keep-going counts them without failing the run"
        )
    sys.exit(result.exit_code)


@main.command(
    epilog="""\b
Examples:
  bitext review alignments/doc.json     # an alignment file
  bitext review texts/doc.md            # a document: opens alignments/doc.json, aligning it first
                                        # if it is missing or older than the document
  bitext review alignments/doc.json --readonly
\b
Inside: ? lists every key; decisions are saved as you make them.
"""
)
@click.argument("path", metavar="ALIGNMENT | DOCUMENT", type=click.Path(path_type=Path))
@click.option("--readonly", is_flag=True, help="Open without saving decisions.")
@_limit_opt
@_user_errors
def review(path: Path, readonly: bool) -> None:
    """Review an alignment file (or a document, aligned and checked first) in the terminal."""
    from bitext import alignment_file
    from bitext.errors import InputError
    from bitext.tui import run_review
    from bitext.tui.app import alignment_path_for, is_alignment_path, needs_aligning

    # What can be told before the screen opens is told here, as every other command tells it: one
    # line and exit code 2 (problems found while aligning show in the session's error dialog, and on
    # stderr when it closes).
    if _is_interchange(path):
        raise InputError(
            f"{path} is a translation memory or XLIFF; run `bitext check {path}` (or `bitext import`) "
            "first and review the alignment file it writes"
        )
    target: Path | None = path
    if not is_alignment_path(path):
        from bitext.ingest.reading import read_text

        read_text(path)  # missing, directory, empty, binary or undecodable: a clear InputError
        target = alignment_path_for(path)
        if needs_aligning(path):
            target = None  # the app aligns it first
    elif not path.is_file():
        raise InputError(f"{path}: no such alignment file; run `bitext align` first or give a document")
    if target is not None:
        alignment_file.load(target)  # malformed: one line now, not a dialog
        folder = target.parent
        if not readonly and not _writable(folder):
            raise InputError(
                f"cannot save review work beside {target}: the folder {folder} is not writable; "
                "use --readonly to look without saving, or copy the file to a writable folder"
            )
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InputError("bitext review needs a terminal; for a report without one, use `bitext report`")

    sys.exit(run_review(path, readonly=readonly))


def _writable(folder: Path) -> bool:
    """Whether a file can be made in ``folder`` now (permissions, a read-only mount, a full disk)."""
    import tempfile

    try:
        with tempfile.NamedTemporaryFile(prefix=".bitext-probe-", dir=folder):
            return True
    except OSError:
        return False


@main.command(
    epilog="""\b
Examples:
  bitext export alignments/doc.json --tmx doc.tmx
  bitext export alignments/doc.json --tmx doc.tmx --only-accepted --no-flags
  bitext export alignments/doc.json --tsv pairs.tsv --min-score 0.6
\b
Output folders must exist.
"""
)
@click.argument("alignment_path", metavar="ALIGNMENT", type=click.Path(path_type=Path))
@click.option(
    "--tmx", type=click.Path(path_type=Path), help="Write TMX 1.4b here (a working memory: see below)."
)
@click.option(
    "--xliff",
    type=click.Path(path_type=Path),
    help="Write XLIFF here: an XLIFF that was checked comes back with the flags in it.",
)
@click.option(
    "--tsv", type=click.Path(path_type=Path), help="Write tab-separated source, target, score, flags here."
)
@click.option(
    "--vecalign", type=click.Path(path_type=Path), help="Write Vecalign's [i,j]:[k]:score lines here."
)
@click.option("--only-accepted", is_flag=True, help="Only links a reviewer accepted.")
@click.option(
    "--min-score",
    type=float,
    help="Only links with at least this confidence (TMX default 0.5; accepted links always count).",
)
@click.option("--with-summary", is_flag=True, help="TMX: include summary-mode links (as segtype=block).")
@click.option("--with-unsure", is_flag=True, help="TMX: include links below the confidence.")
@click.option("--with-errors", is_flag=True, help="TMX: include links whose error a reviewer confirmed.")
@click.option(
    "--xliff-version",
    type=click.Choice(["2.1", "1.2"]),
    default="2.1",
    show_default=True,
    help="Version of a new XLIFF (one written back keeps its own).",
)
@click.option(
    "--xliff-flags",
    type=click.Choice(["notes", "its"]),
    default="notes",
    show_default=True,
    help="Flags as notes, or (XLIFF 2) as <mrk> with ITS locQualityIssue attributes around the words.",
)
@click.option("--no-flags", is_flag=True, help="Leave the flags out.")
@_limit_opt
@_user_errors
def export(
    alignment_path: Path,
    tmx: Path | None,
    xliff: Path | None,
    tsv: Path | None,
    vecalign: Path | None,
    only_accepted: bool,
    min_score: float | None,
    with_summary: bool,
    with_unsure: bool,
    with_errors: bool,
    xliff_version: str,
    xliff_flags: str,
    no_flags: bool,
) -> None:
    """Export the aligned pairs of ALIGNMENT (TMX 1.4b, XLIFF, TSV, Vecalign).

    \b
    The TMX is a memory a translator can reuse: by default it holds translation-mode links that a
    reviewer accepted or that score at least 0.5 (--min-score), without a confirmed error. Summary
    links, unsure links and confirmed errors come only with --with-summary/--with-unsure/--with-errors,
    each marked by an x-bitext-included prop. Units imported from a TMX are written back as they came.
    """
    from bitext import alignment_file
    from bitext.formats import export as export_to

    outputs = (("tmx", tmx), ("xliff", xliff), ("tsv", tsv), ("vecalign", vecalign))
    targets = [(name, p) for name, p in outputs if p is not None]
    if not targets:
        raise click.UsageError("name at least one output: --tmx, --xliff, --tsv or --vecalign FILE")
    alignment = alignment_file.load(alignment_path)
    include = [
        n for n, on in (("summary", with_summary), ("unsure", with_unsure), ("errors", with_errors)) if on
    ]
    for name, target in targets:
        if name == "xliff":
            from bitext.formats.xliff import export_xliff

            n = export_xliff(
                alignment,
                target,
                only_accepted=only_accepted,
                min_score=min_score,
                with_flags=not no_flags,
                version=xliff_version,
                annotate=xliff_flags,
            )
        else:
            n = export_to(
                name,
                alignment,
                target,
                only_accepted=only_accepted,
                min_score=min_score,
                with_flags=not no_flags,
                include=include,
            )
        click.echo(f"wrote {n} units to {target}")
        if name == "tmx":
            _say_left_out(alignment, only_accepted, min_score, include)


def _say_left_out(alignment: Any, only_accepted: bool, min_score: float | None, include: list[str]) -> None:
    from bitext.formats.tmx import DEFAULT_MIN_SCORE, left_out

    counts = left_out(alignment, only_accepted=only_accepted, min_score=min_score, include=include)
    threshold = DEFAULT_MIN_SCORE if min_score is None else min_score
    reasons = {
        "summary": ("summary-mode links", "--with-summary"),
        "unsure": (f"below confidence {threshold:g}", "--with-unsure"),
        "errors": ("with a confirmed error", "--with-errors"),
        "not accepted": ("not accepted", ""),
    }
    parts = [
        f"{n} {reasons[k][0]}" + (f" ({reasons[k][1]})" if reasons[k][1] else "") for k, n in counts.items()
    ]
    if parts:
        _err(f"bitext: left out of the memory: {'; '.join(parts)}")


@main.command(
    name="import",
    epilog="""\b
Examples:
  bitext import memory.tmx                         # writes alignments/memory.json
  bitext import memory.tmx --source-lang en --target-lang az --out mem.json
  bitext import project.xlf                        # an XLIFF works the same way
  bitext check alignments/memory.json              # then check and review it
""",
)
@click.argument("tmx_path", metavar="FILE", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path),
    help="Alignment file to write (default: alignments/NAME.json).",
)
@_with(_lang_opts)
@_limit_opt
@_user_errors
def import_(tmx_path: Path, out: Path | None, source_lang: str | None, target_lang: str | None) -> None:
    """Turn an existing TMX or XLIFF into an alignment file, to check and review it.

    Language tags are kept whole (en-US). A file with three or more languages, or one that does not
    say which is the source, needs --source-lang/--target-lang; what was taken is said on stderr.
    """
    from bitext.formats import read_interchange

    alignment, notes = read_interchange(tmx_path, source_lang, target_lang)
    for note in notes:
        _err(f"bitext: {note}")
    target = out or _default_out(tmx_path)
    if out is None:
        _prepare_default(target)
    _save_alignment(alignment, target)
    click.echo(f"wrote {len(alignment.links)} links to {target}")


if __name__ == "__main__":
    run()
