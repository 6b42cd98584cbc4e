"""``SessionBridge``: a live ``engine.Session`` seen from the GUI thread, as Qt signals.

The engine never imports Qt; it puts its events in a bounded queue. The bridge drains that queue
on a GUI-thread timer and re-emits each event as a signal, so every slot runs on the GUI thread
and no engine thread ever waits for the GUI (a busy GUI only makes the queue drop old frame
scores, which the engine's queue is designed to do). Pictures are never sent as signals: the
view pulls the newest camera and reference frames on its own display timer
(``camera_frame()``, ``reference_frame()``), as the conventions ask.

Control calls (pause, stop, practice) go straight to the session: they are safe from any thread
and never block. ``shutdown()`` is the one blocking call (for closing the window): it cancels a
running session and waits for every engine thread to end.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from dancelike.engine import (
    AnalysisLoad,
    CameraLost,
    Finished,
    FrameScored,
    LearnerAway,
    RecorderFailed,
    Session,
    SessionResult,
    SessionState,
    StateChanged,
)
from dancelike.media.camera import CapturedFrame
from dancelike.scoring.moves import Move
from dancelike.vision.body import BodyFrame

#: How often the bridge drains the engine's events (ms): display rate is plenty.
POLL_MS = 30


class SessionBridge(QObject):
    """Owns a ``Session``; emits its events on the GUI thread.

    Signals carry the engine's own event objects: ``frame_scored(FrameScored)``,
    ``state_changed(StateChanged)``, ``camera_lost(CameraLost)``,
    ``recorder_failed(RecorderFailed)``, ``load_changed(AnalysisLoad)``, ``learner_away(LearnerAway)``
    and, last, ``finished(SessionResult)``. ``latest`` is player 1's newest frame score.
    """

    frame_scored = Signal(object)
    state_changed = Signal(object)
    camera_lost = Signal(object)
    recorder_failed = Signal(object)
    load_changed = Signal(object)
    learner_away = Signal(object)
    finished = Signal(object)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.latest: FrameScored | None = None
        self.result: SessionResult | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._started = False

    # --- lifecycle ----------------------------------------------------------------------------

    def start(self) -> None:
        """Start the session (it loads its models, then the music starts) and the event pump."""
        self._started = True
        self.session.start()
        self._timer.start()

    @property
    def started(self) -> bool:
        return self._started

    @property
    def done(self) -> bool:
        """The session has delivered its result (or was never started and is shut)."""
        return self.result is not None

    @property
    def state(self) -> SessionState:
        return self.session.state

    def stop(self) -> None:
        """Finish now and score what was danced; ``finished`` follows."""
        self.session.stop()

    def cancel(self) -> None:
        """Finish now without a report; ``finished`` follows."""
        self.session.cancel()

    def shutdown(self, timeout: float = 10.0, score: bool = False) -> SessionResult | None:
        """Finish a running session and wait (blocking) until every engine thread has ended.

        For closing the window: ``score`` stops it the way Esc does (the report covers what was
        danced), otherwise it is cancelled. Returns the result (None when it did not end in
        ``timeout`` or was never started; a session never started releases its camera)."""
        self._timer.stop()
        if not self._started:
            self.session.close()  # releases the camera, closes the queue
            return None
        if self.result is None:
            if score:
                self.session.stop()
            else:
                self.session.cancel()
            self.result = self.session.wait(timeout)
            self.session.events.drain()
        return self.result

    # --- the event pump (GUI thread) --------------------------------------------------------

    @Slot()
    def _poll(self) -> None:
        for event in self.session.events.drain():
            if isinstance(event, FrameScored):
                if event.player == 1:
                    self.latest = event
                self.frame_scored.emit(event)
            elif isinstance(event, StateChanged):
                self.state_changed.emit(event)
            elif isinstance(event, CameraLost):
                self.camera_lost.emit(event)
            elif isinstance(event, RecorderFailed):
                self.recorder_failed.emit(event)
            elif isinstance(event, AnalysisLoad):
                self.load_changed.emit(event)
            elif isinstance(event, LearnerAway):
                self.learner_away.emit(event)
            elif isinstance(event, Finished):
                self._timer.stop()
                self.result = event.result
                self.finished.emit(event.result)
                return

    # --- control (never blocks) ---------------------------------------------------------------

    def toggle_pause(self) -> bool:
        """Pause when running, resume when paused; True when something changed."""
        if self.session.state is SessionState.RUNNING:
            return self.session.pause()
        if self.session.state is SessionState.PAUSED:
            return self.session.resume()
        return False

    def pause(self) -> bool:
        return self.session.pause()

    def resume(self) -> bool:
        return self.session.resume()

    def next_move(self) -> bool:
        return self.session.next_move()

    def previous_move(self) -> bool:
        return self.session.previous_move()

    def seek_to_move(self, index: int) -> bool:
        return self.session.seek_to_move(index)

    def set_speed(self, rate: float) -> bool:
        return self.session.set_speed(rate)

    def loop_move(self, index: int | None) -> bool:
        return self.session.loop_move(index)

    # --- what the view reads at display rate --------------------------------------------------

    @property
    def moves(self) -> list[Move]:
        return self.session.moves

    def current_move(self) -> int | None:
        return self.session.current_move()

    def camera_frame(self) -> CapturedFrame | None:
        """The newest camera frame not yet shown, or None."""
        return self.session.camera_frame()

    def reference_frame(self) -> tuple[np.ndarray, float] | None:
        """The reference frame showing now as ``(rgb, time)``, or None before playback."""
        return self.session.reference_frame()

    def user_bodies(self) -> tuple[tuple[BodyFrame, ...], float] | None:
        """The newest analysis of every player (player 1 first) and its capture time, or None."""
        return self.session.user_bodies()

    def user_body(self) -> tuple[BodyFrame, float] | None:
        """The newest analysis of the dancer as ``(body, capture time)``, or None."""
        return self.session.user_body()

    def reference_body(self, t: float) -> BodyFrame | None:
        """The reference's analysis at reference time ``t``, or None."""
        return self.session.reference_body(t)
