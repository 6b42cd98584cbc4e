"""When the live timing estimate has settled in a take: by time, not by frame count.

The online alignment needs a second or two of the dancer to find the lag. Counted in frames
(45 found frames), a busy computer analysing ten frames a second took 4.5 s or more, and the
dance screen still said "Finding your timing..." at move 4. So a take settles after
``SETTLE_S`` of seen dancing (gaps longer than ``MAX_GAP_S`` do not count: a pause or a walk
out of the picture) and at least ``SETTLE_FRAMES`` frames.
"""

from __future__ import annotations

#: Seconds of seen dancing, and frames, before the lag is shown as settled.
SETTLE_S = 1.5
SETTLE_FRAMES = 15
#: A gap between two seen frames longer than this (seconds) is not dancing time.
MAX_GAP_S = 0.5


class Settling:
    """Counts one take's seen dancing; ``reset()`` at every new take (a jump, a loop)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.frames = 0
        self._last: float | None = None

    def reset(self) -> None:
        self.seconds, self.frames, self._last = 0.0, 0, None

    def add(self, t: float, found: bool) -> bool:
        """One scored frame at session time ``t``; whether the take has settled now."""
        if found:
            if self._last is not None and 0.0 < t - self._last <= MAX_GAP_S:
                self.seconds += t - self._last
            self._last = t
            self.frames += 1
        return self.settled

    @property
    def settled(self) -> bool:
        return self.seconds >= SETTLE_S and self.frames >= SETTLE_FRAMES
