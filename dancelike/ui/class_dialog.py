"""The "Score a class…" dialog, from a dance card's ⋯ menu: many students' videos (or one video
of the whole class) scored against one dance.

A teacher picks files, a folder, or a group video (then every dancer in it is a row of their
own, numbered from the left). The batch runs in a worker thread (``services.batch.run_batch``,
which analyses the clips in worker processes); each finished row comes back through a Qt signal,
so the table (``class_rows``) fills in while the rest is being scored and the window never
freezes. Cancel keeps the rows already scored (the batch rewrites results.csv after every row).
A finished row opens its report read-only (``class_rows.ClassReportDialog``): a student's clip
has no history row, replay or recording, so the results screen, which shows a session, cannot
show it. The CSV and the class page (index.html, its pictures inside) are exported by copying
them in a worker, whole or not at all (``exports``).
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dancelike.errors import InputError
from dancelike.i18n import translate
from dancelike.services.batch.runner import BatchResult, expand_inputs, run_batch
from dancelike.store import paths
from dancelike.store.db import Store
from dancelike.store.records import Choreography
from dancelike.ui import messages
from dancelike.ui.class_rows import NAME, ClassReportDialog, ClassRow, ClassTable
from dancelike.ui.exports import copy_for_export
from dancelike.ui.theme import set_role
from dancelike.ui.time_left import TimeLeft
from dancelike.ui.workers import Job, run_in_thread


def class_folder(title: str, day: date | None = None) -> Path:
    """``<data>/classes/<dance>-<YYYY-mm-dd>`` (``-2``, ``-3``... for another class that day):
    a new batch never mixes its rows into an earlier one's results."""
    base = paths.subdir("classes") / paths.safe_file_name(f"{title}-{(day or date.today()).isoformat()}")
    folder, n = base, 2
    while folder.exists():
        folder, n = base.with_name(f"{base.name}-{n}"), n + 1
    return folder


class _Relay(QObject):
    """Carries the batch's callbacks from its thread to the GUI thread (queued signals)."""

    row = Signal(object)
    progress = Signal(int, int)


def _score_class(reference: Path, performances: list[Path], out: Path, every_dancer: bool, dancer: int | None, relay: _Relay, cancel: threading.Event) -> BatchResult:
    """The worker thread's whole job: the batch, its rows and progress relayed as they come."""
    return run_batch(
        reference, performances, out, every_dancer=every_dancer, reference_dancer=dancer, on_row=relay.row.emit, on_progress=relay.progress.emit, cancel=cancel
    )


