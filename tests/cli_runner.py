"""The ``dancelike`` command as a user runs it, for the tests of the command line
(``tests/commands/test_cli.py``) and the reliability tests: the real process, its one-line-error
check, and small real videos to give it.

A helper module, not a test module: test files in any folder import it by name (``tests/`` is on
``sys.path``, see ``tests/conftest.py``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import av
import numpy as np

W, H, FPS, FRAMES = 160, 120, 10, 30


def cli_command() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m dancelike.cli``."""
    script = Path(sys.executable).parent / ("dancelike.exe" if os.name == "nt" else "dancelike")
    return [str(script)] if script.exists() else [sys.executable, "-m", "dancelike.cli"]


def run(*args: str | Path, command: list[str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    env.pop("DANCELIKE_DEBUG", None)
    env.pop("DANCELIKE_PROGRESS", None)
    return subprocess.run(
        [*(command or cli_command()), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
        cwd=cwd,
    )


def stderr_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    """Non-empty stderr lines (LiteRT's own log lines must not show up here either)."""
    return [line for line in result.stderr.splitlines() if line.strip()]


def assert_one_line_error(result: subprocess.CompletedProcess[str], *expected: str) -> str:
    """Exit 2, no traceback, exactly one stderr line "dancelike: error: ..." holding ``expected``."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = stderr_lines(result)
    assert len(lines) == 1, result.stderr
    (line,) = lines
    assert line.startswith("dancelike: error:"), line
    for text in expected:
        assert text in line, line
    assert result.returncode == 2, (result.returncode, result.stderr)
    return line


def clip_frame(i: int) -> np.ndarray:
    """A gradient with a square that moves with ``i``: real content, nobody in it."""
    img = np.zeros((H, W, 3), np.uint8)
    img[..., 0] = np.linspace(0, 255, W, dtype=np.uint8)[None, :]
    img[..., 2] = 96
    x = (i * 4) % (W - 24)
    img[48:72, x : x + 24] = 255
    return img


def make_clip(path: Path, frames: int = FRAMES) -> Path:
    """A small real H.264 MP4 of ``clip_frame``s at ``FPS`` (index at the end, PyAV's default)."""
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = W, H, "yuv420p"
        for i in range(frames):
            container.mux(stream.encode(av.VideoFrame.from_ndarray(clip_frame(i), format="rgb24")))
        container.mux(stream.encode(None))
    return path
