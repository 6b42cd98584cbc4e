"""A session the app died in is judged as a stop at the same moment would have been: on the part
of the dance that was danced, not on the whole reference (issue 13: a session killed after 7 s
was recovered as 57.9 "you rushed"; stopped normally it scored 97.4)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from store_helpers import cut_last_fragment  # tests/ is on sys.path (its conftest): what a kill mid-write leaves

from dancelike.engine import Session, SessionOptions
from dancelike.engine.events import FrameScored
from dancelike.media.video import VideoReader
from dancelike.services.sessions import recover_orphans
from dancelike.store.db import Store
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_performance

pytestmark = pytest.mark.slow  # renders or runs real processes for seconds: make test-fast skips it

REFERENCE_S = 16.0  # the whole dance
DANCED_S = 6.0  # where the session ends
WAIT_S = 120.0  # a busy machine: generous


@pytest.mark.timeout(3 * WAIT_S + 120)  # its own waits, each generous for a busy machine, then the recovery
def test_a_recovered_session_scores_like_a_stop_at_the_same_point(tmp_path: Path, own_data_home: Path) -> None:
    reference = tmp_path / "pro.mp4"
    render_performance(reference, "groove", Dancer(), Scene(person=0, room=0), duration=REFERENCE_S)  # what the demo camera dances
    with Store() as store:
        clip = store.add_choreography("Groove", reference, REFERENCE_S, 30.0, 640, 480, None)
        record = store.begin_session(clip.id, {"mirror": "auto", "camera": "demo"})
        recording = record.folder / "recording.mp4"
        scored: list[FrameScored] = []
        session = Session(reference, "demo", SessionOptions(record_to=recording), on_event=lambda e: scored.append(e) if isinstance(e, FrameScored) else None)
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
        assert stopped is not None and stopped.ok and stopped.report is not None
        # The row is left "running" as a kill leaves it (no save_result), the recording cut mid-fragment.
        cut_last_fragment(recording)

    with Store() as relaunched:
        [recovered] = recover_orphans(relaunched)
    assert recovered.status == "recovered" and recovered.score is not None and recovered.report is not None
    with VideoReader(recording) as reader:
        recorded_s = reader.frame_count / 30.0
    assert DANCED_S - 1.0 < recorded_s < REFERENCE_S / 2
    assert recovered.score == pytest.approx(stopped.report.score, abs=10.0), (recovered.score, stopped.report.score)
    document = json.loads(recovered.report.read_text())
    partial = [w for w in document["warnings"] if w.startswith("You danced the first")]
    assert len(partial) == 1 and f"of {REFERENCE_S:.0f} s" in partial[0], document["warnings"]
    assert "rushed" not in document["summary"], document["summary"]
