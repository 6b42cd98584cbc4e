"""Group scenes: several people, crossings, a passer-by, and the truth tracking tests need."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

from dancelike.errors import InputError
from dancelike.synth.group import PRESETS, GroupScene, crossing_pair, dancer_with_passer_by, good_and_sloppy, render_group_scene
from dancelike.synth.music import SAMPLE_RATE
from dancelike.synth.performance import load_truth, truth_path

SHORT = {"seconds": 3.0, "width": 640, "height": 360}  # short and small: the whole file stays fast


def hips_x(person: dict) -> np.ndarray:
    return np.array(person["joints"])[:, [23, 24], 0].mean(axis=1)


@pytest.mark.parametrize("name", list(PRESETS))
def test_presets_write_a_video_and_per_person_truth(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.mp4"
    scene = PRESETS[name](**SHORT)
    returned = render_group_scene(path, scene)
    with av.open(str(path)) as container:
        video, audio = container.streams.video[0], container.streams.audio[0]
        assert (video.codec_context.name, video.width, video.height, video.average_rate) == ("h264", 640, 360, 30)
        assert (audio.codec_context.name, audio.rate) == ("aac", SAMPLE_RATE)
        assert sum(1 for _ in container.decode(video=0)) == 90
    truth = load_truth(truth_path(path))
    assert (truth["fps"], truth["width"], truth["height"], truth["frames"], truth["only"]) == (30.0, 640, 360, 90, None)
    assert [p["id"] for p in truth["people"]] == list(range(len(scene.everyone())))
    for person in truth["people"]:
        assert person["role"] in ("dancer", "passer_by")
        assert np.array(person["joints"]).shape == (90, 33, 2)
        assert len(person["in_frame"]) == len(person["visible"]) == len(person["hidden"]) == len(person["box"]) == 90
        if person["role"] == "dancer":  # dancers stay in the picture, big enough for a pose model
            assert all(person["in_frame"]) and person["height_px"] >= 0.45 * 360
    assert [p["joints"] for p in returned["people"]] == [p["joints"] for p in truth["people"]] and returned["render_fps"] > 0


@pytest.mark.parametrize("make", [crossing_pair, PRESETS["trio_with_crossing"]])
def test_dancers_cross_paths_and_the_front_one_covers_the_back_one(tmp_path: Path, make: object) -> None:
    assert callable(make)
    truth = render_group_scene(tmp_path / "cross.mp4", make(music=False, **SHORT))
    dancers = sorted(truth["people"], key=lambda p: p["person"]["depth"])
    front, back = dancers[0], dancers[-1]
    order = np.sign(hips_x(front) - hips_x(back))
    assert order[0] != order[-1] and np.all(order[[0, -1]] != 0)  # they swapped sides
    # Side by side nobody hides anybody; while passing, the back one loses landmarks to the front one.
    assert front["visible"][0] == back["visible"][0] == 1.0
    assert all(v == 1.0 for v in front["visible"])
    assert min(back["visible"]) < 0.5
    inside = lambda point, box: box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]
    for k, hidden in enumerate(back["hidden"]):  # covered = inside the drawing of someone in front
        boxes = [p["box"][k] for p in dancers[:-1]]
        assert all(any(inside(back["joints"][k][j], box) for box in boxes) for j in hidden)
    # Further back means smaller and standing higher in the picture.
    assert back["height_px"] < front["height_px"]
    assert np.array(back["joints"])[0, 27:33, 1].max() < np.array(front["joints"])[0, 27:33, 1].max()


def test_the_passer_by_walks_behind_the_dancer_smaller(tmp_path: Path) -> None:
    truth = render_group_scene(tmp_path / "passer.mp4", dancer_with_passer_by(music=False, **SHORT))
    dancer, walker = truth["people"]
    assert (dancer["role"], walker["role"]) == ("dancer", "passer_by")
    assert walker["height_px"] < 0.7 * dancer["height_px"]
    feet = lambda p: np.array(p["joints"])[:, 27:33, 1].max(axis=1)
    assert np.all(feet(walker) < feet(dancer) - 20)  # further back: feet higher in the picture
    x = hips_x(walker)
    assert x[0] < 0 and x[-1] > 640  # walks across the whole picture
    assert not walker["in_frame"][0] and any(walker["in_frame"])  # enters the picture
    assert all(v == 1.0 for v in dancer["visible"])  # drawn first, covered by the dancer:
    assert min(v for v, seen in zip(walker["visible"], walker["in_frame"]) if seen) < 0.5
    # Arms mostly down: the wrists stay below the shoulders.
    joints = np.array(walker["joints"])
    assert np.all(joints[:, [15, 16], 1] > joints[:, [11, 12], 1].max(axis=1, keepdims=True))


def test_good_and_sloppy_dance_the_same_choreography_differently(tmp_path: Path) -> None:
    truth = render_group_scene(tmp_path / "pair.mp4", good_and_sloppy(music=False, **SHORT))
    good, sloppy = (np.array(p["joints"]) for p in truth["people"])
    centred = lambda j: (j - j[:, [23, 24]].mean(axis=1, keepdims=True)) / np.ptp(j[:, :, 1], axis=1)[:, None, None]
    assert np.all(hips_x(truth["people"][0]) < hips_x(truth["people"][1]))  # side by side, no crossing
    difference = np.abs(centred(good) - centred(sloppy))[:, 11:17].mean()
    assert 0.02 < difference < 0.3  # same dance, visibly different execution


def test_only_renders_one_person_with_the_same_motion(tmp_path: Path) -> None:
    scene = crossing_pair(music=False, **SHORT)
    group = render_group_scene(tmp_path / "group.mp4", scene)
    alone = render_group_scene(tmp_path / "alone.mp4", scene, only=1)
    assert alone["only"] == 1 and [p["id"] for p in alone["people"]] == [1]
    assert alone["people"][0]["joints"] == group["people"][1]["joints"]
    assert all(v == 1.0 for v in alone["people"][0]["visible"])  # nobody in front of them now
    with av.open(str(tmp_path / "alone.mp4")) as container:
        assert container.streams.video[0].frames == 90 and not container.streams.audio
    with pytest.raises(InputError):
        render_group_scene(tmp_path / "bad.mp4", scene, only=5)


def test_defaults_are_960x540_at_30_fps_with_dancers_big_enough_for_a_pose_model() -> None:
    assert GroupScene().people[0].start_x < GroupScene().people[1].start_x  # the default is the crossing pair
    for make in PRESETS.values():
        scene = make()
        assert (scene.width, scene.height, scene.fps, scene.seconds) == (960, 540, 30.0, 7.0)
        for person in scene.people:  # the dancers; body height in pixels at their depth
            assert scene.size * scene.height / (1 + person.depth) >= 250
