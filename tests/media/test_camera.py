"""Cameras: one contract run against two backends (a video file and a device-like fake) with real
threads, the device camera lost or missing, camera specs, a file camera looping.

Media are made with PyAV (``tests/stamped_media.py``): frames carry their index, so a test can
tell exactly which frames arrived, in which order, after H.264 compression.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from stamped_media import FPS, H, W, drain, make_video, read_stamp, stamped, wait_for

import dancelike.media.camera as camera_module
from dancelike.errors import InputError
from dancelike.media.camera import (
    CallableCamera,
    Camera,
    CameraKind,
    CameraLost,
    CameraState,
    CapturedFrame,
    DeviceCamera,
    FileCamera,
    list_cameras,
    open_camera,
)
from dancelike.media.clock import SessionClock


class FakeCamera(Camera):
    """A device-like camera: paced by its own clock, stamped frames, optional failure."""

    kind = CameraKind.DEVICE

    def __init__(self, frames: int, clock: SessionClock | None = None, fail_after: int | None = None, fps: float = FPS) -> None:
        super().__init__("fake", clock)
        self.width, self.height, self.fps = W, H, fps
        self.frames_total, self.fail_after = frames, fail_after

    def _grab(self, start: float) -> tuple[np.ndarray, float] | None:
        i = self._frames
        if self.fail_after is not None and i >= self.fail_after:
            raise CameraLost(f"fake: stopped delivering frames after {i}")
        if i >= self.frames_total:
            return None
        if not self._wait_until(start + i / self.fps):
            return None
        return stamped(i), self.clock.now()


CameraMaker = Callable[..., Camera]


@pytest.fixture(params=["file", "fake"])
def make_camera(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CameraMaker:
    """Build a camera of ``frames`` frames through ``open_camera``; ``lose_after`` breaks it."""
    monkeypatch.setitem(
        camera_module._REGISTRY,
        "fake",
        lambda arg, clock: FakeCamera(*(int(x) for x in arg.split(",")[:1]), clock=clock, fail_after=int(arg.split(",")[1]) if "," in arg else None),
    )

    def make(frames: int = 15, lose_after: int | None = None) -> Camera:
        if request.param == "fake":
            return open_camera(f"fake:{frames}" + (f",{lose_after}" if lose_after is not None else ""))
        if lose_after is None:
            return open_camera(str(make_video(tmp_path / "cam.mp4", frames)))
        full = make_video(tmp_path / "full.mp4", frames * 2, faststart=True).read_bytes()
        cut = tmp_path / "cut.mp4"  # index intact, data cut: decodes part way, then fails
        cut.write_bytes(full[: len(full) // 2])
        return open_camera(str(cut))

    return make


def test_camera_contract_delivers_every_frame_in_order_at_pace(make_camera: CameraMaker) -> None:
    cam = make_camera(15)
    assert (cam.width, cam.height) == (W, H) and cam.fps == pytest.approx(FPS)
    queue, latest = cam.subscribe_queue("recorder"), cam.subscribe_latest("analysis")
    t0 = cam.clock.now()
    cam.start()
    frames = drain(queue)
    assert cam.join(2.0)
    elapsed = cam.clock.now() - t0
    assert cam.state is CameraState.ENDED and "15 frames" in cam.reason and cam.error is None
    assert [f.index for f in frames] == list(range(15))
    assert [read_stamp(f.rgb) for f in frames] == list(range(15))
    gaps = np.diff([f.t for f in frames])
    assert (gaps > 0).all() and gaps.mean() == pytest.approx(1 / FPS, abs=0.003)
    assert elapsed >= 14 / FPS - 0.01  # real-time pace, not as fast as possible
    assert queue.closed and latest.closed and queue.dropped == 0
    stats = cam.stats()
    assert stats.frames == 15 and stats.fps == pytest.approx(FPS, rel=0.1) and stats.dropped == {"recorder": 0}


def test_camera_contract_stop_midway(make_camera: CameraMaker) -> None:
    cam = make_camera(300)
    queue = cam.subscribe_queue()
    cam.start()
    wait_for(lambda: len(queue) >= 3)
    cam.stop()
    assert not cam.running and cam.state is CameraState.STOPPED and queue.closed
    assert 3 <= len(drain(queue)) < 300


def test_camera_contract_lost_camera_ends_cleanly(make_camera: CameraMaker) -> None:
    cam = make_camera(15, lose_after=6)
    queue = cam.subscribe_queue()
    cam.start()
    frames = drain(queue)
    assert cam.join(2.0)
    assert cam.state is CameraState.LOST and isinstance(cam.error, CameraLost)
    assert cam.reason == str(cam.error) and "\n" not in cam.reason
    assert "truncated" in cam.reason or "stopped delivering" in cam.reason
    assert len(frames) >= 5 and [f.index for f in frames] == list(range(len(frames)))


def test_camera_contract_slow_analysis_drops_while_recorder_keeps_all(make_camera: CameraMaker) -> None:
    cam = make_camera(20)
    queue, latest = cam.subscribe_queue("recorder"), cam.subscribe_latest("analysis")
    analysed: list[CapturedFrame] = []

    def slow_analyser() -> None:
        while (frame := latest.get(timeout=2.0)) is not None:
            analysed.append(frame)
            time.sleep(0.1)  # a model three frames slow

    worker = threading.Thread(target=slow_analyser, name="slow-analyser")
    worker.start()
    cam.start()
    recorded = drain(queue)
    cam.join(2.0)
    worker.join(3.0)
    assert [f.index for f in recorded] == list(range(20)) and queue.dropped == 0
    assert latest.overwritten >= 10 and latest.put_count == 20
    assert len(analysed) + latest.overwritten == 20  # every frame: analysed or counted as skipped
    indices = [f.index for f in analysed]
    assert indices == sorted(indices) and indices[-1] >= 17  # always the newest, never a backlog
    assert cam.stats().overwritten == {"analysis": latest.overwritten}


def test_device_camera_lost_mid_session_and_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    class FlakyCapture:
        """A webcam that is unplugged after 4 frames."""

        def __init__(self, index: int) -> None:
            self.reads = 0

        def isOpened(self) -> bool:
            return True

        def set(self, prop: int, value: float) -> bool:
            return True

        def get(self, prop: int) -> float:
            return {3: W, 4: H, 5: FPS}.get(prop, 0.0)

        def read(self) -> tuple[bool, np.ndarray | None]:
            self.reads += 1
            time.sleep(0.005)
            return (True, np.ascontiguousarray(stamped(self.reads)[..., ::-1])) if self.reads <= 4 else (False, None)

        def release(self) -> None:
            pass

    monkeypatch.setattr(DeviceCamera, "_capture_factory", staticmethod(FlakyCapture))
    cam = open_camera("0")
    queue = cam.subscribe_queue()
    cam.start()
    assert len(drain(queue)) == 4 and cam.join(2.0)
    assert cam.state is CameraState.LOST and cam.reason == "camera 0: stopped delivering frames after 4 (disconnected?)"
    monkeypatch.undo()
    if not list(Path("/dev").glob("video*")):
        assert list_cameras() == []
        with pytest.raises(InputError, match="camera 7: cannot be opened"):
            open_camera("7")


def test_open_camera_specs(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a camera"):
        open_camera("no-such-thing")
    cam = open_camera(f"file:{make_video(tmp_path / 'c.mp4', 3)}")
    assert isinstance(cam, FileCamera)
    cam.stop()  # never started: releases the file
    assert cam.state is CameraState.STOPPED
    demo = CallableCamera(lambda t: stamped(int(t * FPS)) if t < 0.2 else None, fps=FPS, name="demo")
    queue = demo.subscribe_queue()
    demo.start()
    assert [read_stamp(f.rgb) for f in drain(queue)] == list(range(6)) and demo.join(1.0)


def test_file_camera_loops_when_asked(tmp_path: Path) -> None:
    cam = FileCamera(make_video(tmp_path / "loop.mp4", 5), loop=True)
    queue = cam.subscribe_queue()
    cam.start()
    wait_for(lambda: queue.put_count >= 12)
    cam.stop()
    frames = drain(queue)
    assert [read_stamp(f.rgb) for f in frames[:12]] == [0, 1, 2, 3, 4] * 2 + [0, 1]
    assert np.diff([f.t for f in frames]).mean() == pytest.approx(1 / FPS, abs=0.003)
