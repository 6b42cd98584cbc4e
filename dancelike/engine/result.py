"""A session's states, its status snapshot, its final result, and how the final report is made.

The final report is the scoring issue's full report, computed exactly as ``dancelike score``
computes it (``scoring.mirror.choose_reading`` deciding the mirror once over the whole performance,
exact banded DTW, ``build_report``), but from the rows the session already computed while it
ran, so finishing costs one DTW, not a second analysis of both videos.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from dancelike.errors import DanceLikeError
from dancelike.i18n import translate
from dancelike.scoring.alignment import BAND_S, MISSING_COST, STEP_PENALTY, Line
from dancelike.scoring.calibration import Chance, reference_chance
from dancelike.scoring.mirror import Mirror, choose_reading, fit_of, mirrored_wins, readings_to_try
from dancelike.scoring.poses import PoseTrack
from dancelike.scoring.report import Report, build_report
from dancelike.scoring.skipped import fill_reference_gaps, fill_skipped
from dancelike.scoring.takes import align_pieces, latest_pieces, subset


class SessionState(enum.Enum):
    """The session's life, documented in ``Session``'s docstring.

    IDLE -> STARTING -> RUNNING <-> PAUSED -> FINISHING -> DONE | FAILED
    """

    IDLE = "idle"
    STARTING = "starting"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHING = "finishing"
    DONE = "done"
    FAILED = "failed"

    @property
    def ended(self) -> bool:
        return self in (SessionState.DONE, SessionState.FAILED)


class EndReason(enum.Enum):
    """Why a session ended; ``SessionResult.reason`` says it in words ("camera lost: ...")."""

    ENDED = "ended"  # the dance played to its end
    STOPPED = "stopped"  # stop(): what was danced is scored
    CAMERA_LOST = "camera lost"  # the camera ended early or failed: what was danced is scored
    CANCELLED = "cancelled"  # cancel(): no report
    FAILED = "failed"  # a stage failed: ``SessionResult.error`` says which and why


class StageFailed(DanceLikeError):
    """A stage of the live session failed; the message names the stage, ``__cause__`` is the error."""


@dataclass
class SessionResult:
    """What a finished session leaves: the full report, the recording, and the figures.

    ``report`` is None when the session FAILED (``error`` says why), was cancelled, or ended
    before anything was danced (``end`` says which, ``reason`` in words). ``recording`` is the recording's path
    when one was written (also after a recorder failure: what was written is kept).
    ``stats`` holds throughput, latency, skips, drops, per-stage timings and CPU.

    The report's performance frames (``matched_frames``, ``weakest[...]["performance_frame"]``)
    count the frames that were analysed; ``performance_frames[k]`` is the camera frame (and so
    the recording's frame) of analysed frame ``k``, which differ after skipped or paused frames.
    The report's reference frames are the reference video's frames.

    ``player`` is whose result it is (1 unless two danced); a two-player session's result is
    player 1's, with player 2's in ``others`` (``by_player``: all of them in order).
    """

    report: Report | None
    recording: Path | None
    stats: dict[str, Any] = field(default_factory=dict)
    error: DanceLikeError | None = None
    reason: str = ""
    warnings: list[str] = field(default_factory=list)
    performance_frames: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64), repr=False)
    end: EndReason = EndReason.STOPPED
    player: int = 1
    others: list[SessionResult] = field(default_factory=list, repr=False)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def by_player(self) -> list[SessionResult]:
        """Every player's result, player 1 first."""
        return [self, *self.others]


@dataclass(frozen=True)
class SessionStatus:
    """A snapshot for a status bar; cheap enough to take at display rate from any thread."""

    state: SessionState
    reason: str
    end: EndReason | None  # None while the session runs
    elapsed: float  # session seconds since the clock started
    position: float  # reference seconds
    frames_captured: int
    frames_analysed: int
    pairs: int
    total: float
    lag: float
    user_skipped: int
    reference_skipped: int
    recorded_frames: int
    error: str | None


def final_report(
    reference: PoseTrack,
    plain: PoseTrack,
    mirrored: PoseTrack | None,
    ref_fps: float,
    user_fps: float,
    mirror: Mirror | str,
    beats: np.ndarray | None,
    takes: np.ndarray | None = None,
    chance: Chance | None = None,
    frames: np.ndarray | None = None,
) -> tuple[Report | None, np.ndarray]:
    """The full report of a performance against the reference, and the camera frame number of
    each performance row it was made from, in the report's order (``None`` report with under two
    frames a side). ``frames`` is the camera frame number of each row of ``plain`` (rows skip
    the frames the analyser skipped; by default every frame was analysed).

    One take (no seek): all rows, in order, as ``dancelike score`` does it. Several takes (a
    practice session that jumped between moves): each moment of the reference is judged on
    the latest take that danced it (``scoring.takes``). The rows are stamped with the reference
    position they were danced at, so the session clock gives the alignment's line. ``chance``
    is the reference's chance level (measured here when not known)."""
    frames = np.arange(len(plain)) if frames is None else np.asarray(frames, np.int64)
    if len(reference) < 2 or len(plain) < 2:
        return None, frames
    reference = fill_reference_gaps(reference, ref_fps)  # analysed live on a busy computer: skipped frames
    chance = chance or reference_chance(reference, ref_fps)
    if takes is None or len(takes) != len(plain) or takes.min() == takes.max():
        # Frames the computer did not analyse are unknown, not unsteadiness: back on the camera's grid.
        plain, grid = fill_skipped(plain, frames, user_fps)
        mirrored = None if mirrored is None else fill_skipped(mirrored, frames, user_fps)[0]
        reading = choose_reading(reference, plain, mirrored if mirrored is not None else plain, user_fps, mirror, chance, Line(0.0, 1.0, "clock"))
        report = build_report(reference, reading.track, reading.path, user_fps, reading.mirrored, beats, chance)
        report.aligned_by = "clock"
        return report, grid
    practice, order = _practice_report(reference, plain, mirrored, ref_fps, user_fps, mirror, beats, takes, chance)
    return practice, frames[order]


def _practice_report(
    reference: PoseTrack,
    plain: PoseTrack,
    mirrored: PoseTrack | None,
    ref_fps: float,
    user_fps: float,
    mirror: Mirror | str,
    beats: np.ndarray | None,
    takes: np.ndarray,
    chance: Chance,
) -> tuple[Report | None, np.ndarray]:
    """The report of a session danced in several takes; the mirror is decided as offline."""
    pieces = latest_pieces(takes, plain.times, ref_fps, len(reference))
    if not pieces:
        return None, np.zeros(0, np.int64)
    band = int(round(BAND_S * ref_fps))
    readings = readings_to_try(mirror) if mirrored is not None else [False]
    fits = {}
    for reading in readings:
        track = mirrored if reading and mirrored is not None else plain
        order, path = align_pieces(reference, track, pieces, band, MISSING_COST, STEP_PENALTY)
        performance = subset(track, order)
        fits[reading] = (fit_of(reference, performance, path, chance), order, path, performance)
    is_mirrored = mirrored_wins({reading: fit[0] for reading, fit in fits.items()})
    _, order, path, performance = fits[is_mirrored]
    report = build_report(reference, performance, path, user_fps, is_mirrored, beats, chance)
    report.aligned_by = "clock"
    danced = sum(p.ref_end - p.ref_start for p in pieces) / ref_fps
    report.warnings.append(
        translate("Session", "Practice session in {takes} takes: {seconds} s of the dance were judged, each part on the last time you danced it.").format(
            takes=int(takes.max() - takes.min()) + 1, seconds=f"{danced:.0f}"
        )
    )
    return report, order


def stage_error(stage: str, exc: BaseException) -> DanceLikeError:
    """A one-line error for the user: our own errors as they are (their message already says
    what failed, their class the exit code), anything else as ``StageFailed`` naming the stage."""
    if isinstance(exc, DanceLikeError):
        return exc
    error = StageFailed(translate("Session", "{stage} failed: {error}: {message}").format(stage=stage, error=exc.__class__.__name__, message=exc))
    error.__cause__ = exc
    return error
