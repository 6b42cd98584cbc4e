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

from dancelike.i18n import translate
from dancelike.scoring import coaching
from dancelike.scoring.accents import compare_accents
from dancelike.scoring.calibration import DEFAULT_CHANCE, SEEN_FOR_VERDICT, THIS_DANCE_MIN, Chance, judged_score, relative, score_curve, seen_agreement_score
from dancelike.scoring.coaching import AWAY, GOOD, NOT_DANCED, RATINGS, UNKNOWN, rating
from dancelike.scoring.match import PairScores, frame_from_groups, score_pairs
from dancelike.scoring.movement import matched_rows, movement_scores
from dancelike.scoring.moves import Move, split_moves
from dancelike.scoring.poses import GROUPS, PoseTrack, group_in_view, without_parts
from dancelike.scoring.report_rows import PartScores, RatedMove, TimelinePoint, WeakMove, moves_of, part_scores, timeline_of, weakest_of
from dancelike.scoring.report_warnings import MAX_UNCOVERED_S, warnings_of
from dancelike.scoring.timing import NOT_JUDGED, Timing, timing_from_path
from dancelike.scoring.weak_moves import Judgement, rate_moves, weakest_moves

__all__ = ["AWAY", "GOOD", "NOT_DANCED", "RATINGS", "UNKNOWN", "Report", "Timing", "build_report", "grade", "rating", "timing_from_path"]

#: Share of the score that timing can take away: score = shape * (1 - TIMING_SHARE * (1 - timing/100)).
TIMING_SHARE = 0.2
TIMELINE_STEP_S = 0.25
GRADES = ((90.0, "S"), (80.0, "A"), (65.0, "B"), (50.0, "C"), (0.0, "D"))


def grade(score: float) -> str:
    shown = round(float(score))
    return next(name for threshold, name in GRADES if shown >= threshold)


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
    parts: PartScores  # None: not in view in one of the videos, not judged
    timeline: list[TimelinePoint]
    moves: list[RatedMove]
    weakest: list[WeakMove]
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
    #: False when the performance does not look like the reference's dance (then no timing
    #: praise and no advice); the results screen's timing line and what "mirrored" means
    this_dance: bool = True
    timing_text: str = ""
    mirror_text: str = ""
    #: the facts the sentences are made from, so ``coaching.retold`` can make them again in another
    #: language: found, seen_share, shape, timing ({offset_s, tempo_ratio, jitter_s, score, judged}),
    #: parts and warnings (one fact per warning made here), unrounded; {}: an older report
    story: dict[str, Any] = field(default_factory=dict)

    @property
    def dancer_text(self) -> str:
        """'dancer 2 of 3 (from the left)', 'the one dancer', or '' when not known."""
        if self.dancer is None:
            return ""
        return translate("Report", "the one dancer") if self.dancers <= 1 else group_dancer_text(self.dancer, self.dancers)

    @classmethod
    def from_json(cls, data: dict[str, Any], **arrays: np.ndarray) -> Report:
        """A report read back from its JSON document (``to_json``), with the per-frame arrays the
        document leaves out (``frame_scores``, ``group_scores``, ``matched_frames``, ``judged``,
        ``running``) when they were kept; empty arrays otherwise. Older documents lack newer
        fields: those get their defaults. Raises KeyError/ValueError on a document that is not one."""
        return cls(
            score=float(data["score"]),
            grade=str(data["grade"]),
            shape=float(data.get("shape", 0.0)),
            timing=float(data.get("timing", 0.0)),
            mirrored=bool(data.get("mirrored", False)),
            timing_offset_ms=float(data.get("timing_offset_ms", 0.0)),
            tempo_ratio=float(data.get("tempo_ratio", 1.0)),
            parts=part_scores(data.get("parts", {})),
            timeline=timeline_of(data),
            moves=moves_of(data),
            weakest=weakest_of(data),
            warnings=list(data.get("warnings", [])),
            summary=str(data.get("summary", "")),
            frame_scores=np.asarray(arrays.get("frame_scores", np.zeros(0)), np.float64),
            group_scores=np.asarray(arrays.get("group_scores", np.zeros((0, len(GROUPS)))), np.float64),
            matched_frames=np.asarray(arrays.get("matched_frames", np.zeros(0, np.int64)), np.int64),
            judged=np.asarray(arrays.get("judged", np.zeros(0, bool)), bool),
            running=np.asarray(arrays.get("running", np.zeros(0)), np.float64),
            aligned_by=str(data.get("aligned_by", "motion")),
            music_offset_ms=data.get("music_offset_ms"),
            accents=data.get("accents"),
            dancer=None if data.get("dancer") is None else int(data["dancer"]),
            dancers=int(data.get("dancers", 0)),
            this_dance=bool(data.get("this_dance", True)),
            timing_text=str(data.get("timing_text", "")),
            mirror_text=str(data.get("mirror_text", "")),
            story=dict(data["story"]) if isinstance(data.get("story"), dict) else {},
        )

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
            "timeline": [point.to_json() for point in self.timeline],
            "moves": [move.to_json() for move in self.moves],
            "weakest": [move.to_json() for move in self.weakest],
            "warnings": self.warnings,
            "summary": self.summary,
            "aligned_by": self.aligned_by,
            "accents": self.accents,
            "music_offset_ms": None if self.music_offset_ms is None else round(self.music_offset_ms, 1),
            "dancer": self.dancer,
            "dancers": self.dancers,
            "this_dance": self.this_dance,
            "timing_text": self.timing_text,
            "mirror_text": self.mirror_text,
            **({"story": self.story} if self.story else {}),
        }


