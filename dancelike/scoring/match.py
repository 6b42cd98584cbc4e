"""Frame matching: how alike two poses of the same moment are, 0-100, overall and per part.

Two signals, both in the body-centred frame (see ``poses``):

- limb direction agreement (weight 0.75): the angle between the same limb in both
  poses, forgiving the first few degrees (tracking noise) and falling steeply after
  that, so where the limbs are matters a lot;
- part overlap (weight 0.25): how much of each body-part group lands on the same
  place, measured as overlap over the smaller area, so a thinner or thicker body
  (or baggy clothes) matters little.

What counts most in a frame is what the choreography does there: each limb is weighted
by how far the reference holds it from a relaxed standing pose (raised arms, a kick, a
lean), so standing still, or a different dance, cannot collect points from limbs both
dancers merely leave hanging. Limbs are also weighted by how visible they are in the
reference; a limb the dancer hides (less visible than in the reference) scores as the
pose model guessed it, scaled down.
Pure numpy: no I/O, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dancelike.scoring.poses import GROUPS, LIMB_GROUP, NEUTRAL_DIRECTIONS, PART_GROUP, PoseTrack

#: Angle error (degrees) forgiven as tracking noise, and the scale of the fall-off after it.
ANGLE_FREE_DEG = 5.0
ANGLE_SCALE_DEG = 18.0
DIRECTION_WEIGHT = 0.85
OVERLAP_WEIGHT = 0.15
#: Weight of a limb held as in a relaxed standing pose, and the angle (degrees) away
#: from that pose at which a limb counts fully.
REST_WEIGHT = 0.05
EXPRESSIVE_DEG = 60.0


@dataclass(frozen=True)
class PairScores:
    """Scores of k matched frame pairs: ``frame`` (k,) and ``groups`` (k, 6) in 0-100.

    ``weight`` (k,) says how much each pair's reference frame shows of the dance (limbs
    away from a relaxed standing pose count more): a dance's score weighs its frames by it.
    """

    frame: np.ndarray
    groups: np.ndarray
    weight: np.ndarray
    #: (k, 6) how much each group counts in its pair's frame score
    group_weights: np.ndarray


def angle_score(cosine: np.ndarray) -> np.ndarray:
    """1 for the same direction, falling off past ``ANGLE_FREE_DEG`` (0.5 at ~31 degrees)."""
    angle = np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0)))
    excess = np.maximum(angle - ANGLE_FREE_DEG, 0.0) / ANGLE_SCALE_DEG
    return np.exp(-(excess**2) * 0.8)


def _direction_scores(reference: PoseTrack, performance: PoseTrack, ref_idx: np.ndarray, perf_idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-limb scores (k, L) and weights (k, L)."""
    ref_dir, perf_dir = reference.directions[ref_idx], performance.directions[perf_idx]
    cosine = np.nan_to_num((ref_dir * perf_dir).sum(axis=2), nan=-1.0)
    ref_visibility = np.clip(reference.visibility[ref_idx], 0.0, 1.0)
    hidden = np.maximum(ref_visibility - np.clip(performance.visibility[perf_idx], 0.0, 1.0), 0.0)
    scores = angle_score(cosine) * (1.0 - 0.5 * hidden)
    rest_cosine = np.nan_to_num((ref_dir * NEUTRAL_DIRECTIONS[None]).sum(axis=2), nan=1.0)
    away = np.degrees(np.arccos(np.clip(rest_cosine, -1.0, 1.0)))
    expressive = REST_WEIGHT + (1.0 - REST_WEIGHT) * np.clip(away / EXPRESSIVE_DEG, 0.0, 1.0)
    weights = expressive * (0.2 + 0.8 * ref_visibility)
    return scores, weights


#: (6, 3) each group's limbs, as indices into a pair's limbs; a group of fewer is padded with the
#: index of an added -0.0 (x + -0.0 is x, for every x).
_GROUP_LIMBS = np.array([[*np.flatnonzero(LIMB_GROUP == g), *[len(LIMB_GROUP)] * 3][:3] for g in range(len(GROUPS))])
assert all((LIMB_GROUP == g).sum() <= 3 for g in range(len(GROUPS))), "at most three limbs a group"


