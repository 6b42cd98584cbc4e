"""The results page's weak-move cards: what went wrong in a move, and a way to practise it.

Each card shows the snapshot (pro and dancer side by side at the move's worst moment) at a
size worth looking at, the move's rating word and score, the report's advice line ("Left arm
higher · a bit earlier"), and two actions: click the card to watch the move in the replay, or
"Practise this move" (Break It Down: the dance screen loops the move at half speed with the
part to fix outlined). Reports written before the advice existed still get cards: their part
line is made from the move's lowest part.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from dancelike.i18n import QT_TRANSLATE_NOOP, translate
from dancelike.scoring import coaching
from dancelike.scoring.report import AWAY, GOOD, NOT_DANCED, UNKNOWN, rating
from dancelike.scoring.report_rows import WeakMove, weakest_of
from dancelike.ui.charts import paint_focus_ring, part_label, rating_word
from dancelike.ui.practice_plan import PracticePlan, plan_for, weak_part
from dancelike.ui.theme import COLORS, font, score_color, set_role

#: Below this a move is worth practising (the report's GOOD starts here).
GOOD_SCORE = float(GOOD)
NOTHING_TO_PRACTISE = QT_TRANSLATE_NOOP("ResultsCards", "Nothing to practise: every move you danced was GOOD or better.")
#: A snapshot wider than this (width / height) is shown above its text, else beside it.
WIDE_PICTURE = 1.8


def nothing_to_practise() -> str:
    """``NOTHING_TO_PRACTISE`` in the language spoken now."""
    return translate("ResultsCards", NOTHING_TO_PRACTISE)


def panel(widget: QWidget, title: str = "", below: QWidget | None = None) -> QFrame:
    """A results panel: an optional muted title (wrapped, never wider than the narrowest
    window), the widget, and what goes ``below`` it."""
    card = QFrame()
    set_role(card, "panel")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(14, 12, 14, 12)
    layout.setSpacing(8)
    if title:
        label = QLabel(title)
        label.setWordWrap(True)
        set_role(label, "muted")
        layout.addWidget(label)
    layout.addWidget(widget, 1)
    if below is not None:
        layout.addWidget(below)
    return card


def practise_entries(report: dict[str, Any]) -> list[tuple[int, WeakMove]]:
    """The report's weak moves worth a card, with their rank in ``weakest`` (the snapshot's
    number). Older reports listed the three lowest moves whatever their score; a move rated
    GOOD or better, or one the dancer was away for, is never shown as weak."""
    entries = []
    for rank, entry in enumerate(weakest_of(report)):
        if entry.rating not in (AWAY, NOT_DANCED, UNKNOWN) and entry.score < GOOD_SCORE:
            entries.append((rank, entry))
    return entries


def timing_line(report: dict[str, Any]) -> str:
    """The report's own timing line when it has one, else one made from its numbers (older reports)."""
    text = report.get("timing_text")
    if isinstance(text, str) and text:
        return text
    offset = float(report.get("timing_offset_ms", 0.0)) / 1000.0
    when = coaching.when_text(offset)
    tempo = float(report.get("tempo_ratio", 1.0))
    if abs(tempo - 1.0) < 0.03:
        pace = translate("ResultsCards", "steady tempo")
    elif tempo > 1:
        pace = translate("ResultsCards", "tempo {ratio}x (rushing)").format(ratio=f"{tempo:.2f}")
    else:
        pace = translate("ResultsCards", "tempo {ratio}x (dragging)").format(ratio=f"{tempo:.2f}")
    return translate("ResultsCards", "Timing: {when} \u00b7 {pace}").format(when=when, pace=pace)


def advice_line(entry: WeakMove) -> str:
    """What to change in this move: the report's ``advice_text``, else its timing hint, else
    (older reports) the part that was furthest off."""
    if entry.advice_text:
        return entry.advice_text
    when = entry.when
    if when == "earlier":
        return translate("ResultsCards", "A bit earlier")
    if when == "later":
        return translate("ResultsCards", "A bit later")
    part = weak_part(entry)
    if part is None or entry.advice_text is not None:  # the scorer was unsure: say nothing rather than guess
        return ""
    return translate("ResultsCards", "Watch your {part}").format(part=part_label(part).lower())


