"""Offline analysis of a video or image file: frames in, ``BodyFrame``s out.

A video is cut into one contiguous time segment per worker thread; each worker has
its own decoder and its own tracker (LiteRT interpreters release the GIL, so two
workers use both cores). Tracking needs the previous frame, so a worker starts a
few frames before its segment (warm-up, results discarded) and its tracker has
settled by the segment's first frame. Results are merged back into time order.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from dancelike.media.video import VideoReader, load_image
from dancelike.vision.body import BodyFrame
from dancelike.vision.tracker import PoseTracker, StageTimes

#: Frames a worker tracks before its segment starts, to settle the tracker's ROI and filters.
WARMUP_FRAMES = 4
#: Segments shorter than this are not worth a thread of their own.
MIN_SEGMENT_SECONDS = 1.0


def segment_bounds(duration: float, workers: int, warmup: float) -> list[float]:
    """Segment start times (plus an open end) giving every worker the same amount of work.

    Workers after the first also track ``warmup`` seconds before their segment, so
    their segments are that much shorter.
    """
    if workers == 1:
        return [0.0, float("inf")]
    share = (duration + (workers - 1) * warmup) / workers
    starts = [0.0] + [share + k * (share - warmup) for k in range(workers - 1)]
    return starts + [float("inf")]


def default_workers() -> int:
    """One worker per core (each runs single-threaded interpreters)."""
    return max(1, min(4, os.cpu_count() or 1))


@dataclass
class VideoAnalysis:
    """Everything the analysis found in a video, with the time each stage took."""

    fps: float
    width: int
    height: int
    frames: list[BodyFrame]
    times: StageTimes = field(default_factory=StageTimes)
    wall_seconds: float = 0.0

    @property
    def stage_ms_per_frame(self) -> dict[str, float]:
        """Milliseconds per analysed frame for each stage (summed over workers)."""
        count = max(1, len(self.frames))
        return {stage: ms / count for stage, ms in sorted(self.times.total_ms.items())}


class _Worker(threading.Thread):
    """Analyses one time segment [start, end) of a video in its own thread."""

    def __init__(
        self, tracker: PoseTracker, path: str, start: float, end: float, warmup: float, keep_masks: bool, on_frame: Callable[[], None]
    ) -> None:
        super().__init__(name=f"analyse[{start:.1f}s]", daemon=True)
        self.tracker = tracker
        self.path, self.start_t, self.end_t, self.warmup = path, start, end, warmup
        self.keep_masks = keep_masks
        self.on_frame = on_frame
        self.frames: list[BodyFrame] = []
        self.times = StageTimes()
        self.error: BaseException | None = None
        self.cancel = threading.Event()

    def run(self) -> None:
        try:
            tracker = self.tracker
            with VideoReader(self.path, start=max(0.0, self.start_t - self.warmup)) as reader:
                frames = iter(reader)
                while not self.cancel.is_set():
                    tick = time.perf_counter()
                    frame = next(frames, None)
                    self.times.add("decode", time.perf_counter() - tick)
                    if frame is None or frame.t >= self.end_t:
                        break
                    body = tracker.process(frame.rgb, frame.t)
                    if frame.t < self.start_t:
                        continue  # warm-up frame
                    self.frames.append(body if self.keep_masks else replace(body, roi_mask=None))
                    self.on_frame()
            self.times.merge(tracker.times)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, never swallowed
            self.error = exc


def analyze_video(
    path: str,
    workers: int | None = None,
    num_threads: int = 1,
    with_parts: bool = True,
    keep_masks: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> VideoAnalysis:
    """Track the dancer through a whole video file.

    ``workers`` threads each analyse a time segment (default: one per core).
    ``keep_masks`` keeps each frame's ROI person mask (256 KB a frame); by default
    only landmarks and the part map are kept. ``on_progress(n)`` is called from the
    worker threads with the number of frames done so far.
    """
    with VideoReader(path) as probe:
        fps, width, height, duration = probe.fps, probe.width, probe.height, probe.duration
    workers = workers or default_workers()
    if duration <= 0:
        workers = 1
    workers = max(1, min(workers, int(duration / MIN_SEGMENT_SECONDS) or 1))
    warmup = WARMUP_FRAMES / fps
    bounds = segment_bounds(duration, workers, warmup)

    lock = threading.Lock()
    done = [0]

    def frame_done() -> None:
        with lock:  # progress callbacks arrive one at a time, in order
            done[0] += 1
            if on_progress is not None:
                on_progress(done[0])

    # Models load here, before the clock starts; each binds to its worker on first use.
    threads = [
        _Worker(
            PoseTracker(num_threads=num_threads, with_parts=with_parts),
            path, bounds[k], bounds[k + 1], warmup if k else 0.0, keep_masks, frame_done,
        )  # fmt: skip
        for k in range(workers)
    ]
    started = time.perf_counter()
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        for thread in threads:
            thread.cancel.set()
            thread.join()
    wall = time.perf_counter() - started
    for thread in threads:
        if thread.error is not None:
            raise thread.error
    analysis = VideoAnalysis(fps, width, height, [], wall_seconds=wall)
    for thread in threads:
        analysis.frames.extend(thread.frames)
        analysis.times.merge(thread.times)
    return analysis


def analyze_image(path: str, num_threads: int = 1) -> BodyFrame:
    """Find the person in a still image (static mode: detector, no smoothing)."""
    image = load_image(path)
    return PoseTracker(num_threads=num_threads, static=True).process(image, 0.0)
