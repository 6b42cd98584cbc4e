"""Library-side test material: a store with a few dances (one from a group video, one danced
often) and sessions of every status, a class dialog with finished and failed rows, a dancer pick.
Made without importing or scoring anything, so the screens are built in a second. Not a test
module: imported by the UI tests by name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from results_samples import sample_report

from dancelike.i18n import translate
from dancelike.services.dancers import DancerChoice, DancerPick
from dancelike.store.db import Store
from dancelike.store.records import Choreography
from dancelike.ui.class_dialog import ClassDialog
from dancelike.vision.video_analysis import VideoAnalysis

#: The dances' own names: the user's words, never translated.
TITLES = ("Salsa basics", "Hip hop groove", "Kpop trio")
TITLE_WORDS = sorted({word for title in TITLES for word in title.split()})


def add_dance(store: Store, title: str, demo: bool = False) -> int:
    """A library row with a stand-in video (the screens need rows, not media)."""
    video = store.root / "videos" / f"{title}.mp4"
    video.parent.mkdir(parents=True, exist_ok=True)
    video.write_bytes(b"stand-in")
    return store.add_choreography(title, video, 95.0, 30.0, 640, 480, None, is_demo=demo).id


def add_session(store: Store, choreography_id: int, score: float | None, status: str = "done", message: str = "") -> int:
    record = store.begin_session(choreography_id, {"camera": "demo"})
    (record.folder / "recording.mp4").write_bytes(b"frames")
    grade = None if score is None else ("A" if score >= 80 else "B" if score >= 65 else "C")
    store.complete_session(record.id, status=status, score=score, grade=grade, duration=42.0, parts={}, message=message)
    return record.id


def fill_store(store: Store) -> dict[str, int]:
    """Three dances: one danced three times, one never, one from a group video (dancer 2 of 3)."""
    ids = {title: add_dance(store, title, demo=title == TITLES[1]) for title in TITLES}
    salsa = ids[TITLES[0]]
    add_session(store, salsa, 62.0)
    add_session(store, salsa, 81.0, status="stopped")
    add_session(store, salsa, None, status="failed")
    store.set_dancers(ids[TITLES[2]], 3)
    store.set_dancer(ids[TITLES[2]], 2)
    return ids


def story_report() -> dict[str, Any]:
    """A report with the facts its sentences are made from (``story``), so it is retold in the
    language spoken now, as a batch's report JSON is."""
    report = sample_report("new")
    for move in report["weakest"]:  # advice the scorer gives (the sample's "wider" is no direction it has)
        for advice in move.get("advice") or []:
            if advice["direction"] == "wider":
                advice["direction"] = "further out"
    report["story"] = {
        "found": True,
        "seen_share": 1.0,
        "shape": float(report.get("shape", 70.0)),
        "timing": {"offset_s": 0.12, "tempo_ratio": 1.0, "jitter_s": 0.05, "score": float(report.get("timing", 70.0)), "judged": True},
        "parts": dict(report.get("parts", {})),
        "warnings": [],
    }
    report["warnings"] = []
    return report


def class_dialog(choreography: Choreography, out: Path) -> ClassDialog:
    """The class dialog after a batch: two students scored, one video that was not one."""
    dialog = ClassDialog(choreography, out=out)
    videos = [out.parent / name for name in ("anna.mp4", "ben.mp4", "broken.mp4")]
    dialog.add_paths(videos)
    report = story_report()
    dialog.table.fill({"performance": str(videos[0]), "score": 84.0, "grade": "A", "report": report, "json": "anna.json"})
    dialog.table.fill({"performance": str(videos[1]), "score": 58.0, "grade": "C", "report": report, "json": "ben.json", "dancer": 2})
    dialog.table.fill({"performance": str(videos[2]), "error": translate("Video", "{path}: the file is empty (0 bytes)").format(path=videos[2])})
    dialog.table.finish()
    dialog._refresh()
    return dialog


def dancer_pick(store: Store, count: int = 3, suggested: int = 2) -> DancerPick:
    """A pick made by hand: ``count`` dancers with plain-coloured pictures."""
    video = store.root / "group.mp4"
    video.write_bytes(b"stands for a video")
    item = store.add_choreography(TITLES[2], video, 27.0, 30.0, 640, 360, None)
    store.set_dancers(item.id, count)
    item = store.set_dancer(item.id, None)
    choices = [DancerChoice(n, 24.0 - n, np.full((250, 150, 3), 40 * n, np.uint8), n == suggested) for n in range(1, count + 1)]
    return DancerPick(item, "key", VideoAnalysis(30.0, 640, 360, []), choices, 27.0)
