"""The library's pieces: a choreography card (thumbnail, title, personal best, Dance and a ⋯
menu) and a task row (a background job's progress with Cancel, or an error with Dismiss).

Sized by layouts and fonts only: a card's thumbnail keeps 16:9 at whatever width the grid gives it.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
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

from dancelike.i18n import translate
from dancelike.services.dancers import dancer_label
from dancelike.store.db import Choreography
from dancelike.ui.theme import COLORS, font, format_duration, score_color, set_role
from dancelike.ui.time_left import TimeLeft

#: A picture narrower than this (width / height) is shown whole rather than cropped to the card:
#: a phone's vertical video cropped to 16:9 keeps a third of its height and cuts the heads off.
FIT_WHOLE_BELOW = 1.0
#: Where a cropped picture is cut: 0 keeps the top, 0.5 the middle. Dancers' heads are high up.
TOP_BIAS = 0.25


class Thumbnail(QWidget):
    """A 16:9 picture of the choreography, its length, a DEMO badge and, for a group video, whom
    the learner follows ("Dancer 2 of 3"). A landscape video fills the card (cut a little more
    at the bottom than at the top); a portrait one is shown whole (``picture``: where)."""

    def __init__(self, path: Path | None, length: str, demo: bool, parent: QWidget | None = None, dancer: str = "") -> None:
        super().__init__(parent)
        self.pixmap = QPixmap(str(path)) if path is not None and Path(path).is_file() else QPixmap()
        self.length, self.demo, self.dancer = length, demo, dancer
        self.picture = QRect()  # where a portrait picture was drawn whole (empty: the card is filled)
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
        elif self.pixmap.width() < self.pixmap.height() * FIT_WHOLE_BELOW:
            self._paint_whole(p)
        else:
            scaled = self.pixmap.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatioByExpanding, Qt.TransformationMode.SmoothTransformation)
            x = (scaled.width() - self.width()) // 2
            y = round((scaled.height() - self.height()) * TOP_BIAS)  # a little taller than the card: keep the heads
            p.drawPixmap(0, 0, scaled, x, y, self.width(), self.height())
        self._badge(p, self.length, QColor(0, 0, 0, 190), right=True)
        if self.demo:
            self._badge(p, translate("ChoreographyCard", "DEMO"), QColor(COLORS["accent"]), right=False)
        if self.dancer:
            self._badge(p, self.dancer, QColor(0, 0, 0, 190), right=False, top=False)

    def _paint_whole(self, p: QPainter) -> None:
        """A portrait (phone) video: the whole frame, heads and feet, in the middle of the card, on a
        blurred, darkened copy of itself filling the sides (as phones show a vertical video)."""
        size = self.size()
        cover = self.pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatioByExpanding, Qt.TransformationMode.FastTransformation)
        small = cover.scaled(max(1, cover.width() // 16), max(1, cover.height() // 16), mode=Qt.TransformationMode.SmoothTransformation)
        blurred = small.scaled(cover.size(), mode=Qt.TransformationMode.SmoothTransformation)
        p.drawPixmap((size.width() - blurred.width()) // 2, (size.height() - blurred.height()) // 2, blurred)
        p.fillRect(self.rect(), QColor(0, 0, 0, 120))
        whole = self.pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        self.picture = QRect((size.width() - whole.width()) // 2, (size.height() - whole.height()) // 2, whole.width(), whole.height())
        p.drawPixmap(self.picture.topLeft(), whole)

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
    """One choreography: thumbnail, title, length, personal best; Dance and a ⋯ menu.

    Reachable by Tab; Enter or Space dances it, the arrow keys go to the card beside (``step``:
    the library moves the focus), the menu key or Shift+F10 opens the ⋯ menu."""

    dance = Signal(int)
    rename = Signal(int)
    delete = Signal(int)
    choose_dancer = Signal(int)
    score_class = Signal(int)  # "Score a class…": many students' videos against this dance
    step = Signal(int, int, int)  # choreography id, columns and rows to move the focus by (arrow keys)

    def __init__(self, item: Choreography, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choreography = item
        self.setObjectName("choreographyCard")
        set_role(self, "card")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
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
        self.dance_button = QPushButton(translate("ChoreographyCard", "Dance"))
        self.dance_button.setObjectName("danceButton")
        set_role(self.dance_button, "primary")
        self.dance_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.dance_button.clicked.connect(lambda: self.dance.emit(self.choreography.id))
        self.dance_button.setAccessibleName(translate("ChoreographyCard", "Dance \u201c{title}\u201d").format(title=item.title))
        row.addWidget(self.dance_button, 1)
        self.more = QToolButton()
        self.more.setObjectName("moreButton")
        self.more.setText("\u22ef")
        self.more.setToolTip(
            translate("ChoreographyCard", "Choose the dancer, score a class, rename or delete")
            if item.has_dancers_to_choose
            else translate("ChoreographyCard", "Score a class, rename or delete")
        )
        self.more.setAccessibleName(translate("ChoreographyCard", "More for \u201c{title}\u201d").format(title=item.title))
        self.more.setAccessibleDescription(self.more.toolTip())
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.setMenu(self._menu())
        row.addWidget(self.more)
        layout.addLayout(row)
        self.setAccessibleName(item.title)
        self.setAccessibleDescription(self._description(item))

    def _description(self, item: Choreography) -> str:
        """What a screen reader says after the title: length, best score, how to use the card."""
        length = translate("ChoreographyCard", "Length {length}.").format(length=format_duration(item.duration))
        if item.best_score is None:
            best = translate("ChoreographyCard", "Not danced yet.")
        else:
            best = translate("ChoreographyCard", "Best score {score}.").format(score=f"{item.best_score:.0f}")
        keys = translate("ChoreographyCard", "Press Enter to dance, or the menu key for more.")
        return " ".join(part for part in (length, best, dancer_label(item), keys) if part)

    def _show_best(self, item: Choreography) -> None:
        # The length is on the thumbnail's badge; this line is about the dancer.
        if item.best_score is None:
            never = translate("ChoreographyCard", "Not danced yet")
            self.best.setText(f"<span style='color:{COLORS['muted']}'>{html.escape(never)}</span>")
        else:
            color = score_color(item.best_score).name()
            if item.session_count == 1:
                times = translate("ChoreographyCard", "1 session")
            else:
                times = translate("ChoreographyCard", "{count} sessions").format(count=item.session_count)
            best = translate("ChoreographyCard", "Best {score}").format(score=f"<b style='color:{color}'>{item.best_score:.0f}</b>")
            self.best.setText(f"{best} <span style='color:{COLORS['muted']}'>\u00b7 {html.escape(times)}</span>")
        self.best.setFont(font(13))

    def _menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction(translate("ChoreographyCard", "Dance"), lambda: self.dance.emit(self.choreography.id))
        if self.choreography.has_dancers_to_choose:
            menu.addAction(translate("ChoreographyCard", "Choose dancer\u2026"), lambda: self.choose_dancer.emit(self.choreography.id))
        menu.addAction(translate("ChoreographyCard", "Score a class\u2026"), lambda: self.score_class.emit(self.choreography.id))
        menu.addSeparator()
        menu.addAction(translate("ChoreographyCard", "Rename\u2026"), lambda: self.rename.emit(self.choreography.id))
        menu.addAction(translate("ChoreographyCard", "Delete\u2026"), lambda: self.delete.emit(self.choreography.id))
        return menu

    def mouseDoubleClickEvent(self, event: object) -> None:
        self.dance.emit(self.choreography.id)

    #: Arrow keys: how far each moves the focus (columns, rows).
    STEPS: dict[int, tuple[int, int]] = {
        int(Qt.Key.Key_Left): (-1, 0),
        int(Qt.Key.Key_Right): (1, 0),
        int(Qt.Key.Key_Up): (0, -1),
        int(Qt.Key.Key_Down): (0, 1),
    }

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()  # an int: a typed character (a Chinese one, say) need not be a Qt.Key member
        menu_keys = key == Qt.Key.Key_Menu or (key == Qt.Key.Key_F10 and event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.dance.emit(self.choreography.id)
        elif key in self.STEPS:
            self.step.emit(self.choreography.id, *self.STEPS[key])
        elif menu_keys:
            self._menu().exec(self.mapToGlobal(self.more.geometry().bottomLeft()))
        else:
            super().keyPressEvent(event)


class TaskRow(QFrame):
    """A background task above the grid: text, progress bar, time left, Cancel; or an error with Dismiss."""

    cancel_requested = Signal()

    def __init__(
        self,
        text: str,
        cancellable: bool = True,
        hint: str = "",
        parent: QWidget | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.time_left = TimeLeft(clock)
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
        self.eta = QLabel("")  # "about 2 min left", once the job has run long enough to tell
        self.eta.setObjectName("taskEta")
        self.eta.setMinimumWidth(self.eta.fontMetrics().horizontalAdvance(translate("TimeLeft", "about {minutes} min left").format(minutes=55)) + 4)
        set_role(self.eta, "muted")
        layout.addWidget(self.eta)
        self.button = QPushButton(translate("TaskRow", "Cancel"))
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
        fraction = max(0.0, min(1.0, fraction))
        self.bar.setValue(round(fraction * 1000))
        self.time_left.update(fraction)
        self.eta.setText(translate("TaskRow", "almost done") if 0.99 <= fraction < 1.0 else self.time_left.text())

    def fail(self, text: str, what_next: str) -> None:
        """Turn into an error message that stays until dismissed."""
        set_role(self, "banner-error")
        self.label.setText(text)
        self.hint.setText(what_next)
        self.hint.show()
        self.bar.hide()
        self.percent.hide()
        self.eta.hide()
        self.button.setText(translate("TaskRow", "Dismiss"))
        self.button.setObjectName("taskDismiss")
        self.button.show()
        self.button.clicked.disconnect()
        self.button.clicked.connect(self.deleteLater)
