"""Reading a video's soundtrack as plain samples (for beat finding, playback and the replay's music)."""

from __future__ import annotations

import threading
from pathlib import Path

import av
import av.error
import numpy as np

from dancelike.errors import InputError
from dancelike.i18n import translate


def load_audio(path: str | Path, rate: int = 22050, channels: int = 1) -> np.ndarray | None:
    """The first audio stream as float32 samples, shape (samples, channels); ``None`` if silent.

    Resampled to ``rate`` so callers need not care what the file used.
    """
    layout = "mono" if channels == 1 else "stereo"
    resampler = av.AudioResampler(format="flt", layout=layout, rate=rate)
    chunks: list[np.ndarray] = []
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                return None
            for frame in container.decode(container.streams.audio[0]):
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray().reshape(-1, channels))
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1, channels))
    except (av.error.FFmpegError, EOFError) as exc:
        raise InputError(translate("Audio", "{path}: its sound track cannot be read ({reason})").format(path=path, reason=exc.__class__.__name__)) from exc
    if not chunks:
        return None
    return np.concatenate(chunks).astype(np.float32)


#: Full scale of the 16-bit samples a ``StreamingAudio`` keeps.
INT16_SCALE = 32767.0


def as_float(samples: np.ndarray) -> np.ndarray:
    """Samples as float32 in [-1, 1], from float or from ``StreamingAudio``'s 16-bit ones."""
    if samples.dtype == np.int16:
        return samples.astype(np.float32) * np.float32(1.0 / INT16_SCALE)
    return samples


class StreamingAudio:
    """A soundtrack decoded in a background thread into one array, so playback can start after
    the first seconds rather than after the whole track (a 10-minute track takes ~1.7 s).

    ``samples`` (frames, channels) int16 (``as_float`` reads them: half the memory of float32,
    115 MB for ten minutes of 48 kHz stereo, and all a decoded AAC track holds) is allocated for
    the container's stated duration;
    ``available(n)`` says whether its first ``n`` frames are decoded. The first
    ``first_seconds`` are decoded in the constructor, so an unreadable sound track fails there,
    with one line. A decode error later ends the track where it broke (``error`` says why).
    Readers only ever read below ``loaded``; the thread only writes above it.
    """

    def __init__(self, path: str | Path, rate: int, channels: int, first_seconds: float = 3.0) -> None:
        self.path, self.rate, self.channels = Path(path), int(rate), int(channels)
        self.loaded = 0
        self.error: InputError | None = None
        self.samples: np.ndarray | None = None
        self.done = threading.Event()
        self._stop = threading.Event()
        self._closing = threading.Lock()
        self._thread: threading.Thread | None = None
        self._resampler = av.AudioResampler(format="flt", layout="mono" if channels == 1 else "stereo", rate=rate)
        try:
            self._container = av.open(str(path))
        except (av.error.FFmpegError, EOFError) as exc:
            raise InputError(translate("Audio", "{path}: its sound track cannot be read ({reason})").format(path=path, reason=exc.__class__.__name__)) from exc
        if not self._container.streams.audio:
            self._finish()
            return
        stream = self._container.streams.audio[0]
        seconds = float(stream.duration * stream.time_base) if stream.duration and stream.time_base is not None else (self._container.duration or 0) / av.time_base
        self.samples = np.zeros((int((seconds + 1.0) * rate), self.channels), np.int16)
        self._frames = self._container.decode(stream)
        try:
            while self.loaded < first_seconds * rate and self._decode_some():
                pass
        except InputError:
            self._finish()
            raise
        if self.loaded == 0 and self.done.is_set():
            self.samples = None  # a stream without a single sample: silent
        if not self.done.is_set():
            self._thread = threading.Thread(target=self._run, name="audio-loader", daemon=True)
            self._thread.start()

    def available(self, frames: int) -> bool:
        """Whether the first ``frames`` frames are decoded (always, once the track is done)."""
        return self.done.is_set() or self.loaded >= frames

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(5.0)
        self._finish()

    def _run(self) -> None:
        try:
            while not self._stop.is_set() and self._decode_some():
                pass
        except InputError as exc:
            self.error = exc
        finally:
            self._finish()

    def _decode_some(self) -> bool:
        """Decode one packet's worth into ``samples``; False at the end of the track."""
        assert self.samples is not None
        try:
            frame = next(self._frames, None)
            blocks = self._resampler.resample(frame)
        except (av.error.FFmpegError, EOFError) as exc:
            raise InputError(translate("Audio", "{path}: its sound track cannot be read ({reason})").format(path=self.path, reason=exc.__class__.__name__)) from exc
        for block in blocks:
            pcm = block.to_ndarray().reshape(-1, self.channels)
            count = min(len(pcm), len(self.samples) - self.loaded)
            scaled = np.clip(pcm[:count] * INT16_SCALE, -INT16_SCALE, INT16_SCALE)
            self.samples[self.loaded : self.loaded + count] = np.rint(scaled).astype(np.int16)
            self.loaded += count
        return frame is not None and self.loaded < len(self.samples)

    def _finish(self) -> None:
        with self._closing:
            if not self.done.is_set():
                self.done.set()
                self._container.close()
