"""The live HUD as the dancer sees it: the engine's cue in large type, notices that never cover the
limb bars whatever the window's height, and honest timing words through a take."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dancelike.engine import FrameScored
from dancelike.ui.dance_hud import FINDING_SECONDS, DanceHud, approximate_lag_text, event_cue

PARTS = {"head": 90.0, "torso": 95.0, "left_arm": 40.0, "right_arm": 88.0, "left_leg": 92.0, "right_leg": 85.0}


def frame(t: float = 1.0, cue: str | None = None, found: bool = True, lag: float = 0.3, position: float | None = None) -> FrameScored:
    """A hand-made scored frame; ``cue`` set whether or not the engine's FrameScored has the field yet."""
    event = FrameScored(t, t if position is None else position, t - lag, 80.0, dict(PARTS), 78.0, lag, None, False, found, 20.0)
    if cue is not None:
        if any(f.name == "cue" for f in dataclasses.fields(FrameScored)):
            return dataclasses.replace(event, cue=cue)  # type: ignore[call-arg]
        object.__setattr__(event, "cue", cue)
    return event


def hud_of_height(qtbot: QtBot, height: int) -> DanceHud:
    hud = DanceHud()
    qtbot.addWidget(hud)
    hud.set_players(1)
    hud.setFixedHeight(height)
    hud.show()
    qtbot.waitExposed(hud, timeout=5000)
    return hud


def test_the_cue_is_shown_large_instead_of_the_limb_line(qtbot: QtBot, qapp: QApplication) -> None:
    hud = hud_of_height(qtbot, 625)
    hud.show_frame(frame(), True, 0.3)
    assert hud.limb_label.isVisible() and hud.limb_label.text() == "Watch your left arm" and not hud.cue_label.isVisible()
    hud.show_frame(frame(cue="Left arm higher"), True, 0.3)
    qtbot.waitUntil(lambda: hud.cue_label.isVisible(), timeout=5000)
    assert hud.cue_label.text() == "Left arm higher" and not hud.limb_label.isVisible()
    assert hud.cue_label.font().pointSize() >= 20 > hud.limb_label.font().pointSize()  # read from the floor
    assert hud.part_bars.isVisible()
    hud.show_frame(frame(cue=None), True, 0.3)  # the engine is not sure any more: today's line again
    assert not hud.cue_label.isVisible() and hud.limb_label.isVisible()
    hud.show_frame(frame(cue="Left arm higher", found=False), True, 0.3)  # nobody seen: no advice
    assert not hud.cue_label.isVisible() and hud.lag_label.text() == "Step into the picture"
    assert event_cue(frame()) == "" and event_cue(frame(cue="  Right leg straighter ")) == "Right leg straighter"


@pytest.mark.parametrize("height", [700, 625, 545, 470])
def test_notices_never_cover_the_limb_bars(qtbot: QtBot, qapp: QApplication, height: int) -> None:
    hud = hud_of_height(qtbot, height)
    hud.show_frame(frame(cue="Left arm higher"), True, 0.3)
    hud.move_label.setText("Move 4 of 17")
    hud.show_busy(True, "Your computer is busy: scoring fewer frames (14 a second)")
    qtbot.waitUntil(lambda: hud.busy_label.isVisible(), timeout=5000)
    shown = [w for w in (hud.score_ring, hud.lag_label, hud.move_label, hud.cue_label, hud.part_bars, hud.busy_label, hud.keys_label) if w.isVisible()]
    assert hud.part_bars in shown or height < 545  # the bars stay at the dance screen's usual heights
    for k, widget in enumerate(shown):
        assert widget.geometry().bottom() <= hud.height(), widget.objectName()
        for other in shown[k + 1 :]:
            assert not widget.geometry().intersects(other.geometry()), (widget, other)
    hud.alert("The camera stopped (end of file). Scoring what you danced; check the camera's cable or pick another in Settings.")
    qtbot.waitUntil(lambda: hud.alert_label.isVisible(), timeout=5000)
    lines = [w for w in (hud.part_bars, hud.busy_label, hud.alert_label) if w.isVisible()]
    for k, widget in enumerate(lines):
        for other in lines[k + 1 :]:
            assert not widget.geometry().intersects(other.geometry())
    hud.show_busy(False, "")
    hud.alert_label.hide()
    hud.resize(hud.width(), height)
    qtbot.waitUntil(lambda: not hud.busy_label.isVisible(), timeout=5000)


def test_finding_your_timing_only_in_the_first_seconds_of_a_take(qtbot: QtBot, qapp: QApplication) -> None:
    hud = hud_of_height(qtbot, 625)
    fps = 12  # a busy computer: the view's frame count has not settled after several seconds
    for k in range(int(2 * fps)):
        hud.show_frame(frame(t=k / fps, lag=0.3), False, 0.3)
    assert hud.lag_label.text() == "Finding your timing\u2026"
    for k in range(int(2 * fps), int((FINDING_SECONDS + 1) * fps)):
        hud.show_frame(frame(t=k / fps, lag=0.3), False, 0.3)
    assert hud.lag_label.text() == "About 0.3 s behind" and "estimate" in hud.lag_label.toolTip()
    hud.show_frame(frame(t=6.0, lag=0.31), True, 0.31)  # settled: the lag itself
    assert hud.lag_label.text() == "You're 0.3 s behind"
    # a jump back (another move): a new take, so its first seconds are "finding" again
    hud.show_frame(frame(t=6.1, position=1.0, lag=0.0), False, 0.0)
    assert hud.lag_label.text() == "Finding your timing\u2026"
    assert approximate_lag_text(0.05) == "Roughly on the beat" and approximate_lag_text(-0.24) == "About 0.2 s ahead"


def test_a_pause_is_not_dancing(qtbot: QtBot, qapp: QApplication) -> None:
    hud = hud_of_height(qtbot, 625)
    hud.show_frame(frame(t=0.0), False, 0.3)
    hud.show_frame(frame(t=30.0, position=0.1), False, 0.3)  # 30 s paused: the music did not move on
    assert hud.lag_label.text() == "Finding your timing\u2026"


def test_the_timing_settles_after_seconds_of_dancing_not_a_frame_count() -> None:
    from dancelike.ui.settling import Settling

    # a busy computer: ten analysed frames a second settles in about 1.5 s, as a fast one does
    slow = Settling()
    assert not any(slow.add(k / 10, True) for k in range(15))
    assert slow.add(1.6, True)
    # a walk out of the picture is not dancing time
    gaps = Settling()
    for t in (0.0, 0.1, 2.0, 2.1, 4.0, 4.1):
        gaps.add(t, True)
    assert not gaps.settled and gaps.seconds < 0.5
