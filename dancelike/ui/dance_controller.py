"""``DanceController``: one dance session's life on the dance screen, without a single widget.

It builds the session in a worker (camera found and opened, session row begun), counts down,
starts the session, holds it at the start when it is ready early, stops or cancels it, saves
the result in a worker, and shuts everything down when the window closes. The view
(``dance_view.DanceView``) draws what it is told through signals and calls ``start``,
``stop``, ``retry`` and ``leave``; practice controls go to ``bridge`` while ``phase`` is
``DANCING``.

Lifecycle (``phase``): IDLE -> PREPARING (worker builds the session) -> COUNTDOWN (3-2-1; the
session starts loading its models meanwhile and is held paused if ready early) -> STARTING ->
DANCING -> FINISHING (scoring) -> SAVING -> DONE (``finished``); or -> MESSAGE (something went
wrong: what happened and what to do next), or ``left`` (the user left before anything was danced).
"""

from __future__ import annotations

import enum
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from dancelike.engine import Session, SessionOptions, SessionResult, SessionState, StateChanged
from dancelike.i18n import translate
from dancelike.media.camera import CameraKind
from dancelike.media.video import VideoReader
from dancelike.scoring.mirror import Mirror
from dancelike.services.sessions import save_result
from dancelike.store.db import Choreography, SessionRecord, Store
from dancelike.ui.messages import next_step, user_message
from dancelike.ui.session_bridge import SessionBridge
from dancelike.ui.settings import AppSettings
from dancelike.ui.workers import Job, run_in_thread


class DancePhase(str, enum.Enum):
    """Where the dance screen is (a ``str``: compares equal to its value)."""

    IDLE = "idle"
    PREPARING = "preparing"
    COUNTDOWN = "countdown"
    STARTING = "starting"
    DANCING = "dancing"
    FINISHING = "finishing"
    SAVING = "saving"
    DONE = "done"
    MESSAGE = "message"

    @property
    def before_dancing(self) -> bool:
        return self in (DancePhase.PREPARING, DancePhase.COUNTDOWN, DancePhase.STARTING)


def prepare_session(store: Store, settings: AppSettings, choreography: Choreography, sink: Any) -> tuple[Session, SessionRecord, str, Any]:
    """In a worker: find the camera, begin the session row, build the session (opens the camera
    and checks the video), and decode the reference's first frame to show during the countdown."""
    spec, note = settings.resolved_camera()
    options = SessionOptions(
        mirror=Mirror(settings.mirror), latency=settings.latency_for(spec), stretch=settings.stretch, dancer=choreography.dancer, players=settings.players
    )
    record = store.begin_session(choreography.id, {"camera": spec, "speed": settings.speed, "record": settings.record, **options.settings()})
    try:
        if settings.record:
            options = replace(options, record_to=record.files.recording)
        session = Session(choreography.video, spec, options, audio_sink=sink)
        with VideoReader(choreography.video) as reader:
            first = next(iter(reader)).rgb
    except BaseException as exc:
        store.complete_session(record.id, status="failed", score=None, grade=None, duration=None, parts={}, message=user_message(exc))
        raise
    return session, record, note, first


def _prepare_into(holder: dict[str, Any], *args: Any) -> None:
    """``prepare_session`` keeping its result where ``shutdown`` can close it after a join (a
    job's own result reaches the GUI thread only through the event loop)."""
    holder["value"] = prepare_session(*args)


