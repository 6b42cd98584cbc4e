"""Scoring two video files: analysis (cached for references), alignment, report.

The Python API behind ``dancelike score`` (and the desktop app's re-scoring of a
recording): analyse both videos, describe them in the body-centred frame, decide
once whether the dancer mirrored the video, align the performance to the reference
with exact DTW, and build the report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dancelike.analysis import AnalysisPool, VideoAnalysis, default_workers
from dancelike.media.audio import load_audio
from dancelike.scoring.beats import beat_times
from dancelike.scoring.dtw import align
from dancelike.scoring.match import score_pairs
from dancelike.scoring.poses import PoseTrack, pose_track
from dancelike.scoring.report import Report, build_report
from dancelike.store import analysis_cache

#: Half-width of the DTW band: how far (seconds) the dancer may drift from the video.
BAND_SECONDS = 3.0
#: How much better (points) the mirrored reading must match to be believed.
MIRROR_MARGIN = 3.0
#: DTW cost of a pair with nobody on one side. Features are 12 unit vectors, so a good
#: match costs ~0.3 and unrelated poses ~4.9; an empty frame sits between a sloppy match
#: and an unrelated one, so the path neither hunts for nor avoids gaps.
MISSING_COST = 2.5
BEAT_RATE = 22050


@dataclass
class ScoredPair:
    """A scored performance and everything needed to show or replay it."""

    report: Report
    reference: VideoAnalysis
    performance: VideoAnalysis
    path: np.ndarray
    reference_cached: bool


def _align(reference: PoseTrack, performance: PoseTrack, fps: float) -> tuple[np.ndarray, float]:
    """DTW path and the mean frame score along it (how well this reading fits)."""
    alignment = align(reference.features, performance.features, band=int(round(BAND_SECONDS * fps)), missing_cost=MISSING_COST)
    path = np.asarray(alignment.path)
    return path, float(score_pairs(reference, performance, path).frame.mean()) if len(path) else 0.0


def choose_mirror(reference: PoseTrack, plain: PoseTrack, mirrored: PoseTrack, fps: float, mirror: str) -> tuple[bool, np.ndarray]:
    """Decide once per session whether the performance is mirrored; returns (mirrored, path)."""
    if mirror == "off":
        return False, _align(reference, plain, fps)[0]
    if mirror == "on":
        return True, _align(reference, mirrored, fps)[0]
    plain_path, plain_score = _align(reference, plain, fps)
    mirror_path, mirror_score = _align(reference, mirrored, fps)
    if mirror_score > plain_score + MIRROR_MARGIN:
        return True, mirror_path
    return False, plain_path


def reference_beats(path: str | Path, key: str | None = None) -> np.ndarray | None:
    """Beat times of the reference's music, or ``None`` without audio or a clear beat.
    With its content ``key`` they are looked up in, or added to, the analysis cache."""
    if key is not None:
        known, beats = analysis_cache.load_beats(key)
        if known:
            return beats
    audio = load_audio(path, rate=BEAT_RATE)
    beats = None if audio is None else beat_times(audio[:, 0], BEAT_RATE)
    if key is not None:
        analysis_cache.save_beats(key, beats)
    return beats


def analyse_reference(
    path: str, pool: AnalysisPool, use_cache: bool, on_progress: Callable[[int], None] | None, key: str | None = None
) -> tuple[VideoAnalysis, bool]:
    """The reference's analysis from the cache when possible, else analysed and cached.
    ``key`` is its content key when the caller already has it."""
    key = key or analysis_cache.content_key(path)
    if use_cache:
        cached = analysis_cache.load(key)
        if cached is not None:
            return cached, True
    analysis = pool.analyze(path, on_progress=on_progress)
    analysis_cache.save(key, analysis)
    return analysis, False


def score_videos(
    reference_path: str,
    performance_path: str,
    mirror: str = "auto",
    workers: int | None = None,
    use_cache: bool = True,
    on_progress: Callable[[str, int], None] | None = None,
    pool: AnalysisPool | None = None,
) -> ScoredPair:
    """Score the performance video against the reference video.

    ``mirror`` is "auto", "on" or "off". ``on_progress(stage, frames_done)`` reports
    the analysis of "reference" and "performance" frame by frame. ``pool`` reuses
    running analysis workers (scoring many videos); by default a pool is started here.
    """
    if mirror not in ("auto", "on", "off"):
        raise ValueError(f"mirror must be auto, on or off, not {mirror!r}")

    def report_stage(stage: str) -> Callable[[int], None] | None:
        return None if on_progress is None else (lambda done: on_progress(stage, done))

    own_pool = pool is None
    pool = pool or AnalysisPool(workers or default_workers())
    try:
        key = analysis_cache.content_key(reference_path)
        reference, cached = analyse_reference(reference_path, pool, use_cache, report_stage("reference"), key)
        performance = pool.analyze(performance_path, on_progress=report_stage("performance"))
    finally:
        if own_pool:
            pool.close()
    ref_track = pose_track(reference.frames)
    plain = pose_track(performance.frames)
    mirrored_track = pose_track(performance.frames, mirror=True) if mirror != "off" else plain
    is_mirrored, path = choose_mirror(ref_track, plain, mirrored_track, reference.fps, mirror)
    perf_track = mirrored_track if is_mirrored else plain
    report = build_report(ref_track, perf_track, path, performance.fps, is_mirrored, reference_beats(reference_path, key if use_cache else None))
    return ScoredPair(report, reference, performance, path, cached)
