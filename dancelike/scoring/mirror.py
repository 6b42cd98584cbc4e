"""Whether the dancer copied the video as in a mirror: the one setting and the one decision.

Every path that scores (``dancelike score``, a live session's report, a recovered recording)
decides here: with ``Mirror.AUTO`` both readings of the performance (as filmed, mirrored) are
aligned with the reference and the mirrored one is kept only when it fits clearly better.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np

from dancelike.scoring.alignment import Line, align_on_line, search_line
from dancelike.scoring.calibration import Chance, relative, this_dance_relative
from dancelike.scoring.match import score_pairs
from dancelike.scoring.movement import matched_rows, movement_scores
from dancelike.scoring.poses import PoseTrack, mirror_readings, without_parts
from dancelike.scoring.report import per_reference_frame, reference_fps

#: How much better (relative agreement, 0 = chance, 1 = perfect) the mirrored reading must
#: match to be believed. Measured on the development set (2026-12-07, frames weighted by
#: ``mirror_evidence``): for every real copy the wrong reading fits 0.01-0.77 worse; for unrelated
#: motion the mirrored reading fits -0.21 to +0.44 better at random, which is why the mirrored
#: reading must also look like this dance (``calibration.this_dance_relative``): then no
#: unrelated performance is ever read mirrored, and a performance gets the same decision against
#: every reference of the same routine.
MIRROR_MARGIN = 0.05
#: Below this mean ``mirror_evidence`` (a dance whose poses are all their own mirror image, where
#: the decision hardly matters), the fit counts every frame alike instead.
EVIDENCE_MIN = 1e-4


class Mirror(str, enum.Enum):
    """``auto`` decides once from the evidence (``choose_reading``); ``on``/``off`` say."""

    AUTO = "auto"
    ON = "on"
    OFF = "off"

    @classmethod
    def parse(cls, value: object) -> Mirror:
        """The setting a stored value names, or ``AUTO`` when it names none (old or edited data)."""
        try:
            return cls(value)
        except ValueError:
            return cls.AUTO


@dataclass(frozen=True)
class Reading:
    """One reading of the performance (as filmed, or mirrored) aligned with the reference."""

    mirrored: bool
    track: PoseTrack
    line: Line
    path: np.ndarray
    fit: float  # mean relative agreement along the path (0 = chance, 1 = perfect)


def read_performance(reference: PoseTrack, performance: PoseTrack, mirrored: bool, perf_fps: float, chance: Chance, line: Line | None = None) -> Reading:
    """Align one reading of the performance (on ``line`` when the music or a clock gives it,
    else on the line the motion suggests) and measure how well it fits."""
    line = line or search_line(reference, performance)
    path = align_on_line(reference, performance, line, perf_fps)
    return Reading(mirrored, performance, line, path, fit_of(reference, performance, path, chance))


def fit_of(reference: PoseTrack, performance: PoseTrack, path: np.ndarray, chance: Chance) -> float:
    """Relative agreement along ``path``, each reference frame counted by how much a mirror
    changes its pose (``mirror_evidence``): what the mirror decision compares."""
    if not len(path):
        return -1.0
    count = len(reference)
    pairs = score_pairs(without_parts(reference), without_parts(performance), path)
    pose = per_reference_frame(path, pairs.frame, count)
    matched = matched_rows(path, count)
    moved = movement_scores(reference, performance, matched, reference_fps(reference))
    danced = matched >= 0
    agreement, weight = relative(pose, moved.frame, chance)[danced], mirror_evidence(reference)[danced]
    if weight.sum() < EVIDENCE_MIN * len(weight):  # a symmetric dance: every frame counts alike
        return float(agreement.mean())
    return float((agreement * weight).sum() / weight.sum())


def mirror_evidence(reference: PoseTrack) -> np.ndarray:
    """(n,) how much each reference frame can tell a mirrored copy from a plain one: the mean
    squared distance between its limb directions and their mirror image (0 for a symmetric
    pose). Squared, as the evidence of a difference grows under noise, so that standing still
    for minutes cannot outweigh a minute of dancing. Measured (2026-12-07, root mean square
    distance): the synthetic dancer standing 0.017, dancing 0.235; filmed people standing
    (the K-pop clip's end) 0.088, dancing 0.44-0.66."""
    mirrored, mirrored_visibility = mirror_readings(reference.directions, reference.visibility)
    distance = np.linalg.norm(reference.directions - mirrored, axis=2)  # (n, L)
    seen = (reference.visibility >= 0.5) & (mirrored_visibility >= 0.5)
    squared = np.where(seen & ~np.isnan(distance), distance**2, 0.0)
    return squared.sum(axis=1) / np.maximum(seen.sum(axis=1), 1)


def readings_to_try(mirror: Mirror | str) -> list[bool]:
    """Which readings of the performance to align (False: as filmed, True: mirrored)."""
    mirror = Mirror(mirror)
    return [False] if mirror is Mirror.OFF else [True] if mirror is Mirror.ON else [False, True]


def mirrored_wins(fits: dict[bool, float]) -> bool:
    """The decision from each tried reading's fit: mirrored when it is the only reading, or when
    it fits clearly better (``MIRROR_MARGIN``) than the reading as filmed and looks like this
    dance (an unrelated performance is never called mirrored)."""
    if False not in fits:
        return True
    return True in fits and fits[True] > fits[False] + MIRROR_MARGIN and fits[True] >= this_dance_relative()


def choose_reading(
    reference: PoseTrack, plain: PoseTrack, mirrored: PoseTrack, perf_fps: float, mirror: Mirror | str, chance: Chance, line: Line | None = None
) -> Reading:
    """Decide once per performance whether it is mirrored: both readings are aligned and the
    mirrored one is kept only when it fits clearly better (``MIRROR_MARGIN``)."""
    tried = {m: read_performance(reference, mirrored if m else plain, m, perf_fps, chance, line) for m in readings_to_try(mirror)}
    return tried[mirrored_wins({m: reading.fit for m, reading in tried.items()})]
