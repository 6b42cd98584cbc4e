"""Drawing the synthetic dancer: a shaded, clothed, front-facing person in OpenCV.

The figure is a test fixture for BlazePose, so the look serves the pose model: human
proportions, skin where skin shows, a face with eyes, nose, mouth and ears, hair, clothes
that differ from the room, hands and shoes. Limbs are tapered capsules drawn as three
nested layers (dark rim, mid tone, highlight shifted towards a light at the upper left),
which reads as round 3D limbs to a model trained on photographs, while a frame costs
only ~60 anti-aliased polygon fills (no per-pixel shading, so hundreds of frames/s).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from dancelike.synth.skeleton import (
    HEAD_HALF_HEIGHT,
    HEAD_HALF_WIDTH,
    HIP_DROP,
    SHOULDER_OUTLINE,
    SPINE,
    Build,
    Skeleton,
)

Color = tuple[int, int, int]  # RGB

_SHIFT = 4  # sub-pixel bits for OpenCV drawing
_ONE = 1 << _SHIFT
_AA = cv2.LINE_AA
_LIGHT = np.array([-0.5, -0.866])  # light from the upper left
_ARC = np.linspace(0.0, np.pi, 9)
_LAYERS = (
    (0.70, 1.0, 0.0),
    (0.92, 0.74, 0.24),
    (1.10, 0.36, 0.5),
)  # (brightness, width, shift to light)

SKIN_TONES: tuple[Color, ...] = (
    (241, 194, 167),
    (224, 172, 125),
    (198, 134, 90),
    (160, 102, 66),
    (110, 70, 45),
    (80, 52, 36),
)
HAIR_COLORS: tuple[Color, ...] = (
    (30, 22, 18),
    (70, 45, 28),
    (140, 95, 50),
    (210, 170, 100),
    (120, 40, 25),
    (60, 60, 64),
)
HAIR_STYLES = ("short", "long", "bun", "afro", "buzz")


@dataclass(frozen=True)
class Appearance:
    """How the dancer looks: colours (RGB), hair style, clothing cut, body build.

    ``sleeves``: "short", "long" or "none"; ``legs``: "long" (trousers) or "shorts".
    ``height`` is the standing height as a fraction of the frame height.
    """

    skin: Color = SKIN_TONES[1]
    hair: Color = HAIR_COLORS[0]
    hair_style: str = "short"
    top: Color = (200, 40, 60)
    bottom: Color = (40, 50, 90)
    shoes: Color = (235, 235, 235)
    sleeves: str = "short"
    legs: str = "long"
    build: Build = field(default_factory=Build)
    height: float = 0.78


#: A few distinct people; ``appearance(k)`` picks one (and derives more for k >= len).
PEOPLE: tuple[Appearance, ...] = (
    Appearance(),
    Appearance(skin=SKIN_TONES[4], hair=HAIR_COLORS[0], hair_style="afro", top=(250, 200, 40), bottom=(30, 30, 34),
               shoes=(200, 40, 40), sleeves="none", build=Build(shoulders=0.95, hips=1.08, limbs=0.92)),
    Appearance(skin=SKIN_TONES[0], hair=HAIR_COLORS[3], hair_style="long", top=(40, 140, 90), bottom=(90, 110, 160),
               shoes=(30, 30, 30), sleeves="long", build=Build(shoulders=0.9, hips=1.05, limbs=0.9, head=0.97)),
    Appearance(skin=SKIN_TONES[2], hair=HAIR_COLORS[1], hair_style="bun", top=(60, 80, 200), bottom=(120, 100, 80),
               shoes=(240, 240, 240), legs="shorts", build=Build(shoulders=1.08, limbs=1.1)),
    Appearance(skin=SKIN_TONES[3], hair=HAIR_COLORS[5], hair_style="buzz", top=(235, 235, 230), bottom=(60, 60, 60),
               shoes=(20, 20, 20), sleeves="long", build=Build(shoulders=1.12, hips=0.95, limbs=1.05)),
)  # fmt: skip


def appearance(index: int) -> Appearance:
    """Person ``index``: the presets first, then deterministic mixes of skin, hair and clothes."""
    if index < len(PEOPLE):
        return PEOPLE[index]
    rng = np.random.default_rng(index)
    pick = lambda seq: seq[int(rng.integers(len(seq)))]
    hue = lambda: tuple(int(v) for v in rng.integers(30, 240, 3))
    return Appearance(
        skin=pick(SKIN_TONES), hair=pick(HAIR_COLORS), hair_style=pick(HAIR_STYLES), top=hue(), bottom=hue(),
        shoes=hue(), sleeves=pick(("short", "long", "none")), legs=pick(("long", "shorts")),
        build=Build(*(float(v) for v in rng.uniform(0.9, 1.1, 4))),
    )  # fmt: skip


def _shade(color: Color, factor: float) -> tuple[int, int, int]:
    return tuple(
        int(min(255, max(0, c * factor + (12 if factor > 1 else 0)))) for c in color
    )  # type: ignore[return-value]


def _fix(points: np.ndarray) -> np.ndarray:
    return np.round(points * _ONE).astype(np.int32)


def _capsule_points(a: np.ndarray, b: np.ndarray, ra: float, rb: float) -> np.ndarray:
    """Outline of a tapered capsule from ``a`` (radius ``ra``) to ``b`` (radius ``rb``)."""
    d = b - a
    length = float(np.hypot(d[0], d[1]))
    d = d / length if length > 1e-6 else np.array([0.0, 1.0])
    n = np.array([-d[1], d[0]])
    cos, sin = np.cos(_ARC)[:, None], np.sin(_ARC)[:, None]
    end = b + rb * (n * cos + d * sin)
    start = a - ra * (n * cos + d * sin)
    return np.concatenate([end, start])


def limb(
    img: np.ndarray, a: np.ndarray, b: np.ndarray, ra: float, rb: float, color: Color
) -> None:
    """A shaded tapered limb: dark rim, mid tone and highlight nested towards the light."""
    d = b - a
    length = float(np.hypot(d[0], d[1])) or 1.0
    d = d / length
    towards = _LIGHT - d * float(_LIGHT @ d)
    for bright, width, shift in _LAYERS:
        pa, pb = a + towards * ra * shift, b + towards * rb * shift
        pts = _capsule_points(pa, pb, ra * width, rb * width)
        cv2.fillPoly(img, [_fix(pts)], _shade(color, bright), _AA, _SHIFT)


def blob(
    img: np.ndarray,
    center: np.ndarray,
    axes: tuple[float, float],
    angle: float,
    color: Color,
    layers: bool = True,
) -> None:
    """A (shaded) filled ellipse; ``angle`` in degrees."""
    steps = _LAYERS if layers else ((1.0, 1.0, 0.0),)
    for bright, width, shift in steps:
        c = center + _LIGHT * shift * min(axes)
        ax = (max(1, int(axes[0] * width * _ONE)), max(1, int(axes[1] * width * _ONE)))
        cv2.ellipse(
            img,
            tuple(int(v) for v in _fix(c)),
            ax,
            angle,
            0,
            360,
            _shade(color, bright),
            -1,
            _AA,
            _SHIFT,
        )


def polygon(img: np.ndarray, pts: np.ndarray, color: Color) -> None:
    cv2.fillPoly(img, [_fix(pts)], color, _AA, _SHIFT)


def _torso_outline(
    sk: Skeleton, build: Build, pelvis: np.ndarray, scale_x: float
) -> np.ndarray:
    """The shirt's outline in image pixels; ``scale_x`` narrows it for inner shading layers."""
    sh = SHOULDER_OUTLINE * build.shoulders
    t = build.limbs
    half = [(0.03, SPINE + 0.036), (0.05, SPINE + 0.03), (sh - 0.004, SPINE + 0.02), (sh + 0.024 * t, SPINE - 0.004),
            (sh + 0.022 * t, SPINE - 0.05), (sh - 0.01 + 0.02 * t, SPINE - 0.095),
            (0.07 * build.hips, 0.10 + HIP_DROP), (0.088 * build.hips, 0.012 + HIP_DROP)]  # fmt: skip
    pts = [(u, v) for u, v in half] + [(-u, v) for u, v in reversed(half)]
    local = np.array(pts) * np.array([scale_x, 1.0])
    return pelvis + (local[:, :1] * sk.right + local[:, 1:] * sk.up) * sk.unit


