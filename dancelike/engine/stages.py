"""The engine's own threads: user analyser, reference stage (present + analyse), matcher.

Each stage is one thread with its own stop event, timings and error. A stage never lets an
exception die with its thread: it is handed to ``on_error`` (the session then finishes FAILED
and says which stage failed and why) and the stage closes its output so nothing downstream
waits for it. Stages talk only through bounded mailboxes:

    camera ─► LatestFrame ─► UserAnalyser ─► FrameQueue(drop-oldest) ─► Matcher ─► events
    ReferencePlayer.frame_at ─► ReferenceStage ─► ReferenceTrack ─────────┘ (waits, with a timeout)

Each analyser owns a tracker with single-threaded interpreters (``num_threads=1``): the user
analyser a ``PeopleTracker`` following the players (``engine.players``: one landmark-model run
per player per frame), the reference a ``PoseTracker``; two model threads on two cores, and the light threads (capture, recorder, player, matcher) fill the
gaps. More interpreter threads only made the models fight the decoders and the encoder.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from dancelike.engine.events import EventQueue
from dancelike.engine.metrics import StageClock
from dancelike.engine.players import Learners, PlayerFigures
from dancelike.engine.scorer import LiveScorer
from dancelike.engine.tracks import ReferenceTrack, row_of
from dancelike.media.camera import CapturedFrame
from dancelike.media.clock import (
    DropPolicy,
    FrameQueue,
    LatestFrame,
    SessionClock,
    Timings,
)
from dancelike.media.playback import ReferencePlayer
from dancelike.scoring.poses import PoseTrack, pose_track
from dancelike.vision.body import BodyFrame, FrameColumns, Roi
from dancelike.vision.landmarks import INPUT_SIZE
from dancelike.vision.people import PeopleTracker
from dancelike.vision.tracker import PoseTracker
from dancelike.vision.video_analysis import VideoAnalysis

ErrorHandler = Callable[[str, BaseException], None]

#: How far (seconds) the reference analyser may fall behind the playback position and still
#: take every frame; further behind, it jumps to the newest (the skipped ones are counted).
CATCH_UP_SECONDS = 0.1
#: Cached reference rows are prepared this far (seconds) ahead of the playback position.
CACHE_LOOKAHEAD_SECONDS = 2.0
#: ... and when the lookahead needs rows, this many seconds more are prepared with them, at once.
CACHE_BATCH_SECONDS = 1.0
#: Cached rows made in one ``pose_track`` call (a short hold of the interpreter's lock).
CACHE_CHUNK = 15
#: Longest the matcher waits for the reference frame of a capture's moment to be analysed.
REFERENCE_WAIT_SECONDS = 0.12


def warm_tracker(tracker: PoseTracker) -> None:
    """Run both models once on blank input, on the calling thread, so the first real frame does
    not pay for XNNPACK's weight packing (and the models are bound to the thread that uses them)."""
    blank = np.zeros((INPUT_SIZE, INPUT_SIZE, 3), np.uint8)
    tracker.process(blank, 0.0)  # nobody there: the detector runs
    outputs = tracker.landmarks.infer(tracker.landmarks.preprocess(blank, _CENTRE_ROI))
    del outputs  # views of the interpreter's buffers: dropped before the next run
    tracker.reset()
    tracker.times.total_ms.clear()
    tracker.times.counts.clear()


_CENTRE_ROI = Roi(INPUT_SIZE / 2, INPUT_SIZE / 2, INPUT_SIZE, 0.0)


class Stage:
    """A named thread with a stop event, its timings, its error, and a ready signal."""

    name = "stage"

    def __init__(self, on_error: ErrorHandler) -> None:
        self.on_error = on_error
        self.error: BaseException | None = None
        self.clock = StageClock()
        self.ready = threading.Event()
        self.go = threading.Event()  # the session's clock has started: real-time work may begin
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._main, name=f"engine-{self.name}", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self._stop.set()

    def join(self, timeout: float | None = None) -> bool:
        if self.thread.ident is not None:
            self.thread.join(timeout)
        return not self.thread.is_alive()

    def _main(self) -> None:
        try:
            self.setup()
            self.ready.set()
            self.run()
        except BaseException as exc:  # noqa: BLE001 - surfaced through the session, never lost
            self.error = exc
            self.on_error(self.name, exc)
        finally:
            self.ready.set()
            self.cleanup()

    def setup(self) -> None:
        """Work done before the session's clock starts (loading models)."""

    def run(self) -> None:
        raise NotImplementedError

    def cleanup(self) -> None:
        """Always runs last on the stage's thread: close outputs so nobody waits on us."""


@dataclass(frozen=True)
class Analysed:
    """A camera frame's analysis on its way to the matcher: each player's body (player 1 first)."""

    bodies: tuple[BodyFrame, ...]
    t: float  # capture time (session seconds)
    index: int

    @property
    def body(self) -> BodyFrame:
        return self.bodies[0]


