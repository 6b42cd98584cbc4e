"""Latency calibration: the user claps along to a click track; claps minus beats is the latency.

One ``SessionClock`` times everything. The click track (``media.click_track.click_track``: a count-in,
then the beats to clap on) goes to the ``AudioSink``, and the session time at which each beat is
*heard* is read from the sink's played time (the master clock, as in playback): a beat at
``a`` seconds into the track plays at ``now - (played - a)``. The camera stamps every frame with
its capture time on the same clock. One ``PoseTracker`` in a worker thread analyses the frames
in order (all of them when it keeps up; a short drop-oldest queue thins them evenly when it does
not), the wrist tracks become clap instants (``scoring.claps.find_claps``) and the claps are
matched to the beats (``scoring.claps.estimate_latency``).

What is measured is everything between the program handing a click to the sink and the program
receiving the picture of the clap: sound output delay plus camera delay. The live session
subtracts it from capture times so that "you were late" is about the dancer.

The tracker runs without smoothing: the One Euro filter lags a decelerating hand by ~10 ms,
and the answer must be good to a few milliseconds. No Qt here: the dialog calls
``run_calibration`` on a worker thread, with ``on_beat`` to light its beat counter.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from dancelike.engine.stages import warm_tracker
from dancelike.errors import DanceLikeError
from dancelike.i18n import translate
from dancelike.media.camera import Camera, CameraState, CapturedFrame, open_camera
from dancelike.media.click_track import BEATS, BPM, COUNT_IN, click_track
from dancelike.media.clock import (
    AudioSink,
    DropPolicy,
    FrameQueue,
    SessionClock,
    WallClockSink,
)
from dancelike.scoring.claps import Calibration, estimate_latency, find_claps
from dancelike.vision.landmark_names import SHOULDERS, WRISTS
from dancelike.vision.tracker import PoseTracker

#: Seconds of click track kept queued in the sink ahead of what is playing.
AUDIO_LEAD = 0.4
#: Frames waiting for the tracker (drop-oldest): ~0.2 s, so a slow machine thins frames evenly.
QUEUE_FRAMES = 6
#: How often the beat watcher looks at the sink (seconds).
POLL = 0.005
#: After the last beat, capture goes on for this many beats (a late clap must still be seen).
AFTER_LAST_BEAT = 1.2
#: The sound output counts as stuck when its played time has not moved for this long (seconds).
STALL_SECONDS = 2.0
#: Longest wait for the tracker to load, or to finish the queued frames at the end (seconds).
TRACKER_TIMEOUT = 30.0

LEFT_SHOULDER, RIGHT_SHOULDER = SHOULDERS
LEFT_WRIST, RIGHT_WRIST = WRISTS


class CalibrationCancelled(DanceLikeError):
    """The user cancelled the calibration (nothing was measured)."""


@dataclass(frozen=True)
class BeatTick:
    """A beat as it is heard: its place in the track and its session time.

    ``index`` counts every beat from 0; ``number`` counts within its group from 1 (count-in
    1-4, then claps 1-8); ``count_in`` says which group.
    """

    index: int
    number: int
    count_in: bool
    t: float


class _Analyser:
    """One thread, one tracker: frames in capture order in, wrist tracks out.

    The tracker is created and warmed on the thread (its interpreters bind to it). Errors are
    kept in ``error`` for ``run_calibration`` to raise; the thread ends when the queue is closed
    and drained, or when stopped.
    """

    def __init__(self, frames: FrameQueue[CapturedFrame]) -> None:
        self.frames = frames
        self.ready = threading.Event()
        self.error: BaseException | None = None
        self.rows: list[tuple[float, bool, np.ndarray]] = []  # (t, found, 4x2 points)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._main, name="calibration-analyser", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def join(self, timeout: float | None = None) -> bool:
        if self._thread.ident is not None:
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _main(self) -> None:
        try:
            tracker = PoseTracker(num_threads=1, smooth=False, with_parts=False)
            warm_tracker(tracker)
            self.ready.set()
            while not self._stop.is_set():
                frame = self.frames.get(timeout=0.1)
                if frame is None:
                    if self.frames.done:
                        break
                    continue
                body = tracker.process(frame.image, frame.t)
                if body.landmarks is None:
                    self.rows.append((frame.t, False, np.zeros((4, 2))))
                else:
                    points = body.landmarks[[LEFT_SHOULDER, RIGHT_SHOULDER, LEFT_WRIST, RIGHT_WRIST], :2]
                    self.rows.append((frame.t, True, points.astype(np.float64)))
        except BaseException as exc:  # noqa: BLE001 - raised again by run_calibration
            self.error = exc
        finally:
            self.ready.set()

    def tracks(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """times, left wrist, right wrist, shoulder width, found (arrays in capture order)."""
        rows = sorted(self.rows, key=lambda row: row[0])
        times = np.array([r[0] for r in rows], np.float64)
        found = np.array([r[1] for r in rows], bool)
        points = np.array([r[2] for r in rows], np.float64).reshape(-1, 4, 2)
        width = np.linalg.norm(points[:, 0] - points[:, 1], axis=1)
        return times, points[:, 2], points[:, 3], width, found


def run_calibration(
    camera: str | Camera,
    audio_sink: AudioSink | None = None,
    *,
    bpm: float = BPM,
    beats: int = BEATS,
    count_in: int = COUNT_IN,
    on_beat: Callable[[BeatTick], None] | None = None,
    cancel: threading.Event | None = None,
) -> Calibration:
    """Play the click track, watch the user clap, and measure the latency (blocking, ~9 s).

    ``camera`` is a ``--camera`` spec (opened and closed here) or a ``Camera`` not yet started
    (started and stopped here, so the caller may subscribe a preview first; its clock is
    restarted so that the click track starts at session time zero). ``audio_sink`` defaults to
    a silent ``WallClockSink``; it is started and closed here. ``on_beat`` is called from this
    thread as each beat is heard. Setting ``cancel`` raises ``CalibrationCancelled``; a camera
    that fails raises its ``CameraLost``; a tracker failure is raised as it happened.
    """
    if beats < 2 or count_in < 0 or not 30 <= bpm <= 240:
        raise ValueError(f"bad calibration settings: bpm={bpm}, beats={beats}, count_in={count_in}")
    sink = audio_sink if audio_sink is not None else WallClockSink()
    cancel = cancel or threading.Event()
    cam: Camera | None = None
    analyser: _Analyser | None = None
    try:
        cam = open_camera(camera, SessionClock()) if isinstance(camera, str) else camera
        if cam.state is not CameraState.IDLE:
            raise ValueError(f"{cam.name}: run_calibration needs a camera that has not been started")
        pcm, grid = click_track(bpm, beats, count_in, sample_rate=sink.sample_rate, channels=sink.channels)
        analyser = _Analyser(cam.subscribe_queue("calibration", QUEUE_FRAMES, DropPolicy.DROP_OLDEST))
        analyser.start()
        _wait_ready(analyser, cancel)
        heard = _play_and_watch(cam, sink, pcm, grid, count_in, bpm, analyser, on_beat, cancel)
        cam.stop()
        _check(cam, analyser, cancel)
        if not analyser.join(TRACKER_TIMEOUT):
            raise RuntimeError(translate("Calibration", "calibration: the pose tracker did not finish the last frames"))
        _check(cam, analyser, cancel)
        times, left, right, width, found = analyser.tracks()
        claps = find_claps(times, left, right, width, found)
        seen = float(found.mean()) if len(found) else 0.0
        result = estimate_latency(claps, heard[count_in:], seen=seen)
        return replace(result, claps=tuple(float(c) for c in claps), beats=tuple(float(b) for b in heard[count_in:]))
    finally:
        if analyser is not None:
            analyser.stop()
        if cam is not None:
            cam.stop()
        if analyser is not None:
            analyser.join(TRACKER_TIMEOUT)
        sink.close()


def _wait_ready(analyser: _Analyser, cancel: threading.Event) -> None:
    deadline = time.monotonic() + TRACKER_TIMEOUT
    while not analyser.ready.wait(0.05):
        if cancel.is_set():
            raise CalibrationCancelled(translate("Calibration", "calibration cancelled"))
        if time.monotonic() > deadline:
            raise RuntimeError(translate("Calibration", "calibration: the pose tracker took too long to load"))
    if analyser.error is not None:
        raise analyser.error


def _check(cam: Camera, analyser: _Analyser, cancel: threading.Event) -> None:
    """Raise what went wrong meanwhile: cancel, a failed tracker, a lost camera."""
    if cancel.is_set():
        raise CalibrationCancelled(translate("Calibration", "calibration cancelled"))
    if analyser.error is not None:
        raise analyser.error
    if cam.error is not None:
        raise cam.error


def _play_and_watch(
    cam: Camera,
    sink: AudioSink,
    pcm: np.ndarray,
    grid: np.ndarray,
    count_in: int,
    bpm: float,
    analyser: _Analyser,
    on_beat: Callable[[BeatTick], None] | None,
    cancel: threading.Event,
) -> np.ndarray:
    """Start clock, sound and camera together; feed the sink; return each beat's session time.

    A beat at ``a`` seconds into the track is heard at session time ``now - (played - a)``,
    read on the first poll after the sink's played time passes ``a`` (exact whatever the poll's
    timing, and it follows the sink through underruns).
    """
    rate = sink.sample_rate
    clock = cam.clock
    clock.start()  # session time zero = the click track starts playing
    written = sink.write(pcm[: int(AUDIO_LEAD * rate)])
    sink.start()
    cam.start()
    heard = np.full(len(grid), np.nan)
    hear = getattr(cam, "hear", None)  # a synthetic clapper listens, as a person would
    end = grid[-1] + AFTER_LAST_BEAT * 60.0 / bpm
    next_beat = 0
    last_played, moved_at = -1.0, time.monotonic()
    while True:
        _check(cam, analyser, cancel)
        if cam.state is not CameraState.RUNNING:
            raise DanceLikeError(translate("Calibration", "{camera}: the camera stopped during the calibration ({reason})").format(camera=cam.name, reason=cam.reason))
        while written < len(pcm) and sink.queued_seconds() < AUDIO_LEAD:
            accepted = sink.write(pcm[written : written + int(0.02 * rate)])
            if accepted == 0:
                break
            written += accepted
        played, now = sink.played_seconds(), clock.now()
        while next_beat < len(grid) and played >= grid[next_beat]:
            heard[next_beat] = now - (played - grid[next_beat])
            counting = next_beat < count_in
            if hear is not None:
                hear(float(heard[next_beat]), counting)
            if on_beat is not None:
                number = next_beat + 1 if counting else next_beat - count_in + 1
                on_beat(BeatTick(next_beat, number, counting, float(heard[next_beat])))
            next_beat += 1
        if next_beat == len(grid) and now >= heard[-1] + end - grid[-1]:
            return heard
        if played > last_played:
            last_played, moved_at = played, time.monotonic()
        elif time.monotonic() - moved_at > STALL_SECONDS:
            raise DanceLikeError(translate("Calibration", "No sound is playing: check the sound output (speakers or headphones) and try again."))
        time.sleep(POLL)
