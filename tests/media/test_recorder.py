"""The recorder, with real threads and files: every frame kept at 30 fps, uneven timing kept and the
music aligned, a kill -9 or a full disk leaving a playable recording, a cut fragment trimmed.

Media are made with PyAV (``tests/stamped_media.py``): frames carry their index, so a test can
tell exactly which frames arrived, in which order, after H.264 compression.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import av
import numpy as np
import pytest
from stamped_media import FPS, H, W, decoded, make_video, read_stamp, stamped

from dancelike.errors import InputError
from dancelike.media.camera import CallableCamera, CameraState, CapturedFrame
from dancelike.media.clock import FrameQueue
from dancelike.media.recorder import Recorder, RecorderState, trim_to_complete_fragments
from dancelike.media.video import VideoReader

REPO = Path(__file__).resolve().parents[2]


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
        assert (video.width, video.height) == {(640, 480): (640, 480), (1280, 720): (960, 540)}[size]  # at most 540 high
        assert float(video.duration * video.time_base) == pytest.approx(60 / FPS, abs=1 / FPS)
        assert float(audio.duration * audio.time_base) == pytest.approx(60 / FPS, abs=1 / FPS)
    assert times[-1] - times[0] == pytest.approx(59 / FPS, abs=0.005)


@pytest.mark.parametrize(("rate", "codec"), [(48000, "opus"), (44100, "aac")])
def test_recorder_keeps_variable_timing_and_aligns_music(tmp_path: Path, rate: int, codec: str) -> None:
    """The music sits where it played, in Opus at the session's 48 kHz (a fifth of AAC's CPU)
    and in AAC at another rate: a click lands at its session time, read by the frames' times
    as a player does (Opus's decoder drops its 312-sample pre-skip, and shifts the times with it)."""
    source: FrameQueue[CapturedFrame] = FrameQueue(100)
    rng = np.random.default_rng(3)
    stamps_t = 5.0 + np.cumsum(rng.uniform(0.02, 0.06, 40))  # an uneven webcam
    for i, t in enumerate(stamps_t):
        source.put(CapturedFrame(i, float(t), stamped(i)))
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
        assert container.streams.audio[0].codec_context.name == codec
        blocks = [(float(f.time), f.to_ndarray()[0]) for f in container.decode(audio=0)]
    onset = next(t + np.argmax(np.abs(pcm) > 0.3) / rate for t, pcm in blocks if (np.abs(pcm) > 0.3).any())
    assert onset == pytest.approx(0.6, abs=0.003)
    end = blocks[-1][0] + len(blocks[-1][1]) / rate
    assert end == pytest.approx(rec.stats()["duration"], abs=0.03)


KILL_SCRIPT = """
import sys, time
import numpy as np
from dancelike.media.camera import CallableCamera
from dancelike.media.recorder import Recorder
sys.path.insert(0, {tests!r})
from stamped_media import stamped
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


def test_a_video_file_camera_is_recorded_from_its_own_planes(tmp_path: Path) -> None:
    """A video file standing in for the webcam hands the recorder its decoded YUV planes: no
    colour conversion on the way, and the recording shows every frame, in order, as the file."""
    from dancelike.media.camera import FileCamera
    from dancelike.vision.frames import Yuv420

    clip = make_video(tmp_path / "clip.mp4", frames=30)
    cam = FileCamera(clip)
    analysed = cam.subscribe_latest("analyser")
    rec = Recorder.for_camera(tmp_path / "rec.mp4", cam)
    assert rec.start()
    cam.start()
    assert cam.join(10.0) and rec.join(10.0)
    last = analysed.get(timeout=1.0)
    assert last is not None and isinstance(last.image, Yuv420)
    assert rec.state is RecorderState.DONE and rec.stats()["frames_in"] == 30 and rec.stats()["resized"] == 0
    stamps, _ = decoded(tmp_path / "rec.mp4")
    assert stamps == list(range(30))
    with VideoReader(clip, planar=True) as source, VideoReader(tmp_path / "rec.mp4") as recorded:
        original = next(iter(source)).image
        assert isinstance(original, Yuv420)
        difference = np.abs(next(iter(recorded)).image.astype(int) - original.to_rgb().astype(int))
    assert difference.mean() < 3.0


@pytest.mark.parametrize("size", [(640, 480), (960, 540)])
def test_planes_go_into_the_encoders_frame_as_resized_makes_them(size: tuple[int, int]) -> None:
    """The recorder scales a planar camera frame straight into the encoder's buffers: the
    pixels are those of ``Yuv420.resized`` (an unscaled frame copied exactly), none lost."""
    from dancelike.media.video import encoder_frame
    from dancelike.vision.frames import Yuv420, pack_i420

    rng = np.random.default_rng(3)
    source = (1280, 720) if size != (640, 480) else size
    w, h = source
    image = Yuv420(*(rng.integers(0, 256, shape, dtype=np.uint8) for shape in ((h, w), (h // 2, w // 2), (h // 2, w // 2))))
    frame = encoder_frame(image, *size)
    assert (frame.width, frame.height, frame.format.name) == (*size, "yuv420p")
    assert np.array_equal(frame.to_ndarray(), pack_i420(image.resized(*size)))
