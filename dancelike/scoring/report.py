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

from dancelike.scoring.accents import compare_accents
from dancelike.scoring.calibration import DEFAULT_CHANCE, Chance, relative, score_curve
from dancelike.scoring.match import frame_from_groups, score_pairs
from dancelike.scoring.movement import matched_rows, movement_scores
from dancelike.scoring.moves import Move, split_moves
from dancelike.scoring.poses import GROUPS, PoseTrack, group_in_view, without_parts

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
#: A performance covering less than all but this share of the reference is called partial.
PARTIAL_SHARE = 0.1
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
    parts: dict[str, float | None]  # None: not in view in one of the videos, not judged
    timeline: list[dict[str, float]]
    moves: list[dict[str, Any]]
    weakest: list[dict[str, Any]]
    warnings: list[str]
    summary: str
    frame_scores: np.ndarray = field(repr=False)  # per reference frame, 0-100
    group_scores: np.ndarray = field(repr=False)  # (n_ref, 6); NaN for a part not in view
    matched_frames: np.ndarray = field(repr=False)  # performance frame shown for each reference frame
    #: per reference frame, whether it counts (a dancer in the reference, danced, covered);
    #: empty: every frame (a report read back from an older session)
    judged: np.ndarray = field(default_factory=lambda: np.zeros(0, bool), repr=False)
    #: what anchored the alignment: "music" (both videos carry the same song), "clock" (a live
    #: session) or "motion"; with the music, how much later the performance's music played
    aligned_by: str = "motion"
    music_offset_ms: float | None = None
    #: per reference frame, the score so far as the report makes it (the replay's running
    #: score); empty: a report read back from an older session
    running: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)
    #: where your movement accents fell against the pro's (``accents.Accents.to_json``), or None
    accents: dict[str, Any] | None = None
    #: which of the reference's dancers was followed (numbered from the left) and how many
    #: it has; None: a reference analysed as one dancer (older sessions)
    dancer: int | None = None
    dancers: int = 0

    @property
    def dancer_text(self) -> str:
        """'dancer 2 of 3 (from the left)', 'the one dancer', or '' when not known."""
        return "" if self.dancer is None else "the one dancer" if self.dancers <= 1 else group_dancer_text(self.dancer, self.dancers)

    @classmethod
    def from_json(cls, data: dict[str, Any], **arrays: np.ndarray) -> Report:
        """A report read back from its JSON document (``to_json``), with the per-frame arrays the
        document leaves out (``frame_scores``, ``group_scores``, ``matched_frames``, ``judged``,
        ``running``) when they were kept; empty arrays otherwise. Older documents lack newer
        fields: those get their defaults. Raises KeyError/ValueError on a document that is not one."""
        return cls(
            score=float(data["score"]), grade=str(data["grade"]), shape=float(data.get("shape", 0.0)),
            timing=float(data.get("timing", 0.0)), mirrored=bool(data.get("mirrored", False)),
            timing_offset_ms=float(data.get("timing_offset_ms", 0.0)), tempo_ratio=float(data.get("tempo_ratio", 1.0)),
            parts={str(k): None if v is None else float(v) for k, v in dict(data.get("parts", {})).items()},
            timeline=list(data.get("timeline", [])), moves=list(data.get("moves", [])), weakest=list(data.get("weakest", [])),
            warnings=list(data.get("warnings", [])), summary=str(data.get("summary", "")),
            frame_scores=np.asarray(arrays.get("frame_scores", np.zeros(0)), np.float64),
            group_scores=np.asarray(arrays.get("group_scores", np.zeros((0, len(GROUPS)))), np.float64),
            matched_frames=np.asarray(arrays.get("matched_frames", np.zeros(0, np.int64)), np.int64),
            judged=np.asarray(arrays.get("judged", np.zeros(0, bool)), bool),
            running=np.asarray(arrays.get("running", np.zeros(0)), np.float64),
            aligned_by=str(data.get("aligned_by", "motion")), music_offset_ms=data.get("music_offset_ms"), accents=data.get("accents"),
            dancer=None if data.get("dancer") is None else int(data["dancer"]), dancers=int(data.get("dancers", 0)),
        )  # fmt: skip

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
            "parts": {name: None if value is None else round(value, 1) for name, value in self.parts.items()},
            "timeline": self.timeline,
            "moves": self.moves,
            "weakest": self.weakest,
            "warnings": self.warnings,
            "summary": self.summary,
            "aligned_by": self.aligned_by,
            "accents": self.accents,
            "music_offset_ms": None if self.music_offset_ms is None else round(self.music_offset_ms, 1),
            "dancer": self.dancer,
            "dancers": self.dancers,
        }


