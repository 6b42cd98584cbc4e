"""Benchmark options that make no sense are refused at once, in one line, exit 2: a length that
is not a positive finite number (``nan`` was an internal error, ``0`` silently ran 30 s) and a
``--workers`` below 1 (``0`` silently meant one per core)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_helpers import assert_one_line_error, run


@pytest.mark.parametrize("benchmark", ["score", "live"])
@pytest.mark.parametrize("seconds", ["nan", "inf", "0", "-3"])
def test_seconds_must_be_positive_and_finite(benchmark: str, seconds: str, own_data_home: Path) -> None:
    result = run("bench", benchmark, "--seconds", seconds)
    assert_one_line_error(result, "--seconds", "positive finite number")
    assert not (own_data_home / "bench").exists()  # refused before rendering anything


def test_bench_score_still_needs_five_seconds() -> None:
    assert_one_line_error(run("bench", "score", "--seconds", "2"), "--seconds must be at least 5")


@pytest.mark.parametrize("workers", ["0", "-1"])
def test_bench_analyze_workers_at_least_one(workers: str, videos: dict[str, Path]) -> None:
    assert_one_line_error(run("bench", "analyze", videos["reference"], "--workers", workers), "--workers must be at least 1")
