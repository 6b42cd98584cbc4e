"""Live scoring of one analysed camera frame: lag, pairing, frame and part scores, running totals.

The matcher thread calls ``LiveScorer.score`` once per analysed camera frame. Pure computation
on numpy rows (no threads, no I/O), so the benchmark's sequential run does exactly the same work.

* **Lag.** An online DTW (``GrowingAligner``) per reading of the dancer says how far behind the
  reference they are; the frame is compared with the reference at ``position - lag``: the same
  *move*, not the same clock time, so a dancer a beat late is judged on their shapes.
* **Mirror.** With ``mirror="auto"`` both readings (as filmed, and mirrored) are scored in one
  ``score_pairs`` call until ``MIRROR_DECIDE_SECONDS`` of dancing that shows the pro's side has
  been seen (each frame counted by how much a mirror changes the pro's pose: standing does not),
  then the live reading is fixed (mirrored only when it is better by ``LIVE_MIRROR_MARGIN`` points).
  The final report decides again, once, over the whole performance (``scoring.mirror.choose_reading``).
* **Scores.** As the report makes them (``scoring.calibration``): the pose agreement of
  ``score_pairs`` on one-row tracks (limb directions) and the movement agreement of the last
  ``movement.WINDOW_S`` seconds (``movement.window_agreement``: the dancer's recent frames
  against the reference frames they were matched to), placed between the reference's chance
  level and a perfect copy and put through the same curve. The running total weighs frames like
  the report's shape score, and time out of view earns nothing. A body part that one of the two
  videos does not show is ``None`` (greyed out), as in the report.
"""

from __future__ import annotations

import bisect
import heapq
import math

import numpy as np

from dancelike.engine.cues import LiveCoach
from dancelike.engine.events import FrameScored, MoveRating
from dancelike.engine.tracks import GrowingAligner, ReferenceTrack, UserTrack, concat
from dancelike.scoring.calibration import DEFAULT_CHANCE, Chance, relative, score_curve
from dancelike.scoring.match import frame_from_groups, score_pairs
from dancelike.scoring.mirror import Mirror, mirror_evidence, readings_to_try
from dancelike.scoring.movement import JOINTS, WINDOW_S, joints_and_seen, window_agreement
from dancelike.scoring.moves import BAR_BEATS, MAX_MOVE_S, Move, split_moves
from dancelike.scoring.poses import GROUPS, IN_VIEW_SHARE, IN_VIEW_VISIBILITY, LIMB_GROUP, PoseTrack, pose_track, without_parts
from dancelike.scoring.report import rating
from dancelike.vision.body import BodyFrame
from dancelike.vision.video_analysis import VideoAnalysis

#: How much better (points of frame score) the mirrored reading must match live to be believed.
LIVE_MIRROR_MARGIN = 3.0
#: Seconds of frames that show which side the pro uses (``SIDED_EVIDENCE``), with a dancer on
#: both sides, before the live mirror reading is fixed.
MIRROR_DECIDE_SECONDS = 3.0
#: A frame shows which side the pro uses when its mirror evidence (``scoring.mirror.mirror_evidence``:
#: how much a mirror changes the pro's pose there) is at least this. Measured (2026-12-07, mean per
#: frame): the synthetic dancers 0.11, filmed dances 0.31-0.47; standing 0.0003 (synthetic),
#: 0.013 (filmed), 0.02 with an arm held a little out: a still intro does not decide the mirror
#: (it did, on how two people happened to stand).
SIDED_EVIDENCE = 0.05
#: ... but a dance that hardly shows which side it uses is fixed after this many seconds with a
#: dancer on both sides, on what it did show (as filmed, when under a second of it).
MIRROR_DECIDE_LATEST_SECONDS = 30.0
#: How far (frames) from the wanted reference moment an analysed reference frame may be.
PAIR_RADIUS = 2
#: The aligners learn reference frames up to this far (seconds) past the playback position.
TEACH_AHEAD_SECONDS = 0.05
_BOTH = np.array([[0, 0], [0, 1]], np.int64)
_ONE = np.array([[0, 0]], np.int64)
_NO_PARTS = np.zeros((0, 0, 0), np.uint8)
#: The first limb of each group: ``LIMB_GROUP`` lists each group's limbs together, in group order.
_GROUP_STARTS = np.flatnonzero(np.diff(LIMB_GROUP, prepend=-1))
assert np.array_equal(LIMB_GROUP[_GROUP_STARTS], np.arange(len(GROUPS))), "each group's limbs together, in order"


