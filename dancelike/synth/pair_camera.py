"""``--camera pair``: scenes with more than one person in front of a pretend webcam, live.

Like ``--camera demo`` (``demo_camera``) the frames are drawn as the camera asks for them, at
30 frames/s, the figures of ``synth.figure`` on a room of ``synth.room``, dancing the demo
choreography. The variants:

* ``pair`` (or ``pair:duo``): two dancers side by side, for two-player sessions: on the left the
  demo's good copy (green top), on the right its sloppy one (blue top), each at about 60 % of
  the frame's height.
* ``pair:passerby``: the good copy alone in the middle; from 4 s to 10 s a smaller person (further
  back) walks across the room behind them, from left to right.
* ``pair:gap``: the good copy alone, out of the picture from 4 s to 6.5 s (nobody in view).

Drawing two figures on a 640x480 frame takes about 2 ms, on the capture thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dancelike.atomic import atomic_output
from dancelike.errors import InputError
from dancelike.i18n import translate
from dancelike.media.camera import CallableCamera
from dancelike.media.clock import SessionClock
from dancelike.media.writer import VideoWriter
from dancelike.synth.choreography import choreography
from dancelike.synth.demo_camera import DEMO_CHOREOGRAPHY
from dancelike.synth.figure import Appearance, appearance, draw_figure
from dancelike.synth.motion import Dancer, dancer_poses
from dancelike.synth.room import room
from dancelike.synth.skeleton import Pose, solve

WIDTH, HEIGHT, FPS = 640, 480, 30.0
#: When the passer-by crosses the room, and when the dancer of ``gap`` is out of the picture.
PASSING = (4.0, 10.0)
GAP = (4.0, 6.5)


@dataclass(frozen=True)
class Figure:
    """One person in the scene: how they dance and look, where (``x(t)``: fraction of the width,
    None: not in the picture at ``t``), their height and where their feet stand (fractions of
    the frame's height)."""

    dancer: Dancer
    look: Appearance
    x: Callable[[float], float | None]
    size: float
    floor: float = 0.95


def _at(x: float) -> Callable[[float], float | None]:
    return lambda _t: x


def _crossing(t: float) -> float | None:
    start, end = PASSING
    return None if not start <= t <= end else -0.1 + 1.2 * (t - start) / (end - start)


def _away(t: float) -> float | None:
    return None if GAP[0] <= t < GAP[1] else 0.5


_GOOD = Dancer(offset=0.15, sloppiness=0.15, seed=1)
_SLOPPY = Dancer(offset=0.5, drift=0.3, sloppiness=0.8, seed=2)
#: The figures of each variant, drawn in this order (the first is the furthest back).
SCENES: dict[str, tuple[Figure, ...]] = {
    "duo": (Figure(_GOOD, appearance(2), _at(0.27), 0.6), Figure(_SLOPPY, appearance(3), _at(0.73), 0.6)),
    "passerby": (Figure(Dancer(seed=7, sloppiness=0.5), appearance(4), _crossing, 0.42, 0.8), Figure(_GOOD, appearance(2), _at(0.5), 0.64)),
    "gap": (Figure(_GOOD, appearance(2), _away, 0.64),),
}


def scene_frames(name: str, width: int = WIDTH, height: int = HEIGHT, seconds: float | None = None) -> Iterator[np.ndarray]:
    """The frames of scene ``name`` at ``width`` x ``height``, 30 a second, for ``seconds``
    (default: the whole choreography)."""
    if name not in SCENES:
        raise InputError(translate("SynthCameras", "pair:{name}: no such scene; try {choices}").format(name=name, choices=", ".join("pair:" + v for v in SCENES)))
    figures = SCENES[name]
    dance = choreography(DEMO_CHOREOGRAPHY)
    times = np.arange(round((seconds or dance.duration) * FPS)) / FPS
    poses = [dancer_poses(dance, figure.dancer, times, max(dance.duration, float(times[-1]) if len(times) else 0.0)) for figure in figures]
    background = room(1, width, height)
    for k, t in enumerate(times):
        frame = background.copy()
        for figure, pose in zip(figures, poses):
            x = figure.x(float(t))
            if x is not None:
                skeleton = solve(Pose.from_array(pose[k]), figure.look.build, x * width, figure.floor * height, figure.size * height)
                draw_figure(frame, skeleton, figure.look)
        yield frame


def pair_camera(variant: str = "", clock: SessionClock | None = None) -> CallableCamera:
    """A camera showing the scene ``variant`` (duo, passerby or gap; see the module docstring)."""
    name = variant or "duo"
    frames = scene_frames(name)

    def frame_at(_t: float) -> np.ndarray | None:
        # Asked in order, one frame per 1/fps: the generator's next frame is the one due.
        return next(frames, None)

    return CallableCamera(frame_at, fps=FPS, clock=clock, name=f"pair:{name}")


def render_scene(path: str | Path, name: str, seconds: float, width: int = WIDTH, height: int = HEIGHT) -> Path:
    """Scene ``name`` as an H.264 video file (no sound), written whole or not at all (the
    benchmark's camera for two players)."""
    with atomic_output(path) as part, VideoWriter(part, FPS, width, height) as writer:
        for frame in scene_frames(name, width, height, seconds):
            writer.write(frame)
    return Path(path)
