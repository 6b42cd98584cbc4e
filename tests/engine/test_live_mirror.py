"""The live mirror decision waits for dancing: a still intro (the pro waiting for the music) must
not fix the reading on how two people happen to stand. True landmarks of the synthetic dancers
(``demo_pair``), each person with their own stance, fed frame by frame to the live scorer."""

from __future__ import annotations

import pytest
from demo_pair import bodies_of, standing_like_people

from dancelike.engine.scorer import LiveScorer
from dancelike.engine.tracks import ReferenceTrack, row_of
from dancelike.synth.choreography import Choreography
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene
from dancelike.vision.body import BodyFrame

FPS = 30.0
#: One-sided moves, after 8 s of standing still.
DANCE = Choreography("still_intro", 112.0, ("disco_point", "arm_wave", "disco_point"))
INTRO_S = 8.0


def after_standing(bodies: list[BodyFrame], seconds: float) -> list[BodyFrame]:
    """``bodies`` after ``seconds`` of holding their first pose quite still."""
    first = bodies[0]
    held = [BodyFrame(k / FPS, first.width, first.height, first.landmarks, first.presence) for k in range(round(seconds * FPS))]
    return held + [BodyFrame(b.t + seconds, b.width, b.height, b.landmarks, b.presence) for b in bodies]


def dancing(dancer: Dancer, scene: Scene, arm: str, seed: int) -> list[BodyFrame]:
    return standing_like_people(after_standing(bodies_of(DANCE, dancer, scene, DANCE.duration), INTRO_S), arm, 16.0, 0.0, seed)


@pytest.mark.parametrize("mirror", [False, True])
def test_a_still_intro_does_not_decide_the_live_mirror(mirror: bool) -> None:
    # The copy stands with the other arm out: standing, its mirror image fits the pro better.
    # Before: the first 3 s of the intro fixed the reading, and a faithful copy was scored
    # mirrored for the whole dance.
    pro = dancing(Dancer(), Scene(), "left", seed=0)
    copy = dancing(Dancer(offset=0.1, mirror=mirror), Scene(person=2, x=0.42), "right", seed=1)
    track = ReferenceTrack(len(pro), FPS)
    scorer = LiveScorer(track, "auto", [], FPS)
    decided_at = None
    for k, (reference, body) in enumerate(zip(pro, copy)):
        track.fill(k, row_of(reference, reference.t))
        scorer.score(body, k / FPS, k / FPS)
        if scorer.decided and decided_at is None:
            decided_at = k / FPS
    assert decided_at is not None and INTRO_S < decided_at < INTRO_S + 6.0  # once the dance has shown its side
    assert scorer.mirrored is mirror
    assert scorer.total > 80.0
