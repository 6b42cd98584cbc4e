"""The wait for an import (issue 21, item 5): the analysis workers start (and load their models)
while the video is copied, not after it; and an import that needs no analysis (the dance was
analysed before) leaves no workers behind. Real short videos, real workers; nothing timed."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from dancelike.services import library
from dancelike.services.library import import_video
from dancelike.store.db import Store
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_performance


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("import_waits") / "pro_clip.mp4"
    render_performance(path, "groove", Dancer(), Scene(width=320, height=240, person=0, room=0), duration=2.0, start=4.0)
    return path


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


class _Watched(library.AnalysisPool):
    """An ``AnalysisPool`` that notes when it starts, beside the import's own events."""

    events: list[str] = []
    made: list[library.AnalysisPool] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        _Watched.events.append("workers starting")
        super().__init__(*args, **kwargs)
        _Watched.made.append(self)


@pytest.fixture
def watched(monkeypatch: pytest.MonkeyPatch) -> type[_Watched]:
    _Watched.events, _Watched.made = [], []
    monkeypatch.setattr(library, "AnalysisPool", _Watched)
    copy = library._copy

    def slow_copy(*args: Any) -> None:
        """A slow disk: the copy ends once the workers have begun starting (or after a long minute,
        when nothing starts them before the copy is done)."""
        _Watched.events.append("copy")
        copy(*args)
        deadline = time.monotonic() + 60.0
        while "workers starting" not in _Watched.events and time.monotonic() < deadline:
            time.sleep(0.01)
        _Watched.events.append("copied")

    monkeypatch.setattr(library, "_copy", slow_copy)
    return _Watched


def test_the_workers_start_while_the_video_is_copied(store: Store, clip: Path, watched: type[_Watched]) -> None:
    imported = import_video(store, clip)
    assert imported.analysed and imported.dancers == 1
    assert watched.events.index("workers starting") < watched.events.index("copied")
    assert len(watched.made) == 1
    assert not [pid for pool in watched.made for pid in pool.pids if _running(pid)], "a worker outlived the import"


def test_an_import_with_nothing_to_analyse_leaves_no_workers(store: Store, clip: Path, tmp_path: Path, watched: type[_Watched]) -> None:
    import_video(store, clip)  # analysed and cached
    with Store(tmp_path / "another" / "dancelike.db") as other:  # the same video in another library
        again = import_video(other, clip)
    assert again.analysed and again.dancers == 1
    assert len(watched.made) == 2  # started early both times; the second never used
    assert not [pid for pool in watched.made for pid in pool.pids if _running(pid)], "an unused worker was left running"


def test_a_60_fps_dance_is_imported_with_its_playback_copy(store: Store, clip: Path, tmp_path: Path) -> None:
    """A dance bigger or faster than the screen shows it is kept with a playback copy (made while
    the analysis runs), which its live sessions play; a small one is not."""
    from dancelike.store import analysis_cache

    fast = tmp_path / "fast.mp4"
    render_performance(fast, "groove", Dancer(), Scene(width=320, height=240, fps=60, person=0, room=0), duration=1.5, start=4.0)
    imported = import_video(store, fast)
    copy = analysis_cache.proxy_file(analysis_cache.content_key(imported.video))
    assert copy.is_file()
    with library.VideoReader(copy) as played:
        assert played.fps == pytest.approx(30, abs=0.5) and (played.width, played.height) == (320, 240)
    small = import_video(store, clip)  # 30 frames a second, small: played as it is
    assert not analysis_cache.proxy_file(analysis_cache.content_key(small.video)).exists()