class UserAnalyser(Stage):
    """Analyses the newest camera frame whenever it is free; frames replaced meanwhile are skipped.

    Follows ``players`` people (``PeopleTracker``) and tells them apart as ``engine.players.Learners``
    says: the people in view when the dance starts are the learners, numbered left to right, and
    a learner gone for over a second is reported (``LearnerAway`` in ``events``). Frames captured
    while the session is paused are not analysed (nothing is being danced against); they are
    counted in ``paused``, not as skips.
    """

    name = "user-analyser"

    def __init__(self, source: LatestFrame[CapturedFrame], clock: SessionClock, on_error: ErrorHandler, players: int = 1, events: EventQueue | None = None) -> None:
        super().__init__(on_error)
        self.source, self.session_clock, self.events = source, clock, events
        self.out: FrameQueue[Analysed] = FrameQueue(8, DropPolicy.DROP_OLDEST, "matcher")
        self.tracker: PeopleTracker | None = None
        self.learners = Learners(players)
        self.analysed = self.paused = 0
        # the newest analysis, for the UI: (each player's body, capture time)
        self.latest_all: tuple[tuple[BodyFrame, ...], float] | None = None

    @property
    def latest(self) -> tuple[BodyFrame, float] | None:
        """Player 1's newest analysis and its capture time."""
        latest = self.latest_all
        return None if latest is None else (latest[0][0], latest[1])

    def setup(self) -> None:
        # two players: each frame's two landmark runs go side by side on the two cores
        players = self.learners.players
        # at most one detector run a frame: four at once made a frame take 4 detector runs
        self.tracker = PeopleTracker(num_threads=1, max_people=players, parallel=players > 1, spread=True)
        warm_tracker(self.tracker)
        self.tracker.warm(_CENTRE_ROI)

    def run(self) -> None:
        assert self.tracker is not None
        while not self._stop.is_set():
            frame = self.source.get(timeout=0.1)
            if frame is None:
                if self.source.closed:
                    return
                continue
            if self.session_clock.paused:
                self.paused += 1
                continue
            started = time.perf_counter()
            height, width = frame.image.shape[:2]
            tracked = self.tracker.process_all(frame.image, frame.t)
            bodies = self.learners.assign(tracked, self.tracker, frame.t, width, height)
            self.clock.add(time.perf_counter() - started)
            self.analysed += 1
            self.latest_all = (bodies, frame.t)
            self.out.put(Analysed(bodies, frame.t, frame.index))
            for change in self.learners.presence(bodies, frame.t):
                if self.events is not None:
                    self.events.put(change)

    def cleanup(self) -> None:
        self.out.close()
        if self.tracker is not None:
            self.tracker.close()


