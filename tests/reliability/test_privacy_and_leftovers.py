"""Privacy and leftovers: the data folder and what DanceLike writes in it are owner-only, a killed
run's temporary folders and half-done imports go at the next start, a title is shown as typed,
and an export never proposes a name outside the folder it was offered in."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from dancelike.media.camera import CapturedFrame
from dancelike.media.clock import FrameQueue
from dancelike.media.recorder import Recorder, RecorderState
from dancelike.services.library import import_video
from dancelike.services.sessions import write_json
from dancelike.store import leftovers
from dancelike.store.db import Store
from dancelike.store.paths import safe_file_name
from dancelike.synth.performance import Scene, render_performance

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication
    from pytestqt.qtbot import QtBot

WAIT_S = 60.0
HOUR = 3600.0


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_data_folder_and_its_files_are_owner_only(own_data_home: Path, tmp_path: Path) -> None:
    render_performance(tmp_path / "dance.mp4", "groove", scene=Scene(width=320, height=240), duration=1.5, start=2.0, music=False)
    previous = os.umask(0o022)  # a usual umask: what it lets through is not what DanceLike relies on
    try:
        with Store() as store:
            clip = import_video(store, tmp_path / "dance.mp4", title="Mine")  # (an import needs somebody to follow)
            record = store.begin_session(clip.id, {})
            frames: FrameQueue[CapturedFrame] = FrameQueue(10)
            for k in range(5):
                frames.put(CapturedFrame(k, k / 30, np.full((64, 64, 3), 40 * k, np.uint8)))
            frames.close()
            recorder = Recorder(record.folder / "recording.mp4", frames, 64, 64)
            assert recorder.start() and recorder.join(WAIT_S) and recorder.state is RecorderState.DONE
            write_json(record.folder / "report.json", {"score": 1})
            files = [
                store.path,
                Path(f"{store.path}-wal"),
                Path(f"{store.path}-shm"),
                clip.video,
                clip.thumbnail,
                record.folder / "recording.mp4",
                record.folder / "report.json",
            ]
            for path in files:
                assert path is not None and path.is_file() and _mode(path) == 0o600, (path, oct(_mode(path)))  # type: ignore[union-attr]
            for folder in (own_data_home, record.folder, clip.video.parent):
                assert _mode(folder) == 0o700, (folder, oct(_mode(folder)))
    finally:
        os.umask(previous)


def _aged(folder: Path, hours: float = 1.0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    then = time.time() - hours * HOUR
    os.utime(folder, (then, then))
    return folder


def test_a_killed_runs_leftovers_go_at_the_next_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, temp = tmp_path / "data", tmp_path / "tmp"
    half_import = _aged(root / "choreographies" / ".import-0123456789ab")
    (half_import / "video.mp4").write_bytes(b"half a copy")
    kept_library = _aged(root / "choreographies" / "3")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait(WAIT_S)
    of_dead = _aged(temp / f"DanceLike-{dead.pid}-AbCdEf")
    (of_dead / "arrow.png").write_bytes(b"png")
    _aged(of_dead)
    # A live process that started before its folder was made: pid 1, older than this test.
    init_started, me = leftovers.process_started(1), leftovers.process_started(os.getpid())
    assert init_started is not None and me is not None
    of_live = temp / "DanceLike-1-GhIjKl"
    if me - init_started > 10:
        _aged(of_live, hours=(time.time() - (init_started + me) / 2) / HOUR)
    new = temp / f"DanceLike-{os.getpid()}-MnOpQr"
    new.mkdir()  # this run's own, made just now
    unnamed = _aged(temp / "DanceLike-StUvWx")  # named the old way: no pid
    other = _aged(temp / "someone-else-123")

    monkeypatch.setattr(leftovers, "dancelike_processes", lambda: [time.time()])  # a DanceLike started after it
    removed = leftovers.remove_leftovers(root, temp)
    assert sorted(removed) == sorted([half_import, of_dead, unnamed])
    for kept in (kept_library, new, other):
        assert kept.is_dir(), kept
    assert of_live.is_dir() or me - init_started <= 10
    _aged(unnamed)
    monkeypatch.setattr(leftovers, "dancelike_processes", lambda: [time.time() - 2 * HOUR])  # one that may own it
    assert leftovers.remove_leftovers(root, temp) == [] and unnamed.is_dir()


def test_a_killed_workers_copy_of_a_clip_goes_and_a_working_ones_stays(tmp_path: Path) -> None:
    """A Ray task killed with its class (``batch --ray``, stopped) leaves its copy of a student's
    clip; the next task on that machine removes it, but never a copy still in use."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait(WAIT_S)
    killed = tmp_path / f"DanceLike-{dead.pid}-ray-0a1b2c3d-xyz"
    killed.mkdir()
    (killed / "student_03.mp4").write_bytes(b"a student's dance")
    working = tmp_path / f"{leftovers.worker_folder_prefix('ray-0a1b2c3d')}abc"
    working.mkdir()
    (working / "student_04.mp4").write_bytes(b"being scored")
    other_kind = _aged(tmp_path / f"DanceLike-{dead.pid}-AbCdEf")

    assert leftovers.remove_dead_workers_folders("ray", tmp_path) == [killed]
    assert not killed.exists() and (working / "student_04.mp4").is_file() and other_kind.is_dir()
    assert leftovers.worker_folders("ray-0a1b2c3d", tmp_path) == [working]
    # named the way earlier versions named them: by age alone
    old, recent = _aged(tmp_path / "dancelike-ray-old", hours=2), tmp_path / "dancelike-ray-new"
    recent.mkdir()
    assert leftovers.remove_old_folders("dancelike-ray-", 1.0, tmp_path) == [old] and recent.is_dir()


