"""Playing the reference: video decoded ahead, frames presented by the master clock, music to a sink.

One thread decodes video into a small bounded buffer (the decoder may wait: it is not live) and
keeps the ``AudioSink`` topped up a little ahead. Presentation is pull-based: whoever shows the
video (the GUI timer, the reference analyser) calls ``frame_at(position)`` and gets the newest
frame that is due; frames that became due while nobody asked are dropped and counted, so the
picture can fall behind for a frame but never drifts.

The audio sink's played time is the master clock: the player remembers which stretch of the
reference each block written to the sink came from, so ``position()`` is exactly what the user
hears, at any practice rate, and the ``SessionClock`` is synced to it. Without a sink (or past
the end of the music) the clock's own wall-clock position rules.

Practice speed (0.5x-1.0x) slows the music either plainly (resampled: the pitch drops) or with
WSOLA (waveform-similarity overlap-add: 40 ms windows re-spaced, each placed where it best
continues the previous one, so the pitch and the beat's feel survive).
"""

from __future__ import annotations

import bisect
import enum
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dancelike.errors import DanceLikeError, InputError
from dancelike.i18n import translate
from dancelike.media.audio import StreamingAudio, as_float
from dancelike.media.clock import AudioSink, SessionClock, Timings, check_rate
from dancelike.media.video import VideoFrame, VideoReader


class PlainStretch:
    """Resample the music by the rate: slower and lower, like a record played slow."""

    def __init__(self, audio: np.ndarray, sample_rate: int, rate: float = 1.0, start: float = 0.0) -> None:
        self.audio, self.rate, self.position = audio, rate, float(start)
        self.hop = max(64, round(0.02 * sample_rate))

    def next_chunk(self) -> tuple[np.ndarray, float] | None:
        """The next ``hop`` output samples and the input sample they start at; None at the end."""
        n = len(self.audio)
        if self.position >= n:
            return None
        idx = self.position + np.arange(self.hop) * self.rate
        i0 = np.minimum(idx.astype(np.int64), n - 1)
        frac = (idx - i0)[:, None].astype(np.float32)
        out = as_float(self.audio[i0]) * (1 - frac) + as_float(self.audio[np.minimum(i0 + 1, n - 1)]) * frac
        out[idx >= n] = 0.0
        start, self.position = self.position, self.position + self.hop * self.rate
        return out.astype(np.float32), start


class WsolaStretch:
    """Pitch-preserving time stretch (WSOLA) over a whole in-memory track, streamed in hops.

    Windows of 40 ms are overlap-added every 20 ms of output (Hann: they sum to one), taken
    from the input every ``20 ms x rate``; each is shifted by up to 10 ms to where it best
    matches the natural continuation of the previous window (normalised cross-correlation on
    a decimated mono mix: cheap, and accurate enough at 48 kHz). At rate 1 it is the identity.
    """

    def __init__(self, audio: np.ndarray, sample_rate: int, rate: float = 1.0, start: float = 0.0) -> None:
        self.audio, self.rate, self.position = audio, rate, float(start)
        self.hop = max(64, round(0.02 * sample_rate))
        self.delta = self.hop // 2
        self._decimate = max(1, sample_rate // 12000)
        self._window = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(2 * self.hop) / (2 * self.hop))).astype(np.float32)[:, None]
        self._tail = np.zeros((self.hop, audio.shape[1]), np.float32)
        self._previous: int | None = None

    def _segment(self, start: int, length: int) -> np.ndarray:
        """``audio[start:start+length]``, zero-padded outside the track."""
        out = np.zeros((length, self.audio.shape[1]), np.float32)
        lo, hi = max(0, start), min(len(self.audio), start + length)
        if hi > lo:
            out[lo - start : hi - start] = as_float(self.audio[lo:hi])
        return out

    def _best_start(self, nominal: int) -> int:
        if self._previous is None or self.rate == 1.0:
            return nominal
        d = self._decimate
        template = self._segment(self._previous + self.hop, self.hop).mean(axis=1)[::d]
        region = self._segment(nominal - self.delta, 2 * self.delta + self.hop).mean(axis=1)[::d]
        corr = np.correlate(region, template, mode="valid")
        energy = np.convolve(region * region, np.ones(len(template), np.float32), mode="valid")
        score = corr / np.sqrt(energy + 1e-9)
        return nominal - self.delta + int(np.argmax(score)) * d

    def next_chunk(self) -> tuple[np.ndarray, float] | None:
        if self.position >= len(self.audio):
            return None
        start = self._best_start(round(self.position))
        frame = self._segment(start, 2 * self.hop) * self._window
        out, self._tail = self._tail + frame[: self.hop], frame[self.hop :]
        self._previous = start
        begin, self.position = self.position, self.position + self.hop * self.rate
        return out, begin


