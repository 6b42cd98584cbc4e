"""Drawing the synthetic dancer: a shaded, clothed, front-facing person in OpenCV.

The figure is a test fixture for BlazePose, so the look serves the pose model: human
proportions, skin where skin shows, a face (``head.py``), hair, clothes that differ from
the room, hands and shoes. Limbs are shaded tapered capsules (``paint.py``); a frame
costs only ~60 anti-aliased polygon fills, so hundreds of frames/s.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from dancelike.synth.head import draw_back_hair, draw_head
from dancelike.synth.paint import AA, LAYERS, LIGHT, Color, blob, limb, polygon, rgb, shade
from dancelike.synth.skeleton import HIP_DROP, SHOULDER_OUTLINE, SPINE, Build, Skeleton

SKIN_TONES: tuple[Color, ...] = ((241, 194, 167), (224, 172, 125), (198, 134, 90), (160, 102, 66), (110, 70, 45), (80, 52, 36))
HAIR_COLORS: tuple[Color, ...] = ((30, 22, 18), (70, 45, 28), (140, 95, 50), (210, 170, 100), (120, 40, 25), (60, 60, 64))
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
    Appearance(
        skin=SKIN_TONES[4],
        hair=HAIR_COLORS[0],
        hair_style="afro",
        top=(250, 200, 40),
        bottom=(30, 30, 34),
        shoes=(200, 40, 40),
        sleeves="none",
        build=Build(shoulders=0.95, hips=1.08, limbs=0.92),
    ),
    Appearance(
        skin=SKIN_TONES[0],
        hair=HAIR_COLORS[3],
        hair_style="long",
        top=(40, 140, 90),
        bottom=(90, 110, 160),
        shoes=(30, 30, 30),
        sleeves="long",
        build=Build(shoulders=0.9, hips=1.05, limbs=0.9, head=0.97),
    ),
    Appearance(
        skin=SKIN_TONES[2],
        hair=HAIR_COLORS[1],
        hair_style="bun",
        top=(60, 80, 200),
        bottom=(120, 100, 80),
        shoes=(240, 240, 240),
        legs="shorts",
        build=Build(shoulders=1.08, limbs=1.1),
    ),
    Appearance(
        skin=SKIN_TONES[3],
        hair=HAIR_COLORS[5],
        hair_style="buzz",
        top=(235, 235, 230),
        bottom=(60, 60, 60),
        shoes=(20, 20, 20),
        sleeves="long",
        build=Build(shoulders=1.12, hips=0.95, limbs=1.05),
    ),
)


def appearance(index: int) -> Appearance:
    """Person ``index``: the presets first, then deterministic mixes of skin, hair and clothes."""
    if index < len(PEOPLE):
        return PEOPLE[index]
    rng = np.random.default_rng(index)
    pick = lambda seq: seq[int(rng.integers(len(seq)))]
    hue = lambda: rgb(rng.integers(30, 240, 3))
    return Appearance(
        skin=pick(SKIN_TONES),
        hair=pick(HAIR_COLORS),
        hair_style=pick(HAIR_STYLES),
        top=hue(),
        bottom=hue(),
        shoes=hue(),
        sleeves=pick(("short", "long", "none")),
        legs=pick(("long", "shorts")),
        build=Build(*(float(v) for v in rng.uniform(0.9, 1.1, 4))),
    )


def _torso_outline(sk: Skeleton, build: Build, pelvis: np.ndarray, scale_x: float) -> np.ndarray:
    """The shirt's outline in image pixels; ``scale_x`` narrows it for inner shading layers."""
    sh = SHOULDER_OUTLINE * build.shoulders
    t = build.limbs
    half = [
        (0.03, SPINE + 0.036),
        (0.05, SPINE + 0.03),
        (sh - 0.004, SPINE + 0.02),
        (sh + 0.024 * t, SPINE - 0.004),
        (sh + 0.022 * t, SPINE - 0.05),
        (sh - 0.01 + 0.02 * t, SPINE - 0.095),
        (0.07 * build.hips, 0.10 + HIP_DROP),
        (0.088 * build.hips, 0.012 + HIP_DROP),
    ]
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
    cv2.ellipse(mask, (int(cx - x0), int(floor - y0)), (int(half_w), int(half_h)), 0, 0, 360, 90, -1, AA)
    soft = cv2.blur(mask, (5, 5))
    region = img[y0:y1, x0:x1]
    region[:] = (region.astype(np.uint16) * (256 - soft[..., None].astype(np.uint16)) >> 8).astype(np.uint8)


