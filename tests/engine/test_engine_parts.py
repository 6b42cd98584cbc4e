"""The live engine's parts on data made here: the event queue, the growing aligner, the live scorer
and the takes of a practice session (the sessions themselves: ``test_session.py``)."""

from __future__ import annotations

import numpy as np
import pytest

from dancelike.engine import (
    EventQueue,
    FrameScored,
    RecorderFailed,
    SessionState,
    StateChanged,
)
from dancelike.engine.scorer import LiveScorer
from dancelike.engine.stages import CACHE_BATCH_SECONDS, CACHE_LOOKAHEAD_SECONDS, ReferenceStage
from dancelike.engine.tracks import GrowingAligner, ReferenceTrack, row_of
from dancelike.scoring.calibration import DEFAULT_CHANCE, relative, score_curve
from dancelike.scoring.match import score_pairs
from dancelike.scoring.movement import joints_and_seen
from dancelike.scoring.online import OnlineAligner
from dancelike.scoring.poses import PoseTrack, pose_track, without_parts
from dancelike.scoring.takes import align_pieces, latest_pieces, subset
from dancelike.vision.body import NUM_PARTS, BodyFrame, FrameColumns, Roi
from dancelike.vision.video_analysis import VideoAnalysis

FPS = 30


def test_event_queue_drops_only_droppable_events_when_full() -> None:
    queue = EventQueue(maxsize=3)
    score = FrameScored(0.0, 0.0, 0.0, 50.0, {}, 50.0, 0.0, None, False, True, 10.0)
    queue.put(StateChanged(SessionState.RUNNING))
    for _ in range(4):
        queue.put(score)
    queue.put(RecorderFailed("disk full", 3))
    items = queue.drain()
    assert queue.dropped == 3 and isinstance(items[0], StateChanged) and isinstance(items[-1], RecorderFailed)
    for _ in range(3):
        queue.put(StateChanged(SessionState.PAUSED))
    queue.put(score)  # full of events that must stay: the frame score yields
    assert len(queue) == 3 and queue.dropped == 4
    queue.close()
    assert len(queue.drain()) == 3 and queue.get(timeout=0) is None


