"""The app's shell, offscreen: library, history, settings, the main window, the worker helper.

Real store in a temporary data folder, a real 2-second 320x240 video imported and analysed,
real file cameras for the preview. Tests wait on signals and conditions with timeouts, never
on sleeps; dialogs that would block (confirm, ask for a name) are replaced in ``messages``.
"""

from __future__ import annotations

import importlib.machinery
import sys
import threading
import types
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from dancelike.errors import InputError
from dancelike.services import demo as store_demo
from dancelike.store.db import Store
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_performance
from dancelike.ui import messages
from dancelike.ui import settings as settings_module
from dancelike.ui.history_view import COLUMNS, HistoryView
from dancelike.ui.library_cards import TaskRow
from dancelike.ui.library_view import LibraryView
from dancelike.ui.main_window import MainWindow
from dancelike.ui.settings import NO_WEBCAM_NOTE, AppSettings
from dancelike.ui.settings_view import SettingsView
from dancelike.ui.theme import COLORS, apply_theme, font, format_duration, score_color
from dancelike.ui.workers import Job, JobCancelled, active_jobs, run_in_thread

WAIT_MS = 60_000  # an import analyses the clip in worker processes: generous on 2 busy cores


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2-second 320x240 dance video (the synthetic pro, with music)."""
    path = tmp_path_factory.mktemp("shell") / "salsa_basics.mp4"
    render_performance(path, "groove", Dancer(), Scene(width=320, height=240), duration=2.0, start=2.0)
    return path


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Replace the blocking dialogs: ``answers`` says what the "user" answers; errors are kept."""
    said: dict[str, object] = {"confirm": True, "text": None, "errors": [], "asked": []}

    def confirm(parent: object, title: str, text: str, ok_text: str = "OK", details: str = "") -> bool:
        said["asked"].append(f"{text} {details}")  # type: ignore[union-attr]
        return bool(said["confirm"])

    monkeypatch.setattr(messages, "confirm", confirm)
    monkeypatch.setattr(messages, "ask_text", lambda *args, **kwargs: said["text"])
    monkeypatch.setattr(messages, "show_error", lambda parent, title, text, what_next="": said["errors"].append(f"{text} {what_next}"))  # type: ignore[union-attr]
    monkeypatch.setattr(messages, "inform", lambda parent, title, text, details="": said["errors"].append(f"{text} {details}"))  # type: ignore[union-attr]
    return said


def add_fake(store: Store, title: str, tmp: Path) -> int:
    """A library row without a real video (history and window tests need rows, not media)."""
    video = tmp / f"{title}.mp4"
    video.write_bytes(b"stand-in")
    return store.add_choreography(title, video, 95.0, 30.0, 640, 480, None).id


def add_session(store: Store, choreography_id: int, score: float | None, status: str = "done") -> int:
    record = store.begin_session(choreography_id, {"camera": "demo"})
    (record.folder / "recording.mp4").write_bytes(b"frames")
    grade = None if score is None else ("A" if score >= 80 else "B" if score >= 65 else "C")
    store.complete_session(record.id, status=status, score=score, grade=grade, duration=42.0, parts={})
    return record.id


# --- theme, settings, workers -------------------------------------------------------------


def test_theme_colours_fonts_and_durations(qapp: QApplication) -> None:
    assert {"bg", "panel", "panel_alt", "text", "muted", "accent", "good", "ok", "bad", "border"} <= set(COLORS)
    red, amber, green = score_color(0), score_color(60), score_color(95)
    assert red.red() > red.green() and green.green() > green.red() and amber.red() > 200 and amber.green() > 150
    apply_theme(qapp)
    assert qapp.font().pointSize() >= 13 and "QPushButton" in qapp.styleSheet()
    assert font(56, bold=True).pointSize() == 56 and font(56, bold=True).bold()
    assert [format_duration(s) for s in (0, 2.4, 95, 3725, None)] == ["0:00", "0:02", "1:35", "1:02:05", "\u2014"]


