"""The live session: five kinds of work at once (two pose models, matching and scoring, playback,
recording, online DTW) in threads, with no Qt. ``Session`` is the API; see its module docstring
for the state machine and ``stages`` for the threads and how they hand work on."""

from dancelike.engine.events import (
    AnalysisLoad,
    CameraLost,
    EventQueue,
    Finished,
    FrameScored,
    LearnerAway,
    MoveRating,
    RecorderFailed,
    StateChanged,
)
from dancelike.engine.options import SessionOptions
from dancelike.engine.result import (
    SessionResult,
    SessionState,
    SessionStatus,
    StageFailed,
)
from dancelike.engine.session import Session

__all__ = [
    "AnalysisLoad",
    "CameraLost",
    "EventQueue",
    "Finished",
    "FrameScored",
    "LearnerAway",
    "MoveRating",
    "RecorderFailed",
    "Session",
    "SessionOptions",
    "SessionResult",
    "SessionState",
    "SessionStatus",
    "StageFailed",
    "StateChanged",
]
