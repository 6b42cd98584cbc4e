"""The vision pipeline against real people: MediaPipe's expected answers in ../shared/golden.

Each expensive analysis (a CLI run over the squats clip, a still image) runs once per
module and its results are shared by the tests that check them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import av
import cv2
import numpy as np
import pytest

from dancelike.cli import main
from dancelike.media.video import VideoReader, load_image
from dancelike.pipeline.analysis import analyze_image
from dancelike.vision.body import NUM_LANDMARKS, BodyFrame, Part
from dancelike.vision.detector import PoseDetector
from dancelike.vision.tracker import PoseTracker, choose_detection

SQUATS_FRAMES, SQUATS_W, SQUATS_H = 65, 720, 1280
NEAR_PX = 15.0  # MediaPipe's own test threshold


def _analyze(tmp: Path, *args: str) -> dict[str, Any]:
    """``dancelike analyze ARGS --json tmp/out.json`` in-process; the parsed JSON."""
    out = tmp / "out.json"
    assert main(["analyze", *args, "--json", str(out)]) == 0
    return json.loads(out.read_text())


def _errors_px(frames: list[dict[str, Any]], expected: list[list[list[float]]]) -> np.ndarray:
    """Per-point x,y distance to the expected answer; a frame with nobody misses all 33."""
    assert len(frames) == len(expected)
    errors = []
    for frame, want in zip(frames, expected):
        if frame["landmarks"] is None:
            errors.append(np.full(NUM_LANDMARKS, np.inf))
            continue
        got = np.asarray(frame["landmarks"], np.float64)[:, :2]
        errors.append(np.linalg.norm(got - np.asarray(want, np.float64)[:, :2], axis=1))
    return np.concatenate(errors)


def _roi_label(body: BodyFrame, point: np.ndarray) -> Part:
    """The part-map label under an image point (projected into ROI space)."""
    assert body.part_map is not None and body.roi is not None
    side = body.part_map.shape[0]
    u, v = body.roi.image_to_roi(side) @ np.array([point[0], point[1], 1.0])
    col, row = int(np.floor(u)), int(np.floor(v))
    assert 0 <= col < side and 0 <= row < side, f"{point} projects outside the ROI"
    return Part(int(body.part_map[row, col]))


# --- fixtures: each analysis once per module ---------------------------------------------


@pytest.fixture(scope="module")
def squats(golden: Path) -> Path:
    return golden / "pose_squats.mp4"


@pytest.fixture(scope="module")
def squats_expected(golden: Path) -> list[list[list[float]]]:
    return json.loads((golden / "pose_squats.full.json").read_text())


@pytest.fixture(scope="module")
def squats_one_worker(squats: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The squats clip through ``dancelike analyze --workers 1 --json`` (one sequential tracker)."""
    return _analyze(tmp_path_factory.mktemp("squats1"), str(squats), "--workers", "1")