def test_settings_persist_and_fall_back(tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(tmp_path / "settings.ini")
    first = AppSettings(QSettings(path, QSettings.Format.IniFormat))
    assert (first.camera, first.resolution, first.mirror, first.record, first.model_threads) == ("auto", (640, 480), "auto", True, 1)
    assert (first.data_folder, first.layout, first.overlays, first.speed, first.stretch) == ("", "beside", {"parts"}, 1.0, "wsola")
    video = str(tmp_path / "my dance/clip.mp4")
    first.camera, first.resolution, first.mirror, first.record = video, (1280, 720), "on", False
    first.model_threads, first.data_folder, first.layout = 2, str(tmp_path / "data"), "inside"
    first.overlays, first.speed, first.stretch = {"ghost", "skeleton"}, 0.75, "plain"
    first.set_latency("0", 0.12)
    first.set_latency(video, 0.05)
    first.sync()

    again = AppSettings(QSettings(path, QSettings.Format.IniFormat))
    assert (again.camera, again.resolution, again.mirror, again.record, again.model_threads) == (video, (1280, 720), "on", False, 2)
    assert (again.layout, again.overlays, again.speed, again.stretch) == ("inside", {"ghost", "skeleton"}, 0.75, "plain")
    assert again.data_folder == str(tmp_path / "data")
    assert again.latency_for("0") == pytest.approx(0.12) and again.latency_for(video) == pytest.approx(0.05)
    assert again.latency_for("1") == 0.0 and not again.has_latency("1")
    again.overlays = set()
    assert AppSettings(QSettings(path, QSettings.Format.IniFormat)).overlays == set()

    # A hand-edited file with nonsense: every setting falls back to its default.
    broken = QSettings(path, QSettings.Format.IniFormat)
    for key, value in (
        ("camera/resolution", "huge"),
        ("camera/mirror", "sideways"),
        ("session/model_threads", "many"),
        ("session/record", "perhaps"),
        ("session/speed", "fast"),
        ("session/layout", "upside"),
    ):
        broken.setValue(key, value)
    broken.sync()
    odd = AppSettings(QSettings(path, QSettings.Format.IniFormat))
    assert (odd.resolution, odd.mirror, odd.model_threads, odd.record, odd.speed, odd.layout) == ((640, 480), "auto", 1, True, 1.0, "beside")

    # "auto" is the first webcam, else the demo dancer (and the app says so).
    auto = AppSettings(QSettings(str(tmp_path / "auto.ini"), QSettings.Format.IniFormat))
    monkeypatch.setattr(settings_module, "list_cameras", list)
    assert auto.resolved_camera() == ("demo", NO_WEBCAM_NOTE)
    monkeypatch.setattr(settings_module, "list_cameras", lambda: [2, 3])
    assert auto.resolved_camera() == ("2", "")
    auto.override_camera("demo")
    assert auto.camera == "demo" and auto.resolved_camera() == ("demo", "")
    auto.camera = "5"  # a saved device that is gone
    assert auto.resolved_camera()[0] == "demo" and "Camera 5" in auto.resolved_camera()[1]


def test_run_in_thread_keeps_the_gui_responsive(qtbot: QtBot) -> None:
    """The work waits for the GUI thread's timer to tick: it can only finish if the GUI runs."""
    gui = threading.current_thread()
    ticks: list[int] = []
    release = threading.Event()
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: (ticks.append(1), len(ticks) >= 5 and release.set()))
    timer.start()
    seen: list[tuple[float, threading.Thread]] = []
    results: list[object] = []

    def work(n: int, on_progress: object) -> int:
        for i in range(n):
            on_progress(i / n)  # type: ignore[operator]
        assert release.wait(5), "the GUI thread did not run while the job worked"
        on_progress(1.0)  # type: ignore[operator]
        return n * 2

    job = run_in_thread(work, 50, on_progress=lambda f: seen.append((f, threading.current_thread())), on_done=lambda r: results.append((r, threading.current_thread())))
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    timer.stop()
    assert results == [(100, gui)] and job.state == "done" and len(ticks) >= 5
    assert seen and all(thread is gui for _, thread in seen) and seen[-1][0] == 1.0
    assert job.wait(0) and job not in active_jobs()


