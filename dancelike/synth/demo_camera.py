"""``--camera demo``: the synthetic dancer performing in front of a pretend webcam, live.

Lets anyone try a live session (and the benchmark) without a webcam: the demo performers of
``dancelike demo`` (``demo`` is the good copy, ``demo:sloppy`` the sloppy one,
``demo:mistakes`` one who loses the routine half-way, ``demo:choreography`` the pro) are drawn frame by frame as the camera asks for them, at 30
frames/s on the session clock, exactly the frames ``render_performance`` would write. Drawing a
640x480 frame takes about a millisecond, on the capture thread.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from dancelike.errors import InputError
from dancelike.i18n import translate
from dancelike.media.camera import CallableCamera
from dancelike.media.clock import SessionClock
from dancelike.synth.choreography import choreography
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_frames

DEMO_CHOREOGRAPHY = "groove"
#: The performers of ``dancelike demo`` (commands/demo.py; synth does not import commands).
PERFORMERS = {
    "good": (Dancer(offset=0.15, sloppiness=0.15, seed=1), Scene(person=2, room=1, x=0.42, size=0.64)),
    "sloppy": (Dancer(offset=0.5, drift=0.3, sloppiness=0.8, wander=0.12, seed=2), Scene(person=3, room=3, x=0.56, size=0.62)),
    "choreography": (Dancer(), Scene(person=0, room=0)),
    # a good copy that loses the routine half-way (another dance from there): moves to practise
    "mistakes": (Dancer(offset=0.15, sloppiness=0.15, second_half="power", seed=4), Scene(person=1, room=2, x=0.5, size=0.62)),
}


def demo_camera(variant: str = "", clock: SessionClock | None = None) -> CallableCamera:
    """A camera showing a demo performer (``variant``: good, sloppy, mistakes or choreography)."""
    name = variant or "good"
    if name not in PERFORMERS:
        raise InputError(
            translate("SynthCameras", "demo:{name}: no such demo performer; try {choices}").format(name=name, choices=", ".join("demo:" + v for v in PERFORMERS))
        )
    dancer, scene = PERFORMERS[name]
    dance = choreography(DEMO_CHOREOGRAPHY)
    frames: Iterator[tuple[np.ndarray, object]] = render_frames(dance, dancer, scene, dance.duration)

    def frame_at(_t: float) -> np.ndarray | None:
        # Asked in order, one frame per 1/fps: the generator's next frame is the one due.
        item = next(frames, None)
        return None if item is None else item[0]

    return CallableCamera(frame_at, fps=scene.fps, clock=clock, name=f"demo:{name}")
