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
from dancelike.scoring.alignment import Line, align_on_line, search_line
from dancelike.scoring.beats import beat_times
from dancelike.scoring.calibration import Chance, relative
from dancelike.scoring.calibration import reference_chance as measure_chance
from dancelike.scoring.match import score_pairs
from dancelike.scoring.mirror import Mirror
from dancelike.scoring.movement import matched_rows, movement_scores
from dancelike.scoring.poses import PoseTrack, pose_track, without_parts
from dancelike.scoring.report import Report, build_report, per_reference_frame, reference_fps
from dancelike.scoring.sync import music_offset
from dancelike.store import analysis_cache

#: How much better (relative agreement, 0 = chance, 1 = perfect) the mirrored reading must
#: match to be believed.
MIRROR_MARGIN = 0.03
BEAT_RATE = 22050


@dataclass
class ScoredPair:
    """A scored performance and everything needed to show or replay it."""

    report: Report
    reference: VideoAnalysis
    performance: VideoAnalysis
    path: np.ndarray
    reference_cached: bool
    line: Line | None = None


@dataclass(frozen=True)
class Reading:
    """One reading of the performance (as filmed, or mirrored) aligned with the reference."""

    mirrored: bool
    track: PoseTrack
    line: Line
    path: np.ndarray
    fit: float  # mean relative agreement along the path (0 = chance, 1 = perfect)


def read_performance(reference: PoseTrack, performance: PoseTrack, mirrored: bool, perf_fps: float, chance: Chance, line: Line | None = None) -> Reading:
    """Align one reading of the performance (on ``line`` when the music or a clock gives it,
    else on the line the motion suggests) and measure how well it fits."""
    line = line or search_line(reference, performance)
    path = align_on_line(reference, performance, line, perf_fps)
    return Reading(mirrored, performance, line, path, fit_of(reference, performance, path, chance))


def fit_of(reference: PoseTrack, performance: PoseTrack, path: np.ndarray, chance: Chance) -> float:
    """Mean relative agreement along ``path``: what the mirror decision compares."""
    if not len(path):
        return -1.0
    count = len(reference)
    pairs = score_pairs(without_parts(reference), without_parts(performance), path)
    pose = per_reference_frame(path, pairs.frame, count)
    matched = matched_rows(path, count)
    moved = movement_scores(reference, performance, matched, reference_fps(reference))
    return float(relative(pose, moved.frame, chance)[matched >= 0].mean())


def choose_reading(
    reference: PoseTrack, plain: PoseTrack, mirrored: PoseTrack, perf_fps: float, mirror: Mirror | str, chance: Chance, line: Line | None = None
) -> Reading:
    """Decide once per performance whether it is mirrored: both readings are aligned and the
    mirrored one is kept only when it fits clearly better (``MIRROR_MARGIN``)."""
    mirror = Mirror(mirror)
    if mirror is Mirror.OFF:
        return read_performance(reference, plain, False, perf_fps, chance, line)
    if mirror is Mirror.ON:
        return read_performance(reference, mirrored, True, perf_fps, chance, line)
    as_filmed = read_performance(reference, plain, False, perf_fps, chance, line)
    flipped = read_performance(reference, mirrored, True, perf_fps, chance, line)
    return flipped if flipped.fit > as_filmed.fit + MIRROR_MARGIN else as_filmed


def cached_chance(key: str) -> Chance | None:
    """The chance level kept with a reference's analysis, if it was measured already."""
    kept = analysis_cache.load_chance(key)
    return None if kept is None else Chance.from_array(kept)


def reference_chance(path: str | Path | None, reference: PoseTrack, fps: float, key: str | None = None) -> Chance:
    """How well unrelated moments of the reference agree with it, kept with its analysis."""
    if key is not None:
        kept = cached_chance(key)
        if kept is not None:
            return kept
    chance = measure_chance(reference, fps)
    if key is not None:
        analysis_cache.save_chance(key, chance.as_array())
    return chance


def music_line(reference_path: str | Path, performance_path: str | Path) -> Line | None:
    """The line given by the music both videos carry (rate 1), or ``None``."""
    reference_audio = load_audio(reference_path, rate=BEAT_RATE)
    performance_audio = load_audio(performance_path, rate=BEAT_RATE)
    if reference_audio is None or performance_audio is None:
        return None
    found = music_offset(reference_audio[:, 0], performance_audio[:, 0], BEAT_RATE)
    return None if found is None else Line(found[0], 1.0, "music")


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
    mirror: Mirror | str = "auto",
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
    mirror = Mirror(mirror)

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
    beats = reference_beats(reference_path, key if use_cache else None)
    line = music_line(reference_path, performance_path)
    chance = reference_chance(reference_path, pose_track(reference.frames, with_parts=False), reference.fps, key if use_cache else None)
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
    if reading.line.source == "music":
        report.music_offset_ms = reading.line.offset_s * 1000.0
    return report, reading
