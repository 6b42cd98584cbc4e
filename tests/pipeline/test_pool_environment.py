"""An analysis pool's workers see the data folder of the moment the pool was made, not the one
multiprocessing's fork server started with (a later pool's workers once wrote into an earlier,
removed, data folder and made it again)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dancelike.pipeline.analysis import AnalysisPool


def test_each_pools_workers_use_the_data_folder_it_was_made_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = []
    for name in ("first", "second"):
        monkeypatch.setenv("DANCELIKE_HOME", str(tmp_path / name))
        monkeypatch.setenv("TMPDIR", str(tmp_path))
        with AnalysisPool(1) as pool:
            seen.append(pool._executor.submit(os.getenv, "DANCELIKE_HOME").result(timeout=60))
    assert seen == [str(tmp_path / "first"), str(tmp_path / "second")]
