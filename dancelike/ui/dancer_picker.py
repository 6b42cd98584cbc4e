"""Choosing whom to follow in a group video: a dialog with a tile per dancer.

Each tile shows the dancer where they are most visible (cropped around them, the others dimmed:
``pipeline.dancer_thumbnails``), "Dancer N", how long they are in view, and on the automatic
choice "Suggested" with why ("most in view, near the centre"). A click selects a tile (a double click also confirms); "Follow Dancer N" keeps
the choice. The library opens it after importing a group video and from a group card's
"Choose dancer…"; what the choice changes is in ``services.dancers``.
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dancelike.i18n import translate
from dancelike.services.dancers import DancerChoice, DancerPick, in_view_text
from dancelike.ui.theme import COLORS, font, set_role

#: More tiles than this scroll sideways (six dancers at most are found).
VISIBLE_TILES = 4
#: Within this share of the best, a dancer counts as "most in view" / "the largest" too.
CLOSE = 0.95
#: Hips within this share of the picture's half-width from its middle are "near the centre".
CENTRE = 0.25


def suggestion_reason(pick: DancerPick) -> str:
    """Why the suggested dancer is suggested, from what the choice was made of (time in view,
    place, size: ``video_analysis.default_dancer``): "most in view, near the centre"."""
    seconds = {choice.number: choice.seconds_in_view for choice in pick.choices}
    number = pick.suggested
    reasons = []
    if seconds[number] >= CLOSE * max(seconds.values()):
        reasons.append(translate("DancerPicker", "most in view"))
    dancers = {dancer.number: dancer for dancer in pick.analysis.dancers}
    if number in dancers and pick.analysis.width:
        hips = dancers[number].hips()[:, 0]
        seen = hips[~np.isnan(hips)]
        if seen.size and abs(float(np.median(seen)) / pick.analysis.width - 0.5) * 2 <= CENTRE:
            reasons.append(translate("DancerPicker", "near the centre"))
        heights = [dancer.height() for dancer in dancers.values()]
        if len(heights) > 1 and dancers[number].height() >= CLOSE * max(heights):
            reasons.append(translate("DancerPicker", "the largest"))
    return translate("DancerPicker", ", ").join(reasons) if reasons else translate("DancerPicker", "the best mix of time in view, place and size")


def _pixmap(rgb: np.ndarray) -> QPixmap:
    rgb = np.ascontiguousarray(rgb)
    height, width = rgb.shape[:2]
    return QPixmap.fromImage(QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy())


class DancerTile(QFrame):
    """One dancer: picture, name, time in view, "Suggested"; click to select."""

    clicked = Signal(int)
    double_clicked = Signal(int)

    def __init__(self, choice: DancerChoice, seconds: float, parent: QWidget | None = None, reason: str = "") -> None:
        super().__init__(parent)
        self.number = choice.number
        self.setObjectName("dancerTile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches each dancer: Space selects, Enter follows
        self.setAccessibleName(choice.name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 12)
        layout.setSpacing(4)
        self.picture = QLabel()
        self.picture.setObjectName("dancerPicture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if choice.thumbnail is not None:
            self.picture.setPixmap(_pixmap(choice.thumbnail))
            self.picture.setFixedSize(choice.thumbnail.shape[1], choice.thumbnail.shape[0])
        else:
            self.picture.setText("?")
            self.picture.setFont(font(28))
            self.picture.setFixedSize(150, 250)
        layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        self.name = QLabel(choice.name)
        self.name.setObjectName("dancerName")
        self.name.setFont(font(15, bold=True))
        self.name.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.name)
        self.in_view = QLabel(in_view_text(choice, seconds))
        self.in_view.setObjectName("dancerInView")
        set_role(self.in_view, "muted")
        self.in_view.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.in_view)
        self.suggested = QLabel(translate("DancerPicker", "Suggested") if choice.suggested else "")
        self.suggested.setObjectName("dancerSuggested")
        self.suggested.setStyleSheet(f"color: {COLORS['accent']}; font-weight: 700;")
        why = translate("DancerPicker", "Picked for you from how long each dancer is in view, how near the middle and how large")
        self.suggested.setToolTip(why if choice.suggested else "")
        self.suggested.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.suggested)
        # why it is suggested; every tile keeps the room for it, so the tiles line up
        self.why = QLabel(reason if choice.suggested else "")
        self.why.setObjectName("dancerWhy")
        set_role(self.why, "muted")
        self.why.setWordWrap(True)
        self.why.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        width = max(150, self.picture.width())
        self.why.setFixedWidth(width)
        room = QLabel(reason or " ")
        room.setWordWrap(True)
        room.setFont(self.why.font())
        self.why.setFixedHeight(room.heightForWidth(width) if reason else 0)
        layout.addWidget(self.why, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        parts = [in_view_text(choice, seconds)]
        if choice.suggested:
            parts += [translate("DancerPicker", "Suggested"), reason]
        self._description = ". ".join(p for p in parts if p)
        self.set_selected(False)

    def set_selected(self, selected: bool) -> None:
        self.selected = selected
        set_role(self, "card-selected" if selected else "card")
        chosen = translate("DancerPicker", "Selected.") if selected else ""
        self.setAccessibleDescription(" ".join(p for p in (self._description, chosen) if p))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Space selects this dancer (as a click), Enter follows them (as a double click), the
        left and right arrows go to the dancer beside."""
        if event.key() == Qt.Key.Key_Space:
            self.clicked.emit(self.number)
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.double_clicked.emit(self.number)
        elif event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            strip = self.parentWidget()
            beside = strip.findChildren(DancerTile) if strip is not None else []
            index = beside.index(self) + (1 if event.key() == Qt.Key.Key_Right else -1)
            if 0 <= index < len(beside):
                beside[index].setFocus(Qt.FocusReason.TabFocusReason)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.number)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.double_clicked.emit(self.number)


