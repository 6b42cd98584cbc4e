"""Latency calibration: claps in wrist tracks, the synthetic clapper, the live run, the dialog."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest

from dancelike.errors import InputError
from dancelike.media.camera import Camera, CameraLost, open_camera
from dancelike.media.click_track import COUNT_IN, beat_grid, click_track
from dancelike.scoring.claps import (
    Calibration,
    describe,
    estimate_latency,
    find_claps,
    hand_distance,
)
from dancelike.synth.claps import ClapperCamera, clapper_poses

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication
    from pytestqt.qtbot import QtBot

    from dancelike.ui.settings import AppSettings

BEAT = 0.6
BEATS = 0.5 + np.arange(8) * BEAT + 3.0  # eight beats after a count-in


def wrist_tracks(claps: np.ndarray, *, fps: float = 30.0, phase: float = 0.013, span: float = 1.2, noise: float = 0.0, seed: int = 0) -> tuple[np.ndarray, ...]:
    """Wrists of someone clapping at ``claps`` seen at ``fps``: hands apart ~1.4 shoulder widths,
    meeting at 0.3, distance ~ |sin| between claps (a real clap is fastest at contact)."""
    times = np.arange(phase, (claps.max() if len(claps) else 5.0) + span, 1 / fps)
    openness = np.ones_like(times)
    if len(claps):
        nearest = np.abs(times[:, None] - claps[None, :]).min(axis=1)
        openness = np.abs(np.sin(np.pi * np.minimum(nearest, BEAT / 2) / BEAT))
    half = (0.3 + 1.1 * openness) * 50.0  # shoulder width 100 px
    rng = np.random.default_rng(seed)
    centre = np.array([320.0, 200.0])
    left = centre + np.column_stack([half, np.zeros_like(half)]) + rng.normal(0, noise * 100, (len(times), 2))
    right = centre - np.column_stack([half, np.zeros_like(half)]) + rng.normal(0, noise * 100, (len(times), 2))
    return times, left, right, np.full(len(times), 100.0), np.ones(len(times), bool)


# --- finding claps -------------------------------------------------------------------------


def test_claps_are_found_to_a_few_milliseconds_between_frames() -> None:
    truth = BEATS + 0.12
    for phase in (0.0, 0.011, 0.023):
        claps = find_claps(*wrist_tracks(truth, phase=phase))
        assert len(claps) == 8
        assert np.abs(claps - truth).max() < 0.006


def test_latency_of_steady_claps() -> None:
    for delay in (0.0, 0.12, 0.25, 0.4):
        truth = BEATS + delay
        result = estimate_latency(find_claps(*wrist_tracks(truth)), BEATS)
        assert result.ok, result.message
        assert result.matched == 8
        assert result.latency_s == pytest.approx(delay, abs=0.006)
        assert result.spread_s < 0.005


def test_noisy_wrists_still_give_the_latency() -> None:
    claps = find_claps(*wrist_tracks(BEATS + 0.12, noise=0.02, seed=3))
    result = estimate_latency(claps, BEATS)
    assert result.ok and result.matched >= 7
    assert result.latency_s == pytest.approx(0.12, abs=0.015)


def test_missing_claps_say_what_to_do() -> None:
    claps = find_claps(*wrist_tracks(BEATS[:3] + 0.1))
    result = estimate_latency(claps, BEATS)
    assert len(claps) == 3
    assert not result.ok and result.matched == 3
    assert result.message == "Only 3 claps seen: stand so your hands are in view and clap on each beat."
    assert "\n" not in result.message


def test_five_of_eight_is_enough() -> None:
    result = estimate_latency(BEATS[[0, 2, 3, 5, 7]] + 0.1, BEATS)
    assert result.ok and result.matched == 5
    assert result.latency_s == pytest.approx(0.1)


def test_uneven_claps_are_not_trusted() -> None:
    jitter = np.array([0.0, 0.12, -0.1, 0.15, -0.12, 0.09, -0.14, 0.11])
    result = estimate_latency(BEATS + 0.1 + jitter, BEATS)
    assert not result.ok and result.matched == 8
    assert "uneven" in result.message


def test_nobody_in_view() -> None:
    times, left, right, width, _ = wrist_tracks(BEATS)
    found = np.zeros(len(times), bool)
    claps = find_claps(times, left, right, width, found)
    assert len(claps) == 0
    assert np.isnan(hand_distance(left, right, width, found)).all()
    result = estimate_latency(claps, BEATS, seen=0.0)
    assert not result.ok
    assert result.message.startswith("Nobody seen")
    assert estimate_latency(claps, BEATS).message.startswith("No claps seen")


def test_claps_between_beats_and_extra_claps_pair_with_their_own_beat() -> None:
    # Extra claps on the off-beats during the count-in and one doubled clap are not matched twice.
    claps = np.concatenate([BEATS[0] - np.array([2.1, 1.5]), BEATS + 0.08, [BEATS[4] + 0.08 + 0.25]])
    result = estimate_latency(np.sort(claps), BEATS)
    assert result.matched == 8 and result.ok
    assert result.latency_s == pytest.approx(0.08)


def test_hands_held_together_or_wobbling_are_not_claps() -> None:
    times = np.arange(0, 3, 1 / 30)
    # Hands together from the start (no "apart" before), wobbling by less than RISE: no clap.
    half = 15.0 + 8.0 * np.sin(2 * np.pi * 2.0 * times)
    left = np.column_stack([320 + half, np.full_like(times, 200.0)])
    right = np.column_stack([320 - half, np.full_like(times, 200.0)])
    assert len(find_claps(times, left, right, 100.0, np.ones(len(times), bool))) == 0


def test_a_tracking_gap_forgets_a_half_seen_clap() -> None:
    times, left, right, width, found = wrist_tracks(BEATS + 0.1)
    lost = np.abs(times - (BEATS[2] + 0.1)) < 0.2  # the hands vanish around the third clap
    found = found & ~lost
    claps = find_claps(times, left, right, width, found)
    assert len(claps) == 7
    assert not np.any(np.abs(claps - (BEATS[2] + 0.1)) < 0.1)


def test_bad_inputs() -> None:
    with pytest.raises(ValueError, match="two beats"):
        estimate_latency(np.array([1.0]), np.array([1.0]))
    with pytest.raises(ValueError):
        find_claps(np.arange(3.0), np.zeros((3, 2)), np.zeros((4, 2)), 1.0, np.ones(3, bool))


# --- the synthetic clapper and the click track ----------------------------------------------


def test_click_track_puts_each_beat_on_its_sample() -> None:
    pcm, grid = click_track(sample_rate=48000, channels=2)
    assert pcm.dtype == np.float32 and pcm.shape[1] == 2
    assert len(grid) == COUNT_IN + 8
    np.testing.assert_allclose(np.diff(grid), 0.6)
    assert np.abs(pcm).max() <= 1.0
    for when in grid:
        at = round(when * 48000)
        assert np.abs(pcm[at - 200 : at]).max() < 1e-3  # silence just before the beat
        assert np.abs(pcm[at : at + 200]).max() > 0.05  # the sound starts on it


def test_clapper_hands_meet_at_the_claps() -> None:
    from dancelike.synth.skeleton import Build, Pose, solve

    claps = beat_grid()[COUNT_IN:] + 0.12
    times = np.arange(0.0, claps[-1] + 1.0, 0.005)
    distance = []
    for pose in clapper_poses(times, claps):
        points = solve(Pose.from_array(pose), Build(), 320, 450, 320).landmarks()
        distance.append(np.linalg.norm(points[15] - points[16]) / np.linalg.norm(points[11] - points[12]))
    distance = np.array(distance)
    for clap in claps:
        near = np.abs(times - clap) < 0.25
        assert times[near][np.argmin(distance[near])] == pytest.approx(clap, abs=0.006)
        assert distance[near].min() < 0.4 and distance[near].max() > 1.0


def test_claps_camera_specs() -> None:
    camera = open_camera("claps")
    try:
        assert isinstance(camera, ClapperCamera)
        np.testing.assert_allclose(camera.claps, beat_grid()[COUNT_IN:] + 0.12)
        assert (camera.width, camera.height) == (640, 480)
        assert camera.frame_at(1.0).shape == (480, 640, 3)
    finally:
        camera.stop()
    late = open_camera("claps:0.25")
    late.stop()
    np.testing.assert_allclose(late.claps, beat_grid()[COUNT_IN:] + 0.25)
    with pytest.raises(InputError, match="delay"):
        open_camera("claps:soon")
    with pytest.raises(InputError, match="between"):
        open_camera("claps:5")


# --- the live calibration --------------------------------------------------------------------


@pytest.mark.slow
def test_run_calibration_measures_the_clapper_delay() -> None:
    from dancelike.engine.calibration import BeatTick, run_calibration

    ticks: list[BeatTick] = []
    result = run_calibration("claps", on_beat=ticks.append)  # the clapper is 0.12 s late
    assert isinstance(result, Calibration)
    assert result.ok, result.message
    assert result.latency_s == pytest.approx(0.12, abs=0.035)
    assert result.matched >= 7
    assert result.message == describe(result.latency_s)
    assert result.message.startswith("Your setup adds 0.1") and result.message.endswith(" s; we'll subtract it.")
    assert [t.count_in for t in ticks] == [True] * 4 + [False] * 8
    assert [t.number for t in ticks] == [1, 2, 3, 4, 1, 2, 3, 4, 5, 6, 7, 8]
    # Beats are heard on the click track's grid (the silent sink starts at session time zero).
    np.testing.assert_allclose([t.t for t in ticks], beat_grid(), atol=0.02)
    np.testing.assert_allclose(result.beats, [t.t for t in ticks[4:]])


@pytest.mark.slow
def test_run_calibration_with_nobody_in_view() -> None:
    from dancelike.engine.calibration import run_calibration

    result = run_calibration("claps:nobody", bpm=200, beats=5, count_in=1)
    assert not result.ok and result.matched == 0
    assert result.message == "Nobody seen: stand back so your head, shoulders and hands are in view, then try again."


def test_run_calibration_can_be_cancelled() -> None:
    from dancelike.engine.calibration import (
        BeatTick,
        CalibrationCancelled,
        run_calibration,
    )

    cancel = threading.Event()

    def on_beat(tick: BeatTick) -> None:
        if tick.index == 1:
            cancel.set()

    camera = open_camera("claps")
    with pytest.raises(CalibrationCancelled):
        run_calibration(camera, on_beat=on_beat, cancel=cancel)
    assert not camera.running  # stopped; the autouse fixture checks no thread is left


def test_run_calibration_needs_a_fresh_camera() -> None:
    from dancelike.engine.calibration import run_calibration

    camera = open_camera("claps")
    camera.start()
    try:
        with pytest.raises(ValueError, match="not been started"):
            run_calibration(camera)
    finally:
        camera.stop()


def test_run_calibration_surfaces_a_lost_camera_and_a_failed_tracker(monkeypatch: pytest.MonkeyPatch) -> None:
    from dancelike.engine.calibration import run_calibration
    from dancelike.vision.tracker import PoseTracker

    class Unplugged(ClapperCamera):
        def _grab(self, start: float) -> tuple[np.ndarray, float] | None:
            if self._frames >= 10:
                raise CameraLost("camera 0: stopped delivering frames after 10 (disconnected?)")
            return super()._grab(start)

    with pytest.raises(CameraLost, match="disconnected"):
        run_calibration(Unplugged(beat_grid()), bpm=200, beats=4, count_in=1)

    def broken(self: PoseTracker, image: np.ndarray, t: float = 0.0) -> None:
        raise RuntimeError("model exploded")

    camera: Camera = open_camera("claps")
    monkeypatch.setattr(PoseTracker, "process", broken)
    with pytest.raises(RuntimeError, match="model exploded"):
        run_calibration(camera, bpm=200, beats=4, count_in=1)


# --- the dialog ------------------------------------------------------------------------------


@pytest.fixture
def calibration_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> tuple[AppSettings, str]:
    """Settings in an INI file under tmp (never the user's), camera = the synthetic clapper."""
    from PySide6.QtCore import QSettings

    from dancelike.ui.settings import AppSettings

    monkeypatch.setenv("DANCELIKE_HOME", str(tmp_path / "home"))
    path = str(tmp_path / "settings.ini")
    settings = AppSettings(QSettings(path, QSettings.Format.IniFormat))
    settings.camera = "claps"
    return settings, path


@pytest.mark.slow
def test_dialog_measures_and_saves_the_latency(qtbot: QtBot, calibration_settings: tuple[AppSettings, str]) -> None:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QDialog, QLabel, QPushButton

    from dancelike.media.clock import WallClockSink
    from dancelike.ui.calibration_dialog import CalibrationDialog, instructions
    from dancelike.ui.settings import AppSettings

    settings, path = calibration_settings
    dialog = CalibrationDialog(settings, audio_sink_factory=WallClockSink)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.findChild(QLabel, "calibrationInstructions").text() == instructions()
    start = dialog.findChild(QPushButton, "calibrationStart")
    save = dialog.findChild(QPushButton, "calibrationSave")
    preview = dialog.findChild(QLabel, "calibrationPreview")
    qtbot.waitUntil(lambda: start.isEnabled() and not preview.pixmap().isNull(), timeout=10_000)
    assert not save.isEnabled()

    with qtbot.waitSignal(dialog.measured, timeout=60_000) as blocker:
        qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.findChild(QLabel, "beat0").property("lit"), timeout=20_000)
        assert dialog.running and not start.isEnabled()
    result = blocker.args[0]
    assert result.ok, result.message
    assert result.latency_s == pytest.approx(0.12, abs=0.035)
    assert all(dialog.findChild(QLabel, f"beat{k}").property("lit") for k in range(12))
    assert dialog.findChild(QLabel, "calibrationMessage").text().startswith(result.message)
    assert save.isEnabled()

    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert settings.latency_for("claps") == pytest.approx(result.latency_s)
    again = AppSettings(QSettings(path, QSettings.Format.IniFormat))
    assert again.latency_for("claps") == pytest.approx(result.latency_s)
    assert again.latency_for("0") == 0.0  # per camera


