"""Following several people on rendered group scenes: numbers that never switch through
crossings, landmarks as accurate as when each dancer is alone, a learner no passer-by
takes over, and the dancers of a whole video found across worker segments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from dancelike.media.video import VideoReader
from dancelike.pipeline.analysis import analyze_video
from dancelike.synth.group import GroupScene, Person, crossing_pair, dancer_with_passer_by, render_group_scene, trio_with_crossing
from dancelike.synth.group_check import check_tracking
from dancelike.vision.identity import assign, look_distance
from dancelike.vision.people import PeopleTracker

pytestmark = pytest.mark.slow

SIZE = {"width": 960, "height": 540}


def track(path: Path, max_people: int = 6, lock_after: int | None = None) -> list[dict[int, np.ndarray]]:
    """Every frame's people (number -> landmarks); ``lock_after`` frames, the tracker is locked."""
    tracker = PeopleTracker(with_parts=False, max_people=max_people)
    out = []
    with VideoReader(str(path), planar=True) as reader:
        for index, frame in enumerate(reader):
            if index == lock_after:
                tracker.lock()
            people = tracker.process_all(frame.image, frame.t)
            out.append({p.person: p.body.landmarks for p in people if p.body.landmarks is not None})
    return out


@pytest.fixture(scope="module")
def scenes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, Any], GroupScene]]:
    folder = tmp_path_factory.mktemp("groups")
    made = {}
    for name, scene in {"pair": crossing_pair(seconds=4.0, **SIZE), "trio": trio_with_crossing(seconds=4.5, **SIZE)}.items():
        path = folder / f"{name}.mp4"
        made[name] = (path, render_group_scene(path, scene), scene)
    return made


@pytest.mark.parametrize("name", ["pair", "trio"])
def test_numbers_never_switch_through_crossings_and_landmarks_stay_accurate(scenes: dict, name: str, tmp_path: Path) -> None:
    path, truth, scene = scenes[name]
    checks = check_tracking(truth, track(path))
    for check in checks:
        assert check.switches == 0, f"person {check.id} followed by {check.numbers}"
        assert check.followed_share > 0.8, f"person {check.id} followed in {check.followed_share:.0%} of the frames"
        alone_path = tmp_path / f"alone{check.id}.mp4"
        alone = check_tracking(render_group_scene(alone_path, scene, only=check.id), track(alone_path))[0]
        assert check.median_error <= 1.2 * alone.median_error, f"person {check.id}: {check.median_error:.2f} px in the group, {alone.median_error:.2f} alone"
    assert len({check.numbers[0] for check in checks}) == len(checks), "two people shared a number"


def test_a_passer_by_behind_the_learner_never_becomes_the_learner(tmp_path: Path) -> None:
    path = tmp_path / "passer.mp4"
    truth = render_group_scene(path, dancer_with_passer_by(seconds=5.0, **SIZE))
    checks = {check.role: check for check in check_tracking(truth, track(path, max_people=1, lock_after=5))}
    assert checks["passer_by"].numbers == [], "the passer-by was followed"
    assert checks["dancer"].followed_share > 0.95 and set(checks["dancer"].numbers) == {1}


def test_when_the_learner_walks_out_the_passer_by_is_not_taken_on(tmp_path: Path) -> None:
    """The learner leaves the picture while someone walks behind: nobody is followed until
    the learner is back (here: never), instead of the stranger."""
    leaving = Person(1, start_x=0.45, end_x=1.35, travel=(0.25, 0.45))
    scene = GroupScene(people=(leaving,), passer_by=True, seconds=5.0, **SIZE)
    path = tmp_path / "leaving.mp4"
    truth = render_group_scene(path, scene)
    tracked = track(path, max_people=1, lock_after=5)
    checks = {check.role: check for check in check_tracking(truth, tracked)}
    assert checks["passer_by"].numbers == []
    assert all(not people for people in tracked[-30:]), "someone was followed after the learner left"


def test_every_dancer_is_found_across_worker_segments(scenes: dict) -> None:
    path, truth, _ = scenes["trio"]
    analysis = analyze_video(str(path), workers=2, with_parts=False, all_dancers=True)
    assert [dancer.number for dancer in analysis.dancers] == [1, 2, 3]
    frames = truth["frames"]
    # numbered from the left (at the start of the clip, before anyone crosses)
    starts = sorted(range(3), key=lambda k: np.mean(np.array(truth["people"][k]["joints"][0])[[23, 24], 0]))
    tracked = [{d.number: d.frames[k].landmarks for d in analysis.dancers if d.frames[k].landmarks is not None} for k in range(frames)]
    checks = check_tracking(truth, tracked)
    for rank, person in enumerate(starts, start=1):
        assert checks[person].switches == 0
        assert checks[person].numbers[0] == rank
    assert analysis.followed == analysis.follow(None).followed


def test_assignment_takes_the_cheapest_pairs_within_the_gate() -> None:
    cost = np.array([[0.1, 0.9, 5.0], [0.2, 0.3, 5.0]])
    assert sorted(assign(cost, gate=1.0)) == [(0, 0), (1, 1)]
    assert assign(np.array([[3.0]]), gate=1.0) == []
    assert look_distance(np.array([1.0, 0.0]), np.array([0.0, 1.0])) == pytest.approx(1.0)
