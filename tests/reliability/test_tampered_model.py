"""A model file altered after installation: one line naming it and how to restore it, whatever
the number of worker processes (two workers used to print a traceback each and then
"BrokenProcessPool")."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from reliability_helpers import make_clip, run

from dancelike.errors import SetupError
from dancelike.pipeline.analysis import AnalysisPool
from dancelike.vision import model_files
from dancelike.vision.landmarks import LANDMARK_MODEL

REPO = Path(__file__).resolve().parents[2]


def _tampered_install(folder: Path) -> Path:
    """A copy of the package whose landmark model has one byte flipped (same size)."""
    shutil.copytree(REPO / "dancelike", folder / "dancelike", ignore=shutil.ignore_patterns("__pycache__"))
    models = folder / "dancelike" / "models"
    models.mkdir(exist_ok=True)
    for model in (REPO / "models").glob("*.tflite"):
        shutil.copy(model, models / model.name)
    (models / "__init__.py").write_text("")
    landmark = models / LANDMARK_MODEL  # the one the tracker runs
    data = bytearray(landmark.read_bytes())
    data[len(data) // 2] ^= 0xFF
    landmark.write_bytes(bytes(data))
    return folder


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_tampered_model_is_one_line_with_any_number_of_workers(tmp_path: Path, workers: str) -> None:
    install = _tampered_install(tmp_path / "install")
    clip = make_clip(tmp_path / "clip.mp4")
    command = [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(install)!r}); from dancelike.cli import main; sys.exit(main(sys.argv[1:]))"]
    result = run("bench", "analyze", clip, "--workers", workers, command=command, cwd=tmp_path)
    assert result.returncode == 1, result.stderr  # an incomplete installation (README: exit codes)
    assert "Traceback" not in result.stderr and "BrokenProcessPool" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "model file altered" in lines[0] and LANDMARK_MODEL in lines[0], result.stderr


def test_the_pool_checks_the_models_before_starting_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install = _tampered_install(tmp_path / "install")
    monkeypatch.setattr(model_files, "models_dir", lambda: install / "dancelike" / "models")
    monkeypatch.setattr(model_files, "_verified", {})
    with pytest.raises(SetupError, match="model file altered"):
        AnalysisPool(2)
