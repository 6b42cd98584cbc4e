"""A busy computer: the analysers drop frames evenly, the user is told, the rest runs on.

``LoadWatch`` on made-up counts, then a real session whose pose model is slowed down to half
the camera's rate (as another program hogging the cores would): the music, the recording and
every camera frame carry on; the frames analysed are spread evenly; the session says it is busy."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from dancelike.engine import AnalysisLoad, FrameScored, Session, SessionOptions
from dancelike.engine.load import BUSY_FPS, LoadWatch
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_performance
from dancelike.vision.people import PeopleTracker
from dancelike.vision.tracker import PoseTracker


def feed(watch: LoadWatch, seconds: float, analysed_fps: float, offered_fps: float = 30.0, start: tuple[float, int, int] = (0.0, 0, 0)) -> list[bool | None]:
    t0, a0, o0 = start
    answers = []
    for k in range(1, int(seconds * 2) + 1):  # sampled every half second, as the session does
        t = t0 + k * 0.5
        answers.append(watch.sample(t, a0 + int((t - t0) * analysed_fps), o0 + int((t - t0) * offered_fps)))
    return answers


def test_falling_below_20_a_second_is_busy_and_catching_up_clears_it() -> None:
    watch = LoadWatch()
    assert True not in feed(watch, 4, 29.0) and not watch.busy
    answers = feed(watch, 4, 15.0, start=(4.0, 116, 120))
    assert answers.count(True) == 1 and watch.busy and watch.analysed_fps < BUSY_FPS
    assert None in feed(watch, 0.5, 22.0, start=(8.0, 176, 240)) and watch.busy  # between the bars: no flicker
    answers = feed(watch, 4, 29.0, start=(8.5, 187, 255))
    assert answers.count(False) == 1 and not watch.busy


def test_a_slow_camera_is_not_a_busy_computer() -> None:
    watch = LoadWatch()
    assert True not in feed(watch, 6, 15.0, offered_fps=15.0) and not watch.busy


SECONDS = 6.0


#: Analysis caches and sessions go to a temporary data folder (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("data_home")


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("load")
    paths = {"reference": folder / "reference.mp4", "good": folder / "good.mp4"}
    render_performance(paths["reference"], "groove", Dancer(), Scene(person=0, room=0), duration=SECONDS, start=2.0)
    render_performance(paths["good"], "groove", Dancer(offset=0.15, seed=1), Scene(person=2, room=1, x=0.42, size=0.64), duration=SECONDS, start=2.0)
    return paths


@pytest.mark.slow
def test_a_busy_computer_scores_fewer_frames_evenly_and_says_so(clips: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    process, process_all = PoseTracker.process, PeopleTracker.process_all

    def slow(self: PoseTracker, image: object, t: float) -> object:
        time.sleep(0.06)  # the model at a third of its pace: about 12 frames a second
        return process(self, image, t)  # type: ignore[arg-type]

    def slow_all(self: PeopleTracker, image: object, t: float) -> object:
        time.sleep(0.06)  # the camera side's tracker (it follows the learner) just as slow
        return process_all(self, image, t)  # type: ignore[arg-type]

    monkeypatch.setattr(PoseTracker, "process", slow)
    monkeypatch.setattr(PeopleTracker, "process_all", slow_all)
    events: list[object] = []
    session = Session(clips["reference"], str(clips["good"]), SessionOptions(record_to=tmp_path / "take.mp4", use_cache=False), on_event=events.append)
    session.start()
    result = session.wait(60)
    assert result is not None and result.ok and result.report is not None
    loads = [e for e in events if isinstance(e, AnalysisLoad)]
    assert loads and loads[0].busy and loads[0].analysed_fps < BUSY_FPS
    stats = result.stats
    # the rest ran on: every camera frame recorded with the music, the dance played to its end
    assert stats["frames_captured"] == int(SECONDS * 30) and stats["recorded_frames"] == stats["frames_captured"] and stats["recorder_dropped"] == 0
    assert result.reason == "the dance ended"
    # fewer frames scored, spread evenly: no long hole in the capture times analysed
    times = np.array([e.t for e in events if isinstance(e, FrameScored)])
    assert len(times) < 0.75 * SECONDS * 30 and np.diff(times).max() < 0.35