def group_dancer_text(dancer: int, dancers: int) -> str:
    """'dancer 2 of 3 (from the left)': which dancer of a group video a report followed."""
    return f"dancer {dancer} of {dancers} (from the left)"


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


def per_reference_frame(path: np.ndarray, values: np.ndarray, count: int) -> np.ndarray:
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


_LEGS = ("left_leg", "right_leg")
_ARMS = ("left_arm", "right_arm")


def _unseen_phrase(groups: list[str]) -> str:
    """"legs" / "left arm" / "arms and legs": the groups a dancer understands, in words."""
    names = set(groups)
    words = []
    for pair, word in ((_ARMS, "arms"), (_LEGS, "legs")):
        if set(pair) <= names:
            words.append(word)
            names -= set(pair)
    words += [name.replace("_", " ") for name in GROUPS if name in names]
    return " and ".join(words)


def _judged_phrase(judged: list[str]) -> str:
    words = []
    for name in GROUPS:
        if name not in judged:
            continue
        word = name.replace("_", " ")
        if name in _ARMS and set(_ARMS) <= set(judged):
            word = "arms"
        if name in _LEGS and set(_LEGS) <= set(judged):
            word = "legs"
        if word not in words:
            words.append(word)
    return ", ".join(words[:-1]) + (" and " if len(words) > 1 else "") + words[-1] if words else "nothing"


def _warnings(reference: PoseTrack, performance: PoseTrack, fps: float, ref_view: np.ndarray, perf_view: np.ndarray) -> list[str]:
    warnings = []
    if not reference.found.any():
        warnings.append("no dancer found in the reference video: there is nothing to copy")
    if not performance.found.any():
        warnings.append("no dancer found in your video: make sure your whole body is in the camera's view")
        return warnings
    missing_s = float((~performance.found).sum()) / fps
    if missing_s > OUT_OF_FRAME_WARN_S:
        warnings.append(f"you were out of frame for {missing_s:.0f} s: stay where the camera sees all of you")
    judged = [name for g, name in enumerate(GROUPS) if ref_view[g] and perf_view[g]]
    not_in_video = [name for g, name in enumerate(GROUPS) if not ref_view[g]]
    not_in_view = [name for g, name in enumerate(GROUPS) if ref_view[g] and not perf_view[g]]
    for who, groups, advice in (("The video's dancer's", not_in_video, ""), ("Your", not_in_view, ". Step back so the camera sees all of you")):
        if groups:
            phrase = _unseen_phrase(groups)
            verb = "were" if " and " in phrase or phrase in ("arms", "legs") else "was"
            warnings.append(f"{who} {phrase} {verb} not in view: judged on {_judged_phrase(judged)}{advice}")
    return warnings


def _summary(shape: float, timing: Timing, weakest: list[dict[str, Any]], found: bool, partial: str | None = None) -> str:
    if not found:
        return "We could not see you dance, so there is nothing to score yet."
    if partial:
        return f"{partial} {_summary(shape, timing, weakest, found)}"
    if shape >= 85:
        first = "Great shapes"
    elif shape >= 65:
        first = "Good shapes"
    else:
        first = "Your shapes need work"
    if timing.score >= 80:
        where = "behind" if timing.offset_s > 0 else "ahead of"
        second = "and steady timing" if abs(timing.offset_s) < 0.15 else f"and steady timing, {abs(timing.offset_s):.1f} s {where} the video"
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


def _partial_warning(reference: PoseTrack, danced: np.ndarray) -> str | None:
    """"You danced the first 8 s of 19 s" when the performance covers only part of the reference."""
    if not danced.any() or not len(reference):
        return None
    times = reference.times
    total = float(times[-1] - times[0]) + (float(times[1] - times[0]) if len(times) > 1 else 0.0)
    first, last = np.flatnonzero(danced)[[0, -1]]
    covered = float(times[last] - times[first])
    if total <= 0 or covered >= (1.0 - PARTIAL_SHARE) * total:
        return None
    start, end = float(times[first] - times[0]), float(times[last] - times[0])
    if start < MAX_UNCOVERED_S:
        return f"You danced the first {end:.0f} s of {total:.0f} s: the rest is not scored."
    if total - end < MAX_UNCOVERED_S:
        return f"You danced the last {total - start:.0f} s of {total:.0f} s: the rest is not scored."
    return f"You danced {start:.0f}-{end:.0f} s of {total:.0f} s: the rest is not scored."


