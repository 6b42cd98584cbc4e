"""The results screen: what the score was, why, and the replay to watch it again.

Everything shown comes from the session folder (``report.json``, the weakest-move PNGs, the
replay), so a session just danced, one opened from history and one recovered after a crash are
shown the same way. What is missing is made in workers while the rest of the screen is already
there: the snapshots (a second or so), then the replay (with progress in the video panel).
Leaving the screen cancels that work, so it never slows a dance that starts next; it resumes
the next time the session is opened.

The page scrolls rather than squeezes: nothing on it is wider than the narrowest window (1024
px with the sidebar), and below the score, the replay and the timeline come the moves worth
practising (``results_cards``), each with its advice and "Practise this move" (``practise``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from dancelike.i18n import translate
from dancelike.pipeline.snapshots import weakest_snapshots
from dancelike.scoring.coaching import retold
from dancelike.scoring.report_rows import moves_of, timeline_of
from dancelike.services.sessions import replay_session, report_document
from dancelike.store.db import SessionRecord, Store
from dancelike.ui.charts import PartBars, ScoreRing, TimelineChart
from dancelike.ui.exports import copy_for_export, suggested_export
from dancelike.ui.messages import next_step, user_message
from dancelike.ui.practice_plan import PracticePlan
from dancelike.ui.results_cards import WeakMoveCard, nothing_to_practise, panel, practise_entries, timing_line
from dancelike.ui.score_legend import ScoreLegend
from dancelike.ui.session_text import STATUS_WORDS, breakdown_text, session_title, started_text, units_kept
from dancelike.ui.theme import COLORS, font, format_duration, set_role
from dancelike.ui.video_panel import VideoPanel
from dancelike.ui.workers import Job, run_in_thread

#: The replay's least height: two portrait videos side by side need room to be seen.
REPLAY_MIN_HEIGHT = 340


def _reference_of(store: Store, record: SessionRecord, report: dict[str, Any]) -> Path | None:
    choreography = store.choreography(record.choreography_id)
    if choreography is not None and choreography.video.is_file():
        return choreography.video
    saved = Path(str(report.get("reference", "")))
    return saved if str(saved) and saved.is_file() else None


class ResultsView(QWidget):
    """Shows one session's results: ``show_session(session_id)``."""

    dance_again = Signal(int)
    practise = Signal(int, object)  # choreography id, PracticePlan: Break It Down on one weak move
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
        self._cards: list[WeakMoveCard] = []
        self._build()

    # --- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("resultsScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll_area)
        body = QWidget()
        body.setObjectName("page")
        self.scroll_area.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(14)
        layout.addLayout(self._header())
        self._add_notices(layout)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addWidget(self._summary_card())
        columns.addLayout(self._replay_and_timeline(), 1)
        layout.addLayout(columns)
        self.weakest_title = QLabel(translate("ResultsView", "Practise these moves"))
        self.weakest_title.setFont(font(16, True))
        layout.addWidget(self.weakest_title)
        self.nothing_label = QLabel(nothing_to_practise())
        self.nothing_label.setObjectName("nothingToPractise")
        self.nothing_label.setWordWrap(True)
        set_role(self.nothing_label, "muted")
        layout.addWidget(self.nothing_label)
        self.weakest_column = QVBoxLayout()
        self.weakest_column.setSpacing(12)
        layout.addLayout(self.weakest_column)
        layout.addStretch(1)
        # Tab goes as the header reads (the top line, then the second), then on down the page
        chain = (self.back_button, self.again_button, self.other_player_button, self.export_replay_button, self.export_recording_button, self.ring)
        for first, then in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, then)

    def _add_notices(self, layout: QVBoxLayout) -> None:
        """The banner (a note on this session) and the status line (what is being made)."""
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
        self.status.setWordWrap(True)
        set_role(self.status, "muted")
        self.status.hide()
        layout.addWidget(self.status)

    def _replay_and_timeline(self) -> QVBoxLayout:
        """The replay with its legend above the score through the dance (a click on a move
        plays it; the replay's position moves the chart's marker)."""
        right = QVBoxLayout()
        right.setSpacing(12)
        self.video = VideoPanel()
        self.video.setObjectName("replayPanel")
        self.video.setMinimumHeight(REPLAY_MIN_HEIGHT)
        self.replay_legend = ScoreLegend(pro_parts=True)  # the pro's part colours are not scores
        right.addWidget(panel(self.video, below=self.replay_legend), 3)
        self.chart = TimelineChart()
        self.chart.setObjectName("timelineChart")
        self.chart.setMinimumHeight(150)
        self.chart.move_clicked.connect(lambda _index, start: self.video.seek(start))
        self.video.position_changed.connect(self.chart.set_position)
        right.addWidget(panel(self.chart, translate("ResultsView", "Your score through the dance \u2014 click a move to watch it")), 1)
        return right

    def _header(self) -> QVBoxLayout:
        """Back, the title and "Dance again" on one line; the date and the exports on the next,
        so the whole header fits the narrowest window (1024 px with the sidebar)."""
        self.back_button = QPushButton(translate("ResultsView", "\u2190  Back"))
        set_role(self.back_button, "flat")
        self.back_button.setObjectName("resultsBack")
        self.back_button.clicked.connect(self.back.emit)
        self.title = QLabel("")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # the choreography's title, never markup
        set_role(self.title, "title")
        self.title.setWordWrap(True)
        self.title.setMinimumWidth(120)
        self.subtitle = QLabel("")
        self.subtitle.setWordWrap(True)
        set_role(self.subtitle, "muted")
        self.export_replay_button = QPushButton(translate("ResultsView", "Export replay\u2026"))
        self.export_replay_button.setObjectName("exportReplay")
        self.export_replay_button.clicked.connect(self._export_replay_dialog)
        self.export_recording_button = QPushButton(translate("ResultsView", "Export recording\u2026"))
        self.export_recording_button.setObjectName("exportRecording")
        self.export_recording_button.clicked.connect(self._export_recording_dialog)
        self.other_player_button = QPushButton("")  # two players: the other one's report
        self.other_player_button.setObjectName("otherPlayer")
        self.other_player_button.clicked.connect(lambda: self.show_session(int(self.other_player_button.property("session"))))
        self.again_button = QPushButton(translate("ResultsView", "Dance again"))
        self.again_button.setObjectName("danceAgain")
        set_role(self.again_button, "primary")
        self.again_button.clicked.connect(self._dance_again)
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.title, 1)
        top.addWidget(self.again_button, 0, Qt.AlignmentFlag.AlignTop)
        second = QHBoxLayout()
        second.setSpacing(10)
        second.addSpacing(self.back_button.sizeHint().width() + 10)
        second.addWidget(self.subtitle, 1)
        for button in (self.other_player_button, self.export_replay_button, self.export_recording_button):
            second.addWidget(button)
        rows = QVBoxLayout()
        rows.setSpacing(4)
        rows.addLayout(top)
        rows.addLayout(second)
        return rows

    def _summary_card(self) -> QFrame:
        card = QFrame()
        set_role(card, "panel")
        card.setMinimumWidth(270)
        card.setMaximumWidth(360)
        card.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)  # the replay gets the rest
        layout = QVBoxLayout(card)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(10)
        self.ring = ScoreRing(size_pt=50)
        self.ring.setObjectName("scoreRing")
        self.ring.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a screen reader reads the score when Tab reaches it
        layout.addWidget(self.ring, 0, Qt.AlignmentFlag.AlignHCenter)
        self.summary = QLabel("")
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setFont(font(14))
        layout.addWidget(self.summary)
        self.mirror = QLabel("")
        self.mirror.setObjectName("mirrorText")
        self.mirror.setWordWrap(True)
        set_role(self.mirror, "muted")
        layout.addWidget(self.mirror)
        self.timing = QLabel("")
        self.timing.setObjectName("timingText")
        self.timing.setWordWrap(True)
        set_role(self.timing, "muted")
        layout.addWidget(self.timing)
        self.breakdown = QLabel("")
        self.breakdown.setToolTip(translate("ResultsView", "Your score is how well your shapes matched, less up to a fifth for timing."))
        set_role(self.breakdown, "small")
        layout.addWidget(self.breakdown)
        layout.addSpacing(4)
        self.parts = PartBars(size_pt=13)
        self.parts.setFocusPolicy(Qt.FocusPolicy.TabFocus)
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
            self._empty(translate("ResultsView", "Session not found"), translate("ResultsView", "This session is no longer in the history."))
            return
        if record.report is not None:
            stored = report_document(record.files) or {}
            self.report = retold(stored) if stored else {}  # its sentences in the language spoken now
        self.reference = _reference_of(self.store, record, self.report) if self.report else None
        self.title.setText(session_title(record))  # "Groove · Player 2" when two danced
        others = [r for r in self.store.group_sessions(record.group) if r.id != record.id] if record.group else []
        self.other_player_button.setVisible(bool(others))
        if others:
            self.other_player_button.setText(translate("ResultsView", "Player {number}\u2019s report").format(number=others[0].player))
            self.other_player_button.setProperty("session", others[0].id)
        parts = [started_text(record.started_at)]
        if record.duration:
            parts.append(translate("ResultsView", "{duration} danced").format(duration=format_duration(record.duration)))
        if record.status not in ("done", "stopped"):
            parts.append(translate("ResultsView", STATUS_WORDS[record.status]) if record.status in STATUS_WORDS else record.status)
        self.subtitle.setText(" \u00b7 ".join(parts))
        self.export_recording_button.setEnabled(record.recording is not None)
        self.export_replay_button.setEnabled(record.replay is not None)
        notes = [str(w) for w in self.report.get("warnings", [])] + ([record.message] if record.message else [])
        self.notice.setText("\n".join(dict.fromkeys(n[0].upper() + n[1:] for n in notes if n)))
        self.notice_frame.setVisible(bool(self.notice.text()))
        if not self.report:
            self._empty(translate("ResultsView", "No score for this session"), record.message or translate("ResultsView", "Nothing was scored in this session."))
            return
        self.ring.set_score(float(self.report["score"]), str(self.report.get("grade", "")))
        self.summary.setText(units_kept(str(self.report.get("summary", ""))))
        mirror = str(self.report.get("mirror_text") or "")
        self.mirror.setText(mirror)
        self.mirror.setVisible(bool(mirror))
        self.timing.setText(units_kept(timing_line(self.report)))  # the report's own line, kept from breaking "0.3 s"
        self.breakdown.setText(breakdown_text(self.report))
        self.parts.set_scores(self.report.get("parts", {}))
        self.chart.set_data(timeline_of(self.report), moves_of(self.report))
        self._show_weakest()
        self._show_replay()

    def _empty(self, title: str, text: str) -> None:
        self.ring.set_score(None, caption=translate("ResultsView", "no score"))
        self.summary.setText(text)
        self.mirror.hide()
        self.timing.setText("")
        self.breakdown.setText("")
        self.parts.set_scores({})
        self.chart.set_data([], [])
        self._clear_cards()
        self.weakest_title.hide()
        self.nothing_label.hide()
        self.video.show_message(title)

    def _clear_cards(self) -> None:
        for card in self._cards:
            card.setParent(None)
            card.deleteLater()
        self._cards = []

    def _show_weakest(self) -> None:
        """A card per move worth practising; "nothing to practise" when every move danced was
        GOOD or better; nothing at all when the dance was not this one (the summary says why)."""
        self._clear_cards()
        record = self.record
        assert record is not None
        this_dance = self.report.get("this_dance", True) is not False
        entries = practise_entries(self.report) if this_dance else []
        self.weakest_title.setVisible(this_dance)
        self.nothing_label.setVisible(this_dance and not entries)
        for rank, move in entries:
            card = WeakMoveCard(move, rank)
            card.clicked.connect(lambda start: self.video.seek(start))
            card.practise.connect(self._practise)
            self._cards.append(card)
            self.weakest_column.addWidget(card)
        weakest = list(self.report.get("weakest") or [])
        if not entries:
            self.snapshots_ready.emit(record.id)  # nothing to make
            return
        if record.files.snapshots(len(weakest)) is not None:
            self._snapshots_done(record.id)
            return
        if record.recording is None or self.reference is None:
            for card in self._cards:
                card.picture.setText(translate("ResultsView", "No recording to take a picture from"))
            return
        frames = self.report.get("performance_frames")
        self._start(
            weakest_snapshots,
            self.report,
            self.reference,
            record.recording,
            frames,
            record.files,
            on_done=lambda _images, sid=record.id: self._snapshots_done(sid),
            on_error=self._snapshots_failed,
            name="snapshots",
        )

    def _snapshots_done(self, session_id: int) -> None:
        if self.record is None or self.record.id != session_id:
            return
        for card in self._cards:
            path = self.record.files.snapshot(card.rank)
            if path.is_file():
                card.set_image(path)
            else:
                card.picture.setText(translate("ResultsView", "No picture"))
        self.snapshots_ready.emit(session_id)

    def _practise(self, plan: PracticePlan) -> None:
        """Break It Down: the dance screen, this dance, this move looping at half speed."""
        if self.record is not None:
            self.video.pause()
            self.practise.emit(self.record.choreography_id, plan)

    def _snapshots_failed(self, exc: BaseException) -> None:
        for card in self._cards:
            card.picture.setText(translate("ResultsView", "No picture: {reason}").format(reason=user_message(exc)))

    def _show_replay(self) -> None:
        record = self.record
        assert record is not None
        if record.replay is not None:
            self.video.load(record.replay)
            self.replay_ready.emit(record.id)
            return
        if record.recording is None:
            self.video.show_message(
                translate("ResultsView", "No recording was kept of this session, so there is no replay.\nTurn recording on in Settings to get one next time.")
            )
            return
        if self.reference is None:
            self.video.show_message(translate("ResultsView", "The choreography's video is gone, so the replay cannot be made."))
            return
        self._replay_progress(0.0)
        self._start(
            replay_session,
            record.folder,
            self.reference,
            on_progress=self._replay_progress,
            cancel_kw="cancel",
            on_done=lambda path, sid=record.id: self._replay_done(sid, path),
            on_error=self._replay_failed,
            name="replay",
        )

    def _replay_progress(self, fraction: float) -> None:
        # the bar moves at one pace through the replay's steps (session_replay.Shares), so the
        # panel's time left holds from the start; the steps' names would only say that it is busy
        self.video.show_progress(fraction, timed=True)

    def _replay_done(self, session_id: int, path: Path) -> None:
        self.store.set_replay(session_id, path)
        if self.record is None or self.record.id != session_id:
            return
        self.record = self.store.session(session_id) or self.record
        self.export_replay_button.setEnabled(True)
        self.video.load(path)
        self.replay_ready.emit(session_id)

    def _replay_failed(self, exc: BaseException) -> None:
        text = translate("ResultsView", "The replay could not be made: {reason}\n{next_step}")
        self.video.show_message(text.format(reason=user_message(exc), next_step=next_step(exc)))

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
        title = translate("ResultsView", "Export the replay") if kind == "replay" else translate("ResultsView", "Export the recording")
        path, _ = QFileDialog.getSaveFileName(self, title, str(suggested), translate("ResultsView", "MP4 video (*.mp4)"))
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
        self._say(translate("ResultsView", "Exporting to {path}\u2026").format(path=destination))
        self._start(copy_for_export, source, destination, on_done=self._exported, on_error=self._export_failed, name="export")

    def _exported(self, path: Path) -> None:
        self._say(translate("ResultsView", "Saved {path}").format(path=path))
        self.exported.emit(str(path))

    def _export_failed(self, exc: BaseException) -> None:
        self._say(translate("ResultsView", "Could not export: {reason} {next_step}").format(reason=user_message(exc), next_step=next_step(exc)), error=True)
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
