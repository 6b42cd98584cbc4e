"""The results screen: what the score was, why, and the replay to watch it again.

Everything shown comes from the session folder (``report.json``, the weakest-move PNGs, the
replay), so a session just danced, one opened from history and one recovered after a crash are
shown the same way. What is missing is made in workers while the rest of the screen is already
there: the snapshots (a second or so), then the replay (with progress in the video panel).
Leaving the screen cancels that work, so it never slows a dance that starts next; it resumes
the next time the session is opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHideEvent, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from dancelike.pipeline.snapshots import weakest_snapshots
from dancelike.scoring.report import group_dancer_text
from dancelike.services.sessions import replay_session, report_document
from dancelike.store.db import SessionRecord, Store
from dancelike.ui.charts import PartBars, ScoreRing, TimelineChart
from dancelike.ui.exports import copy_for_export, suggested_export
from dancelike.ui.messages import next_step, user_message
from dancelike.ui.theme import COLORS, font, format_duration, score_color, set_role
from dancelike.ui.video_panel import VideoPanel
from dancelike.ui.workers import Job, run_in_thread


def timing_text(report: dict[str, Any]) -> str:
    """"0.2 s late · tempo 1.02x" in words a dancer understands."""
    offset = float(report.get("timing_offset_ms", 0.0)) / 1000.0
    when = "on the beat" if abs(offset) < 0.1 else f"{abs(offset):.1f} s {'late' if offset > 0 else 'early'}"
    tempo = float(report.get("tempo_ratio", 1.0))
    pace = "steady tempo" if abs(tempo - 1.0) < 0.03 else f"tempo {tempo:.2f}x ({'rushing' if tempo > 1 else 'dragging'})"
    return f"Timing: {when} \u00b7 {pace}"


def dancer_text(report: dict[str, Any]) -> str:
    """" · against dancer 2 of 3" when the pro's video had several dancers, else ""."""
    dancer, dancers = report.get("dancer"), int(report.get("dancers") or 0)
    return f" \u00b7 against {group_dancer_text(int(dancer), dancers)}" if dancer is not None and dancers > 1 else ""


def _reference_of(store: Store, record: SessionRecord, report: dict[str, Any]) -> Path | None:
    choreography = store.choreography(record.choreography_id)
    if choreography is not None and choreography.video.is_file():
        return choreography.video
    saved = Path(str(report.get("reference", "")))
    return saved if str(saved) and saved.is_file() else None


