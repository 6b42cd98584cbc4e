"""The moves of a report: each rated, and the weakest ones with what to change.

A move is rated only when it was danced, the pro could be seen, and the dancer was in the
picture for most of it: otherwise it is "skipped", "unknown" or "away", never a weak move.
The weakest moves are the danced, in-view moves of at least ``moves.MIN_MOVE_S`` rated below
GOOD, worst first; each carries advice (``scoring.advice``: a part and a direction), whether
the dancer was later or earlier in it than usual (``scoring.timing``), and, when an arm or leg
fits the pro's other side far better, that the dancer swapped sides. Pure numpy.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from dancelike.scoring import coaching
from dancelike.scoring.advice import advise, swap_sentence, swapped_part
from dancelike.scoring.calibration import judged_score
from dancelike.scoring.coaching import AWAY, GOOD, NOT_DANCED, UNKNOWN, rating
from dancelike.scoring.match import score_pairs
from dancelike.scoring.moves import MIN_MOVE_S, Move
from dancelike.scoring.poses import GROUPS, PoseTrack, mirror_readings, without_parts
from dancelike.scoring.report_rows import RatedMove, WeakMove
from dancelike.scoring.timing import Timing, move_delay

#: A move where the dancer was seen in less than this share of its weight is "away", not weak.
SEEN_SHARE_MIN = 0.5
#: At most this many weakest moves.
WEAKEST_COUNT = 3


@dataclass(frozen=True)
class Judgement:
    """What the report measured per reference frame, as the moves need it."""

    reference: PoseTrack
    performance: PoseTrack  # the reading judged (mirrored when the report is)
    matched: np.ndarray  # performance row per reference frame, -1 where not danced
    danced: np.ndarray
    judged: np.ndarray
    both_found: np.ndarray
    weights: np.ndarray  # frame weights (0 where not judged)
    frame_relative: np.ndarray
    group_relative: np.ndarray  # (n, 6)
    group_weights: np.ndarray  # (n, 6)
    frame_scores: np.ndarray
    group_scores: np.ndarray  # (n, 6), 0 where not in view
    in_view: np.ndarray  # (6,)
    timing: Timing
    mirrored: bool


def _frames(judgement: Judgement, move: Move) -> np.ndarray:
    times = judgement.reference.times
    return (times >= move.start) & (times < move.end)


def rate_moves(moves: list[Move], judgement: Judgement) -> list[RatedMove]:
    """``Report.moves``: start, end, score, rating (or skipped/unknown/away) and danced."""
    rows = []
    for move in moves:
        during = _frames(judgement, move)
        inside = during & judgement.judged
        was_danced = bool(judgement.danced[during].any())
        weights = np.where(inside, judgement.weights, 0.0)
        score = judged_score(judgement.frame_relative, weights, judgement.both_found) if inside.any() else 0.0
        seen = float(weights[judgement.both_found].sum() / weights.sum()) if weights.sum() > 0 else 0.0
        if not was_danced:
            label = NOT_DANCED
        elif not inside.any():
            label = UNKNOWN
        elif seen < SEEN_SHARE_MIN:
            label = AWAY
        else:
            label = rating(score)
        rows.append(RatedMove(round(move.start, 2), round(move.end, 2), round(score, 1), label, was_danced))
    return rows


def _move_parts(judgement: Judgement, frames: np.ndarray) -> dict[str, float | None]:
    """Each judged part's score over a move."""
    parts: dict[str, float | None] = {}
    for g, name in enumerate(GROUPS):
        if not judgement.in_view[g]:
            parts[name] = None
            continue
        weights = np.where(frames, np.maximum(judgement.group_weights[:, g], 1e-6), 0.0)
        parts[name] = judged_score(judgement.group_relative[:, g], weights, judgement.both_found)
    return parts


