"""Online time warping for live sessions: how far the dancer is behind the reference, now.

Live matching compares the dancer's current pose with the reference pose of the same
*move*, not of the same clock time, so it needs a running lag estimate. The reference
is known in full; the performance arrives one frame at a time.

Method (an online DTW in the spirit of Dixon's OLTW): keep one column of the accumulated
cost matrix over a window of reference frames, and add a column per performance frame
in O(window) numpy work. Choices that make it robust:

* Each performance frame costs exactly one cell: a path reaches ``(i, j)`` from
  ``(i, j-1)``, ``(i-1, j-1)`` or ``(i-2, j-1)`` (dancer holding, in step, or up to twice
  the tempo). Every path ending in the current column has the same length, so the
  column's argmin carries no bias towards lagging behind when the dancer rushes.
* Old evidence fades (``memory_seconds``), so an early wrong guess cannot lock the path in.
* The window is centred on the dancer's own clock and follows the path only slowly
  (``follow_rate``), so a bad stretch cannot drag the true path out of it.
* The raw position jitters by a frame or so; a line fitted to the last
  ``smooth_seconds`` of raw positions, outliers dropped, gives a smooth lag that follows
  a steady tempo drift without delay.
* Frames with no dancer (NaN) and skipped camera frames carry the path on at the
  reference's tempo instead of guessing from nothing.
"""

from __future__ import annotations

import math

import numpy as np

from dancelike.scoring.dtw import DEFAULT_MISSING_COST

#: Residual (in reference frames) beyond which a raw position is ignored by the line fit.
_OUTLIER_FRAMES = 2.5


