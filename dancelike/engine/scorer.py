"""Live scoring of one analysed camera frame: lag, pairing, frame and part scores, running totals.

The matcher thread calls ``LiveScorer.score`` once per analysed camera frame. Pure computation
on numpy rows (no threads, no I/O), so the benchmark's sequential run does exactly the same work.

* **Lag.** An online DTW (``GrowingAligner``) per reading of the dancer says how far behind the
  reference they are; the frame is compared with the reference at ``position - lag``: the same
  *move*, not the same clock time, so a dancer a beat late is judged on their shapes.
* **Mirror.** With ``mirror="auto"`` both readings (as filmed, and mirrored) are scored in one
  ``score_pairs`` call until ``MIRROR_DECIDE_SECONDS`` of dancing has been seen, then the live
  reading is fixed (mirrored only when it is better by ``LIVE_MIRROR_MARGIN`` points).
  The final report decides again, once, over the whole performance (``offline.choose_reading``).
* **Scores.** ``score_pairs`` on one-row tracks: the very function the report uses, so a live
  frame score means what the report's frame scores mean. The running total weighs frames like
  the report's shape score (by how much the choreography does in them).
"""

from __future__ import annotations

import heapq
import math

import numpy as np

from dancelike.analysis import VideoAnalysis
from dancelike.engine.events import FrameScored, MoveRating
from dancelike.engine.tracks import GrowingAligner, ReferenceTrack, UserTrack, concat
from dancelike.scoring.match import score_pairs
from dancelike.scoring.moves import BAR_BEATS, MAX_MOVE_S, Move, split_moves
from dancelike.scoring.poses import GROUPS, pose_track
from dancelike.scoring.report import rating
from dancelike.vision.body import BodyFrame

