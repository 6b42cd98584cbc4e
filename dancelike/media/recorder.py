"""Recording the user's performance: every camera frame to H.264, the music to Opus, in fragmented MP4.

The recorder is one thread that takes captured frames from its own bounded queue and encodes
each as it arrives, so a recording is finished the moment the session ends. Three choices make
it trustworthy:

* **Fragmented MP4** (``frag_keyframe+empty_moov+default_base_moof``, a keyframe about every
  second) with ``flush_packets``: the index is written up front and each fragment reaches the
  disk as soon as it is complete, so a crash or ``kill -9`` loses at most the last second. (A
  plain MP4 writes its index at the end: killed, it is unreadable; without ``flush_packets``
  FFmpeg's write buffer loses even the header.)
* **Capture timestamps as pts** (1/90000 s): a camera that delivers frames unevenly is
  recorded with its real timing, so the replay lines up with the reference.
* **Cheap, predictable encoding**: libx264 on one thread, ultrafast (measured below), with
  ``tune=zerolatency`` (no B-frames, no look-ahead: every frame leaves the encoder at once and
  per-frame cost is flat; it also forces constant-rate rate control, without which a 1/90000
  time base made x264's CRF spend ~40x the bits). RGB to I420 by OpenCV: quicker than swscale.
  The music in Opus, a tenth of a second at a time: a fifth of AAC's CPU (``OPUS``).

Errors (disk full, folder gone, unwritable) end the recording cleanly: ``state`` is ``FAILED``,
``error`` holds a one-line ``InputError``, and a half-written last fragment is cut off so the
file that remains plays. The music arrives from the session as ``push_audio(pcm, t)`` in session
time; it is written aligned to the video, silence filling gaps, never beyond the last frame.
"""

from __future__ import annotations

import enum
import errno
import os
import struct
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import BinaryIO, cast

import av
import av.error
import cv2
import numpy as np
import numpy.typing as npt

from dancelike.errors import DanceLikeError, DiskFull, InputError
from dancelike.i18n import translate
from dancelike.media.camera import Camera, CapturedFrame
from dancelike.media.clock import FrameQueue, Timings
from dancelike.media.video import encoder_frame, fit_within
from dancelike.vision.frames import Yuv420

VIDEO_TIME_BASE = Fraction(1, 90000)
MOVFLAGS = "frag_keyframe+empty_moov+default_base_moof"
#: Audio is written only up to the video's time; when none has arrived for a stretch this much
#: older than the newest frame, that stretch is filled with silence so the tracks interleave.
AUDIO_SLACK_SECONDS = 0.5
#: Music is written once this much of it is due, not a little after each frame: the music came
#: in 20 ms blocks, cut again at each frame's end, so the encoder was called 80 times a second
#: with ~600 samples, and the calls' own cost (clipping, the frame, PyAV's resampler) was as
#: much as the encoding (measured in a live session: 1.8% of a core, against 0.5% for libopus
#: fed in larger blocks). Fragments are a second long, so a tenth of a second changes nothing
#: of what a crash can lose.
AUDIO_BATCH_SECONDS = 0.1


@dataclass(frozen=True)
class AudioCodec:
    """How the music is encoded. ``priming``: the samples the encoder delays its output by
    (packets start that many before the first frame's pts). Negative times make the MP4 muxer
    shift the whole file, and in fragmented MP4 that shift skews the video (measured: every
    frame after the first moved by 21 ms). So the audio track starts at that sample: its first
    few milliseconds are silent instead."""

    name: str
    options: Mapping[str, str]
    priming: int


#: The music's codec. libopus on its quickest setting costs a fifth of FFmpeg's AAC encoder for
#: the same music, and the music was a third of the recorder's CPU: measured here on the bench's
#: music, 48 kHz stereo, 0.47% of a core at 123 kbit/s against 2.31% for AAC's fast coder (2.6%
#: of a core in a live session, more than the 640x480 video's H.264). Opus in MP4 plays in
#: FFmpeg (so PyAV and Qt), VLC and the browsers. libopus takes 48 kHz (the session's rate);
#: at another rate the music is AAC (its fast coder: half the CPU of FFmpeg's default).
OPUS = AudioCodec("libopus", {"compression_level": "0"}, priming=312)
AAC = AudioCodec("aac", {"aac_coder": "fast"}, priming=1024)
OPUS_RATE = 48000


