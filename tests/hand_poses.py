"""Poses built by hand for the scoring tests (``tests/scoring/``): a simple figure waving its
arms, and frames of it at ``FPS``, late or at another tempo when asked.

A helper module, not a test module: test files in any folder import it by name (``tests/`` is on
``sys.path``, see ``tests/conftest.py``)."""

from __future__ import annotations

import math

import numpy as np

from dancelike.vision.body import BodyFrame

FPS = 30.0


def skeleton(t: float, arm_phase: float = 0.0, lean: float = 0.0, x0: float = 320.0, size: float = 1.0) -> np.ndarray:
    """33 landmarks of a simple figure waving its arms; ``arm_phase`` shifts the wave."""
    lm = np.zeros((33, 4))
    lm[:, 3] = 0.99
    hip_y, shoulder_y = 300.0, 300.0 - 100.0 * size
    lm[23, :2], lm[24, :2] = (x0 + 20 * size, hip_y), (x0 - 20 * size, hip_y)
    lm[11, :2], lm[12, :2] = (x0 + 30 * size + lean, shoulder_y), (x0 - 30 * size + lean, shoulder_y)
    lm[0, :2] = (x0 + lean, shoulder_y - 40 * size)
    lm[7, :2], lm[8, :2] = (x0 + 10 * size + lean, shoulder_y - 45 * size), (x0 - 10 * size + lean, shoulder_y - 45 * size)
    for side, shoulder, elbow, wrist, offset in ((1, 11, 13, 15, 0.0), (-1, 12, 14, 16, 1.2)):
        angle = math.sin(2 * math.pi * 0.5 * t + arm_phase + offset)  # the arms differ: not symmetric
        direction = np.array([side * math.cos(angle), math.sin(angle)])
        lm[elbow, :2] = lm[shoulder, :2] + 50 * size * direction
        lm[wrist, :2] = lm[elbow, :2] + 45 * size * direction
    for hip, knee, ankle, dx in ((23, 25, 27, 5), (24, 26, 28, -5)):
        lm[knee, :2] = lm[hip, :2] + (dx * size, 80 * size)
        lm[ankle, :2] = lm[knee, :2] + (0, 80 * size)
    return lm


def frames(count: int, warp: tuple[float, float] = (0.0, 1.0), **kwargs: float) -> list[BodyFrame]:
    """``count`` frames; with ``warp`` (delay s, tempo) frame i shows the dance at (i/FPS - delay) * tempo."""
    delay, tempo = warp
    return [BodyFrame(i / FPS, 640, 720, skeleton((i / FPS - delay) * tempo, **kwargs).astype(np.float32), 1.0) for i in range(count)]
