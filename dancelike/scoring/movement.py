"""Movement agreement: do the two dancers' limbs move alike over the same short stretch?

Poses frame by frame say little about filmed people: arms near the body look alike at any
moment, and two people doing the same routine hold their limbs differently. What carries over
from one dancer to another is *how* the limbs move: up when the pro's go up, out when they go
out, on the same counts. So each limb's trajectory over a window (``WINDOW_S``) around a
reference frame is compared with the dancer's trajectory over the frames the alignment matched
to it, as a correlation: 1 for the same movement (at any size), about 0 for unrelated motion,
whatever the reference is (its own chance level is measured anyway, ``calibration``).

Trajectories are of a *canonical body*: joint positions rebuilt from the limb directions of
``poses`` with fixed limb lengths, so body proportions, framing and distance to the camera
drop out, and a mirrored reading (limbs swapped) needs nothing of its own. Pure numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dancelike.scoring.poses import GROUPS, PoseTrack

#: Length of the window a movement is compared over (seconds): about a beat either side.
WINDOW_S = 2.4
#: Movement smaller than this (torso lengths, standard deviation over the window) is tracking
#: noise: it neither earns nor costs anything.
NOISE_STD = 0.05
#: A part's own movement agreement is believed only when the reference moves it well above the
#: noise: its self-agreement (``own``, 0.8 = a spread of twice ``NOISE_STD``) at least this.
GROUP_OWN_MIN = 0.8
#: The whole body's movement agreement is believed only when the reference's self-agreement,
#: over all it moves (weighted by how much), is at least this: below, the reference holds still
#: and what it "moves" is tracking noise and sway. Measured (2026-12-07): a synthetic dancer
#: standing for minutes 0.00; the development set's four dancing references 0-9% of frames
#: under 0.5, none under 0.3; the K-pop clip's dancer standing still at its end, under 0.3.
#: Then the pose alone judges the frame (``calibration.relative``), as for a part (above).
FRAME_OWN_MIN = 0.3
#: A limb counts in a window when it was visible (>= 0.5) in at least half its frames.
SEEN_SHARE = 0.5

# Canonical joints: (name, group, limb index in ``poses.LIMBS`` that decides its visibility).
# Built in ``canonical_joints`` from the hips outwards with these limb lengths (torso = 1).
_SHOULDER_HALF, HIP_HALF, _HEAD = 0.35, 0.25, 0.5
_UPPER_ARM, _FOREARM, _THIGH, _SHIN = 0.6, 0.55, 0.85, 0.8
JOINTS = (
    ("head", "head", 0),
    ("left_shoulder", "torso", 2),
    ("right_shoulder", "torso", 2),
    ("left_elbow", "left_arm", 4),
    ("left_wrist", "left_arm", 5),
    ("right_elbow", "right_arm", 6),
    ("right_wrist", "right_arm", 7),
    ("left_knee", "left_leg", 8),
    ("left_ankle", "left_leg", 9),
    ("right_knee", "right_leg", 10),
    ("right_ankle", "right_leg", 11),
)
JOINT_GROUP = np.array([GROUPS.index(group) for _, group, _ in JOINTS])
JOINT_LIMB = np.array([limb for _, _, limb in JOINTS])
#: The first joint of each group (each group's joints are neighbours in ``JOINTS``).
_GROUP_JOINTS = np.flatnonzero(np.diff(JOINT_GROUP, prepend=-1))
assert np.array_equal(JOINT_GROUP[_GROUP_JOINTS], np.arange(len(GROUPS))), "each group's joints together, in order"
#: (6, 4) the (joint, coordinate) values of each group, as indices into a window's J * 2 values;
#: a group of one joint is padded with the index of an added -0.0 (x + -0.0 is x, for every x).
_GROUP_VALUES = np.array([[*np.flatnonzero(np.repeat(JOINT_GROUP, 2) == g), *[2 * len(JOINTS)] * 4][:4] for g in range(len(GROUPS))])
assert all((np.repeat(JOINT_GROUP, 2) == g).sum() <= 4 for g in range(len(GROUPS))), "at most two joints a group"


def _group_sums(values: np.ndarray) -> np.ndarray:
    """(k, 6) each group's sum of ``values`` (k, J, 2), for all groups at once, bit for bit what
    ``values[:, members].sum(axis=(1, 2))`` gives: numpy adds a lone window's four numbers one
    after the other, and with several windows each joint's two coordinates first."""
    flat = np.concatenate([values.reshape(len(values), -1), np.full((len(values), 1), -0.0)], axis=1)[:, _GROUP_VALUES]
    if len(values) == 1:
        return ((flat[..., 0] + flat[..., 1]) + flat[..., 2]) + flat[..., 3]
    return (flat[..., 0] + flat[..., 1]) + (flat[..., 2] + flat[..., 3])


