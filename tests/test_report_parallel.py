"""`bitext report` on several workers: the same reports as one process, one model load per worker, a
shared cache, and a local Dask cluster that starts and stops with the run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bitext.pipeline import AlignOptions
from bitext.report_run import run_reports

pytestmark = pytest.mark.model

DOCS = {
    "library": (
        ["The library opens at nine in the morning.", "It closes at six in the evening."],
        ["Kitabxana səhər saat doqquzda açılır.", "Axşam saat altıda bağlanır."],
    ),
    "garden": (
        ["We planted apple trees in the garden.", "They gave fruit after three years."],
        ["Biz bağda alma ağacları əkdik.", "Onlar üç ildən sonra meyvə verdi."],
    ),
    "train": (
        ["The train to Ganja leaves at noon.", "The journey takes five hours.", "Tickets cost 20 manat."],
        ["Gəncəyə gedən qatar günortada yola düşür.", "Səfər beş saat çəkir.", "Biletlər 25 manatdır."],
    ),
}


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from bitext.encoder import cache_dir, prepare_default_model

    prepare_default_model(fast=False)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "models").symlink_to(cache_dir() / "models")  # the prepared model, no vectors yet
    monkeypatch.setenv("BITEXT_CACHE", str(cache))
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, (en, az) in DOCS.items():
        (folder / f"{name}.en.txt").write_text("\n".join(en) + "\n", encoding="utf-8")
        (folder / f"{name}.az.txt").write_text("\n".join(az) + "\n", encoding="utf-8")
    return folder


def _index(out: Path) -> list[dict[str, object]]:
    rows = json.loads((out / "index.json").read_text(encoding="utf-8"))["documents"]
    return [{k: v for k, v in row.items() if k not in ("files",)} for row in rows]


OPTIONS = AlignOptions(mode="translation", presegmented=True)


def test_two_workers_write_what_one_process_writes(corpus: Path, tmp_path: Path) -> None:
    run_reports([corpus], tmp_path / "one", OPTIONS, formats=["json"], jobs=1, progress=False)
    run_reports([corpus], tmp_path / "two", OPTIONS, formats=["json"], jobs=2, progress=False)
    one, two = _index(tmp_path / "one"), _index(tmp_path / "two")
    assert [row["name"] for row in one] == sorted(DOCS)  # the index keeps input order
    assert one == two
    train = next(row for row in two if row["name"] == "train")
    assert train["links"] == 3 and not train["error"]
    assert (tmp_path / "two" / "train.json").is_file()


def test_a_local_dask_cluster_runs_the_batch_and_is_gone_after(corpus: Path, tmp_path: Path) -> None:
    psutil = pytest.importorskip("psutil")
    pytest.importorskip("dask.distributed")
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    run_reports([corpus], tmp_path / "one", OPTIONS, formats=["json"], progress=False)
    run_reports([corpus], tmp_path / "dask", OPTIONS, formats=["json"], jobs=2, engine="dask", progress=False)
    assert _index(tmp_path / "dask") == _index(tmp_path / "one")
    left = [p for p in psutil.Process().children(recursive=True) if p.pid not in before and p.is_running()]
    assert not [p for p in left if p.status() != psutil.STATUS_ZOMBIE]


def _blas_threads_here() -> int:
    import numpy  # noqa: F401  (loads the BLAS whose threads are counted)
    from threadpoolctl import threadpool_info

    return max(int(pool["num_threads"]) for pool in threadpool_info() if pool["user_api"] == "blas")


def test_a_worker_gives_numpy_blas_its_share_of_the_cores_unless_the_user_set_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    from bitext.report_run import _blas_threads

    pytest.importorskip("threadpoolctl")
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        monkeypatch.delenv(var, raising=False)
    context = multiprocessing.get_context("spawn")
    with _blas_threads(1), ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        assert pool.submit(_blas_threads_here).result() == 1
    assert "OPENBLAS_NUM_THREADS" not in os.environ  # the parent's environment is as it was
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")
    with _blas_threads(1):
        assert os.environ["OPENBLAS_NUM_THREADS"] == "2" and os.environ["OMP_NUM_THREADS"] == "1"
    assert os.environ["OPENBLAS_NUM_THREADS"] == "2" and "OMP_NUM_THREADS" not in os.environ


def test_a_group_embeds_its_documents_in_one_pass_and_reports_each(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bitext import report_run
    from bitext.report import collect_inputs
    from bitext.report_run import Job, report_group, worker_encoder

    monkeypatch.setattr(report_run._local, "encoders", {}, raising=False)  # one that uses this cache
    (corpus / "broken.en.txt").write_text("Only English here.\n", encoding="utf-8")
    (corpus / "broken.az.txt").write_text("\n\n", encoding="utf-8")  # no text at all
    docs = collect_inputs([corpus])
    job = Job(tmp_path / "out", ("json",), OPTIONS)
    (tmp_path / "out").mkdir()
    engine = worker_encoder(job.options).engine
    passes: list[list[str]] = []
    embed = engine.embed

    def counted(texts: list[str], **kwargs: object) -> object:
        passes.append(list(texts))
        return embed(texts, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "embed", counted)
    summaries = {s.name: s for s in report_group(docs, job, "2026-12-05 00:00 UTC")}
    sentences = {line for en, az in DOCS.values() for line in (*en, *az)}
    assert sentences <= set(passes[0])  # every sentence of the group in the first pass
    assert not any(sentences & set(texts) for texts in passes[1:])  # and none of them again
    assert "broken.az.txt" in (summaries["broken"].error or "")  # one document's fault is its own
    assert {name: s.links for name, s in summaries.items() if name != "broken"} == {
        "garden": 2,
        "library": 2,
        "train": 3,
    }
    assert (tmp_path / "out" / "train.json").is_file()


def test_the_checks_of_a_group_find_what_they_embed_embedded_ahead(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bitext.checks import opposite, run_checks
    from bitext.encoder import load_encoder
    from bitext.pipeline import embed_check_extras, link_reading, read_document

    monkeypatch.setattr(opposite, "_WORD_SIM_CACHE", {})  # words an earlier test embedded are not kept

    docs = {
        "market": (
            ["The eastern part of the country is dry.", "The market opens early and closes late."],
            ["Ölkənin qərb hissəsi quraqdır.", "Bazar tez açılır və gec bağlanır."],
        ),
        "museum": (
            ["The old bridge was rebuilt in a short time.", "Visitors were happy with the new museum."],
            ["Köhnə körpü qısa müddətdə yenidən quruldu.", "Ziyarətçilər yeni muzeydən narazı qaldılar."],
        ),
    }
    options = AlignOptions(mode="translation", presegmented=True, source_lang="en", target_lang="az")
    encoder = load_encoder()
    alignments = []
    for name, (en, az) in docs.items():
        paths = [tmp_path / f"{name}.en.txt", tmp_path / f"{name}.az.txt"]
        for path, lines in zip(paths, (en, az), strict=True):
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        alignments.append(link_reading(read_document(paths, options, encoder), options, encoder))
    engine = encoder.engine
    passes: list[list[str]] = []
    for method in ("embed", "word_vectors"):
        real = getattr(engine, method)

        def counted(texts: list[str], *args: object, _real: Any = real, **kwargs: object) -> object:
            passes.append(list(texts))
            return _real(texts, *args, **kwargs)

        monkeypatch.setattr(engine, method, counted)
    embed_check_extras(alignments, options, encoder)
    assert len(passes) == 1  # the opposite check's single words ("opens" against "closes"), in one pass
    ahead = [run_checks(a, encoder=encoder, extras_embedded=True) for a in alignments]
    assert len(passes) == 1  # the checks found them embedded
    plain = [run_checks(a, encoder=load_encoder()) for a in alignments]  # each document on its own

    def flags(checked: list[Any]) -> list[list[object]]:
        return [[link.flags for link in a.links] for a in checked]

    assert flags(ahead) == flags(plain)
