"""Offline analysis of a video or image file: frames in, ``BodyFrame``s out.

A video is cut into one contiguous time segment per worker; each worker decodes and
tracks its own segment. Tracking needs the previous frame, so a worker starts a few
frames before its segment (warm-up, results discarded) and its tracker has settled
by the segment's first frame. Results are merged back into time order.

Workers are processes, not threads: a tracker spends ~3 ms a frame in Python
(post-processing, smoothing, part map) holding the GIL, and two tracker threads lost
about a fifth of their throughput waiting for each other; two processes do not. The
live engine, which must share frames between stages cheaply, uses threads instead.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Any

import cv2

from dancelike.errors import DanceLikeError, InputError
from dancelike.i18n import translate
from dancelike.media.video import VideoFrame, VideoReader, load_image
from dancelike.pipeline.dancers import PeopleSegment, gather_dancers
from dancelike.store.instance import Owner, is_alive, this_process
from dancelike.vision.body import BodyFrame, FrameColumns, PackedPartMaps
from dancelike.vision.model_files import model_path
from dancelike.vision.people import PeopleTracker, TrackedBody
from dancelike.vision.tracker import MIN_PICTURE_SIDE, TRACKER_MODELS, PoseTracker, StageTimes, too_small
from dancelike.vision.video_analysis import Dancer, VideoAnalysis

log = logging.getLogger(__name__)

#: Frames a worker tracks before its segment starts, to settle the tracker's ROI and filters.
WARMUP_FRAMES = 4
#: The same when tracking everyone: the overlap with the previous segment is where the
#: people of two segments are matched, so it is longer.
PEOPLE_WARMUP_FRAMES = 10
#: Segments shorter than this are not worth a worker of their own.
MIN_SEGMENT_SECONDS = 1.0
#: How often the parent collects progress while workers run.
_POLL_SECONDS = 0.1


def default_workers() -> int:
    """One worker per core (each runs single-threaded interpreters), at most four."""
    return max(1, min(4, os.cpu_count() or 1))


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


@dataclass(frozen=True)
class Segment:
    """Frames with ``start <= t < end`` are kept; tracking begins ``warmup`` seconds earlier."""

    start: float
    end: float
    warmup: float = 0.0


#: A segment's part maps, packed, by [frame][person] as in ``PeopleSegment.people``.
PackedPeople = list[list[bytes | None]]


def _segment_frames(reader: VideoReader, segment: Segment, times: StageTimes) -> Iterator[VideoFrame]:
    """The reader's frames up to the segment's end, their decoding timed as the "decode" stage."""
    decoded = iter(reader)
    while True:
        tick = time.perf_counter()
        frame = next(decoded, None)
        times.add("decode", time.perf_counter() - tick)
        if frame is None or frame.t >= segment.end:
            return
        yield frame


def analyze_segment(
    tracker: PoseTracker, path: str, segment: Segment, keep_masks: bool, on_frame: Callable[[], None], pack: bool = False
) -> tuple[Sequence[BodyFrame], StageTimes]:
    """Track through one segment of a video with ``tracker`` (in the calling thread). ``pack``
    gives the frames as ``FrameColumns``, their part maps packed as they come."""
    tracker.reset()
    tracker.times = StageTimes()
    frames: list[BodyFrame] = []
    blobs: list[bytes | None] = []
    with VideoReader(path, start=max(0.0, segment.start - segment.warmup), planar=True) as reader:
        for frame in _segment_frames(reader, segment, tracker.times):
            body = tracker.process(frame.image, frame.t)
            if frame.t < segment.start:
                continue  # warm-up frame
            if pack:
                blobs.extend(PackedPartMaps.pack([body.part_map]).blobs)
                body = replace(body, part_map=None)
            frames.append(body if keep_masks else replace(body, roi_mask=None))
            on_frame()
    if pack and frames:
        columns = FrameColumns.of(frames, frames[0].width, frames[0].height)
        columns.parts = PackedPartMaps(blobs)
        return columns, tracker.times
    return frames, tracker.times


def analyze_people_segment(tracker: PeopleTracker, path: str, segment: Segment, on_frame: Callable[[], None], packed: PackedPeople | None = None) -> PeopleSegment:
    """Track every person through one segment of a video (in the calling thread). With
    ``packed``, each frame's part maps go there packed as they come (by [frame][person]) and
    the bodies are kept without them: a long segment never holds its maps unpacked."""
    tracker.reset()
    tracker.times = StageTimes()
    out = PeopleSegment([], [], 0, tracker.times)
    with VideoReader(path, start=max(0.0, segment.start - segment.warmup), planar=True) as reader:
        for frame in _segment_frames(reader, segment, tracker.times):
            people = tracker.process_all(frame.image, frame.t)
            out.times.append(frame.t)
            if packed is not None:
                packed.append(PackedPartMaps.pack(p.body.part_map for p in people).blobs)
                out.people.append([TrackedBody(p.person, replace(p.body, roi_mask=None, part_map=None)) for p in people])
            else:
                out.people.append([TrackedBody(p.person, replace(p.body, roi_mask=None)) for p in people])
            if frame.t < segment.start:
                out.warmup += 1
            else:
                on_frame()
    return out


# --- inside a worker process -------------------------------------------------------

_process_tracker: PeopleTracker | None = None
#: Why this worker has no tracker (a model file missing or altered), raised by every job.
_process_error: DanceLikeError | None = None
_process_counter: Any = None


#: What in the environment places DanceLike's files and picks its model (``DANCELIKE_HOME``,
#: ``DANCELIKE_LANDMARK_MODEL``, ``XDG_CACHE_HOME``, ``TMPDIR``...).
_PLACING = ("DANCELIKE_", "XDG_", "TMPDIR")


def placing_environment() -> dict[str, str]:
    """This process's ``_PLACING`` variables, for its workers to take on."""
    return {key: value for key, value in os.environ.items() if key.startswith(_PLACING)}