def _leg(img: np.ndarray, sk: Skeleton, side: str, look: Appearance) -> None:
    j, u, t = sk.joints, sk.unit, look.build.limbs
    hip, knee, ankle = j[f"{side}_hip"], j[f"{side}_knee"], j[f"{side}_ankle"]
    skin = look.skin
    thigh_color = look.bottom
    shin_color = look.bottom if look.legs == "long" else skin
    limb(img, knee, ankle + np.array([0.0, 0.012 * u]), 0.033 * t * u, 0.021 * t * u, shin_color)
    if look.legs != "long":
        limb(img, hip, knee, 0.05 * t * u, 0.033 * t * u, skin)
        limb(img, hip, hip + (knee - hip) * 0.55, 0.053 * t * u, 0.043 * t * u, thigh_color)
    else:
        limb(img, hip, knee, 0.05 * t * u, 0.034 * t * u, thigh_color)
    sign = 1.0 if side == "l" else -1.0
    center = ankle + np.array([sign * 0.007, 0.035]) * u
    blob(img, center, (0.031 * u, 0.021 * u), sign * 12.0, look.shoes)


def _arm(img: np.ndarray, sk: Skeleton, side: str, look: Appearance) -> None:
    j, u, t = sk.joints, sk.unit, look.build.limbs
    shoulder, elbow, wrist = j[f"{side}_shoulder"], j[f"{side}_elbow"], j[f"{side}_wrist"]
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
    root = shoulder - upper / (np.hypot(*upper) or 1.0) * 0.012 * u  # starts inside the shoulder
    if look.sleeves == "long":
        limb(img, root, elbow, 0.036 * t * u, 0.027 * t * u, look.top)
        return
    limb(img, shoulder, elbow, 0.032 * t * u, 0.025 * t * u, skin)
    if look.sleeves == "short":
        limb(img, root, shoulder + upper * 0.5, 0.038 * t * u, 0.033 * t * u, look.top)


def draw_figure(img: np.ndarray, sk: Skeleton, look: Appearance) -> None:
    """Draw the dancer onto ``img`` (RGB, in place): shadow, far leg, near leg, body, head, arms."""
    j, u, build = sk.joints, sk.unit, look.build
    _shadow(img, sk)
    draw_back_hair(img, sk, look)
    far = "r" if sk.near_leg == "l" else "l"
    _leg(img, sk, far, look)
    _leg(img, sk, sk.near_leg, look)
    pelvis = (j["l_hip"] + j["r_hip"]) / 2 + np.array([0.0, -HIP_DROP * u])
    hips = build.hips
    shorts = np.array([(0.075, 0.075), (0.1, 0.0), (0.098, -0.05), (0.0, -0.06)]) * np.array([hips, 1.0])
    shorts = np.concatenate([shorts, shorts[-2::-1] * np.array([-1.0, 1.0])])
    polygon(img, pelvis + shorts * np.array([1.0, -1.0]) * u, shade(look.bottom, 0.8))
    polygon(img, pelvis + shorts * np.array([0.7, -1.0]) * u + np.array([-0.01 * u, 0]), look.bottom)
    for bright, scale, offset in LAYERS:
        pts = _torso_outline(sk, build, pelvis, scale) + LIGHT * offset * 0.03 * u
        polygon(img, pts, shade(look.top, bright))
    draw_head(img, sk, look)
    for side in ("r", "l"):
        _arm(img, sk, side, look)
