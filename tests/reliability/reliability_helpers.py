"""Helpers of the reliability tests: the real command (``tests/test_cli.py``'s ``run`` and its
one-line-error check), small real videos, and file fingerprints to prove nothing was touched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import av
from test_cli import FPS, H, W, _command, _frame, _stderr_lines, assert_one_line_error, run  # tests/ is on sys.path (its conftest)

__all__ = ["FPS", "_command", "_frame", "_stderr_lines", "assert_one_line_error", "fingerprints", "leftovers", "make_clip", "run"]


def make_clip(path: Path, frames: int) -> Path:
    """A real H.264 MP4 of ``frames`` frames at ``FPS`` (a moving square on a gradient, nobody in it)."""
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = W, H, "yuv420p"
        for i in range(frames):
            container.mux(stream.encode(av.VideoFrame.from_ndarray(_frame(i), format="rgb24")))
        container.mux(stream.encode(None))
    return path


def fingerprints(folder: Path) -> dict[str, str]:
    """SHA-256 of every file in ``folder`` (hidden ones included), by name."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    """Temporary files (``.NAME.XXXX.part.EXT``) left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if ".part" in p.name)
