"""Drawing what the vision layer saw over a frame: coloured body parts and the skeleton.

This is the picture users judge the app by (``dancelike analyze --overlay``, replays), so
it favours legibility on any footage: translucent part colours keep the dancer visible,
a thin light outline separates the body from busy backgrounds, and bones are bright lines
with a dark edge so they read on both light and dark clothing. All drawing is numpy/OpenCV
on whole arrays (OpenCV releases the GIL, so this can run beside inference).
"""

from __future__ import annotations

import cv2
import numpy as np

from dancelike.i18n import QT_TRANSLATE_NOOP
from dancelike.media import text as picture_text
from dancelike.vision.body import PART_COLORS, SKELETON, BodyFrame, Roi
from dancelike.vision.landmark_names import PoseLandmark, is_face

#: Landmarks drawn only when at least this visible (MediaPipe's drawing default).
MIN_VISIBILITY = 0.5
#: The notes drawn where nobody was found (translated when the picture painter can draw any script).
NO_DANCER_WORDS = QT_TRANSLATE_NOOP("Overlay", "no dancer found")
NOBODY_WORDS = QT_TRANSLATE_NOOP("Overlay", "nobody found")

_BONE = (255, 255, 255)
_EDGE = (20, 20, 20)
_RIM = 0.6  # strength of the light outline around the body
#: Joint colours by side, person's left warm and right cool, matching the part colours.
_LEFT, _RIGHT, _CENTRE = (255, 120, 40), (40, 150, 255), (255, 214, 102)
_SHIFT = 4  # sub-pixel precision bits for OpenCV drawing (coordinates x16)


def _joint_color(index: int) -> tuple[int, int, int]:
    """Colour of landmark ``index``: the nose centre, the person's left warm, right cool."""
    words = PoseLandmark(index).name.split("_")
    if "LEFT" in words:
        return _LEFT
    return _RIGHT if "RIGHT" in words else _CENTRE


def line_thickness(height: int, width: int) -> int:
    """Skeleton line width in pixels: 2 up to ~900 px frames, growing with resolution."""
    return max(2, round(min(height, width) / 300))


def draw_body(rgb: np.ndarray, body: BodyFrame, alpha: float = 0.55, colors: np.ndarray | None = None) -> np.ndarray:
    """Return a copy of ``rgb`` (HxWx3 uint8) with ``body`` drawn on it.

    Parts are blended with ``alpha``; the skeleton joins landmarks whose visibility is at
    least ``MIN_VISIBILITY``. A body without a part map (tests, skeleton-only sources) gets
    just the skeleton; no body gets a small "no dancer found" label. A body analysed at
    another resolution than ``rgb`` is scaled to it. ``colors`` (one RGB row per part
    label) replaces the usual part colours, e.g. to colour each part by its score.
    """
    out = rgb.copy()
    height, width = out.shape[:2]
    thickness = line_thickness(height, width)
    if not body.found:
        _label(out, picture_text.words("Overlay", NO_DANCER_WORDS))
        return out
    assert body.landmarks is not None
    scale = np.array([width / body.width, height / body.height])
    if body.part_map is not None and body.roi is not None:
        _draw_parts(out, body.part_map, body.roi, scale, alpha, PART_COLORS if colors is None else colors)
    _draw_skeleton(out, body.landmarks[:, :2] * scale, body.landmarks[:, 3], thickness)
    return out


def _draw_parts(out: np.ndarray, part_map: np.ndarray, roi: Roi, scale: np.ndarray, alpha: float, colors: np.ndarray) -> None:
    """Blend part colours over ``out``, warping only the ROI's bounding box.

    Colours and coverage are smoothed and warped with bilinear interpolation, so the
    ROI-resolution map gets smooth, crisp edges at image resolution instead of the
    nearest-neighbour staircases of ``part_map_in_image`` (right for measuring, blocky
    to look at).
    """
    height, width = out.shape[:2]
    side = part_map.shape[0]
    matrix = roi.roi_to_image(side) * scale[:, None]
    corners = np.array([[0, 0, 1], [side, 0, 1], [0, side, 1], [side, side, 1]], float)
    xs, ys = (corners @ matrix.T).T
    x0, y0 = max(0, int(xs.min())), max(0, int(ys.min()))
    x1, y1 = min(width, int(np.ceil(xs.max())) + 1), min(height, int(np.ceil(ys.max())) + 1)
    if x1 <= x0 or y1 <= y0:
        return
    matrix[:, 2] -= (x0, y0)
    size = (x1 - x0, y1 - y0)
    # A light blur in ROI space rounds off the label map's one-pixel staircases (which
    # the upscale would magnify); colours are blurred premultiplied, so edges keep their hue.
    coverage = cv2.GaussianBlur((part_map > 0).astype(np.float32), (5, 5), 1.0)
    colour = cv2.GaussianBlur(colors[part_map].astype(np.float32), (5, 5), 1.0)
    coverage = cv2.warpAffine(coverage, matrix, size, flags=cv2.INTER_LINEAR)
    colour = cv2.warpAffine(colour, matrix, size, flags=cv2.INTER_LINEAR)
    colour /= np.maximum(coverage, 1e-3)[..., None]
    # Re-sharpen the edge to about 1.5 image pixels: smooth shape, crisp boundary.
    pixels_per_cell = float(np.hypot(*matrix[:, 0]))
    gain = max(1.0, 1.7 * pixels_per_cell)
    coverage = np.clip((coverage - 0.5) * gain + 0.5, 0.0, 1.0)
    weight = (alpha * coverage)[..., None]
    region = out[y0:y1, x0:x1]
    blended = region.astype(np.float32) * (1.0 - weight) + colour * weight
    # a thin light rim where coverage crosses 1/2 sets the body off busy backgrounds
    rim = (_RIM * (1.0 - np.abs(2.0 * coverage - 1.0)))[..., None]
    blended += (255.0 - blended) * rim
    region[:] = np.clip(blended + 0.5, 0, 255).astype(np.uint8)


