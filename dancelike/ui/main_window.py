"""The main window: a sidebar (Library, History, Settings) beside a stack of pages.

Library "Dance" → the dance page; a finished session → its results; History "open" → results;
results "Dance again" → the dance page. At launch the window recovers sessions an earlier run
left unfinished (a modal progress dialog: nothing may start before they are safe), then makes
sure the demo choreography exists (in the background, with a progress row on the library).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dancelike.i18n import QT_TRANSLATE_NOOP, translate
from dancelike.store.db import Choreography, SessionRecord, Store
from dancelike.ui import messages
from dancelike.ui.dance_view import DanceView
from dancelike.ui.history_view import HistoryView
from dancelike.ui.library_view import LibraryView
from dancelike.ui.practice_plan import PracticePlan
from dancelike.ui.results_view import ResultsView
from dancelike.ui.settings import AppSettings, camera_note
from dancelike.ui.settings_view import SettingsView
from dancelike.ui.theme import set_role
from dancelike.ui.workers import Job, cancel_all, run_in_thread

#: The sidebar's pages: name, label (translated where shown), object name, shortcut.
NAV = (
    ("library", QT_TRANSLATE_NOOP("MainWindow", "Library"), "navLibrary", "Ctrl+1"),
    ("history", QT_TRANSLATE_NOOP("MainWindow", "History"), "navHistory", "Ctrl+2"),
    ("settings", QT_TRANSLATE_NOOP("MainWindow", "Settings"), "navSettings", "Ctrl+3"),
)


class MainWindow(QMainWindow):
    """The app's one window; ``run_startup()`` does the launch work (recovery, demo)."""

    startup_finished = Signal()
    recovered = Signal(list)  # the SessionRecords recovered at launch

    def __init__(self, store: Store, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.settings = store, settings
        self.setWindowTitle("DanceLike")
        self.setMinimumSize(1024, 640)
        self.resize(1280, 800)
        self._results_return = "library"
        self._demo_job: Job | None = None
        self.restart_wanted = False  # closed by Settings' "Restart now": the app builds a new window

        # The sidebar first, then the pages: Tab follows the order widgets join the window, and the
        # sidebar is read first.
        central = QWidget()
        central.setObjectName("page")
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.sidebar = self._sidebar()
        row.addWidget(self.sidebar)
        self.stack = QStackedWidget()
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.library = LibraryView(store)
        self.dance = DanceView(store, settings)
        self.dance.setObjectName("danceView")
        self.results = ResultsView(store)
        self.results.setObjectName("resultsView")
        self.history = HistoryView(store)
        self.settings_view = SettingsView(settings, store.root)
        self.pages: dict[str, QWidget] = {
            "library": self.library,
            "dance": self.dance,
            "results": self.results,
            "history": self.history,
            "settings": self.settings_view,
        }
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.camera_note = QLabel()
        self.camera_note.setObjectName("cameraNote")
        self.statusBar().addPermanentWidget(self.camera_note)
        self.statusBar().setSizeGripEnabled(False)

        self.library.dance_requested.connect(self.start_dance)
        self.library.changed.connect(self.history.refresh)
        self.history.open_session.connect(lambda sid: self.show_results(sid, back_to="history"))
        self.history.changed.connect(self.library.refresh)
        self.dance.finished.connect(lambda sid: self.show_results(sid, back_to="library"))
        self.dance.left.connect(self._dance_left)
        self.results.dance_again.connect(self.start_dance)
        self.results.practise.connect(self.start_dance)  # Break It Down: (choreography, PracticePlan)
        self.results.back.connect(lambda: self.show_page(self._results_return))
        self.settings_view.changed.connect(self.update_camera_note)
        self.settings_view.restart_requested.connect(self.restart)
        QShortcut(QKeySequence("Ctrl+I"), self).activated.connect(self._import_shortcut)
        QShortcut(QKeySequence("F11"), self).activated.connect(self.toggle_full_screen)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Quit), self).activated.connect(self.close)
        self.show_page("library")
        self.update_camera_note()

    def _sidebar(self) -> QFrame:
        bar = QFrame()
        bar.setObjectName("sidebar")
        bar.setAccessibleName(translate("MainWindow", "Navigation"))
        layout = QVBoxLayout(bar)
        layout.setContentsMargins(16, 26, 16, 18)
        layout.setSpacing(6)
        brand = QLabel("DanceLike")
        brand.setObjectName("brand")
        set_role(brand, "brand")
        layout.addWidget(brand)
        tagline = QLabel(translate("MainWindow", "Learn any dance"))
        set_role(tagline, "muted")
        tagline.setContentsMargins(2, 0, 0, 18)
        layout.addWidget(tagline)
        # no QButtonGroup: Tab would reach only one of its buttons; show_page checks the page's own
        self.nav_buttons: dict[str, QPushButton] = {}
        for name, english, object_name, keys in NAV:
            text = translate("MainWindow", english)
            button = QPushButton(text)
            button.setObjectName(object_name)
            set_role(button, "nav")
            button.setCheckable(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            shortcut = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(translate("MainWindow", "{page} ({keys})").format(page=text, keys=shortcut))
            button.setAccessibleDescription(translate("MainWindow", "Shows the {page} page. Shortcut: {keys}").format(page=text, keys=shortcut))
            button.clicked.connect(lambda _checked=False, n=name: self.navigate(n))
            QShortcut(QKeySequence(keys), self).activated.connect(lambda n=name: self.navigate(n))
            self.nav_buttons[name] = button
            layout.addWidget(button)
        layout.addStretch(1)
        privacy = QLabel(translate("MainWindow", "Everything stays on this computer."))
        privacy.setWordWrap(True)
        set_role(privacy, "small")
        layout.addWidget(privacy)
        margins = layout.contentsMargins()
        bar.setFixedWidth(max(brand.sizeHint().width(), bar.fontMetrics().horizontalAdvance("M") * 11) + margins.left() + margins.right() + 8)
        return bar

    # --- navigation ----------------------------------------------------------------------

    def current_page(self) -> str:
        current = self.stack.currentWidget()
        return next(name for name, page in self.pages.items() if page is current)

    def navigate(self, name: str) -> None:
        """The user asks for a page (sidebar, Ctrl+1-3): not while dancing (Esc ends a dance)."""
        if self.current_page() != "dance":
            self.show_page(name)

    def show_page(self, name: str) -> None:
        """Show a page; the sidebar is hidden while dancing (the dance gets the whole window)."""
        if name == "library":
            self.library.refresh()
        elif name == "history":
            self.history.refresh()
        self.stack.setCurrentWidget(self.pages[name])
        self.sidebar.setVisible(name != "dance")
        for page, button in self.nav_buttons.items():
            button.setChecked(page == name)

    def start_dance(self, choreography_id: int, practice: PracticePlan | None = None) -> None:
        choreography = self.store.choreography(choreography_id)
        if choreography is None:
            messages.show_error(
                self,
                translate("MainWindow", "Choreography not found"),
                translate("MainWindow", "This choreography is no longer in the library."),
                translate("MainWindow", "Pick another one in the Library."),
            )
            self.show_page("library")
            return
        self.show_page("dance")
        try:
            self.dance.start(choreography, practice)
        except Exception as exc:  # noqa: BLE001 - shown to the user, the window stays usable
            self.show_page("library")
            messages.show_exception(self, translate("MainWindow", "Cannot start the dance"), exc)

    def show_results(self, session_id: int, back_to: str = "library") -> None:
        self._results_return = back_to
        self.library.refresh()
        self.history.refresh()
        self.show_page("results")
        self.results.show_session(session_id)

    def _dance_left(self) -> None:
        self.show_page("library")

    def _import_shortcut(self) -> None:
        if self.current_page() != "dance":
            self.show_page("library")
            self.library.import_dialog()

    def restart(self) -> None:
        """Close this window so the app opens a new one in the language now chosen (never mid-dance)."""
        if self.current_page() != "dance":
            self.restart_wanted = True
            self.close()

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    # --- notes ---------------------------------------------------------------------------------

    def update_camera_note(self) -> None:
        """Say which camera a dance will use (found in a worker: probing webcams takes time)."""

        # only the newest answer is shown: probing for webcams ("auto") can outlast a later choice of a file
        asked = self._camera_asked = getattr(self, "_camera_asked", 0) + 1

        def shown(got: tuple[str, str]) -> None:
            if asked == self._camera_asked:
                self.camera_note.setText(camera_note(*got))

        run_in_thread(self.settings.resolved_camera, on_done=shown, name="resolve-camera")

    # --- launch --------------------------------------------------------------------------------

    def run_startup(self, recover: bool = True, demo: bool = True) -> None:
        """Recover unfinished sessions (modal, with progress), then ensure the demo (background).
        A history found damaged and rebuilt at opening is said first, in one sentence."""
        if self.store.repaired:
            self.statusBar().showMessage(self.store.repaired, 30000)
            messages.inform(self, translate("MainWindow", "Your history was repaired"), self.store.repaired)
        orphans = self.store.orphans() if recover else []
        if not orphans:
            self._ensure_demo(demo)
            return
        dialog = self.recovery_dialog = self._recovery_dialog()

        def done(records: list[SessionRecord]) -> None:
            dialog.close()
            self.history.refresh()
            self.library.refresh()
            self._tell_recovered(records)
            self.recovered.emit(records)
            self._ensure_demo(demo)

        def failed(exc: BaseException) -> None:
            dialog.close()
            messages.show_exception(self, translate("MainWindow", "Cannot recover the last session"), exc)
            self.recovered.emit([])
            self._ensure_demo(demo)

        from dancelike.services.sessions import recover_orphans

        run_in_thread(recover_orphans, self.store, name="recover", on_progress=lambda f: dialog.setValue(round(f * 1000)), on_done=done, on_error=failed)

    def _recovery_dialog(self) -> QProgressDialog:
        """The modal progress of the recovery at launch (no cancel: it is quick and must finish)."""
        dialog = QProgressDialog(translate("MainWindow", "Recovering the session DanceLike was recording when it closed\u2026"), "", 0, 1000, self)
        dialog.setObjectName("recoveryDialog")
        dialog.setWindowTitle(translate("MainWindow", "Recovering your last session"))
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setValue(0)
        dialog.show()
        return dialog

    def _tell_recovered(self, records: list[SessionRecord]) -> None:
        """Say what the recovery kept (with the scores) or why it kept nothing."""
        kept = [r for r in records if r.status == "recovered"]
        if kept:
            scores = ", ".join(f"{r.choreography_title}: {r.score:.0f}" for r in kept if r.score is not None)
            self.statusBar().showMessage(translate("MainWindow", "Recovered your last session."), 15000)
            if scores:
                details = translate("MainWindow", "DanceLike closed while you were dancing; your recording was kept and scored ({scores}). Find it in History.").format(
                    scores=scores
                )
            else:
                details = translate("MainWindow", "DanceLike closed while you were dancing; your recording was kept and scored. Find it in History.")
            messages.inform(self, translate("MainWindow", "Recovered your last session"), translate("MainWindow", "Recovered your last session."), details)
        elif records:
            reasons = "; ".join(r.message for r in records if r.message)
            details = (
                translate("MainWindow", "{reasons}. The session is listed in History as failed.").format(reasons=reasons)
                if reasons
                else translate("MainWindow", "The session is listed in History as failed.")
            )
            messages.inform(
                self,
                translate("MainWindow", "Your last session could not be recovered"),
                translate("MainWindow", "DanceLike closed while you were dancing and nothing playable was recorded."),
                details,
            )

    def _ensure_demo(self, wanted: bool) -> None:
        existing = next((c for c in self.store.choreographies() if c.is_demo), None)
        if not wanted or (existing is not None and existing.analysed and existing.video.is_file()):
            self.startup_finished.emit()
            return
        row = self.library.add_task(
            translate("MainWindow", "Preparing the demo dance"), hint=translate("MainWindow", "First launch only: drawing the dancer and analysing the moves.")
        )
        row.setObjectName("demoTask")
        self.library.begin_busy()

        def done(_demo: Choreography) -> None:
            row.setParent(None)
            row.deleteLater()
            self.library.end_busy()
            self.history.refresh()
            self.startup_finished.emit()

        def failed(exc: BaseException) -> None:
            row.fail(
                translate("MainWindow", "Could not prepare the demo dance: {error}").format(error=messages.user_message(exc)),
                translate("MainWindow", "{next_step} It is tried again at the next launch.").format(next_step=messages.next_step(exc)),
            )
            self.library.end_busy()
            self.startup_finished.emit()

        def cancelled() -> None:
            self.library.end_busy()

        from dancelike.services.demo import ensure_demo

        self._demo_job = run_in_thread(
            ensure_demo, self.store, name="demo", on_progress=row.set_progress, cancel_kw="cancel", on_done=done, on_error=failed, on_cancelled=cancelled
        )

    # --- closing -------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop the camera preview, cancel imports and the demo, let pages end their sessions."""
        self.hide()  # closing can wait a moment for background work: nothing frozen on screen
        self.settings_view.stop_preview()
        self.library.cancel_imports()
        for page in self.pages.values():
            shutdown = getattr(page, "shutdown", None)
            if callable(shutdown):
                shutdown()
        cancel_all(timeout=10.0)
        self.settings.sync()
        super().closeEvent(event)
