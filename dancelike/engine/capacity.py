"""How much live work the machine can do: the session's work, unpaced, in one thread or in stages.

A real-time session is capped by its sources (30 frames/s), so it cannot show how much faster
the staged design is than doing everything in turn. These two runs do the same work per frame
pair as a session, from the same two files, as fast as they can:

    decode a camera frame and a reference frame, analyse both (a ``PoseTracker`` each), match
    and score them (``LiveScorer``: online DTW, score_pairs), record the camera frame with the
    music (``Recorder``: H.264 + AAC, fragmented MP4)

``sequential`` does it in order, one step at a time (the recorder's encoding is handed to its
thread and awaited, so only one step ever runs). ``staged`` runs it as the session does: each
analyser with its own decoder in its own thread, the matcher and the recorder in theirs, joined
by small blocking queues (no frame is skipped: this measures capacity, not pacing).
"""

from __future__ import annotations

import queue
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dancelike.engine.options import LIVE_REFERENCE, ReferenceReading
from dancelike.engine.scorer import LiveScorer
from dancelike.engine.stages import warm_tracker
from dancelike.engine.tracks import ReferenceTrack, row_of
from dancelike.media.audio import load_audio
from dancelike.media.camera import CapturedFrame
from dancelike.media.clock import DropPolicy, FrameQueue
from dancelike.media.recorder import Recorder
from dancelike.media.video import VideoReader
from dancelike.vision.body import BodyFrame
from dancelike.vision.tracker import PoseTracker

AUDIO_RATE = 48000


@dataclass(frozen=True)
class Capacity:
    """``pairs`` frame pairs fully processed in ``seconds`` of wall time."""

    pairs: int
    seconds: float
    total: float  # the live running score at the end (a check that real work was done)

    @property
    def pairs_per_s(self) -> float:
        return self.pairs / self.seconds if self.seconds > 0 else 0.0


def _frames(path: Path, count: int, reference: bool = False, one_thread: bool = False) -> Iterator[tuple[float, np.ndarray]]:
    """The first ``count`` frames; a reference read as a live session reads it (``LIVE_REFERENCE``),
    on one decoding thread when ``one_thread`` (the baseline: nothing runs beside it)."""
    read = LIVE_REFERENCE if reference else ReferenceReading()
    threads = 1 if one_thread else read.decode_threads
    with VideoReader(path, threads, max_fps=read.max_fps, fit=read.fit) as reader:
        for k, frame in enumerate(reader):
            if k >= count:
                return
            yield frame.t, frame.rgb


class _Work:
    """What both runs share: two warmed trackers, the scorer, the recorder and the music."""

    def __init__(self, reference: Path, camera: Path, count: int, folder: Path) -> None:
        with VideoReader(reference, max_fps=LIVE_REFERENCE.max_fps) as probe:
            self.ref_fps = probe.frame_fps  # the rate its frames are read at
        with VideoReader(camera) as probe:
            self.cam_fps, width, height = probe.fps, probe.width, probe.height
        self.count = count
        self.reference, self.camera = reference, camera
        self.user_tracker, self.ref_tracker = PoseTracker(num_threads=1), PoseTracker(num_threads=1)
        self.track = ReferenceTrack(count + 2, self.ref_fps)
        self.scorer = LiveScorer(self.track, "auto", [], self.cam_fps)
        music = load_audio(reference, AUDIO_RATE, 2)
        self.music = np.zeros((0, 2), np.float32) if music is None else music
        self.rec_queue: FrameQueue[CapturedFrame] = FrameQueue(4096, DropPolicy.DROP_NEWEST, "recorder")
        self.recorder = Recorder(folder / "capacity.mp4", self.rec_queue, width, height, self.cam_fps, audio_rate=AUDIO_RATE)
        self.step = round(AUDIO_RATE / self.cam_fps)

    def record(self, index: int, t: float, rgb: np.ndarray) -> None:
        self.rec_queue.put(CapturedFrame(index, t, rgb))
        chunk = self.music[index * self.step : (index + 1) * self.step]
        if len(chunk):
            self.recorder.push_audio(chunk, t)


