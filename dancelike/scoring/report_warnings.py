"""The report's warnings, as facts ``coaching.warning_sentence`` puts into words: no dancer in
a video, the dancer out of the picture, body parts one video does not show, a partial dance."""

from __future__ import annotations

from typing import Any

import numpy as np

from dancelike.scoring import coaching
from dancelike.scoring.poses import GROUPS, PoseTrack

#: At most this much (seconds) of the reference's start or end may fall outside the
#: recording (a late dancer's last moves after the video stopped) and go unjudged.
MAX_UNCOVERED_S = 1.0
#: A performance covering less than all but this share of the reference is called partial.
PARTIAL_SHARE = 0.1
#: Missing the dancer for longer than this (seconds) earns a warning.
OUT_OF_FRAME_WARN_S = 1.0


def warning_facts(reference: PoseTrack, performance: PoseTrack, fps: float, ref_view: np.ndarray, perf_view: np.ndarray) -> list[dict[str, Any]]:
    """The report's warnings as facts (``coaching.warning_sentence`` says each)."""
    facts: list[dict[str, Any]] = []
    if not reference.found.any():
        facts.append({"kind": "no_reference"})
    if not performance.found.any():
        facts.append({"kind": "no_performance"})
        return facts
    missing_s = float((~performance.found).sum()) / fps
    if missing_s > OUT_OF_FRAME_WARN_S:
        facts.append({"kind": "out_of_frame", "seconds": missing_s})
    judged = [name for g, name in enumerate(GROUPS) if ref_view[g] and perf_view[g]]
    not_in_video = [name for g, name in enumerate(GROUPS) if not ref_view[g]]
    not_in_view = [name for g, name in enumerate(GROUPS) if ref_view[g] and not perf_view[g]]
    facts += [{"kind": "view", "who": who, "groups": groups, "judged": judged} for who, groups in (("video", not_in_video), ("you", not_in_view)) if groups]
    return facts


def partial_fact(reference: PoseTrack, danced: np.ndarray) -> dict[str, Any] | None:
    """ "You danced the first 8 s of 19 s" (as facts) when the performance covers only part of the reference."""
    if not danced.any() or not len(reference):
        return None
    times = reference.times
    total = float(times[-1] - times[0]) + (float(times[1] - times[0]) if len(times) > 1 else 0.0)
    first, last = np.flatnonzero(danced)[[0, -1]]
    covered = float(times[last] - times[first])
    if total <= 0 or covered >= (1.0 - PARTIAL_SHARE) * total:
        return None
    return {"kind": "partial", "start": float(times[first] - times[0]), "end": float(times[last] - times[0]), "total": total, "edge": MAX_UNCOVERED_S}


def warnings_of(
    reference: PoseTrack, performance: PoseTrack, fps: float, views: tuple[np.ndarray, np.ndarray], danced: np.ndarray
) -> tuple[list[dict[str, Any]], str | None]:
    """The warnings as facts, and the sentence of the partial one ("you danced the first 8 s") when there is one."""
    facts = warning_facts(reference, performance, fps, *views)
    found_any = bool(performance.found.any() and reference.found.any())
    partial = partial_fact(reference, danced & reference.found) if found_any else None
    if partial:
        facts.append(partial)
    return facts, coaching.warning_sentence(partial) if partial else None
