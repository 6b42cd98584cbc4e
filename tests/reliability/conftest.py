"""Fixtures of the reliability tests: small real inputs, and a data folder of the test's own."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest
from reliability_helpers import FPS, _frame, make_clip


@pytest.fixture(scope="package")
def videos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A reference and a performance (3 s each) and a still image, in their own folder."""
    folder = tmp_path_factory.mktemp("inputs")
    image = folder / "still.png"
    assert cv2.imwrite(str(image), _frame(3)[..., ::-1])
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
