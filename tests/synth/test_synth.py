"""The synthetic dancer: recognised by the real pose pipeline, on the beat, well-formed files.

These videos are the scoring engine's fixtures, so the checks run the real BlazePose
tracker over rendered clips and compare its landmarks with the ground truth written
beside each video.
"""

from __future__ import annotations

import json
from pathlib import Path

import av
import numpy as np
import pytest

from dancelike import cli
from dancelike.commands import demo
from dancelike.pipeline.analysis import analyze_video
from dancelike.synth.choreography import CHOREOGRAPHIES, MOVES, choreography
from dancelike.synth.motion import Dancer, dancer_poses
from dancelike.synth.music import SAMPLE_RATE, beat_times, onset_times, render_music
from dancelike.synth.performance import (
    Scene,
    load_truth,
    render_frames,
    render_performance,
)
from dancelike.synth.room import room
from dancelike.synth.skeleton import POSE_FIELDS, Build, Pose, mirror_array, solve

#: Shoulders, elbows, wrists, hips, knees, ankles.
MAIN_JOINTS = [11, 12, 13, 14, 15, 16, 23, 24, 25, 26, 27, 28]
#: Landmark index of the other side's counterpart (nose stays the nose).
SWAP = [0, 4, 5, 6, 1, 2, 3, 8, 7, 10, 9] + [k + 1 if k % 2 else k - 1 for k in range(11, 33)]
CLIP = {
    "dance": "groove",
    "start": 6.0,
    "duration": 3.0,
}  # mid-dance: arms waving, hips swaying

VARIANTS = {
    "default": {},
    "different_person": {"scene": Scene(person=1, room=2, x=0.4)},
    "mirrored": {"dancer": Dancer(mirror=True)},
    "small_in_frame": {"scene": Scene(size=0.4, x=0.3, floor=0.8, room=3)},
}


def recognition(path: Path) -> tuple[float, float, float]:
    """(found share, median landmark error in px, same as a share of the figure's height)."""
    truth = load_truth(path.with_name(path.stem + ".truth.json"))
    analysis = analyze_video(str(path), workers=1)
    assert len(analysis.frames) == len(truth["joints"])
    found = np.mean([body.found for body in analysis.frames])
    errors = [
        np.median(np.linalg.norm(body.landmarks[MAIN_JOINTS, :2] - np.array(joints)[MAIN_JOINTS], axis=1))
        for body, joints in zip(analysis.frames, truth["joints"])
        if body.found and joints is not None
    ]
    scene = truth["params"]["scene"]
    return (
        float(found),
        float(np.median(errors)),
        float(np.median(errors)) / (scene["size"] * truth["height"]),
    )


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_the_pose_model_finds_the_dancer_and_its_joints(tmp_path: Path, variant: str) -> None:
    path = tmp_path / f"{variant}.mp4"
    render_performance(path, **CLIP, **VARIANTS[variant])
    found, error_px, error_share = recognition(path)
    print(f"{variant}: found {found:.1%}, median error {error_px:.1f} px ({error_share:.2%} of height)")
    assert found >= 0.95
    assert error_share < 0.04  # measured ~1%; 6% would already be a different pose


def test_an_empty_room_has_no_dancer(tmp_path: Path) -> None:
    path = tmp_path / "empty.mp4"
    truth = render_performance(path, scene=Scene(person=None), duration=2.0)
    assert all(joints is None for joints in truth.joints) and truth.moves == []
    analysis = analyze_video(str(path), workers=1)
    assert not any(body.found for body in analysis.frames)


def test_the_files_have_h264_video_aac_audio_and_truth(tmp_path: Path) -> None:
    path = tmp_path / "square.mp4"
    render_performance(path, "power", scene=Scene(width=576, height=576), duration=2.0, start=3.0)
    with av.open(str(path)) as container:
        video, audio = container.streams.video[0], container.streams.audio[0]
        assert (video.codec_context.name, video.codec_context.pix_fmt) == (
            "h264",
            "yuv420p",
        )
        assert (video.width, video.height, video.average_rate) == (576, 576, 30)
        assert video.frames == 60
        assert audio.codec_context.name == "aac" and audio.rate == SAMPLE_RATE and audio.channels == 2
        assert abs(float(audio.duration * audio.time_base) - 2.0) < 0.05
    truth = json.loads(path.with_name("square.truth.json").read_text())
    assert (truth["fps"], truth["width"], truth["height"]) == (30.0, 576, 576)
    assert truth["bpm"] == CHOREOGRAPHIES["power"].bpm
    assert len(truth["joints"]) == 60 and len(truth["joints"][0]) == 33 and len(truth["joints"][0][0]) == 2
    assert truth["moves"] and all(0 <= m["start"] < m["end"] <= 2.0 and m["name"] in MOVES for m in truth["moves"])