def _shadow(img: np.ndarray, sk: Skeleton) -> None:
    """A soft darkening of the floor under the feet, grounding the figure."""
    j, u = sk.joints, sk.unit
    floor = max(j["l_toe"][1], j["r_toe"][1]) - 0.012 * u
    cx = (j["l_ankle"][0] + j["r_ankle"][0]) / 2
    half_w = abs(j["l_ankle"][0] - j["r_ankle"][0]) / 2 + 0.09 * u
    half_h = 0.022 * u
    h, w = img.shape[:2]
    x0, x1 = int(max(0, cx - half_w)), int(min(w, cx + half_w + 1))
    y0, y1 = int(max(0, floor - half_h)), int(min(h, floor + half_h + 1))
    if x1 <= x0 or y1 <= y0:
        return
    mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.ellipse(
        mask,
        (int(cx - x0), int(floor - y0)),
        (int(half_w), int(half_h)),
        0,
        0,
        360,
        90,
        -1,
        _AA,
    )
    mask = cv2.blur(mask, (5, 5))
    region = img[y0:y1, x0:x1]
    region[:] = (
        region.astype(np.uint16) * (256 - mask[..., None].astype(np.uint16)) >> 8
    ).astype(np.uint8)


def _leg(img: np.ndarray, sk: Skeleton, side: str, look: Appearance) -> None:
    j, u, t = sk.joints, sk.unit, look.build.limbs
    hip, knee, ankle = j[f"{side}_hip"], j[f"{side}_knee"], j[f"{side}_ankle"]
    skin = look.skin
    thigh_color = look.bottom
    shin_color = look.bottom if look.legs == "long" else skin
    limb(
        img,
        knee,
        ankle + np.array([0.0, 0.012 * u]),
        0.033 * t * u,
        0.021 * t * u,
        shin_color,
    )
    if look.legs != "long":
        limb(img, hip, knee, 0.05 * t * u, 0.033 * t * u, skin)
        limb(
            img,
            hip,
            hip + (knee - hip) * 0.55,
            0.053 * t * u,
            0.043 * t * u,
            thigh_color,
        )
    else:
        limb(img, hip, knee, 0.05 * t * u, 0.034 * t * u, thigh_color)
    sign = 1.0 if side == "l" else -1.0
    center = ankle + np.array([sign * 0.007, 0.035]) * u
    blob(img, center, (0.031 * u, 0.021 * u), sign * 12.0, look.shoes)


