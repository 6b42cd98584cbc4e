"""The reference's soundtrack streamed in the background equals the whole track read at once."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
from stamped_media import make_video


def test_streaming_soundtrack_equals_the_whole_track_read_at_once(tmp_path: Path) -> None:
    from dancelike.media.audio import StreamingAudio, as_float, load_audio

    path = make_video(tmp_path / "music.mp4", frames=90, audio=True)
    whole = load_audio(path, rate=48000, channels=2)
    assert whole is not None
    track = StreamingAudio(path, 48000, 2, first_seconds=0.5)
    assert track.available(int(0.5 * 48000)) and track.samples is not None
    assert track.done.wait(5.0) and track.error is None
    assert track.loaded == len(whole) and track.samples.dtype == np.int16  # half the memory of float
    np.testing.assert_allclose(as_float(track.samples[: track.loaded]), whole, atol=1.0 / 32767)
    track.close()
    assert not [t for t in threading.enumerate() if t.name == "audio-loader"]
    silent = StreamingAudio(make_video(tmp_path / "silent.mp4", frames=5), 48000, 2)
    assert silent.samples is None and silent.done.is_set()