#: How much better (points of frame score) the mirrored reading must match live to be believed.
LIVE_MIRROR_MARGIN = 3.0
#: Seconds of frames with a dancer on both sides before the live mirror reading is fixed.
MIRROR_DECIDE_SECONDS = 3.0
#: How far (frames) from the wanted reference moment an analysed reference frame may be.
PAIR_RADIUS = 2
#: The aligners learn reference frames up to this far (seconds) past the playback position.
TEACH_AHEAD_SECONDS = 0.05
_BOTH = np.array([[0, 0], [0, 1]], np.int64)
_ONE = np.array([[0, 0]], np.int64)


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

    def __init__(self, reference: ReferenceTrack, mirror: str, moves: list[Move], user_fps: float) -> None:
        if mirror not in ("auto", "on", "off"):
            raise ValueError(f"mirror must be auto, on or off, not {mirror!r}")
        self.reference = reference
        self.readings = {"auto": [False, True], "on": [True], "off": [False]}[mirror]
        self.decided = mirror != "auto"
        self.mirrored = mirror == "on"
        self.user = UserTrack(with_mirror=mirror != "off")
        self.aligners = {m: GrowingAligner(reference.count, reference.fps) for m in self.readings}
        self._decide_frames = max(1, round(MIRROR_DECIDE_SECONDS * user_fps))
        self._mirror_sums = {m: [0.0, 0] for m in (False, True)}
        self.moves = moves
        self._move_starts = np.array([m.start for m in moves]) if moves else np.zeros(0)
        self._move_sums = np.zeros((len(moves), 2))
        self._total = [0.0, 0.0]
        self.pairs = self.unpaired = 0
        self.lag = 0.0
        self.take = 0
        self._untaught: list[int] = []  # a heap of reference slots filled but not yet taught

    # --- one frame -------------------------------------------------------------------------

    def score(self, body: BodyFrame, position: float, capture_t: float, index: int = -1, take: int = 0) -> FrameScored:
        """Score camera frame ``index``, captured at ``capture_t`` while the reference was at
        ``position``, in ``take`` (a seek starts a new take: the lag is found afresh). The
        matcher stamps the event's ``latency_ms`` when it sends it."""
        if take != self.take:
            self._new_take(take)
        self._sync_reference(position)
        plain, mirrored = self.user.add(body, position, capture_t, index, take)
        rows = {False: plain, True: mirrored}
        lags = {m: aligner.push(rows[m].features[0], position) for m, aligner in self.aligners.items()}
        self.lag = lags[self.mirrored] if self.mirrored in lags else next(iter(lags.values()))
        ref_time = position - self.lag
        index = self.reference.nearest_filled(self.reference.index_of(ref_time), PAIR_RADIUS)
        found = bool(plain.found[0])
        if index is None:
            self.unpaired += 1
            return FrameScored(capture_t, position, ref_time, 0.0, {g: 0.0 for g in GROUPS}, self.total, self.lag, None, self.mirrored, found, 0.0, paired=False)
        ref_row = self.reference.row(index)
        if len(self.readings) == 2 and mirrored is not None:
            pairs = score_pairs(ref_row, concat([plain, mirrored]), _BOTH)
            if not self.decided:
                self._weigh_mirror(pairs.frame, bool(ref_row.found[0]) and found)
            pick = 1 if self.mirrored else 0
        else:
            pairs = score_pairs(ref_row, rows[self.readings[0]], _ONE)
            pick = 0
        frame_score, weight = float(pairs.frame[pick]), float(pairs.weight[pick])
        if ref_row.found[0]:  # the report judges only frames where the reference shows a dancer
            self._total[0] += frame_score * weight
            self._total[1] += weight
        self.pairs += 1
        move = self._rate_move(float(ref_row.times[0]), frame_score, weight, bool(ref_row.found[0]))
        parts = {g: round(float(v), 1) for g, v in zip(GROUPS, pairs.groups[pick])}
        return FrameScored(capture_t, position, ref_time, frame_score, parts, self.total, self.lag, move, self.mirrored, found, 0.0)

    @property
    def total(self) -> float:
        return self._total[0] / self._total[1] if self._total[1] > 0 else 0.0

    # --- helpers ---------------------------------------------------------------------------

    def _new_take(self, take: int) -> None:
        """After a seek the dancer starts over somewhere else: the old lag means nothing there,
        so the aligners start afresh, knowing every reference frame analysed so far."""
        self.take, self.lag = take, 0.0
        self.aligners = {m: GrowingAligner(self.reference.count, self.reference.fps) for m in self.aligners}
        self.reference.take_new()  # every filled slot is taught afresh, as the position reaches it
        self._untaught = [int(index) for index in np.flatnonzero(self.reference.filled)]

    def _sync_reference(self, position: float) -> None:
        """Teach the aligners the reference frames analysed since the last frame, up to the
        playback ``position``. A cached analysis is known ahead of it, but a dance repeats its
        moves: frames the dancer cannot have seen yet would only offer the aligner a wrong
        repetition to lock on to (as live analysis never does)."""
        for index in self.reference.take_new():
            heapq.heappush(self._untaught, index)
        limit = self.reference.index_of(position + TEACH_AHEAD_SECONDS)
        while self._untaught and self._untaught[0] <= limit:
            index = heapq.heappop(self._untaught)
            feature = self.reference.directions[index].reshape(-1)
            for aligner in self.aligners.values():
                aligner.set_frame(index, feature)

    def _weigh_mirror(self, frame_scores: np.ndarray, both_found: bool) -> None:
        if not both_found:
            return
        for m, value in ((False, frame_scores[0]), (True, frame_scores[1])):
            self._mirror_sums[m][0] += float(value)
            self._mirror_sums[m][1] += 1
        seen = self._mirror_sums[False][1]
        plain_mean = self._mirror_sums[False][0] / seen
        mirror_mean = self._mirror_sums[True][0] / seen
        self.mirrored = mirror_mean > plain_mean + LIVE_MIRROR_MARGIN
        if seen >= self._decide_frames:
            self.decided = True
            keep = self.mirrored
            self.readings = [keep]
            self.aligners = {keep: self.aligners[keep]}

    def _rate_move(self, ref_time: float, score: float, weight: float, judged: bool) -> MoveRating | None:
        if not len(self._move_starts):
            return None
        index = int(np.searchsorted(self._move_starts, ref_time, side="right")) - 1
        if index < 0:
            return None
        if judged:
            self._move_sums[index] += (score * weight, weight)
        total, weights = self._move_sums[index]
        move_score = total / weights if weights > 0 else 0.0
        move = self.moves[index]
        return MoveRating(index, move.start, move.end, round(move_score, 1), rating(move_score))
