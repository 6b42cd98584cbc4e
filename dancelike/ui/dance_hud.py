"""The dance screen's side panel (score, timing, move, which limb is off) and its message card.

Readable from where the dancer stands: a big score ring, the lag in words, six limb bars with the
one that is off flagged. The message card replaces the stage when a dance cannot start or ends
without a score: what happened, what to do next, and the two ways on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dancelike.engine import FrameScored
from dancelike.ui.charts import GROUP_LABELS, PartBars, ScoreRing
from dancelike.ui.dance_players import PlayerRings
from dancelike.ui.theme import COLORS, font, set_role

#: Lag (seconds) within which the dancer counts as in time.
IN_TIME = 0.12


def lag_text(lag: float) -> str:
    """"You're 0.3 s behind" / "0.2 s ahead" / "In time" for the online DTW lag (+ = late)."""
    if abs(lag) < IN_TIME:
        return "In time"
    return f"You're {abs(lag):.1f} s {'behind' if lag > 0 else 'ahead'}"


class DanceHud(QFrame):
    """Live score, lag, current move and the per-limb bars; an alert line for what went wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "panel")
        self.setFixedWidth(320)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 18)
        layout.setSpacing(10)
        self.score_ring = ScoreRing(size_pt=50)
        layout.addWidget(self.score_ring, 0, Qt.AlignmentFlag.AlignHCenter)
        self.player_rings = PlayerRings()  # two players: a ring each, instead of the big one
        layout.addWidget(self.player_rings)
        self.away_label = QLabel("")
        self.away_label.setFont(font(16, True))
        self.away_label.setWordWrap(True)
        self.away_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.away_label.setStyleSheet(f"color: {COLORS['bad']};")
        layout.addWidget(self.away_label)
        self.players = 1
        self.lag_label = QLabel("")
        self.lag_label.setFont(font(18, True))
        self.lag_label.setWordWrap(True)
        self.lag_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.lag_label)
        self.move_label = QLabel("")
        self.move_label.setFont(font(15))
        self.move_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.move_label, "muted")
        layout.addWidget(self.move_label)
        layout.addSpacing(6)
        self.limb_label = QLabel("")
        self.limb_label.setFont(font(15, True))
        layout.addWidget(self.limb_label)
        self.part_bars = PartBars(size_pt=13, flag_weakest=True)
        layout.addWidget(self.part_bars)
        layout.addStretch(1)
        self.busy_label = QLabel("")
        self.busy_label.setWordWrap(True)
        set_role(self.busy_label, "muted")
        layout.addWidget(self.busy_label)
        self.alert_label = QLabel("")
        self.alert_label.setWordWrap(True)
        set_role(self.alert_label, "error")
        layout.addWidget(self.alert_label)
        keys = QLabel("Space: pause \u00b7 Esc: stop and score\n\u2190 \u2192: previous / next move")
        set_role(keys, "small")
        keys.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(keys)
        self.reset()

    def reset(self) -> None:
        """Before a session: nothing scored yet."""
        self.score_ring.set_score(None, caption="score")
        self.player_rings.reset()
        self.show_away("")
        self.part_bars.set_scores({})
        self.lag_label.setText("")
        self.move_label.setText("")
        self.limb_label.setText("Which limb is off")
        self.alert_label.hide()
        self.busy_label.hide()

    def set_players(self, players: int) -> None:
        """One big ring for one player; a ring each for two (the lag and limbs are player 1's)."""
        self.players = players
        self.score_ring.setVisible(players == 1)
        self.player_rings.setVisible(players > 1)
        self.limb_label.setToolTip("" if players == 1 else "Player 1's limbs")

    def show_away(self, text: str) -> None:
        """Who left the frame ("" once everyone is back)."""
        self.away_label.setText(text)
        self.away_label.setVisible(bool(text))

    def show_player(self, event: FrameScored, settled: bool) -> None:
        """Another player's scored frame (two players): their ring and rating only."""
        self.player_rings.show_frame(event, settled)

    def show_frame(self, event: FrameScored, settled: bool, lag: float) -> None:
        """One scored frame: the running score, the (smoothed) lag once it has settled, the limbs."""
        self.score_ring.set_score(event.total, caption="score")
        if self.players > 1:
            self.player_rings.show_frame(event, settled)
        if not event.found:
            text, color = "Step into the picture" if self.players == 1 else "Player 1: step into the picture", COLORS["bad"]
        elif not settled:  # the first second or two of a take, the timing estimate still wanders
            text, color = "Finding your timing\u2026", COLORS["muted"]
        else:
            text, color = lag_text(lag), COLORS["good"] if abs(lag) < IN_TIME else COLORS["ok"]
        self.lag_label.setText(text)
        self.lag_label.setStyleSheet(f"color: {color};")
        if event.found:
            self.part_bars.set_scores(event.parts)
            weakest = self.part_bars.weakest()
            self.limb_label.setText(f"Watch your {GROUP_LABELS[weakest].lower()}" if weakest else "Every limb on track")

    def show_busy(self, busy: bool, text: str) -> None:
        """A passing notice (the computer is busy): shown while it lasts, beside any alert."""
        self.busy_label.setText(text)
        self.busy_label.setVisible(busy)

    def alert(self, text: str) -> None:
        self.alert_label.setText(text)
        self.alert_label.show()


class MessageCard(QWidget):
    """What happened and what to do next, with "Try again" and "Back to the library"."""

    retry = Signal()
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        card = QFrame()
        set_role(card, "panel")
        card.setMaximumWidth(760)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(36, 30, 36, 30)
        inner.setSpacing(14)
        self.title = QLabel("")
        set_role(self.title, "title")
        self.text = QLabel("")
        self.text.setWordWrap(True)
        self.text.setFont(font(16))
        self.hint = QLabel("")
        self.hint.setWordWrap(True)
        set_role(self.hint, "muted")
        for widget in (self.title, self.text, self.hint):
            inner.addWidget(widget)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        back = QPushButton("Back to the library")
        back.clicked.connect(self.back.emit)
        retry = QPushButton("Try again")
        set_role(retry, "primary")
        retry.clicked.connect(self.retry.emit)
        buttons.addWidget(back)
        buttons.addWidget(retry)
        inner.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 3)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def show_message(self, title: str, text: str, hint: str = "") -> None:
        self.title.setText(title)
        self.text.setText(text)
        self.hint.setText(hint)
