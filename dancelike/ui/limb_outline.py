"""The part being practised, outlined in red on a picture of a body (the pro's or the dancer's).

Break It Down points at one limb: its skeleton segments drawn thick in red over the picture,
with a white rim so the line reads on any background (and apart from a part painted red for its score), and a ring around the head for "head".
Landmarks are in the body's own image size and scaled to the picture's, so the reference
(shown smaller than it was analysed) and the camera picture (shrunk for display) both line up.
Pure numpy/OpenCV, like the other overlays (``media.overlay``).
"""

from __future__ import annotations

import cv2
import numpy as np

from dancelike.vision.body import BodyFrame
from dancelike.vision.landmark_names import GROUP_LANDMARKS as LANDMARKS_OF_GROUP
from dancelike.vision.landmark_names import SKELETON

#: The outline's colour (RGB) and its rim's: a white rim sets the red line apart from a part
#: painted red for its score.
OUTLINE_RGB = (235, 45, 60)
RIM_RGB = (255, 255, 255)
#: Landmarks drawn only when at least this visible (as the skeleton overlay).
MIN_VISIBILITY = 0.5

#: The landmarks of each reported part group ("left" is the person's left).
GROUP_LANDMARKS: dict[str, frozenset[int]] = {group: frozenset(members) for group, members in LANDMARKS_OF_GROUP.items()}
#: Each group's side swapped: a dancer copying as in a mirror moves their right for the pro's left.
MIRRORED_GROUP = {"head": "head", "torso": "torso", "left_arm": "right_arm", "right_arm": "left_arm", "left_leg": "right_leg", "right_leg": "left_leg"}


def group_segments(group: str) -> list[tuple[int, int]]:
    """The skeleton's segments with both ends in ``group`` (a limb: shoulder to hand...)."""
    members = GROUP_LANDMARKS[group]
    return [(a, b) for a, b in SKELETON if a in members and b in members]


def outline_part(rgb: np.ndarray, body: BodyFrame | None, group: str | None, mirrored: bool = False) -> np.ndarray:
    """``rgb`` with ``group`` of ``body`` outlined in red (a copy), or ``rgb`` itself when there
    is nothing to draw. ``mirrored``: the body dances the pro's ``group`` with its other side."""
    if body is None or body.landmarks is None or group not in GROUP_LANDMARKS or body.width <= 0 or body.height <= 0:
        return rgb
    assert group is not None
    shown = MIRRORED_GROUP[group] if mirrored else group
    height, width = rgb.shape[:2]
    xy = body.landmarks[:, :2] * np.array([width / body.width, height / body.height])
    visible = body.landmarks[:, 3] >= MIN_VISIBILITY
    thickness = max(5, round(min(height, width) / 55))
    out = np.ascontiguousarray(rgb).copy()
    drawn = False
    if shown == "head":
        face = [k for k in GROUP_LANDMARKS["head"] if visible[k]]
        if len(face) >= 3:
            centre = xy[face].mean(axis=0)
            radius = max(float(np.linalg.norm(xy[face] - centre, axis=1).max()) * 1.6, 3.0 * thickness)
            for color, extra in ((RIM_RGB, 3), (OUTLINE_RGB, 0)):
                cv2.circle(out, _point(centre), int(radius), color, thickness + extra, cv2.LINE_AA)
            drawn = True
    else:
        segments = [(a, b) for a, b in group_segments(shown) if visible[a] and visible[b]]
        for color, extra in ((RIM_RGB, 4), (OUTLINE_RGB, 0)):
            for a, b in segments:
                cv2.line(out, _point(xy[a]), _point(xy[b]), color, thickness + extra, cv2.LINE_AA)
        drawn = bool(segments)
    return out if drawn else rgb


def _point(xy: np.ndarray) -> tuple[int, int]:
    return int(round(float(xy[0]))), int(round(float(xy[1])))
