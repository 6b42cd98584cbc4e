"""The synthetic cameras, registered by the front ends that offer them.

``--camera demo`` (the demo dancer, ``synth.demo_camera``), ``pair`` (two dancers side by side,
and the scenes of ``synth.pair_camera``: a passer-by, a dancer who leaves) and ``claps`` (a person clapping on
the calibration's beats, ``synth.claps``) let anyone try a live session or the latency
calibration without a webcam. The command line and the desktop app call
``register_synthetic_cameras()`` at start; a library user who wants them does the same.
Importing the engine registers nothing.
"""

from __future__ import annotations

from dancelike.media.camera import register_camera
from dancelike.synth.claps import clapper_camera
from dancelike.synth.demo_camera import demo_camera
from dancelike.synth.pair_camera import pair_camera


def register_synthetic_cameras() -> None:
    """Make ``open_camera("demo[:variant]")``, ``open_camera("pair[:scene]")`` and
    ``open_camera("claps[:delay]")`` work (idempotent)."""
    register_camera("demo", demo_camera)
    register_camera("pair", pair_camera)
    register_camera("claps", clapper_camera)
