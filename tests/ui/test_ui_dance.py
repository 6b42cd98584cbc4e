"""The dance and results screens, offscreen, with real sessions: a file camera dances a short
synthetic choreography, the engine scores it live, the result is saved, the results screen
makes the snapshots and the replay; and the whole app end to end (import, dance, results,
history, restart).

Media are 320x240 and 4 s so the file runs in about a minute and a half on two shared cores.
Tests wait on signals and conditions with timeouts, never on sleeps.
"""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from dancelike.engine import AnalysisLoad, SessionState
from dancelike.media.clock import WallClockSink
from dancelike.media.video import VideoReader
from dancelike.pipeline.analysis import AnalysisPool
from dancelike.pipeline.reference import analyse_reference
from dancelike.scoring.report_rows import RatedMove, TimelinePoint
from dancelike.services.sessions import load_report
from dancelike.store import analysis_cache
from dancelike.store.db import Choreography, Store
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_performance
from dancelike.ui.charts import PartBars, TimelineChart
from dancelike.ui.dance_hud import lag_text
from dancelike.ui.dance_view import DanceView
from dancelike.ui.main_window import MainWindow
from dancelike.ui.qt_audio import NO_AUDIO_NOTE, QtAudioSink, make_audio_sink
from dancelike.ui.results_cards import practise_entries
from dancelike.ui.results_view import ResultsView
from dancelike.ui.settings import AppSettings
from dancelike.ui.theme import apply_theme

SECONDS = 4.0
SESSION_MS = 60_000  # a session is 4 s of dancing, plus loading models on two busy cores
REPLAY_MS = 90_000


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The pro (with music), a good copy danced by someone else, and the pro's cached analysis."""
    folder = tmp_path_factory.mktemp("dance")
    paths = {"reference": folder / "groove.mp4", "dancer": folder / "dancer.mp4", "cache": folder / "cache"}
    small = {"width": 320, "height": 240}
    render_performance(paths["reference"], "groove", Dancer(), Scene(person=0, room=0, **small), duration=SECONDS, start=2.0)
    dancer = Dancer(offset=0.15, sloppiness=0.3, seed=1)
    render_performance(paths["dancer"], "groove", dancer, Scene(person=2, room=1, x=0.45, size=0.64, **small), duration=SECONDS, start=2.0)
    paths["cache"].mkdir()
    with AnalysisPool() as pool:  # what importing the choreography would have cached
        analysis, _ = analyse_reference(str(paths["reference"]), pool, False, None)
    analysis_cache.save(analysis_cache.content_key(paths["reference"]), analysis, paths["cache"])
    return paths


@pytest.fixture
def choreography(store: Store, clips: dict[str, Path], data_home: Path) -> Choreography:
    """The pro in the library, its analysis in the cache (as an import leaves it)."""
    shutil.copytree(clips["cache"], data_home / "cache", dirs_exist_ok=True)
    with VideoReader(clips["reference"]) as reader:
        return store.add_choreography("Groove", clips["reference"], reader.duration, reader.fps, reader.width, reader.height, None)


@pytest.fixture
def settings(app_settings: AppSettings, clips: dict[str, Path], qapp: QApplication) -> AppSettings:
    apply_theme(qapp)
    app_settings.camera = str(clips["dancer"])  # the stand-in webcam
    app_settings.overlays = {"parts", "ghost", "skeleton"}
    return app_settings


def dance_view(qtbot: QtBot, store: Store, settings: AppSettings, countdown: int = 1) -> DanceView:
    view = DanceView(store, settings)
    view.countdown_seconds = countdown
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    return view


def engine_threads() -> list[str]:
    names = ("engine-", "camera-", "recorder", "reference-player", "ui-")
    return [t.name for t in threading.enumerate() if t.name.startswith(names)]


# --- the parts ------------------------------------------------------------------------------------


def test_without_a_sound_card_the_music_follows_the_clock(qapp: QApplication) -> None:
    sink, note = make_audio_sink(48000, 2)
    assert isinstance(sink, WallClockSink) and note == NO_AUDIO_NOTE
    # The Qt sink's buffer works without a device: what the player writes is what the device pulls.
    from PySide6.QtMultimedia import QAudioDevice

    qt_sink = QtAudioSink(QAudioDevice(), 48000, 2)
    tone = np.linspace(-0.5, 0.5, 2 * 4800, dtype=np.float32).reshape(-1, 2)
    assert qt_sink.write(tone) == 4800 and qt_sink.queued_seconds() == pytest.approx(0.1)
    pulled = np.frombuffer(qt_sink._pull(8 * 1000), np.float32).reshape(-1, 2)
    np.testing.assert_array_equal(pulled, tone[:1000])
    assert qt_sink.played_seconds() <= 1000 / 48000  # never ahead of what the device was given
    qt_sink.flush()
    assert qt_sink.queued_seconds() <= 1000 / 48000 + 1e-9 and qt_sink._pull(800) == b""
    qt_sink.close()
    assert qt_sink.write(tone) == 0


