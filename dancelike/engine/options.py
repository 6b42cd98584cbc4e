"""``SessionOptions``: how a live session runs, as one typed value checked when it is made.

A session's choices (recording, mirror, players, latency...) used to be a dozen keyword
arguments of ``Session`` and, on their way to the history, an untyped dict. One frozen options
object, as pymmcore-plus and MediaPipe's Tasks API do it: made (and checked) once where the
choices are known, handed to ``Session``, varied with ``dataclasses.replace``, and kept in a
history row through ``settings()``. Bad values raise ``ValueError`` with a one-line message (the
front ends turn it into their one-line error).

``ReferenceReading`` is the same for how the live reference is read (``LIVE_REFERENCE``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dancelike.engine.players import check_players
from dancelike.media.playback import STRETCHES
from dancelike.scoring.mirror import Mirror

#: The longest camera-plus-audio latency a calibration can hand the session (seconds).
MAX_LATENCY = 2.0


@dataclass(frozen=True)
class SessionOptions:
    """The choices of one live session; every field has the default a plain session uses.

    ``record_to``: the recording's path (None: nothing recorded). ``mirror``: as in ``dancelike
    score`` (a plain "auto", "on" or "off" is taken too). ``use_cache``: a cached analysis of the
    reference replaces its live analysis. ``latency``: the calibrated camera-plus-audio delay
    (seconds, 0 to ``MAX_LATENCY``), taken off every capture time. ``stretch``: how slowed music
    is stretched (``media.playback.STRETCHES``). ``dancer``: the dancer followed (their number)
    in a group reference's cached analysis (None: the automatic choice). ``players``: 1 or 2
    people dancing side by side, each scored on their own. ``event_queue_size``: how many events
    wait to be read before frame scores are dropped.
    """

    record_to: Path | None = None
    mirror: Mirror = Mirror.AUTO
    use_cache: bool = True
    latency: float = 0.0
    stretch: str = "wsola"
    dancer: int | None = None
    players: int = 1
    event_queue_size: int = 256

    def __post_init__(self) -> None:
        if self.mirror not in tuple(Mirror):
            raise ValueError(f"mirror must be auto, on or off, not {self.mirror!r}")
        if self.stretch not in STRETCHES:
            raise ValueError(f"stretch must be one of {sorted(STRETCHES)}, not {self.stretch!r}")
        if isinstance(self.latency, bool) or not isinstance(self.latency, (int, float)) or not 0.0 <= self.latency <= MAX_LATENCY:
            raise ValueError(f"latency must be 0-{MAX_LATENCY:.0f} s, not {self.latency!r}")
        if self.dancer is not None and (isinstance(self.dancer, bool) or not isinstance(self.dancer, int) or self.dancer < 1):
            raise ValueError(f"dancer must be a dancer's number (1 or more) or None, not {self.dancer!r}")
        if isinstance(self.event_queue_size, bool) or not isinstance(self.event_queue_size, int) or self.event_queue_size < 1:
            raise ValueError(f"event_queue_size must be a whole number of at least 1, not {self.event_queue_size!r}")
        # Plain values from untyped callers (settings, JSON, scripts) are kept as their types.
        object.__setattr__(self, "mirror", Mirror(self.mirror))
        object.__setattr__(self, "players", check_players(self.players))
        object.__setattr__(self, "latency", float(self.latency))
        object.__setattr__(self, "use_cache", bool(self.use_cache))
        if self.record_to is not None:
            object.__setattr__(self, "record_to", Path(self.record_to))

    def settings(self) -> dict[str, object]:
        """What a history row keeps of these choices (``Store.begin_session``): those that decide
        how its recording is scored again (mirror, latency, players) and how it was played."""
        return {"mirror": self.mirror.value, "stretch": self.stretch, "latency": self.latency, "players": self.players}


@dataclass(frozen=True)
class ReferenceReading:
    """How a reference video is read for playback: at most ``max_fps`` frames a second presented
    (None: every frame), shrunk to fit ``fit`` (width, height; None: full size) in the colour
    conversion, decoded on ``decode_threads`` threads."""

    max_fps: float | None = None
    fit: tuple[int, int] | None = None
    decode_threads: int = 1


#: How the live reference is read (``ReferencePlayer``): at most the camera's 30 frames a second
#: are presented and analysed (a 60 fps video's other frames are decoded only), shrunk to about
#: the size the app shows it at (a 1080p video at 960x540) in the colour conversion, and decoded
#: on one thread. Measured on a 1080p60 reference: full-size conversion was a third of
#: playback's time, half of it for frames nobody used; two decoding threads cost 2.0 ms of CPU a
#: frame against 1.7 ms on one (frame threading's hand-overs), CPU the pose model needs.
LIVE_REFERENCE = ReferenceReading(max_fps=30.0, fit=(960, 540), decode_threads=1)