@pytest.fixture(scope="module")
def squats_default_workers(squats: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The squats clip through ``dancelike analyze --json`` (default: one worker per core)."""
    return _analyze(tmp_path_factory.mktemp("squats"), str(squats))


@pytest.fixture(params=["squats_one_worker", "squats_default_workers"])
def squats_json(request: pytest.FixtureRequest) -> dict[str, Any]:
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def pose_cli(golden: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """pose.jpg through ``dancelike analyze --json --mask``: the JSON and the mask's path."""
    tmp = tmp_path_factory.mktemp("pose")
    mask = tmp / "mask.png"
    report = _analyze(tmp, str(golden / "pose.jpg"), "--mask", str(mask))
    return report, mask


@pytest.fixture(scope="module")
def pose_body(golden: Path) -> BodyFrame:
    return analyze_image(str(golden / "pose.jpg"))


@pytest.fixture(scope="module")
def overlay(squats: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("overlay") / "squats_overlay.mp4"
    assert main(["analyze", str(squats), "--overlay", str(out)]) == 0
    return out


# --- the squats clip (video, tracking mode) ---------------------------------------------


def test_squats_landmarks_match_mediapipe(squats_json: dict[str, Any], squats_expected: list) -> None:
    errors = _errors_px(squats_json["frames"], squats_expected)
    assert errors.size == SQUATS_FRAMES * NUM_LANDMARKS
    near = float((errors <= NEAR_PX).mean())
    median = float(np.median(errors))
    assert near >= 0.97, f"only {near:.1%} of points within {NEAR_PX} px (median {median:.2f} px)"
    assert median <= 6.0, f"median error {median:.2f} px ({near:.1%} within {NEAR_PX} px)"


def test_squats_json_shape(squats_json: dict[str, Any]) -> None:
    assert set(squats_json) >= {"fps", "width", "height", "frames"}
    assert squats_json["fps"] == pytest.approx(5.0, rel=0.01)
    assert (squats_json["width"], squats_json["height"]) == (SQUATS_W, SQUATS_H)
    frames = squats_json["frames"]
    assert len(frames) == SQUATS_FRAMES
    times = [frame["t"] for frame in frames]
    assert times[0] == pytest.approx(0.0, abs=1e-3)
    assert all(b > a for a, b in zip(times, times[1:])), "t must increase frame by frame"
    assert times[-1] == pytest.approx((SQUATS_FRAMES - 1) / 5.0, abs=0.01)
    for frame in frames:
        assert frame["landmarks"] is not None  # she is in every frame
        landmarks = np.asarray(frame["landmarks"], np.float64)
        assert landmarks.shape == (NUM_LANDMARKS, 4)
        assert np.isfinite(landmarks).all()
        assert ((landmarks[:, 3] >= 0.0) & (landmarks[:, 3] <= 1.0)).all()


def test_squats_workers_agree(squats_one_worker: dict[str, Any], squats_default_workers: dict[str, Any]) -> None:
    """Segments analysed in parallel (each with warm-up) give the sequential answer, within a few px."""
    one, many = squats_one_worker["frames"], squats_default_workers["frames"]
    assert [f["t"] for f in one] == [f["t"] for f in many]
    diffs = [np.linalg.norm(np.asarray(a["landmarks"])[:, :2] - np.asarray(b["landmarks"])[:, :2], axis=1) for a, b in zip(one, many)]
    assert float(np.median(np.concatenate(diffs))) <= 3.0


def test_tracker_detects_once_then_tracks(squats: Path) -> None:
    """Tracking mode: the detector runs only when nothing is tracked (here: the first frame)."""
    tracker = PoseTracker(with_parts=False)
    with VideoReader(squats) as reader:
        found = [tracker.process(frame.rgb, frame.t).found for frame in reader]
    assert len(found) == SQUATS_FRAMES and all(found)
    assert 1 <= tracker.times.counts["detector"] <= 3, dict(tracker.times.counts)
    assert tracker.times.counts["landmarks"] >= SQUATS_FRAMES


@pytest.mark.slow
def test_squats_overlay_video(squats: Path, overlay: Path, squats_default_workers: dict[str, Any]) -> None:
    with av.open(str(overlay)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
    with VideoReader(squats) as source, VideoReader(overlay) as drawn:
        assert (drawn.width, drawn.height) == (source.width, source.height) == (SQUATS_W, SQUATS_H)
        pairs = list(zip(source, drawn, strict=False))
        assert drawn.frames_decoded == SQUATS_FRAMES
    assert len(pairs) == SQUATS_FRAMES
    for k in (0, SQUATS_FRAMES // 2, SQUATS_FRAMES - 1):
        original, painted = pairs[k][0].rgb.astype(np.int16), pairs[k][1].rgb.astype(np.int16)
        changed = np.abs(painted - original).max(axis=2) > 40
        assert changed.mean() > 0.02, f"frame {k}: only {changed.mean():.2%} of pixels drawn over"
        # the torso is coloured: the middle of shoulders and hips differs from the input
        landmarks = np.asarray(squats_default_workers["frames"][k]["landmarks"])
        x, y = landmarks[[11, 12, 23, 24], :2].mean(axis=0).round().astype(int)
        assert changed[y - 3 : y + 4, x - 3 : x + 4].mean() > 0.5


# --- still images (static mode) ----------------------------------------------------------


def test_pose_image_landmarks(pose_cli: tuple[dict[str, Any], Path], golden: Path) -> None:
    report, _ = pose_cli
    expected = json.loads((golden / "pose.expected.json").read_text())
    assert (report["width"], report["height"]) == tuple(expected["size"]) == (1000, 667)
    (frame,) = report["frames"]
    got = np.asarray(frame["landmarks"], np.float64)
    assert got.shape == (NUM_LANDMARKS, 4)
    errors = np.linalg.norm(got[:, :2] - np.asarray(expected["landmarks_xy"], np.float64), axis=1)
    worst = int(errors.argmax())
    assert errors.max() <= NEAR_PX, f"landmark {worst} is {errors[worst]:.1f} px off"


def test_pose_image_mask(pose_cli: tuple[dict[str, Any], Path], golden: Path) -> None:
    _, mask_path = pose_cli
    mask = cv2.imread(str(mask_path), cv2.IMREAD_UNCHANGED)
    image = cv2.imread(str(golden / "pose.jpg"))
    assert mask is not None and mask.dtype == np.uint8
    assert mask.shape == image.shape[:2]
    assert set(np.unique(mask).tolist()) <= {0, 255}
    segmentation = cv2.imread(str(golden / "pose_segmentation.png"))  # BGR
    truth = (segmentation[..., 0] > 127) & (segmentation[..., 2] < 128)  # person = blue
    predicted = mask == 255
    iou = (truth & predicted).sum() / (truth | predicted).sum()
    assert iou >= 0.85, f"mask IoU {iou:.3f}"


def test_portrait_face_is_in_the_mask(golden: Path) -> None:
    body = analyze_image(str(golden / "portrait.jpg"))
    assert body.found and body.landmarks is not None
    mask = body.mask_in_image(threshold=0.5)
    assert mask.shape == (1024, 820)
    for index in (0, 2, 5, 9, 10):  # nose, both eyes, mouth corners
        x, y = body.landmarks[index, :2]
        assert mask[int(y), int(x)] == 255, f"landmark {index} at ({x:.0f}, {y:.0f}) is outside the mask"


def test_three_people_one_dancer_deterministically(golden: Path) -> None:
    path = str(golden / "three_people.jpg")
    first, second = analyze_image(path), analyze_image(path)
    for body in (first, second):
        assert body.found and body.landmarks is not None
        assert body.landmarks.shape == (NUM_LANDMARKS, 4)
    assert np.array_equal(first.landmarks, second.landmarks)
    assert np.array_equal(first.part_map, second.part_map)
    # three people are seen; the one analysed is the one choose_detection picks
    image = load_image(path)
    detections = PoseDetector().detect(image)
    assert len(detections) >= 2
    chosen = choose_detection(detections, image.shape[1], image.shape[0])
    assert chosen is not None
    x0, y0, x1, y1 = chosen.box
    nose_x, nose_y = first.landmarks[0, :2]
    assert x0 <= nose_x <= x1 and y0 <= nose_y <= y1


def test_blank_image_has_nobody(tmp_path: Path) -> None:
    blank = tmp_path / "grey.png"
    assert cv2.imwrite(str(blank), np.full((480, 640, 3), 128, np.uint8))
    report = _analyze(tmp_path, str(blank))
    assert (report["width"], report["height"]) == (640, 480)
    assert report["frames"] == [{"t": 0.0, "landmarks": None}]


# --- body-part label map ------------------------------------------------------------------


def test_part_map_covers_the_mask(pose_body: BodyFrame) -> None:
    assert pose_body.part_map is not None and pose_body.roi_mask is not None
    labels = pose_body.part_map
    side = labels.shape[0]
    assert labels.shape == (side, side) and side >= 128 and labels.dtype == np.uint8
    used = set(np.unique(labels).tolist()) - {Part.BACKGROUND}
    assert len(used) >= 12, sorted(Part(p).name for p in used)
    assert used <= {int(p) for p in Part}
    mask = pose_body.roi_mask
    if mask.shape[0] != side:
        mask = cv2.resize(mask, (side, side), interpolation=cv2.INTER_LINEAR)
    person = mask > 0.5
    assert person.sum() > 0.05 * side * side
    assert (labels[person] != Part.BACKGROUND).all(), f"{int((labels[person] == 0).sum())} mask pixels unlabelled"


def test_part_map_is_anatomical(pose_body: BodyFrame) -> None:
    landmarks = pose_body.landmarks
    assert landmarks is not None
    assert _roi_label(pose_body, landmarks[15, :2]) in (Part.LEFT_FOREARM, Part.LEFT_HAND)
    assert _roi_label(pose_body, landmarks[26, :2]) in (Part.RIGHT_THIGH, Part.RIGHT_SHIN)
    assert _roi_label(pose_body, landmarks[0, :2]) == Part.HEAD
    assert _roi_label(pose_body, landmarks[[11, 12, 23, 24], :2].mean(axis=0)) == Part.TORSO


def test_part_map_projects_onto_the_image(pose_body: BodyFrame) -> None:
    """In image space too, labels sit on the person mask (nearly everywhere)."""
    labels = pose_body.part_map_in_image()
    mask = pose_body.mask_in_image(threshold=0.5)
    assert labels.shape == mask.shape == (667, 1000)
    person = mask == 255
    assert (labels[person] > 0).mean() > 0.95
