"""The library, history, settings, the class dialog and a class row's report, the calibration
dialog, the dancer picker, the window's sidebar and the app's error dialogs, in 简体中文: no
English left on them and no word cut off, at the largest and the smallest window the app is made for.

Each screen is built as the app builds it, rendered in zh_CN, read back from its widgets
(``screen_checks``), and saved as a picture under ``$DANCELIKE_SHOTS`` (default /tmp/zh_shots)
for a person to look at. Also: the Settings language choice is remembered, and installing it
makes every layer speak it.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from library_samples import TITLE_WORDS, TITLES, class_dialog, dancer_pick, fill_store, story_report
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea, QWidget
from pytestqt.qtbot import QtBot
from screen_checks import clipped, language, untranslated

from dancelike import i18n
from dancelike.errors import InputError
from dancelike.i18n import translate
from dancelike.store.db import Store
from dancelike.store.instance import FolderInUse
from dancelike.ui import app as app_module
from dancelike.ui import messages
from dancelike.ui.calibration_dialog import CalibrationDialog
from dancelike.ui.class_rows import ClassReportDialog
from dancelike.ui.dancer_picker import DancerPicker
from dancelike.ui.history_view import HistoryView
from dancelike.ui.library_view import LibraryView
from dancelike.ui.main_window import MainWindow
from dancelike.ui.settings import AppSettings
from dancelike.ui.settings_view import SettingsView
from dancelike.ui.theme import apply_theme
from dancelike.ui.translation import install_translations
from dancelike.ui.workers import active_jobs

SIZES = [(1280, 800), (1024, 640)]
#: Words a Chinese screen shows as they are: the dances' own names, the names of the languages
#: (each in its own language), and the environment variable Settings names.
KEPT = [*TITLE_WORDS, "English"]


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    apply_theme(qapp)
    with language("zh_CN"):
        yield


def shoot(widget: QWidget, name: str) -> Path:
    """The widget as a PNG (a CJK font is installed: tofu would show here)."""
    folder = Path(os.environ.get("DANCELIKE_SHOTS", "/tmp/zh_shots"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    return path


def settle(qtbot: QtBot, widget: QWidget, size: tuple[int, int] | None = None) -> None:
    if size is not None:
        widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget, timeout=5000)
    QApplication.processEvents()


def check(widget: QWidget, name: str) -> None:
    shoot(widget, name)
    left = untranslated(widget, KEPT)
    assert left == [], "\n".join(left)
    assert clipped(widget) == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_main_window_library_and_history_in_chinese(qtbot: QtBot, chinese: None, store: Store, app_settings: AppSettings, size: tuple[int, int]) -> None:
    fill_store(store)
    app_settings.camera = "demo"
    window = MainWindow(store, app_settings)
    qtbot.addWidget(window)
    try:
        hint = translate("MainWindow", "First launch only: drawing the dancer and analysing the moves.")
        row = window.library.add_task(translate("MainWindow", "Preparing the demo dance"), hint=hint)
        row.set_progress(0.4)
        failed = window.library.add_task("x", cancellable=True)
        error = InputError(translate("Video", "{path}: the file is empty (0 bytes)").format(path="salsa.mov"))
        failed.fail(translate("LibraryView", "Could not import {file}: {error}").format(file="salsa.mov", error=messages.user_message(error)), messages.next_step(error))
        settle(qtbot, window, size)
        qtbot.waitUntil(lambda: window.camera_note.text() != "", timeout=10_000)
        QApplication.processEvents()
        assert window.library.cards() and window.nav_buttons["library"].text() == "舞蹈库"
        check(window, f"library_{size[0]}x{size[1]}")
        window.show_page("history")
        QApplication.processEvents()
        assert window.history.model.rowCount() == 3
        check(window, f"history_{size[0]}x{size[1]}")
    finally:
        window.close()
        qtbot.waitUntil(lambda: not active_jobs(), timeout=10_000)


def test_an_empty_library_and_history_in_chinese(qtbot: QtBot, chinese: None, store: Store) -> None:
    library, history = LibraryView(store), HistoryView(store)
    for view, name in ((library, "library_empty"), (history, "history_empty")):
        qtbot.addWidget(view)
        settle(qtbot, view, SIZES[1])
        check(view, name)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_settings_in_chinese(qtbot: QtBot, chinese: None, app_settings: AppSettings, data_home: Path, size: tuple[int, int]) -> None:
    app_settings.camera = "demo"
    view = SettingsView(app_settings, data_home)
    qtbot.addWidget(view)
    try:
        settle(qtbot, view, size)
        qtbot.waitUntil(lambda: view.preview.frames >= 1, timeout=10_000)
        qtbot.waitUntil(lambda: not [job for job in active_jobs() if job.name == "list-cameras"], timeout=10_000)
        app_settings.set_latency("demo", 0.08)
        view._show_latency()
        view.set_language("en")  # the note says it is used from the next start
        assert view.restart_button.isVisible()
        QApplication.processEvents()
        check(view, f"settings_{size[0]}x{size[1]}")
        view.findChild(QScrollArea).ensureWidgetVisible(view.restart_button)  # the language panel, at the bottom
        QApplication.processEvents()
        shoot(view, f"settings_language_{size[0]}x{size[1]}")
        assert view.language_combo.itemText(2) == "简体中文" and view.language_combo.itemText(1) == "English"
    finally:
        view.hide()
        qtbot.waitUntil(lambda: not active_jobs(), timeout=10_000)


def test_the_class_dialog_and_a_row_report_in_chinese(qtbot: QtBot, chinese: None, store: Store, tmp_path: Path) -> None:
    video = tmp_path / "groove.mp4"
    video.write_bytes(b"stand-in")
    item = store.add_choreography(TITLES[0], video, 16.0, 30.0, 640, 480, None)
    dialog = class_dialog(item, tmp_path / "out")
    qtbot.addWidget(dialog)
    settle(qtbot, dialog)
    check(dialog, "class_dialog")
    report = ClassReportDialog(story_report(), "anna.mp4", None)
    qtbot.addWidget(report)
    settle(qtbot, report)
    check(report, "class_report")
    assert "左臂" in report.moves.text() or "左" in report.summary.text()


def test_the_calibration_dialog_in_chinese(qtbot: QtBot, chinese: None, app_settings: AppSettings) -> None:
    from dancelike.media.clock import WallClockSink

    app_settings.camera = "demo"
    dialog = CalibrationDialog(app_settings, audio_sink_factory=WallClockSink)
    qtbot.addWidget(dialog)
    try:
        settle(qtbot, dialog)
        qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=10_000)
        check(dialog, "calibration")
    finally:
        dialog.reject()
        qtbot.waitUntil(lambda: not active_jobs(), timeout=10_000)


def test_the_dancer_picker_in_chinese(qtbot: QtBot, chinese: None, store: Store) -> None:
    picker = DancerPicker(dancer_pick(store))
    qtbot.addWidget(picker)
    settle(qtbot, picker)
    check(picker, "dancer_picker")


def _boxes(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """Message boxes are built as the app builds them and kept, never run (no modal loop)."""
    shown: list[QMessageBox] = []

    def keep(box: QMessageBox) -> int:
        box.show()
        shown.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", keep)
    monkeypatch.setattr(QMessageBox, "open", keep)
    return shown


def test_the_error_and_crash_dialogs_in_chinese(qtbot: QtBot, chinese: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    boxes = _boxes(monkeypatch)
    app_module.ask_about_crash(tmp_path / "crash-2026-12-06.txt")
    in_use = FolderInUse(
        translate("DataFolder", "another DanceLike (process {pid}) is using the data folder {path}; switch to it, or close it and start again").format(
            pid=4242, path=tmp_path
        )
    )
    messages.show_error(None, *app_module.startup_problem(in_use))
    full = InputError(translate("Database", "{path}: cannot open the database (the disk is full)").format(path=tmp_path / "dancelike.db"))
    full.__cause__ = OSError(errno.ENOSPC, "No space left on device")
    title, _text, what_next = app_module.startup_problem(full)
    assert what_next == translate("App", "Free some disk space, then start DanceLike again.")
    messages.show_error(None, title, str(full), what_next)
    messages.show_exception(None, translate("MainWindow", "Cannot start the dance"), OSError(errno.EACCES, "denied", str(tmp_path / "a.mp4")))
    messages.show_exception(None, translate("LibraryView", "Cannot rename"), MemoryError())
    messages.inform(
        None,
        translate("MainWindow", "Your last session could not be recovered"),
        translate("MainWindow", "DanceLike closed while you were dancing and nothing playable was recorded."),
        translate("MainWindow", "The session is listed in History as failed."),
    )
    assert len(boxes) == 6
    for number, box in enumerate(boxes):
        qtbot.addWidget(box)
        QApplication.processEvents()
        shoot(box, f"message_{number}")
        assert untranslated(box, KEPT) == [], box.text()
        assert clipped(box) == []
    assert [b.text() for b in boxes[0].buttons()] and "打开文件夹" in [b.text() for b in boxes[0].buttons()]


def test_the_language_choice_is_remembered_and_installing_it_speaks_it(qtbot: QtBot, qapp: QApplication, tmp_path: Path, data_home: Path) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    view = SettingsView(settings, data_home)
    qtbot.addWidget(view)
    try:
        assert settings.language == "system" and view.language_combo.currentData() == "system"
        assert [view.language_combo.itemData(i) for i in range(view.language_combo.count())] == ["system", "en", "zh_CN"]
        index = view.language_combo.findData("zh_CN")
        view.language_combo.setCurrentIndex(index)
        view.language_combo.activated.emit(index)
        assert "简体中文" in view.language_note.text() and view.restart_button.isVisibleTo(view)
        again = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        assert again.language == "zh_CN"
        assert install_translations(qapp, again.language) == "zh_CN"
        assert i18n.language() == "zh_CN" and translate("MainWindow", "Library") == "舞蹈库"
        assert translate("Messages", "The disk is full.") == "磁盘已满。"
    finally:
        install_translations(qapp, "en")
        view.hide()
        qtbot.waitUntil(lambda: not active_jobs(), timeout=10_000)
    assert translate("MainWindow", "Library") == "Library"
    settings.language = "fr"  # not a language DanceLike speaks: the system's
    assert settings.language == "system"


def test_restart_now_closes_the_window_for_a_new_one(qtbot: QtBot, store: Store, app_settings: AppSettings) -> None:
    window = MainWindow(store, app_settings)
    qtbot.addWidget(window)
    window.show()
    window.show_page("settings")
    window.settings_view.restart_button.click()
    assert window.restart_wanted and not window.isVisible()
    qtbot.waitUntil(lambda: not active_jobs(), timeout=10_000)


def test_restart_now_opens_the_window_again_in_the_language_chosen(
    qapp: QApplication, data_home: Path, app_settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``dancelike app`` itself, offscreen: its "event loop" chooses 简体中文 in Settings and presses
    Restart now; the app makes a new window, which speaks it; then "system" is English again."""
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "en")
    monkeypatch.setattr(app_module, "AppSettings", lambda: app_settings)
    monkeypatch.setattr(app_module, "remove_leftovers", lambda root: [])
    monkeypatch.setattr(MainWindow, "run_startup", lambda self: None)
    seen: list[str] = []

    def one_round() -> int:
        QApplication.processEvents()
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        seen.append(window.nav_buttons["library"].text())
        if len(seen) == 1:
            window.show_page("settings")
            window.settings_view.set_language("zh_CN")
            window.settings_view.restart_button.click()
        elif len(seen) == 2:
            window.settings_view.set_language("system")
            window.settings_view.restart_button.click()
        else:
            window.close()
        return 0

    monkeypatch.setattr(qapp, "exec", one_round)
    try:
        assert app_module.main([]) == 0
    finally:
        install_translations(qapp, "en")
    assert seen == ["Library", "舞蹈库", "Library"]


