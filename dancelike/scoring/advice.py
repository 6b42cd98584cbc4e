"""Advice is geometry put into words: which part to change, and which way.

At a move's key frames (where the part was furthest from the pro's), the limb vectors of the
pro and the dancer are rebuilt as the canonical body of ``movement`` (hips at 0, torso length
1, image orientation, y down) and compared in the few ways a teacher would name:

- arms and legs: how high the hand or foot is (higher/lower), how far from the body's middle
  (further out/closer in, wider/narrower for legs), and how bent the elbow or knee is
  (straighter/bend more);
- the torso: its lean to one side; the head: up or down, turned to one side.

The largest difference, in units of what a dancer can see (``HEIGHT_STEP`` torso lengths,
``BEND_STEP_DEG`` degrees), is named when it is clear and points the same way in most key
frames (``CONSISTENT_SHARE``); otherwise nothing is said. Parts are named from the dancer's own
body: in a mirrored reading the reference's left arm is the dancer's right, and "lean to your
left" becomes "to your right". Pure numpy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from dancelike.i18n import QT_TRANSLATE_NOOP, translate
from dancelike.scoring.movement import HIP_HALF, JOINTS, canonical_joints
from dancelike.scoring.poses import GROUPS

#: A hand or foot this far off (torso lengths: about 10 cm on an adult) is worth a word.
HEIGHT_STEP = 0.2
#: An elbow or knee bent this much more or less (degrees) is worth a word.
BEND_STEP_DEG = 30.0
#: A lean or head angle this far off (degrees) is worth a word.
LEAN_STEP_DEG = 15.0
#: The difference must point the same way in at least this share of the key frames.
CONSISTENT_SHARE = 0.7
#: The share of a move's frames (the part furthest off first) that are its key frames.
KEY_SHARE = 0.5

_JOINT = {name: k for k, (name, _, _) in enumerate(JOINTS)}
#: (root joint, middle joint, end joint, sign of "outwards" along the shoulder or hip line)
_LIMBS = {
    "left_arm": ("left_shoulder", "left_elbow", "left_wrist", 1.0),
    "right_arm": ("right_shoulder", "right_elbow", "right_wrist", -1.0),
    "left_leg": ("left_hip", "left_knee", "left_ankle", 1.0),
    "right_leg": ("right_hip", "right_knee", "right_ankle", -1.0),
}
_SWAP = {"left_arm": "right_arm", "right_arm": "left_arm", "left_leg": "right_leg", "right_leg": "left_leg"}


@dataclass(frozen=True)
class Advice:
    """One thing to change: ``part`` (one of ``poses.GROUPS``, the dancer's own), ``direction``
    (a short word: "higher", "further out", "bend more", "lean left", ...) and ``text``;
    ``pro_part`` is the pro's part it copies (what to outline on the pro)."""

    part: str
    direction: str
    text: str
    pro_part: str = ""  # the pro's part it copies (the other side when mirrored); "" = ``part``

    def to_json(self) -> dict[str, str]:
        return {"part": self.part, "direction": self.direction, "text": self.text, "pro_part": self.pro_part or self.part}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Advice:
        return cls(str(data["part"]), str(data["direction"]), str(data.get("text", "")), str(data.get("pro_part", "")))


#: Every piece of advice, one whole sentence per (part, direction): word order differs between
#: languages ("左臂抬高一些"), so a sentence is never glued from a part's name and a direction.
ADVICE_SENTENCES: dict[tuple[str, str], str] = {
    ("left_arm", "higher"): QT_TRANSLATE_NOOP("Coaching", "Left arm higher"),
    ("left_arm", "lower"): QT_TRANSLATE_NOOP("Coaching", "Left arm lower"),
    ("left_arm", "further out"): QT_TRANSLATE_NOOP("Coaching", "Left arm further out"),
    ("left_arm", "closer in"): QT_TRANSLATE_NOOP("Coaching", "Left arm closer in"),
    ("left_arm", "straighter"): QT_TRANSLATE_NOOP("Coaching", "Left arm straighter"),
    ("left_arm", "bend more"): QT_TRANSLATE_NOOP("Coaching", "Bend your left elbow more"),
    ("right_arm", "higher"): QT_TRANSLATE_NOOP("Coaching", "Right arm higher"),
    ("right_arm", "lower"): QT_TRANSLATE_NOOP("Coaching", "Right arm lower"),
    ("right_arm", "further out"): QT_TRANSLATE_NOOP("Coaching", "Right arm further out"),
    ("right_arm", "closer in"): QT_TRANSLATE_NOOP("Coaching", "Right arm closer in"),
    ("right_arm", "straighter"): QT_TRANSLATE_NOOP("Coaching", "Right arm straighter"),
    ("right_arm", "bend more"): QT_TRANSLATE_NOOP("Coaching", "Bend your right elbow more"),
    ("left_leg", "higher"): QT_TRANSLATE_NOOP("Coaching", "Left leg higher"),
    ("left_leg", "lower"): QT_TRANSLATE_NOOP("Coaching", "Left leg lower"),
    ("left_leg", "further out"): QT_TRANSLATE_NOOP("Coaching", "Left leg wider"),
    ("left_leg", "closer in"): QT_TRANSLATE_NOOP("Coaching", "Left leg narrower"),
    ("left_leg", "straighter"): QT_TRANSLATE_NOOP("Coaching", "Left leg straighter"),
    ("left_leg", "bend more"): QT_TRANSLATE_NOOP("Coaching", "Bend your left knee more"),
    ("right_leg", "higher"): QT_TRANSLATE_NOOP("Coaching", "Right leg higher"),
    ("right_leg", "lower"): QT_TRANSLATE_NOOP("Coaching", "Right leg lower"),
    ("right_leg", "further out"): QT_TRANSLATE_NOOP("Coaching", "Right leg wider"),
    ("right_leg", "closer in"): QT_TRANSLATE_NOOP("Coaching", "Right leg narrower"),
    ("right_leg", "straighter"): QT_TRANSLATE_NOOP("Coaching", "Right leg straighter"),
    ("right_leg", "bend more"): QT_TRANSLATE_NOOP("Coaching", "Bend your right knee more"),
    ("torso", "upright"): QT_TRANSLATE_NOOP("Coaching", "Stay upright"),
    ("torso", "lean left"): QT_TRANSLATE_NOOP("Coaching", "Lean to your left"),
    ("torso", "lean right"): QT_TRANSLATE_NOOP("Coaching", "Lean to your right"),
    ("head", "higher"): QT_TRANSLATE_NOOP("Coaching", "Chin up"),
    ("head", "lower"): QT_TRANSLATE_NOOP("Coaching", "Head down"),
    ("head", "turn left"): QT_TRANSLATE_NOOP("Coaching", "Head to your left"),
    ("head", "turn right"): QT_TRANSLATE_NOOP("Coaching", "Head to your right"),
}
#: The same change on both arms or both legs, one sentence: (limb, direction) -> sentence.
BOTH_SIDES_SENTENCES: dict[tuple[str, str], str] = {
    ("arm", "higher"): QT_TRANSLATE_NOOP("Coaching", "Both arms higher"),
    ("arm", "lower"): QT_TRANSLATE_NOOP("Coaching", "Both arms lower"),
    ("arm", "further out"): QT_TRANSLATE_NOOP("Coaching", "Both arms further out"),
    ("arm", "closer in"): QT_TRANSLATE_NOOP("Coaching", "Both arms closer in"),
    ("arm", "straighter"): QT_TRANSLATE_NOOP("Coaching", "Both arms straighter"),
    ("arm", "bend more"): QT_TRANSLATE_NOOP("Coaching", "Bend both elbows more"),
    ("leg", "higher"): QT_TRANSLATE_NOOP("Coaching", "Both legs higher"),
    ("leg", "lower"): QT_TRANSLATE_NOOP("Coaching", "Both legs lower"),
    ("leg", "further out"): QT_TRANSLATE_NOOP("Coaching", "Both legs wider"),
    ("leg", "closer in"): QT_TRANSLATE_NOOP("Coaching", "Both legs narrower"),
    ("leg", "straighter"): QT_TRANSLATE_NOOP("Coaching", "Both legs straighter"),
    ("leg", "bend more"): QT_TRANSLATE_NOOP("Coaching", "Bend both knees more"),
}
#: "You used your right arm where the pro uses the left", by the dancer's own part used.
SWAP_SENTENCES: dict[str, str] = {
    "left_arm": QT_TRANSLATE_NOOP("Coaching", "You used your left arm where the pro uses the right"),
    "right_arm": QT_TRANSLATE_NOOP("Coaching", "You used your right arm where the pro uses the left"),
    "left_leg": QT_TRANSLATE_NOOP("Coaching", "You used your left leg where the pro uses the right"),
    "right_leg": QT_TRANSLATE_NOOP("Coaching", "You used your right leg where the pro uses the left"),
}


def advice_sentence(part: str, direction: str) -> str:
    """The advice for ``part`` (the dancer's own) and ``direction``, in the language spoken now."""
    return translate("Coaching", ADVICE_SENTENCES[(part, direction)])


def swap_sentence(part: str) -> str:
    """ "You used your right arm where the pro uses the left": ``part`` is the dancer's own limb used."""
    return translate("Coaching", SWAP_SENTENCES[part])


def _limb_text(part: str, direction: str) -> str:
    return advice_sentence(part, direction)


def _consistent(values: np.ndarray, step: float) -> float:
    """The median of ``values`` in steps when most of them agree in sign and it is over one step; else 0."""
    values = values[~np.isnan(values)]
    if len(values) < 2:
        return 0.0
    median = float(np.median(values))
    agree = float(np.mean(np.sign(values) == np.sign(median)))
    return median / step if abs(median) >= step and agree >= CONSISTENT_SHARE else 0.0


def _bend(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Degrees the joint at ``b`` is bent away from straight (0: straight)."""
    u, v = b - a, c - b
    cos = (u * v).sum(axis=1) / np.maximum(np.linalg.norm(u, axis=1) * np.linalg.norm(v, axis=1), 1e-9)
    return np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))


def _points(dirs: np.ndarray) -> dict[str, np.ndarray]:
    """The canonical body's joints by name, with the hips, and the unit vector across the body
    (towards the person's left) at the shoulders and at the hips."""
    joints = canonical_joints(dirs)
    points = {name: joints[:, k] for name, k in _JOINT.items()}
    points["left_hip"], points["right_hip"] = dirs[:, 3] * HIP_HALF, -dirs[:, 3] * HIP_HALF
    points["across_arm"], points["across_leg"] = dirs[:, 2], dirs[:, 3]
    return points


def _limb_direction(part: str, ref_dirs: np.ndarray, perf_dirs: np.ndarray) -> tuple[str, float] | None:
    """The clearest difference of an arm or leg over matched frames: (direction, steps) or None."""
    root, middle, end, outward = _LIMBS[part]
    ref, perf = _points(ref_dirs), _points(perf_dirs)
    across = "across_arm" if part.endswith("arm") else "across_leg"
    ref_out = ((ref[end] - ref[root]) * ref[across]).sum(axis=1) * outward
    perf_out = ((perf[end] - perf[root]) * perf[across]).sum(axis=1) * outward
    candidates = {
        # y points down: the pro's hand higher (smaller y) than the dancer's -> "higher"
        "higher": _consistent(perf[end][:, 1] - ref[end][:, 1], HEIGHT_STEP),
        "further out": _consistent(ref_out - perf_out, HEIGHT_STEP),
        "bend more": _consistent(_bend(ref[root], ref[middle], ref[end]) - _bend(perf[root], perf[middle], perf[end]), BEND_STEP_DEG),
    }
    name, steps = max(candidates.items(), key=lambda item: abs(item[1]))
    if steps == 0.0:
        return None
    opposite = {"higher": "lower", "further out": "closer in", "bend more": "straighter"}
    return (name if steps > 0 else opposite[name]), abs(steps)


def _angle(vectors: np.ndarray) -> np.ndarray:
    """Degrees of each (k, 2) vector from straight up, positive towards image right."""
    return np.degrees(np.arctan2(vectors[:, 0], -vectors[:, 1]))


def _body_direction(part: str, ref_dirs: np.ndarray, perf_dirs: np.ndarray, mirrored: bool) -> tuple[str, str, float] | None:
    """The torso's lean or the head's tilt and turn: (direction, text, steps) or None."""
    limb = 1 if part == "torso" else 0  # hips to shoulders; neck to nose
    ref_angle, perf_angle = _angle(ref_dirs[:, limb]), _angle(perf_dirs[:, limb])
    gap = (ref_angle - perf_angle + 180.0) % 360.0 - 180.0
    steps = _consistent(gap, LEAN_STEP_DEG)
    # image right is the person's left when they face the camera; a mirrored reading is flipped
    towards_left = (steps > 0) != mirrored
    side = "left" if towards_left else "right"
    if part == "torso":
        if steps == 0.0:
            return None
        upright = abs(float(np.nanmedian(ref_angle))) < LEAN_STEP_DEG / 2
        direction = "upright" if upright else f"lean {side}"
        return direction, advice_sentence(part, direction), abs(steps)
    up = _consistent(perf_dirs[:, 0, 1] - ref_dirs[:, 0, 1], np.sin(np.radians(LEAN_STEP_DEG)))
    if abs(up) > abs(steps):
        direction = "higher" if up > 0 else "lower"
        return direction, advice_sentence(part, direction), abs(up)
    if steps == 0.0:
        return None
    return f"turn {side}", advice_sentence(part, f"turn {side}"), abs(steps)


def part_advice(part: str, ref_dirs: np.ndarray, perf_dirs: np.ndarray, mirrored: bool) -> Advice | None:
    """What to change in ``part`` (the reference's naming) over matched frames: ``ref_dirs`` and
    ``perf_dirs`` (k, L, 2) limb directions (rows with NaN are left out). ``None`` when unsure."""
    usable = ~(np.isnan(ref_dirs).any(axis=(1, 2)) | np.isnan(perf_dirs).any(axis=(1, 2)))
    if usable.sum() < 2:
        return None
    ref_dirs, perf_dirs = ref_dirs[usable], perf_dirs[usable]
    own = _SWAP.get(part, part) if mirrored else part
    if part in _LIMBS:
        found = _limb_direction(part, ref_dirs, perf_dirs)
        return None if found is None else Advice(own, found[0], _limb_text(own, found[0]), part)
    body = _body_direction(part, ref_dirs, perf_dirs, mirrored)
    return None if body is None else Advice(own, body[0], body[1], part)


def key_frames(errors: np.ndarray) -> np.ndarray:
    """Indices of the worst ``KEY_SHARE`` of the frames by ``errors`` (NaN last)."""
    order = np.argsort(np.nan_to_num(-errors, nan=np.inf), kind="stable")
    return order[: max(2, int(np.ceil(KEY_SHARE * len(errors))))]


def advise(
    part_scores: dict[str, float | None], ref_dirs: np.ndarray, perf_dirs: np.ndarray, group_scores: np.ndarray, below: float, mirrored: bool, most: int = 2
) -> list[Advice]:
    """The one or two things that cost most in a stretch of matched frames.

    ``part_scores`` the stretch's score per part (``None``: not judged), ``group_scores`` (k, 6)
    per frame (the key frames of a part are where it scored worst), ``below`` the score under
    which a part is worth advice. Parts are tried from the lowest score up; a part whose
    direction is unclear is skipped, never guessed."""
    advice: list[Advice] = []
    ranked = sorted((score, part) for part, score in part_scores.items() if score is not None and score < below)
    for _, part in ranked:
        g = GROUPS.index(part)
        keys = key_frames(-np.asarray(group_scores[:, g], np.float64))
        found = part_advice(part, ref_dirs[keys], perf_dirs[keys], mirrored)
        if found is not None:
            advice.append(found)
        if len(advice) >= most:
            break
    return advice


def swapped_part(straight: dict[str, float | None], swapped: dict[str, float | None], mirrored: bool) -> str | None:
    """The dancer's own arm or leg used where the pro uses the other side, when, in a move, an
    arm or leg scores far better against the pro's other one (the dancer swapped sides for it)."""
    for part, other in (("left_arm", "right_arm"), ("left_leg", "right_leg")):
        a, b = straight.get(part), swapped.get(part)
        if a is None or b is None or not (b >= 65.0 and b - a >= 25.0):
            continue
        return part if mirrored else other
    return None


def swapped_sides(straight: dict[str, float | None], swapped: dict[str, float | None], mirrored: bool) -> str | None:
    """ "You used your right arm where the pro uses the left" (``swapped_part`` in words)."""
    part = swapped_part(straight, swapped, mirrored)
    return None if part is None else swap_sentence(part)
