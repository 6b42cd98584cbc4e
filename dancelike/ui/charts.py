"""Painted charts of a score: the score ring, per-part bars and the timeline with its moves.

All drawn with QPainter from the theme's colours and fonts, sized by layouts (no fixed pixel
geometry beyond minimums), so they read from across the room at 1280x720 and stay crisp at 4K.
The same ``PartBars`` serve the live HUD ("which limb is off now") and the results.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from dancelike.i18n import QT_TRANSLATE_NOOP, translate
from dancelike.scoring.coaching import rating_label
from dancelike.scoring.poses import GROUPS
from dancelike.scoring.report import AWAY, NOT_DANCED, UNKNOWN
from dancelike.scoring.report_rows import RatedMove, TimelinePoint
from dancelike.ui.chart_drawing import ScorePlot, paint_grid, paint_line
from dancelike.ui.theme import COLORS, font, score_color

#: What each scored part group is called on screen (report order), in English: ``part_label``
#: says it in the language spoken now.
GROUP_LABELS = {
    "head": QT_TRANSLATE_NOOP("BodyParts", "Head"),
    "torso": QT_TRANSLATE_NOOP("BodyParts", "Torso"),
    "left_arm": QT_TRANSLATE_NOOP("BodyParts", "Left arm"),
    "right_arm": QT_TRANSLATE_NOOP("BodyParts", "Right arm"),
    "left_leg": QT_TRANSLATE_NOOP("BodyParts", "Left leg"),
    "right_leg": QT_TRANSLATE_NOOP("BodyParts", "Right leg"),
}
#: Colour of a move that was not judged: not danced (practice sessions skip some), or danced
#: with the dancer out of the picture ("away"). Grey: neither good nor weak.
SKIPPED = QColor("#4a5163")
UNJUDGED_WORDS = {
    AWAY: QT_TRANSLATE_NOOP("Charts", "you were out of the picture"),
    NOT_DANCED: QT_TRANSLATE_NOOP("Charts", "not danced"),
    UNKNOWN: QT_TRANSLATE_NOOP("Charts", "the pro could not be seen"),
}
#: The timeline's score levels: the middle one dashed.
TIMELINE_GRID = [(level, Qt.PenStyle.DashLine if level == 50 else Qt.PenStyle.SolidLine) for level in (0, 50, 100)]
#: Width (px) of the ring a painted widget draws round itself while it has the keyboard focus.
FOCUS_PEN = 2


def part_label(group: str) -> str:
    """A part group's name on screen ("Left arm"), in the language spoken now."""
    label = GROUP_LABELS.get(group)
    return translate("BodyParts", label) if label else group.replace("_", " ")


def rating_word(name: str) -> str:
    """A rating as shown ("GREAT", "很棒"): the report's own label for it (``coaching.rating_label``)."""
    return rating_label(str(name).lower())


def unjudged_word(name: str) -> str:
    """Why a move was not rated, in words ("not danced" when the report does not say)."""
    return translate("Charts", UNJUDGED_WORDS.get(name, UNJUDGED_WORDS[NOT_DANCED]))


