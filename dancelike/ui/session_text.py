"""How the results screen words a session: its title, when it began, its status, the shape and
timing breakdown and, for a group video, which dancer it followed."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QDateTime, QLocale

from dancelike.i18n import QT_TRANSLATE_NOOP, translate
from dancelike.scoring.report import group_dancer_text
from dancelike.store.db import SessionRecord

#: A session's status as the subtitle says it (done and stopped sessions say nothing).
STATUS_WORDS = {
    "running": QT_TRANSLATE_NOOP("ResultsView", "not finished"),
    "failed": QT_TRANSLATE_NOOP("ResultsView", "failed"),
    "cancelled": QT_TRANSLATE_NOOP("ResultsView", "cancelled"),
    "recovered": QT_TRANSLATE_NOOP("ResultsView", "recovered after a crash"),
}


#: A number and its unit of seconds ("17-19 s", "0.3 s"): kept on one line.
_NUMBER_AND_SECONDS = re.compile(r"(?<=\d) (?=s\b)")


def units_kept(text: str) -> str:
    """``text`` with a no-break space between each number and its "s", so that a wrapped
    label never leaves "s" alone at the start of a line ("Practise the move at 17-19 / s")."""
    return _NUMBER_AND_SECONDS.sub("\u00a0", text)


def dancer_text(report: dict[str, Any]) -> str:
    """ " · against dancer 2 of 3" when the pro's video had several dancers, else ""."""
    dancer, dancers = report.get("dancer"), int(report.get("dancers") or 0)
    if dancer is None or dancers <= 1:
        return ""
    return translate("ResultsView", " \u00b7 against {dancer}").format(dancer=group_dancer_text(int(dancer), dancers))


def breakdown_text(report: dict[str, Any]) -> str:
    """ "Shapes 68 · timing 80" (and which dancer of a group was followed)."""
    shape, timing = float(report.get("shape", 0)), float(report.get("timing", 0))
    return translate("ResultsView", "Shapes {shape} \u00b7 timing {timing}").format(shape=f"{shape:.0f}", timing=f"{timing:.0f}") + dancer_text(report)


def session_title(record: SessionRecord) -> str:
    """The choreography's title, with the player when two danced ("Groove · Player 2")."""
    if record.player is None:
        return record.choreography_title
    return translate("ResultsView", "{title} \u00b7 Player {number}").format(title=record.choreography_title, number=record.player)


def started_text(started: Any) -> str:
    """When a session began, in the language spoken now ("Sun 06 Dec 2026, 10:32")."""
    when = QDateTime.fromSecsSinceEpoch(int(started.timestamp()))
    return QLocale().toString(when, translate("ResultsView", "ddd dd MMM yyyy, HH:mm"))
