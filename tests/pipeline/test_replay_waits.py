"""The wait for a replay (issue 21, item 5): drawn by several threads it is the same replay; a 60 fps
dance's replay is made at 30 frames a second over the dance's whole length; its progress bar moves
at one pace, so the time left the results screen shows holds from the start; the command line's
replay bar says the time left.

Real short synthetic videos and real analysis; nothing here is timed (that is ``bench waits``)."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import numpy as np
import pytest

from dancelike.media.video import VideoReader
from dancelike.pipeline import replay as replay_module
from dancelike.pipeline.replay import ReplayProgress, frame_step, render_replay
from dancelike.pipeline.score_files import ScoredPair, score_videos
from dancelike.pipeline.session_replay import ReplayCancelled, Shares, write_session_replay
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_performance


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A 2-s pro at 30 fps, the same dance at 60 fps, and someone else dancing it (30 fps)."""
    folder = tmp_path_factory.mktemp("replay_waits")
    pro, pro60, you = folder / "pro.mp4", folder / "pro60.mp4", folder / "you.mp4"
    render_performance(pro, "groove", Dancer(), Scene(width=320, height=240, person=0, room=0), duration=2.0, start=4.0)
    render_performance(pro60, "groove", Dancer(), Scene(width=320, height=240, fps=60.0, person=0, room=0), duration=2.0, start=4.0)
    render_performance(you, "groove", Dancer(offset=0.1, seed=1), Scene(width=320, height=240, person=2, room=1), duration=2.0, start=4.0)
    return pro, pro60, you


@pytest.fixture(scope="module")
def scored(pair: tuple[Path, Path, Path]) -> ScoredPair:
    pro, _pro60, you = pair
    return score_videos(str(pro), str(you), use_cache=False, workers=1)


def _frames(path: Path) -> tuple[int, str, float]:
    """(frames, a digest of their pixels, frames a second) of a video."""
    digest = hashlib.sha256()
    count = 0
    with VideoReader(path) as reader:
        fps = reader.fps
        for frame in reader:
            digest.update(frame.rgb.tobytes())
            count += 1
    return count, digest.hexdigest(), fps


def test_a_replay_drawn_by_several_threads_is_the_replay_drawn_by_one(pair: tuple[Path, Path, Path], scored: ScoredPair, tmp_path: Path) -> None:
    pro, _pro60, you = pair
    one, two = tmp_path / "one.mp4", tmp_path / "two.mp4"
    render_replay(one, pro, you, scored.report, scored.reference, scored.performance, threads=1)
    render_replay(two, pro, you, scored.report, scored.reference, scored.performance, threads=2)
    count, _digest, _fps = _frames(one)
    assert count == min(len(scored.reference.frames), len(scored.report.frame_scores))
    with VideoReader(one) as alone, VideoReader(two) as shared:
        apart = [float(np.abs(a.rgb.astype(np.int16) - b.rgb.astype(np.int16)).mean()) for a, b in zip(alone, shared, strict=True)]
    # frame for frame the same pictures: two neighbouring frames of this replay differ by 0.3-3.4
    # grey levels on average, so a frame out of place or drawn wrong shows; what may differ is
    # OpenCV rounding a warp's edge pixel otherwise when another thread of this test process
    # switched its thread pool back on (media.cv_threads)
    assert len(apart) == count and max(apart) < 0.05


def test_a_60_fps_dance_is_replayed_at_30_frames_a_second_over_its_whole_length(pair: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _pro, pro60, you = pair
    scored60 = score_videos(str(pro60), str(you), use_cache=False, workers=1)
    destination = tmp_path / "replay60.mp4"
    shown: list[int] = []
    render_replay(destination, pro60, you, scored60.report, scored60.reference, scored60.performance, shown.append)
    count, _digest, fps = _frames(destination)
    assert fps == pytest.approx(30.0) and frame_step(60.0) == 2 and frame_step(30.0) == 1
    assert count == pytest.approx(len(scored60.reference.frames) / 2, abs=1)  # 2 s of dance: 2 s of replay
    assert shown == sorted(shown) and shown[-1] >= len(scored60.reference.frames) - 3  # to the dance's end
    with VideoReader(destination) as reader:
        assert reader.duration == pytest.approx(2.0, abs=0.1)


def test_with_the_pros_moves_cached_the_replays_bar_moves_at_one_pace(pair: tuple[Path, Path, Path], scored: ScoredPair, tmp_path: Path, data_home: Path) -> None:
    """An imported dance's analysis is cached: reading it takes no share of the bar, so the bar
    does not leap ahead at the start and promise the user a replay far sooner than it comes."""
    pro, _pro60, you = pair
    score_videos(str(pro), str(you), workers=1)  # caches the pro's analysis, as an import does
    progress: list[float] = []
    frames = np.arange(len(scored.performance.frames))
    write_session_replay(you, scored.report, frames, pro, tmp_path / "replay.mp4", progress.append)
    assert progress == sorted(progress) and progress[-1] == 1.0
    assert progress[0] < 0.05, "the bar leapt ahead before any work was done"
    shares = Shares.of(0, 60, 60)
    assert shares.step(0) == (0.0, 0.0) and shares.step(1)[1] + shares.step(2)[1] == pytest.approx(1.0)
    assert 0.2 < shares.step(1)[1] < 0.6  # analysing a frame and drawing one take comparable time


def test_the_command_lines_replay_bar_says_the_time_left() -> None:
    bar = ReplayProgress(100, "replay", stream=None)
    bar.count = 25
    assert "left" not in bar.render(bar._start + 0.5)  # too early to tell
    assert bar.render(bar._start + 10.0).endswith("about 30 s left")  # 25 frames in 10 s: 75 more in 30 s
    bar.count = 100
    assert "left" not in bar.render(bar._start + 40.0)
    bar.close()


def test_drawing_threads_are_one_a_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(replay_module.os, "cpu_count", lambda: 2)
    assert replay_module.drawing_threads() == 2
    monkeypatch.setattr(replay_module.os, "cpu_count", lambda: None)
    assert replay_module.drawing_threads() == 1


def test_a_cancelled_replay_stops_and_leaves_nothing(pair: tuple[Path, Path, Path], scored: ScoredPair, tmp_path: Path) -> None:
    """Cancelled while its frames are being drawn and written by several threads: it stops at
    once (no frame is reported after the cancel) and leaves no file and no thread behind."""
    _pro, _pro60, you = pair
    cancel = threading.Event()
    after: list[float] = []

    def progress(fraction: float) -> None:
        if cancel.is_set():
            after.append(fraction)
        elif fraction > 0.8:
            cancel.set()

    folder = tmp_path / "session"
    folder.mkdir()
    frames = np.arange(len(scored.performance.frames))
    with pytest.raises(ReplayCancelled):
        write_session_replay(you, scored.report, frames, _pro, folder / "replay.mp4", progress, cancel)
    assert after == [] and list(folder.iterdir()) == []
