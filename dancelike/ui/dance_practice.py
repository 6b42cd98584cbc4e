"""The Break It Down bar over the stage: which move is being practised, how slow, the part to
fix, each time round's score, and the way out.

Shown while a weak move from the results is practised (and whenever a move is looped): the
dancer reads "Move 4 at 0.5x · Left arm higher", then after every round "Take 2: 71 GOOD
(left arm 64)", so whether it is getting better is plain. "Stop practising" ends the loop and
goes back to full speed (the same as switching the loop off and choosing 1x below); Esc still
stops and scores. The scores themselves come from ``practice_plan.LoopTakes``.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from dancelike.i18n import translate
from dancelike.ui.charts import GROUP_LABELS, part_label, rating_word
from dancelike.ui.dance_controls import ElidedTitle
from dancelike.ui.practice_plan import PracticePlan, TakeScore
from dancelike.ui.theme import COLORS, font, score_color, set_role

#: How many takes the bar lists (the latest ones).
SHOWN_TAKES = 4


def take_text(take: TakeScore, part: str | None) -> str:
    """ "Take 2: 71 GOOD (left arm 64)"."""
    score, word = f"{take.score:.0f}", rating_word(take.rating)
    if part in GROUP_LABELS and take.part_score is not None:
        return translate("PracticeBar", "Take {number}: {score} {rating} ({part} {part_score})").format(
            number=take.number, score=score, rating=word, part=part_label(part).lower(), part_score=f"{take.part_score:.0f}"
        )
    return translate("PracticeBar", "Take {number}: {score} {rating}").format(number=take.number, score=score, rating=word)


class PracticeBar(QFrame):
    """The practice line; ``stop_practising`` when its button is pressed."""

    stop_practising = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practiceBar")
        set_role(self, "banner")
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 4, 8, 4)
        row.setSpacing(12)
        texts = QVBoxLayout()
        texts.setSpacing(0)
        self.heading = ElidedTitle()  # "Break it down: move 3, 0.5x, looping · Left arm higher" ("…" when narrow)
        self.heading.setObjectName("practiceHeading")
        self.heading.setFont(font(13, True))
        self.takes_label = QLabel("")  # "Take 2: 78 GOOD (left arm 76) · Take 1: 95 PERFECT"
        self.takes_label.setObjectName("practiceTakes")
        self.takes_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.takes_label.setTextFormat(Qt.TextFormat.RichText)
        texts.addWidget(self.heading)
        texts.addWidget(self.takes_label)
        row.addLayout(texts, 1)
        self.stop_button = QPushButton(translate("PracticeBar", "Stop practising"))
        self.stop_button.setObjectName("stopPractising")
        self.stop_button.setStyleSheet("QPushButton { padding: 5px 12px; }")
        self.stop_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stop_button.setToolTip(translate("PracticeBar", "End the loop and go back to full speed (Esc stops and scores)"))
        self.stop_button.clicked.connect(self.stop_practising.emit)
        row.addWidget(self.stop_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.part: str | None = None
        self.takes: list[TakeScore] = []
        self.hide()

    def prepare(self, plan: PracticePlan) -> None:
        """Before the dance: say what is coming."""
        self.part, self.takes = plan.part, []
        self._say(self._heading(plan, plan.speed), translate("PracticeBar", "Starting\u2026"))
        self.stop_button.setEnabled(False)
        self.show()

    def begin(self, plan: PracticePlan | None, live_number: int, speed: float) -> None:
        """The loop is on (a plan from the results, or the loop button: ``plan`` None)."""
        if plan is None:
            self.part, self.takes = None, []
        if plan is not None:
            heading = self._heading(plan, speed)
        else:
            heading = translate("PracticeBar", "Looping move {number}, {speed}x").format(number=live_number, speed=f"{speed:g}")
        self._say(heading, translate("PracticeBar", "First time round\u2026 each time round is scored"))
        self.stop_button.setEnabled(True)
        self.show()

    def add_take(self, take: TakeScore) -> None:
        """One more time round: the latest first, each in its score's colour, and the trend."""
        self.takes.append(take)
        shown = [f'<span style="color:{score_color(t.score).name()}">{take_text(t, self.part)}</span>' for t in reversed(self.takes[-SHOWN_TAKES:])]
        trend = ""
        if len(self.takes) > 1:
            first, last = self.takes[0].score, self.takes[-1].score
            if last > first + 2:
                said = translate("PracticeBar", "(better than the first)")
            elif last > first - 2:
                said = translate("PracticeBar", "(about the same as the first)")
            else:
                said = translate("PracticeBar", "(lower than the first)")
            trend = f' <span style="color:{COLORS["muted"]}">{html.escape(said)}</span>'
        self.takes_label.setText(shown[0] + trend + "".join(f" &nbsp;\u00b7&nbsp; {item}" for item in shown[1:]))

    def _say(self, heading: str, takes: str) -> None:
        self.heading.set_title(heading)
        self.takes_label.setText(f'<span style="color:{COLORS["muted"]}">{takes}</span>')

    @staticmethod
    def _heading(plan: PracticePlan, speed: float) -> str:
        heading = translate("PracticeBar", "Break it down: move {number}, {speed}x, looping").format(number=plan.number, speed=f"{speed:g}")
        return " \u00b7 ".join(t for t in (heading, plan.advice) if t)

    def end(self) -> None:
        self.takes = []
        self.hide()