def test_run_in_thread_errors_and_cancelling(qtbot: QtBot) -> None:
    def bad() -> None:
        raise InputError("salsa.mov: not a video")

    errors: list[BaseException] = []
    job = run_in_thread(bad, on_error=errors.append)
    with qtbot.waitSignal(job.failed, timeout=10_000):
        pass
    assert [str(e) for e in errors] == ["salsa.mov: not a video"] and job.state == "failed"
    assert messages.user_message(errors[0]) == "salsa.mov: not a video"

    started = threading.Event()

    def endless(on_progress: object) -> None:
        while True:
            on_progress(0.5)  # type: ignore[operator]  # raises JobCancelled once cancelled
            started.set()

    job = run_in_thread(endless, on_progress=lambda f: None)
    assert started.wait(5)
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        job.cancel()
    assert job.state == "cancelled" and job.wait(1)

    def polite(cancel: threading.Event) -> str:
        cancel.wait(5)
        return "stopped when asked"

    job = run_in_thread(polite, cancel_kw="cancel")
    assert isinstance(job, Job)
    with qtbot.waitSignal(job.done, timeout=10_000) as blocker:
        job.cancel()
    assert blocker.args == ["stopped when asked"]
    cancelled = Job("never started")
    cancelled.cancel()
    with pytest.raises(JobCancelled):
        cancelled.report(0.5)  # any work that reports progress stops at its next report


# --- library ---------------------------------------------------------------------------------


def library_view(qtbot: QtBot, store: Store) -> LibraryView:
    view = LibraryView(store)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    return view


def test_import_shows_progress_then_a_card(qtbot: QtBot, store: Store, clip: Path, answers: dict[str, object]) -> None:
    view = library_view(qtbot, store)
    assert view.empty.isVisible() and not view.cards()
    view.import_files([clip])
    rows = view.task_rows()
    assert len(rows) == 1 and not rows[0].bar.isHidden() and rows[0].button.text() == "Cancel"
    progress: list[int] = []
    rows[0].bar.valueChanged.connect(progress.append)
    with qtbot.waitSignal(view.imported, timeout=WAIT_MS) as blocker:
        pass
    (choreography_id,) = blocker.args
    assert progress and max(progress) > 0 and not view.task_rows() and not view.importing()
    card = view.cards()[choreography_id]
    assert card.title.full_text() == "salsa basics" and card.thumbnail.length == "0:02"
    assert not card.thumbnail.pixmap.isNull() and card.thumbnail.pixmap.width() >= 160
    assert "Not danced yet" in card.best.text() and card.isVisible() and not view.empty.isVisible()

    with qtbot.waitSignal(view.dance_requested, timeout=1000) as danced:
        qtbot.mouseClick(card.dance_button, Qt.MouseButton.LeftButton)
    assert danced.args == [choreography_id]

    # Rename through the card's menu action, then delete (the user is told sessions go too).
    answers["text"] = "Salsa: side step"
    card.rename.emit(choreography_id)
    assert view.cards()[choreography_id].title.full_text() == "Salsa: side step"
    assert store.choreography(choreography_id).title == "Salsa: side step"  # type: ignore[union-attr]
    add_session(store, choreography_id, 71.0)
    view.refresh()
    assert "71" in view.cards()[choreography_id].best.text()
    folder = store.choreography_folder(choreography_id)
    session_folder = store.sessions()[0].folder
    answers["confirm"] = False
    view.cards()[choreography_id].delete.emit(choreography_id)
    assert choreography_id in view.cards() and folder.exists()
    answers["confirm"] = True
    view.cards()[choreography_id].delete.emit(choreography_id)
    assert "session" in str(answers["asked"][-1])  # type: ignore[index]
    assert not view.cards() and store.choreographies() == [] and store.sessions() == []
    assert not folder.exists() and not session_folder.exists() and view.empty.isVisible()


