"""Snapshots of the weakest moves: you beside the pro at the worst moment of each.

The results screen shows, for each of the report's weakest moves, one picture that explains the
score: the pro on the left, you on the right (as in the replay), your body parts coloured red to
green by how well each matched at that very moment. Only the frames shown are analysed (the
tracker in static mode: each is an unrelated image), so making them takes well under a second
even after a long session. They are saved as PNGs in the session folder so the history screen
reopens them without touching the videos again.

The moment's part scores are computed here from the two analysed frames (``score_pairs``, as the
report does), so a snapshot can be made from ``report.json`` alone: the per-frame arrays of a
``Report`` are not in the JSON. No Qt.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from dancelike.i18n import QT_TRANSLATE_NOOP
from dancelike.media import text as picture_text
from dancelike.media.overlay import draw_body
from dancelike.media.video import VideoReader
from dancelike.media.writer import write_png
from dancelike.pipeline.replay import colors_by_score
from dancelike.scoring.match import score_pairs
from dancelike.scoring.poses import GROUPS, MIRROR_PARTS, pose_track
from dancelike.scoring.report import Report
from dancelike.scoring.report_rows import WeakMove
from dancelike.store.session_folder import SessionFolder
from dancelike.vision.body import BodyFrame
from dancelike.vision.tracker import PoseTracker

#: Height in pixels of each half of a snapshot.
SNAPSHOT_HEIGHT = 360
#: The captions (translated when the picture painter can draw any script).
PRO_WORD = QT_TRANSLATE_NOOP("Snapshots", "PRO")
YOU_WORD = QT_TRANSLATE_NOOP("Snapshots", "YOU")
_GAP = 6  # dark gap between the two halves


def _weakest(report: Report | dict[str, Any]) -> tuple[list[WeakMove], bool]:
    if isinstance(report, Report):
        return list(report.weakest), bool(report.mirrored)
    return [WeakMove.from_json(move) for move in report.get("weakest", [])], bool(report.get("mirrored", False))


def frames_at(path: Path, indices: Iterable[int]) -> dict[int, np.ndarray]:
    """RGB frames of ``path`` with the given indices, in one forward pass over the video.

    Frames are decoded as planar YUV and converted to RGB only when wanted, so passing over
    thousands of frames costs little. Indices past the end get the last frame.
    """
    wanted = sorted({int(i) for i in indices})
    found: dict[int, np.ndarray] = {}
    if not wanted:
        return found
    last = None
    with VideoReader(path, planar=True) as reader:
        for frame in reader:
            last = frame
            if frame.index in wanted:
                found[frame.index] = frame.rgb
            if frame.index >= wanted[-1]:
                break
    for index in wanted:
        if index not in found and last is not None:
            found[index] = last.rgb
    return found


def _label(image: np.ndarray, text: str, color: tuple[int, int, int] = (255, 255, 255)) -> None:
    """A caption on a dark band at the top-left of ``image`` (drawn in place)."""
    scale = SNAPSHOT_HEIGHT / 540
    tw, th, base = picture_text.size(text, scale)
    pad = 8
    box = image[0 : th + base + 2 * pad, 0 : tw + 2 * pad + 4]
    box[:] = (box.astype(np.uint16) * 2 // 7).astype(np.uint8)
    picture_text.put(image, text, (pad + 2, pad + th), scale, color)


def _half(rgb: np.ndarray) -> np.ndarray:
    width = round(rgb.shape[1] * SNAPSHOT_HEIGHT / rgb.shape[0]) // 2 * 2
    return cv2.resize(rgb, (width, SNAPSHOT_HEIGHT), interpolation=cv2.INTER_AREA)


def compose(
    reference_rgb: np.ndarray, reference_body: BodyFrame, user_rgb: np.ndarray, user_body: BodyFrame, mirrored: bool, parts: dict[str, float | None] | None = None
) -> np.ndarray:
    """One snapshot: the pro left (usual part colours), you right (parts coloured by score: the
    report's ``parts`` of that moment when given, grey where not in view; else the poses')."""
    if parts:
        groups = np.array([np.nan if (value := parts.get(g)) is None else float(value) for g in GROUPS])
    else:
        ref_row = pose_track([reference_body])
        user_row = pose_track([user_body], mirror=mirrored)
        groups = np.nan_to_num(score_pairs(ref_row, user_row, np.array([[0, 0]])).groups[0])
    colors = colors_by_score(groups)
    if mirrored:  # scores are for the mirrored reading: your left arm is judged as the pro's right
        colors = colors[MIRROR_PARTS]
    left = _half(draw_body(reference_rgb, reference_body, alpha=0.35))
    right = _half(draw_body(user_rgb, user_body, alpha=0.6, colors=colors))
    _label(left, picture_text.words("Snapshots", PRO_WORD))
    _label(right, picture_text.words("Snapshots", YOU_WORD))
    canvas = np.full((SNAPSHOT_HEIGHT, left.shape[1] + _GAP + right.shape[1], 3), 18, np.uint8)
    canvas[:, : left.shape[1]] = left
    canvas[:, left.shape[1] + _GAP :] = right
    return canvas


def weakest_snapshots(
    report: Report | dict[str, Any] | str | Path,
    reference: Path,
    recording: Path,
    performance_frames: Sequence[int] | np.ndarray | None,
    folder: SessionFolder | None = None,
    tracker: PoseTracker | None = None,
) -> list[np.ndarray]:
    """A side-by-side RGB image per weakest move (weakest first), saved in ``folder`` if given.

    ``report`` is a ``Report``, its JSON (a dict, or the path of ``report.json``).
    ``performance_frames[k]`` is the recording's frame of the report's performance frame ``k``
    (a live session analyses only some camera frames); None when they are the same (a recording
    scored offline). Moves without a frame to show are left out.
    """
    loaded: Report | dict[str, Any] = json.loads(Path(report).read_text()) if isinstance(report, (str, Path)) else report
    weakest, mirrored = _weakest(loaded)
    if not weakest:
        return []
    mapping = None if performance_frames is None else np.asarray(performance_frames, np.int64)

    def recording_frame(k: int) -> int:
        if mapping is None or not len(mapping):
            return k
        return int(mapping[min(max(k, 0), len(mapping) - 1)])

    moments = [(w.reference_frame, recording_frame(w.performance_frame)) for w in weakest]
    moment_parts = [w.parts for w in weakest]
    ref_frames = frames_at(reference, [r for r, _ in moments])
    user_frames = frames_at(recording, [u for _, u in moments])
    tracker = tracker or PoseTracker(static=True)
    images = []
    for rank, (ref_index, user_index) in enumerate(moments):
        ref_rgb, user_rgb = ref_frames.get(ref_index), user_frames.get(user_index)
        if ref_rgb is None or user_rgb is None:
            continue
        image = compose(ref_rgb, tracker.process(ref_rgb), user_rgb, tracker.process(user_rgb), mirrored, moment_parts[rank])
        if folder is not None:
            write_png(folder.snapshot(rank), image)
        images.append(image)
    return images
