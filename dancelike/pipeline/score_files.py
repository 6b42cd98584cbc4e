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

from dancelike.media.audio import load_audio
from dancelike.pipeline.analysis import AnalysisPool, default_workers
from dancelike.pipeline.dancers import follow_dancer
from dancelike.pipeline.reference import BEAT_RATE, analyse_reference, reference_beats, reference_chance
from dancelike.scoring.alignment import Line
from dancelike.scoring.calibration import Chance
from dancelike.scoring.mirror import Mirror, Reading, choose_reading
from dancelike.scoring.poses import pose_track
from dancelike.scoring.report import Report, build_report
from dancelike.scoring.sync import music_offset
from dancelike.store import analysis_cache
from dancelike.vision.video_analysis import VideoAnalysis


@dataclass
class ScoredPair:
    """A scored performance and everything needed to show or replay it."""

    report: Report
    reference: VideoAnalysis
    performance: VideoAnalysis
    path: np.ndarray
    reference_cached: bool
    line: Line | None = None


def music_line(reference_path: str | Path, performance_path: str | Path) -> Line | None:
    """The line given by the music both videos carry (rate 1), or ``None``."""
    reference_audio = load_audio(reference_path, rate=BEAT_RATE)
    performance_audio = load_audio(performance_path, rate=BEAT_RATE)
    if reference_audio is None or performance_audio is None:
        return None
    found = music_offset(reference_audio[:, 0], performance_audio[:, 0], BEAT_RATE)
    return None if found is None else Line(found[0], 1.0, "music")


def score_videos(
    reference_path: str,
    performance_path: str,
    mirror: Mirror | str = "auto",
    workers: int | None = None,
    use_cache: bool = True,
    on_progress: Callable[[str, int], None] | None = None,
    pool: AnalysisPool | None = None,
    dancer: int | None = None,
) -> ScoredPair:
    """Score the performance video against the reference video.

    ``dancer`` is the reference's dancer to follow (numbered from the left; ``None``: the
    default one, most in view near the centre); every dancer's analysis is cached, so
    another choice later is not analysed again. ``mirror`` is "auto", "on" or "off".
    ``on_progress(stage, frames_done)`` reports
    the analysis of "reference" and "performance" frame by frame. ``pool`` reuses
    running analysis workers (scoring many videos); by default a pool is started here.
    """
    mirror = Mirror(mirror)

    def report_stage(stage: str) -> Callable[[int], None] | None:
        return None if on_progress is None else (lambda done: on_progress(stage, done))

    own_pool = pool is None
    pool = pool or AnalysisPool(workers or default_workers())
    try:
        key = analysis_cache.content_key(reference_path)
        everyone, cached = analyse_reference(reference_path, pool, use_cache, report_stage("reference"), key)
        reference = follow_dancer(reference_path, everyone, dancer)
        performance = pool.analyze(performance_path, on_progress=report_stage("performance"))
    finally:
        if own_pool:
            pool.close()
    beats = reference_beats(reference_path, key if use_cache else None)
    line = music_line(reference_path, performance_path)
    chance_key = analysis_cache.track_key(key, reference) if use_cache else None
    chance = reference_chance(reference_path, pose_track(reference.frames, with_parts=False), reference.fps, chance_key)
    report, reading = score_analyses(reference, performance, mirror, beats, chance, line)
    return ScoredPair(report, reference, performance, reading.path, cached, reading.line)


def score_analyses(
    reference: VideoAnalysis, performance: VideoAnalysis, mirror: Mirror | str, beats: np.ndarray | None, chance: Chance, line: Line | None = None
) -> tuple[Report, Reading]:
    """The report of two analysed videos (``line``: the music's, when known)."""
    mirror = Mirror(mirror)
    # limb directions only: the part maps' overlap is left out of the score (``poses.without_parts``)
    ref_track = pose_track(reference.frames, with_parts=False)
    plain = pose_track(performance.frames, with_parts=False)
    mirrored_track = pose_track(performance.frames, mirror=True, with_parts=False) if mirror is not Mirror.OFF else plain
    reading = choose_reading(ref_track, plain, mirrored_track, performance.fps, mirror, chance, line)
    by_music = reading.line.source == "music"
    report = build_report(ref_track, reading.track, reading.path, performance.fps, reading.mirrored, beats, chance, reading.line.offset_s if by_music else 0.0)
    report.aligned_by = reading.line.source
    if reference.followed is not None:
        report.dancer, report.dancers = reference.followed, len(reference.dancers)
    if reading.line.source == "music":
        report.music_offset_ms = reading.line.offset_s * 1000.0
    return report, reading