STRETCHES: dict[str, type[WsolaStretch] | type[PlainStretch]] = {"wsola": WsolaStretch, "plain": PlainStretch}


def time_stretch(audio: np.ndarray, sample_rate: int, rate: float, method: str = "wsola") -> np.ndarray:
    """A whole (n, channels) track played at ``rate``: about ``n / rate`` samples long."""
    stretch = STRETCHES[method](np.asarray(audio, np.float32), sample_rate, rate)
    chunks = []
    while (chunk := stretch.next_chunk()) is not None:
        chunks.append(chunk[0])
    return np.concatenate(chunks) if chunks else np.zeros((0, audio.shape[1]), np.float32)


class PlayerState(enum.Enum):
    """IDLE -> PLAYING <-> PAUSED -> ENDED (seek plays again); STOPPED; FAILED (unreadable)."""

    IDLE = "idle"
    PLAYING = "playing"
    PAUSED = "paused"
    ENDED = "ended"
    STOPPED = "stopped"
    FAILED = "failed"


@dataclass(frozen=True)
class _Segment:
    """Sink time ``out_start`` (seconds written to the sink) plays reference time ``ref_start``;
    from there on, each sink second covers ``speed`` reference seconds."""

    out_start: float
    ref_start: float
    speed: float


AudioListener = Callable[[np.ndarray, float], None]


