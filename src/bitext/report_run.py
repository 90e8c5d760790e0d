"""`bitext report`: the batch front end, wiring the pipeline into the report writers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bitext.model import Alignment
from bitext.pipeline import AlignOptions, align_paths, check_alignment


def run_reports(
    paths: Sequence[Path],
    out_dir: Path,
    options: AlignOptions,
    *,
    fail_on: str | None = None,
    formats: Sequence[str] | None = None,
) -> int:
    """Align and check every document, write its reports and the index; return the exit code."""
    from bitext import alignment_file
    from bitext.report.batch import DocumentInput, collect_inputs, run_batch
    from bitext.report.document import FORMATS

    def align(doc: DocumentInput) -> Alignment:
        if doc.kind == "alignment":
            return check_alignment(
                alignment_file.load(doc.paths[0]), model=options.model, glossary=options.glossary
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
        return align_paths(list(doc.paths), doc_options)

    inputs = collect_inputs(list(paths))
    result = run_batch(
        inputs,
        out_dir,
        align=align,
        fail_on=fail_on,  # type: ignore[arg-type]
        progress=True,
        formats=tuple(formats) if formats else FORMATS,
    )
    return result.exit_code