def test_cancel_an_import(qtbot: QtBot, store: Store, clip: Path) -> None:
    view = library_view(qtbot, store)
    view.import_files([clip, clip])
    first, second = view.task_rows()
    assert "Waiting" in second.hint.text()
    second.button.click()  # a queued import is dropped at once
    assert view.task_rows() == [first]
    # Cancel the running one as soon as it reports progress (copying or analysing).
    first.bar.valueChanged.connect(lambda value: value > 0 and first.button.isEnabled() and first.button.click())
    with qtbot.waitSignal(view.import_cancelled, timeout=WAIT_MS):
        pass
    assert not view.task_rows() and not view.cards() and store.choreographies() == []
    assert not [p for p in (store.root / "choreographies").iterdir()] if (store.root / "choreographies").exists() else True


def test_an_unreadable_file_says_what_to_do(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    view = library_view(qtbot, store)
    junk = tmp_path / "party.mp4"
    junk.write_bytes(b"this is not a video at all" * 100)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(junk))])
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(view.import_failed, timeout=WAIT_MS) as blocker:
        view.dropEvent(drop)
    (text,) = blocker.args
    assert text.startswith("Could not import party.mp4:") and "\n" not in text
    (row,) = view.task_rows()
    assert row.label.text() == text and "MP4" in row.hint.text() and row.button.text() == "Dismiss"
    assert store.choreographies() == [] and not view.cards() and view.empty.isVisible()
    row.button.click()
    qtbot.waitUntil(lambda: not view.task_rows(), timeout=2000)


# --- history ---------------------------------------------------------------------------------


def test_history_sorts_opens_and_deletes(qtbot: QtBot, store: Store, tmp_path: Path, answers: dict[str, object]) -> None:
    salsa, tango = add_fake(store, "Salsa", tmp_path), add_fake(store, "Tango", tmp_path)
    ids = [add_session(store, salsa, s) for s in (52.0, 81.0, 67.0)] + [add_session(store, tango, 90.0), add_session(store, tango, None, "failed")]
    view = HistoryView(store)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    assert view.session_ids() == ids[::-1]  # newest first
    score = COLUMNS.index("Score")
    view.table.sortByColumn(score, Qt.SortOrder.DescendingOrder)
    assert view.session_ids() == [ids[3], ids[1], ids[2], ids[0], ids[4]]  # unscored last
    view.table.sortByColumn(score, Qt.SortOrder.AscendingOrder)
    assert view.session_ids()[0] == ids[4]
    assert view.proxy.index(view.session_ids().index(ids[4]), COLUMNS.index("Status")).data() == "Failed"

    # Selecting a Salsa session shows Salsa's progress: its three scores, oldest first.
    view.select_session(ids[1])
    assert view.picker.currentText() == "Salsa" and [s for _, s in view.chart.points] == [52.0, 81.0, 67.0]
    view.select_session(ids[3])
    assert view.picker.currentText() == "Tango" and [s for _, s in view.chart.points] == [90.0]

    with qtbot.waitSignal(view.open_session, timeout=1000) as opened:
        view.select_session(ids[2])
        row = view.session_ids().index(ids[2])
        rect = view.table.visualRect(view.proxy.index(row, 1))
        # Qt's item views open on a double click that follows a press on the same row.
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [ids[2]]
    with qtbot.waitSignal(view.open_session, timeout=1000) as opened:
        view.open_button.click()
    assert opened.args == [ids[2]]

    folder = store.session(ids[2]).folder  # type: ignore[union-attr]
    assert folder.is_dir()
    view.delete_button.click()
    assert "recording" in str(answers["asked"][-1])  # type: ignore[index]
    assert ids[2] not in view.session_ids() and store.session(ids[2]) is None and not folder.exists()
    assert [s for _, s in store.progress(salsa)] == [52.0, 81.0]