def audio_codec(rate: int | None) -> AudioCodec:
    """The music's codec at ``rate`` samples a second."""
    return OPUS if rate == OPUS_RATE else AAC


#: x264 preset. Measured here (recorder fed at 30 fps, camera-like grainy frames, one encoder
#: thread; "loaded" = two processes keeping both cores busy, as the pose models do):
#:   640x480   ultrafast 2.0 ms/frame (loaded 1.9), superfast 5.2 (21), veryfast 5.7 (22)
#:   1280x720  ultrafast 4.7 ms/frame (loaded 16.7), superfast 12.4 (63: 30 of 180 frames
#:             dropped), veryfast 15.2 (79: 42 dropped)
#: Only ultrafast keeps 720p at 30 fps with margin while the models run, and every CPU
#: millisecond spent here is taken from them. The price is a larger file (~2 Mbit/s at 720p).
DEFAULT_PRESET = "ultrafast"

#: The largest picture a camera is recorded at (long side x short side). The replay and the
#: snapshots show the recording at most 540 high, and a 720p frame costs the encoder 2.5 ms
#: against 1.0 ms at 960x540 (scaling the planes: 0.6 ms), CPU the pose model runs short of on
#: a laptop. A smaller camera is recorded as it is.
RECORDING_BOX = (960, 540)


class RecorderState(enum.Enum):
    """IDLE -> RUNNING -> FINISHING -> DONE, or FAILED from any of them."""

    IDLE = "idle"
    RUNNING = "running"
    FINISHING = "finishing"
    DONE = "done"
    FAILED = "failed"