class Picture(QWidget):
    """An image scaled to fit (keeping its shape), or a line of text while there is none."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.text = text
        self.setMinimumSize(160, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(420, 220)

    def setText(self, text: str) -> None:
        self.text = text
        self.update()

    def shown_rect(self) -> QRectF:
        """Where the image is drawn (empty without one)."""
        if self.image is None or self.image.isNull():
            return QRectF()
        scale = min(self.width() / self.image.width(), self.height() / self.image.height())
        w, h = self.image.width() * scale, self.image.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if self.image is None or self.image.isNull():
            p.setPen(QColor(COLORS["muted"]))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.text)
            return
        p.drawImage(self.shown_rect(), self.image)


class WeakMoveCard(QFrame):
    """One weak move: picture, rating, advice; ``clicked(start)`` to watch it, ``practise(plan)``
    to practise it (Break It Down).

    From the keyboard the card takes the focus (Tab; Up/Down go to the card above or below),
    Enter/Return/Space watch the move as a click does, and its "Practise this move" button
    follows it in the Tab order. Its accessible name says which move and how it was rated."""

    clicked = Signal(float)
    practise = Signal(object)  # PracticePlan

    def __init__(self, move: WeakMove, rank: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "card")
        self.weak_move, self.rank = move, rank
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip(translate("WeakMoveCard", "Click to watch this move in the replay"))
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(12, 12, 12, 12)
        self.box.setSpacing(14)
        self.picture = Picture(translate("WeakMoveCard", "Making the picture\u2026"))
        self.picture.setMaximumHeight(320)
        self.box.addWidget(self.picture, 3)
        text = QWidget()
        text.setMinimumWidth(230)
        column = QVBoxLayout(text)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        score = move.score
        shown = translate("WeakMoveCard", "{rating}  {score}").format(rating=rating_word(rating(score)), score=f"{score:.0f}")
        self.rating = QLabel(shown)
        self.rating.setObjectName("weakRating")
        self.rating.setFont(font(15, True))
        self.rating.setStyleSheet(f"color: {score_color(score).name()};")
        number = move.move + 1
        span = coaching.move_range(move.start, move.end)
        where = QLabel(translate("WeakMoveCard", "Move {number} \u00b7 {span}").format(number=number, span=span))
        set_role(where, "small")
        self.advice = QLabel(advice_line(move))
        self.advice.setObjectName("weakAdvice")
        self.advice.setWordWrap(True)
        self.advice.setFont(font(14))
        self.advice.setVisible(bool(self.advice.text()))
        self.practise_button = QPushButton(translate("WeakMoveCard", "Practise this move"))
        self.practise_button.setObjectName("practiseMove")
        set_role(self.practise_button, "primary")
        self.practise_button.setToolTip(translate("WeakMoveCard", "Loop this move at half speed, with the part to fix outlined in red; each time round is scored"))
        self.practise_button.clicked.connect(lambda: self.practise.emit(self.plan))
        for widget in (self.rating, where, self.advice):
            column.addWidget(widget)
        column.addStretch(1)
        column.addWidget(self.practise_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.box.addWidget(text, 2)
        self.setAccessibleName(translate("WeakMoveCard", "Move {number}: {rating}").format(number=number, rating=shown))
        watch = translate("WeakMoveCard", "Press Enter to watch this move in the replay.")
        self.setAccessibleDescription(f"{self.advice.text()} {watch}".strip() if self.advice.text() else watch)

    @property
    def plan(self) -> PracticePlan:
        return plan_for(self.weak_move, self.advice.text())

    def set_image(self, path: Path) -> None:
        image = QImage(str(path))
        self.picture.image = None if image.isNull() else image
        self.picture.setText(translate("WeakMoveCard", "No picture"))
        wide = self.picture.image is not None and self.picture.image.width() > WIDE_PICTURE * self.picture.image.height()
        # a wide picture (two landscape videos) gets the card's whole width, a tall one sits beside the text
        self.box.setDirection(QBoxLayout.Direction.TopToBottom if wide else QBoxLayout.Direction.LeftToRight)
        self.picture.setMinimumHeight(150 if wide else 220)
        self.picture.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit(self.weak_move.start)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.weak_move.start)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Left, Qt.Key.Key_Down, Qt.Key.Key_Right):
            self.focus_neighbour(-1 if key in (Qt.Key.Key_Up, Qt.Key.Key_Left) else 1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def neighbours(self) -> list[WeakMoveCard]:
        """The cards beside this one (itself included), top to bottom."""
        parent = self.parentWidget()
        if parent is None:
            return [self]
        cards = parent.findChildren(WeakMoveCard, options=Qt.FindChildOption.FindDirectChildrenOnly)
        return sorted((c for c in cards if c.isVisible() or c is self), key=lambda c: c.y())

    def focus_neighbour(self, step: int) -> None:
        """Give the keyboard focus to the card ``step`` places away (none past the first or last)."""
        cards = self.neighbours()
        index = cards.index(self) + step
        if 0 <= index < len(cards):
            card = cards[index]
            card.setFocus(Qt.FocusReason.OtherFocusReason)
            scroll = self.parentWidget()
            while scroll is not None and not isinstance(scroll, QScrollArea):
                scroll = scroll.parentWidget()
            if scroll is not None:
                scroll.ensureWidgetVisible(card)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.hasFocus():
            p = QPainter(self)
            paint_focus_ring(p, QRectF(self.rect()), 10.0)
