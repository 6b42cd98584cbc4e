"""``BodyFrame``: what the vision layer knows about one person in one frame.

Landmarks are in image pixels. The person mask and the body-part label map live in
the landmark model's region of interest (ROI), a rotated square around the body,
because that is where the model sees the body at full resolution; ``roi`` carries the
transform that projects them onto the image when a caller needs that.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Protocol, overload

import cv2
import numpy as np

# The landmark tables live in landmark_names; SKELETON is also read from here (media's overlay).
from dancelike.vision.landmark_names import NUM_LANDMARKS, SKELETON  # noqa: F401


class Part(IntEnum):
    """Body-part labels of the part map; 0 is background. "Left" is the person's left."""

    BACKGROUND = 0
    HEAD = 1
    TORSO = 2
    LEFT_UPPER_ARM = 3
    LEFT_FOREARM = 4
    LEFT_HAND = 5
    RIGHT_UPPER_ARM = 6
    RIGHT_FOREARM = 7
    RIGHT_HAND = 8
    LEFT_THIGH = 9
    LEFT_SHIN = 10
    LEFT_FOOT = 11
    RIGHT_THIGH = 12
    RIGHT_SHIN = 13
    RIGHT_FOOT = 14


NUM_PARTS = len(Part)  # including background

#: An RGB colour per part, index = part label (background black).
PART_COLORS = np.array(
    [
        (0, 0, 0),
        (255, 214, 102),  # head: warm yellow
        (240, 240, 240),  # torso: white
        (255, 99, 71),
        (255, 140, 0),
        (255, 190, 60),  # left arm: reds/oranges
        (65, 105, 225),
        (0, 160, 255),
        (100, 220, 255),  # right arm: blues
        (220, 20, 140),
        (186, 85, 211),
        (255, 130, 200),  # left leg: magentas
        (34, 170, 80),
        (120, 210, 60),
        (180, 240, 120),  # right leg: greens
    ],
    dtype=np.uint8,
)


@dataclass(frozen=True)
class Roi:
    """A rotated square in image pixels: centre, side length and rotation (radians).

    The rotation turns the body upright: ROI-space "up" is the direction from the
    hips to the shoulders.
    """

    center_x: float
    center_y: float
    size: float
    rotation: float

    def roi_to_image(self, side: int) -> np.ndarray:
        """2x3 affine matrix mapping pixel (u, v) of a ``side``-pixel ROI image to image pixels."""
        scale = self.size / side
        cos, sin = math.cos(self.rotation) * scale, math.sin(self.rotation) * scale
        # p = c + R * ((u, v) - side/2) * scale
        half = side / 2.0
        tx = self.center_x - (cos * half - sin * half)
        ty = self.center_y - (sin * half + cos * half)
        return np.array([[cos, -sin, tx], [sin, cos, ty]], dtype=np.float64)

    def image_to_roi(self, side: int) -> np.ndarray:
        """2x3 affine matrix mapping image pixels to pixel (u, v) of a ``side``-pixel ROI image."""
        return cv2.invertAffineTransform(self.roi_to_image(side))


@dataclass(frozen=True)
class BodyFrame:
    """One person (or nobody) in one frame.

    ``landmarks`` is (33, 4): x and y in image pixels, z in pixels at image scale
    (smaller is nearer the camera; hips are 0), visibility 0..1. It is ``None`` when
    nobody was found, and then ``roi_mask`` and ``part_map`` are ``None`` too.
    ``roi_mask`` is float32 person probability and ``part_map`` uint8 ``Part`` labels,
    both square images in ROI space (see ``roi``).
    """

    t: float
    width: int
    height: int
    landmarks: np.ndarray | None = None
    presence: float = 0.0
    roi: Roi | None = None
    roi_mask: np.ndarray | None = None
    part_map: np.ndarray | None = None

    @property
    def found(self) -> bool:
        return self.landmarks is not None

    def mask_in_image(self, threshold: float | None = None) -> np.ndarray:
        """Person mask projected to the image: float32 0..1 (H, W), or uint8 0/255 with ``threshold``."""
        mask: np.ndarray
        if self.roi_mask is None or self.roi is None:
            mask = np.zeros((self.height, self.width), np.float32)
        else:
            matrix = self.roi.roi_to_image(self.roi_mask.shape[0])
            mask = cv2.warpAffine(
                self.roi_mask,
                matrix,
                (self.width, self.height),
                flags=cv2.INTER_LINEAR,
                borderMode=cv2.BORDER_CONSTANT,
                borderValue=0.0,
            )
        if threshold is None:
            return mask
        return np.where(mask > threshold, 255, 0).astype(np.uint8)

    def part_map_in_image(self) -> np.ndarray:
        """Part labels projected to the image: uint8 (H, W), 0 = background."""
        if self.part_map is None or self.roi is None:
            return np.zeros((self.height, self.width), np.uint8)
        matrix = self.roi.roi_to_image(self.part_map.shape[0])
        return cv2.warpAffine(
            self.part_map,
            matrix,
            (self.width, self.height),
            flags=cv2.INTER_NEAREST,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=0,
        )


class PartMaps(Protocol):
    """Where a track's part maps are read from, one frame at a time (``None``: that frame has none)."""

    def part_map(self, index: int) -> np.ndarray | None: ...


