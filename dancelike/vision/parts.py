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

PART_MAP_SIZE = 128
MASK_THRESHOLD = 0.5

# (part, start landmark(s), end landmark(s), relative thickness). A tuple of indices
# means the mean of those landmarks.
_BONES: tuple[tuple[Part, tuple[int, ...], tuple[int, ...], float], ...] = (
    (Part.LEFT_UPPER_ARM, (11,), (13,), 1.0),
    (Part.LEFT_FOREARM, (13,), (15,), 0.85),
    (Part.LEFT_HAND, (15,), (17, 19, 21), 0.8),
    (Part.RIGHT_UPPER_ARM, (12,), (14,), 1.0),
    (Part.RIGHT_FOREARM, (14,), (16,), 0.85),
    (Part.RIGHT_HAND, (16,), (18, 20, 22), 0.8),
    (Part.LEFT_THIGH, (23,), (25,), 1.5),
    (Part.LEFT_SHIN, (25,), (27,), 1.15),
    (Part.LEFT_FOOT, (27,), (31,), 0.9),
    (Part.RIGHT_THIGH, (24,), (26,), 1.5),
    (Part.RIGHT_SHIN, (26,), (28,), 1.15),
    (Part.RIGHT_FOOT, (28,), (32,), 0.9),
)
_HEAD_THICKNESS = 2.2
_TORSO = (11, 12, 24, 23)
_TORSO_BIAS = 0.6


def _point(points: np.ndarray, indices: tuple[int, ...]) -> np.ndarray:
    return points[list(indices)].mean(axis=0)


def _segment_distance(pixels: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Distance from each (N, 2) pixel to the segment start-end."""
    direction = end - start
    length_sq = float(direction @ direction)
    if length_sq < 1e-9:
        return np.linalg.norm(pixels - start, axis=1)
    along = np.clip(((pixels - start) @ direction) / length_sq, 0.0, 1.0)
    nearest = start + along[:, None] * direction
    return np.linalg.norm(pixels - nearest, axis=1)


def part_map(mask: np.ndarray, roi_points: np.ndarray, roi_side: int, size: int = PART_MAP_SIZE) -> np.ndarray:
    """Label map (size x size, uint8 ``Part`` values) in ROI space.

    ``mask`` is the person probability in ROI space (any square size); ``roi_points``
    are the 33+ landmarks in ``roi_side``-pixel ROI space.
    """
    small = cv2.resize(mask, (size, size), interpolation=cv2.INTER_LINEAR) if mask.shape[0] != size else mask
    person = small > MASK_THRESHOLD
    labels = np.zeros((size, size), np.uint8)
    if not person.any():
        return labels
    points = roi_points[:, :2] * (size / roi_side)
    rows, cols = np.nonzero(person)
    pixels = np.column_stack([cols, rows]).astype(np.float64) + 0.5

    shoulders = _point(points, (11, 12))
    hips = _point(points, (23, 24))
    torso_len = max(float(np.linalg.norm(shoulders - hips)), 1.0)
    unit = torso_len * 0.18  # a typical limb radius for this body's size

    distances = []
    parts = []
    for part, start, end, thickness in _BONES:
        distances.append(_segment_distance(pixels, _point(points, start), _point(points, end)) / (unit * thickness))
        parts.append(part)
    # Head: from the neck (a little above the shoulders' midpoint) through the ears' midpoint.
    ears = _point(points, (7, 8))
    neck = shoulders + (ears - shoulders) * 0.35
    crown = ears + (ears - neck) * 0.6
    distances.append(_segment_distance(pixels, neck, crown) / (unit * _HEAD_THICKNESS))
    parts.append(Part.HEAD)

    # Torso: distance to the shoulder-hip quadrilateral (0 inside), plus a bias so a
    # limb lying across the chest keeps its own label.
    quad = np.full((size, size), 255, np.uint8)
    cv2.fillPoly(quad, [np.round(points[list(_TORSO)] * 16).astype(np.int32)], 0, lineType=cv2.LINE_8, shift=4)
    outside = cv2.distanceTransform(quad, cv2.DIST_L2, 3)
    distances.append(outside[rows, cols] / unit + _TORSO_BIAS)
    parts.append(Part.TORSO)

    nearest = np.asarray(parts, np.uint8)[np.argmin(np.stack(distances), axis=0)]
    labels[rows, cols] = nearest
    return labels
