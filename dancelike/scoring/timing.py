"""The one timing model: delay, tempo and steadiness from the alignment, and what they cost.

Everything the dancer reads about timing (the summary's clause, the results screen's timing
line, the timing score, the accents, each move's "a bit earlier") comes from ``Timing``: one
source per fact, so a sentence never contradicts a number on the same screen (issue 18).

Frames the computer did not analyse are unknown, never late: the delay is read only where
both dancers were seen, and the steadiness is measured on the delay smoothed over
``SMOOTH_S`` (a performance analysed at 12 frames a second has a staircase path whose steps
are sampling, not dancing). Pure numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Steadiness: the spread of the delay (s) at which it is worth exp(-1) of the timing score.
JITTER_SCALE_S = 0.25
#: A constant delay costs from ``OFFSET_FREE_S`` up to ``OFFSET_COST`` points at ``OFFSET_FREE_S + OFFSET_SPAN_S``.
OFFSET_FREE_S, OFFSET_SPAN_S, OFFSET_COST = 0.1, 0.4, 10.0
#: A tempo off by a factor of ``TEMPO_SPAN`` (faster or slower) costs ``TEMPO_COST`` points.
TEMPO_SPAN, TEMPO_COST = 1.25, 10.0
#: The delay is smoothed over this long (seconds) before its spread is measured.
SMOOTH_S = 0.5
#: Under this delay (seconds) the dancer is "on the beat"; the same bound everywhere.
ON_BEAT_S = 0.1
#: A deduction of at least this many points is named in words (the largest one only).
NAMED_COST = 5.0


@dataclass(frozen=True)
class Timing:
    """Timing figures from the alignment: all in seconds except the ratio and the scores."""

    offset_s: float  # median delay, positive = dancer late
    tempo_ratio: float  # dancer's tempo / reference tempo
    jitter_s: float  # spread of the delay once offset and tempo are taken out
    lag_s: np.ndarray  # delay at every reference frame (NaN where unknown)
    score: float
    judged: bool = True  # False: too little seen to say anything about timing

    @property
    def unsteadiness_cost(self) -> float:
        return 100.0 * (1.0 - float(np.exp(-((self.jitter_s / JITTER_SCALE_S) ** 2))))

    @property
    def offset_cost(self) -> float:
        return OFFSET_COST * float(np.clip((abs(self.offset_s) - OFFSET_FREE_S) / OFFSET_SPAN_S, 0.0, 1.0))

    @property
    def tempo_cost(self) -> float:
        return TEMPO_COST * float(np.clip(abs(np.log(self.tempo_ratio)) / np.log(TEMPO_SPAN), 0.0, 1.0))

    @property
    def main_fault(self) -> str | None:
        """The largest deduction when it is worth naming: "unsteady", "late", "early", "fast",
        "slow"; ``None`` when nothing costs ``NAMED_COST`` points."""
        # A different tempo comes first: it is what makes the delay grow, not the other way round.
        if self.tempo_cost >= NAMED_COST:
            return "fast" if self.tempo_ratio > 1.0 else "slow"
        costs = {"unsteady": self.unsteadiness_cost, ("late" if self.offset_s > 0 else "early"): self.offset_cost}
        fault, cost = max(costs.items(), key=lambda item: item[1])
        return fault if cost >= NAMED_COST else None

    @property
    def on_beat(self) -> bool:
        return abs(self.offset_s) < ON_BEAT_S


NOT_JUDGED = Timing(0.0, 1.0, 0.0, np.zeros(0), 0.0, judged=False)


def _smoothed(times: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``values`` averaged over ``SMOOTH_S`` of ``times`` (a running mean over the known points)."""
    if len(values) < 3:
        return values
    step = float(np.median(np.diff(times))) or 1.0 / 30.0
    width = max(1, int(round(SMOOTH_S / step)))
    if width <= 1:
        return values
    kernel = np.ones(width)
    sums = np.convolve(values, kernel, mode="same")
    counts = np.convolve(np.ones_like(values), kernel, mode="same")
    return sums / counts


def timing_from_path(ref_times: np.ndarray, matched: np.ndarray, valid: np.ndarray) -> Timing:
    """Delay per reference frame and its summary; ``matched`` is the performance time per
    reference frame (already on the reference's clock: the music's offset taken out), ``valid``
    where both dancers were seen and the frame was danced."""
    lag = np.where(valid, matched - ref_times, np.nan)
    usable = np.flatnonzero(valid)
    if len(usable) < 3:
        return Timing(0.0, 1.0, 0.0, lag, 0.0, judged=False)
    slope, intercept = np.polyfit(ref_times[usable], matched[usable], 1)
    slope = float(np.clip(slope, 0.25, 4.0))
    residual = _smoothed(ref_times[usable], matched[usable] - (slope * ref_times[usable] + intercept))
    jitter = float(1.4826 * np.median(np.abs(residual - np.median(residual))))
    offset = float(np.median(lag[usable]))
    timing = Timing(offset, 1.0 / slope, jitter, lag, 0.0)
    score = max(0.0, 100.0 - timing.unsteadiness_cost - timing.offset_cost - timing.tempo_cost)
    return Timing(offset, timing.tempo_ratio, jitter, lag, score)


def move_delay(timing: Timing, frames: np.ndarray) -> float | None:
    """The median delay (s) over ``frames`` (a move's reference frames), or ``None`` when too
    few of them are known."""
    if not len(timing.lag_s) or not len(frames):
        return None
    lags = timing.lag_s[frames]
    lags = lags[~np.isnan(lags)]
    return float(np.median(lags)) if len(lags) >= max(3, 0.5 * len(frames)) else None