def _adopt_environment(environment: dict[str, str]) -> None:
    """Take on the pool maker's ``placing_environment``: a worker forked from the fork server
    has the fork server's, which is that of the moment the first pool of the process started
    (a later ``DANCELIKE_HOME`` was not seen: workers wrote into an earlier, removed, folder)."""
    for key in [key for key in os.environ if key.startswith(_PLACING)]:
        del os.environ[key]
    os.environ.update(environment)
    tempfile.tempdir = None  # ``TMPDIR`` read again


def _init_process(num_threads: int, with_parts: bool, counter: Any, owner: Owner | None = None, environment: dict[str, str] | None = None) -> None:
    global _process_tracker, _process_counter
    if environment is not None:
        _adopt_environment(environment)
    if owner is not None:
        _die_with(owner)
    cv2.setNumThreads(1)  # one busy thread per worker: the workers already fill the cores
    _process_counter = counter
    try:
        _process_tracker = PeopleTracker(num_threads=num_threads, with_parts=with_parts)
    except DanceLikeError as exc:  # kept for the first job: a crashed initializer breaks the pool
        global _process_error  # with a traceback per worker and no word on why
        _process_error = exc


#: How often a worker checks that the process it works for still lives (seconds).
_OWNER_POLL_SECONDS = 0.5


def _die_with(owner: Owner) -> None:
    """End this worker when ``owner`` (the process that started the pool) ends, however it ends.

    Killed (SIGKILL), the owner cannot stop its workers, and they would analyse on, then wait
    forever; they hold the fork server's and the resource tracker's pipes open, so those stay
    too. On Linux the kernel kills a worker whose parent (the fork server) dies
    (``PR_SET_PDEATHSIG``); the fork server, though, lives as long as its workers, so a watch
    thread also ends the worker once the owner is gone (every platform)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watch thread still does it

    def watch() -> None:
        while is_alive(owner):
            time.sleep(_OWNER_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="owner-watch", daemon=True).start()


_PR_SET_PDEATHSIG = 1


def _count_frame() -> None:
    with _process_counter.get_lock():
        _process_counter.value += 1


def _process_segment(path: str, segment: Segment, keep_masks: bool) -> tuple[Sequence[BodyFrame], StageTimes]:
    """One segment's frames; without masks sent back as columns with packed part maps (about
    1.6 KB a frame instead of 17 KB: a 10-minute video's analysis crosses to the caller whole)."""
    if _process_error is not None:
        raise _process_error
    assert _process_tracker is not None, "worker process not initialised"
    return analyze_segment(_process_tracker, path, segment, keep_masks, _count_frame, pack=not keep_masks)