def _draw_skeleton(out: np.ndarray, xy: np.ndarray, visibility: np.ndarray, thickness: int) -> None:
    visible = (visibility >= MIN_VISIBILITY) & np.isfinite(xy).all(axis=1)
    points = np.nan_to_num(np.round(xy * (1 << _SHIFT)))
    # Clamp far-off points so OpenCV's fixed-point maths cannot overflow.
    limit = (1 << _SHIFT) * 4 * max(out.shape[:2])
    pts = [(int(x), int(y)) for x, y in np.clip(points, -limit, limit)]
    bones = [(a, b) for a, b in SKELETON if visible[a] and visible[b]]
    for a, b in bones:  # dark edge first, so every bone reads on light and dark clothes
        cv2.line(out, pts[a], pts[b], _EDGE, thickness + 2, cv2.LINE_AA, _SHIFT)
    for a, b in bones:
        cv2.line(out, pts[a], pts[b], _BONE, thickness, cv2.LINE_AA, _SHIFT)
    for i in np.flatnonzero(visible):
        # face points sit close together: smaller dots keep the face readable
        radius = (thickness if is_face(int(i)) else thickness + 2) << _SHIFT
        cv2.circle(out, pts[i], radius, _EDGE, max(1, thickness - 1), cv2.LINE_AA, _SHIFT)
        cv2.circle(out, pts[i], radius, _joint_color(int(i)), -1, cv2.LINE_AA, _SHIFT)


def draw_people(rgb: np.ndarray, people: list[tuple[int, BodyFrame]], alpha: float = 0.55) -> np.ndarray:
    """Return a copy of ``rgb`` with each (number, body) drawn and its number tagged above
    the head, so a viewer can tell which dancer is which (``analyze --all-dancers``)."""
    out = rgb.copy()
    height, width = out.shape[:2]
    thickness = line_thickness(height, width)
    found = [(number, body) for number, body in people if body.landmarks is not None]
    if not found:
        _label(out, picture_text.words("Overlay", NOBODY_WORDS))
        return out
    for number, body in found:
        assert body.landmarks is not None
        scale = np.array([width / body.width, height / body.height])
        if body.part_map is not None and body.roi is not None:
            _draw_parts(out, body.part_map, body.roi, scale, alpha, PART_COLORS)
        _draw_skeleton(out, body.landmarks[:, :2] * scale, body.landmarks[:, 3], thickness)
        top = body.landmarks[:, :2].min(axis=0) * scale
        head = (body.landmarks[PoseLandmark.NOSE, 0] * scale[0], top[1])
        _label(out, str(number), anchor=(int(head[0]), int(head[1])))
    return out


def _label(out: np.ndarray, text: str, anchor: tuple[int, int] | None = None) -> None:
    """A small white label on a dark translucent box: in the top-left corner, or centred
    just above ``anchor``."""
    height, width = out.shape[:2]
    scale = max(0.4, min(height, width) / 900)
    weight = max(1, round(scale * 1.5))
    tw, th, base = picture_text.size(text, scale, weight)
    pad = max(4, th // 2)
    x0, y0 = pad // 2, pad // 2
    if anchor is not None:
        x0 = int(np.clip(anchor[0] - tw // 2 - pad, 0, max(0, width - tw - 3 * pad)))
        y0 = int(np.clip(anchor[1] - th - base - 4 * pad, 0, max(0, height - th - base - 3 * pad)))
    x1, y1 = min(width, x0 + tw + 2 * pad + pad // 2), min(height, y0 + th + base + 2 * pad + pad // 2)
    box = out[y0:y1, x0:x1]
    box[:] = (box.astype(np.uint16) * 2 // 5).astype(np.uint8)
    org = (x0 + pad, y0 + pad + th)
    white = (255, 255, 255)
    picture_text.put(out, text, org, scale, white, weight)
