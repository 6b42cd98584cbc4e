"""Poses in a body-centred frame: what scoring compares, free of camera and body shape.

Every frame of a video becomes a ``PoseTrack`` row: the direction of each limb (a unit
vector, position and body size gone by construction), how visible that limb was, and
the body-part map resampled into a square centred on the hips and scaled by the
torso, so two dancers of different size, anywhere in the frame, line up.

Mirroring (a dancer copying a video as in a mirror) swaps left and right and flips x.
Pure numpy: no I/O, no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dancelike.vision.body import NUM_PARTS, BodyFrame, FrameColumns, Part
from dancelike.vision.landmark_names import HIPS, NUM_LANDMARKS, SHOULDERS, PoseLandmark
from dancelike.vision.landmark_names import MIRROR_ORDER as MIRROR_ORDER_NAMES

_L = PoseLandmark

#: Body-part groups reported to the user, in report order.
GROUPS = ("head", "torso", "left_arm", "right_arm", "left_leg", "right_leg")

#: Limb segments: (group, start landmarks, end landmarks); several landmarks mean their mean.
LIMBS: tuple[tuple[str, tuple[PoseLandmark, ...], tuple[PoseLandmark, ...]], ...] = (
    ("head", SHOULDERS, (_L.NOSE,)),  # neck to nose: head tilt and turn
    ("torso", HIPS, SHOULDERS),  # hips to shoulders: lean
    ("torso", (_L.RIGHT_SHOULDER,), (_L.LEFT_SHOULDER,)),  # shoulder line: twist
    ("torso", (_L.RIGHT_HIP,), (_L.LEFT_HIP,)),  # hip line
    ("left_arm", (_L.LEFT_SHOULDER,), (_L.LEFT_ELBOW,)),
    ("left_arm", (_L.LEFT_ELBOW,), (_L.LEFT_WRIST,)),
    ("right_arm", (_L.RIGHT_SHOULDER,), (_L.RIGHT_ELBOW,)),
    ("right_arm", (_L.RIGHT_ELBOW,), (_L.RIGHT_WRIST,)),
    ("left_leg", (_L.LEFT_HIP,), (_L.LEFT_KNEE,)),
    ("left_leg", (_L.LEFT_KNEE,), (_L.LEFT_ANKLE,)),
    ("right_leg", (_L.RIGHT_HIP,), (_L.RIGHT_KNEE,)),
    ("right_leg", (_L.RIGHT_KNEE,), (_L.RIGHT_ANKLE,)),
)
NUM_LIMBS = len(LIMBS)
FEATURE_SIZE = 2 * NUM_LIMBS  # 24: one unit vector per limb

#: Side of the canonical part map, and how many torso lengths it spans.
CANONICAL_SIZE = 64
CANONICAL_SPAN = 4.0

#: Row k of a mirror image's landmarks is row MIRROR_ORDER[k] of the plain ones (left and right swapped).
MIRROR_ORDER = np.array(MIRROR_ORDER_NAMES)

_PART_PAIRS = [
    (Part.LEFT_UPPER_ARM, Part.RIGHT_UPPER_ARM),
    (Part.LEFT_FOREARM, Part.RIGHT_FOREARM),
    (Part.LEFT_HAND, Part.RIGHT_HAND),
    (Part.LEFT_THIGH, Part.RIGHT_THIGH),
    (Part.LEFT_SHIN, Part.RIGHT_SHIN),
    (Part.LEFT_FOOT, Part.RIGHT_FOOT),
]
MIRROR_PARTS = np.arange(NUM_PARTS, dtype=np.uint8)
for _left, _right in _PART_PAIRS:
    MIRROR_PARTS[_left], MIRROR_PARTS[_right] = _right, _left

#: Group of each part label (index), -1 for background.
PART_GROUP = np.full(NUM_PARTS, -1, np.int64)
for _part, _group in {
    Part.HEAD: "head",
    Part.TORSO: "torso",
    Part.LEFT_UPPER_ARM: "left_arm",
    Part.LEFT_FOREARM: "left_arm",
    Part.LEFT_HAND: "left_arm",
    Part.RIGHT_UPPER_ARM: "right_arm",
    Part.RIGHT_FOREARM: "right_arm",
    Part.RIGHT_HAND: "right_arm",
    Part.LEFT_THIGH: "left_leg",
    Part.LEFT_SHIN: "left_leg",
    Part.LEFT_FOOT: "left_leg",
    Part.RIGHT_THIGH: "right_leg",
    Part.RIGHT_SHIN: "right_leg",
    Part.RIGHT_FOOT: "right_leg",
}.items():
    PART_GROUP[_part] = GROUPS.index(_group)


def _mean_matrix(groups: list[tuple[PoseLandmark, ...]]) -> np.ndarray:
    matrix = np.zeros((len(groups), NUM_LANDMARKS))
    for row, indices in enumerate(groups):
        matrix[row, list(indices)] = 1.0 / len(indices)
    return matrix


#: Each limb's direction in a relaxed standing pose facing the camera (image y points down):
#: head and torso up, shoulder and hip lines towards the person's left (image right), limbs down.
NEUTRAL_DIRECTIONS = np.array([[0.0, -1.0], [0.0, -1.0], [1.0, 0.0], [1.0, 0.0]] + [[0.0, 1.0]] * 8)

_STARTS = _mean_matrix([limb[1] for limb in LIMBS])
_ENDS = _mean_matrix([limb[2] for limb in LIMBS])
LIMB_GROUP = np.array([GROUPS.index(limb[0]) for limb in LIMBS])


def _mirror_limbs() -> tuple[np.ndarray, np.ndarray]:
    """For each limb, the limb that is its mirror image, and -1 where that limb runs the other way."""
    order, sign = [], []
    for _, starts, ends in LIMBS:
        mirrored = ({int(MIRROR_ORDER[k]) for k in starts}, {int(MIRROR_ORDER[k]) for k in ends})
        for j, (_, other_starts, other_ends) in enumerate(LIMBS):
            if (set(other_starts), set(other_ends)) in (mirrored, mirrored[::-1]):
                order.append(j)
                sign.append(1.0 if (set(other_starts), set(other_ends)) == mirrored else -1.0)
                break
    return np.array(order), np.array(sign)


MIRROR_LIMBS, _MIRROR_LIMB_SIGN = _mirror_limbs()


def mirror_readings(directions: np.ndarray, visibility: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The mirrored reading's limb directions (..., L, 2) and visibility (..., L) from the plain
    ones: what ``limb_directions``/``limb_visibility`` of ``mirror_landmarks`` give, without the
    landmarks (a live session keeps only the plain rows)."""
    mirrored = directions[..., MIRROR_LIMBS, :] * _MIRROR_LIMB_SIGN[:, None]
    mirrored[..., 0] *= -1.0
    return mirrored, visibility[..., MIRROR_LIMBS]


