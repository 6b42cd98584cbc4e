"""A cached analysis keeps its part maps in the file: a long dance is not loaded whole.

The ghost overlay and the live part overlap read a frame's part map when they need it; the
rest of the dance stays on disk. Files written before (every part map in one array) still
load, and are converted once.
"""

from __future__ import annotations

import io
import pickle
import tracemalloc
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hand_poses import skeleton

from dancelike.scoring.poses import pose_track
from dancelike.store import analysis_cache, cache_parts
from dancelike.vision.body import BodyFrame, FrameColumns, Roi
from dancelike.vision.video_analysis import Dancer, VideoAnalysis

FPS = 60.0
SIDE = 128


def _frames(count: int, x0: float = 320.0, seed: int = 0) -> list[BodyFrame]:
    """A dancer with a different part map every frame (and nobody in every 7th frame)."""
    rng = np.random.default_rng(seed)
    frames = []
    for k in range(count):
        t = k / FPS
        if k % 7 == 3:
            frames.append(BodyFrame(t, 1920, 1080, presence=0.1))
            continue
        parts = np.zeros((SIDE, SIDE), np.uint8)
        top = int(rng.integers(0, 90))
        parts[top : top + 30, 40:90] = 1 + k % 14
        landmarks = skeleton(t, x0=x0).astype(np.float32)
        frames.append(BodyFrame(t, 1920, 1080, landmarks, 0.9, Roi(x0, 540.0, 700.0 + k % 5, 0.05), None, parts))
    return frames


def _analysis(count: int) -> VideoAnalysis:
    dancers = [Dancer(1, _frames(count, 500.0, 1)), Dancer(2, _frames(count, 1400.0, 2))]
    return VideoAnalysis(FPS, 1920, 1080, dancers[0].frames, dancers=dancers).follow(None)


def _same(loaded: BodyFrame, saved: BodyFrame) -> None:
    assert loaded.t == saved.t and loaded.found == saved.found and loaded.presence == pytest.approx(saved.presence)
    assert loaded.roi == saved.roi
    if saved.landmarks is not None:
        assert loaded.landmarks is not None and np.array_equal(loaded.landmarks, saved.landmarks)
    if saved.part_map is None:
        assert loaded.part_map is None
    else:
        assert loaded.part_map is not None and np.array_equal(loaded.part_map, saved.part_map)


