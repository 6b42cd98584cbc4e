"""History: every session in a sortable table, and a choreography's progress as a chart.

The table is a ``QAbstractTableModel`` over the store's session records behind a
``QSortFilterProxyModel`` that sorts on raw values (time, score, seconds), not on the text shown.
Opening a session emits ``open_session(id)`` for the main window to show its results.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dancelike.i18n import QT_TRANSLATE_NOOP, translate
from dancelike.store.db import SessionRecord, Store
from dancelike.ui import messages
from dancelike.ui.progress_chart import ProgressChart
from dancelike.ui.theme import COLORS, SIZES, font, format_duration, score_color, set_role

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
#: The columns by name (the code's); ``COLUMN_TITLES`` are what the header says (translated where shown).
COLUMNS = ("Date", "Choreography", "Score", "Grade", "Duration", "Status")
COLUMN_TITLES = {
    "Date": QT_TRANSLATE_NOOP("HistoryView", "Date"),
    "Choreography": QT_TRANSLATE_NOOP("HistoryView", "Choreography"),
    "Score": QT_TRANSLATE_NOOP("HistoryView", "Score"),
    "Grade": QT_TRANSLATE_NOOP("HistoryView", "Grade"),
    "Duration": QT_TRANSLATE_NOOP("HistoryView", "Duration"),
    "Status": QT_TRANSLATE_NOOP("HistoryView", "Status"),
}
STATUS_TEXT = {
    "done": QT_TRANSLATE_NOOP("HistoryView", "Finished"),
    "stopped": QT_TRANSLATE_NOOP("HistoryView", "Stopped early"),
    "cancelled": QT_TRANSLATE_NOOP("HistoryView", "Cancelled"),
    "failed": QT_TRANSLATE_NOOP("HistoryView", "Failed"),
    "recovered": QT_TRANSLATE_NOOP("HistoryView", "Recovered"),
    "running": QT_TRANSLATE_NOOP("HistoryView", "In progress"),
}
#: Month names for dates (not the C library's: its locale is not the app's language).
MONTHS = (
    QT_TRANSLATE_NOOP("HistoryView", "Jan"),
    QT_TRANSLATE_NOOP("HistoryView", "Feb"),
    QT_TRANSLATE_NOOP("HistoryView", "Mar"),
    QT_TRANSLATE_NOOP("HistoryView", "Apr"),
    QT_TRANSLATE_NOOP("HistoryView", "May"),
    QT_TRANSLATE_NOOP("HistoryView", "Jun"),
    QT_TRANSLATE_NOOP("HistoryView", "Jul"),
    QT_TRANSLATE_NOOP("HistoryView", "Aug"),
    QT_TRANSLATE_NOOP("HistoryView", "Sep"),
    QT_TRANSLATE_NOOP("HistoryView", "Oct"),
    QT_TRANSLATE_NOOP("HistoryView", "Nov"),
    QT_TRANSLATE_NOOP("HistoryView", "Dec"),
)
_Index = QModelIndex | QPersistentModelIndex


def status_text(status: str) -> str:
    """A session's status as the table says it: "Finished", "Stopped early"..."""
    return translate("HistoryView", STATUS_TEXT[status]) if status in STATUS_TEXT else status.capitalize()


def when_text(when: datetime) -> str:
    """A session's start in the user's time zone: "24 Nov, 18:05" (the year when not this one)."""
    local = when.astimezone()
    values = {
        "day": local.day,
        "month": local.month,
        "month_name": translate("HistoryView", MONTHS[local.month - 1]),
        "year": local.year,
        "time": local.strftime("%H:%M"),
    }
    if local.year == datetime.now().year:
        return translate("HistoryView", "{day} {month_name}, {time}").format(**values)
    return translate("HistoryView", "{day} {month_name} {year}, {time}").format(**values)