def _accents(reference: PoseTrack, performance: PoseTrack, matched_time: np.ndarray, beats: np.ndarray | None, music_offset_s: float) -> dict[str, Any] | None:
    found = compare_accents(reference, performance, matched_time, beats, music_offset_s)
    return None if found is None else found.to_json()


def _running_scores(relative_agreement: np.ndarray, weights: np.ndarray, seen: np.ndarray) -> np.ndarray:
    """``_judged_score`` of every prefix of the reference: the score so far, frame by frame."""
    present = np.where(seen, weights, 0.0)
    agreement = np.cumsum(np.nan_to_num(relative_agreement) * present)
    seen_weight, all_weight = np.cumsum(present), np.cumsum(weights)
    mean = np.divide(agreement, seen_weight, out=np.full(len(weights), -1.0), where=seen_weight > 0)
    share = np.divide(seen_weight, all_weight, out=np.zeros(len(weights)), where=all_weight > 0)
    return score_curve(mean) * share


def _judged_score(relative_agreement: np.ndarray, weights: np.ndarray, seen: np.ndarray) -> float:
    """0-100 for the frames ``weights`` selects: the curve over their mean relative agreement
    where the dancer was seen, times the share of them where the dancer was seen (out of frame
    for half the dance earns at most half the score, not a worse-than-chance average)."""
    total = float(weights.sum())
    if total <= 0:
        return 0.0
    present = np.where(seen, weights, 0.0)
    if present.sum() <= 0:
        return 0.0
    mean = float((np.nan_to_num(relative_agreement) * present).sum() / present.sum())
    return float(score_curve(mean)) * float(present.sum()) / total


#: A frame's motion counts up to this many times the reference's median motion.
MOTION_WEIGHT_CAP = 4.0


def _relative_motion(motion: np.ndarray) -> np.ndarray:
    """Each frame's movement (``MovementScores.motion``) over the reference's median movement,
    capped: a frame where the reference moves twice as much as usual counts ~1.4 times more."""
    moving = motion[motion > 0]
    if not len(moving):
        return np.ones_like(motion)
    return np.clip(motion / float(np.median(moving)), 0.0, MOTION_WEIGHT_CAP)


def reference_fps(reference: PoseTrack) -> float:
    """Frames per second of a track, from its time stamps (30 when it cannot tell)."""
    if len(reference) < 2:
        return 30.0
    step = float(np.median(np.diff(reference.times)))
    return 1.0 / step if step > 0 else 30.0


