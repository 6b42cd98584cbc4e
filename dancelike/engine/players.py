"""Who the learners are: the people at the camera when the dance starts, numbered left to right.

A live session scores one or two *players* dancing side by side in front of one camera against
the same reference. The user analyser follows them with ``vision.people.PeopleTracker``
(``max_people`` = the number of players) and hands each analysed frame to ``Learners``:

* **Before the lock** (the first analysed frames of the dance, until everyone is in view) the
  people found are taken as the players from left to right in the picture, frame by frame.
* **The lock.** At the first analysed frame of the dance that shows as many people as there are
  players, they become the learners: player 1 is the one on the left of the picture, player 2
  the one on the right, and ``PeopleTracker.lock()`` is called, so nobody new is taken on and
  a lost learner is taken back only by a detection that fits their place and look: a passer-by
  never takes over. The analyser only sees frames while the dance plays (paused frames are not
  analysed), so the countdown's preview is unchanged and the lock falls at the dance's start.
* **Away.** A learner not found for more than ``AWAY_SECONDS`` of capture time is *away*; a
  ``LearnerAway`` event says so, and another when they are back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from dancelike.engine.events import LearnerAway
from dancelike.media.clock import Timings
from dancelike.vision.body import BodyFrame
from dancelike.vision.landmark_names import HIPS
from dancelike.vision.people import PeopleTracker, TrackedBody

#: How many people a session can score at once.
PLAYER_COUNTS = (1, 2)
#: A learner not found for longer than this (seconds of capture time) has left the frame.
AWAY_SECONDS = 1.0
#: A longer gap between two analysed frames is a pause (nothing is analysed while paused).
PAUSE_GAP = 0.5
_HIPS = HIPS


def check_players(players: int) -> int:
    """``players`` as an int, or ``ValueError`` (the front ends turn it into a one-line error)."""
    if players not in PLAYER_COUNTS:
        raise ValueError(f"players must be 1 or 2, not {players!r}")
    return int(players)


def _hip_x(tracked: TrackedBody) -> float:
    landmarks = tracked.body.landmarks
    return 0.0 if landmarks is None else float(landmarks[list(_HIPS), 0].mean())


@dataclass
class PlayerFigures:
    """One player's live figures, kept by the matcher: capture-to-score latency and when the
    first and the last paired score were made (session seconds)."""

    latency_ms: Timings = field(default_factory=lambda: Timings(size=1 << 16))
    first_score_at: float | None = None
    last_score_at: float = 0.0

    def scored(self, now: float, latency_ms: float) -> None:
        self.latency_ms.add(latency_ms)
        if self.first_score_at is None:
            self.first_score_at = now
        self.last_score_at = now

    def rate(self, pairs: int) -> float:
        """Paired frames per second between the first and the last score: the steady rate."""
        if self.first_score_at is None or self.last_score_at <= self.first_score_at:
            return 0.0
        return (pairs - 1) / (self.last_score_at - self.first_score_at)


class Learners:
    """Which followed person is which player, and who is away (the user analyser's thread)."""

    def __init__(self, players: int) -> None:
        self.players = check_players(players)
        self.numbers: dict[int, int] = {}  # the tracker's person number -> player index (from 0)
        self.locked_at: float | None = None  # capture time of the lock
        self._last_seen: list[float | None] = [None] * self.players
        self._first_t: float | None = None
        self._last_t: float | None = None
        self.away = [False] * self.players

    @property
    def locked(self) -> bool:
        return self.locked_at is not None

    def assign(self, tracked: Sequence[TrackedBody], tracker: PeopleTracker, t: float, width: int, height: int) -> tuple[BodyFrame, ...]:
        """Each player's body in this frame (nobody: a ``BodyFrame`` without landmarks); locks
        the tracker on the first frame that shows everyone."""
        bodies = [BodyFrame(t, width, height)] * self.players
        if not self.locked:
            ordered = sorted(tracked, key=_hip_x)[: self.players]
            if len(ordered) == self.players:
                self.numbers = {person.person: k for k, person in enumerate(ordered)}
                self.locked_at = t
                tracker.lock()
            else:
                for k, person in enumerate(ordered):
                    bodies[k] = person.body
                return tuple(bodies)
        for person in tracked:
            player = self.numbers.get(person.person)
            if player is not None:
                bodies[player] = person.body
        return tuple(bodies)

    def presence(self, bodies: Sequence[BodyFrame], t: float) -> list[LearnerAway]:
        """The changes of who is away at capture time ``t`` (the dance's first frame counts as
        everyone seen, so nobody in view for a second from the start is away too; the time a
        pause took is not counted)."""
        if self._last_t is not None and t - self._last_t > PAUSE_GAP:  # a pause: its time is nobody's absence
            gap = t - self._last_t
            self._last_seen = [None if seen is None else seen + gap for seen in self._last_seen]
            self._first_t = None if self._first_t is None else self._first_t + gap
        self._last_t = t
        first = self._first_t = t if self._first_t is None else self._first_t
        changes = []
        for k, body in enumerate(bodies):
            if body.found:
                self._last_seen[k] = t
            seen = self._last_seen[k]
            since = first if seen is None else seen
            away = not body.found and t - since > AWAY_SECONDS
            if away != self.away[k]:
                self.away[k] = away
                changes.append(LearnerAway(k + 1, self.players, away, round(t - since, 2) if away else 0.0))
        return changes