def _process_people(path: str, segment: Segment) -> tuple[PeopleSegment, PackedPeople]:
    """Everyone through one segment, their part maps sent back packed beside them."""
    if _process_error is not None:
        raise _process_error
    assert _process_tracker is not None, "worker process not initialised"
    packed: PackedPeople = []
    found = analyze_people_segment(_process_tracker, path, segment, _count_frame, packed)
    return found, packed


def _joined(pieces: list[Sequence[BodyFrame]], width: int, height: int) -> Sequence[BodyFrame]:
    """The segments' frames in order: columns joined when the workers sent columns."""
    pieces = [piece for piece in pieces if len(piece)]
    if pieces and all(isinstance(piece, FrameColumns) for piece in pieces):
        return FrameColumns.join([piece for piece in pieces if isinstance(piece, FrameColumns)], width, height)
    return [body for piece in pieces for body in piece]


def _with_packed_parts(analysis: VideoAnalysis, found: list[tuple[PeopleSegment, PackedPeople]]) -> VideoAnalysis:
    """Every dancer's track as columns, each frame given back the part map its worker packed
    (a body is the same object in the segments and in the dancers ``gather_dancers`` made)."""
    packed = {
        id(tracked.body): blob for segment, blobs in found for people, maps in zip(segment.people, blobs, strict=True) for tracked, blob in zip(people, maps, strict=True)
    }
    if not analysis.dancers:
        return analysis
    dancers = []
    for dancer in analysis.dancers:
        columns = FrameColumns.of(dancer.frames, analysis.width, analysis.height)
        columns.parts = PackedPartMaps([packed.get(id(body)) for body in dancer.frames])
        dancers.append(Dancer(dancer.number, columns))
    return replace(analysis, dancers=dancers).follow(analysis.followed)


def _warm_process() -> int:
    """Occupy a worker briefly, so that each of a batch of these lands on its own worker."""
    if _process_error is not None:
        raise _process_error
    time.sleep(0.2)
    return os.getpid()


# --- in the calling process --------------------------------------------------------


