"""Frames a busy computer did not analyse are unknown, never the dancer's unsteadiness."""

from __future__ import annotations

import numpy as np
from hand_poses import FPS, frames

from dancelike.scoring.poses import pose_track
from dancelike.scoring.skipped import MAX_FILL_S, fill_reference_gaps, fill_skipped


def _subset(track, rows):  # type: ignore[no-untyped-def]
    from dancelike.scoring.poses import PoseTrack

    return PoseTrack(track.times[rows], track.found[rows], track.directions[rows], track.visibility[rows], np.zeros((len(rows), 0, 0), np.uint8))


def test_skipped_frames_are_filled_between_their_neighbours() -> None:
    full = pose_track(frames(90), with_parts=False)
    kept = np.arange(0, 90, 3)  # a computer analysing a third of the frames
    filled, grid = fill_skipped(_subset(full, kept), kept, FPS)
    assert list(grid) == list(range(88)) and filled.found.all()
    assert np.allclose(filled.times, full.times[:88])
    angle = np.degrees(np.arccos(np.clip((filled.directions * full.directions[:88]).sum(axis=2), -1, 1)))
    assert np.nanmax(angle) < 6.0  # the arm's wave between two analysed frames, nearly as it was


def test_a_long_gap_stays_unknown() -> None:
    full = pose_track(frames(90), with_parts=False)
    kept = np.r_[np.arange(0, 30), np.arange(30 + int(MAX_FILL_S * FPS) + 5, 90)]
    filled, grid = fill_skipped(_subset(full, kept), kept, FPS)
    assert not filled.found[31:45].any() and filled.found[kept].all()


def test_a_reference_with_skipped_frames_keeps_its_rows() -> None:
    full = pose_track(frames(60), with_parts=False)
    holes = full.found.copy()
    holes[1::3] = False
    gappy = type(full)(full.times, holes, np.where(holes[:, None, None], full.directions, np.nan), np.where(holes[:, None], full.visibility, 0.0), full.parts)
    filled = fill_reference_gaps(gappy, FPS)
    assert len(filled) == 60 and filled.found.all() and np.allclose(filled.times, full.times)
