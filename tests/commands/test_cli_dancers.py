"""``dancelike analyze --all-dancers`` and ``--dancer N|auto`` as a user runs them on a group
video: one track per dancer, numbered from the left; one-line errors for a dancer that is not
there and for a video where nobody is found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import assert_one_line_error, make_clip, run

from dancelike.synth.group import good_and_sloppy, render_group_scene


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two dancers side by side, 2.5 s at 640x360."""
    path = tmp_path_factory.mktemp("pair") / "pair.mp4"
    render_group_scene(path, good_and_sloppy(seconds=2.5, width=640, height=360))
    return path


@pytest.mark.slow
def test_all_dancers_gives_one_track_per_dancer_numbered_from_the_left(pair: Path, tmp_path: Path) -> None:
    out, overlay = tmp_path / "dancers.json", tmp_path / "overlay.mp4"
    result = run("analyze", pair, "--all-dancers", "--json", out, "--overlay", overlay)
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text())
    assert [dancer["id"] for dancer in document["dancers"]] == [1, 2]
    assert document["followed_by_default"] in (1, 2)
    hips = []
    for dancer in document["dancers"]:
        seen = [frame["landmarks"] for frame in dancer["frames"] if frame["landmarks"]]
        assert len(seen) >= 0.9 * len(dancer["frames"]) and dancer["seconds_in_view"] > 2.0
        hips.append(sum((f[23][0] + f[24][0]) / 2 for f in seen) / len(seen))
    assert hips[0] < 320 < hips[1], hips  # dancer 1 is the one on the left
    assert overlay.stat().st_size > 0
    summary = run("analyze", pair, "--all-dancers")
    assert "2 dancers were found" in summary.stdout


@pytest.mark.slow
def test_a_dancer_that_is_not_there_is_one_line_and_exit_2(pair: Path, tmp_path: Path) -> None:
    assert_one_line_error(run("analyze", pair, "--dancer", "7"), "no dancer 7", "2 dancers were found", "--dancer 1 to 2")
    assert_one_line_error(run("score", pair, pair, "--dancer", "3", "--no-cache"), "no dancer 3")
    assert_one_line_error(run("score", pair, pair, "--dancer", "zero"), "not a dancer")


def test_nobody_found_is_one_line_and_exit_2(tmp_path: Path) -> None:
    empty = make_clip(tmp_path / "empty.mp4")
    assert_one_line_error(run("analyze", empty, "--all-dancers"), "nobody was found")
    assert_one_line_error(run("score", empty, empty, "--dancer", "1", "--no-cache"), "nobody was found")
    assert_one_line_error(run("analyze", empty, "--dancer", "0"), "not a dancer")
