"""The session clock, the wall-clock audio sink and the frame queues, on a clock the test moves."""

from __future__ import annotations

import numpy as np
import pytest
from stamped_media import FakeTime

from dancelike.media.clock import DropPolicy, FrameQueue, SessionClock, WallClockSink


def test_session_clock_pause_rate_seek_and_history() -> None:
    ft = FakeTime()
    clock = SessionClock(ft)
    clock.start()
    ft.t += 1.0
    assert clock.now() == pytest.approx(1.0) and clock.position() == pytest.approx(1.0)
    clock.pause()
    ft.t += 2.0
    assert clock.now() == pytest.approx(3.0) and clock.position() == pytest.approx(1.0)
    clock.resume()
    clock.set_rate(0.5)
    ft.t += 2.0
    assert clock.position() == pytest.approx(2.0)
    clock.seek(10.0)
    ft.t += 1.0
    assert clock.position() == pytest.approx(10.5) and clock.now() == pytest.approx(6.0)
    # history: position at past session times
    assert clock.position_at(0.5) == pytest.approx(0.5)
    assert clock.position_at(2.0) == pytest.approx(1.0)  # paused then
    assert clock.position_at(4.0) == pytest.approx(1.5)  # half speed from 3.0
    with pytest.raises(ValueError):
        clock.set_rate(0.25)
    clock.sync(10.501)  # within tolerance: no change
    assert clock.position() == pytest.approx(10.5)
    clock.sync(11.0)
    assert clock.position() == pytest.approx(11.0)


def test_wall_clock_sink_paces_pauses_and_underruns() -> None:
    ft = FakeTime()
    sink = WallClockSink(1000, 2, buffer_seconds=0.5, time_fn=ft)
    assert sink.write(np.zeros((800, 2), np.float32)) == 500  # buffer holds 0.5 s
    sink.start()
    ft.t += 0.2
    assert sink.played_seconds() == pytest.approx(0.2) and sink.queued_seconds() == pytest.approx(0.3)
    sink.pause()
    ft.t += 5.0
    assert sink.played_seconds() == pytest.approx(0.2)
    sink.resume()
    sink.set_speed(0.5)
    ft.t += 0.4
    assert sink.played_seconds() == pytest.approx(0.4)
    ft.t += 10.0  # underrun: played time stops at what was written
    assert sink.played_seconds() == pytest.approx(0.5) and sink.underruns == 1
    sink.write(np.zeros((100, 2), np.float32))
    sink.flush()
    assert sink.queued_seconds() == 0 and sink.played_seconds() == pytest.approx(0.5)
    sink.close()
    assert sink.write(np.zeros((10, 2), np.float32)) == 0


def test_frame_queue_drop_policies() -> None:
    oldest: FrameQueue[int] = FrameQueue(2, DropPolicy.DROP_OLDEST)
    newest: FrameQueue[int] = FrameQueue(2, DropPolicy.DROP_NEWEST)
    for i in range(5):
        oldest.put(i)
        newest.put(i)
    oldest.close()
    newest.close()
    assert (oldest.get(0), oldest.get(0), oldest.get(0), oldest.dropped) == (3, 4, None, 3)
    assert (newest.get(0), newest.get(0), newest.dropped, newest.done) == (0, 1, 3, True)
