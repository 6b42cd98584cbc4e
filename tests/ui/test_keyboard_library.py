"""The library, history, settings, the class dialog, the calibration dialog and the dancer picker
from the keyboard: Tab reaches every control in reading order, each one visibly shows it has the
focus (the window looks different with and without it: ``screen_checks.focus_shows``), and the
library's cards and the picker's tiles work with the arrows, Enter and Space.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from library_samples import TITLES, class_dialog, dancer_pick, fill_store
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from screen_checks import focus_shows, tab_walk

from dancelike.store.db import Store
from dancelike.ui.calibration_dialog import CalibrationDialog
from dancelike.ui.dancer_picker import DancerPicker
from dancelike.ui.main_window import MainWindow
from dancelike.ui.settings import AppSettings
from dancelike.ui.theme import apply_theme
from dancelike.ui.workers import active_jobs


@pytest.fixture
def themed(qapp: QApplication) -> QApplication:
    apply_theme(qapp)
    return qapp


def name(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName()} {getattr(widget, 'text', lambda: '')()!r}"


def walk(window: QWidget, start: QWidget | None = None) -> tuple[list[QWidget], list[str]]:
    """Tab once round ``window``: the widgets visited, and those whose focus did not show."""
    if start is not None:
        start.setFocus(Qt.FocusReason.OtherFocusReason)
    unseen: list[str] = []
    visited = tab_walk(window, press=lambda widget: None if focus_shows(widget) else unseen.append(name(widget)))
    if start is not None and visited and visited[-1] is start:  # Tab came back round to it last
        visited = [start, *visited[:-1]]
    return visited, unseen


def names(widgets: list[QWidget]) -> list[str]:
    return [w.objectName() for w in widgets]


@pytest.fixture
def window(qtbot: QtBot, themed: QApplication, store: Store, app_settings: AppSettings) -> Iterator[MainWindow]:
    fill_store(store)
    app_settings.camera = "demo"
    shown = MainWindow(store, app_settings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown, timeout=5000)
    try:
        yield shown
    finally:
        shown.close()
        qtbot.waitUntil(lambda: not active_jobs(), timeout=10_000)


def test_the_focus_ring_shows_on_a_plain_button(qtbot: QtBot, themed: QApplication) -> None:
    """The check itself: a button with the focus looks different (it did not before the ring)."""
    host = QWidget()
    qtbot.addWidget(host)
    button, other = QPushButton("Dance", host), QPushButton("Other", host)
    other.move(0, 60)
    host.resize(300, 120)
    host.show()
    qtbot.waitExposed(host)
    button.setFocus(Qt.FocusReason.TabFocusReason)
    assert focus_shows(button)


def test_the_library_in_reading_order_with_a_visible_focus(qtbot: QtBot, window: MainWindow) -> None:
    window.library.add_task("Importing salsa.mov", cancellable=True)
    QApplication.processEvents()
    visited, unseen = walk(window, window.nav_buttons["library"])
    assert unseen == []
    order = names(visited)
    cards = [i for i, n in enumerate(order) if n == "choreographyCard"]
    assert len(cards) == len(TITLES), order
    # the sidebar, the import button, the task's Cancel, then each card with its Dance and ⋯ buttons
    assert "navHistory" in order, " ".join(order)
    assert order.index("navLibrary") < order.index("navHistory") < order.index("navSettings") < order.index("importButton")
    assert order.index("importButton") < order.index("taskCancel") < cards[0]
    assert order[cards[0] : cards[0] + 3] == ["choreographyCard", "danceButton", "moreButton"]
    for widget in visited:
        assert widget.accessibleName() or (hasattr(widget, "text") and widget.text()), name(widget)  # a screen reader names each


def test_cards_work_with_the_arrows_and_enter(qtbot: QtBot, window: MainWindow) -> None:
    cards = list(window.library.cards().values())
    asked: list[int] = []
    window.library.dance_requested.disconnect()
    window.library.dance_requested.connect(asked.append)
    cards[0].setFocus(Qt.FocusReason.TabFocusReason)
    assert cards[0].accessibleName() == cards[0].choreography.title and "Enter" in cards[0].accessibleDescription()
    QTest.keyClick(cards[0], Qt.Key.Key_Right)
    assert QApplication.focusWidget() is cards[1]
    QTest.keyClick(cards[1], Qt.Key.Key_Left)
    assert QApplication.focusWidget() is cards[0]
    QTest.keyClick(cards[0], Qt.Key.Key_Return)
    assert asked == [cards[0].choreography.id]


def test_history_and_settings_in_reading_order_with_a_visible_focus(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("history")
    window.history.select_session(window.history.session_ids()[0])
    visited, unseen = walk(window, window.nav_buttons["history"])
    assert unseen == []
    order = names(visited)
    row = window.history.proxy.index(0, 1).data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert TITLES[0] in row and "score" in row  # a screen reader hears the whole session on any cell
    assert order.index("navSettings") < order.index("deleteSession") < order.index("openSession") < order.index("sessionTable") < order.index("chartPicker")

    window.show_page("settings")
    visited, unseen = walk(window, window.nav_buttons["settings"])
    assert unseen == []
    order = [n for n in names(visited) if n]
    expected = ["cameraCombo", "mirrorCombo", "calibrateButton", "recordCheck", "threadsCombo", "changeFolder", "languageCombo"]
    assert [n for n in order if n in expected] == expected


def test_the_dialogs_in_reading_order_with_a_visible_focus(qtbot: QtBot, themed: QApplication, store: Store, app_settings: AppSettings, tmp_path: Path) -> None:
    video = tmp_path / "groove.mp4"
    video.write_bytes(b"stand-in")
    dialog = class_dialog(store.add_choreography(TITLES[0], video, 16.0, 30.0, 640, 480, None), tmp_path / "out")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    visited, unseen = walk(dialog, dialog.add_files_button)
    assert unseen == []
    order = names(visited)
    expected = ["classAddFiles", "classAddFolder", "classAddGroup", "classEveryDancer", "classTable", "classChangeFolder", "classClose", "classStart"]
    assert [n for n in order if n in expected] == expected

    picker = DancerPicker(dancer_pick(store))
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    visited, unseen = walk(picker, picker.tiles[1])
    assert unseen == []
    assert names(visited).count("dancerTile") == 3 and {"pickerCancel", "pickerFollow"} <= set(names(visited))
    assert picker.selected == 2  # tabbing past the dancers chooses none of them
    picker.tiles[2].setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(picker.tiles[2], Qt.Key.Key_Right)
    tile = picker.tiles[3]
    assert QApplication.focusWidget() is tile
    QTest.keyClick(tile, Qt.Key.Key_Space)
    assert picker.selected == 3 and "3" in picker.follow_button.text() and tile.accessibleName()
    QTest.keyClick(tile, Qt.Key.Key_Return)
    assert picker.result() == picker.DialogCode.Accepted and picker.selected == 3

    from dancelike.media.clock import WallClockSink

    app_settings.camera = "demo"
    calibration = CalibrationDialog(app_settings, audio_sink_factory=WallClockSink)
    qtbot.addWidget(calibration)
    try:
        calibration.show()
        qtbot.waitUntil(lambda: calibration.start_button.isEnabled(), timeout=10_000)
        visited, unseen = walk(calibration, calibration.cancel_button)
        assert unseen == []
        assert [n for n in names(visited) if n] == ["calibrationCancel", "calibrationStart"]  # Save waits for a measurement
    finally:
        calibration.reject()
        qtbot.waitUntil(lambda: not active_jobs(), timeout=10_000)
