"""A busy computer's live report: frames it did not analyse change neither timing nor shape."""

from __future__ import annotations

import numpy as np
from hand_poses import FPS, frames

from dancelike.engine.result import final_report
from dancelike.scoring.poses import PoseTrack, pose_track


def _rows(track: PoseTrack, rows: np.ndarray) -> PoseTrack:
    return PoseTrack(track.times[rows], track.found[rows], track.directions[rows], track.visibility[rows], np.zeros((len(rows), 0, 0), np.uint8))


def test_a_third_of_the_frames_analysed_gives_the_same_report() -> None:
    reference = pose_track(frames(450), with_parts=False)  # 15 s
    performance = pose_track(frames(450, warp=(0.2, 1.0)), with_parts=False)  # 0.2 s late
    full, full_rows = final_report(reference, performance, None, FPS, FPS, "off", None)
    # an analyser that takes the newest frame when free: irregular, about 12 of 30 a second
    kept = np.cumsum(np.random.default_rng(7).choice([2, 3, 3], 180))
    kept = kept[kept < 450]
    busy, busy_rows = final_report(reference, _rows(performance, kept), None, FPS, FPS, "off", None, frames=kept)
    assert full is not None and busy is not None
    assert abs(full.timing - busy.timing) <= 5.0 and abs(full.shape - busy.shape) <= 5.0, (full.timing, busy.timing, full.shape, busy.shape)
    assert busy.timing_text == full.timing_text
    # every camera frame between the first and the last analysed one, in order
    assert np.all(np.diff(busy_rows) == 1) and busy_rows[0] == kept[0] and busy_rows[-1] == kept[-1]
