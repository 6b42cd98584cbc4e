"""``dancelike batch`` as a user runs it (the real process): six inputs of which two are broken
give four scored rows, two error rows, exit 1 and the failures named, never a traceback; bad
usage is one line and exit 2 before any work."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from batch_clips import broken_clips, render_class
from cli_runner import assert_one_line_error, run


@pytest.mark.slow
def test_six_inputs_two_broken_give_four_rows_two_errors_and_exit_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DANCELIKE_HOME", str(tmp_path / "home"))
    clips = render_class(tmp_path / "class")
    broken = broken_clips(tmp_path / "class")
    inputs = [clips["late"], broken[0], clips["sloppy"], clips["other"], broken[1], clips["mirrored"]]
    result = run("batch", clips["reference"], *inputs, "--out", tmp_path / "out", "--workers", "2")
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.returncode == 1, result.stderr
    with open(tmp_path / "out" / "results.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    scored = [row for row in rows if not row["error"]]
    failed = [row for row in rows if row["error"]]
    assert sorted(row["performance"] for row in scored) == ["late.mp4", "mirrored.mp4", "other.mp4", "sloppy.mp4"]
    assert sorted(row["performance"] for row in failed) == ["cut.mp4", "notes.mp4"]
    assert all(row["score"] == "" for row in failed)
    assert "Could not score 2" in result.stderr and "notes.mp4" in result.stderr and "cut.mp4" in result.stderr
    assert "analysed 1x" in result.stdout
    assert "Scored 4 of 6" in result.stdout
    assert (tmp_path / "out" / "index.html").is_file()


def test_a_missing_reference_is_one_line(tmp_path: Path) -> None:
    assert_one_line_error(run("batch", tmp_path / "nope.mp4", tmp_path / "a.mp4", "--out", tmp_path / "out"), "nope.mp4")


def test_a_bad_ray_address_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "ref.mp4").write_bytes(b"x")
    assert_one_line_error(run("batch", tmp_path / "ref.mp4", tmp_path / "a.mp4", "--out", tmp_path / "out", "--ray", "nowhere"), "--ray")


def test_results_into_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "ref.mp4").write_bytes(b"x")
    (tmp_path / "taken").write_text("mine")
    assert_one_line_error(run("batch", tmp_path / "ref.mp4", tmp_path / "a.mp4", "--out", tmp_path / "taken"), "folder")
    assert (tmp_path / "taken").read_text() == "mine"