def mirror_landmarks(landmarks: np.ndarray) -> np.ndarray:
    """Landmarks of the mirror image: left and right swapped, x flipped about the hips."""
    mirrored = landmarks[MIRROR_ORDER].astype(np.float64).copy()
    centre_x = landmarks[list(HIPS), 0].mean()
    mirrored[:, 0] = 2.0 * centre_x - mirrored[:, 0]
    return mirrored


def body_origin_and_scale(landmarks: np.ndarray) -> tuple[np.ndarray, float]:
    """Hips centre and torso length (hips to shoulders) in pixels: the body-centred frame."""
    hips = landmarks[list(HIPS), :2].mean(axis=0)
    shoulders = landmarks[list(SHOULDERS), :2].mean(axis=0)
    return hips, max(float(np.linalg.norm(shoulders - hips)), 1e-6)


def limb_directions(landmarks: np.ndarray) -> np.ndarray:
    """(NUM_LIMBS, 2) unit vectors along each limb, in image orientation (y down)."""
    xy = landmarks[:, :2].astype(np.float64)
    vectors = _ENDS @ xy - _STARTS @ xy
    lengths = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(lengths, 1e-9)


def limb_visibility(landmarks: np.ndarray) -> np.ndarray:
    """(NUM_LIMBS,) how visible each limb is: the lower visibility of its two ends."""
    visibility = landmarks[:, 3].astype(np.float64)
    return np.minimum(_STARTS @ visibility, _ENDS @ visibility)


