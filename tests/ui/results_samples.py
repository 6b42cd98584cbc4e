"""Results-screen test material: a report as the scorer writes it (the issue 18 fields, or an
older report without them) saved in a real session folder, so the results page is tested and
photographed without dancing first. Not a test module: imported by the UI tests by name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from dancelike.media.writer import VideoWriter
from dancelike.scoring.report import rating
from dancelike.store.db import Store

MOVES = [(0.0, 2.0, 92.0), (2.0, 4.0, 58.0), (4.0, 6.0, 84.0), (6.0, 8.0, 30.0), (8.0, 10.0, 71.0), (10.0, 12.0, 40.0), (12.0, 14.0, 88.0), (14.0, 16.0, 76.0)]
ADVICE = {
    3: (
        [{"part": "left_arm", "direction": "higher", "text": "Left arm higher"}, {"part": "right_leg", "direction": "straighter", "text": "right leg straighter"}],
        "earlier",
        "Left arm higher, right leg straighter \u00b7 a bit earlier",
    ),
    5: ([{"part": "right_arm", "direction": "wider", "text": "Right arm wider"}], None, "Right arm wider"),
    1: ([], "later", ""),
}


def sample_report(kind: str = "new", story: bool = False) -> dict[str, Any]:
    """A report: "new" (issue 18 fields), "old" (without them), "none" (nothing to practise),
    "away" (a move the dancer was out of the picture for), "other" (not this dance). With
    ``story``, the facts its sentences are made from (as the scorer keeps them now), so
    ``coaching.retold`` says them again in the language spoken."""
    moves = [{"start": s, "end": e, "score": v, "rating": rating(v), "danced": True} for s, e, v in MOVES]
    if kind == "away":
        moves[5].update(rating="away", score=12.0)
    weak = sorted((i for i, m in enumerate(moves) if m["score"] < 65 and m["rating"] != "away"), key=lambda i: moves[i]["score"])
    parts = {"head": 80.0, "torso": 85.0, "left_arm": 41.0, "right_arm": 66.0, "left_leg": None, "right_leg": 55.0}
    weakest = []
    for i in weak[:3]:
        entry: dict[str, Any] = {
            **moves[i],
            "move": i,
            "reference_frame": int(moves[i]["start"] * 30) + 10,
            "performance_frame": int(moves[i]["start"] * 30) + 14,
            "parts": {**parts, "left_arm": 22.0 if i == 3 else 60.0, "right_arm": 35.0 if i == 5 else 70.0},
        }
        if kind != "old":
            advice, when, text = ADVICE[i]
            entry.update(advice=advice, when=when, advice_text=text)
        weakest.append(entry)
    report: dict[str, Any] = {
        "score": 63.4,
        "grade": "C",
        "shape": 68.0,
        "timing": 80.0,
        "mirrored": True,
        "timing_offset_ms": 310.0,
        "tempo_ratio": 1.0,
        "parts": parts,
        "timeline": [{"t": t, "score": 60 + 30 * float(np.sin(t))} for t in np.arange(0.25, 16, 0.5)],
        "moves": moves,
        "weakest": weakest,
        "warnings": [],
        "aligned_by": "music",
        "accents": None,
        "music_offset_ms": 0.0,
        "dancer": None,
        "dancers": 1,
        "summary": "Good shapes in most moves; your left arm was low in move 4. You were 0.3 s behind the music.",
    }
    if kind == "old":
        return report
    if story:
        report["story"] = {
            "found": True,
            "seen_share": 1.0,
            "shape": report["shape"],
            "parts": dict(parts),
            "warnings": [],
            "timing": {"offset_s": 0.31, "tempo_ratio": 1.0, "jitter_s": 0.02, "score": report["timing"], "judged": True},
        }
        for entry in weakest:
            for advice in entry.get("advice") or []:
                if advice["direction"] == "wider":  # said today as "further out"
                    advice.update(direction="further out", text="Right arm further out")
    report.update(
        this_dance=True,
        timing_text="0.3 s late \u00b7 steady tempo",
        mirror_text="You danced it as in a mirror (your left arm copied the pro's right), which is how most people copy a video.",
    )
    if kind == "none":
        for m in moves:
            m.update(score=max(m["score"], 70.0), rating=rating(max(m["score"], 70.0)))
        report.update(weakest=[], summary="Well danced: every move GOOD or better, nothing to practise.", score=81.0, grade="A")
    elif kind == "other":
        report.update(
            this_dance=False,
            weakest=[],
            timing_text="Timing not judged",
            mirror_text="",
            score=12.0,
            grade="F",
            summary="This does not look like this dance: it looks like walking. Dance the moves of the video to get a score.",
        )
    return report


def portrait_video(path: Path, seconds: float = 16.0, width: int = 360, height: int = 640, fps: float = 10.0) -> Path:
    """A vertical (phone) clip: a moving bar on a gradient, enough to show where a picture is."""
    with VideoWriter(path, fps, width, height) as writer:
        for k in range(int(seconds * fps)):
            frame = np.zeros((height, width, 3), np.uint8)
            frame[..., 0] = np.linspace(40, 160, height, dtype=np.uint8)[:, None]
            frame[..., 2] = 90
            y = int((k / (seconds * fps)) * (height - 40))
            frame[y : y + 40, width // 4 : 3 * width // 4] = (250, 220, 90)
            writer.write(frame)
    return path


def write_session(
    store: Store,
    home: Path,
    report: dict[str, Any],
    portrait: bool = False,
    replay: bool = False,
    title: str = "Portrait practice \u2014 a long title for the results page",
) -> int:
    """A finished session of a (portrait) choreography with ``report`` saved in its folder, and
    snapshots for its weak moves (two portrait halves side by side); its id."""
    home.mkdir(parents=True, exist_ok=True)
    video = home / "pro.mp4"
    if not video.is_file():
        portrait_video(video) if portrait else portrait_video(video, width=640, height=360)
    choreography = store.add_choreography(title, video, 16.0, 10.0, 360 if portrait else 640, 640 if portrait else 360, None)
    record = store.begin_session(choreography.id, {})
    record.files.report.write_text(json.dumps(report))
    w, h = (2 * 203 + 8, 360) if portrait else (2 * 320 + 8, 180)
    for rank, _ in enumerate(report["weakest"]):
        from PySide6.QtGui import QColor, QImage

        image = QImage(w, h, QImage.Format.Format_RGB888)
        image.fill(QColor(60 + 40 * rank, 90, 140))
        image.save(str(record.files.snapshot(rank)))
    if replay:
        with VideoWriter(record.files.replay, 10.0, w, h) as writer:
            for k in range(40):
                frame = np.full((h, w, 3), 30, np.uint8)
                frame[:, : w // 2 - 4] = (180, 120, 80)
                frame[:, w // 2 + 4 :] = (80, 140, 190)
                frame[k * h // 40 : k * h // 40 + 10] = 255
                writer.write(frame)
        store.set_replay(record.id, record.files.replay)
    store.complete_session(record.id, status="done", score=float(report["score"]), grade=str(report["grade"]), duration=16.0, parts=dict(report["parts"]), message="")
    return record.id
