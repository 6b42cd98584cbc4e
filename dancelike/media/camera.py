"""Camera sources: a device, a video file standing in for one, or any ``t -> frame`` function.

Every source is a ``Camera``: it is opened (and its errors raised as ``InputError``) on the
caller's thread, then ``start()`` runs one capture thread that stamps each frame with session
time and hands it to its subscribers without ever waiting for them: analysis wants only the
newest frame (a ``LatestFrame`` slot), the recorder every frame (a bounded ``FrameQueue``).

A camera that disappears mid-session (a device read fails, a file turns out truncated) never
raises in the capture thread: the thread ends, ``state`` becomes ``LOST``, ``error`` holds a
``CameraLost`` with a one-line reason, and the subscribers are closed so consumers finish what
they hold and stop. ``open_camera(spec)`` maps the ``--camera`` argument to a backend through a
registry, so the synthetic demo performer can register itself as ``demo``.
"""

from __future__ import annotations

import enum
import sys
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import TracebackType

import cv2
import numpy as np

from dancelike.errors import DanceLikeError, InputError
from dancelike.i18n import translate
from dancelike.media.clock import (
    DropPolicy,
    FrameQueue,
    LatestFrame,
    SessionClock,
    Timings,
)
from dancelike.media.video import VideoFrame, VideoReader, shrink_factor
from dancelike.vision.frames import Image, Yuv420


class CameraLost(DanceLikeError):
    """The camera stopped delivering frames mid-session (unplugged, read failure, bad file)."""