def group_dancer_text(dancer: int, dancers: int) -> str:
    """'dancer 2 of 3 (from the left)': which dancer of a group video a report followed."""
    return translate("Report", "dancer {dancer} of {dancers} (from the left)").format(dancer=dancer, dancers=dancers)


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


def _timeline(times: np.ndarray, scores: np.ndarray, judged: np.ndarray) -> list[TimelinePoint]:
    """The score every ``TIMELINE_STEP_S``, over judged frames only: a frame the reference
    analyser had to skip, or a part a practice session never reached, is not a zero."""
    if len(times) == 0:
        return []
    bins = np.floor((times - times[0]) / TIMELINE_STEP_S).astype(np.int64)
    sums = np.bincount(bins[judged], weights=scores[judged], minlength=int(bins.max()) + 1)
    counts = np.bincount(bins[judged], minlength=int(bins.max()) + 1)
    return [TimelinePoint(round(float(times[0] + (b + 0.5) * TIMELINE_STEP_S), 3), round(float(sums[b] / counts[b]), 1)) for b in range(len(counts)) if counts[b]]


def _accents(reference: PoseTrack, performance: PoseTrack, matched_time: np.ndarray, beats: np.ndarray | None, music_offset_s: float) -> dict[str, Any] | None:
    found = compare_accents(reference, performance, matched_time, beats, music_offset_s)
    return None if found is None else found.to_json()


def _running_scores(relative_agreement: np.ndarray, weights: np.ndarray, seen: np.ndarray) -> np.ndarray:
    """``judged_score`` of every prefix of the reference: the score so far, frame by frame."""
    present = np.where(seen, weights, 0.0)
    agreement = np.cumsum(np.nan_to_num(relative_agreement) * present)
    seen_weight, all_weight = np.cumsum(present), np.cumsum(weights)
    mean = np.divide(agreement, seen_weight, out=np.full(len(weights), -1.0), where=seen_weight > 0)
    share = np.divide(seen_weight, all_weight, out=np.zeros(len(weights)), where=all_weight > 0)
    return score_curve(mean) * share


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


@dataclass(frozen=True)
class _Agreement:
    """How the performance agrees with the reference, per reference frame (``build_report``'s first step)."""

    pairs: PairScores  # the path's pairs of frames (their part weights weigh the parts)
    frame_relative: np.ndarray  # between chance (0) and a perfect copy (1); -1 where either is missing
    group_relative: np.ndarray  # (n, 6), the same per part
    frame_scores: np.ndarray  # 0-100 through the score curve
    group_scores: np.ndarray  # (n, 6), 0 for a part not judged
    both_found: np.ndarray  # both dancers seen
    frame_weights: np.ndarray  # how much of the judged parts each frame shows
    motion: np.ndarray  # how much the reference moves (``MovementScores.motion``)


