"""The replay playing in the results window, with play/pause and a slider, failing soft.

``QMediaPlayer`` decodes; its frames go to a ``QVideoSink`` and are painted by a plain widget
rather than shown by a ``QVideoWidget``: a video widget is a native window, which
``QWidget.grab()`` (screenshots) cannot capture and offscreen platforms may not support. The
music plays through a ``QAudioOutput`` only when the system has an output device. Anything the
player cannot do ends as a message in the panel; the rest of the results screen never depends
on it. While the replay is being made, the panel shows its progress instead.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QFocusEvent, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPolygonF
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QVideoFrame, QVideoSink
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from dancelike.i18n import translate
from dancelike.ui.charts import paint_focus_ring
from dancelike.ui.qt_audio import has_audio_output
from dancelike.ui.theme import font, format_duration, set_role


def time_left_text(fraction: float, elapsed: float) -> str:
    """ "About 0:40 left" from the share done and the seconds it took (too early to tell: says so)."""
    if fraction < 0.03 or elapsed < 1.0:
        return translate("VideoPanel", "Working out how long it takes\u2026 It plays here as soon as it is ready.")
    left = elapsed * (1.0 - fraction) / fraction
    if left < 5:
        return translate("VideoPanel", "Almost ready\u2026")
    text = translate("VideoPanel", "About {time} left \u00b7 it plays here as soon as it is ready.")
    return text.format(time=format_duration(max(5.0, round(left / 5) * 5)))


class _Surface(QWidget):
    """Paints the newest video frame, letterboxed; a play symbol over it while paused.

    It is the player's keyboard control too: Tab reaches it, Space/Enter play or pause,
    Left/Right step back or on (``stepped``), and a ring shows while it has the focus."""

    clicked = Signal()
    stepped = Signal(int)  # -1 back, +1 on

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.paused = True
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(translate("VideoPanel", "Replay"))
        self.setAccessibleDescription(translate("VideoPanel", "Paused: press Space to play, the arrow keys to step back or on"))

    def sizeHint(self) -> QSize:
        return QSize(720, 300)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.clicked.emit()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.stepped.emit(-1 if key == Qt.Key.Key_Left else 1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        self.setAccessibleDescription(
            translate("VideoPanel", "Paused: press Space to play, the arrow keys to step back or on")
            if paused
            else translate("VideoPanel", "Playing: press Space to pause")
        )
        self.update()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#0b0c10"))
        if self.hasFocus():
            paint_focus_ring(p, QRectF(self.rect()), 6.0)
        if self.image is None or self.image.isNull():
            return
        scale = min(self.width() / self.image.width(), self.height() / self.image.height())
        w, h = self.image.width() * scale, self.image.height() * scale
        target = QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)
        p.drawImage(target, self.image)
        if self.paused:
            r = min(self.width(), self.height()) * 0.09
            centre = target.center()
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(0, 0, 0, 150))
            p.drawEllipse(centre, r * 1.4, r * 1.4)
            p.setBrush(QColor(255, 255, 255, 230))
            triangle = QPolygonF([centre + QPointF(-r * 0.45, -r * 0.7), centre + QPointF(-r * 0.45, r * 0.7), centre + QPointF(r * 0.8, 0)])
            p.drawPolygon(triangle)


class VideoPanel(QWidget):
    """A video with its controls, or progress, or a message: one of the three at a time.

    ``show_progress(fraction, text)`` while the replay is made, ``load(path)`` when it is
    ready, ``show_message(text)`` when there is none. ``seek(seconds)`` jumps (and plays).
    ``position_changed(seconds)`` follows playback (for the timeline's playhead).
    """

    position_changed = Signal(float)
    cancel_requested = Signal()
    #: Seconds the arrow keys step the replay back or on.
    STEP_S = 5.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("VideoPanel", "Replay"))
        self.player: QMediaPlayer | None = None
        self._audio: QAudioOutput | None = None
        self._sink: QVideoSink | None = None
        self.source: Path | None = None
        self.error = ""
        self._duration_ms = 0
        self._dragging = False
        self._progress_start: float | None = None
        self._progress_last = 0.0
        self._stack = QStackedLayout(self)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self._stack.addWidget(self._video_page())
        self._stack.addWidget(self._progress_page())
        self._stack.addWidget(self._message_page())
        self.show_message("")

    # --- pages ----------------------------------------------------------------------------------

    def _video_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.surface = _Surface()
        self.surface.clicked.connect(self.toggle)
        self.surface.stepped.connect(self._step)
        layout.addWidget(self.surface, 1)
        controls = QHBoxLayout()
        controls.setSpacing(10)
        self.play_button = QPushButton(translate("VideoPanel", "Play"))
        self.play_button.setObjectName("replayPlay")
        self.play_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.play_button.clicked.connect(self.toggle)
        self.play_button.setMinimumWidth(96)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("replaySlider")
        self.slider.setRange(0, 0)
        self.slider.setAccessibleName(translate("VideoPanel", "Replay position"))
        self.slider.setSingleStep(int(self.STEP_S * 1000))
        self.slider.setPageStep(int(self.STEP_S * 2000))
        self.slider.valueChanged.connect(self._slider_keyed)
        self.slider.sliderPressed.connect(lambda: setattr(self, "_dragging", True))
        self.slider.sliderReleased.connect(self._slider_released)
        self.slider.sliderMoved.connect(self._slider_moved)
        self.time_label = QLabel("0:00 / 0:00")
        set_role(self.time_label, "muted")
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.time_label)
        layout.addLayout(controls)
        return page

    def _progress_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.progress_label = QLabel(translate("VideoPanel", "Making your replay\u2026"))
        self.progress_label.setWordWrap(True)
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress_label.setFont(font(16, True))
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setObjectName("replayProgress")
        self.progress_bar.setAccessibleName(translate("VideoPanel", "Making your replay"))
        self.progress_detail = QLabel(translate("VideoPanel", "It plays here as soon as it is ready."))
        self.progress_detail.setWordWrap(True)
        self.progress_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.progress_detail, "muted")
        layout.addWidget(self.progress_label)
        layout.addSpacing(8)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.progress_bar, 4)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.progress_detail)
        layout.addStretch(1)
        return page

    def _message_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.message_label = QLabel("")
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.message_label, "empty")
        layout.addStretch(1)
        layout.addWidget(self.message_label)
        layout.addStretch(1)
        return page

    def sizeHint(self) -> QSize:
        return QSize(720, 360)

    # --- what the results view calls -------------------------------------------------------------

    def show_progress(self, fraction: float, text: str = "", timed: bool = False) -> None:
        """Progress ``fraction`` (0-1) with ``text``; ``timed``: say the time left, estimated from
        the pace so far (a fraction of 0, or going back, starts the clock again)."""
        fraction = max(0.0, min(1.0, fraction))
        now = time.monotonic()
        if self._progress_start is None or fraction <= 0.0 or fraction < self._progress_last:
            self._progress_start = now
        self._progress_last = fraction
        self.progress_label.setText(text or translate("VideoPanel", "Making your replay\u2026"))
        self.progress_bar.setValue(int(1000 * fraction))
        if timed:
            self.progress_detail.setText(time_left_text(fraction, now - self._progress_start))
        self._stack.setCurrentIndex(1)

    def show_message(self, text: str) -> None:
        self.clear()
        self._progress_start = None
        self.message_label.setText(text)
        self._stack.setCurrentIndex(2)

    @property
    def mode(self) -> str:
        """ "video", "progress" or "message": what the panel shows now."""
        return ("video", "progress", "message")[self._stack.currentIndex()]

    def load(self, path: Path) -> None:
        """Show ``path`` (paused on its first frame); a failure becomes a message."""
        self.clear()
        self.source, self.error = Path(path), ""
        try:
            self.player = QMediaPlayer(self)
            self._sink = QVideoSink(self)
            self._sink.videoFrameChanged.connect(self._on_frame)
            self.player.setVideoSink(self._sink)
            if has_audio_output():
                self._audio = QAudioOutput(self)
                self.player.setAudioOutput(self._audio)
            self.player.errorOccurred.connect(self._on_error)
            self.player.durationChanged.connect(self._on_duration)
            self.player.positionChanged.connect(self._on_position)
            self.player.playbackStateChanged.connect(self._on_state)
            self.player.setSource(QUrl.fromLocalFile(str(path)))
            self.player.pause()  # shows the first frame
        except Exception as exc:  # noqa: BLE001 - the results must show even when playback cannot
            self._fail(f"{exc.__class__.__name__}: {exc}")
            return
        self._stack.setCurrentIndex(0)

    def clear(self) -> None:
        """Stop and forget the video (before loading another, or when the view is left)."""
        if self.player is not None:
            self.player.stop()
            self.player.setSource(QUrl())
            self.player.deleteLater()
        for obj in (self._sink, self._audio):
            if obj is not None:
                obj.deleteLater()
        self.player, self._sink, self._audio, self.source = None, None, None, None
        self.surface.image = None
        self._duration_ms = 0
        self.slider.setRange(0, 0)
        self.time_label.setText("0:00 / 0:00")
        self._set_paused(True)

    def play(self) -> None:
        if self.player is not None:
            self.player.play()

    def pause(self) -> None:
        if self.player is not None:
            self.player.pause()

    def toggle(self) -> None:
        if self.player is None:
            return
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def seek(self, seconds: float, play: bool = True) -> None:
        """Jump to ``seconds`` (the replay's time is the reference's) and play from there."""
        if self.player is None:
            return
        self.player.setPosition(int(max(0.0, seconds) * 1000))
        if play:
            self.player.play()

    @property
    def playing(self) -> bool:
        return self.player is not None and self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    # --- player signals ------------------------------------------------------------------------

    @Slot(QVideoFrame)
    def _on_frame(self, frame: QVideoFrame) -> None:
        if frame.isValid():
            self.surface.image = frame.toImage()
            self.surface.update()

    @Slot(QMediaPlayer.Error, str)
    def _on_error(self, error: QMediaPlayer.Error, text: str) -> None:
        if error != QMediaPlayer.Error.NoError:
            self._fail(text or str(error))

    def _fail(self, detail: str) -> None:
        self.error = detail
        source = self.source
        self.show_message(translate("VideoPanel", "The replay cannot be played here ({detail}).\nExport it and open it in your video player.").format(detail=detail))
        self.source = source

    @Slot("qint64")
    def _on_duration(self, ms: int) -> None:
        self._duration_ms = int(ms)
        self.slider.setRange(0, max(0, int(ms)))
        self._update_time(self.player.position() if self.player else 0)

    @Slot("qint64")
    def _on_position(self, ms: int) -> None:
        if not self._dragging:
            self.slider.setValue(int(ms))
        self._update_time(int(ms))
        self.position_changed.emit(ms / 1000.0)

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        self._set_paused(state != QMediaPlayer.PlaybackState.PlayingState)

    def _set_paused(self, paused: bool) -> None:
        self.surface.set_paused(paused)
        self.play_button.setText(translate("VideoPanel", "Play") if paused else translate("VideoPanel", "Pause"))

    def _step(self, direction: int) -> None:
        """The arrow keys on the picture: ``STEP_S`` back or on (playing on if it was)."""
        if self.player is not None:
            self.seek(self.player.position() / 1000 + direction * self.STEP_S, play=self.playing)

    def _slider_keyed(self, value: int) -> None:
        """The slider moved by its keys (not by the player, not by a drag): go there."""
        if self.slider.hasFocus() and not self._dragging and self.player is not None and abs(self.player.position() - value) > 250:
            self.player.setPosition(value)

    def _slider_moved(self, value: int) -> None:
        self._update_time(value)

    def _slider_released(self) -> None:
        self._dragging = False
        if self.player is not None:
            self.player.setPosition(self.slider.value())

    def _update_time(self, ms: int) -> None:
        self.time_label.setText(f"{format_duration(ms / 1000)} / {format_duration(self._duration_ms / 1000)}")
