"""A one-line progress bar on stderr for long command-line jobs, drawn by tqdm.

tqdm does the terminal's part: throttled redraws (~10 a second, so printing never costs frames),
erasing the previous line, clipping to the terminal's width, and a lock so two threads never
interleave a line. The text is ours (``render``): the fps of an analysis, the time left of a
class (``commands/batch.py`` overrides it). It draws only on a terminal: redirected to a file or
a CI log, ``\\r`` redraws turn into hundreds of lines of noise, so it stays silent there unless
``DANCELIKE_PROGRESS=1`` asks for it.
"""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import TextIO

from tqdm import tqdm

#: Seconds between redraws.
_INTERVAL = 0.1
_WIDTH = 24


class _Bar(tqdm):
    """tqdm without its monitor thread: each update redraws on time, none is left running."""

    monitor_interval = 0


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
        self._bar: _Bar | None = None
        if self.enabled:
            # {desc} only: the line is render()'s; tqdm draws it (miniters=1: each update may redraw)
            self._bar = _Bar(file=self.stream, bar_format="{desc}", desc=self.render(self._start), mininterval=_INTERVAL, miniters=1, dynamic_ncols=True, leave=True)

    def update(self, n: int = 1) -> None:
        """Count ``n`` more steps done; redraws at most every ``_INTERVAL`` seconds."""
        self.count += n
        if self._bar is None:
            return
        self._bar.set_description_str(self.render(), refresh=False)
        self._bar.update(n)  # tqdm redraws when _INTERVAL has passed since its last line

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

    def close(self) -> None:
        """Draw the final state and end the line."""
        if self._bar is not None:
            self._bar.set_description_str(self.render(), refresh=False)
            self._bar.close()  # the last line, then a newline
            self._bar = None
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
