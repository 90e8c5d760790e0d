"""Fixtures of the hostile-input suite: a full disk, a read-only folder, the real encoder loaded once.

A full disk is a 64 KB tmpfs and a read-only folder a tmpfs remounted read-only; both need the right to
mount (root, or a user namespace). Where mounting is not permitted the tests that need it are skipped,
and say why.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bitext.encoder import Encoder

SMALL_DISK = "64k"


def _mount(target: Path, options: str) -> str | None:
    """Mount a tmpfs on ``target``; None on success, else why not."""
    if shutil.which("mount") is None:
        return "no mount command on this machine"
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True, text=True
    )
    if done.returncode != 0:
        return f"mounting a tmpfs is not permitted here ({done.stderr.strip() or done.returncode})"
    return None


def _unmount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], capture_output=True)


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on a 64 KB file system that is already full (a filler file takes every block)."""
    target = tmp_path / "small-disk"
    target.mkdir()
    why = _mount(target, f"size={SMALL_DISK},mode=0777")
    if why:
        pytest.skip(why)
    try:
        with (target / "filler").open("wb", buffering=0) as fh:
            try:
                while fh.write(b"\0" * 4096):
                    pass
            except OSError:
                pass
        yield target
    finally:
        _unmount(target)


@pytest.fixture
def readonly_dir(tmp_path: Path) -> Iterator[Path]:
    """A folder that accepts files until ``make_readonly(folder)`` remounts it read-only."""
    target = tmp_path / "ro-disk"
    target.mkdir()
    why = _mount(target, "size=4m,mode=0777")
    if why:
        pytest.skip(why)
    try:
        yield target
    finally:
        _unmount(target)


@pytest.fixture(scope="session")
def shared_encoder() -> Encoder:
    """The real default encoder, loaded once for the whole suite."""
    from bitext.encoder import load_encoder

    return load_encoder()


@pytest.fixture
def encoder(shared_encoder: Encoder, monkeypatch: pytest.MonkeyPatch) -> Encoder:
    """Every load_encoder() in the code under test returns the shared real encoder."""
    import bitext.encoder

    monkeypatch.setattr(bitext.encoder, "load_encoder", lambda *a, **k: shared_encoder)
    return shared_encoder
