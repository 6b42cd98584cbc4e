"""A choreography's scores over its sessions, as a line chart drawn with QPainter.

Drawn by hand rather than with QtCharts: one line, a few labels, and it must follow the app's
theme and point sizes exactly; QtCharts would add a module for that. Points are coloured by
score on the app's red-amber-green scale, the best score is marked, and the x axis counts
sessions (evenly spaced: a week off should not squash the chart), with dates at the ends. The
grid and the line are drawn as the timeline draws them (``chart_drawing``).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QLinearGradient,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from dancelike.i18n import translate
from dancelike.ui.chart_drawing import ScorePlot, paint_grid, paint_line
from dancelike.ui.theme import COLORS, font, score_color

#: The score levels drawn across the chart: the floor solid, the others dotted.
GRID = [(level, Qt.PenStyle.SolidLine if level == 0 else Qt.PenStyle.DotLine) for level in (0, 25, 50, 75, 100)]


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
        return translate("ProgressChart", "{count} sessions, best {best}, latest {latest}").format(count=len(self.points), best=f"{best:.0f}", latest=f"{latest:.0f}")

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.points:
            self._paint_empty(p)
            return
        p.setFont(font(11))
        metrics = p.fontMetrics()
        plot = self._plot(metrics)
        if plot is None:
            return
        points = [QPointF(self._x(i, plot), plot.y(score)) for i, (_, score) in enumerate(self.points)]
        paint_grid(p, plot, GRID, label_gap=8)
        if len(points) > 1:
            paint_line(p, plot, points, _fade(plot), width=3)
        self._paint_best(p, plot, metrics)
        self._paint_points(p, points, metrics)
        self._paint_latest(p, plot, points, metrics)
        self._paint_sessions(p, plot, metrics)

    # --- the steps of painting, in the order they are drawn -------------------------------------

    def _paint_empty(self, p: QPainter) -> None:
        p.setPen(QColor(COLORS["muted"]))
        p.setFont(font(14))
        p.drawText(QRectF(self.rect()).adjusted(20, 20, -20, -20), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)

    def _plot(self, metrics: QFontMetrics) -> ScorePlot | None:
        """The plot: room for the scores on the left, the best score's label above, two rows of
        text below; None when the widget is too small to draw one."""
        left = metrics.horizontalAdvance("100") + 16
        rect = QRectF(self.rect()).adjusted(left, metrics.height() + 8, -24, -(metrics.height() * 2 + 10))
        return ScorePlot(rect) if rect.width() >= 40 and rect.height() >= 40 else None

    def _x(self, i: int, plot: ScorePlot) -> float:
        """Session ``i`` (from 0), evenly spaced: a week off should not squash the chart."""
        n = len(self.points)
        return plot.rect.center().x() if n == 1 else plot.rect.left() + plot.rect.width() * i / (n - 1)

    def _paint_best(self, p: QPainter, plot: ScorePlot, metrics: QFontMetrics) -> None:
        """The best score: a dashed line with its value, on the left (the latest's is on the right)."""
        best = max(score for _, score in self.points)
        y_best = plot.y(best)
        p.setPen(QPen(QColor(COLORS["good"]), 1, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(plot.rect.left(), y_best), QPointF(plot.rect.right(), y_best))
        p.setPen(QColor(COLORS["good"]))
        label = translate("ProgressChart", "best {score}").format(score=f"{best:.0f}")
        where = QRectF(plot.rect.left() + 6, y_best - metrics.height() - 2, metrics.horizontalAdvance(label) + 4, metrics.height())
        p.drawText(where, Qt.AlignmentFlag.AlignLeft, label)

    def _paint_points(self, p: QPainter, points: list[QPointF], metrics: QFontMetrics) -> None:
        """A dot per session coloured by its score; the latest larger."""
        radius = _radius(metrics)
        for i, (pt, (_, score)) in enumerate(zip(points, self.points, strict=True)):
            r = radius * (1.5 if i == len(points) - 1 else 1.0)
            p.setPen(QPen(QColor(COLORS["bg"]), 2))
            p.setBrush(score_color(score))
            p.drawEllipse(pt, r, r)

    def _paint_latest(self, p: QPainter, plot: ScorePlot, points: list[QPointF], metrics: QFontMetrics) -> None:
        """The latest score's value above its dot (below it when there is no room above)."""
        last_score, radius = self.points[-1][1], _radius(metrics)
        p.setFont(font(13, bold=True))
        p.setPen(score_color(last_score))
        text = f"{last_score:.0f}"
        tw = p.fontMetrics().horizontalAdvance(text)
        tx = min(points[-1].x() - tw / 2, plot.rect.right() - tw)
        ty = points[-1].y() - radius * 2 - 4
        if ty - p.fontMetrics().height() < plot.rect.top() - metrics.height():
            ty = points[-1].y() + radius * 2 + p.fontMetrics().height()
        p.drawText(QPointF(tx, ty), text)

    def _paint_sessions(self, p: QPainter, plot: ScorePlot, metrics: QFontMetrics) -> None:
        """The x axis: session numbers (at most about ten), then how many and their dates."""
        p.setFont(font(11))
        p.setPen(QColor(COLORS["muted"]))
        n, height = len(self.points), metrics.height()
        row = plot.below(height)
        for i in range(0, n, max(1, n // 10)):
            p.drawText(QRectF(self._x(i, plot) - 20, row.top(), 40, height), Qt.AlignmentFlag.AlignHCenter, str(i + 1))
        first, last = _day(self.points[0][0]), _day(self.points[-1][0])
        dates = first if n == 1 or first == last else f"{first} \u2013 {last}"
        if n == 1:
            caption = translate("ProgressChart", "1 session \u00b7 {dates}").format(dates=dates)
        else:
            caption = translate("ProgressChart", "{count} sessions \u00b7 {dates}").format(count=n, dates=dates)
        p.drawText(plot.below(height, row=1), Qt.AlignmentFlag.AlignHCenter, caption)


def _radius(metrics: QFontMetrics) -> float:
    """A session's dot, sized with the text."""
    return max(4.0, metrics.height() / 4)


def _fade(plot: ScorePlot) -> QLinearGradient:
    """The area under the line: the accent colour fading out towards the bottom."""
    fade = QLinearGradient(0, plot.rect.top(), 0, plot.rect.bottom())
    top, bottom = QColor(COLORS["accent"]), QColor(COLORS["accent"])
    top.setAlpha(70)
    bottom.setAlpha(0)
    fade.setColorAt(0, top)
    fade.setColorAt(1, bottom)
    return fade


def _day(when: datetime) -> str:
    """A session's day in the language spoken now ("6 Dec 2026", "2026年12月6日")."""
    return QLocale().toString(QDateTime.fromSecsSinceEpoch(int(when.timestamp())), translate("ProgressChart", "d MMM yyyy"))
