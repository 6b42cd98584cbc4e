"""The results page's weak-move cards (advice, timing, mirror, nothing to practise), its fit in
the smallest window, and Break It Down: "Practise this move" opens a looping half-speed session
on that move with the part outlined, every time round scored, and a way out.

Reports are written into real session folders (``results_samples``), so the page is tested
without dancing first; the practice test dances with the synthetic demo camera. Waits are on
conditions with timeouts, never sleeps.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from results_samples import sample_report, write_session

from dancelike.engine import FrameScored, MoveRating
from dancelike.media.video import VideoReader
from dancelike.pipeline.analysis import AnalysisPool
from dancelike.pipeline.reference import analyse_reference
from dancelike.scoring.report_rows import WeakMove, moves_of
from dancelike.store import analysis_cache
from dancelike.store.db import Store
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_performance
from dancelike.ui.charts import judged_move
from dancelike.ui.limb_outline import OUTLINE_RGB, outline_part
from dancelike.ui.main_window import MainWindow
from dancelike.ui.practice_plan import MIN_TAKE_FRAMES, LoopTakes, PracticePlan, live_move, plan_for
from dancelike.ui.results_cards import NOTHING_TO_PRACTISE
from dancelike.ui.results_view import ResultsView
from dancelike.ui.settings import AppSettings
from dancelike.ui.theme import apply_theme
from dancelike.vision.body import BodyFrame

SESSION_MS = 90_000


def results_view(qtbot: QtBot, store: Store, size: tuple[int, int] = (1280, 800)) -> ResultsView:
    view = ResultsView(store)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    return view


def test_weak_move_cards_say_what_to_change(qtbot: QtBot, store: Store, data_home: Path, qapp: QApplication) -> None:
    apply_theme(qapp)
    view = results_view(qtbot, store)
    session_id = write_session(store, data_home / "clips", sample_report("new"), portrait=True)
    with qtbot.waitSignal(view.snapshots_ready, timeout=10_000):
        view.show_session(session_id)
    cards = view._cards
    qtbot.waitUntil(lambda: all(card.isVisible() for card in cards), timeout=5000)
    assert [card.rating.text() for card in cards] == ["MISS  30", "MISS  40", "OK  58"]
    assert cards[0].advice.text() == "Left arm higher, right leg straighter \u00b7 a bit earlier" and cards[0].advice.isVisible()
    assert cards[1].advice.text() == "Right arm wider" and cards[2].advice.text() == "A bit later"
    assert all(card.practise_button.isVisible() and card.picture.image is not None for card in cards)
    assert min(card.picture.shown_rect().height() for card in cards) >= 150  # a snapshot worth looking at
    assert view.timing.text() == "0.3\u00a0s late \u00b7 steady tempo"  # the report's line, "0.3 s" kept on one line
    assert view.mirror.isVisible() and view.mirror.text().startswith("You danced it as in a mirror")
    assert not view.nothing_label.isVisible()
    assert cards[0].plan == PracticePlan(6.0, 8.0, "left_arm", 4, cards[0].advice.text())


def test_a_time_and_its_unit_stay_on_one_line(qtbot: QtBot, store: Store, data_home: Path) -> None:
    # At the page's narrowest, "Practise the move at 17-19 s" wrapped as "17-19" / "s left arm".
    view = results_view(qtbot, store, (1024, 640))
    report = sample_report("new")
    report["summary"] = "Good shapes, but your timing wandered a little: keep to the beat. Practise the move at 17-19 s: left arm higher."
    view.show_session(write_session(store, data_home / "clips", report))
    assert "at 17-19\u00a0s: left arm" in view.summary.text() and " s:" not in view.summary.text()
    assert view.summary.text().replace("\u00a0", " ") == report["summary"]


def test_nothing_to_practise_and_not_this_dance(qtbot: QtBot, store: Store, data_home: Path) -> None:
    view = results_view(qtbot, store)
    view.show_session(write_session(store, data_home / "clips", sample_report("none")))
    assert view._cards == [] and view.nothing_label.isVisible() and view.nothing_label.text() == NOTHING_TO_PRACTISE
    view.show_session(write_session(store, data_home / "clips", sample_report("other")))
    assert view._cards == [] and not view.nothing_label.isVisible() and not view.weakest_title.isVisible()
    assert view.summary.text().startswith("This does not look like this dance") and view.timing.text() == "Timing not judged"
    assert not view.mirror.isVisible()


def test_an_older_report_still_gets_cards_and_a_timing_line(qtbot: QtBot, store: Store, data_home: Path) -> None:
    report = sample_report("old")
    report["weakest"].append({**report["moves"][0], "move": 0, "reference_frame": 5, "performance_frame": 5, "parts": {}})  # a PERFECT "weakest"
    view = results_view(qtbot, store)
    view.show_session(write_session(store, data_home / "clips", report))
    assert len(view._cards) == 3  # only moves below GOOD are offered to practise
    assert view._cards[0].advice.text() == "Watch your left arm" and view.timing.text() == "Timing: 0.3\u00a0s late \u00b7 steady tempo"
    assert not view.mirror.isVisible()


def test_a_move_danced_out_of_the_picture_is_grey_not_weak(qtbot: QtBot, store: Store, data_home: Path) -> None:
    report = sample_report("away")
    view = results_view(qtbot, store)
    view.show_session(write_session(store, data_home / "clips", report))
    moves = moves_of(report)
    assert moves[5].rating == "away" and not judged_move(moves[5]) and all(judged_move(m) for m in moves[:5])
    assert all(card.weak_move.move != 5 for card in view._cards)


def test_the_results_page_fits_the_smallest_window(qtbot: QtBot, data_home: Path, app_settings: AppSettings) -> None:
    with Store() as store:
        window = MainWindow(store, app_settings)
        qtbot.addWidget(window)
        window.resize(1024, 640)
        window.show()
        session_id = write_session(store, data_home / "clips", sample_report("new"), portrait=True, replay=True)
        with qtbot.waitSignal(window.results.replay_ready, timeout=10_000):
            window.show_results(session_id)
        qtbot.waitUntil(lambda: window.results.video.surface.image is not None, timeout=10_000)
        again = window.results.again_button
        corner = again.mapTo(window, QPoint(0, 0))
        assert again.isVisible() and window.rect().contains(QRect(corner, again.size()))  # "Dance again" in the window
        scroll = window.results.scroll_area
        assert scroll.widget().width() <= scroll.viewport().width()  # nothing cut on the right
        assert window.results.video.surface.height() >= 240  # two portrait videos get room
        window.close()


def test_loop_takes_are_scored_one_by_one() -> None:
    takes = LoopTakes()
    takes.reset("left_arm")

    def frame(position: float, score: float, arm: float | None) -> FrameScored:
        move = MoveRating(2, 4.0, 6.0, 50.0, "ok")
        parts = {"head": 90.0, "torso": 90.0, "left_arm": arm, "right_arm": 80.0, "left_leg": None, "right_leg": 70.0}
        return FrameScored(0.0, position, position, score, parts, 60.0, 0.0, move, False, True, 0.0)

    for k in range(MIN_TAKE_FRAMES + 2):  # round 1
        assert takes.feed(frame(4.0 + 0.1 * k, 60.0, 40.0), looping=2) is None
    first = takes.feed(frame(4.0, 80.0, 70.0), looping=2)  # the music jumped back: round 2 begins
    assert first is not None and first.number == 1 and first.score == 60.0 and first.rating == "ok" and first.part_score == 40.0
    for k in range(1, MIN_TAKE_FRAMES + 2):
        takes.feed(frame(4.0 + 0.1 * k, 80.0, 70.0), looping=2)
    second = takes.feed(frame(4.0, 0.0, None), looping=2)
    assert second is not None and (second.number, second.score, second.rating, second.part_score) == (2, 80.0, "great", 70.0)
    assert takes.feed(frame(3.0, 10.0, None), looping=None) is None  # cut short: no take
    plan = plan_for(WeakMove(1.0, 2.0, 50.0, move=1, parts={"head": 70.0, "right_leg": 30.0}))
    assert plan.part == "right_leg" and plan.number == 2 and plan.speed == 0.5


def test_the_part_is_outlined_on_the_picture() -> None:
    landmarks = np.zeros((33, 4), np.float32)
    landmarks[:, 3] = 1.0
    landmarks[[11, 13, 15]] = [[300, 100, 0, 1], [340, 160, 0, 1], [380, 220, 0, 1]]  # the left arm, at 640x480
    body = BodyFrame(0.0, 640, 480, landmarks)
    picture = np.zeros((240, 320, 3), np.uint8)  # shown at half size
    drawn = outline_part(picture, body, "left_arm")
    assert (drawn[80, 170] == OUTLINE_RGB).all() and drawn[200, 40].max() == 0  # along the arm, nowhere else
    mirrored = outline_part(picture, body, "right_arm", mirrored=True)  # danced as in a mirror: their left for the pro's right
    assert (mirrored == drawn).all() and outline_part(picture, None, "left_arm") is picture


@pytest.fixture
def groove(data_home: Path, tmp_path: Path) -> Path:
    """A 4 s reference with music, analysed into the cache (as an import leaves it)."""
    reference = tmp_path / "groove.mp4"
    render_performance(reference, "groove", Dancer(), Scene(person=0, room=0, width=320, height=240), duration=4.0, start=2.0)
    with AnalysisPool() as pool:
        analysis, _ = analyse_reference(str(reference), pool, False, None)
    analysis_cache.save(analysis_cache.content_key(reference), analysis, data_home / "cache")
    return reference


def engine_threads() -> list[str]:
    names = ("engine-", "camera-", "recorder", "reference-player", "ui-")
    return [t.name for t in threading.enumerate() if t.name.startswith(names)]


@pytest.mark.slow
def test_practise_this_move_loops_it_slowly_with_the_part_outlined(qtbot: QtBot, data_home: Path, app_settings: AppSettings, groove: Path, qapp: QApplication) -> None:
    apply_theme(qapp)
    app_settings.camera = "demo"
    app_settings.overlays = {"parts", "skeleton"}
    with Store() as store:
        with VideoReader(groove) as reader:
            choreography = store.add_choreography("Groove", groove, reader.duration, reader.fps, reader.width, reader.height, None)
        report = sample_report("new")
        report["weakest"] = [{**report["weakest"][0], "start": 1.0, "end": 2.0, "move": 1}]
        record = store.begin_session(choreography.id, {})
        record.files.report.write_text(json.dumps(report))
        store.complete_session(record.id, status="done", score=60.0, grade="C", duration=4.0, parts={}, message="")
        window = MainWindow(store, app_settings)
        qtbot.addWidget(window)
        window.dance.countdown_seconds = 0
        window.resize(1280, 800)
        window.show()
        window.show_results(record.id)
        (card,) = window.results._cards
        qtbot.mouseClick(card.practise_button, Qt.MouseButton.LeftButton)
        view = window.dance
        assert window.current_page() == "dance" and view.plan is not None and view.practice_bar.isVisible()
        qtbot.waitUntil(lambda: view.phase == "dancing" and view.bridge is not None and view.bridge.session.looping is not None, timeout=SESSION_MS)
        session = view.bridge.session  # type: ignore[union-attr]
        moves = session.moves
        looped = session.looping
        assert looped == live_move(view.plan, moves) and moves[looped].start <= 1.5 < moves[looped].end  # type: ignore[index]
        qtbot.waitUntil(lambda: session.speed == pytest.approx(0.5), timeout=5000)
        assert view.loop_button.isChecked() and view.findChild(QPushButton, "speed_0.5").isChecked()
        assert view.stage.focus_part == "left_arm" and view.stage.legend
        assert "move 2, 0.5x, looping" in view.practice_bar.heading.full_text() and app_settings.speed == 1.0  # the user's own speed is kept
        qtbot.waitUntil(lambda: len(view.takes.takes) >= 1, timeout=SESSION_MS)
        assert "Take 1:" in view.practice_bar.takes_label.text()
        qtbot.mouseClick(view.practice_bar.stop_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: session.looping is None and session.speed == pytest.approx(1.0), timeout=5000)
        assert not view.practice_bar.isVisible() and view.stage.focus_part is None and not view.loop_button.isChecked()
        with qtbot.waitSignal(view.finished, timeout=SESSION_MS):
            qtbot.keyClick(view, Qt.Key.Key_Escape)
        window.close()
        qtbot.waitUntil(lambda: engine_threads() == [], timeout=15_000)