def test_a_long_cached_analysis_loads_without_its_part_maps(tmp_path: Path) -> None:
    count = 3000  # 50 s at 60 fps, two dancers: 98 MB of part maps
    analysis = _analysis(count)
    analysis_cache.save("long", analysis, tmp_path)
    tracemalloc.start()
    loaded = analysis_cache.load("long", tmp_path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert loaded is not None and len(loaded.frames) == count and len(loaded.dancers) == 2
    assert peak < 20 * 2**20  # landmarks and the rest: not the 98 MB of part maps
    assert isinstance(loaded.frames, FrameColumns)
    # the ghost of any moment: the very part map that was saved, read with its window only
    followed = analysis.dancer(loaded.followed or 1).frames
    for index in (0, 1, 3, 64, 1999, count - 1):
        _same(loaded.frames[index], followed[index])
    assert all(frame.part_map is None for frame in loaded.frames[3:4])  # nobody there: no map
    # a pass that reads landmarks only (scoring, the default dancer) unpacks no part map
    reads = loaded.frames.parts.file.reads  # type: ignore[attr-defined]
    plain = pose_track(loaded.frames, with_parts=False)
    assert loaded.frames.parts.file.reads == reads  # type: ignore[attr-defined]
    assert np.array_equal(plain.directions, pose_track(followed, with_parts=False).directions, equal_nan=True)


def test_every_frame_reads_back_as_saved(tmp_path: Path) -> None:
    analysis = _analysis(200)
    analysis_cache.save("all", analysis, tmp_path)
    loaded = analysis_cache.load("all", tmp_path)
    assert loaded is not None
    for dancer in analysis.dancers:
        again = loaded.dancer(dancer.number).frames
        assert len(again) == len(dancer.frames)
        for saved, read in zip(dancer.frames, again, strict=True):
            _same(read, saved)
    # the canonical part maps scoring compares live are the same too
    assert np.array_equal(pose_track(loaded.frames).parts, pose_track(analysis.frames).parts)


def _first_layout(key: str, analysis: VideoAnalysis, folder: Path) -> Path:
    """A cache file as the first layout wrote it: every part map in one ``parts`` array."""
    tracks = [dancer.frames for dancer in analysis.dancers]
    count = len(analysis.frames)
    landmarks = np.full((len(tracks), count, 33, 4), np.nan, np.float32)
    rois = np.full((len(tracks), count, 4), np.nan, np.float64)
    presence = np.zeros((len(tracks), count), np.float32)
    has_parts = np.zeros((len(tracks), count), bool)
    parts = np.zeros((len(tracks), count, SIDE, SIDE), np.uint8)
    for row, frames in enumerate(tracks):
        for index, body in enumerate(frames):
            presence[row, index] = body.presence
            if body.landmarks is not None:
                landmarks[row, index] = body.landmarks
            if body.roi is not None:
                rois[row, index] = (body.roi.center_x, body.roi.center_y, body.roi.size, body.roi.rotation)
            if body.part_map is not None:
                parts[row, index], has_parts[row, index] = body.part_map, True
    path = folder / f"{key}.npz"
    np.savez_compressed(
        path,
        meta=np.array([analysis.fps, analysis.width, analysis.height], np.float64),
        times=np.array([f.t for f in analysis.frames]),
        numbers=np.array([d.number for d in analysis.dancers], np.int64),
        presence=presence,
        has_parts=has_parts,
        landmarks=landmarks,
        rois=rois,
        parts=parts,
    )
    return path


def test_a_cache_file_written_before_loads_and_is_converted_once(tmp_path: Path) -> None:
    analysis = _analysis(150)
    path = _first_layout("old", analysis, tmp_path)
    loaded = analysis_cache.load("old", tmp_path)
    assert loaded is not None and loaded.followed == analysis.followed
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    assert "parts.npy" not in names and f"{cache_parts.LAYOUT}.npy" in names  # converted in place
    for dancer in analysis.dancers:
        for saved, read in zip(dancer.frames, loaded.dancer(dancer.number).frames, strict=True):
            _same(read, saved)
    again = analysis_cache.load("old", tmp_path)
    assert again is not None and again.frames.parts.file.reads == 0  # type: ignore[attr-defined]


def test_a_cache_file_written_before_in_a_folder_that_cannot_be_written_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    analysis = _analysis(80)
    path = _first_layout("kept", analysis, tmp_path)
    before = path.read_bytes()

    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError("read-only")

    monkeypatch.setattr(analysis_cache.tempfile, "mkstemp", refuse)
    loaded = analysis_cache.load("kept", tmp_path)
    assert loaded is not None and path.read_bytes() == before  # read as it is, left alone
    for saved, read in zip(analysis.frames, loaded.frames, strict=True):
        _same(read, saved)


def test_part_maps_of_a_damaged_chunk_are_missing_not_fatal(tmp_path: Path) -> None:
    analysis_cache.save("torn", _analysis(130), tmp_path)
    loaded = analysis_cache.load("torn", tmp_path)
    assert loaded is not None
    (tmp_path / "torn.npz").write_bytes(b"gone while the dance played")
    body = loaded.frames[100]
    assert body.found and body.part_map is None  # the ghost is drawn without its parts


def test_worker_results_cross_as_columns_with_the_same_frames() -> None:
    frames = _frames(90)
    columns = FrameColumns.of(frames, 1920, 1080)
    joined = FrameColumns.join([FrameColumns.of(frames[:40], 1920, 1080), FrameColumns.of(frames[40:], 1920, 1080)], 1920, 1080)
    for saved, one, two in zip(frames, columns, joined, strict=True):
        _same(one, saved)
        _same(two, saved)
    packed = io.BytesIO()
    pickle.dump(columns, packed)
    assert len(packed.getvalue()) < sum(f.part_map.nbytes for f in frames if f.part_map is not None) / 4
    listed, kept = Dancer(1, frames), Dancer(1, columns)  # the default dancer is chosen on the same figures
    assert np.array_equal(listed.hips(), kept.hips(), equal_nan=True) and listed.height() == kept.height()
    assert listed.frames_in_view == kept.frames_in_view
    track, again = pose_track(frames, mirror=True), pose_track(joined, mirror=True)
    assert np.array_equal(track.parts, again.parts) and np.array_equal(track.directions, again.directions, equal_nan=True)


def test_a_cached_analysis_sent_to_another_process_carries_its_part_maps(tmp_path: Path) -> None:
    analysis = _analysis(130)
    analysis_cache.save("sent", analysis, tmp_path)
    loaded = analysis_cache.load("sent", tmp_path)
    assert loaded is not None
    sent = pickle.dumps(loaded)  # a batch's reference bundle, to a worker that may be on another machine
    (tmp_path / "sent.npz").unlink()
    received = pickle.loads(sent)
    for saved, read in zip(analysis.dancer(received.followed).frames, received.frames, strict=True):
        _same(read, saved)