class OnlineAligner:
    """Running lag of a live performance behind a known reference.

    ``lag`` is in seconds, positive when the dancer is behind (does a move after the
    reference does). ``search_seconds`` is the window's half-width: how far from the
    window's centre (at first the dancer's own clock) the dancer may be. ``memory_seconds``
    is the time constant over which old evidence fades, ``smooth_seconds`` the span of the
    smoothing fit, ``follow_rate`` how fast (frames per frame) the window's centre may
    drift from the dancer's clock towards the path: 0.25 follows tempos of 0.75x-1.25x.
    """

    def __init__(
        self,
        reference: np.ndarray,
        fps: float,
        *,
        search_seconds: float = 2.0,
        memory_seconds: float = 4.0,
        smooth_seconds: float = 1.0,
        follow_rate: float = 0.25,
        missing_cost: float = DEFAULT_MISSING_COST,
    ) -> None:
        ref = np.ascontiguousarray(reference, dtype=np.float64)
        if ref.ndim != 2 or len(ref) == 0:
            raise ValueError(f"reference must be a non-empty (frames, features) array, got shape {ref.shape}")
        if not fps > 0:
            raise ValueError(f"fps must be positive, got {fps}")
        self._ref = ref
        self._ref_missing = np.asarray(np.isnan(ref).any(axis=1))  # (frames,): ref is 2-D
        self._fps = float(fps)
        self._missing_cost = float(missing_cost)
        self._half = max(1, round(search_seconds * fps))
        self._width = min(len(ref), 2 * self._half + 1)
        self._pad = self._half + 3
        self._keep = math.exp(-1.0 / (memory_seconds * fps))
        self._fit_size = max(3, round(smooth_seconds * fps))
        self._fit_t = np.zeros(self._fit_size)
        self._fit_r = np.zeros(self._fit_size)
        self._fit_count = 0
        # One accumulated-cost column over reference frames lo .. lo+width-1, with
        # infinite padding either side so a shifted window reads no garbage.
        self._column = np.full(self._width + 2 * self._pad, np.inf)
        self._lo = 0
        self._centre = 0.0  # reference frame the window is centred on
        self._follow = follow_rate
        self._best = 0  # reference frame the latest performance frame matched
        self._frames = 0
        self._last_t: float | None = None
        self._lag = 0.0
        self._scratch = np.empty(self._width)

    @property
    def lag(self) -> float:
        """Smoothed lag in seconds (positive: the dancer is behind the reference)."""
        return self._lag

    @property
    def frames(self) -> int:
        """How many performance frames were pushed."""
        return self._frames

    @property
    def reference_time(self) -> float:
        """Where in the reference (seconds) the dancer's latest frame matched, unsmoothed."""
        return self._best / self._fps

    def push(self, feature: np.ndarray, t: float | None = None) -> float:
        """Add the next performance frame (at time ``t`` s, default frame index / fps); return ``lag``.

        A gap in ``t`` longer than a frame (a dropped camera frame) is bridged as if the
        dancer kept the reference's tempo; so is a frame whose features contain NaN.
        """
        feature = np.asarray(feature, dtype=np.float64)
        if feature.shape != (self._ref.shape[1],):
            raise ValueError(f"feature must have shape ({self._ref.shape[1]},), got {feature.shape}")
        now = self._frames / self._fps if t is None else float(t)
        missing = bool(np.isnan(feature).any())
        if self._last_t is None:
            self._start(feature, missing)
        else:
            skipped = max(0, round((now - self._last_t) * self._fps) - 1)
            if skipped:
                self._coast(skipped)
            if missing:
                self._coast(1)
            else:
                self._advance(feature)
        self._frames += 1
        self._last_t = now
        if not missing:
            self._observe(now, self._best / self._fps)
        self._lag = self._smoothed_lag(now)
        return self._lag

    def _local_costs(self, lo: int, feature: np.ndarray) -> np.ndarray:
        diff = self._ref[lo : lo + self._width] - feature
        costs = np.sqrt(np.einsum("ij,ij->i", diff, diff))
        costs[self._ref_missing[lo : lo + self._width]] = self._missing_cost
        return costs

    def _window(self) -> np.ndarray:
        return self._column[self._pad : self._pad + self._width]

    def _start(self, feature: np.ndarray, missing: bool) -> None:
        """First frame: the dancer may start anywhere in the first window (open beginning)."""
        self._lo = 0
        self._window()[:] = 0.0 if missing else self._local_costs(0, feature)
        self._best = self._lo + int(np.argmin(self._window()))

    def _coast(self, frames: int) -> None:
        """Carry the path diagonally over ``frames`` frames that have no evidence."""
        n = len(self._ref)
        lo = min(self._lo + frames, n - self._width)
        self._move_window(lo, frames)
        self._best = min(self._best + frames, n - 1)
        self._centre += frames

    def _move_window(self, lo: int, diagonal: int) -> None:
        """Re-index the column for a window starting at ``lo``, shifting values ``diagonal`` frames."""
        shift = lo - self._lo - diagonal  # old index of the value landing at new index 0
        old = self._column.copy()
        self._column[:] = np.inf
        src0 = max(0, shift)
        dst0 = max(0, -shift)
        count = self._width - abs(shift)
        if count > 0:
            dst, src = self._pad + dst0, self._pad + src0
            self._column[dst : dst + count] = old[src : src + count]
        else:
            self._window()[:] = 0.0  # lost the path entirely: start afresh here
        self._lo = lo

    def _advance(self, feature: np.ndarray) -> None:
        """Add one performance column (one cell per path), with the window moved towards the path."""
        n = len(self._ref)
        # The window follows the path only slowly, so one bad stretch cannot drag the
        # true path out of it; the dancer's own clock is the prior.
        self._centre += 1.0 + min(max(self._best + 1 - (self._centre + 1.0), -self._follow), self._follow)
        lo = min(max(round(self._centre) - self._half, 0), n - self._width)
        shift = lo - self._lo
        costs = self._local_costs(lo, feature)
        prev = self._column
        start = self._pad + shift
        best_prev = self._scratch
        # One cell per performance frame: from D[i, j-1], D[i-1, j-1] or D[i-2, j-1]
        # (dancer holding, in step, or at up to twice the tempo), faded by the memory.
        np.minimum(prev[start : start + self._width], prev[start - 1 : start - 1 + self._width], out=best_prev)
        np.minimum(best_prev, prev[start - 2 : start - 2 + self._width], out=best_prev)
        best_prev *= self._keep
        best_prev += costs
        prev[:] = np.inf
        column = self._window()
        column[:] = best_prev
        column -= column.min()  # only differences matter; keeps numbers small in long sessions
        self._lo = lo
        self._best = lo + int(np.argmin(column))

    def _observe(self, now: float, ref_time: float) -> None:
        slot = self._fit_count % self._fit_size
        self._fit_t[slot] = now
        self._fit_r[slot] = ref_time
        self._fit_count += 1

    def _smoothed_lag(self, now: float) -> float:
        """Lag at ``now`` from a line through recent raw positions (ref time vs dancer time).

        Only positions from the last ``smooth_seconds`` before the newest one count. The
        line is extrapolated at most that far; beyond (a long gap) the reference's tempo is.
        """
        count = min(self._fit_count, self._fit_size)
        if count == 0:
            return 0.0
        t = self._fit_t[:count]
        r = self._fit_r[:count]
        newest = float(t.max())
        recent = t >= newest - self._fit_size / self._fps
        t, r = t[recent], r[recent]
        # Start from the newest few positions, so after a real jump the new regime wins
        # as soon as it has a quorum rather than when it is the majority of the span.
        newest_few = np.argsort(t)[-max(3, len(t) // 4) :]
        predicted = t + _median((r[newest_few] - t[newest_few]).tolist())
        for fit in range(2):
            keep = np.abs(r - predicted) <= _OUTLIER_FRAMES / self._fps
            if keep.sum() < 3:
                keep[:] = True
            slope, intercept = _line_fit(t[keep], r[keep])
            if fit == 0:
                predicted = intercept + slope * t
        until = min(now, newest + self._fit_size / self._fps)
        return until - (intercept + slope * until)


def _median(values: list[float]) -> float:
    """``np.median`` of a few numbers (no NaN), in plain Python: the same number, for a fraction
    of the cost (the aligner asks for one a frame)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2.0


def _line_fit(t: np.ndarray, r: np.ndarray) -> tuple[float, float]:
    """Least-squares ``r = intercept + slope t``; slope 1 when the times do not spread."""
    t_mean = t.sum() / len(t)  # what ``mean`` does, without its wrapper (two fits a frame)
    r_mean = r.sum() / len(r)
    spread = ((t - t_mean) ** 2).sum()
    slope = 1.0 if spread <= 1e-12 else float(((t - t_mean) * (r - r_mean)).sum() / spread)
    slope = min(max(slope, 0.75), 1.33)  # tempo ratios a dancer keeps up for a second
    return slope, float(r_mean - slope * t_mean)
