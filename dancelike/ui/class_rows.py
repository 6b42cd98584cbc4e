"""A class's rows: the table that fills in as the batch's rows come back, and one row's report.

The table keeps a ``ClassRow`` per line (a video, or one dancer of a group video) and its status
(queued, scoring, done, error, cancelled); it shows the dancer's picture the batch wrote, the
score in the score's colour, the grade, and an error row's one-line error.

A finished row opens ``ClassReportDialog``, read-only. The results screen (``results_view``)
shows a *session*: a history row with its recording, its replay and Break It Down, none of which
a student's video scored in a batch has. So a class row is shown from its report JSON alone, with
the same pieces (the score ring, the part bars, the timeline, the report's own sentences), so it
reads like the results screen without a replay.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dancelike.i18n import QT_TRANSLATE_NOOP, translate
from dancelike.scoring import coaching
from dancelike.scoring.report import rating
from dancelike.scoring.report_rows import moves_of, timeline_of
from dancelike.services.batch.outputs import PICTURES
from dancelike.ui.charts import PartBars, ScoreRing, TimelineChart
from dancelike.ui.results_cards import advice_line, nothing_to_practise, panel, practise_entries, timing_line
from dancelike.ui.session_text import dancer_text
from dancelike.ui.theme import COLORS, font, score_color, set_role

PICTURE, NAME, SCORE, GRADE, PRACTISE, STATUS = range(6)
#: Rows saying "Scoring…": the local engine analyses one video while it scores the one before.
IN_FLIGHT = 2
#: The height of a row's picture: a face should be recognisable at a glance.
PICTURE_HEIGHT = 64
STATUS_WORDS = {
    "queued": QT_TRANSLATE_NOOP("ClassTable", "Queued"),
    "scoring": QT_TRANSLATE_NOOP("ClassTable", "Scoring\u2026"),
    "done": QT_TRANSLATE_NOOP("ClassTable", "Done"),
    "cancelled": QT_TRANSLATE_NOOP("ClassTable", "Not scored (cancelled)"),
}


def status_word(status: str) -> str:
    """A row's status as the table says it (translated)."""
    return translate("ClassTable", STATUS_WORDS[status]) if status in STATUS_WORDS else status


def practise_text(data: dict[str, Any]) -> str:
    """What a finished row's dancer should work on first, as the results screen picks it (the
    first move below GOOD, with its advice), "Nothing" when every move was GOOD, or that it was
    not this dance at all (then no move is worth practising)."""
    report = coaching.retold(data.get("report") or {})
    if data.get("this_dance") is False or report.get("this_dance") is False:
        return translate("ClassTable", "Not this dance")
    entries = practise_entries(report)
    if not entries:
        return translate("ClassTable", "Nothing: every move GOOD")
    move = entries[0][1]
    where = coaching.move_range(move.start, move.end)
    what = advice_line(move) or coaching.rating_label(rating(move.score))
    return translate("ClassTable", "{where}: {what}").format(where=where, what=what)


def short_error(path: Path, error: str) -> str:
    """An error row's error without its file's path in front: the row already names the file."""
    for prefix in (str(path), path.name):
        if error.startswith(prefix + ": "):
            return error[len(prefix) + 2 :]
    return error


@dataclass
class ClassRow:
    """One line of the table: a video (or one dancer of a group video) and what became of it."""

    path: Path
    status: str = "queued"  # queued -> scoring -> done | error | cancelled
    data: dict[str, Any] | None = None  # the batch's row once it is back

    @property
    def score(self) -> float | None:
        value = (self.data or {}).get("score")
        return None if value is None or self.status != "done" else float(value)


