"""Drawing primitives for the synthetic dancer: shaded limbs, blobs and polygons.

Round body parts are drawn as three nested layers (dark rim, mid tone, highlight shifted
towards a light at the upper left). To a pose model trained on photographs that reads as
round 3D limbs, and it costs three anti-aliased polygon fills instead of per-pixel
shading, which keeps a whole figure at about a millisecond.
"""

from __future__ import annotations

from collections.abc import Iterable

import cv2
import numpy as np

Color = tuple[int, int, int]  # RGB

SHIFT = 4  # sub-pixel bits for OpenCV drawing
_ONE = 1 << SHIFT
AA = cv2.LINE_AA
LIGHT = np.array([-0.5, -0.866])  # light from the upper left
#: (brightness, width, shift towards the light) of the shading layers, outermost first.
LAYERS = ((0.70, 1.0, 0.0), (0.92, 0.74, 0.24), (1.10, 0.36, 0.5))
_ARC = np.linspace(0.0, np.pi, 9)
_COS, _SIN = np.cos(_ARC)[:, None], np.sin(_ARC)[:, None]


def rgb(values: Iterable[float]) -> Color:
    """Three channel values as a ``Color`` (each truncated to an int)."""
    r, g, b = (int(v) for v in values)
    return r, g, b


def shade(color: Color, factor: float) -> Color:
    """``color`` darkened (factor < 1) or lightened (> 1, with a little lift for dark colours)."""
    lift = 12 if factor > 1 else 0
    return rgb(min(255, max(0, c * factor + lift)) for c in color)


def fix(points: np.ndarray) -> np.ndarray:
    """Float pixel coordinates as OpenCV's fixed-point integers (``SHIFT`` fractional bits)."""
    return np.round(np.asarray(points) * _ONE).astype(np.int32)


def point(p: np.ndarray) -> tuple[int, int]:
    x, y = fix(p)
    return int(x), int(y)


def capsule_points(a: np.ndarray, b: np.ndarray, ra: float, rb: float) -> np.ndarray:
    """Outline of a tapered capsule from ``a`` (radius ``ra``) to ``b`` (radius ``rb``)."""
    d = b - a
    length = float(np.hypot(d[0], d[1]))
    d = d / length if length > 1e-6 else np.array([0.0, 1.0])
    n = np.array([-d[1], d[0]])
    ring = n * _COS + d * _SIN
    return np.concatenate([b + rb * ring, a - ra * ring])


def limb(img: np.ndarray, a: np.ndarray, b: np.ndarray, ra: float, rb: float, color: Color) -> None:
    """A shaded tapered limb from ``a`` to ``b``."""
    d = b - a
    d = d / (float(np.hypot(d[0], d[1])) or 1.0)
    towards = LIGHT - d * float(LIGHT @ d)
    for bright, width, offset in LAYERS:
        pts = capsule_points(a + towards * ra * offset, b + towards * rb * offset, ra * width, rb * width)
        cv2.fillPoly(img, [fix(pts)], shade(color, bright), AA, SHIFT)


def blob(img: np.ndarray, center: np.ndarray, axes: tuple[float, float], angle: float, color: Color, layers: bool = True) -> None:
    """A filled ellipse (shaded when ``layers``); ``angle`` in degrees."""
    for bright, width, offset in LAYERS if layers else ((1.0, 1.0, 0.0),):
        size = (max(1, int(axes[0] * width * _ONE)), max(1, int(axes[1] * width * _ONE)))
        c = point(center + LIGHT * offset * min(axes))
        cv2.ellipse(img, c, size, angle, 0, 360, shade(color, bright), -1, AA, SHIFT)


def arc(img: np.ndarray, center: np.ndarray, axes: tuple[float, float], angle: float, start: float, end: float, color: Color) -> None:
    """A filled elliptic sector from ``start`` to ``end`` degrees (e.g. 180-360: the upper half)."""
    size = (max(1, int(axes[0] * _ONE)), max(1, int(axes[1] * _ONE)))
    cv2.ellipse(img, point(center), size, angle, start, end, color, -1, AA, SHIFT)


def polygon(img: np.ndarray, pts: np.ndarray, color: Color) -> None:
    cv2.fillPoly(img, [fix(pts)], color, AA, SHIFT)


def line(img: np.ndarray, a: np.ndarray, b: np.ndarray, color: Color, width: float) -> None:
    cv2.line(img, point(a), point(b), color, max(1, round(width)), AA, SHIFT)
