"""A live session on a reference as users have them: 60 frames a second, bigger than shown.

The session analyses the reference at the camera's 30 frames a second; the frames in between
are not needed (decoded, never converted, not counted as skipped) and their slots hold the
analysed pose, so the final report is the one a full analysis gives. ``bench live --cached``
reads an imported reference instead of running its model."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from dancelike.commands import bench_live
from dancelike.engine import Session, SessionOptions
from dancelike.pipeline.score_files import score_videos
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_performance

SECONDS = 6.0
START = 2.0


#: Analysis caches and sessions go to a temporary data folder (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("data_home")


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hd")
    paths = {"reference": folder / "reference60.mp4", "good": folder / "good.mp4"}
    render_performance(paths["reference"], "groove", Dancer(), Scene(width=960, height=720, fps=60, person=0, room=0), duration=SECONDS, start=START)
    render_performance(paths["good"], "groove", Dancer(offset=0.15, sloppiness=0.3, seed=1), Scene(person=2, room=1, x=0.42, size=0.64), duration=SECONDS, start=START)
    return paths


@pytest.mark.slow
def test_a_60_fps_reference_is_analysed_at_30_and_scored_as_a_full_analysis_would(clips: dict[str, Path]) -> None:
    session = Session(clips["reference"], str(clips["good"]), SessionOptions(use_cache=False))
    session.start()
    result = session.wait(60)
    assert result is not None and result.ok and result.report is not None
    stats = result.stats
    presented, skipped, not_needed = stats["reference_presented"], stats["reference_skipped"], stats["reference_not_needed"]
    # 30 frames a second were needed (a busy machine may skip some of those); the other 30 were not
    assert presented + skipped == pytest.approx(SECONDS * 30, rel=0.1) and not_needed == pytest.approx(SECONDS * 30, rel=0.1)
    assert stats["reference_skipped_pct"] == pytest.approx(100 * skipped / (presented + skipped), abs=0.01)  # not needed is not skipped
    report = result.report
    assert len(report.frame_scores) == pytest.approx(SECONDS * 60, abs=3)  # the report counts the video's own frames
    offline = score_videos(str(clips["reference"]), str(clips["good"]), use_cache=False)  # every frame analysed
    assert abs(report.score - offline.report.score) <= 3.0, (report.score, offline.report.score)


@pytest.mark.slow
def test_bench_live_cached_reads_the_imported_reference(clips: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_live, "CAPACITY_SECONDS", 1.0)
    out = tmp_path / "live.json"
    args = argparse.Namespace(seconds=1.5, json=str(out), camera=str(clips["good"]), reference=str(clips["reference"]), hd=False, cached=True)
    assert bench_live.run_live(args) == 0
    figures = json.loads(out.read_text())
    assert figures["reference_cached"] is True and figures["session"]["reference_analysed"] == 0
    assert 0 < figures["cpu_pct"] <= 200 and "cpu_pct" in figures["targets"] and figures["target_rules"]["latency_ms_p95"] == "<= 40"
    assert figures["sizes"]["reference"] == "960x720 at 60 fps"


@pytest.mark.slow
def test_an_imported_big_reference_plays_from_its_playback_copy(clips: dict[str, Path], tmp_path: Path) -> None:
    """Importing (here: ``bench live``'s caching, as an import does) keeps a playback copy of a
    reference bigger than shown; the session plays its frames from it, the music and the analysis
    from the original, and scores as the video itself would."""
    from dancelike.store import analysis_cache

    bench_live.cache_reference(clips["reference"], io.StringIO())
    copy = analysis_cache.proxy_file(analysis_cache.content_key(clips["reference"]))
    assert copy.is_file()
    session = Session(clips["reference"], str(clips["good"]), SessionOptions(use_cache=True))
    assert session.player is None  # made when the session starts
    session.start()
    result = session.wait(60)
    assert result is not None and result.ok and result.report is not None and session.player is not None
    assert session.player.picture == copy and (session.player.width, session.player.height) == (720, 540)
    assert result.stats["reference_presented"] == pytest.approx(SECONDS * 30, rel=0.1)
    copy.write_bytes(b"not a video")  # a damaged copy: the original plays
    again = Session(clips["reference"], str(clips["good"]), SessionOptions(use_cache=True))
    again.start()
    second = again.wait(60)
    assert second is not None and second.ok and second.report is not None and again.player is not None
    assert again.player.picture == clips["reference"]
    assert abs(second.report.score - result.report.score) <= 3.0, (second.report.score, result.report.score)
