"""Frames the computer did not analyse: unknown, never the dancer's fault.

A live session on a busy computer analyses only some camera frames (the analyser always takes
the newest one). The rows it kept are irregular in time, and DTW, which counts steps, reads
that irregularity as the dancer speeding up and slowing down: a session analysed at 12 frames
a second got timing 0 where the same dancing at 30 got 84. So before the final alignment the
track is put back on the camera's frame grid: each skipped frame between two analysed ones is
the pose between them (limb directions interpolated along the way), provided the gap is short
(``MAX_FILL_S``); in a longer gap the dancer is unknown (not found) as before. A reference
analysed live has the same gaps (``fill_reference_gaps``). Pure numpy.
"""

from __future__ import annotations

import numpy as np

from dancelike.scoring.poses import PoseTrack

#: Gaps between analysed frames up to this long (seconds) are filled in.
MAX_FILL_S = 0.5


def fill_skipped(track: PoseTrack, frames: np.ndarray, fps: float) -> tuple[PoseTrack, np.ndarray]:
    """``track`` (rows at camera frame numbers ``frames``, increasing) on every camera frame from
    its first to its last row, and those frame numbers. Rows are interpolated between analysed
    neighbours that both saw the dancer and are at most ``MAX_FILL_S`` apart; the part maps are
    left out (the final report compares limb directions only)."""
    frames = np.asarray(frames, np.int64)
    if len(track) < 2 or len(frames) != len(track) or np.any(np.diff(frames) <= 0):
        return track, frames
    grid = np.arange(frames[0], frames[-1] + 1)
    if len(grid) == len(frames):
        return track, frames
    right = np.clip(np.searchsorted(frames, grid), 1, len(frames) - 1)
    left = right - 1
    exact = frames[np.minimum(np.searchsorted(frames, grid), len(frames) - 1)] == grid
    share = ((grid - frames[left]) / (frames[right] - frames[left]))[:, None, None]
    span_ok = (frames[right] - frames[left]) <= max(1, int(round(MAX_FILL_S * fps)))
    both = track.found[left] & track.found[right] & span_ok
    directions = (1.0 - share) * track.directions[left] + share * track.directions[right]
    directions /= np.maximum(np.linalg.norm(directions, axis=2, keepdims=True), 1e-9)
    visibility = np.minimum(track.visibility[left], track.visibility[right])
    times = track.times[left] + share[:, 0, 0] * (track.times[right] - track.times[left])
    found = np.where(exact, False, both)
    directions = np.where(found[:, None, None], directions, np.nan)
    visibility = np.where(found[:, None], visibility, 0.0)
    # the analysed frames themselves, as they were
    at = np.searchsorted(grid, frames)
    found[at], directions[at], visibility[at], times[at] = track.found, track.directions, track.visibility, track.times
    return PoseTrack(times, found, directions, visibility, np.zeros((len(grid), 0, 0), np.uint8)), grid


def fill_reference_gaps(track: PoseTrack, fps: float) -> PoseTrack:
    """A reference analysed live on a busy computer: its rows stay the video's frames (row k is
    frame k), and short runs of frames where nobody was found between two where the dancer was
    (``MAX_FILL_S`` at most: the analyser skipped them) get the pose between their neighbours."""
    found = np.flatnonzero(track.found)
    if len(found) < 2 or len(found) == len(track):
        return track
    seen = PoseTrack(track.times[found], track.found[found], track.directions[found], track.visibility[found], np.zeros((len(found), 0, 0), np.uint8))
    filled, grid = fill_skipped(seen, found, fps)
    directions, visibility, present = track.directions.copy(), track.visibility.copy(), track.found.copy()
    directions[grid], visibility[grid], present[grid] = filled.directions, filled.visibility, filled.found
    return PoseTrack(track.times, present, directions, visibility, track.parts)