class _Picture(QWidget):
    """An image scaled to fit (keeping its shape), or a line of text while there is none."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.text = text
        self.setMinimumSize(110, 60)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(320, 120)

    def setText(self, text: str) -> None:
        self.text = text
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if self.image is None or self.image.isNull():
            p.setPen(QColor(COLORS["muted"]))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.text)
            return
        scale = min(self.width() / self.image.width(), self.height() / self.image.height())
        w, h = self.image.width() * scale, self.image.height() * scale
        p.drawImage(QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h), self.image)


class _Page(QWidget):
    """The scrolled page: it asks only for its minimum, so it fills the window without
    scrolling whenever the window is tall enough (its children's wishes add up to more)."""

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()

    def heightForWidth(self, width: int) -> int:
        return self.minimumSizeHint().height()  # not what the wrapped labels would like


class _SnapshotCard(QFrame):
    """One weakest move: the picture and what it was; clicking it plays that move."""

    clicked = Signal(float)

    def __init__(self, move: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "card")
        self.weak_move = move
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Click to watch this move in the replay")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(4)
        self.picture = _Picture("Making the picture\u2026")
        score = float(move["score"])
        rating = QLabel(f"{str(move.get('rating', '')).upper()}  {score:.0f}")
        rating.setFont(font(13, True))
        rating.setStyleSheet(f"color: {score_color(score).name()};")
        where = QLabel(f"Move {int(move.get('move', 0)) + 1} \u00b7 {float(move['start']):.1f}\u2013{float(move['end']):.1f} s")
        set_role(where, "small")
        layout.addWidget(self.picture, 1)
        layout.addWidget(rating)
        layout.addWidget(where)

    def set_image(self, path: Path) -> None:
        image = QImage(str(path))
        self.picture.image = None if image.isNull() else image
        self.picture.setText("No picture")

    def mousePressEvent(self, event: object) -> None:
        self.clicked.emit(float(self.weak_move["start"]))


class ResultsView(QWidget):
    """Shows one session's results: ``show_session(session_id)``."""

    dance_again = Signal(int)
    back = Signal()
    replay_ready = Signal(int)  # session id: the replay exists and is loaded
    snapshots_ready = Signal(int)
    exported = Signal(str)  # the path written, or "" when an export failed (``status`` says why)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsView")
        self.store = store
        self.record: SessionRecord | None = None
        self.report: dict[str, Any] = {}
        self.reference: Path | None = None
        self._jobs: list[Job] = []
        self._cards: list[_SnapshotCard] = []
        self._build()

    # --- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = _Page()
        body.setObjectName("page")
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(14)
        layout.addLayout(self._header())
        self.notice = QLabel("")
        self.notice.setWordWrap(True)
        self.notice_frame = QFrame()
        set_role(self.notice_frame, "banner")
        notice_layout = QHBoxLayout(self.notice_frame)
        notice_layout.setContentsMargins(14, 8, 14, 8)
        notice_layout.addWidget(self.notice)
        layout.addWidget(self.notice_frame)
        self.status = QLabel("")
        self.status.setObjectName("resultsStatus")
        set_role(self.status, "muted")
        self.status.hide()
        layout.addWidget(self.status)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addWidget(self._summary_card())
        right = QVBoxLayout()
        right.setSpacing(12)
        self.video = VideoPanel()
        self.video.setObjectName("replayPanel")
        right.addWidget(self._card(self.video), 5)
        self.chart = TimelineChart()
        self.chart.setObjectName("timelineChart")
        self.chart.setMinimumHeight(130)
        self.chart.move_clicked.connect(lambda _index, start: self.video.seek(start))
        self.video.position_changed.connect(self.chart.set_position)
        right.addWidget(self._card(self.chart, "Your score through the dance \u2014 click a move to watch it"), 2)
        self.weakest_title = QLabel("Practise these moves \u2014 click one to watch it")
        set_role(self.weakest_title, "muted")
        right.addWidget(self.weakest_title)
        self.weakest_row = QHBoxLayout()
        self.weakest_row.setSpacing(12)
        right.addLayout(self.weakest_row, 3)
        columns.addLayout(right, 1)
        layout.addLayout(columns, 1)

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(10)
        self.back_button = QPushButton("\u2190  Back")
        set_role(self.back_button, "flat")
        self.back_button.setObjectName("resultsBack")
        self.back_button.clicked.connect(self.back.emit)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.title = QLabel("")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # the choreography's title, never markup
        set_role(self.title, "title")
        self.title.setWordWrap(True)
        self.subtitle = QLabel("")
        set_role(self.subtitle, "muted")
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        self.export_replay_button = QPushButton("Export replay\u2026")
        self.export_replay_button.setObjectName("exportReplay")
        self.export_replay_button.clicked.connect(self._export_replay_dialog)
        self.export_recording_button = QPushButton("Export recording\u2026")
        self.export_recording_button.setObjectName("exportRecording")
        self.export_recording_button.clicked.connect(self._export_recording_dialog)
        self.other_player_button = QPushButton("")  # two players: the other one's report
        self.other_player_button.setObjectName("otherPlayer")
        self.other_player_button.clicked.connect(lambda: self.show_session(int(self.other_player_button.property("session"))))
        self.again_button = QPushButton("Dance again")
        self.again_button.setObjectName("danceAgain")
        set_role(self.again_button, "primary")
        self.again_button.clicked.connect(self._dance_again)
        row.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(titles, 1)
        for button in (self.other_player_button, self.export_replay_button, self.export_recording_button, self.again_button):
            row.addWidget(button)
        return row

    def _card(self, widget: QWidget, title: str = "") -> QFrame:
        card = QFrame()
        set_role(card, "panel")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        if title:
            label = QLabel(title)
            set_role(label, "muted")
            layout.addWidget(label)
        layout.addWidget(widget, 1)
        return card

    def _summary_card(self) -> QFrame:
        card = QFrame()
        set_role(card, "panel")
        card.setMinimumWidth(270)
        card.setMaximumWidth(390)
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(10)
        self.ring = ScoreRing(size_pt=50)
        self.ring.setObjectName("scoreRing")
        layout.addWidget(self.ring, 0, Qt.AlignmentFlag.AlignHCenter)
        self.summary = QLabel("")
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setFont(font(14))
        layout.addWidget(self.summary)
        self.timing = QLabel("")
        self.timing.setWordWrap(True)
        set_role(self.timing, "muted")
        layout.addWidget(self.timing)
        self.breakdown = QLabel("")
        self.breakdown.setToolTip("Your score is how well your shapes matched, less up to a fifth for timing.")
        set_role(self.breakdown, "small")
        layout.addWidget(self.breakdown)
        layout.addSpacing(4)
        self.parts = PartBars(size_pt=13)
        layout.addWidget(self.parts)
        layout.addStretch(1)
        return card

    # --- showing a session -------------------------------------------------------------------

    def show_session(self, session_id: int) -> None:
        """Show session ``session_id``; make what is missing (snapshots, replay) in the background."""
        self.cancel_jobs()
        self.video.clear()
        self.status.hide()
        record = self.store.session(session_id)
        self.record, self.report, self.reference = record, {}, None
        if record is None:
            self._empty("Session not found", "This session is no longer in the history.")
            return
        if record.report is not None:
            self.report = report_document(record.files) or {}
        self.reference = _reference_of(self.store, record, self.report) if self.report else None
        self.title.setText(record.title)  # "Groove · Player 2" when two danced
        others = [r for r in self.store.group_sessions(record.group) if r.id != record.id] if record.group else []
        self.other_player_button.setVisible(bool(others))
        if others:
            self.other_player_button.setText(f"Player {others[0].player}\u2019s report")
            self.other_player_button.setProperty("session", others[0].id)
        when = record.started_at.astimezone().strftime("%a %d %b %Y, %H:%M")
        danced = f" \u00b7 {format_duration(record.duration)} danced" if record.duration else ""
        self.subtitle.setText(when + danced + ("" if record.status in ("done", "stopped") else f" \u00b7 {record.status}"))
        self.export_recording_button.setEnabled(record.recording is not None)
        self.export_replay_button.setEnabled(record.replay is not None)
        notes = [str(w) for w in self.report.get("warnings", [])] + ([record.message] if record.message else [])
        self.notice.setText("\n".join(dict.fromkeys(n[0].upper() + n[1:] for n in notes if n)))
        self.notice_frame.setVisible(bool(self.notice.text()))
        if not self.report:
            self._empty("No score for this session", record.message or "Nothing was scored in this session.")
            return
        self.ring.set_score(float(self.report["score"]), str(self.report.get("grade", "")))
        self.summary.setText(str(self.report.get("summary", "")))
        self.timing.setText(timing_text(self.report))
        followed = dancer_text(self.report)
        self.breakdown.setText(f"Shapes {float(self.report.get('shape', 0)):.0f} \u00b7 timing {float(self.report.get('timing', 0)):.0f}" + followed)
        self.parts.set_scores(self.report.get("parts", {}))
        self.chart.set_data(self.report.get("timeline", []), self.report.get("moves", []))
        self._show_weakest()
        self._show_replay()

    def _empty(self, title: str, text: str) -> None:
        self.ring.set_score(None, caption="no score")
        self.summary.setText(text)
        self.timing.setText("")
        self.breakdown.setText("")
        self.parts.set_scores({})
        self.chart.set_data([], [])
        self._clear_cards()
        self.weakest_title.hide()
        self.video.show_message(title)

    def _clear_cards(self) -> None:
        for card in self._cards:
            card.setParent(None)
            card.deleteLater()
        self._cards = []

    def _show_weakest(self) -> None:
        self._clear_cards()
        weakest = list(self.report.get("weakest", []))
        self.weakest_title.setVisible(bool(weakest))
        for move in weakest:
            card = _SnapshotCard(move)
            card.clicked.connect(lambda start: self.video.seek(start))
            self._cards.append(card)
            self.weakest_row.addWidget(card, 1)
        for _ in range(3 - len(weakest)):
            self.weakest_row.addStretch(1)
        record = self.record
        assert record is not None
        if not weakest:
            return
        if record.files.snapshots(len(weakest)) is not None:
            self._snapshots_done(record.id)
            return
        if record.recording is None or self.reference is None:
            for card in self._cards:
                card.picture.setText("No recording to take a picture from")
            return
        frames = self.report.get("performance_frames")
        self._start(weakest_snapshots, self.report, self.reference, record.recording, frames, record.files,
                    on_done=lambda _images, sid=record.id: self._snapshots_done(sid), on_error=self._snapshots_failed, name="snapshots")  # fmt: skip

    def _snapshots_done(self, session_id: int) -> None:
        if self.record is None or self.record.id != session_id:
            return
        for rank, card in enumerate(self._cards):
            path = self.record.files.snapshot(rank)
            if path.is_file():
                card.set_image(path)
            else:
                card.picture.setText("No picture")
        self.snapshots_ready.emit(session_id)

    def _snapshots_failed(self, exc: BaseException) -> None:
        for card in self._cards:
            card.picture.setText(f"No picture: {user_message(exc)}")

    def _show_replay(self) -> None:
        record = self.record
        assert record is not None
        if record.replay is not None:
            self.video.load(record.replay)
            self.replay_ready.emit(record.id)
            return
        if record.recording is None:
            self.video.show_message("No recording was kept of this session, so there is no replay.\nTurn recording on in Settings to get one next time.")
            return
        if self.reference is None:
            self.video.show_message("The choreography's video is gone, so the replay cannot be made.")
            return
        self._replay_progress(0.0)
        self._start(replay_session, record.folder, self.reference, on_progress=self._replay_progress, cancel_kw="cancel",
                    on_done=lambda path, sid=record.id: self._replay_done(sid, path), on_error=self._replay_failed, name="replay")  # fmt: skip

    def _replay_progress(self, fraction: float) -> None:
        step = "Reading the pro's moves" if fraction < 0.15 else "Looking at your recording" if fraction < 0.6 else "Putting the two side by side"
        self.video.show_progress(fraction, f"Making your replay: {step.lower()}\u2026")

    def _replay_done(self, session_id: int, path: Path) -> None:
        self.store.set_replay(session_id, path)
        if self.record is None or self.record.id != session_id:
            return
        self.record = self.store.session(session_id) or self.record
        self.export_replay_button.setEnabled(True)
        self.video.load(path)
        self.replay_ready.emit(session_id)

    def _replay_failed(self, exc: BaseException) -> None:
        self.video.show_message(f"The replay could not be made: {user_message(exc)}\n{next_step(exc)}")

    def _start(self, fn: Any, *args: Any, **kwargs: Any) -> None:
        job = run_in_thread(fn, *args, **kwargs)
        self._jobs.append(job)
        job.finished.connect(lambda job=job: self._jobs.remove(job) if job in self._jobs else None)

    def _dance_again(self) -> None:
        if self.record is not None:
            self.video.pause()
            self.dance_again.emit(self.record.choreography_id)

    # --- exports ----------------------------------------------------------------------------------

    def _export_replay_dialog(self) -> None:
        if self.record is not None and self.record.replay is not None:
            self._export_dialog(self.record.replay, "replay")

    def _export_recording_dialog(self) -> None:
        if self.record is not None and self.record.recording is not None:
            self._export_dialog(self.record.recording, "recording")

    def _export_dialog(self, source: Path, kind: str) -> None:
        assert self.record is not None
        suggested = suggested_export(self.record.choreography_title, kind, self.record.started_at)
        path, _ = QFileDialog.getSaveFileName(self, f"Export the {kind}", str(suggested), "MP4 video (*.mp4)")
        if path:
            self.export_to(source, Path(path))

    def export_replay_to(self, destination: Path) -> None:
        if self.record is not None and self.record.replay is not None:
            self.export_to(self.record.replay, destination)

    def export_recording_to(self, destination: Path) -> None:
        if self.record is not None and self.record.recording is not None:
            self.export_to(self.record.recording, destination)

    def export_to(self, source: Path, destination: Path) -> None:
        """Copy ``source`` to ``destination`` in a worker; the outcome shows in ``status``."""
        self._say(f"Exporting to {destination}\u2026")
        self._start(copy_for_export, source, destination, on_done=self._exported, on_error=self._export_failed, name="export")

    def _exported(self, path: Path) -> None:
        self._say(f"Saved {path}")
        self.exported.emit(str(path))

    def _export_failed(self, exc: BaseException) -> None:
        self._say(f"Could not export: {user_message(exc)} {next_step(exc)}", error=True)
        self.exported.emit("")

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {COLORS['bad'] if error else COLORS['muted']};")
        self.status.show()

    # --- leaving -----------------------------------------------------------------------------------

    def cancel_jobs(self) -> None:
        """Stop making snapshots and replays (they resume when the session is opened again)."""
        for job in list(self._jobs):
            job.cancel()

    def hideEvent(self, event: QHideEvent) -> None:
        self.video.pause()
        self.cancel_jobs()
        super().hideEvent(event)

    def shutdown(self, timeout: float = 10.0) -> None:
        """Closing the window: stop playback and wait for the workers."""
        self.video.clear()
        self.cancel_jobs()
        for job in list(self._jobs):
            job.wait(timeout)

    @property
    def busy(self) -> bool:
        return bool(self._jobs)
