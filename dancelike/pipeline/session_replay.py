"""The replay of a live session: the pro left, you re-timed right, with the music.

``replay.write_replay`` makes the replay of two files scored offline, where the report's
performance frames are the performance video's frames. A live session's report counts only the
camera frames that were analysed, so its frames are first mapped to the recording's frames
(``SessionResult.performance_frames``), and after a practice session (seeks, loops) the frames
shown no longer run forward through the recording. This module makes that replay: the
recording and the reference are analysed (the reference from the analysis cache when it is
there), each reference frame is paired with the recording frame the report matched to it, and
the frames are drawn by ``replay.render_replay``, which fetches them in any order.

The session folder's files (the report, its arrays) are read by ``services.sessions``.
No Qt; ``on_progress(0..1)`` and ``cancel`` (a ``threading.Event``) let a GUI worker drive it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from dancelike.atomic import atomic_output
from dancelike.media.video import VideoReader
from dancelike.pipeline.analysis import AnalysisPool
from dancelike.pipeline.reference import analyse_reference, follow_kept_choice
from dancelike.pipeline.replay import render_replay
from dancelike.pipeline.score_files import score_videos
from dancelike.scoring.report import Report
from dancelike.store import analysis_cache
from dancelike.vision.video_analysis import VideoAnalysis

ProgressFn = Callable[[float], None]
#: Share of the progress bar for each step of a re-scored replay (the analyses, writing).
_STEPS = (0.15, 0.45, 0.40)
#: Wall time of a frame drawn and encoded against a frame analysed (one dancer, every core),
#: from ``dancelike bench waits`` on two cores (640x480 recording: 19 against 8.3 ms; a 1280x720
#: one is slower to analyse, about 1:1; recordings are at most 960x540): the bar moves at about
#: one pace through the steps, so the time left it gives is right from the start.
DRAW_COST = 2.0


@dataclass(frozen=True)
class Shares:
    """Where each step of a replay starts and ends on the 0-1 progress bar, in proportion to its
    expected time: a reference read from the cache takes none of the bar."""

    reference: float
    recording: float

    @classmethod
    def of(cls, reference_frames: int, recording_frames: int, drawn_frames: int) -> Shares:
        total = max(1.0, reference_frames + recording_frames + DRAW_COST * drawn_frames)
        return cls(reference_frames / total, (reference_frames + recording_frames) / total)

    def step(self, index: int) -> tuple[float, float]:
        """(start, length) of step ``index``: 0 the reference, 1 the recording, 2 the drawing."""
        bounds = (0.0, self.reference, self.recording, 1.0)
        return bounds[index], bounds[index + 1] - bounds[index]


class ReplayCancelled(Exception):
    """The replay was cancelled; nothing was left at the destination."""


# --- the replay -------------------------------------------------------------------------------------


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ReplayCancelled("the replay was cancelled")


def _stage_progress(on_progress: ProgressFn | None, cancel: threading.Event | None, step: tuple[float, float], total: int) -> Callable[[int], None]:
    """An ``on_progress(frames_done)`` for an analysis that reports its ``step`` (start, length)
    of the whole bar."""
    before, share = step

    def report(done: int) -> None:
        _check(cancel)  # raised in the analysing thread: the pool cancels what has not started
        if on_progress is not None:
            on_progress(before + share * min(1.0, done / max(1, total)))

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
    recording_frames = _frame_count(recording)
    drawn = len(report.frame_scores)
    key = analysis_cache.content_key(reference)
    cached = analysis_cache.load(key)  # (an imported dance's: the usual case, and then no analysis)
    shares = Shares.of(0 if cached is not None else _frame_count(reference), recording_frames, drawn)
    own_pool = pool is None
    pool = pool or AnalysisPool()
    try:
        if cached is not None:
            ref_analysis = cached
        else:
            ref_analysis, _ = analyse_reference(str(reference), pool, False, _stage_progress(on_progress, cancel, shares.step(0), _frame_count(reference)), key)
        ref_analysis = follow_kept_choice(ref_analysis, report.dancer)  # the pro the session was scored against
        _check(cancel)
        rec_analysis = pool.analyze(str(recording), on_progress=_stage_progress(on_progress, cancel, shares.step(1), recording_frames))
    finally:
        if own_pool:
            pool.close()
    _check(cancel)
    mapping = np.asarray(performance_frames, np.int64)
    if not len(mapping):
        mapping = np.arange(len(rec_analysis.frames))
    wanted = mapping[np.clip(report.matched_frames, 0, len(mapping) - 1)]
    wanted = np.clip(wanted, 0, max(0, len(rec_analysis.frames) - 1))
    _write(destination, reference, recording, replace(report, matched_frames=wanted), ref_analysis, rec_analysis, on_progress, cancel, shares.step(2))
    return destination


def write_rescored_replay(
    recording: Path,
    reference: Path,
    destination: Path,
    mirrored: bool,
    on_progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    dancer: int | None = None,
) -> Path:
    """The replay of a recording whose report arrays were not kept (a session recovered after a
    crash, scored offline from its recording): it is scored again the same way (against the same
    ``dancer`` of a group video), which gives the same report and the analyses the replay needs
    in one go."""
    recording, reference, destination = Path(recording), Path(reference), Path(destination)
    total = _frame_count(reference) + _frame_count(recording)

    def analysed(stage: str, done: int) -> None:
        _check(cancel)
        if on_progress is not None:
            offset = _frame_count(reference) if stage == "performance" else 0
            on_progress(sum(_STEPS[:2]) * min(1.0, (offset + done) / total))

    with AnalysisPool() as pool:
        scored = score_videos(str(reference), str(recording), mirror="on" if mirrored else "off", pool=pool, on_progress=analysed, dancer=dancer)
    _write(destination, reference, recording, scored.report, scored.reference, scored.performance, on_progress, cancel, (sum(_STEPS[:2]), _STEPS[2]))
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
    step: tuple[float, float],
) -> None:
    """``replay.render_replay`` with its ``step`` (start, length) of the progress bar and cancel;
    the file appears at ``destination`` only when complete (written beside it, then renamed)."""
    count = max(1, min(len(reference.frames), len(report.frame_scores)))
    before, share = step

    def frame_done(i: int) -> None:
        _check(cancel)
        if on_progress is not None and i % 5 == 0:
            on_progress(before + share * i / count)

    with atomic_output(destination, private=True) as part:
        render_replay(part, reference_path, recording_path, report, reference, performance, frame_done)
    if on_progress is not None:
        on_progress(1.0)
