"""A guard against PySide6 6.12.0's lost ``None`` references on Python before 3.12.

PySide6 6.12.0 returns ``None`` from every void method (``QLabel.setText``, ``QWidget.update``,
``QPainter.setPen``...) without taking a reference to it. From Python 3.12 on ``None`` is
immortal and nothing happens; on 3.11 its reference count falls by one per call, and a window
that paints at display rate reaches zero within seconds: "Fatal Python error: none_dealloc".
6.11.3 does not do this. The fix is a version pin; until every install has it, this guard
measures whether the running PySide6 leaks and, if it does, gives ``None`` back what was taken,
on a GUI timer, with a large cushion so a busy GUI never gets near zero. With a PySide6 that
does not leak it does nothing.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QCoreApplication, QObject, QTimer

#: References added up front (and kept topped up): far more than a busy GUI loses between ticks.
CUSHION = 1_000_000
TICK_MS = 100

_guard: QTimer | None = None


def leaks_none() -> bool:
    """True when a void PySide6 call loses a reference to ``None`` here."""
    if sys.version_info >= (3, 12):
        return False  # None is immortal
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(50):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    _give_back(max(0, lost))
    return lost >= 50


def _give_back(count: int) -> None:
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    for _ in range(count):
        incref(None)


def install_none_guard() -> bool:
    """Start the guard if this PySide6 needs it (idempotent); True when it runs."""
    global _guard
    app = QCoreApplication.instance()
    if _guard is not None or app is None or not leaks_none():
        return _guard is not None
    _give_back(CUSHION)
    floor = sys.getrefcount(None)

    def top_up() -> None:
        missing = floor - sys.getrefcount(None)
        if missing > 0:
            _give_back(missing)

    _guard = QTimer(app)
    _guard.setInterval(TICK_MS)
    _guard.timeout.connect(top_up)
    _guard.start()
    return True
