"""`bitext report`: the batch front end, wiring the pipeline into the report writers.

Three ways to run the documents, each loading the model once per worker and sharing the on-disk
caches (SQLite, safe for several processes on one machine). The unit of work is a group of documents
(``group_documents``) whose sentences a worker embeds in one pass:

- in this process, one group after another (``jobs=1``);
- in ``jobs`` worker processes on this machine, the encoder's threads split between them;
- on a Dask cluster (``engine="dask"``): an existing one at ``address``, or a local one started for the
  run. Each worker process holds its own encoder; documents are read and reports written by the
  workers, so inputs and the output folder must be on storage every worker sees.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bitext.errors import InputError
from bitext.model import Alignment
from bitext.pipeline import (
    AlignOptions,
    Reading,
    align_paths,
    align_reading,
    check_alignment,
    embed_ahead,
    embed_check_extras,
    finish_reading,
    link_reading,
    read_document,
)

if TYPE_CHECKING:
    from bitext.encoder import Encoder
    from bitext.report.batch import BatchResult, DocumentInput, Mapper
    from bitext.report.tables import DocumentSummary

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class Job:
    """What every worker needs to report on a document: where to write, in which formats, how."""

    out_dir: Path
    formats: tuple[str, ...]
    options: AlignOptions
    csv_bom: bool = False


def _by_language(
    doc: DocumentInput, options: AlignOptions
) -> tuple[tuple[Path, ...], tuple[str | None, ...]]:
    """The document's files in (source, target) order: a language given for a side picks the file
    tagged with it (X.en.txt for --source-lang en), whatever order the names or sizes suggest."""
    langs = (*doc.langs, None, None)[:2]
    if doc.kind != "pair" or not all(langs):
        return doc.paths, langs
    tags = [_base(tag) for tag in langs if tag]
    for wanted, first in ((options.source_lang, True), (options.target_lang, False)):
        if not wanted:
            continue
        if _base(wanted) not in tags:
            names = " and ".join(p.name for p in doc.paths)
            raise InputError(
                f"{names} are tagged {' and '.join(tags)}; the language {wanted!r} given for the "
                f"{'source' if first else 'target'} names neither file"
            )
        at = tags.index(_base(wanted))
        order = (at, 1 - at) if first else (1 - at, at)
        return tuple(doc.paths[i] for i in order), tuple(langs[i] for i in order)
    return doc.paths, langs


def _base(code: str) -> str:
    from bitext.langtags import primary

    return primary(code)


def run_reports(
    paths: Sequence[Path],
    out_dir: Path,
    options: AlignOptions,
    *,
    fail_on: str | None = None,
    formats: Sequence[str] | None = None,
    csv_bom: bool = False,
    keep_going: bool = False,
    jobs: int = 1,
    engine: str = "local",
    address: str | None = None,
    progress: bool = True,
) -> BatchResult:
    """Align and check every document, write its reports and the index; the result has the exit code
    (2 when a document failed, unless ``keep_going``: then it is counted and the flags decide)."""
    from bitext.report.batch import collect_inputs, run_batch
    from bitext.report.document import FORMATS

    if jobs < 1:
        raise InputError(f"--jobs must be at least 1, not {jobs}")
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    if address and engine != "dask":
        raise InputError("--address names a cluster: give it with --engine dask")
    job = Job(out_dir, tuple(formats) if formats else FORMATS, replace(options, show_progress=False), csv_bom)
    inputs = collect_inputs(list(paths))
    mapper: Mapper
    if engine == "dask":
        mapper = DaskMapper(job, jobs, address)
    elif jobs > 1 and len(inputs) > 1:
        mapper = ProcessMapper(job, jobs)
    else:
        mapper = LocalMapper(job)
    return run_batch(
        inputs,
        out_dir,
        fail_on=fail_on,  # type: ignore[arg-type]
        progress=progress,
        formats=job.formats,
        csv_bom=csv_bom,
        keep_going=keep_going,
        mapper=mapper,
    )


def align_document(doc: DocumentInput, options: AlignOptions, encoder: Encoder) -> Alignment:
    """The checked alignment of one input: aligned from its files, or loaded and checked again."""
    from bitext import alignment_file

    if doc.kind == "alignment":
        return check_alignment(
            alignment_file.load(doc.paths[0]),
            glossary=options.glossary,
            encoder=encoder,
            antonym_swaps=options.antonym_swaps,
        )
    if doc.kind == "interchange":
        return align_paths(list(doc.paths), options, encoder=encoder)  # its own units, checked
    reading, doc_options = read_input(doc, options, encoder)
    return align_reading(reading, doc_options, encoder)


def read_input(doc: DocumentInput, options: AlignOptions, encoder: Encoder) -> tuple[Reading, AlignOptions]:
    """A document of files (kind "pair" or "single") read into its two sides, not yet embedded, and the
    options it is aligned with: the languages its file names give, where the user gave none."""
    paths, (src, tgt) = _by_language(doc, options)
    doc_options = replace(
        options, source_lang=options.source_lang or src, target_lang=options.target_lang or tgt
    )
    return read_document(list(paths), doc_options, encoder), doc_options


_local = threading.local()


def worker_encoder(options: AlignOptions) -> Encoder:
    """This process's (and thread's) encoder for ``options``: made once, its model loaded once."""
    from bitext.encoder import load_encoder

    key = (options.model, options.fast, options.threads)
    held: dict[tuple[Any, ...], Encoder] = getattr(_local, "encoders", None) or {}
    _local.encoders = held
    if key not in held:
        held[key] = load_encoder(options.model, fast=options.fast, threads=options.threads)
    return held[key]


def report_group(docs: Sequence[DocumentInput], job: Job, generated: str) -> list[DocumentSummary]:
    """The reports of a group of documents (``group_documents``), in whatever process runs them: the
    unit of work of every engine."""
    return list(reports_of_group(docs, job, generated))


def reports_of_group(docs: Sequence[DocumentInput], job: Job, generated: str) -> Iterator[DocumentSummary]:
    """Each document's report as it is written. The sentences of all of them are embedded in one pass
    (``embed_ahead``), then all are aligned, what their checks embed beyond the sentences is embedded
    in one pass too (``embed_check_extras``), and each document is checked and written."""
    from bitext.errors import BitextError
    from bitext.report.batch import report_document

    encoder = worker_encoder(job.options)
    readings: dict[str, tuple[Reading, AlignOptions] | BitextError] = {}
    try:
        for doc in docs:
            if doc.kind in ("pair", "single"):
                try:
                    readings[doc.name] = read_input(doc, job.options, encoder)
                except BitextError as exc:  # reported with the document, below
                    readings[doc.name] = exc
        read = [r[0] for r in readings.values() if isinstance(r, tuple)]
        if len(read) > 1:
            # A document whose embedding fails meets the same failure on its own, and reports it.
            with contextlib.suppress(BitextError):
                embed_ahead(read, job.options, encoder)
        linked: dict[str, Alignment | BitextError] = {}
        for doc in docs:
            found = readings.get(doc.name)
            if isinstance(found, tuple):
                try:
                    linked[doc.name] = link_reading(*found, encoder)
                except BitextError as exc:
                    linked[doc.name] = exc
        aligned = [a for a in linked.values() if isinstance(a, Alignment)]
        ahead = len(aligned) > 1
        if ahead:
            # Likewise: without them, each document's checks embed what they need themselves.
            with contextlib.suppress(BitextError):
                embed_check_extras(aligned, job.options, encoder)

        def align(doc: DocumentInput) -> Alignment:
            found, alignment = readings.get(doc.name), linked.get(doc.name)
            for fault in (found, alignment):
                if isinstance(fault, BitextError):
                    raise fault
            if not isinstance(found, tuple) or not isinstance(alignment, Alignment):
                return align_document(doc, job.options, encoder)  # an alignment file, a TMX or XLIFF
            reading, options = found
            return finish_reading(reading, alignment, options, encoder, extras_embedded=ahead)

        for doc in docs:
            yield report_document(
                doc, job.out_dir, align, job.formats, csv_bom=job.csv_bom, generated=generated
            )
    finally:
        encoder.forget()  # vectors are per group: a worker's memory stays flat


# A group holds about this much input (NTREX's news documents are about 5 KB a pair). The encoder fills
# its batches with sentences of like length from the whole group, which one short document cannot: on
# NTREX a pass over one document at a time costs about a quarter more than one over groups of 15.
GROUP_BYTES = 128 * 1024


def group_documents(inputs: Sequence[DocumentInput], workers: int) -> list[list[DocumentInput]]:
    """``inputs`` in groups of about GROUP_BYTES, at least two for each of several ``workers`` and a
    multiple of their number, of near-equal size (largest first into the lightest group), so that
    the workers finish together; the largest groups come first."""
    import math

    sized = [(doc, _size(doc)) for doc in _largest_first(inputs)]
    total = sum(size for _, size in sized)
    rounds = max(2 if workers > 1 else 1, math.ceil(total / (GROUP_BYTES * workers)))
    count = max(1, min(len(sized), workers * rounds))
    groups: list[list[DocumentInput]] = [[] for _ in range(count)]
    loads = [0] * count
    for doc, size in sized:
        lightest = loads.index(min(loads))
        groups[lightest].append(doc)
        loads[lightest] += size
    return [groups[k] for k in sorted(range(count), key=lambda k: -loads[k]) if groups[k]]


def _largest_first(inputs: Sequence[DocumentInput]) -> list[DocumentInput]:
    """Long documents first, so no worker is left with a long one at the end while others idle."""
    return sorted(inputs, key=_size, reverse=True)


def _size(doc: DocumentInput) -> int:
    total = 0
    for p in doc.paths:
        with contextlib.suppress(OSError):
            total += p.stat().st_size
    return total


class LocalMapper:
    """The documents in this process, one group after another, each report counted as it is written."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def __call__(self, inputs: Sequence[DocumentInput], generated: str) -> Iterator[DocumentSummary]:
        for group in group_documents(inputs, 1):
            yield from reports_of_group(group, self.job, generated)


