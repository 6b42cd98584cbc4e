"""The playback copy of a big reference: smaller, at most 30 frames a second, the same frames at
the same times as the player shows of the original; none for a video that plays well as it is."""

from __future__ import annotations

import threading
from pathlib import Path

import av
import cv2
import numpy as np
import pytest

from dancelike.media.proxy import PROXY_BOX, make_proxy, needs_proxy
from dancelike.media.video import VideoReader
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_performance


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("proxy") / "big60.mp4"
    render_performance(path, "groove", Dancer(), Scene(width=1280, height=720, fps=60, person=0, room=0), duration=2.0, start=2.0)
    return path


def test_the_copy_shows_what_the_player_shows_of_the_original(big: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.mp4"
    assert make_proxy(big, copy)
    with VideoReader(big, max_fps=30, fit=PROXY_BOX) as original, VideoReader(copy) as played:
        assert (played.width, played.height) == (960, 540) and played.fps == pytest.approx(30, abs=0.5)
        shown = [(f.t, f.image) for f in original]
        copied = [(f.t, f.image) for f in played]
    assert len(copied) == len(shown) == 60
    assert np.allclose([t for t, _ in copied], [t for t, _ in shown], atol=1e-3)
    for (_, a), (_, b) in zip(shown[::10], copied[::10]):
        a = cv2.resize(a, (960, 540), interpolation=cv2.INTER_AREA)  # the screen shows both at its own size
        assert np.abs(a.astype(int) - b.astype(int)).mean() < 4.0
    with av.open(str(copy)) as container:
        assert not container.streams.audio  # the music is played from the original


def test_a_small_video_gets_no_copy(tmp_path: Path) -> None:
    small = tmp_path / "small.mp4"
    render_performance(small, "groove", Dancer(), Scene(width=640, height=480, fps=30, person=0, room=0), duration=1.0)
    assert not needs_proxy(640, 480, 30.0) and needs_proxy(1280, 720, 30.0) and needs_proxy(640, 480, 60.0)
    assert not make_proxy(small, tmp_path / "copy.mp4") and not (tmp_path / "copy.mp4").exists()


def test_a_cancelled_copy_leaves_nothing(big: Path, tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    assert not make_proxy(big, tmp_path / "copy.mp4", cancel)
    assert list(tmp_path.iterdir()) == []
