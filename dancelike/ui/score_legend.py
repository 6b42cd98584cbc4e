"""A one-line key to the colours painted on bodies: what green, amber, red and grey mean.

The dancer's body parts are coloured by how well each matches (green good, amber ok, red off)
and a part nobody judged is grey; the replay and the weak-move pictures also paint the pro's
parts in fixed colours that say which part is which, not how good it is. Without a key the
pro's green leg reads as "good". ``ScoreLegend`` says it in swatches, small and out of the way.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QLinearGradient, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from dancelike.i18n import translate
from dancelike.ui.theme import COLORS, font, score_color

#: Grey of a part not judged (as ``pipeline.replay.NOT_JUDGED_COLOR``).
NOT_JUDGED = QColor(128, 128, 128)
#: The red of the Break It Down outline (as ``limb_outline.OUTLINE_RGB``).
OUTLINE = QColor(235, 45, 60)


def legend_items(pro_parts: bool = False, outline: bool = False, you: bool = True) -> list[tuple[str, str]]:
    """(text, swatch) pairs; swatch: a colour name, "" for none, "pro" or "outline"."""
    items = [(translate("ScoreLegend", "You:"), "")] if you else []
    items += [
        (translate("ScoreLegend", "good"), score_color(90).name()),
        (translate("ScoreLegend", "ok"), score_color(60).name()),
        (translate("ScoreLegend", "off"), score_color(20).name()),
        (translate("ScoreLegend", "not judged"), NOT_JUDGED.name()),
    ]
    if pro_parts:
        items.append((translate("ScoreLegend", "pro: which part is which"), "pro"))
    if outline:
        items.append((translate("ScoreLegend", "red outline: the part to practise"), "outline"))
    return items


def _lead(swatch: str, h: float) -> float:
    return {"": 0.0, "pro": 1.4 * h, "outline": 1.2 * h}.get(swatch, 0.8 * h)


def place_items(items: list[tuple[str, str]], width: float, size_pt: int) -> list[tuple[float, float, str, str]]:
    """Each item's place from the top left: one line while it fits, then the next (never cut)."""
    m = QFontMetrics(font(size_pt))
    x, y, placed = 0.0, 0.0, []
    for text, swatch in items:
        w = _lead(swatch, m.height()) + m.horizontalAdvance(text) + m.height()
        if x > 0 and x + w > width:
            x, y = 0.0, y + m.height() + 4
        placed.append((x, y, text, swatch))
        x += w
    return placed


def legend_size(items: list[tuple[str, str]], width: float, size_pt: int) -> tuple[float, float]:
    """The width and height ``items`` take when laid out within ``width``."""
    m = QFontMetrics(font(size_pt))
    placed = place_items(items, width, size_pt)
    right = max(x + _lead(sw, m.height()) + m.horizontalAdvance(text) for x, _, text, sw in placed)
    return right, placed[-1][1] + m.height()


def paint_legend(p: QPainter, left: float, top: float, width: float, items: list[tuple[str, str]], size_pt: int, text_color: QColor | None = None) -> None:
    """Paint ``items`` from (``left``, ``top``) within ``width``."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setFont(font(size_pt))
    m = QFontMetrics(font(size_pt))
    h = m.height()
    for x, y, text, swatch in place_items(items, width, size_pt):
        x, y = x + left, y + top
        p.setPen(Qt.PenStyle.NoPen)
        if swatch == "pro":
            gradient = QLinearGradient(x, 0, x + h * 1.2, 0)
            for stop, name in ((0.0, "#ffd666"), (0.33, "#ff6347"), (0.66, "#4169e1"), (1.0, "#22aa50")):
                gradient.setColorAt(stop, QColor(name))
            p.setBrush(gradient)
            p.drawRoundedRect(QRectF(x, y + h * 0.2, h * 1.2, h * 0.6), 3, 3)
        elif swatch == "outline":
            p.setPen(QPen(OUTLINE, 3))
            p.drawLine(int(x), int(y + h / 2), int(x + h), int(y + h / 2))
        elif swatch:
            p.setBrush(QColor(swatch))
            p.drawRoundedRect(QRectF(x, y + h * 0.2, h * 0.6, h * 0.6), 3, 3)
        x += _lead(swatch, h)
        p.setPen(text_color or QColor(COLORS["muted"]))
        p.drawText(QRectF(x, y, m.horizontalAdvance(text) + 2, h), Qt.AlignmentFlag.AlignVCenter, text)
    p.restore()


class ScoreLegend(QWidget):
    """The key as a widget (the results page, under the replay); ``entries()`` says what it shows."""

    def __init__(self, pro_parts: bool = False, outline: bool = False, size_pt: int = 10, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pro_parts, self.outline, self._size_pt = pro_parts, outline, size_pt
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        tip = translate("ScoreLegend", "Your body parts are coloured by how well each matches the pro; grey parts are not judged (one of the videos does not show them).")  # noqa: E501
        self.setToolTip(tip)
        self.setAccessibleName(translate("ScoreLegend", "Colour key"))
        self.setAccessibleDescription(translate("ScoreLegend", ", ").join(self.entries()))

    def entries(self) -> list[str]:
        return [text for text, _ in legend_items(self.pro_parts, self.outline)]

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(legend_size(legend_items(self.pro_parts, self.outline), width, self._size_pt)[1]) + 6

    def sizeHint(self) -> QSize:
        width, height = legend_size(legend_items(self.pro_parts, self.outline), 10_000, self._size_pt)
        return QSize(int(width) + 4, int(height) + 6)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.setMinimumHeight(self.heightForWidth(self.width()))
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        paint_legend(p, 0, 3, self.width(), legend_items(self.pro_parts, self.outline), self._size_pt)
