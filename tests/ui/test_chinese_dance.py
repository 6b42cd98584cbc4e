"""The dance screen, Break It Down and the results page in 简体中文: no English left on them and
no word cut off, at the largest and the smallest window the app is made for.

Each screen is built as the app builds it (a real report in a real session folder for the
results, the HUD fed a scored frame), rendered in zh_CN, read back from its widgets
(``screen_checks``), and saved as a picture under ``$DANCELIKE_SHOTS`` (default
/tmp/zh_shots) for a person to look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from results_samples import sample_report, write_session
from screen_checks import clipped, language, untranslated

from dancelike.engine import FrameScored, MoveRating, SessionState
from dancelike.i18n import translate
from dancelike.scoring.report import rating
from dancelike.store.db import Store
from dancelike.ui.dance_view import DanceView
from dancelike.ui.practice_plan import PracticePlan, TakeScore
from dancelike.ui.results_cards import NOTHING_TO_PRACTISE, nothing_to_practise
from dancelike.ui.results_view import ResultsView
from dancelike.ui.settings import AppSettings
from dancelike.ui.theme import apply_theme

SIZES = [(1280, 800), (1024, 640)]
#: Key names Chinese keyboards and apps print as they are.
KEYS = ["Esc"]
PARTS = {"head": 90.0, "torso": 95.0, "left_arm": 40.0, "right_arm": 88.0, "left_leg": None, "right_leg": 85.0}


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


def settle(qtbot: QtBot, widget: QWidget, size: tuple[int, int]) -> None:
    """Shown at ``size``; sized again once shown (the HUD drops lines to fit only once it is laid out)."""
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget, timeout=5000)
    QApplication.processEvents()
    widget.resize(*size)
    QApplication.processEvents()
    assert (widget.width(), widget.height()) == size


def scored(t: float = 5.0, player: int = 1, move: MoveRating | None = None) -> FrameScored:
    return FrameScored(t, t, t - 0.3, 72.0, dict(PARTS), 70.0, 0.3, move, False, True, 20.0, player=player, cue="左臂抬高")


def dance_screen(qtbot: QtBot, store: Store, settings: AppSettings) -> DanceView:
    """The dance screen as it looks mid-dance, without a camera: title, HUD with a scored frame."""
    view = DanceView(store, settings)
    qtbot.addWidget(view)
    view.title.set_title("周末街舞 · 第一段")
    view.hud.set_players(1)
    view.hud.move_label.setText(translate("DanceView", "Move {number} of {count}").format(number=4, count=12))
    view.hud.show_frame(scored(), True, 0.3)
    view.hud.show_busy(True, translate("DanceView", "Your computer is busy: scoring fewer frames ({fps} a second)").format(fps=14))
    view._update_pause(SessionState.PAUSED)  # the pause button says "carry on"
    return view


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_dance_screen_speaks_chinese(qtbot: QtBot, store: Store, app_settings: AppSettings, chinese: None, size: tuple[int, int]) -> None:
    view = dance_screen(qtbot, store, app_settings)
    settle(qtbot, view, size)
    assert view.pause_button.text() == "继续"  # paused: "carry on"
    assert view.hud.accessibleName() == "实时得分" and view.hud.accessibleDescription() == "得分 70；你慢了 0.3 s；左臂抬高"
    assert untranslated(view, KEYS) == []
    assert clipped(view) == []
    shoot(view, f"dance_{size[0]}x{size[1]}")
    view.hud.set_players(2)  # two players: a ring each, their names
    view.hud.show_player(scored(player=2, move=MoveRating(0, 0.0, 2.0, 84.0, "great")), True)
    view.hud.show_away(view.hud.away_label.text() or translate("DancePlayers", "Player {number} left the frame").format(number=2))
    QApplication.processEvents()
    assert untranslated(view, KEYS) == [] and clipped(view) == []
    assert view.hud.player_rings.rings[1].accessibleDescription() == "70，很棒"
    view._show_message(translate("DanceController", "This dance cannot start"), "摄像头被其他程序占用了。", "关掉其他程序后再试一次。")
    QApplication.processEvents()
    assert untranslated(view, KEYS) == [] and clipped(view) == []
    shoot(view, f"dance_message_{size[0]}x{size[1]}")


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_break_it_down_speaks_chinese(qtbot: QtBot, store: Store, app_settings: AppSettings, chinese: None, size: tuple[int, int]) -> None:
    view = dance_screen(qtbot, store, app_settings)
    plan = PracticePlan(6.0, 8.0, "left_arm", 4, "左臂抬高，右腿伸直 · 早一点")
    view.plan = plan
    view.practice_bar.prepare(plan)
    view.practice_bar.begin(plan, 4, 0.5)
    for number, score in ((1, 58.0), (2, 71.0), (3, 83.0)):
        view.practice_bar.add_take(TakeScore(number, score, rating(score), score - 5))
    view.stage.looping, view.stage.focus_part = 3, "left_arm"
    settle(qtbot, view, size)
    assert view.practice_bar.isVisible()
    assert "第 3 遍：83 很棒（左臂 78）" in view.practice_bar.takes_label.text()
    assert untranslated(view, KEYS) == []
    assert clipped(view) == []
    shoot(view, f"break_it_down_{size[0]}x{size[1]}")


def english_left(widget: QWidget) -> list[str]:
    return untranslated(widget, KEYS)


@pytest.mark.slow
def test_the_results_page_speaks_chinese(qtbot: QtBot, store: Store, data_home: Path, chinese: None) -> None:
    view = ResultsView(store)
    qtbot.addWidget(view)
    session_id = write_session(store, data_home / "clips", sample_report("new", story=True), portrait=True, title="竖屏练习：一段很长的舞蹈标题")
    settle(qtbot, view, SIZES[0])
    with qtbot.waitSignal(view.snapshots_ready, timeout=10_000):
        view.show_session(session_id)
    QApplication.processEvents()
    assert view.weakest_title.text() == "练练这些动作" and view._cards[0].rating.text() == "失误  30"
    assert view.ring.accessibleName() == "得分" and view.ring.accessibleDescription() == "63，等级 C"
    assert "左臂" in view.parts.accessibleDescription() and view.chart.accessibleName() == "整支舞的得分变化"
    for size in SIZES:
        settle(qtbot, view, size)
        shoot(view, f"results_{size[0]}x{size[1]}")
        assert english_left(view) == []
        assert clipped(view) == []


@pytest.mark.slow
def test_the_results_in_the_smallest_window_speak_chinese(qtbot: QtBot, data_home: Path, app_settings: AppSettings, chinese: None) -> None:
    from dancelike.ui.main_window import MainWindow

    with Store() as store:
        window = MainWindow(store, app_settings)
        qtbot.addWidget(window)
        settle(qtbot, window, SIZES[1])
        session_id = write_session(store, data_home / "clips", sample_report("none", story=True), portrait=False, replay=True, title="双人舞")
        with qtbot.waitSignal(window.results.replay_ready, timeout=10_000):
            window.show_results(session_id)
        QApplication.processEvents()
        results = window.results
        assert results.nothing_label.isVisible() and results.nothing_label.text() == nothing_to_practise() != NOTHING_TO_PRACTISE
        assert english_left(results) == []
        assert clipped(results) == []
        shoot(window, "results_window_1024x640")
        window.close()


def test_words_made_for_the_results_page_speak_chinese(chinese: None) -> None:
    from types import SimpleNamespace

    from dancelike.ui.session_text import breakdown_text, session_title

    two = SimpleNamespace(choreography_title="双人舞", player=2)
    assert session_title(two) == "双人舞 · 玩家 2"  # type: ignore[arg-type]
    assert breakdown_text({"shape": 68.0, "timing": 80.0}) == "动作 68 · 节奏 80"