@pytest.mark.slow
def test_dialog_says_what_to_do_when_nobody_claps(qtbot: QtBot, calibration_settings: tuple[AppSettings, str], monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QPushButton

    from dancelike.media.clock import WallClockSink
    from dancelike.ui import calibration_dialog

    settings, _ = calibration_settings
    settings.camera = "claps:nobody"
    original = calibration_dialog.run_calibration

    def quick(*args, **kwargs):  # type: ignore[no-untyped-def]
        return original(*args, **{**kwargs, "bpm": 200, "beats": 5, "count_in": 1})

    monkeypatch.setattr(calibration_dialog, "run_calibration", quick)
    dialog = calibration_dialog.CalibrationDialog(settings, audio_sink_factory=WallClockSink)
    qtbot.addWidget(dialog)
    dialog.show()
    start = dialog.findChild(QPushButton, "calibrationStart")
    qtbot.waitUntil(start.isEnabled, timeout=10_000)
    with qtbot.waitSignal(dialog.measured, timeout=60_000) as blocker:
        qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    assert not blocker.args[0].ok
    assert dialog.findChild(QLabel, "calibrationMessage").text().startswith("Nobody seen")
    assert not dialog.findChild(QPushButton, "calibrationSave").isEnabled()
    assert start.text() == "Try again"
    qtbot.waitUntil(start.isEnabled, timeout=10_000)  # the preview is back: it can run again
    dialog.reject()
    assert not settings.has_latency("claps:nobody")


def test_dialog_closed_mid_run_stops_everything(qtbot: QtBot, calibration_settings: tuple[AppSettings, str]) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QPushButton

    from dancelike.media.clock import WallClockSink
    from dancelike.ui.calibration_dialog import CalibrationDialog

    settings, _ = calibration_settings
    dialog = CalibrationDialog(settings, audio_sink_factory=WallClockSink)
    qtbot.addWidget(dialog)
    dialog.show()
    start = dialog.findChild(QPushButton, "calibrationStart")
    qtbot.waitUntil(start.isEnabled, timeout=10_000)
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.findChild(QLabel, "beat1").property("lit"), timeout=20_000)
    dialog.reject()  # Cancel: the run stops and its threads end (the autouse fixture checks)
    assert not settings.has_latency("claps")
