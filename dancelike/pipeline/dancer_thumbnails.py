"""A picture of each dancer of a group video, for choosing whom to follow: the frame where the
dancer is most visible, cropped around them.

Pure functions on an analysis (``best_frame``, ``crop_box``) and one that reads the frames
(``dancer_thumbnails``), so the picker's window only shows pictures.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from dancelike.media.video import VideoReader
from dancelike.vision.landmark_names import FACE, SKELETON, TORSO_OUTLINE
from dancelike.vision.video_analysis import Dancer, VideoAnalysis

#: A thumbnail's size in pixels (width, height): tall and narrow, like a standing person (a wider
#: one shows the neighbours of a dancer in a line as large as the dancer).
THUMBNAIL_SIZE = (150, 250)
#: Brightness left outside the dancer's own outline, so a crop that shows a neighbour too says whom it means.
DIM = 0.25
#: Landmarks this visible count as seen.
_VISIBLE = 0.5
#: Room around the body, as a share of its height (the hair above the eyes, the feet below).
_MARGIN = 0.12


def _visibility(landmarks: np.ndarray, width: int, height: int) -> float:
    """How fully a body is seen: landmarks visible and inside the picture (0..1)."""
    inside = (landmarks[:, 0] >= 0) & (landmarks[:, 0] < width) & (landmarks[:, 1] >= 0) & (landmarks[:, 1] < height)
    return float(np.mean(inside & (landmarks[:, 3] >= _VISIBLE)))


def best_frame(dancer: Dancer, width: int, height: int) -> int | None:
    """The index of the frame where ``dancer`` is most visible (then largest); None if never found."""
    best, best_merit = None, (-1.0, -1.0)
    for index, body in enumerate(dancer.frames):
        if body.landmarks is None:
            continue
        merit = (round(_visibility(body.landmarks, width, height), 2), float(np.ptp(body.landmarks[:, 1])))
        if merit > best_merit:
            best, best_merit = index, merit
    return best


def body_box(landmarks: np.ndarray) -> tuple[float, float, float, float]:
    """``(x0, y0, x1, y1)`` around the body's visible landmarks with a margin (may leave the picture)."""
    points = landmarks[:, :2]
    seen = landmarks[:, 3] >= _VISIBLE
    if seen.sum() >= 2:
        points = points[seen]
    x_min, y_min = points.min(axis=0)
    x_max, y_max = points.max(axis=0)
    body = max(y_max - y_min, x_max - x_min, 1.0)
    return (float(x_min - _MARGIN * body), float(y_min - 1.5 * _MARGIN * body), float(x_max + _MARGIN * body), float(y_max + _MARGIN * body))


def crop_box(landmarks: np.ndarray, width: int, height: int, aspect: float = THUMBNAIL_SIZE[0] / THUMBNAIL_SIZE[1]) -> tuple[int, int, int, int]:
    """``(x0, y0, x1, y1)``: a box of ``aspect`` (width / height) around the body's landmarks with
    a margin, inside the ``width`` x ``height`` picture (as large as fits when the body does not)."""
    x_min, y_min, x_max, y_max = body_box(landmarks)
    box_h = max(y_max - y_min, (x_max - x_min) / aspect)
    box_h = min(box_h, height, width / aspect)
    box_w = box_h * aspect
    cx, cy = (x_min + x_max) / 2, (y_min + y_max) / 2
    x0 = float(np.clip(cx - box_w / 2, 0, width - box_w))
    y0 = float(np.clip(cy - box_h / 2, 0, height - box_h))
    return round(x0), round(y0), round(x0 + box_w), round(y0 + box_h)


def dancer_thumbnails(video: str | Path, analysis: VideoAnalysis, size: tuple[int, int] = THUMBNAIL_SIZE) -> dict[int, np.ndarray]:
    """Each dancer's thumbnail (RGB, ``size``) by their number; a dancer never found has none.
    Reads one frame per dancer (``InputError`` for a video that cannot be read)."""
    out: dict[int, np.ndarray] = {}
    for dancer in analysis.dancers:
        index = best_frame(dancer, analysis.width, analysis.height)
        if index is None:
            continue
        body = dancer.frames[index]
        assert body.landmarks is not None
        with VideoReader(video, start=max(0.0, body.t - 0.5 / max(1.0, analysis.fps))) as reader:
            frame = next(iter(reader), None)
        if frame is None:
            continue
        rgb = frame.rgb
        # the analysis' pixels are the picture as shown; a reader may decode another size
        scale_x, scale_y = rgb.shape[1] / max(1, analysis.width), rgb.shape[0] / max(1, analysis.height)
        points = body.landmarks.copy()
        points[:, 0] *= scale_x
        points[:, 1] *= scale_y
        out[dancer.number] = cv2.resize(spotlight(rgb, points, size[0] / size[1]), size, interpolation=cv2.INTER_AREA)
    return out


def spotlight(rgb: np.ndarray, landmarks: np.ndarray, aspect: float) -> np.ndarray:
    """The ``crop_box`` of ``rgb`` around the body, dimmed (``DIM``) outside the body's own
    outline (its skeleton drawn thick): dancers in a line overlap any box around one of them."""
    height, width = rgb.shape[:2]
    x0, y0, x1, y1 = crop_box(landmarks, width, height, aspect)
    crop = rgb[y0:y1, x0:x1].astype(np.float32)
    light = np.zeros(crop.shape[:2], np.float32)
    points = landmarks[:, :2] - (x0, y0)
    body = max(1.0, float(np.ptp(landmarks[:, 1])))
    thick = max(2, round(body * 0.06))
    seen = landmarks[:, 3] >= 0.3
    for a, b in SKELETON:
        if seen[a] and seen[b]:
            cv2.line(light, _point(points[a]), _point(points[b]), 1.0, thick, cv2.LINE_AA)
    torso = [i for i in TORSO_OUTLINE if seen[i]]
    if len(torso) >= 3:
        cv2.fillPoly(light, [np.round(points[torso]).astype(np.int32)], 1.0, cv2.LINE_AA)
    head = points[list(FACE)][seen[list(FACE)]]
    if len(head):
        cv2.circle(light, _point(head.mean(axis=0)), max(thick, round(body * 0.09)), 1.0, -1, cv2.LINE_AA)
    soft = cv2.GaussianBlur(cv2.dilate(light, np.ones((thick // 2 + 1, thick // 2 + 1), np.uint8)), (0, 0), thick / 3)
    shade = DIM + (1.0 - DIM) * np.clip(soft, 0.0, 1.0)
    return np.ascontiguousarray((crop * shade[:, :, None]).clip(0, 255).astype(np.uint8))


def _point(xy: np.ndarray) -> tuple[int, int]:
    return round(float(xy[0])), round(float(xy[1]))
