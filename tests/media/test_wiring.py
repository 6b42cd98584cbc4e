"""Camera, reference player and recorder together, as a session wires them, with real threads.

Media are made with PyAV (``tests/stamped_media.py``): frames carry their index, so a test can
tell exactly which frames arrived, in which order, after H.264 compression.
"""

from __future__ import annotations

import time
from pathlib import Path

import av
import numpy as np
import pytest
from stamped_media import FPS, decoded, make_video

from dancelike.media.camera import CameraState, FileCamera
from dancelike.media.clock import SessionClock, WallClockSink
from dancelike.media.playback import ReferencePlayer
from dancelike.media.recorder import Recorder, RecorderState


def test_session_wiring_camera_player_recorder(tmp_path: Path) -> None:
    """A file camera recorded while the reference plays through a wall-clock sink: the music the
    sink was given is what lands in the recording, in step with the frames."""
    clock = SessionClock()
    clock.start()
    cam = FileCamera(make_video(tmp_path / "user.mp4", 30), clock)
    rec = Recorder.for_camera(tmp_path / "session.mp4", cam, audio_rate=48000)
    player = ReferencePlayer(make_video(tmp_path / "ref.mp4", 30, audio=True), clock, WallClockSink(48000, 2), on_audio=rec.push_audio)
    assert rec.start()
    player.start()
    cam.start()
    try:
        while cam.running:
            player.frame_at(player.position())
            time.sleep(0.01)
    finally:
        cam.stop()
        player.stop()
    assert rec.join(5.0) and rec.state is RecorderState.DONE and cam.state is CameraState.ENDED
    assert rec.stats()["frames_written"] == cam.stats().frames == 30 and rec.stats()["dropped"] == 0
    assert player.frames_presented + player.dropped_late >= 25 and player.error is None
    stamps, times = decoded(tmp_path / "session.mp4")
    assert stamps == list(range(30)) and times[-1] == pytest.approx(29 / FPS, abs=0.005)
    with av.open(str(tmp_path / "session.mp4")) as container:
        pcm = np.concatenate([f.to_ndarray()[0] for f in container.decode(audio=0)])
    assert len(pcm) / 48000 == pytest.approx(1.0, abs=1 / FPS)
    middle = pcm[9600:-9600]
    peak = np.fft.rfftfreq(len(middle), 1 / 48000)[np.argmax(np.abs(np.fft.rfft(middle)))]
    assert peak == pytest.approx(440, rel=0.02) and np.abs(middle).max() > 0.2