def live_moves(duration: float, fps: float, beats: np.ndarray | None, cached: VideoAnalysis | None) -> list[Move]:
    """The reference's moves before it has been seen: from the music's bars as the report finds
    them; else from a cached analysis' motion; else equal pieces of at most ``MAX_MOVE_S``."""
    if beats is not None and len(beats) >= 2 * BAR_BEATS:
        return split_moves(np.arange(max(2, int(duration * fps))) / fps, np.zeros((0, 0)), beats)
    if cached is not None and len(cached.frames) >= 2:
        reference = pose_track(cached.frames, with_parts=False)
        return split_moves(reference.times, reference.features, None)
    pieces = max(1, math.ceil(duration / MAX_MOVE_S))
    return [Move(round(duration * k / pieces, 3), round(duration * (k + 1) / pieces, 3)) for k in range(pieces)]


class LiveScorer:
    """Scores camera frames against a ``ReferenceTrack`` as they arrive (one thread)."""

    def __init__(self, reference: ReferenceTrack, mirror: Mirror | str, moves: list[Move], user_fps: float, chance: Chance | None = None) -> None:
        if mirror not in tuple(Mirror):
            raise ValueError(f"mirror must be auto, on or off, not {mirror!r}")
        self.reference = reference
        self.readings = readings_to_try(mirror)
        self.decided = Mirror(mirror) is not Mirror.AUTO
        self.mirrored = mirror == "on"
        self.user = UserTrack(with_mirror=mirror != "off")
        self.aligners = {m: GrowingAligner(reference.count, reference.fps) for m in self.readings}
        self._decide_frames = max(1, round(MIRROR_DECIDE_SECONDS * user_fps))
        self._decide_latest = max(1, round(MIRROR_DECIDE_LATEST_SECONDS * user_fps))
        self._mirror_sums = {m: 0.0 for m in (False, True)}  # pose score x evidence, per reading
        self._mirror_evidence = 0.0
        self._mirror_frames = self._sided_frames = 0
        self.moves = moves
        self._move_starts = [float(m.start) for m in moves]
        self._move_sums = np.zeros((len(moves), 3))
        self.pairs = self.unpaired = 0
        self.lag = 0.0
        self.take = 0
        self._untaught: list[int] = []  # a heap of reference slots filled but not yet taught
        self._fills_read = 0  # how many of the reference's fills were read
        self.chance = chance or DEFAULT_CHANCE
        # the last WINDOW_S of reference slots and the dancer's joints and seen flags per
        # reading, in ring buffers (``_kept`` frames, the next written at ``_head``)
        self._window = window = max(3, round(WINDOW_S * user_fps))
        self._slots = np.zeros(window, np.int64)
        self._joints = np.zeros((2, window, len(JOINTS), 2))  # [reading] (False, True)
        self._seen = np.zeros((2, window, len(JOINTS)), bool)
        self._kept = self._head = 0
        self._last_readings: tuple[bool, ...] = ()
        self._view_counts = np.zeros(len(GROUPS))  # frames in which each group was in view on both sides
        self._view_frames = 0
        self._sums = np.zeros(3)  # relative agreement x weight where seen, that weight, all weight
        self.coach = LiveCoach()

    # --- one frame -------------------------------------------------------------------------

    def score(self, body: BodyFrame, position: float, capture_t: float, index: int = -1, take: int = 0) -> FrameScored:
        """Score camera frame ``index``, captured at ``capture_t`` while the reference was at
        ``position``, in ``take`` (a seek starts a new take: the lag is found afresh). The
        matcher stamps the event's ``latency_ms`` when it sends it."""
        if take != self.take:
            self._new_take(take)
        self._sync_reference(position)
        plain, mirrored = self.user.add(body, position, capture_t, index, take)
        lags: dict[bool, float] = {}
        for m, aligner in self.aligners.items():
            reading = mirrored if m else plain
            assert reading is not None  # the mirrored reading is aligned only when the user track keeps one
            lags[m] = aligner.push(reading.features[0], position)
        self.lag = lags[self.mirrored] if self.mirrored in lags else next(iter(lags.values()))
        ref_time = position - self.lag
        slot = self.reference.nearest_filled(self.reference.index_of(ref_time), PAIR_RADIUS)
        found = bool(plain.found[0])
        if slot is None:
            self.unpaired += 1
            return FrameScored(capture_t, position, ref_time, 0.0, {g: 0.0 for g in GROUPS}, self.total, self.lag, None, self.mirrored, found, 0.0, paired=False)
        ref_row = without_parts(self.reference.row(slot))
        rows = {False: plain, True: mirrored}
        self._remember(slot, rows)
        if len(self.readings) == 2 and mirrored is not None:
            pairs = score_pairs(ref_row, concat([plain, mirrored]), _BOTH)
            if not self.decided:
                self._weigh_mirror(pairs.frame, ref_row, bool(ref_row.found[0]) and found)
            pick = 1 if self.mirrored else 0
        else:
            reading = rows[self.readings[0]]
            assert reading is not None  # as above: a single mirrored reading means the track keeps it
            pairs = score_pairs(ref_row, reading, _ONE)
            pick = 0
        chosen = rows[self.mirrored]
        in_view = self._in_view(ref_row, chosen if chosen is not None else plain)
        movement_frame, movement_groups = self._movement()
        both = bool(ref_row.found[0]) and found
        pose = frame_from_groups(pairs.groups[pick : pick + 1], pairs.group_weights[pick : pick + 1], in_view)
        frame_relative = float(relative(pose, np.array([movement_frame]), self.chance)[0]) if both else -1.0
        group_relative = relative(pairs.groups[pick], movement_groups, self.chance) if both else np.full(len(GROUPS), -1.0)
        frame_score = float(score_curve(frame_relative))
        weight = float((pairs.group_weights[pick] * in_view).sum())
        if ref_row.found[0]:  # the report judges only frames where the reference shows a dancer
            self._sums += (frame_relative * weight if both else 0.0, weight if both else 0.0, weight)
        self.pairs += 1
        move = self._rate_move(float(ref_row.times[0]), frame_relative, weight, bool(ref_row.found[0]), both)
        curve = score_curve(group_relative).tolist()
        parts = {g: round(curve[k], 1) if in_view[k] else None for k, g in enumerate(GROUPS)}
        cue = self.coach.add(capture_t, ref_row.directions[0], (chosen if chosen is not None else plain).directions[0], parts, self.mirrored) if both else self.coach.cue
        return FrameScored(capture_t, position, ref_time, frame_score, parts, self.total, self.lag, move, self.mirrored, found, 0.0, cue=cue)

    @property
    def total(self) -> float:
        """The running score as the report makes it: the curve over the mean relative agreement
        where the dancer was seen, times the share of the time they were."""
        return _judged(*self._sums)

    # --- helpers ---------------------------------------------------------------------------

    def _new_take(self, take: int) -> None:
        """After a seek the dancer starts over somewhere else: the old lag means nothing there,
        so the aligners start afresh, knowing every reference frame analysed so far."""
        self.take, self.lag = take, 0.0
        self.coach.reset()
        self.aligners = {m: GrowingAligner(self.reference.count, self.reference.fps) for m in self.aligners}
        _, self._fills_read = self.reference.fills_since(self._fills_read)  # every filled slot is taught afresh, as the position reaches it
        self._untaught = [int(index) for index in np.flatnonzero(self.reference.filled)]

    def _sync_reference(self, position: float) -> None:
        """Teach the aligners the reference frames analysed since the last frame, up to the
        playback ``position``. A cached analysis is known ahead of it, but a dance repeats its
        moves: frames the dancer cannot have seen yet would only offer the aligner a wrong
        repetition to lock on to (as live analysis never does)."""
        new, self._fills_read = self.reference.fills_since(self._fills_read)
        for index in new:
            heapq.heappush(self._untaught, index)
        limit = self.reference.index_of(position + TEACH_AHEAD_SECONDS)
        while self._untaught and self._untaught[0] <= limit:
            index = heapq.heappop(self._untaught)
            feature = self.reference.directions[index].reshape(-1)
            for aligner in self.aligners.values():
                aligner.set_frame(index, feature)

    def _remember(self, index: int, rows: dict[bool, PoseTrack | None]) -> None:
        """Keep this frame's joints and its reference slot for the movement window: of each
        reading while the mirror is undecided, then of the chosen one only (the only one read)."""
        readings = tuple(m for m, row in rows.items() if row is not None and (not self.decided or m == self.mirrored))
        both = [rows[m] for m in readings]
        found = np.concatenate([row.found for row in both])  # type: ignore[union-attr]  # readings are the rows kept
        directions = np.concatenate([row.directions for row in both])  # type: ignore[union-attr]
        visibility = np.concatenate([row.visibility for row in both])  # type: ignore[union-attr]
        joints, seen = joints_and_seen(PoseTrack(found, found, directions, visibility, _NO_PARTS))  # both readings in one call (times unread)
        at = self._head
        self._slots[at] = index
        for k, m in enumerate(readings):
            self._joints[int(m), at] = joints[k]
            self._seen[int(m), at] = seen[k]
        self._head = (at + 1) % self._window
        self._kept = min(self._kept + 1, self._window)
        self._last_readings = readings

    def _movement(self) -> tuple[float, np.ndarray]:
        """Movement agreement of the recent window (frame and groups; NaN while too short)."""
        if self._kept < max(3, self._window // 2):  # too short a movement to judge
            return float("nan"), np.full(len(GROUPS), np.nan)
        order = (np.arange(self._head - self._kept, self._head)) % self._window  # oldest first
        slots = self._slots[order]
        reading = int(self.mirrored if self.mirrored in self._last_readings else False)
        dancer = self._joints[reading, order][None]
        dancer_seen = self._seen[reading, order][None]
        reference, reference_seen = self.reference.joints_of(slots)
        reference, reference_seen = reference[None], reference_seen[None]
        valid = ~np.isnan(reference[..., 0]) & ~np.isnan(dancer[..., 0])
        frame, groups, _ = window_agreement(reference, dancer, valid, reference_seen & dancer_seen)
        return float(frame[0]), groups[0]

    def _in_view(self, reference: PoseTrack, dancer: PoseTrack) -> np.ndarray:
        """(6,) the groups both sides have shown in at least ``IN_VIEW_SHARE`` of the frames so far
        (all of them until a second of frames has been seen)."""
        visible = np.clip(np.concatenate([reference.visibility[:1], dancer.visibility[:1]]), 0.0, 1.0) >= IN_VIEW_VISIBILITY
        shown = np.logical_and.reduceat(visible, _GROUP_STARTS, axis=1) & np.concatenate([reference.found[:1], dancer.found[:1]])[:, None]
        self._view_counts += shown[0] & shown[1]
        self._view_frames += 1
        if self._view_frames < self._window // 2:
            return np.ones(len(GROUPS), bool)
        in_view = self._view_counts >= IN_VIEW_SHARE * self._view_frames
        return in_view if in_view.any() else np.ones(len(GROUPS), bool)

    def _weigh_mirror(self, frame_scores: np.ndarray, reference_row: PoseTrack, both_found: bool) -> None:
        """Both readings' pose scores, each frame counted by its mirror evidence; the reading is
        as filmed until a second of frames has shown the pro's side, fixed after
        ``MIRROR_DECIDE_SECONDS`` of them (or ``MIRROR_DECIDE_LATEST_SECONDS`` of any)."""
        if not both_found:
            return
        evidence = float(mirror_evidence(reference_row)[0])
        for m, value in ((False, frame_scores[0]), (True, frame_scores[1])):
            self._mirror_sums[m] += evidence * float(value)
        self._mirror_evidence += evidence
        self._mirror_frames += 1
        self._sided_frames += int(evidence >= SIDED_EVIDENCE)
        if self._sided_frames >= self._decide_frames / MIRROR_DECIDE_SECONDS:
            plain_mean = self._mirror_sums[False] / self._mirror_evidence
            mirror_mean = self._mirror_sums[True] / self._mirror_evidence
            self.mirrored = mirror_mean > plain_mean + LIVE_MIRROR_MARGIN
        if self._sided_frames >= self._decide_frames or self._mirror_frames >= self._decide_latest:
            self.decided = True
            keep = self.mirrored
            self.readings = [keep]
            self.aligners = {keep: self.aligners[keep]}

    def _rate_move(self, ref_time: float, frame_relative: float, weight: float, judged: bool, seen: bool) -> MoveRating | None:
        if not self._move_starts:
            return None
        index = bisect.bisect_right(self._move_starts, ref_time) - 1
        if index < 0:
            return None
        if judged:
            self._move_sums[index] += (frame_relative * weight if seen else 0.0, weight if seen else 0.0, weight)
        move_score = _judged(*self._move_sums[index])
        move = self.moves[index]
        return MoveRating(index, move.start, move.end, round(move_score, 1), rating(move_score))


def _judged(relative_sum: float, seen_weight: float, all_weight: float) -> float:
    """The report's way (``calibration.judged_score``) from running sums: the curve over the mean
    relative agreement where the dancer was seen, times the share of the weight they were seen."""
    if seen_weight <= 0 or all_weight <= 0:
        return 0.0
    return float(score_curve(relative_sum / seen_weight)) * seen_weight / all_weight