def _arm(img: np.ndarray, sk: Skeleton, side: str, look: Appearance) -> None:
    j, u, t = sk.joints, sk.unit, look.build.limbs
    shoulder, elbow, wrist = (
        j[f"{side}_shoulder"],
        j[f"{side}_elbow"],
        j[f"{side}_wrist"],
    )
    skin = look.skin
    fore = wrist - elbow
    fore = fore / (np.hypot(*fore) or 1.0)
    # Hand first so the wrist end of the forearm covers its base.
    palm = wrist + fore * 0.045 * u
    angle = float(np.degrees(np.arctan2(fore[1], fore[0])))
    blob(img, palm, (0.043 * u, 0.021 * t * u), angle, skin)
    limb(img, wrist + fore * 0.012 * u, j[f"{side}_thumb"], 0.009 * u, 0.007 * u, skin)
    sleeve = look.top if look.sleeves == "long" else skin
    limb(img, elbow, wrist, 0.026 * t * u, 0.018 * t * u, sleeve)
    upper = elbow - shoulder
    root = (
        shoulder - upper / (np.hypot(*upper) or 1.0) * 0.012 * u
    )  # start inside the shoulder
    if look.sleeves == "long":
        limb(img, root, elbow, 0.036 * t * u, 0.027 * t * u, look.top)
        return
    limb(img, shoulder, elbow, 0.032 * t * u, 0.025 * t * u, skin)
    if look.sleeves == "short":
        limb(img, root, shoulder + upper * 0.5, 0.038 * t * u, 0.033 * t * u, look.top)