def _views(reference: PoseTrack, performance: PoseTrack, path: np.ndarray, danced: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The groups each video shows, and those judged: what both show (what the reference shows
    when they share nothing). The rest neither helps nor hurts."""
    ref_view = group_in_view(reference, np.flatnonzero(danced)) if danced.any() else group_in_view(reference, np.arange(len(reference)))
    perf_view = group_in_view(performance, np.unique(path[:, 1])) if len(path) else np.zeros(len(GROUPS), bool)
    in_view = ref_view & perf_view
    if not in_view.any():
        in_view = ref_view if ref_view.any() else np.ones(len(GROUPS), bool)
    return ref_view, perf_view, in_view


def _agreement(reference: PoseTrack, performance: PoseTrack, path: np.ndarray, matched: np.ndarray, in_view: np.ndarray, chance: Chance) -> _Agreement:
    """Pose (limb directions) and movement agreement per reference frame, placed between chance and a perfect copy."""
    count = len(reference)
    pairs = score_pairs(without_parts(reference), without_parts(performance), path)
    pose_frame = per_reference_frame(path, frame_from_groups(pairs.groups, pairs.group_weights, in_view), count)
    pose_groups = per_reference_frame(path, pairs.groups, count)
    frame_weights = per_reference_frame(path, (pairs.group_weights * in_view).sum(axis=1), count)
    movement = movement_scores(reference, performance, matched, reference_fps(reference))
    both_found = per_reference_frame(path, (reference.found[path[:, 0]] & performance.found[path[:, 1]]).astype(np.float64), count) > 0.5
    frame_relative = np.where(both_found, relative(pose_frame, movement.frame, chance), -1.0)
    group_relative = np.where(both_found[:, None], relative(pose_groups, movement.groups, chance), -1.0)
    frame_scores, group_scores = score_curve(frame_relative), score_curve(group_relative) * in_view[None, :]
    return _Agreement(pairs, frame_relative, group_relative, frame_scores, group_scores, both_found, frame_weights, movement.motion)


def _matched_timing(reference: PoseTrack, performance: PoseTrack, path: np.ndarray, danced: np.ndarray, music_offset_s: float) -> tuple[Timing, np.ndarray]:
    """The timing model on the frames both dancers show, and the performance time matched to each reference frame."""
    count = len(reference)
    matched_time = per_reference_frame(path, performance.times[path[:, 1]], count)
    perf_found_per_ref = per_reference_frame(path, performance.found[path[:, 1]].astype(np.float64), count) > 0.5
    valid = reference.found & perf_found_per_ref & danced
    return timing_from_path(reference.times, matched_time - music_offset_s, valid), matched_time


def _judged_weights(
    reference: PoseTrack, performance: PoseTrack, path: np.ndarray, fps: float, danced: np.ndarray, agreement: _Agreement
) -> tuple[np.ndarray, np.ndarray]:
    """The reference frames judged (a dancer in the reference, danced, covered by the recording)
    and each one's weight: frames where the choreography does more (limbs held away from rest,
    and moving) count more."""
    count = len(reference)
    judged = reference.found if reference.found.any() else np.ones(count, bool)
    # Frames no path step reaches were not danced (a practice session seeked past them, or the
    # recording covers only part of the reference).
    judged = judged & covered_frames(path, count, len(performance), fps) & danced
    weights = np.where(judged, np.maximum(agreement.frame_weights * np.sqrt(_relative_motion(agreement.motion)), 1e-6), 0.0)
    return judged, weights


def _part_scores(path: np.ndarray, agreement: _Agreement, in_view: np.ndarray, judged: np.ndarray) -> PartScores:
    """Each part's score over the judged frames; None for a part not judged."""
    parts: PartScores = {}
    for g, name in enumerate(GROUPS):
        if not in_view[g] or not judged.any():
            parts[name] = None
            continue
        group_weight = np.where(judged, np.maximum(per_reference_frame(path, agreement.pairs.group_weights[:, g], len(judged)), 1e-6), 0.0)
        parts[name] = judged_score(agreement.group_relative[:, g], group_weight, agreement.both_found)
    return parts


def _story(performance: PoseTrack, seen_share: float, shape: float, timing: Timing, parts: PartScores, warning_facts: list[dict[str, Any]]) -> dict[str, Any]:
    """The facts the report's sentences are made from (``Report.story``), unrounded."""
    return {
        "found": bool(performance.found.any()),
        "seen_share": float(seen_share),
        "shape": float(shape),
        "timing": {
            "offset_s": float(timing.offset_s),
            "tempo_ratio": float(timing.tempo_ratio),
            "jitter_s": float(timing.jitter_s),
            "score": float(timing.score),
            "judged": bool(timing.judged),
        },
        "parts": {name: None if value is None else float(value) for name, value in parts.items()},
        "warnings": warning_facts,
    }


