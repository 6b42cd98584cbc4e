"""The dance screen's side panel (score, timing, move, what to fix) and its message card.

Readable from where the dancer stands: a big score ring, the lag in words, the engine's cue
("Left arm higher") in large type, six limb bars with the one that is off flagged. The panel is
as tall as the window lets it be; when a notice (busy computer, an alert, someone away) needs
room, the least useful lines go first (the keys' reminder, the move number, then a smaller ring):
a notice is never drawn over the bars. The message card replaces the stage when a dance cannot
start or ends without a score: what happened, what to do next, and the two ways on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from dancelike.engine import FrameScored
from dancelike.i18n import translate
from dancelike.scoring.timing import ON_BEAT_S
from dancelike.ui.charts import PartBars, ScoreRing, part_label
from dancelike.ui.dance_players import PlayerRings
from dancelike.ui.theme import COLORS, font, set_role

#: Lag (seconds) within which the dancer counts as in time.
IN_TIME = ON_BEAT_S  # the report's "on the beat": one bound on every screen
#: Seconds of dancing in a take during which "Finding your timing…" is honest; after that an
#: unsettled lag is shown as an estimate ("About 0.3 s behind") instead.
FINDING_SECONDS = 4.0
#: A gap between two scored frames longer than this is a pause, not dancing.
PAUSE_GAP = 0.5
#: Ring sizes (points of its number) from roomy to cramped.
RING_SIZES = (50, 40, 32)
#: Limb bars' label sizes (points) from roomy to cramped.
BAR_SIZES = (13, 11, 10)


def lag_text(lag: float) -> str:
    """ "You're 0.3 s behind" / "0.2 s ahead" / "On the beat" for the online DTW lag (+ = late),
    rounded and bounded as the report's timing line is (``scoring.coaching.when_text``)."""
    if abs(lag) < IN_TIME:
        return translate("DanceHud", "On the beat")
    if lag > 0:
        return translate("DanceHud", "You're {seconds} s behind").format(seconds=f"{abs(lag):.1f}")
    return translate("DanceHud", "You're {seconds} s ahead").format(seconds=f"{abs(lag):.1f}")


def approximate_lag_text(lag: float) -> str:
    """The lag while it is still being measured: "About 0.3 s behind" / "Roughly on the beat"."""
    if abs(lag) < IN_TIME:
        return translate("DanceHud", "Roughly on the beat")
    if lag > 0:
        return translate("DanceHud", "About {seconds} s behind").format(seconds=f"{abs(lag):.1f}")
    return translate("DanceHud", "About {seconds} s ahead").format(seconds=f"{abs(lag):.1f}")


def event_cue(event: FrameScored) -> str:
    """The engine's cue for this frame ("Left arm higher"), "" when it has none (or is older)."""
    cue = getattr(event, "cue", None)
    return cue.strip() if isinstance(cue, str) else ""


class TakeTimer:
    """Seconds of dancing since the current take began, from the frames' own times.

    A take begins at the start, after a jump (the reference position leaps back, or forward
    faster than the music plays) and whenever the view's timing goes from settled to not;
    pauses (gaps between frames) do not count. Also keeps a smoothed lag for the estimate.
    """

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.danced = 0.0
        self.lag = 0.0
        self._frames = 0
        self._last: tuple[float, float] | None = None  # (t, position) of the previous frame
        self._settled = False

    def add(self, event: FrameScored, settled: bool) -> None:
        if self._last is not None:
            dt, moved = event.t - self._last[0], event.position - self._last[1]
            if moved < -0.3 or moved > max(0.0, dt) + 0.5 or (self._settled and not settled):
                self.reset()
            elif event.found and 0 < dt <= PAUSE_GAP:
                self.danced += dt
        self._last, self._settled = (event.t, event.position), settled
        if event.found:
            self._frames += 1
            self.lag = event.lag if self._frames == 1 else 0.9 * self.lag + 0.1 * event.lag


class _HudRing(ScoreRing):
    """The score ring, with a size that can shrink to make room for a notice."""

    def set_size_pt(self, size_pt: int) -> None:
        if size_pt != self._size_pt:
            self._size_pt = size_pt
            self.setFixedSize(self.sizeHint())
            self.update()


class _HudBars(PartBars):
    """The limb bars, with rows that can get shorter to make room for a notice."""

    def set_size_pt(self, size_pt: int) -> None:
        if size_pt != self._size_pt:
            self._size_pt = size_pt
            self.setMinimumHeight(self.sizeHint().height())
            self.updateGeometry()
            self.update()


