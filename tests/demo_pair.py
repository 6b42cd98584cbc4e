"""The demo pair's reports made from the synthetic dancers' true landmarks, without video: the pro
of ``dancelike demo`` dancing "groove" against its good and sloppy performances, scored as
``pipeline.score_files.score_analyses`` scores two analyses (motion line, mirror decision, the
beats of the music both dance to). Pure numpy and deterministic: no model, no codec."""

from __future__ import annotations

import numpy as np

from dancelike.commands.demo import DEMO_CHOREOGRAPHY, DEMO_VIDEOS, DemoVideo
from dancelike.scoring.beats import beat_times
from dancelike.scoring.calibration import reference_chance
from dancelike.scoring.mirror import Mirror, choose_reading
from dancelike.scoring.poses import pose_track
from dancelike.scoring.report import Report, build_report
from dancelike.synth.choreography import Choreography, choreography
from dancelike.synth.motion import Dancer, dancer_poses, wander_offsets
from dancelike.synth.music import SAMPLE_RATE, render_music
from dancelike.synth.performance import Scene, look_of
from dancelike.synth.skeleton import Pose, solve
from dancelike.vision.body import BodyFrame
from dancelike.vision.landmark_names import PoseLandmark

_L = PoseLandmark

#: Seconds of the demo scored: enough for several bars and a weak move or two.
SECONDS = 16.0


def true_bodies(video: DemoVideo, seconds: float = SECONDS) -> list[BodyFrame]:
    """The frames ``synth.performance.render_frames`` draws, as the landmarks it draws them from."""
    return bodies_of(choreography(DEMO_CHOREOGRAPHY), video.dancer, video.scene, seconds)


def bodies_of(dance: Choreography, dancer: Dancer, scene: Scene, seconds: float) -> list[BodyFrame]:
    """``seconds`` of ``dancer`` dancing ``dance`` in ``scene``, as the landmarks the renderer
    draws them from (after the dance, the dancer stands still)."""
    times = np.arange(round(seconds * scene.fps)) / scene.fps
    total = max(seconds, dance.duration / dancer.tempo)
    look = look_of(scene.person)
    assert look is not None
    poses = dancer_poses(dance, dancer, times, total)
    shift = wander_offsets(dancer, times, total) * scene.width
    height_px = (scene.size or look.height) * scene.height
    bodies = []
    for k, t in enumerate(times):
        xy = solve(Pose.from_array(poses[k]), look.build, scene.x * scene.width + shift[k], scene.floor * scene.height, height_px).landmarks()
        landmarks = np.column_stack([xy[:, :2], np.zeros(len(xy)), np.ones(len(xy))]).astype(np.float32)
        bodies.append(BodyFrame(float(t), scene.width, scene.height, landmarks, 1.0))
    return bodies


def standing_like_people(bodies: list[BodyFrame], arm: str, out_px: float, sway_px: float, seed: int) -> list[BodyFrame]:
    """``bodies`` with one arm held ``out_px`` further out at the elbow (twice at the wrist) all
    along, and every landmark swaying slowly (periods of about 1-3 s) by up to ``sway_px``."""
    rng = np.random.default_rng(seed)
    elbow, wrist = (_L.LEFT_ELBOW, _L.LEFT_WRIST) if arm == "left" else (_L.RIGHT_ELBOW, _L.RIGHT_WRIST)
    outwards = 1.0 if arm == "left" else -1.0  # the figure faces the camera: its left is the picture's right
    times = np.array([body.t for body in bodies])
    periods = rng.uniform(1.0, 3.0, (33, 2))
    phases = rng.uniform(0.0, 2.0 * np.pi, (33, 2))
    out = []
    for t, body in zip(times, bodies):
        assert body.landmarks is not None
        landmarks = body.landmarks.copy()
        landmarks[:, :2] += sway_px * np.sin(2.0 * np.pi * t / periods + phases)
        landmarks[elbow, 0] += outwards * out_px
        landmarks[wrist, 0] += outwards * 2.0 * out_px
        out.append(BodyFrame(body.t, body.width, body.height, landmarks, body.presence))
    return out


def arm_up(body: BodyFrame) -> BodyFrame:
    """``body`` with its left arm held straight up (a dancer who forgot what that arm does)."""
    assert body.landmarks is not None
    landmarks = body.landmarks.copy()
    shoulder = landmarks[_L.LEFT_SHOULDER, :2]
    reach = 0.12 * body.height
    for k, joint in enumerate((_L.LEFT_ELBOW, _L.LEFT_WRIST, _L.LEFT_PINKY, _L.LEFT_INDEX, _L.LEFT_THUMB)):
        landmarks[joint, :2] = shoulder - (0.0, reach * min(k + 1, 2.2))
    return BodyFrame(body.t, body.width, body.height, landmarks, body.presence)


def demo_report(name: str, seconds: float = SECONDS, arm_up_from: float | None = None) -> Report:
    """The report of demo performance ``name`` ("good" or "sloppy") against the demo's pro;
    ``arm_up_from``: the dancer holds the left arm up from that second on (weak moves, advice)."""
    videos = {video.name: video for video in DEMO_VIDEOS}
    pro, performance = videos["choreography"], videos[name]
    fps = pro.scene.fps
    ref_track = pose_track(true_bodies(pro, seconds), with_parts=False)
    bodies = true_bodies(performance, seconds)
    if arm_up_from is not None:
        bodies = [arm_up(body) if body.t >= arm_up_from else body for body in bodies]
    plain, mirrored = pose_track(bodies, with_parts=False), pose_track(bodies, mirror=True, with_parts=False)
    chance = reference_chance(ref_track, fps)
    reading = choose_reading(ref_track, plain, mirrored, fps, Mirror.AUTO, chance, None)
    beats = beat_times(render_music(choreography(DEMO_CHOREOGRAPHY).bpm, seconds), SAMPLE_RATE)
    report = build_report(ref_track, reading.track, reading.path, fps, reading.mirrored, beats, chance, 0.0)
    report.aligned_by = reading.line.source
    return report
