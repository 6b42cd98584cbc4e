"""What the score charts draw alike, in one place: a plot whose height is the score (0-100),
its grid with the levels written beside it, the score line over a filled area, and the rows of
text under the plot.

``progress_chart.ProgressChart`` (scores over sessions) and ``charts.TimelineChart`` (the score
through one dance) place their points differently and add their own marks; the axes, the line
and the labels under them come from here, so the two charts cannot drift apart. Drawn with
QPainter rather than QtCharts: a few lines that follow the app's theme and point sizes exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QGradient, QPainter, QPainterPath, QPen

from dancelike.ui.theme import COLORS

#: Space (px) between the plot's bottom and the first row of text under it.
BELOW_GAP = 4.0


@dataclass(frozen=True)
class ScorePlot:
    """The rectangle a chart plots in; its height is the score scale, 0 at the bottom."""

    rect: QRectF

    def y(self, score: float) -> float:
        """Where ``score`` is drawn (scores outside 0-100 at the nearest edge)."""
        return self.rect.bottom() - self.rect.height() * max(0.0, min(100.0, score)) / 100.0

    def below(self, line_height: float, row: int = 0) -> QRectF:
        """Row ``row`` (0: the first) of text ``line_height`` px high under the plot, as wide as it."""
        return QRectF(self.rect.left(), self.rect.bottom() + BELOW_GAP + row * line_height, self.rect.width(), line_height + 4)


def paint_grid(p: QPainter, plot: ScorePlot, levels: Sequence[tuple[int, Qt.PenStyle]], label_gap: float) -> None:
    """A line across the plot at each score level (in its pen style), and the level written in
    the painter's font to the left of the plot, ``label_gap`` px from it."""
    metrics = p.fontMetrics()
    border, muted = QColor(COLORS["border"]), QColor(COLORS["muted"])
    for level, style in levels:
        y = plot.y(level)
        p.setPen(QPen(border, 1, style))
        p.drawLine(QPointF(plot.rect.left(), y), QPointF(plot.rect.right(), y))
        p.setPen(muted)
        label = QRectF(0, y - metrics.height() / 2, plot.rect.left() - label_gap, metrics.height())
        p.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(level))


def paint_line(p: QPainter, plot: ScorePlot, points: Sequence[QPointF], fill: QBrush | QColor | QGradient, width: float) -> None:
    """The score line through ``points`` (two or more) in the accent colour, over the area
    between it and the plot's bottom filled with ``fill``."""
    bottom = plot.rect.bottom()
    area = QPainterPath(QPointF(points[0].x(), bottom))
    for point in points:
        area.lineTo(point)
    area.lineTo(QPointF(points[-1].x(), bottom))
    area.closeSubpath()
    p.fillPath(area, fill)
    line = QPainterPath(points[0])
    for point in points[1:]:
        line.lineTo(point)
    p.setPen(QPen(QColor(COLORS["accent"]), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(line)
