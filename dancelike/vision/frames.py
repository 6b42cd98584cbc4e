"""Frames as the vision code takes them: RGB arrays, or a decoder's planar YUV 4:2:0.

A decoded video frame is YUV 4:2:0. Converting all of it to RGB costs ~1 ms a frame
at 720p and doubles the bytes every later step reads, yet the models only ever see a
256x256 crop of it. ``Yuv420`` keeps the decoder's planes and converts only the crop:
``warp_to_rgb`` warps each plane and converts the small result (BT.601, limited
range, as FFmpeg's own conversion does).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


@dataclass(frozen=True)
class Yuv420:
    """Planar YUV 4:2:0: ``y`` is (H, W), ``u`` and ``v`` are (H/2, W/2), all uint8."""

    y: np.ndarray
    u: np.ndarray
    v: np.ndarray

    @property
    def shape(self) -> tuple[int, int, int]:
        """Shape of the equivalent RGB image, so callers can treat both kinds alike."""
        return (self.y.shape[0], self.y.shape[1], 3)

    def to_rgb(self) -> np.ndarray:
        """The whole frame as RGB uint8 (for drawing; analysis uses ``warp_to_rgb``)."""
        return _i420_to_rgb(self.y, self.u, self.v)

    def shrunk(self, factor: int) -> Yuv420:
        """The frame ``factor`` times smaller each way (area averaging: each output pixel is the
        mean of a ``factor`` x ``factor`` block, OpenCV's fast path for whole factors)."""
        if factor == 1:
            return self
        height, width = self.y.shape

        def area(plane: np.ndarray, w: int, h: int) -> np.ndarray:
            return cv2.resize(plane, (w, h), interpolation=cv2.INTER_AREA)

        return Yuv420(
            area(self.y, width // factor, height // factor),
            area(self.u, width // factor // 2, height // factor // 2),
            area(self.v, width // factor // 2, height // factor // 2),
        )

    def resized(self, width: int, height: int) -> Yuv420:
        """The frame at ``width`` x ``height`` (both even): whole factors by ``shrunk``, other
        sizes bilinear, plane by plane (a quarter of the work of scaling RGB)."""
        rows, columns = self.y.shape
        if (columns, rows) == (width, height):
            return self
        if columns % width == 0 and columns // width == rows / height:
            return self.shrunk(columns // width)

        def scaled(plane: np.ndarray, w: int, h: int) -> np.ndarray:
            return cv2.resize(plane, (w, h), interpolation=cv2.INTER_LINEAR)

        return Yuv420(scaled(self.y, width, height), scaled(self.u, width // 2, height // 2), scaled(self.v, width // 2, height // 2))

    def resize_into(self, y: np.ndarray, u: np.ndarray, v: np.ndarray) -> None:
        """Write the frame scaled to the size of the planes ``y``, ``u``, ``v`` (e.g. an encoder's
        frame buffers) as ``resized`` would make it, with no copy in between."""
        height, width = y.shape
        rows, columns = self.y.shape
        whole = columns % width == 0 and columns // width == rows / height
        for source, target in ((self.y, y), (self.u, u), (self.v, v)):
            if source.shape == target.shape:
                np.copyto(target, source)
            else:
                method = cv2.INTER_AREA if whole else cv2.INTER_LINEAR
                cv2.resize(source, (target.shape[1], target.shape[0]), dst=target, interpolation=method)


Image = np.ndarray | Yuv420


def pack_i420(image: Yuv420) -> np.ndarray:
    """The three planes in one (H * 3/2, W) uint8 array, the I420 layout OpenCV and FFmpeg take."""
    return _pack(image.y, image.u, image.v)


def _pack(y: np.ndarray, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    height, width = y.shape
    packed = np.empty((height * 3 // 2, width), np.uint8)
    packed[:height] = y
    packed[height:].reshape(-1)[: u.size] = u.reshape(-1)
    packed[height:].reshape(-1)[u.size : u.size + v.size] = v.reshape(-1)
    return packed


def _i420_to_rgb(y: np.ndarray, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(_pack(y, u, v), cv2.COLOR_YUV2RGB_I420)


def warp_to_rgb(image: Image, matrix: np.ndarray, size: int, border: int, border_rgb: int = 0) -> np.ndarray:
    """``cv2.warpAffine`` of ``image`` into a ``size`` x ``size`` RGB uint8 square.

    ``matrix`` maps image pixels to output pixels. ``border`` is an OpenCV border
    mode; with ``BORDER_CONSTANT`` the outside is black (``border_rgb`` 0 only).
    """
    if isinstance(image, np.ndarray):
        return cv2.warpAffine(image, matrix, (size, size), flags=cv2.INTER_LINEAR, borderMode=border, borderValue=border_rgb)
    luma = cv2.warpAffine(image.y, matrix, (size, size), flags=cv2.INTER_LINEAR, borderMode=border, borderValue=16)
    # Chroma sits on a half-resolution grid: pixel centres at 2c + 0.5 in luma pixels.
    chroma = matrix.astype(np.float64).copy()
    chroma[:, 2] = (matrix[:, :2] @ np.array([0.5, 0.5]) + matrix[:, 2] - 0.5) / 2.0
    half = size // 2
    u = cv2.warpAffine(image.u, chroma, (half, half), flags=cv2.INTER_LINEAR, borderMode=border, borderValue=128)
    v = cv2.warpAffine(image.v, chroma, (half, half), flags=cv2.INTER_LINEAR, borderMode=border, borderValue=128)
    return _i420_to_rgb(luma, u, v)
