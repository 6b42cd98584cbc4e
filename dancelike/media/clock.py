"""Time and hand-off primitives of the live media threads: the session clock, the audio-output
interface with a silent wall-clock sink, and the mailboxes that pass frames between threads.

Two kinds of time run through a live session and must not be confused:

* **session time** (``SessionClock.now()``): monotonic seconds since the session started. It never
  pauses, never runs slow and never jumps, so it is what every captured frame, every recorded
  packet and every latency figure is stamped with.
* **position** (``SessionClock.position()``): where the reference choreography is, in its own
  seconds. It stops while paused, runs at the practice rate (0.5x-1.0x) and jumps on a seek.

When an audio device exists, the audio it has actually played is the truth for the position (the
ear notices a video that drifts from its music; nobody notices a wall clock that is 3 ms off), so
the player disciplines the clock to it with ``sync()``. The engine reaches audio output only
through the small ``AudioSink`` protocol: a QtMultimedia adapter lives in ``dancelike/ui/``, and
headless runs use ``WallClockSink``, which plays nothing but consumes samples at real-time pace.
"""

from __future__ import annotations

import bisect
import enum
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar, runtime_checkable

import numpy as np

#: Practice speeds the app offers. Slower than half speed, dancers lose the groove (and WSOLA
#: audio turns metallic); faster than the original is not a practice mode.
MIN_RATE, MAX_RATE = 0.5, 1.0

TimeFn = Callable[[], float]
T = TypeVar("T")


def check_rate(rate: float) -> float:
    """Return ``rate`` as a float, or raise ``ValueError`` outside the practice range."""
    rate = float(rate)
    if not MIN_RATE <= rate <= MAX_RATE:
        raise ValueError(f"practice rate must be between {MIN_RATE} and {MAX_RATE}, got {rate}")
    return rate


class Timings:
    """A bounded ring of recent durations in milliseconds, with percentiles.

    Bounded (newest win) so a 10-minute session does not grow memory; 2048 samples are a minute
    of frames at 30 fps, plenty for a stable p95.
    """

    def __init__(self, size: int = 2048) -> None:
        self._values: deque[float] = deque(maxlen=size)

    def add(self, ms: float) -> None:
        self._values.append(ms)  # atomic under the GIL, as is the copy below

    def percentile(self, q: float) -> float:
        """The ``q``-th percentile (0-100) of the recent values; 0.0 when there are none."""
        values = list(self._values)
        return float(np.percentile(values, q)) if values else 0.0


@dataclass(frozen=True)
class _Anchor:
    """From session time ``now`` on, the position is ``position + (t - now) * speed``."""

    now: float
    position: float
    speed: float  # 0 while paused, else the rate
    take: int = 0  # how many seeks came before: a seek starts a new take of the dance


