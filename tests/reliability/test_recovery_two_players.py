"""Round two of the attack, case 3: a two-player session the app died in was recovered as one
history entry, and player 2's dance was lost. Recovered, it is two entries of one session, as a
normal stop saves it: one per player, each with its own score, sharing the one recording."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from store_helpers import cut_last_fragment

from dancelike.engine import Session, SessionOptions
from dancelike.engine.events import FrameScored
from dancelike.services.sessions import recover_orphans
from dancelike.store.db import Store
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_performance

pytestmark = pytest.mark.slow  # a real two-player session and its recovery

REFERENCE_S = 10.0
DANCED_S = 6.0
WAIT_S = 180.0  # a busy machine: generous


@pytest.mark.timeout(3 * WAIT_S + 120)  # its own waits, each generous for a busy machine, then the recovery
def test_a_recovered_two_player_session_is_two_entries(tmp_path: Path, own_data_home: Path) -> None:
    reference = tmp_path / "pro.mp4"
    render_performance(reference, "groove", Dancer(), Scene(person=0, room=0), duration=REFERENCE_S)  # what the "pair" camera dances
    with Store() as store:
        clip = store.add_choreography("Groove", reference, REFERENCE_S, 30.0, 640, 480, None)
        record = store.begin_session(clip.id, {"mirror": "auto", "camera": "pair", "players": 2})
        recording = record.folder / "recording.mp4"
        scored: list[FrameScored] = []
        session = Session(reference, "pair", SessionOptions(players=2, record_to=recording), on_event=lambda e: scored.append(e) if isinstance(e, FrameScored) else None)
        session.start()
        try:
            deadline = time.monotonic() + WAIT_S
            while not any(e.position >= DANCED_S for e in list(scored)):
                assert time.monotonic() < deadline, "the session did not reach the stop point"
                time.sleep(0.1)
            session.stop()
            stopped = session.wait(WAIT_S)
        finally:
            session.cancel()
            session.wait(WAIT_S)
        assert stopped is not None and stopped.ok
        live = [r.report.score for r in stopped.by_player if r.report is not None]
        assert len(live) == 2
        cut_last_fragment(recording)  # the row is left "running", the recording cut mid-fragment: what a kill leaves

    with Store() as relaunched:
        recover_orphans(relaunched)
        entries = [row for row in relaunched.sessions() if row.status == "recovered"]
        assert len(entries) == 2, [(row.id, row.status, row.message) for row in relaunched.sessions()]
        group = entries[0].group
        assert group is not None and {row.group for row in entries} == {group}
        one, two = relaunched.group_sessions(group)
        assert (one.id, one.player, two.player) == (record.id, 1, 2)
        assert one.recording is not None and two.recording is not None and os.path.samefile(one.recording, two.recording)
        assert one.score is not None and two.score is not None
        # each player judged on their own dance: the good copy on the left, the sloppy one on the right, as live
        # (the live scores sag when the machine is busy; the recording's are judged offline, frame by frame)
        assert (one.score - two.score) * (live[0] - live[1]) > 0 and abs(one.score - two.score) > 5, (one.score, two.score, live)
        assert two.report is not None and json.loads(two.report.read_text())["player"] == 2
        assert not relaunched.orphans()  # nothing is recovered twice at the next launch
