"""Regions of interest: where to look for the body, and cutting that region out.

BlazePose's landmark model sees a rotated square around the body. The square comes
from two alignment points (hips centre and a point that gives the body's extent),
exactly as MediaPipe's ``AlignmentPointsRectsCalculator`` + ``RectTransformationCalculator``
derive it: centre at the hips, side twice the distance between the points, rotation
that makes hips-to-head point up, then enlarged by 1.25.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from dancelike.vision.body import Roi
from dancelike.vision.frames import Image, warp_to_rgb

ROI_SCALE = 1.25


def _normalize_radians(angle: float) -> float:
    return angle - 2 * math.pi * math.floor((angle + math.pi) / (2 * math.pi))


def roi_from_alignment_points(start: np.ndarray, end: np.ndarray, scale: float = ROI_SCALE) -> Roi:
    """Rotated square ROI from two points in image pixels (start = hips centre)."""
    dx, dy = float(end[0] - start[0]), float(end[1] - start[1])
    size = 2.0 * math.hypot(dx, dy) * scale
    rotation = _normalize_radians(math.pi / 2 - math.atan2(-dy, dx))
    return Roi(float(start[0]), float(start[1]), size, rotation)


def crop_roi(image: Image, roi: Roi, side: int, border: int = cv2.BORDER_REPLICATE) -> np.ndarray:
    """Cut ``roi`` out of an image as a ``side`` x ``side`` upright RGB square (uint8)."""
    return warp_to_rgb(image, roi.image_to_roi(side), side, border)


def roi_to_image_points(points: np.ndarray, roi: Roi, side: int) -> np.ndarray:
    """Map (N, 2) points in ``side``-pixel ROI space to image pixels."""
    matrix = roi.roi_to_image(side)
    return points @ matrix[:, :2].T + matrix[:, 2]


def image_to_roi_points(points: np.ndarray, roi: Roi, side: int) -> np.ndarray:
    """Map (N, 2) image points to ``side``-pixel ROI space."""
    matrix = roi.image_to_roi(side)
    return points @ matrix[:, :2].T + matrix[:, 2]