def _group_sums(values: np.ndarray) -> np.ndarray:
    """(k, 6) each group's sum of its limbs' ``values`` (k, L), for all groups at once: the
    additions, in the order, of ``values[:, LIMB_GROUP == g].sum(axis=1)`` (left to right)."""
    limbs = np.concatenate([values, np.full((len(values), 1), -0.0)], axis=1)[:, _GROUP_LIMBS]
    return (limbs[..., 0] + limbs[..., 1]) + limbs[..., 2]


#: Pairs compared at once in the overlap: bounds memory (a 10-minute session has ~20k pairs).
_OVERLAP_CHUNK = 1024
_PART_GROUP8 = PART_GROUP.astype(np.int8)


def _overlap_scores(reference: PoseTrack, performance: PoseTrack, ref_idx: np.ndarray, perf_idx: np.ndarray) -> np.ndarray:
    """Per-group overlap (k, 6): |A and B| / min(|A|, |B|); 1 where the reference shows none."""
    count = len(ref_idx)
    overlap = np.ones((count, len(GROUPS)))
    for start in range(0, count, _OVERLAP_CHUNK):
        rows = slice(start, start + _OVERLAP_CHUNK)
        ref_groups = _PART_GROUP8[reference.parts[ref_idx[rows]].reshape(len(ref_idx[rows]), -1)]
        perf_groups = _PART_GROUP8[performance.parts[perf_idx[rows]].reshape(len(perf_idx[rows]), -1)]
        for group in range(len(GROUPS)):
            ref_in, perf_in = ref_groups == group, perf_groups == group
            both = (ref_in & perf_in).sum(axis=1)
            smaller = np.minimum(ref_in.sum(axis=1), perf_in.sum(axis=1))
            overlap[rows, group] = np.where(smaller > 0, both / np.maximum(smaller, 1), np.where(ref_in.any(axis=1), 0.0, 1.0))
    return overlap


def score_pairs(reference: PoseTrack, performance: PoseTrack, pairs: np.ndarray) -> PairScores:
    """Score each (reference frame, performance frame) pair of ``pairs`` (k, 2).

    A pair where either side has no dancer scores 0 (and the report warns about it).
    """
    pairs = np.asarray(pairs, np.int64).reshape(-1, 2)
    ref_idx, perf_idx = pairs[:, 0], pairs[:, 1]
    limb_scores, limb_weights = _direction_scores(reference, performance, ref_idx, perf_idx)
    group_weights = _group_sums(limb_weights)
    groups = _group_sums(limb_scores * limb_weights) / group_weights
    if reference.parts.size and performance.parts.size:
        groups = DIRECTION_WEIGHT * groups + OVERLAP_WEIGHT * _overlap_scores(reference, performance, ref_idx, perf_idx)
    both_found = reference.found[ref_idx] & performance.found[perf_idx]
    groups = np.where(both_found[:, None], groups, 0.0) * 100.0
    # The frame score follows the groups the choreography is using at that moment, as a
    # power mean that leans towards the worst of them: a move is only right when all its
    # parts are (a right leg does not make up for a wrong arm).
    total = group_weights.sum(axis=1)
    frame = ((np.sqrt(groups) * group_weights).sum(axis=1) / total) ** 2
    return PairScores(frame, groups, total, group_weights)


def frame_from_groups(groups: np.ndarray, group_weights: np.ndarray, judged: np.ndarray) -> np.ndarray:
    """Frame scores (k,) from group scores (k, 6) over the ``judged`` groups (6,) only, with the
    same square-root power mean as ``score_pairs`` (a group nobody can see does not count)."""
    weights = group_weights * judged[None, :]
    total = weights.sum(axis=1)
    mean = (np.sqrt(np.maximum(groups, 0.0)) * weights).sum(axis=1) / np.maximum(total, 1e-12)
    return np.where(total > 0, mean**2, 0.0)
