"""The rows of a report, as types: each a frozen dataclass that writes and reads its own part of
the JSON document (``Report.to_json``), so readers write ``move.start``, not ``float(move["start"])``.

The document's schema is theirs: the same keys, in the same order, as the report has always
written (``tests/scoring/test_report_rows.py`` compares the demo pair's documents with the ones
made before these types). ``from_json`` reads documents of older sessions too: a key they lack
takes its default. Pure Python: no I/O, no Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dancelike.scoring.advice import Advice

#: A score per body-part group (``poses.GROUPS``), in report order; ``None``: that part was not
#: in view in one of the videos, so it was not judged.
PartScores = dict[str, float | None]


def part_scores(data: Mapping[str, Any] | None) -> PartScores:
    """``PartScores`` from a document's mapping (missing: none)."""
    return {str(name): None if value is None else float(value) for name, value in dict(data or {}).items()}


@dataclass(frozen=True)
class TimelinePoint:
    """The score around second ``t`` of the reference (``report.TIMELINE_STEP_S`` wide)."""

    t: float
    score: float

    def to_json(self) -> dict[str, float]:
        return {"t": self.t, "score": self.score}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TimelinePoint:
        return cls(float(data["t"]), float(data["score"]))


@dataclass(frozen=True)
class RatedMove:
    """One move of the choreography (seconds of the reference) with its score and rating word:
    a ``coaching.RATINGS`` word, or skipped / away / unknown (``coaching.UNJUDGED``); ``danced``:
    whether the dancer reached it at all. ``rating`` is "" in documents older than ratings."""

    start: float
    end: float
    score: float
    rating: str = ""
    danced: bool = True

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "score": self.score, "rating": self.rating, "danced": self.danced}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RatedMove:
        return cls(**_move_fields(data))


def _move_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "start": float(data["start"]),
        "end": float(data["end"]),
        "score": float(data.get("score", 0.0)),
        "rating": str(data.get("rating") or ""),
        "danced": bool(data.get("danced", True)),
    }


@dataclass(frozen=True)
class WeakMove(RatedMove):
    """One of the weakest moves (``Report.weakest``): its ``RatedMove`` fields, then which move it
    is (``move``, from 0), the worst moment (``reference_frame`` and the ``performance_frame``
    matched to it) with each part's score there (``parts``), the advice, the move's own timing
    word (``when``: "earlier"/"later"), the swapped side (``swapped``: the sentence,
    ``swapped_part``: the dancer's limb), the whole line to show (``advice_text``) and each
    part's score over the whole move (``move_parts``)."""

    move: int = 0
    reference_frame: int = 0
    performance_frame: int = 0
    parts: PartScores = field(default_factory=dict)
    advice: tuple[Advice, ...] = ()
    when: str | None = None
    swapped: str | None = None
    swapped_part: str | None = None
    advice_text: str | None = None  # None: a report older than advice (name the part furthest off)
    move_parts: PartScores = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            **super().to_json(),
            "move": self.move,
            "reference_frame": self.reference_frame,
            "performance_frame": self.performance_frame,
            "parts": dict(self.parts),
            "advice": [advice.to_json() for advice in self.advice],
            "when": self.when,
            "swapped": self.swapped,
            "swapped_part": self.swapped_part,
            "advice_text": self.advice_text,
            "move_parts": dict(self.move_parts),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> WeakMove:
        return cls(
            **_move_fields(data),
            move=int(data.get("move", 0)),
            reference_frame=int(data.get("reference_frame", 0)),
            performance_frame=int(data.get("performance_frame", 0)),
            parts=part_scores(data.get("parts")),
            advice=tuple(Advice.from_json(item) for item in data.get("advice") or []),
            when=_text_or_none(data.get("when")),
            swapped=_text_or_none(data.get("swapped")),
            swapped_part=_text_or_none(data.get("swapped_part")),
            advice_text=None if "advice_text" not in data else str(data["advice_text"] or ""),
            move_parts=part_scores(data.get("move_parts")),
        )


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def timeline_of(document: Mapping[str, Any]) -> list[TimelinePoint]:
    """A report document's ``timeline``, typed (none in a document without one)."""
    return [TimelinePoint.from_json(point) for point in document.get("timeline") or []]


def moves_of(document: Mapping[str, Any]) -> list[RatedMove]:
    """A report document's ``moves``, typed."""
    return [RatedMove.from_json(move) for move in document.get("moves") or []]


def weakest_of(document: Mapping[str, Any]) -> list[WeakMove]:
    """A report document's ``weakest`` moves, typed."""
    return [WeakMove.from_json(move) for move in document.get("weakest") or []]
