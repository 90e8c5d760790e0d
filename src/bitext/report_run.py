"""`bitext report`: the batch front end, wiring the pipeline into the report writers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from bitext.errors import InputError
from bitext.model import Alignment
from bitext.pipeline import AlignOptions, align_paths, check_alignment

if TYPE_CHECKING:
    from bitext.encoder import Encoder
    from bitext.report.batch import BatchResult, DocumentInput


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
) -> BatchResult:
    """Align and check every document, write its reports and the index; the result has the exit code
    (2 when a document failed, unless ``keep_going``: then it is counted and the flags decide)."""
    from bitext import alignment_file
    from bitext.report.batch import collect_inputs, run_batch
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
        paths, (src, tgt) = _by_language(doc, options)
        doc_options = replace(
            options,
            source_lang=options.source_lang or src,
            target_lang=options.target_lang or tgt,
            show_progress=False,
        )
        return align_paths(list(paths), doc_options, encoder=encoder())

    inputs = collect_inputs(list(paths))
    result = run_batch(
        inputs,
        out_dir,
        align=align,
        fail_on=fail_on,  # type: ignore[arg-type]
        progress=True,
        formats=tuple(formats) if formats else FORMATS,
        csv_bom=csv_bom,
        keep_going=keep_going,
    )
    return result
