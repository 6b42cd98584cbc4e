"""Frames of a fast video that nobody shows and no other frame needs: never decoded.

A live session shows a 60 fps reference at 30 frames a second (``VideoReader(max_fps=30)``), so
every other frame is dropped after decoding. Most of those are H.264 *non-reference* pictures
(the outer B-frames of x264's usual I-b-B-b-P pattern: nal_ref_idc 0): no other frame is
predicted from them, so their packets can go unread and the frames kept are the same bytes.
A packet is dropped only when both hold: it is non-reference, and its place in the video (from
its timestamp, counted from the first frame kept) is one the reader would not keep anyway.
Anything this cannot tell (no timestamps, an Annex-B stream, another codec, a rate whose kept
frames fall unevenly) is decoded as before.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import av

#: H.264 NAL unit types of coded slices (a picture's first slice says whether it is a reference).
_SLICES = (1, 5)


def h264_length_size(extradata: bytes | None) -> int | None:
    """The NAL length prefix size of an MP4/MKV-style (avcC) H.264 stream; None for Annex B."""
    data = bytes(extradata or b"")
    if len(data) < 7 or data[0] != 1:
        return None
    return (data[4] & 3) + 1


def is_non_reference(packet: bytes | memoryview, length_size: int) -> bool:
    """Whether an avcC H.264 packet's picture is one no other picture is predicted from."""
    data = memoryview(packet)
    pos = 0
    while pos + length_size < len(data):
        size = int.from_bytes(data[pos : pos + length_size], "big")
        header = data[pos + length_size]
        if header & 0x1F in _SLICES:
            return (header >> 5) & 3 == 0
        pos += length_size + size
    return False


def keep_step(fps: float, max_fps: float) -> int | None:
    """Every how many frames ``VideoReader`` keeps one (it keeps a frame 0.75/max_fps after the
    last); None when that is not a clear whole number of frames or nothing is dropped."""
    if max_fps <= 0 or fps < 1.5 * max_fps:
        return None
    spacing = 0.75 * fps / max_fps  # in frames: the next frame kept is the first at or past it
    if abs(spacing - round(spacing)) < 0.05:
        return None  # a frame exactly on the boundary: float rounding decides, so do not guess
    return math.ceil(spacing)


def unneeded_packets(stream: av.video.stream.VideoStream, fps: float, max_fps: float | None) -> Callable[[av.Packet, int], bool] | None:
    """``unneeded(packet, first)``: whether a packet can go undecoded, ``first`` being the index
    (from the stream's start) of the first frame kept; None when no packet ever can."""
    step = keep_step(fps, max_fps or 0.0)
    length_size = h264_length_size(stream.codec_context.extradata) if stream.codec_context.name == "h264" else None
    if step is None or length_size is None or stream.time_base is None or stream.start_time is None:
        return None
    time_base, start = float(stream.time_base), stream.start_time

    def unneeded(packet: av.Packet, first: int) -> bool:
        if packet.pts is None or packet.size == 0:
            return False
        index = round((packet.pts - start) * time_base * fps)
        return index > first and (index - first) % step != 0 and is_non_reference(memoryview(packet), length_size)

    return unneeded
