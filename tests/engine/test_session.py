"""The live engine: real sessions on short synthetic videos, with real threads and a file camera.

Each session runs in real time, so the clips are short (3-6 s). The conftest fixture fails any
test that leaves a thread running; these tests also assert it directly for the engine's threads.
The engine's parts on data made by hand (no clips, no session) are in ``test_engine_parts.py``.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import av
import numpy as np
import pytest

from dancelike.commands import bench_live
from dancelike.engine import (
    CameraLost,
    Finished,
    FrameScored,
    RecorderFailed,
    Session,
    SessionOptions,
    SessionResult,
    SessionState,
    StateChanged,
)
from dancelike.engine.events import Event
from dancelike.engine.scorer import LiveScorer
from dancelike.engine.tracks import ReferenceTrack, UserTrack, row_of
from dancelike.errors import InputError
from dancelike.media.camera import CallableCamera, FileCamera
from dancelike.media.clock import SessionClock
from dancelike.media.video import VideoReader
from dancelike.pipeline.score_files import score_videos
from dancelike.scoring.poses import GROUPS, pose_track
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_performance
from dancelike.vision.body import BodyFrame
from dancelike.vision.tracker import PoseTracker

SECONDS = 6.0
START = 2.0  # skip the count-in: the clips start mid-dance
FPS = 30


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("engine")
    paths = {name: folder / f"{name}.mp4" for name in ("reference", "good", "short", "silent")}
    render_performance(paths["reference"], "groove", Dancer(), Scene(person=0, room=0), duration=SECONDS, start=START)
    good = (Dancer(offset=0.15, sloppiness=0.3, seed=1), Scene(person=2, room=1, x=0.42, size=0.64))
    render_performance(paths["good"], "groove", *good, duration=SECONDS, start=START)
    render_performance(paths["short"], "groove", *good, duration=3.0, start=START)
    render_performance(paths["silent"], "groove", Dancer(), Scene(person=0, room=0), duration=3.0, music=False)
    return paths


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    monkeypatch.setenv("DANCELIKE_HOME", str(home))
    yield home


class Collector:
    """Events as the dispatcher delivers them, with the thread they arrived on."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.threads: set[str] = set()
        self.lock = threading.Lock()

    def __call__(self, event: Event) -> None:
        with self.lock:
            self.events.append(event)
            self.threads.add(threading.current_thread().name)

    def of(self, kind: type) -> list:
        with self.lock:
            return [e for e in self.events if isinstance(e, kind)]

    def wait_for(self, predicate: object, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():  # type: ignore[operator]
            assert time.monotonic() < deadline, "timed out waiting for the session"
            time.sleep(0.02)


def frames_and_duration(path: Path) -> tuple[int, float, float]:
    """Video frames, video duration (last pts + one frame) and audio seconds of a recording."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        times = [float(f.pts * f.time_base) for f in container.decode(stream)]
    with av.open(str(path)) as container:
        audio = sum(f.samples for f in container.decode(audio=0)) / 48000 if container.streams.audio else 0.0
    return len(times), times[-1] - times[0] + 1.0 / FPS, audio


def engine_threads() -> list[str]:
    names = ("engine-", "camera-", "recorder", "reference-player")
    return [t.name for t in threading.enumerate() if t.name.startswith(names)]


def run(session: Session, timeout: float = 60.0) -> SessionResult:
    session.start()
    result = session.wait(timeout)
    assert result is not None, "the session did not finish"
    assert engine_threads() == []
    return result


# --- whole sessions -----------------------------------------------------------------------------


@pytest.mark.slow
def test_live_session_records_scores_and_agrees_with_offline(clips: dict[str, Path], tmp_path: Path) -> None:
    events = Collector()
    recording = tmp_path / "sessions" / "take1.mp4"
    session = Session(clips["reference"], str(clips["good"]), SessionOptions(record_to=recording, use_cache=False), on_event=events)
    result = run(session)
    assert result.ok and session.state is SessionState.DONE and result.reason == "the dance ended", result
    states = [e.state for e in events.of(StateChanged)]
    assert states == [SessionState.STARTING, SessionState.RUNNING, SessionState.FINISHING, SessionState.DONE]
    assert isinstance(events.events[-1], Finished) and events.events[-1].result is result
    assert events.threads == {"engine-events"}

    # the recording: every camera frame, its real duration, the reference's music beside it
    stats = result.stats
    frames, duration, audio = frames_and_duration(recording)
    assert result.recording == recording and frames == stats["frames_captured"] == int(SECONDS * FPS)
    assert duration == pytest.approx(SECONDS, abs=1.5 / FPS) and audio == pytest.approx(SECONDS, abs=0.1)
    assert stats["recorder_dropped"] == 0 and stats["recorded_frames"] == frames

    # live scores: one event per analysed frame, with parts, lag, move and a running total
    scored = events.of(FrameScored)
    # a busy machine analyses fewer frames (the report fills in the ones it skipped): a third is plenty
    assert len(scored) == stats["user_analysed"] and stats["pairs"] >= 0.3 * SECONDS * FPS
    late = [e for e in scored if e.t > 2.0 and e.found]
    assert late and set(late[-1].parts) == set(GROUPS) and late[-1].move is not None
    assert np.median([e.score for e in late]) > 70 and not late[-1].mirrored
    # scores come while the dance plays, not after it (how soon is `bench live`'s first_score_s)
    finishing = next(k for k, e in enumerate(events.events) if isinstance(e, StateChanged) and e.state is SessionState.FINISHING)
    assert all(e.latency_ms > 0 for e in scored) and next(k for k, e in enumerate(events.events) if isinstance(e, FrameScored)) < finishing and stats["first_score_s"] > 0

    # the final report: the full report, and the same as offline scoring of the same two videos
    report = result.report
    assert report is not None and not report.mirrored and report.score > 70
    assert len(report.frame_scores) == pytest.approx(SECONDS * FPS, abs=2)
    assert abs(late[-1].total - report.shape) < 10
    offline = score_videos(str(clips["reference"]), str(clips["good"]), use_cache=False)
    assert abs(report.score - offline.report.score) <= 3.0, (report.score, offline.report.score)
    assert abs(report.timing_offset_ms - offline.report.timing_offset_ms) < 100
    # every camera frame from the first analysed to the last (one the analyser skipped is filled in
    # between its neighbours: unknown, not unsteady), in order
    frames_used = result.performance_frames
    assert np.all(np.diff(frames_used) == 1) and frames_used[-1] < frames and len(frames_used) >= stats["user_analysed"]
    # the live lag (online DTW) follows the lateness the exact DTW finds afterwards
    assert np.median([e.lag for e in late]) == pytest.approx(report.timing_offset_ms / 1000, abs=0.1)


@pytest.mark.slow
def test_cached_reference_analysis_replaces_the_live_one(clips: dict[str, Path]) -> None:
    scored = score_videos(str(clips["reference"]), str(clips["short"]))  # analyses and caches the reference
    events = Collector()
    session = Session(clips["reference"], str(clips["good"]), on_event=events)
    session.start()
    events.wait_for(lambda: sum(e.found for e in events.of(FrameScored)) >= 45)
    # the ghost: the analysed frame, its part map read from the cache file when asked for
    for t in (0.5, 1.0, 1.5):
        ghost, analysed = session.reference_body(t), scored.reference.frames[round(t * scored.reference.fps)]
        assert ghost is not None and ghost.t == analysed.t and ghost.part_map is not None and analysed.part_map is not None
        assert np.array_equal(ghost.part_map, analysed.part_map) and np.array_equal(ghost.landmarks, analysed.landmarks)
    session.stop()
    result = session.wait(30)
    assert result is not None and result.ok and result.report is not None
    stats = result.stats
    assert stats["reference_cached"] and stats["reference_analysed"] == 0 and stats["reference_tracker_ms"] == {}
    assert stats["reference_presented"] > 30 and stats["pairs"] >= 45
    assert np.median([e.score for e in events.of(FrameScored) if e.found][15:]) > 70
    # the rows known ahead of the music do not lure the live lag on to a later repetition
    early = [e.lag for e in events.of(FrameScored) if e.found][5:45]
    assert max(abs(lag - 0.15) for lag in early) < 0.35, np.round(early, 2)


@pytest.mark.slow
def test_pause_resume_then_stop_early(clips: dict[str, Path], tmp_path: Path) -> None:
    events = Collector()
    camera = FileCamera(clips["good"], loop=True)
    session = Session(clips["reference"], camera, SessionOptions(record_to=tmp_path / "take.mp4", use_cache=False), on_event=events)
    session.start()
    try:
        events.wait_for(lambda: len(events.of(FrameScored)) >= 15)
        assert session.pause() and session.state is SessionState.PAUSED and not session.pause()
        paused_at, paused_t = session.status().position, session.status().elapsed
        time.sleep(1.0)
        assert session.status().position == pytest.approx(paused_at, abs=1e-6)
        resumed_t = session.status().elapsed
        assert session.resume() and session.state is SessionState.RUNNING and not session.resume()
        count = len(events.of(FrameScored))
        events.wait_for(lambda: len(events.of(FrameScored)) >= count + 15)
        # nothing captured while paused was analysed or scored
        assert not [e for e in events.of(FrameScored) if paused_t + 0.05 < e.t < resumed_t - 0.1]
        stopped_at = session.status().position
        session.stop()
        result = session.wait(30)
    finally:
        session.cancel()
        session.wait(30)
    assert result is not None and result.ok and result.reason == "stopped"
    assert engine_threads() == []
    stats = result.stats
    assert stats["user_paused_frames"] > 15  # the camera ran on, the analyser rested
    assert [e.state for e in events.of(StateChanged)][1:4] == [SessionState.RUNNING, SessionState.PAUSED, SessionState.RUNNING]
    # stopped early: the report covers the reference up to where it was stopped
    # (measured by the music's position when stopped: on a busy machine the player skips drawing
    # frames, so the frames it presented undercount how far the dance went)
    played = stats["reference_presented"] / FPS
    assert result.report is not None and 0.6 < played <= stopped_at + 0.5 < 4.5
    assert len(result.report.frame_scores) == pytest.approx(stopped_at * FPS, abs=8)
    # the recording kept every frame the camera delivered, pause included
    frames, duration, _ = frames_and_duration(tmp_path / "take.mp4")
    assert frames == stats["frames_captured"] and duration == pytest.approx(stats["running_s"], abs=0.3)


@pytest.mark.slow
def test_camera_file_shorter_than_the_dance_ends_cleanly(clips: dict[str, Path], tmp_path: Path) -> None:
    events = Collector()
    session = Session(clips["reference"], str(clips["short"]), SessionOptions(record_to=tmp_path / "take.mp4"), on_event=events)
    result = run(session)
    assert result.ok and session.state is SessionState.DONE
    assert result.reason.startswith("camera lost:") and "ended after 90 frames" in result.reason
    lost = events.of(CameraLost)
    assert len(lost) == 1 and lost[0].frames == 90
    frames, duration, _ = frames_and_duration(tmp_path / "take.mp4")
    assert frames == 90 and duration == pytest.approx(3.0, abs=1.5 / FPS)  # what was recorded is kept
    assert result.report is not None and len(result.report.frame_scores) == pytest.approx(90, abs=10)


def test_camera_failing_mid_session_is_lost_not_fatal(clips: dict[str, Path]) -> None:
    picture = np.full((240, 320, 3), 90, np.uint8)

    def frame(t: float) -> np.ndarray:
        if t > 1.0:
            raise OSError("USB camera unplugged")
        return picture

    result = run(Session(clips["reference"], CallableCamera(frame, fps=FPS, name="webcam")))
    assert result.ok and result.reason.startswith("camera lost:") and "USB camera unplugged" in result.reason
    assert result.stats["camera_state"] == "lost"
    assert result.report is not None and "no dancer found in your video" in result.report.warnings[0]


def test_unwritable_recording_still_scores_and_says_why(clips: dict[str, Path], tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the sessions folder should be")
    events = Collector()
    session = Session(clips["reference"], str(clips["good"]), SessionOptions(record_to=blocker / "take.mp4"), on_event=events)
    session.start()
    events.wait_for(lambda: len(events.of(FrameScored)) >= 20)
    session.stop()
    result = session.wait(30)
    assert result is not None and result.ok and result.report is not None and result.recording is None
    failed = events.of(RecorderFailed)
    assert len(failed) == 1 and "cannot write the recording" in failed[0].message
    assert result.stats["recorder_error"] == failed[0].message and failed[0].message in result.warnings


def test_demo_camera_against_a_reference_without_music(clips: dict[str, Path], tmp_path: Path) -> None:
    events = Collector()
    session = Session(clips["silent"], "demo", SessionOptions(record_to=tmp_path / "take.mp4"), on_event=events)
    assert session.camera.name == "demo:good" and (session.camera.width, session.camera.height) == (640, 480)
    session.start()
    events.wait_for(lambda: sum(e.found for e in events.of(FrameScored)) >= 20)
    session.stop()
    result = session.wait(30)
    assert result is not None and result.ok and result.report is not None
    frames, _, audio = frames_and_duration(tmp_path / "take.mp4")
    assert frames == result.stats["frames_captured"] and audio == 0.0  # no music, no audio track
    with pytest.raises(InputError, match="no such demo performer"):
        Session(clips["silent"], "demo:nobody")


def test_a_failing_stage_fails_the_session_with_its_error(clips: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: LiveScorer, *args: object) -> None:
        raise ValueError("scoring bug")

    monkeypatch.setattr(LiveScorer, "score", broken)
    queue_session = Session(clips["reference"], str(clips["good"]))
    result = run(queue_session)
    assert queue_session.state is SessionState.FAILED and result.report is None
    assert result.error is not None and "matcher failed: ValueError: scoring bug" in str(result.error)
    assert isinstance(result.error.__cause__, ValueError)
    polled = queue_session.events.drain()  # no callback: the events wait in the queue
    assert [e.state for e in polled if isinstance(e, StateChanged)][-1] is SessionState.FAILED
    assert isinstance(polled[-1], Finished) and polled[-1].result.error is result.error


def test_a_raising_event_callback_is_not_swallowed(clips: dict[str, Path]) -> None:
    def callback(event: Event) -> None:
        if isinstance(event, FrameScored):
            raise RuntimeError("UI bug")  # noqa: TRY004

    result = run(Session(clips["reference"], str(clips["good"]), on_event=callback))
    assert result.error is not None and "on_event callback failed: RuntimeError: UI bug" in str(result.error)


def test_bad_arguments_fail_on_the_callers_thread(clips: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        Session(tmp_path / "missing.mp4", str(clips["good"]))
    with pytest.raises(InputError, match="not a camera"):
        Session(clips["reference"], str(tmp_path / "nothing-here"))
    with pytest.raises(ValueError, match="mirror"):
        Session(clips["reference"], str(clips["good"]), SessionOptions(mirror="sideways"))
    with Session(clips["reference"], str(clips["good"])) as never_started:
        assert never_started.state is SessionState.IDLE and never_started.wait() is None


# --- the parts, on the rendered clips -----------------------------------------------------------


def test_kept_rows_are_exactly_pose_track_rows(clips: dict[str, Path]) -> None:
    tracker = PoseTracker()
    with VideoReader(clips["good"]) as reader:
        bodies = [tracker.process(frame.rgb, frame.t) for frame, _ in zip(reader, range(12))]
    bodies.append(BodyFrame(0.5, 640, 480))  # nobody in this one
    user, reference = UserTrack(with_mirror=True), ReferenceTrack(len(bodies), FPS)
    for k, body in enumerate(bodies):
        user.add(body, body.t, body.t)
        reference.fill(k, row_of(body, body.t))
    plain, mirrored = user.tracks()
    expected = (pose_track(bodies), pose_track(bodies, mirror=True), pose_track(bodies))
    for mine, theirs in zip((plain, mirrored, reference.track()), expected):
        assert mine is not None
        for name in ("times", "found", "directions", "visibility", "parts"):
            np.testing.assert_array_equal(getattr(mine, name), getattr(theirs, name), err_msg=name)


@pytest.mark.slow
def test_bench_live_prints_and_writes_the_figures(clips: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(bench_live, "CAPACITY_SECONDS", 1.0)
    out = tmp_path / "figures" / "live.json"
    args = argparse.Namespace(seconds=1.5, json=str(out), camera=str(clips["good"]), reference=str(clips["reference"]))
    assert bench_live.run_live(args) == 0
    figures = json.loads(out.read_text())
    for key in (
        "pairs_per_s",
        "latency_ms_p50",
        "latency_ms_p95",
        "analyser_skipped_pct",
        "recorder_dropped",
        "recorded_frames",
        "speedup_vs_sequential",
        "peak_rss_mb",
        "first_score_s",
    ):
        assert isinstance(figures[key], (int, float)), key
    assert figures["recorded_frames"] >= 40 and figures["speedup_vs_sequential"] > 0
    assert {"capture", "user-analyser", "reference", "matcher", "playback", "recorder"} <= set(figures["stages"])
    assert all(set(stage) == {"ms_p50", "cpu_pct"} for stage in figures["stages"].values())
    printed = capsys.readouterr().out
    assert "capture to score" in printed and "one thread in order" in printed


# --- practice: seek, loop, speed -------------------------------------------------------------------


def follower_camera(path: Path) -> tuple[CallableCamera, SessionClock]:
    """A camera whose dancer dances whatever the reference is playing: after a seek, a loop or
    at practice speed it shows the performance at the reference's position (as a learner would)."""
    with VideoReader(path) as reader:
        frames = [frame.rgb for frame in reader]
    clock = SessionClock()

    def frame_at(_t: float) -> np.ndarray:
        position = clock.position() + 1.0 / FPS if clock.started else 0.0
        return frames[min(int(round(position * FPS)), len(frames) - 1)]

    return CallableCamera(frame_at, fps=FPS, clock=clock, name="follower"), clock


@pytest.mark.slow
def test_practice_skip_a_move_then_loop_one_slowly(clips: dict[str, Path]) -> None:
    camera, _ = follower_camera(clips["good"])
    events = Collector()
    session = Session(clips["reference"], camera, SessionOptions(use_cache=False, stretch="plain"), on_event=events)
    session.start()
    try:
        events.wait_for(lambda: session.state is SessionState.RUNNING)
        moves = session.moves
        assert len(moves) >= 2 and session.current_move() == 0
        last = len(moves) - 1
        assert session.set_speed(0.75) and session.speed == 0.75
        assert session.loop_move(last) and session.looping == last and session.current_move() == last
        # round the last move more than once, slowed down: the position never leaves it
        events.wait_for(lambda: any(b.position < a.position - 1.0 for a, b in zip(events.of(FrameScored), events.of(FrameScored)[1:])), timeout=30)
        assert min(e.position for e in events.of(FrameScored) if e.t > 0.5) > moves[last].start - 0.1
        assert session.loop_move(None)
        result = session.wait(30)
    finally:
        session.cancel()
        session.wait(30)
    assert result is not None and result.ok and result.reason == "the dance ended", result
    report = result.report
    assert report is not None and any("Practice session in" in w for w in report.warnings), report and report.warnings
    # what was looped was danced (and well); what was skipped is left out of the judgement
    looped = [m for m in report.moves if m.start >= moves[last].start - 0.2]
    skipped = [m for m in report.moves if m.end <= moves[last].start - 0.05]
    assert looped and all(m.danced and m.score > 65 for m in looped) and report.score > 65, report.moves
    assert skipped and all(not m.danced and m.rating == "skipped" for m in skipped), report.moves
    assert all(report.moves[w.move].danced and w.score < 65 for w in report.weakest)
    # the report's performance frames are the camera frames of the take it judged, in its order
    assert len(result.performance_frames) > 0 and report.matched_frames.max() < len(result.performance_frames)


def test_calibrated_latency_is_taken_off_the_capture_time(clips: dict[str, Path]) -> None:
    events = Collector()
    session = Session(clips["reference"], str(clips["good"]), SessionOptions(use_cache=False, latency=0.25), on_event=events)
    session.start()
    try:
        events.wait_for(lambda: len([e for e in events.of(FrameScored) if e.t > 0.5]) >= 20)
        session.cancel()
        assert session.wait(30) is not None
    finally:
        session.cancel()
        session.wait(30)
    later = [e for e in events.of(FrameScored) if e.t > 0.5]
    # a frame captured at t shows what the dancer did to the music of t - latency
    assert np.median([e.t - e.position for e in later]) == pytest.approx(0.25, abs=0.03)
    with pytest.raises(ValueError, match="latency"):
        Session(clips["reference"], str(clips["good"]), SessionOptions(latency=-0.1))


def test_beats_are_found_once_per_video(clips: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from dancelike.pipeline import reference
    from dancelike.store import analysis_cache

    key = analysis_cache.content_key(clips["reference"])
    first = reference.reference_beats(clips["reference"], key)
    assert analysis_cache.load_beats(key)[0]
    monkeypatch.setattr(reference, "load_audio", lambda *a, **k: pytest.fail("the music was read again"))
    again = reference.reference_beats(clips["reference"], key)
    assert (first is None and again is None) or np.array_equal(again, first)
    silent_key = analysis_cache.content_key(clips["silent"])
    analysis_cache.save_beats(silent_key, None)
    assert analysis_cache.load_beats(silent_key) == (True, None)
