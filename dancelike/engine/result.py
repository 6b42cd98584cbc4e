"""A session's states, its status snapshot, its final result, and how the final report is made.

The final report is the scoring issue's full report, computed exactly as ``dancelike score``
computes it (``offline.choose_mirror`` deciding the mirror once over the whole performance,
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
from dancelike.offline import choose_mirror
from dancelike.scoring.poses import PoseTrack
from dancelike.scoring.report import Report, build_report


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


class StageFailed(DanceLikeError):
    """A stage of the live session failed; the message names the stage, ``__cause__`` is the error."""


@dataclass
class SessionResult:
    """What a finished session leaves: the full report, the recording, and the figures.

    ``report`` is None when the session FAILED (``error`` says why), was cancelled, or ended
    before anything was danced (``reason`` says which). ``recording`` is the recording's path
    when one was written (also after a recorder failure: what was written is kept).
    ``stats`` holds throughput, latency, skips, drops, per-stage timings and CPU.

    The report's performance frames (``matched_frames``, ``weakest[...]["performance_frame"]``)
    count the frames that were analysed; ``performance_frames[k]`` is the camera frame (and so
    the recording's frame) of analysed frame ``k``, which differ after skipped or paused frames.
    The report's reference frames are the reference video's frames.
    """

    report: Report | None
    recording: Path | None
    stats: dict[str, Any] = field(default_factory=dict)
    error: DanceLikeError | None = None
    reason: str = ""
    warnings: list[str] = field(default_factory=list)
    performance_frames: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64), repr=False)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class SessionStatus:
    """A snapshot for a status bar; cheap enough to take at display rate from any thread."""

    state: SessionState
    reason: str
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
    reference: PoseTrack, plain: PoseTrack, mirrored: PoseTrack | None, ref_fps: float, user_fps: float, mirror: str, beats: np.ndarray | None
) -> Report | None:
    """The full report of a performance against the reference (None with under two frames a side)."""
    if len(reference) < 2 or len(plain) < 2:
        return None
    is_mirrored, path = choose_mirror(reference, plain, mirrored if mirrored is not None else plain, ref_fps, mirror)
    performance = mirrored if is_mirrored and mirrored is not None else plain
    return build_report(reference, performance, path, user_fps, is_mirrored, beats)


def stage_error(stage: str, exc: BaseException) -> DanceLikeError:
    """A one-line error for the user: our own errors as they are (their message already says
    what failed, their class the exit code), anything else as ``StageFailed`` naming the stage."""
    if isinstance(exc, DanceLikeError):
        return exc
    error = StageFailed(f"{stage} failed: {exc.__class__.__name__}: {exc}")
    error.__cause__ = exc
    return error
