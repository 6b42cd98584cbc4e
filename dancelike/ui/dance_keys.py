"""The dance screen's keys: Space pauses or carries on, Esc stops and scores, the arrows jump
between moves. A mixin of ``DanceView`` (kept apart so the view reads as its widgets)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

#: The keys the dance screen takes before any button can.
DANCE_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Escape, Qt.Key.Key_Left, Qt.Key.Key_Right)


class DanceKeys(QWidget):
    """What the keys do; the view provides ``toggle_pause``, ``stop`` and ``_move``."""

    def toggle_pause(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def _move(self, step: int) -> None:
        raise NotImplementedError

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.toggle_pause()
        elif key == Qt.Key.Key_Escape:
            self.stop()
        elif key == Qt.Key.Key_Left:
            self._move(-1)
        elif key == Qt.Key.Key_Right:
            self._move(1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def event(self, event: QEvent) -> bool:
        # Space and the arrows would otherwise move focus between buttons before reaching us.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and event.key() in DANCE_KEYS:
            event.accept()
            return True
        return super().event(event)
