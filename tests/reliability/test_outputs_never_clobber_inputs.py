"""An output that names an input (directly, as ``./x``, through a symbolic or hard link), or
that two output options share, is refused before anything is read or written: exit 2, one
line naming the option and the file, every input byte for byte as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from reliability_helpers import assert_one_line_error, fingerprints, run

# (command line with {reference}/{performance}/{image}/{alias} placeholders, what the line names)
CASES = {
    "analyze --overlay INPUT": (["analyze", "{reference}", "--overlay", "{reference}"], "--overlay"),
    "analyze --json INPUT": (["analyze", "{reference}", "--json", "{reference}"], "--json"),
    "analyze --json ./INPUT": (["analyze", "{reference}", "--json", "./reference.mp4"], "--json"),
    "analyze --json symlink": (["analyze", "{reference}", "--json", "{symlink}"], "--json"),
    "analyze --json hard link": (["analyze", "{reference}", "--json", "{hardlink}"], "--json"),
    "analyze IMG --mask IMG": (["analyze", "{image}", "--mask", "{image}"], "--mask"),
    "analyze IMG --json IMG": (["analyze", "{image}", "--json", "{image}"], "--json"),
    "analyze IMG --overlay IMG": (["analyze", "{image}", "--overlay", "./still.png"], "--overlay"),
    "score --video REF": (["score", "{reference}", "{performance}", "--video", "{reference}"], "--video"),
    "score --video PERF": (["score", "{reference}", "{performance}", "--video", "./performance.mp4"], "--video"),
    "score --json PERF": (["score", "{reference}", "{performance}", "--json", "{performance}"], "--json"),
    "bench analyze --json VIDEO": (["bench", "analyze", "{reference}", "--json", "{symlink}"], "--json"),
}


@pytest.fixture
def inputs(tmp_path: Path, videos: dict[str, Path]) -> dict[str, Path]:
    """Copies of the inputs in a folder of their own (the commands run there), plus links to the reference."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    copies = {name: folder / path.name for name, path in videos.items()}
    for name, path in videos.items():
        copies[name].write_bytes(path.read_bytes())
    (folder / "link.mp4").symlink_to(copies["reference"])
    os.link(copies["reference"], folder / "hard.mp4")
    return {**copies, "symlink": folder / "link.mp4", "hardlink": folder / "hard.mp4"}


@pytest.mark.parametrize("case", CASES)
def test_an_output_that_is_an_input_is_refused(case: str, inputs: dict[str, Path]) -> None:
    template, option = CASES[case]
    folder = inputs["reference"].parent
    before = fingerprints(folder)
    result = run(*(arg.format(**inputs) for arg in template), cwd=folder)
    assert_one_line_error(result, option, "would overwrite the input")
    assert fingerprints(folder) == before  # nothing touched, nothing added


def test_two_outputs_sharing_a_file_are_refused(inputs: dict[str, Path], tmp_path: Path) -> None:
    """``score --json X --video X`` would overwrite the replay with the JSON (or the other way)."""
    folder = inputs["reference"].parent
    before = fingerprints(folder)
    out = tmp_path / "replay.mp4"
    result = run("score", inputs["reference"], inputs["performance"], "--json", out, "--video", f"{tmp_path}/./replay.mp4", cwd=folder)
    assert_one_line_error(result, "--json and --video", "own file")
    assert not out.exists()
    result = run("analyze", inputs["image"], "--mask", out.with_suffix(".png"), "--overlay", out.with_suffix(".png"), cwd=folder)
    assert_one_line_error(result, "--mask and --overlay", "own file")
    assert not out.with_suffix(".png").exists()
    assert fingerprints(folder) == before
