"""The pose tracker: BlazePose's two stages, as MediaPipe runs them.

The detector runs only when no body is being tracked. Otherwise the landmark model
runs on a rotated square ROI placed from the previous frame's auxiliary landmarks
(hips centre and body-extent point, smoothed). When the landmark model says the ROI
holds no body (presence < 0.5) the tracker re-detects on the same frame.

Static mode (single images) always detects and never smooths.

Smoothing steps on a nominal 30 frames/s clock, one step per frame, whatever the
video's rate: that is what MediaPipe's Python solution does (its filters were tuned
for it), and it keeps our answers equal to the reference implementation's.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from dancelike.vision.body import BodyFrame, Roi
from dancelike.vision.detector import DETECTOR_MODEL, Detection, PoseDetector, Region
from dancelike.vision.filters import LandmarkSmoother
from dancelike.vision.frames import Image
from dancelike.vision.landmark_names import NUM_LANDMARKS
from dancelike.vision.landmarks import INPUT_SIZE, PRESENCE_THRESHOLD, LandmarkModel, LandmarkResult
from dancelike.vision.model_choice import CANDIDATES
from dancelike.vision.parts import part_map
from dancelike.vision.roi import roi_from_alignment_points

# Smoothing settings of MediaPipe's pose_landmark_filtering graph.
_LANDMARK_SMOOTHING = (0.1, 40.0)
_AUX_SMOOTHING = (0.01, 1.0)
_FILTER_FPS = 30.0


@dataclass
class StageTimes:
    """Accumulated milliseconds per stage and how many times each ran (picklable)."""

    total_ms: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, stage: str, seconds: float, count: int = 1) -> None:
        self.total_ms[stage] = self.total_ms.get(stage, 0.0) + seconds * 1000.0
        self.counts[stage] = self.counts.get(stage, 0) + count

    def merge(self, other: StageTimes) -> None:
        for stage, ms in other.total_ms.items():
            self.add(stage, ms / 1000.0, other.counts.get(stage, 0))


def choose_detection(detections: list[Detection], width: int, height: int) -> Detection | None:
    """The dancer among several people: the largest, then the most central (deterministic)."""
    if not detections:
        return None
    centre = np.array([width / 2.0, height / 2.0])

    def key(det: Detection) -> tuple[float, float]:
        box_centre = (det.box[:2] + det.box[2:]) / 2.0
        return (-round(det.area / (width * height), 3), float(np.linalg.norm(box_centre - centre)))

    return min(detections, key=key)


#: The model files a tracker may load (checked before worker processes are started; the landmark
#: model is whichever of the two candidates this machine runs faster, ``vision.model_choice``).
TRACKER_MODELS = (DETECTOR_MODEL, *CANDIDATES)
#: A picture narrower or lower than this (pixels) shows no one the models can see: a 16x16 video,
#: blown up to the models' input, once gave a "dancer" whose landmarks lay outside the picture.
MIN_PICTURE_SIDE = 32


def too_small(width: int, height: int) -> bool:
    """Whether a picture is too small to find anybody in (``MIN_PICTURE_SIDE``)."""
    return min(width, height) < MIN_PICTURE_SIDE


class Follow:
    """One followed body: where to look for it next and its landmark filters."""

    def __init__(self) -> None:
        self.roi: Roi | None = None
        self._step = 0
        self._smoother = LandmarkSmoother(*_LANDMARK_SMOOTHING)
        self._aux_smoother = LandmarkSmoother(*_AUX_SMOOTHING)

    def reset(self) -> None:
        """Forget the body (lost, or a jump the filters must not smooth over)."""
        self.roi = None
        self._smoother.reset()
        self._aux_smoother.reset()

    def accept(self, result: LandmarkResult, smooth: bool, keep_roi: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """The frame's smoothed landmarks and visibility; the next frame's ROI follows them."""
        points, visibility = result.points[:NUM_LANDMARKS], result.visibility[:NUM_LANDMARKS]
        aux = result.points[NUM_LANDMARKS : NUM_LANDMARKS + 2]
        if smooth:
            self._step += 1
            clock = self._step / _FILTER_FPS
            points, visibility = self._smoother.apply(clock, points, visibility)
            aux, _ = self._aux_smoother.apply(clock, aux, result.visibility[NUM_LANDMARKS : NUM_LANDMARKS + 2])
        if keep_roi:
            self.roi = roi_from_alignment_points(aux[0, :2], aux[1, :2])
        return points, visibility


class PoseTracker:
    """Turns frames into ``BodyFrame``s; one instance per thread and per video.

    ``static=True`` treats every frame as an unrelated image (detector every time,
    no smoothing). ``with_parts=False`` skips the part map for callers that only need
    landmarks.
    """

    def __init__(self, num_threads: int = 1, static: bool = False, smooth: bool = True, with_parts: bool = True) -> None:
        self.detector = PoseDetector(num_threads)
        self.landmarks = LandmarkModel(num_threads)
        self.static = static
        self.smooth = smooth and not static
        self.with_parts = with_parts
        self.times = StageTimes()
        self._follow = Follow()

    def reset(self) -> None:
        """Forget the tracked body (e.g. after a seek)."""
        self._follow.reset()

    def _detect(self, image: Image, region: Region | None = None) -> list[Detection]:
        start = time.perf_counter()
        detections = self.detector.detect(image, region)
        self.times.add("detector", time.perf_counter() - start)
        return detections

    def _detect_roi(self, image: Image) -> Roi | None:
        detection = choose_detection(self._detect(image), image.shape[1], image.shape[0])
        return None if detection is None else detection_roi(detection)

    def _run_landmarks(self, image: Image, roi: Roi, hide: np.ndarray | None = None) -> LandmarkResult:
        """The landmark model on ``roi``; ``hide`` (a boolean ROI-space mask) greys out pixels
        that belong to other people, so the model cannot settle on them."""
        result, prepare, infer = run_landmarks(self.landmarks, image, roi, hide)
        self.times.add("preprocess", prepare)
        self.times.add("landmarks", infer)
        return result

    def process(self, image: Image, t: float = 0.0) -> BodyFrame:
        """Find the body in one frame (RGB array or planar YUV) taken at ``t`` seconds."""
        height, width = image.shape[:2]
        if too_small(width, height):
            return BodyFrame(t, width, height, presence=0.0)
        roi = None if self.static else self._follow.roi
        result = self._run_landmarks(image, roi) if roi is not None else None
        if result is None or result.presence < PRESENCE_THRESHOLD:
            roi = self._detect_roi(image)
            result = self._run_landmarks(image, roi) if roi is not None else None
        if result is None or result.presence < PRESENCE_THRESHOLD:
            self.reset()
            return BodyFrame(t, width, height, presence=0.0 if result is None else result.presence)
        return self._body_frame(result, self._follow, t, width, height)

    def _body_frame(self, result: LandmarkResult, follow: Follow, t: float, width: int, height: int) -> BodyFrame:
        """The ``BodyFrame`` of an accepted landmark result (smoothed by ``follow``, with its part map)."""
        points, visibility = follow.accept(result, self.smooth, keep_roi=not self.static)
        labels = None
        if self.with_parts:
            start = time.perf_counter()
            labels = part_map(result.mask, result.roi_points, INPUT_SIZE)
            self.times.add("part_map", time.perf_counter() - start)
        landmarks = np.column_stack([points, visibility]).astype(np.float32)
        return BodyFrame(t, width, height, landmarks, result.presence, result.roi, result.mask, labels)


def run_landmarks(model: LandmarkModel, image: Image, roi: Roi, hide: np.ndarray | None = None) -> tuple[LandmarkResult, float, float]:
    """``model`` on ``roi`` (``hide``: pixels greyed out first); with the seconds spent preparing
    the crop and running the model (inference and decoding)."""
    start = time.perf_counter()
    model.write_input(image, roi, hide)
    mid = time.perf_counter()
    result = model.postprocess(model.infer_written(), roi)
    return result, mid - start, time.perf_counter() - mid


def detection_roi(detection: Detection) -> Roi:
    """The landmark model's ROI for a detected person (from its hips and body-extent keypoints)."""
    return roi_from_alignment_points(detection.keypoints[0], detection.keypoints[1])