class SessionClock:
    """Session time (monotonic, from ``start()``) and the reference position derived from it.

    Thread-safe: the GUI pauses and seeks while the camera thread stamps frames and the player
    thread syncs the position to the audio it played. ``time_fn`` is injectable so tests can
    drive time by hand instead of sleeping.
    """

    #: Drift below this (seconds) is not worth a new anchor when syncing to the master.
    SYNC_TOLERANCE = 0.002

    def __init__(self, time_fn: TimeFn = time.monotonic, rate: float = 1.0) -> None:
        self._time = time_fn
        self._lock = threading.Lock()
        self._t0: float | None = None
        self._rate = check_rate(rate)
        self._paused = False
        # History of anchors (bounded: oldest dropped) so a frame captured 80 ms ago can be
        # mapped to the position it was captured at.
        self._anchors: deque[_Anchor] = deque(maxlen=1024)

    def start(self) -> None:
        """Make session time zero now, at position zero. Starting again restarts the session."""
        with self._lock:
            self._t0 = self._time()
            self._anchors.clear()
            self._anchors.append(_Anchor(0.0, 0.0, 0.0 if self._paused else self._rate))

    @property
    def started(self) -> bool:
        return self._t0 is not None

    def now(self) -> float:
        """Seconds since ``start()`` (0.0 before it): never paused, scaled or rewound."""
        t0 = self._t0
        return 0.0 if t0 is None else self._time() - t0

    def _now_locked(self) -> float:
        return 0.0 if self._t0 is None else self._time() - self._t0

    def _position_locked(self, t: float) -> float:
        if not self._anchors:
            return 0.0
        anchor = self._anchors[-1]
        return anchor.position + max(0.0, t - anchor.now) * anchor.speed

    def _reanchor(self, position: float | None = None, new_take: bool = False) -> None:
        t = self._now_locked()
        pos = self._position_locked(t) if position is None else position
        take = (self._anchors[-1].take if self._anchors else 0) + new_take
        anchor = _Anchor(t, pos, 0.0 if self._paused else self._rate, take)
        if self._anchors and self._anchors[-1].now >= t:
            self._anchors.pop()  # same instant: the newer state wins
        self._anchors.append(anchor)

    def position(self) -> float:
        """The reference position in seconds: frozen while paused, advancing at the rate."""
        with self._lock:
            return self._position_locked(self._now_locked())

    def position_at(self, t: float) -> float:
        """The position at a past session time ``t`` (e.g. a camera frame's capture time)."""
        return self.locate(t)[0]

    def locate(self, t: float) -> tuple[float, int]:
        """``(position, take)`` at a past session time ``t``: where the reference was, and how
        many seeks had happened by then (frames of one take follow the reference continuously)."""
        with self._lock:
            if not self._anchors:
                return 0.0, 0
            times = [a.now for a in self._anchors]
            i = max(0, bisect.bisect_right(times, t) - 1)
            a = self._anchors[i]
            return a.position + max(0.0, t - a.now) * a.speed, a.take

    @property
    def rate(self) -> float:
        return self._rate

    def set_rate(self, rate: float) -> None:
        """Change the practice rate (0.5-1.0); the position carries on from where it is."""
        rate = check_rate(rate)
        with self._lock:
            self._reanchor()
            self._rate = rate
            self._reanchor()

    @property
    def paused(self) -> bool:
        return self._paused

    def pause(self) -> None:
        with self._lock:
            if not self._paused:
                self._reanchor()
                self._paused = True
                self._reanchor()

    def resume(self) -> None:
        with self._lock:
            if self._paused:
                self._reanchor()
                self._paused = False
                self._reanchor()

    def seek(self, position: float) -> None:
        """Jump the position (e.g. to a move's start); session time is unaffected."""
        with self._lock:
            self._reanchor(max(0.0, float(position)), new_take=True)

    def sync(self, position: float) -> None:
        """Follow the master clock (the audio actually played) when it has drifted from ours."""
        with self._lock:
            if abs(self._position_locked(self._now_locked()) - position) > self.SYNC_TOLERANCE:
                self._reanchor(max(0.0, float(position)))


@runtime_checkable
class AudioSink(Protocol):
    """Where the reference's music goes: a sound device, or nothing at real-time pace.

    ``write`` is called from the player's thread, the other methods from any thread, so an
    implementation must be thread-safe (a Qt adapter would feed a ring buffer that a pull-mode
    ``QIODevice`` drains in the audio thread). ``played_seconds`` counts the written audio that
    has actually been played (not merely written) since ``start``: it is the master clock, and it
    stops advancing on an underrun, exactly like the sound the user hears.
    """

    sample_rate: int
    channels: int

    # write(): queue float32 samples shaped (n, channels); returns the frames accepted (fewer
    # than n when the device buffer is full: the caller keeps the rest for later).
    # flush(): discard queued, unplayed audio (a seek); played_seconds() keeps its value.
    def start(self) -> None: ...
    def write(self, pcm: np.ndarray) -> int: ...
    def played_seconds(self) -> float: ...
    def queued_seconds(self) -> float: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def flush(self) -> None: ...
    def close(self) -> None: ...


