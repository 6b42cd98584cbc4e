"""Scoring on poses built by hand: matching, mirroring, timing, moves, beats, cache."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hand_poses import FPS, frames, skeleton

from dancelike.scoring.beats import beat_times
from dancelike.scoring.match import score_pairs
from dancelike.scoring.moves import split_moves
from dancelike.scoring.poses import FEATURE_SIZE, mirror_landmarks, pose_track
from dancelike.scoring.report import Report, build_report, grade, rating
from dancelike.store import analysis_cache
from dancelike.vision.body import BodyFrame, Roi
from dancelike.vision.video_analysis import VideoAnalysis


def diagonal(count: int) -> np.ndarray:
    return np.stack([np.arange(count)] * 2, axis=1)


def test_same_poses_score_100() -> None:
    track = pose_track(frames(60))
    scores = score_pairs(track, track, diagonal(60))
    assert np.allclose(scores.frame, 100.0)
    assert scores.groups.shape == (60, 6)


def test_position_and_size_do_not_matter() -> None:
    reference = pose_track(frames(60))
    moved = pose_track(frames(60, x0=220.0, size=1.6))
    assert score_pairs(reference, moved, diagonal(60)).frame.min() > 99.0


def test_different_arms_score_low_and_only_where_they_differ() -> None:
    reference = pose_track(frames(60))
    other = pose_track(frames(60, arm_phase=math.pi))
    scores = score_pairs(reference, other, diagonal(60))
    groups = scores.groups.mean(axis=0)
    assert groups[2] < 60 and groups[3] < 60  # arms
    assert groups[4] > 95 and groups[5] > 95  # legs unchanged


def test_mirror_twice_is_identity_and_mirrored_copy_matches_when_mirrored() -> None:
    lm = skeleton(0.3, lean=12.0)
    assert np.allclose(mirror_landmarks(mirror_landmarks(lm)), lm)
    reference = frames(40, lean=12.0)
    copy = [BodyFrame(b.t, 640, 480, mirror_landmarks(b.landmarks).astype(np.float32), 1.0) for b in reference]
    ref_track = pose_track(reference)
    assert score_pairs(ref_track, pose_track(copy), diagonal(40)).frame.mean() < 90.0
    assert score_pairs(ref_track, pose_track(copy, mirror=True), diagonal(40)).frame.min() > 99.0


def test_nobody_scores_zero_and_features_are_nan() -> None:
    empty = [BodyFrame(i / FPS, 640, 480) for i in range(10)]
    track = pose_track(empty)
    assert track.features.shape == (10, FEATURE_SIZE) and np.isnan(track.features).all()
    assert np.all(score_pairs(pose_track(frames(10)), track, diagonal(10)).frame == 0.0)


def test_report_recovers_delay_and_tempo() -> None:
    count = 300
    reference = pose_track(frames(count))
    performance = pose_track(frames(360, warp=(0.4, 0.9)))  # 0.4 s late, at 0.9x tempo
    ref_idx = np.arange(count)
    perf_idx = np.round((ref_idx / FPS / 0.9 + 0.4) * FPS).astype(int)
    report = build_report(reference, performance, np.stack([ref_idx, perf_idx], 1), FPS, mirrored=False)
    assert abs(report.tempo_ratio - 0.9) < 0.01
    assert report.timing_offset_ms > 400  # 0.4 s at the start, growing as the tempo lags
    assert report.shape > 97
    assert len(report.timeline) >= 2 * count / FPS - 1
    json = report.to_json()
    assert set(json) >= {"score", "grade", "shape", "timing", "mirrored", "timing_offset_ms", "tempo_ratio", "parts", "timeline", "moves", "weakest", "warnings"}
    assert all(move["rating"] in ("perfect", "great", "good", "ok", "miss") for move in json["moves"])


def test_report_warns_when_the_dancer_leaves_the_frame() -> None:
    reference = frames(150)
    performance = frames(150)
    performance[30:120] = [BodyFrame(b.t, 640, 480) for b in performance[30:120]]
    report = build_report(pose_track(reference), pose_track(performance), diagonal(150), FPS, mirrored=False)
    assert any("out of frame for 3 s" in warning for warning in report.warnings), report.warnings
    assert 10.0 < report.score < 60.0


def test_report_without_anybody_warns_and_scores_zero() -> None:
    empty = [BodyFrame(i / FPS, 640, 480) for i in range(90)]
    report = build_report(pose_track(frames(90)), pose_track(empty), diagonal(90), FPS, mirrored=False)
    assert report.score == 0.0 and report.grade == "D"
    assert any("no dancer found in your video" in warning for warning in report.warnings)


def test_ratings_and_grades() -> None:
    assert [rating(s) for s in (95, 85, 70, 50, 10)] == ["perfect", "great", "good", "ok", "miss"]
    assert [grade(s) for s in (92, 81, 66, 51, 3)] == ["S", "A", "B", "C", "D"]


def test_moves_follow_bars_when_there_are_beats() -> None:
    times = np.arange(0, 20, 1 / FPS)
    beats = np.arange(0.5, 20, 0.5)  # 120 BPM: a bar of four beats is 2 s
    moves = split_moves(times, np.zeros((len(times), FEATURE_SIZE)), beats)
    starts = [move.start for move in moves]
    # the 0.5 s before the first beat is no move of its own: it joins the first bar
    assert starts[:3] == [0.0, 2.5, 4.5] and 0.5 not in starts
    assert all(1.0 <= move.end - move.start <= 4.5 + 1e-6 for move in moves)


def test_a_short_last_move_joins_the_one_before() -> None:
    times = np.arange(0, 15.2, 1 / FPS)  # the video ends 0.7 s into a bar
    moves = split_moves(times, np.zeros((len(times), FEATURE_SIZE)), np.arange(0.5, 15.2, 0.5))
    assert moves[-1].start == 12.5 and moves[-1].end == pytest.approx(15.2, abs=0.05)
    assert all(move.end - move.start >= 1.0 for move in moves)


def test_moves_follow_pauses_without_beats() -> None:
    times = np.arange(0, 12, 1 / FPS)
    # Motion that stops every 3 s.
    speed = np.abs(np.sin(np.pi * times / 3.0))
    features = np.cumsum(np.outer(speed, np.ones(FEATURE_SIZE)), axis=0) / FPS
    moves = split_moves(times, features, None)
    inner = [move.start for move in moves[1:]]
    assert any(abs(t - 3.0) < 0.3 for t in inner) and any(abs(t - 6.0) < 0.3 for t in inner)


def test_beats_found_in_a_click_track_and_not_in_noise() -> None:
    rate, bpm = 22050, 112
    pcm = np.random.default_rng(1).normal(0, 0.01, rate * 20)
    for beat in np.arange(0.37, 20, 60 / bpm):
        start = int(beat * rate)
        pcm[start : start + 2000] += np.sin(2 * np.pi * 60 * np.arange(2000) / rate) * np.exp(-np.arange(2000) / 400)
    beats = beat_times(pcm, rate)
    assert beats is not None
    assert abs(np.median(np.diff(beats)) - 60 / bpm) < 0.01
    assert abs(((beats[0] - 0.37) + 0.25) % (60 / bpm) - 0.25) < 0.03
    assert beat_times(np.random.default_rng(2).normal(0, 0.1, rate * 20), rate) is None


def test_analysis_cache_round_trip(tmp_path: Path) -> None:
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"not really a video, but bytes to hash")
    key = analysis_cache.content_key(video)
    parts = np.zeros((128, 128), np.uint8)
    parts[40:80, 50:70] = 2
    found = BodyFrame(0.0, 640, 480, skeleton(0.0).astype(np.float32), 0.9, Roi(320, 260, 400, 0.1), None, parts)
    analysis = VideoAnalysis(30.0, 640, 480, [found, BodyFrame(1 / 30, 640, 480)])
    assert analysis_cache.load(key, tmp_path) is None
    analysis_cache.save(key, analysis, tmp_path)
    loaded = analysis_cache.load(key, tmp_path)
    assert loaded is not None and (loaded.fps, loaded.width, loaded.height) == (30.0, 640, 480)
    assert np.array_equal(loaded.frames[0].landmarks, found.landmarks) and loaded.frames[0].roi == found.roi
    assert np.array_equal(loaded.frames[0].part_map, parts)
    assert not loaded.frames[1].found and loaded.frames[1].t == pytest.approx(1 / 30)
    video.write_bytes(b"one byte changed: not really a video, but bytes to hash")
    assert analysis_cache.content_key(video) != key
    (tmp_path / f"{key}.npz").write_bytes(b"damaged")
    assert analysis_cache.load(key, tmp_path) is None


def test_frames_without_a_reference_pose_are_left_out_of_the_timeline() -> None:
    ref_frames = frames(120)
    for k in range(40, 60):  # frames the reference analyser skipped live: nobody seen there
        ref_frames[k] = BodyFrame(ref_frames[k].t, 640, 480, None, 0.0)
    report = build_report(pose_track(ref_frames), pose_track(frames(120)), diagonal(120), 30.0, False)
    assert report.score > 95 and not report.judged[40:60].any() and report.judged[:40].all()
    gap = [p for p in report.timeline if 40 / 30 + 0.25 <= p.t <= 60 / 30 - 0.25]
    assert not gap and min(p.score for p in report.timeline) > 95


def test_mirrored_readings_follow_from_the_plain_ones() -> None:
    from dancelike.scoring.poses import limb_directions, limb_visibility, mirror_readings

    rng = np.random.default_rng(4)
    for _ in range(5):
        landmarks = rng.uniform(0, 500, (33, 4)).astype(np.float32)
        landmarks[:, 3] = rng.uniform(0, 1, 33)
        directions, visibility = mirror_readings(limb_directions(landmarks)[None], limb_visibility(landmarks)[None])
        mirrored = mirror_landmarks(landmarks)
        np.testing.assert_allclose(directions[0], limb_directions(mirrored), atol=1e-12)
        np.testing.assert_array_equal(visibility[0], limb_visibility(mirrored))


def test_a_report_reads_back_from_its_json() -> None:
    reference = pose_track(frames(90))
    performance = pose_track(frames(90, warp=(0.2, 1.0)))
    report = build_report(reference, performance, diagonal(90), FPS, mirrored=False)
    again = Report.from_json(report.to_json(), frame_scores=report.frame_scores, group_scores=report.group_scores, running=report.running)
    assert again.to_json() == report.to_json()
    assert np.array_equal(again.frame_scores, report.frame_scores) and np.array_equal(again.running, report.running)
    older = {key: value for key, value in report.to_json().items() if key not in ("aligned_by", "music_offset_ms", "accents")}
    assert Report.from_json(older).aligned_by == "motion"  # a report from before those fields
