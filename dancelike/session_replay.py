"""The replay of a live session: the pro left, you re-timed right, with the music.

``replay.write_replay`` makes the replay of two files scored offline, where the report's
performance frames are the performance video's frames. A live session's report counts only the
camera frames that were analysed, so its frames are first mapped to the recording's frames
(``SessionResult.performance_frames``), and after a practice session (seeks, loops) the frames
shown no longer run forward through the recording. This module makes that replay: the
recording and the reference are analysed (the reference from the analysis cache when it is
there), each reference frame is paired with the recording frame the report matched to it, and
the frames are drawn with ``replay.py``'s own panels and score bar.

It also keeps what a replay needs beside ``report.json``: the report's per-frame arrays
(``report_arrays.npz``), which the JSON leaves out, so a past session's replay can be made again.
No Qt; ``on_progress(0..1)`` and ``cancel`` (a ``threading.Event``) let a GUI worker drive it.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from dancelike.analysis import AnalysisPool, VideoAnalysis
from dancelike.media.audio import load_audio
from dancelike.media.overlay import draw_body
from dancelike.media.video import VideoFrame, VideoReader
from dancelike.media.writer import VideoWriter
from dancelike.offline import analyse_reference, score_videos
from dancelike.replay import (
    AUDIO_RATE,
    BAR_HEIGHT,
    PANEL_HEIGHT,
    _draw_bar,
    _panel,
    _part_colors,
)
from dancelike.scoring.poses import MIRROR_PARTS
from dancelike.scoring.report import Report

ProgressFn = Callable[[float], None]
ARRAYS_NAME = "report_arrays.npz"
#: Share of the progress bar for each step (reference analysis, recording analysis, writing).
_STEPS = (0.15, 0.45, 0.40)


class ReplayCancelled(Exception):
    """The replay was cancelled; nothing was left at the destination."""


# --- the report's arrays, kept beside report.json ------------------------------------------


def save_report_arrays(folder: Path, report: Report, performance_frames: np.ndarray) -> Path:
    """Write the report's per-frame arrays (which ``report.json`` leaves out) into ``folder``."""
    path = Path(folder) / ARRAYS_NAME
    temporary = path.with_suffix(".part.npz")
    np.savez_compressed(
        temporary,
        frame_scores=np.asarray(report.frame_scores, np.float32),
        group_scores=np.asarray(report.group_scores, np.float32),
        matched_frames=np.asarray(report.matched_frames, np.int64),
        performance_frames=np.asarray(performance_frames, np.int64),
    )
    os.replace(temporary, path)
    return path


def load_report(folder: Path) -> tuple[Report, np.ndarray] | None:
    """The full ``Report`` of a session folder and its performance frames (report.json plus
    ``report_arrays.npz``), or None when either is missing or unreadable."""
    folder = Path(folder)
    try:
        data: dict[str, Any] = json.loads((folder / "report.json").read_text())
        with np.load(folder / ARRAYS_NAME) as arrays:
            frame_scores = arrays["frame_scores"].astype(np.float64)
            group_scores = arrays["group_scores"].astype(np.float64)
            matched = arrays["matched_frames"]
            performance_frames = arrays["performance_frames"]
    except (OSError, ValueError, KeyError):
        return None
    report = Report(
        score=float(data["score"]), grade=str(data["grade"]), shape=float(data.get("shape", 0.0)),
        timing=float(data.get("timing", 0.0)), mirrored=bool(data.get("mirrored", False)),
        timing_offset_ms=float(data.get("timing_offset_ms", 0.0)), tempo_ratio=float(data.get("tempo_ratio", 1.0)),
        parts=dict(data.get("parts", {})), timeline=list(data.get("timeline", [])), moves=list(data.get("moves", [])),
        weakest=list(data.get("weakest", [])), warnings=list(data.get("warnings", [])), summary=str(data.get("summary", "")),
        frame_scores=frame_scores, group_scores=group_scores, matched_frames=matched,
    )  # fmt: skip
    return report, performance_frames


# --- frames in any order ------------------------------------------------------------------------