def test_the_theme_leaves_nothing_in_the_temporary_folder(qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its images ship in assets/ (the style sheet names them there): a killed app leaves no folder."""
    from dancelike import resources
    from dancelike.ui import theme

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    theme.apply_theme(qapp)
    assert list(tmp_path.iterdir()) == []
    assert resources.asset_path(resources.COMBO_ARROW).as_posix() in qapp.styleSheet()


def test_a_title_is_shown_as_typed(own_data_home: Path, qtbot: QtBot, app_settings: object) -> None:
    from PySide6.QtCore import Qt

    from dancelike.ui.library_cards import ChoreographyCard

    title = "<b>Bold</b> <img src='x.png'> & co"
    with Store() as store:
        video = store.root / "v.mp4"
        video.write_bytes(b"video")
        item = store.add_choreography(title, video, 3.0, 30.0, 64, 64, None)
        card = ChoreographyCard(store.choreography(item.id))  # type: ignore[arg-type]
        qtbot.addWidget(card)
        assert card.title.textFormat() == Qt.TextFormat.PlainText and card.title.full_text() == title
        assert "&lt;b&gt;" in card.title.toolTip()  # the tooltip shows the markup as typed too

    from dancelike.ui.dance_view import DanceView

    with Store() as store:
        dance = DanceView(store, app_settings)  # type: ignore[arg-type]
        qtbot.addWidget(dance)
        assert dance.title.textFormat() == Qt.TextFormat.PlainText  # the dance screen's heading too


@pytest.mark.parametrize(
    ("title", "expected"),
    [("../../.ssh/authorized_keys", "ssh authorized_keys"), ("a/b\\c", "a b c"), ("..", "DanceLike"), ("Salsa: 2 <fast>", "Salsa 2 fast")],
)
def test_safe_file_names(title: str, expected: str) -> None:
    assert safe_file_name(title) == expected
    name = safe_file_name(f"{title} replay 2026-11-27 10.00.mp4")
    assert "/" not in name and "\\" not in name and ".." not in name and not name.startswith(".") and name.endswith(".mp4")


def test_the_export_dialog_proposes_a_safe_name(own_data_home: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    from dancelike.ui.results_view import ResultsView

    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda parent, caption, suggested, filters: (asked.append(suggested), ("", ""))[1]))
    with Store() as store:
        video = store.root / "v.mp4"
        video.write_bytes(b"video")
        clip = store.add_choreography("../../evil/.hidden", video, 3.0, 30.0, 64, 64, None)
        view = ResultsView(store)
        qtbot.addWidget(view)
        view.record = store.begin_session(clip.id, {})
        view._export_dialog(video, "replay")
        assert view.title.textFormat() == Qt.TextFormat.PlainText  # the results page shows the title as typed too
    [suggested] = asked
    assert Path(suggested).parent == Path.home() and Path(suggested).name.startswith("evil hidden replay ")
