"""The session report: from an alignment of two pose tracks to scores a dancer can act on.

``build_report`` turns the DTW path between the reference and the performance into:
the shape score (how well the poses matched once aligned, frames weighted by how much
the choreography does in them), the timing score (how steadily the dancer kept to the
beat: a constant small delay costs little, drifting and rushing cost more), the overall
score (shape, less up to a fifth for poor timing) and grade, per-part scores, a timeline,
the choreography's moves rated perfect/great/good/ok/miss, the weakest moves with
the frames to show, and warnings. Pure numpy: no I/O, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dancelike.scoring.match import score_pairs
from dancelike.scoring.moves import Move, split_moves
from dancelike.scoring.poses import GROUPS, LIMB_GROUP, PoseTrack

#: Share of the score that timing can take away: score = shape * (1 - TIMING_SHARE * (1 - timing/100)).
TIMING_SHARE = 0.2
TIMELINE_STEP_S = 0.25
RATINGS = ((90.0, "perfect"), (80.0, "great"), (65.0, "good"), (45.0, "ok"), (0.0, "miss"))
#: The rating of a move no take of a practice session reached (it is not judged).
NOT_DANCED = "skipped"
GRADES = ((90.0, "S"), (80.0, "A"), (65.0, "B"), (50.0, "C"), (0.0, "D"))
#: At most this much (seconds) of the reference's start or end may fall outside the
#: recording (a late dancer's last moves after the video stopped) and go unjudged.
MAX_UNCOVERED_S = 1.0
#: Missing the dancer for longer than this (seconds) earns a warning.
OUT_OF_FRAME_WARN_S = 1.0


def rating(score: float) -> str:
    return next(name for threshold, name in RATINGS if score >= threshold)


def grade(score: float) -> str:
    return next(name for threshold, name in GRADES if score >= threshold)


@dataclass(frozen=True)
class Timing:
    """Timing figures from the alignment: all in seconds except the ratio and the score."""

    offset_s: float  # median delay, positive = dancer late
    tempo_ratio: float  # dancer's tempo / reference tempo
    jitter_s: float  # spread of the delay once offset and tempo are taken out
    lag_s: np.ndarray  # delay at every reference frame (NaN where unknown)
    score: float


def timing_from_path(ref_times: np.ndarray, perf_times: np.ndarray, matched: np.ndarray, valid: np.ndarray) -> Timing:
    """Delay per reference frame and its summary; ``matched`` is the mean performance time per reference frame."""
    lag = np.where(valid, matched - ref_times, np.nan)
    usable = np.flatnonzero(valid)
    if len(usable) < 3:
        return Timing(0.0, 1.0, 0.0, lag, 0.0)
    slope, intercept = np.polyfit(ref_times[usable], matched[usable], 1)
    slope = float(np.clip(slope, 0.25, 4.0))
    residual = matched[usable] - (slope * ref_times[usable] + intercept)
    jitter = float(1.4826 * np.median(np.abs(residual - np.median(residual))))
    offset = float(np.median(lag[usable]))
    tempo_ratio = 1.0 / slope
    steadiness = float(np.exp(-((jitter / 0.25) ** 2)))
    offset_cost = 10.0 * float(np.clip((abs(offset) - 0.1) / 0.4, 0.0, 1.0))
    tempo_cost = 10.0 * float(np.clip(abs(np.log(tempo_ratio)) / np.log(1.25), 0.0, 1.0))
    score = max(0.0, 100.0 * steadiness - offset_cost - tempo_cost)
    return Timing(offset, tempo_ratio, jitter, lag, score)


@dataclass
class Report:
    """Everything the results screen and ``score --json`` show."""

    score: float
    grade: str
    shape: float
    timing: float
    mirrored: bool
    timing_offset_ms: float
    tempo_ratio: float
    parts: dict[str, float]
    timeline: list[dict[str, float]]
    moves: list[dict[str, Any]]
    weakest: list[dict[str, Any]]
    warnings: list[str]
    summary: str
    frame_scores: np.ndarray = field(repr=False)  # per reference frame, 0-100
    group_scores: np.ndarray = field(repr=False)  # (n_ref, 6)
    matched_frames: np.ndarray = field(repr=False)  # performance frame shown for each reference frame
    #: per reference frame, whether it counts (a dancer in the reference, danced, covered);
    #: empty: every frame (a report read back from an older session)
    judged: np.ndarray = field(default_factory=lambda: np.zeros(0, bool), repr=False)

    def to_json(self) -> dict[str, Any]:
        """The JSON document of ``dancelike score --json``."""
        return {
            "score": round(self.score, 1),
            "grade": self.grade,
            "shape": round(self.shape, 1),
            "timing": round(self.timing, 1),
            "mirrored": self.mirrored,
            "timing_offset_ms": round(self.timing_offset_ms, 1),
            "tempo_ratio": round(self.tempo_ratio, 3),
            "parts": {name: round(value, 1) for name, value in self.parts.items()},
            "timeline": self.timeline,
            "moves": self.moves,
            "weakest": self.weakest,
            "warnings": self.warnings,
            "summary": self.summary,
        }


def covered_frames(path: np.ndarray, count: int, perf_count: int, fps: float) -> np.ndarray:
    """Reference frames the recording covers: not matched only to its first or last frame.

    A dancer 0.5 s late is still finishing when the video ends; the reference's last
    half second then matches the recording's last frame. Those frames (at most
    ``MAX_UNCOVERED_S`` at each end) are left out of the judgement instead of scored as misses.
    """
    first = np.full(count, perf_count, np.int64)
    last = np.full(count, -1, np.int64)
    np.minimum.at(first, path[:, 0], path[:, 1])
    np.maximum.at(last, path[:, 0], path[:, 1])
    limit = int(round(MAX_UNCOVERED_S * fps))
    index = np.arange(count)
    before = (last == 0) & (index <= limit)
    after = (first == perf_count - 1) & (index >= count - 1 - limit)
    # The end frames themselves are matched there by DTW's boundary condition: they are left
    # out only as part of a run (a dancer still finishing when the recording stopped).
    if count >= 2:
        before[0] &= before[1]
        after[-1] &= after[-2]
    return ~(before | after)


def _per_reference_frame(path: np.ndarray, values: np.ndarray, count: int) -> np.ndarray:
    """Mean of ``values`` (k,) or (k, g) over the path steps of each reference frame."""
    hits = np.bincount(path[:, 0], minlength=count).astype(np.float64)
    if values.ndim == 1:
        return np.bincount(path[:, 0], weights=values, minlength=count) / np.maximum(hits, 1)
    columns = [np.bincount(path[:, 0], weights=values[:, g], minlength=count) for g in range(values.shape[1])]
    return np.stack(columns, axis=1) / np.maximum(hits, 1)[:, None]


def _timeline(times: np.ndarray, scores: np.ndarray, judged: np.ndarray) -> list[dict[str, float]]:
    """The score every ``TIMELINE_STEP_S``, over judged frames only: a frame the reference
    analyser had to skip, or a part a practice session never reached, is not a zero."""
    if len(times) == 0:
        return []
    bins = np.floor((times - times[0]) / TIMELINE_STEP_S).astype(np.int64)
    sums = np.bincount(bins[judged], weights=scores[judged], minlength=int(bins.max()) + 1)
    counts = np.bincount(bins[judged], minlength=int(bins.max()) + 1)
    return [
        {"t": round(float(times[0] + (b + 0.5) * TIMELINE_STEP_S), 3), "score": round(float(sums[b] / counts[b]), 1)}
        for b in range(len(counts))
        if counts[b]
    ]


def _warnings(reference: PoseTrack, performance: PoseTrack, fps: float) -> list[str]:
    warnings = []
    if not reference.found.any():
        warnings.append("no dancer found in the reference video: there is nothing to copy")
    if not performance.found.any():
        warnings.append("no dancer found in your video: make sure your whole body is in the camera's view")
        return warnings
    missing_s = float((~performance.found).sum()) / fps
    if missing_s > OUT_OF_FRAME_WARN_S:
        warnings.append(f"you were out of frame for {missing_s:.0f} s: stay where the camera sees all of you")
    legs = np.isin(LIMB_GROUP, [GROUPS.index("left_leg"), GROUPS.index("right_leg")])
    perf_legs = performance.visibility[performance.found][:, legs].mean(axis=1)
    ref_legs = reference.visibility[reference.found][:, legs].mean(axis=1) if reference.found.any() else np.zeros(1)
    if np.mean(perf_legs < 0.5) > 0.5 and np.mean(ref_legs >= 0.5) > 0.5:
        warnings.append("only your upper body was visible: step back so the camera sees your legs and feet")
    return warnings


def _summary(shape: float, timing: Timing, weakest: list[dict[str, Any]], found: bool) -> str:
    if not found:
        return "We could not see you dance, so there is nothing to score yet."
    if shape >= 85:
        first = "Great shapes"
    elif shape >= 65:
        first = "Good shapes"
    else:
        first = "Your shapes need work"
    if timing.score >= 80:
        second = "and steady timing" if abs(timing.offset_s) < 0.15 else f"and steady timing, {abs(timing.offset_s):.1f} s {'behind' if timing.offset_s > 0 else 'ahead of'} the video"
    elif timing.tempo_ratio > 1.05:
        second = "but you rushed: you danced faster than the music"
    elif timing.tempo_ratio < 0.95:
        second = "but you dragged: you danced slower than the music"
    else:
        second = "but your timing wandered: keep to the beat"
    text = f"{first}, {second}."
    if weakest and weakest[0]["score"] < 80.0:
        move = weakest[0]
        text += f" Practise the move at {move['start']:.0f}-{move['end']:.0f} s."
    return text


def build_report(
    reference: PoseTrack, performance: PoseTrack, path: np.ndarray, fps: float, mirrored: bool, beats: np.ndarray | None = None
) -> Report:
    """The full report from two pose tracks and the DTW ``path`` (k, 2) between them."""
    count = len(reference)
    path = np.asarray(path, np.int64)
    pairs = score_pairs(reference, performance, path)
    frame_scores = _per_reference_frame(path, pairs.frame, count)
    frame_weights = _per_reference_frame(path, pairs.weight, count)
    group_scores = _per_reference_frame(path, pairs.groups, count)
    matched_time = _per_reference_frame(path, performance.times[path[:, 1]], count)
    hits = np.bincount(path[:, 0], minlength=count)
    matched_frames = np.zeros(count, np.int64)
    # The performance frame to show for each reference frame: the middle of its matches.
    order = np.argsort(path[:, 0], kind="stable")
    starts = np.concatenate([[0], np.cumsum(hits)[:-1]])
    matched_frames[hits > 0] = path[order][starts[hits > 0] + hits[hits > 0] // 2, 1]

    perf_found_per_ref = _per_reference_frame(path, performance.found[path[:, 1]].astype(np.float64), count) > 0.5
    valid = reference.found & perf_found_per_ref & (hits > 0)
    timing = timing_from_path(reference.times, performance.times, matched_time, valid)

    judged = reference.found if reference.found.any() else np.ones(count, bool)
    # Frames no path step reaches were not danced (a practice session seeked past them).
    judged = judged & covered_frames(path, count, len(performance), fps) & (hits > 0)
    # Frames where the choreography does more (limbs away from rest) count more.
    weights = np.where(judged, np.maximum(frame_weights, 1e-6), 0.0)
    shape = float((frame_scores * weights).sum() / weights.sum()) if count and weights.sum() > 0 else 0.0
    timing_score = timing.score if performance.found.any() and reference.found.any() else 0.0
    # Timing refines the shape score (up to a fifth off): good timing of the wrong moves earns nothing.
    overall = shape * (1.0 - TIMING_SHARE * (1.0 - timing_score / 100.0))
    parts = {name: float(group_scores[judged, g].mean()) if count else 0.0 for g, name in enumerate(GROUPS)}

    moves: list[Move] = split_moves(reference.times, reference.features, beats)
    move_rows = []
    for move in moves:
        during = (reference.times >= move.start) & (reference.times < move.end)
        inside = during & judged
        score = float(frame_scores[inside].mean()) if inside.any() else 0.0
        danced = bool((hits[during] > 0).any())
        move_rows.append({"start": round(move.start, 2), "end": round(move.end, 2), "score": round(score, 1),
                          "rating": rating(score) if danced else NOT_DANCED, "danced": danced})  # fmt: skip
    weakest = []
    danced_moves = [i for i, row in enumerate(move_rows) if row["danced"]]
    for index in sorted(danced_moves, key=lambda i: move_rows[i]["score"])[:3]:
        move = moves[index]
        inside = np.flatnonzero((reference.times >= move.start) & (reference.times < move.end))
        if not len(inside):
            continue
        worst = int(inside[np.argmin(frame_scores[inside])])
        weakest.append({**move_rows[index], "move": int(index), "reference_frame": worst, "performance_frame": int(matched_frames[worst])})

    return Report(
        score=float(overall),
        grade=grade(overall),
        shape=shape,
        timing=timing_score,
        mirrored=mirrored,
        timing_offset_ms=timing.offset_s * 1000.0,
        tempo_ratio=timing.tempo_ratio,
        parts=parts,
        timeline=_timeline(reference.times, frame_scores, judged),
        moves=move_rows,
        weakest=weakest,
        warnings=_warnings(reference, performance, fps),
        summary=_summary(shape, timing, weakest, performance.found.any()),
        frame_scores=frame_scores,
        group_scores=group_scores,
        matched_frames=matched_frames,
        judged=judged,
    )
