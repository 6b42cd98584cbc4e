"""The reference's music through QtMultimedia: ``media.clock.AudioSink`` over a ``QAudioSink``.

Threads: the engine's player thread calls ``write()`` and ``played_seconds()``; the session and
the GUI call ``start``/``pause``/``resume``/``flush``/``close`` from theirs. A ``QAudioSink`` is
a QObject that must only be touched on the thread it lives on (the GUI thread), so:

* samples go through a lock-protected ring buffer (``_Ring``): ``write()`` fills it, and the
  ``QAudioSink`` pulls from it in pull mode through ``_PullDevice.readData`` (on whichever
  thread Qt's audio backend calls it). An empty ring returns no bytes (an underrun: the sink
  goes idle and the clock stops, exactly like the sound);
* control calls are queued to the GUI thread as signals of ``_Driver``, never made directly;
* ``played_seconds()`` never calls Qt: a GUI timer samples ``QAudioSink.processedUSecs()``
  (what the device has played) every few milliseconds, and between samples the value runs on by
  the wall clock while playing, never past what was actually handed to the device.

``make_audio_sink`` picks this sink when an output device exists, and otherwise the silent
``WallClockSink`` with a note for the user (the session still runs in time with the clock).
"""

from __future__ import annotations

import threading
import time

import numpy as np
from PySide6 import QtMultimedia
from PySide6.QtCore import QIODevice, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat, QAudioSink, QMediaDevices

from dancelike.i18n import QT_TRANSLATE_NOOP, translate
from dancelike.media.clock import AudioSink, WallClockSink

#: Audio states and errors (``QtAudio`` since Qt 6.7; ``QAudio`` before).
QAudio = getattr(QtMultimedia, "QtAudio", None) or QtMultimedia.QAudio

#: Said when there is no sound card (translated where it is made: ``make_audio_sink``).
NO_AUDIO_NOTE = QT_TRANSLATE_NOOP("QtAudio", "No audio output found: playing silently in time with the clock.")
#: Samples the ring holds (seconds): more than the player's 0.15 s lead, so writes never stall.
RING_SECONDS = 0.5
#: How often the GUI thread samples the device's played time (milliseconds).
SAMPLE_MS = 10
#: The device's own buffer (seconds): small, so pause and seek are heard at once.
DEVICE_BUFFER_SECONDS = 0.05


class _Ring:
    """A bounded FIFO of float32 frames (n, channels); every method is thread-safe."""

    def __init__(self, frames: int, channels: int) -> None:
        self._data = np.zeros((max(1, frames), channels), np.float32)
        self._start = 0
        self._size = 0
        self._lock = threading.Lock()

    @property
    def capacity(self) -> int:
        return len(self._data)

    def __len__(self) -> int:
        return self._size

    def write(self, pcm: np.ndarray) -> int:
        """Append what fits; returns the number of frames accepted."""
        with self._lock:
            n = min(len(pcm), self.capacity - self._size)
            end = (self._start + self._size) % self.capacity
            first = min(n, self.capacity - end)
            self._data[end : end + first] = pcm[:first]
            self._data[: n - first] = pcm[first:n]
            self._size += n
            return n

    def read(self, frames: int) -> np.ndarray:
        """Take up to ``frames`` frames from the front (fewer when the ring holds fewer)."""
        with self._lock:
            n = min(frames, self._size)
            first = min(n, self.capacity - self._start)
            out = np.concatenate([self._data[self._start : self._start + first], self._data[: n - first]])
            self._start = (self._start + n) % self.capacity
            self._size -= n
            return out

    def clear(self) -> None:
        with self._lock:
            self._start = self._size = 0


def _encode(pcm: np.ndarray, sample_format: QAudioFormat.SampleFormat) -> bytes:
    """Interleaved bytes of ``pcm`` in the device's sample format."""
    if sample_format == QAudioFormat.SampleFormat.Float:
        return np.ascontiguousarray(pcm, np.float32).tobytes()
    if sample_format == QAudioFormat.SampleFormat.Int32:
        return (np.clip(pcm, -1.0, 1.0) * 2147483647.0).astype(np.int32).tobytes()
    return (np.clip(pcm, -1.0, 1.0) * 32767.0).astype(np.int16).tobytes()


class _PullDevice(QIODevice):
    """What the ``QAudioSink`` reads from: the ring, as bytes of the device's format."""

    def __init__(self, sink: QtAudioSink) -> None:
        super().__init__()
        self._sink = sink

    def readData(self, maxlen: int) -> bytes:
        return self._sink._pull(int(maxlen))

    def writeData(self, data: bytes | bytearray | memoryview, length: int = 0, /) -> int:
        return -1  # read-only

    def bytesAvailable(self) -> int:
        return len(self._sink._ring) * self._sink._frame_bytes + super().bytesAvailable()

    def isSequential(self) -> bool:
        return True


