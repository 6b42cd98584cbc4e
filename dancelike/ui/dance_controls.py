"""The dance screen's rows of buttons: what to show above the stage, how to practise below it.

Kept apart from ``dance_view`` (which wires them to the session) so each module stays one
screenful. The top row holds the title on one line (elided, the whole title in its tooltip: a
wrapped title in a row of buttons was cut at the top), the view and overlay choices and the
players; under it a full-width line for notes (wrapped, never cut mid-word).
Every button gives up keyboard focus: Space and the arrows belong to the dance.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from dancelike.i18n import translate
from dancelike.ui.dance_players import PlayersChoice
from dancelike.ui.library_cards import ElidedLabel
from dancelike.ui.theme import TOGGLE_QSS, set_role

SPEEDS = (0.5, 0.75, 1.0)
#: Narrower buttons than the rest of the app: two full rows of them fit a 1024 px window.
TOP_QSS = "QPushButton { padding: 5px 10px; font-size: 11pt; min-height: 18px; }"
CONTROLS_QSS = "QPushButton { padding: 8px 12px; }"


def make_button(text: str, checkable: bool = False, name: str = "") -> QPushButton:
    """A dance-screen button: never takes the keyboard focus."""
    button = QPushButton(text)
    button.setCheckable(checkable)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if name:
        button.setObjectName(name)
    return button


class ElidedTitle(ElidedLabel):
    """A one-line title that shortens itself with "…" to the width it gets (full text in the tooltip)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(80)

    def set_title(self, text: str) -> None:
        self.setText(text)


class TopBar(QWidget):
    """Title, "Side by side / Picture in picture", players, overlays; the notes below."""

    def __init__(self, players: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("danceTopBar")
        self.setStyleSheet(TOGGLE_QSS + TOP_QSS)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        top = QHBoxLayout()
        self.title = ElidedTitle()
        set_role(self.title, "title")
        top.addWidget(self.title, 1)
        self.layout_group = QButtonGroup(self)
        for name, text in (("beside", translate("TopBar", "Side by side")), ("inside", translate("TopBar", "Picture in picture"))):
            button = make_button(text, True, f"layout_{name}")
            button.setProperty("value", name)
            self.layout_group.addButton(button)
            top.addWidget(button)
        top.addSpacing(8)
        self.players_choice = PlayersChoice(players)
        top.addWidget(self.players_choice)
        top.addSpacing(8)
        self.overlay_buttons: dict[str, QPushButton] = {}
        overlays = (
            ("parts", translate("TopBar", "Body parts"), translate("TopBar", "Colour your body parts by how well each matches the pro")),
            ("ghost", translate("TopBar", "Ghost"), translate("TopBar", "The pro's outline laid over you")),
            ("skeleton", translate("TopBar", "Skeleton"), translate("TopBar", "Your joints and bones drawn over you")),
        )
        for name, text, tip in overlays:
            button = make_button(text, True, f"overlay_{name}")
            button.setToolTip(tip)
            self.overlay_buttons[name] = button
            top.addWidget(button)
        column.addLayout(top)
        self.note = QLabel("")  # full width and wrapped: a long note is never cut mid-word
        self.note.setObjectName("danceNote")
        self.note.setWordWrap(True)
        set_role(self.note, "small")
        column.addWidget(self.note)

    def set_notes(self, notes: list[str]) -> None:
        self.note.setText("   \u00b7   ".join(notes))
        self.note.setVisible(bool(notes))


class ControlsRow(QWidget):
    """Previous / Pause / Next, the speeds, "Loop this move", and "Stop and score"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("danceControls")
        self.setStyleSheet(TOGGLE_QSS + CONTROLS_QSS)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.prev_button = make_button(translate("ControlsRow", "\u25c0  Previous"), name="previousMove")
        self.prev_button.setToolTip(translate("ControlsRow", "Back to the start of this move, or the one before (\u2190)"))
        self.pause_button = make_button(translate("ControlsRow", "Pause"), name="pauseButton")
        self.pause_button.setToolTip(translate("ControlsRow", "Pause or carry on (Space)"))
        self.pause_button.setMinimumWidth(96)  # "Carry on" takes no more room than "Pause"
        self.next_button = make_button(translate("ControlsRow", "Next  \u25b6"), name="nextMove")
        self.next_button.setToolTip(translate("ControlsRow", "Jump to the next move (\u2192)"))
        for button in (self.prev_button, self.pause_button, self.next_button):
            row.addWidget(button)
        row.addSpacing(8)
        speed_label = QLabel(translate("ControlsRow", "Speed"))
        set_role(speed_label, "muted")
        row.addWidget(speed_label)
        self.speed_group = QButtonGroup(self)
        for rate in SPEEDS:
            button = make_button(f"{rate:g}x", True, f"speed_{rate:g}")
            button.setProperty("value", rate)
            button.setAccessibleName(translate("ControlsRow", "Speed {rate}x").format(rate=f"{rate:g}"))
            self.speed_group.addButton(button)
            row.addWidget(button)
        self.loop_button = make_button(translate("ControlsRow", "\u27f3  Loop this move"), True, "loopMove")
        row.addSpacing(4)
        row.addWidget(self.loop_button)
        row.addStretch(1)
        self.stop_button = make_button(translate("ControlsRow", "Stop and score"), name="stopButton")
        self.stop_button.setToolTip(translate("ControlsRow", "Stop now and score what you danced (Esc)"))
        set_role(self.stop_button, "primary")
        row.addWidget(self.stop_button)

    def check_speed(self, rate: float) -> None:
        """Show ``rate`` as the chosen speed (without telling anyone: no click)."""
        for button in self.speed_group.buttons():
            button.setChecked(abs(float(button.property("value")) - rate) < 1e-3)

    def check_loop(self, on: bool) -> None:
        """Show the loop as on or off (without telling anyone)."""
        self.loop_button.blockSignals(True)
        self.loop_button.setChecked(on)
        self.loop_button.blockSignals(False)
