"""Time MediaPipe's own pose solution on a clip: the baseline `bench analyze` is compared with.

Run it in a separate environment that has MediaPipe (it is not a DanceLike dependency):

    python3 -m venv /tmp/mpvenv && /tmp/mpvenv/bin/pip install mediapipe==0.10.14 av
    /tmp/mpvenv/bin/python scripts/mediapipe_baseline.py VIDEO [VIDEO ...]

Same work as our analyser: decode every frame to RGB, full landmark model, segmentation
on, video (tracking) mode. The graph is built and warmed on the first frame before the
clock starts, as our benchmark loads its models first.
"""

from __future__ import annotations

import sys
import time

import av
import mediapipe as mp


def frames_per_second(path: str, repeat: int = 3) -> float:
    best = 0.0
    for _ in range(repeat):
        with mp.solutions.pose.Pose(model_complexity=1, enable_segmentation=True) as pose:
            with av.open(path) as container:
                frames = container.decode(video=0)
                pose.process(next(frames).to_ndarray(format="rgb24"))  # build and warm the graph
                count, start = 0, time.perf_counter()
                for frame in frames:
                    pose.process(frame.to_ndarray(format="rgb24"))
                    count += 1
                best = max(best, count / (time.perf_counter() - start))
    return best


if __name__ == "__main__":
    for video in sys.argv[1:]:
        print(f"{video}: MediaPipe {mp.__version__} pose (full, segmentation): {frames_per_second(video):.1f} frames/s")