def test_hud_words_and_charts(qtbot: QtBot, qapp: QApplication) -> None:
    assert [lag_text(x) for x in (0.05, 0.31, -0.24)] == ["On the beat", "You're 0.3 s behind", "You're 0.2 s ahead"]
    bars = PartBars(flag_weakest=True)
    bars.set_scores({"head": 95, "torso": 90, "left_arm": 40, "right_arm": 88, "left_leg": 91, "right_leg": 93})
    assert bars.weakest() == "left_arm"
    bars.set_scores({"head": 95, "left_arm": 85})
    assert bars.weakest() is None  # nothing is off
    chart = TimelineChart()
    qtbot.addWidget(chart)
    chart.resize(600, 200)
    chart.set_data([TimelinePoint(0.5, 80), TimelinePoint(1.5, 60)], [RatedMove(0, 1, 80, "great"), RatedMove(1, 2, 60, "ok")])
    assert chart.move_at(chart.width() * 0.8) == 1
    with qtbot.waitSignal(chart.move_clicked, timeout=1000) as clicked:
        chart.click_move(1)
    assert clicked.args == [1, 1.0]


# --- a session ------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_session_reaches_results_with_snapshots_and_a_replay(qtbot: QtBot, store: Store, settings: AppSettings, choreography: Choreography, tmp_path: Path) -> None:
    view = dance_view(qtbot, store, settings)
    view.start(choreography)
    assert view.phase in ("preparing", "countdown") and view.stage.countdown == "1"
    qtbot.waitUntil(lambda: view.phase == "dancing" and view.bridge is not None and view.bridge.latest is not None, timeout=SESSION_MS)
    bridge = view.bridge
    assert bridge is not None
    with qtbot.waitSignal(bridge.state_changed, timeout=5000, check_params_cb=lambda e: e.state is SessionState.PAUSED):
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.stage.banner and "Space" in view.stage.banner and view.pause_button.text() == "Carry on"
    with qtbot.waitSignal(bridge.state_changed, timeout=5000, check_params_cb=lambda e: e.state is SessionState.RUNNING):
        qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: view.stage.camera is not None and view.hud.score_ring._score is not None, timeout=5000)
    assert NO_AUDIO_NOTE in view.note.text()  # this machine has no sound card: the view says so
    assert view.stage.reference is not None and view.stage.moves and "of" in view.hud.move_label.text()
    # a busy computer: the engine says so, the HUD shows it while it lasts
    bridge.load_changed.emit(AnalysisLoad(True, 14.0))
    assert view.hud.busy_label.isVisibleTo(view) and "busy: scoring fewer frames (14 a second)" in view.hud.busy_label.text()
    bridge.load_changed.emit(AnalysisLoad(False, 29.0))
    assert not view.hud.busy_label.isVisibleTo(view)
    with qtbot.waitSignal(view.finished, timeout=SESSION_MS) as finished:
        pass
    (session_id,) = finished.args
    qtbot.waitUntil(lambda: engine_threads() == [], timeout=5000)

    record = store.session(session_id)
    assert record is not None and record.status == "done" and record.score is not None and record.score > 50
    assert record.recording is not None and record.report is not None and store.sessions()[0].id == session_id
    loaded = load_report(record.folder)
    assert loaded is not None and len(loaded[1]) > 0

    results = ResultsView(store)
    qtbot.addWidget(results)
    results.resize(1280, 800)
    results.show()
    with qtbot.waitSignals([results.snapshots_ready, results.replay_ready], timeout=REPLAY_MS):
        results.show_session(session_id)
    assert results.ring._score == pytest.approx(record.score, abs=0.1) and results.summary.text()
    if not practise_entries(results.report):  # a good copy: nothing below GOOD, and the page says so
        assert results._cards == [] and results.nothing_label.isVisibleTo(results)
        document = json.loads(record.files.report.read_text())  # a weak move, as a sloppier dance would have one
        move = document["moves"][0]
        document["weakest"] = [
            {
                **move,
                "score": 40.0,
                "rating": "ok",
                "move": 0,
                "reference_frame": 10,
                "performance_frame": 10,
                "parts": {"left_arm": 30.0},
                "advice": [],
                "when": None,
                "advice_text": "",
            }
        ]
        record.files.report.write_text(json.dumps(document))
        with qtbot.waitSignal(results.snapshots_ready, timeout=REPLAY_MS):
            results.show_session(session_id)
    assert len(results._cards) == len(practise_entries(results.report)) > 0 and all(c.picture.image is not None for c in results._cards)
    replay = store.session(session_id).replay  # type: ignore[union-attr]
    assert replay is not None and results.video.mode == "video"
    with VideoReader(replay) as reader:
        count, middle = 0, None
        for frame in reader:
            count += 1
            if frame.index == 60:
                middle = frame.rgb[60:, reader.width // 2 :]
    assert count == pytest.approx(SECONDS * 30, abs=3) and middle is not None
    assert middle.std() > 10  # the dancer's half has a picture in it, not a blank panel

    with qtbot.waitSignal(results.exported, timeout=10_000) as exported:
        results.export_replay_to(tmp_path / "mine.mp4")
    assert exported.args == [str(tmp_path / "mine.mp4")] and (tmp_path / "mine.mp4").stat().st_size == replay.stat().st_size
    (tmp_path / "blocked").write_text("a file where a folder should be")
    with qtbot.waitSignal(results.exported, timeout=10_000) as failed:
        results.export_recording_to(tmp_path / "blocked" / "take.mp4")
    assert failed.args == [""] and "Could not export" in results.status.text() and "Traceback" not in results.status.text()

    # A session recovered after a crash has report.json but not the live report's arrays: its
    # replay is made by scoring the recording again, its snapshots from the JSON alone.
    results.video.clear()
    for name in ("replay.mp4", "report_arrays.npz", "weakest_1.png"):
        (record.folder / name).unlink()
    with qtbot.waitSignals([results.snapshots_ready, results.replay_ready], timeout=REPLAY_MS):
        results.show_session(session_id)
    assert (record.folder / "replay.mp4").is_file() and results._cards[0].picture.image is not None
    results.shutdown()


def test_escape_stops_early_and_the_practice_controls_work(qtbot: QtBot, store: Store, settings: AppSettings, choreography: Choreography) -> None:
    settings.layout = "inside"
    view = dance_view(qtbot, store, settings, countdown=0)
    view.start(choreography)
    assert view.stage.layout_mode == "inside"
    qtbot.waitUntil(lambda: view.phase == "dancing" and view.bridge is not None and view.bridge.latest is not None, timeout=SESSION_MS)
    session = view.bridge.session  # type: ignore[union-attr]
    view.findChild(QPushButton, "speed_0.75").click()
    qtbot.waitUntil(lambda: session.speed == pytest.approx(0.75), timeout=2000)
    assert settings.speed == pytest.approx(0.75)
    view.findChild(QPushButton, "overlay_ghost").click()  # off, and remembered
    assert settings.overlays == {"parts", "skeleton"}
    view.findChild(QPushButton, "layout_beside").click()
    assert settings.layout == "beside" and view.stage.layout_mode == "beside"
    if len(session.moves) > 1:
        qtbot.keyClick(view, Qt.Key.Key_Right)
        qtbot.waitUntil(lambda: session.current_move() == 1, timeout=3000)
    view.loop_button.click()
    assert session.looping == session.current_move()
    with qtbot.waitSignal(view.finished, timeout=SESSION_MS) as finished:
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    record = store.session(finished.args[0])
    assert record is not None and record.status == "stopped" and record.score is not None and record.recording is not None
    assert view.result is not None and view.result.reason == "stopped"
    qtbot.waitUntil(lambda: engine_threads() == [], timeout=5000)


def test_leaving_during_the_countdown_leaves_nothing_behind(qtbot: QtBot, store: Store, settings: AppSettings, choreography: Choreography) -> None:
    settings.camera = "auto"  # no webcam here: the demo dancer, and the view says so
    view = dance_view(qtbot, store, settings, countdown=3)
    view.start(choreography)
    qtbot.waitUntil(lambda: view.phase == "countdown", timeout=20_000)
    assert "No webcam found" in view.note.text() and NO_AUDIO_NOTE in view.note.text()
    assert view.stage.camera_label == "DEMO DANCER" and len(store.sessions()) == 1
    with qtbot.waitSignal(view.left, timeout=20_000):
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert store.sessions() == [] and view.phase == "idle"
    qtbot.waitUntil(lambda: engine_threads() == [], timeout=5000)


def test_a_lost_camera_and_a_failed_recorder_are_explained(
    qtbot: QtBot, store: Store, settings: AppSettings, choreography: Choreography, clips: dict[str, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    short = tmp_path / "short.mp4"  # a camera that stops half way through the dance
    render_performance(short, "groove", Dancer(offset=0.15, seed=1), Scene(person=2, room=1, width=320, height=240), duration=1.5, start=2.0)
    settings.camera = str(short)
    begin = store.begin_session

    def begin_blocked(choreography_id: int, options: dict[str, object]) -> object:
        record = begin(choreography_id, options)
        (record.folder / "recording.mp4").mkdir()  # the recording cannot be written there
        return record

    monkeypatch.setattr(store, "begin_session", begin_blocked)
    view = dance_view(qtbot, store, settings, countdown=0)
    with qtbot.waitSignal(view.finished, timeout=SESSION_MS) as finished:
        view.start(choreography)
    assert "The camera stopped" in view.hud.alert_label.text() or "Recording stopped" in view.hud.alert_label.text()
    assert not view.hud.alert_label.isHidden() and "Traceback" not in view.hud.alert_label.text()
    record = store.session(finished.args[0])
    assert record is not None and record.status == "stopped" and record.score is not None and record.recording is None
    assert "camera lost" in record.message and "recording" in record.message
    qtbot.waitUntil(lambda: engine_threads() == [], timeout=5000)


def test_an_unreadable_video_says_what_to_do(qtbot: QtBot, store: Store, settings: AppSettings, tmp_path: Path) -> None:
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42 this download stopped halfway")
    choreography = store.add_choreography("Broken", broken, 10.0, 30.0, 640, 480, None)
    view = dance_view(qtbot, store, settings)
    view.start(choreography)
    qtbot.waitUntil(lambda: view.phase == "message", timeout=20_000)
    assert view.pages.currentIndex() == 1 and "broken.mp4" in view.message_card.text.text()
    assert view.message_card.hint.text() and "Traceback" not in view.message_card.text.text()
    (record,) = store.sessions()
    assert record.status == "failed" and "broken.mp4" in record.message
    qtbot.waitUntil(lambda: engine_threads() == [], timeout=5000)


# --- the app, end to end ------------------------------------------------------------------------


@pytest.mark.slow
def test_import_dance_results_history_and_after_a_restart(qtbot: QtBot, data_home: Path, settings: AppSettings, clips: dict[str, Path]) -> None:
    with Store() as store:
        window = MainWindow(store, settings)
        qtbot.addWidget(window)
        window.dance.countdown_seconds = 1
        window.show()
        with qtbot.waitSignal(window.library.imported, timeout=REPLAY_MS) as imported:
            window.library.import_files([clips["reference"]])
        (choreography_id,) = imported.args
        card = window.library.cards()[choreography_id]
        with qtbot.waitSignal(window.dance.finished, timeout=SESSION_MS) as finished:
            qtbot.mouseClick(card.dance_button, Qt.MouseButton.LeftButton)
            assert window.current_page() == "dance" and not window.sidebar.isVisible()
        (session_id,) = finished.args
        assert window.current_page() == "results" and window.results.record is not None and window.results.record.id == session_id
        assert window.results.ring._score is not None and window.results.ring._score > 50
        window.show_page("history")
        assert session_id in window.history.session_ids()
        window.close()  # the replay being made is cancelled; every thread ends with the window
        qtbot.waitUntil(lambda: engine_threads() == [], timeout=15_000)

    with Store() as store:  # the app again, on the same data folder
        again = MainWindow(store, AppSettings(QSettings(settings.qsettings.fileName(), QSettings.Format.IniFormat)))
        qtbot.addWidget(again)
        again.show()
        again.show_page("history")
        assert again.history.session_ids() == [session_id]
        again.history.open_session.emit(session_id)
        assert again.current_page() == "results" and again.results.ring._score is not None
        assert again.results.title.text() == store.choreography(choreography_id).title  # type: ignore[union-attr]
        again.close()
        qtbot.waitUntil(lambda: engine_threads() == [], timeout=15_000)


def test_the_camera_picture_is_drawn_at_about_its_shown_size() -> None:
    """A 720p webcam frame is halved before the overlays are drawn (they cost per pixel); a VGA
    one is drawn as it is; a video file's planar frame is halved before its colour conversion."""
    from dancelike.media.camera import CapturedFrame
    from dancelike.ui.dance_stage import CAMERA_SHOWN
    from dancelike.vision.frames import Yuv420

    hd = np.zeros((720, 1280, 3), np.uint8)
    hd[:, 640:] = 200
    shown = CapturedFrame(0, 0.0, hd).shown(CAMERA_SHOWN)
    assert shown.shape == (360, 640, 3) and shown[:, :318].max() == 0 and shown[:, 322:].min() == 200
    vga = np.zeros((480, 640, 3), np.uint8)
    assert CapturedFrame(0, 0.0, vga).shown(CAMERA_SHOWN) is vga
    y = np.full((720, 1280), 16, np.uint8)
    y[:, 640:] = 235  # black | white in limited-range luma
    planar = Yuv420(y, np.full((360, 640), 128, np.uint8), np.full((360, 640), 128, np.uint8))
    shown = CapturedFrame(0, 0.0, planar).shown(CAMERA_SHOWN)
    assert shown.shape == (360, 640, 3) and shown[:, :318].max() <= 2 and shown[:, 322:].min() >= 253
