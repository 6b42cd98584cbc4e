"""The two pose tracks a live session builds as it goes, and the online aligner that reads them.

Scoring consumes ``PoseTrack`` rows (body-centred limb directions, visibility, canonical part
maps). The engine computes each frame's row once, when the frame is analysed, and keeps only
rows, never BodyFrames (a person mask is 256 KB a frame). The rows serve live matching at once
and, put together, the exact DTW and the report after the session, so the final result is
computed from the same numbers offline scoring would use.

Memory stays flat enough for long sessions: a canonical part map (4 KB) is kept zlib-compressed
(~300 bytes, 17 us to pack, 8 us to unpack) and unpacked only for the frames ``score_pairs``
asks for (``PackedParts``), and the dancer's mirrored reading is derived from the plain one, not
kept (its limbs are the plain ones with left and right swapped, ``poses.mirror_readings``; its
part map is the plain map flipped with left and right swapped, exactly what
``canonical_parts(mirror=True)`` computes).

Nothing in a live session or its report reads a part map (poses are compared by limb direction),
so none is made while the session runs, only if read (``Deferred``): a cached reference's from
its cached frame (``CachedFrame``), the dancer's from what it is made of (``KeptFrame``: the
model's part map packed, ~650 bytes in 15 us, its ROI, hips and shoulders), so a dancer's frame
costs about 1.3 KB (0.7 KB when each map was made, ~70 us, as its frame came).

* ``ReferenceTrack``: one slot per reference frame, filled as the reference is analysed (live:
  when the frame is presented; cached: a little ahead of the playback position). The matcher
  waits on it for the frame showing at a capture's moment, with a timeout.
* ``UserTrack``: the dancer's rows, appended by the matcher thread only, in capture order.
* ``GrowingAligner``: ``OnlineAligner`` over a reference whose features arrive while it plays.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Sequence

import numpy as np
from numpy.typing import DTypeLike

from dancelike.scoring.movement import JOINTS, joints_and_seen
from dancelike.scoring.online import OnlineAligner
from dancelike.scoring.poses import (
    CANONICAL_SIZE,
    FEATURE_SIZE,
    MIRROR_PARTS,
    NUM_LIMBS,
    PoseTrack,
    canonical_parts,
    mirror_readings,
    pose_track,
)
from dancelike.vision.body import BodyFrame
from dancelike.vision.landmark_names import HIPS, NUM_LANDMARKS, SHOULDERS

_SHAPE = (CANONICAL_SIZE, CANONICAL_SIZE)
_EMPTY_PARTS = zlib.compress(np.zeros(_SHAPE, np.uint8).tobytes(), 1)


def row_of(body: BodyFrame, t: float) -> PoseTrack:
    """One frame's ``PoseTrack`` row, stamped with time ``t`` (exactly what ``pose_track`` makes)."""
    row = pose_track([body])
    row.times[0] = t
    return row


def concat(rows: list[PoseTrack]) -> PoseTrack:
    """Rows joined in order into one track (both readings of a frame, scored in one call)."""
    return PoseTrack(*(np.concatenate([getattr(r, name) for r in rows]) for name in ("times", "found", "directions", "visibility", "parts")))


def pack(parts: np.ndarray) -> bytes:
    return zlib.compress(np.ascontiguousarray(parts, np.uint8).tobytes(), 1)


def unpack(blob: bytes) -> np.ndarray:
    return np.frombuffer(zlib.decompress(blob), np.uint8).reshape(_SHAPE)


class Deferred:
    """A frame's canonical part map, made only when read. Nothing in a live session or its report
    reads one (poses are compared by limb direction), so making each as its frame came cost the
    matcher a tenth of its time for nothing; ``tracks()`` still gives the same maps."""

    __slots__ = ()

    def parts(self) -> np.ndarray:
        raise NotImplementedError


class CachedFrame(Deferred):
    """The map of frame ``index`` of a cached reference's analysis."""

    __slots__ = ("frames", "index")

    def __init__(self, frames: Sequence[BodyFrame], index: int) -> None:
        self.frames, self.index = frames, index

    def parts(self) -> np.ndarray:
        return canonical_parts(self.frames[self.index])


_TORSO = [*HIPS, *SHOULDERS]


