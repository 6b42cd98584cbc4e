"""How long a background job has left, from its progress: "about 2 min left".

An import copies the video (fast) then analyses it (slow), so the rate is read over the last
``WINDOW`` seconds only, not since the start, and nothing is said until the job has run for
``FIRST_AFTER`` seconds: an early guess from the copy would promise far too little. The estimate
is smoothed so the words do not jump with every progress report. No Qt: a clock is passed in.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

from dancelike.i18n import translate

#: Seconds of progress the rate is measured over.
WINDOW = 20.0
#: Seconds the job has to have run before anything is said.
FIRST_AFTER = 3.0


def time_left_text(seconds: float) -> str:
    """'about 40 s left', 'about 3 min left', 'about 1 h 10 min left'; rounded up, never '0'."""
    if seconds < 10:
        return translate("TimeLeft", "a few seconds left")
    if seconds < 60:
        return translate("TimeLeft", "about {seconds} s left").format(seconds=math.ceil(seconds / 5) * 5)
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return translate("TimeLeft", "about {minutes} min left").format(minutes=minutes)
    return translate("TimeLeft", "about {hours} h {minutes} min left").format(hours=minutes // 60, minutes=minutes % 60)


class TimeLeft:
    """Feed ``update(fraction)``; ``seconds`` is the estimate (None while it would be a guess)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.started = clock()
        self.seconds: float | None = None
        self._samples: deque[tuple[float, float]] = deque()
        self._at = self.started

    def update(self, fraction: float) -> float | None:
        now = self.clock()
        samples = self._samples
        if samples and fraction < samples[-1][1]:
            samples.clear()  # went backwards (a new stage that counts from 0): measure afresh
        samples.append((now, fraction))
        while len(samples) > 2 and now - samples[1][0] >= WINDOW:
            samples.popleft()
        f0, span = samples[0][1], now - samples[0][0]
        if fraction >= 1.0:
            self.seconds = 0.0
        elif now - self.started >= FIRST_AFTER and span >= FIRST_AFTER / 2 and fraction > f0:
            fresh = (1.0 - fraction) * span / (fraction - f0)
            if self.seconds is None:
                self.seconds = fresh
            else:  # the old estimate, aged by the time since, blended with the new reading
                self.seconds = 0.7 * max(0.0, self.seconds - (now - self._at)) + 0.3 * fresh
        self._at = now
        return self.seconds

    def text(self) -> str:
        """What the row says: '' until there is an estimate (and once done)."""
        if self.seconds is None or self.seconds <= 0:
            return ""
        return time_left_text(self.seconds)
