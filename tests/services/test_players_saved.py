"""Two players dancing at once are saved as two history entries of one session, sharing one
recording; the store's migration to the players' columns keeps older histories."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from store_helpers import add

from dancelike.engine import Session, SessionOptions
from dancelike.engine.result import EndReason, SessionResult
from dancelike.scoring.report import Report
from dancelike.services.sessions import save_result
from dancelike.store import db, schema
from dancelike.store.db import Store
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_performance


def _report(score: float) -> Report:
    return Report(
        score=score,
        grade="B",
        shape=80.0,
        timing=70.0,
        mirrored=False,
        timing_offset_ms=120.0,
        tempo_ratio=1.0,
        parts={"arms": 70.0, "legs": 84.0},
        timeline=[],
        moves=[],
        weakest=[],
        warnings=[],
        summary="ok",
        frame_scores=np.zeros(3),
        group_scores=np.zeros((3, 6)),
        matched_frames=np.zeros(3, np.int64),
    )


def _check_pair(store: Store, first_id: int, scores: tuple[float, float]) -> None:
    rows = [r for r in store.sessions() if r.group is not None]
    assert len(rows) == 2 and len({r.group for r in rows}) == 1
    one, two = store.group_sessions(rows[0].group or "")
    assert (one.id, one.player, two.player) == (first_id, 1, 2)
    assert (one.score, two.score) == pytest.approx(scores)
    assert one.title.endswith("Player 1") and two.title.endswith("Player 2")
    assert one.recording is not None and two.recording is not None
    assert os.path.samefile(one.recording, two.recording)  # one file, seen from both entries
    assert store.session_settings(two.id)["player"] == 2
    assert one.report is not None and two.report is not None
    assert json.loads(two.report.read_text())["score"] == pytest.approx(scores[1], abs=0.06)


def test_two_results_are_two_entries_of_one_session_sharing_the_recording(store: Store) -> None:
    clip = add(store)
    record = store.begin_session(clip.id, {"players": 2})
    record.files.recording.write_bytes(b"not really a video")
    recording = record.files.recording
    one = SessionResult(_report(80.0), recording, {"running_s": 10.0}, None, "the dance ended", [], np.arange(3), EndReason.ENDED)
    two = SessionResult(_report(60.0), recording, {"running_s": 10.0}, None, "the dance ended", [], np.arange(3), EndReason.ENDED, player=2)
    one.others = [two]
    saved = save_result(store, record, one)
    assert saved.id == record.id and saved.player == 1
    _check_pair(store, record.id, (80.0, 60.0))
    # deleting one entry leaves the other's recording in place
    store.delete_session(record.id)
    (left,) = store.sessions()
    assert left.player == 2 and left.recording is not None and left.recording.read_bytes() == b"not really a video"


def test_one_player_rows_have_no_group(store: Store) -> None:
    clip = add(store)
    record = store.begin_session(clip.id, {})
    saved = save_result(store, record, SessionResult(_report(70.0), None, {}, None, "stopped", [], np.arange(3), EndReason.STOPPED))
    assert (saved.group, saved.player, saved.title) == (None, None, clip.title)


def test_the_players_migration_keeps_rows_and_runs_in_any_order(data_home: Path) -> None:
    path = data_home / "dancelike.db"
    data_home.mkdir(parents=True, exist_ok=True)
    raw = sqlite3.connect(path)
    for migration in db.MIGRATIONS[:2]:
        migration(raw)
    raw.execute("PRAGMA user_version = 2")
    raw.execute("INSERT INTO choreographies (title, video, duration, fps, width, height, added_at) VALUES ('Old', 'v.mp4', 3, 30, 64, 48, '2024-01-01T00:00:00+00:00')")
    raw.execute("INSERT INTO sessions (choreography_id, started_at, status) VALUES (1, '2024-01-01T00:00:00+00:00', 'done')")
    raw.commit()
    raw.close()
    with Store(path) as store:
        assert store.version == len(db.MIGRATIONS) == 4
        (old,) = store.sessions()
        assert (old.group, old.player) == (None, None)
    # the players' migration again (as if the reserved v3 landed after it): nothing breaks
    raw = sqlite3.connect(path)
    schema.MIGRATIONS[3](raw)
    raw.close()


@pytest.mark.slow
def test_a_two_player_session_saves_two_entries_with_their_own_scores(store: Store, tmp_path: Path) -> None:
    reference = tmp_path / "reference.mp4"
    render_performance(reference, "groove", Dancer(), Scene(person=0, room=0), duration=7.0)
    clip = add(store)
    record = store.begin_session(clip.id, {"players": 2})
    with Session(reference, "pair", SessionOptions(players=2, record_to=record.files.recording)) as session:
        session.start()
        result = session.wait(60)
    assert result is not None and result.error is None, result and result.error
    reports = [r.report for r in result.by_player]
    assert reports[0] is not None and reports[1] is not None
    assert abs(reports[0].score - reports[1].score) > 5  # the good copy and the sloppy one
    save_result(store, record, result)
    _check_pair(store, record.id, (reports[0].score, reports[1].score))
