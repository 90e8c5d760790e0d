"""``python -m bitext.tui PATH [--readonly]``: the review TUI without the CLI."""

from __future__ import annotations

import sys
from pathlib import Path

from bitext.tui import run_review


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    paths = [a for a in args if not a.startswith("--")]
    if len(paths) != 1:
        print("usage: python -m bitext.tui PATH [--readonly]", file=sys.stderr)
        return 2
    return run_review(Path(paths[0]), readonly="--readonly" in args)


if __name__ == "__main__":
    sys.exit(main())