@dataclass(frozen=True)
class CapturedFrame:
    """One camera frame: its capture index, session time (seconds) at capture, and its pixels
    as the source gave them: RGB, or a decoder's planar YUV for a video-file camera.

    Planar frames go to the analyser (which converts only its crop) and to the recorder (which
    encodes them as they are) without a full-frame colour conversion; ``rgb`` converts once,
    on demand, for whoever shows the picture."""

    index: int
    t: float
    image: Image = field(repr=False)

    @cached_property
    def rgb(self) -> np.ndarray:
        """The frame as RGB uint8 (converted the first time it is asked for)."""
        return self.image.to_rgb() if isinstance(self.image, Yuv420) else self.image

    def shown(self, fit: tuple[int, int]) -> np.ndarray:
        """RGB at least ``fit`` big, shrunk by a whole factor: a planar frame is shrunk before
        its colour conversion (a quarter of the work for a 720p camera shown at 640x360)."""
        height, width = self.image.shape[:2]
        factor = shrink_factor(width, height, fit)
        if isinstance(self.image, Yuv420) and width // factor % 4 == 0 and height // factor % 4 == 0:
            return self.image.shrunk(factor).to_rgb()
        rgb = self.rgb
        return rgb if factor == 1 else cv2.resize(rgb, (width // factor, height // factor), interpolation=cv2.INTER_AREA)


class CameraState(enum.Enum):
    """IDLE -> RUNNING -> STOPPED (asked to) | ENDED (source finished) | LOST (failed)."""

    IDLE = "idle"
    RUNNING = "running"
    STOPPED = "stopped"
    ENDED = "ended"
    LOST = "lost"


class CameraKind(enum.Enum):
    """What is behind a camera: what the app shows (a selfie view, "YOU" or "DEMO DANCER")
    depends on it, never on the camera's name."""

    DEVICE = "device"  # a webcam: shown as a mirror, the live "you"
    FILE = "file"  # a video file playing the part of a webcam
    SYNTHETIC = "synthetic"  # drawn frame by frame (the demo dancer, the clapper)


@dataclass(frozen=True)
class CameraStats:
    frames: int
    fps: float
    grab_ms_p50: float
    late_ms_p95: float  # paced sources: how late frames were delivered past their due time
    overwritten: dict[str, int]  # per LatestFrame subscriber
    dropped: dict[str, int]  # per FrameQueue subscriber


class Camera(ABC):
    """Base of all camera backends: subscribers, the capture thread, state and stats.

    Backends implement ``_grab`` (return the next frame and its session time, None at a normal
    end, raise ``CameraLost`` on failure) and ``_release``. Sizes are known after construction,
    so a recorder can be set up before capture starts.
    """

    width: int
    height: int
    fps: float
    kind: CameraKind

    def __init__(self, name: str, clock: SessionClock | None = None) -> None:
        self.name = name
        if clock is None:
            clock = SessionClock()
        if not clock.started:
            clock.start()
        self.clock = clock
        self.state = CameraState.IDLE
        self.reason = ""
        self.error: CameraLost | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._latest: list[LatestFrame[CapturedFrame]] = []
        self._queues: list[FrameQueue[CapturedFrame]] = []
        self._frames = 0
        self._first_t: float | None = None
        self._last_t = 0.0
        self._grab_ms = Timings()  # source work per frame, pacing waits excluded
        self._waited = 0.0
        self._late_ms = Timings()
        self._released = False

    # --- subscribers -------------------------------------------------------------------

    def subscribe_latest(self, name: str = "latest") -> LatestFrame[CapturedFrame]:
        box: LatestFrame[CapturedFrame] = LatestFrame(name)
        with self._lock:
            self._latest.append(box)
        return box

    def subscribe_queue(self, name: str = "queue", maxsize: int = 64, policy: DropPolicy = DropPolicy.DROP_OLDEST) -> FrameQueue[CapturedFrame]:
        queue: FrameQueue[CapturedFrame] = FrameQueue(maxsize, policy, name)
        with self._lock:
            self._queues.append(queue)
        return queue

    # --- lifecycle -----------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None or self.state is not CameraState.IDLE:
            raise RuntimeError(f"{self.name}: a camera can be started once")
        self.state = CameraState.RUNNING
        self._thread = threading.Thread(target=self._run, name=f"camera-{self.name}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Ask capture to end and wait for the thread; safe to call in any state, twice."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        else:
            self._finish(CameraState.STOPPED, translate("Camera", "stopped before it started"))

    def join(self, timeout: float | None = None) -> bool:
        """Wait for capture to end by itself (file end, camera lost); True when it has."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def thread(self) -> threading.Thread | None:
        """The capture thread once started (for per-thread CPU figures)."""
        return self._thread

    def stats(self) -> CameraStats:
        span = self._last_t - (self._first_t or 0.0)
        fps = (self._frames - 1) / span if self._frames > 1 and span > 0 else 0.0
        with self._lock:
            over = {b.name: b.overwritten for b in self._latest}
            dropped = {q.name: q.dropped for q in self._queues}
        return CameraStats(self._frames, fps, self._grab_ms.percentile(50), self._late_ms.percentile(95), over, dropped)

    def _run(self) -> None:
        state, reason = CameraState.STOPPED, translate("Camera", "stopped")
        try:
            start = self.clock.now()
            while not self._stop.is_set():
                t_grab, self._waited = time.perf_counter(), 0.0
                got = self._grab(start)
                if got is None:
                    if self._stop.is_set():
                        break
                    reason = translate("Camera", "{camera}: the source ended after {frames} frames").format(camera=self.name, frames=self._frames)
                    state = CameraState.ENDED
                    break
                self._grab_ms.add((time.perf_counter() - t_grab - self._waited) * 1000)
                image, t = got
                t = max(t, self._last_t + 1e-6) if self._frames else t  # strictly increasing
                self._deliver(CapturedFrame(self._frames, t, image))
        except CameraLost as exc:
            state, reason, self.error = CameraState.LOST, str(exc), exc
        except Exception as exc:  # noqa: BLE001 - a backend bug must surface, not kill a thread
            text = translate("Camera", "{camera}: capture failed after {frames} frames ({error})")
            lost = CameraLost(text.format(camera=self.name, frames=self._frames, error=repr(exc)))
            lost.__cause__ = exc
            state, reason, self.error = CameraState.LOST, str(lost), lost
        finally:
            self._finish(state, reason)

    def _deliver(self, frame: CapturedFrame) -> None:
        if self._first_t is None:
            self._first_t = frame.t
        self._last_t = frame.t
        self._frames += 1
        with self._lock:
            latest, queues = list(self._latest), list(self._queues)
        for queue in queues:
            queue.put(frame)
        for box in latest:
            box.put(frame)

    def _finish(self, state: CameraState, reason: str) -> None:
        with self._lock:
            if not self._released:
                self._released = True
                try:
                    self._release()
                except Exception as exc:  # noqa: BLE001 - must not hide why capture ended
                    reason = translate("Camera", "{reason}; releasing the camera failed ({error})").format(reason=reason, error=repr(exc))
            subscribers: list[LatestFrame[CapturedFrame] | FrameQueue[CapturedFrame]] = [*self._latest, *self._queues]
        self.state, self.reason = state, reason
        for sub in subscribers:
            sub.close()

    def _wait_until(self, due: float) -> bool:
        """Sleep until session time ``due`` (False when stopped meanwhile); record lateness."""
        delay = due - self.clock.now()
        if delay > 0:
            t0 = time.perf_counter()
            if self._stop.wait(delay):
                return False
            self._waited += time.perf_counter() - t0
        self._late_ms.add(max(0.0, self.clock.now() - due) * 1000)
        return True

    @abstractmethod
    def _grab(self, start: float) -> tuple[Image, float] | None:
        """Next ``(image, session time)`` (RGB, or planar YUV); None at a normal end; raise ``CameraLost`` on failure.
        ``start`` is the session time capture began (paced sources count from it)."""

    def _release(self) -> None:  # noqa: B027 - optional: most sources hold nothing to free
        """Free the device or file (called once, on the capture thread when it ran)."""

    def close(self) -> None:
        self.stop()

    def __enter__(self) -> Camera:  # noqa: PYI034
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


def _open_device(index: int) -> cv2.VideoCapture:
    """``cv2.VideoCapture(index)``, as a one-argument function (the class's constructor is overloaded)."""
    return cv2.VideoCapture(index)


class DeviceCamera(Camera):
    """A webcam through OpenCV (V4L2 / AVFoundation / Media Foundation); BGR becomes RGB."""

    kind = CameraKind.DEVICE

    #: Consecutive failed reads before the camera counts as lost (one can be a USB hiccup).
    MAX_FAILED_READS = 5
    _capture_factory: Callable[[int], cv2.VideoCapture] = staticmethod(_open_device)  # tests swap in a fake

    def __init__(self, index: int, clock: SessionClock | None = None, width: int | None = None, height: int | None = None, fps: float | None = None) -> None:
        super().__init__(translate("Camera", "camera {index}").format(index=index), clock)
        self._cap = self._capture_factory(index)
        if not self._cap.isOpened():
            self._cap.release()
            raise InputError(translate("Camera", "{camera}: cannot be opened (not connected, or in use by another app)").format(camera=self.name))
        for prop, value in ((cv2.CAP_PROP_FRAME_WIDTH, width), (cv2.CAP_PROP_FRAME_HEIGHT, height), (cv2.CAP_PROP_FPS, fps)):
            if value:
                self._cap.set(prop, float(value))
        self.width = int(self._cap.get(cv2.CAP_PROP_FRAME_WIDTH))
        self.height = int(self._cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
        self.fps = float(self._cap.get(cv2.CAP_PROP_FPS)) or 30.0

    def _grab(self, start: float) -> tuple[Image, float] | None:
        for _ in range(self.MAX_FAILED_READS):
            ok, bgr = self._cap.read()
            t = self.clock.now()
            if ok and bgr is not None:
                return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), t
            if self._stop.is_set():
                return None
        raise CameraLost(translate("Camera", "{camera}: stopped delivering frames after {frames} (disconnected?)").format(camera=self.name, frames=self._frames))

    def _release(self) -> None:
        self._cap.release()


class FileCamera(Camera):
    """A video file played at real-time pace as a stand-in camera (benchmarks, tests, demos).

    Frame ``i`` is delivered at ``start + its own timestamp`` on the session clock and stamped
    with that time, so the stream has exactly the file's (possibly variable) timing. A file
    that turns out truncated is a lost camera; a clean end ends capture (or loops, if asked).
    """

    kind = CameraKind.FILE

    def __init__(self, path: str | Path, clock: SessionClock | None = None, loop: bool = False) -> None:
        super().__init__(str(path), clock)
        self.path, self.loop = Path(path), loop
        self._reader = self._open_reader()  # InputError here, on the caller's thread
        self.width, self.height, self.fps = self._reader.width, self._reader.height, self._reader.fps
        self._iter: Iterator[VideoFrame] = iter(self._reader)
        self._offset = 0.0  # added to file time after each loop
        self._last_file_t = 0.0

    def _open_reader(self) -> VideoReader:
        """The file, decoded to planar YUV where it is plain 4:2:0 (most are): see ``CapturedFrame``."""
        return VideoReader(self.path, planar=True)

    def _next(self) -> VideoFrame | None:
        try:
            return next(self._iter, None)
        except InputError as exc:
            raise CameraLost(translate("Camera", "{error} (the stand-in camera ended early)").format(error=exc)) from exc

    def _grab(self, start: float) -> tuple[Image, float] | None:
        frame = self._next()
        if frame is None and self.loop and self._frames:
            self._reader.close()
            self._offset += self._last_file_t + 1.0 / self.fps
            self._reader = self._open_reader()
            self._iter = iter(self._reader)
            frame = self._next()
        if frame is None:
            return None
        self._last_file_t = frame.t
        due = start + self._offset + frame.t
        if not self._wait_until(due):
            return None
        return frame.image, due

    def _release(self) -> None:
        self._reader.close()


FrameFunction = Callable[[float], "np.ndarray | None"]


class CallableCamera(Camera):
    """Frames from a function of time (the synthetic demo performer, test patterns).

    ``fn(t)`` returns the RGB frame for source time ``t`` (seconds from capture start), or None
    when the performance is over. Frames are paced at ``fps`` on the session clock. The first
    frame is rendered at construction to learn (and validate) the size.
    """

    kind = CameraKind.SYNTHETIC

    def __init__(self, fn: FrameFunction, fps: float = 30.0, clock: SessionClock | None = None, name: str = "callable") -> None:
        super().__init__(name, clock)
        if fps <= 0:
            raise ValueError(f"fps must be positive, got {fps}")
        self._fn, self.fps = fn, float(fps)
        first = fn(0.0)
        if first is None or first.ndim != 3 or first.shape[2] != 3 or first.dtype != np.uint8:
            raise InputError(translate("Camera", "{camera}: the frame source must return HxWx3 uint8 RGB frames").format(camera=name))
        self.height, self.width = first.shape[:2]
        self._pending: np.ndarray | None = first

    def _grab(self, start: float) -> tuple[Image, float] | None:
        i = self._frames
        rgb: np.ndarray | None
        if self._pending is not None:
            rgb, self._pending = self._pending, None
        else:
            rgb = self._fn(i / self.fps)
        if rgb is None:
            return None
        due = start + i / self.fps
        if not self._wait_until(due):
            return None
        return rgb, due


# --- registry ----------------------------------------------------------------------------

CameraFactory = Callable[[str, "SessionClock | None"], Camera]
_REGISTRY: dict[str, CameraFactory] = {
    "device": lambda arg, clock: DeviceCamera(int(arg), clock),
    "file": lambda arg, clock: FileCamera(arg, clock),
}


def register_camera(name: str, factory: CameraFactory) -> None:
    """Make ``open_camera(name)`` / ``open_camera("name:arg")`` call ``factory(arg, clock)``."""
    _REGISTRY[name.lower()] = factory


def camera_kinds() -> list[str]:
    return sorted(_REGISTRY)


def open_camera(spec: str, clock: SessionClock | None = None) -> Camera:
    """The camera for a ``--camera`` value: ``"0"`` (device index), a video file path,
    ``"file:PATH"``, or a registered name (``"demo"``, ``"name:arg"``). InputError otherwise."""
    spec = spec.strip()
    if spec.isdigit():
        return DeviceCamera(int(spec), clock)
    name, _, arg = spec.partition(":")
    factory = _REGISTRY.get(name.lower())
    if factory is not None and not Path(spec).exists():
        return factory(arg, clock)
    if Path(spec).is_file():
        return FileCamera(spec, clock)
    kinds = ", ".join(k for k in camera_kinds() if k not in ("device", "file")) or translate("Camera", "none registered")
    text = translate("Camera", "{spec}: not a camera: give a device index (0, 1, ...), a video file, or a source name ({kinds})")
    raise InputError(text.format(spec=spec, kinds=kinds))


def list_cameras(max_index: int = 10) -> list[int]:
    """Indices of the cameras that open. On Linux only existing ``/dev/videoN`` nodes are
    probed (opening a missing index makes OpenCV log and retry); elsewhere indices 0-9."""
    found = []
    for index in range(max_index):
        if sys.platform.startswith("linux") and not Path(f"/dev/video{index}").exists():
            continue
        cap = cv2.VideoCapture(index)
        try:
            if cap.isOpened():
                found.append(index)
        finally:
            cap.release()
    return found
