"""A two-dancer video made from the synthetic dancer: two renders side by side (a group video
for the dancer picker's tests; ``synth`` renders one dancer a video)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from dancelike.media.writer import VideoWriter
from dancelike.synth.choreography import choreography
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_frames


def render_pair(path: Path, seconds: float = 2.5, fps: float = 30.0) -> Path:
    """``path``: 960x480 H.264, dancer 1 (left) and dancer 2 (right) doing the same moves, each
    in a 480x480 half, the right one in other clothes and a little late."""
    dance = choreography("groove")
    left = render_frames(dance, Dancer(), Scene(width=480, height=480, fps=fps, person=0, room=0), seconds, start=4.0)
    right = render_frames(dance, Dancer(offset=0.15, seed=3), Scene(width=480, height=480, fps=fps, person=3, room=0), seconds, start=4.0)
    with VideoWriter(path, fps, 960, 480) as writer:
        for (one, _), (two, _) in zip(left, right, strict=True):
            writer.write(np.concatenate([one, two], axis=1))
    return path
