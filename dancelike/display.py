"""Qt's platforms that draw on no screen, known without importing Qt.

Both front ends ask: the command line before it starts Qt (a machine without a display gets a
one-line error instead of Qt's abort, unless it asked for one of these platforms), and the app
once Qt runs (no dialog waits there for a click nobody can give).
"""

from __future__ import annotations

#: ``QT_QPA_PLATFORM`` values (and ``QApplication.platformName()``s) without a screen to look at.
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc")


def is_headless(platform: str) -> bool:
    """Whether a Qt platform name, options after a colon allowed (``offscreen:size=...``), draws nowhere."""
    return platform.split(":")[0] in HEADLESS_PLATFORMS