class ClassDialog(QDialog):
    """Score a class against ``choreography``: ``add_paths``, ``start``; rows fill in as they finish."""

    batch_finished = Signal(str)  # "done", "cancelled" or "failed"
    exported = Signal(str)  # the path written, or "" when an export failed

    def __init__(self, choreography: Choreography, parent: QWidget | None = None, out: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("classDialog")
        self.setWindowTitle(translate("ClassDialog", "Score a class \u2014 {title}").format(title=choreography.title))
        self.choreography = choreography
        self.out = out
        self.job: Job | None = None
        self.time_left = TimeLeft()
        self._relay = _Relay(self)
        self._relay.row.connect(self._row_done)
        self._relay.progress.connect(self._progress)
        self._close_when_done = False
        self._export_jobs: list[Job] = []
        self.resize(1040, 720)
        self._build()
        self._refresh()

    # --- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(12)
        self._add_intro(layout)
        layout.addLayout(self._build_choose())
        layout.addWidget(self._build_table(), 1)
        layout.addLayout(self._build_where())
        layout.addLayout(self._build_progress())
        layout.addLayout(self._build_buttons())

    # --- building (in this order: the Tab order follows it) ---------------------------------

    def _add_intro(self, layout: QVBoxLayout) -> None:
        """The choreography scored against, and what to add."""
        title = QLabel(translate("ClassDialog", "Score a class against \u201c{title}\u201d").format(title=self.choreography.title))
        title.setTextFormat(Qt.TextFormat.PlainText)
        set_role(title, "subtitle")
        layout.addWidget(title)
        hint = QLabel(
            translate(
                "ClassDialog",
                "Add your students' videos, a folder of them, or one video of the whole class (every dancer in it "
                "gets a row, numbered from the left). Each is scored against this dance on this computer.",
            )
        )
        hint.setWordWrap(True)
        set_role(hint, "muted")
        layout.addWidget(hint)

    def _build_choose(self) -> QHBoxLayout:
        """Add videos, a folder or a group video; every dancer in a video a row."""
        choose = QHBoxLayout()
        self.add_files_button = self._button(translate("ClassDialog", "Add videos\u2026"), "classAddFiles", self._ask_files)
        self.add_folder_button = self._button(translate("ClassDialog", "Add a folder\u2026"), "classAddFolder", self._ask_folder)
        self.add_group_button = self._button(translate("ClassDialog", "Add a group video\u2026"), "classAddGroup", self._ask_group)
        for button in (self.add_files_button, self.add_folder_button, self.add_group_button):
            choose.addWidget(button)
        choose.addStretch(1)
        self.every_dancer = QCheckBox(translate("ClassDialog", "Every dancer in a video is a row"))
        self.every_dancer.setObjectName("classEveryDancer")
        self.every_dancer.setToolTip(translate("ClassDialog", "For a video of the whole class: each dancer is scored on their own"))
        choose.addWidget(self.every_dancer)
        return choose

    def _build_table(self) -> ClassTable:
        """One row per student (or dancer); double-click opens a row's results."""
        self.table = ClassTable()
        self.table.cellDoubleClicked.connect(lambda row, _column: self.open_row(row))
        self.table.itemSelectionChanged.connect(self._refresh)
        return self.table

    def _build_where(self) -> QHBoxLayout:
        """Where the results go, with Change and Open folder."""
        where = QHBoxLayout()
        self.folder_label = QLabel()
        self.folder_label.setObjectName("classFolder")
        self.folder_label.setWordWrap(True)
        set_role(self.folder_label, "muted")
        where.addWidget(self.folder_label, 1)
        self.change_folder_button = self._button(translate("ClassDialog", "Change\u2026"), "classChangeFolder", self._ask_out)
        self.change_folder_button.setAccessibleName(translate("ClassDialog", "Change where the results go"))
        self.open_folder_button = self._button(translate("ClassDialog", "Open folder"), "classOpenFolder", self._open_folder)
        where.addWidget(self.change_folder_button)
        where.addWidget(self.open_folder_button)
        return where

    def _build_progress(self) -> QHBoxLayout:
        """The batch's progress bar and status line."""
        progress = QHBoxLayout()
        self.bar = QProgressBar()
        self.bar.setObjectName("classProgress")
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.bar.setTextVisible(False)
        progress.addWidget(self.bar, 2)
        self.status = QLabel("")
        self.status.setObjectName("classStatus")
        self.status.setWordWrap(True)
        progress.addWidget(self.status, 3)
        return progress

    def _build_buttons(self) -> QHBoxLayout:
        """Exports and Open results on the left; Cancel, Close and Score on the right."""
        buttons = QHBoxLayout()
        self.csv_button = self._button(
            translate("ClassDialog", "Export CSV\u2026"), "classExportCsv", lambda: self._ask_export("results.csv", translate("ClassDialog", "CSV table (*.csv)"))
        )
        self.html_button = self._button(
            translate("ClassDialog", "Export HTML\u2026"), "classExportHtml", lambda: self._ask_export("index.html", translate("ClassDialog", "Web page (*.html)"))
        )
        self.open_button = self._button(translate("ClassDialog", "Open results"), "classOpenRow", lambda: self.open_row(self.table.currentRow()))
        for button in (self.csv_button, self.html_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.cancel_button = self._button(translate("ClassDialog", "Cancel"), "classCancel", self.cancel)
        self.close_button = self._button(translate("ClassDialog", "Close"), "classClose", self.reject)
        self.start_button = self._button(translate("ClassDialog", "Score"), "classStart", self.start)
        set_role(self.start_button, "primary")
        for button in (self.cancel_button, self.close_button, self.start_button):
            buttons.addWidget(button)
        return buttons

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # --- choosing the class --------------------------------------------------------------------

    def _ask_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, translate("ClassDialog", "Choose the students' videos"), str(Path.home()), messages.video_filter())
        self.add_paths([Path(f) for f in files])

    def _ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, translate("ClassDialog", "Choose a folder of videos"), str(Path.home()))
        if folder:
            try:
                self.add_paths(expand_inputs([Path(folder)]))  # its videos by name, as `dancelike batch` takes them
            except InputError as exc:
                self._say(str(exc), error=True)

    def _ask_group(self) -> None:
        file, _ = QFileDialog.getOpenFileName(self, translate("ClassDialog", "Choose a video of the whole class"), str(Path.home()), messages.video_filter())
        if file:
            self.add_group(Path(file))

    def _ask_out(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, translate("ClassDialog", "Where the class's results go"), str(self.output_folder().parent))
        if folder:
            self.out = Path(folder)
            self._refresh()

    def add_paths(self, files: list[Path]) -> None:
        """Queue these videos (each once) as rows of the table."""
        if self.job is not None:
            return
        for path in files:
            self.table.add(path)
        self._refresh()

    def add_group(self, video: Path) -> None:
        """A video of the whole class: every dancer in it becomes a row (as ``--dancers all``)."""
        self.every_dancer.setChecked(True)
        self.add_paths([video])

    def output_folder(self) -> Path:
        """Where the results go: chosen by the user, else a new folder under ``classes/``."""
        if self.out is None:
            self.out = class_folder(self.choreography.title)
        return self.out

    # --- running -------------------------------------------------------------------------------

    @property
    def rows(self) -> list[ClassRow]:
        return self.table.rows

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    def start(self) -> None:
        """Score every queued video in a worker thread; rows come back one by one."""
        if self.job is not None or not self.rows:
            return
        out = self.output_folder()
        self.table.folder = out
        self.time_left = TimeLeft()
        self.bar.setRange(0, 0)  # busy until the dance is read and the first count comes
        self._say(translate("ClassDialog", "Reading the dance\u2026"))
        self.job = run_in_thread(
            _score_class,
            self.choreography.video,
            [row.path for row in self.rows],
            out,
            self.every_dancer.isChecked(),
            self.choreography.dancer,
            self._relay,
            cancel_kw="cancel",
            name="score-class",
            on_done=self._finished,
            on_error=self._failed,
            on_cancelled=lambda: self._finished(None),
        )
        self._refresh()

    def cancel(self) -> None:
        """Stop after the clips being scored now; the rows already done stay."""
        if self.running and self.job is not None:
            self.job.cancel()
            self._say(translate("ClassDialog", "Stopping after the videos being scored now\u2026"))
            self.cancel_button.setEnabled(False)

    def _progress(self, done: int, total: int) -> None:
        if total <= 0 or self.job is None:
            return
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        fraction = done / total
        self.time_left.update(fraction)
        eta = self.time_left.text()
        if not (self.job.is_cancelled):
            scored = translate("ClassDialog", "{done} of {total} scored").format(done=done, total=total)
            self._say(f"{scored} \u00b7 {eta}" if eta else scored)
        self.table.next_in_line()

    def _row_done(self, data: dict[str, Any]) -> None:
        self.table.fill(data)
        if not self.job or not self.job.is_cancelled:
            self.table.next_in_line()
        self._refresh()

    def _finished(self, result: BatchResult | None) -> None:
        cancelled = result is None or result.cancelled or (self.job is not None and self.job.is_cancelled)
        self.table.finish()
        failed = [row.path.name for row in self.rows if row.status == "error"]
        values = {"scored": self.table.how_many("done"), "failed": len(failed), "files": ", ".join(failed)}
        if cancelled and failed:
            text = translate("ClassDialog", "Cancelled: {scored} scored \u00b7 {failed} could not be scored: {files} \u00b7 ranked by score")
        elif cancelled:
            text = translate("ClassDialog", "Cancelled: {scored} scored \u00b7 ranked by score")
        elif failed:
            text = translate("ClassDialog", "Done: {scored} scored \u00b7 {failed} could not be scored: {files} \u00b7 ranked by score")
        else:
            text = translate("ClassDialog", "Done: {scored} scored \u00b7 ranked by score")
        self.bar.setRange(0, 1)
        self.bar.setValue(0 if cancelled else 1)
        self._say(text.format(**values))
        self._end("cancelled" if cancelled else "done")

    def _failed(self, exc: BaseException) -> None:
        self.table.finish()
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self._say(f"{messages.user_message(exc)} {messages.next_step(exc)}", error=True)
        self._end("failed")

    def _end(self, how: str) -> None:
        self._refresh()
        self.batch_finished.emit(how)
        if self._close_when_done:
            super().reject()

    def open_row(self, index: int) -> ClassReportDialog | None:
        """A finished row's results (read-only); nothing for a row not scored."""
        if not 0 <= index < len(self.rows) or self.rows[index].status != "done":
            return None
        row = self.rows[index]
        report = row.data.get("report") if row.data else None
        if not isinstance(report, dict):
            return None
        dialog = ClassReportDialog(report, self.table.texts(NAME)[index], self.table.picture(row.data or {}), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # --- exports -------------------------------------------------------------------------------

    def _ask_export(self, name: str, kind: str) -> None:
        source = self.output_folder() / name
        stem = paths.safe_file_name(translate("ClassDialog", "{title} class {date}").format(title=self.choreography.title, date=date.today().isoformat()))
        proposed = Path.home() / f"{stem}{source.suffix}"
        chosen, _ = QFileDialog.getSaveFileName(self, translate("ClassDialog", "Export the class's results"), str(proposed), kind)
        if chosen:
            self.export_to(source, Path(chosen))

    def export_to(self, source: Path, destination: Path) -> Job:
        """Copy results.csv or index.html in a worker; ``exported`` says where (or "")."""
        job = run_in_thread(copy_for_export, source, destination, name="class-export", on_done=self._exported, on_error=self._export_failed)
        self._export_jobs.append(job)
        job.finished.connect(lambda: self._export_jobs.remove(job))
        return job

    def _exported(self, path: Path) -> None:
        self._say(translate("ClassDialog", "Exported {path}").format(path=path))
        self.exported.emit(str(path))

    def _export_failed(self, exc: BaseException) -> None:
        self._say(translate("ClassDialog", "Could not export: {error}").format(error=messages.user_message(exc)), error=True)
        self.exported.emit("")

    # --- state ---------------------------------------------------------------------------------

    def _refresh(self) -> None:
        started = self.job is not None
        for button in (self.add_files_button, self.add_folder_button, self.add_group_button, self.change_folder_button):
            button.setEnabled(not started)
        self.every_dancer.setEnabled(not started)
        self.start_button.setEnabled(not started and bool(self.rows))
        self.start_button.setVisible(not started)  # one batch per dialog: Cancel, then Close
        self.cancel_button.setVisible(self.running)
        count = len(self.rows)
        if count and not started:
            self.start_button.setText(translate("ClassDialog", "Score 1 video") if count == 1 else translate("ClassDialog", "Score {count} videos").format(count=count))
        else:
            self.start_button.setText(translate("ClassDialog", "Score"))
        self.cancel_button.setEnabled(self.running and not (self.job is not None and self.job.is_cancelled))
        out = self.output_folder()
        self.folder_label.setText(translate("ClassDialog", "Results go to {folder}").format(folder=out))
        self.open_folder_button.setEnabled(out.is_dir())
        has_csv = not self.running and (out / "results.csv").is_file()
        self.csv_button.setEnabled(has_csv)
        self.html_button.setEnabled(not self.running and (out / "index.html").is_file())
        current = self.table.currentRow() if self.table.selectionModel().hasSelection() else -1
        self.open_button.setEnabled(0 <= current < len(self.rows) and self.rows[current].status == "done")
        if not started and not self.status.text():
            self._say(translate("ClassDialog", "Add the videos to score.") if not self.rows else "")

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        set_role(self.status, "error" if error else "muted")

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.output_folder())))

    def reject(self) -> None:
        """Closing while scoring cancels first; the dialog closes once the batch has stopped."""
        if self.running:
            self._close_when_done = True
            self.cancel()
            return
        super().reject()


def open_class_dialog(parent: QWidget, choreography_id: int) -> ClassDialog | None:
    """The card menu's "Score a class…": one dialog per window (raised when already open)."""
    store: Store | None = getattr(parent, "store", None)
    item = store.choreography(choreography_id) if store is not None else None
    if item is None:
        return None
    dialog = parent.findChild(ClassDialog, "classDialog")
    if dialog is not None:
        dialog.raise_()
        dialog.activateWindow()
        return dialog
    dialog = ClassDialog(item, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # closes only once its batch has stopped
    dialog.open()
    return dialog
