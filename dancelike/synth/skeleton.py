"""The synthetic dancer's skeleton: joint angles in, 2D joint positions out.

A dancer faces the camera, so the body is modelled in the image plane: every limb has
an angle measured from "hanging straight down", positive away from the body's midline
(abduction), and the torso leans about the hips. That keeps choreographies readable
("left arm at 90 = straight out to the side") and makes mirroring a matter of swapping
left and right. Depth enters only as foreshortening of a thigh raised towards the camera
and as the order in which limbs are drawn.

Lengths are fractions of the body's height (standing, floor to crown), taken from
standard anthropometric tables, so that the pose model sees plausible proportions:
a figure with a short torso or long arms lands its landmarks in the wrong places.

"Left" is always the dancer's own left, which appears on the image's right (+x) when the
dancer faces the camera, as in BlazePose's landmark names.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from dancelike.vision.landmark_names import NUM_LANDMARKS, PoseLandmark


@dataclass(frozen=True)
class Pose:
    """One instant of a dance, as joint angles in degrees and offsets in body heights.

    ``x`` shifts the hips sideways (positive towards the dancer's left), ``bounce`` lifts
    the whole body (a hop), ``lean`` tilts the torso about the hips (positive towards the
    dancer's left), ``head`` tilts the head on the neck. Arm angles: ``*_shoulder`` is the
    upper arm's angle from hanging down (90 = out to the side, 180 = straight up),
    ``*_elbow`` turns the forearm further the same way (90 with the arm out = forearm up,
    negative = forearm folds down/inwards). Leg angles: ``*_hip`` spreads the thigh out
    to the side, ``*_knee`` bends the shin back inwards (a plie when both are bent),
    ``*_lift`` raises the thigh towards the camera (degrees; the thigh foreshortens and
    the foot leaves the floor). The lowest foot always stands on the floor, so bending
    the knees lowers the body by itself.
    """

    x: float = 0.0
    bounce: float = 0.0
    lean: float = 0.0
    head: float = 0.0
    l_shoulder: float = 12.0
    l_elbow: float = -8.0
    r_shoulder: float = 12.0
    r_elbow: float = -8.0
    l_hip: float = 5.0
    l_knee: float = 0.0
    l_lift: float = 0.0
    r_hip: float = 5.0
    r_knee: float = 0.0
    r_lift: float = 0.0

    def as_array(self) -> np.ndarray:
        return np.array([getattr(self, name) for name in POSE_FIELDS], dtype=np.float64)

    @classmethod
    def from_array(cls, values: np.ndarray) -> Pose:
        return cls(**{name: float(value) for name, value in zip(POSE_FIELDS, values)})

    def mirrored(self) -> Pose:
        """The pose a dancer makes copying this one as in a mirror (left and right swapped)."""
        return Pose.from_array(mirror_array(self.as_array()))


POSE_FIELDS = tuple(field.name for field in fields(Pose))
_SWAP = [
    POSE_FIELDS.index(name.replace("l_", "r_", 1) if name.startswith("l_") else name.replace("r_", "l_", 1)) if name[:2] in ("l_", "r_") else index
    for index, name in enumerate(POSE_FIELDS)
]
_NEGATE = np.array([-1.0 if name in ("x", "lean", "head") else 1.0 for name in POSE_FIELDS])


def mirror_array(values: np.ndarray) -> np.ndarray:
    """Mirror pose vectors (last axis = ``POSE_FIELDS``): swap sides, negate sideways motion."""
    return values[..., _SWAP] * _NEGATE


@dataclass(frozen=True)
class Build:
    """Body proportions relative to an average adult (1.0 = average)."""

    shoulders: float = 1.0  # shoulder width
    hips: float = 1.0  # hip width
    limbs: float = 1.0  # limb and torso thickness
    head: float = 1.0  # head size


# Segment lengths as fractions of standing height. Joint centres are where BlazePose puts
# them on this figure (measured over random poses): a little lower at the hips, higher at
# the ankles and narrower at the shoulders than the drawn outline's textbook landmarks.
ANKLE_HEIGHT = 0.06
SHIN = 0.223
THIGH = 0.236
SPINE = 0.301  # hip-joint line to shoulder-joint line
HIP_DROP = 0.016  # how far the hip joints sit below the drawn pelvis' reference line
NECK = 0.046  # shoulder line to the head's lower edge
UPPER_ARM = 0.172
FOREARM = 0.150
HAND = 0.092
HIP_HALF = 0.052
SHOULDER_HALF = 0.093
SHOULDER_OUTLINE = 0.102  # half-width of the drawn shoulder line
HEAD_HALF_WIDTH = 0.046
HEAD_HALF_HEIGHT = 0.065
FACE_SCALE = 1.07  # face features relative to an average head (a slightly large head reads better)


@dataclass
class Skeleton:
    """Joint positions of one frame in image pixels (x right, y down), plus drawing frames.

    ``up``/``right`` are unit vectors of the torso; ``head_up``/``head_right`` of the head.
    ``unit`` is pixels per body height; ``order`` says which leg and arm are nearer the
    camera (drawn last).
    """

    unit: float
    joints: dict[str, np.ndarray]
    up: np.ndarray
    right: np.ndarray
    head_up: np.ndarray
    head_right: np.ndarray
    near_leg: str

    def landmarks(self) -> np.ndarray:
        """(33, 2) positions in BlazePose landmark order (every landmark is modelled).

        These are the drawn joints moved by ``_LANDMARK_OFFSETS``: where BlazePose puts
        them on this drawing (shoulder landmarks sit above the drawn arm's pivot, ears
        inside the drawn ears), measured over hundreds of random poses.
        """
        points = np.array([self.joints[name] for name in LANDMARK_JOINTS], dtype=np.float64)
        for index, (along_up, along_right, frame) in _LANDMARK_OFFSETS.items():
            up, right = (self.head_up, self.head_right) if frame == "head" else (self.up, self.right)
            points[index] += (up * along_up + right * along_right) * self.unit
        return points


# BlazePose landmark order -> joint names used here.
LANDMARK_JOINTS = (
    "nose",
    "l_eye_inner",
    "l_eye",
    "l_eye_outer",
    "r_eye_inner",
    "r_eye",
    "r_eye_outer",
    "l_ear",
    "r_ear",
    "l_mouth",
    "r_mouth",
    "l_shoulder",
    "r_shoulder",
    "l_elbow",
    "r_elbow",
    "l_wrist",
    "r_wrist",
    "l_pinky",
    "r_pinky",
    "l_index",
    "r_index",
    "l_thumb",
    "r_thumb",
    "l_hip",
    "r_hip",
    "l_knee",
    "r_knee",
    "l_ankle",
    "r_ankle",
    "l_heel",
    "r_heel",
    "l_toe",
    "r_toe",
)
assert len(LANDMARK_JOINTS) == NUM_LANDMARKS

# Landmark index -> (offset along "up", along "right" (image +x for a front-facing dancer), frame).
_LANDMARK_OFFSETS = {
    PoseLandmark.NOSE: (0.008, 0.0, "head"),
    PoseLandmark.MOUTH_LEFT: (0.008, 0.0, "head"),
    PoseLandmark.MOUTH_RIGHT: (0.008, 0.0, "head"),
    PoseLandmark.LEFT_EAR: (0.0, -0.009, "head"),
    PoseLandmark.RIGHT_EAR: (0.0, 0.009, "head"),
    PoseLandmark.LEFT_SHOULDER: (0.009, 0.0, "torso"),
    PoseLandmark.RIGHT_SHOULDER: (0.009, 0.0, "torso"),
}


def _direction(angle_deg: float, side: float) -> np.ndarray:
    """Unit vector at ``angle_deg`` from straight down, away from the midline on ``side`` (+1 left)."""
    angle = np.radians(angle_deg)
    return np.array([side * np.sin(angle), np.cos(angle)])


def solve(pose: Pose, build: Build, center_x: float, floor_y: float, height_px: float) -> Skeleton:
    """Place the skeleton for ``pose``: hips centred at ``center_x``, feet on ``floor_y``.

    The body is laid out in body-height units with y down, then scaled to pixels.
    """
    lean = np.radians(pose.lean)
    rot = np.array([[np.cos(lean), -np.sin(lean)], [np.sin(lean), np.cos(lean)]])  # +lean: top goes +x
    up = rot @ np.array([0.0, -1.0])
    right = rot @ np.array([1.0, 0.0])
    joints, pelvis = _legs(pose, build)  # legs first: the lowest ankle decides how high the hips are
    chest = pelvis + up * SPINE
    joints.update(_arms(pose, build, chest, rot, right))
    tilt = lean + np.radians(pose.head)
    head_up = np.array([np.sin(tilt), -np.cos(tilt)])
    head_right = np.array([np.cos(tilt), np.sin(tilt)])
    joints.update(_head(build, chest + up * 0.005, head_up, head_right))
    scaled = {name: np.array([center_x + p[0] * height_px, floor_y + p[1] * height_px]) for name, p in joints.items()}
    near = "l" if pose.l_lift > pose.r_lift else "r"
    return Skeleton(height_px, scaled, up, right, head_up, head_right, near)


def _legs(pose: Pose, build: Build) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Hips, knees, ankles, heels and toes, and the pelvis, placed so the lower foot is on the floor."""
    legs = {}
    for side, sign in (("l", 1.0), ("r", -1.0)):
        hip_angle, knee, lift = getattr(pose, f"{side}_hip"), getattr(pose, f"{side}_knee"), getattr(pose, f"{side}_lift")
        thigh = _direction(hip_angle, sign) * THIGH * np.cos(np.radians(min(lift, 80.0)))
        shin = _direction(hip_angle - knee, sign) * SHIN
        legs[side] = (np.array([sign * HIP_HALF * build.hips, 0.0]), thigh, shin)
    drop = max(thigh[1] + shin[1] for _, thigh, shin in legs.values())
    pelvis = np.array([pose.x, -(ANKLE_HEIGHT + drop) - pose.bounce])
    joints: dict[str, np.ndarray] = {}
    for side, (offset, thigh, shin) in legs.items():
        sign = 1.0 if side == "l" else -1.0
        hip = pelvis + offset
        knee = hip + thigh
        ankle = knee + shin
        joints[f"{side}_hip"] = hip
        joints[f"{side}_knee"] = knee
        joints[f"{side}_ankle"] = ankle
        joints[f"{side}_heel"] = ankle + np.array([-sign * 0.016, 0.03])
        joints[f"{side}_toe"] = ankle + np.array([sign * 0.04, 0.048])
    return joints, pelvis


def _arms(pose: Pose, build: Build, chest: np.ndarray, rot: np.ndarray, right: np.ndarray) -> dict[str, np.ndarray]:
    """Shoulders, elbows, wrists and the hand points."""
    joints: dict[str, np.ndarray] = {}
    for side, sign in (("l", 1.0), ("r", -1.0)):
        shoulder = chest + right * sign * SHOULDER_HALF * build.shoulders
        a, e = getattr(pose, f"{side}_shoulder"), getattr(pose, f"{side}_elbow")
        upper = rot @ _direction(a, sign)
        fore = rot @ _direction(a + e, sign)
        elbow = shoulder + upper * UPPER_ARM
        wrist = elbow + fore * FOREARM
        across = np.array([-fore[1], fore[0]]) * sign  # towards the thumb (front of the body)
        joints[f"{side}_shoulder"] = shoulder
        joints[f"{side}_elbow"] = elbow
        joints[f"{side}_wrist"] = wrist
        joints[f"{side}_index"] = wrist + fore * HAND * 0.85 + across * 0.006
        joints[f"{side}_pinky"] = wrist + fore * HAND * 0.75 - across * 0.012
        joints[f"{side}_thumb"] = wrist + fore * HAND * 0.42 + across * 0.02
    return joints


def _head(build: Build, neck_base: np.ndarray, head_up: np.ndarray, head_right: np.ndarray) -> dict[str, np.ndarray]:
    """The neck, the head and the face's points."""
    head = neck_base + head_up * (NECK + HEAD_HALF_HEIGHT * build.head)
    joints = {"neck": neck_base, "head": head}
    k = build.head * FACE_SCALE

    def face(u: float, r: float) -> np.ndarray:
        return head + head_up * u * k + head_right * r * k

    joints["nose"] = face(-0.012, 0.0)
    for side, sign in (("l", 1.0), ("r", -1.0)):
        joints[f"{side}_eye_inner"] = face(0.012, sign * 0.009)
        joints[f"{side}_eye"] = face(0.012, sign * 0.018)
        joints[f"{side}_eye_outer"] = face(0.012, sign * 0.027)
        joints[f"{side}_ear"] = face(0.004, sign * 0.043)
        joints[f"{side}_mouth"] = face(-0.031, sign * 0.012)
    return joints
