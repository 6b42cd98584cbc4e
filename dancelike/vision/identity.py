"""Telling people apart: what a person looks like, and who is who from one frame to the next.

A person's *look* is a colour histogram (hue and saturation, so lighting changes it little)
of the upright torso square between the hips and the shoulders: the clothes, which is what
tells dancers apart when they cross. Who is who is a minimum-cost assignment (the Hungarian
problem, solved exactly for the handful of people a dance video holds) with a gate: a pair
costing more than the gate is never matched.
"""

from __future__ import annotations

import itertools
import math

import cv2
import numpy as np

from dancelike.vision.body import Roi
from dancelike.vision.frames import Image
from dancelike.vision.roi import crop_roi

#: Side of the torso patch the look is measured on (pixels).
PATCH_SIDE = 32
_HUE_BINS, _SAT_BINS = 12, 6
#: Above this many people, assignment falls back from exhaustive search to greedy.
_EXACT_LIMIT = 7


def torso_roi(hips: np.ndarray, shoulders: np.ndarray) -> Roi | None:
    """The upright square centred between hips and shoulders, as tall as the torso."""
    dx, dy = float(shoulders[0] - hips[0]), float(shoulders[1] - hips[1])
    length = math.hypot(dx, dy)
    if not np.isfinite(length) or length < 4.0:
        return None
    rotation = math.atan2(dx, -dy)  # hips-to-shoulders points up in the patch
    return Roi(float(hips[0] + dx / 2), float(hips[1] + dy / 2), length, rotation)


def look(image: Image, hips: np.ndarray, shoulders: np.ndarray) -> np.ndarray | None:
    """Normalised hue-saturation histogram of the torso (sums to 1), or None if too small."""
    roi = torso_roi(hips, shoulders)
    if roi is None:
        return None
    patch = crop_roi(image, roi, PATCH_SIDE, cv2.BORDER_CONSTANT)
    inner = patch[:, PATCH_SIDE // 4 : PATCH_SIDE - PATCH_SIDE // 4]  # the torso, not the arms beside it
    hsv = cv2.cvtColor(np.ascontiguousarray(inner), cv2.COLOR_RGB2HSV)
    # grey, black and white pixels have no reliable hue: they are counted by brightness instead
    coloured = hsv[..., 1] >= 40
    hist = cv2.calcHist([hsv], [0, 1], coloured.astype(np.uint8), [_HUE_BINS, _SAT_BINS], [0, 180, 0, 256]).ravel()
    shades = np.bincount(hsv[..., 2][~coloured] // 64, minlength=4).astype(np.float32)
    combined = np.concatenate([hist, shades])
    total = float(combined.sum())
    return None if total <= 0 else (combined / total).astype(np.float32)


def look_distance(a: np.ndarray | None, b: np.ndarray | None) -> float:
    """Hellinger distance between two looks: 0 the same, 1 nothing in common (0.5 if unknown)."""
    if a is None or b is None:
        return 0.5
    overlap = float(np.sum(np.sqrt(a * b)))
    return math.sqrt(max(0.0, 1.0 - min(1.0, overlap)))


def assign(cost: np.ndarray, gate: float) -> list[tuple[int, int]]:
    """Row-column pairs of least total cost, leaving out pairs that cost more than ``gate``.

    Exhaustive over the smaller side's matchings for up to a handful of people (exactly
    what the Hungarian method finds), greedy beyond that.
    """
    rows, cols = cost.shape
    if rows == 0 or cols == 0:
        return []
    gated = np.where(cost <= gate, cost, np.inf)
    if min(rows, cols) > _EXACT_LIMIT or max(rows, cols) > 9:
        return _greedy(gated)
    transpose = rows > cols
    table = gated.T if transpose else gated
    n, m = table.shape
    best_key, best = (1, math.inf), tuple(range(n))
    for chosen in itertools.permutations(range(m), n):
        values = table[np.arange(n), list(chosen)]
        matched = np.isfinite(values)
        key = (-int(matched.sum()), float(values[matched].sum()))  # most pairs, then least cost
        if key < best_key:
            best_key, best = key, chosen
    pairs = [(r, c) for r, c in enumerate(best) if np.isfinite(table[r, c])]
    return [(c, r) for r, c in pairs] if transpose else pairs


def _greedy(gated: np.ndarray) -> list[tuple[int, int]]:
    pairs = []
    table = gated.copy()
    while np.isfinite(table).any():
        r, c = np.unravel_index(int(np.argmin(table)), table.shape)
        pairs.append((int(r), int(c)))
        table[r, :] = np.inf
        table[:, c] = np.inf
    return pairs
