"""DTW figures for ``dancelike bench score``: our exact banded DTW beside ``fastdtw``.

The data are pose-like features (smooth random motion in 24 dimensions, 0.2-2 Hz, plus
noise) and a performance that is a known warp of the reference: late by a wobbling
offset and slightly slower. Timings are medians of several runs in this process; run
it pinned to one core with ``OPENBLAS_NUM_THREADS=1`` for the one-core figure.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from dancelike.scoring.dtw import align

#: Feature size of the benchmark data: 12 limb directions in 2-D, like the scoring features.
FEATURE_DIMS = 24


def pose_like_features(times: np.ndarray, dims: int = FEATURE_DIMS, seed: int = 0, components: int = 4) -> np.ndarray:
    """Smooth random motion sampled at ``times`` (seconds): sums of sinusoids of 0.2-2 Hz.

    The same ``seed`` gives the same motion, so a warped copy is simply the same function
    sampled at warped times. Each dimension has unit-order amplitude.
    """
    rng = np.random.default_rng(seed)
    freqs = rng.uniform(0.2, 2.0, (components, dims))
    phases = rng.uniform(0.0, 2.0 * np.pi, (components, dims))
    amps = rng.uniform(0.5, 1.0, (components, dims)) / np.sqrt(components)
    t = np.asarray(times, dtype=np.float64)[:, None, None]
    return (amps * np.sin(2.0 * np.pi * freqs * t + phases)).sum(axis=1)


def warped_pair(seconds: float, fps: float, seed: int = 0, noise: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """A reference and a performance of it: 0.3 s late +- 0.2 s wobble, 2% slow, noisy."""
    frames = round(seconds * fps)
    t = np.arange(frames) / fps
    reference = pose_like_features(t, seed=seed)
    ref_time = 0.98 * t - 0.3 + 0.2 * np.sin(2.0 * np.pi * t / 20.0)
    noise_rng = np.random.default_rng(seed + 1)
    performance = pose_like_features(ref_time, seed=seed) + noise * noise_rng.standard_normal(reference.shape)
    return reference, performance


def median_seconds(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median wall time of ``repeat`` calls, and the last call's result."""
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return float(np.median(times)), result


def bench_dtw(seconds: float = 60.0, fps: float = 30.0, band_seconds: float = 3.0, seed: int = 0) -> dict[str, Any]:
    """Time exact banded DTW and ``fastdtw`` (radius 1, Euclidean) on the same warped pair.

    Also times a 3-minute pair (5400 x 5400 at 30 fps), the size the issue's target is
    set for. ``fastdtw`` is optional: its figures are ``None`` when it is not installed.
    """
    reference, performance = warped_pair(seconds, fps, seed)
    band = round(band_seconds * fps)
    ours_s, ours = median_seconds(lambda: align(reference, performance, band), repeat=5)
    long_ref, long_perf = warped_pair(180.0, fps, seed)
    long_s, long_alignment = median_seconds(lambda: align(long_ref, long_perf, band), repeat=5)
    figures: dict[str, Any] = {
        "frames": len(reference),
        "fps": fps,
        "features": reference.shape[1],
        "band_frames": band,
        "dtw_ms": round(ours_s * 1000.0, 2),
        "dtw_cost": round(ours.cost, 4),
        "dtw_path_steps": len(ours.path),
        "dtw_3min_frames": len(long_ref),
        "dtw_3min_ms": round(long_s * 1000.0, 2),
        "dtw_3min_cost": round(long_alignment.cost, 4),
        "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS"),
        "fastdtw_ms": None,
        "fastdtw_cost": None,
    }
    try:
        from fastdtw import fastdtw
    except ImportError:
        return figures
    fast_s, (fast_cost, _) = median_seconds(lambda: fastdtw(reference, performance, radius=1, dist=2), repeat=3)
    figures["fastdtw_ms"] = round(fast_s * 1000.0, 2)
    figures["fastdtw_cost"] = round(float(fast_cost), 4)
    figures["speedup"] = round(fast_s / ours_s, 1)
    return figures