class KeptFrame(Deferred):
    """The map of a dancer's frame, kept as what it is made from: the part map zlib-packed (~650
    bytes, 15 us), the ROI, the hips and shoulders (``poses.body_origin_and_scale``)."""

    __slots__ = ("blob", "side", "roi", "torso")

    def __init__(self, body: BodyFrame) -> None:
        assert body.landmarks is not None  # only a frame with a dancer has a map
        part_map = body.part_map
        self.blob = None if part_map is None else zlib.compress(np.ascontiguousarray(part_map, np.uint8).tobytes(), 1)
        self.side = 0 if part_map is None else part_map.shape[0]
        self.roi, self.torso = body.roi, body.landmarks[_TORSO].copy()

    def parts(self) -> np.ndarray:
        landmarks = np.zeros((NUM_LANDMARKS, 4), self.torso.dtype)
        landmarks[_TORSO] = self.torso
        part_map = None if self.blob is None else np.frombuffer(zlib.decompress(self.blob), np.uint8).reshape(self.side, self.side)
        return canonical_parts(BodyFrame(0.0, 0, 0, landmarks, 0.0, self.roi, None, part_map))


class PackedParts:
    """A track's canonical part maps, kept compressed and unpacked only for the frames asked for.

    Stands in for ``PoseTrack.parts`` (n, S, S): indexing with an int, a slice or an index array
    gives the dense maps of those frames, which is all ``score_pairs`` does (in chunks). A
    10-minute session's report then holds a few MB of part maps instead of 74 MB per track and
    reading. ``mirrored`` gives each map flipped with left and right swapped (the mirrored reading).
    """

    ndim = 3
    dtype = np.dtype(np.uint8)

    def __init__(self, blobs: list[bytes | Deferred | None], mirrored: bool = False) -> None:
        self._blobs, self.mirrored = blobs, mirrored

    def __len__(self) -> int:
        return len(self._blobs)

    @property
    def shape(self) -> tuple[int, int, int]:
        return (len(self._blobs), *_SHAPE)

    @property
    def size(self) -> int:
        return len(self._blobs) * _SHAPE[0] * _SHAPE[1]

    def __getitem__(self, index: int | slice | np.ndarray) -> np.ndarray:
        frames = np.arange(len(self._blobs))[index]
        if np.ndim(frames) == 0:
            return self._one(int(frames))
        out = np.zeros((len(frames), *_SHAPE), np.uint8)
        for k, frame in enumerate(frames):
            out[k] = self._one(int(frame))
        return out

    def __array__(self, dtype: DTypeLike | None = None, copy: bool | None = None) -> np.ndarray:
        """All the maps, dense (for code that wants a plain array)."""
        dense = self[:]
        return dense if dtype is None else dense.astype(dtype)

    def _one(self, frame: int) -> np.ndarray:
        blob = self._blobs[frame]
        if blob is None or blob is _EMPTY_PARTS:
            return np.zeros(_SHAPE, np.uint8)
        parts = blob.parts() if isinstance(blob, Deferred) else unpack(blob)
        return MIRROR_PARTS[parts[:, ::-1]] if self.mirrored else parts


def _track(times: np.ndarray, found: np.ndarray, directions: np.ndarray, visibility: np.ndarray, blobs: list[bytes | Deferred | None]) -> PoseTrack:
    return PoseTrack(times, found, directions, visibility, PackedParts(blobs))  # type: ignore[arg-type]  # PackedParts stands in for the dense parts array


