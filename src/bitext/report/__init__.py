"""Divergence reports: per document (HTML, CSV, JSON, XLSX), a batch index, and the batch runner.

A front end over the engine like the CLI and the TUI: it reads Alignments and never aligns by itself
(the batch runner is handed an ``align`` function).
"""

from bitext.report.batch import BatchResult, DocumentInput, collect_inputs, run_batch
from bitext.report.document import FORMATS, write_document_report
from bitext.report.index import write_index
from bitext.report.tables import DocumentSummary

__all__ = [
    "FORMATS",
    "BatchResult",
    "DocumentInput",
    "DocumentSummary",
    "collect_inputs",
    "run_batch",
    "write_document_report",
    "write_index",
]