def canonical_parts(body: BodyFrame, mirror: bool = False, size: int = CANONICAL_SIZE) -> np.ndarray:
    """The part map resampled into a body-centred square (hips at the centre, torso scaled).

    Nearest-neighbour sampling in numpy: for each canonical pixel, the image point it
    stands for, then the part-map pixel (ROI space) under that point.
    """
    return canonical_parts_many([body], mirror, size)[0]


def canonical_parts_many(bodies: Sequence[BodyFrame], mirror: bool = False, size: int = CANONICAL_SIZE) -> np.ndarray:
    """``canonical_parts`` of each body (k, size, size), the same numbers, in a few array
    operations for all of them (a frame at a time cost ~20 small numpy calls)."""
    out = np.zeros((len(bodies), size, size), np.uint8)
    usable = [k for k, body in enumerate(bodies) if body.landmarks is not None and body.part_map is not None and body.roi is not None]
    for side in {bodies[k].part_map.shape[0] for k in usable}:  # type: ignore[union-attr]  # usable: part_map is set
        chosen = [k for k in usable if bodies[k].part_map.shape[0] == side]  # type: ignore[union-attr]
        out[chosen] = _resample([bodies[k] for k in chosen], side, mirror, size)
    return MIRROR_PARTS[out] if mirror else out


_HIPS, _SHOULDERS = list(HIPS), list(SHOULDERS)


def _resample(bodies: list[BodyFrame], side: int, mirror: bool, size: int) -> np.ndarray:
    """The sampling of ``canonical_parts`` for bodies whose part maps are ``side`` pixels, each
    element computed by the same operations in the same order (so bit-identical)."""
    landmarks = np.stack([body.landmarks for body in bodies])  # type: ignore[misc]  # every one is found
    hips = landmarks[:, _HIPS, :2].mean(axis=1)
    shoulders = landmarks[:, _SHOULDERS, :2].mean(axis=1)
    # the torso length as ``np.linalg.norm`` gives it for one vector (a dot product, then sqrt)
    scales = np.array([max(float(np.sqrt(d.dot(d))), 1e-6) for d in shoulders - hips])
    steps = CANONICAL_SPAN * scales / size
    coords = (np.arange(size) + 0.5 - size / 2.0)[None, :] * steps[:, None]  # (k, size)
    xs = -coords if mirror else coords
    image_x = hips[:, 0, None, None] + xs[:, None, :]  # (k, 1, size): x varies along columns
    image_y = hips[:, 1, None, None] + coords[:, :, None]  # (k, size, 1): y along rows
    to_roi = np.stack([body.roi.image_to_roi(side) for body in bodies])[:, :, :, None, None]  # type: ignore[union-attr]
    u = to_roi[:, 0, 0] * image_x + to_roi[:, 0, 1] * image_y + to_roi[:, 0, 2]
    v = to_roi[:, 1, 0] * image_x + to_roi[:, 1, 1] * image_y + to_roi[:, 1, 2]
    col, row = np.floor(u).astype(np.int64), np.floor(v).astype(np.int64)
    inside = (col.view(np.uint64) < side) & (row.view(np.uint64) < side)  # a negative index wraps to a huge one
    maps = np.stack([body.part_map for body in bodies]).reshape(-1)  # type: ignore[misc]
    row *= side
    row += col
    if len(bodies) > 1:
        row += (np.arange(len(bodies)) * (side * side))[:, None, None]
    out = maps.take(row, mode="clip")  # a pixel outside its map reads anything, then 0
    out *= inside
    return out


@dataclass(frozen=True)
class PoseTrack:
    """Per-frame, body-centred description of one video's dancer (n frames).

    ``directions`` (n, L, 2) and ``visibility`` (n, L) per limb, ``parts`` (n, S, S)
    canonical part maps, ``found`` (n,) whether a dancer was seen, ``times`` (n,).
    Frames without a dancer have NaN directions and zero visibility.
    """

    times: np.ndarray
    found: np.ndarray
    directions: np.ndarray
    visibility: np.ndarray
    parts: np.ndarray

    @property
    def features(self) -> np.ndarray:
        """(n, 24) DTW features: the limb directions flattened (NaN where nobody)."""
        return self.directions.reshape(len(self.times), FEATURE_SIZE)

    def __len__(self) -> int:
        return len(self.times)