def test_the_music_hits_the_beat_grid(tmp_path: Path) -> None:
    bpm, duration = 112.0, 6.0
    beats = beat_times(bpm, duration)
    onsets = onset_times(render_music(bpm, duration))
    assert max(np.min(np.abs(onsets - beat)) for beat in beats) < 0.02
    # The same in the encoded file: the AAC priming delay must not shift the beat.
    path = tmp_path / "music.mp4"
    render_performance(path, "groove", duration=3.0, start=1.0)
    with av.open(str(path)) as container:
        pcm = np.concatenate([frame.to_ndarray() for frame in container.decode(audio=0)], axis=1)
    onsets = onset_times(pcm)
    grid = beat_times(bpm, 3.0, start=-1.0)
    assert len(grid) >= 5
    assert max(np.min(np.abs(onsets - beat)) for beat in grid) < 0.02


def test_variations_change_the_timing_and_sides_as_documented() -> None:
    dance = choreography("groove")
    t = np.arange(90, 300) / 30.0
    base = dancer_poses(dance, Dancer(), t, 40.0)
    late = dancer_poses(dance, Dancer(offset=0.5), t + 0.5, 40.0)
    assert np.allclose(base, late)
    fast = dancer_poses(dance, Dancer(tempo=1.25), t / 1.25, 40.0)
    assert np.allclose(base, fast)
    assert np.allclose(dancer_poses(dance, Dancer(mirror=True), t, 40.0), mirror_array(base))
    # A mirrored dancer's left wrist is where the original's right wrist is, reflected about the hips.
    pose = Pose.from_array(base[60])
    original, mirrored = (
        solve(pose, Build(), 320, 440, 350),
        solve(pose.mirrored(), Build(), 320, 440, 350),
    )
    assert np.allclose(original.landmarks()[:, 0] - 320, 320 - mirrored.landmarks()[SWAP, 0])
    # Deterministic sloppiness that stays near the choreography; "half right" switches dances half-way.
    sloppy = Dancer(sloppiness=1.0, seed=3)
    assert np.array_equal(dancer_poses(dance, sloppy, t, 40.0), dancer_poses(dance, sloppy, t, 40.0))
    assert 2.0 < np.abs(dancer_poses(dance, sloppy, t, 40.0) - base).mean() < 30.0
    times = np.array([5.0, 30.0])
    half = dancer_poses(dance, Dancer(second_half="power"), times, 40.0)
    assert np.allclose(half[0], dancer_poses(dance, Dancer(), times, 40.0)[0])
    assert np.allclose(half[1], dancer_poses(choreography("power"), Dancer(), times, 40.0)[1])
    still = dancer_poses(choreography("still"), Dancer(), t, 40.0)
    assert np.ptp(still, axis=0).max() < 3.0
    assert len(POSE_FIELDS) == base.shape[1]


def test_the_room_is_drawn_once_and_each_frame_is_its_own() -> None:
    """What keeps rendering fast (its speed is ``render_fps``, a figure, not a test): a clip's
    frames, and the next clip in the same room, copy one cached room and draw only the dancer."""
    dance, scene = choreography("groove"), Scene()
    room.cache_clear()
    first = [rgb for rgb, _ in render_frames(dance, Dancer(), scene, 1.0, start=5.0)]
    again = [rgb for rgb, _ in render_frames(dance, Dancer(seed=3), scene, 0.5)]
    assert (room.cache_info().misses, room.cache_info().hits) == (1, 1)
    assert len(first) == round(scene.fps) and len(again) == round(scene.fps / 2)
    cached = room(scene.room, scene.width, scene.height)
    assert not any(np.shares_memory(frame, cached) for frame in first + again)  # the dancer is drawn on a copy
    assert np.array_equal(cached, room.__wrapped__(scene.room, scene.width, scene.height))  # the cached room stays clean
    assert not np.array_equal(first[0], first[-1])  # the dancer moved


def test_demo_command_writes_three_videos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(demo, "DEMO_SECONDS", 2.0)  # the real demo is ~37 s a video
    assert cli.main(["demo", "--out", str(tmp_path / "demo")]) == 0
    for name in ("choreography", "good", "sloppy"):
        assert (tmp_path / "demo" / f"{name}.mp4").stat().st_size > 10_000
        truth = load_truth(tmp_path / "demo" / f"{name}.truth.json")
        assert len(truth["joints"]) == 60
    assert capsys.readouterr().out.count("wrote") == 3
    (tmp_path / "file").write_text("x")
    assert cli.main(["demo", "--out", str(tmp_path / "file")]) == 2
