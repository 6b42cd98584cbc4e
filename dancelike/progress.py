"""A one-line progress bar on stderr for long command-line jobs.

It draws only on a terminal: redirected to a file or a CI log, ``\\r`` redraws turn into
hundreds of lines of noise, so it stays silent there unless ``DANCELIKE_PROGRESS=1``
asks for it. Redraws are throttled to ~10 per second so printing never costs frames.
"""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import TextIO

#: Seconds between redraws.
_INTERVAL = 0.1
_WIDTH = 24


class Progress:
    """Progress of ``total`` steps (``None`` when unknown), shown as::

        analyze  [##########..............]  45%  29/65  12.3 fps
    """

    def __init__(self, total: int | None, label: str, stream: TextIO | None = None) -> None:
        self.total = total if total and total > 0 else None
        self.label = label
        self.stream = sys.stderr if stream is None else stream
        self.count = 0
        self.enabled = os.environ.get("DANCELIKE_PROGRESS") == "1" or _is_tty(self.stream)
        self._start = time.monotonic()
        self._last_draw = -_INTERVAL

    def update(self, n: int = 1) -> None:
        """Count ``n`` more steps done; redraws at most every ``_INTERVAL`` seconds."""
        self.count += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last_draw >= _INTERVAL:
            self._last_draw = now
            self._draw(now)

    def render(self, now: float | None = None) -> str:
        """The bar as text (without ``\\r``), for drawing and for tests."""
        elapsed = (time.monotonic() if now is None else now) - self._start
        rate = f"{self.count / elapsed:.1f} fps" if elapsed > 0 and self.count else "-- fps"
        if self.total is None:
            return f"{self.label}  {self.count}  {rate}"
        share = min(1.0, self.count / self.total)
        filled = round(share * _WIDTH)
        bar = "#" * filled + "." * (_WIDTH - filled)
        return f"{self.label}  [{bar}] {share:4.0%}  {self.count}/{self.total}  {rate}"

    def _draw(self, now: float) -> None:
        # pad with spaces: a shorter line must erase the end of the previous one
        self.stream.write("\r" + self.render(now).ljust(60))
        self.stream.flush()

    def close(self) -> None:
        """Draw the final state and end the line."""
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
            self.enabled = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or file-like without isatty
        return False