class DanceHud(QFrame):
    """Live score, lag, cue, current move and the per-limb bars; lines for what went wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "panel")
        self.setAccessibleName(translate("DanceHud", "Live score"))
        self.setFixedWidth(320)
        # as tall as the window gives: _fit drops lines rather than make the window taller
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Ignored)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 18)
        layout.setSpacing(10)
        self.score_ring = _HudRing(size_pt=RING_SIZES[0])
        layout.addWidget(self.score_ring, 0, Qt.AlignmentFlag.AlignHCenter)
        self.player_rings = PlayerRings()  # two players: a ring each, instead of the big one
        layout.addWidget(self.player_rings)
        self.away_label = self._label(font(16, True), center=True)
        self.away_label.setStyleSheet(f"color: {COLORS['bad']};")
        layout.addWidget(self.away_label)
        self.players = 1
        self.lag_label = self._label(font(18, True), center=True)
        layout.addWidget(self.lag_label)
        self.move_label = QLabel("")
        self.move_label.setFont(font(15))
        self.move_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.move_label, "muted")
        layout.addWidget(self.move_label)
        self.cue_label = self._label(font(24, True), center=True)  # what to fix now, read from the floor
        self.cue_label.setObjectName("hudCue")
        self.cue_label.setStyleSheet(f"color: {COLORS['ok']};")
        layout.addWidget(self.cue_label)
        self.limb_label = QLabel("")
        self.limb_label.setFont(font(15, True))
        layout.addWidget(self.limb_label)
        self.part_bars = _HudBars(size_pt=BAR_SIZES[0], flag_weakest=True)
        layout.addWidget(self.part_bars)
        layout.addStretch(1)
        self.busy_label = self._label()
        set_role(self.busy_label, "muted")
        layout.addWidget(self.busy_label)
        self.alert_label = self._label()
        set_role(self.alert_label, "error")
        layout.addWidget(self.alert_label)
        self.keys_label = QLabel(translate("DanceHud", "Space: pause \u00b7 Esc: stop and score\n\u2190 \u2192: previous / next move"))
        set_role(self.keys_label, "small")
        self.keys_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.keys_label)
        self.take = TakeTimer()
        self._cue = ""
        self._move_text = ""
        self.reset()

    @staticmethod
    def _label(f: object = None, center: bool = False) -> QLabel:
        label = QLabel("")
        if f is not None:
            label.setFont(f)  # type: ignore[arg-type]
        label.setWordWrap(True)
        if center:
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def reset(self) -> None:
        """Before a session: nothing scored yet."""
        self.score_ring.set_score(None, caption=translate("DanceHud", "score"))
        self.player_rings.reset()
        self.away_label.setText("")
        self.away_label.hide()
        self.part_bars.set_scores({})
        self.lag_label.setText("")
        self.move_label.setText("")
        self.limb_label.setText(translate("DanceHud", "Which limb is off"))
        self._cue = ""
        self.cue_label.setText("")
        self.cue_label.hide()
        self.limb_label.show()
        self.alert_label.hide()
        self.busy_label.hide()
        self.take.reset()
        self._describe(None)
        self._fit()

    def set_players(self, players: int) -> None:
        """One big ring for one player; a ring each for two (the lag and limbs are player 1's)."""
        self.players = players
        self.score_ring.setVisible(players == 1)
        self.player_rings.setVisible(players > 1)
        self.limb_label.setToolTip("" if players == 1 else translate("DanceHud", "Player 1's limbs"))
        self.cue_label.setToolTip("" if players == 1 else translate("DanceHud", "For player 1"))
        self._fit()

    def show_away(self, text: str) -> None:
        """Who left the frame ("" once everyone is back)."""
        self.away_label.setText(text)
        self.away_label.setVisible(bool(text))
        self._fit()

    def show_player(self, event: FrameScored, settled: bool) -> None:
        """Another player's scored frame (two players): their ring and rating only."""
        self.player_rings.show_frame(event, settled)

    def show_frame(self, event: FrameScored, settled: bool, lag: float) -> None:
        """One scored frame: the running score, the lag (an estimate while it is still being
        measured after the first seconds of a take), the cue or the limb that is off, the bars."""
        self.score_ring.set_score(event.total, caption=translate("DanceHud", "score"))
        if self.players > 1:
            self.player_rings.show_frame(event, settled)
        self.take.add(event, settled)
        estimate = False
        if not event.found:
            away = translate("DanceHud", "Step into the picture") if self.players == 1 else translate("DanceHud", "Player 1: step into the picture")
            text, color = away, COLORS["bad"]
        elif settled:
            text, color = lag_text(lag), COLORS["good"] if abs(lag) < IN_TIME else COLORS["ok"]
        elif self.take.danced < FINDING_SECONDS:  # the first seconds of a take: the estimate still wanders
            text, color = translate("DanceHud", "Finding your timing\u2026"), COLORS["muted"]
        else:  # still not settled after seconds of dancing: say what is known, marked as approximate
            text, color, estimate = approximate_lag_text(self.take.lag), COLORS["muted"], True
        self.lag_label.setText(text)
        self.lag_label.setStyleSheet(f"color: {color};")
        self.lag_label.setToolTip(translate("DanceHud", "Still measuring your timing: an estimate") if estimate else "")
        if event.found:
            self.part_bars.set_scores(event.parts)
            weakest = self.part_bars.weakest()
            self.limb_label.setText(
                translate("DanceHud", "Watch your {part}").format(part=part_label(weakest).lower()) if weakest else translate("DanceHud", "Every limb on track")
            )
        self._show_cue(event_cue(event) if event.found else "")
        self._describe(event.total)
        if self.move_label.text() != self._move_text:  # the view set another move: its line may wrap
            self._fit()

    def _describe(self, score: float | None) -> None:
        """The panel in one line for a screen reader: the score, the timing, what to fix now."""
        said = [translate("DanceHud", "Score {score}").format(score=f"{score:.0f}")] if score is not None else []
        said += [label.text() for label in (self.lag_label, self.cue_label if self._cue else self.limb_label) if label.text()]
        text = translate("DanceHud", "; ").join(said)
        if text != self.accessibleDescription():
            self.setAccessibleDescription(text)

    def _show_cue(self, cue: str) -> None:
        """The engine's cue in large type in place of the limb line; the limb line when there is none."""
        if cue == self._cue:
            return
        self._cue = cue
        self.cue_label.setText(cue)
        self.cue_label.setVisible(bool(cue))
        self.limb_label.setVisible(not cue)
        self._fit()

    def show_busy(self, busy: bool, text: str) -> None:
        """A passing notice (the computer is busy): shown while it lasts, beside any alert."""
        self.busy_label.setText(text)
        self.busy_label.setVisible(busy)
        self._fit()

    def alert(self, text: str) -> None:
        self.alert_label.setText(text)
        self.alert_label.show()
        self._fit()

    # --- fitting the panel's height --------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def _shown(self) -> list[QWidget]:
        layout = self.layout()
        assert layout is not None
        items = (layout.itemAt(index) for index in range(layout.count()))
        widgets = (item.widget() for item in items if item is not None)
        return [w for w in widgets if w is not None and not w.isHidden()]

    def _overflows(self) -> bool:
        """Laid out now, does a line run into the next, past the bottom, or get less height than
        its wrapped text needs?"""
        layout = self.layout()
        assert layout is not None
        layout.invalidate()
        layout.activate()
        margins = layout.contentsMargins()
        top, bottom = margins.top(), self.height() - margins.bottom()
        for widget in self._shown():
            box = widget.geometry()
            if box.top() < top or box.bottom() > bottom:
                return True
            if widget.hasHeightForWidth() and box.height() < widget.heightForWidth(box.width()):
                return True
            top = box.bottom() + 1
        return False

    def _fit(self) -> None:
        """Show as much as fits: drop the keys' reminder, then the move number, then shrink the
        ring, then the limb line (the bars flag the same limb), then shorten the bars and, cramped
        with notices, drop them; a notice is never laid over anything."""
        self._move_text = self.move_label.text()
        self.keys_label.show()
        self.move_label.show()
        self.score_ring.set_size_pt(RING_SIZES[0])
        self.limb_label.setVisible(not self._cue)
        self.part_bars.set_size_pt(BAR_SIZES[0])
        self.part_bars.show()
        steps = [self.keys_label.hide, self.move_label.hide]
        steps += [lambda pt=pt: self.score_ring.set_size_pt(pt) for pt in RING_SIZES[1:]]  # type: ignore[misc]
        steps.append(self.limb_label.hide)
        steps += [lambda pt=pt: self.part_bars.set_size_pt(pt) for pt in BAR_SIZES[1:]]  # type: ignore[misc]
        steps.append(self.part_bars.hide)  # the cue, if any, still says what to fix
        for step in steps:
            if not self._overflows():
                break
            step()


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
        back = QPushButton(translate("MessageCard", "Back to the library"))
        back.clicked.connect(self.back.emit)
        retry = QPushButton(translate("MessageCard", "Try again"))
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
