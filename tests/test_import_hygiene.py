"""The engine is reachable without the TUI, and `bitext --help` does not pay for torch."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "bitext.model",
    "bitext.alignment_file",
    "bitext.pipeline",
    "bitext.align",
    "bitext.checks",
    "bitext.ingest",
    "bitext.encoder",
    "bitext.formats",
    "bitext.review",
    "bitext.review.session",
    "bitext.review.view",
    "bitext.review.relink",
    "bitext.text",
]


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(out.stdout.split())


def test_core_modules_never_import_textual() -> None:
    for module in CORE:
        loaded = _modules_after(f"import {module}")
        assert "textual" not in loaded, module
        assert "bitext.tui" not in loaded, module


def test_cli_import_is_light() -> None:
    loaded = _modules_after("import bitext.cli")
    for heavy in ("torch", "sentence_transformers", "transformers", "lingua", "lxml", "textual", "numpy"):
        assert heavy not in loaded, heavy


def test_help_runs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "bitext.cli", "--help"], capture_output=True, text=True, check=True
    )
    for verb in ("align", "check", "report", "review", "export", "import"):
        assert verb in out.stdout
