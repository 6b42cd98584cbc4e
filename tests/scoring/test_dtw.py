"""Exact banded DTW against a brute-force DP and fastdtw; the online aligner on known lags."""

from __future__ import annotations

import sys
from fractions import Fraction
from math import floor

import numpy as np
import pytest

from dancelike.commands.bench_dtw import bench_dtw, pose_like_features
from dancelike.scoring.dtw import Alignment, align, path_costs
from dancelike.scoring.online import OnlineAligner

FPS = 30.0


def brute_force_cost(ref: np.ndarray, perf: np.ndarray, band: int | None, missing_cost: float = 1.0, penalty: float = 0.0) -> float:
    """O(nm) textbook DTW over the band as documented, written independently of the module."""
    n, m = len(ref), len(perf)

    def cost(i: int, j: int) -> float:
        if np.isnan(ref[i]).any() or np.isnan(perf[j]).any():
            return missing_cost
        return float(np.sqrt(((ref[i] - perf[j]) ** 2).sum()))

    if band is None or n == 1 or m == 1:
        allowed = [[True] * m for _ in range(n)]
    else:
        centre = [floor(Fraction(i * (m - 1), n - 1) + Fraction(1, 2)) for i in range(n)]
        jumps = max(centre[i + 1] - centre[i] for i in range(n - 1))
        half = max(band, -(-(jumps - 1) // 2))  # consecutive windows must touch
        allowed = [[abs(j - centre[i]) <= half for j in range(m)] for i in range(n)]
    acc = [[float("inf")] * m for _ in range(n)]
    for i in range(n):
        for j in range(m):
            if not allowed[i][j]:
                continue
            if i == 0 and j == 0:
                acc[i][j] = cost(0, 0)
                continue
            before = min(
                acc[i - 1][j] + penalty if i else float("inf"),
                acc[i][j - 1] + penalty if j else float("inf"),
                acc[i - 1][j - 1] if i and j else float("inf"),
            )
            acc[i][j] = before + cost(i, j)
    return acc[n - 1][m - 1]


def assert_valid_path(alignment: Alignment, n: int, m: int) -> None:
    path = alignment.path
    assert path.dtype == np.int64 and path.ndim == 2 and path.shape[1] == 2
    assert tuple(path[0]) == (0, 0) and tuple(path[-1]) == (n - 1, m - 1)
    steps = {tuple(step) for step in np.diff(path, axis=0).tolist()}
    assert steps <= {(1, 0), (0, 1), (1, 1)}
    assert alignment.frame_costs.shape == (len(path),)
    assert np.isfinite(alignment.frame_costs).all()
    assert alignment.cost == pytest.approx(alignment.frame_costs.sum())


def random_case(rng: np.random.Generator, n: int, m: int, dims: int, nan_rows: bool) -> tuple[np.ndarray, np.ndarray]:
    ref = rng.normal(size=(n, dims))
    perf = rng.normal(size=(m, dims))
    if nan_rows:
        ref[rng.random(n) < 0.2] = np.nan
        perf[rng.random(m) < 0.2, 0] = np.nan  # one NaN makes the whole frame missing
    return ref, perf


@pytest.mark.parametrize("penalty", [0.3, 1.5])
@pytest.mark.parametrize("band", [None, 3])
def test_a_step_penalty_is_paid_per_non_diagonal_step(band: int | None, penalty: float) -> None:
    """With a step penalty the path's cost plus the penalty of each waiting step equals the
    brute-force optimum, and a larger penalty never makes the path less diagonal."""
    rng = np.random.default_rng(7 + int(10 * penalty) + (band or 0))
    for n, m in ((12, 12), (9, 17), (23, 14)):
        ref, perf = random_case(rng, n, m, 3, nan_rows=False)
        alignment = align(ref, perf, band, step_penalty=penalty)
        assert_valid_path(alignment, n, m)
        waits = int((np.diff(alignment.path, axis=0).sum(axis=1) == 1).sum())
        assert alignment.cost + penalty * waits == pytest.approx(brute_force_cost(ref, perf, band, penalty=penalty))
        free = align(ref, perf, band)
        assert waits <= int((np.diff(free.path, axis=0).sum(axis=1) == 1).sum())


@pytest.mark.parametrize("band", [None, 0, 1, 2, 4, 7])
@pytest.mark.parametrize("nan_rows", [False, True])
def test_equals_brute_force_dp(band: int | None, nan_rows: bool) -> None:
    rng = np.random.default_rng(1000 + (band or 99) + 17 * nan_rows)
    sizes = [(1, 1), (1, 6), (6, 1), (2, 2), (5, 5), (7, 19), (19, 7), (13, 14), (24, 24), (30, 11), (3, 28)]
    sizes += [tuple(int(v) for v in rng.integers(1, 30, 2)) for _ in range(12)]
    for n, m in sizes:
        ref, perf = random_case(rng, n, m, int(rng.integers(1, 6)), nan_rows)
        alignment = align(ref, perf, band, missing_cost=1.5)
        assert_valid_path(alignment, n, m)
        expected = brute_force_cost(ref, perf, band, missing_cost=1.5)
        assert alignment.cost == pytest.approx(expected, rel=1e-9, abs=1e-9), (n, m, band)


def test_frame_costs_are_the_local_costs_along_the_path() -> None:
    rng = np.random.default_rng(5)
    ref, perf = random_case(rng, 40, 33, 4, nan_rows=True)
    alignment = align(ref, perf, 6, missing_cost=2.0)
    ref_i, perf_j = alignment.path.T
    missing = np.isnan(ref[ref_i]).any(axis=1) | np.isnan(perf[perf_j]).any(axis=1)
    assert np.all(alignment.frame_costs[missing] == 2.0)
    direct = np.linalg.norm(ref[ref_i[~missing]] - perf[perf_j[~missing]], axis=1)
    np.testing.assert_allclose(alignment.frame_costs[~missing], direct, rtol=1e-12)
    np.testing.assert_allclose(path_costs(ref, perf, alignment.path, 2.0), alignment.frame_costs)


def test_never_costlier_than_fastdtw() -> None:
    fastdtw = pytest.importorskip("fastdtw").fastdtw
    rng = np.random.default_rng(7)
    for trial in range(12):
        n, m = (int(v) for v in rng.integers(10, 90, 2))
        if trial % 2:  # smooth, pose-like pairs as well as white noise
            ref = pose_like_features(np.arange(n) / FPS, dims=6, seed=trial)
            perf = pose_like_features(np.arange(m) / FPS * 1.1 - 0.2, dims=6, seed=trial)
        else:
            ref, perf = random_case(rng, n, m, 3, nan_rows=False)
        theirs, _ = fastdtw(ref, perf, radius=1, dist=2)
        ours = align(ref, perf, None)
        assert ours.cost <= theirs + 1e-9, (n, m)
        assert ours.cost == pytest.approx(brute_force_cost(ref, perf, None), rel=1e-9)


def test_recovers_a_known_time_shift() -> None:
    t = np.arange(600) / FPS
    ref = pose_like_features(t, seed=3)
    perf = pose_like_features(t - 0.5, seed=3)  # the dancer is 0.5 s (15 frames) late
    alignment = align(ref, perf, 90)
    middle = (alignment.path[:, 0] > 30) & (alignment.path[:, 0] < 570)
    assert np.all(alignment.path[middle, 1] - alignment.path[middle, 0] == 15)
    assert alignment.frame_costs[middle].max() < 1e-6  # exact copies match exactly


def test_recovers_a_tempo_change() -> None:
    n = 600
    m = round(n / 0.8)  # the dancer moves at 0.8x: the same dance takes 1.25x as long
    ref = pose_like_features(np.arange(n) / FPS, seed=4)
    perf = pose_like_features(np.arange(m) / FPS * 0.8, seed=4)
    alignment = align(ref, perf, 30)
    matched = alignment.perf_index_for_ref(n)
    expected = np.arange(n) / 0.8
    assert np.abs(matched - expected)[5:-5].max() <= 1.5
    slope = np.polyfit(np.arange(n), matched, 1)[0]
    assert slope == pytest.approx(1.25, rel=0.01)
    assert alignment.ref_index_for_perf(m).shape == (m,)


def test_band_widens_when_lengths_differ_a_lot() -> None:
    rng = np.random.default_rng(9)
    ref, perf = random_case(rng, 10, 100, 2, nan_rows=False)
    alignment = align(ref, perf, 0)
    assert_valid_path(alignment, 10, 100)
    assert alignment.band is not None and alignment.band >= 5
    assert align(ref, perf, 1000).band is None  # a band that covers everything is no band


def test_all_missing_costs_the_penalty_per_step() -> None:
    ref = pose_like_features(np.arange(50) / FPS)
    perf = np.full((40, 24), np.nan)
    alignment = align(ref, perf, 5, missing_cost=0.7)
    assert_valid_path(alignment, 50, 40)
    assert alignment.cost == pytest.approx(0.7 * len(alignment.path))


@pytest.mark.parametrize(
    "ref, perf, band, message",
    [
        (np.zeros((0, 3)), np.zeros((4, 3)), 2, "non-empty"),
        (np.zeros((4, 3)), np.zeros((4, 2)), 2, "feature sizes"),
        (np.zeros(4), np.zeros((4, 1)), 2, "non-empty"),
        (np.zeros((4, 3)), np.zeros((4, 3)), -1, "band"),
        (np.full((4, 3), np.inf), np.zeros((4, 3)), 2, "infinite"),
    ],
)
def test_rejects_bad_input(ref: np.ndarray, perf: np.ndarray, band: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        align(ref, perf, band)


def test_three_minutes_align_row_by_row_not_cell_by_cell() -> None:
    """Guards against a slide back to per-cell Python, counted in calls rather than timed (the
    time, 100 ms for three minutes, is ``dancelike bench score``'s figure): a band 181 cells wide
    costs a few numpy calls a row, per-cell Python at least one a cell."""
    n = 5400
    t = np.arange(n) / FPS
    ref = pose_like_features(t, seed=1)
    perf = pose_like_features(0.97 * t - 0.3, seed=1)
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        calls += 1

    sys.setprofile(count)
    try:
        alignment = align(ref, perf, 90)
    finally:
        sys.setprofile(None)
    assert_valid_path(alignment, n, n)
    assert calls < 20 * n, f"{calls / n:.0f} Python-level calls a row"


Session = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def known_lag_session(kind: str, value: float, seed: int, seconds: float = 20.0) -> Session:
    """Reference, noisy performance, dancer times and true lags for a constant lag or tempo.

    ``lag``: the dancer does each move ``value`` s after the reference; ``tempo``: the
    dancer moves at ``value`` x speed, so the lag grows linearly from 0.
    """
    t = np.arange(round(seconds * FPS)) / FPS
    reference = pose_like_features(t, seed=seed)
    ref_time = t - value if kind == "lag" else value * t
    inside = ref_time < seconds - 0.1  # the dancer is still dancing the reference
    t, ref_time = t[inside], ref_time[inside]
    noise = 0.3 * np.random.default_rng(seed + 100).standard_normal((len(t), reference.shape[1]))
    performance = pose_like_features(ref_time, seed=seed) + noise
    return reference, performance, t, t - ref_time


CASES = [("lag", 0.0), ("lag", 0.2), ("lag", -0.2), ("lag", 0.6), ("lag", -0.6), ("tempo", 0.9), ("tempo", 1.1)]


@pytest.mark.parametrize("kind, value", CASES)
@pytest.mark.parametrize("seed", [0, 1])
def test_online_lag_follows_known_lags(kind: str, value: float, seed: int) -> None:
    reference, performance, t, truth = known_lag_session(kind, value, seed)
    aligner = OnlineAligner(reference, FPS)
    estimates = np.array([aligner.push(frame) for frame in performance])
    assert aligner.lag == estimates[-1]
    settled = t >= 2.0
    error = np.abs(estimates - truth)[settled]
    assert error.max() <= 0.07, f"max error {error.max() * 1000:.0f} ms"


def test_online_survives_missing_and_dropped_frames() -> None:
    reference, performance, t, truth = known_lag_session("lag", 0.4, seed=2)
    performance[(t > 6.0) & (t < 8.0)] = np.nan  # out of frame for 2 s
    performance[np.random.default_rng(3).random(len(t)) < 0.1] = np.nan  # flicker
    aligner = OnlineAligner(reference, FPS)
    errors = []
    for index in range(len(t)):
        if index % 7 == 3:
            continue  # the camera dropped this frame: the next push carries its own time
        lag = aligner.push(performance[index], t=t[index])
        if t[index] >= 2.0:
            errors.append(abs(lag - truth[index]))
    assert max(errors) <= 0.07


def test_online_starts_at_zero_and_validates() -> None:
    reference = pose_like_features(np.arange(90) / FPS)
    aligner = OnlineAligner(reference, FPS)
    assert aligner.lag == 0.0 and aligner.frames == 0
    with pytest.raises(ValueError, match="shape"):
        aligner.push(np.zeros(3))
    with pytest.raises(ValueError, match="fps"):
        OnlineAligner(reference, 0.0)
    short = OnlineAligner(reference[:5], FPS)  # a reference shorter than the window
    for frame in reference[:20]:
        short.push(frame)
    assert np.isfinite(short.lag) and short.frames == 20


def test_bench_dtw_reports_figures() -> None:
    pytest.importorskip("fastdtw")
    figures = bench_dtw(seconds=4.0)
    assert figures["frames"] == 120 and figures["dtw_3min_frames"] == 5400
    assert figures["dtw_ms"] > 0 and figures["dtw_3min_ms"] > 0 and figures["fastdtw_ms"] > 0
    assert figures["dtw_cost"] <= figures["fastdtw_cost"] + 1e-3