class Recorder:
    """Encode frames from ``source`` to ``path`` until the source closes or ``stop()``.

    ``origin`` is the session time of the file's t=0 (default: the first frame's time); audio
    pushed with session times maps onto the file through it. Frames of another size than
    ``width`` x ``height`` are resized (counted in ``resized``), never refused. With ``box``
    the recording is ``fit_within(width, height, box)``: every frame scaled to it.
    """

    def __init__(
        self,
        path: str | Path,
        source: FrameQueue[CapturedFrame],
        width: int,
        height: int,
        fps: float = 30.0,
        *,
        audio_rate: int | None = None,
        audio_channels: int = 2,
        preset: str | None = None,
        crf: int = 23,
        keyframe_seconds: float = 1.0,
        origin: float | None = None,
        box: tuple[int, int] | None = None,
    ) -> None:
        if width <= 0 or height <= 0 or fps <= 0:
            raise ValueError(f"bad recording format {width}x{height} at {fps} fps")
        self.path, self.source = Path(path), source
        self.width, self.height, self.fps = int(width), int(height), float(fps)
        self.recorded_size = fit_within(self.width, self.height, box) if box else (self.width, self.height)
        self.audio_rate, self.audio_channels = audio_rate, audio_channels
        self.preset = preset or DEFAULT_PRESET
        self.crf, self.keyframe_seconds, self.origin = crf, keyframe_seconds, origin
        self.state = RecorderState.IDLE
        self.error: DanceLikeError | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._audio_in: deque[tuple[float, np.ndarray]] = deque(maxlen=512)  # drop-oldest, counted
        self._audio_lock = threading.Lock()
        self._pending: list[tuple[int, np.ndarray]] = []  # (file sample index, pcm) not yet written
        self._out: list[np.ndarray] = []  # music due, encoded together (``_encode_out``)
        self._file: BinaryIO | None = None
        self._container: av.container.OutputContainer | None = None
        self._video: av.video.stream.VideoStream
        self._audio: av.audio.stream.AudioStream | None = None
        self._encode_ms = Timings()
        self._last_pts = -1
        self._video_end = 0.0  # file seconds covered by the frames encoded so far
        self.audio_codec = audio_codec(audio_rate)
        self._audio_next = self.audio_codec.priming  # next audio sample index in the file
        self.frames_in = self.frames_written = self.resized = self.audio_dropped = 0

    @classmethod
    def for_camera(cls, path: str | Path, camera: Camera, maxsize: int = 64, **options: object) -> Recorder:
        """A recorder fed by its own ``camera`` queue (drop-oldest, ``maxsize`` frames), at
        most ``RECORDING_BOX`` big."""
        queue = camera.subscribe_queue("recorder", maxsize)
        options.setdefault("box", RECORDING_BOX)
        return cls(path, queue, camera.width, camera.height, camera.fps, **options)  # type: ignore[arg-type]  # the constructor's keywords, passed on

    # --- control (any thread) -------------------------------------------------------------

    def start(self) -> bool:
        """Open the file (header written at once: an unwritable place fails here) and start.

        Returns False, with ``error`` set and ``state`` FAILED, when the file cannot be made.
        """
        if self.state is not RecorderState.IDLE:
            raise RuntimeError(f"{self.path}: a recorder can be started once")
        try:
            self._open()
        except (OSError, av.error.FFmpegError) as exc:
            self._fail(InputError(translate("Recorder", "{path}: cannot write the recording here ({reason})").format(path=self.path, reason=_reason(exc))))
            return False
        self.state = RecorderState.RUNNING
        self._thread = threading.Thread(target=self._run, name="recorder", daemon=True)
        self._thread.start()
        return True

    def push_audio(self, pcm: np.ndarray, t: float) -> None:
        """Music that plays from session time ``t``: float32 (n, channels). Never blocks."""
        if self.audio_rate is None or self.state not in (RecorderState.IDLE, RecorderState.RUNNING):
            return
        with self._audio_lock:
            if len(self._audio_in) == self._audio_in.maxlen:
                self.audio_dropped += 1
            self._audio_in.append((float(t), np.asarray(pcm, np.float32).reshape(-1, self.audio_channels)))

    def stop(self, timeout: float = 10.0) -> None:
        """Finish: encode the frames already queued, flush the encoder, close the file; wait."""
        self._stop.set()
        self.source.close()
        self.join(timeout)

    def join(self, timeout: float | None = None) -> bool:
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    @property
    def thread(self) -> threading.Thread | None:
        """The encoding thread once started (for per-thread CPU figures)."""
        return self._thread

    def stats(self) -> dict[str, float | int]:
        return {
            "frames_in": self.frames_in,
            "frames_written": self.frames_written,
            "dropped": self.source.dropped,
            "queue_high_water": self.source.high_water,
            "resized": self.resized,
            "encode_ms_p50": self._encode_ms.percentile(50),
            "encode_ms_p95": self._encode_ms.percentile(95),
            "audio_seconds": (self._audio_next - self.audio_codec.priming) / self.audio_rate if self.audio_rate else 0.0,
            "audio_dropped": self.audio_dropped,
            "duration": self._video_end,
        }

    # --- the thread -------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                frame = self.source.get(timeout=0.05)
                if frame is not None:
                    self._encode(frame)
                elif self.source.done:
                    break
            self.state = RecorderState.FINISHING
            for _ in range(len(self.source)):  # stopped: what was queued still goes in
                frame = self.source.get(timeout=0)
                if frame is not None:
                    self._encode(frame)
            self._finish()
            self.state = RecorderState.DONE
        except (OSError, av.error.FFmpegError) as exc:
            self._fail(self._describe(exc))
        except Exception as exc:  # noqa: BLE001 - a bug: surfaced as the recording's error
            error = DanceLikeError(
                translate("Recorder", "{path}: recording failed after {frames} frames ({reason})").format(path=self.path, frames=self.frames_in, reason=repr(exc))
            )
            error.__cause__ = exc
            self._fail(error)

    def _open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        target = self._open_file()
        if not isinstance(target, str):
            self._file = target
        options = {"movflags": MOVFLAGS, "flush_packets": "1"}
        self._container = container = av.open(target, mode="w", format="mp4", options=options)
        stream = container.add_stream("libx264", rate=Fraction(self.fps).limit_denominator(1001))
        width, height = self.recorded_size
        stream.width, stream.height = width + width % 2, height + height % 2
        stream.pix_fmt = "yuv420p"
        stream.time_base = stream.codec_context.time_base = VIDEO_TIME_BASE
        stream.codec_context.thread_count = 1
        stream.codec_context.gop_size = max(1, round(self.fps * self.keyframe_seconds))
        stream.codec_context.options = {"preset": self.preset, "tune": "zerolatency", "crf": str(self.crf)}
        self._video = stream
        if self.audio_rate:
            layout = "mono" if self.audio_channels == 1 else "stereo"
            audio = cast("av.audio.stream.AudioStream", container.add_stream(self.audio_codec.name, rate=int(self.audio_rate), layout=layout))
            audio.codec_context.bit_rate = 128_000
            audio.codec_context.options = dict(self.audio_codec.options)
            self._audio = audio
        container.start_encoding()  # writes the header now, so a bad place fails in start()

    def _open_file(self) -> str | BinaryIO:
        """Where the muxer writes: the path (FFmpeg's own I/O, outside the GIL) by default.
        A file object returned here is closed after the container. The file is made first,
        owner-only (0600): a recording of a person is nobody else's to read."""
        os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        os.chmod(self.path, 0o600)
        return str(self.path)

    def _encode(self, frame: CapturedFrame) -> None:
        t0 = time.perf_counter()
        if self.origin is None:
            self.origin = frame.t
        vframe = self._video_frame(frame)
        pts = max(round((frame.t - self.origin) / VIDEO_TIME_BASE), self._last_pts + 1)
        vframe.pts, vframe.time_base, self._last_pts = pts, VIDEO_TIME_BASE, pts
        self.frames_in += 1
        self._mux_video(self._video.encode(vframe))
        self._video_end = float(pts * VIDEO_TIME_BASE) + 1.0 / self.fps
        self._encode_ms.add((time.perf_counter() - t0) * 1000)
        self._write_audio(final=False)

    def _video_frame(self, frame: CapturedFrame) -> av.VideoFrame:
        """The frame as the encoder takes it: I420 at the recorded size. A planar frame (a
        video-file camera) is scaled plane by plane into the encoder's frame, with no colour
        conversion."""
        image = frame.image
        if image.shape[:2] != (self.height, self.width):
            self.resized += 1
        width, height = self.recorded_size
        if isinstance(image, Yuv420) and width % 4 == 0 and height % 4 == 0:
            return encoder_frame(image, width, height)
        return av.VideoFrame.from_ndarray(self._i420(frame), format="yuv420p")

    def _i420(self, frame: CapturedFrame) -> npt.NDArray[np.uint8]:
        """An RGB frame as packed I420 at the recorded size."""
        width, height = self.recorded_size
        rgb = frame.rgb
        if rgb.shape[:2] != (height, width):
            rgb = cv2.resize(rgb, (width, height), interpolation=cv2.INTER_AREA)
        pad_y, pad_x = self._video.height - height, self._video.width - width
        if pad_x or pad_y:
            rgb = cv2.copyMakeBorder(rgb, 0, pad_y, 0, pad_x, cv2.BORDER_REPLICATE)
        return cast("npt.NDArray[np.uint8]", cv2.cvtColor(rgb, cv2.COLOR_RGB2YUV_I420))  # uint8 in and out; cv2's stubs drop the dtype

    def _mux_video(self, packets: list[av.Packet]) -> None:
        assert self._container is not None
        self._container.mux(packets)
        self.frames_written += len(packets)

    def _write_audio(self, final: bool) -> None:
        """Write pushed music up to the video's end, aligned on the session clock: late or
        overlapping audio is trimmed, gaps become silence, the rest waits for the video."""
        if self._audio is None or self.origin is None:
            return
        rate = self._audio.rate
        with self._audio_lock:
            incoming, self._audio_in = list(self._audio_in), deque(maxlen=self._audio_in.maxlen)
        for t, pcm in incoming:
            self._add_pending(round((t - self.origin) * rate), pcm)
        limit = round(self._video_end * rate)
        if not final and limit - self._audio_next < AUDIO_BATCH_SECONDS * rate:
            return
        while self._pending:
            start, pcm = self._pending[0]
            if start < self._audio_next:  # overlaps what is written: keep only the new part
                pcm, start = pcm[self._audio_next - start :], self._audio_next
            if not len(pcm):
                self._pending.pop(0)
                continue
            if start >= limit:
                self._pending[0] = (start, pcm)
                break
            self._silence(start)
            n = min(len(pcm), limit - start)
            self._emit(pcm[:n])
            if n < len(pcm):
                self._pending[0] = (start + n, pcm[n:])
                break
            self._pending.pop(0)
        fill_to = limit if final else limit - round(AUDIO_SLACK_SECONDS * rate)
        self._silence(fill_to)
        self._encode_out()
        if final:
            self._pending.clear()

    def _add_pending(self, start: int, pcm: np.ndarray) -> None:
        """Queue a block; it replaces pending audio from its start on (after a seek the player
        flushed the sink, so the music pushed before for that time will never play)."""
        kept = []
        for begin, old in self._pending:
            if begin < start:
                kept.append((begin, old[: start - begin]))
        self._pending = [*kept, (start, pcm)]

    def _silence(self, until: int) -> None:
        while self._audio_next < until:
            self._emit(np.zeros((min(until - self._audio_next, 48000), self.audio_channels), np.float32))

    def _emit(self, pcm: np.ndarray) -> None:
        """Music for the file from ``_audio_next`` on, encoded by ``_encode_out`` in one frame."""
        self._out.append(pcm)
        self._audio_next += len(pcm)

    def _encode_out(self) -> None:
        assert self._audio is not None and self._container is not None
        if not self._out:
            return
        pcm = self._out[0] if len(self._out) == 1 else np.concatenate(self._out)
        self._out = []
        planar = np.ascontiguousarray(np.clip(pcm, -1.0, 1.0).T)
        aframe = av.AudioFrame.from_ndarray(planar, format="fltp", layout=self._audio.layout.name)
        aframe.sample_rate, aframe.pts = self._audio.rate, self._audio_next - len(pcm)
        self._container.mux(self._audio.encode(aframe))

    def _finish(self) -> None:
        self._write_audio(final=True)
        self._mux_video(self._video.encode(None))
        if self._audio is not None:
            assert self._container is not None
            self._container.mux(self._audio.encode(None))
        self._close()

    def _close(self) -> None:
        container, self._container = self._container, None
        try:
            if container is not None:
                container.close()
        finally:
            if self._file is not None:
                self._file.close()

    def _fail(self, error: DanceLikeError) -> None:
        """End in FAILED with ``error``; keep what was written, cut off a partial fragment."""
        self.error, self.state = error, RecorderState.FAILED
        self.source.close()
        try:
            self._close()
        except (OSError, av.error.FFmpegError):
            pass  # the disk that failed the write fails the trailer too: ``error`` says why
        try:
            if self.path.is_file():
                trim_to_complete_fragments(self.path)
        except OSError:
            pass

    def _describe(self, exc: BaseException) -> InputError:
        """The error a failed write becomes: ``DiskFull`` for a full disk (the advice differs)."""
        at = f"{self._video_end:.1f}"
        if getattr(exc, "errno", None) == errno.ENOSPC:
            text = translate("Recorder", "{path}: the disk is full (recording stopped at {seconds} s, what was written is kept)")
            return DiskFull(text.format(path=self.path, seconds=at))
        text = translate("Recorder", "{path}: writing the recording failed: {reason} (recording stopped at {seconds} s, what was written is kept)")
        return InputError(text.format(path=self.path, reason=_reason(exc), seconds=at))


