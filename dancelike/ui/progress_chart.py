"""A choreography's scores over its sessions, as a line chart drawn with QPainter.

Drawn by hand rather than with QtCharts: one line, a few labels, and it must follow the app's
theme and point sizes exactly; QtCharts would add a module for that. Points are coloured by
score on the app's red-amber-green scale, the best score is marked, and the x axis counts
sessions (evenly spaced: a week off should not squash the chart), with dates at the ends.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from dancelike.i18n import translate
from dancelike.ui.theme import COLORS, font, score_color


class ProgressChart(QWidget):
    """Scores (0-100) of one choreography's sessions, oldest to newest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressChart")
        self.points: list[tuple[datetime, float]] = []
        self.empty_text = translate("ProgressChart", "No scores yet: dance this choreography to start your progress chart.")
        self.setAccessibleName(translate("ProgressChart", "Your scores over your sessions"))
        self.setAccessibleDescription(self.empty_text)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(160)

    def sizeHint(self) -> QSize:
        return QSize(600, 260)

    def set_points(self, points: list[tuple[datetime, float]], empty_text: str | None = None) -> None:
        self.points = list(points)
        if empty_text is not None:
            self.empty_text = empty_text
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:
        """The chart in words, for a screen reader: how many sessions, the best and the latest score."""
        if not self.points:
            return self.empty_text
        best, latest = max(score for _, score in self.points), self.points[-1][1]
        return translate("ProgressChart", "{count} sessions, best {best}, latest {latest}").format(
            count=len(self.points), best=f"{best:.0f}", latest=f"{latest:.0f}")  # fmt: skip

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        muted, border = QColor(COLORS["muted"]), QColor(COLORS["border"])
        if not self.points:
            p.setPen(muted)
            p.setFont(font(14))
            p.drawText(QRectF(self.rect()).adjusted(20, 20, -20, -20), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            return
        p.setFont(font(11))
        metrics = p.fontMetrics()
        left = metrics.horizontalAdvance("100") + 16
        plot = QRectF(self.rect()).adjusted(left, metrics.height() + 8, -24, -(metrics.height() * 2 + 10))
        if plot.width() < 40 or plot.height() < 40:
            return

        def y_of(score: float) -> float:
            return plot.bottom() - plot.height() * max(0.0, min(100.0, score)) / 100.0

        n = len(self.points)

        def x_of(i: int) -> float:
            return plot.center().x() if n == 1 else plot.left() + plot.width() * i / (n - 1)

        # Grid and score axis.
        for level in (0, 25, 50, 75, 100):
            y = y_of(level)
            p.setPen(QPen(border, 1, Qt.PenStyle.SolidLine if level == 0 else Qt.PenStyle.DotLine))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(muted)
            p.drawText(QRectF(0, y - metrics.height() / 2, left - 8, metrics.height()), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(level))

        points = [QPointF(x_of(i), y_of(score)) for i, (_, score) in enumerate(self.points)]
        accent = QColor(COLORS["accent"])
        if n > 1:
            # Area under the line, fading out, then the line itself.
            area = QPainterPath(QPointF(points[0].x(), plot.bottom()))
            for pt in points:
                area.lineTo(pt)
            area.lineTo(QPointF(points[-1].x(), plot.bottom()))
            area.closeSubpath()
            fade = QLinearGradient(0, plot.top(), 0, plot.bottom())
            top = QColor(accent)
            top.setAlpha(70)
            bottom = QColor(accent)
            bottom.setAlpha(0)
            fade.setColorAt(0, top)
            fade.setColorAt(1, bottom)
            p.fillPath(area, fade)
            line = QPainterPath(points[0])
            for pt in points[1:]:
                line.lineTo(pt)
            p.setPen(QPen(accent, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(line)

        # Best score: a dashed line with its value.
        best = max(score for _, score in self.points)
        y_best = y_of(best)
        p.setPen(QPen(QColor(COLORS["good"]), 1, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(plot.left(), y_best), QPointF(plot.right(), y_best))
        p.setPen(QColor(COLORS["good"]))
        label = translate("ProgressChart", "best {score}").format(score=f"{best:.0f}")
        # On the left, away from the latest point's label on the right.
        p.drawText(QRectF(plot.left() + 6, y_best - metrics.height() - 2, metrics.horizontalAdvance(label) + 4, metrics.height()), Qt.AlignmentFlag.AlignLeft, label)

        # Points coloured by score; the latest larger, with its value.
        radius = max(4.0, metrics.height() / 4)
        for i, (pt, (_, score)) in enumerate(zip(points, self.points, strict=True)):
            r = radius * (1.5 if i == n - 1 else 1.0)
            p.setPen(QPen(QColor(COLORS["bg"]), 2))
            p.setBrush(score_color(score))
            p.drawEllipse(pt, r, r)
        last_score = self.points[-1][1]
        p.setFont(font(13, bold=True))
        p.setPen(score_color(last_score))
        text = f"{last_score:.0f}"
        tw = p.fontMetrics().horizontalAdvance(text)
        tx = min(points[-1].x() - tw / 2, plot.right() - tw)
        ty = points[-1].y() - radius * 2 - 4
        if ty - p.fontMetrics().height() < plot.top() - metrics.height():
            ty = points[-1].y() + radius * 2 + p.fontMetrics().height()
        p.drawText(QPointF(tx, ty), text)

        # X axis: session numbers, dates of the first and last session.
        p.setFont(font(11))
        p.setPen(muted)
        step = max(1, n // 10)
        for i in range(0, n, step):
            p.drawText(QRectF(x_of(i) - 20, plot.bottom() + 4, 40, metrics.height()), Qt.AlignmentFlag.AlignHCenter, str(i + 1))
        first, last = self.points[0][0], self.points[-1][0]
        dates = f"{_day(first)}" if n == 1 or _day(first) == _day(last) else f"{_day(first)} \u2013 {_day(last)}"
        if n == 1:
            caption = translate("ProgressChart", "1 session \u00b7 {dates}").format(dates=dates)
        else:
            caption = translate("ProgressChart", "{count} sessions \u00b7 {dates}").format(count=n, dates=dates)
        p.drawText(QRectF(plot.left(), plot.bottom() + 4 + metrics.height(), plot.width(), metrics.height() + 4),
                   Qt.AlignmentFlag.AlignHCenter, caption)  # fmt: skip


def _day(when: datetime) -> str:
    """A session's day in the language spoken now ("6 Dec 2026", "2026年12月6日")."""
    return QLocale().toString(QDateTime.fromSecsSinceEpoch(int(when.timestamp())), translate("ProgressChart", "d MMM yyyy"))
