"""Importing a video into the library: validate, copy into the data folder, thumbnail, analyse.

Why it is built this way:

* The copy, the thumbnail and nothing else happen in a staging folder
  (``choreographies/.import-<random>/``); only a complete copy gets a row, and then the folder
  is renamed to ``choreographies/<id>/``. A crash mid-copy leaves no half-imported row.
* The row exists (``analysed=False``) while the analysis runs, so the library can show the
  import; a crash mid-analysis leaves a usable choreography whose reference is analysed on
  first use (``analyse_choreography`` finishes the job on demand).
* Cancelling is prompt: the analysis workers report progress every 0.1 s, the progress
  callback raises ``ImportCancelled`` when ``cancel`` is set, and the worker processes are
  terminated (they would otherwise finish their whole segment first). Then the row and the
  files are removed.
* The analysis workers start (and load their models, about half a second) in a thread while the
  video is copied and its thumbnail made (``EarlyPool``), not after.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import signal
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import av
import cv2

from dancelike.errors import InputError
from dancelike.i18n import translate
from dancelike.media.video import VideoReader, is_image
from dancelike.media.writer import write_png
from dancelike.pipeline.analysis import AnalysisPool
from dancelike.pipeline.reference import reference_proxy
from dancelike.scoring.calibration import reference_chance
from dancelike.scoring.poses import pose_track
from dancelike.store import analysis_cache
from dancelike.store.db import Choreography, Store
from dancelike.store.paths import private_file
from dancelike.vision.video_analysis import VideoAnalysis

log = logging.getLogger(__name__)

Progress = Callable[[float], None]

#: Share of the progress bar for copying the file (the analysis takes the rest).
COPY_SHARE = 0.1
#: Thumbnail width in pixels (height follows the video's shape).
THUMBNAIL_WIDTH = 320
#: Shorter videos cannot be danced to (nor aligned).
MIN_SECONDS = 1.0
_COPY_BLOCK = 4 << 20


class ImportCancelled(Exception):
    """The user cancelled the import; nothing of it is left behind."""


@dataclass(frozen=True)
class VideoInfo:
    """What the library needs to know about a video before analysing it."""

    duration: float
    fps: float
    width: int
    height: int
    frames: int


def probe(path: Path) -> VideoInfo:
    """Open ``path`` as a video (``InputError`` in one line if it is not one)."""
    if is_image(path):
        raise InputError(translate("Library", "{path}: is an image; import a video to dance to").format(path=path))
    with VideoReader(path) as reader:
        duration, fps, width, height, frames = reader.duration, reader.fps, reader.width, reader.height, reader.frame_count
        if duration <= 0:  # no duration in the container (some streams): count the frames
            last = max((frame.t for frame in reader), default=0.0)
            frames = reader.frames_decoded
            duration = last + 1.0 / fps if frames else 0.0
    if duration < MIN_SECONDS:
        raise InputError(translate("Library", "{path}: too short to dance to ({seconds} s)").format(path=path, seconds=f"{duration:.1f}"))
    return VideoInfo(duration, fps, width, height, frames or round(duration * fps))


def tidy_title(stem: str) -> str:
    """``my_dance__v2`` -> ``my dance v2``."""
    return " ".join(stem.replace("_", " ").split()) or "Untitled"


def import_video(
    store: Store,
    source: Path,
    *,
    title: str | None = None,
    on_progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Choreography:
    """Copy ``source`` into the library, make its thumbnail, analyse it; progress 0..1.

    Raises ``InputError`` (one line) for a file that is not a usable video or a disk that
    fills up, ``ImportCancelled`` when ``cancel`` is set; either way nothing is left behind.
    """
    source = Path(source)
    log.info("import: %s", source)
    report = on_progress or (lambda _fraction: None)
    info = probe(source)
    check_cancelled(cancel)
    already = same_video(store, source)
    if already is not None:  # the same file again: one dance, one copy (its history stays in one place)
        log.info("import: %s is dance %d already", source, already.id)
        report(1.0)
        return already
    report(0.0)
    early = EarlyPool()
    try:
        staging = new_staging(store)
        try:
            video = staging / f"video{source.suffix.lower() or '.mp4'}"
            _copy(source, video, lambda share: report(COPY_SHARE * share), cancel)
            thumbnail = make_thumbnail(video, info.duration, staging / "thumbnail.png")
            check_cancelled(cancel)
            choreography = adopt(store, staging, title or tidy_title(source.stem), video, thumbnail, info)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        try:
            analyse_choreography(store, choreography, lambda share: report(COPY_SHARE + (1 - COPY_SHARE) * share), cancel, source.name, early.take)
        except BaseException as exc:
            log.info("import of %s ended: %s: %s", source, type(exc).__name__, exc)
            store.delete_choreography(choreography.id)
            raise
    finally:
        early.discard()
    log.info("imported %s as dance %d", source, choreography.id)
    report(1.0)
    return store.choreography(choreography.id) or choreography


class EarlyPool:
    """An ``AnalysisPool`` started now in a thread, so its workers load their models while the
    video is copied; ``take`` waits for it (a failure to start is raised there), ``discard``
    closes it if nobody took it (a cached analysis, a failed copy)."""

    def __init__(self) -> None:
        self._pool: AnalysisPool | None = None
        self._error: BaseException | None = None
        self._taken = False
        self._thread = threading.Thread(target=self._start, name="import-pool", daemon=True)
        self._thread.start()

    def _start(self) -> None:
        try:
            self._pool = AnalysisPool()
        except BaseException as exc:  # noqa: BLE001 - raised in the importing thread by take()
            self._error = exc

    def take(self) -> AnalysisPool:
        """The started pool, now the caller's to close."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._pool is not None
        self._taken = True
        return self._pool

    def discard(self) -> None:
        self._thread.join()
        if self._pool is not None and not self._taken:
            self._pool.close()


