"""A reference video made ready to be danced to: its analysis, its chance level and its beats,
each measured once and kept in the analysis cache under the video's content key.

The live engine and every offline path read a reference through here, so a dance imported
once never runs the reference model or the chance measurement again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np

from dancelike.media.audio import load_audio
from dancelike.media.proxy import make_proxy
from dancelike.pipeline.analysis import AnalysisPool
from dancelike.scoring.beats import beat_times
from dancelike.scoring.calibration import Chance
from dancelike.scoring.calibration import reference_chance as measure_chance
from dancelike.scoring.poses import PoseTrack
from dancelike.store import analysis_cache
from dancelike.vision.video_analysis import VideoAnalysis

#: Sample rate the music is read at for beats and music alignment.
BEAT_RATE = 22050


def cached_chance(key: str) -> Chance | None:
    """The chance level kept with a reference's analysis, if it was measured already."""
    kept = analysis_cache.load_chance(key)
    return None if kept is None else Chance.from_array(kept)


def follow_kept_choice(analysis: VideoAnalysis, dancer: int | None) -> VideoAnalysis:
    """``analysis`` following dancer number ``dancer`` of a group video; ``None``, or a number it
    does not have (analysed again since), follows the automatic choice."""
    return analysis.follow(dancer if dancer in {found.number for found in analysis.dancers} else None)


def cached_reference(key: str, dancer: int | None = None) -> tuple[VideoAnalysis | None, str]:
    """The cached analysis of a reference following ``dancer`` (None: not cached), and the key of
    that dancer's measurements (its chance level: ``analysis_cache.track_key``)."""
    cached = analysis_cache.load(key)
    if cached is None:
        return None, key
    cached = follow_kept_choice(cached, dancer)
    return cached, analysis_cache.track_key(key, cached)


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


def reference_proxy(path: str | Path, key: str, cancel: threading.Event | None = None) -> Path | None:
    """The playback copy of a big reference (``media.proxy``), made now unless the cache has it;
    None when the video plays well as it is (or ``cancel`` was set). Made once, at import."""
    target = analysis_cache.proxy_file(key)
    if target.is_file():
        return target
    return target if make_proxy(path, target, cancel) else None


def cached_proxy(key: str | None) -> Path | None:
    """The playback copy the cache holds for ``key``, if there is one (never made here)."""
    target = analysis_cache.proxy_file(key) if key is not None else None
    return target if target is not None and target.is_file() else None


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


def analyse_reference(path: str, pool: AnalysisPool, use_cache: bool, on_progress: Callable[[int], None] | None, key: str | None = None) -> tuple[VideoAnalysis, bool]:
    """The reference's analysis (every dancer in it) from the cache when possible, else
    analysed and cached. ``key`` is its content key when the caller already has it."""
    key = key or analysis_cache.content_key(path)
    if use_cache:
        cached = analysis_cache.load(key)
        if cached is not None:
            return cached, True
    analysis = pool.analyze(path, on_progress=on_progress, all_dancers=True)
    analysis_cache.save(key, analysis)
    return analysis, False