def paint_focus_ring(p: QPainter, rect: QRectF, radius: float = 8.0) -> None:
    """The keyboard focus ring of a painted widget, ``FOCUS_PEN`` px inside ``rect``: the theme's
    focus colour (the ring standard widgets get from the stylesheet), else its accent."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(QColor(COLORS.get("focus", COLORS["accent"])), FOCUS_PEN))
    p.setBrush(Qt.BrushStyle.NoBrush)
    half = FOCUS_PEN / 2
    p.drawRoundedRect(rect.adjusted(half, half, -half, -half), radius, radius)
    p.restore()


def judged_move(move: RatedMove) -> bool:
    """A move the report rated (not skipped, not danced out of the picture, the pro seen)."""
    return move.danced and move.rating not in UNJUDGED_WORDS


def _color(name: str, alpha: int = 255) -> QColor:
    color = QColor(COLORS[name])
    color.setAlpha(alpha)
    return color


def _px(f: QFont) -> int:
    return QFontMetrics(f).height()


class ScoreRing(QWidget):
    """A big score inside a ring filled to the score, coloured red to green, with the grade.

    Its accessible name is "Score" and its description says what the ring shows ("78, Grade B"),
    so a screen reader reads the number painted here; with the keyboard focus (where a screen
    makes it focusable) it draws a ring in the accent colour round itself."""

    def __init__(self, parent: QWidget | None = None, size_pt: int = 54) -> None:
        super().__init__(parent)
        self._score: float | None = None
        self._grade = ""
        self._caption = ""
        self._size_pt = size_pt
        self.setMinimumSize(self.sizeHint())
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(translate("ScoreRing", "Score"))
        self._describe()

    def sizeHint(self) -> QSize:
        side = int(_px(font(self._size_pt, True)) * 2.3)
        return QSize(side, side)

    def set_score(self, score: float | None, grade: str = "", caption: str = "") -> None:
        """Show ``score`` (None: no score) with its letter ``grade``, or else ``caption`` (shown as given)."""
        self._score, self._grade, self._caption = score, grade, caption
        self._describe()
        self.update()

    def lower_text(self) -> str:
        """The line under the number: the grade ("Grade B") or the caption."""
        return translate("ScoreRing", "Grade {grade}").format(grade=self._grade) if self._grade else self._caption

    def _describe(self) -> None:
        number = translate("ScoreRing", "No score") if self._score is None else f"{self._score:.0f}"
        lower = self.lower_text()
        text = translate("ScoreRing", "{score}, {detail}").format(score=number, detail=lower) if lower else number
        if text != self.accessibleDescription():
            self.setAccessibleDescription(text)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height())
        gap = FOCUS_PEN + 2  # room for the focus ring outside the score's
        pen_w = max(6.0, side * 0.07)
        inset = pen_w / 2 + gap
        rect = QRectF((self.width() - side) / 2 + inset, (self.height() - side) / 2 + inset, side - 2 * inset, side - 2 * inset)
        p.setPen(QPen(_color("panel_alt"), pen_w, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawEllipse(rect)
        color = score_color(self._score or 0.0)
        if self._score is not None and self._score > 0:
            p.setPen(QPen(color, pen_w, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            p.drawArc(rect, 90 * 16, -int(360 * 16 * min(100.0, self._score) / 100.0))
        text = "\u2014" if self._score is None else f"{self._score:.0f}"
        p.setPen(color if self._score is not None else _color("muted"))
        big = font(self._size_pt, True)
        p.setFont(big)
        lower = self.lower_text()
        centre = rect.adjusted(0, -rect.height() * 0.12 if lower else 0, 0, -rect.height() * 0.12 if lower else 0)
        p.drawText(centre, Qt.AlignmentFlag.AlignCenter, text)
        if lower:
            p.setFont(font(max(11, self._size_pt // 3), bool(self._grade)))
            p.setPen(_color("text") if self._grade else _color("muted"))
            below = QRectF(rect.left(), rect.center().y() + rect.height() * 0.17, rect.width(), rect.height() * 0.2)
            p.drawText(below, Qt.AlignmentFlag.AlignCenter, lower)
        if self.hasFocus():
            square = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
            paint_focus_ring(p, square, side / 2)


class PartBars(QWidget):
    """Six labelled bars, one per part group, coloured by score; the weakest can be flagged.

    ``set_scores({group: score})``; a group without a score shows an empty track. With
    ``flag_weakest`` (the live HUD) the worst part below ``FLAG_BELOW`` gets a marker, so a
    dancer sees at a glance which limb is off right now.
    """

    FLAG_BELOW = 70.0

    def __init__(self, parent: QWidget | None = None, size_pt: int = 14, flag_weakest: bool = False) -> None:
        super().__init__(parent)
        self._scores: dict[str, float] = {}
        self._size_pt = size_pt
        self.flag_weakest = flag_weakest
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self.sizeHint().height())
        self.setAccessibleName(translate("PartBars", "Scores by body part"))
        self._describe()

    def _row(self) -> int:
        return int(_px(font(self._size_pt)) * 1.9)

    def sizeHint(self) -> QSize:
        return QSize(280, self._row() * len(GROUPS))

    def set_scores(self, scores: Mapping[str, float | None] | None) -> None:
        self._scores = {g: float(v) for g, v in (scores or {}).items() if v is not None and not math.isnan(float(v))}
        self._describe()
        self.update()

    def _describe(self) -> None:
        """The bars in words for a screen reader: "Head 80, Torso 85, Left leg not in view, …"."""
        if not self._scores:
            text = translate("PartBars", "No scores yet")
        else:
            said = []
            for group in GROUPS:
                score = self._scores.get(group)
                if score is None:
                    said.append(translate("PartBars", "{part} not in view").format(part=part_label(group)))
                else:
                    said.append(translate("PartBars", "{part} {score}").format(part=part_label(group), score=f"{score:.0f}"))
            text = translate("PartBars", ", ").join(said)
        if text != self.accessibleDescription():
            self.setAccessibleDescription(text)

    def weakest(self) -> str | None:
        """The group to flag now (lowest score under ``FLAG_BELOW``), or None."""
        if not self._scores:
            return None
        group = min(self._scores, key=self._scores.__getitem__)
        return group if self._scores[group] < self.FLAG_BELOW else None

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        label_font = font(self._size_pt)
        label_w = max(QFontMetrics(label_font).horizontalAdvance(part_label(group)) for group in GROUPS) + 16
        value_w = QFontMetrics(font(self._size_pt, True)).horizontalAdvance("100") + 12
        row = self._row()
        flagged = self.weakest() if self.flag_weakest else None
        for k, group in enumerate(GROUPS):
            p.setFont(label_font)
            p.setPen(_color("text") if group == flagged or not self.flag_weakest else _color("muted"))
            p.drawText(QRectF(0, k * row, label_w, row), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, part_label(group))
            self._paint_bar(p, QRectF(label_w, k * row, max(10.0, self.width() - label_w - value_w), row), value_w, self._scores.get(group))
            if group == flagged:
                p.setPen(QPen(score_color(self._scores.get(group) or 0.0), 2))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRoundedRect(QRectF(1, k * row + 2, self.width() - 2, row - 4), 8, 8)
        if self.hasFocus():
            paint_focus_ring(p, QRectF(self.rect()))

    def _paint_bar(self, p: QPainter, cell: QRectF, value_w: float, score: float | None) -> None:
        """One part's bar across ``cell`` filled to its score, and the score after it; a part
        not in view in one of the videos (neither credited nor penalised) says so instead."""
        bar_h = max(8.0, cell.height() * 0.38)
        track = QRectF(cell.left(), cell.top() + (cell.height() - bar_h) / 2, cell.width(), bar_h)
        value = QRectF(track.right(), cell.top(), value_w, cell.height())
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(_color("panel_alt"))
        p.drawRoundedRect(track, bar_h / 2, bar_h / 2)
        if score is not None:
            fill = QRectF(track.left(), track.top(), max(bar_h, track.width() * min(100.0, score) / 100.0), bar_h)
            p.setBrush(score_color(score))
            p.drawRoundedRect(fill, bar_h / 2, bar_h / 2)
            p.setFont(font(self._size_pt, True))
            p.setPen(score_color(score))
            p.drawText(value, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, f"{score:.0f}")
            return
        p.setFont(font(max(8, self._size_pt - 3)))
        p.setPen(_color("muted"))
        unseen = translate("PartBars", "not in view")
        p.drawText(QRectF(track.left() + 10, cell.top(), track.width(), cell.height()), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, unseen)
        p.setFont(font(self._size_pt))
        p.drawText(value, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, "–")


class TimelineChart(QWidget):
    """The score over the dance with the moves as bands, coloured by their rating.

    ``set_data(timeline, moves, duration)`` takes the report's ``timeline`` (``TimelinePoint``s) and
    ``moves`` (``RatedMove``s; a document's: ``report_rows.timeline_of``, ``moves_of``). Clicking a move emits ``move_clicked(index,
    start)``; ``set_position(t)`` draws a playhead (the replay's time is the reference's).

    From the keyboard: it takes the focus (Tab), Left/Right (and Up/Down, Home/End) choose a
    move, Enter/Return/Space watch it (as a click would). The chosen move is outlined, and
    the accessible description says which it is and how it was rated.
    """

    move_clicked = Signal(int, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timeline: list[tuple[float, float]] = []
        self._moves: list[RatedMove] = []
        self._duration = 1.0
        self._position: float | None = None
        self._hover: int | None = None
        self.selected: int | None = None  # the move chosen with the keyboard
        self.setMouseTracking(True)
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(translate("TimelineChart", "Your score through the dance"))
        self._describe()

    def set_data(self, timeline: Sequence[TimelinePoint], moves: Sequence[RatedMove], duration: float | None = None) -> None:
        self._timeline = [(point.t, point.score) for point in timeline]
        self._moves = list(moves)
        ends = [m.end for m in moves] + [t for t, _ in self._timeline]
        self._duration = max(0.1, float(duration) if duration else max(ends, default=1.0))
        self._position = None
        self.selected = None
        self._describe()
        self.update()

    def set_position(self, t: float | None) -> None:
        self._position = t
        self.update()

    def move_text(self, index: int) -> str:
        """ "Move 3: GOOD 71" (or why it was not rated), for the tooltip and screen readers."""
        move = self._moves[index]
        if judged_move(move):
            said = translate("TimelineChart", "{rating} {score}").format(rating=rating_word(move.rating), score=f"{move.score:.0f}")
        else:
            said = unjudged_word(move.rating)
        return translate("TimelineChart", "Move {number}: {rating}").format(number=index + 1, rating=said)

    def _describe(self) -> None:
        if not self._moves:
            text = translate("TimelineChart", "No moves to show")
        elif self.selected is None:
            text = translate("TimelineChart", "{count} moves: use the arrow keys to choose one, Enter to watch it").format(count=len(self._moves))
        else:
            text = translate("TimelineChart", "{move}, {number} of {count}: press Enter to watch it").format(
                move=self.move_text(self.selected), number=self.selected + 1, count=len(self._moves)
            )
        if text != self.accessibleDescription():
            self.setAccessibleDescription(text)

    # --- geometry ----------------------------------------------------------------------------

    def _plot(self) -> QRectF:
        axis = QFontMetrics(font(11)).horizontalAdvance("100") + 10
        top = _px(font(12, True)) + 8
        return QRectF(axis, top, max(10.0, self.width() - axis - 8), max(10.0, self.height() - top - _px(font(11)) - 10))

    def _x(self, t: float, plot: QRectF) -> float:
        return plot.left() + plot.width() * min(max(t / self._duration, 0.0), 1.0)

    def move_at(self, x: float) -> int | None:
        plot = self._plot()
        t = (x - plot.left()) / plot.width() * self._duration
        for index, move in enumerate(self._moves):
            if move.start <= t < move.end:
                return index
        return None

    # --- events ----------------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hover = self.move_at(event.position().x())
        if hover != self._hover:
            self._hover = hover
            if hover is None:
                self.setToolTip("")
            else:
                self.setToolTip(translate("TimelineChart", "{move} \u2014 click to watch it").format(move=self.move_text(hover)))
            self.update()

    def leaveEvent(self, event: object) -> None:
        self._hover = None
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.move_at(event.position().x())
        if index is not None and event.button() == Qt.MouseButton.LeftButton:
            self.select(index)
            self.move_clicked.emit(index, self._moves[index].start)

    def click_move(self, index: int) -> None:
        """Act as if move ``index`` was clicked (keyboard and tests)."""
        if 0 <= index < len(self._moves):
            self.move_clicked.emit(index, self._moves[index].start)

    def select(self, index: int | None) -> None:
        """Choose move ``index`` (kept within the moves; None: none), as the arrow keys do."""
        if index is not None:
            index = min(max(index, 0), len(self._moves) - 1) if self._moves else None
        if index != self.selected:
            self.selected = index
            self._describe()
            self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, count = event.key(), len(self._moves)
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1}
        if count and key in steps:
            self.select(0 if self.selected is None else self.selected + steps[Qt.Key(key)])
        elif count and key == Qt.Key.Key_Home:
            self.select(0)
        elif count and key == Qt.Key.Key_End:
            self.select(count - 1)
        elif count and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if self.selected is None:
                self.select(0)
            self.click_move(self.selected if self.selected is not None else 0)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.selected is None and self._moves:
            self.select(0)  # the arrows start from a move that shows
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    # --- painting --------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = self._plot()
        self._paint_moves(p, plot)
        self._paint_grid(p, plot)
        self._paint_line(p, plot)
        if self._position is not None:
            x = self._x(self._position, plot)
            p.setPen(QPen(_color("text"), 2))
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        p.setFont(font(11))
        p.setPen(_color("muted"))
        below = ScorePlot(plot).below(_px(font(11)))
        p.drawText(below, Qt.AlignmentFlag.AlignLeft, "0 s")
        p.drawText(below, Qt.AlignmentFlag.AlignRight, f"{self._duration:.0f} s")
        if self.hasFocus():
            paint_focus_ring(p, QRectF(self.rect()))

    def _paint_moves(self, p: QPainter, plot: QRectF) -> None:
        label_font = font(12, True)
        p.setFont(label_font)
        for index, move in enumerate(self._moves):
            x0, x1 = self._x(move.start, plot), self._x(move.end, plot)
            danced = judged_move(move)
            color = score_color(move.score) if danced else SKIPPED
            band = QColor(color)
            chosen = index == self.selected and self.hasFocus()
            band.setAlpha(70 if index == self._hover or chosen else 28)
            p.fillRect(QRectF(x0, plot.top(), x1 - x0, plot.height()), band)
            if chosen:  # the move the arrow keys chose: Enter watches it
                p.setPen(QPen(_color("text"), 2))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(QRectF(x0 + 1, plot.top() + 1, max(2.0, x1 - x0 - 2), plot.height() - 2))
            p.fillRect(QRectF(x0 + 1, plot.bottom() - 6, max(1.0, x1 - x0 - 2), 6), color)
            p.setPen(QPen(_color("border"), 1))
            p.drawLine(QPointF(x0, plot.top()), QPointF(x0, plot.bottom()))
            if x1 - x0 > QFontMetrics(label_font).horizontalAdvance("88") + 4:
                p.setPen(color if danced else _color("muted"))
                p.drawText(QRectF(x0, 0, x1 - x0, plot.top() - 2), Qt.AlignmentFlag.AlignCenter, str(index + 1))

    def _paint_grid(self, p: QPainter, plot: QRectF) -> None:
        p.setFont(font(11))
        paint_grid(p, ScorePlot(plot), TIMELINE_GRID, label_gap=6)

    def _paint_line(self, p: QPainter, plot: QRectF) -> None:
        if len(self._timeline) < 2:
            return
        axes = ScorePlot(plot)
        paint_line(p, axes, [QPointF(self._x(t, plot), axes.y(score)) for t, score in self._timeline], _color("accent", 40), width=2.5)
