"""The status bar names the camera a dance will use: a video file set as the camera (on the
command line or in Settings) is called a video file, never "No webcam found"."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from dancelike.store.db import Store
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_performance
from dancelike.ui import settings as settings_module
from dancelike.ui.main_window import MainWindow
from dancelike.ui.settings import NO_WEBCAM_NOTE, AppSettings, camera_file, camera_note
from dancelike.ui.workers import active_jobs


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("camera") / "my_moves.mp4"
    render_performance(path, "groove", Dancer(), Scene(width=160, height=120), duration=1.0, start=2.0, music=False)
    return path


def test_what_the_note_says(tmp_path: Path, clip: Path, qapp: Any) -> None:
    assert camera_note("0") == "Camera 0" and camera_note("demo") == "Camera: the demo dancer"
    assert camera_note("pair:gap") == "Camera: two demo dancers"
    assert camera_note(str(clip)) == "Camera: my_moves.mp4 (a video file)"
    assert camera_note(f"file:{clip}") == "Camera: my_moves.mp4 (a video file)"
    assert camera_file("demo") is None and camera_file("3") is None and camera_file(f"file:{clip}") == clip
    assert camera_note("demo", NO_WEBCAM_NOTE) == NO_WEBCAM_NOTE
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    settings.camera = str(clip)
    assert settings.resolved_camera() == (str(clip), "")  # a file is never looked for among the webcams
    settings.camera = str(tmp_path / "moved_away.mp4")
    spec, note = settings.resolved_camera()
    assert spec == "demo" and "moved_away.mp4" in note and "not there" in note and "webcam" not in note.lower()


def close(qtbot: QtBot, window: MainWindow) -> None:
    window.close()
    qtbot.waitUntil(lambda: not active_jobs(), timeout=10_000)


def test_the_status_bar_names_a_video_file_camera(qtbot: QtBot, store: Store, app_settings: AppSettings, clip: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings_module, "list_cameras", list)  # this machine has no webcam
    app_settings.override_camera(str(clip))  # dancelike app --camera my_moves.mp4
    window = MainWindow(store, app_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.camera_note.text() == "Camera: my_moves.mp4 (a video file)", timeout=10_000)
    close(qtbot, window)


def test_a_slow_webcam_probe_never_overwrites_a_file_chosen_since(
    qtbot: QtBot, store: Store, app_settings: AppSettings, clip: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    probing, release = threading.Event(), threading.Event()

    def slow_probe() -> list[int]:  # "auto" looks for webcams, which can take seconds
        probing.set()
        release.wait(10)
        return []

    monkeypatch.setattr(settings_module, "list_cameras", slow_probe)
    window = MainWindow(store, app_settings)  # the camera is "auto": the probe starts
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(probing.is_set, timeout=10_000)
    window.settings_view.set_camera(str(clip))  # chosen in Settings meanwhile
    qtbot.waitUntil(lambda: window.camera_note.text() == "Camera: my_moves.mp4 (a video file)", timeout=10_000)
    release.set()  # the probe ends now with "no webcam": too late to count
    qtbot.waitUntil(lambda: not [job for job in active_jobs() if job.name == "resolve-camera"], timeout=10_000)
    assert window.camera_note.text() == "Camera: my_moves.mp4 (a video file)"
    close(qtbot, window)
