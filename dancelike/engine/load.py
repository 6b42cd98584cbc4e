"""Whether the analysers keep up: the user is told when a busy computer scores fewer frames.

The analysers never queue work: each takes the newest frame when it is free (``LatestFrame``
for the camera, the newest due frame for the reference), so a computer too busy for every frame
drops analysis frames evenly, and the music, the recording and the picture, which run on
threads of their own, are not held up. ``LoadWatch`` measures the frames analysed a second over
the last couple of seconds and says when it falls below ``BUSY_FPS`` (and when it is back above
``CLEAR_FPS``: a margin, so the message does not flicker).
"""

from __future__ import annotations

from collections import deque

#: Below this many analysed frames a second the user is told the computer is busy.
BUSY_FPS = 20.0
#: ... and told no more once the rate is back above this.
CLEAR_FPS = 24.0
#: Seconds the rate is measured over.
WINDOW_S = 2.0


class LoadWatch:
    """Feed it ``sample(t, analysed, offered)`` now and then (session seconds, frames analysed
    so far, frames there were to analyse so far); it answers True when the analysers have just
    fallen behind, False when they have just caught up, None otherwise."""

    def __init__(self) -> None:
        self.busy = False
        self.analysed_fps = 0.0
        self._samples: deque[tuple[float, int, int]] = deque()

    def reset(self) -> None:
        """Forget the window (after a pause: no frames are analysed then, by design)."""
        self._samples.clear()

    def sample(self, t: float, analysed: int, offered: int) -> bool | None:
        self._samples.append((t, analysed, offered))
        while len(self._samples) > 2 and t - self._samples[1][0] >= WINDOW_S:
            self._samples.popleft()
        first = self._samples[0]
        span = t - first[0]
        if span < WINDOW_S * 0.75:
            return None
        self.analysed_fps = (analysed - first[1]) / span
        offered_fps = (offered - first[2]) / span
        if not self.busy and self.analysed_fps < BUSY_FPS <= offered_fps:
            self.busy = True
            return True
        if self.busy and (self.analysed_fps >= min(CLEAR_FPS, offered_fps * 0.95) or offered_fps < BUSY_FPS):
            self.busy = False
            return False
        return None
