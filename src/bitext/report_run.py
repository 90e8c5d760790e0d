"""`bitext report`: the batch front end, wiring the pipeline into the report writers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from bitext.model import Alignment
from bitext.pipeline import AlignOptions, align_paths, check_alignment

if TYPE_CHECKING:
    from bitext.encoder import Encoder
    from bitext.report.batch import BatchResult


def run_reports(
    paths: Sequence[Path],
    out_dir: Path,
    options: AlignOptions,
    *,
    fail_on: str | None = None,
    formats: Sequence[str] | None = None,
    csv_bom: bool = False,
) -> BatchResult:
    """Align and check every document, write its reports and the index; the result has the exit code."""
    from bitext import alignment_file
    from bitext.report.batch import DocumentInput, collect_inputs, run_batch
    from bitext.report.document import FORMATS

    loaded: list[Encoder] = []  # the model, loaded for the first document and kept for the rest

    def encoder() -> Encoder:
        if not loaded:
            from bitext.encoder import load_encoder

            loaded.append(load_encoder(options.model))
        return loaded[0]

    def align(doc: DocumentInput) -> Alignment:
        if doc.kind == "alignment":
            return check_alignment(
                alignment_file.load(doc.paths[0]), glossary=options.glossary, encoder=encoder()
            )
        if doc.kind == "interchange":
            from bitext.formats import read_interchange

            imported, _ = read_interchange(doc.paths[0], options.source_lang, options.target_lang)
            return check_alignment(imported, model=options.model, glossary=options.glossary)
        src, tgt = (*doc.langs, None, None)[:2]
        doc_options = replace(
            options,
            source_lang=options.source_lang or src,
            target_lang=options.target_lang or tgt,
            show_progress=False,
        )
        return align_paths(list(doc.paths), doc_options, encoder=encoder())

    inputs = collect_inputs(list(paths))
    result = run_batch(
        inputs,
        out_dir,
        align=align,
        fail_on=fail_on,  # type: ignore[arg-type]
        progress=True,
        formats=tuple(formats) if formats else FORMATS,
        csv_bom=csv_bom,
    )
    return result
