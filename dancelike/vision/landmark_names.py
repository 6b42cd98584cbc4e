"""The 33 BlazePose landmarks by name (MediaPipe's ``PoseLandmark``) and the tables built on them.

The one module that knows landmark numbers: everything else names a landmark
(``PoseLandmark.LEFT_HIP``) or takes a table from here (``HIPS``, ``FACE``, ``SKELETON``), and
``tests/test_landmark_names.py`` fails on a bare landmark number anywhere else in the package.
It imports nothing but the standard library, so every layer, scoring (pure numpy) included,
may use it. "Left" is the person's left, as in MediaPipe.
"""

from __future__ import annotations

from enum import IntEnum


class PoseLandmark(IntEnum):
    """A landmark's row in a (33, 4) landmark array: MediaPipe's names and order."""

    NOSE = 0
    LEFT_EYE_INNER = 1
    LEFT_EYE = 2
    LEFT_EYE_OUTER = 3
    RIGHT_EYE_INNER = 4
    RIGHT_EYE = 5
    RIGHT_EYE_OUTER = 6
    LEFT_EAR = 7
    RIGHT_EAR = 8
    MOUTH_LEFT = 9
    MOUTH_RIGHT = 10
    LEFT_SHOULDER = 11
    RIGHT_SHOULDER = 12
    LEFT_ELBOW = 13
    RIGHT_ELBOW = 14
    LEFT_WRIST = 15
    RIGHT_WRIST = 16
    LEFT_PINKY = 17
    RIGHT_PINKY = 18
    LEFT_INDEX = 19
    RIGHT_INDEX = 20
    LEFT_THUMB = 21
    RIGHT_THUMB = 22
    LEFT_HIP = 23
    RIGHT_HIP = 24
    LEFT_KNEE = 25
    RIGHT_KNEE = 26
    LEFT_ANKLE = 27
    RIGHT_ANKLE = 28
    LEFT_HEEL = 29
    RIGHT_HEEL = 30
    LEFT_FOOT_INDEX = 31
    RIGHT_FOOT_INDEX = 32


_L = PoseLandmark

NUM_LANDMARKS = len(PoseLandmark)
#: Lower-case names in landmark order (the JSON of ``analyze`` and the synthetic skeleton use them).
LANDMARK_NAMES = tuple(landmark.name.lower() for landmark in PoseLandmark)

#: Pairs and groups that the layers pick often. Index an array with ``list(HIPS)``: a tuple
#: index would be read by numpy as one index per axis.
HIPS = (_L.LEFT_HIP, _L.RIGHT_HIP)
SHOULDERS = (_L.LEFT_SHOULDER, _L.RIGHT_SHOULDER)
EARS = (_L.LEFT_EAR, _L.RIGHT_EAR)
WRISTS = (_L.LEFT_WRIST, _L.RIGHT_WRIST)
#: The torso's corners in order around it (a polygon): shoulders, then hips right to left.
TORSO_OUTLINE = (_L.LEFT_SHOULDER, _L.RIGHT_SHOULDER, _L.RIGHT_HIP, _L.LEFT_HIP)
#: The 11 face points (nose, eyes, ears, mouth): they sit close together, drawn smaller or as one.
FACE = tuple(landmark for landmark in PoseLandmark if landmark <= _L.MOUTH_RIGHT)
#: The fingertips of each hand (pinky, index, thumb).
LEFT_HAND_TIPS = (_L.LEFT_PINKY, _L.LEFT_INDEX, _L.LEFT_THUMB)
RIGHT_HAND_TIPS = (_L.RIGHT_PINKY, _L.RIGHT_INDEX, _L.RIGHT_THUMB)

#: The landmarks of each body-part group the report names (``scoring.poses.GROUPS``).
GROUP_LANDMARKS: dict[str, tuple[PoseLandmark, ...]] = {
    "head": FACE,
    "torso": (_L.LEFT_SHOULDER, _L.RIGHT_SHOULDER, _L.LEFT_HIP, _L.RIGHT_HIP),
    "left_arm": (_L.LEFT_SHOULDER, _L.LEFT_ELBOW, _L.LEFT_WRIST, *LEFT_HAND_TIPS),
    "right_arm": (_L.RIGHT_SHOULDER, _L.RIGHT_ELBOW, _L.RIGHT_WRIST, *RIGHT_HAND_TIPS),
    "left_leg": (_L.LEFT_HIP, _L.LEFT_KNEE, _L.LEFT_ANKLE, _L.LEFT_HEEL, _L.LEFT_FOOT_INDEX),
    "right_leg": (_L.RIGHT_HIP, _L.RIGHT_KNEE, _L.RIGHT_ANKLE, _L.RIGHT_HEEL, _L.RIGHT_FOOT_INDEX),
}