class ReferenceTrack:
    """Rows of the reference, one slot per frame (index = round(t * fps)), filled as analysed.

    Thread-safe: one thread fills, the matcher reads and waits. ``frontier`` is the latest
    reference time whose frame has been filled; ``complete`` is set once no more frames will
    come (the reference ended or the session stops), so no waiter waits for nothing.
    """

    def __init__(self, count: int, fps: float) -> None:
        self.fps = float(fps)
        self.count = n = max(1, int(count))
        self.times = np.arange(n) / self.fps
        self.found = np.zeros(n, bool)
        self.directions = np.full((n, NUM_LIMBS, 2), np.nan)
        self.visibility = np.zeros((n, NUM_LIMBS))
        self._parts: list[bytes | Deferred | None] = [None] * n
        # each slot's canonical joints and whether each was seen (``movement.joints_and_seen``),
        # made once as it is filled: the live movement window reads the last 2.4 s every frame
        self.joints = np.full((n, len(JOINTS), 2), np.nan)
        self.joint_seen = np.zeros((n, len(JOINTS)), bool)
        self.filled = np.zeros(n, bool)
        self.frontier = -1.0
        self.complete = False
        self._fills: list[int] = []  # every slot filled, in the order filled (each reader keeps its place)
        self._cond = threading.Condition()

    def index_of(self, t: float) -> int:
        return min(max(round(t * self.fps), 0), self.count - 1)

    def fill(self, index: int, row: PoseTrack) -> None:
        """Store a one-row track in slot ``index`` (a later fill of the same slot wins)."""
        self.fill_rows([index], row)

    def fill_rows(self, indices: list[int], rows: PoseTrack, frames: Sequence[BodyFrame] | None = None, numbers: list[int] | None = None) -> None:
        """Store row k of ``rows`` in slot ``indices[k]``, in that order, as ``fill`` one by one
        would (a cached reference fills a second of rows at once). With ``frames``, ``rows``
        may come without part maps: row k's is made from ``frames[numbers[k]]`` if ever read."""
        if frames is not None and numbers is not None:
            blobs: list[bytes | Deferred] = [CachedFrame(frames, numbers[k]) if rows.found[k] else _EMPTY_PARTS for k in range(len(indices))]
        else:
            blobs = [pack(rows.parts[k]) if rows.found[k] else _EMPTY_PARTS for k in range(len(indices))]
        joints, seen = joints_and_seen(rows)
        with self._cond:
            for k, index in enumerate(indices):
                self.times[index] = rows.times[k]
                self.found[index] = rows.found[k]
                self.directions[index] = rows.directions[k]
                self.visibility[index] = rows.visibility[k]
                self._parts[index] = blobs[k]
                self.joints[index] = joints[k]
                self.joint_seen[index] = seen[k]
                self.filled[index] = True
                self.frontier = max(self.frontier, float(rows.times[k]))
                self._fills.append(index)
            self._cond.notify_all()

    def finish(self) -> None:
        """No more frames will be filled: wake every waiter."""
        with self._cond:
            self.complete = True
            self._cond.notify_all()

    def reopen(self) -> None:
        """Frames come again (a seek back after the reference had ended)."""
        if self.complete:
            with self._cond:
                self.complete = False

    def wait_for(self, t: float, timeout: float) -> bool:
        """Wait until the frame showing at reference time ``t`` is filled; False on timeout."""
        due = t - 0.5 / self.fps
        with self._cond:
            return self._cond.wait_for(lambda: self.frontier >= due or self.complete, timeout)

    def fills_since(self, start: int) -> tuple[list[int], int]:
        """Slots filled after the first ``start`` fills, and the count to pass next time. Each
        reader (a player's scorer, whose aligners keep their own copy) keeps its own count, so
        two players' scorers both see every slot."""
        with self._cond:
            return self._fills[start:], len(self._fills)

    def nearest_filled(self, index: int, radius: int = 2) -> int | None:
        """The filled slot nearest ``index`` within ``radius`` frames (earlier first on ties)."""
        for step in range(radius + 1):
            for candidate in (index - step, index + step):
                if 0 <= candidate < self.count and self.filled[candidate]:
                    return candidate
        return None

    def row(self, index: int) -> PoseTrack:
        return self._slice(slice(index, index + 1))

    def joints_of(self, slots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``movement.joints_and_seen`` of the rows of ``slots`` (any order, repeats allowed):
        what the live movement window compares."""
        with self._cond:
            return self.joints[slots], self.joint_seen[slots]

    def track(self, until: float | None = None) -> PoseTrack:
        """The track from the first frame up to reference time ``until``, ending at the last
        filled slot (the reference's last frame: a slot past it would be read as a frame where
        nobody was seen, and pinned to the end of the DTW path, ruin the timing score).

        Slots never filled inside it (frames the analyser had to skip) stay as frames where
        nobody was seen: the report leaves those out of the judgement rather than invent a
        pose, and row k stays the reference video's frame k (the replay relies on it).
        """
        end = self.count if until is None else self.index_of(until) + 1
        filled = np.flatnonzero(self.filled[:end])
        return self._slice(slice(0, int(filled[-1]) + 1 if len(filled) else 0))

    def _slice(self, s: slice) -> PoseTrack:
        with self._cond:
            return _track(self.times[s].copy(), self.found[s].copy(), self.directions[s].copy(), self.visibility[s].copy(), self._parts[s])


class _Columns:
    """Append-only columns in chunks of ``CHUNK`` rows: no per-row Python objects, no regrowth copies."""

    CHUNK = 1024

    def __init__(self, shapes: dict[str, tuple[tuple[int, ...], type]]) -> None:
        self.shapes = shapes
        self.chunks: list[dict[str, np.ndarray]] = []
        self.size = 0

    def append(self, **values: object) -> None:
        at = self.size % self.CHUNK
        if at == 0:
            self.chunks.append({name: np.zeros((self.CHUNK, *shape), dtype) for name, (shape, dtype) in self.shapes.items()})
        chunk = self.chunks[-1]
        for name, value in values.items():
            chunk[name][at] = value
        self.size += 1

    def column(self, name: str) -> np.ndarray:
        shape, dtype = self.shapes[name]
        if not self.chunks:
            return np.zeros((0, *shape), dtype)
        return np.concatenate([chunk[name] for chunk in self.chunks])[: self.size]


class UserTrack:
    """The dancer's rows in capture order: plain and, when ``with_mirror``, mirrored too."""

    def __init__(self, with_mirror: bool) -> None:
        self.with_mirror = with_mirror
        limbs = ((NUM_LIMBS, 2), np.float64)
        columns = {
            "times": ((), np.float64),
            "capture": ((), np.float64),
            "index": ((), np.int64),
            "take": ((), np.int64),
            "found": ((), np.bool_),
            "directions": limbs,
            "visibility": ((NUM_LIMBS,), np.float64),
        }
        self._columns = _Columns(columns)
        self._parts: list[bytes | Deferred | None] = []

    def add(self, body: BodyFrame, position: float, capture_t: float, index: int = -1, take: int = 0) -> tuple[PoseTrack, PoseTrack | None]:
        """Keep the frame's rows (stamped with the reference ``position``); return them without
        their part maps (live scores compare limb directions only; ``tracks`` has the maps).
        ``index`` is the camera frame's index (= its frame number in the recording), ``take``
        how many seeks came before it."""
        plain = row = pose_track([body], with_parts=False)
        row.times[0] = position
        mirrored = None
        if self.with_mirror:  # as ``pose_track(mirror=True)`` reads it (nobody: the plain row)
            directions, visibility = mirror_readings(row.directions, row.visibility) if row.found[0] else (row.directions, row.visibility)
            mirrored = PoseTrack(row.times, row.found, directions, visibility, plain.parts)
        values: dict[str, object] = {
            "times": position,
            "capture": capture_t,
            "index": index,
            "take": take,
            "found": plain.found[0],
            "directions": plain.directions[0],
            "visibility": plain.visibility[0],
        }
        self._columns.append(**values)
        self._parts.append(KeptFrame(body) if row.found[0] else _EMPTY_PARTS)
        return plain, mirrored

    def __len__(self) -> int:
        return self._columns.size

    @property
    def takes(self) -> np.ndarray:
        """The take of each row (non-decreasing; more than one value: a practice session)."""
        return self._columns.column("take")

    @property
    def frame_indices(self) -> np.ndarray:
        """The camera frame index of each row: rows skip the frames the analyser skipped."""
        return self._columns.column("index")

    def tracks(self) -> tuple[PoseTrack, PoseTrack | None]:
        """The whole performance as tracks: (plain, mirrored or None)."""
        c = self._columns
        plain = _track(c.column("times"), c.column("found"), c.column("directions"), c.column("visibility"), list(self._parts))
        if not self.with_mirror:
            return plain, None
        directions, visibility = mirror_readings(plain.directions, plain.visibility)  # derived, not kept: ~300 B a frame
        mirrored = PoseTrack(plain.times, plain.found, directions, visibility, PackedParts(list(self._parts), mirrored=True))  # type: ignore[arg-type]  # as in _track
        return plain, mirrored


class GrowingAligner(OnlineAligner):
    """``OnlineAligner`` over a reference that is analysed while it plays.

    It starts from an all-unknown reference (NaN features count as missing, at the aligner's
    missing cost) and learns each reference frame with ``set_frame`` as the reference analyser
    produces it, so live matching works before the whole reference has been seen. Frames not yet
    analysed (ahead of the playback position) look like gaps, which only means a dancer far ahead
    of the video is recognised once the video gets there.

    It writes the base class's reference arrays; ``OnlineAligner`` would be the better home for
    a public ``set_frame`` (see the engine's notes). Use from one thread.
    """

    def __init__(self, count: int, fps: float, **options: float) -> None:
        super().__init__(np.full((max(1, count), FEATURE_SIZE), np.nan), fps, **options)

    def set_frame(self, index: int, feature: np.ndarray) -> None:
        feature = np.asarray(feature, np.float64).reshape(-1)
        self._ref[index] = feature
        self._ref_missing[index] = bool(np.isnan(feature).any())
