"""The results page and the dance screen from the keyboard alone: Tab visits everything in
reading order and every stop shows where the focus is; the timeline and the weak-move cards
answer the arrows and Enter as a click; on the dance screen Space, Esc and the arrows still
belong to the dance, whatever has the focus."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot
from results_samples import sample_report, write_session
from screen_checks import focus_shows, tab_walk

from dancelike.store.db import Store
from dancelike.ui.dance_view import DanceView
from dancelike.ui.results_view import ResultsView
from dancelike.ui.settings import AppSettings
from dancelike.ui.theme import apply_theme


def results_page(qtbot: QtBot, store: Store, data_home: Path, qapp: QApplication, replay: bool = True) -> ResultsView:
    apply_theme(qapp)
    view = ResultsView(store)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view, timeout=5000)
    session_id = write_session(store, data_home / "clips", sample_report("new"), portrait=True, replay=replay)
    with qtbot.waitSignal(view.snapshots_ready, timeout=10_000):
        view.show_session(session_id)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=5000)  # keyboard focus goes to the active window only
    QApplication.processEvents()
    return view


def shows_focus(widget: QWidget) -> bool:
    """Given the focus as Tab gives it (scrolled into view, as Tab does), ``widget`` looks different from without it."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    scroll = widget.parentWidget()
    while scroll is not None and not isinstance(scroll, QScrollArea):
        scroll = scroll.parentWidget()
    if scroll is not None:
        scroll.ensureWidgetVisible(widget)
    QApplication.processEvents()
    return widget.hasFocus() and focus_shows(widget)


def name(widget: QWidget) -> str:
    return f"{type(widget).__name__}:{widget.objectName()}"


@pytest.mark.slow
def test_tab_walks_the_results_page_in_reading_order_and_focus_always_shows(qtbot: QtBot, store: Store, data_home: Path, qapp: QApplication) -> None:
    view = results_page(qtbot, store, data_home, qapp)
    view.back_button.setFocus(Qt.FocusReason.TabFocusReason)
    visited = list(dict.fromkeys([view.back_button, *tab_walk(view)]))
    order = [name(w) for w in visited]
    cards, practise = view._cards, [card.practise_button for card in view._cards]
    header = [b for b in (view.back_button, view.again_button, view.export_replay_button, view.export_recording_button) if b.isEnabled()]
    body = [view.ring, view.parts, view.video.surface, view.chart]
    for widget in header + body + cards + practise:
        assert widget in visited, f"{name(widget)} is never reached by Tab: {order}"
    where = visited.index
    assert [where(w) for w in header] == sorted(where(w) for w in header), order  # the top line, then the second
    assert where(header[-1]) < where(view.ring) < where(view.parts) < where(view.video.surface) < where(view.chart), order
    assert where(view.chart) < where(cards[0]) < where(practise[0]) < where(cards[1]) < where(practise[1]) < where(cards[2]), order
    unseen = [name(w) for w in visited if not shows_focus(w)]
    assert unseen == [], f"no visible focus on {unseen}"
    view.shutdown()


def test_the_timeline_answers_the_arrows_and_enter(qtbot: QtBot, store: Store, data_home: Path, qapp: QApplication) -> None:
    view = results_page(qtbot, store, data_home, qapp, replay=False)
    chart = view.chart
    chart.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert chart.hasFocus() and chart.selected == 0 and "Move 1" in chart.accessibleDescription()
    QTest.keyClick(chart, Qt.Key.Key_Right)
    QTest.keyClick(chart, Qt.Key.Key_Right)
    QTest.keyClick(chart, Qt.Key.Key_Left)
    QTest.keyClick(chart, Qt.Key.Key_Right)
    QTest.keyClick(chart, Qt.Key.Key_Right)
    assert chart.selected == 3 and chart.accessibleDescription().startswith("Move 4: MISS 30")
    with qtbot.waitSignal(chart.move_clicked, timeout=2000) as clicked:
        QTest.keyClick(chart, Qt.Key.Key_Return)
    assert clicked.args == [3, 6.0]
    QTest.keyClick(chart, Qt.Key.Key_End)
    with qtbot.waitSignal(chart.move_clicked, timeout=2000) as clicked:
        QTest.keyClick(chart, Qt.Key.Key_Space)
    assert clicked.args == [7, 14.0]
    QTest.keyClick(chart, Qt.Key.Key_Right)  # past the last move: it stays there
    QTest.keyClick(chart, Qt.Key.Key_Home)
    assert chart.selected == 0
    view.shutdown()


def test_the_move_cards_answer_the_arrows_and_enter(qtbot: QtBot, store: Store, data_home: Path, qapp: QApplication) -> None:
    view = results_page(qtbot, store, data_home, qapp, replay=False)
    first, second, third = view._cards
    assert first.accessibleName() == "Move 4: MISS  30" and "Left arm higher" in first.accessibleDescription()
    first.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    with qtbot.waitSignal(first.clicked, timeout=2000) as clicked:
        QTest.keyClick(first, Qt.Key.Key_Return)
    assert clicked.args == [6.0]
    QTest.keyClick(first, Qt.Key.Key_Down)
    assert second.hasFocus()
    QTest.keyClick(second, Qt.Key.Key_Down)
    assert third.hasFocus()
    QTest.keyClick(third, Qt.Key.Key_Down)  # the last card keeps the focus
    assert third.hasFocus()
    QTest.keyClick(third, Qt.Key.Key_Up)
    assert second.hasFocus()
    with qtbot.waitSignal(second.clicked, timeout=2000) as clicked:
        QTest.keyClick(second, Qt.Key.Key_Space)
    assert clicked.args == [10.0]
    second.practise_button.setFocus(Qt.FocusReason.TabFocusReason)
    with qtbot.waitSignal(view.practise, timeout=2000) as practised:
        QTest.keyClick(second.practise_button, Qt.Key.Key_Space)  # the button as a click: Break It Down
    assert practised.args[1].number == 6
    view.shutdown()


def test_the_dance_screen_keeps_its_keys_and_its_message_buttons_show_focus(
    qtbot: QtBot, store: Store, app_settings: AppSettings, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    apply_theme(qapp)
    view = DanceView(store, app_settings)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view, timeout=5000)
    pressed: list[str] = []
    monkeypatch.setattr(view, "toggle_pause", lambda: pressed.append("space"))
    monkeypatch.setattr(view, "stop", lambda: pressed.append("esc"))
    monkeypatch.setattr(view, "_move", lambda step: pressed.append(f"move {step}"))
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=5000)
    view.setFocus()
    # Nothing on the dance screen takes the focus from it: every button leaves the keys to the dance.
    assert tab_walk(view) in ([], [view])
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Escape):
        QTest.keyClick(QApplication.focusWidget() or view, key)
    assert pressed == ["space", "move 1", "move -1", "esc"]
    # A dance that cannot start: its two ways on are reached with Tab, and show the focus.
    view._show_message("This dance cannot start", "The camera is busy.", "Close the other app and try again.")
    QApplication.processEvents()
    buttons = [w for w in tab_walk(view) if isinstance(w, QPushButton)]
    assert {b.text() for b in buttons} >= {"Back to the library", "Try again"}
    assert all(shows_focus(b) for b in buttons)
