"""Practice controls of a live session: jump between moves, loop one, slow down.

A mixin of ``Session`` (kept apart so the session module reads as its state machine). Every
method is safe from any thread and works while the session is RUNNING or PAUSED; a jump starts
a new *take* (see ``Session``).
"""

from __future__ import annotations

import bisect
import threading

from dancelike.engine.result import SessionState
from dancelike.engine.scorer import LiveScorer
from dancelike.media.clock import SessionClock
from dancelike.media.playback import ReferencePlayer
from dancelike.scoring.moves import Move

#: ``previous_move`` within this long (seconds) of a move's start goes to the move before.
PREVIOUS_GRACE = 1.0


class PracticeControls:
    """What ``Session`` provides these methods with."""

    _lock: threading.Lock
    _state: SessionState
    _loop: int | None
    player: ReferencePlayer | None
    scorer: LiveScorer | None
    clock: SessionClock
    duration: float

    @property
    def moves(self) -> list[Move]:
        """The reference's moves (known once the session is RUNNING; empty before)."""
        return list(self.scorer.moves) if self.scorer is not None else []

    def current_move(self) -> int | None:
        """The index of the move playing now (None before RUNNING or without moves)."""
        if self.player is None or not self.moves:
            return None
        starts = [move.start for move in self.moves]
        return max(0, bisect.bisect_right(starts, self.player.position() + 1e-6) - 1)

    def seek(self, position: float) -> bool:
        """Jump the reference (and the music) to ``position`` seconds. The dancing from here is a
        new take: the final report judges each moment on the latest take that danced it."""
        with self._lock:
            if self._state not in (SessionState.RUNNING, SessionState.PAUSED) or self.player is None:
                return False
            self.player.seek(min(max(0.0, position), self.duration))
        return True

    def seek_to_move(self, index: int) -> bool:
        """Jump to the start of move ``index`` (clamped to the first and last move)."""
        moves = self.moves
        if not moves:
            return False
        move = moves[min(max(0, index), len(moves) - 1)]
        if self._loop is not None:
            self._loop = moves.index(move)
        return self.seek(move.start)

    def next_move(self) -> bool:
        current = self.current_move()
        return current is not None and self.seek_to_move(current + 1)

    def previous_move(self) -> bool:
        """Back to the start of this move, or to the previous one if it has only just begun."""
        current = self.current_move()
        if current is None or self.player is None:
            return False
        just_begun = self.player.position() - self.moves[current].start < PREVIOUS_GRACE
        return self.seek_to_move(current - 1 if just_begun else current)

    def set_speed(self, rate: float) -> bool:
        """Practice speed 0.5-1.0 (music time-stretched as chosen by ``stretch``); the live
        scores and the report compare the dancer with the reference as it was played."""
        with self._lock:
            if self._state not in (SessionState.RUNNING, SessionState.PAUSED) or self.player is None:
                return False
            self.player.set_rate(rate)
        return True

    @property
    def speed(self) -> float:
        return self.clock.rate

    def loop_move(self, index: int | None) -> bool:
        """Loop move ``index`` (jumping to its start now) until ``loop_move(None)``."""
        if index is None:
            self._loop = None
            return True
        if not self.moves:
            return False
        index = min(max(0, index), len(self.moves) - 1)
        self._loop = index
        current = self.current_move()
        return True if current == index else self.seek(self.moves[index].start)

    @property
    def looping(self) -> int | None:
        return self._loop
