"""The library: the user's choreographies as a grid of cards (``library_cards``), and importing new ones.

Importing copies and analyses a video, which takes a while (about the video's length), so it
runs in a worker with a progress bar and a Cancel button in a task row above the grid while the
user keeps browsing. Imports queue up and run one at a time: analysis already uses every core.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dancelike.errors import InputError
from dancelike.i18n import QT_TRANSLATE_NOOP, translate
from dancelike.services import dancers, library
from dancelike.store.db import Choreography, Store
from dancelike.ui import messages
from dancelike.ui.class_dialog import open_class_dialog
from dancelike.ui.dancer_picker import DancerPicker
from dancelike.ui.library_cards import ChoreographyCard, TaskRow
from dancelike.ui.theme import font, set_role
from dancelike.ui.workers import Job, run_in_thread

#: Cards are at least this many text lines wide (about 280 px at 13 pt, twice that on a 2x screen).
CARD_MIN_EMS = 13
UNREADABLE_HINT = QT_TRANSLATE_NOOP("LibraryView", "Choose a video file DanceLike can play (MP4, MOV, MKV, WebM or AVI), or re-export it and try again.")


@dataclass
class _Import:
    path: Path
    row: TaskRow
    job: Job | None = None
    done: bool = field(default=False)


class LibraryView(QWidget):
    """The choreography grid, the Import button, drag and drop, and the import queue."""

    dance_requested = Signal(int)
    imported = Signal(int)  # choreography id
    import_failed = Signal(str)  # the message shown
    import_cancelled = Signal(str)  # the file
    changed = Signal()  # something was added, renamed or deleted
    dancer_chosen = Signal(int, int)  # choreography id, dancer number

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("libraryView")
        self.setAcceptDrops(True)
        self._cards: dict[int, ChoreographyCard] = {}
        self._imports: list[_Import] = []
        self._columns = 0
        self._busy = 0  # background tasks that may have added a row still being analysed
        self.picker: DancerPicker | None = None  # the dancer picker while it is open
        self._picking: Job | None = None  # reading the dancers' pictures for it

        outer = QVBoxLayout(self)
        outer.setContentsMargins(36, 28, 36, 16)
        outer.setSpacing(16)
        outer.addLayout(self._header())
        self.tasks = QVBoxLayout()
        self.tasks.setSpacing(8)
        outer.addLayout(self.tasks)
        outer.addWidget(self._grid_frame(), 1)
        self.refresh()

    def _header(self) -> QHBoxLayout:
        """The title, how many dances there are, and "Import video…"."""
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        title = QLabel(translate("LibraryView", "Library"))
        set_role(title, "title")
        titles.addWidget(title)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("librarySubtitle")
        self.subtitle.setWordWrap(True)
        set_role(self.subtitle, "muted")
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        self.import_button = QPushButton(translate("LibraryView", "Import video\u2026"))
        self.import_button.setObjectName("importButton")
        set_role(self.import_button, "primary")
        self.import_button.setToolTip(translate("LibraryView", "Copy a dance video into DanceLike and analyse it (you can also drop files here)"))
        self.import_button.clicked.connect(self.import_dialog)
        header.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        return header

    def _grid_frame(self) -> QFrame:
        """The cards' scrolling grid, and in its place when there are none, what to do first."""
        self.frame = QFrame()
        self.frame.setObjectName("libraryFrame")
        frame_layout = QVBoxLayout(self.frame)
        frame_layout.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAccessibleName(translate("LibraryView", "Your dances"))
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the cards take the focus, one by one
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 8, 8)
        self.grid.setSpacing(20)
        self.scroll_area.setWidget(self.grid_host)
        frame_layout.addWidget(self.scroll_area)
        frame_layout.addWidget(self._empty_page())
        return self.frame

    def _empty_page(self) -> QWidget:
        """What an empty library says (filled in by ``refresh``)."""
        self.empty = QWidget()
        self.empty.setObjectName("libraryEmpty")
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        self.empty_title = QLabel()
        set_role(self.empty_title, "subtitle")
        self.empty_title.setFont(font(22, bold=True))
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_layout.addWidget(self.empty_title)
        self.empty_text = QLabel()
        set_role(self.empty_text, "empty")
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setWordWrap(True)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addStretch(2)
        return self.empty

    # --- the grid --------------------------------------------------------------------------

    def cards(self) -> dict[int, ChoreographyCard]:
        return dict(self._cards)

    def refresh(self) -> None:
        """Reload the choreographies from the store and rebuild the cards."""
        items = self.store.choreographies()
        for card in self._cards.values():
            card.setParent(None)
            card.deleteLater()
        self._cards = {}
        if self._busy or self.importing():
            items = [item for item in items if item.analysed]  # still importing: its task row shows it
        for item in items:
            card = ChoreographyCard(item)
            card.dance.connect(self.dance_requested)
            card.rename.connect(self.ask_rename)
            card.delete.connect(self.ask_delete)
            card.choose_dancer.connect(self.ask_dancer)
            card.score_class.connect(partial(open_class_dialog, self))
            card.step.connect(self._focus_neighbour)
            self._cards[item.id] = card
        self._columns = 0
        self._reflow()
        count = len(items)
        if count == 0:
            self.subtitle.setText(translate("LibraryView", "Pick a dance to learn, or import your own video."))
        elif count == 1:
            self.subtitle.setText(translate("LibraryView", "1 choreography \u00b7 pick one and press Dance"))
        else:
            self.subtitle.setText(translate("LibraryView", "{count} choreographies \u00b7 pick one and press Dance").format(count=count))
        self.scroll_area.setVisible(bool(items))
        self.empty.setVisible(not items)
        if self._busy:
            self.empty_title.setText(translate("LibraryView", "Your first dance is on its way"))
            self.empty_text.setText(translate("LibraryView", "The demo appears here in a moment. Meanwhile you can import your own video, or drop one here."))
        else:
            self.empty_title.setText(translate("LibraryView", "Your library is empty"))
            self.empty_text.setText(translate("LibraryView", "Import a dance video, or drop one here, to start learning it."))

    def _column_count(self) -> int:
        em = self.fontMetrics().height()
        width = self.scroll_area.viewport().width() or self.width()
        return max(1, (width + self.grid.spacing()) // (CARD_MIN_EMS * em + self.grid.spacing()))

    def _reflow(self) -> None:
        columns = self._column_count()
        if columns == self._columns and all(self.grid.indexOf(c) >= 0 for c in self._cards.values()):
            return
        self._columns = columns
        while self.grid.count():
            self.grid.takeAt(0)
        for i in range(self.grid.columnCount()):
            self.grid.setColumnStretch(i, 0)
        for i in range(self.grid.rowCount()):
            self.grid.setRowStretch(i, 0)
        for index, card in enumerate(self._cards.values()):
            self.grid.addWidget(card, index // columns, index % columns)
        for i in range(columns):
            self.grid.setColumnStretch(i, 1)
        rows = (len(self._cards) + columns - 1) // columns
        self.grid.setRowStretch(rows, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    def _focus_neighbour(self, choreography_id: int, dx: int, dy: int) -> None:
        """Arrow keys on a card: the focus moves to the card beside, above or below it."""
        ids = list(self._cards)
        if choreography_id not in ids:
            return
        columns = max(1, self._columns)
        index = ids.index(choreography_id) + dx + dy * columns
        if 0 <= index < len(ids):
            card = self._cards[ids[index]]
            card.setFocus(Qt.FocusReason.TabFocusReason)
            self.scroll_area.ensureWidgetVisible(card)

    # --- rename and delete ---------------------------------------------------------------

    def ask_rename(self, choreography_id: int) -> None:
        item = self.store.choreography(choreography_id)
        if item is None:
            return
        title = messages.ask_text(self, translate("LibraryView", "Rename"), translate("LibraryView", "New name for this choreography:"), item.title)
        if title is not None and title.strip() != item.title:
            self.rename(choreography_id, title)

    def rename(self, choreography_id: int, title: str) -> None:
        try:
            self.store.rename_choreography(choreography_id, title)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            messages.show_exception(self, translate("LibraryView", "Cannot rename"), exc)
            return
        self.refresh()
        self.changed.emit()

    def ask_delete(self, choreography_id: int) -> None:
        item = self.store.choreography(choreography_id)
        if item is None:
            return
        sessions = item.session_count
        if sessions == 0:
            details = translate("LibraryView", "This deletes its video from this computer. It cannot be undone.")
        elif sessions == 1:
            details = translate("LibraryView", "This deletes its video and its session (scores, recordings and replays) from this computer. It cannot be undone.")
        else:
            details = translate(
                "LibraryView", "This deletes its video and all {count} of its sessions (scores, recordings and replays) from this computer. It cannot be undone."
            ).format(count=sessions)
        if messages.confirm(
            self,
            translate("LibraryView", "Delete choreography"),
            translate("LibraryView", "Delete \u201c{title}\u201d?").format(title=item.title),
            translate("LibraryView", "Delete"),
            details,
        ):
            self.delete(choreography_id)

    def delete(self, choreography_id: int) -> None:
        try:
            self.store.delete_choreography(choreography_id)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            messages.show_exception(self, translate("LibraryView", "Cannot delete"), exc)
        self.refresh()
        self.changed.emit()

    # --- whom to follow in a group video ------------------------------------------------------

    def ask_dancer(self, choreography_id: int) -> None:
        """Open the dancer picker (its pictures are read in a worker first: a second at most)."""
        if self._picking is not None or self.picker is not None:
            return
        self._picking = run_in_thread(
            dancers.dancer_pick,
            self.store,
            choreography_id,
            name="dancer-pick",
            on_done=self._show_picker,
            on_error=self._pick_failed,
        )

    def _pick_failed(self, exc: BaseException) -> None:
        self._picking = None
        messages.show_exception(self, translate("LibraryView", "Cannot choose a dancer"), exc)

    def _show_picker(self, pick: dancers.DancerPick) -> None:
        self._picking = None
        self.picker = DancerPicker(pick, self)
        self.picker.finished.connect(lambda result, picker=self.picker: self._picker_closed(picker, result))
        self.picker.open()

    def _picker_closed(self, picker: DancerPicker, result: int) -> None:
        self.picker = None
        picker.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            return
        pick, number = picker.pick, picker.selected
        try:
            dancers.choose_dancer(self.store, pick.choreography.id, number)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            messages.show_exception(self, translate("LibraryView", "Cannot choose a dancer"), exc)
            return
        self.refresh()
        self.changed.emit()
        self.dancer_chosen.emit(pick.choreography.id, number)
        # the chosen dancer's chance level, for a live score on the right scale from the start
        run_in_thread(dancers.measure_choice, pick, number, name="dancer-chance", on_error=lambda _exc: None)

    # --- background tasks ------------------------------------------------------------------

    def add_task(self, text: str, cancellable: bool = False, hint: str = "") -> TaskRow:
        """A progress row above the grid (imports, and the app's first-launch demo)."""
        row = TaskRow(text, cancellable, hint)
        before = self.task_rows()
        self.tasks.addWidget(row)
        # Tab reaches its button where it is read: after the rows above it, before the cards
        QWidget.setTabOrder(before[-1].button if before else self.import_button, row.button)
        return row

    def begin_busy(self) -> None:
        """A task outside the view (the demo) is adding a choreography: hide it until analysed."""
        self._busy += 1
        self.refresh()

    def end_busy(self) -> None:
        self._busy = max(0, self._busy - 1)
        self.refresh()

    def task_rows(self) -> list[TaskRow]:
        items = (self.tasks.itemAt(i) for i in range(self.tasks.count()))
        return [w for w in (item.widget() for item in items if item is not None) if isinstance(w, TaskRow)]

    # --- importing ---------------------------------------------------------------------------

    def import_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, translate("LibraryView", "Import dance videos"), str(Path.home()), messages.video_filter())
        self.import_files([Path(f) for f in files])

    def import_files(self, paths: list[Path]) -> None:
        """Queue ``paths`` for import; they run one after another in the background."""
        for path in paths:
            row = self.add_task(
                translate("LibraryView", "Importing {file}").format(file=Path(path).name),
                cancellable=True,
                hint=translate("LibraryView", "Waiting for the import before it\u2026"),
            )
            task = _Import(Path(path), row)
            task.row.cancel_requested.connect(lambda t=task: self._cancel(t))
            self._imports.append(task)
        self._next_import()

    def importing(self) -> bool:
        return any(not t.done for t in self._imports)

    def cancel_imports(self) -> None:
        for task in list(self._imports):
            self._cancel(task)

    def _next_import(self) -> None:
        if any(t.job is not None and not t.done for t in self._imports):
            return
        waiting = [t for t in self._imports if t.job is None and not t.done]
        if not waiting:
            return
        task = waiting[0]
        task.row.hint.setText(translate("LibraryView", "Copying the video and analysing the dance. You can keep browsing."))
        task.row.hint.show()
        task.job = run_in_thread(
            library.import_video,
            self.store,
            task.path,
            on_progress=task.row.set_progress,
            cancel_kw="cancel",
            name="import",
            on_done=partial(self._import_done, task),
            on_error=partial(self._import_failed, task),
            on_cancelled=partial(self._import_cancelled, task),
        )

    def _cancel(self, task: _Import) -> None:
        if task.done:
            return
        if task.job is None:
            self._import_cancelled(task)
        else:
            task.row.hint.setText(translate("LibraryView", "Cancelling\u2026"))
            task.row.button.setEnabled(False)
            task.job.cancel()

    def _finish(self, task: _Import, remove_row: bool = True) -> None:
        task.done = True
        self._imports.remove(task)
        if remove_row:
            task.row.setParent(None)
            task.row.deleteLater()
        self._next_import()

    def _import_done(self, task: _Import, item: Choreography) -> None:
        self._finish(task)
        self.refresh()
        self.changed.emit()
        self.imported.emit(item.id)
        if item.has_dancers_to_choose:  # a group video: whom to follow
            self.ask_dancer(item.id)

    def _import_failed(self, task: _Import, exc: BaseException) -> None:
        text = translate("LibraryView", "Could not import {file}: {error}").format(file=task.path.name, error=messages.user_message(exc))
        hint = translate("LibraryView", UNREADABLE_HINT) if isinstance(exc, InputError) else messages.next_step(exc)
        task.row.fail(text, hint)
        self._finish(task, remove_row=False)
        self.refresh()  # a failed import leaves nothing behind; show exactly what is there
        self.import_failed.emit(text)

    def _import_cancelled(self, task: _Import) -> None:
        self._finish(task)
        self.refresh()
        self.import_cancelled.emit(str(task.path))

    # --- drag and drop -----------------------------------------------------------------------

    @staticmethod
    def _dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and Path(url.toLocalFile()).is_file()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_files(event):
            event.acceptProposedAction()
            set_role(self.frame, "drop")

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        set_role(self.frame, "")

    def dropEvent(self, event: QDropEvent) -> None:
        set_role(self.frame, "")
        files = self._dropped_files(event)
        if files:
            event.acceptProposedAction()
            self.import_files(files)
