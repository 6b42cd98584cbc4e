"""From raw agreement to a score: chance level, perfect copy, and the curve between them.

The one place where the score's scale is decided (``docs/scoring.md`` explains it). Two raw
measures come in per reference frame: the pose agreement of ``match.score_pairs`` (0-1) and
the movement correlation of ``movement`` (-1..1). Poses are compared by limb direction only
(``poses.without_parts``: how alike two bodies look is not how alike two dances are). Neither means the same on every dance: arms
held near the body agree with almost any pose, a busy full-body routine with few. So each is
placed between **chance**, how well *unrelated moments of the same reference* agree with it
(measured once per reference: the reference against itself shifted in time, cached with its
analysis), and a perfect copy (1):

    relative = (raw - chance) / (1 - chance)        (0 = chance, 1 = a perfect copy)

blended (``MOVEMENT_SHARE``), and mapped to 0-100 by ``score_curve``, a piecewise-linear curve
through the anchors below, chosen from measurements (``scripts/eval_real.py`` on filmed people,
``tests/scoring/test_score_meanings.py`` on the synthetic dancers). Pure numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dancelike.scoring.match import frame_from_groups, score_pairs
from dancelike.scoring.movement import movement_scores
from dancelike.scoring.poses import PoseTrack, group_in_view, without_parts

#: Share of the movement correlation in a frame's relative agreement (the rest is the pose).
#: Movement tells copies from unrelated motion on filmed people; poses alone hardly do
#: (development set: pose agreement of a real copy 0.77 against a chance level of 0.73).
MOVEMENT_SHARE = 0.6
#: Relative agreement -> score anchors, chosen from measurements (2026-11-27; the tables are in
#: docs/scoring.md): on filmed people (``scripts/eval_real.py``) the same clip re-encoded 0.99,
#: another person's copy of the routine 0.31-0.59, unrelated motion or another dance -0.16-0.19;
#: on the synthetic dancers faithful copies 0.96-1.0, a half-right performance 0.73, another
#: dance 0.12, standing still -0.08. Between unrelated motion (0.19 -> 31) and the loosest real
#: copy (0.28 -> 75) the curve is steep: that is where "not this dance" turns into "this dance".
CURVE_RELATIVE = (-1.0, 0.0, 0.19, 0.28, 0.75, 1.0)
CURVE_SCORE = (0.0, 8.0, 31.0, 75.0, 90.0, 100.0)
#: A performance is "this dance" when its agreement where the dancer was seen scores at least
#: this: the middle of the curve's steep stretch, between unrelated motion (at most 43 on the
#: development set) and the loosest real copy (77).
THIS_DANCE_MIN = 50.0
#: ... and when the dancer was seen in at least this share of the judged dance: a glimpse (the
#: development set's push-ups, seen 2.4 s of 5.3, or a montage with hard cuts, 15%) is too
#: little to tell, whatever it looked like.
SEEN_FOR_VERDICT = 0.75
#: Where in the reference (fractions of its length) it is shifted against itself for chance.
CHANCE_SHIFTS = (0.2, 0.35, 0.5, 0.65, 0.8)
#: A shift whose movement agrees at least this well is the dance repeating itself (a chorus
#: that comes back), not an unrelated moment: it is left out of chance. Unrelated moments of
#: a reference correlate at -0.1 to 0.15; the same chorus danced again, 0.6 or more.
REPEAT_MOVEMENT = 0.35
#: Every how many frames a window is compared when measuring chance (an average needs no more).
CHANCE_STEP = 3
#: Shorter references (seconds) give too few unrelated moments: the default chance is used.
MIN_CHANCE_S = 3.0


@dataclass(frozen=True)
class Chance:
    """How well unrelated moments of a reference agree with it: ``pose`` (0-1) and ``movement``
    (-1..1). Saved with the reference's analysis (``as_array`` / ``from_array``)."""

    pose: float
    movement: float

    def as_array(self) -> np.ndarray:
        return np.array([self.pose, self.movement], np.float64)

    @classmethod
    def from_array(cls, values: np.ndarray) -> Chance:
        return cls(float(values[0]), float(values[1]))


#: For references too short to measure (and a live session's reference before it is measured):
#: typical values. Measured pose chance: the development set's references 0.22-0.30, the demo
#: choreography 0.31; movement chance 0 for all of them.
DEFAULT_CHANCE = Chance(pose=0.28, movement=0.0)


