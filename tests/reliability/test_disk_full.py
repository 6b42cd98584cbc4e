"""A full disk while writing an output: one line ("disk full while writing PATH"), exit 2, no
partial file, and the earlier output untouched.

The disk fills up in-process: the video writer or the file write raises ``OSError(ENOSPC)``
partway through, as the kernel would. Where a small tmpfs can be mounted (root, Linux), one
test also fills a real file system from a real process.
"""

from __future__ import annotations

import errno
import os
import pathlib
from pathlib import Path

import numpy as np
import pytest
from reliability_helpers import assert_one_line_error, fingerprints, run

from dancelike import cli
from dancelike.commands import demo
from dancelike.media.writer import VideoWriter

OLD = b"an earlier output that must survive\n"


def _no_space(path: object) -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


@pytest.fixture
def video_disk_fills(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every video writer gets three frames in, then the disk is full."""
    original = VideoWriter.write

    def write(self: VideoWriter, rgb: np.ndarray) -> None:
        if self.frames_written >= 3:
            raise _no_space(self.path)
        original(self, rgb)

    monkeypatch.setattr(VideoWriter, "write", write)


@pytest.fixture
def file_disk_fills(monkeypatch: pytest.MonkeyPatch, out: Path) -> None:
    """Whole-file writes (JSON, PNG) into ``out`` get 4096 bytes in, then the disk is full."""
    original = pathlib.Path.write_bytes

    def write_bytes(self: pathlib.Path, data: bytes) -> int:
        if self.parent != out:
            return original(self, data)
        with open(self, "wb") as handle:
            handle.write(bytes(data)[:4096])
        raise _no_space(self)

    monkeypatch.setattr(pathlib.Path, "write_bytes", write_bytes)


def _assert_disk_full(code: int, capsys: pytest.CaptureFixture[str], target: Path) -> None:
    err_lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert code == 2
    assert err_lines == [f"dancelike: error: disk full while writing {target}"]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """The output folder, holding earlier outputs (replay.mp4, report.json, mask.png, overlay.mp4)."""
    folder = tmp_path / "out"
    folder.mkdir()
    for name in ("replay.mp4", "report.json", "mask.png", "overlay.mp4"):
        (folder / name).write_bytes(OLD)
    return folder


def test_score_video(video_disk_fills: None, out: Path, videos: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    before = fingerprints(out)
    code = cli.main(["score", str(videos["reference"]), str(videos["performance"]), "--video", str(out / "replay.mp4")])
    _assert_disk_full(code, capsys, out / "replay.mp4")
    assert fingerprints(out) == before


def test_analyze_overlay(video_disk_fills: None, out: Path, videos: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    before = fingerprints(out)
    code = cli.main(["analyze", str(videos["reference"]), "--overlay", str(out / "overlay.mp4"), "--workers", "1"])
    _assert_disk_full(code, capsys, out / "overlay.mp4")
    assert fingerprints(out) == before


def test_demo(video_disk_fills: None, out: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(demo, "DEMO_SECONDS", 1.0)
    (out / "choreography.mp4").write_bytes(OLD)
    before = fingerprints(out)
    code = cli.main(["demo", "--out", str(out)])
    _assert_disk_full(code, capsys, out / "choreography.mp4")
    assert fingerprints(out) == before


@pytest.mark.parametrize("command", ["score", "analyze"])
def test_json(command: str, file_disk_fills: None, out: Path, videos: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    before = fingerprints(out)
    inputs = [str(videos["reference"]), str(videos["performance"])] if command == "score" else [str(videos["reference"])]
    code = cli.main([command, *inputs, "--json", str(out / "report.json"), "--workers", "1"])
    _assert_disk_full(code, capsys, out / "report.json")
    assert fingerprints(out) == before  # not 4096 bytes of invalid JSON


def test_image_mask(file_disk_fills: None, out: Path, videos: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    before = fingerprints(out)
    code = cli.main(["analyze", str(videos["image"]), "--mask", str(out / "mask.png")])
    _assert_disk_full(code, capsys, out / "mask.png")
    assert fingerprints(out) == before


def test_a_real_full_disk(tiny_disk: Path, videos: dict[str, Path]) -> None:
    """The replay (~60 KB) does not fit in the ~40 KB left: one line, exit 2, the earlier JSON and
    replay as they were."""
    (tiny_disk / "filler").write_bytes(bytes(24 * 1024))
    (tiny_disk / "replay.mp4").write_bytes(OLD)
    (tiny_disk / "report.json").write_bytes(OLD)
    before = fingerprints(tiny_disk)
    result = run("score", videos["reference"], videos["performance"], "--video", tiny_disk / "replay.mp4", "--json", tiny_disk / "report.json")
    line = assert_one_line_error(result, f"disk full while writing {tiny_disk / 'replay.mp4'}")
    assert line == f"dancelike: error: disk full while writing {tiny_disk / 'replay.mp4'}"
    assert fingerprints(tiny_disk) == before
