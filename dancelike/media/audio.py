"""Reading a video's soundtrack as plain samples (for beat finding and the replay's music)."""

from __future__ import annotations

from pathlib import Path

import av
import av.error
import numpy as np

from dancelike.errors import InputError


def load_audio(path: str | Path, rate: int = 22050, channels: int = 1) -> np.ndarray | None:
    """The first audio stream as float32 samples, shape (samples, channels); ``None`` if silent.

    Resampled to ``rate`` so callers need not care what the file used.
    """
    layout = "mono" if channels == 1 else "stereo"
    resampler = av.AudioResampler(format="flt", layout=layout, rate=rate)
    chunks: list[np.ndarray] = []
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                return None
            for frame in container.decode(container.streams.audio[0]):
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray().reshape(-1, channels))
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1, channels))
    except (av.error.FFmpegError, EOFError) as exc:
        raise InputError(f"{path}: its sound track cannot be read ({exc.__class__.__name__})") from exc
    if not chunks:
        return None
    return np.concatenate(chunks).astype(np.float32)