def test_history_shows_several_sessions_above_the_chart(qtbot: QtBot, store: Store, app_settings: AppSettings, tmp_path: Path) -> None:
    """The table gets its share of the page from the start: five sessions are all in view in a
    1280x800 window (the chart's size hint once left the table two rows)."""
    window = MainWindow(store, app_settings)  # a first launch: no history yet
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("history")
    QApplication.processEvents()
    salsa = add_fake(store, "Salsa", tmp_path)
    for score in (52.0, 81.0, 67.0, 70.0, 90.0):  # then five dances
        add_session(store, salsa, score)
    view = window.history
    view.refresh()
    QApplication.processEvents()
    viewport = view.table.viewport().rect()
    shown = [row for row in range(view.proxy.rowCount()) if viewport.contains(view.table.visualRect(view.proxy.index(row, 0)))]
    assert len(shown) == 5, (shown, viewport.height())
    assert view.chart.height() >= 160


def test_history_is_empty_at_first(qtbot: QtBot, store: Store) -> None:
    view = HistoryView(store)
    qtbot.addWidget(view)
    view.show()
    assert view.empty.isVisible() and not view.table.isVisible() and not view.open_button.isEnabled()
    assert view.chart.points == [] and not view.picker.isEnabled()


# --- settings --------------------------------------------------------------------------------


def test_settings_view_saves_and_previews_a_file_camera(qtbot: QtBot, app_settings: AppSettings, clip: Path, data_home: Path) -> None:
    app_settings.camera = str(clip)
    view = SettingsView(app_settings, data_home)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitUntil(lambda: view.preview.frames >= 3, timeout=10_000)
    assert view.camera is not None and view.camera.width == 320 and "320" in view.preview_note.text()
    assert view.camera_combo.currentData() == str(clip) and not view.resolution_combo.isEnabled()
    assert "not calibrated" in view.latency_label.text()
    app_settings.set_latency(str(clip), 0.08)
    view._show_latency()
    assert "80 ms" in view.latency_label.text()

    view.mirror_combo.setCurrentIndex(view.mirror_combo.findData("off"))
    view.mirror_combo.activated.emit(view.mirror_combo.currentIndex())
    view.record_check.setChecked(False)
    view.threads_combo.setCurrentIndex(view.threads_combo.findData(2))
    view.threads_combo.activated.emit(view.threads_combo.currentIndex())
    view.set_data_folder(str(data_home.parent))
    assert "restart" in view.folder_note.text()
    again = AppSettings(QSettings(app_settings.qsettings.fileName(), QSettings.Format.IniFormat))
    app_settings.sync()
    assert (again.mirror, again.record, again.model_threads, again.data_folder) == ("off", False, 2, str(data_home.parent))

    camera = view.camera
    view.hide()  # the camera is let go when the view hides (a session will want it)
    assert view.camera is None and camera is not None and not camera.running

    view.set_camera("demo")
    view.show()
    qtbot.waitUntil(lambda: view.preview.frames >= 1, timeout=15_000)
    assert "demo dancer" in view.preview_note.text() and view.camera_combo.currentData() == "demo"
    view.hide()


