"""What the dancer reads: advice from geometry, one timing story, one vocabulary, golden text.

Every sentence is derived from the report's numbers by ``scoring.coaching``'s rules; these tests
build performances by hand (``hand_poses``) whose faults are known, and check the words."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hand_poses import FPS, frames, skeleton

from dancelike.scoring import coaching
from dancelike.scoring.advice import part_advice
from dancelike.scoring.moves import split_moves
from dancelike.scoring.poses import FEATURE_SIZE, mirror_landmarks, pose_track
from dancelike.scoring.report import build_report
from dancelike.scoring.timing import Timing, timing_from_path
from dancelike.vision.body import BodyFrame


def diagonal(count: int) -> np.ndarray:
    return np.stack([np.arange(count)] * 2, axis=1)


def _rotate_arm(lm: np.ndarray, shoulder: int, elbow: int, wrist: int, degrees: float) -> None:
    """Turn a whole arm about its shoulder (positive: clockwise on screen, y down)."""
    angle = math.radians(degrees)
    rotation = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    for joint in (elbow, wrist):
        lm[joint, :2] = lm[shoulder, :2] + rotation @ (lm[joint, :2] - lm[shoulder, :2])


def posed(count: int, change: object = None, start: int = 0, end: int | None = None) -> list[BodyFrame]:
    """The hand-made dancer, with ``change(landmarks)`` applied to frames ``start``-``end``."""
    out = []
    for i in range(count):
        lm = skeleton(i / FPS)
        if change is not None and start <= i < (end if end is not None else count):
            change(lm)  # type: ignore[operator]
        out.append(BodyFrame(i / FPS, 640, 720, lm.astype(np.float32), 1.0))
    return out


def raised_left_arm(lm: np.ndarray) -> None:
    """The figure's left arm (landmarks 11-13-15, image right) straight up."""
    lm[13, :2] = lm[11, :2] + (0.0, -50.0)
    lm[15, :2] = lm[13, :2] + (0.0, -45.0)


def hanging_left_arm(lm: np.ndarray) -> None:
    lm[13, :2] = lm[11, :2] + (5.0, 50.0)
    lm[15, :2] = lm[13, :2] + (5.0, 45.0)


def wide_legs(lm: np.ndarray) -> None:
    for hip, knee, ankle, dx in ((23, 25, 27, 45), (24, 26, 28, -45)):
        lm[knee, :2] = lm[hip, :2] + (dx, 70)
        lm[ankle, :2] = lm[knee, :2] + (dx, 70)


# --- advice is geometry put into words --------------------------------------------------------


def _advice(reference: list[BodyFrame], performance: list[BodyFrame], part: str, mirrored: bool = False) -> tuple[str, str, str] | None:
    ref, perf = pose_track(reference, with_parts=False), pose_track(performance, mirror=mirrored, with_parts=False)
    found = part_advice(part, ref.directions, perf.directions, mirrored)
    return None if found is None else (found.part, found.direction, found.text)


def test_an_arm_held_lower_than_the_pros_is_told_higher() -> None:
    assert _advice(posed(30, raised_left_arm), posed(30, hanging_left_arm), "left_arm") == ("left_arm", "higher", "Left arm higher")
    assert _advice(posed(30, hanging_left_arm), posed(30, raised_left_arm), "left_arm")[1] == "lower"  # type: ignore[index]


def test_legs_closer_together_than_the_pros_are_told_wider() -> None:
    assert _advice(posed(30, wide_legs), posed(30), "left_leg") == ("left_leg", "further out", "Left leg wider")


def test_a_bent_elbow_where_the_pro_is_straight_is_told_straighter() -> None:
    def bent(lm: np.ndarray) -> None:
        lm[13, :2] = lm[11, :2] + (50.0, 0.0)  # upper arm out sideways, forearm folded up
        lm[15, :2] = lm[13, :2] + (0.0, -45.0)

    def straight(lm: np.ndarray) -> None:
        lm[13, :2] = lm[11, :2] + (50.0, 0.0)
        lm[15, :2] = lm[13, :2] + (45.0, 0.0)

    found = _advice(posed(30, straight), posed(30, bent), "left_arm")
    assert found == ("left_arm", "straighter", "Left arm straighter")


