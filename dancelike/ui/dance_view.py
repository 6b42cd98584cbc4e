"""The dance screen: countdown, then the pro large with you beside or inside, a live HUD, and
practice controls; at the end the result is saved and ``finished(session_id)`` is emitted.

Nothing slow runs on the GUI thread: the camera is found and opened and the session built in a
worker (``run_in_thread``), the session's own threads do the dancing, and the result is saved in
a worker. The view only paints, at display rate: the newest camera and reference frames pulled
from the session on a timer, the overlays drawn on the camera frame the dancer's newest analysis
belongs to, and the HUD from the engine's frame scores.

Lifecycle (``phase``): idle -> preparing (worker builds the session) -> countdown (3-2-1; the
session starts loading its models meanwhile and is held paused if ready early) -> dancing ->
finishing (scoring) -> saving -> ``finished``; or -> message (something went wrong: what
happened and what to do next), or ``left`` (the user left before anything was danced).
"""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from dancelike.engine import (
    CameraLost,
    FrameScored,
    RecorderFailed,
    Session,
    SessionResult,
    SessionState,
    StateChanged,
)
from dancelike.media.camera import CameraKind, CapturedFrame
from dancelike.media.video import VideoReader
from dancelike.services.sessions import save_result
from dancelike.store.db import Choreography, SessionRecord, Store
from dancelike.ui.dance_hud import DanceHud, MessageCard
from dancelike.ui.dance_stage import StageWidget, StripMove, compose_camera, to_qimage
from dancelike.ui.messages import next_step, user_message
from dancelike.ui.qt_audio import make_audio_sink
from dancelike.ui.session_bridge import SessionBridge
from dancelike.ui.settings import AppSettings
from dancelike.ui.theme import COLORS, score_color, set_role
from dancelike.ui.workers import Job, run_in_thread

#: Display rate of the stage (ms between frames pulled from the session).
DISPLAY_MS = 33
SPEEDS = (0.5, 0.75, 1.0)
#: How a chosen toggle (layout, overlay, speed, loop) looks: the theme styles plain buttons only.
TOGGLE_QSS = f"""
QPushButton:checked {{ background: #4a2336; border: 1px solid {COLORS['accent']}; color: #ffffff; }}
QPushButton:checked:disabled {{ background: {COLORS['panel']}; border: 1px solid #5a3040; color: #8a7480; }}
"""
#: Frames with the dancer found, after the start or a jump, before the lag and ratings are shown:
#: the live timing estimate needs a second or two of dancing to settle.
SETTLE_FRAMES = 45


def _prepare(store: Store, settings: AppSettings, choreography: Choreography, sink: Any) -> tuple[Session, SessionRecord, str, Any]:
    """In a worker: find the camera, begin the session row, build the session (opens the camera
    and checks the video), and decode the reference's first frame to show during the countdown."""
    spec, note = settings.resolved_camera()
    latency = settings.latency_for(spec)
    options = {"camera": spec, "mirror": settings.mirror, "speed": settings.speed, "stretch": settings.stretch,
               "latency": latency, "record": settings.record}  # fmt: skip
    record = store.begin_session(choreography.id, options)
    try:
        session = Session(
            choreography.video, spec, record_to=record.files.recording if settings.record else None,
            mirror=settings.mirror, audio_sink=sink, latency=latency, stretch=settings.stretch,
        )  # fmt: skip
        with VideoReader(choreography.video) as reader:
            first = next(iter(reader)).rgb
    except BaseException as exc:
        store.complete_session(record.id, status="failed", score=None, grade=None, duration=None, parts={}, message=user_message(exc))
        raise
    return session, record, note, first


def _prepare_into(holder: dict[str, Any], *args: Any) -> None:
    """``_prepare`` keeping its result where ``DanceView.shutdown`` can close it after a join
    (a job's own result reaches the GUI thread only through the event loop)."""
    holder["value"] = _prepare(*args)