def test_calibrate_opens_the_dialog_with_the_camera_free(qtbot: QtBot, app_settings: AppSettings, clip: Path, data_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The button opens CalibrationDialog(settings, parent) (the calibration helper's); the
    preview lets go of the camera meanwhile and shows the new latency afterwards."""
    seen: list[object] = []

    class FakeDialog:
        def __init__(self, settings: AppSettings, parent: SettingsView) -> None:
            seen.append(parent.camera)

        def exec(self) -> int:
            app_settings.set_latency(str(clip), 0.12)
            return 1

    module = types.ModuleType("dancelike.ui.calibration_dialog")
    module.__spec__ = importlib.machinery.ModuleSpec(module.__name__, None)
    module.CalibrationDialog = FakeDialog  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    app_settings.camera = str(clip)
    view = SettingsView(app_settings, data_home)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.preview.frames >= 1, timeout=10_000)
    assert view.calibrate_button.isEnabled()
    view.calibrate_button.click()
    assert seen == [None] and "120 ms" in view.latency_label.text()
    qtbot.waitUntil(lambda: view.camera is not None and view.preview.frames >= 1, timeout=10_000)
    view.hide()


# --- the main window ---------------------------------------------------------------------------


def main_window(qtbot: QtBot, store: Store, settings: AppSettings) -> MainWindow:
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_main_window_navigation_and_a_restart(qtbot: QtBot, data_home: Path, app_settings: AppSettings, tmp_path: Path) -> None:
    app_settings.camera = "demo"
    with Store() as store:
        salsa = add_fake(store, "Salsa", tmp_path)
        session = add_session(store, salsa, 77.0)
        window = main_window(qtbot, store, app_settings)
        assert window.windowTitle() == "DanceLike" and window.stack.currentWidget().objectName() == "libraryView"
        assert window.minimumWidth() == 1024 and window.width() >= 1024
        for button, page in (("navHistory", "historyView"), ("navSettings", "settingsView"), ("navLibrary", "libraryView")):
            qtbot.mouseClick(window.findChild(QPushButton, button), Qt.MouseButton.LeftButton)
            assert window.stack.currentWidget().objectName() == page
        for name in ("libraryView", "danceView", "resultsView", "historyView", "settingsView"):
            assert window.findChild(object, name) is not None or window.stack.findChild(object, name) is not None
        qtbot.waitUntil(lambda: window.camera_note.text() == "Camera: the demo dancer", timeout=5000)

        window.history.open_session.emit(session)
        assert window.current_page() == "results"
        window.results.back.emit()
        assert window.current_page() == "history"
        window.close()  # background work is cancelled and its threads end with the window
        assert all(job.wait(0) for job in active_jobs())
        qtbot.waitUntil(lambda: not active_jobs(), timeout=5000)

    with Store() as store:  # the app again, on the same data folder
        window = main_window(qtbot, store, AppSettings(QSettings(app_settings.qsettings.fileName(), QSettings.Format.IniFormat)))
        assert list(window.library.cards()) == [salsa]
        window.show_page("history")
        assert window.history.session_ids() == [session]
        assert window.history.proxy.index(0, COLUMNS.index("Score")).data() == "77"
        window.close()


def test_launch_recovers_an_orphan_and_prepares_the_demo(
    qtbot: QtBot, store: Store, app_settings: AppSettings, tmp_path: Path, answers: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_demo, "DEMO_SECONDS", 2.0)
    salsa = add_fake(store, "Salsa", tmp_path)
    orphan = store.begin_session(salsa, {"camera": "demo"})  # the app died mid-session, nothing recorded
    window = main_window(qtbot, store, app_settings)
    with qtbot.waitSignal(window.recovered, timeout=WAIT_MS) as recovered:
        window.run_startup()
    assert [r.id for r in recovered.args[0]] == [orphan.id]
    assert store.session(orphan.id).status == "failed" and store.orphans() == []  # type: ignore[union-attr]
    assert any("could not be recovered" in str(e) or "nothing playable" in str(e) for e in answers["errors"])  # type: ignore[union-attr]
    rows = [row for row in window.library.task_rows() if isinstance(row, TaskRow)]
    assert any(row.objectName() == "demoTask" for row in rows)
    with qtbot.waitSignal(window.startup_finished, timeout=WAIT_MS):
        pass
    demo = next(c for c in store.choreographies() if c.is_demo)
    assert demo.analysed and demo.id in window.library.cards() and not window.library.task_rows()
    assert window.library.cards()[demo.id].thumbnail.demo
    window.close()


def test_a_part_not_in_view_is_shown_as_such_and_never_flagged(qtbot: QtBot) -> None:
    from dancelike.ui.charts import PartBars

    bars = PartBars(flag_weakest=True)
    bars.resize(360, 260)
    bars.set_scores({"head": 90.0, "torso": 88.0, "left_arm": 56.0, "right_arm": 80.0, "left_leg": None, "right_leg": None})
    assert bars.weakest() == "left_arm"  # a leg nobody could see is not "the limb that is off"
    image = bars.grab().toImage()
    assert not image.isNull() and image.width() == 360
