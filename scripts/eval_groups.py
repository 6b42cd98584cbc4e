"""Multi-person tracking on the rendered group scenes: identity switches and landmark error.

Renders each scene of ``dancelike.synth.group.PRESETS`` (and each of its people alone) into
a folder, tracks everyone with ``vision.people.PeopleTracker``, and prints per person the
number of identity switches, the share of frames followed and the median landmark error in
the group against alone (the bar: 0 switches, error within 1.2x).

    python scripts/eval_groups.py [OUT_DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from dancelike.media.video import VideoReader
from dancelike.synth.group import PRESETS, render_group_scene
from dancelike.synth.group_check import PersonCheck, check_tracking
from dancelike.vision.people import PeopleTracker


def track(path: Path) -> list[dict[int, np.ndarray]]:
    """Every frame's tracked people, number -> landmarks."""
    tracker = PeopleTracker(with_parts=False)
    out = []
    with VideoReader(str(path), planar=True) as reader:
        for frame in reader:
            out.append({p.person: p.body.landmarks for p in tracker.process_all(frame.image, frame.t) if p.body.landmarks is not None})
    return out


def evaluate(name: str, folder: Path) -> list[tuple[PersonCheck, float]]:
    """Each true person's check in the group, with their median error when alone."""
    scene = PRESETS[name]()
    video = folder / f"{name}.mp4"
    truth = render_group_scene(video, scene)
    checks = check_tracking(truth, track(video))
    out = []
    for check in checks:
        alone_video = folder / f"{name}_only{check.id}.mp4"
        alone_truth = render_group_scene(alone_video, scene, only=check.id)
        alone = check_tracking(alone_truth, track(alone_video))[0]
        out.append((check, alone.median_error))
    return out


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/group_eval")
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for name in PRESETS:
        for check, alone in evaluate(name, folder):
            rows.append(
                {
                    "scene": name,
                    "person": check.id,
                    "role": check.role,
                    "switches": check.switches,
                    "followed": round(check.followed_share, 3),
                    "numbers": sorted(set(check.numbers)),
                    "median_error_px": round(check.median_error, 2),
                    "alone_px": round(alone, 2),
                    "ratio": round(check.median_error / alone, 2) if alone > 0 else None,
                }
            )
            print(json.dumps(rows[-1]))


if __name__ == "__main__":
    main()
