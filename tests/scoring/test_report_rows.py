"""The report's rows as types (``scoring.report_rows``) write the same JSON document as before.

``tests/data/report_demo_pair.json`` holds the documents of the demo pair (``demo_pair``: the
pro of ``dancelike demo`` against the good and the sloppy copy, and the sloppy one holding an
arm up, which has weak moves with advice), made by the report as it was when its rows were
dicts. Every key, its order and every value must stay as they were. A change to the scoring
that moves the numbers on purpose makes them again:
``PYTHONPATH=tests .venv/bin/python tests/scoring/test_report_rows.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from demo_pair import demo_report

from dancelike.scoring.advice import Advice
from dancelike.scoring.coaching import retold
from dancelike.scoring.report import Report
from dancelike.scoring.report_rows import RatedMove, TimelinePoint, WeakMove, moves_of, timeline_of, weakest_of

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "report_demo_pair.json"


def demo_documents() -> dict[str, dict]:
    return {
        "good": demo_report("good").to_json(),
        "sloppy": demo_report("sloppy").to_json(),
        "sloppy_arm_up": demo_report("sloppy", arm_up_from=8.0).to_json(),
    }


def as_text(documents: dict[str, dict]) -> str:
    return json.dumps(documents, indent=1, ensure_ascii=False) + "\n"


@pytest.fixture(scope="module")
def documents() -> dict[str, dict]:
    return demo_documents()


def test_the_demo_pairs_documents_are_as_before(documents: dict[str, dict]) -> None:
    assert as_text(documents) == GOLDEN.read_text()
    assert documents["sloppy_arm_up"]["weakest"], "the golden documents hold weak moves with advice"


def test_a_document_read_back_writes_itself_exactly(documents: dict[str, dict]) -> None:
    for name, document in documents.items():
        report = Report.from_json(document)
        assert json.dumps(report.to_json()) == json.dumps(document), name
        assert all(isinstance(m, RatedMove) for m in report.moves) and all(isinstance(p, TimelinePoint) for p in report.timeline)
        assert report.weakest == weakest_of(document) and report.moves == moves_of(document) and report.timeline == timeline_of(document)
        assert retold(document) == document  # its sentences made again in the same language: the same


def test_a_weak_move_reads_as_attributes(documents: dict[str, dict]) -> None:
    weak = Report.from_json(documents["sloppy_arm_up"]).weakest[0]
    assert isinstance(weak, WeakMove) and weak.start < weak.end and weak.rating == "miss" and weak.danced
    assert weak.advice and isinstance(weak.advice[0], Advice) and weak.advice[0].part == "left_arm"
    assert weak.advice_text == weak.advice[0].text and weak.parts["left_arm"] is not None and weak.move_parts["torso"] is not None


def test_older_documents_get_defaults() -> None:
    """Sessions saved before ratings, advice or "danced" were kept still read."""
    move = RatedMove.from_json({"start": 1, "end": 2.5, "score": 40})
    assert move == RatedMove(1.0, 2.5, 40.0, "", True)
    weak = WeakMove.from_json({"start": 1, "end": 2.5, "score": 40, "rating": "miss", "parts": {"head": None, "left_arm": 12.5}})
    assert weak.advice_text is None and weak.advice == () and weak.parts == {"head": None, "left_arm": 12.5} and weak.move == 0
    assert WeakMove.from_json({"start": 1, "end": 2, "score": 40, "advice_text": ""}).advice_text == ""  # the scorer said nothing
    assert Report.from_json({"score": 50, "grade": "C"}).moves == []


if __name__ == "__main__":  # make the golden documents again (a deliberate change of the scores)
    GOLDEN.write_text(as_text(demo_documents()))
    print(f"wrote {GOLDEN}")
