"""Live media: session clock, camera sources, recorder, reference playback, with real threads.

Media are made here with PyAV. Frames carry their index as a row of black/white blocks so a
test can tell exactly which frames arrived, in which order, after H.264 compression.
"""

from __future__ import annotations

import errno
import functools
import io
import os
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import av
import numpy as np
import pytest

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
)  # fmt: skip
from dancelike.media.clock import (
    DropPolicy,
    FrameQueue,
    LatestFrame,
    SessionClock,
    WallClockSink,
)
from dancelike.media.playback import PlayerState, ReferencePlayer, time_stretch
from dancelike.media.recorder import Recorder, RecorderState, trim_to_complete_fragments
from dancelike.media.video import VideoReader

REPO = Path(__file__).resolve().parent.parent
W, H, FPS = 160, 120, 30
BITS = 8


# --- media helpers -------------------------------------------------------------------------


def stamped(i: int, width: int = W, height: int = H, noise: float = 0.0, seed: int = 0) -> np.ndarray:
    """A frame showing ``i`` in binary (blocks along the top) over a moving gradient."""
    img = np.zeros((height, width, 3), np.uint8)
    img[..., 0] = np.linspace(0, 255, width, dtype=np.uint8)[None, :]
    img[..., 1] = (i * 9) % 256
    x = (i * 5) % max(1, width - 24)
    img[height // 2 :, x : x + 24] = 255
    if noise:  # sensor-like grain (a shifted cached field: fresh noise per frame costs seconds)
        grain = _grain(img.shape, noise, seed)
        img = np.clip(img + np.roll(grain, 7 * i, axis=(0, 1)), 0, 255).astype(np.uint8)
    block = width // BITS
    for b in range(BITS):
        img[:16, b * block : (b + 1) * block] = 255 if (i >> b) & 1 else 0
    return img


@functools.lru_cache(maxsize=4)
def _grain(shape: tuple[int, ...], sigma: float, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).normal(0, sigma, shape).astype(np.float32)


def read_stamp(rgb: np.ndarray) -> int:
    block = rgb.shape[1] // BITS
    return sum(1 << b for b in range(BITS) if rgb[2:14, b * block + 2 : (b + 1) * block - 2].mean() > 128)


def make_video(path: Path, frames: int = 15, fps: int = FPS, audio: bool = False, faststart: bool = False) -> Path:
    options = {"movflags": "faststart"} if faststart else {}
    with av.open(str(path), "w", options=options) as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = W, H, "yuv420p"
        astream = container.add_stream("aac", rate=48000, layout="stereo") if audio else None
        samples = 0
        for i in range(frames):
            container.mux(stream.encode(av.VideoFrame.from_ndarray(stamped(i), format="rgb24")))
            if astream is not None:
                n = 48000 * (i + 1) // fps - samples
                tone = 0.3 * np.sin(2 * np.pi * 440 * (samples + np.arange(n)) / 48000, dtype=np.float32)
                frame = av.AudioFrame.from_ndarray(np.stack([tone, tone]), format="fltp", layout="stereo")
                frame.sample_rate, frame.pts, samples = 48000, samples, samples + n
                container.mux(astream.encode(frame))
        container.mux(stream.encode(None))
        if astream is not None:
            container.mux(astream.encode(None))
    return path


def decoded(path: Path) -> tuple[list[int], list[float]]:
    """Stamps and times of every frame PyAV can decode (stopping quietly at a damaged end)."""
    stamps, times = [], []
    with av.open(str(path)) as container:
        try:
            for frame in container.decode(video=0):
                stamps.append(read_stamp(frame.to_ndarray(format="rgb24")))
                times.append(float(frame.time))
        except av.error.FFmpegError:
            pass
    return stamps, times


def drain(queue: FrameQueue[CapturedFrame] | LatestFrame[CapturedFrame], timeout: float = 5.0) -> list[CapturedFrame]:
    out: list[CapturedFrame] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        item = queue.get(timeout=0.05)
        if item is not None:
            out.append(item)
        elif queue.closed:
            break
    return out


def wait_for(condition: Callable[[], bool], timeout: float = 3.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


class FakeTime:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


# --- clock and sink ---------------------------------------------------------------------------


def test_session_clock_pause_rate_seek_and_history() -> None:
    ft = FakeTime()
    clock = SessionClock(ft)
    clock.start()
    ft.t += 1.0
    assert clock.now() == pytest.approx(1.0) and clock.position() == pytest.approx(1.0)
    clock.pause()
    ft.t += 2.0
    assert clock.now() == pytest.approx(3.0) and clock.position() == pytest.approx(1.0)
    clock.resume()
    clock.set_rate(0.5)
    ft.t += 2.0
    assert clock.position() == pytest.approx(2.0)
    clock.seek(10.0)
    ft.t += 1.0
    assert clock.position() == pytest.approx(10.5) and clock.now() == pytest.approx(6.0)
    # history: position at past session times
    assert clock.position_at(0.5) == pytest.approx(0.5)
    assert clock.position_at(2.0) == pytest.approx(1.0)  # paused then
    assert clock.position_at(4.0) == pytest.approx(1.5)  # half speed from 3.0
    with pytest.raises(ValueError):
        clock.set_rate(0.25)
    clock.sync(10.501)  # within tolerance: no change
    assert clock.position() == pytest.approx(10.5)
    clock.sync(11.0)
    assert clock.position() == pytest.approx(11.0)


def test_wall_clock_sink_paces_pauses_and_underruns() -> None:
    ft = FakeTime()
    sink = WallClockSink(1000, 2, buffer_seconds=0.5, time_fn=ft)
    assert sink.write(np.zeros((800, 2), np.float32)) == 500  # buffer holds 0.5 s
    sink.start()
    ft.t += 0.2
    assert sink.played_seconds() == pytest.approx(0.2) and sink.queued_seconds() == pytest.approx(0.3)
    sink.pause()
    ft.t += 5.0
    assert sink.played_seconds() == pytest.approx(0.2)
    sink.resume()
    sink.set_speed(0.5)
    ft.t += 0.4
    assert sink.played_seconds() == pytest.approx(0.4)
    ft.t += 10.0  # underrun: played time stops at what was written
    assert sink.played_seconds() == pytest.approx(0.5) and sink.underruns == 1
    sink.write(np.zeros((100, 2), np.float32))
    sink.flush()
    assert sink.queued_seconds() == 0 and sink.played_seconds() == pytest.approx(0.5)
    sink.close()
    assert sink.write(np.zeros((10, 2), np.float32)) == 0


# --- cameras: one contract, two backends ------------------------------------------------------------


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
        camera_module._REGISTRY, "fake",
        lambda arg, clock: FakeCamera(*(int(x) for x in arg.split(",")[:1]), clock=clock, fail_after=int(arg.split(",")[1]) if "," in arg else None),
    )  # fmt: skip

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


def test_frame_queue_drop_policies() -> None:
    oldest: FrameQueue[int] = FrameQueue(2, DropPolicy.DROP_OLDEST)
    newest: FrameQueue[int] = FrameQueue(2, DropPolicy.DROP_NEWEST)
    for i in range(5):
        oldest.put(i)
        newest.put(i)
    oldest.close()
    newest.close()
    assert (oldest.get(0), oldest.get(0), oldest.get(0), oldest.dropped) == (3, 4, None, 3)
    assert (newest.get(0), newest.get(0), newest.dropped, newest.done) == (0, 1, 3, True)


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


# --- recorder ----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(640, 480), (1280, 720)])
@pytest.mark.slow
def test_recorder_keeps_every_frame_at_30fps(tmp_path: Path, size: tuple[int, int]) -> None:
    width, height = size
    frames = [stamped(i, width, height, noise=3.0) for i in range(60)]  # rendered up front
    cam = CallableCamera(lambda t: frames[round(t * FPS)] if t < 2.0 - 1e-6 else None, fps=FPS)
    rec = Recorder.for_camera(tmp_path / "rec.mp4", cam, audio_rate=48000)
    assert rec.start()
    cam.start()
    while cam.running:
        rec.push_audio(np.full((1600, 2), 0.1, np.float32), cam.clock.now() + 0.1)
        time.sleep(1 / FPS)
    assert rec.join(5.0) and cam.state is CameraState.ENDED
    stats = rec.stats()
    print(f"\n{width}x{height}: encode {stats['encode_ms_p50']:.1f} ms/frame p50, {stats['encode_ms_p95']:.1f} p95")
    assert rec.state is RecorderState.DONE and rec.error is None
    assert stats["dropped"] == 0 and stats["frames_in"] == stats["frames_written"] == cam.stats().frames == 60
    stamps, times = decoded(tmp_path / "rec.mp4")
    assert stamps == list(range(60))
    with av.open(str(tmp_path / "rec.mp4")) as container:
        video, audio = container.streams.video[0], container.streams.audio[0]
        assert (video.width, video.height) == size
        assert float(video.duration * video.time_base) == pytest.approx(60 / FPS, abs=1 / FPS)
        assert float(audio.duration * audio.time_base) == pytest.approx(60 / FPS, abs=1 / FPS)
    assert times[-1] - times[0] == pytest.approx(59 / FPS, abs=0.005)


def test_recorder_keeps_variable_timing_and_aligns_music(tmp_path: Path) -> None:
    source: FrameQueue[CapturedFrame] = FrameQueue(100)
    rng = np.random.default_rng(3)
    stamps_t = 5.0 + np.cumsum(rng.uniform(0.02, 0.06, 40))  # an uneven webcam
    for i, t in enumerate(stamps_t):
        source.put(CapturedFrame(i, float(t), stamped(i)))
    rate = 48000
    click_at = float(stamps_t[0]) + 0.6  # session time of a click in the music
    music = np.zeros((rate // 2, 2), np.float32)
    music[: rate // 100] = 0.8  # 10 ms burst at the start of this block
    rec = Recorder(tmp_path / "vfr.mp4", source, W, H, audio_rate=rate)
    rec.push_audio(np.zeros((rate // 10, 2), np.float32), float(stamps_t[0]) - 0.05)  # before t=0: trimmed
    rec.push_audio(music, click_at)
    assert rec.start()
    source.close()
    assert rec.join(5.0) and rec.state is RecorderState.DONE
    assert rec.origin == pytest.approx(stamps_t[0])
    stamps, times = decoded(tmp_path / "vfr.mp4")
    assert stamps == list(range(40))
    np.testing.assert_allclose(times, stamps_t - stamps_t[0], atol=1e-4)
    with av.open(str(tmp_path / "vfr.mp4")) as container:
        pcm = np.concatenate([f.to_ndarray()[0] for f in container.decode(audio=0)])
    onset = np.argmax(np.abs(pcm) > 0.3) / rate
    assert onset == pytest.approx(0.6, abs=0.03)
    assert len(pcm) / rate == pytest.approx(rec.stats()["duration"], abs=0.03)


KILL_SCRIPT = """
import sys, time
import numpy as np
from dancelike.media.camera import CallableCamera
from dancelike.media.recorder import Recorder
sys.path.insert(0, {tests!r})
from test_live_media import stamped
frames = [stamped(i, 640, 480, noise=3.0) for i in range(30)]
cam = CallableCamera(lambda t: frames[round(t * 30) % 30], fps=30)
rec = Recorder.for_camera({path!r}, cam, audio_rate=48000)
assert rec.start()
cam.start()
print("recording", flush=True)
while True:
    rec.push_audio(np.full((1600, 2), 0.1, np.float32), cam.clock.now() + 0.1)
    print(cam.stats().frames, flush=True)
    time.sleep(1 / 30)
"""


@pytest.mark.slow
def test_kill_9_leaves_a_playable_recording(tmp_path: Path) -> None:
    path = tmp_path / "killed.mp4"
    script = KILL_SCRIPT.format(tests=str(REPO / "tests"), path=str(path))
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=REPO) as proc:
        try:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "recording"
            deadline = time.monotonic() + 2.2
            captured = 0
            while time.monotonic() < deadline:
                captured = int(proc.stdout.readline())
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(5)
    assert proc.returncode == -signal.SIGKILL
    stamps, times = decoded(path)
    assert 30 <= len(stamps) <= captured + 5  # whole fragments (1 s each) survive
    assert stamps == [i % 30 for i in range(len(stamps))]
    assert np.diff(times).mean() == pytest.approx(1 / 30, abs=0.003)
    # VideoReader accepts the file as it is when it ends on a fragment boundary (the usual
    # case); a fragment cut mid-write makes it fail at the end. Trimming makes it clean.
    trim_to_complete_fragments(path)
    with VideoReader(path) as reader:
        assert reader.declared_frames == 0  # fragmented: the header declares nothing
        assert 30 <= len(list(reader)) <= len(stamps)


def _record_until_failure(rec: Recorder, frames: int, width: int, height: int) -> None:
    for i in range(frames):
        rec.source.put(CapturedFrame(i, i / FPS, stamped(i, width, height, noise=6.0)))
    rec.source.close()
    assert rec.join(10.0)


def _assert_failed_cleanly(rec: Recorder, frames: int) -> None:
    assert rec.state is RecorderState.FAILED and isinstance(rec.error, InputError)
    message = str(rec.error)
    assert message.startswith(str(rec.path)) and "the disk is full" in message and "\n" not in message
    assert 0 < rec.frames_in < frames
    stamps, _ = decoded(rec.path)
    assert stamps == list(range(len(stamps))) and len(stamps) >= 3  # what was written is kept
    with VideoReader(rec.path) as reader:  # and the partial fragment was cut: reads cleanly
        assert len(list(reader)) == len(stamps)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 384 KiB tmpfs (root only; skipped elsewhere)."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=384k", "tmpfs", str(mount)], check=False, capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_disk_full_on_a_real_small_disk(small_disk: Path) -> None:
    rec = Recorder(small_disk / "full.mp4", FrameQueue(400), 320, 240, keyframe_seconds=0.1)
    assert rec.start()
    _record_until_failure(rec, 300, 320, 240)
    _assert_failed_cleanly(rec, 300)


class FullDiskFile(io.RawIOBase):
    """A file that raises ENOSPC once ``limit`` bytes are written (where tmpfs is not possible)."""

    def __init__(self, path: Path, limit: int) -> None:
        self._f, self.limit, self.written = open(path, "wb"), limit, 0  # noqa: SIM115

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if self.written + len(data) > self.limit:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.written += len(data)
        return self._f.write(data)

    def close(self) -> None:
        self._f.close()
        super().close()


def test_disk_full_through_a_failing_file(tmp_path: Path) -> None:
    class SmallDiskRecorder(Recorder):
        def _open_file(self) -> BinaryIO:
            return FullDiskFile(self.path, 300_000)  # type: ignore[return-value]

    rec = SmallDiskRecorder(tmp_path / "full.mp4", FrameQueue(400), 320, 240, keyframe_seconds=0.1)
    assert rec.start()
    _record_until_failure(rec, 300, 320, 240)
    _assert_failed_cleanly(rec, 300)


def test_unwritable_folder_fails_at_start_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    source: FrameQueue[CapturedFrame] = FrameQueue(4)
    rec = Recorder(tmp_path / "file" / "rec.mp4", source, W, H)
    assert not rec.start()
    assert rec.state is RecorderState.FAILED and isinstance(rec.error, InputError)
    assert str(rec.error).startswith(f"{tmp_path / 'file' / 'rec.mp4'}: cannot write the recording here (")
    assert source.closed and not source.put(CapturedFrame(0, 0.0, stamped(0)))


def _boxes(data: bytes) -> list[tuple[int, bytes, int]]:
    out, offset = [], 0
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        out.append((offset, kind, size))
        offset += size
    return out


@pytest.mark.parametrize("cut", ["mid-moof", "mid-mdat"])
def test_cut_fragment_breaks_readers_until_trimmed(tmp_path: Path, cut: str) -> None:
    """What a crash mid-fragment does to readers (measured), and that trimming repairs it."""
    source: FrameQueue[CapturedFrame] = FrameQueue(100)
    for i in range(40):
        source.put(CapturedFrame(i, i / FPS, stamped(i, noise=4.0)))
    source.close()
    rec = Recorder(tmp_path / "r.mp4", source, W, H, keyframe_seconds=0.5)
    assert rec.start() and rec.join(5.0)
    data = (tmp_path / "r.mp4").read_bytes()
    boxes = _boxes(data)
    offset, _, size = [b for b in boxes if b[1] == (b"moof" if cut == "mid-moof" else b"mdat")][-1]
    broken = tmp_path / "cut.mp4"
    broken.write_bytes(data[: offset + (40 if cut == "mid-moof" else size // 2)])
    if cut == "mid-moof":  # FFmpeg cannot even open it: the recording looks lost
        with pytest.raises(InputError, match="its index is missing"):
            VideoReader(broken)
    else:  # the good frames come, then the reader fails
        with pytest.raises(InputError, match="truncated or corrupt after"), VideoReader(broken) as reader:
            list(reader)
    assert trim_to_complete_fragments(broken) > 0
    assert trim_to_complete_fragments(broken) == 0
    with VideoReader(broken) as reader:  # whole fragments only, read cleanly
        kept = [read_stamp(f.rgb) for f in reader]
    assert 15 <= len(kept) < 40 and kept == list(range(len(kept)))


# --- playback ------------------------------------------------------------------------------------


@pytest.fixture
def reference(tmp_path: Path) -> Path:
    return make_video(tmp_path / "ref.mp4", 60, audio=True)


def _wait_buffered(player: ReferencePlayer, n: int) -> None:
    wait_for(lambda: player.stats()["buffered"] >= n or player.finished)


def test_playback_presents_in_order_and_drops_late_frames(reference: Path) -> None:
    ft = FakeTime()
    clock = SessionClock(ft)
    player = ReferencePlayer(reference, clock, buffer_frames=8)
    player.start()
    try:
        seen = []
        for _ in range(20):
            _wait_buffered(player, 2)
            got = player.frame_at(player.position())
            assert got is not None
            seen.append(read_stamp(got[0]))
            ft.t += 1 / FPS
        assert seen == list(range(20)) and player.dropped_late == 0
        assert player.frame_at(player.position() - 0.5 / FPS) is None  # nothing new due yet
        ft.t += 5 / FPS  # the GUI stalled for five frames
        _wait_buffered(player, 6)
        rgb, t = player.frame_at(player.position()) or (None, -1.0)
        assert read_stamp(rgb) == 25 and t == pytest.approx(25 / FPS, abs=1e-3)
        assert player.dropped_late == 5 and player.frames_presented == 21
        player.pause()
        ft.t += 1.0
        assert player.position() == pytest.approx(25 / FPS) and player.state is PlayerState.PAUSED
        player.resume()
        player.seek(1.5)  # to a move start
        _wait_buffered(player, 3)
        rgb, t = player.frame_at(player.position()) or (None, -1.0)
        assert read_stamp(rgb) == 45 and t == pytest.approx(1.5, abs=1e-3)
        player.set_rate(0.5)
        ft.t += 0.2  # 0.1 s of reference at half speed: three frames
        _wait_buffered(player, 4)
        rgb, _ = player.frame_at(player.position()) or (None, -1.0)
        assert read_stamp(rgb) == 48
        for _ in range(100):  # play to the end
            ft.t += 0.1
            _wait_buffered(player, 1)
            if player.frame_at(player.position()) is None and player.finished:
                break
        wait_for(lambda: player.state is PlayerState.ENDED)
    finally:
        player.stop()
    assert player.error is None and player.state is PlayerState.STOPPED


def test_playback_follows_the_audio_master_clock(reference: Path) -> None:
    ft = FakeTime()
    clock = SessionClock(ft)
    sink = WallClockSink(48000, 2, time_fn=ft)
    heard: list[tuple[int, float]] = []
    player = ReferencePlayer(reference, clock, sink, stretch="wsola", on_audio=lambda pcm, t: heard.append((len(pcm), t)))
    player.start()
    try:
        wait_for(lambda: sink.queued_seconds() >= player.audio_lead)
        ft.t += 0.1
        assert player.position() == pytest.approx(0.1, abs=1e-6)
        sink.pause()  # the device stalls (an underrun would do the same): video waits for it
        ft.t += 0.5
        assert player.position() == pytest.approx(0.1, abs=1e-6)
        sink.resume()
        wait_for(lambda: sink.queued_seconds() >= player.audio_lead)
        player.set_rate(0.5)
        for _ in range(10):  # stretched music plays out: position advances at half speed
            wait_for(lambda: sink.queued_seconds() >= player.audio_lead)
            ft.t += 0.1
        # the 0.15 s queued before the change still plays at full speed
        assert player.position() == pytest.approx(0.1 + 0.15 + (1.0 - 0.15) * 0.5, abs=0.03)
        wait_for(lambda: abs(clock.position() - player.position()) < 0.003)  # clock synced to audio
        player.seek(0.5)
        assert player.position() == pytest.approx(0.5)
        _wait_buffered(player, 1)  # the seek is applied (flush, new music) before frames come
        wait_for(lambda: sink.queued_seconds() >= player.audio_lead)
        ft.t += 0.1
        assert player.position() == pytest.approx(0.55, abs=0.005)
    finally:
        player.stop()
    assert heard and all(n > 0 for n, _ in heard)  # every block sent on (to the recorder)


@pytest.mark.parametrize("rate", [0.5, 0.75, 1.0])
def test_time_stretch_length_and_pitch(rate: float) -> None:
    sr = 48000
    tone = (0.5 * np.sin(2 * np.pi * 440 * np.arange(sr) / sr)).astype(np.float32)[:, None]
    for method in ("wsola", "plain"):
        out = time_stretch(tone, sr, rate, method)
        assert len(out) == pytest.approx(sr / rate, abs=0.02 * sr)  # within one 20 ms hop
        middle = out[sr // 10 : -sr // 10, 0]
        peak = np.fft.rfftfreq(len(middle), 1 / sr)[np.argmax(np.abs(np.fft.rfft(middle)))]
        expected = 440 if method == "wsola" else 440 * rate
        assert peak == pytest.approx(expected, rel=0.03)
    if rate == 1.0:
        same = time_stretch(tone, sr, 1.0, "wsola")
        np.testing.assert_allclose(same[960 : sr - 960], tone[960 : sr - 960], atol=1e-5)


def test_session_wiring_camera_player_recorder(tmp_path: Path) -> None:
    """A file camera recorded while the reference plays through a wall-clock sink: the music the
    sink was given is what lands in the recording, in step with the frames."""
    clock = SessionClock()
    clock.start()
    cam = FileCamera(make_video(tmp_path / "user.mp4", 30), clock)
    rec = Recorder.for_camera(tmp_path / "session.mp4", cam, audio_rate=48000)
    player = ReferencePlayer(make_video(tmp_path / "ref.mp4", 30, audio=True), clock, WallClockSink(48000, 2), on_audio=rec.push_audio)
    assert rec.start()
    player.start()
    cam.start()
    try:
        while cam.running:
            player.frame_at(player.position())
            time.sleep(0.01)
    finally:
        cam.stop()
        player.stop()
    assert rec.join(5.0) and rec.state is RecorderState.DONE and cam.state is CameraState.ENDED
    assert rec.stats()["frames_written"] == cam.stats().frames == 30 and rec.stats()["dropped"] == 0
    assert player.frames_presented + player.dropped_late >= 25 and player.error is None
    stamps, times = decoded(tmp_path / "session.mp4")
    assert stamps == list(range(30)) and times[-1] == pytest.approx(29 / FPS, abs=0.005)
    with av.open(str(tmp_path / "session.mp4")) as container:
        pcm = np.concatenate([f.to_ndarray()[0] for f in container.decode(audio=0)])
    assert len(pcm) / 48000 == pytest.approx(1.0, abs=1 / FPS)
    middle = pcm[9600:-9600]
    peak = np.fft.rfftfreq(len(middle), 1 / 48000)[np.argmax(np.abs(np.fft.rfft(middle)))]
    assert peak == pytest.approx(440, rel=0.02) and np.abs(middle).max() > 0.2


def test_streaming_soundtrack_equals_the_whole_track_read_at_once(tmp_path: Path) -> None:
    from dancelike.media.audio import StreamingAudio, as_float, load_audio

    path = make_video(tmp_path / "music.mp4", frames=90, audio=True)
    whole = load_audio(path, rate=48000, channels=2)
    assert whole is not None
    track = StreamingAudio(path, 48000, 2, first_seconds=0.5)
    assert track.available(int(0.5 * 48000)) and track.samples is not None
    assert track.done.wait(5.0) and track.error is None
    assert track.loaded == len(whole) and track.samples.dtype == np.int16  # half the memory of float
    np.testing.assert_allclose(as_float(track.samples[: track.loaded]), whole, atol=1.0 / 32767)
    track.close()
    assert not [t for t in threading.enumerate() if t.name == "audio-loader"]
    silent = StreamingAudio(make_video(tmp_path / "silent.mp4", frames=5), 48000, 2)
    assert silent.samples is None and silent.done.is_set()
