"""Writing H.264 MP4 videos and PNG images, with one-line errors for bad destinations.

Used for the ``--overlay`` video, replay exports and masks. H.264 in yuv420p is what every
player and browser accepts; yuv420p needs even width and height, so odd-sized frames are
padded by one pixel (edge-replicated) rather than refused.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from types import TracebackType
from typing import cast

import av
import av.error
import cv2
import numpy as np
import numpy.typing as npt

from dancelike.atomic import prepare_destination, write_file
from dancelike.errors import InputError
from dancelike.i18n import translate


def _fps_fraction(fps: float) -> Fraction:
    """``fps`` as an exact rate: 29.97 becomes 30000/1001, 25.0 becomes 25."""
    if fps <= 0:
        raise ValueError(f"fps must be positive, got {fps}")
    return Fraction(fps).limit_denominator(1001)


class VideoWriter:
    """Encode RGB frames to an H.264 MP4 at a constant frame rate, with optional AAC sound.

    Frame ``i`` gets pts ``i`` in a time base of ``1/fps``, so timing is exact for any rate
    FFmpeg can express. ``close()`` (or leaving the ``with`` block) flushes the encoder;
    without it the last frames (held back for B-frame reordering) would be lost.
    """

    def __init__(
        self,
        path: str | Path,
        fps: float,
        width: int,
        height: int,
        crf: int = 20,
        preset: str = "veryfast",
        gop: int | None = None,
        audio_rate: int | None = None,
        audio_channels: int = 2,
    ) -> None:
        self.path = Path(path)
        prepare_destination(self.path)
        self.width, self.height = int(width), int(height)
        if self.width <= 0 or self.height <= 0:
            raise ValueError(f"bad frame size {width}x{height}")
        rate = _fps_fraction(fps)
        try:
            self._container = av.open(str(self.path), mode="w", format="mp4")
        except (av.error.FFmpegError, OSError) as exc:
            raise InputError(translate("Files", "{path}: cannot write here ({reason})").format(path=self.path, reason=exc.strerror or exc)) from exc
        stream = self._container.add_stream("libx264", rate=rate)
        stream.width = self.width + self.width % 2
        stream.height = self.height + self.height % 2
        stream.pix_fmt = "yuv420p"
        stream.time_base = 1 / rate
        stream.codec_context.options = {"crf": str(crf), "preset": preset}
        if gop:  # frames between keyframes: short GOPs make seeking (and parallel decoding) cheap
            stream.codec_context.gop_size = int(gop)
        self._stream = stream
        self._count = 0
        self._closed = False
        self._audio: av.audio.stream.AudioStream | None = None
        self._audio_samples = 0
        if audio_rate:
            layout = "mono" if audio_channels == 1 else "stereo"
            self._audio = self._container.add_stream("aac", rate=int(audio_rate), layout=layout)
            self._audio.codec_context.bit_rate = 160_000

    @property
    def frames_written(self) -> int:
        return self._count

    def write(self, rgb: np.ndarray) -> None:
        """Append one ``HxWx3`` uint8 RGB frame of the size given at construction."""
        if self._closed:
            raise RuntimeError("VideoWriter is closed")
        if rgb.dtype != np.uint8 or rgb.ndim != 3 or rgb.shape[2] != 3:
            raise ValueError(f"expected HxWx3 uint8 RGB, got {rgb.shape} {rgb.dtype}")
        if rgb.shape[:2] != (self.height, self.width):
            raise ValueError(f"frame is {rgb.shape[1]}x{rgb.shape[0]}, writer is {self.width}x{self.height}")
        pad_y, pad_x = self._stream.height - self.height, self._stream.width - self.width
        if pad_x or pad_y:
            rgb = cv2.copyMakeBorder(rgb, 0, pad_y, 0, pad_x, cv2.BORDER_REPLICATE)
        # OpenCV's I420 conversion is several times faster than FFmpeg's swscale from RGB.
        yuv = cast("npt.NDArray[np.uint8]", cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2YUV_I420))  # uint8 in and out; cv2's stubs drop the dtype
        frame = av.VideoFrame.from_ndarray(yuv, format="yuv420p")
        frame.pts = self._count
        self._count += 1
        self._mux(self._stream.encode(frame))

    def write_audio(self, samples: np.ndarray) -> None:
        """Append float32 samples, shape (n, channels) in [-1, 1], to the AAC track.

        Call it as the video goes (e.g. one frame's worth per video frame) so the two
        tracks interleave in the file.
        """
        if self._audio is None:
            raise RuntimeError("this VideoWriter was made without audio_rate")
        samples = np.ascontiguousarray(np.clip(samples, -1.0, 1.0).astype(np.float32).T)
        if samples.shape[1] == 0:
            return
        frame = av.AudioFrame.from_ndarray(samples, format="fltp", layout=self._audio.layout.name)
        frame.sample_rate = self._audio.rate
        frame.pts = self._audio_samples
        self._audio_samples += samples.shape[1]
        self._mux(self._audio.encode(frame))

    def _mux(self, packets: list[av.Packet]) -> None:
        try:
            self._container.mux(packets)
        except (av.error.FFmpegError, OSError) as exc:
            # A full disk or a vanished folder mid-write: the user can act on it.
            raise InputError(translate("Files", "{path}: writing failed ({reason})").format(path=self.path, reason=exc.strerror or exc)) from exc

    def close(self) -> None:
        """Flush the encoder and finish the file. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        try:
            self._mux(self._stream.encode(None))
            if self._audio is not None:
                self._mux(self._audio.encode(None))
        finally:
            self._container.close()

    def __enter__(self) -> VideoWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def write_png(path: str | Path, image: np.ndarray) -> None:
    """Write an RGB (``HxWx3``) or grayscale (``HxW``) uint8 image as PNG (or the format its
    name asks for), atomically: encoded in memory, so a full disk is an ``OSError``, not a
    silent ``False`` from OpenCV, and an earlier file survives any failure."""
    path = Path(path)
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_RGB2BGR)
    try:
        ok, encoded = cv2.imencode(path.suffix or ".png", image)
    except cv2.error as exc:
        raise InputError(translate("Files", "{path}: cannot write the image ({reason})").format(path=path, reason=exc.err)) from exc
    if not ok:
        raise InputError(translate("Files", "{path}: cannot write the image").format(path=path))
    write_file(path, encoded.tobytes(), "image")
