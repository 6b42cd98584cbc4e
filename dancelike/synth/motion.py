"""How one particular dancer performs a choreography: timing, tempo, mirror, sloppiness.

The choreography says what the pro does on which beat; a ``Dancer`` says how a given
person reproduces it: late or early, faster or slower, mirrored, sloppy, drifting, or a
different dance after half-way. ``dancer_poses`` turns that into one pose vector per
video frame. Everything random is seeded, so the same parameters give the same poses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dancelike.synth.choreography import READY, Choreography, choreography
from dancelike.synth.skeleton import POSE_FIELDS, mirror_array

_READY = READY.as_array()
_LINEAR = np.array([name in ("x", "bounce") for name in POSE_FIELDS])


@dataclass(frozen=True)
class Dancer:
    """Variation parameters of one performance (all default to a faithful pro).

    offset: seconds the dancer is late (negative: early) relative to the music's beats.
    tempo: speed factor of the whole performance, music included (1.25 = 25% faster).
    mirror: the dancer copies as in a mirror (left and right swapped, sideways motion reversed).
    sloppiness: 0..1; adds smooth joint noise (up to ~14 degrees), per-move lateness (up to
        0.3 s) and smaller, lazier movements (up to 30% less amplitude).
    drift: extra lateness (seconds) gained linearly over the performance (rushing if < 0).
    wander: sideways drift of the dancer across the room, as a fraction of the frame width.
    second_half: the name of another choreography danced from half-way on ("half right").
    seed: random seed of the sloppiness.
    """

    offset: float = 0.0
    tempo: float = 1.0
    mirror: bool = False
    sloppiness: float = 0.0
    drift: float = 0.0
    wander: float = 0.0
    second_half: str | None = None
    seed: int = 0


def _smooth_noise(rng: np.random.Generator, times: np.ndarray, dims: int, period: float) -> np.ndarray:
    """Band-limited noise in [-1, 1]-ish: a sum of a few random sinusoids per dimension."""
    out = np.zeros((times.size, dims))
    for harmonic in (1.0, 1.7, 2.9):
        freq = rng.uniform(0.7, 1.3, dims) * harmonic / period
        phase = rng.uniform(0, 2 * np.pi, dims)
        out += np.sin(2 * np.pi * times[:, None] * freq + phase) / harmonic
    return out / 1.6


def choreo_seconds(dancer: Dancer, times: np.ndarray, duration: float) -> np.ndarray:
    """Map video times to the choreography's own clock (before tempo): offset, drift, tempo."""
    late = dancer.offset + dancer.drift * np.clip(times / max(duration, 1e-6), 0.0, 1.0)
    return (times - late) * dancer.tempo


def video_seconds(dancer: Dancer, choreo_time: float, duration: float) -> float:
    """Inverse of ``choreo_seconds`` (for move boundaries in the truth file)."""
    return (choreo_time / dancer.tempo + dancer.offset) / (1.0 - dancer.drift / max(duration, 1e-6))


def dancer_poses(dance: Choreography, dancer: Dancer, times: np.ndarray, duration: float) -> np.ndarray:
    """Pose vectors (len(times), len(POSE_FIELDS)) of ``dancer`` dancing ``dance`` at video ``times``."""
    rng = np.random.default_rng(dancer.seed)
    seconds = choreo_seconds(dancer, times, duration)
    beats = seconds / dance.beat_seconds
    slop = float(np.clip(dancer.sloppiness, 0.0, 1.0))
    if slop > 0:  # each move late by its own amount, blended across move boundaries
        spans = dance.spans()
        lateness = rng.uniform(0.0, 0.3 * slop, len(spans) + 1) / dance.beat_seconds * dancer.tempo
        which = np.searchsorted([start for start, _, _ in spans], beats, side="right")
        delay = lateness[which]
        width = max(1, int(0.25 * len(times) / max(duration, 1e-6)))
        kernel = np.ones(width) / width
        delay = np.convolve(np.pad(delay, (width, width), mode="edge"), kernel, mode="same")[width:-width]
        beats = beats - delay
    poses = dance.poses_at(beats)
    if dancer.second_half is not None:
        other = choreography(dancer.second_half)
        half = duration / 2.0
        blend = np.clip((times - half) / 0.4 + 0.5, 0.0, 1.0)[:, None]
        other_poses = other.poses_at(seconds / other.beat_seconds)
        poses = poses * (1.0 - blend) + other_poses * blend
    if slop > 0:
        poses = _READY + (poses - _READY) * (1.0 - 0.3 * slop)
        noise = _smooth_noise(rng, times, len(POSE_FIELDS), period=1.5)
        scale = np.where(_LINEAR, 0.02, 14.0) * slop
        poses = poses + noise * scale
    if dancer.mirror:
        poses = mirror_array(poses)
    return poses


def wander_offsets(dancer: Dancer, times: np.ndarray, duration: float) -> np.ndarray:
    """Sideways drift (fraction of frame width) at each time: a slow one-way walk with a sway."""
    if dancer.wander == 0:
        return np.zeros_like(times)
    u = np.clip(times / max(duration, 1e-6), 0.0, 1.0)
    return dancer.wander * (u - 0.5 + 0.25 * np.sin(2 * np.pi * u * 1.5))
