"""Reading images and videos, turning every way a file can be bad into one ``InputError``.

Users hand us whatever is on their disk: phone videos with rotation metadata, half-copied
downloads, recordings cut short by a crash, PNGs with alpha. The vision code wants none of
that; it wants RGB uint8 frames with timestamps. This module is the border: past it, a
frame is always ``HxWx3`` uint8 RGB, upright, and a bad file has already become a one-line
message that starts with the file name (exit code 2), never an FFmpeg traceback.
"""

from __future__ import annotations

import heapq
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import av
import av.error
import cv2
import numpy as np

from dancelike.errors import InputError
from dancelike.i18n import translate
from dancelike.media.disposable import unneeded_packets
from dancelike.vision.frames import Image, Yuv420

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"})

#: Codec threads for decoding. Measured on 2 cores (pose_squats.mp4, 720x1280, decode plus
#: rgb24 conversion): 1 thread 1.8 ms/frame, frame threading 1.5 ms/frame; with both cores
#: busy, 10.5 vs 6.5-7.3 ms/frame, where the gain is CPU taken from model inference. Decoding
#: is under a tenth of the per-frame work, so one thread is enough.
DECODE_THREADS = 1

#: A video that decodes cleanly but yields fewer than this share of its declared frames is
#: reported as truncated (containers round their frame counts, so not 100%).
_MIN_DECODED_SHARE = 0.9


def is_image(path: str | Path) -> bool:
    """True when ``path`` names a still image (by suffix; the content is checked on load)."""
    return Path(path).suffix.lower() in IMAGE_SUFFIXES


def _check_file(path: Path) -> None:
    """Raise ``InputError`` for the cases with a clearer message than the decoder's."""
    if not path.exists():
        raise InputError(translate("Video", "{path}: no such file").format(path=path))
    if path.is_dir():
        raise InputError(translate("Video", "{path}: is a folder, not a file").format(path=path))
    if not path.is_file():  # a FIFO, a device (/dev/zero): no size to tell, and reading may never end
        raise InputError(translate("Video", "{path}: not a regular file; give a video or image file").format(path=path))
    if path.stat().st_size == 0:
        raise InputError(translate("Video", "{path}: the file is empty (0 bytes)").format(path=path))


def load_image(path: str | Path) -> np.ndarray:
    """Load an image as RGB uint8 ``HxWx3``; grayscale is expanded, alpha and 16-bit refused.

    Alpha and 16-bit are refused rather than silently converted because dropping alpha over
    a transparent background or rescaling 16-bit depth guesses at what the user meant.
    """
    path = Path(path)
    _check_file(path)
    image = cv2.imread(str(path), cv2.IMREAD_UNCHANGED)
    if image is None or image.size == 0:
        raise InputError(translate("Video", "{path}: not a readable image (corrupt or unsupported format)").format(path=path))
    if image.dtype != np.uint8:
        bits = image.dtype.itemsize * 8
        raise InputError(translate("Video", "{path}: is {bits}-bit; save it as an 8-bit image").format(path=path, bits=bits))
    channels = 1 if image.ndim == 2 else image.shape[2]
    if channels == 1:
        return cv2.cvtColor(image.reshape(image.shape[:2]), cv2.COLOR_GRAY2RGB)
    if channels == 3:
        return cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
    if channels == 4:
        raise InputError(translate("Video", "{path}: has 4 channels (RGBA); save it as an RGB image").format(path=path))
    raise InputError(translate("Video", "{path}: has {channels} channels; save it as an RGB image").format(path=path, channels=channels))


@dataclass(frozen=True)
class VideoFrame:
    """One decoded frame: its index, time in seconds from the stream's start, and pixels.

    ``image`` is RGB uint8, or the decoder's planar YUV from a ``planar`` reader;
    ``rgb`` always gives RGB (converting a planar frame on demand).
    """

    index: int
    t: float
    image: Image

    @property
    def rgb(self) -> np.ndarray:
        return self.image if isinstance(self.image, np.ndarray) else self.image.to_rgb()


