"""Words drawn into pictures with the desktop's fonts, so replays and snapshots made by the app
speak its language (OpenCV's own font has ASCII letters only: ``media/text.py``).

QPainter draws straight into the picture's numpy memory (an RGB888 ``QImage`` over it), in
whatever thread makes the picture: painting on a QImage is allowed outside the GUI thread.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPainterPath, QPen

from dancelike.media import text as picture_text
from dancelike.ui.theme import FAMILIES

#: Pixels of font size per unit of OpenCV's ``fontScale`` (its capitals are about 22 px at 1.0).
PIXELS_PER_SCALE = 30.0


def _font(scale: float, thickness: int) -> QFont:
    font = QFont()
    font.setFamilies(FAMILIES)
    font.setPixelSize(max(6, round(PIXELS_PER_SCALE * scale)))
    font.setWeight(QFont.Weight.Bold if thickness >= 2 else QFont.Weight.DemiBold)
    return font


class QtPictureText:
    """``media.text.TextPainter`` with Qt: any script, the app's fonts."""

    any_script = True

    def size(self, text: str, scale: float, thickness: int) -> tuple[int, int, int]:
        metrics = QFontMetrics(_font(scale, thickness))
        return metrics.horizontalAdvance(text), metrics.ascent(), metrics.descent()

    def put(self, image: np.ndarray, text: str, org: tuple[int, int], scale: float, color: tuple[int, int, int], thickness: int, outline: bool) -> None:
        target = image if image.flags.c_contiguous else np.ascontiguousarray(image)
        height, width = target.shape[:2]
        picture = QImage(target.data, width, height, target.strides[0], QImage.Format.Format_RGB888)
        painter = QPainter(picture)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            path = QPainterPath()
            path.addText(QPointF(*org), _font(scale, thickness), text)
            if outline:
                painter.strokePath(path, QPen(QColor(0, 0, 0), max(2.0, 2.5 * scale)))
            painter.fillPath(path, QColor(*color))
        finally:
            painter.end()
        if target is not image:
            image[...] = target


def install() -> None:
    """Pictures made from now on are drawn with Qt's fonts (and their words translated)."""
    picture_text.set_painter(QtPictureText())