class DanceController(QObject):
    """The session side of the dance screen; see the module docstring."""

    #: The session is built: ``(bridge, camera note, the reference's first frame as RGB)``.
    ready = Signal(object, str, object)
    #: The number the countdown shows, or None once it is over.
    countdown = Signal(object)
    #: A banner over the stage (None: none).
    banner = Signal(object)
    #: The dance begins: the moves are known, the practice controls work.
    dancing = Signal()
    #: The practice controls are usable (True) or not.
    controls_enabled = Signal(bool)
    #: The engine's state changed (the pause button follows it).
    state_changed = Signal(object)
    #: The session has ended: nothing more to draw.
    ended = Signal()
    #: Something went wrong: ``(title, what happened, what to do next)``.
    problem = Signal(str, str, str)
    finished = Signal(int)
    left = Signal()

    def __init__(self, store: Store, settings: AppSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store, self.settings = store, settings
        self.countdown_seconds = 3
        self.phase = DancePhase.IDLE
        self.bridge: SessionBridge | None = None
        self.record: SessionRecord | None = None
        self.choreography: Choreography | None = None
        self.result: SessionResult | None = None
        self.message = ""
        self.held = False  # paused by the countdown (not by the user)
        self.speed_override: float | None = None  # Break It Down's speed instead of the settings' one
        self._job: Job | None = None
        self._generation = 0
        self._holder: tuple[int, dict[str, Any]] = (0, {})
        self._leaving = False
        self._live = False
        self._count = 0
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._count_down)

    # --- starting -------------------------------------------------------------------------------

    def start(self, choreography: Choreography, sink: Any) -> None:
        """Count down and dance ``choreography`` (``sink`` plays the music); the camera and the
        rest come from the settings."""
        self.shutdown()
        self.choreography, self.record, self.result, self.message = choreography, None, None, ""
        self._leaving, self.held = False, False
        self.phase = DancePhase.PREPARING
        self._count = self.countdown_seconds
        self.countdown.emit(str(self._count) if self._count > 0 else None)
        if self._count > 0:
            self._timer.start()
        self._generation += 1
        generation, holder = self._generation, dict[str, Any]()
        self._holder = (generation, holder)
        self._job = run_in_thread(
            _prepare_into,
            holder,
            self.store,
            self.settings,
            choreography,
            sink,
            on_done=lambda _none: self._prepared(generation),
            on_error=lambda exc: self._prepare_failed(generation, exc),
            name="dance-prepare",
        )

    def _prepared(self, generation: int) -> None:
        if generation != self._generation:
            return  # a session given up meanwhile (shutdown closed it)
        session, self.record, camera_note, first = self._holder[1].pop("value")
        self._job = None
        self.bridge = SessionBridge(session, self)
        if self._leaving:
            self._finish_leaving()
            return
        self.ready.emit(self.bridge, camera_note, first)
        self.bridge.state_changed.connect(self._state_changed)
        self.bridge.finished.connect(self._session_finished)
        # A webcam is live: the session starts now (models load during the countdown) and is held
        # paused at the start if ready early. A recorded performer (the demo dancer, a video
        # file) plays from the moment capture starts and cannot wait: it starts after the countdown.
        self._live = session.camera.kind is CameraKind.DEVICE
        self.phase = DancePhase.COUNTDOWN if self._timer.isActive() else DancePhase.STARTING
        if self._live or self.phase is DancePhase.STARTING:
            self.bridge.start()

    def _prepare_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._job = None
        if self._leaving:
            self.phase = DancePhase.IDLE
            self.left.emit()
            return
        self._show_problem(translate("DanceController", "This dance cannot start"), user_message(exc), next_step(exc))

    def _count_down(self) -> None:
        self._count -= 1
        if self._count > 0:
            self.countdown.emit(str(self._count))
            return
        self._timer.stop()
        self.countdown.emit(None)
        if self.phase is DancePhase.COUNTDOWN and self.bridge is not None:
            if not self.bridge.started:
                self.phase = DancePhase.STARTING
                self.banner.emit(translate("DanceController", "Get ready\u2026"))
                self.bridge.start()
            elif self.held:
                self.held = False
                self.bridge.resume()  # its RUNNING event starts the dance
            elif self.bridge.state is SessionState.RUNNING:
                self._go()
            else:
                self.phase = DancePhase.STARTING
        elif self.phase is DancePhase.PREPARING:
            self.banner.emit(translate("DanceController", "Getting the camera ready\u2026"))

    def _state_changed(self, event: StateChanged) -> None:
        state = event.state
        if state is SessionState.RUNNING and self.phase in (DancePhase.COUNTDOWN, DancePhase.STARTING):
            if self._timer.isActive():  # ready before the countdown ended: hold it there
                self.held = self.bridge is not None and self.bridge.pause()
                self.banner.emit(None)
            else:
                self._go()
        elif state is SessionState.FINISHING:
            self._finishing()
        self.state_changed.emit(state)

    def _go(self) -> None:
        self.phase, self.held = DancePhase.DANCING, False
        self.banner.emit(None)
        self.dancing.emit()
        self.controls_enabled.emit(True)
        speed = self.settings.speed if self.speed_override is None else self.speed_override
        if self.bridge is not None and speed != 1.0:
            self.bridge.set_speed(speed)

    def _finishing(self) -> None:
        self.phase = DancePhase.FINISHING
        self.controls_enabled.emit(False)
        self.banner.emit(translate("DanceController", "Scoring your dance\u2026"))

    # --- stopping -------------------------------------------------------------------------------

    def stop(self) -> None:
        """Esc: stop and score what was danced; before the dance began, leave instead."""
        if self.phase is DancePhase.DANCING and self.bridge is not None:
            self._finishing()
            self.bridge.stop()
        elif self.phase.before_dancing:
            self._leaving = True
            self._timer.stop()
            self.countdown.emit(None)
            self.banner.emit(translate("DanceController", "Leaving\u2026"))
            if self.bridge is not None:
                self._finish_leaving()
        elif self.phase is DancePhase.MESSAGE:
            self.leave()

    def _finish_leaving(self) -> None:
        """The user left before dancing: cancel, wait for the engine, drop the row, ``left``."""
        if self.bridge is not None:
            if self.bridge.started and not self.bridge.done:
                self.bridge.cancel()  # _session_finished completes the leaving
                return
            self.bridge.shutdown()
        self._drop_record()
        self.ended.emit()
        self.phase = DancePhase.IDLE
        self.left.emit()

    def _drop_record(self) -> None:
        if self.record is not None:
            self._delete_row(self.record.id)
            self.record = None

    def _session_finished(self, result: SessionResult) -> None:
        self.result = result
        self._timer.stop()
        self.ended.emit()
        self.controls_enabled.emit(False)
        if self._leaving:
            self._finish_leaving()
            return
        if self.record is None:
            return
        self.phase = DancePhase.SAVING
        self.banner.emit(translate("DanceController", "Saving\u2026"))
        self._job = run_in_thread(save_result, self.store, self.record, result, on_done=self._saved, on_error=self._save_failed, name="dance-save")

    def _saved(self, record: SessionRecord) -> None:
        self._job = None
        result = self.result
        self.record = record
        if result is not None and result.report is not None:
            self.phase = DancePhase.DONE
            self.finished.emit(record.id)
            return
        if result is not None and result.error is not None:
            self._show_problem(translate("DanceController", "The session stopped"), user_message(result.error), next_step(result.error))
        else:
            reason = (result.reason if result else "") or translate("DanceController", "nothing was danced")
            self._show_problem(
                translate("DanceController", "Nothing to score yet"),
                translate("DanceController", "The session ended before there was anything to score ({reason}).").format(reason=reason),
                translate("DanceController", "Stand where the camera sees all of you and try again."),
            )

    def _save_failed(self, exc: BaseException) -> None:
        self._job = None
        self._show_problem(translate("DanceController", "Your result could not be saved"), user_message(exc), next_step(exc))

    def _show_problem(self, title: str, text: str, hint: str = "") -> None:
        self.phase = DancePhase.MESSAGE
        self.message = text
        self._timer.stop()
        self.ended.emit()
        self.problem.emit(title, text, hint)

    def leave(self) -> None:
        """Back to the library (from a message)."""
        self.shutdown()
        self.phase = DancePhase.IDLE
        self.record = None
        self.left.emit()

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop everything this controller runs (closing the window); no engine thread is left.

        Mid-dance, what was danced is scored and saved (as Esc would); before the dance began,
        the session row is dropped."""
        self._timer.stop()
        self._generation += 1  # results of work started before now are ignored
        if self._job is not None:
            self._job.cancel()
            self._job.wait(timeout)
            self._job = None
        pending = self._holder[1].pop("value", None)
        if pending is not None:  # built, never shown: close its camera, drop its row
            pending[0].close()
            self._delete_row(pending[1].id)
        bridge, self.bridge = self.bridge, None
        phase, self.phase = self.phase, DancePhase.IDLE
        if bridge is None:
            return
        dancing = phase in (DancePhase.DANCING, DancePhase.FINISHING)
        result = bridge.result if bridge.done else bridge.shutdown(timeout, score=dancing)
        if self.record is not None and phase.before_dancing:
            self._delete_row(self.record.id)
            self.record = None
        elif self.record is not None and dancing and result is not None:
            try:
                self.record = save_result(self.store, self.record, result)
            except Exception:  # noqa: BLE001, S110 - closing: the row stays "running" and is recovered at the next launch
                pass
        bridge.deleteLater()

    def _delete_row(self, session_id: int) -> None:
        try:
            self.store.delete_session(session_id)
        except Exception:  # noqa: BLE001 - then it is only marked cancelled
            self.store.complete_session(session_id, status="cancelled", score=None, grade=None, duration=None, parts={})
