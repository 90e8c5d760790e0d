"""An empty cache folder for a cold run that still shares what `make setup` prepares once per machine: the
converted model and the places index (``bitext.checks.places``). Building them is set-up, not the run a
benchmark times, and a user's first run after `make setup` finds both."""

from __future__ import annotations

from pathlib import Path

PREPARED = ("models", "places")


def link_prepared(folder: Path) -> Path:
    """``folder`` (created if missing) with links to the prepared model files and places index."""
    from bitext.checks.places import prepare as prepare_places
    from bitext.encoder import cache_dir, prepare_default_model

    prepare_default_model()
    prepare_places()
    folder.mkdir(parents=True, exist_ok=True)
    for name in PREPARED:
        if (cache_dir() / name).exists() and not (folder / name).exists():
            (folder / name).symlink_to(cache_dir() / name, target_is_directory=True)
    return folder
