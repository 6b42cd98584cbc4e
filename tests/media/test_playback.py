"""Reference playback with real threads: frames presented in order on the session clock (late ones
dropped), the audio sink as the master clock, time stretching that keeps the pitch.

Media are made with PyAV (``tests/stamped_media.py``): frames carry their index, so a test can
tell exactly which frames arrived, in which order, after H.264 compression.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from stamped_media import FPS, FakeTime, make_video, read_stamp, wait_for

from dancelike.media.clock import SessionClock, WallClockSink
from dancelike.media.playback import PlayerState, ReferencePlayer, time_stretch


@pytest.fixture
def reference(tmp_path: Path) -> Path:
    return make_video(tmp_path / "ref.mp4", 60, audio=True)


def _wait_buffered(player: ReferencePlayer, n: int) -> None:
    wait_for(lambda: player.stats()["buffered"] >= n or player.finished)


def test_playback_presents_in_order_and_drops_late_frames(reference: Path) -> None:
    ft = FakeTime()
    clock = SessionClock(ft)
    player = ReferencePlayer(reference, clock, buffer_frames=8)
    player.start()
    try:
        seen = []
        for _ in range(20):
            _wait_buffered(player, 2)
            got = player.frame_at(player.position())
            assert got is not None
            seen.append(read_stamp(got[0]))
            ft.t += 1 / FPS
        assert seen == list(range(20)) and player.dropped_late == 0
        assert player.frame_at(player.position() - 0.5 / FPS) is None  # nothing new due yet
        ft.t += 5 / FPS  # the GUI stalled for five frames
        _wait_buffered(player, 6)
        rgb, t = player.frame_at(player.position()) or (None, -1.0)
        assert read_stamp(rgb) == 25 and t == pytest.approx(25 / FPS, abs=1e-3)
        assert player.dropped_late == 5 and player.frames_presented == 21
        player.pause()
        ft.t += 1.0
        assert player.position() == pytest.approx(25 / FPS) and player.state is PlayerState.PAUSED
        player.resume()
        player.seek(1.5)  # to a move start
        _wait_buffered(player, 3)
        rgb, t = player.frame_at(player.position()) or (None, -1.0)
        assert read_stamp(rgb) == 45 and t == pytest.approx(1.5, abs=1e-3)
        player.set_rate(0.5)
        ft.t += 0.2  # 0.1 s of reference at half speed: three frames
        _wait_buffered(player, 4)
        rgb, _ = player.frame_at(player.position()) or (None, -1.0)
        assert read_stamp(rgb) == 48
        for _ in range(100):  # play to the end
            ft.t += 0.1
            _wait_buffered(player, 1)
            if player.frame_at(player.position()) is None and player.finished:
                break
        wait_for(lambda: player.state is PlayerState.ENDED)
    finally:
        player.stop()
    assert player.error is None and player.state is PlayerState.STOPPED


def test_playback_follows_the_audio_master_clock(reference: Path) -> None:
    ft = FakeTime()
    clock = SessionClock(ft)
    sink = WallClockSink(48000, 2, time_fn=ft)
    heard: list[tuple[int, float]] = []
    player = ReferencePlayer(reference, clock, sink, stretch="wsola", on_audio=lambda pcm, t: heard.append((len(pcm), t)))
    player.start()
    try:
        wait_for(lambda: sink.queued_seconds() >= player.audio_lead)
        ft.t += 0.1
        assert player.position() == pytest.approx(0.1, abs=1e-6)
        sink.pause()  # the device stalls (an underrun would do the same): video waits for it
        ft.t += 0.5
        assert player.position() == pytest.approx(0.1, abs=1e-6)
        sink.resume()
        wait_for(lambda: sink.queued_seconds() >= player.audio_lead)
        player.set_rate(0.5)
        for _ in range(10):  # stretched music plays out: position advances at half speed
            wait_for(lambda: sink.queued_seconds() >= player.audio_lead)
            ft.t += 0.1
        # the 0.15 s queued before the change still plays at full speed
        assert player.position() == pytest.approx(0.1 + 0.15 + (1.0 - 0.15) * 0.5, abs=0.03)
        wait_for(lambda: abs(clock.position() - player.position()) < 0.003)  # clock synced to audio
        player.seek(0.5)
        assert player.position() == pytest.approx(0.5)
        _wait_buffered(player, 1)  # the seek is applied (flush, new music) before frames come
        wait_for(lambda: sink.queued_seconds() >= player.audio_lead)
        ft.t += 0.1
        assert player.position() == pytest.approx(0.55, abs=0.005)
    finally:
        player.stop()
    assert heard and all(n > 0 for n, _ in heard)  # every block sent on (to the recorder)


@pytest.mark.parametrize("rate", [0.5, 0.75, 1.0])
def test_time_stretch_length_and_pitch(rate: float) -> None:
    sr = 48000
    tone = (0.5 * np.sin(2 * np.pi * 440 * np.arange(sr) / sr)).astype(np.float32)[:, None]
    for method in ("wsola", "plain"):
        out = time_stretch(tone, sr, rate, method)
        assert len(out) == pytest.approx(sr / rate, abs=0.02 * sr)  # within one 20 ms hop
        middle = out[sr // 10 : -sr // 10, 0]
        peak = np.fft.rfftfreq(len(middle), 1 / sr)[np.argmax(np.abs(np.fft.rfft(middle)))]
        expected = 440 if method == "wsola" else 440 * rate
        assert peak == pytest.approx(expected, rel=0.03)
    if rate == 1.0:
        same = time_stretch(tone, sr, 1.0, "wsola")
        np.testing.assert_allclose(same[960 : sr - 960], tone[960 : sr - 960], atol=1e-5)
