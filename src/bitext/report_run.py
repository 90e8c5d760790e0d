"""`bitext report`: the batch front end, wiring the pipeline into the report writers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bitext.model import Alignment
from bitext.pipeline import AlignOptions, align_paths


def run_reports(
    paths: Sequence[Path],
    out_dir: Path,
    options: AlignOptions,
    *,
    fail_on: str | None = None,
    formats: Sequence[str] | None = None,
) -> int:
    from bitext import alignment_file
    from bitext.report.batch import DocumentInput, collect_inputs, run_batch

    def align(doc: DocumentInput) -> Alignment:
        if doc.alignment is not None:
            from bitext.pipeline import check_alignment

            return check_alignment(alignment_file.load(doc.alignment), model=options.model, glossary=options.glossary)
        return align_paths(list(doc.paths), replace(options, show_progress=False))

    inputs = collect_inputs(list(paths))
    result = run_batch(inputs, out_dir, align=align, fail_on=fail_on, progress=True, formats=formats)  # type: ignore[arg-type]
    return result.exit_code
