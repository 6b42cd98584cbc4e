"""The dance screen with two players: the Players choice, a ring each, who left the frame, and a
two-player dance saved as two history entries the results screen switches between."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from dancelike.engine import FrameScored, LearnerAway, MoveRating
from dancelike.store.db import Choreography, Store
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_performance
from dancelike.ui.dance_hud import DanceHud
from dancelike.ui.dance_players import PlayersChoice, away_text, move_popup
from dancelike.ui.dance_view import DanceView
from dancelike.ui.results_view import ResultsView
from dancelike.ui.settings import AppSettings
from dancelike.ui.theme import apply_theme

SESSION_MS = 90_000


def _scored(player: int, total: float, found: bool = True) -> FrameScored:
    move = MoveRating(0, 0.0, 2.0, total, "great")
    return FrameScored(1.0, 1.0, 1.0, total, {}, total, 0.0, move, False, found, 20.0, player=player)


def test_what_the_hud_says_about_players(qtbot: QtBot, qapp: QApplication) -> None:
    assert away_text([], 1) == ""
    assert away_text([1], 1) == "You left the frame \u2014 step back in"
    assert away_text([2], 2) == "Player 2 left the frame"
    assert away_text([1, 2], 2).startswith("Both players left")
    rating = MoveRating(0, 0.0, 2.0, 80.0, "great")
    assert move_popup({1: rating, 2: MoveRating(0, 0.0, 2.0, 50.0, "ok")}) == "P1 GREAT   P2 OK"
    hud = DanceHud()
    qtbot.addWidget(hud)
    hud.show()
    hud.set_players(2)
    assert hud.player_rings.isVisible() and not hud.score_ring.isVisible()
    assert [label.text() for label in hud.player_rings.labels] == ["Player 1", "Player 2"]
    hud.show_frame(_scored(1, 71.0), True, 0.0)
    hud.show_player(_scored(2, 42.0), True)
    assert [ring._score for ring in hud.player_rings.rings] == [71.0, 42.0]
    assert hud.player_rings.rings[1]._caption == "GREAT" and hud.player_rings.moves[0].score == 42.0
    hud.show_away("Player 2 left the frame")
    assert hud.away_label.isVisible()
    hud.show_away("")
    assert not hud.away_label.isVisible()
    hud.set_players(1)
    assert hud.score_ring.isVisible() and not hud.player_rings.isVisible()


def test_the_players_choice_is_remembered(qtbot: QtBot, app_settings: AppSettings) -> None:
    assert app_settings.players == 1
    choice = PlayersChoice(app_settings.players)
    qtbot.addWidget(choice)
    with qtbot.waitSignal(choice.changed, timeout=1000) as changed:
        choice.findChild(QPushButton, "players_2").click()
    assert changed.args == [2] and choice.players == 2
    app_settings.players = 2
    assert app_settings.players == 2
    with pytest.raises(ValueError):
        app_settings.players = 3


@pytest.mark.slow
def test_two_players_dance_and_get_two_history_entries(qtbot: QtBot, qapp: QApplication, store: Store, app_settings: AppSettings, tmp_path: Path) -> None:
    apply_theme(qapp)
    reference = tmp_path / "groove.mp4"
    render_performance(reference, "groove", Dancer(), Scene(person=0, room=0, width=320, height=240), duration=6.0)
    choreography: Choreography = store.add_choreography("Groove", reference, 6.0, 30.0, 320, 240, None)
    app_settings.camera = "pair"
    app_settings.players = 2
    app_settings.overlays = {"skeleton"}
    view = DanceView(store, app_settings)
    view.countdown_seconds = 0
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    view.start(choreography)
    qtbot.waitUntil(lambda: view.phase == "dancing" and all(r._score is not None for r in view.hud.player_rings.rings), timeout=SESSION_MS)
    assert view.hud.player_rings.isVisible()
    assert [b.isEnabled() for b in view.players_choice.group.buttons()] == [False, True] and view.players_choice.players == 2
    bridge = view.bridge
    assert bridge is not None
    bridge.learner_away.emit(LearnerAway(2, 2, True, 1.2))
    assert view.hud.away_label.text() == "Player 2 left the frame"
    bridge.learner_away.emit(LearnerAway(2, 2, False))
    assert not view.hud.away_label.isVisibleTo(view)
    with qtbot.waitSignal(view.finished, timeout=SESSION_MS) as finished:
        pass
    one = store.session(finished.args[0])
    assert one is not None and one.player == 1 and one.group is not None
    entries = store.group_sessions(one.group)
    assert [e.player for e in entries] == [1, 2] and all(e.score is not None for e in entries)
    assert entries[0].score != entries[1].score
    results = ResultsView(store)
    qtbot.addWidget(results)
    results.show_session(one.id)
    assert results.title.text() == "Groove \u00b7 Player 1" and results.other_player_button.text() == "Player 2\u2019s report"
    results.other_player_button.click()
    assert results.record is not None and results.record.player == 2 and results.title.text().endswith("Player 2")
    results.shutdown()
    qtbot.waitUntil(lambda: not [t for t in threading.enumerate() if t.name.startswith(("engine-", "camera-", "ui-"))], timeout=10000)