class ClassTable(QTableWidget):
    """The class's rows in input order while scoring, ranked by score once done. ``folder`` is
    where the batch writes (its pictures are read from there)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.rows: list[ClassRow] = []
        self.folder: Path | None = None
        self.setObjectName("classTable")
        self.setTabKeyNavigation(False)  # Tab leaves the table (arrows choose a row)
        self.setHorizontalHeaderLabels(
            [
                "",
                translate("ClassTable", "Dancer"),
                translate("ClassTable", "Score"),
                translate("ClassTable", "Grade"),
                translate("ClassTable", "To practise"),
                translate("ClassTable", "Status"),
            ]
        )
        self.setAccessibleName(translate("ClassTable", "The class's videos"))
        self.setIconSize(QSize(PICTURE_HEIGHT * 3 // 4, PICTURE_HEIGHT))
        self.verticalHeader().setDefaultSectionSize(PICTURE_HEIGHT + 10)
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.horizontalHeader()
        header.setSectionResizeMode(PRACTISE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(NAME, 210)
        for column, width in ((PICTURE, PICTURE_HEIGHT * 3 // 4 + 24), (SCORE, 80), (GRADE, 70)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(column, width)

    def add(self, path: Path) -> bool:
        """Queue a video (each once); False when it is already in the table."""
        if any(row.path == path for row in self.rows):
            return False
        self.rows.append(ClassRow(path))
        self.show_row(len(self.rows) - 1)
        return True

    def fill(self, data: dict[str, Any]) -> ClassRow:
        """A batch row is back: its line says done (or its error)."""
        index = self._place(data)
        row = self.rows[index]
        row.data, row.status = data, "error" if data.get("error") else "done"
        self.show_row(index)
        return row

    def _place(self, data: dict[str, Any]) -> int:
        """The line a batch row fills: its video's waiting line, or (another dancer of a group
        video) a new line just below that video's others."""
        performance = Path(str(data.get("performance", "")))
        same = [i for i, row in enumerate(self.rows) if row.path == performance or row.path.name == performance.name]
        waiting = [i for i in same if self.rows[i].data is None]
        if waiting:
            return waiting[0]
        index = same[-1] + 1 if same else len(self.rows)
        self.rows.insert(index, ClassRow(self.rows[same[-1]].path if same else performance))
        self.insertRow(index)
        return index

    def next_in_line(self) -> None:
        """The batch takes the videos in order, one analysed while the one before is scored: the
        first ``IN_FLIGHT`` lines still waiting say "Scoring…"."""
        busy = sum(1 for row in self.rows if row.status == "scoring")
        for index, row in enumerate(self.rows):
            if busy >= IN_FLIGHT:
                break
            if row.status == "queued":
                row.status, busy = "scoring", busy + 1
                self.show_row(index)

    def finish(self) -> None:
        """The batch is over: lines never scored say so, and the rest is ranked, best first, then
        the errors (the leaderboard, as index.html ranks it)."""
        for row in self.rows:
            if row.data is None:
                row.status = "cancelled"
        order = {"done": 0, "error": 1}
        self.rows.sort(key=lambda row: (order.get(row.status, 2), -(row.score or 0.0)))
        for index in range(len(self.rows)):
            self.show_row(index)

    def how_many(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    def texts(self, column: int) -> list[str]:
        """What a column says, top to bottom."""
        return [item.text() if (item := self.item(index, column)) is not None else "" for index in range(self.rowCount())]

    def show_row(self, index: int) -> None:
        row = self.rows[index]
        if self.rowCount() <= index:
            self.setRowCount(index + 1)
        data = row.data or {}
        picture = QTableWidgetItem()
        pixmap = self.picture(data)
        if not pixmap.isNull():
            picture.setData(Qt.ItemDataRole.DecorationRole, pixmap.scaledToHeight(PICTURE_HEIGHT, Qt.TransformationMode.SmoothTransformation))
        self.setItem(index, PICTURE, picture)
        dancer = data.get("dancer")
        name = row.path.name if dancer is None else translate("ClassTable", "{file} \u00b7 dancer {number}").format(file=row.path.name, number=dancer)
        self.setItem(index, NAME, QTableWidgetItem(name))
        score = QTableWidgetItem("" if row.score is None else f"{row.score:.0f}")
        score.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if row.score is not None:
            score.setForeground(score_color(row.score))
            score.setFont(font(15, bold=True))
        self.setItem(index, SCORE, score)
        self.setItem(index, GRADE, QTableWidgetItem(str(data.get("grade") or "") if row.status == "done" else ""))
        practise = QTableWidgetItem(practise_text(data) if row.status == "done" else "")
        practise.setToolTip(practise.text())
        self.setItem(index, PRACTISE, practise)
        if row.status == "error":
            status = QTableWidgetItem(translate("ClassTable", "Error: {error}").format(error=short_error(row.path, str(data.get("error")))))
        else:
            status = QTableWidgetItem(status_word(row.status))
        status.setToolTip(str(data.get("error") or status.text()))
        if row.status == "error":
            status.setForeground(QColor(COLORS["bad"]))
        elif row.status != "done":
            status.setForeground(QColor(COLORS["muted"]))
        self.setItem(index, STATUS, status)

    def picture(self, data: dict[str, Any]) -> QPixmap:
        """The dancer's picture the batch wrote beside the row's report JSON (none for an error row)."""
        pixmap, report = QPixmap(), data.get("json")
        if report and self.folder is not None:
            pixmap.load(str(self.folder / PICTURES / f"{Path(str(report)).stem}.jpg"))
        return pixmap


def weak_move_lines(report: dict[str, Any]) -> list[str]:
    """'GOOD 62 · move 3 · 4-8 s · Left arm higher' for each move worth practising (none when the
    performance was not this dance: the summary says so, and nothing in it is worth practising).
    ``report`` as shown: ``coaching.retold`` already made its sentences in the language spoken now."""
    if report.get("this_dance", True) is False:
        return []
    lines = []
    for _rank, move in practise_entries(report):
        where = coaching.move_range(move.start, move.end)
        advice = advice_line(move)
        line = translate("ClassTable", "{rating} {score} \u00b7 move {number} \u00b7 {where}").format(
            rating=coaching.rating_label(rating(move.score)), score=f"{move.score:.0f}", number=move.move + 1, where=where
        )
        lines.append(f"{line} \u00b7 {advice}" if advice else line)
    return lines


class ClassReportDialog(QDialog):
    """A class row's report: ``ClassReportDialog(report, title, picture)``; nothing to edit."""

    def __init__(self, report: dict[str, Any], title: str, picture: QPixmap | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("classReport")
        self.setWindowTitle(translate("ClassReportDialog", "{title} \u2014 results").format(title=title))
        report = coaching.retold(report)  # a report scored in English reads in the language spoken now
        self.report = report
        self.resize(860, 720)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 12)
        outer.setSpacing(12)
        heading = QLabel(title)
        heading.setTextFormat(Qt.TextFormat.PlainText)  # a file name, never markup
        set_role(heading, "subtitle")
        outer.addWidget(heading)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self._summary(report, picture), 1)
        self.parts = PartBars(size_pt=13)
        self.parts.set_scores(report.get("parts", {}))
        top.addWidget(panel(self.parts, translate("ClassReportDialog", "The parts")), 1)
        layout.addLayout(top)
        self.chart = TimelineChart()
        self.chart.setMinimumHeight(140)
        self.chart.set_data(timeline_of(report), moves_of(report))
        layout.addWidget(panel(self.chart, translate("ClassReportDialog", "The score through the dance")))
        self.moves = QLabel()
        self.moves.setObjectName("classWeakMoves")
        self.moves.setWordWrap(True)
        self.moves.setTextFormat(Qt.TextFormat.PlainText)
        lines = weak_move_lines(report)
        this_dance = report.get("this_dance", True) is not False
        self.moves.setText("\n".join(lines) if lines else (nothing_to_practise() if this_dance else ""))
        if this_dance:
            layout.addWidget(panel(self.moves, translate("ClassReportDialog", "Moves to practise")))
        layout.addStretch(1)
        outer.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

    def _summary(self, report: dict[str, Any], picture: QPixmap | None) -> QFrame:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        row = QHBoxLayout()
        self.ring = ScoreRing(size_pt=40)
        score = report.get("score")
        self.ring.set_score(None if score is None else float(score), str(report.get("grade", "")))
        row.addWidget(self.ring, 0, Qt.AlignmentFlag.AlignTop)
        if picture is not None and not picture.isNull():
            image = QLabel()
            image.setPixmap(picture.scaledToHeight(150, Qt.TransformationMode.SmoothTransformation))
            row.addWidget(image, 0, Qt.AlignmentFlag.AlignTop)
        row.addStretch(1)
        column.addLayout(row)
        self.summary = QLabel(str(report.get("summary", "")))
        self.summary.setObjectName("classSummary")
        self.summary.setWordWrap(True)
        self.summary.setFont(font(14))
        column.addWidget(self.summary)
        self.timing = QLabel(timing_line(report))
        self.timing.setWordWrap(True)
        set_role(self.timing, "muted")
        column.addWidget(self.timing)
        shapes = translate("ClassReportDialog", "Shapes {shape} \u00b7 timing {timing}").format(
            shape=f"{float(report.get('shape', 0)):.0f}", timing=f"{float(report.get('timing', 0)):.0f}"
        )
        breakdown = QLabel(shapes + dancer_text(report))
        set_role(breakdown, "small")
        column.addWidget(breakdown)
        return panel(box, "")
