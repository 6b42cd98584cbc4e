"""The ``dancelike`` command as a user runs it: real processes, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import av
import cv2
import numpy as np
import pytest
from cli_runner import FPS, FRAMES, H, W, assert_one_line_error, cli_command, clip_frame, make_clip, run, stderr_lines

from dancelike import __version__


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small real H.264 MP4 (index at the end, PyAV's default)."""
    return make_clip(tmp_path_factory.mktemp("clip") / "clip.mp4")


# --- the command itself -------------------------------------------------------------------


def test_no_arguments_prints_usage_and_exits_2() -> None:
    result = run()
    assert result.returncode == 2
    assert "usage: dancelike" in result.stderr
    assert "analyze" in result.stderr
    assert "Traceback" not in result.stderr


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"dancelike {__version__}"


def test_python_dash_m_entry_point() -> None:
    result = run("--version", command=[sys.executable, "-m", "dancelike.cli"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"dancelike {__version__}"


def test_unknown_option_exits_2() -> None:
    """argparse's own error: usage then one "dancelike: error:" line, exit 2."""
    result = run("analyze", "clip.mp4", "--no-such-option")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = stderr_lines(result)
    assert lines[0].startswith("usage: dancelike")
    assert lines[-1].startswith("dancelike: error:") and "--no-such-option" in lines[-1]
    assert sum(line.startswith("dancelike: error:") for line in lines) == 1


def test_video_with_nobody_gives_null_frames(clip: Path) -> None:
    result = run("analyze", clip, "--json", "-")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert (report["width"], report["height"]) == (W, H)
    assert report["fps"] == pytest.approx(FPS)
    assert len(report["frames"]) == FRAMES
    assert all(frame["landmarks"] is None for frame in report["frames"])
    times = [frame["t"] for frame in report["frames"]]
    assert times == sorted(times) and len(set(times)) == FRAMES


# --- bad input: one line, exit 2 ----------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.mp4"
    line = assert_one_line_error(run("analyze", missing), "no such file")
    assert str(missing) in line


def test_folder_as_input(tmp_path: Path) -> None:
    assert_one_line_error(run("analyze", tmp_path), "folder")


def test_text_file_named_mp4(tmp_path: Path) -> None:
    fake = tmp_path / "clip.mp4"
    fake.write_text("these are my dance notes, not a video\n")
    assert_one_line_error(run("analyze", fake), str(fake), "not a video file")


def test_truncated_video(tmp_path: Path, clip: Path) -> None:
    data = clip.read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[: len(data) // 2])
    assert_one_line_error(run("analyze", cut), str(cut), "truncated")


@pytest.mark.parametrize("name", ["empty.mp4", "empty.png"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    empty = tmp_path / name
    empty.write_bytes(b"")
    assert_one_line_error(run("analyze", empty), str(empty), "empty")


def test_rgba_png(tmp_path: Path) -> None:
    rgba = tmp_path / "alpha.png"
    assert cv2.imwrite(str(rgba), np.full((64, 64, 4), 200, np.uint8))
    assert_one_line_error(run("analyze", rgba), str(rgba), "4 channels")


def test_16_bit_png(tmp_path: Path) -> None:
    deep = tmp_path / "deep.png"
    assert cv2.imwrite(str(deep), np.full((64, 64, 3), 40000, np.uint16))
    assert_one_line_error(run("analyze", deep), str(deep), "16-bit")


def test_mask_with_a_video(tmp_path: Path, clip: Path) -> None:
    assert_one_line_error(run("analyze", clip, "--mask", tmp_path / "mask.png"), "--mask")
    assert not (tmp_path / "mask.png").exists()


def test_json_inside_a_file_used_as_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("a file, not a folder\n")
    image = tmp_path / "grey.png"
    assert cv2.imwrite(str(image), np.full((48, 64, 3), 128, np.uint8))
    target = tmp_path / "notes.txt" / "out.json"
    assert_one_line_error(run("analyze", image, "--json", target), str(target), "is a file")


def test_video_overlay_needs_an_mp4_name(tmp_path: Path, clip: Path) -> None:
    assert_one_line_error(run("analyze", clip, "--overlay", tmp_path / "overlay.png"), ".mp4")
    assert not (tmp_path / "overlay.png").exists()


def test_truncated_at_sample_boundary_with_workers(tmp_path: Path) -> None:
    """Index first (faststart), cut cleanly between samples at 75%: same error whatever --workers says."""
    full = tmp_path / "full.mp4"
    with av.open(str(full), "w", options={"movflags": "+faststart"}) as container:
        stream = container.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = W, H, "yuv420p"
        for i in range(40):
            container.mux(stream.encode(av.VideoFrame.from_ndarray(clip_frame(i), format="rgb24")))
        container.mux(stream.encode(None))
    with av.open(str(full)) as container:
        positions = [packet.pos for packet in container.demux(video=0) if packet.size]
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(full.read_bytes()[: positions[30]])
    assert_one_line_error(run("analyze", cut, "--workers", "1"), "30 of 40 frames")
    assert_one_line_error(run("analyze", cut, "--workers", "2"), "30 of 40 frames")


def _audio_only(path: Path) -> Path:
    with av.open(str(path), "w") as container:
        stream = container.add_stream("aac", rate=44100)
        frame = av.AudioFrame.from_ndarray(np.zeros((1, 44100), np.float32), format="fltp", layout="mono")
        frame.sample_rate = 44100
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            container.mux(packet)
    return path


def test_score_bad_inputs_fail_early_with_one_line(tmp_path: Path, clip: Path) -> None:
    text = tmp_path / "notes.mp4"
    text.write_text("not a video\n")
    image = tmp_path / "still.png"
    assert cv2.imwrite(str(image), np.full((48, 64, 3), 128, np.uint8))
    assert_one_line_error(run("score", tmp_path / "missing.mp4", clip), "no such file")
    assert_one_line_error(run("score", clip, text), "not a video file")
    assert_one_line_error(run("score", image, clip), "must be a video")
    assert_one_line_error(run("score", clip, _audio_only(tmp_path / "music.m4a")), "no video stream")
    assert_one_line_error(run("score", clip, clip, "--video", tmp_path / "replay.png"), ".mp4")
    assert not (tmp_path / "replay.png").exists()


def test_score_writes_report_and_replay(tmp_path: Path, clip: Path) -> None:
    """Nobody dances in the clip: exit 0, a zero score with warnings, and a replay with every frame."""
    report_path, replay = tmp_path / "report.json", tmp_path / "replay.mp4"
    result = subprocess.run(
        [*cli_command(), "score", str(clip), str(clip), "--json", str(report_path), "--video", str(replay)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env=dict(os.environ, DANCELIKE_HOME=str(tmp_path / "home")),
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(report_path.read_text())
    assert report["score"] == 0 and report["grade"] == "D"
    assert any("no dancer found in the reference" in warning for warning in report["warnings"])
    assert "Score 0 (D)" in result.stdout
    with av.open(str(replay)) as container:
        assert container.streams.video[0].codec_context.name == "h264"
        assert sum(1 for _ in container.decode(video=0)) == FRAMES


def test_app_with_a_camera_that_is_not_there_says_so_before_any_window(tmp_path: Path) -> None:
    result = run("app", "--camera", tmp_path / "webcam.mp4")
    assert result.returncode == 2
    assert_one_line_error(result, "not a camera")
    result = run("app", "--camera", "demo:moonwalk")
    assert result.returncode == 2
    assert_one_line_error(result, "no such demo performer")