#: Chunk of reference frames handled at once (bounds memory on long sessions).
_CHUNK = 1024


def canonical_joints(directions: np.ndarray) -> np.ndarray:
    """(n, J, 2) joint positions of a body with fixed proportions, hips centre at 0,
    from the (n, L, 2) limb directions (NaN rows stay NaN)."""
    d = directions
    shoulders = d[:, 1]
    left_shoulder, right_shoulder = shoulders + d[:, 2] * _SHOULDER_HALF, shoulders - d[:, 2] * _SHOULDER_HALF
    left_hip, right_hip = d[:, 3] * HIP_HALF, -d[:, 3] * HIP_HALF
    left_elbow = left_shoulder + d[:, 4] * _UPPER_ARM
    right_elbow = right_shoulder + d[:, 6] * _UPPER_ARM
    left_knee, right_knee = left_hip + d[:, 8] * _THIGH, right_hip + d[:, 10] * _THIGH
    joints = (
        shoulders + d[:, 0] * _HEAD,
        left_shoulder,
        right_shoulder,
        left_elbow,
        left_elbow + d[:, 5] * _FOREARM,
        right_elbow,
        right_elbow + d[:, 7] * _FOREARM,
        left_knee,
        left_knee + d[:, 9] * _SHIN,
        right_knee,
        right_knee + d[:, 11] * _SHIN,
    )
    return np.stack(joints, axis=1)


@dataclass(frozen=True)
class MovementScores:
    """Per reference frame: ``frame`` (n,) and ``groups`` (n, 6) correlations, as a share of what
    the reference scores against itself (1: as good as the reference itself; about 0: unrelated;
    NaN where nothing could be compared or the reference holds still), ``motion`` (n,) how much
    the reference moves there (torso lengths), ``group_seen`` (n, 6) whether each group was
    compared at all."""

    frame: np.ndarray
    groups: np.ndarray
    motion: np.ndarray
    group_seen: np.ndarray