class ReferencePlayer:
    """Decode ``path`` ahead, feed its music to ``sink``, present frames against the master clock.

    ``on_audio(pcm, t)`` (optional) receives every block written to the sink with the session
    time it will play at: the session passes it to ``Recorder.push_audio``. The player starts
    and closes the sink. ``stretch`` is ``"wsola"`` (pitch kept) or ``"plain"`` (pitch drops).

    A big reference is decoded with ``decode_threads`` and only what is needed is converted:
    ``max_fps`` frames a second (``frame_fps``; the others are decoded only, counted in
    ``not_needed``), scaled to ``fit`` in the colour conversion (see ``VideoReader``). With
    ``picture`` the frames come from that file instead, a playback copy with the same timing
    (``media.proxy``); the music is always the original's.
    """

    def __init__(
        self,
        path: str | Path,
        clock: SessionClock,
        sink: AudioSink | None = None,
        *,
        buffer_frames: int = 12,
        stretch: str = "wsola",
        audio_lead: float = 0.15,
        on_audio: AudioListener | None = None,
        max_fps: float | None = None,
        fit: tuple[int, int] | None = None,
        decode_threads: int = 1,
        picture: str | Path | None = None,
    ) -> None:
        if stretch not in STRETCHES:
            raise ValueError(f"stretch must be one of {sorted(STRETCHES)}, got {stretch!r}")
        self.path, self.clock, self.sink = Path(path), clock, sink
        self.buffer_frames, self.audio_lead, self.on_audio = max(1, buffer_frames), audio_lead, on_audio
        self.max_fps, self.fit, self.decode_threads = max_fps, fit, decode_threads
        self.picture = Path(picture) if picture is not None else self.path  # the frames' file (``media.proxy``)
        self._reader = self._open()  # InputError now, on the caller's thread
        self.width, self.height, self.fps = self._reader.width, self._reader.height, self._reader.fps
        self.frame_fps = self._reader.frame_fps
        self._not_needed_before = 0  # by readers a seek replaced
        self.duration = self._reader.duration
        self._frames: Iterator[VideoFrame] = iter(self._reader)
        try:  # the first seconds now (a bad sound track fails here); the rest while it plays
            self._soundtrack = StreamingAudio(self.path, sink.sample_rate, sink.channels) if sink else None
        except BaseException:
            self._reader.close()
            raise
        self._music = self._soundtrack.samples if self._soundtrack is not None else None
        self._stretch_kind = STRETCHES[stretch]
        self._stretch = self._stretch_kind(self._music, sink.sample_rate) if sink and self._music is not None else None
        self.state = PlayerState.IDLE
        self.error: DanceLikeError | None = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._buffer: deque[tuple[float, np.ndarray]] = deque()
        self._generation = 0
        self._seek_to: float | None = None
        self._eof = False
        self._segments: list[_Segment] = []
        self._written = 0.0  # seconds written to the sink (its own time line)
        self._leftover: tuple[np.ndarray, float, float] | None = None  # (pcm, ref start, speed) not yet taken
        self._audio_done = self._stretch is None
        self._decode_ms = Timings()
        self.frames_decoded = self.frames_presented = self.dropped_late = 0
        self.current: tuple[np.ndarray, float] | None = None

    def _open(self, start: float = 0.0) -> VideoReader:
        return VideoReader(self.picture, self.decode_threads, start, max_fps=self.max_fps, fit=self.fit)

    # --- control (any thread) -------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError(f"{self.path}: a player can be started once")
        if not self.clock.started:
            self.clock.start()
        if self.sink is not None:
            self.sink.start()
            if self.clock.paused:
                self.sink.pause()
        self.state = PlayerState.PAUSED if self.clock.paused else PlayerState.PLAYING
        self._thread = threading.Thread(target=self._run, name="reference-player", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        else:
            self._reader.close()
        if self._soundtrack is not None:
            self._soundtrack.close()
        with self._lock:  # the music is no longer needed: free it before the final report
            self._soundtrack = self._music = self._stretch = None
        if self.sink is not None:
            self.sink.close()
        if self.state is not PlayerState.FAILED:
            self.state = PlayerState.STOPPED

    def pause(self) -> None:
        self.clock.pause()
        if self.sink is not None:
            self.sink.pause()
        if self.state is PlayerState.PLAYING:
            self.state = PlayerState.PAUSED

    def resume(self) -> None:
        self.clock.resume()
        if self.sink is not None:
            self.sink.resume()
        if self.state is PlayerState.PAUSED:
            self.state = PlayerState.PLAYING

    def set_rate(self, rate: float) -> None:
        """Practice speed 0.5-1.0: the clock and the music follow at once (the ~0.15 s of music
        already in the sink plays out at the old rate, and the position accounts for it)."""
        rate = check_rate(rate)
        with self._lock:
            self.clock.set_rate(rate)
            if self._stretch is not None:
                self._stretch.rate = rate

    def seek(self, position: float) -> None:
        """Jump to ``position`` seconds (e.g. a move's start); frames come from there on."""
        position = min(max(0.0, float(position)), self.duration)
        with self._lock:
            self._generation += 1
            self._buffer.clear()
            self._segments.clear()  # until new music plays, the clock leads
            self._seek_to = position
            self.clock.seek(position)
        self._wake.set()

    def position(self) -> float:
        """The master clock: the reference time being heard (the clock's when there is no music)."""
        with self._lock:
            return self._position_locked()

    def _position_locked(self) -> float:
        if not self._segments or self.sink is None:
            return self.clock.position()
        played = self.sink.played_seconds()
        if self._audio_done and played >= self._written - 1e-6:
            return self.clock.position()  # the music ended: the wall clock carries on
        i = max(0, bisect.bisect_right([s.out_start for s in self._segments], played) - 1)
        seg = self._segments[i]
        del self._segments[: max(0, i - 1)]  # played long ago
        return seg.ref_start + max(0.0, played - seg.out_start) * seg.speed

    def frame_at(self, t: float) -> tuple[np.ndarray, float] | None:
        """The newest frame due at position ``t`` as ``(rgb, frame time)``; None if no new frame
        is due. Frames passed over (due, never presented) count as ``dropped_late``."""
        with self._lock:
            chosen = None
            while self._buffer and self._buffer[0][0] <= t + 1e-6:
                if chosen is not None:
                    self.dropped_late += 1
                chosen = self._buffer.popleft()
            if chosen is None:
                return None
            self.frames_presented += 1
            self.current = (chosen[1], chosen[0])
        self._wake.set()  # room in the buffer
        return self.current

    @property
    def finished(self) -> bool:
        """All frames decoded and handed out (or passed over), and the position is past the end."""
        with self._lock:
            return self._eof and not self._buffer and self._seek_to is None

    @property
    def thread(self) -> threading.Thread | None:
        """The playback thread once started (for per-thread CPU figures)."""
        return self._thread

    @property
    def not_needed(self) -> int:
        """Frames decoded but never converted or presented: above ``max_fps``."""
        return self._not_needed_before + self._reader.not_needed

    def stats(self) -> dict[str, float | int]:
        return {
            "frames_presented": self.frames_presented,
            "dropped_late": self.dropped_late,
            "not_needed": self.not_needed,
            "frames_decoded": self.frames_decoded,
            "buffered": len(self._buffer),
            "decode_ms_p50": self._decode_ms.percentile(50),
            "audio_underruns": int(getattr(self.sink, "underruns", 0)),
            "position": self.position(),
        }

    # --- the thread -------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                self._apply_seek()
                worked = self._feed_audio()
                worked = self._decode_one() or worked
                with self._lock:
                    if self._segments:
                        self.clock.sync(self._position_locked())
                    if self._eof and not self._buffer and self.state is not PlayerState.FAILED:
                        self.state = PlayerState.ENDED
                if not worked:
                    self._wake.wait(0.01)
                    self._wake.clear()
        except Exception as exc:  # noqa: BLE001 - surfaced through ``error``, never lost
            failed = translate("Playback", "{path}: playback failed ({error})").format(path=self.path, error=repr(exc))
            self.error = exc if isinstance(exc, DanceLikeError) else DanceLikeError(failed)
            self.state = PlayerState.FAILED
        finally:
            self._reader.close()

    def _apply_seek(self) -> None:
        with self._lock:
            target, self._seek_to = self._seek_to, None
        if target is None:
            return
        self._reader.close()
        self._not_needed_before += self._reader.not_needed
        # Start one frame early: the frame showing at ``target`` began before it.
        self._reader = self._open(start=max(0.0, target - 1.0 / self.frame_fps + 1e-4))
        self._frames, self._eof = iter(self._reader), False
        if self.state is PlayerState.ENDED:
            self.state = PlayerState.PAUSED if self.clock.paused else PlayerState.PLAYING
        if self.sink is not None and self._music is not None:
            self.sink.flush()
            with self._lock:
                self._written = self.sink.played_seconds()
                self._leftover = None
                self._stretch = self._stretch_kind(self._music, self.sink.sample_rate, self.clock.rate, target * self.sink.sample_rate)
                self._audio_done = False

    def _feed_audio(self) -> bool:
        """Keep ``audio_lead`` seconds queued in the sink; record what each block plays."""
        sink, stretch = self.sink, self._stretch
        if sink is None or stretch is None or self._audio_done or self.clock.paused:
            return False
        worked = False
        while sink.queued_seconds() < self.audio_lead:
            with self._lock:
                generation = self._generation
                if self._leftover is None:
                    if not self._decoded(stretch):
                        break  # far ahead of the loader (a seek): the clock leads until it catches up
                    chunk = stretch.next_chunk()
                    if chunk is None:
                        self._audio_done = True
                        break
                    self._leftover = (chunk[0], chunk[1] / sink.sample_rate, stretch.rate)
                pcm, ref_start, speed = self._leftover
            plays_at = self.clock.now() + sink.queued_seconds()
            accepted = sink.write(pcm)
            if accepted == 0:
                break
            worked = True
            with self._lock:
                if generation != self._generation:
                    return True  # a seek came in: its flush discards this block
                self._segments.append(_Segment(self._written, ref_start, speed))
                self._written += accepted / sink.sample_rate
                rest = pcm[accepted:]
                self._leftover = (rest, ref_start + accepted / sink.sample_rate * speed, speed) if len(rest) else None
            if self.on_audio is not None:
                self.on_audio(pcm[:accepted], plays_at)
        return worked

    def _decoded(self, stretch: PlainStretch | WsolaStretch) -> bool:
        """Whether the music the stretch reads next has been decoded (a hop and a window on)."""
        track = self._soundtrack
        if track is None:
            return True
        if track.done.is_set() and track.samples is not None and len(stretch.audio) != track.loaded:
            stretch.audio = self._music = track.samples[: track.loaded]  # the track's true end
        return track.available(int(stretch.position + 3 * stretch.hop * max(1.0, stretch.rate)) + 1)

    def _decode_one(self) -> bool:
        with self._lock:
            if self._eof or len(self._buffer) >= self.buffer_frames or self._seek_to is not None:
                return False
            generation = self._generation
        t0 = time.perf_counter()
        try:
            frame = next(self._frames, None)
        except InputError as exc:  # truncated reference: play what decoded, say why
            self.error, frame = exc, None
        self._decode_ms.add((time.perf_counter() - t0) * 1000)
        with self._lock:
            if generation != self._generation:
                return True
            if frame is None:
                self._eof = True
            else:
                self._buffer.append((frame.t, frame.rgb))
                self.frames_decoded += 1
        return True
