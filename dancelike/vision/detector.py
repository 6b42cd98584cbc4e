"""BlazePose person detector: finds a body when nothing is being tracked.

Reproduces MediaPipe's pose_detection graph: the whole image letterboxed to 224x224
in [-1, 1], SSD anchor decoding (2254 anchors, 4 keypoints each), sigmoid scores with
a 0.5 threshold, weighted non-maximum suppression, letterbox removal. Each detection
carries the hips centre and a body-extent point, from which the tracker builds its ROI.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from dancelike.vision.frames import Image, warp_to_rgb
from dancelike.vision.landmarks import sigmoid
from dancelike.vision.runtime import Model

INPUT_SIZE = 224
MIN_SCORE = 0.5
NMS_IOU = 0.3
SCORE_CLIP = 100.0


def ssd_anchors() -> np.ndarray:
    """(2254, 2) anchor centres in [0, 1] for the detector (fixed-size anchors).

    Options of MediaPipe's SsdAnchorsCalculator for pose detection: 5 layers with
    strides 8, 16, 32, 32, 32; layers sharing a stride share a grid; each layer puts
    2 anchors per cell (aspect ratio 1 plus the interpolated scale).
    """
    strides = [8, 16, 32, 32, 32]
    centres = []
    layer = 0
    while layer < len(strides):
        stride = strides[layer]
        same = 0
        while layer + same < len(strides) and strides[layer + same] == stride:
            same += 1
        grid = int(np.ceil(INPUT_SIZE / stride))
        per_cell = 2 * same
        ys, xs = np.mgrid[0:grid, 0:grid]
        cell = np.stack([(xs + 0.5) / grid, (ys + 0.5) / grid], axis=-1).reshape(-1, 1, 2)
        centres.append(np.repeat(cell, per_cell, axis=1).reshape(-1, 2))
        layer += same
    return np.concatenate(centres).astype(np.float32)


#: A rectangle of an image: x, y, width, height in pixels.
Region = tuple[int, int, int, int]


def tiles(width: int, height: int) -> list[Region]:
    """Three overlapping squares across the image's long side: a person too small for the
    detector in the whole picture is twice as large in a tile (``PeopleTracker`` looks
    there in turn for people the whole picture did not show)."""
    side = min(width, height)
    if max(width, height) < 1.5 * side:
        return []
    steps = [round(k * (max(width, height) - side) / 2) for k in range(3)]
    return [(step, 0, side, side) if width > height else (0, step, side, side) for step in steps]


@dataclass(frozen=True)
class Detection:
    """A detected person in image pixels: box (x0, y0, x1, y1), 4 keypoints, score."""

    box: np.ndarray
    keypoints: np.ndarray
    score: float

    @property
    def area(self) -> float:
        return float(max(0.0, self.box[2] - self.box[0]) * max(0.0, self.box[3] - self.box[1]))


def _iou(box: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    x0 = np.maximum(box[0], boxes[:, 0])
    y0 = np.maximum(box[1], boxes[:, 1])
    x1 = np.minimum(box[2], boxes[:, 2])
    y1 = np.minimum(box[3], boxes[:, 3])
    inter = np.clip(x1 - x0, 0, None) * np.clip(y1 - y0, 0, None)
    area = (box[2] - box[0]) * (box[3] - box[1])
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    union = area + areas - inter
    return np.where(union > 0, inter / np.maximum(union, 1e-12), 0.0)


def weighted_nms(boxes: np.ndarray, keypoints: np.ndarray, scores: np.ndarray) -> list[tuple[np.ndarray, np.ndarray, float]]:
    """MediaPipe's weighted NMS: overlapping candidates are averaged, weighted by score."""
    order = np.argsort(-scores, kind="stable")
    results = []
    while order.size:
        top = order[0]
        overlap = _iou(boxes[top], boxes[order]) > NMS_IOU
        overlap[0] = True
        members = order[overlap]
        weights = scores[members][:, None]
        total = float(weights.sum())
        box = (boxes[members] * weights).sum(axis=0) / total
        kps = (keypoints[members] * weights[:, :, None]).sum(axis=0) / total
        results.append((box, kps, float(scores[top])))
        order = order[~overlap]
    return results


#: The model file this stage runs.
DETECTOR_MODEL = "pose_detection.tflite"


class PoseDetector:
    """Runs the BlazePose detector on whole images; one instance per thread."""

    def __init__(self, num_threads: int = 1) -> None:
        self.model = Model(DETECTOR_MODEL, num_threads)
        self.anchors = ssd_anchors()

    @staticmethod
    def letterbox(image: Image, region: Region | None = None) -> tuple[np.ndarray, float, float, float]:
        """Image (or a region of it) scaled into a 224x224 square, centred, zero padded; returns
        tensor, scale, and the image origin's place in the tensor (x, y).

        A bilinear warp of the whole image, as MediaPipe's ImageToTensor does: the
        detector was tuned on that input, and the ROI it yields steers tracking.
        """
        height, width = image.shape[:2]
        x0, y0, width, height = region or (0, 0, width, height)
        scale = INPUT_SIZE / max(width, height)
        pad_x = (INPUT_SIZE - width * scale) / 2.0 - x0 * scale
        pad_y = (INPUT_SIZE - height * scale) / 2.0 - y0 * scale
        matrix = np.array([[scale, 0.0, pad_x], [0.0, scale, pad_y]])
        warped = warp_to_rgb(image, matrix, INPUT_SIZE, cv2.BORDER_CONSTANT)
        tensor = warped.astype(np.float32) * (2.0 / 255.0) - 1.0
        return tensor, scale, pad_x, pad_y

    def detect(self, image: Image, region: Region | None = None) -> list[Detection]:
        """All people found in an image (or in ``region`` of it), best score first, in image pixels."""
        tensor, scale, pad_x, pad_y = self.letterbox(image, region)
        raw_boxes, raw_scores = self.model.run(tensor[None])
        raw_boxes, raw_scores = raw_boxes[0], raw_scores[0, :, 0]
        scores = sigmoid(np.clip(raw_scores, -SCORE_CLIP, SCORE_CLIP))
        keep = scores >= MIN_SCORE
        if not keep.any():
            return []
        raw, anchors, scores = raw_boxes[keep], self.anchors[keep], scores[keep]
        # Anchor-relative offsets in 224-pixel units -> pixels of the 224 input.
        centre = raw[:, 0:2] + anchors * INPUT_SIZE
        half = raw[:, 2:4] / 2.0
        boxes = np.concatenate([centre - half, centre + half], axis=1)
        keypoints = raw[:, 4:12].reshape(-1, 4, 2) + anchors[:, None, :] * INPUT_SIZE
        detections = []
        offset = np.array([pad_x, pad_y])
        for box, kps, score in weighted_nms(boxes, keypoints, scores):
            box_px = (box.reshape(2, 2) - offset) / scale
            detections.append(Detection(box_px.reshape(4), (kps - offset) / scale, score))
        return detections
