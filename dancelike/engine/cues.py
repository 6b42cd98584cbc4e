"""The live cue: one short piece of advice ("Left arm higher"), held long enough to read.

The same rule as the report's advice (``scoring.advice``) on the last ``WINDOW_S`` of scored
frames: the part scoring worst below GOOD, and the direction its limbs differ from the pro's.
A cue is shown only when it is sure: the same advice found at two checks in a row
(``CHECK_S`` apart); once shown it stays ``HOLD_S`` so a dancer can read it mid-move, and it
goes away when nothing needs saying. Pure computation, called from the matcher thread.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from dancelike.scoring.advice import advise
from dancelike.scoring.coaching import GOOD
from dancelike.scoring.poses import GROUPS

#: Seconds of recent frames the advice is read from.
WINDOW_S = 1.5
#: How often (seconds) the advice is looked for.
CHECK_S = 0.5
#: How long (seconds) a cue stays once shown.
HOLD_S = 2.5


class LiveCoach:
    """Keeps the recent frames and says the one thing to change, when it is sure."""

    def __init__(self) -> None:
        self._recent: deque[tuple[float, np.ndarray, np.ndarray, np.ndarray]] = deque()
        self.cue: str | None = None
        self.reset()

    def reset(self) -> None:
        """Forget everything (a seek: what the dancer did elsewhere says nothing about here)."""
        self._recent.clear()
        self._last_check = -np.inf
        self._candidate: str | None = None
        self.cue = None
        self._shown_at = -np.inf

    def add(self, t: float, ref_directions: np.ndarray, dancer_directions: np.ndarray, parts: dict[str, float | None], mirrored: bool) -> str | None:
        """One scored frame at session time ``t`` (limb directions (L, 2) of the pro and of the
        dancer's judged reading, this frame's part scores); the cue to show now, or None."""
        scores = np.array([np.nan if parts.get(g) is None else float(parts[g]) for g in GROUPS])  # type: ignore[arg-type]
        self._recent.append((t, ref_directions, dancer_directions, scores))
        while self._recent and self._recent[0][0] < t - WINDOW_S:
            self._recent.popleft()
        if t - self._last_check >= CHECK_S:
            self._last_check = t
            found = self._advice(mirrored)
            if found is not None and found == self._candidate and found != self.cue:
                self.cue, self._shown_at = found, t
            elif found is None and t - self._shown_at >= HOLD_S:
                self.cue = None
            self._candidate = found
        if self.cue is not None and t - self._shown_at >= HOLD_S and self._candidate != self.cue:
            self.cue = None
        return self.cue

    def _advice(self, mirrored: bool) -> str | None:
        if len(self._recent) < 4:
            return None
        scores = np.stack([row[3] for row in self._recent])
        counts = (~np.isnan(scores)).sum(axis=0)
        means = np.where(counts > 0, np.nansum(scores, axis=0) / np.maximum(counts, 1), np.nan)
        parts = {g: None if np.isnan(means[k]) else float(means[k]) for k, g in enumerate(GROUPS)}
        ref = np.stack([row[1] for row in self._recent])
        dancer = np.stack([row[2] for row in self._recent])
        advice = advise(parts, ref, dancer, np.nan_to_num(scores, nan=100.0), GOOD, mirrored, most=1)
        return advice[0].text if advice else None
