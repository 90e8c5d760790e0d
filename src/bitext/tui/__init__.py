"""The review TUI (Textual). Nothing in the engine imports this package.

``run_review`` imports the app lazily so that ``bitext --help`` never pays for Textual.
"""

from __future__ import annotations

from pathlib import Path


def run_review(path: Path, *, readonly: bool = False) -> int:
    """Review an alignment file (or align+check a document first); return the exit code."""
    import sys

    from bitext.tui.app import ReviewApp

    app = ReviewApp(Path(path), readonly=readonly)
    result = app.run()
    if app.failure:
        print(f"bitext: error: {app.failure}", file=sys.stderr)
    return app.return_code if app.return_code is not None else (result or 0)


__all__ = ["run_review"]