def _threads_each(workers: int) -> int:
    return max(1, (os.cpu_count() or 1) // workers)


# numpy's BLAS reads its thread count from these when it loads; unset, it takes every core
_BLAS_THREADS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@contextlib.contextmanager
def _blas_threads(threads: int) -> Iterator[None]:
    """Workers started meanwhile give numpy's BLAS (the aligner's and the checks' matrix products) the
    same share of the cores as their encoder, unless the user set its thread count: two workers on two
    cores, each with BLAS threads for every core, would fight over them."""
    unset = [var for var in _BLAS_THREADS if var not in os.environ]
    os.environ.update({var: str(threads) for var in unset})
    try:
        yield
    finally:
        for var in unset:
            os.environ.pop(var, None)


class ProcessMapper:
    """``jobs`` worker processes on this machine, each with its own encoder and its share of the cores."""

    def __init__(self, job: Job, jobs: int) -> None:
        threads = job.options.threads or _threads_each(jobs)
        self.job = replace(job, options=replace(job.options, threads=threads))
        self.jobs = jobs

    def __call__(self, inputs: Sequence[DocumentInput], generated: str) -> Iterator[DocumentSummary]:
        import multiprocessing

        # spawn, not fork: a worker must not inherit a parent's engine threads or open SQLite handles
        context = multiprocessing.get_context("spawn")
        with (
            _blas_threads(self.job.options.threads or 1),
            ProcessPoolExecutor(max_workers=min(self.jobs, len(inputs)), mp_context=context) as pool,
        ):
            futures: list[Future[list[DocumentSummary]]] = [
                pool.submit(report_group, group, self.job, generated)
                for group in group_documents(inputs, self.jobs)
            ]
            try:
                for future in as_completed(futures):
                    yield from future.result()
            except BaseException:
                for future in futures:
                    future.cancel()
                raise


class DaskMapper:
    """Documents as tasks on a Dask cluster; each worker process keeps one encoder for all of its tasks.

    With no ``address`` a local cluster of ``jobs`` single-threaded worker processes is started for the
    run and stopped after it. On an existing cluster, run one worker process per core (``dask worker
    ADDRESS --nworkers N --nthreads 1``): each encoder then uses one thread, unless ``--threads`` says
    otherwise.
    """

    def __init__(self, job: Job, jobs: int, address: str | None) -> None:
        threads = job.options.threads or (1 if address else _threads_each(jobs))
        self.job = replace(job, options=replace(job.options, threads=threads))
        self.jobs = jobs
        self.address = address

    def __call__(self, inputs: Sequence[DocumentInput], generated: str) -> Iterator[DocumentSummary]:
        import importlib

        try:
            distributed: Any = importlib.import_module("dask.distributed")
        except ImportError:
            raise InputError("--engine dask needs Dask distributed: pip install 'bitext[cluster]'") from None
        cluster = None
        try:
            if self.address:
                client = distributed.Client(self.address, timeout="30s")
            else:
                cluster = distributed.LocalCluster(
                    n_workers=self.jobs, threads_per_worker=1, processes=True, dashboard_address=None
                )
                client = distributed.Client(cluster)
        except OSError as exc:
            raise InputError(f"cannot reach the Dask cluster at {self.address}: {exc}") from None
        try:
            groups = group_documents(inputs, self._workers(client))
            # pure=False: two runs over the same documents are two tasks (their files may have changed)
            futures = client.map(report_group, groups, job=self.job, generated=generated, pure=False)
            for future in distributed.as_completed(futures):
                yield from future.result()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _workers(self, client: Any) -> int:
        """The cluster's worker processes: ``jobs`` for a local one; an existing one has its own count."""
        if not self.address:
            return self.jobs
        return max(1, len(client.scheduler_info().get("workers", {})))