class _Driver(QObject):
    """Lives on the GUI thread and is the only thing that touches the ``QAudioSink``."""

    command = Signal(str)

    def __init__(self, sink: QtAudioSink, device: QAudioDevice, audio_format: QAudioFormat) -> None:
        super().__init__()
        self._sink = sink
        self.qsink = QAudioSink(device, audio_format, self)
        self.qsink.setBufferSize(max(4096, int(DEVICE_BUFFER_SECONDS * audio_format.sampleRate()) * audio_format.bytesPerFrame()))
        self.io = _PullDevice(sink)
        self.io.open(QIODevice.OpenModeFlag.ReadOnly | QIODevice.OpenModeFlag.Unbuffered)  # no read-ahead: pulled = played soon
        self.timer = QTimer(self)
        self.timer.setInterval(SAMPLE_MS)
        self.timer.timeout.connect(self._sample)
        self.command.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(str)
    def _run(self, command: str) -> None:
        qsink = self.qsink
        if command == "start":
            qsink.start(self.io)
            self.timer.start()
        elif command == "pause":
            qsink.suspend()
            self._sample()
        elif command == "resume":
            qsink.resume()
        elif command == "wake" and qsink.state() == QAudio.State.IdleState:
            self.io.readyRead.emit()  # new samples after an underrun: pull again
        elif command == "close":
            self.timer.stop()
            self._sample()
            qsink.stop()
            self.io.close()
        self._sink._error = qsink.error() != QAudio.Error.NoError and qsink.error() != QAudio.Error.UnderrunError

    @Slot()
    def _sample(self) -> None:
        self._sink._set_processed(self.qsink.processedUSecs() / 1e6, self.qsink.state() == QAudio.State.ActiveState)


class QtAudioSink:
    """An ``AudioSink`` playing through a Qt audio output device. Create it on the GUI thread.

    ``sample_rate`` and ``channels`` are what the device accepts (the caller asked for others
    if the device refused them; the player converts the music to these).
    """

    def __init__(self, device: QAudioDevice, sample_rate: int = 48000, channels: int = 2) -> None:
        audio_format = QAudioFormat()
        audio_format.setSampleRate(int(sample_rate))
        audio_format.setChannelCount(int(channels))
        audio_format.setSampleFormat(QAudioFormat.SampleFormat.Float)
        if not device.isNull() and not device.isFormatSupported(audio_format):
            audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
            if not device.isFormatSupported(audio_format):
                audio_format = device.preferredFormat()
        self.sample_rate, self.channels = audio_format.sampleRate(), audio_format.channelCount()
        self._format = audio_format.sampleFormat()
        self._frame_bytes = audio_format.bytesPerFrame()
        self._ring = _Ring(int(RING_SECONDS * self.sample_rate), self.channels)
        self._lock = threading.Lock()
        self._pulled = 0  # frames handed to the device since start
        self._processed = 0.0  # the device's played seconds at the last sample
        self._sampled_at = time.monotonic()
        self._active = False
        self._running = False
        self._closed = False
        self._last_played = 0.0
        self._error = False
        self.underruns = 0
        self._driver = _Driver(self, device, audio_format)

    # --- the AudioSink protocol (any thread) ----------------------------------------------

    def start(self) -> None:
        with self._lock:
            if self._closed or self._running:
                return
            self._running = True
        self._driver.command.emit("start")

    def write(self, pcm: np.ndarray) -> int:
        if pcm.ndim != 2 or pcm.shape[1] != self.channels:
            raise ValueError(f"expected (n, {self.channels}) samples, got {pcm.shape}")
        if self._closed:
            return 0
        was_empty = len(self._ring) == 0
        accepted = self._ring.write(pcm)
        if was_empty and accepted and self._running:
            self._driver.command.emit("wake")
        return accepted

    def played_seconds(self) -> float:
        with self._lock:
            played = self._processed
            if self._active and self._running:
                played += time.monotonic() - self._sampled_at
            played = min(played, self._pulled / self.sample_rate)
            self._last_played = max(self._last_played, played)  # never runs backwards
            return self._last_played

    def queued_seconds(self) -> float:
        device = max(0.0, self._pulled / self.sample_rate - self.played_seconds())
        return len(self._ring) / self.sample_rate + device

    def pause(self) -> None:
        with self._lock:
            self._running = False
        self._driver.command.emit("pause")

    def resume(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._running = True
            self._sampled_at = time.monotonic()
        self._driver.command.emit("resume")

    def flush(self) -> None:
        self._ring.clear()  # what the device already holds (~50 ms) still plays

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed, self._running = True, False
        self._ring.clear()
        self._driver.command.emit("close")

    # --- called by the driver and the pull device ---------------------------------------------

    def _pull(self, maxlen: int) -> bytes:
        frames = maxlen // max(1, self._frame_bytes)
        pcm = self._ring.read(frames) if frames > 0 else np.zeros((0, self.channels), np.float32)
        if not len(pcm) and self._running:
            self.underruns += 1
        with self._lock:
            self._pulled += len(pcm)
        return _encode(pcm, self._format)

    def _set_processed(self, seconds: float, active: bool) -> None:
        with self._lock:
            self._processed, self._active = seconds, active
            self._sampled_at = time.monotonic()

    @property
    def failed(self) -> bool:
        """The device reported an error (e.g. unplugged): the session should be told."""
        return self._error


def has_audio_output() -> bool:
    """True when the system has a sound output device Qt can open."""
    return bool(QMediaDevices.audioOutputs()) and not QMediaDevices.defaultAudioOutput().isNull()


def make_audio_sink(sample_rate: int = 48000, channels: int = 2) -> tuple[AudioSink, str]:
    """The sink for a session and a note for the user ("" when there is nothing to say).

    Call on the GUI thread. With no output device (or one Qt cannot open), the silent
    ``WallClockSink`` keeps the session in time by the clock, and the note says so.
    """
    try:
        if has_audio_output():
            return QtAudioSink(QMediaDevices.defaultAudioOutput(), sample_rate, channels), ""
    except Exception:  # noqa: BLE001, S110 - a broken audio stack must not stop the dance
        pass
    return WallClockSink(sample_rate, channels), translate("QtAudio", NO_AUDIO_NOTE)
