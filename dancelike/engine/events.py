"""What a live session tells its user interface, and how it gets there without blocking anything.

Events are frozen dataclasses. Stage threads put them in one ``EventQueue``; the UI either polls
it (``Session.events.get``) or passes ``on_event`` and receives them on the session's dispatcher
thread (the Qt adapter re-emits them as signals: the engine never imports Qt).

The queue is bounded so a UI that stops listening cannot grow memory (pymmcore-plus's unbounded
relay buffer is the cautionary tale). Its drop policy is named and counted: when it is full the
oldest *droppable* event (a live frame score: a newer one supersedes it) makes room; state
changes, errors and the final result are never dropped, because a UI that missed them would show
a session that never ends.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from dancelike.engine.result import SessionResult, SessionState


@dataclass(frozen=True)
class MoveRating:
    """The move the dancer is in now (by the reference's clock) and how it is going so far."""

    index: int
    start: float
    end: float
    score: float
    rating: str


@dataclass(frozen=True)
class FrameScored:
    """One analysed camera frame matched with the reference pose of the same moment of the dance.

    ``t`` is the capture time (session seconds), ``position`` where the reference was then,
    ``ref_time`` the reference moment it was compared with (``position - lag``). ``score`` and
    ``parts`` are 0-100 for this frame; ``total`` is the running score (frames weighted as in
    the report); ``latency_ms`` is capture to this event. ``found`` is False when nobody was seen
    (the score is then 0); ``paired`` is False when no reference frame was there to compare with.
    ``player`` is whose frame it is (1, or 1 and 2 when two dance: each has their own running score).
    """

    t: float
    position: float
    ref_time: float
    score: float
    parts: dict[str, float | None]  # None: a part one of the videos does not show
    total: float
    lag: float
    move: MoveRating | None
    mirrored: bool
    found: bool
    latency_ms: float
    paired: bool = True
    player: int = 1
    #: one thing to change now ("Left arm higher"), held a few seconds; None when unsure
    cue: str | None = None
    droppable = True


@dataclass(frozen=True)
class StateChanged:
    """The session moved to ``state``; ``reason`` says why when it is not obvious."""

    state: SessionState
    reason: str = ""
    droppable = False


@dataclass(frozen=True)
class CameraLost:
    """The camera stopped delivering before the dance ended; the session finishes with what it has."""

    reason: str
    frames: int
    droppable = False


@dataclass(frozen=True)
class RecorderFailed:
    """Recording stopped (unwritable folder, disk full); scoring carries on without it."""

    message: str
    frames_written: int
    droppable = False


@dataclass(frozen=True)
class AnalysisLoad:
    """The analysers fell behind (``busy``: the computer is busy, fewer frames are scored) or
    caught up again; ``analysed_fps`` is the rate they managed over the last seconds."""

    busy: bool
    analysed_fps: float
    droppable = False


@dataclass(frozen=True)
class LearnerAway:
    """Learner ``player`` (of ``players``) has not been seen for ``seconds`` (``away``: more than
    ``players.AWAY_SECONDS``), or is back (``away`` False). The session keeps running and
    scores the time out of view as nothing, as the report does."""

    player: int
    players: int
    away: bool
    seconds: float = 0.0
    droppable = False


@dataclass(frozen=True)
class Finished:
    """The last event of a session: its result (``result.error`` is set when it FAILED)."""

    result: SessionResult = field(repr=False)
    droppable = False


Event = Union[FrameScored, StateChanged, CameraLost, RecorderFailed, AnalysisLoad, LearnerAway, Finished]  # noqa: UP007 - a runtime alias
EventCallback = Callable[[Event], None]


class EventQueue:
    """Bounded FIFO of events: ``put`` never blocks; when full the oldest droppable event goes.

    ``dropped`` counts events discarded that way. Non-droppable events are always accepted (a
    session emits a handful), so the bound holds up to those few.
    """

    def __init__(self, maxsize: int = 256) -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self.maxsize = maxsize
        self._items: deque[Event] = deque()
        self._cond = threading.Condition()
        self._closed = False
        self.dropped = 0
        self.put_count = 0

    def put(self, event: Event) -> None:
        with self._cond:
            if self._closed:
                return
            self.put_count += 1
            if len(self._items) >= self.maxsize:
                for index, old in enumerate(self._items):
                    if old.droppable:
                        del self._items[index]
                        self.dropped += 1
                        break
                else:
                    if event.droppable:  # full of events that must stay: this one yields
                        self.dropped += 1
                        return
            self._items.append(event)
            self._cond.notify_all()

    def get(self, timeout: float | None = None) -> Event | None:
        """The oldest event, waiting up to ``timeout``; None on timeout or when closed and empty."""
        with self._cond:
            self._cond.wait_for(lambda: bool(self._items) or self._closed, timeout)
            return self._items.popleft() if self._items else None

    def drain(self) -> list[Event]:
        """Everything queued now, without waiting (a GUI timer's tick)."""
        with self._cond:
            items, self._items = list(self._items), deque()
            return items

    def close(self) -> None:
        """No more events: waiting consumers wake up and get what is left, then None."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    @property
    def closed(self) -> bool:
        return self._closed

    def __len__(self) -> int:
        return len(self._items)


class Dispatcher:
    """One thread that hands queued events to ``callback`` in order, so no stage ever runs UI code.

    A callback that raises is a bug in the caller: it is kept in ``error`` (the session fails
    with it) and later events are still delivered, so the final result is not lost with it.
    """

    def __init__(self, queue: EventQueue, callback: EventCallback, on_error: Callable[[BaseException], None]) -> None:
        self.queue, self.callback, self.on_error = queue, callback, on_error
        self.error: BaseException | None = None
        self.delivered = 0
        self._thread = threading.Thread(target=self._run, name="engine-events", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def join(self, timeout: float | None = None) -> bool:
        if self._thread.ident is None:
            return True
        if self._thread is not threading.current_thread():
            self._thread.join(timeout)
        return not self._thread.is_alive() or self._thread is threading.current_thread()

    @property
    def native_id(self) -> int | None:
        return self._thread.native_id

    def _run(self) -> None:
        while True:
            event = self.queue.get(timeout=0.5)
            if event is None:
                if self.queue.closed:
                    return
                continue
            try:
                self.callback(event)
            except Exception as exc:  # noqa: BLE001 - reported to the session, which fails with it
                if self.error is None:
                    self.error = exc
                    self.on_error(exc)
            self.delivered += 1