def test_a_lean_is_named_to_the_dancers_own_side_and_mirrored_it_flips() -> None:
    def lean(lm: np.ndarray) -> None:
        lm[[0, 7, 8, 11, 12], 0] += 60.0  # shoulders and head towards image right: the figure's left

    plain = _advice(posed(30, lean), posed(30), "torso")
    assert plain == ("torso", "lean left", "Lean to your left")
    # the dancer copied as in a mirror: the pro's lean to the left is the dancer's to the right
    mirrored_perf = [BodyFrame(b.t, b.width, b.height, mirror_landmarks(b.landmarks).astype(np.float32), 1.0) for b in posed(30)]
    assert _advice(posed(30, lean), mirrored_perf, "torso", mirrored=True) == ("torso", "lean right", "Lean to your right")


def test_mirrored_dancers_are_told_about_their_own_arm() -> None:
    performance = [BodyFrame(b.t, b.width, b.height, mirror_landmarks(b.landmarks).astype(np.float32), 1.0) for b in posed(30, hanging_left_arm)]
    # the pro's left arm is up; the mirroring dancer copies it with their right arm, held low
    assert _advice(posed(30, raised_left_arm), performance, "left_arm", mirrored=True) == ("right_arm", "higher", "Right arm higher")
    # ... and the pro's part it copies, to outline on the pro's picture, is the pro's left arm
    ref, perf = pose_track(posed(30, raised_left_arm), with_parts=False), pose_track(performance, mirror=True, with_parts=False)
    found = part_advice("left_arm", ref.directions, perf.directions, True)
    assert found is not None and found.to_json()["pro_part"] == "left_arm"


def test_nothing_is_said_when_the_difference_is_small_or_inconsistent() -> None:
    assert _advice(posed(30), posed(30), "left_arm") is None

    def jitter(lm: np.ndarray) -> None:
        lm[13:16:2, 1] += 3.0

    assert _advice(posed(30), posed(30, jitter), "left_arm") is None


# --- moves that are moves -------------------------------------------------------------------


def test_no_move_is_shorter_than_a_second_at_either_end() -> None:
    times = np.arange(0, 15.2, 1 / FPS)  # 0.2 s before the first beat, 0.7 s after the last bar
    moves = split_moves(times, np.zeros((len(times), FEATURE_SIZE)), np.arange(0.2, 15.2, 0.5))
    assert moves[0].start == 0.0 and all(move.end - move.start >= 1.0 for move in moves)


def test_weakest_moves_are_below_good_danced_and_in_view() -> None:
    count = 360  # 12 s: in 4-8 s the dancer lets the left arm hang while the pro waves it at shoulder height; out of the picture in 8-10 s
    reference = posed(count)
    performance = posed(count, hanging_left_arm, 120, 240)
    performance[240:300] = [BodyFrame(b.t, 640, 720) for b in performance[240:300]]
    report = build_report(pose_track(reference), pose_track(performance), diagonal(count), FPS, mirrored=False)
    assert report.weakest, report.moves
    assert all(m.score < coaching.GOOD and m.end - m.start >= 1.0 for m in report.weakest)
    assert all(m.start < 8.0 for m in report.weakest), "the stretch out of the picture is not a weak move"
    assert any(m.rating == coaching.AWAY for m in report.moves)
    first = report.weakest[0]
    assert first.advice and first.advice[0].part == "left_arm" and first.advice[0].direction == "higher"
    assert "Left arm higher" in (first.advice_text or "") and "left arm higher" in report.summary


def test_a_faithful_copy_has_nothing_to_practise() -> None:
    report = build_report(pose_track(frames(300)), pose_track(frames(300)), diagonal(300), FPS, mirrored=False)
    assert report.weakest == [] and report.this_dance
    assert report.summary == "Perfect shapes, and perfect timing. Nothing to practise: every move you danced was GOOD or better."


