"""A clip shorter than a second with a dancer in every frame has that dancer, whatever the command:
``analyze`` with ``--all-dancers`` or ``--dancer``, and ``score`` (which used to give 0, exit 0)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from reliability_helpers import run

from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_performance

SECONDS = 0.6


@pytest.fixture(scope="module")
def short_clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("short")
    clips = {name: folder / f"{name}.mp4" for name in ("reference", "performance")}
    for path in clips.values():
        render_performance(path, "groove", Dancer(), Scene(width=320, height=240), duration=SECONDS)
    return clips


def test_every_dancer_of_a_short_clip_is_found(short_clips: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    result = run("analyze", short_clips["performance"], "--all-dancers", "--json", out)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(out.read_text())["dancers"]) == 1
    chosen = run("analyze", short_clips["performance"], "--dancer", "1", "--json", tmp_path / "one.json")
    assert chosen.returncode == 0, chosen.stderr


def test_a_short_clip_scores_its_dancer(short_clips: dict[str, Path]) -> None:
    result = run("score", short_clips["reference"], short_clips["performance"], "--json", "-")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["score"] > 50, report["warnings"]  # the same dance, danced the same: not 0
