"""BlazePose landmark model (full): 39 landmarks and a person mask inside an ROI.

Post-processing follows MediaPipe's TensorsToPoseLandmarksAndSegmentation graph:
pose-presence flag (threshold 0.5; the model's flag output is already a probability, its
last layer a sigmoid: 0.9999 on a person, 0.0 on an empty room), landmarks in 256-pixel ROI space with
sigmoid visibility, refinement of x/y from the 64x64 heatmap (7x7 window), sigmoid
segmentation logits. Landmarks 33 and 34 are the auxiliary alignment points used to
place the next frame's ROI.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dancelike.vision.body import Roi
from dancelike.vision.frames import Image
from dancelike.vision.model_choice import INT8MIX, landmark_model
from dancelike.vision.roi import crop_roi, roi_to_image_points
from dancelike.vision.runtime import Model

INPUT_SIZE = 256
NUM_ALL_LANDMARKS = 39
PRESENCE_THRESHOLD = 0.5
HEATMAP_KERNEL = 7
HEATMAP_MIN_CONFIDENCE = 0.5


def sigmoid(values: np.ndarray | float) -> np.ndarray:
    """Logistic function, safe from overflow; keeps float32 input in float32 (half the memory traffic)."""
    array = np.asarray(values)
    if array.dtype != np.float32:
        array = array.astype(np.float64)
    # in place on one new array: the 256x256 mask of every frame made five before
    out = np.negative(array, out=np.empty_like(array))
    np.clip(out, -80.0, 80.0, out=out)
    np.exp(out, out=out)
    out += 1.0
    np.divide(1.0, out, out=out)
    return out if out.ndim else out[()]


#: The model file this stage runs by default: MediaPipe's full landmark model with its wide middle
#: stages in int8 (scripts/make_int8_landmarks.py; models/README.md). Measured here: 10.6 ms a
#: frame instead of 12.7 on one thread, every golden bar met (98.6% of points within 15 px). Each
#: machine runs the faster of it and the float original (``vision.model_choice``).
LANDMARK_MODEL = INT8MIX


@dataclass(frozen=True)
class LandmarkResult:
    """Output of one landmark-model run on one ROI.

    ``points`` is (39, 3): x, y in image pixels, z in pixels at image scale.
    ``visibility`` is (39,) in 0..1. ``roi_points`` is (39, 2) in 256-pixel ROI space.
    ``mask`` is the 256x256 person probability in ROI space.
    """

    roi: Roi
    presence: float
    points: np.ndarray
    visibility: np.ndarray
    roi_points: np.ndarray
    mask: np.ndarray


def refine_from_heatmap(xy: np.ndarray, heatmap: np.ndarray) -> np.ndarray:
    """Refine normalised landmark positions with the heatmap (MediaPipe's RefineLandmarksFromHeatmap).

    ``xy`` is (N, 2) in [0, 1] of the ROI; ``heatmap`` is (H, W, N) raw logits. Each
    landmark moves to the confidence-weighted centroid of the 7x7 window around it
    (cut short at the heatmap's edges) when the window's peak confidence is >= 0.5.
    Vectorised over landmarks: one gather instead of a Python loop.
    """
    height, width, count = heatmap.shape
    offset = (HEATMAP_KERNEL - 1) // 2
    cols = np.trunc(xy[:, 0] * width).astype(np.int64)  # C++ float->int truncation
    rows = np.trunc(xy[:, 1] * height).astype(np.int64)
    inside = (cols >= 0) & (cols < width) & (rows >= 0) & (rows < height)
    steps = np.arange(-offset, offset + 1)
    win_rows = rows[:, None, None] + steps[None, :, None]  # (N, K, 1)
    win_cols = cols[:, None, None] + steps[None, None, :]  # (N, 1, K)
    valid = (win_rows >= 0) & (win_rows < height) & (win_cols >= 0) & (win_cols < width) & inside[:, None, None]
    channel = np.arange(count)[:, None, None]
    logits = heatmap[np.clip(win_rows, 0, height - 1), np.clip(win_cols, 0, width - 1), channel]
    confidence = np.where(valid, sigmoid(logits), 0.0)
    total = confidence.sum(axis=(1, 2))
    refine = inside & (confidence.max(axis=(1, 2)) >= HEATMAP_MIN_CONFIDENCE) & (total > 0)
    safe_total = np.where(total > 0, total, 1.0)
    refined = xy.astype(np.float64).copy()
    refined[refine, 0] = ((confidence * win_cols).sum(axis=(1, 2)) / width / safe_total)[refine]
    refined[refine, 1] = ((confidence * win_rows).sum(axis=(1, 2)) / height / safe_total)[refine]
    return refined


class LandmarkModel:
    """Runs the BlazePose full landmark model on an ROI of an image; one instance per thread.
    ``model``: the file to run (default: the one this machine runs faster, ``model_choice``)."""

    def __init__(self, num_threads: int = 1, model: str | None = None) -> None:
        self.model = Model(model or landmark_model(), num_threads)

    def preprocess(self, image: Image, roi: Roi) -> np.ndarray:
        """The ROI as the model's input tensor: 1x256x256x3 float32 in [0, 1]."""
        crop = crop_roi(image, roi, INPUT_SIZE)
        return (crop.astype(np.float32) * (1.0 / 255.0))[None]

    def write_input(self, image: Image, roi: Roi, hide: np.ndarray | None = None) -> None:
        """Write the ROI's crop straight into the model's input buffer, as ``preprocess`` makes
        it (uint8 to [0, 1] in one pass); ``hide`` (a boolean ROI-space mask) greys out those
        pixels with the crop's mean colour. ``infer_written`` then runs it."""
        crop = crop_roi(image, roi, INPUT_SIZE)

        def fill(buffer: np.ndarray) -> None:
            pixels = buffer[0]
            np.multiply(crop, np.float32(1.0 / 255.0), out=pixels)
            if hide is not None and hide.any():
                np.copyto(pixels, pixels.mean(axis=(0, 1)), where=hide[..., None])

        self.model.write_input(fill)

    def infer_written(self) -> list[np.ndarray]:
        """Raw outputs of the input ``write_input`` wrote, as views (see ``infer``)."""
        return self.model.run_written(copy=False)

    def infer(self, tensor: np.ndarray) -> list[np.ndarray]:
        """Raw outputs as views of the interpreter's buffers: ``postprocess`` them before the next run."""
        return self.model.run(tensor, copy=False)

    def postprocess(self, outputs: list[np.ndarray], roi: Roi) -> LandmarkResult:
        """Decode raw outputs; ``presence`` below 0.5 means the ROI holds no body."""
        raw_landmarks, raw_flag, raw_mask, raw_heatmap = outputs[0], outputs[1], outputs[2], outputs[3]
        # Already a probability: a second sigmoid made it 0.5-0.73, so an empty ROI (0.5) still
        # counted as a body and a tracker never let go of a person who had left the picture.
        presence = float(np.clip(raw_flag.reshape(-1)[0], 0.0, 1.0))
        values = raw_landmarks.reshape(NUM_ALL_LANDMARKS, 5).astype(np.float64)
        xy = refine_from_heatmap(values[:, :2] / INPUT_SIZE, raw_heatmap[0])
        roi_points = xy * INPUT_SIZE
        image_xy = roi_to_image_points(roi_points, roi, INPUT_SIZE)
        z = values[:, 2] / INPUT_SIZE * roi.size
        points = np.column_stack([image_xy, z])
        visibility = sigmoid(values[:, 3])
        mask = sigmoid(raw_mask[0, :, :, 0])
        return LandmarkResult(roi, presence, points, visibility, roi_points, mask)

    def run(self, image: Image, roi: Roi) -> LandmarkResult:
        return self.postprocess(self.infer(self.preprocess(image, roi)), roi)