def no_fonts(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An ``fc-list`` first on the path that lists no font for any language asked."""
    folder.mkdir()
    (folder / "fc-list").write_text("#!/bin/sh\nexit 0\n")
    (folder / "fc-list").chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")


def test_choosing_chinese_without_a_chinese_font_says_how_to_get_one(qtbot: QtBot, tmp_path: Path, data_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # On a Debian without a Chinese font every Chinese word was an empty box, and nothing said why.
    no_fonts(tmp_path / "bin", monkeypatch)
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    view = SettingsView(settings, data_home)
    qtbot.addWidget(view)
    try:
        index = view.language_combo.findData("zh_CN")
        view.language_combo.setCurrentIndex(index)
        view.language_combo.activated.emit(index)
        note = view.language_note.text()
        assert "简体中文" in note  # still said which language comes next
        assert "no font for Chinese" in note and "sudo apt-get install -y fonts-noto-cjk" in note  # in English: readable
        index = view.language_combo.findData("en")
        view.language_combo.setCurrentIndex(index)
        view.language_combo.activated.emit(index)
        assert "font" not in view.language_note.text()  # English needs no font of its own
    finally:
        view.hide()
        qtbot.waitUntil(lambda: not active_jobs(), timeout=10_000)


def test_the_app_started_in_chinese_without_a_font_says_so_on_the_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    no_fonts(tmp_path / "bin", monkeypatch)
    app_module.warn_if_no_font("zh_CN")
    app_module.warn_if_no_font("en")
    said = [line for line in capsys.readouterr().err.splitlines() if line.startswith("dancelike: warning:")]  # the log may echo it
    assert len(said) == 1 and said[0].startswith("dancelike: warning: This computer has no font for Chinese") and "fonts-noto-cjk" in said[0]