def test_another_dance_is_named_first_and_gets_no_praise_or_advice() -> None:
    def other_dance(lm: np.ndarray) -> None:
        for shoulder, elbow, wrist in ((11, 13, 15), (12, 14, 16)):
            _rotate_arm(lm, shoulder, elbow, wrist, 150.0)
        wide_legs(lm)

    reference = frames(300)
    performance = [BodyFrame(b.t, 640, 720, skeleton(b.t * 2.3 + 1.0).astype(np.float32), 1.0) for b in posed(300, other_dance)]
    report = build_report(pose_track(reference), pose_track(performance), diagonal(300), FPS, mirrored=False)
    assert not report.this_dance
    assert report.summary.startswith("This does not look like this dance")
    assert report.weakest == [] and report.timing == 0.0 and "not judged" in report.timing_text
    assert report.to_json()["this_dance"] is False


def test_the_other_arm_is_named_when_the_dancer_swapped_sides() -> None:
    def right_arm_up(lm: np.ndarray) -> None:
        hanging_left_arm(lm)
        lm[14, :2] = lm[12, :2] + (0.0, -50.0)
        lm[16, :2] = lm[14, :2] + (0.0, -45.0)

    def left_arm_up(lm: np.ndarray) -> None:
        raised_left_arm(lm)
        lm[14, :2] = lm[12, :2] + (-5.0, 50.0)
        lm[16, :2] = lm[14, :2] + (-5.0, 45.0)

    count = 240  # 8 s; in 2-6 s the pro raises the left arm and the dancer the right one
    report = build_report(pose_track(posed(count, left_arm_up, 60, 180)), pose_track(posed(count, right_arm_up, 60, 180)), diagonal(count), FPS, mirrored=False)
    swapped = [m for m in report.weakest if m.swapped]
    assert swapped and swapped[0].swapped == "You used your right arm where the pro uses the left"
    assert (swapped[0].advice_text or "").startswith("You used your right arm")


def test_the_same_change_on_both_sides_is_one_sentence() -> None:
    from dancelike.scoring.advice import Advice

    both = [Advice("left_arm", "bend more", "Bend your left elbow more"), Advice("right_arm", "bend more", "Bend your right elbow more")]
    assert coaching.advice_text(both, None) == "Bend both elbows more"
    legs = [Advice("left_leg", "further out", "Left leg wider"), Advice("right_leg", "further out", "Right leg wider")]
    assert coaching.advice_text(legs, "earlier") == "Both legs wider \u00b7 a bit earlier"


# --- one timing story, one vocabulary -------------------------------------------------------


def _timing(offset: float, tempo: float = 1.0, wobble: float = 0.0) -> Timing:
    ref = np.arange(0, 20, 1 / FPS)
    matched = offset + ref / tempo + wobble * np.sin(2 * np.pi * ref / 3.0)
    return timing_from_path(ref, matched, np.ones(len(ref), bool))


@pytest.mark.parametrize(
    ("timing", "line", "clause"),
    [
        (_timing(0.03), "On the beat \u00b7 steady", "and perfect timing"),
        (_timing(0.2), "0.2 s late \u00b7 steady", "and steady timing, 0.2 s late"),
        (_timing(-0.6), "0.6 s early \u00b7 steady", "but you were 0.6 s early: move with the music, not after the pro"),
        # wandering around the beat: on it only on average (not "On the beat" beside "keep to the beat")
        (_timing(0.0, wobble=0.35), "On the beat on average \u00b7 unsteady", "but your timing wandered: keep to the beat"),
    ],
)
def test_the_timing_line_and_the_summary_tell_one_story(timing: Timing, line: str, clause: str) -> None:
    assert coaching.timing_line(timing, None, True) == line
    assert coaching.timing_clause(timing) == clause
    late = timing.offset_s >= 0.1
    assert ("late" in line) == late and ("early" in clause) == (timing.offset_s <= -0.1)