def _walk(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    angles = np.cumsum(rng.normal(0, 0.15, (n, 12)), axis=0)
    return np.stack([np.cos(angles), np.sin(angles)], axis=2).reshape(n, 24)


def test_growing_aligner_matches_the_full_aligner_once_it_has_the_frames() -> None:
    fps, n = 30.0, 240
    reference = _walk(n, 0)
    performance = np.vstack([reference[:6], reference[:-6]])  # the dancer is 6 frames late
    full = OnlineAligner(reference, fps)
    growing = GrowingAligner(n, fps)
    for j in range(n):
        growing.set_frame(j, reference[j])  # the reference frame showing at this moment
        assert growing.push(performance[j], j / fps) == pytest.approx(full.push(performance[j], j / fps), abs=2 / fps)
    assert growing.lag == pytest.approx(6 / fps, abs=1 / fps)


def test_live_scores_are_score_pairs_of_the_same_rows() -> None:
    """A live frame score is made from ``score_pairs`` of the very rows the report uses, placed
    against chance and put through the report's curve; a dancer who copies exactly scores 100."""
    rng = np.random.default_rng(3)
    base = np.array([[320 + 60 * np.cos(a), 240 + 120 * np.sin(a), 0.0, 0.95] for a in np.linspace(0, 6, 33)], np.float32)
    bodies = [BodyFrame(k / FPS, 640, 480, base + rng.normal(0, 3, base.shape).astype(np.float32) * [1, 1, 0, 0], 0.99) for k in range(40)]
    track = ReferenceTrack(40, FPS)
    for k, body in enumerate(bodies):
        track.fill(k, row_of(body, body.t))
    scorer = LiveScorer(track, "off", [], FPS)
    dancer = [BodyFrame(k / FPS, 640, 480, bodies[k].landmarks[::-1].copy(), 0.99) for k in range(40)]
    for k, body in enumerate(dancer):
        live = scorer.score(body, k / FPS, k / FPS)
        assert live.paired
        if k < 2:  # no movement window yet: the pose alone decides
            j = track.index_of(live.ref_time)
            pose = score_pairs(without_parts(pose_track([bodies[j]])), without_parts(pose_track([body])), np.array([[0, 0]]))
            assert live.score == pytest.approx(float(score_curve(relative(pose.frame, np.array([np.nan]), DEFAULT_CHANCE)[0])))
    plain, mirrored = scorer.user.tracks()
    assert mirrored is None and np.allclose(plain.features, pose_track(dancer).features, equal_nan=True)

    # a dancer whose limbs sweep round (a clear movement), copied exactly
    swept = []
    for k in range(40):
        points = base.copy()
        angle = 0.6 * np.sin(k / 6.0) * (np.arange(33) % 2)  # every other landmark swings to and fro
        points[:, 0] = 320 + (base[:, 0] - 320) * np.cos(angle) - (base[:, 1] - 240) * np.sin(angle)
        points[:, 1] = 240 + (base[:, 0] - 320) * np.sin(angle) + (base[:, 1] - 240) * np.cos(angle)
        swept.append(BodyFrame(k / FPS, 640, 480, points, 0.99))
    moving = ReferenceTrack(40, FPS)
    for k, body in enumerate(swept):
        moving.fill(k, row_of(body, body.t))
    copier = LiveScorer(moving, "off", [], FPS)
    copies = [copier.score(body, k / FPS, k / FPS) for k, body in enumerate(swept)]
    assert min(event.score for event in copies[5:]) > 99.0 and copier.total > 99.0


def test_two_players_scorers_both_learn_every_reference_frame_as_it_is_analysed() -> None:
    """Two players' scorers read one reference track that fills while the dance plays: each
    learns every frame (the first to read once took them all, and the second's lag ran away)."""
    base = np.array([[320 + 60 * np.cos(a), 240 + 120 * np.sin(a), 0.0, 0.95] for a in np.linspace(0, 6, 33)], np.float32)
    swept = []
    for k in range(60):
        points = base.copy()
        angle = 0.6 * np.sin(k / 6.0) * (np.arange(33) % 2)
        points[:, 0] = 320 + (base[:, 0] - 320) * np.cos(angle) - (base[:, 1] - 240) * np.sin(angle)
        points[:, 1] = 240 + (base[:, 0] - 320) * np.sin(angle) + (base[:, 1] - 240) * np.cos(angle)
        swept.append(BodyFrame(k / FPS, 640, 480, points, 0.99))
    track = ReferenceTrack(60, FPS)
    players = [LiveScorer(track, "off", [], FPS), LiveScorer(track, "off", [], FPS)]
    for k, body in enumerate(swept):
        track.fill(k, row_of(body, body.t))  # the reference analyser, one frame ahead of each score
        for scorer in players:
            scorer.score(body, k / FPS, k / FPS)
    assert players[0].total > 99.0 and players[1].total == pytest.approx(players[0].total, abs=0.5)
    assert abs(players[1].lag) < 2 / FPS


def test_cached_rows_prepared_a_second_at_a_time_are_pose_track_rows() -> None:
    """A cached reference's rows are prepared a second past the lookahead at once, without part
    maps (made from the cached frame if read): the track holds exactly ``pose_track``'s rows,
    part maps and the movement window's joints included, as one by one did."""
    rng = np.random.default_rng(7)
    base = np.array([[320 + 60 * np.cos(a), 240 + 120 * np.sin(a), 0.0, 0.95] for a in np.linspace(0, 6, 33)], np.float32)
    frames = [
        BodyFrame(k / FPS, 640, 480)
        if k % 17 == 5  # nobody in these
        else BodyFrame(
            k / FPS,
            640,
            480,
            (base + rng.normal(0, 4, base.shape) * [1, 1, 0, 0]).astype(np.float32),
            0.9,
            Roi(320, 250, 300, 0.1 * k),
            None,
            rng.integers(0, NUM_PARTS, (128, 128)).astype(np.uint8),
        )
        for k in range(100)
    ]
    track = ReferenceTrack(len(frames), FPS)
    stage = ReferenceStage(None, track, VideoAnalysis(FPS, 640, 480, FrameColumns.of(frames, 640, 480)), lambda *_: None)  # type: ignore[arg-type]  # no player: rows only
    stage._prepare_cached(CACHE_LOOKAHEAD_SECONDS)  # before the clock starts
    assert track.filled.sum() == track.index_of(CACHE_LOOKAHEAD_SECONDS) + 1
    stage._prepare_cached(0.1 + CACHE_LOOKAHEAD_SECONDS, 0.1, CACHE_BATCH_SECONDS)  # the lookahead wants one more: a second more comes
    assert track.filled.sum() == track.index_of(0.1 + CACHE_LOOKAHEAD_SECONDS + CACHE_BATCH_SECONDS) + 1
    stage.fill_remaining(len(frames) / FPS)
    expected, kept = pose_track(frames), track.track()
    for name in ("times", "found", "directions", "visibility", "parts"):
        np.testing.assert_array_equal(np.asarray(getattr(kept, name)), getattr(expected, name), err_msg=name)
    joints, seen = joints_and_seen(expected)
    np.testing.assert_array_equal(track.joints, joints)
    np.testing.assert_array_equal(track.joint_seen, seen)


# --- practice: seek, loop, speed -------------------------------------------------------------------


def test_latest_take_wins_and_unreached_frames_are_left_out() -> None:
    fps, count = 10.0, 100
    # take 0 plays 0-6 s; take 1 loops 2-4 s; take 2 jumps to 8-9 s
    positions = np.concatenate([np.arange(0, 6, 0.1), np.arange(2, 4, 0.1), np.arange(8, 9, 0.1)])
    takes = np.concatenate([np.zeros(60), np.ones(20), np.full(10, 2)]).astype(int)
    pieces = latest_pieces(takes, positions, fps, count)
    assert [(p.take, p.ref_start, p.ref_end) for p in pieces] == [(0, 0, 20), (1, 20, 40), (0, 40, 60), (2, 80, 90)]
    assert all(np.all(takes[p.rows] == p.take) for p in pieces)
    ref = _walk(count, 5)
    reference = PoseTrack(np.arange(count) / fps, np.ones(count, bool), ref.reshape(count, 12, 2), np.ones((count, 12)), np.zeros((count, 0, 0), np.uint8))
    rows = np.clip(np.round(positions * fps).astype(int), 0, count - 1)
    performance = subset(reference, rows)  # a dancer exactly on the reference in every take
    order, path = align_pieces(reference, performance, pieces, band=10, missing_cost=2.5)
    assert np.all(np.diff(path[:, 0]) >= 0) and np.all(np.diff(path[:, 1]) >= 0)
    assert set(path[:, 0]) == set(range(0, 60)) | set(range(80, 90))
    assert np.array_equal(rows[order][path[:, 1]], path[:, 0])  # each frame matched with itself