def _verdict(reference: PoseTrack, performance: PoseTrack, agreement: _Agreement, weights: np.ndarray) -> tuple[float, float, bool]:
    """The shape score, the share of the time the dancer was seen, and whether this is the
    reference's dance at all: judged where the dancer was seen (stepping out for a while is
    not another dance)."""
    found_any = bool(performance.found.any() and reference.found.any())
    shape = judged_score(agreement.frame_relative, weights, agreement.both_found) if found_any else 0.0
    agreement_score, seen_share = seen_agreement_score(agreement.frame_relative, weights, agreement.both_found)
    return shape, seen_share, found_any and agreement_score >= THIS_DANCE_MIN and seen_share >= SEEN_FOR_VERDICT


def _judgement(
    reference: PoseTrack,
    performance: PoseTrack,
    path: np.ndarray,
    frames: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    agreement: _Agreement,
    timing: Timing,
    mirrored: bool,
) -> Judgement:
    """What the moves are rated from; ``frames`` is (matched, danced, judged, weights, in_view)."""
    matched, danced, judged, weights, in_view = frames
    count = len(reference)
    group_weights = per_reference_frame(path, agreement.pairs.group_weights, count) if len(path) else np.zeros((count, len(GROUPS)))
    group_scores = np.nan_to_num(agreement.group_scores)
    return Judgement(
        reference,
        performance,
        matched,
        danced,
        judged,
        agreement.both_found,
        weights,
        agreement.frame_relative,
        agreement.group_relative,
        group_weights,
        agreement.frame_scores,
        group_scores,
        in_view,
        timing,
        mirrored,
    )


def _rated_moves(reference: PoseTrack, beats: np.ndarray | None, judgement: Judgement, this_dance: bool) -> tuple[list[RatedMove], list[WeakMove]]:
    """The reference's moves rated, and the weakest of them."""
    moves: list[Move] = split_moves(reference.times, reference.features, beats)
    rows = rate_moves(moves, judgement)
    return rows, weakest_moves(moves, rows, judgement, this_dance)


def _overall(shape: float, timing: Timing) -> float:
    """Timing refines the shape score (up to a fifth off): good timing of the wrong moves earns nothing."""
    return shape * (1.0 - TIMING_SHARE * (1.0 - timing.score / 100.0))


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
    matched = matched_rows(path, count)  # -1 where not danced
    danced = np.bincount(path[:, 0], minlength=count) > 0
    ref_view, perf_view, in_view = _views(reference, performance, path, danced)
    agreement = _agreement(reference, performance, path, matched, in_view, chance or DEFAULT_CHANCE)
    timing, matched_time = _matched_timing(reference, performance, path, danced, music_offset_s)
    judged, weights = _judged_weights(reference, performance, path, fps, danced, agreement)
    shape, seen_share, this_dance = _verdict(reference, performance, agreement, weights)
    if not this_dance:
        timing = NOT_JUDGED  # the timing of other moves means nothing: no praise, no points
    parts = _part_scores(path, agreement, in_view, judged)
    judgement = _judgement(reference, performance, path, (matched, danced, judged, weights, in_view), agreement, timing, mirrored)
    move_rows, weakest = _rated_moves(reference, beats, judgement, this_dance)
    accents = _accents(reference, performance, np.where(danced, matched_time, np.nan), beats, music_offset_s) if this_dance else None
    warning_facts, partial = warnings_of(reference, performance, fps, (ref_view, perf_view), danced)
    overall = _overall(shape, timing)
    return Report(
        score=float(overall),
        grade=grade(overall),
        shape=shape,
        timing=timing.score,
        mirrored=mirrored,
        timing_offset_ms=timing.offset_s * 1000.0,
        tempo_ratio=timing.tempo_ratio,
        parts=parts,
        timeline=_timeline(reference.times, agreement.frame_scores, judged),
        moves=move_rows,
        weakest=weakest,
        warnings=[coaching.warning_sentence(fact) for fact in warning_facts],
        summary=coaching.summary(
            found=bool(performance.found.any()), this_dance=this_dance, seen_share=seen_share, shape=shape, timing=timing, parts=parts, weakest=weakest, partial=partial
        ),
        frame_scores=np.nan_to_num(agreement.frame_scores),
        group_scores=np.where(in_view[None, :], np.nan_to_num(agreement.group_scores), np.nan),  # NaN: not in view
        matched_frames=np.maximum(matched, 0),
        judged=judged,
        running=_running_scores(agreement.frame_relative, weights, agreement.both_found),
        accents=accents,
        this_dance=this_dance,
        timing_text=coaching.timing_line(timing, accents, this_dance),
        mirror_text=coaching.mirror_sentence(mirrored, this_dance),
        story=_story(performance, seen_share, shape, timing, parts, warning_facts),
    )