def _plane_sizes(frame: av.VideoFrame) -> list[tuple[int, int]]:
    chroma = ((frame.width + 1) // 2, (frame.height + 1) // 2)
    return [(frame.width, frame.height), chroma, chroma]


def _plane(plane: av.video.plane.VideoPlane, width: int, height: int) -> np.ndarray:
    """A plane as a (height, width) uint8 view of the decoder's buffer (rows may be padded)."""
    rows = np.frombuffer(memoryview(plane), np.uint8).reshape(-1, plane.line_size)  # memoryview: numpy's stubs for Python < 3.12 list the buffer types they take
    return rows[:height, :width]


def encoder_frame(image: Yuv420, width: int, height: int) -> av.VideoFrame:
    """A yuv420p frame of ``width`` x ``height`` (even) for an encoder, holding ``image`` scaled
    straight into the frame's own buffers: one pass, where packing the planes and then
    ``from_ndarray`` copied every byte twice (0.3 ms a 640x480 frame)."""
    frame = av.VideoFrame(width, height, "yuv420p")
    image.resize_into(*(_plane(plane, w, h) for plane, (w, h) in zip(frame.planes, _plane_sizes(frame))))
    return frame


def shrink_factor(width: int, height: int, fit: tuple[int, int]) -> int:
    """The largest whole factor a width x height picture can be shrunk by and stay at least
    ``fit`` (1: not at all). Whole factors make area averaging cheap and sharp."""
    return max(1, min(width // max(1, fit[0]), height // max(1, fit[1])))


def fit_within(width: int, height: int, box: tuple[int, int]) -> tuple[int, int]:
    """``width`` x ``height`` scaled down (never up) to fit ``box`` (long side, short side)
    turned the picture's way, with even sides (4:2:0 needs them)."""
    long_side, short_side = box
    fit_w, fit_h = (long_side, short_side) if width >= height else (short_side, long_side)
    scale = min(1.0, fit_w / width, fit_h / height)
    if scale == 1.0:
        return width, height
    return max(2, round(width * scale / 2) * 2), max(2, round(height * scale / 2) * 2)


class VideoReader:
    """Decode a video file frame by frame (single pass), as upright RGB with timestamps.

    Opening decodes the first frame: that proves the file is a usable video before any
    work starts, and tells us the display rotation (phone videos store portrait footage as
    landscape plus a rotation flag), so ``width``/``height`` are the upright size.
    ``start`` (seconds) begins at the first frame at or after that time, for workers that
    analyse one segment of a video; a ``start`` past the last frame yields nothing.
    ``planar`` yields 8-bit 4:2:0 frames as ``Yuv420`` (no full-frame RGB conversion,
    for analysis); other pixel formats and rotated videos still come as RGB.

    For playing a big video live: ``max_fps`` keeps at most that many frames a second (a 60 fps
    video yields every other frame; the rest are decoded, never converted, and counted in
    ``not_needed``), and ``fit`` (width, height) shrinks the RGB frames by the largest whole
    factor that keeps them at least that big (a 1080p video at ``fit=(960, 540)`` comes at
    960x540, a 720p one as it is): a whole-factor area reduction of the YUV planes before the
    colour conversion is sharp and costs less than converting the full frame (measured here:
    0.8 ms against 1.4 ms at 1080p; FFmpeg's scaler took 2.7 ms).
    """

    def __init__(
        self,
        path: str | Path,
        threads: int = DECODE_THREADS,
        start: float = 0.0,
        planar: bool = False,
        max_fps: float | None = None,
        fit: tuple[int, int] | None = None,
    ) -> None:
        self.path = Path(path)
        self.start = max(0.0, start)
        self.planar = planar
        self.max_fps, self.fit = max_fps, fit
        self.not_needed = 0
        self.not_decoded = 0  # of those, packets never even decoded (``media.disposable``)
        self._next_kept = -1.0
        self.name = str(path)  # as the user typed it: messages start with it
        _check_file(self.path)
        try:
            self._container = av.open(str(self.path))
        except (av.error.FFmpegError, OSError, UnicodeDecodeError) as exc:
            raise InputError(self._open_failure(exc)) from exc
        try:
            self._setup(threads)
        except BaseException:
            self._container.close()
            raise

    def _open_failure(self, exc: BaseException) -> str:
        """Explain why FFmpeg refused the file; an MP4 header means a truncated file."""
        if isinstance(exc, PermissionError):
            return translate("Video", "{path}: cannot read the file (permission denied)").format(path=self.name)
        if isinstance(exc, EOFError):  # av.error.EOFError is one too
            return translate("Video", "{path}: video is truncated (the file ends too early)").format(path=self.name)
        try:
            with open(self.path, "rb") as f:
                head = f.read(12)
        except OSError:
            head = b""
        if head[4:8] == b"ftyp":
            # MP4/MOV whose index ("moov") is missing: typically an unfinished download or
            # a recording that was not closed. FFmpeg only says "Invalid data".
            return translate("Video", "{path}: video is truncated or corrupt (its index is missing)").format(path=self.name)
        return translate("Video", "{path}: not a video file (or one in a format FFmpeg cannot read)").format(path=self.name)

    def _setup(self, threads: int) -> None:
        if not self._container.streams.video:
            raise InputError(translate("Video", "{path}: has no video stream").format(path=self.name))
        stream = self._container.streams.video[0]
        stream.thread_type = "AUTO" if threads > 1 else "SLICE"
        stream.codec_context.thread_count = max(1, threads)
        self._stream = stream
        rate = stream.average_rate or stream.guessed_rate
        self.fps = float(rate) if rate and rate > 0 else 30.0
        if stream.duration is not None and stream.time_base is not None:
            self.duration = float(stream.duration * stream.time_base)
        elif self._container.duration:
            self.duration = self._container.duration / av.time_base
        else:
            self.duration = 0.0
        self._declared = int(stream.frames or 0)
        self.frame_count = self._declared or int(round(self.duration * self.fps))
        self._decoded = 0
        if self.start > 0:
            # Jump to the keyframe before ``start``; _decode skips the frames before it.
            assert stream.time_base is not None  # FFmpeg gives every opened stream one
            offset = int(self.start / stream.time_base) + (stream.start_time or 0)
            self._container.seek(offset, stream=stream, backward=True, any_frame=False)
        self._frames = self._decode()
        self._first = next(self._frames, None)
        self._iterated = False
        if self._first is None:
            if self.start == 0:
                raise InputError(translate("Video", "{path}: has no video frames").format(path=self.name))
            self.height, self.width = stream.height, stream.width
        else:
            self.height, self.width = self._first.image.shape[:2]

    def _decode(self) -> Generator[VideoFrame, None, None]:
        """Decode every frame; FFmpeg errors become ``InputError`` naming how far we got."""
        stream = self._stream
        start: int | None = stream.start_time
        if start is None and self.start > 0:
            start = 0
        # above ``max_fps``: packets of frames not kept that no frame needs are not even decoded
        unneeded = unneeded_packets(stream, self.fps, self.max_fps) if self.max_fps else None
        first: int | None = None  # the index of the first frame kept (the others follow from it)
        skipped: list[float] = []  # the times of packets passed over, counted in display order
        try:
            for packet in self._container.demux(stream):
                if unneeded is not None and first is not None and unneeded(packet, first):
                    assert packet.pts is not None and packet.time_base is not None
                    heapq.heappush(skipped, float((packet.pts - (start or 0)) * packet.time_base))
                    self.not_needed += 1
                    self.not_decoded += 1
                    continue
                for frame in packet.decode():
                    if frame.pts is None:
                        t = self._decoded / self.fps
                    else:
                        if start is None:
                            start = frame.pts
                        assert frame.time_base is not None  # a decoded frame has its stream's
                        t = float((frame.pts - start) * frame.time_base)
                    while skipped and skipped[0] < t:
                        heapq.heappop(skipped)
                        self._decoded += 1
                    if t < self.start - 1e-6:
                        continue  # decoded only to reach ``start`` after a seek
                    self._decoded += 1
                    if self.max_fps:
                        if t < self._next_kept:
                            self.not_needed += 1
                            continue
                        # the next frame due a 1/max_fps later, with a little slack for uneven timestamps
                        self._next_kept = t + 0.75 / self.max_fps
                        first = round(t * self.fps) if first is None else first
                    yield VideoFrame(self._decoded - 1, t, self._pixels(frame))
            self._decoded += len(skipped)
        except (av.error.FFmpegError, EOFError) as exc:
            raise InputError(translate("Video", "{path}: video is truncated or corrupt after {frames} frames").format(path=self.name, frames=self._decoded)) from exc
        if self.start == 0:
            self.check_complete(self._decoded)

    def _pixels(self, frame: av.VideoFrame) -> Image:
        turns = round(getattr(frame, "rotation", 0) / 90) % 4
        if self.planar and not turns and frame.format.name == "yuv420p" and frame.color_range != 2:
            y, u, v = (_plane(plane, width, height) for plane, (width, height) in zip(frame.planes, _plane_sizes(frame)))
            return Yuv420(y, u, v)
        rgb: np.ndarray = self._rgb(frame, turns)
        if turns:
            # Display matrix rotates counter-clockwise; so does np.rot90.
            rgb = np.ascontiguousarray(np.rot90(rgb, turns))
        return rgb

    def _rgb(self, frame: av.VideoFrame, turns: int) -> np.ndarray:
        """The frame as RGB, shrunk by a whole factor towards ``fit`` (an upright box)."""
        factor = self._shrink_factor(frame.width, frame.height, turns)
        width, height = frame.width // factor, frame.height // factor
        if frame.format.name == "yuv420p" and frame.color_range != 2 and width % 4 == 0 and height % 4 == 0:
            # OpenCV's conversion, not FFmpeg's scaler: 0.9 ms of CPU a 720p frame against
            # 2.2 ms (the scaler also runs a pool of threads per reader), same BT.601 maths
            planes = (_plane(plane, w, h) for plane, (w, h) in zip(frame.planes, _plane_sizes(frame)))
            return Yuv420(*planes).shrunk(factor).to_rgb()
        if factor == 1:
            return frame.to_ndarray(format="rgb24")
        return frame.to_ndarray(format="rgb24", width=width // 2 * 2, height=height // 2 * 2, interpolation="AREA")

    def _shrink_factor(self, width: int, height: int, turns: int) -> int:
        if self.fit is None:
            return 1
        return shrink_factor(width, height, self.fit if turns % 2 == 0 else (self.fit[1], self.fit[0]))

    @property
    def frame_fps(self) -> float:
        """Frames a second this reader yields: the video's rate, or ``max_fps`` when lower."""
        return min(self.fps, self.max_fps) if self.max_fps else self.fps

    def __iter__(self) -> Iterator[VideoFrame]:
        """Yield frames in order. The reader is a stream: it can be iterated once."""
        if self._iterated:
            raise RuntimeError(f"{self.name}: VideoReader can only be iterated once")
        self._iterated = True
        first, self._first = self._first, None
        if first is None:
            return
        yield first
        yield from self._frames

    @property
    def declared_frames(self) -> int:
        """Frame count the container declares (0 when it does not say)."""
        return self._declared

    def check_complete(self, decoded: int) -> None:
        """Raise ``InputError`` when ``decoded`` frames fall well short of the declared count.

        For callers that read a video in pieces (each piece stops early, so no single
        reader sees the end) and add up what they got.
        """
        if self._declared and decoded < _MIN_DECODED_SHARE * self._declared:
            text = translate("Video", "{path}: video is truncated: {decoded} of {declared} frames could be decoded")
            raise InputError(text.format(path=self.name, decoded=decoded, declared=self._declared))

    @property
    def frames_decoded(self) -> int:
        return self._decoded

    def close(self) -> None:
        self._frames.close()
        self._container.close()

    def __enter__(self) -> VideoReader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
