"""Small generated videos for the batch tests (``tests/services/test_batch*.py``,
``tests/commands/test_cli_batch.py``): a reference, copies of it, another dance, broken
files and a group scene, each a few seconds, rendered once per test module."""

from __future__ import annotations

from pathlib import Path

from dancelike.synth.group import good_and_sloppy, render_group_scene
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_performance, truth_path

SECONDS = 4.0
SCENE = Scene(width=320, height=240)


def render_class(folder: Path) -> dict[str, Path]:
    """The reference and four performances of it: a late copy, a sloppy one, another dance, a mirrored copy."""
    folder.mkdir(parents=True, exist_ok=True)
    clips = {
        "reference": ("groove", Dancer()),
        "late": ("groove", Dancer(offset=0.3)),
        "sloppy": ("groove", Dancer(sloppiness=0.8, seed=2)),
        "other": ("power", Dancer()),
        "mirrored": ("groove", Dancer(mirror=True)),
    }
    out = {}
    for name, (dance, dancer) in clips.items():
        out[name] = folder / f"{name}.mp4"
        render_performance(out[name], dance, dancer, SCENE, duration=SECONDS)
    return out


def broken_clips(folder: Path) -> list[Path]:
    """Two inputs that are no usable video: text named .mp4, and a video cut to its first bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    text = folder / "notes.mp4"
    text.write_text("not a video\n")
    cut = folder / "cut.mp4"
    source = folder / "whole.tmp.mp4"
    render_performance(source, "groove", Dancer(), SCENE, duration=1.0)
    cut.write_bytes(source.read_bytes()[:600])
    source.unlink()
    truth_path(source).unlink(missing_ok=True)
    return [text, cut]


def render_pair_scene(path: Path, seconds: float = SECONDS) -> Path:
    """Two dancers side by side (accurate on the left, sloppy and late on the right)."""
    render_group_scene(path, good_and_sloppy(seconds=seconds, width=640, height=360))
    return path