def _context() -> multiprocessing.context.BaseContext:
    """A fork server where there is one: safe beside threads (Qt, LiteRT), fast to fork from."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["dancelike.pipeline.analysis"])
        return context
    return multiprocessing.get_context("spawn")


class AnalysisPool:
    """Worker processes, each keeping one loaded tracker, reused for any number of videos.

    Use as a context manager; ``analyze`` splits a video over the workers.
    """

    def __init__(self, workers: int | None = None, num_threads: int = 1, with_parts: bool = True) -> None:
        self.workers = workers or default_workers()
        for name in TRACKER_MODELS:  # a missing or altered model: one line here, not per worker
            model_path(name)
        context = _context()
        self._counter = context.Value("q", 0)
        self._executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=_init_process,
            initargs=(num_threads, with_parts, self._counter, this_process(), placing_environment()),
        )
        # Start every worker and load its models now, not inside the first analysis.
        started = [self._executor.submit(_warm_process) for _ in range(self.workers)]
        self.pids = {future.result() for future in started}

    def analyze(
        self, path: str, keep_masks: bool = False, on_progress: Callable[[int], None] | None = None, all_dancers: bool = False, whole: bool = False
    ) -> VideoAnalysis:
        """Analyse a whole video; ``on_progress(frames_done)`` is called in this thread.

        ``all_dancers`` tracks every person (``VideoAnalysis.dancers``; ``frames`` follows the
        default dancer); otherwise the one dancer is tracked as a single-person video. ``whole``
        gives the video to one worker in one piece (many videos at once, one per worker, as a
        batch does: no warm-up at segment starts, and the same tracking a Ray worker does)."""
        with VideoReader(path) as probe:
            if too_small(probe.width, probe.height):
                text = translate("Analysis", "{path}: {width}x{height} pixels is too small to see a dancer in (at least {side}x{side})")
                raise InputError(text.format(path=path, width=probe.width, height=probe.height, side=MIN_PICTURE_SIDE))
            analysis = VideoAnalysis(probe.fps, probe.width, probe.height, [])
            workers = self.workers if probe.duration > 0 and not whole else 1
            workers = max(1, min(workers, int(probe.duration / MIN_SEGMENT_SECONDS) or 1))
            warmup = (PEOPLE_WARMUP_FRAMES if all_dancers else WARMUP_FRAMES) / probe.fps
            bounds = segment_bounds(probe.duration, workers, warmup)
            segments = [Segment(bounds[k], bounds[k + 1], warmup if k else 0.0) for k in range(workers)]
            with self._counter.get_lock():
                self._counter.value = 0
            started = time.perf_counter()
            if all_dancers:
                people = [self._executor.submit(_process_people, path, segment) for segment in segments]
                self._wait(people, on_progress)
                found = [future.result() for future in people]
                for part, _ in found:
                    analysis.times.merge(part.stage_times)
                analysis = _with_packed_parts(gather_dancers(analysis, [part for part, _ in found]), found)
            else:
                futures = [self._executor.submit(_process_segment, path, segment, keep_masks) for segment in segments]
                self._wait(futures, on_progress)
                pieces = []
                for future in futures:
                    frames, times = future.result()
                    pieces.append(frames)
                    analysis.times.merge(times)
                analysis.frames = _joined(pieces, probe.width, probe.height)
            analysis.wall_seconds = time.perf_counter() - started
            probe.check_complete(len(analysis.frames))
        return analysis

    def _wait(self, futures: list[Future], on_progress: Callable[[int], None] | None) -> None:
        pending = set(futures)
        try:
            while pending:
                done, pending = wait(pending, timeout=_POLL_SECONDS, return_when=FIRST_EXCEPTION)
                if on_progress is not None:
                    on_progress(self._counter.value)
                failed = next((error for future in done if (error := future.exception()) is not None), None)
                if failed is not None:  # the caller reports it; the log keeps the traceback
                    log.error("analysis: a segment failed: %s", failed, exc_info=failed, extra={"stderr": False})
                    break
        finally:
            for future in pending:
                future.cancel()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> AnalysisPool:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def analyze_video(
    path: str,
    workers: int | None = None,
    num_threads: int = 1,
    with_parts: bool = True,
    keep_masks: bool = False,
    on_progress: Callable[[int], None] | None = None,
    all_dancers: bool = False,
) -> VideoAnalysis:
    """Track the dancer (``all_dancers``: every dancer) through a whole video file.

    ``workers`` processes each analyse a time segment (default: one per core; 1 runs
    in the calling thread). ``keep_masks`` keeps each frame's ROI person mask (256 KB
    a frame; one dancer only); by default only landmarks and the part map are kept.
    ``on_progress(n)`` gets the number of frames done so far.
    """
    workers = workers or default_workers()
    if workers > 1:
        with AnalysisPool(workers, num_threads, with_parts) as pool:
            return pool.analyze(path, keep_masks, on_progress, all_dancers)
    tracker = PeopleTracker(num_threads=num_threads, with_parts=with_parts)
    with VideoReader(path) as probe:
        analysis = VideoAnalysis(probe.fps, probe.width, probe.height, [])
        done = [0]

        def frame_done() -> None:
            done[0] += 1
            if on_progress is not None:
                on_progress(done[0])

        started = time.perf_counter()
        if all_dancers:
            part = analyze_people_segment(tracker, path, Segment(0.0, float("inf")), frame_done)
            analysis.times = part.stage_times
            analysis = gather_dancers(analysis, [part])
        else:
            analysis.frames, analysis.times = analyze_segment(tracker, path, Segment(0.0, float("inf")), keep_masks, frame_done)
        analysis.wall_seconds = time.perf_counter() - started
    return analysis


def analyze_image(path: str, num_threads: int = 1) -> BodyFrame:
    """Find the person in a still image (static mode: detector, no smoothing)."""
    image = load_image(path)
    return PoseTracker(num_threads=num_threads, static=True).process(image, 0.0)