class RecordingFrames:
    """Frames of a video by index, in any order: forward reading, and a seek when asked for a
    frame behind the reader (a practice session shows its latest take of an earlier move).

    ``times[k]`` is frame ``k``'s timestamp (from its analysis), used to seek."""

    def __init__(self, path: Path, times: np.ndarray) -> None:
        self.path, self.times = Path(path), np.asarray(times, np.float64)
        self._reader: VideoReader | None = None
        self._frames: Iterator[VideoFrame] | None = None
        self._current: VideoFrame | None = None
        self._base = 0  # global index of the reader's frame 0
        self.seeks = 0

    def _open(self, index: int) -> None:
        self.close()
        index = max(0, min(index, len(self.times) - 1))
        start = float(self.times[index]) - 1e-3 if index > 0 else 0.0
        self._reader = VideoReader(self.path, start=max(0.0, start))
        self._frames = iter(self._reader)
        self._base = index
        self._current = next(self._frames, None)

    def get(self, index: int) -> np.ndarray | None:
        """RGB of frame ``index`` (the last frame past the end); None for an empty video."""
        current = self._current
        if current is None or self._frames is None or index < self._base + current.index:
            self._open(index)
            self.seeks += current is not None
        assert self._frames is not None
        while self._current is not None and self._base + self._current.index < index:
            following = next(self._frames, None)
            if following is None:
                break
            self._current = following
        return None if self._current is None else self._current.rgb

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
        self._reader, self._frames, self._current = None, None, None


# --- the replay -------------------------------------------------------------------------------------


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ReplayCancelled("the replay was cancelled")


def _stage_progress(on_progress: ProgressFn | None, cancel: threading.Event | None, step: int, total: int) -> Callable[[int], None]:
    """An ``on_progress(frames_done)`` for an analysis that reports its share of the whole bar."""
    before = sum(_STEPS[:step])

    def report(done: int) -> None:
        _check(cancel)  # raised in the analysing thread: the pool cancels what has not started
        if on_progress is not None:
            on_progress(before + _STEPS[step] * min(1.0, done / max(1, total)))

    return report


def _frame_count(path: Path) -> int:
    with VideoReader(path) as reader:
        return max(1, reader.frame_count)


def write_session_replay(
    recording: Path,
    report: Report,
    performance_frames: np.ndarray,
    reference: Path,
    destination: Path,
    on_progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    pool: AnalysisPool | None = None,
) -> Path:
    """Write the side-by-side replay of a live session to ``destination`` (MP4, H.264 + AAC).

    ``report.matched_frames`` are the report's performance frames; ``performance_frames[k]``
    is the recording's frame of performance frame ``k``. The file appears at ``destination``
    only when complete (written beside it, then renamed). Raises ``ReplayCancelled`` when
    ``cancel`` is set, ``InputError`` for unreadable videos or an unwritable destination.
    """
    recording, reference, destination = Path(recording), Path(reference), Path(destination)
    own_pool = pool is None
    pool = pool or AnalysisPool()
    try:
        ref_analysis, _ = analyse_reference(str(reference), pool, True, _stage_progress(on_progress, cancel, 0, _frame_count(reference)))
        _check(cancel)
        rec_analysis = pool.analyze(str(recording), on_progress=_stage_progress(on_progress, cancel, 1, _frame_count(recording)))
    finally:
        if own_pool:
            pool.close()
    _check(cancel)
    mapping = np.asarray(performance_frames, np.int64)
    if not len(mapping):
        mapping = np.arange(len(rec_analysis.frames))
    wanted = mapping[np.clip(report.matched_frames, 0, len(mapping) - 1)]
    wanted = np.clip(wanted, 0, max(0, len(rec_analysis.frames) - 1))
    partial = destination.with_name(destination.stem + ".part" + destination.suffix)
    try:
        _write(partial, reference, recording, replace(report, matched_frames=wanted), ref_analysis, rec_analysis, on_progress, cancel)
        os.replace(partial, destination)
    finally:
        if partial.exists():
            partial.unlink()
    if on_progress is not None:
        on_progress(1.0)
    return destination