def build_report(
    reference: PoseTrack,
    performance: PoseTrack,
    path: np.ndarray,
    fps: float,
    mirrored: bool,
    beats: np.ndarray | None = None,
    chance: Chance | None = None,
    music_offset_s: float = 0.0,
) -> Report:
    """The full report from two pose tracks and the alignment ``path`` (k, 2) between them.

    ``fps`` is the performance's frame rate; ``chance`` how well unrelated moments of the
    reference agree with it (``calibration.reference_chance``; a typical value when unknown).
    Reference frames the path does not reach were not danced: they are left out of every score.
    """
    count = len(reference)
    path = np.asarray(path, np.int64).reshape(-1, 2)
    chance = chance or DEFAULT_CHANCE
    hits = np.bincount(path[:, 0], minlength=count)
    matched = matched_rows(path, count)  # -1 where not danced
    matched_frames = np.maximum(matched, 0)
    danced = hits > 0

    # What is in view in both videos is judged; the rest neither helps nor hurts.
    ref_view = group_in_view(reference, np.flatnonzero(danced)) if danced.any() else group_in_view(reference, np.arange(count))
    perf_view = group_in_view(performance, np.unique(path[:, 1])) if len(path) else np.zeros(len(GROUPS), bool)
    in_view = ref_view & perf_view
    if not in_view.any():  # nothing in common in view: judge what the reference shows
        in_view = ref_view if ref_view.any() else np.ones(len(GROUPS), bool)

    pairs = score_pairs(without_parts(reference), without_parts(performance), path)
    pose_frame = per_reference_frame(path, frame_from_groups(pairs.groups, pairs.group_weights, in_view), count)
    pose_groups = per_reference_frame(path, pairs.groups, count)
    frame_weights = per_reference_frame(path, (pairs.group_weights * in_view).sum(axis=1), count)
    movement = movement_scores(reference, performance, matched, reference_fps(reference))
    both_found = per_reference_frame(path, (reference.found[path[:, 0]] & performance.found[path[:, 1]]).astype(np.float64), count) > 0.5
    frame_relative = np.where(both_found, relative(pose_frame, movement.frame, chance), -1.0)
    group_relative = np.where(both_found[:, None], relative(pose_groups, movement.groups, chance), -1.0)
    frame_scores = score_curve(frame_relative)
    group_scores = score_curve(group_relative) * in_view[None, :]

    matched_time = per_reference_frame(path, performance.times[path[:, 1]], count)
    perf_found_per_ref = per_reference_frame(path, performance.found[path[:, 1]].astype(np.float64), count) > 0.5
    valid = reference.found & perf_found_per_ref & danced
    timing = timing_from_path(reference.times, performance.times, matched_time - music_offset_s, valid)

    judged = reference.found if reference.found.any() else np.ones(count, bool)
    # Frames no path step reaches were not danced (a practice session seeked past them, or the
    # recording covers only part of the reference).
    judged = judged & covered_frames(path, count, len(performance), fps) & danced
    # Frames where the choreography does more count more: limbs held away from rest, and moving.
    weights = np.where(judged, np.maximum(frame_weights * np.sqrt(_relative_motion(movement.motion)), 1e-6), 0.0)
    found_any = bool(performance.found.any() and reference.found.any())
    shape = _judged_score(frame_relative, weights, both_found) if found_any else 0.0
    timing_score = timing.score if found_any else 0.0
    # Timing refines the shape score (up to a fifth off): good timing of the wrong moves earns nothing.
    overall = shape * (1.0 - TIMING_SHARE * (1.0 - timing_score / 100.0))
    parts: dict[str, float | None] = {}
    for g, name in enumerate(GROUPS):
        if not in_view[g] or not judged.any():
            parts[name] = None
            continue
        group_weight = np.where(judged, np.maximum(per_reference_frame(path, pairs.group_weights[:, g], count), 1e-6), 0.0)
        parts[name] = _judged_score(group_relative[:, g], group_weight, both_found)

    moves: list[Move] = split_moves(reference.times, reference.features, beats)
    move_rows: list[dict[str, Any]] = []  # as Report.moves
    for move in moves:
        during = (reference.times >= move.start) & (reference.times < move.end)
        inside = during & judged
        score = _judged_score(frame_relative, np.where(inside, weights, 0.0), both_found) if inside.any() else 0.0
        was_danced = bool(danced[during].any())
        move_rows.append({"start": round(move.start, 2), "end": round(move.end, 2), "score": round(score, 1),
                          "rating": rating(score) if was_danced else NOT_DANCED, "danced": was_danced})  # fmt: skip
    weakest = []
    danced_moves = [i for i, row in enumerate(move_rows) if row["danced"]]
    for index in sorted(danced_moves, key=lambda i: move_rows[i]["score"])[:3]:
        move = moves[index]
        inside = np.flatnonzero((reference.times >= move.start) & (reference.times < move.end) & danced)
        if not len(inside):
            continue
        worst = int(inside[np.argmin(frame_scores[inside])])
        moment = {name: None if not in_view[g] else round(float(np.nan_to_num(group_scores[worst, g])), 1) for g, name in enumerate(GROUPS)}
        weakest.append({**move_rows[index], "move": int(index), "reference_frame": worst, "performance_frame": int(matched_frames[worst]), "parts": moment})

    warnings = _warnings(reference, performance, fps, ref_view, perf_view)
    partial = _partial_warning(reference, danced & reference.found) if found_any else None
    if partial:
        warnings.append(partial)
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
        warnings=warnings,
        summary=_summary(shape, timing, weakest, bool(performance.found.any()), partial),
        frame_scores=np.nan_to_num(frame_scores),
        group_scores=np.where(in_view[None, :], np.nan_to_num(group_scores), np.nan),  # NaN: not in view
        matched_frames=matched_frames,
        judged=judged,
        running=_running_scores(frame_relative, weights, both_found),
        accents=_accents(reference, performance, np.where(danced, matched_time, np.nan), beats, music_offset_s),
    )

