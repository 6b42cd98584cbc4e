"""The library's pieces: a choreography card (thumbnail, title, personal best, Dance and a ⋯
menu) and a task row (a background job's progress with Cancel, or an error with Dismiss).

Sized by layouts and fonts only: a card's thumbnail keeps 16:9 at whatever width the grid gives it.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dancelike.services.dancers import dancer_label
from dancelike.store.db import Choreography
from dancelike.ui.theme import COLORS, font, format_duration, score_color, set_role


class Thumbnail(QWidget):
    """A 16:9 picture of the choreography (aspect-filled), its length, a DEMO badge and, for a
    group video, whom the learner follows ("Dancer 2 of 3")."""

    def __init__(self, path: Path | None, length: str, demo: bool, parent: QWidget | None = None, dancer: str = "") -> None:
        super().__init__(parent)
        self.pixmap = QPixmap(str(path)) if path is not None and Path(path).is_file() else QPixmap()
        self.length, self.demo, self.dancer = length, demo, dancer
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width * 9 // 16

    def sizeHint(self) -> QSize:
        return QSize(320, 180)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        rect = QRectF(self.rect())
        clip = QPainterPath()
        clip.addRoundedRect(rect, 10, 10)
        p.setClipPath(clip)
        if self.pixmap.isNull():
            p.fillRect(rect, QColor(COLORS["panel_alt"]))
            p.setPen(QColor(COLORS["muted"]))
            p.setFont(font(28))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, "\u266a")
        else:
            scaled = self.pixmap.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatioByExpanding, Qt.TransformationMode.SmoothTransformation)
            x, y = (scaled.width() - self.width()) // 2, (scaled.height() - self.height()) // 2
            p.drawPixmap(0, 0, scaled, x, y, self.width(), self.height())
        self._badge(p, self.length, QColor(0, 0, 0, 190), right=True)
        if self.demo:
            self._badge(p, "DEMO", QColor(COLORS["accent"]), right=False)
        if self.dancer:
            self._badge(p, self.dancer, QColor(0, 0, 0, 190), right=False, top=False)

    def _badge(self, p: QPainter, text: str, color: QColor, right: bool, top: bool | None = None) -> None:
        """A rounded label in a corner: on the right at the bottom, on the left at the top (or ``top``)."""
        top = not right if top is None else top
        p.setFont(font(11, bold=True))
        metrics = p.fontMetrics()
        w, h = metrics.horizontalAdvance(text) + 16, metrics.height() + 6
        margin = 8
        x = self.width() - w - margin if right else margin
        y = margin if top else self.height() - h - margin
        box = QRectF(x, y, w, h)
        path = QPainterPath()
        path.addRoundedRect(box, 6, 6)
        p.fillPath(path, color)
        p.setPen(QColor("#ffffff"))
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def plain_tooltip(text: str) -> str:
    """A tooltip showing ``text`` as typed (Qt reads a tooltip that looks like markup as markup)."""
    return f"<span>{html.escape(text)}</span>" if text else ""


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when its text does not fit."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = text
        self.setTextFormat(Qt.TextFormat.PlainText)  # a title is never markup ("<b>" shows as typed)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setToolTip(plain_tooltip(text))
        self._elide()

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(plain_tooltip(text))
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(10, self.width())
        super().setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width))


class ChoreographyCard(QFrame):
    """One choreography: thumbnail, title, length, personal best; Dance and a ⋯ menu."""

    dance = Signal(int)
    rename = Signal(int)
    delete = Signal(int)
    choose_dancer = Signal(int)

    def __init__(self, item: Choreography, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choreography = item
        self.setObjectName("choreographyCard")
        set_role(self, "card")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(lambda pos: self._menu().exec(self.mapToGlobal(pos)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 14)
        layout.setSpacing(8)
        self.thumbnail = Thumbnail(item.thumbnail, format_duration(item.duration), item.is_demo, dancer=dancer_label(item))
        layout.addWidget(self.thumbnail)
        self.title = ElidedLabel(item.title)
        self.title.setObjectName("cardTitle")
        self.title.setFont(font(16, bold=True))
        self.title.setContentsMargins(6, 4, 6, 0)
        self.title.setFixedHeight(self.title.fontMetrics().height() + 8)  # "…" must not make one card taller
        layout.addWidget(self.title)
        self.best = QLabel()
        self.best.setObjectName("cardBest")
        self.best.setContentsMargins(6, 0, 6, 4)
        layout.addWidget(self.best)
        self._show_best(item)
        self.best.setFixedHeight(self.best.fontMetrics().height() + 8)
        row = QHBoxLayout()
        row.setContentsMargins(4, 0, 4, 0)
        self.dance_button = QPushButton("Dance")
        self.dance_button.setObjectName("danceButton")
        set_role(self.dance_button, "primary")
        self.dance_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.dance_button.clicked.connect(lambda: self.dance.emit(self.choreography.id))
        row.addWidget(self.dance_button, 1)
        self.more = QToolButton()
        self.more.setObjectName("moreButton")
        self.more.setText("\u22ef")
        self.more.setToolTip("Choose the dancer, rename or delete" if item.has_dancers_to_choose else "Rename or delete")
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.setMenu(self._menu())
        row.addWidget(self.more)
        layout.addLayout(row)

    def _show_best(self, item: Choreography) -> None:
        # The length is on the thumbnail's badge; this line is about the dancer.
        if item.best_score is None:
            self.best.setText(f"<span style='color:{COLORS['muted']}'>Not danced yet</span>")
        else:
            color = score_color(item.best_score).name()
            times = "1 session" if item.session_count == 1 else f"{item.session_count} sessions"
            self.best.setText(f"Best <b style='color:{color}'>{item.best_score:.0f}</b> <span style='color:{COLORS['muted']}'>\u00b7 {times}</span>")
        self.best.setFont(font(13))

    def _menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction("Dance", lambda: self.dance.emit(self.choreography.id))
        if self.choreography.has_dancers_to_choose:
            menu.addAction("Choose dancer\u2026", lambda: self.choose_dancer.emit(self.choreography.id))
        menu.addSeparator()
        menu.addAction("Rename\u2026", lambda: self.rename.emit(self.choreography.id))
        menu.addAction("Delete\u2026", lambda: self.delete.emit(self.choreography.id))
        return menu

    def mouseDoubleClickEvent(self, event: object) -> None:
        self.dance.emit(self.choreography.id)


class TaskRow(QFrame):
    """A background task above the grid: text, progress bar, Cancel; or an error with Dismiss."""

    cancel_requested = Signal()

    def __init__(self, text: str, cancellable: bool = True, hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskRow")
        set_role(self, "banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 12, 10)
        layout.setSpacing(14)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.label = QLabel(text)
        self.label.setObjectName("taskText")
        self.label.setWordWrap(True)
        texts.addWidget(self.label)
        self.hint = QLabel()
        self.hint.setObjectName("taskHint")
        self.hint.setWordWrap(True)
        set_role(self.hint, "muted")
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        texts.addWidget(self.hint)
        layout.addLayout(texts, 3)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setValue(0)
        layout.addWidget(self.bar, 2)
        self.percent = QLabel("0%")
        self.percent.setObjectName("taskPercent")
        self.percent.setMinimumWidth(self.percent.fontMetrics().horizontalAdvance("100%") + 4)
        self.percent.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        set_role(self.percent, "muted")
        self.bar.valueChanged.connect(lambda value: self.percent.setText(f"{value // 10}%"))
        layout.addWidget(self.percent)
        self.button = QPushButton("Cancel")
        self.button.setObjectName("taskCancel")
        keep = self.button.sizePolicy()
        keep.setRetainSizeWhenHidden(True)  # rows line up whether or not they can be cancelled
        self.button.setSizePolicy(keep)
        self.button.setVisible(cancellable)
        self.button.clicked.connect(self.cancel_requested)
        layout.addWidget(self.button)

    @property
    def value(self) -> float:
        return self.bar.value() / 1000

    def set_progress(self, fraction: float) -> None:
        self.bar.setValue(round(max(0.0, min(1.0, fraction)) * 1000))

    def set_text(self, text: str) -> None:
        self.label.setText(text)

    def fail(self, text: str, what_next: str) -> None:
        """Turn into an error message that stays until dismissed."""
        set_role(self, "banner-error")
        self.label.setText(text)
        self.hint.setText(what_next)
        self.hint.show()
        self.bar.hide()
        self.percent.hide()
        self.button.setText("Dismiss")
        self.button.setObjectName("taskDismiss")
        self.button.show()
        self.button.clicked.disconnect()
        self.button.clicked.connect(self.deleteLater)
