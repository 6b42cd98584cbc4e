"""Reading a big reference for a live session: the frames wanted, at the size shown.

``VideoReader(max_fps=...)`` yields at most that many frames a second (a 60 fps video's other
frames are decoded, never converted, and counted as not needed), and ``fit`` shrinks frames by
a whole factor in the colour conversion; ``ReferencePlayer`` passes both on."""

from __future__ import annotations

import time
from pathlib import Path

import av
import cv2
import numpy as np
import pytest
from stamped_media import read_stamp, stamped

from dancelike.media.clock import SessionClock
from dancelike.media.playback import ReferencePlayer
from dancelike.media.video import VideoReader


def write_clip(path: Path, frames: int, fps: int, width: int, height: int) -> Path:
    """Stamped frames (each shows its index) at ``fps``, H.264."""
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for i in range(frames):
            for packet in stream.encode(av.VideoFrame.from_ndarray(stamped(i, width, height), format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


@pytest.fixture(scope="module")
def sixty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_clip(tmp_path_factory.mktemp("reading") / "sixty.mp4", 60, 60, 320, 240)


def test_a_60_fps_video_read_at_30_gives_every_other_frame_and_counts_the_rest(sixty: Path) -> None:
    with VideoReader(sixty, max_fps=30) as reader:
        frames = list(reader)
        assert reader.fps == 60 and reader.frame_fps == 30
        assert [read_stamp(f.rgb) for f in frames] == list(range(0, 60, 2))
        assert np.allclose(np.diff([f.t for f in frames]), 1 / 30, atol=1e-3)
        assert reader.not_needed == 30
    with VideoReader(sixty) as reader:  # by default every frame
        assert len(list(reader)) == 60 and reader.not_needed == 0


def test_a_big_frame_is_shrunk_by_a_whole_factor_with_its_colours(sixty: Path) -> None:
    with VideoReader(sixty) as reader:
        full = next(iter(reader)).rgb
    for fit, shape in (((160, 120), (120, 160)), ((150, 100), (120, 160)), ((100, 70), (80, 106)), ((200, 150), (240, 320)), (None, (240, 320))):
        with VideoReader(sixty, fit=fit) as reader:
            shrunk = next(iter(reader)).rgb
        assert shrunk.shape[:2] == shape, fit
    with VideoReader(sixty, fit=(160, 120)) as reader:
        half = next(iter(reader)).rgb
    expected = cv2.resize(full, (160, 120), interpolation=cv2.INTER_AREA)
    assert np.abs(half.astype(int) - expected).mean() < 4  # the same picture, only smaller
    assert read_stamp(half) == 0


def test_the_player_presents_the_wanted_frames_and_counts_the_rest(sixty: Path) -> None:
    clock = SessionClock()
    player = ReferencePlayer(sixty, clock, max_fps=30, fit=(160, 120))
    assert player.fps == 60 and player.frame_fps == 30
    player.start()
    try:
        seen = []
        deadline = clock.now() + 5.0
        while not player.finished and clock.now() < deadline:
            got = player.frame_at(clock.position())
            if got is not None:
                seen.append((read_stamp(got[0]), got[0].shape[:2]))
            time.sleep(0.005)
    finally:
        player.stop()
    stamps = [s for s, _ in seen]
    assert all(s % 2 == 0 for s in stamps) and len(stamps) + player.dropped_late == 30
    assert {shape for _, shape in seen} == {(120, 160)}
    assert player.stats()["not_needed"] == player.not_needed == 30
