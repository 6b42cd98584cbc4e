"""Splitting a choreography into moves: the units a dancer practises and is rated on.

With the music's beats, a move is a bar of four beats (two bars when the music is
fast), the way dance teachers count. Without them, the reference's own motion
decides: a move ends where the dancer pauses or changes direction (a local minimum
of limb speed), between one and four seconds apart. Pure numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_MOVE_S = 1.0
MAX_MOVE_S = 4.0
BAR_BEATS = 4


@dataclass(frozen=True)
class Move:
    start: float
    end: float


def _from_beats(start: float, end: float, beats: np.ndarray) -> list[float]:
    period = float(np.median(np.diff(beats)))
    per_move = BAR_BEATS if BAR_BEATS * period >= MIN_MOVE_S else 2 * BAR_BEATS
    bounds = [float(b) for b in beats[::per_move] if start < b < end]
    return [start, *bounds, end]


def _from_motion(times: np.ndarray, features: np.ndarray) -> list[float]:
    start, end = float(times[0]), float(times[-1]) + (float(times[-1] - times[-2]) if len(times) > 1 else 0.0)
    if len(times) < 3:
        return [start, end]
    frame_s = float(np.median(np.diff(times)))
    speed = np.linalg.norm(np.nan_to_num(np.diff(features, axis=0)), axis=1)
    width = max(1, int(round(0.3 / frame_s)))
    speed = np.convolve(speed, np.ones(width) / width, mode="same")
    minima = np.flatnonzero((speed[1:-1] <= speed[:-2]) & (speed[1:-1] < speed[2:])) + 1
    bounds = [start]
    for index in minima[np.argsort(speed[minima], kind="stable")]:  # calmest moments first
        t = float(times[index + 1])
        if all(abs(t - b) >= MIN_MOVE_S for b in bounds) and end - t >= MIN_MOVE_S:
            bounds.append(t)
    bounds = sorted(bounds) + [end]
    return _split_long(bounds)


def _split_long(bounds: list[float]) -> list[float]:
    result = [bounds[0]]
    for low, high in zip(bounds[:-1], bounds[1:]):
        pieces = int(np.ceil((high - low) / MAX_MOVE_S))
        result.extend(low + (high - low) * k / pieces for k in range(1, pieces + 1))
    return result


def split_moves(times: np.ndarray, features: np.ndarray, beats: np.ndarray | None = None) -> list[Move]:
    """Moves covering the whole reference, in order."""
    if len(times) == 0:
        return []
    if beats is not None and len(beats) >= 2 * BAR_BEATS:
        end = float(times[-1]) + (float(times[-1] - times[-2]) if len(times) > 1 else 0.0)
        bounds = _split_long(_from_beats(float(times[0]), end, np.asarray(beats)))
    else:
        bounds = _from_motion(times, features)
    bounds = _merge_short_ends(bounds)
    return [Move(round(a, 3), round(b, 3)) for a, b in zip(bounds[:-1], bounds[1:]) if b - a > 1e-6]


def _merge_short_ends(bounds: list[float]) -> list[float]:
    """A first or last piece shorter than ``MIN_MOVE_S`` (the 0.2 s before the first beat, or
    the video ending a beat into a bar) joins its neighbour: nobody practises "the move at
    0-0 s". A video shorter than ``MIN_MOVE_S`` is one move."""
    bounds = [b for k, b in enumerate(bounds) if k == 0 or b - bounds[k - 1] > 1e-6]
    if len(bounds) > 2 and bounds[-1] - bounds[-2] < MIN_MOVE_S:
        del bounds[-2]
    if len(bounds) > 2 and bounds[1] - bounds[0] < MIN_MOVE_S:
        del bounds[1]
    return bounds