class ReferenceStage(Stage):
    """Presents the reference's frames as the master clock reaches them and fills the
    ``ReferenceTrack``: by analysing each presented frame (live), or from a cached analysis.

    Presenting here (``ReferencePlayer.frame_at``) keeps one consumer of the player's frames:
    the UI shows ``player.current``. While it keeps up, every frame is analysed; a hiccup of up
    to ``CATCH_UP_SECONDS`` is absorbed by taking the frames in turn, beyond that it jumps to
    the newest (the player counts the frames passed over in ``dropped_late``).
    """

    name = "reference"

    def __init__(self, player: ReferencePlayer, track: ReferenceTrack, cached: VideoAnalysis | None, on_error: ErrorHandler) -> None:
        super().__init__(on_error)
        self.player, self.track, self.cached = player, track, cached
        self.tracker: PoseTracker | None = None
        self.analysed = self.presented = 0
        self.latest: BodyFrame | None = None  # the newest live analysis (read by the UI)

    def setup(self) -> None:
        if self.cached is None:
            self.tracker = PoseTracker(num_threads=1)
            warm_tracker(self.tracker)
        else:
            self._prepare_cached(CACHE_LOOKAHEAD_SECONDS)

    def run(self) -> None:
        while not self.go.wait(0.05):
            if self._stop.is_set():
                return
        frame_s = 1.0 / self.player.frame_fps
        last_t = -frame_s
        while not self._stop.is_set():
            if self.player.finished:  # until the session ends: a seek may bring frames again
                self.track.finish()
                self._stop.wait(0.01)
                continue
            self.track.reopen()
            position = self.player.position()
            if self.cached is not None:
                self._prepare_cached(position + CACHE_LOOKAHEAD_SECONDS, position, CACHE_BATCH_SECONDS)
            if position < last_t - frame_s:  # a seek back: frames come from there on
                last_t = position - frame_s
            wait = last_t + frame_s - position
            if wait > 1e-4:
                self._stop.wait(min(wait / max(self.player.clock.rate, 0.1), 0.02))
                continue
            behind = position - last_t > CATCH_UP_SECONDS + frame_s
            got = self.player.frame_at(position if behind or self.tracker is None else min(position, last_t + 1.5 * frame_s))
            if got is None:
                self._stop.wait(0.002)  # not decoded yet
                continue
            rgb, t = got
            last_t = t
            self.presented += 1
            if self.tracker is not None:
                started = time.perf_counter()
                body = self.tracker.process(rgb, t)
                self._fill(t, row_of(body, t))
                self.latest = body
                self.clock.add(time.perf_counter() - started)
                self.analysed += 1

    def _fill(self, t: float, row: PoseTrack) -> None:
        """The analysed frame's slot, and the slots of the frames after it that are not presented
        (above ``max_fps``: a 60 fps reference analysed at 30): they hold this pose until the
        next analysed frame, so the track has no holes where nothing was skipped."""
        index = self.track.index_of(t)
        self.track.fill(index, row)
        held = int(round(self.player.fps / self.player.frame_fps)) - 1
        for slot in range(index + 1, min(index + 1 + held, self.track.count)):
            if not self.track.filled[slot]:
                self.track.fill(slot, replace(row, times=np.array([slot / self.track.fps])))

    def body_at(self, t: float) -> BodyFrame | None:
        """The reference's analysis at time ``t`` (for the UI's ghost overlay): the cached
        frame, or the newest live one."""
        if self.cached is not None and self.cached.frames:
            return self.cached.frames[min(self.track.index_of(t), len(self.cached.frames) - 1)]
        return self.latest

    def _prepare_cached(self, until: float, since: float = 0.0, batch: float = 0.0) -> None:
        """Fill the cached rows from ``since`` up to reference time ``until`` not filled yet
        (after a seek, from the new position on). When some are missing, ``batch`` seconds more
        are filled with them: a row at a time (the lookahead grows by a frame a frame) made one
        ``pose_track`` call a frame, the same rows in a second's batch cost a fraction of that."""
        assert self.cached is not None
        frames = self.cached.frames
        end = min(len(frames), self.track.count, self.track.index_of(until) + 1)
        start = min(self.track.index_of(since), end)
        if self.track.filled[start:end].all():
            return
        if batch > 0:
            end = min(len(frames), self.track.count, self.track.index_of(until + batch) + 1)
        missing = np.flatnonzero(~self.track.filled[start:end]) + start
        bare = frames.without_parts() if isinstance(frames, FrameColumns) else frames  # part maps made if read
        for chunk in np.split(missing, np.arange(CACHE_CHUNK, len(missing), CACHE_CHUNK)):
            if not len(chunk):
                continue
            started = time.perf_counter()
            numbers = [int(i) for i in chunk]
            rows = pose_track([bare[i] for i in numbers], with_parts=False)
            self.track.fill_rows([self.track.index_of(float(t)) for t in rows.times], rows, frames, numbers)
            self.clock.add((time.perf_counter() - started) / len(chunk))

    def fill_remaining(self, until: float) -> None:
        """After the session: cached rows still missing up to ``until`` (for the final report)."""
        if self.cached is not None:
            self._prepare_cached(until)

    def cleanup(self) -> None:
        self.track.finish()


class Matcher(Stage):
    """Pairs each analysed camera frame with the reference of the same moment of the dance
    (shifted by the online DTW lag), scores each player's body with that player's scorer
    (``scorers[k]``: one ``LiveScorer`` each, their own lag and running score) and emits one
    ``FrameScored`` event per player."""

    name = "matcher"

    def __init__(
        self, inbox: FrameQueue[Analysed], scorers: list[LiveScorer], track: ReferenceTrack, clock: SessionClock, events: EventQueue, on_error: ErrorHandler
    ) -> None:
        super().__init__(on_error)
        self.inbox, self.scorers, self.track, self.session_clock, self.events = inbox, scorers, track, clock, events
        self.latency = 0.0  # seconds: the camera's and the audio output's delay together
        self.players = [PlayerFigures() for _ in scorers]
        self.waited_ms = Timings()

    @property
    def scorer(self) -> LiveScorer:
        return self.scorers[0]

    @property
    def latency_ms(self) -> Timings:
        """Player 1's capture-to-score latencies (``players[k].latency_ms``: each player's)."""
        return self.players[0].latency_ms

    @property
    def first_score_at(self) -> float | None:
        return self.players[0].first_score_at

    @property
    def last_score_at(self) -> float:
        return self.players[0].last_score_at

    def run(self) -> None:
        while True:
            item = self.inbox.get(timeout=0.1)
            if item is None:
                if self.inbox.done or self._stop.is_set():
                    return
                continue
            # The moment of the dance the dancer was at: the calibrated camera-plus-audio
            # latency is taken off, so what was late is the dancer, not the webcam.
            position, take = self.session_clock.locate(item.t - self.latency)
            waited = time.perf_counter()
            self.track.wait_for(position, REFERENCE_WAIT_SECONDS)
            started = time.perf_counter()
            self.waited_ms.add((started - waited) * 1000)
            for k, (scorer, body) in enumerate(zip(self.scorers, item.bodies)):
                live = scorer.score(body, position, item.t, item.index, take)
                now = self.session_clock.now()
                latency = (now - item.t) * 1000.0
                if live.paired:
                    self.players[k].scored(now, latency)
                self.events.put(replace(live, latency_ms=latency, player=k + 1))
            self.clock.add(time.perf_counter() - started)
