"""Fixtures of the reliability tests: small real inputs, and a data folder of the test's own."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest
from reliability_helpers import FPS, clip_frame, make_clip


@pytest.fixture(scope="package")
def videos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A reference and a performance (3 s each) and a still image, in their own folder."""
    folder = tmp_path_factory.mktemp("inputs")
    image = folder / "still.png"
    assert cv2.imwrite(str(image), clip_frame(3)[..., ::-1])
    return {
        "reference": make_clip(folder / "reference.mp4", 3 * FPS),
        "performance": make_clip(folder / "performance.mp4", 3 * FPS),
        "image": image,
    }


@pytest.fixture(autouse=True)
def own_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Analysis caches go to the test's folder, never the user's (subprocesses inherit it)."""
    home = tmp_path / "home"
    monkeypatch.setenv("DANCELIKE_HOME", str(home))
    return home


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB file system (tmpfs); skipped where it cannot be mounted (not root, not Linux)."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    mount, umount = shutil.which("mount"), shutil.which("umount")
    if not (mount and umount) or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run([mount, "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run([umount, str(folder)], capture_output=True, check=False)
