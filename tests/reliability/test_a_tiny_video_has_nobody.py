"""Round two of the attack, a lesser case: a 16x16 video "found" a dancer whose landmarks lay
outside the picture. A picture that small shows nobody the models can see: the tracker finds no
one in it, and the command line says so in one line (exit 2) instead of analysing noise."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
from reliability_helpers import assert_one_line_error, run

from dancelike.synth.performance import Scene, render_performance
from dancelike.vision.people import PeopleTracker
from dancelike.vision.tracker import PoseTracker


def _shrunk(source: Path, target: Path, side: int) -> Path:
    """``source`` scaled down to side x side pixels (a real dancer in it, too small to see)."""
    with av.open(str(source)) as reader, av.open(str(target), "w") as writer:
        stream = writer.add_stream("libx264", rate=30)
        stream.width = stream.height = side
        stream.pix_fmt = "yuv420p"
        for frame in reader.decode(video=0):
            small = frame.reformat(width=side, height=side, format="yuv420p")
            small.pts = None
            for packet in stream.encode(small):
                writer.mux(packet)
        for packet in stream.encode():
            writer.mux(packet)
    return target


def test_a_16x16_video_is_refused_in_one_line(tmp_path: Path) -> None:
    dancer = tmp_path / "dancer.mp4"
    render_performance(dancer, "groove", scene=Scene(width=320, height=240), duration=2.0, music=False)
    tiny = _shrunk(dancer, tmp_path / "tiny.mp4", 16)
    for command in (["analyze", tiny, "--json", tmp_path / "out.json"], ["score", dancer, tiny]):
        assert_one_line_error(run(*command), "16x16 pixels is too small")
    assert not (tmp_path / "out.json").exists()


def test_the_trackers_find_nobody_in_a_tiny_picture() -> None:
    noise = np.random.default_rng(0).integers(0, 255, (16, 16, 3), dtype=np.uint8)
    assert PoseTracker(with_parts=False).process(noise).landmarks is None
    assert PeopleTracker().process_all(noise) == []
