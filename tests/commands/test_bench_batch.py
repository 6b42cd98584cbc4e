"""``bench batch`` as a user runs it: each engine's run has a fresh data folder of its own, and
nothing of the benchmark is left in the temporary folder afterwards."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from cli_runner import cli_command


@pytest.mark.slow
def test_bench_batch_analyses_the_reference_in_every_run_and_leaves_no_folder_behind(tmp_path: Path) -> None:
    temp, figures = tmp_path / "tmp", tmp_path / "batch.json"
    temp.mkdir()
    env = dict(os.environ, TMPDIR=str(temp), TF_CPP_MIN_LOG_LEVEL="2")
    command = [*cli_command(), "bench", "batch", "--no-ray", "--clips", "2", "--seconds", "3", "--json", str(figures)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=240, check=False, env=env)
    assert result.returncode == 0, result.stderr
    runs = json.loads(figures.read_text())["runs"]
    assert [run["engine"] for run in runs] == ["local 1", "local 2"]
    assert all(run["reference_analyses"] == 1 and not run["failed"] for run in runs)
    # the workers of a later run once wrote into the first run's data folder after its removal
    assert list(temp.iterdir()) == [], "the benchmark leaves nothing in the temporary folder"