#: A landmark further outside the picture than this share of its size is not seen, whatever
#: the model guesses (a waist-up video's legs come out "visible" below the frame).
IN_FRAME_MARGIN = 0.02


def seen_landmarks(body: BodyFrame) -> np.ndarray:
    """The landmarks with visibility set to 0 where they lie outside the picture."""
    landmarks = np.array(body.landmarks, np.float64)
    if body.width > 0 and body.height > 0:
        x, y = landmarks[:, 0], landmarks[:, 1]
        margin_x, margin_y = IN_FRAME_MARGIN * body.width, IN_FRAME_MARGIN * body.height
        outside = (x < -margin_x) | (x > body.width + margin_x) | (y < -margin_y) | (y > body.height + margin_y)
        landmarks[outside, 3] = 0.0
    return landmarks


def without_parts(track: PoseTrack) -> PoseTrack:
    """The track with its part maps left out: poses are then compared by limb direction only.

    The part overlap measures how alike two *bodies* are as much as how alike two poses are:
    the same person at another moment overlaps far better than another person copying the
    same move, so a score measured against chance leaves it out."""
    count = len(track)
    return PoseTrack(track.times, track.found, track.directions, track.visibility, np.zeros((count, 0, 0), np.uint8))


#: Frames whose part maps are resampled at once (bounds the memory of a long video's track).
_PARTS_CHUNK = 256


def pose_track(frames: Sequence[BodyFrame], mirror: bool = False, with_parts: bool = True) -> PoseTrack:
    """Describe every frame of a video in the body-centred frame (mirrored if asked). A limb
    with an end outside the picture counts as unseen. Without parts, a track kept as columns
    reads no part map."""
    if not with_parts and isinstance(frames, FrameColumns):
        frames = frames.without_parts()
    count = len(frames)
    directions = np.full((count, NUM_LIMBS, 2), np.nan)
    visibility = np.zeros((count, NUM_LIMBS))
    parts = np.zeros((count, CANONICAL_SIZE, CANONICAL_SIZE) if with_parts else (count, 0, 0), np.uint8)
    found = np.zeros(count, bool)
    times = np.zeros(count, np.float64)
    for start in range(0, count, _PARTS_CHUNK):  # a cached track makes each frame when asked: once, a chunk at a time
        bodies = [frames[k] for k in range(start, min(start + _PARTS_CHUNK, count))]
        for index, body in enumerate(bodies, start):
            times[index] = body.t
            if body.landmarks is None:
                continue
            landmarks = seen_landmarks(body)
            landmarks = mirror_landmarks(landmarks) if mirror else landmarks
            found[index] = True
            directions[index] = limb_directions(landmarks)
            visibility[index] = limb_visibility(landmarks)
        shown = np.flatnonzero(found[start : start + len(bodies)])
        if with_parts and len(shown):
            parts[start + shown] = canonical_parts_many([bodies[k] for k in shown], mirror)
    return PoseTrack(times, found, directions, visibility, parts)


#: A body part is judged only when it is in view in at least this share of the frames compared.
IN_VIEW_SHARE = 0.5
#: Visibility from which a limb counts as in view. Low on purpose: the model's visibility also
#: drops for a limb hidden behind the body (an arm crossing the chest), which is still danced;
#: outside the picture it is 0 (``seen_landmarks``).
IN_VIEW_VISIBILITY = 0.25


def group_in_view(track: PoseTrack, rows: np.ndarray) -> np.ndarray:
    """(6,) whether each body-part group was in view (``IN_VIEW_VISIBILITY``, inside the picture)
    in at least ``IN_VIEW_SHARE`` of the given rows where a dancer was found."""
    rows = np.asarray(rows, np.int64)
    rows = rows[track.found[rows]] if len(rows) else rows
    if not len(rows):
        return np.zeros(len(GROUPS), bool)
    visible = np.clip(track.visibility[rows], 0.0, 1.0) >= IN_VIEW_VISIBILITY  # (k, L)
    shares = np.array([visible[:, LIMB_GROUP == g].all(axis=1).mean() for g in range(len(GROUPS))])
    return shares >= IN_VIEW_SHARE