def replay_session_folder(
    folder: Path,
    reference: Path,
    destination: Path | None = None,
    on_progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """The replay of the session in ``folder`` (its ``recording.mp4``), by default to ``replay.mp4``.

    A live session left its report's arrays beside ``report.json``; a session without them (one
    recovered after a crash, scored offline from its recording) is scored again the same way,
    which gives the same report and the analyses the replay needs in one go."""
    folder = Path(folder)
    recording, destination = folder / "recording.mp4", Path(destination or folder / "replay.mp4")
    loaded = load_report(folder)
    if loaded is not None:
        report, performance_frames = loaded
        return write_session_replay(recording, report, performance_frames, reference, destination, on_progress, cancel)
    mirrored = bool(json.loads((folder / "report.json").read_text()).get("mirrored", False))
    total = _frame_count(reference) + _frame_count(recording)

    def analysed(stage: str, done: int) -> None:
        _check(cancel)
        if on_progress is not None:
            offset = _frame_count(reference) if stage == "performance" else 0
            on_progress(sum(_STEPS[:2]) * min(1.0, (offset + done) / total))

    with AnalysisPool() as pool:
        scored = score_videos(str(reference), str(recording), mirror="on" if mirrored else "off", pool=pool, on_progress=analysed)
    partial = destination.with_name(destination.stem + ".part" + destination.suffix)
    try:
        _write(partial, reference, recording, scored.report, scored.reference, scored.performance, on_progress, cancel)
        os.replace(partial, destination)
    finally:
        if partial.exists():
            partial.unlink()
    if on_progress is not None:
        on_progress(1.0)
    return destination


def _write(
    destination: Path,
    reference_path: Path,
    recording_path: Path,
    report: Report,
    reference: VideoAnalysis,
    performance: VideoAnalysis,
    on_progress: ProgressFn | None,
    cancel: threading.Event | None,
) -> None:
    """``replay.write_replay``'s drawing, with frames of the recording fetched in any order."""
    count = min(len(reference.frames), len(report.frame_scores))
    audio = load_audio(str(reference_path), rate=AUDIO_RATE, channels=2)
    before = sum(_STEPS[:2])
    recording = RecordingFrames(recording_path, np.array([f.t for f in performance.frames]))
    try:
        with VideoReader(reference_path) as ref_reader:
            left_w = round(ref_reader.width * PANEL_HEIGHT / ref_reader.height) // 2 * 2
            right_w = round(performance.width * PANEL_HEIGHT / performance.height) // 2 * 2
            width, height = left_w + right_w, PANEL_HEIGHT + BAR_HEIGHT
            samples_per_frame = AUDIO_RATE / reference.fps
            with VideoWriter(destination, reference.fps, width, height, audio_rate=AUDIO_RATE if audio is not None else None) as writer:
                judged = None  # the last frame's part scores that were judged (unjudged ones are all 0)
                for i, ref_frame in enumerate(ref_reader):
                    if i >= count:
                        break
                    _check(cancel)
                    j = int(report.matched_frames[i])
                    user_rgb = recording.get(j)
                    canvas = np.full((height, width, 3), 18, np.uint8)
                    canvas[BAR_HEIGHT:, :left_w] = _panel(draw_body(ref_frame.rgb, reference.frames[i], alpha=0.35), PANEL_HEIGHT)
                    if user_rgb is not None:
                        if np.any(report.group_scores[i] > 0):
                            judged = report.group_scores[i]
                        colors = _part_colors(judged if judged is not None else report.group_scores[i])
                        if report.mirrored:  # your left arm was judged as the pro's right
                            colors = colors[MIRROR_PARTS]
                        body = performance.frames[min(j, len(performance.frames) - 1)]
                        canvas[BAR_HEIGHT:, left_w:] = _panel(draw_body(user_rgb, body, alpha=0.6, colors=colors), PANEL_HEIGHT)[:, :right_w]
                    _draw_bar(canvas, report, i, reference.frames[i].t, report.moves, left_w)
                    writer.write(canvas)
                    if audio is not None:
                        start, end = round(i * samples_per_frame), round((i + 1) * samples_per_frame)
                        writer.write_audio(audio[start:end])
                    if on_progress is not None and i % 5 == 0:
                        on_progress(before + _STEPS[2] * i / max(1, count))
    finally:
        recording.close()