def matched_rows(path: np.ndarray, count: int) -> np.ndarray:
    """For each reference frame, the performance row the path matched it to (the middle of its
    matches), -1 where the path does not reach it."""
    path = np.asarray(path, np.int64).reshape(-1, 2)
    hits = np.bincount(path[:, 0], minlength=count)
    out = np.full(count, -1, np.int64)
    if not len(path):
        return out
    order = np.argsort(path[:, 0], kind="stable")
    starts = np.concatenate([[0], np.cumsum(hits)[:-1]])
    reached = hits > 0
    out[reached] = path[order][starts[reached] + hits[reached] // 2, 1]
    return out


def _own_motion(joints: np.ndarray, seen: np.ndarray) -> np.ndarray:
    """(k,) how much the reference moves in each window (k, w, J, 2): the summed standard
    deviation of the joints it shows, whatever the performance does there."""
    usable = (seen & ~np.isnan(joints[..., 0]))[..., None]  # (k, w, J, 1)
    count = np.maximum(usable.sum(axis=1), 1)
    values = np.where(usable, joints, 0.0)
    mean = values.sum(axis=1) / count
    variance = (np.where(usable, (values - mean[:, None]) ** 2, 0.0)).sum(axis=1) / count
    shown = usable[..., 0].mean(axis=1) >= SEEN_SHARE  # (k, J)
    return (np.sqrt(variance).sum(axis=2) * shown).sum(axis=1)


def window_agreement(a: np.ndarray, b: np.ndarray, valid: np.ndarray, seen: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Movement agreement of k windows: reference joints ``a`` and performance joints ``b``
    (k, w, J, 2), which samples are usable ``valid`` (k, w, J), where both showed the joint
    ``seen`` (k, w, J). Returns per window the frame and group (k, 6) agreement (see
    ``MovementScores``) and whether each group was compared."""
    seen_enough = (seen & valid).mean(axis=1) >= SEEN_SHARE  # (k, J)
    weight = valid[..., None].astype(np.float64)
    samples = np.maximum(weight.sum(axis=1), 1.0)  # (k, J, 1)
    usable = weight > 0
    a = np.where(usable, a, 0.0)  # zero where unusable: a * weight would be a again
    b = np.where(usable, b, 0.0)
    a = (a - a.sum(axis=1, keepdims=True) / samples[:, None]) * weight
    b = (b - b.sum(axis=1, keepdims=True) / samples[:, None]) * weight
    var_a, var_b, cov = (a * a).sum(axis=1), (b * b).sum(axis=1), (a * b).sum(axis=1)  # (k, J, 2)
    floor = NOISE_STD**2 * samples
    corr = cov / np.sqrt((var_a + floor) * (var_b + floor))
    # what the reference would score against itself: small movements near the noise floor
    # cannot reach 1, so a copy is measured against that, not against 1
    own = var_a / (var_a + floor)
    # each coordinate counts by how much the reference moves it: the moving limbs decide
    spread = np.sqrt(var_a / samples) * seen_enough[..., None]
    moved, perfect_moved = corr * spread, own * spread
    perfect_frame = perfect_moved.sum(axis=(1, 2))
    frame = _ratio(moved.sum(axis=(1, 2)), perfect_frame)
    # The reference holds still here: its "movement" is noise, whatever the dancer does.
    frame = np.where(perfect_frame >= FRAME_OWN_MIN * spread.sum(axis=(1, 2)), frame, np.nan)
    compared = np.logical_or.reduceat(seen_enough, _GROUP_JOINTS, axis=1)
    perfect = _group_sums(perfect_moved)
    ratio = _ratio(_group_sums(moved), perfect)
    # A part the reference hardly moves here (its joints within twice the noise): its
    # correlation is the noise's, so the pose alone judges it (a still leg scored 10 on a
    # perfect copy when its noise happened to run the other way).
    reliable = perfect >= GROUP_OWN_MIN * _group_sums(spread)
    groups = np.where(reliable, ratio, np.nan)
    return frame, groups, compared


def joints_and_seen(track: PoseTrack) -> tuple[np.ndarray, np.ndarray]:
    """A track's canonical joints (n, J, 2; NaN where nobody) and whether each was seen (n, J)."""
    joints = canonical_joints(np.where(track.found[:, None, None], track.directions, np.nan))
    return joints, np.clip(track.visibility[:, JOINT_LIMB], 0.0, 1.0) >= 0.5


def _ratio(value: np.ndarray, perfect: np.ndarray) -> np.ndarray:
    """``value / perfect`` where the reference moves enough to compare (NaN elsewhere)."""
    usable = perfect > 1e-9
    return np.where(usable, value / np.where(usable, perfect, 1.0), np.nan)


def movement_scores(reference: PoseTrack, performance: PoseTrack, matched: np.ndarray, fps: float, step: int = 1) -> MovementScores:
    """Compare each reference frame's window of movement with the performance rows ``matched``
    to it (``matched_rows``; -1: not danced). Windows do not reach past the danced stretch.
    ``step`` > 1 compares only every step-th frame (the others stay NaN): enough for an average."""
    count = len(reference)
    half = max(1, int(round(WINDOW_S * fps / 2.0)))
    ref_joints, ref_seen = joints_and_seen(reference)
    perf_joints, perf_seen = joints_and_seen(performance)
    frame = np.full(count, np.nan)
    groups = np.full((count, len(GROUPS)), np.nan)
    motion = np.zeros(count)
    group_seen = np.zeros((count, len(GROUPS)), bool)
    danced = np.flatnonzero(matched >= 0)
    if not len(danced) or not len(performance):
        return MovementScores(frame, groups, motion, group_seen)
    offsets = np.arange(-half, half + 1)
    centres = np.arange(0, count, max(1, step))
    for start in range(0, len(centres), _CHUNK):
        rows = centres[start : start + _CHUNK]
        window = np.clip(rows[:, None] + offsets[None, :], 0, count - 1)  # (k, w) reference frames
        partner = matched[window]
        valid = (partner >= 0) & (matched[rows] >= 0)[:, None]
        a = ref_joints[window]  # (k, w, J, 2)
        motion[rows] = _own_motion(a, ref_seen[window])
        b = perf_joints[np.maximum(partner, 0)]
        valid3 = valid[:, :, None] & ~np.isnan(a[..., 0]) & ~np.isnan(b[..., 0])  # (k, w, J)
        both_seen = ref_seen[window] & perf_seen[np.maximum(partner, 0)]
        frame[rows], groups[rows], group_seen[rows] = window_agreement(a, b, valid3, both_seen)
    undanced = matched < 0
    frame[undanced] = np.nan
    groups[undanced] = np.nan
    return MovementScores(frame, groups, motion, group_seen)
