"""Checking a multi-person tracker against a group scene's truth: identity switches and
landmark error per person.

Each frame, every tracked body is matched to the true person whose shoulders and hips it
is nearest (on average within a quarter of their height; a body is one person's at most),
keeping, as CLEAR MOT does, last frame's pairings that still hold: a reading blurred for a
frame between a dancer and the one she passes is an error of her landmarks, not a switch. A person's *identity switches* are the times the number
following them changes from one matched frame to the next, counted after the tracker has
first settled on them. The landmark error is measured only on landmarks the truth says
were in the picture and not covered by someone in front.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dancelike.vision.landmark_names import HIPS, SHOULDERS

_TORSO = [*SHOULDERS, *HIPS]


@dataclass
class PersonCheck:
    """How one true person was followed."""

    id: int
    role: str
    numbers: list[int] = field(default_factory=list)  # the tracker's number per matched frame
    errors: list[float] = field(default_factory=list)  # pixel errors of uncovered landmarks
    frames_in_frame: int = 0
    last_frame: int = -2  # the last frame they were matched in

    @property
    def switches(self) -> int:
        return sum(1 for a, b in zip(self.numbers, self.numbers[1:], strict=False) if a != b)

    @property
    def median_error(self) -> float:
        return float(np.median(self.errors)) if self.errors else float("nan")

    @property
    def followed_share(self) -> float:
        return len(self.numbers) / max(1, self.frames_in_frame)


def check_tracking(truth: dict[str, Any], tracked: list[dict[int, np.ndarray]]) -> list[PersonCheck]:
    """``tracked[k]`` maps the tracker's numbers to (33, >=2) landmarks in frame ``k``."""
    checks = [PersonCheck(int(p["id"]), str(p["role"])) for p in truth["people"]]
    for k, found in enumerate(tracked):
        candidates = []
        for check, person in zip(checks, truth["people"], strict=True):
            if not person["in_frame"][k]:
                continue
            check.frames_in_frame += 1
            joints = np.asarray(person["joints"][k], float)
            for number, landmarks in found.items():
                distance = float(np.linalg.norm(landmarks[_TORSO, :2] - joints[_TORSO], axis=1).mean())
                if distance < person["height_px"] / 4.0:
                    candidates.append((distance, check, number, joints, set(person["hidden"][k]), landmarks))
        used_people, used_numbers = set(), set()
        # CLEAR MOT's rule: a pairing of the last frame that still holds (within the distance)
        # is kept before the rest are matched nearest first
        kept = [c for c in candidates if c[1].numbers and c[1].numbers[-1] == c[2] and c[1].last_frame == k - 1]
        for _distance, check, number, joints, hidden, landmarks in kept + sorted(candidates, key=lambda c: c[0]):
            if check.id in used_people or number in used_numbers:
                continue
            used_people.add(check.id)
            used_numbers.add(number)
            check.numbers.append(number)
            check.last_frame = k
            shown = [j for j in range(33) if j not in hidden]
            check.errors.extend(np.linalg.norm(landmarks[shown, :2] - joints[shown], axis=1).tolist())
    return checks