class SessionTableModel(QAbstractTableModel):
    """One row per session; display text, colours, and raw values for sorting."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records: list[SessionRecord] = []

    def set_records(self, records: list[SessionRecord]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("HistoryView", COLUMN_TITLES[COLUMNS[section]])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record, column = self.records[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(record, column)
        if role == SORT_ROLE:
            return self._key(record, column)
        if role == ID_ROLE:
            return record.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "Score" and record.score is not None:
                return score_color(record.score)
            if column == "Status" and record.status == "failed":
                return QColor(COLORS["bad"])
            if column in ("Date", "Duration", "Status"):
                return QColor(COLORS["muted"])
        if role == Qt.ItemDataRole.FontRole and column in ("Score", "Grade"):
            return font(15, bold=True)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("Score", "Grade", "Duration"):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and record.message:
            return record.message
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self.row_text(record)
        return None

    @classmethod
    def row_text(cls, record: SessionRecord) -> str:
        """The whole row in one sentence, for a screen reader on any of its cells."""
        values = {name: cls._text(record, name) for name in COLUMNS}
        if record.score is None:
            return translate("HistoryView", "{Choreography}, {Date}: no score, {Status}").format(**values)
        return translate("HistoryView", "{Choreography}, {Date}: score {Score}, grade {Grade}, {Status}").format(**values)

    @staticmethod
    def _text(record: SessionRecord, column: str) -> str:
        if column == "Date":
            return when_text(record.started_at)
        if column == "Choreography":
            return record.title
        if column == "Score":
            return "\u2014" if record.score is None else f"{record.score:.0f}"
        if column == "Grade":
            return record.grade or "\u2014"
        if column == "Duration":
            return format_duration(record.duration)
        return status_text(record.status)

    @staticmethod
    def _key(record: SessionRecord, column: str) -> object:
        # Sort keys of one type per column; sessions without a value sort below all others.
        if column == "Date":
            return record.started_at.timestamp()
        if column == "Choreography":
            return record.choreography_title.casefold()
        if column in ("Score", "Grade"):
            return -1.0 if record.score is None else float(record.score)
        if column == "Duration":
            return -1.0 if record.duration is None else float(record.duration)
        return status_text(record.status)


class SessionTable(QTableView):
    """The table; Enter opens the selected session and Delete deletes it."""

    open_requested = Signal()
    delete_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_requested.emit()
        else:
            super().keyPressEvent(event)


class HistoryView(QWidget):
    """All sessions (sortable), open one, delete one; a progress chart per choreography."""

    open_session = Signal(int)
    changed = Signal()  # a session was deleted (library best scores may change)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("historyView")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(36, 28, 36, 20)
        outer.setSpacing(16)
        outer.addLayout(self._build_header())
        self._build_table()
        self._build_empty()
        chart_panel = self._build_chart_panel()
        outer.addWidget(self._build_split(chart_panel), 1)
        self.refresh()

    # --- building (in this order: the Tab order follows it) ---------------------------------

    def _build_header(self) -> QHBoxLayout:
        """The title, the session count, and the Delete and Open buttons."""
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        title = QLabel(translate("HistoryView", "History"))
        set_role(title, "title")
        titles.addWidget(title)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("historySubtitle")
        self.subtitle.setWordWrap(True)
        set_role(self.subtitle, "muted")
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        self.delete_button = QPushButton(translate("HistoryView", "Delete\u2026"))
        self.delete_button.setObjectName("deleteSession")
        set_role(self.delete_button, "danger")
        self.delete_button.setToolTip(translate("HistoryView", "Delete the selected session, its recording and replay"))
        self.delete_button.clicked.connect(self.ask_delete)
        header.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignTop)
        self.open_button = QPushButton(translate("HistoryView", "Open results"))
        self.open_button.setObjectName("openSession")
        set_role(self.open_button, "primary")
        self.open_button.clicked.connect(self.open_selected)
        header.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        return header

    def _build_table(self) -> None:
        """The sessions' table behind a proxy that sorts on raw values, newest first."""
        self.model = SessionTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = SessionTable()
        self.table.setObjectName("sessionTable")
        self.table.setAccessibleName(translate("HistoryView", "Your sessions"))
        self.table.setAccessibleDescription(translate("HistoryView", "Arrow keys choose a session; Enter opens its results, Delete deletes it."))
        self.table.setModel(self.proxy)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows choose a session)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMNS.index("Date"), Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() * 2 + 8)
        self._size_columns()
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.open_requested.connect(self.open_selected)
        self.table.delete_requested.connect(self.ask_delete)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

    def _size_columns(self) -> None:
        """Fixed widths from the text the columns hold; the choreography's title takes the rest."""
        head = self.table.horizontalHeader()
        head.setHighlightSections(False)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        bold = QFontMetrics(font(15, bold=True))
        plain = self.fontMetrics()
        widths = {
            "Score": bold.horizontalAdvance("100"),
            "Grade": bold.horizontalAdvance("A+"),
            "Duration": plain.horizontalAdvance("10:00:00"),
            "Status": max(plain.horizontalAdvance(status_text(s)) for s in STATUS_TEXT),
        }
        header_font = QFontMetrics(font(SIZES["body"], bold=True))  # the header's words are bold
        for name, width in widths.items():
            column = COLUMNS.index(name)
            head.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            head.resizeSection(column, max(width, header_font.horizontalAdvance(translate("HistoryView", COLUMN_TITLES[name]))) + 32)
        head.setSectionResizeMode(COLUMNS.index("Date"), QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(COLUMNS.index("Choreography"), QHeaderView.ResizeMode.Stretch)

    def _build_empty(self) -> None:
        """What the table's place says before the first session."""
        self.empty = QLabel(translate("HistoryView", "No sessions yet. Dance a choreography from the Library and your scores will appear here."))
        self.empty.setObjectName("historyEmpty")
        set_role(self.empty, "empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

    def _build_chart_panel(self) -> QFrame:
        """The progress chart with its choreography picker."""
        chart_panel = QFrame()
        chart_panel.setObjectName("chartPanel")
        set_role(chart_panel, "panel")
        chart_layout = QVBoxLayout(chart_panel)
        chart_layout.setContentsMargins(20, 14, 20, 14)
        chart_header = QHBoxLayout()
        chart_title = QLabel(translate("HistoryView", "Progress"))
        set_role(chart_title, "subtitle")
        chart_header.addWidget(chart_title)
        chart_header.addStretch(1)
        self.picker = QComboBox()
        self.picker.setObjectName("chartPicker")
        self.picker.setAccessibleName(translate("HistoryView", "Choreography shown in the progress chart"))
        self.picker.setMinimumContentsLength(16)
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.picker.currentIndexChanged.connect(self._show_chart)
        chart_header.addWidget(self.picker)
        chart_layout.addLayout(chart_header)
        self.chart = ProgressChart()
        chart_layout.addWidget(self.chart, 1)
        return chart_panel

    def _build_split(self, chart_panel: QFrame) -> QSplitter:
        """The table (or its empty note) above the chart, 3:2."""
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setChildrenCollapsible(False)
        table_host = QWidget()
        table_layout = QVBoxLayout(table_host)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table)
        table_layout.addWidget(self.empty)
        self.split.addWidget(table_host)
        self.split.addWidget(chart_panel)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setSizes([3000, 2000])  # 3:2 from the start (the size hints gave the table two rows)
        return self.split

    # --- data --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload sessions from the store; keeps the selection and the chart's choreography."""
        selected = self.selected_session()
        chart_id = self.picker.currentData()
        records = self.store.sessions()
        self.model.set_records(records)
        has_rows = bool(records)
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        scores = [r.score for r in records if r.score is not None]
        if records:
            count = len(records)
            sessions = translate("HistoryView", "1 session") if count == 1 else translate("HistoryView", "{count} sessions").format(count=count)
            if scores:
                best = f"{max(scores):.0f}"
                line = translate("HistoryView", "{sessions} \u00b7 best {best} \u00b7 double-click one to see its results")
                self.subtitle.setText(line.format(sessions=sessions, best=best))
            else:
                self.subtitle.setText(translate("HistoryView", "{sessions} \u00b7 double-click one to see its results").format(sessions=sessions))
        else:
            self.subtitle.setText(translate("HistoryView", "Your sessions and how you are improving."))
        self._fill_picker(records, chart_id)
        if selected is not None:
            self.select_session(selected)
        self._selection_changed()

    def _fill_picker(self, records: list[SessionRecord], keep: int | None) -> None:
        self.picker.blockSignals(True)
        self.picker.clear()
        seen: dict[int, str] = {}
        for record in records:  # newest first: the latest danced choreography leads
            seen.setdefault(record.choreography_id, record.choreography_title)
        for choreography_id, title in seen.items():
            self.picker.addItem(title, choreography_id)
        index = self.picker.findData(keep) if keep is not None else -1
        self.picker.setCurrentIndex(index if index >= 0 else (0 if seen else -1))
        self.picker.setEnabled(bool(seen))
        self.picker.blockSignals(False)
        self._show_chart()

    def _show_chart(self) -> None:
        choreography_id = self.picker.currentData()
        if choreography_id is None:
            self.chart.set_points([], translate("HistoryView", "Your progress appears here once you have danced."))
            return
        self.chart.set_points(self.store.progress(int(choreography_id)), translate("HistoryView", "No scores yet for this choreography."))

    def session_ids(self) -> list[int]:
        """Session ids in the order the table shows them."""
        return [int(self.proxy.index(row, 0).data(ID_ROLE)) for row in range(self.proxy.rowCount())]

    def selected_session(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return int(rows[0].data(ID_ROLE)) if rows else None

    def select_session(self, session_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == session_id:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return True
        return False

    def _selection_changed(self, *_args: object) -> None:
        session_id = self.selected_session()
        self.open_button.setEnabled(session_id is not None)
        self.delete_button.setEnabled(session_id is not None)
        record = next((r for r in self.model.records if r.id == session_id), None)
        if record is not None:
            index = self.picker.findData(record.choreography_id)
            if index >= 0 and index != self.picker.currentIndex():
                self.picker.setCurrentIndex(index)

    # --- actions -----------------------------------------------------------------------------

    def open_selected(self) -> None:
        session_id = self.selected_session()
        if session_id is not None:
            self.open_session.emit(session_id)

    def ask_delete(self) -> None:
        session_id = self.selected_session()
        record = self.store.session(session_id) if session_id is not None else None
        if record is None:
            return
        values = {"title": record.choreography_title, "when": when_text(record.started_at), "score": "" if record.score is None else f"{record.score:.0f}"}
        if record.score is None:
            question = translate("HistoryView", "Delete your session of \u201c{title}\u201d from {when}?").format(**values)
        else:
            question = translate("HistoryView", "Delete your session of \u201c{title}\u201d from {when} (score {score})?").format(**values)
        if messages.confirm(
            self,
            translate("HistoryView", "Delete session"),
            question,
            translate("HistoryView", "Delete"),
            translate("HistoryView", "Its score, recording and replay are deleted from this computer. It cannot be undone."),
        ):
            self.delete(record.id)

    def delete(self, session_id: int) -> None:
        try:
            self.store.delete_session(session_id)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            messages.show_exception(self, translate("HistoryView", "Cannot delete the session"), exc)
        self.refresh()
        self.changed.emit()