#: Bones drawn as the skeleton (MediaPipe's ``POSE_CONNECTIONS``).
SKELETON: tuple[tuple[PoseLandmark, PoseLandmark], ...] = (
    (_L.NOSE, _L.LEFT_EYE_INNER),
    (_L.LEFT_EYE_INNER, _L.LEFT_EYE),
    (_L.LEFT_EYE, _L.LEFT_EYE_OUTER),
    (_L.LEFT_EYE_OUTER, _L.LEFT_EAR),
    (_L.NOSE, _L.RIGHT_EYE_INNER),
    (_L.RIGHT_EYE_INNER, _L.RIGHT_EYE),
    (_L.RIGHT_EYE, _L.RIGHT_EYE_OUTER),
    (_L.RIGHT_EYE_OUTER, _L.RIGHT_EAR),
    (_L.MOUTH_LEFT, _L.MOUTH_RIGHT),
    (_L.LEFT_SHOULDER, _L.RIGHT_SHOULDER),
    (_L.LEFT_SHOULDER, _L.LEFT_ELBOW),
    (_L.LEFT_ELBOW, _L.LEFT_WRIST),
    (_L.LEFT_WRIST, _L.LEFT_PINKY),
    (_L.LEFT_WRIST, _L.LEFT_INDEX),
    (_L.LEFT_WRIST, _L.LEFT_THUMB),
    (_L.LEFT_PINKY, _L.LEFT_INDEX),
    (_L.RIGHT_SHOULDER, _L.RIGHT_ELBOW),
    (_L.RIGHT_ELBOW, _L.RIGHT_WRIST),
    (_L.RIGHT_WRIST, _L.RIGHT_PINKY),
    (_L.RIGHT_WRIST, _L.RIGHT_INDEX),
    (_L.RIGHT_WRIST, _L.RIGHT_THUMB),
    (_L.RIGHT_PINKY, _L.RIGHT_INDEX),
    (_L.LEFT_SHOULDER, _L.LEFT_HIP),
    (_L.RIGHT_SHOULDER, _L.RIGHT_HIP),
    (_L.LEFT_HIP, _L.RIGHT_HIP),
    (_L.LEFT_HIP, _L.LEFT_KNEE),
    (_L.RIGHT_HIP, _L.RIGHT_KNEE),
    (_L.LEFT_KNEE, _L.LEFT_ANKLE),
    (_L.RIGHT_KNEE, _L.RIGHT_ANKLE),
    (_L.LEFT_ANKLE, _L.LEFT_HEEL),
    (_L.RIGHT_ANKLE, _L.RIGHT_HEEL),
    (_L.LEFT_HEEL, _L.LEFT_FOOT_INDEX),
    (_L.RIGHT_HEEL, _L.RIGHT_FOOT_INDEX),
    (_L.LEFT_ANKLE, _L.LEFT_FOOT_INDEX),
    (_L.RIGHT_ANKLE, _L.RIGHT_FOOT_INDEX),
)


def mirrored(landmark: PoseLandmark) -> PoseLandmark:
    """The same landmark on the other side (LEFT_HIP -> RIGHT_HIP, MOUTH_LEFT -> MOUTH_RIGHT);
    the nose is its own mirror image."""
    name = landmark.name
    if "LEFT" in name:
        return PoseLandmark[name.replace("LEFT", "RIGHT")]
    if "RIGHT" in name:
        return PoseLandmark[name.replace("RIGHT", "LEFT")]
    return landmark


#: Row ``k`` is the landmark that ``k`` becomes in a mirror image.
MIRROR_ORDER = tuple(mirrored(landmark) for landmark in PoseLandmark)


def is_face(landmark: int) -> bool:
    """Whether ``landmark`` is one of the ``FACE`` points."""
    return landmark <= _L.MOUTH_RIGHT
