"""Make the 576x576, 30 fps clip that `dancelike bench analyze` is measured on.

No dance video ships with the project (nothing may be downloaded at run time), so
the square benchmark clip is made from the golden squats video beside a checkout:
each frame letterboxed to 576x576, played at 30 fps, forwards then backwards three
times (195 frames, 6.5 s) so the tracker sees continuous motion. Encoded with a keyframe every second, as
phone cameras and video sites do.

    python scripts/make_bench_clip.py [--golden ../shared/golden] [--out out/bench_576.mp4]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import cv2
import numpy as np

from dancelike.media.video import VideoReader
from dancelike.media.writer import VideoWriter

SIZE = 576


def letterbox(rgb: np.ndarray, size: int = SIZE) -> np.ndarray:
    height, width = rgb.shape[:2]
    scale = size / max(height, width)
    resized = cv2.resize(rgb, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA)
    canvas = np.zeros((size, size, 3), np.uint8)
    y0, x0 = (size - resized.shape[0]) // 2, (size - resized.shape[1]) // 2
    canvas[y0 : y0 + resized.shape[0], x0 : x0 + resized.shape[1]] = resized
    return canvas


def main() -> int:
    repo = Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--golden", type=Path, default=repo.parent / "shared" / "golden")
    parser.add_argument("--out", type=Path, default=repo / "out" / "bench_576.mp4")
    args = parser.parse_args()
    with VideoReader(args.golden / "pose_squats.mp4") as reader:
        frames = [letterbox(frame.rgb) for frame in reader]
    sequence = (frames + frames[::-1]) * 3
    sequence = sequence[: len(frames) * 3]
    with VideoWriter(args.out, 30.0, SIZE, SIZE, gop=30) as writer:
        for frame in sequence:
            writer.write(frame)
    print(f"wrote {args.out}: {len(sequence)} frames, {SIZE}x{SIZE}, 30 fps")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
