"""A video played twice in a row, sound and all: a dance whose chorus comes back.

Issue 18's check that the verdict does not change when a dance repeats itself: a pair scored
once, and the same pair with both videos played twice, must score within 8 points (chance is
measured on moments that are really unrelated, not on the dance matching its own repeat).

    python scripts/chorus_twice.py IN.mp4 OUT.mp4
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

AUDIO_RATE = 44100


def play_twice(source: Path, destination: Path) -> None:
    """Write ``source``'s frames and sound twice over into ``destination`` (H.264 + AAC)."""
    from dancelike.media.audio import load_audio
    from dancelike.media.video import VideoReader
    from dancelike.media.writer import VideoWriter

    with VideoReader(source) as reader:
        frames = [frame.rgb for frame in reader]
        fps = reader.frame_fps
    audio = load_audio(source, rate=AUDIO_RATE, channels=2)
    height, width = frames[0].shape[:2]
    per_frame = AUDIO_RATE / fps
    with VideoWriter(destination, fps, width, height, audio_rate=AUDIO_RATE if audio is not None else None) as writer:
        for k in range(2 * len(frames)):
            writer.write(frames[k % len(frames)])
            if audio is not None:
                start, end = int(round(k * per_frame)), int(round((k + 1) * per_frame))
                span = np.arange(start, end) % max(1, int(round(len(frames) * per_frame)))
                span = span[span < len(audio)]
                writer.write_audio(audio[span])


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    play_twice(Path(sys.argv[1]), Path(sys.argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