def sequential(reference: Path, camera: Path, count: int) -> Capacity:
    """Every step of every frame pair in turn, on the calling thread."""
    with tempfile.TemporaryDirectory(prefix="dancelike-capacity-") as folder:
        work = _Work(reference, camera, count, Path(folder))
        warm_tracker(work.user_tracker)
        warm_tracker(work.ref_tracker)
        if not work.recorder.start():
            raise work.recorder.error or RuntimeError("recorder failed")
        started = time.perf_counter()
        pairs = 0
        for k, ((t, rgb), (rt, ref_rgb)) in enumerate(zip(_frames(camera, count), _frames(reference, count, reference=True, one_thread=True))):
            work.record(k, t, rgb)
            while work.recorder.frames_in <= k and work.recorder.error is None:
                time.sleep(0.0002)  # the encoder runs; nothing else does
            body = work.user_tracker.process(rgb, t)
            ref_body = work.ref_tracker.process(ref_rgb, rt)
            work.track.fill(work.track.index_of(rt), row_of(ref_body, rt))
            work.scorer.score(body, t, t)
            pairs += 1
        work.recorder.stop()
        seconds = time.perf_counter() - started
        return Capacity(pairs, seconds, work.scorer.total)


def staged(reference: Path, camera: Path, count: int) -> Capacity:
    """The same work in the session's stages: user (decode + analyse), reference (decode +
    analyse), matcher, recorder, each its own thread, joined by small blocking queues."""
    with tempfile.TemporaryDirectory(prefix="dancelike-capacity-") as folder:
        work = _Work(reference, camera, count, Path(folder))
        inbox: queue.Queue[tuple[BodyFrame, float] | None] = queue.Queue(maxsize=4)
        errors: list[BaseException] = []
        ready = threading.Barrier(3)
        done = [0]

        def user() -> None:
            try:
                warm_tracker(work.user_tracker)
                ready.wait()
                for k, (t, rgb) in enumerate(_frames(camera, count)):
                    while len(work.rec_queue) > 16 and not errors:
                        time.sleep(0.001)  # backpressure: the recorder keeps up or we wait
                    work.record(k, t, rgb)
                    inbox.put((work.user_tracker.process(rgb, t), t))
            finally:
                inbox.put(None)

        def ref() -> None:
            try:
                warm_tracker(work.ref_tracker)
                ready.wait()
                for rt, rgb in _frames(reference, count, reference=True):
                    work.track.fill(work.track.index_of(rt), row_of(work.ref_tracker.process(rgb, rt), rt))
            finally:
                work.track.finish()

        def matcher() -> None:
            while (item := inbox.get()) is not None:
                body, t = item
                work.track.wait_for(t, 5.0)
                work.scorer.score(body, t, t)
                done[0] += 1

        if not work.recorder.start():
            raise work.recorder.error or RuntimeError("recorder failed")
        threads, started = _start_together((user, ref, matcher), ready, errors)
        for thread in threads:
            thread.join()
        work.recorder.stop()
        seconds = time.perf_counter() - started
        if errors:
            raise errors[0]
        return Capacity(done[0], seconds, work.scorer.total)


def _start_together(steps: tuple[Callable[[], None], ...], ready: threading.Barrier, errors: list[BaseException]) -> tuple[list[threading.Thread], float]:
    """Each step in its own thread; returns them and the moment they all passed ``ready`` (their
    models warmed), which the timing starts from. A step that raises puts its error in ``errors``
    and breaks ``ready``, so nobody waits for it."""

    def guarded(fn: Callable[[], None]) -> Callable[[], None]:
        def body() -> None:
            try:
                fn()
            except BaseException as exc:  # noqa: BLE001 - re-raised by the caller
                errors.append(exc)
                ready.abort()

        return body

    threads = [threading.Thread(target=guarded(fn), name=f"capacity-{fn.__name__}") for fn in steps]
    for thread in threads:
        thread.start()
    try:
        ready.wait()
    except threading.BrokenBarrierError:
        pass
    return threads, time.perf_counter()