class WallClockSink:
    """A silent ``AudioSink`` that consumes samples at ``speed`` x real time by the wall clock.

    It stands in for a sound card on headless machines (and in tests), so the player's
    audio-driven code path is the one that always runs. It keeps only counts, never samples.
    ``speed`` models a device that slows playback natively (1.0 = real time).
    """

    def __init__(self, sample_rate: int = 48000, channels: int = 2, buffer_seconds: float = 0.5, time_fn: TimeFn = time.monotonic) -> None:
        self.sample_rate, self.channels = int(sample_rate), int(channels)
        self._capacity = max(1, int(buffer_seconds * self.sample_rate))
        self._time = time_fn
        self._lock = threading.Lock()
        self._written = 0  # frames accepted, total
        self._played = 0.0  # frames consumed, total (fractional)
        self._last: float | None = None  # wall time of the last update while running
        self._running = False
        self._closed = False
        self._speed = 1.0
        self.underruns = 0

    def _update(self) -> None:
        """Advance the played count to now; stop at the written count (an underrun)."""
        now = self._time()
        if self._running and self._last is not None:
            played = self._played + (now - self._last) * self._speed * self.sample_rate
            if played > self._written and self._played < self._written:
                self.underruns += 1
            self._played = min(float(self._written), played)
        self._last = now

    def start(self) -> None:
        with self._lock:
            self._update()
            self._running = not self._closed

    resume = start

    def pause(self) -> None:
        with self._lock:
            self._update()
            self._running = False

    def set_speed(self, speed: float) -> None:
        with self._lock:
            self._update()
            self._speed = float(speed)

    def write(self, pcm: np.ndarray) -> int:
        if pcm.ndim != 2 or pcm.shape[1] != self.channels:
            raise ValueError(f"expected (n, {self.channels}) samples, got {pcm.shape}")
        with self._lock:
            if self._closed:
                return 0
            self._update()
            room = self._capacity - (self._written - int(self._played))
            accepted = max(0, min(len(pcm), room))
            self._written += accepted
            return accepted

    def played_seconds(self) -> float:
        with self._lock:
            self._update()
            return self._played / self.sample_rate

    def queued_seconds(self) -> float:
        with self._lock:
            self._update()
            return (self._written - self._played) / self.sample_rate

    def flush(self) -> None:
        with self._lock:
            self._update()
            self._written = int(np.ceil(self._played))
            self._played = float(self._written)

    def close(self) -> None:
        with self._lock:
            self._update()
            self._running = False
            self._closed = True


# --- hand-off between threads -------------------------------------------------------------


class _Mailbox(Generic[T]):
    """What both subscriber kinds share: a condition, closing, and counters."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._cond = threading.Condition()
        self._closed = False
        self.put_count = 0

    def close(self) -> None:
        """No more items will come; consumers take what is held, then get None."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    @property
    def closed(self) -> bool:
        return self._closed


class LatestFrame(_Mailbox[T]):
    """Single-slot mailbox: ``put`` never waits and replaces an unread item (counted in
    ``overwritten``). For consumers that must work on the newest data (the analyser)."""

    def __init__(self, name: str = "latest") -> None:
        super().__init__(name)
        self._item: T | None = None
        self.taken = 0
        self.overwritten = 0

    def put(self, item: T) -> None:
        with self._cond:
            self.overwritten += self._item is not None
            self._item = item
            self.put_count += 1
            self._cond.notify_all()

    def get(self, timeout: float | None = None) -> T | None:
        """Take the newest unread item, waiting up to ``timeout``; None on timeout or when closed."""
        with self._cond:
            self._cond.wait_for(lambda: self._item is not None or self._closed, timeout)
            item, self._item = self._item, None
            self.taken += item is not None
            return item


class DropPolicy(enum.Enum):
    """What a full ``FrameQueue`` does with a new item."""

    DROP_OLDEST = "drop-oldest"  # keep the stream current: discard the head, append the new one
    DROP_NEWEST = "drop-newest"  # keep what is queued: discard the new one


class FrameQueue(_Mailbox[T]):
    """Bounded FIFO whose ``put`` never blocks; when full it applies its ``DropPolicy``.

    The bound keeps memory flat if a consumer stalls (64 frames of 1280x720 RGB are 177 MB);
    ``dropped`` and ``high_water`` show how close a consumer came to losing frames.
    """

    def __init__(self, maxsize: int = 64, policy: DropPolicy = DropPolicy.DROP_OLDEST, name: str = "queue") -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        super().__init__(name)
        self.maxsize, self.policy = maxsize, policy
        self._items: deque[T] = deque()
        self.dropped = 0
        self.high_water = 0

    def put(self, item: T) -> bool:
        """Enqueue ``item``; False when an item was dropped to make room (or the queue is closed)."""
        with self._cond:
            if self._closed:
                return False
            self.put_count += 1
            full = len(self._items) >= self.maxsize
            if full:
                self.dropped += 1
                if self.policy is DropPolicy.DROP_NEWEST:
                    return False
                self._items.popleft()
            self._items.append(item)
            self.high_water = max(self.high_water, len(self._items))
            self._cond.notify_all()
            return not full

    def get(self, timeout: float | None = None) -> T | None:
        """Oldest item, waiting up to ``timeout``; None on timeout or when closed and drained."""
        with self._cond:
            self._cond.wait_for(lambda: bool(self._items) or self._closed, timeout)
            return self._items.popleft() if self._items else None

    @property
    def done(self) -> bool:
        """Closed and empty: the consumer has everything there will ever be."""
        with self._cond:
            return self._closed and not self._items

    def __len__(self) -> int:
        return len(self._items)
