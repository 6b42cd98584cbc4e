"""Body-part label map: which body part each person-mask pixel belongs to.

Built in the landmark model's ROI (the body upright and at full resolution) from the
person mask and the skeleton: every mask pixel takes the part whose bone (a capsule
around a landmark segment) is nearest, distances divided by the part's typical
thickness so a thigh claims more width than a forearm. The torso is the shoulder-hip
quadrilateral (a limb lying across it keeps its own label); the head is a capsule from the neck to the top of the head.
"""

from __future__ import annotations

import cv2
import numpy as np

from dancelike.vision.body import Part
from dancelike.vision.landmark_names import EARS, HIPS, LEFT_HAND_TIPS, NUM_LANDMARKS, RIGHT_HAND_TIPS, SHOULDERS, TORSO_OUTLINE, PoseLandmark

_L = PoseLandmark

PART_MAP_SIZE = 128
MASK_THRESHOLD = 0.5

# (part, start landmark(s), end landmark(s), relative thickness). Several landmarks mean
# the mean of those landmarks.
_BONES: tuple[tuple[Part, tuple[PoseLandmark, ...], tuple[PoseLandmark, ...], float], ...] = (
    (Part.LEFT_UPPER_ARM, (_L.LEFT_SHOULDER,), (_L.LEFT_ELBOW,), 1.0),
    (Part.LEFT_FOREARM, (_L.LEFT_ELBOW,), (_L.LEFT_WRIST,), 0.85),
    (Part.LEFT_HAND, (_L.LEFT_WRIST,), LEFT_HAND_TIPS, 0.8),
    (Part.RIGHT_UPPER_ARM, (_L.RIGHT_SHOULDER,), (_L.RIGHT_ELBOW,), 1.0),
    (Part.RIGHT_FOREARM, (_L.RIGHT_ELBOW,), (_L.RIGHT_WRIST,), 0.85),
    (Part.RIGHT_HAND, (_L.RIGHT_WRIST,), RIGHT_HAND_TIPS, 0.8),
    (Part.LEFT_THIGH, (_L.LEFT_HIP,), (_L.LEFT_KNEE,), 1.5),
    (Part.LEFT_SHIN, (_L.LEFT_KNEE,), (_L.LEFT_ANKLE,), 1.15),
    (Part.LEFT_FOOT, (_L.LEFT_ANKLE,), (_L.LEFT_FOOT_INDEX,), 0.9),
    (Part.RIGHT_THIGH, (_L.RIGHT_HIP,), (_L.RIGHT_KNEE,), 1.5),
    (Part.RIGHT_SHIN, (_L.RIGHT_KNEE,), (_L.RIGHT_ANKLE,), 1.15),
    (Part.RIGHT_FOOT, (_L.RIGHT_ANKLE,), (_L.RIGHT_FOOT_INDEX,), 0.9),
)
_HEAD_THICKNESS = 2.2
_TORSO_BIAS = 0.6


def _averaging_matrix(groups: list[tuple[PoseLandmark, ...]]) -> np.ndarray:
    """(len(groups), 33) matrix whose product with landmarks gives each group's mean point."""
    matrix = np.zeros((len(groups), NUM_LANDMARKS), np.float32)
    for row, indices in enumerate(groups):
        matrix[row, list(indices)] = 1.0 / len(indices)
    return matrix


_BONE_STARTS = _averaging_matrix([bone[1] for bone in _BONES])
_BONE_ENDS = _averaging_matrix([bone[2] for bone in _BONES])
# Segment labels: the bones, then the head; the torso comes last (see part_map).
_LABELS = np.array([bone[0] for bone in _BONES] + [Part.HEAD, Part.TORSO], np.uint8)
_THICKNESS = np.array([bone[3] for bone in _BONES] + [_HEAD_THICKNESS], np.float32)


def _segment_distances_sq(px: np.ndarray, py: np.ndarray, starts: np.ndarray, ends: np.ndarray, out: np.ndarray) -> np.ndarray:
    """(S, N) squared distance from each of N pixels (px, py) to each of S segments, into ``out``.

    Worked in place on two scratch arrays besides ``out`` (the same arithmetic, in the same
    order, as the plain expressions: the same bits), since a frame's part map made ten
    temporaries of S x N floats, and their allocation and cold pages were a third of its cost."""
    dx, dy = (ends - starts).T[:, :, None]  # (S, 1) each
    length_sq = np.maximum(dx * dx + dy * dy, 1e-9)
    ox = np.subtract(px[None, :], starts[:, 0:1], out=out)  # (S, N)
    oy = np.subtract(py[None, :], starts[:, 1:2])
    along = np.multiply(ox, dx)
    scratch = np.multiply(oy, dy)
    along += scratch
    along /= length_sq
    np.clip(along, 0.0, 1.0, out=along)
    np.multiply(along, dx, out=scratch)
    ox -= scratch  # gx
    np.multiply(along, dy, out=scratch)
    oy -= scratch  # gy
    np.multiply(ox, ox, out=out)
    np.multiply(oy, oy, out=oy)
    out += oy
    return out


def part_map(mask: np.ndarray, roi_points: np.ndarray, roi_side: int, size: int = PART_MAP_SIZE) -> np.ndarray:
    """Label map (size x size, uint8 ``Part`` values) in ROI space.

    Distances are compared squared (same order, no square roots).

    ``mask`` is the person probability in ROI space (any square size); ``roi_points``
    are the 33+ landmarks in ``roi_side``-pixel ROI space.
    """
    small = cv2.resize(mask, (size, size), interpolation=cv2.INTER_LINEAR) if mask.shape[0] != size else mask
    person = small > MASK_THRESHOLD
    labels = np.zeros((size, size), np.uint8)
    if not person.any():
        return labels
    points = (roi_points[:NUM_LANDMARKS, :2] * (size / roi_side)).astype(np.float32)
    rows, cols = np.nonzero(person)
    px = cols.astype(np.float32) + 0.5
    py = rows.astype(np.float32) + 0.5

    shoulders = points[list(SHOULDERS)].mean(axis=0)
    hips = points[list(HIPS)].mean(axis=0)
    unit = max(float(np.linalg.norm(shoulders - hips)), 1.0) * 0.18  # a typical limb radius
    # Head: from the neck (a little above the shoulders' midpoint) through the ears' midpoint.
    ears = points[list(EARS)].mean(axis=0)
    neck = shoulders + (ears - shoulders) * 0.35
    crown = ears + (ears - neck) * 0.6
    starts = np.vstack([_BONE_STARTS @ points, neck])
    ends = np.vstack([_BONE_ENDS @ points, crown])
    distances = np.empty((len(starts) + 1, len(px)), np.float32)  # the segments', then the torso's
    limbs = _segment_distances_sq(px, py, starts, ends, out=distances[:-1])
    limbs /= np.square(unit * _THICKNESS)[:, None]

    # Torso: distance to the shoulder-hip quadrilateral (0 inside), plus a bias so a
    # limb lying across the chest keeps its own label.
    quad = np.full((size, size), 255, np.uint8)
    cv2.fillPoly(quad, [np.round(points[list(TORSO_OUTLINE)] * 16).astype(np.int32)], 0, lineType=cv2.LINE_8, shift=4)
    torso = distances[-1]
    np.divide(cv2.distanceTransform(quad, cv2.DIST_L2, 3)[rows, cols], unit, out=torso)
    torso += _TORSO_BIAS
    np.square(torso, out=torso)
    labels[rows, cols] = _LABELS[np.argmin(distances, axis=0)]
    return labels
