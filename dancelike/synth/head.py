"""The dancer's head: neck, ears, face, features and hair styles.

BlazePose decides from the head and neck whether a body faces the camera. Without a
clear face and bare skin below the chin a quarter of random poses came out mirrored (as
if seen from behind), so the face is drawn a little larger than life with strong
features: eye whites, irises, lids and brows, a shaded nose, lips, and a V-neckline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from dancelike.synth.paint import arc, blob, limb, line, polygon, rgb, shade
from dancelike.synth.skeleton import (
    FACE_SCALE,
    HEAD_HALF_HEIGHT,
    HEAD_HALF_WIDTH,
    Skeleton,
)

if TYPE_CHECKING:
    from dancelike.synth.figure import Appearance

_EYE_WHITE = (245, 245, 240)
_IRIS = (70, 45, 30)
_PUPIL = (12, 10, 10)


def draw_back_hair(img: np.ndarray, sk: Skeleton, look: Appearance) -> None:
    """Hair behind the head and shoulders (drawn before the body)."""
    u, head, up = sk.unit, sk.joints["head"], sk.head_up
    angle = float(np.degrees(np.arctan2(sk.head_right[1], sk.head_right[0])))
    hw, hh = HEAD_HALF_WIDTH * look.build.head * u, HEAD_HALF_HEIGHT * look.build.head * u
    if look.hair_style == "long":
        blob(img, head - up * 0.05 * u, (hw * 1.3, hh * 1.5), angle, look.hair)
    elif look.hair_style == "afro":
        blob(img, head + up * 0.018 * u, (hw * 1.6, hh * 1.18), angle, look.hair)
    elif look.hair_style == "bun":
        blob(img, head + up * hh * 1.1, (0.025 * u, 0.021 * u), angle, look.hair)


def draw_head(img: np.ndarray, sk: Skeleton, look: Appearance) -> None:
    """Neckline, neck, ears, face, hair cap and facial features (drawn over the shirt)."""
    j, u = sk.joints, sk.unit
    k = look.build.head * FACE_SCALE
    head, up, right = j["head"], sk.head_up, sk.head_right
    angle = float(np.degrees(np.arctan2(right[1], right[0])))
    hw, hh = HEAD_HALF_WIDTH * look.build.head * u, HEAD_HALF_HEIGHT * look.build.head * u
    skin, hair, style = look.skin, look.hair, look.hair_style
    collar = j["neck"] + sk.up * 0.03 * u
    polygon(img, np.array([collar + sk.right * 0.032 * u, collar - sk.right * 0.032 * u, j["neck"] - sk.up * 0.04 * u]), shade(skin, 0.85))
    limb(img, j["neck"] - sk.up * 0.01 * u, head - up * 0.02 * u, 0.027 * u, 0.025 * u, shade(skin, 0.88))
    for side in ("l", "r"):
        blob(img, j[f"{side}_ear"], (0.009 * k * u, 0.015 * k * u), angle, shade(skin, 0.88), layers=False)
    blob(img, head, (hw, hh), angle, skin)
    # Hair cap: the upper half of an ellipse whose flat side is the hairline.
    buzz = style == "buzz"
    cap_center = head + up * (0.026 if buzz else 0.024) * k * u
    cap = (hw * (1.03 if buzz else 1.1), hh * 0.66 + (0.0 if buzz else 0.008 * u))
    arc(img, cap_center, cap, angle, 180, 360, shade(hair, 1.1) if buzz else hair)
    # Features.
    for side, sign in (("l", 1.0), ("r", -1.0)):
        eye = j[f"{side}_eye"]
        out = right * sign
        line(img, eye + up * 0.012 * k * u - out * 0.009 * k * u, eye + up * 0.014 * k * u + out * 0.01 * k * u, shade(hair, 0.7), 0.0045 * u)
        blob(img, eye, (0.0105 * k * u, 0.0058 * k * u), angle, _EYE_WHITE, layers=False)
        blob(img, eye, (0.005 * k * u, 0.005 * k * u), angle, _IRIS, layers=False)
        blob(img, eye, (0.0022 * k * u, 0.0022 * k * u), angle, _PUPIL, layers=False)
        line(img, eye + up * 0.005 * k * u - out * 0.01 * k * u, eye + up * 0.005 * k * u + out * 0.01 * k * u, shade(skin, 0.45), 0.0025 * u)
    nose = j["nose"]
    line(img, nose + up * 0.024 * k * u + right * 0.004 * k * u, nose + right * 0.006 * k * u, shade(skin, 0.75), 0.0035 * u)
    blob(img, nose - up * 0.002 * k * u, (0.009 * k * u, 0.0045 * k * u), angle, shade(skin, 0.6), layers=False)
    blob(img, nose + up * 0.001 * k * u, (0.006 * k * u, 0.003 * k * u), angle, shade(skin, 1.05), layers=False)
    mouth = (j["l_mouth"] + j["r_mouth"]) / 2
    lips = rgb(0.55 * a + 0.45 * b for a, b in zip(skin, (175, 45, 60)))
    blob(img, mouth, (0.0155 * k * u, 0.0058 * k * u), angle, lips, layers=False)
    line(img, j["l_mouth"], j["r_mouth"], shade(lips, 0.45), 0.0025 * u)
