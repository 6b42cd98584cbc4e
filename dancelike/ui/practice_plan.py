"""Break It Down: practising one weak move from the results, and scoring each time round.

A weak-move card on the results page becomes a ``PracticePlan`` (which stretch of the dance,
which part to watch, how slow); the dance screen turns it into a looping slow session. The
plan carries the move's time span rather than its index, because the report's moves (bars of
the music) and the live session's moves need not be numbered alike: ``live_move`` finds the
live move that holds the weak move's middle.

``LoopTakes`` scores each time round the loop (a *take*) from the live frame scores, so the
dancer sees after every round whether it got better. The engine's own move rating adds every
round together; a take's score here is the mean frame score of the looped move in that round
(frames without the dancer count as 0), close to, but not exactly, how the report scores it.
Pure Python: no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from dancelike.engine import FrameScored
from dancelike.scoring.moves import Move
from dancelike.scoring.poses import GROUPS
from dancelike.scoring.report import rating
from dancelike.scoring.report_rows import WeakMove

#: The practice speed Break It Down starts at (the dance screen's slowest).
PRACTICE_SPEED = 0.5
#: A jump back of the music by more than this (seconds) ends a take.
JUMP_BACK_S = 0.3
#: Scored frames a take needs to be worth showing (a round cut short by a jump is not).
MIN_TAKE_FRAMES = 8


@dataclass(frozen=True)
class PracticePlan:
    """Practise the stretch ``start``-``end`` (reference seconds) at ``speed``, looping, with
    ``part`` (a report group name, None: none) outlined; ``number`` is the report's move number
    and ``advice`` the card's line, both for the screen."""

    start: float
    end: float
    part: str | None
    number: int
    advice: str = ""
    speed: float = PRACTICE_SPEED


def weak_part(entry: WeakMove) -> str | None:
    """The pro's part a weak move's card is about: its first advice's (``pro_part``: advice
    names the dancer's own side, which is the pro's other side when mirrored), else its lowest
    scored part (``parts`` are the pro's)."""
    for advice in entry.advice:
        part = advice.pro_part or advice.part
        if part in GROUPS:
            return part
    scored = {g: v for g, v in entry.parts.items() if g in GROUPS and v is not None}
    return min(scored, key=scored.__getitem__) if scored else None


def plan_for(entry: WeakMove, advice: str = "") -> PracticePlan:
    """The practice plan of one ``weakest`` entry of a report."""
    return PracticePlan(entry.start, entry.end, weak_part(entry), entry.move + 1, advice)


def live_move(plan: PracticePlan, moves: Sequence[Move]) -> int | None:
    """The live session's move holding the middle of the plan's stretch (None without moves)."""
    if not moves:
        return None
    middle = (plan.start + plan.end) / 2
    for index, move in enumerate(moves):
        if move.start <= middle < move.end:
            return index
    return min(range(len(moves)), key=lambda k: abs((moves[k].start + moves[k].end) / 2 - middle))


@dataclass(frozen=True)
class TakeScore:
    """One time round the looped move: its number (from 1), score, rating word, and the score
    of the part being practised (None: not seen or no part)."""

    number: int
    score: float
    rating: str
    part_score: float | None


@dataclass
class LoopTakes:
    """Scores each round of a looped move from player 1's frame scores (see the module docstring)."""

    part: str | None = None
    takes: list[TakeScore] = field(default_factory=list)
    _move: int | None = None
    _last_position: float | None = None
    _scores: list[float] = field(default_factory=list)
    _parts: list[float] = field(default_factory=list)

    def reset(self, part: str | None = None) -> None:
        self.part, self.takes, self._move, self._last_position = part, [], None, None
        self._scores, self._parts = [], []

    def feed(self, event: FrameScored, looping: int | None) -> TakeScore | None:
        """One frame score while ``looping`` is the looped move (None: no loop). Returns the take
        just finished when this frame starts a new one (the music jumped back), else None."""
        if event.player != 1:
            return None
        if looping != self._move:  # a loop begun, ended or moved elsewhere: start counting afresh
            self._move, self._scores, self._parts = looping, [], []
        jumped = self._last_position is not None and event.position < self._last_position - JUMP_BACK_S
        self._last_position = event.position
        finished = self._close() if jumped else None
        if looping is not None and event.move is not None and event.move.index == looping and event.paired:
            self._scores.append(float(event.score) if event.found else 0.0)
            value = event.parts.get(self.part) if self.part else None
            if event.found and value is not None:
                self._parts.append(float(value))
        return finished

    def _close(self) -> TakeScore | None:
        scores, parts = self._scores, self._parts
        self._scores, self._parts = [], []
        if self._move is None or len(scores) < MIN_TAKE_FRAMES:
            return None
        score = sum(scores) / len(scores)
        take = TakeScore(len(self.takes) + 1, round(score, 1), rating(score), round(sum(parts) / len(parts), 1) if parts else None)
        self.takes.append(take)
        return take