def reference_chance(reference: PoseTrack, fps: float) -> Chance:
    """The reference against itself shifted by ``CHANCE_SHIFTS`` of its length: the agreement an
    unrelated moment of the same dance gets, averaged over the shifts, judged on the body parts
    the reference shows (as a report judges them). Shifts where the dance repeats itself
    (``REPEAT_MOVEMENT``) are not chance and are left out."""
    count = len(reference)
    found = np.flatnonzero(reference.found)
    if count / max(fps, 1e-6) < MIN_CHANCE_S or len(found) < 0.5 * count:
        return DEFAULT_CHANCE
    in_view = group_in_view(reference, np.arange(count))
    if not in_view.any():
        in_view = np.ones(len(in_view), bool)
    reference = without_parts(reference)
    poses, movements = [], []
    for share in CHANCE_SHIFTS:
        partner = (np.arange(count) + int(round(share * count))) % count
        moved = movement_scores(reference, reference, partner, fps, step=CHANCE_STEP)
        usable = ~np.isnan(moved.frame) & (moved.motion > 0)
        movement = float((moved.frame[usable] * moved.motion[usable]).sum() / moved.motion[usable].sum()) if usable.any() else 0.0
        if movement >= REPEAT_MOVEMENT:  # the dance repeats itself here (a chorus): not chance
            continue
        scored = score_pairs(reference, reference, np.stack([found, partner[found]], axis=1))
        weight = np.maximum((scored.group_weights * in_view).sum(axis=1), 1e-9)
        poses.append(float((frame_from_groups(scored.groups, scored.group_weights, in_view) * weight).sum() / weight.sum()) / 100.0)
        if usable.any():
            movements.append(movement)
    if not poses:  # the same few seconds over and over: nothing unrelated to measure
        return DEFAULT_CHANCE
    # Movement correlates at 0 by chance; a reference that anti-correlates with itself at other
    # moments (a move and its reverse) says nothing about unrelated dancers, so no lower.
    return Chance(float(np.mean(poses)), max(0.0, float(np.mean(movements))) if movements else 0.0)


def relative(pose: np.ndarray, movement: np.ndarray, chance: Chance) -> np.ndarray:
    """Relative agreement (0 = chance, 1 = perfect) from pose scores (0-100) and movement
    correlations (NaN where the reference holds still: then the pose alone decides)."""
    pose_rel = (np.asarray(pose, np.float64) / 100.0 - chance.pose) / max(1.0 - chance.pose, 1e-6)
    move_rel = (np.asarray(movement, np.float64) - chance.movement) / max(1.0 - chance.movement, 1e-6)
    blended = MOVEMENT_SHARE * move_rel + (1.0 - MOVEMENT_SHARE) * pose_rel
    return np.where(np.isnan(move_rel), pose_rel, blended)


def score_curve(relative_agreement: np.ndarray | float) -> np.ndarray:
    """0-100 from relative agreement, through the measured anchors (NaN stays NaN)."""
    values = np.asarray(relative_agreement, np.float64)
    return np.where(np.isnan(values), np.nan, np.interp(values, CURVE_RELATIVE, CURVE_SCORE))


def judged_score(relative_agreement: np.ndarray, weights: np.ndarray, seen: np.ndarray) -> float:
    """0-100 for the frames ``weights`` selects: the curve over their mean relative agreement
    where the dancer was seen, times the share of them where the dancer was seen (out of frame
    for half the dance earns at most half the score, not a worse-than-chance average)."""
    total = float(weights.sum())
    if total <= 0:
        return 0.0
    present = np.where(seen, weights, 0.0)
    if present.sum() <= 0:
        return 0.0
    mean = float((np.nan_to_num(relative_agreement) * present).sum() / present.sum())
    return float(score_curve(mean)) * float(present.sum()) / total


def seen_agreement_score(relative_agreement: np.ndarray, weights: np.ndarray, seen: np.ndarray) -> tuple[float, float]:
    """The curve over the mean relative agreement where the dancer was seen, not scaled by how
    much was seen (how much the dancing looked like this dance; 0 when nothing was seen), and
    the share of the weight where the dancer was seen."""
    present = np.where(seen, weights, 0.0)
    if present.sum() <= 0:
        return 0.0, 0.0
    share = float(present.sum() / max(float(weights.sum()), 1e-12))
    return float(score_curve(float((np.nan_to_num(relative_agreement) * present).sum() / present.sum()))), share


def this_dance_relative() -> float:
    """The relative agreement at which a performance starts to look like this dance."""
    return float(np.interp(THIS_DANCE_MIN, CURVE_SCORE, CURVE_RELATIVE))
