"""Cached analyses of videos, keyed by the file's content, so a reference is analysed once.

A choreography is scored against many performances; its analysis (landmarks, ROIs,
part maps) is saved as a compressed ``.npz`` named after the SHA-256 of the video's
bytes plus the analysis version, in the cache folder (``paths.cache_dir``). Renaming or moving
the video keeps the cache; changing one byte of it, or the analysis code's version,
does not.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from dancelike.store.cache_parts import CHUNK, LAYOUT, ChunkedPartMaps, ChunkFile, chunk_name, old_part_chunks, old_parts_side, part_chunks, write_members
from dancelike.store.paths import cache_dir
from dancelike.vision.body import BodyFrame, FrameColumns, PackedPartMaps
from dancelike.vision.video_analysis import Dancer, VideoAnalysis

log = logging.getLogger(__name__)

#: What numpy raises for a truncated, garbled or half-written cache file.
DAMAGED = (OSError, ValueError, KeyError, IndexError, EOFError, zipfile.BadZipFile, zlib.error)

#: Bump when the analysis (models, tracking, part map) changes what it produces.
ANALYSIS_VERSION = 3  # 2: the int8 landmark model (pose_landmark_full_int8mix); 3: every dancer


def content_key(path: str | Path) -> str:
    """SHA-256 of the file's bytes (read in 1 MiB blocks) with the analysis version and the
    landmark model this machine runs (``vision.model_choice``: analyses differ by model)."""
    from dancelike.vision.model_choice import cache_tag, landmark_model

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return f"{digest.hexdigest()}-v{ANALYSIS_VERSION}{cache_tag(landmark_model())}"


def _cache_file(key: str, folder: Path | None) -> Path:
    return (folder or cache_dir()) / f"{key}.npz"


def proxy_file(key: str, folder: Path | None = None) -> Path:
    """Where the playback copy of the video with ``key`` is kept (``media.proxy``)."""
    return (folder or cache_dir()) / f"{key}.proxy.mp4"


def save(key: str, analysis: VideoAnalysis, folder: Path | None = None) -> Path:
    """Write ``analysis`` (every dancer's track when it has them) under ``key`` atomically
    (a half-written cache is never read). Part maps are written a chunk at a time
    (``cache_parts``), never gathered into one array."""
    tracks: list[Sequence[BodyFrame]] = [dancer.frames for dancer in analysis.dancers] or [analysis.frames]
    count = len(analysis.frames)
    landmarks = np.full((len(tracks), count, 33, 4), np.nan, np.float32)
    rois = np.full((len(tracks), count, 4), np.nan, np.float64)
    presence = np.zeros((len(tracks), count), np.float32)
    has_parts = np.zeros((len(tracks), count), bool)
    side = 1
    for row, frames in enumerate(tracks):
        for index, body in enumerate(frames):
            presence[row, index] = body.presence
            if body.landmarks is not None:
                landmarks[row, index] = body.landmarks
            if body.roi is not None:
                rois[row, index] = (body.roi.center_x, body.roi.center_y, body.roi.size, body.roi.rotation)
            if body.part_map is not None:
                has_parts[row, index], side = True, body.part_map.shape[0]
    head: dict[str, np.ndarray] = {
        "meta": np.array([analysis.fps, analysis.width, analysis.height], np.float64),
        "times": np.array([f.t for f in analysis.frames], np.float64),
        "numbers": np.array([dancer.number for dancer in analysis.dancers], np.int64),
        "presence": presence,
        "has_parts": has_parts,
        "landmarks": landmarks,
        "rois": rois,
        LAYOUT: np.array([LAYOUT_VERSION, side, CHUNK], np.int64),
    }
    return _write(_cache_file(key, folder), itertools.chain(head.items(), part_chunks(tracks, side)))


def _write(target: Path, members: Iterable[tuple[str, np.ndarray]]) -> Path:
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".npz.part")
    os.close(handle)
    try:
        with open(temporary, "wb") as out:
            write_members(out, members)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return target


#: What the layout member says: part maps in chunks of ``CHUNK`` frames.
LAYOUT_VERSION = 2
_HEAD = ("meta", "times", "numbers", "presence", "has_parts", "landmarks", "rois")


def load(key: str, folder: Path | None = None) -> VideoAnalysis | None:
    """The cached analysis for ``key`` (following its default dancer), or ``None`` when there is
    none. A damaged one (truncated, garbled) is deleted: it is only a missed shortcut, analysed
    again and saved afresh, instead of failing every session of that dance.

    The part maps stay in the file and are read a window at a time when a frame's map is asked
    for (``cache_parts.ChunkedPartMaps``); a file written before with every part map in one
    array is converted once (streamed, never whole in memory)."""
    path = _cache_file(key, folder)
    if not path.is_file():
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
        if f"{LAYOUT}.npy" not in names:  # the first layout: converted once (read whole when it cannot be)
            return load(key, folder) if _convert(path) else _load_whole(path)
        with open(path, "rb") as handle, np.load(handle) as data:
            head = {name: data[name] for name in (*_HEAD, LAYOUT)}
        _, side, chunk = (int(v) for v in head[LAYOUT])
        rows, count = max(1, len(head["numbers"])), len(head["times"])
        if {head[name].shape[:2] for name in ("presence", "has_parts", "landmarks", "rois")} != {(rows, count)}:
            raise ValueError("arrays of different lengths")
        missing = [chunk_name(row, k) for row in range(rows) for k in range(-(-count // chunk)) if f"{chunk_name(row, k)}.npy" not in names]
        if missing:
            raise KeyError(missing[0])
    except DAMAGED:
        _discard(path)
        return None
    file = ChunkFile(str(path))
    fps, width, height = head["meta"]
    tracks: list[Sequence[BodyFrame]] = [
        FrameColumns(
            int(width),
            int(height),
            head["times"],
            head["landmarks"][row],
            head["presence"][row],
            head["rois"][row],
            ChunkedPartMaps(file, row, head["has_parts"][row], chunk),
        )
        for row in range(rows)
    ]
    return _analysis(float(fps), int(width), int(height), head["numbers"], tracks)


def _analysis(fps: float, width: int, height: int, numbers: np.ndarray, tracks: list[Sequence[BodyFrame]]) -> VideoAnalysis:
    analysis = VideoAnalysis(fps, width, height, tracks[0])
    if len(numbers):
        analysis.dancers = [Dancer(int(number), frames) for number, frames in zip(numbers, tracks, strict=True)]
        analysis = analysis.follow(None)
    return analysis


def _convert(path: Path) -> bool:
    """Rewrite a file of the first layout (one ``parts`` array) with its part maps in chunks,
    streamed across; False when that cannot be written (a read-only or full cache folder)."""
    with open(path, "rb") as handle, np.load(handle) as data:
        head = {name: data[name] for name in _HEAD}
    temporary = None
    try:
        handle_no, temporary = tempfile.mkstemp(dir=path.parent, suffix=".npz.part")
        os.close(handle_no)
        with zipfile.ZipFile(path) as archive, open(temporary, "wb") as out:
            head[LAYOUT] = np.array([LAYOUT_VERSION, old_parts_side(archive), CHUNK], np.int64)
            write_members(out, itertools.chain(head.items(), old_part_chunks(archive)))
        os.replace(temporary, path)
    except OSError as exc:
        log.warning("analysis cache: %s not converted: %s", path.name, exc)
        return False
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
    log.info("analysis cache: %s converted to part maps in chunks", path.name)
    return True


def _load_whole(path: Path) -> VideoAnalysis | None:
    """A file of the first layout read whole (every part map in memory), as it always was."""
    try:
        with open(path, "rb") as handle, np.load(handle) as data:  # np.load(path) leaks the file on a bad zip
            fps, width, height = data["meta"]
            times, numbers, presence, has_parts = data["times"], data["numbers"], data["presence"], data["has_parts"]
            landmarks, rois, parts = data["landmarks"], data["rois"], data["parts"]
        shapes = {array.shape[:2] for array in (presence, has_parts, landmarks, rois, parts)}
        if shapes != {(max(1, len(numbers)), len(times))}:
            raise ValueError("arrays of different lengths")
    except DAMAGED:
        _discard(path)
        return None
    tracks: list[Sequence[BodyFrame]] = []
    for row in range(len(presence)):
        packed = PackedPartMaps.pack(parts[row, index] if has_parts[row, index] else None for index in range(len(times)))
        tracks.append(FrameColumns(int(width), int(height), times, landmarks[row], presence[row], rois[row], packed))
    return _analysis(float(fps), int(width), int(height), numbers, tracks)


def track_key(key: str, analysis: VideoAnalysis) -> str:
    """The key of what is measured on the followed dancer's track (its chance level): the
    video's key, plus the dancer's number when the video has several."""
    return key if analysis.followed is None or len(analysis.dancers) < 2 else f"{key}-dancer{analysis.followed}"


#: Bump when beat finding (``scoring.beats``) changes what it finds.
BEATS_VERSION = 1
_NO_BEATS = np.full(1, np.nan)  # saved for music without a clear beat (or no music)


def save_beats(key: str, beats: np.ndarray | None, folder: Path | None = None) -> None:
    """Keep the beat times found in a video's music (``None``: none found): finding them in a
    10-minute track takes seconds that a session's start should not wait for twice."""
    save_array(key, f"beats{BEATS_VERSION}", _NO_BEATS if beats is None else np.asarray(beats, np.float64), folder)


def load_beats(key: str, folder: Path | None = None) -> tuple[bool, np.ndarray | None]:
    """``(known, beats)``: whether the beats of ``key`` were kept, and them (None: no beat)."""
    beats = load_array(key, f"beats{BEATS_VERSION}", folder)
    if beats is None:
        return False, None
    return True, None if len(beats) == 1 and np.isnan(beats[0]) else beats


def save_array(key: str, name: str, values: np.ndarray, folder: Path | None = None) -> None:
    """Keep a small array derived from a video's analysis (its chance level, its music's onset
    envelope) beside it, written atomically; ``name`` says what it is and its version."""
    target = (folder or cache_dir()) / f"{key}.{name}.npy"
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".npy.part")
    os.close(handle)
    try:
        with open(temporary, "wb") as out:
            np.save(out, np.asarray(values))
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def load_array(key: str, name: str, folder: Path | None = None) -> np.ndarray | None:
    """The array kept by ``save_array``, or ``None`` (never kept, or unreadable)."""
    path = (folder or cache_dir()) / f"{key}.{name}.npy"
    try:
        with open(path, "rb") as handle:
            return np.load(handle)
    except FileNotFoundError:
        return None
    except DAMAGED:
        _discard(path)  # damaged: measured again and kept afresh
        return None


def _discard(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass  # read-only cache: analysed again each time, never a failure


#: Bump when ``scoring.calibration.reference_chance`` changes what it measures.
CHANCE_VERSION = 3  # 2: shifts where the dance repeats itself are left out; 3: still frames have no movement


def save_chance(key: str, values: np.ndarray, folder: Path | None = None) -> None:
    """Keep a reference's chance level (``Chance.as_array``) beside its analysis."""
    save_array(key, f"chance{CHANCE_VERSION}", values, folder)


def load_chance(key: str, folder: Path | None = None) -> np.ndarray | None:
    """The chance level kept for ``key`` (two numbers), or ``None``."""
    values = load_array(key, f"chance{CHANCE_VERSION}", folder)
    return values if values is not None and values.shape == (2,) else None