def _head(img: np.ndarray, sk: Skeleton, look: Appearance, back: bool) -> None:
    """Hair behind the head when ``back``; otherwise neck, ears, face, features and hair."""
    j, u, k = sk.joints, sk.unit, look.build.head
    head, up, right = j["head"], sk.head_up, sk.head_right
    angle = float(np.degrees(np.arctan2(right[1], right[0])))
    hw, hh = HEAD_HALF_WIDTH * k * u, HEAD_HALF_HEIGHT * k * u
    style, hair = look.hair_style, look.hair
    if back:  # hair that falls behind the shoulders, and the neck (the collar covers its base)
        if style == "long":
            blob(img, head - up * 0.045 * u, (hw * 1.3, hh * 1.55), angle, hair)
        elif style == "afro":
            blob(img, head + up * 0.018 * u, (hw * 1.65, hh * 1.2), angle, hair)
        elif style == "bun":
            blob(img, head + up * 0.068 * k * u, (0.024 * u, 0.02 * u), angle, hair)
        return
    # Neck and a V-neckline of skin: bare skin below the chin is a strong "facing the camera"
    # cue for BlazePose (without it a quarter of random poses came out mirrored, as if seen
    # from behind).
    collar = j["neck"] + up * 0.03 * u
    vee = np.array(
        [
            collar + sk.right * 0.03 * u,
            collar - sk.right * 0.03 * u,
            j["neck"] - up * 0.035 * u,
        ]
    )
    polygon(img, vee, _shade(look.skin, 0.85))
    limb(
        img,
        j["neck"] - up * 0.01 * u,
        head - up * 0.02 * u,
        0.026 * u,
        0.024 * u,
        _shade(look.skin, 0.9),
    )
    for side in ("l", "r"):
        blob(
            img,
            j[f"{side}_ear"],
            (0.008 * k * u, 0.014 * k * u),
            angle,
            _shade(look.skin, 0.9),
            layers=False,
        )
    blob(img, head, (hw, hh), angle, look.skin)
    # Hair cap over the top of the head (upper half of an ellipse, its flat side the hairline).
    cap_center = head + up * (0.022 if style != "buzz" else 0.026) * k * u
    cap = (
        hw * (1.1 if style != "buzz" else 1.02),
        hh * 0.72 + (0.008 * u if style != "buzz" else 0.0),
    )
    cap_color = hair if style != "buzz" else _shade(hair, 1.1)
    c = tuple(int(v) for v in _fix(cap_center))
    cv2.ellipse(
        img,
        c,
        (int(cap[0] * _ONE), int(cap[1] * _ONE)),
        angle,
        180,
        360,
        cap_color,
        -1,
        _AA,
        _SHIFT,
    )
    if style in ("long", "afro"):
        for sign in (1.0, -1.0):
            limb(img, cap_center + right * sign * hw * 0.95, head + right * sign * hw * 1.02 - up * hh * 0.3,
                 0.012 * u, 0.008 * u, hair)  # fmt: skip
    # Face: brows, eyes, nose, mouth.
    dark = _shade(look.skin, 0.62)
    for side, sign in (("l", 1.0), ("r", -1.0)):
        eye = j[f"{side}_eye"]
        brow_a, brow_b = (
            eye + up * 0.011 * k * u - right * sign * 0.008 * k * u,
            eye + up * 0.012 * k * u + right * sign * 0.009 * k * u,
        )
        cv2.line(
            img,
            tuple(_fix(brow_a)),
            tuple(_fix(brow_b)),
            _shade(hair, 0.8),
            max(1, int(0.004 * u)),
            _AA,
            _SHIFT,
        )
        blob(
            img,
            eye,
            (0.0085 * k * u, 0.0048 * k * u),
            angle,
            (245, 245, 240),
            layers=False,
        )
        blob(
            img,
            eye,
            (0.0042 * k * u, 0.0042 * k * u),
            angle,
            (60, 40, 25),
            layers=False,
        )
        blob(
            img,
            eye,
            (0.0018 * k * u, 0.0018 * k * u),
            angle,
            (10, 10, 10),
            layers=False,
        )
    nose = j["nose"]
    cv2.line(img, tuple(_fix(nose + up * 0.02 * k * u + right * 0.004 * u)), tuple(_fix(nose + right * 0.005 * u)),
             _shade(look.skin, 0.8), max(1, int(0.003 * u)), _AA, _SHIFT)  # fmt: skip
    blob(
        img,
        nose - up * 0.003 * u,
        (0.008 * k * u, 0.004 * k * u),
        angle,
        dark,
        layers=False,
    )
    mouth = (j["l_mouth"] + j["r_mouth"]) / 2
    lips = tuple(int(0.6 * a + 0.4 * b) for a, b in zip(look.skin, (170, 50, 60)))
    blob(img, mouth, (0.013 * k * u, 0.0048 * k * u), angle, lips, layers=False)  # type: ignore[arg-type]
    cv2.line(
        img,
        tuple(_fix(j["l_mouth"])),
        tuple(_fix(j["r_mouth"])),
        _shade(lips, 0.5),
        max(1, int(0.002 * u)),
        _AA,
        _SHIFT,
    )  # type: ignore[arg-type]


def draw_figure(img: np.ndarray, sk: Skeleton, look: Appearance) -> None:
    """Draw the dancer onto ``img`` (RGB, in place): shadow, far leg, near leg, body, head, arms."""
    j, u, build = sk.joints, sk.unit, look.build
    _shadow(img, sk)
    _head(img, sk, look, back=True)
    far = "r" if sk.near_leg == "l" else "l"
    _leg(img, sk, far, look)
    _leg(img, sk, sk.near_leg, look)
    pelvis = (j["l_hip"] + j["r_hip"]) / 2 + np.array([0.0, -HIP_DROP * u])
    hips = build.hips
    shorts = np.array(
        [(0.075, 0.075), (0.1, 0.0), (0.098, -0.05), (0.0, -0.06)]
    ) * np.array([hips, 1.0])
    shorts = np.concatenate([shorts, shorts[-2::-1] * np.array([-1.0, 1.0])])
    polygon(img, pelvis + shorts * np.array([1.0, -1.0]) * u, _shade(look.bottom, 0.8))
    polygon(
        img,
        pelvis + shorts * np.array([0.7, -1.0]) * u + np.array([-0.01 * u, 0]),
        look.bottom,
    )
    for bright, scale, shift in _LAYERS:
        pts = _torso_outline(sk, build, pelvis, scale) + _LIGHT * shift * 0.03 * u
        polygon(img, pts, _shade(look.top, bright))
    _head(img, sk, look, back=False)
    for side in ("r", "l"):
        _arm(img, sk, side, look)