def _swapped_part(judgement: Judgement, rows: np.ndarray) -> str | None:
    """The dancer's arm or leg used where the pro uses the other one ("You used your right arm
    where the pro uses the left"), from the pose agreement of each arm and leg with the pro's
    same side and with the pro's other side."""
    reference, performance = without_parts(judgement.reference), without_parts(judgement.performance)
    perf_rows = judgement.matched[rows]
    directions, visibility = mirror_readings(performance.directions[perf_rows], performance.visibility[perf_rows])
    flipped = PoseTrack(performance.times[perf_rows], performance.found[perf_rows], directions, visibility, np.zeros((len(rows), 0, 0), np.uint8))
    path = np.stack([rows, perf_rows], axis=1)
    straight = score_pairs(reference, performance, path).groups.mean(axis=0)
    swapped = score_pairs(reference, flipped, np.stack([rows, np.arange(len(rows))], axis=1)).groups.mean(axis=0)
    # A mirrored copy of the whole body (arms and legs both better swapped) is the mirror
    # decision's business: here only the arms or only the legs.
    better = swapped - straight >= 25.0
    arms = better[GROUPS.index("left_arm")] or better[GROUPS.index("right_arm")]
    legs = better[GROUPS.index("left_leg")] or better[GROUPS.index("right_leg")]
    if arms and legs:
        return None
    as_dict = {name: (float(straight[g]), float(swapped[g])) for g, name in enumerate(GROUPS) if judgement.in_view[g]}
    return swapped_part({k: v[0] for k, v in as_dict.items()}, {k: v[1] for k, v in as_dict.items()}, judgement.mirrored)


def weak_move_entry(index: int, row: RatedMove, move: Move, judgement: Judgement) -> WeakMove | None:
    """The weakest-move entry of ``row`` (``Report.weakest``), or ``None`` when it has no
    judged frame where both dancers were seen."""
    frames = _frames(judgement, move) & judgement.judged & judgement.both_found & (judgement.matched >= 0)
    rows = np.flatnonzero(frames)
    if not len(rows):
        return None
    worst = int(rows[np.argmin(judgement.frame_scores[rows])])
    moment = {name: None if not judgement.in_view[g] else round(float(np.nan_to_num(judgement.group_scores[worst, g])), 1) for g, name in enumerate(GROUPS)}
    parts = _move_parts(judgement, frames)
    ref_dirs = judgement.reference.directions[rows]
    perf_dirs = judgement.performance.directions[judgement.matched[rows]]
    advice = advise(parts, ref_dirs, perf_dirs, judgement.group_scores[rows], GOOD, judgement.mirrored)
    # A move's own delay means something only when its shapes are recognisable (OK or better).
    recognisable = judgement.timing.judged and rating(row.score) != "miss"
    when = coaching.move_when(move_delay(judgement.timing, rows), judgement.timing.offset_s) if recognisable else None
    swapped = None if judgement.mirrored else _swapped_part(judgement, rows)
    swap = swap_sentence(swapped) if swapped else None
    text = coaching.move_advice_text(advice, when, swapped)
    return WeakMove(
        **asdict(row),
        move=int(index),
        reference_frame=worst,
        performance_frame=int(max(judgement.matched[worst], 0)),
        parts=moment,
        advice=tuple(advice),
        when=when,
        swapped=swap,
        swapped_part=swapped,
        advice_text=text,
        move_parts={name: None if value is None else round(value, 1) for name, value in parts.items()},
    )


def weakest_moves(moves: list[Move], rows: list[RatedMove], judgement: Judgement, this_dance: bool) -> list[WeakMove]:
    """The danced, in-view moves of at least ``MIN_MOVE_S`` rated below GOOD, worst first;
    none when the performance is not this dance."""
    if not this_dance:
        return []
    candidates = [
        k
        for k, row in enumerate(rows)
        if row.rating not in (NOT_DANCED, AWAY, UNKNOWN) and row.score < GOOD and round(row.score) < GOOD and moves[k].end - moves[k].start >= MIN_MOVE_S - 1e-6
    ]
    weakest = []
    for k in sorted(candidates, key=lambda k: rows[k].score):
        entry = weak_move_entry(k, rows[k], moves[k], judgement)
        if entry is not None:
            weakest.append(entry)
        if len(weakest) >= WEAKEST_COUNT:
            break
    return weakest