def same_video(store: Store, source: Path) -> Choreography | None:
    """The analysed dance of the library whose video has exactly ``source``'s bytes, if any (sizes
    are compared first, so only a file of the same size is read)."""
    size = source.stat().st_size
    for choreography in store.choreographies():
        try:
            if not choreography.analysed or choreography.video.stat().st_size != size:
                continue
            if analysis_cache.content_key(choreography.video) == analysis_cache.content_key(source):
                return choreography
        except OSError:
            continue  # a dance whose video is gone is not this one
    return None


def new_staging(store: Store) -> Path:
    """An empty folder in the library for files that have no row yet."""
    staging = store.root / "choreographies" / f".import-{uuid.uuid4().hex[:12]}"
    try:
        staging.mkdir(parents=True, mode=0o700)
    except OSError as exc:
        raise InputError(translate("Library", "{path}: cannot create a folder here ({reason})").format(path=staging.parent, reason=exc.strerror or exc)) from exc
    return staging


def adopt(store: Store, staging: Path, title: str, video: Path, thumbnail: Path | None, info: VideoInfo, is_demo: bool = False) -> Choreography:
    """Add the row for the files in ``staging``, then move them to the choreography's folder."""
    choreography = store.add_choreography(title, video, info.duration, info.fps, info.width, info.height, thumbnail, is_demo=is_demo)
    folder = store.choreography_folder(choreography.id)
    try:
        if folder.exists():  # left by another database in this data folder: keep it, aside
            folder.rename(folder.with_name(f"{folder.name}.old-{uuid.uuid4().hex[:6]}"))
        staging.rename(folder)
        return store.set_media(choreography.id, folder / video.name, folder / thumbnail.name if thumbnail else None)
    except BaseException as exc:
        store.delete_choreography(choreography.id)  # the row, and its files wherever they are now
        shutil.rmtree(folder, ignore_errors=True)
        if isinstance(exc, OSError):
            raise InputError(translate("Library", "{path}: cannot move the video into the library ({reason})").format(path=folder, reason=exc.strerror or exc)) from exc
        raise


