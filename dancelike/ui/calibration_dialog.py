"""The latency calibration dialog: clap along to eight beats, see the delay, save it per camera.

The user sees themselves (a live preview pulled from the camera on a timer), reads one big
instruction, presses Start, hears a count-in and eight beats while a row of dots lights up beat
by beat, and gets one line back: the delay ("Your setup adds 0.12 s; we'll subtract it.") or
what to do to get one ("Only 3 claps seen: ..."), with Try again. Save stores the latency for
the camera (``AppSettings.set_latency``) and closes the dialog.

``engine.calibration.run_calibration`` does the work on a worker thread (``ui.workers``); beats
come back to the GUI thread as a signal. The camera is opened on the worker too (a webcam can
take a second to open): the preview camera is stopped before the calibration opens its own,
because one device cannot be opened twice, and it comes back afterwards.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from dancelike.engine.calibration import BeatTick, run_calibration
from dancelike.errors import DanceLikeError
from dancelike.i18n import translate
from dancelike.media.camera import Camera, CapturedFrame, open_camera
from dancelike.media.click_track import BEATS, COUNT_IN
from dancelike.media.clock import AudioSink, LatestFrame, SessionClock
from dancelike.scoring.claps import Calibration
from dancelike.ui.settings import AppSettings, camera_note
from dancelike.ui.theme import COLORS, font, set_role
from dancelike.ui.workers import Job, run_in_thread


def instructions() -> str:
    """The one big instruction (translated when the dialog is made)."""
    return translate("CalibrationDialog", "Stand back so your hands are in view. Clap on each of the {beats} beats after the count-in.").format(beats=BEATS)


#: Preview refresh (milliseconds): the newest frame is pulled, never pushed per frame.
PREVIEW_MS = 33

SinkFactory = Callable[[], AudioSink]


def _default_sink() -> AudioSink:
    """The sound card when there is one (QtMultimedia), else the silent wall-clock sink."""
    from dancelike.ui.qt_audio import make_audio_sink

    sink, _note = make_audio_sink()
    return sink


def _dot_style(lit: bool, count_in: bool) -> str:
    on = COLORS["muted"] if count_in else COLORS["accent"]
    background = on if lit else COLORS["panel_alt"]
    text = COLORS["bg"] if lit else COLORS["muted"]
    return f"background: {background}; color: {text}; border: 1px solid {COLORS['border']}; border-radius: 22px;"


class CalibrationDialog(QDialog):
    """Measure this camera's latency by clapping along; on accept it has been saved.

    ``audio_sink_factory`` makes the sink for each run (on the GUI thread); by default the
    sound card, or the silent sink when there is none. ``measured`` is emitted with each
    ``Calibration`` (ok or not); ``failed_with`` with the message when a run could not finish.
    """

    measured = Signal(object)
    failed_with = Signal(str)
    _beat = Signal(object)

    def __init__(self, settings: AppSettings, parent: QWidget | None = None, *, audio_sink_factory: SinkFactory | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.camera_spec, note = settings.resolved_camera()
        self._sink_factory = audio_sink_factory or _default_sink
        self._preview_camera: Camera | None = None
        self._preview_box: LatestFrame[CapturedFrame] | None = None
        self._mirror = settings.mirror == "on" or (settings.mirror == "auto" and self.camera_spec.isdigit())
        self._job: Job | None = None
        self._preview_job: Job | None = None
        self._closing = False
        self.result_value: Calibration | None = None
        self.setWindowTitle(translate("CalibrationDialog", "Calibrate latency"))
        self.setObjectName("calibrationDialog")
        self.setMinimumSize(QSize(760, 700))
        self.setStyleSheet(f"QDialog#calibrationDialog {{ background: {COLORS['bg']}; }}")
        layout = self._build(note)
        # the wrapped instruction and note need more height than the layout's minimum says: ask for
        # it, or the beat dots are laid over the preview (a longer sentence in another language too)
        self.ensurePolished()
        self.setMinimumHeight(max(700, layout.totalHeightForWidth(self.minimumWidth())))
        self._beat.connect(self._on_beat)
        self._timer = QTimer(self)
        self._timer.setInterval(PREVIEW_MS)
        self._timer.timeout.connect(self._show_frame)
        self._timer.start()
        self._open_preview()

    # --- layout ------------------------------------------------------------------------

    def _label(self, text: str, size: int, bold: bool = False, color: str = "text", name: str = "") -> QLabel:
        label = QLabel(text)
        label.setFont(font(size, bold))
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet(f"color: {COLORS[color]};")
        if name:
            label.setObjectName(name)
        return label

    def _build(self, note: str) -> QVBoxLayout:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        self._add_header(layout, note)
        layout.addWidget(self._build_preview(), 1)
        layout.addLayout(self._build_beats())
        self.status = self._label(translate("CalibrationDialog", "Press Start when you are ready."), 28, bold=True, name="calibrationStatus")
        layout.addWidget(self.status)
        self.message = self._label("", 16, name="calibrationMessage")
        layout.addWidget(self.message)
        layout.addLayout(self._build_buttons())
        return layout

    # --- building (in this order: the Tab order follows it) ---------------------------------

    def _add_header(self, layout: QVBoxLayout, note: str) -> None:
        """The title, what to do, and the camera with its delay now (and ``note``, if any)."""
        layout.addWidget(self._label(translate("CalibrationDialog", "Calibrate latency"), 24, bold=True))
        layout.addWidget(self._label(instructions(), 18, bold=True, name="calibrationInstructions"))
        if self.camera_spec.split(":")[0].lower() == "demo":
            note = " ".join(filter(None, [note, translate("CalibrationDialog", "The demo dancer does not clap along: connect a webcam to calibrate it.")]))
        saved = self.settings.latency_for(self.camera_spec)
        camera_line = translate("CalibrationDialog", "{camera} \u00b7 delay now {delay} s").format(camera=camera_note(self.camera_spec), delay=f"{saved:.2f}")
        self.camera_label = self._label(camera_line + (f"\n{note}" if note else ""), 13, color="muted")
        layout.addWidget(self.camera_label)

    def _build_preview(self) -> QLabel:
        """Where the camera's picture shows while calibrating."""
        self.preview = QLabel(translate("CalibrationDialog", "Opening the camera\u2026"))
        self.preview.setObjectName("calibrationPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(QSize(480, 300))
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setFont(font(14))
        self.preview.setAccessibleName(translate("CalibrationDialog", "Camera preview"))
        self.preview.setStyleSheet(f"background: {COLORS['panel']}; color: {COLORS['muted']}; border-radius: 12px;")
        return self.preview

    def _build_beats(self) -> QHBoxLayout:
        """One dot per beat: the count-in, a gap, then the beats to clap on."""
        beats = QHBoxLayout()
        beats.setSpacing(8)
        beats.addStretch(1)
        self.dots: list[QLabel] = []
        for index in range(COUNT_IN + BEATS):
            count_in = index < COUNT_IN
            dot = QLabel(str(index + 1 if count_in else index - COUNT_IN + 1))
            dot.setObjectName(f"beat{index}")
            dot.setFixedSize(QSize(44, 44))
            dot.setAlignment(Qt.AlignmentFlag.AlignCenter)
            dot.setFont(font(14 if count_in else 16, bold=not count_in))
            dot.setStyleSheet(_dot_style(False, count_in))
            dot.setProperty("lit", False)
            self.dots.append(dot)
            beats.addWidget(dot)
            if index == COUNT_IN - 1:
                beats.addSpacing(24)
        beats.addStretch(1)
        return beats

    def _build_buttons(self) -> QHBoxLayout:
        """Cancel, Start (the default) and Save (once there is something to save)."""
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(translate("CalibrationDialog", "Cancel"))
        self.cancel_button.setObjectName("calibrationCancel")
        self.start_button = QPushButton(translate("CalibrationDialog", "Start"))
        self.start_button.setObjectName("calibrationStart")
        self.save_button = QPushButton(translate("CalibrationDialog", "Save"))
        self.save_button.setObjectName("calibrationSave")
        self.save_button.setEnabled(False)
        for button in (self.cancel_button, self.start_button, self.save_button):
            button.setFont(font(15, bold=True))
            button.setMinimumSize(QSize(140, 48))
            buttons.addWidget(button)
        set_role(self.start_button, "primary")  # the next thing to press is the one that stands out
        set_role(self.save_button, "")
        self.start_button.setDefault(True)
        self.cancel_button.clicked.connect(self.reject)
        self.start_button.clicked.connect(self.start)
        self.save_button.clicked.connect(self.save)
        return buttons

    # --- preview -------------------------------------------------------------------------

    def _open_preview(self) -> None:
        if self._closing or self._preview_job is not None or self._preview_camera is not None:
            return
        self.preview.setText(translate("CalibrationDialog", "Opening the camera\u2026"))
        self.start_button.setEnabled(False)  # one device cannot be opened twice: wait for it
        self._preview_job = run_in_thread(open_camera, self.camera_spec, on_done=self._preview_opened, on_error=self._preview_failed, name="calibration-preview")

    @Slot(object)
    def _preview_opened(self, camera: Camera) -> None:
        self._preview_job = None
        if self._closing or (self._job is not None and self._job.running):
            camera.stop()
            return
        self._preview_box = camera.subscribe_latest("preview")
        self._preview_camera = camera
        camera.start()
        self.start_button.setEnabled(True)

    @Slot(object)
    def _preview_failed(self, error: BaseException) -> None:
        self._preview_job = None
        self.preview.setText(_one_line(error))
        self.start_button.setEnabled(not self.running)

    def _stop_preview(self) -> None:
        camera, self._preview_camera = self._preview_camera, None
        if camera is not None:
            camera.stop()

    @Slot()
    def _show_frame(self) -> None:
        box = self._preview_box
        frame = box.get(timeout=0) if box is not None else None
        if frame is None:
            return
        rgb = np.ascontiguousarray(frame.rgb[:, ::-1] if self._mirror else frame.rgb)
        height, width = rgb.shape[:2]
        image = QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()
        pixmap = QPixmap.fromImage(image).scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        self.preview.setPixmap(pixmap)

    # --- the calibration -------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._job is not None and self._job.running

    @Slot()
    def start(self) -> None:
        """Run one calibration (Start / Try again)."""
        if self.running or self._preview_job is not None:
            return
        self._stop_preview()
        self.result_value = None
        self.save_button.setEnabled(False)
        set_role(self.save_button, "")
        set_role(self.start_button, "primary")
        self.start_button.setEnabled(False)
        self.start_button.setText(translate("CalibrationDialog", "Try again"))
        for index, dot in enumerate(self.dots):
            dot.setProperty("lit", False)
            dot.setStyleSheet(_dot_style(False, index < COUNT_IN))
        self.status.setText(translate("CalibrationDialog", "Get ready\u2026"))
        self._set_message("", "text")
        try:
            sink = self._sink_factory()
        except Exception as exc:  # noqa: BLE001 - shown to the user, the dialog stays usable
            self._fail(exc)
            return
        self._job = run_in_thread(
            self._calibrate,
            self.camera_spec,
            sink,
            cancel_kw="cancel",
            name="calibration",
            on_done=self._done,
            on_error=self._fail,
            on_cancelled=self._cancelled,
        )

    def _calibrate(self, spec: str, sink: AudioSink, cancel: threading.Event) -> Calibration:
        """On the worker: open the camera, show it in the preview, run the calibration."""
        try:
            camera = open_camera(spec, SessionClock())
        except BaseException:
            sink.close()
            raise
        self._preview_box = camera.subscribe_latest("preview")
        return run_calibration(camera, sink, on_beat=self._beat.emit, cancel=cancel)

    @Slot(object)
    def _on_beat(self, tick: BeatTick) -> None:
        if tick.index < len(self.dots):
            dot = self.dots[tick.index]
            dot.setProperty("lit", True)
            dot.setStyleSheet(_dot_style(True, tick.count_in))
        if tick.count_in:
            self.status.setText(translate("CalibrationDialog", "Listen\u2026 {number}").format(number=tick.number))
        else:
            self.status.setText(translate("CalibrationDialog", "Clap! {number}").format(number=tick.number))
            if tick.number == BEATS:
                QTimer.singleShot(400, self._measuring)

    @Slot()
    def _measuring(self) -> None:
        if self.running:
            self.status.setText(translate("CalibrationDialog", "Measuring\u2026"))

    @Slot(object)
    def _done(self, result: Calibration) -> None:
        self._job = None
        self.result_value = result
        if result.ok:
            self.status.setText(f"{result.latency_s:.2f} s")
            claps = translate("CalibrationDialog", "{message} ({matched} of {beats} claps)")
            self._set_message(claps.format(message=result.message, matched=result.matched, beats=BEATS), "good")
            self.save_button.setEnabled(True)
            set_role(self.save_button, "primary")
            set_role(self.start_button, "")
            self.save_button.setDefault(True)
            self.save_button.setFocus()
        else:
            self.status.setText(translate("CalibrationDialog", "Let's try that again"))
            self._set_message(result.message, "bad")
        self._open_preview()
        self.measured.emit(result)

    @Slot(object)
    def _fail(self, error: BaseException) -> None:
        self._job = None
        self.status.setText(translate("CalibrationDialog", "Let's try that again"))
        message = _one_line(error)
        self._set_message(message, "bad")
        self._open_preview()
        self.failed_with.emit(message)

    @Slot()
    def _cancelled(self) -> None:
        self._job = None
        self.status.setText(translate("CalibrationDialog", "Press Start when you are ready."))
        self._open_preview()

    def _set_message(self, text: str, color: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {COLORS[color]};")

    # --- closing -------------------------------------------------------------------------

    @Slot()
    def save(self) -> None:
        """Store the measured latency for this camera and close."""
        result = self.result_value
        if result is None or not result.ok:
            return
        self.settings.set_latency(self.camera_spec, result.latency_s)
        self.settings.sync()
        self.accept()

    def _shut_down(self) -> None:
        """Stop everything this dialog started and wait for its threads (a second at most)."""
        self._closing = True
        self._timer.stop()
        for job in (self._job, self._preview_job):
            if job is not None:
                job.cancel()
                job.wait(5.0)
        self._stop_preview()
        self._preview_box = None

    def done(self, code: int) -> None:  # accept(), reject(), Esc and the close button end here
        self._shut_down()
        super().done(code)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._shut_down()
        super().closeEvent(event)


def _one_line(error: BaseException) -> str:
    """What the user reads: our own errors as they are, anything else briefly."""
    if isinstance(error, DanceLikeError):
        return str(error).splitlines()[0] if str(error) else type(error).__name__
    return translate("CalibrationDialog", "The calibration failed ({kind}: {detail})").format(kind=type(error).__name__, detail=error).splitlines()[0]
