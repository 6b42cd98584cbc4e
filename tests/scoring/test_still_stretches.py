"""A dance followed by minutes of standing still (an outro; the 10-minute pair of ``bench score``):
the standing must not decide the mirror, be rated as missed moves, or count as accents.

The synthetic dancers' true landmarks (``demo_pair.bodies_of``), with what filmed people and a
tracker add to a body standing still: each person's own stance (one arm held a little out) and a
slow sway of a fraction of a pixel. Pure numpy: no model, no codec.
"""

from __future__ import annotations

import numpy as np
import pytest
from demo_pair import bodies_of, standing_like_people

from dancelike.scoring.accents import accent_times
from dancelike.scoring.calibration import reference_chance
from dancelike.scoring.coaching import GOOD
from dancelike.scoring.mirror import Mirror, Reading, choose_reading
from dancelike.scoring.movement import matched_rows, movement_scores
from dancelike.scoring.poses import PoseTrack, pose_track
from dancelike.scoring.report import Report, build_report
from dancelike.synth.choreography import Choreography
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene

#: 20 s of dancing, two of its moves one-sided (an arm pointing to one side), then standing.
DANCE = Choreography("still_tail", 112.0, ("arm_wave", "disco_point", "arms_up", "disco_point"))
SECONDS = 120.0
FPS = 30.0
PRO = (Dancer(), Scene())
COPY = (Dancer(offset=0.15, sloppiness=0.15, seed=1), Scene(person=2, x=0.42))
MIRRORED_COPY = (Dancer(offset=0.15, sloppiness=0.15, seed=1, mirror=True), Scene(person=2, x=0.42))


def scored(performer: tuple[Dancer, Scene], out_px: float, sway_px: float) -> tuple[PoseTrack, Reading, Report]:
    """The pro (left arm a little out) against ``performer`` (right arm a little out), as
    ``score_analyses`` scores them without music."""
    reference = pose_track(standing_like_people(bodies_of(DANCE, *PRO, SECONDS), "left", out_px, sway_px, seed=0), with_parts=False)
    bodies = standing_like_people(bodies_of(DANCE, *performer, SECONDS), "right", out_px, sway_px, seed=1)
    plain, mirrored = pose_track(bodies, with_parts=False), pose_track(bodies, mirror=True, with_parts=False)
    chance = reference_chance(reference, FPS)
    reading = choose_reading(reference, plain, mirrored, FPS, Mirror.AUTO, chance, None)
    return reference, reading, build_report(reference, reading.track, reading.path, FPS, reading.mirrored, None, chance, 0.0)


def danced_moves(report: Report) -> list[float]:
    return [move.score for move in report.moves if move.end <= DANCE.duration]


@pytest.mark.parametrize(("performer", "mirrored"), [(COPY, False), (MIRRORED_COPY, True)])
def test_minutes_of_standing_do_not_decide_the_mirror(performer: tuple[Dancer, Scene], mirrored: bool) -> None:
    # Standing, the copy's stance is the pro's mirror image; dancing, only the mirrored copy is.
    # Before: 100 s of standing outweighed 20 s of dancing, a faithful copy was read mirrored
    # and its one-sided moves scored 4.
    _, reading, report = scored(performer, out_px=16.0, sway_px=0.0)
    assert reading.mirrored is mirrored
    assert report.mirrored is mirrored
    assert min(danced_moves(report)) >= 90.0


def test_standing_still_is_judged_by_pose_not_missed_and_has_no_accents() -> None:
    # Before: the sway's "movement" correlated at random, a third of the standing "moves" were
    # rated MISS, and the sway made accents the dancer was told they missed.
    reference, reading, report = scored(COPY, out_px=4.0, sway_px=0.3)
    assert not reading.mirrored
    assert min(danced_moves(report)) >= 90.0
    standing = [move for move in report.moves if move.start >= DANCE.duration + 1.0]
    assert len(standing) >= 20
    assert min(move.score for move in standing) >= GOOD
    assert not (accent_times(reference) > DANCE.duration + 1.0).any()
    assert (accent_times(reference) < DANCE.duration).sum() >= 10
    moved = movement_scores(reference, reading.track, matched_rows(reading.path, len(reference)), FPS)
    after = reference.times > DANCE.duration + 2.0
    assert np.isnan(moved.frame[after]).all()
    assert not np.isnan(moved.frame[reference.times < DANCE.duration - 2.0]).any()