class PackedPartMaps:
    """Part maps kept zlib-compressed in memory: about 1 KB a frame instead of 16 KB, unpacked
    (17 us) only for the frame asked for. Plain data: it pickles small (a worker's results)."""

    def __init__(self, blobs: list[bytes | None], side: int = 0) -> None:
        self.blobs, self.side = blobs, side  # side 0: read from the first map unpacked

    @classmethod
    def pack(cls, maps: Iterable[np.ndarray | None]) -> PackedPartMaps:
        blobs: list[bytes | None] = []
        side = 0
        for labels in maps:
            if labels is not None:
                side = labels.shape[0]
            blobs.append(None if labels is None else zlib.compress(np.ascontiguousarray(labels, np.uint8).tobytes(), 1))
        return cls(blobs, side)

    def part_map(self, index: int) -> np.ndarray | None:
        blob = self.blobs[index]
        if blob is None:
            return None
        labels = np.frombuffer(zlib.decompress(blob), np.uint8)
        self.side = self.side or math.isqrt(len(labels))
        return labels.reshape(self.side, self.side).copy()


class FrameColumns(Sequence[BodyFrame]):
    """One person's track through a video, kept as arrays rather than a ``BodyFrame`` per frame.

    A frame's ``BodyFrame`` is made when it is asked for, with its part map read from ``parts``
    then (compressed in memory, or a window of the analysis cache's file): a 10-minute 60 fps
    reference's part maps are 590 MB unpacked, and only the ghost and the live part overlap
    need them, a frame at a time. ``landmarks`` (n, 33, 4) float32 is NaN where nobody was
    found, ``rois`` (n, 4) NaN where there is no ROI. No person masks (``roi_mask`` is None).
    """

    def __init__(self, width: int, height: int, times: np.ndarray, landmarks: np.ndarray, presence: np.ndarray, rois: np.ndarray, parts: PartMaps | None) -> None:
        self.width, self.height = int(width), int(height)
        self.times, self.landmarks, self.presence, self.rois, self.parts = times, landmarks, presence, rois, parts
        self.found = ~np.isnan(landmarks[:, 0, 0]) if len(landmarks) else np.zeros(0, bool)

    @classmethod
    def of(cls, frames: Sequence[BodyFrame], width: int, height: int) -> FrameColumns:
        """``frames`` as columns, their part maps packed (the same values read back)."""
        count = len(frames)
        landmarks = np.full((count, NUM_LANDMARKS, 4), np.nan, np.float32)
        rois = np.full((count, 4), np.nan, np.float64)
        for index, body in enumerate(frames):
            if body.landmarks is not None:
                landmarks[index] = body.landmarks
            if body.roi is not None:
                rois[index] = (body.roi.center_x, body.roi.center_y, body.roi.size, body.roi.rotation)
        times = np.array([body.t for body in frames], np.float64)
        presence = np.array([body.presence for body in frames], np.float64)
        return cls(width, height, times, landmarks, presence, rois, PackedPartMaps.pack(body.part_map for body in frames))

    @classmethod
    def join(cls, pieces: Sequence[FrameColumns], width: int, height: int) -> FrameColumns:
        """Tracks of consecutive segments (part maps packed in memory) as one."""
        blobs: list[bytes | None] = []
        side = 0
        for piece in pieces:
            assert isinstance(piece.parts, PackedPartMaps), "only packed part maps are joined"
            blobs.extend(piece.parts.blobs)
            side = side or piece.parts.side
        if not pieces:
            return cls(width, height, np.zeros(0), np.zeros((0, NUM_LANDMARKS, 4), np.float32), np.zeros(0), np.zeros((0, 4)), PackedPartMaps([], 0))
        times, landmarks, presence, rois = (np.concatenate([getattr(piece, name) for piece in pieces]) for name in ("times", "landmarks", "presence", "rois"))
        return cls(width, height, times, landmarks, presence, rois, PackedPartMaps(blobs, side))

    def without_parts(self) -> FrameColumns:
        """The same frames with no part maps (what reading limb directions needs: nothing unpacked)."""
        return FrameColumns(self.width, self.height, self.times, self.landmarks, self.presence, self.rois, None)

    def __len__(self) -> int:
        return len(self.times)

    @overload
    def __getitem__(self, index: int) -> BodyFrame: ...
    @overload
    def __getitem__(self, index: slice) -> list[BodyFrame]: ...
    def __getitem__(self, index: int | slice) -> BodyFrame | list[BodyFrame]:
        if isinstance(index, slice):
            return [self._frame(k) for k in range(*index.indices(len(self)))]
        count = len(self)
        index = int(index)
        if not -count <= index < count:
            raise IndexError(index)
        return self._frame(index % count)

    def __iter__(self) -> Iterator[BodyFrame]:
        return (self._frame(k) for k in range(len(self)))

    def _frame(self, index: int) -> BodyFrame:
        found = bool(self.found[index])
        roi = self.rois[index]
        return BodyFrame(
            float(self.times[index]),
            self.width,
            self.height,
            self.landmarks[index] if found else None,
            float(self.presence[index]),
            Roi(*map(float, roi)) if not np.isnan(roi[0]) else None,
            None,
            self.parts.part_map(index) if self.parts is not None else None,
        )