class DancerPicker(QDialog):
    """Whom to follow in ``pick``'s video; ``selected`` is the number when accepted."""

    def __init__(self, pick: DancerPick, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pick = pick
        self.setObjectName("dancerPicker")
        self.setWindowTitle(translate("DancerPicker", "Choose a dancer"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 18)
        outer.setSpacing(12)
        self._add_intro(outer)
        outer.addWidget(self._build_strip())
        outer.addLayout(self._build_buttons())
        self.selected = pick.chosen
        self.select(pick.chosen)
        self._fit_height(outer)

    # --- building (in this order: the Tab order follows it) ---------------------------------

    def _add_intro(self, outer: QVBoxLayout) -> None:
        """The question and what choosing a dancer means."""
        title = QLabel(translate("DancerPicker", "Whom do you want to learn from?"))
        set_role(title, "subtitle")
        title.setFont(font(18, bold=True))
        outer.addWidget(title)
        count = len(self.pick.choices)
        explanation = translate(
            "DancerPicker",
            "\u201c{title}\u201d has {count} dancers. Pick the one to follow: you are scored against their moves. You can change it later from the card's \u22ef menu.",
        )
        self.explanation = QLabel(explanation.format(title=html.escape(self.pick.choreography.title), count=count))
        self.explanation.setWordWrap(True)
        set_role(self.explanation, "muted")
        outer.addWidget(self.explanation)

    def _build_strip(self) -> QScrollArea:
        """One tile per dancer in a row, scrolled sideways past ``VISIBLE_TILES``."""
        count = len(self.pick.choices)
        strip = QWidget()
        row = QHBoxLayout(strip)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(14)
        self.tiles: dict[int, DancerTile] = {}
        reason = suggestion_reason(self.pick)
        for choice in self.pick.choices:
            tile = DancerTile(choice, self.pick.seconds, reason=reason)
            tile.clicked.connect(self.select)
            tile.double_clicked.connect(self._select_and_accept)
            row.addWidget(tile)
            self.tiles[choice.number] = tile
        row.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("dancerStrip")
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the tiles; the strip follows them
        scroll.setWidget(strip)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        strip.ensurePolished()  # measured with the theme's fonts, not the defaults: nothing is cut off
        strip.adjustSize()
        shown = min(count, VISIBLE_TILES)
        tile_width = max(t.sizeHint().width() for t in self.tiles.values())
        scroll.setMinimumWidth(shown * tile_width + (shown - 1) * row.spacing() + 4)
        bar = scroll.horizontalScrollBar().sizeHint().height() if count > VISIBLE_TILES else 0
        scroll.setMinimumHeight(strip.sizeHint().height() + bar + 2)
        return scroll

    def _build_buttons(self) -> QHBoxLayout:
        """Not now, and Follow (the default)."""
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(translate("DancerPicker", "Not now"))
        self.cancel_button.setObjectName("pickerCancel")
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.cancel_button)
        self.follow_button = QPushButton()
        self.follow_button.setObjectName("pickerFollow")
        set_role(self.follow_button, "primary")
        self.follow_button.setDefault(True)
        self.follow_button.clicked.connect(self.accept)
        buttons.addWidget(self.follow_button)
        return buttons

    def _fit_height(self, outer: QVBoxLayout) -> None:
        """The wrapped explanation needs more height than a layout's minimum allows for: ask for it,
        or the buttons are laid over the tiles' bottom."""
        self.ensurePolished()
        self.adjustSize()
        self.setMinimumHeight(outer.totalHeightForWidth(self.width()))

    def select(self, number: int) -> None:
        self.selected = number
        for tile_number, tile in self.tiles.items():
            tile.set_selected(tile_number == number)
        self.follow_button.setText(translate("DancerPicker", "Follow Dancer {number}").format(number=number))

    def _select_and_accept(self, number: int) -> None:
        self.select(number)
        self.accept()