def analyse_choreography(
    store: Store,
    choreography: Choreography,
    on_progress: Progress | None = None,
    cancel: threading.Event | None = None,
    name: str | Path | None = None,
    new_pool: Callable[[], AnalysisPool] = AnalysisPool,
) -> Choreography:
    """Analyse every dancer of the choreography's video into the analysis cache (unless cached),
    count them and mark it analysed. ``InputError`` ("nobody was found in ``name``") when the
    video shows nobody to follow. ``new_pool`` gives the analysis workers (closed here)."""
    report = on_progress or (lambda _fraction: None)
    key = analysis_cache.content_key(choreography.video)
    analysis = analysis_cache.load(key)
    if analysis is None or not analysis.dancers:  # (one kept by `dancelike score` tracks one dancer only)
        expected = max(1, round(choreography.duration * choreography.fps))

        def frames_done(done: int) -> None:
            check_cancelled(cancel)
            report(min(0.99, done / expected))

        check_cancelled(cancel)
        pool = new_pool()
        copying = PlaybackCopy(choreography.video, key)
        try:
            check_cancelled(cancel)
            analysis = pool.analyze(str(choreography.video), on_progress=frames_done, all_dancers=True)
        except BaseException as exc:
            log.info("analysis of %s stopped: %s: %s", choreography.video, type(exc).__name__, exc)
            terminate(pool)  # a cancelled or failed analysis: do not wait for the segments
            copying.cancel()
            raise
        pool.close()
        copying.join()
        check_cancelled(cancel)
        if not analysis.dancers:
            raise InputError(translate("Library", "nobody was found in {name}").format(name=name or choreography.video))
        try:
            analysis_cache.save(key, analysis)
        except OSError as exc:
            raise InputError(translate("Library", "{path}: cannot save its analysis ({reason})").format(path=choreography.video, reason=_reason(exc))) from exc
    analysis = analysis.follow(choreography.dancer if choreography.dancer in {d.number for d in analysis.dancers} else None)
    # what unrelated motion scores against this dance: measured once, here, so that a live
    # session's score is on the right scale from its first frame
    measure_chance(key, analysis)
    store.set_dancers(choreography.id, len(analysis.dancers))
    store.set_analysed(choreography.id)
    report(1.0)
    return store.choreography(choreography.id) or choreography


class PlaybackCopy:
    """The dance's playback copy (``media.proxy``: a big video played at a third of the CPU),
    made by a thread while the analysis runs; it takes a fraction of the analysis' time. A copy
    that cannot be made is logged, not an error: the original plays instead."""

    def __init__(self, video: Path, key: str) -> None:
        self.video, self.key = video, key
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._make, name="playback-copy", daemon=True)
        self._thread.start()

    def _make(self) -> None:
        try:
            reference_proxy(self.video, self.key, self._cancel)
        except (InputError, OSError, av.error.FFmpegError) as exc:
            log.warning("no playback copy of %s: %s", self.video, exc)

    def cancel(self) -> None:
        self._cancel.set()
        self._thread.join()

    def join(self) -> None:
        self._thread.join()


def measure_chance(key: str, analysis: VideoAnalysis) -> None:
    """The chance level of the dancer ``analysis`` follows, kept under ``track_key`` (unless kept already)."""
    track = analysis_cache.track_key(key, analysis)
    if analysis_cache.load_chance(track) is not None:
        return
    try:
        analysis_cache.save_chance(track, reference_chance(pose_track(analysis.frames, with_parts=False), analysis.fps).as_array())
    except OSError as exc:
        raise InputError(translate("Library", "cannot save the analysis of this dance ({reason})").format(reason=_reason(exc))) from exc


def terminate(pool: AnalysisPool) -> None:
    """Stop the pool's workers now (SIGTERM), then close it; closing alone would wait for them."""
    for pid in pool.pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            pass  # already gone
    pool.close()


def make_thumbnail(video: Path, duration: float, target: Path) -> Path | None:
    """A frame about a third in, ``THUMBNAIL_WIDTH`` wide, as PNG; None if it cannot be made."""
    try:
        with VideoReader(video, start=duration / 3) as reader:
            frame = next(iter(reader), None)
        if frame is None:
            with VideoReader(video) as reader:
                frame = next(iter(reader), None)
        if frame is None:
            return None
        rgb = frame.rgb
        height = max(2, round(rgb.shape[0] * THUMBNAIL_WIDTH / rgb.shape[1]))
        write_png(target, cv2.resize(rgb, (THUMBNAIL_WIDTH, height), interpolation=cv2.INTER_AREA))
        private_file(target)
    except (InputError, OSError):
        return None  # a library card without a picture, not a failed import
    return target


def _copy(source: Path, target: Path, on_share: Progress, cancel: threading.Event | None) -> None:
    total = max(1, source.stat().st_size)
    done = 0
    try:
        with open(source, "rb") as src, open(target, "wb", opener=_private_opener) as dst:
            while block := src.read(_COPY_BLOCK):
                check_cancelled(cancel)
                dst.write(block)
                done += len(block)
                on_share(done / total)
            dst.flush()
            os.fsync(dst.fileno())
    except OSError as exc:
        raise InputError(translate("Library", "{path}: cannot copy it into the library ({reason})").format(path=source, reason=_reason(exc))) from exc


def _private_opener(path: str, flags: int) -> int:
    """Files DanceLike copies into the data folder are owner-only (0600)."""
    return os.open(path, flags, 0o600)


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return translate("Library", "the disk is full")
    return str(exc.strerror or exc)


def check_cancelled(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ImportCancelled("import cancelled")