def _reason(exc: BaseException) -> str:
    return str(getattr(exc, "strerror", None) or exc)


def trim_to_complete_fragments(path: str | Path) -> int:
    """Cut a fragmented MP4 after its last complete fragment; return the bytes removed.

    A process killed (or a disk filled) mid-fragment leaves a ``moof`` whose ``mdat`` is cut
    short; readers then fail at the end instead of stopping cleanly. Walks the top-level boxes
    only (no decoding), so it is instant on any size. Files that are not MP4 are left alone.
    """
    path = Path(path)
    size = path.stat().st_size
    offset = good = 0
    in_fragment = False
    with open(path, "r+b") as f:
        while offset + 8 <= size:
            f.seek(offset)
            head = f.read(16)
            box, kind = struct.unpack(">I4s", head[:8])
            if offset == 0 and kind != b"ftyp":
                return 0
            if box == 1 and len(head) == 16:
                box = struct.unpack(">Q", head[8:16])[0]
            elif box == 0:
                box = size - offset
            if box < 8 or offset + box > size:
                break
            offset += box
            if kind == b"moof":
                in_fragment = True
            elif kind == b"mdat" or not in_fragment:
                good, in_fragment = offset, False
        if good < size:
            f.truncate(good)
            os.fsync(f.fileno())
    return size - good
