"""Rendered rooms for the synthetic dancer to dance in.

A plain backdrop makes the pose model's job unrealistically easy, and a cluttered one
with person-like shapes makes it fail for reasons unrelated to the dancer; a room
(wall, floor in perspective, skirting board, window, picture, plant, a little sensor
noise) sits between the two, like a living-room webcam video. Rooms are drawn once per
(variant, size) and cached: a frame then starts as a copy of the room.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np

from dancelike.synth.paint import rgb

_AA = cv2.LINE_AA


@dataclass(frozen=True)
class RoomStyle:
    """Colours (RGB) and layout of one room variant."""

    wall: tuple[int, int, int]
    floor: tuple[int, int, int]
    trim: tuple[int, int, int]
    horizon: float  # wall/floor boundary as a fraction of the height
    window_x: float  # window centre as a fraction of the width (< 0: no window)
    picture_x: float
    plant_x: float
    boards: bool  # wooden boards (True) or carpet


STYLES: tuple[RoomStyle, ...] = (
    RoomStyle((226, 220, 205), (160, 118, 78), (245, 245, 240), 0.62, 0.16, 0.78, 0.92, True),
    RoomStyle((170, 196, 214), (120, 120, 125), (235, 235, 235), 0.58, 0.84, 0.2, 0.07, False),
    RoomStyle((205, 170, 150), (186, 150, 110), (90, 70, 60), 0.65, -1.0, 0.5, 0.1, True),
    RoomStyle((190, 205, 170), (95, 80, 70), (250, 250, 245), 0.6, 0.75, 0.22, 0.88, True),
)


def _shade(color: tuple[int, int, int], factor: float) -> tuple[int, int, int]:
    return rgb(min(255, max(0, c * factor)) for c in color)


@lru_cache(maxsize=8)
def room(variant: int, width: int, height: int) -> np.ndarray:
    """The room ``variant`` (any int; wraps around the styles) as an RGB image (read-only)."""
    style = STYLES[variant % len(STYLES)]
    rng = np.random.default_rng(1000 + variant)  # drawn from in this order: the picture, the plant, the grain
    horizon = int(style.horizon * height)
    img = _wall_and_floor(style, width, height, horizon)
    if style.boards:
        _boards(img, style, horizon)
    trim_h = max(3, int(0.022 * height))
    cv2.rectangle(img, (0, horizon - trim_h), (width, horizon), style.trim, -1)
    cv2.line(img, (0, horizon), (width, horizon), _shade(style.trim, 0.6), 1, _AA)
    if style.window_x >= 0:
        _window(img, style)
    _picture(img, style, rng)
    _plant(img, style, rng, horizon)
    noise = rng.normal(0.0, 2.5, img.shape)
    img = np.clip(img.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    img = cv2.GaussianBlur(img, (3, 3), 0)
    img.setflags(write=False)
    return img


def _wall_and_floor(style: RoomStyle, width: int, height: int, horizon: int) -> np.ndarray:
    """The wall above the horizon, the floor below, lit from above, darker at the corners."""
    ys = np.linspace(0.0, 1.0, height)[:, None, None]
    wall = np.array(style.wall, np.float32) * (0.86 + 0.14 * ys)
    floor = np.array(style.floor, np.float32) * (0.78 + 0.3 * ys)
    img = np.where(np.arange(height)[:, None, None] < horizon, wall, floor)
    img = np.broadcast_to(img, (height, width, 3)).copy()
    xs = np.linspace(-1.0, 1.0, width)[None, :, None]
    img *= 1.0 - 0.12 * xs**2  # vignette: corners of a room are darker
    return img.astype(np.uint8)


def _boards(img: np.ndarray, style: RoomStyle, horizon: int) -> None:
    """Floor boards converging to a vanishing point above the room's centre."""
    height, width = img.shape[:2]
    s = width / 640.0
    vanish = (width / 2, horizon - 0.9 * height)
    for k in range(-14, 15):
        x_bottom = width / 2 + k * 70 * s
        t = (horizon - vanish[1]) / (height - vanish[1])
        x_top = vanish[0] + (x_bottom - vanish[0]) * t
        cv2.line(img, (int(x_top), horizon), (int(x_bottom), height), _shade(style.floor, 0.7), 1, _AA)


def _window(img: np.ndarray, style: RoomStyle) -> None:
    """A window with a sky in it and a cross of glazing bars."""
    height, width = img.shape[:2]
    s = width / 640.0
    cx, top = int(style.window_x * width), int(0.1 * height)
    half_w, win_h = int(0.09 * width), int(0.3 * height)
    sky = np.linspace(0.0, 1.0, win_h)[:, None, None]
    pane = (np.array([150, 190, 235]) * (1 - sky) + np.array([215, 230, 245]) * sky).astype(np.uint8)
    img[top : top + win_h, cx - half_w : cx + half_w] = pane
    frame = _shade(style.trim, 0.95)
    cv2.rectangle(img, (cx - half_w, top), (cx + half_w, top + win_h), frame, max(3, int(6 * s)))
    cv2.line(img, (cx, top), (cx, top + win_h), frame, max(2, int(4 * s)))
    cv2.line(img, (cx - half_w, top + win_h // 2), (cx + half_w, top + win_h // 2), frame, max(2, int(4 * s)))


def _picture(img: np.ndarray, style: RoomStyle, rng: np.random.Generator) -> None:
    """A framed abstract picture: three coloured discs."""
    height, width = img.shape[:2]
    px, py = int(style.picture_x * width), int(0.18 * height)
    pw, ph = int(0.07 * width), int(0.07 * width)
    cv2.rectangle(img, (px - pw - 4, py - ph - 4), (px + pw + 4, py + ph + 4), (70, 55, 45), -1)
    cv2.rectangle(img, (px - pw, py - ph), (px + pw, py + ph), (236, 232, 220), -1)
    for _ in range(3):
        c = tuple(int(v) for v in rng.integers(40, 230, 3))
        cx, cy = int(px + rng.uniform(-0.5, 0.5) * pw), int(py + rng.uniform(-0.5, 0.5) * ph)
        cv2.circle(img, (cx, cy), int(rng.uniform(0.2, 0.45) * pw), c, -1, _AA)


def _plant(img: np.ndarray, style: RoomStyle, rng: np.random.Generator, horizon: int) -> None:
    """A potted plant on the floor by the wall: a pot and 18 leaves."""
    height, width = img.shape[:2]
    bx, by = int(style.plant_x * width), horizon + int(0.06 * height)
    pot_w, pot_h = int(0.035 * width), int(0.09 * height)
    pot = np.array([(bx - pot_w, by - pot_h), (bx + pot_w, by - pot_h), (bx + int(pot_w * 0.75), by), (bx - int(pot_w * 0.75), by)])
    cv2.fillPoly(img, [pot], (170, 90, 60), _AA)
    for _ in range(18):
        angle = rng.uniform(-2.4, -0.7)
        length = rng.uniform(0.06, 0.14) * height
        tip = (
            int(bx + np.cos(angle) * length),
            int(by - pot_h + np.sin(angle) * length),
        )
        green = (
            int(rng.integers(30, 70)),
            int(rng.integers(110, 170)),
            int(rng.integers(40, 80)),
        )
        mid = ((bx + tip[0]) // 2, (by - pot_h + tip[1]) // 2)
        axes = (max(2, int(length / 2)), max(2, int(0.012 * height)))
        cv2.ellipse(img, mid, axes, float(np.degrees(angle)), 0, 360, green, -1, _AA)
