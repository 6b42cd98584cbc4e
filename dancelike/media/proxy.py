"""A playback copy of a big reference video: at most 960x540 and 30 frames a second.

A live session shows the reference at about 960x540 and 30 frames a second, yet a 1080p60
original costs its decoder and scaler 2.4 ms of CPU for every frame shown (the pose model's
floor is 11 ms a frame on this machine: the reference was the largest cost above it after the
model). The copy costs 0.7 ms: made once, when the dance is imported, it is what the player
decodes (``ReferencePlayer(picture=...)``); the music is still read from the original.

The copy keeps the original's timing: each kept frame has the time it has in the original
(``VideoReader(max_fps=30)`` keeps the same frames), so the cached analysis, the moves and the
music line up with it exactly. It is encoded for cheap decoding (x264 ``fastdecode``: no CABAC,
no deblocking) with a keyframe a second, for seeks, and written atomically: a half-made copy is
never played.
"""

from __future__ import annotations

import os
import threading
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

from dancelike.media.video import VideoReader, fit_within, shrink_factor
from dancelike.vision.frames import Image, Yuv420, pack_i420

#: The largest picture the copy has (long side, short side), and its most frames a second.
PROXY_BOX = (960, 540)
PROXY_FPS = 30.0
#: Measured on a 1080p60 reference (30 s): ultrafast makes the copy in 3.6 s of CPU and plays
#: it at 0.67 ms a frame; veryfast in 5.5 s for 0.97 ms (a third of the file's size).
PROXY_PRESET = "ultrafast"
PROXY_CRF = 20
_TIME_BASE = Fraction(1, 90000)


def needs_proxy(width: int, height: int, fps: float) -> bool:
    """Whether a video of this size and rate is worth a playback copy."""
    return fit_within(width, height, PROXY_BOX) != (width, height) or fps > PROXY_FPS + 0.5


def make_proxy(source: str | Path, target: str | Path, cancel: threading.Event | None = None) -> bool:
    """Write the playback copy of ``source`` to ``target``; False (nothing written) when the
    video is small enough to play as it is, or ``cancel`` was set meanwhile. ``InputError`` for
    a video that cannot be read."""
    target = Path(target)
    with VideoReader(source, planar=True, max_fps=PROXY_FPS) as reader:
        if not needs_proxy(reader.width, reader.height, reader.fps):
            return False
        width, height = fit_within(reader.width, reader.height, PROXY_BOX)
        partial = target.with_name(f".{target.name}.{os.getpid()}.part")
        try:
            if not _encode(reader, partial, width, height, cancel):
                return False
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return True


def _encode(reader: VideoReader, path: Path, width: int, height: int, cancel: threading.Event | None) -> bool:
    with av.open(str(path), mode="w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=Fraction(PROXY_FPS).limit_denominator(1001))
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.time_base = stream.codec_context.time_base = _TIME_BASE
        stream.codec_context.thread_count = 1
        stream.codec_context.gop_size = round(PROXY_FPS)
        stream.codec_context.options = {"preset": PROXY_PRESET, "tune": "fastdecode", "crf": str(PROXY_CRF)}
        for frame in reader:
            if cancel is not None and cancel.is_set():
                return False
            picture = av.VideoFrame.from_ndarray(_i420(frame.image, width, height), format="yuv420p")
            picture.pts, picture.time_base = round(frame.t / _TIME_BASE), _TIME_BASE
            container.mux(stream.encode(picture))
        container.mux(stream.encode(None))
    return True


def _i420(image: Image, width: int, height: int) -> np.ndarray:
    """The frame as packed I420 at ``width`` x ``height``: planes shrunk by a whole factor where
    one fits (sharp and cheap), else scaled; an RGB frame (a rotated video) scaled and converted."""
    if not isinstance(image, Yuv420):
        return cv2.cvtColor(cv2.resize(image, (width, height), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2YUV_I420)
    rows, columns = image.y.shape
    factor = shrink_factor(columns, rows, (width, height))
    if columns // factor == width and rows // factor == height:
        return pack_i420(image.shrunk(factor))
    return pack_i420(image.resized(width, height))
