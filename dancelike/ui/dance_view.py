"""The dance screen: countdown, then the pro large with you beside or inside, a live HUD, and
practice controls; at the end the result is saved and ``finished(session_id)`` is emitted.

Nothing slow runs on the GUI thread: the camera is found and opened and the session built in a
worker (``run_in_thread``), the session's own threads do the dancing, and the result is saved in
a worker. The view only paints, at display rate: the newest camera and reference frames pulled
from the session on a timer, the overlays drawn on the camera frame the dancer's newest analysis
belongs to, and the HUD from the engine's frame scores.

The session's life (building it, the countdown, stopping, saving, shutting down) is
``dance_controller.DanceController``'s; this module is the widgets, and what they show.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from dancelike.engine import (
    AnalysisLoad,
    CameraLost,
    FrameScored,
    LearnerAway,
    RecorderFailed,
    SessionResult,
    SessionState,
)
from dancelike.i18n import translate
from dancelike.media.camera import CameraKind, CapturedFrame
from dancelike.store.db import Choreography, SessionRecord, Store
from dancelike.ui.charts import rating_word
from dancelike.ui.dance_controller import DanceController, DancePhase
from dancelike.ui.dance_controls import ControlsRow, TopBar
from dancelike.ui.dance_hud import DanceHud, MessageCard
from dancelike.ui.dance_keys import DanceKeys
from dancelike.ui.dance_players import away_text, move_popup, tag_players
from dancelike.ui.dance_practice import PracticeBar
from dancelike.ui.dance_stage import CAMERA_SHOWN, StageWidget, StripMove, compose_camera, to_qimage
from dancelike.ui.limb_outline import outline_part
from dancelike.ui.practice_plan import LoopTakes, PracticePlan, live_move
from dancelike.ui.qt_audio import make_audio_sink
from dancelike.ui.session_bridge import SessionBridge
from dancelike.ui.settings import AppSettings
from dancelike.ui.settling import Settling
from dancelike.ui.theme import TOGGLE_QSS, score_color

#: Display rate of the stage (ms between frames pulled from the session).
DISPLAY_MS = 33


class DanceView(DanceKeys):
    """The live session screen. ``start(choreography)``; ``finished(session_id)`` once saved."""

    finished = Signal(int)
    left = Signal()

    def __init__(self, store: Store, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("danceView")
        self.store, self.settings = store, settings
        self.controller = DanceController(store, settings, self)
        self._frames: deque[CapturedFrame] = deque(maxlen=6)
        self._ratings: dict[int, Any] = {}  # player 1's move ratings by move (player 2's: hud.player_rings.moves)
        self._away: set[int] = set()  # the players out of the picture now
        self._lag = 0.0
        self._settling = Settling()
        self._notes: list[str] = []
        self.plan: PracticePlan | None = None  # Break It Down: the weak move being practised
        self.takes = LoopTakes()
        self._selfie = False
        self._drawn: tuple[Any, ...] | None = None
        self._shown_reference: object = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(TOGGLE_QSS)
        self._build()
        self._display = QTimer(self)
        self._display.setInterval(DISPLAY_MS)
        self._display.timeout.connect(self._tick)
        c = self.controller
        c.ready.connect(self._ready)
        c.countdown.connect(self._show_countdown)
        c.banner.connect(self._show_banner)
        c.dancing.connect(self._dancing)
        c.controls_enabled.connect(self._set_controls)
        c.state_changed.connect(self._update_pause)
        c.ended.connect(self._display.stop)
        c.problem.connect(self._show_message)
        c.finished.connect(self.finished)
        c.left.connect(self.left)

    # --- the controller's state, as the view's (tests, the main window) ---------------------------

    @property
    def phase(self) -> DancePhase:
        return self.controller.phase

    @property
    def bridge(self) -> SessionBridge | None:
        return self.controller.bridge

    @property
    def record(self) -> SessionRecord | None:
        return self.controller.record

    @property
    def result(self) -> SessionResult | None:
        return self.controller.result

    @property
    def message(self) -> str:
        return self.controller.message

    @property
    def choreography(self) -> Choreography | None:
        return self.controller.choreography

    @property
    def countdown_seconds(self) -> int:
        return self.controller.countdown_seconds

    @countdown_seconds.setter
    def countdown_seconds(self, seconds: int) -> None:
        self.controller.countdown_seconds = seconds

    # --- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 14, 20, 14)
        outer.setSpacing(10)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)
        self.pages.addWidget(self._dance_page())
        self.message_card = MessageCard()
        self.message_card.retry.connect(self._retry)
        self.message_card.back.connect(self.controller.leave)
        self.pages.addWidget(self.message_card)

    def _dance_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        top = TopBar(self.settings.players)
        self.top_bar, self.title, self.note = top, top.title, top.note
        self.layout_group, self.players_choice, self.overlay_buttons = top.layout_group, top.players_choice, top.overlay_buttons
        self.layout_group.buttonClicked.connect(self._layout_clicked)
        self.players_choice.changed.connect(self._players_changed)
        for button in self.overlay_buttons.values():
            button.toggled.connect(self._overlays_changed)
        layout.addWidget(top)
        middle = QHBoxLayout()
        middle.setSpacing(16)
        left = QVBoxLayout()  # the practice bar over the stage only: the HUD keeps its whole height
        left.setSpacing(8)
        self.practice_bar = PracticeBar()
        self.practice_bar.stop_practising.connect(self.stop_practising)
        left.addWidget(self.practice_bar)
        self.stage = StageWidget()
        left.addWidget(self.stage, 1)
        middle.addLayout(left, 1)
        self.hud = DanceHud()
        middle.addWidget(self.hud)
        layout.addLayout(middle, 1)
        self.controls = ControlsRow()
        c = self.controls
        self.prev_button, self.pause_button, self.next_button = c.prev_button, c.pause_button, c.next_button
        self.speed_group, self.loop_button, self.stop_button = c.speed_group, c.loop_button, c.stop_button
        self.prev_button.clicked.connect(lambda: self._move(-1))
        self.pause_button.clicked.connect(self.toggle_pause)
        self.next_button.clicked.connect(lambda: self._move(1))
        self.speed_group.buttonClicked.connect(self._speed_clicked)
        self.loop_button.toggled.connect(self._loop_toggled)
        self.stop_button.clicked.connect(self.stop)
        layout.addWidget(self.controls)
        return page

    # --- starting -------------------------------------------------------------------------------

    def start(self, choreography: Choreography, practice: PracticePlan | None = None) -> None:
        """Countdown, then dance ``choreography``; the camera and the rest come from the settings.
        With ``practice`` (Break It Down), the dance goes straight to that move, slowed down and
        looping, with the part to fix outlined, and every time round scored."""
        self.shutdown()
        self._lag = 0.0
        self._settling.reset()
        self.stage.current_move = self.stage.looping = self.stage.focus_part = None
        self.plan = practice
        self.takes.reset(practice.part if practice else None)
        self.controller.speed_override = practice.speed if practice else None
        if practice is not None:
            self.practice_bar.prepare(practice)
        else:
            self.practice_bar.end()
        self._frames.clear()
        self._ratings.clear()
        self._away.clear()
        self._drawn = self._shown_reference = None
        self._notes = []
        self.title.set_title(choreography.title)
        self.pages.setCurrentIndex(0)
        self.hud.reset()
        self._apply_settings()
        self.stage.reference = self.stage.camera = None
        self.stage.moves, self.stage.banner = [], translate("DanceView", "Getting the camera ready\u2026")
        self._set_controls(False)
        sink, audio_note = make_audio_sink()
        if audio_note:
            self._notes.append(audio_note)
        self._show_notes()
        self.controller.start(choreography, sink)
        self._display.start()
        self.setFocus()

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
        self.stage.legend = "parts" in overlays
        self.controls.check_speed(self.plan.speed if self.plan else self.settings.speed)
        self.players_choice.group.button(self.settings.players).setChecked(True)
        self.controls.check_loop(False)

    def _ready(self, bridge: SessionBridge, camera_note: str, first: Any) -> None:
        """The session is built: show the camera's kind, the notes and the first reference frame."""
        kind = bridge.session.camera.kind
        self._selfie = kind is CameraKind.DEVICE
        self.stage.camera_label = translate("DanceView", "DEMO DANCER") if kind is CameraKind.SYNTHETIC else translate("DanceView", "YOU")
        if camera_note:
            self._notes.insert(0, camera_note)
        self._show_notes()
        self.stage.reference = to_qimage(first)
        self.stage.banner = translate("DanceView", "Loading\u2026")
        bridge.frame_scored.connect(self._scored)
        bridge.camera_lost.connect(self._camera_lost)
        bridge.recorder_failed.connect(self._recorder_failed)
        bridge.load_changed.connect(self._load_changed)
        bridge.learner_away.connect(self._learner_away)
        self.hud.set_players(bridge.session.options.players)
        self.stage.placeholder = translate("DanceView", "Your camera") if kind is CameraKind.DEVICE else translate("DanceView", "The dancer joins when the music starts")

    def _show_countdown(self, text: str | None) -> None:
        self.stage.countdown = text

    def _show_banner(self, text: str | None) -> None:
        self.stage.banner = text
        self.stage.update()

    def _dancing(self) -> None:
        bridge = self.bridge
        self.stage.moves = [StripMove(m.start, m.end) for m in bridge.moves] if bridge else []
        self.stage.duration = bridge.session.duration if bridge else 0.0
        index = live_move(self.plan, bridge.moves) if bridge is not None and self.plan is not None else None
        if bridge is None or self.plan is None or index is None:
            return
        bridge.loop_move(index)  # jumps there; the controller sets the plan's speed
        self.controls.check_loop(True)
        self.controls.check_speed(self.plan.speed)
        self.stage.looping, self.stage.focus_part = index, self.plan.part
        self.practice_bar.begin(self.plan, index + 1, self.plan.speed)

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
                part = self.stage.focus_part
                shown = outline_part(ref[0], bridge.reference_body(float(ref[1])), part) if part else ref[0]
                self.stage.reference = to_qimage(shown)
                if float(ref[1]) < self.stage.position - 0.3:  # jumped back: a new take
                    self._settling.reset()
                self.stage.position = float(ref[1])
            self._draw_camera(bridge)
            if self.phase is DancePhase.DANCING and self.stage.moves:
                self._follow_move(bridge.current_move())
        self.stage.update()

    def _follow_move(self, current: int | None) -> None:
        """The music moved on to another move: rate the one that ended (a pop-up), or, after a
        jump, start reading the dancer's timing afresh."""
        previous, self.stage.current_move = self.stage.current_move, current
        if current is None or current == previous:
            return
        self.hud.move_label.setText(translate("DanceView", "Move {number} of {count}").format(number=current + 1, count=len(self.stage.moves)))
        if previous is not None and current == previous + 1 and previous in self._ratings:
            done = self._ratings[previous]
            two = self.hud.players > 1
            self.stage.popup(move_popup({1: done, 2: self.hud.player_rings.moves.get(previous)}) if two else rating_word(done.rating), score_color(done.score))
        elif previous is not None:
            self._settling.reset()  # a jump (arrows, loop): a new take

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
        key = (frame.index, id(body), tuple(sorted(overlays)), self.stage.layout_mode, self.stage.focus_part)
        if key == self._drawn:
            return  # nothing new to draw
        self._drawn = key
        ghost = None
        if body is not None and "ghost" in overlays:
            ghost = bridge.reference_body(latest.ref_time if latest is not None else self.stage.position)
        mirrored = bool(latest and latest.mirrored)
        rgb = compose_camera(frame.shown(CAMERA_SHOWN), body, overlays, latest.parts if latest is not None else None, mirrored, ghost)
        if self.stage.focus_part:  # Break It Down: the part to fix, on the dancer too
            rgb = outline_part(rgb, body if body is not None else analysed[0] if analysed else None, self.stage.focus_part, mirrored)
        if self._selfie:  # a webcam is shown as a mirror, the way people see themselves
            rgb = rgb[:, ::-1]
        if self.hud.players > 1:
            everyone = bridge.user_bodies()
            rgb = tag_players(rgb, everyone[0] if everyone is not None else None, self._selfie)
        self.stage.camera = to_qimage(rgb)

    def _scored(self, event: FrameScored) -> None:
        if self.phase not in (DancePhase.DANCING, DancePhase.FINISHING):
            return
        if event.player > 1:  # two players: the lag, the limbs and the strip are player 1's
            self.hud.show_player(event, self._settling.settled)
            return
        take = self.takes.feed(event, self.stage.looping)
        if take is not None:  # one more time round the loop: its own score
            self.practice_bar.add_take(take)
            said = translate("DanceView", "{rating} {score}").format(rating=rating_word(take.rating), score=f"{take.score:.0f}")
            self.stage.popup(said, score_color(take.score))
        settled = self._settling.add(event.t, event.found)
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
        text = translate("DanceView", "The camera stopped ({reason}). Scoring what you danced; check the camera's cable or pick another in Settings.")
        self._alert(text.format(reason=event.reason))

    def _recorder_failed(self, event: RecorderFailed) -> None:
        text = translate(
            "DanceView", "Recording stopped: {reason}. Your score is still kept; to record next time, free some disk space or choose another data folder in Settings."
        )  # noqa: E501
        self._alert(text.format(reason=event.message))

    def _load_changed(self, event: AnalysisLoad) -> None:
        text = translate("DanceView", "Your computer is busy: scoring fewer frames ({fps} a second)")
        self.hud.show_busy(event.busy, text.format(fps=f"{event.analysed_fps:.0f}"))

    def _learner_away(self, event: LearnerAway) -> None:
        (self._away.add if event.away else self._away.discard)(event.player)
        self.hud.show_away(away_text(self._away, event.players))

    def _players_changed(self, players: int) -> None:
        """The next dance is for ``players``; before this one has begun, it starts again with them."""
        self.settings.players = players
        if self.phase.before_dancing and self.choreography is not None:
            self.start(self.choreography, self.plan)

    def _alert(self, text: str) -> None:
        self.hud.alert(text)

    def _show_notes(self) -> None:
        self.top_bar.set_notes(self._notes)

    # --- controls -------------------------------------------------------------------------------

    @property
    def overlays(self) -> set[str]:
        return {name for name, button in self.overlay_buttons.items() if button.isChecked()}

    def _overlays_changed(self) -> None:
        self.settings.overlays = self.overlays
        self.stage.legend = "parts" in self.overlays

    def _layout_clicked(self, button: QPushButton) -> None:
        self.settings.layout = self.stage.layout_mode = str(button.property("value"))
        self.stage.update()

    def _speed_clicked(self, button: QPushButton) -> None:
        rate = float(button.property("value"))
        self.settings.speed = rate
        if self.bridge is not None and self.phase is DancePhase.DANCING:
            self.bridge.set_speed(rate)

    def _loop_toggled(self, on: bool) -> None:
        if self.bridge is None or self.phase is not DancePhase.DANCING:
            return
        index = self.bridge.current_move() if on else None
        self.bridge.loop_move(index)
        self.stage.looping = index
        if index is not None:
            self.practice_bar.begin(None, index + 1, self.bridge.session.speed)
        else:  # the loop is over: so is the practice
            self.stage.focus_part, self.plan = None, None
            self.practice_bar.end()

    def stop_practising(self) -> None:
        """Out of the loop and back to full speed; the dance carries on from here."""
        if self.loop_button.isChecked():
            self.loop_button.click()
        else:
            self._loop_toggled(False)
        full = next((b for b in self.speed_group.buttons() if float(b.property("value")) == 1.0), None)
        if full is not None:
            full.click()

    def _move(self, step: int) -> None:
        if self.bridge is None or self.phase is not DancePhase.DANCING:
            return
        moved = self.bridge.next_move() if step > 0 else self.bridge.previous_move()
        if moved:
            self._settling.reset()
        if moved and self.loop_button.isChecked():
            QTimer.singleShot(50, self._follow_loop)

    def _follow_loop(self) -> None:
        if self.bridge is not None:
            self.stage.looping = looping = self.bridge.session.looping
            if looping is not None and self.plan is None:
                self.practice_bar.begin(None, looping + 1, self.bridge.session.speed)

    def _set_controls(self, enabled: bool) -> None:
        for button in (self.prev_button, self.next_button, self.pause_button, self.loop_button, *self.speed_group.buttons()):
            button.setEnabled(enabled)
        self.stop_button.setEnabled(enabled)
        for button in self.players_choice.group.buttons():  # while dancing, only the count danced shows
            button.setEnabled(not enabled or button.isChecked())

    def _update_pause(self, state: SessionState) -> None:
        paused = state is SessionState.PAUSED and not self.controller.held
        self.pause_button.setText(translate("DanceView", "Carry on") if paused else translate("DanceView", "Pause"))
        if self.phase is DancePhase.DANCING:
            self.stage.banner = translate("DanceView", "Paused \u2014 press Space to carry on") if paused else None

    def toggle_pause(self) -> None:
        """Space: pause or carry on (only while dancing)."""
        if self.bridge is not None and self.phase is DancePhase.DANCING:
            self.bridge.toggle_pause()

    def stop(self) -> None:
        """Esc: stop and score what was danced; before the dance began, leave instead."""
        self.controller.stop()

    # --- the end -----------------------------------------------------------------------------------

    def _show_message(self, title: str, text: str, hint: str = "") -> None:
        self.message_card.show_message(title, text, hint)
        self.pages.setCurrentIndex(1)

    def _retry(self) -> None:
        if self.choreography is not None:
            self.start(self.choreography, self.plan)

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop everything this view runs (closing the window); no engine thread is left.

        Mid-dance, what was danced is scored and saved (as Esc would); before the dance began,
        the session row is dropped."""
        self._display.stop()
        self.controller.shutdown(timeout)

    def reference_path(self) -> Path | None:
        return self.choreography.video if self.choreography else None
