"""Aligning a performance with the reference: first a steady line, then exact DTW close to it.

A dancer copying a video keeps a steady tempo and a roughly constant delay; what varies is a
few hundred milliseconds here and there. So the alignment is found in two steps:

1. **The line** ``t_perf = offset + rate * t_ref``: from the music when both videos carry the
   same song (``sync.music_offset``), from the session clock in a live session, else from the
   motion (the offset and rate, among the plausible ones, along which the poses differ least).
2. **Exact DTW within ``BAND_S`` of the line**, each non-diagonal step costing
   ``STEP_PENALTY``: the path may follow a dancer who drifts a little, but cannot warp an
   unrelated dance into a match frame by frame.

Only the stretch both videos cover is aligned: a performance that stops after 8 s of a 19 s
reference leaves the rest of the reference unmatched (not danced), instead of being stretched
over all of it. Pure numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dancelike.scoring.dtw import align
from dancelike.scoring.poses import PoseTrack

#: How far (seconds) the path may stray from the line.
BAND_S = 1.0
#: Offsets searched (seconds either way) when neither music nor a clock gives the offset.
SEARCH_S = 1.5
#: Step of the offset search (seconds).
SEARCH_STEP_S = 0.05
#: Tempo ratios tried besides the ratio of the two lengths (when that one is plausible).
RATES = (1.0,)
PLAUSIBLE_RATES = (0.75, 1.35)
#: DTW cost of a pair with nobody on one side. Features are 12 unit vectors, so a good match
#: costs ~0.3 and unrelated poses ~4.9; an empty frame sits between a sloppy match and an
#: unrelated one, so the path neither hunts for nor avoids gaps.
MISSING_COST = 2.5
#: Extra cost of a step where one dancer waits for the other (a frame's cost is 0.3-5).
STEP_PENALTY = 0.3


@dataclass(frozen=True)
class Line:
    """Where the performance is expected: ``t_perf = offset_s + rate * t_ref``; ``source`` is
    "music", "clock" or "motion"."""

    offset_s: float
    rate: float
    source: str

    def at(self, ref_times: np.ndarray) -> np.ndarray:
        return self.offset_s + self.rate * np.asarray(ref_times, np.float64)


def _nearest(times: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Index of the frame of ``times`` (sorted) nearest to each ``wanted`` time."""
    right = np.clip(np.searchsorted(times, wanted), 1, max(1, len(times) - 1))
    left = right - 1
    if len(times) == 1:
        return np.zeros(len(wanted), np.int64)
    return np.where(np.abs(times[left] - wanted) <= np.abs(times[right] - wanted), left, right).astype(np.int64)


def _mean_cost(reference: PoseTrack, performance: PoseTrack, line: Line, rows: np.ndarray) -> float:
    """Mean pose distance along ``line`` over the reference ``rows`` it keeps inside the performance
    (infinite when that overlap is under half of the shorter video)."""
    wanted = line.at(reference.times[rows])
    inside = (wanted >= performance.times[0]) & (wanted <= performance.times[-1])
    shorter = min(len(rows), len(performance) * len(rows) / max(1, len(reference)))
    if inside.sum() < max(2, 0.5 * shorter):
        return float("inf")
    ref = reference.features[rows[inside]]
    perf = performance.features[_nearest(performance.times, wanted[inside])]
    distance = np.sqrt(((ref - perf) ** 2).sum(axis=1))
    return float(np.where(np.isnan(distance), MISSING_COST, distance).mean())


def search_line(reference: PoseTrack, performance: PoseTrack) -> Line:
    """The steady line along which the poses differ least: offsets within ``SEARCH_S``, the
    rate 1 or the ratio of the lengths (a dancer who kept a steady but different tempo)."""
    ref_span = float(reference.times[-1] - reference.times[0])
    perf_span = float(performance.times[-1] - performance.times[0])
    rates = list(RATES)
    if ref_span > 0 and PLAUSIBLE_RATES[0] <= perf_span / ref_span <= PLAUSIBLE_RATES[1]:
        rates.append(perf_span / ref_span)
    rows = np.arange(0, len(reference), 2)  # every other frame is plenty for a steady line
    best = (float("inf"), Line(0.0, 1.0, "motion"))
    start = float(performance.times[0] - reference.times[0])
    for rate in rates:
        for offset in start + np.arange(-SEARCH_S, SEARCH_S + 1e-9, SEARCH_STEP_S):
            line = Line(float(offset), float(rate), "motion")
            cost = _mean_cost(reference, performance, line, rows)
            if cost < best[0]:
                best = (cost, line)
    return best[1]


def align_on_line(reference: PoseTrack, performance: PoseTrack, line: Line, perf_fps: float) -> np.ndarray:
    """The DTW path ``(k, 2)`` of (reference frame, performance row) pairs over the stretch both
    cover, within ``BAND_S`` of ``line``; empty when they do not overlap."""
    if len(reference) == 0 or len(performance) == 0:
        return np.zeros((0, 2), np.int64)
    tolerance = 0.5 / max(perf_fps, 1e-6)
    wanted = line.at(reference.times)
    inside = np.flatnonzero((wanted >= performance.times[0] - tolerance) & (wanted <= performance.times[-1] + tolerance))
    if len(inside) == 0:
        return np.zeros((0, 2), np.int64)
    first_ref, last_ref = int(inside[0]), int(inside[-1])
    first_perf, last_perf = (int(k) for k in _nearest(performance.times, wanted[[first_ref, last_ref]]))
    if last_perf < first_perf:
        return np.zeros((0, 2), np.int64)
    ref = reference.features[first_ref : last_ref + 1]
    perf = performance.features[first_perf : last_perf + 1]
    band = int(round(BAND_S * perf_fps))
    alignment = align(ref, perf, band=band, missing_cost=MISSING_COST, step_penalty=STEP_PENALTY)
    return np.asarray(alignment.path, np.int64) + np.array([first_ref, first_perf])
