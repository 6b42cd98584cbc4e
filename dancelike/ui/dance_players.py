"""The dance screen's players: the "Players 1 / 2" choice, one score ring per player, and what the
HUD says when a learner leaves the frame.

Two people can dance side by side in front of one camera (``engine.players``): player 1 is the
one on the left of the picture when the dance starts, player 2 the one on the right. Each has
a colour of their own (the ring's label, their skeleton on the camera picture), their own live
score and the rating of the move they are in.
"""

from __future__ import annotations

from collections.abc import Iterable

import cv2
import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from dancelike.engine import FrameScored, MoveRating
from dancelike.i18n import QT_TRANSLATE_NOOP, translate
from dancelike.media import text as picture_text
from dancelike.ui.charts import ScoreRing, rating_word
from dancelike.ui.theme import font, set_role
from dancelike.vision.body import BodyFrame
from dancelike.vision.landmark_names import FACE

#: Each player's colour (player 1 first): labels, rings' captions, skeletons.
PLAYER_COLORS = ("#4fc3ff", "#ffb347")
PLAYER_RGB: tuple[tuple[int, int, int], ...] = tuple((int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16)) for c in PLAYER_COLORS)


def away_text(away: Iterable[int], players: int) -> str:
    """What the HUD says while learners are out of the picture ("" when nobody is)."""
    gone = sorted(away)
    if not gone:
        return ""
    if players == 1:
        return translate("DancePlayers", "You left the frame \u2014 step back in")
    if len(gone) == players:
        return translate("DancePlayers", "Both players left the frame \u2014 step back in")
    return translate("DancePlayers", "Player {number} left the frame").format(number=gone[0])


def move_popup(ratings: dict[int, MoveRating | None]) -> str:
    """The pop-up when a move ends with two players: "P1 GREAT · P2 OK"."""
    said = translate("DancePlayers", "P{number} {rating}")
    return "   ".join(said.format(number=player, rating=rating_word(rating.rating)) for player, rating in sorted(ratings.items()) if rating is not None)


class PlayersChoice(QWidget):
    """ "Players" and two toggles, 1 and 2; ``changed(count)`` when the user picks the other."""

    changed = Signal(int)

    def __init__(self, players: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        label = QLabel(translate("DancePlayers", "Players"))
        set_role(label, "muted")
        row.addWidget(label)
        self.group = QButtonGroup(self)
        for count in (1, 2):
            button = QPushButton(str(count))
            button.setObjectName(f"players_{count}")
            button.setCheckable(True)
            button.setChecked(count == players)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space and arrows belong to the dance
            button.setToolTip(
                translate("DancePlayers", "One dancer")
                if count == 1
                else translate("DancePlayers", "Two dancers side by side: player 1 on the left, player 2 on the right")
            )
            button.setAccessibleName(translate("DancePlayers", "One player") if count == 1 else translate("DancePlayers", "Two players"))
            self.group.addButton(button, count)
            row.addWidget(button)
        self.group.idClicked.connect(self.changed.emit)

    @property
    def players(self) -> int:
        return max(1, self.group.checkedId())


class PlayerRings(QWidget):
    """One score ring per player, side by side, each labelled "Player N" in the player's colour,
    with the rating of the move they are in as the ring's caption."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        self.rings: list[ScoreRing] = []
        self.labels: list[QLabel] = []
        self.moves: dict[int, MoveRating] = {}  # player 2's move ratings by move (player 1's: the view's)
        for k, color in enumerate(PLAYER_COLORS):
            label = QLabel(translate("DancePlayers", "Player {number}").format(number=k + 1))
            label.setFont(font(15, True))
            label.setStyleSheet(f"color: {color};")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            ring = ScoreRing(size_pt=28)
            ring.setAccessibleName(translate("DancePlayers", "Player {number}'s score").format(number=k + 1))
            grid.addWidget(label, 0, k)
            grid.addWidget(ring, 1, k, Qt.AlignmentFlag.AlignHCenter)
            self.labels.append(label)
            self.rings.append(ring)
        self.reset()

    def reset(self) -> None:
        caption = translate("DancePlayers", "score")
        for ring in self.rings:
            ring.set_score(None, caption=caption)
        self.moves = {}
        self.captions = [caption] * len(self.rings)

    def show_frame(self, event: FrameScored, settled: bool) -> None:
        """A player's scored frame: their running score; their move's rating once settled."""
        k = event.player - 1
        if not 0 <= k < len(self.rings):
            return
        if not event.found:
            self.captions[k] = translate("DancePlayers", "not in view")
        elif settled and event.move is not None:
            if k > 0:
                self.moves[event.move.index] = event.move
            self.captions[k] = rating_word(event.move.rating)
        self.rings[k].set_score(event.total, caption=self.captions[k])


#: A player's tag above their head ("P1"; translated where the app draws pictures with Qt).
PLAYER_TAG = QT_TRANSLATE_NOOP("DancePlayers", "P{number}")


def tag_players(rgb: np.ndarray, bodies: tuple[BodyFrame, ...] | None, flipped: bool) -> np.ndarray:
    """Each player's number ("P1", "P2") above their head, in their colour, on the shown camera
    picture (``flipped``: the picture is shown as a mirror)."""
    if not bodies or len(bodies) < 2:
        return rgb
    out = np.ascontiguousarray(rgb)
    height, width = out.shape[:2]
    for k, body in enumerate(bodies):
        if body.landmarks is None:
            continue
        scale = width / max(1, body.width)
        top = float(body.landmarks[list(FACE), 1].min()) * scale
        x = float(body.landmarks[list(FACE), 0].mean()) * scale
        x = width - 1 - x if flipped else x
        text, size = picture_text.words("DancePlayers", PLAYER_TAG).format(number=k + 1), max(0.5, height / 600)
        w, h, _depth = picture_text.size(text, size, 2)
        x0, y0 = int(np.clip(x - w / 2, 0, width - w - 8)), int(np.clip(top - h - 24, 0, height - h - 10))
        cv2.rectangle(out, (x0, y0), (x0 + w + 8, y0 + h + 10), PLAYER_RGB[k], -1)
        picture_text.put(out, text, (x0 + 4, y0 + h + 4), size, (20, 20, 24), 2)
    return out