class DanceView(QWidget):
    """The live session screen. ``start(choreography)``; ``finished(session_id)`` once saved."""

    finished = Signal(int)
    left = Signal()

    def __init__(self, store: Store, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("danceView")
        self.store, self.settings = store, settings
        self.countdown_seconds = 3
        self.phase = "idle"
        self.bridge: SessionBridge | None = None
        self.record: SessionRecord | None = None
        self.choreography: Choreography | None = None
        self.result: SessionResult | None = None
        self.message = ""
        self._job: Job | None = None
        self._generation = 0
        self._holder: tuple[int, dict[str, Any]] = (0, {})
        self._leaving = False
        self._held = False  # paused by the countdown (not by the user)
        self._count = 0
        self._frames: deque[CapturedFrame] = deque(maxlen=6)
        self._ratings: dict[int, Any] = {}
        self._lag = 0.0
        self._take_frames = 0
        self._notes: list[str] = []
        self._selfie = False
        self._live = False
        self._drawn: tuple[Any, ...] | None = None
        self._shown_reference: object = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(TOGGLE_QSS)
        self._build()
        self._display = QTimer(self)
        self._display.setInterval(DISPLAY_MS)
        self._display.timeout.connect(self._tick)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._count_down)

    # --- layout ---------------------------------------------------------------------------------

    def _button(self, text: str, checkable: bool = False, name: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setCheckable(checkable)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space and arrows belong to the dance
        if name:
            button.setObjectName(name)
        return button

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 14, 20, 14)
        outer.setSpacing(10)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)
        self.pages.addWidget(self._dance_page())
        self.message_card = MessageCard()
        self.message_card.retry.connect(self._retry)
        self.message_card.back.connect(self._leave)
        self.pages.addWidget(self.message_card)

    def _dance_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        top = QHBoxLayout()
        heading = QVBoxLayout()
        heading.setSpacing(2)
        self.title = QLabel("")
        set_role(self.title, "title")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a title is what the user typed, never markup
        self.note = QLabel("")
        set_role(self.note, "small")
        heading.addWidget(self.title)
        heading.addWidget(self.note)
        top.addLayout(heading, 1)
        self.layout_group = QButtonGroup(self)
        for name, text in (("beside", "Side by side"), ("inside", "Picture in picture")):
            button = self._button(text, True, f"layout_{name}")
            button.setProperty("value", name)
            self.layout_group.addButton(button)
            top.addWidget(button)
        self.layout_group.buttonClicked.connect(self._layout_clicked)
        top.addSpacing(16)
        self.overlay_buttons: dict[str, QPushButton] = {}
        for name, text in (("parts", "Body parts"), ("ghost", "Ghost"), ("skeleton", "Skeleton")):
            button = self._button(text, True, f"overlay_{name}")
            button.toggled.connect(self._overlays_changed)
            self.overlay_buttons[name] = button
            top.addWidget(button)
        layout.addLayout(top)
        middle = QHBoxLayout()
        middle.setSpacing(16)
        self.stage = StageWidget()
        middle.addWidget(self.stage, 1)
        self.hud = DanceHud()
        middle.addWidget(self.hud)
        layout.addLayout(middle, 1)
        layout.addLayout(self._controls())
        return page

    def _controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(10)
        self.prev_button = self._button("\u25c0  Previous move", name="previousMove")
        self.prev_button.clicked.connect(lambda: self._move(-1))
        self.pause_button = self._button("Pause", name="pauseButton")
        self.pause_button.setMinimumWidth(120)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.next_button = self._button("Next move  \u25b6", name="nextMove")
        self.next_button.clicked.connect(lambda: self._move(1))
        for button in (self.prev_button, self.pause_button, self.next_button):
            row.addWidget(button)
        row.addSpacing(20)
        speed_label = QLabel("Speed")
        set_role(speed_label, "muted")
        row.addWidget(speed_label)
        self.speed_group = QButtonGroup(self)
        for rate in SPEEDS:
            button = self._button(f"{rate:g}x", True, f"speed_{rate:g}")
            button.setProperty("value", rate)
            self.speed_group.addButton(button)
            row.addWidget(button)
        self.speed_group.buttonClicked.connect(self._speed_clicked)
        self.loop_button = self._button("\u27f3  Loop this move", True, "loopMove")
        self.loop_button.toggled.connect(self._loop_toggled)
        row.addSpacing(12)
        row.addWidget(self.loop_button)
        row.addStretch(1)
        self.stop_button = self._button("Stop and score", name="stopButton")
        set_role(self.stop_button, "primary")
        self.stop_button.clicked.connect(self.stop)
        row.addWidget(self.stop_button)
        return row

    # --- starting -------------------------------------------------------------------------------

    def start(self, choreography: Choreography) -> None:
        """Countdown, then dance ``choreography``; the camera and the rest come from the settings."""
        self.shutdown()
        self.choreography, self.record, self.result, self.message = choreography, None, None, ""
        self._leaving, self._held, self._lag, self._take_frames = False, False, 0.0, 0
        self.stage.current_move = self.stage.looping = None
        self._frames.clear()
        self._ratings.clear()
        self._drawn = self._shown_reference = None
        self._notes = []
        self.title.setText(choreography.title)
        self.pages.setCurrentIndex(0)
        self.hud.reset()
        self._apply_settings()
        self.stage.reference = self.stage.camera = None
        self.stage.moves, self.stage.banner = [], "Getting the camera ready\u2026"
        self._set_controls(False)
        sink, audio_note = make_audio_sink()
        if audio_note:
            self._notes.append(audio_note)
        self._show_notes()
        self.phase = "preparing"
        self._count = self.countdown_seconds
        self.stage.countdown = str(self._count) if self._count > 0 else None
        if self._count > 0:
            self._countdown.start()
        self._display.start()
        self.setFocus()
        self._generation += 1
        generation, holder = self._generation, {}
        self._holder = (generation, holder)
        self._job = run_in_thread(
            _prepare_into, holder, self.store, self.settings, choreography, sink,
            on_done=lambda _none: self._prepared(generation), on_error=lambda exc: self._prepare_failed(generation, exc), name="dance-prepare",
        )  # fmt: skip

    def _apply_settings(self) -> None:
        layout = self.settings.layout
        for button in self.layout_group.buttons():
            button.setChecked(button.property("value") == layout)
        self.stage.layout_mode = layout
        overlays = self.settings.overlays
        for name, button in self.overlay_buttons.items():
            button.blockSignals(True)
            button.setChecked(name in overlays)
            button.blockSignals(False)
        speed = self.settings.speed
        for button in self.speed_group.buttons():
            button.setChecked(abs(float(button.property("value")) - speed) < 1e-3)
        self.loop_button.blockSignals(True)
        self.loop_button.setChecked(False)
        self.loop_button.blockSignals(False)

    def _prepared(self, generation: int) -> None:
        if generation != self._generation:
            return  # a session given up meanwhile (shutdown closed it)
        session, self.record, camera_note, first = self._holder[1].pop("value")
        self._job = None
        self.bridge = SessionBridge(session, self)
        if self._leaving:
            self._finish_leaving()
            return
        self._selfie = session.camera.kind is CameraKind.DEVICE
        self.stage.camera_label = "DEMO DANCER" if session.camera.kind is CameraKind.SYNTHETIC else "YOU"
        if camera_note:
            self._notes.insert(0, camera_note)
        self._show_notes()
        self.stage.reference = to_qimage(first)
        self.stage.banner = "Loading\u2026"
        self.bridge.state_changed.connect(self._state_changed)
        self.bridge.frame_scored.connect(self._scored)
        self.bridge.camera_lost.connect(self._camera_lost)
        self.bridge.recorder_failed.connect(self._recorder_failed)
        self.bridge.finished.connect(self._session_finished)
        # A webcam is live: the session starts now (models load during the countdown) and is held
        # paused at the start if ready early. A recorded performer (the demo dancer, a video
        # file) plays from the moment capture starts and cannot wait: it starts after the countdown.
        self._live = session.camera.kind is CameraKind.DEVICE
        self.stage.placeholder = "Your camera" if self._live else "The dancer joins when the music starts"
        self.phase = "countdown" if self._countdown.isActive() else "starting"
        if self._live or self.phase == "starting":
            self.bridge.start()

    def _prepare_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._job = None
        if self._leaving:
            self.phase = "idle"
            self.left.emit()
            return
        self._show_message("This dance cannot start", user_message(exc), next_step(exc))

    def _count_down(self) -> None:
        self._count -= 1
        if self._count > 0:
            self.stage.countdown = str(self._count)
            return
        self._countdown.stop()
        self.stage.countdown = None
        if self.phase == "countdown" and self.bridge is not None:
            if not self.bridge.started:
                self.phase = "starting"
                self.stage.banner = "Get ready\u2026"
                self.bridge.start()
            elif self._held:
                self._held = False
                self.bridge.resume()  # its RUNNING event starts the dance
            elif self.bridge.state is SessionState.RUNNING:
                self._go()
            else:
                self.phase = "starting"
        elif self.phase == "preparing":
            self.stage.banner = "Getting the camera ready\u2026"

    def _state_changed(self, event: StateChanged) -> None:
        state = event.state
        if state is SessionState.RUNNING and self.phase in ("countdown", "starting"):
            if self._countdown.isActive():  # ready before the countdown ended: hold it there
                self._held = self.bridge is not None and self.bridge.pause()
                self.stage.banner = None
            else:
                self._go()
        elif state is SessionState.FINISHING:
            self.phase = "finishing"
            self._set_controls(False)
            self.stage.banner = "Scoring your dance\u2026"
        self._update_pause(state)

    def _go(self) -> None:
        self.phase, self._held = "dancing", False
        self.stage.banner = None
        self.stage.moves = [StripMove(m.start, m.end) for m in self.bridge.moves] if self.bridge else []
        self.stage.duration = self.bridge.session.duration if self.bridge else 0.0
        self._set_controls(True)
        speed = self.settings.speed
        if self.bridge is not None and speed != 1.0:
            self.bridge.set_speed(speed)

    # --- while dancing --------------------------------------------------------------------------

    def _tick(self) -> None:
        bridge = self.bridge
        if bridge is not None and bridge.started and not bridge.done:
            frame = bridge.camera_frame()
            if frame is not None:
                self._frames.append(frame)
            ref = bridge.reference_frame()
            if ref is not None and ref[0] is not self._shown_reference:
                self._shown_reference = ref[0]
                self.stage.reference = to_qimage(ref[0])
                if float(ref[1]) < self.stage.position - 0.3:  # jumped back: a new take
                    self._take_frames = 0
                    looped = self.stage.looping
                    if looped is not None and looped in self._ratings:  # one more round of the loop
                        self.stage.popup(self._ratings[looped].rating.upper(), score_color(self._ratings[looped].score))
                self.stage.position = float(ref[1])
            self._draw_camera(bridge)
            if self.phase == "dancing" and self.stage.moves:
                self._follow_move(bridge.current_move())
        self.stage.update()

    def _follow_move(self, current: int | None) -> None:
        """The music moved on to another move: rate the one that ended (a pop-up), or, after a
        jump, start reading the dancer's timing afresh."""
        previous, self.stage.current_move = self.stage.current_move, current
        if current is None or current == previous:
            return
        self.hud.move_label.setText(f"Move {current + 1} of {len(self.stage.moves)}")
        if previous is not None and current == previous + 1 and previous in self._ratings:
            done = self._ratings[previous]
            self.stage.popup(done.rating.upper(), score_color(done.score))
        elif previous is not None:
            self._take_frames = 0  # a jump (arrows, loop): a new take

    def _draw_camera(self, bridge: SessionBridge) -> None:
        if not self._frames:
            return
        frame = self._frames[-1]
        overlays = self.overlays
        analysed = bridge.user_body() if overlays else None
        body = None
        if analysed is not None:
            match = next((f for f in reversed(self._frames) if abs(f.t - analysed[1]) < 1e-6), None)
            if match is not None:  # show the frame the overlay was computed on: they line up
                frame, body = match, analysed[0]
            elif analysed[0].found:
                body = analysed[0]
        latest = bridge.latest
        key = (frame.index, id(body), tuple(sorted(overlays)), self.stage.layout_mode)
        if key == self._drawn:
            return  # nothing new to draw
        self._drawn = key
        ghost = None
        if body is not None and "ghost" in overlays:
            ghost = bridge.reference_body(latest.ref_time if latest is not None else self.stage.position)
        rgb = compose_camera(frame.rgb, body, overlays, latest.parts if latest is not None else None, bool(latest and latest.mirrored), ghost)
        if self._selfie:  # a webcam is shown as a mirror, the way people see themselves
            rgb = rgb[:, ::-1]
        self.stage.camera = to_qimage(rgb)

    def _scored(self, event: FrameScored) -> None:
        if self.phase not in ("dancing", "finishing"):
            return
        self._take_frames += event.found
        settled = self._take_frames >= SETTLE_FRAMES
        self._lag = 0.8 * self._lag + 0.2 * event.lag if settled else event.lag  # steady text, no flicker
        self.hud.show_frame(event, settled, self._lag)
        move = event.move
        if move is None or not settled:
            return
        self._ratings[move.index] = move
        if move.index < len(self.stage.moves):
            strip = self.stage.moves[move.index]
            strip.score, strip.rating = move.score, move.rating

    def _camera_lost(self, event: CameraLost) -> None:
        self._alert(f"The camera stopped ({event.reason}). Scoring what you danced; check the camera's cable or pick another in Settings.")

    def _recorder_failed(self, event: RecorderFailed) -> None:
        self._alert(f"Recording stopped: {event.message}. Your score is still kept; to record next time, free some disk space "
                    "or choose another data folder in Settings.")  # fmt: skip

    def _alert(self, text: str) -> None:
        self.hud.alert(text)

    def _show_notes(self) -> None:
        self.note.setText("   \u00b7   ".join(self._notes))

    # --- controls -------------------------------------------------------------------------------

    @property
    def overlays(self) -> set[str]:
        return {name for name, button in self.overlay_buttons.items() if button.isChecked()}

    def _overlays_changed(self) -> None:
        self.settings.overlays = self.overlays

    def _layout_clicked(self, button: QPushButton) -> None:
        self.settings.layout = self.stage.layout_mode = str(button.property("value"))
        self.stage.update()

    def _speed_clicked(self, button: QPushButton) -> None:
        rate = float(button.property("value"))
        self.settings.speed = rate
        if self.bridge is not None and self.phase == "dancing":
            self.bridge.set_speed(rate)

    def _loop_toggled(self, on: bool) -> None:
        if self.bridge is None or self.phase != "dancing":
            return
        index = self.bridge.current_move() if on else None
        self.bridge.loop_move(index)
        self.stage.looping = index

    def _move(self, step: int) -> None:
        if self.bridge is None or self.phase != "dancing":
            return
        moved = self.bridge.next_move() if step > 0 else self.bridge.previous_move()
        if moved:
            self._take_frames = 0
        if moved and self.loop_button.isChecked():
            QTimer.singleShot(50, self._follow_loop)

    def _follow_loop(self) -> None:
        if self.bridge is not None:
            self.stage.looping = self.bridge.session.looping

    def _set_controls(self, enabled: bool) -> None:
        for button in (self.prev_button, self.next_button, self.pause_button, self.loop_button, *self.speed_group.buttons()):
            button.setEnabled(enabled)
        self.stop_button.setEnabled(enabled)

    def _update_pause(self, state: SessionState) -> None:
        paused = state is SessionState.PAUSED and not self._held
        self.pause_button.setText("Carry on" if paused else "Pause")
        if self.phase == "dancing":
            self.stage.banner = "Paused \u2014 press Space to carry on" if paused else None

    def toggle_pause(self) -> None:
        """Space: pause or carry on (only while dancing)."""
        if self.bridge is not None and self.phase == "dancing":
            self.bridge.toggle_pause()

    def stop(self) -> None:
        """Esc: stop and score what was danced; before the dance began, leave instead."""
        if self.phase == "dancing" and self.bridge is not None:
            self.phase = "finishing"
            self._set_controls(False)
            self.stage.banner = "Scoring your dance\u2026"
            self.bridge.stop()
        elif self.phase in ("preparing", "countdown", "starting"):
            self._leaving = True
            self._countdown.stop()
            self.stage.countdown = None
            self.stage.banner = "Leaving\u2026"
            if self.bridge is not None:
                self._finish_leaving()
        elif self.phase == "message":
            self._leave()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.toggle_pause()
        elif key == Qt.Key.Key_Escape:
            self.stop()
        elif key == Qt.Key.Key_Left:
            self._move(-1)
        elif key == Qt.Key.Key_Right:
            self._move(1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def event(self, event: QEvent) -> bool:
        # Space and the arrows would otherwise move focus between buttons before reaching us.
        keys = (Qt.Key.Key_Space, Qt.Key.Key_Escape, Qt.Key.Key_Left, Qt.Key.Key_Right)
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and event.key() in keys:
            event.accept()
            return True
        return super().event(event)

    # --- the end -----------------------------------------------------------------------------------

    def _finish_leaving(self) -> None:
        """The user left before dancing: cancel, wait for the engine, drop the row, ``left``."""
        if self.bridge is not None:
            if self.bridge.started and not self.bridge.done:
                self.bridge.cancel()  # _session_finished completes the leaving
                return
            self.bridge.shutdown()
        self._drop_record()
        self._display.stop()
        self.phase = "idle"
        self.left.emit()

    def _drop_record(self) -> None:
        if self.record is not None:
            self._delete_row(self.record.id)
            self.record = None

    def _session_finished(self, result: SessionResult) -> None:
        self.result = result
        self._display.stop()
        self._countdown.stop()
        self._set_controls(False)
        if self._leaving:
            self._finish_leaving()
            return
        if self.record is None:
            return
        self.phase = "saving"
        self.stage.banner = "Saving\u2026"
        self.stage.update()
        self._job = run_in_thread(save_result, self.store, self.record, result, on_done=self._saved, on_error=self._save_failed, name="dance-save")

    def _saved(self, record: SessionRecord) -> None:
        self._job = None
        result = self.result
        self.record = record
        if result is not None and result.report is not None:
            self.phase = "done"
            self.finished.emit(record.id)
            return
        if result is not None and result.error is not None:
            self._show_message("The session stopped", user_message(result.error), next_step(result.error))
        else:
            reason = (result.reason if result else "") or "nothing was danced"
            self._show_message("Nothing to score yet", f"The session ended before there was anything to score ({reason}).",
                               "Stand where the camera sees all of you and try again.")  # fmt: skip

    def _save_failed(self, exc: BaseException) -> None:
        self._job = None
        self._show_message("Your result could not be saved", user_message(exc), next_step(exc))

    def _show_message(self, title: str, text: str, hint: str = "") -> None:
        self.phase = "message"
        self.message = text
        self._display.stop()
        self._countdown.stop()
        self.message_card.show_message(title, text, hint)
        self.pages.setCurrentIndex(1)

    def _retry(self) -> None:
        if self.choreography is not None:
            self.start(self.choreography)

    def _leave(self) -> None:
        self.shutdown()
        self.phase = "idle"
        self.record = None
        self.left.emit()

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop everything this view runs (closing the window); no engine thread is left.

        Mid-dance, what was danced is scored and saved (as Esc would); before the dance began,
        the session row is dropped."""
        self._display.stop()
        self._countdown.stop()
        self._generation += 1  # results of work started before now are ignored
        if self._job is not None:
            self._job.cancel()
            self._job.wait(timeout)
            self._job = None
        pending = self._holder[1].pop("value", None)
        if pending is not None:  # built, never shown: close its camera, drop its row
            pending[0].__exit__(None, None, None)
            self._delete_row(pending[1].id)
        bridge, self.bridge = self.bridge, None
        phase, self.phase = self.phase, "idle"
        if bridge is None:
            return
        dancing = phase in ("dancing", "finishing")
        result = bridge.result if bridge.done else bridge.shutdown(timeout, score=dancing)
        if self.record is not None and phase in ("preparing", "countdown", "starting"):
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

    def reference_path(self) -> Path | None:
        return self.choreography.video if self.choreography else None
