"""``bench waits``: how it reads the waits from their progress reports, its bars, and bad input
(one line, exit 2, before anything is rendered). The benchmark itself runs as a command."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from cli_runner import assert_one_line_error, run

from dancelike.commands.bench_waits import TARGETS, analysis_rate, estimate_at_third
from dancelike.media.writer import write_png


def test_the_estimate_at_a_third_of_a_wait_is_read_from_the_share_done() -> None:
    samples = [(0.5, 0.0), (3.0, 0.25), (4.0, 0.40), (9.0, 1.0)]
    said, actual = estimate_at_third(samples, 9.0) or (0.0, 0.0)
    assert said == 9.0 and actual == 6.0  # a quarter in 3 s: 9 s more at that pace; 6 s it took
    assert estimate_at_third([(0.1, 1.0)], 0.1) == (0.0, 0.0)
    assert estimate_at_third([], 5.0) is None


def test_the_analysis_rate_is_read_from_the_progress_inside_the_analysis() -> None:
    # the copy takes the first 10% of the bar; 300 frames then fill the rest
    samples = [(0.0, 0.0), (0.2, 0.1), (1.0, 0.1 + 0.9 * 30 / 300), (3.0, 0.1 + 0.9 * 150 / 300), (4.5, 1.0)]
    assert analysis_rate(samples, 0.1, 300, 0.9) == pytest.approx(60.0)  # 120 frames in 2 s
    assert analysis_rate(samples[:3], 0.1, 300, 0.9) is None  # one report inside: no rate


def test_the_bars_are_the_issues() -> None:
    assert TARGETS["import_vs_length"] == ("<=", 2 / 3)  # 10 s for a 15-s clip
    assert TARGETS["replay_vs_length"] == ("<=", 1.0)  # playable within the dance's length
    assert TARGETS["import_analysis_vs_bench"][0] == ">="


def test_bench_waits_refuses_an_image_or_a_missing_clip_in_one_line(tmp_path: Path) -> None:
    picture = tmp_path / "still.png"
    write_png(picture, np.zeros((64, 64, 3), np.uint8))
    result = run("bench", "waits", picture)
    assert result.returncode == 2
    assert_one_line_error(result, "is an image")
    result = run("bench", "waits", tmp_path / "nothing.mp4")
    assert result.returncode == 2
    assert_one_line_error(result, "nothing.mp4")
