"""Stamped media for the live media tests (``tests/media/``): frames that carry their index, videos
made of them with PyAV, and small waits for queues and threads.

Frames carry their index as a row of black/white blocks so a test can tell exactly which frames
arrived, in which order, after H.264 compression.

A helper module, not a test module: test files in any folder, and the recorder test's child
process, import it by name (``tests/`` is on ``sys.path``, see ``tests/conftest.py``)."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from pathlib import Path

import av
import numpy as np

from dancelike.media.camera import CapturedFrame
from dancelike.media.clock import FrameQueue, LatestFrame

W, H, FPS = 160, 120, 30
BITS = 8


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