def test_a_fault_is_named_only_when_it_costs_points_and_the_score_says_so() -> None:
    fast = _timing(0.0, tempo=1.3)
    assert fast.main_fault == "fast" and fast.score < 90.0
    assert coaching.timing_clause(fast) == "but you rushed: you danced faster than the music"
    assert coaching.timing_line(fast, None, True).endswith("faster than the music")
    steady = _timing(0.0, tempo=1.02)
    assert steady.main_fault is None and coaching.timing_line(steady, None, True).endswith("\u00b7 steady")


def test_the_parts_that_missed_under_good_shapes_are_named_as_the_exception() -> None:
    """ "Great shapes, and perfect timing. Your left arm missed (23)." read as a contradiction, and
    named one arm when both missed; the rating words are English adjectives ("OK shapes",
    "Poor shapes": not "Ok", not "Miss")."""

    def said(shape: float, parts: dict[str, float | None]) -> str:
        return coaching.summary(found=True, this_dance=True, seen_share=1.0, shape=shape, timing=_timing(0.03), parts=parts, weakest=[], partial=None)

    one = {"left_arm": 23.0, "right_arm": 95.0, "torso": 97.0, "left_leg": None}
    assert "Great shapes, and perfect timing. Your left arm was the exception: it missed (23)." in said(84.0, one)
    assert "Good shapes, and perfect timing. Your left arm was the exception" in said(64.6, one)  # shown as 65: GOOD
    assert "OK shapes, and perfect timing. Your left arm missed (23)." in said(55.0, one)
    assert "exception" not in said(55.0, one)
    assert said(30.0, one).startswith("Poor shapes, and perfect timing.")  # an adjective, never "Miss shapes"
    both = {"left_arm": 25.0, "right_arm": 27.0, "head": 47.0, "torso": 98.0}
    assert "Your left arm and right arm were the exception: they missed (25 and 27)." in said(78.0, both)
    assert "Your left arm and right arm missed (25 and 27)." in said(40.0, both)


def test_one_scale_read_from_the_number_shown() -> None:
    assert coaching.rating(79.96) == "great"  # shown as 80
    assert coaching.rating(64.4) == "ok" and coaching.rating(64.6) == "good"
    assert coaching.when_text(0.04) == "on the beat" and coaching.when_text(0.26) == "0.3 s late"


def test_alignment_is_said_in_words_not_as_a_signed_number() -> None:
    assert coaching.aligned_sentence("music", 0.0) == "The music lined the two videos up: they start together."
    assert "1.2 s later in yours" in coaching.aligned_sentence("music", 1234.0)
    assert "+0.00" not in coaching.aligned_sentence("music", 3.0)


def test_mirrored_is_explained() -> None:
    assert "mirror" in coaching.mirror_sentence(True, True) and coaching.mirror_sentence(False, True) == ""


def test_a_leg_the_pro_hardly_moves_is_judged_by_its_pose_not_by_noise() -> None:
    def sway(sign: float) -> object:
        def change(lm: np.ndarray, t: float) -> None:
            dx = 8.0 * math.sin(2 * math.pi * 0.7 * t) * sign  # a few degrees: near the tracking noise
            for knee, ankle in ((25, 27), (26, 28)):
                lm[knee, 0] += dx
                lm[ankle, 0] += 2 * dx

        return change

    def swaying(count: int, sign: float) -> list[BodyFrame]:
        out = []
        for i in range(count):
            lm = skeleton(i / FPS)
            sway(sign)(lm, i / FPS)  # type: ignore[operator]
            out.append(BodyFrame(i / FPS, 640, 720, lm.astype(np.float32), 1.0))
        return out

    # the legs sway a little the other way (as noise can): the poses still agree within a few degrees
    report = build_report(pose_track(swaying(240, 1.0)), pose_track(swaying(240, -1.0)), diagonal(240), FPS, mirrored=False)
    assert report.parts["left_leg"] is not None and report.parts["left_leg"] >= 65.0, report.parts
    assert "leg missed" not in report.summary
