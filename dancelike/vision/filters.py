"""Temporal smoothing of landmarks, as MediaPipe's pose graph does in video mode.

A One Euro filter per coordinate: still points are smoothed hard (no jitter), fast
ones barely (no lag). Velocities are measured relative to the body's size so the
same settings suit a dancer near or far from the camera.
"""

from __future__ import annotations

import math

import numpy as np


class OneEuroFilter:
    """Vectorised One Euro filter over an array of values (MediaPipe's variant).

    ``apply(t, values, value_scale)``: ``t`` in seconds, strictly increasing;
    ``value_scale`` converts value differences into the units ``beta`` expects.
    """

    def __init__(self, min_cutoff: float, beta: float, derivate_cutoff: float = 1.0, frequency: float = 30.0) -> None:
        self.min_cutoff = min_cutoff
        self.beta = beta
        self.derivate_cutoff = derivate_cutoff
        self.frequency = frequency
        self._last_t: float | None = None
        self._last_raw: np.ndarray | None = None
        self._last_value: np.ndarray | None = None
        self._last_derivative: np.ndarray | None = None

    def reset(self) -> None:
        self._last_t = self._last_raw = self._last_value = self._last_derivative = None

    def _alpha(self, cutoff: np.ndarray | float) -> np.ndarray | float:
        te = 1.0 / self.frequency
        tau = 1.0 / (2 * math.pi * cutoff)
        return 1.0 / (1.0 + tau / te)

    def apply(self, t: float, values: np.ndarray, value_scale: float = 1.0) -> np.ndarray:
        values = np.asarray(values, dtype=np.float64)
        if self._last_t is not None and t <= self._last_t:
            return values  # not a newer sample: nothing sensible to filter
        if self._last_t is not None:
            self.frequency = 1.0 / (t - self._last_t)
        self._last_t = t
        if self._last_raw is None:
            derivative = np.zeros_like(values)
        else:
            derivative = (values - self._last_raw) * value_scale * self.frequency
        alpha_d = self._alpha(self.derivate_cutoff)
        if self._last_derivative is not None:
            derivative = alpha_d * derivative + (1 - alpha_d) * self._last_derivative
        self._last_derivative = derivative
        alpha = self._alpha(self.min_cutoff + self.beta * np.abs(derivative))
        filtered = values if self._last_value is None else alpha * values + (1 - alpha) * self._last_value
        self._last_raw = values
        self._last_value = filtered
        return filtered


class LowPassFilter:
    """Exponential smoothing with a fixed ``alpha`` (weight of the newest sample)."""

    def __init__(self, alpha: float) -> None:
        self.alpha = alpha
        self._value: np.ndarray | None = None

    def reset(self) -> None:
        self._value = None

    def apply(self, values: np.ndarray) -> np.ndarray:
        values = np.asarray(values, dtype=np.float64)
        self._value = values if self._value is None else self.alpha * values + (1 - self.alpha) * self._value
        return self._value


def object_scale(points: np.ndarray) -> float:
    """Mean of the width and height of the points' bounding box (MediaPipe's object scale)."""
    span = points[:, :2].max(axis=0) - points[:, :2].min(axis=0)
    return float(span.sum() / 2.0)


class LandmarkSmoother:
    """Smooths landmark positions and visibilities across frames of one track."""

    def __init__(self, min_cutoff: float, beta: float, derivate_cutoff: float = 1.0) -> None:
        self.positions = OneEuroFilter(min_cutoff, beta, derivate_cutoff)
        self.visibility = LowPassFilter(0.1)

    def reset(self) -> None:
        self.positions.reset()
        self.visibility.reset()

    def apply(self, t: float, points: np.ndarray, visibility: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        scale = object_scale(points)
        if scale < 1e-6:
            return points, visibility
        return self.positions.apply(t, points, 1.0 / scale), self.visibility.apply(visibility)
