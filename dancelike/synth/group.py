"""Group scenes: two or three dancers who cross paths, and a passer-by, with per-person truth.

Fixtures for multi-person tracking. Every person moves from ``start_x`` to ``end_x``
(fractions of the width) while dancing their own choreography, at their own depth: the
room is seen by a camera at the horizon's height, so a person further back is drawn
smaller and with the feet higher, and people are drawn back to front, the nearer
covering the farther. A passer-by walks across the background, arms down.

The truth file (``NAME.truth.json``) has, per person and frame, the 33 landmark
positions (as ``Truth.joints``), whether the hip centre is in the picture, which
landmarks are out of the picture or covered by someone in front, and the box of the
pixels the person was drawn on. ``only=`` renders one person alone in the same room
with exactly the same motion, to compare tracking in the group with tracking alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from dancelike.errors import InputError
from dancelike.synth.choreography import READY, choreography
from dancelike.synth.figure import Appearance, appearance, draw_figure
from dancelike.synth.motion import Dancer, dancer_poses
from dancelike.synth.music import render_music
from dancelike.synth.performance import write_truth, write_video
from dancelike.synth.room import STYLES, room
from dancelike.synth.skeleton import POSE_FIELDS, Pose, Skeleton, solve
from dancelike.vision.landmark_names import HIPS

ROLES = ("dancer", "passer_by")
_FIELD = {name: k for k, name in enumerate(POSE_FIELDS)}
_HIPS = list(HIPS)


@dataclass(frozen=True)
class Person:
    """One person of a group scene.

    look: ``figure.appearance`` index. dance: choreography name (dancers). start_x, end_x:
    hip centre at the start and end of the walk, as fractions of the width (may lie outside
    0..1: entering or leaving the picture). travel: the walk's start and end as fractions
    of the clip (dancers ease in and out, passers-by walk at a steady pace). depth: distance
    behind the front line as a fraction of the camera distance (0 = front; the figure is
    scaled by 1 / (1 + depth)). sloppiness, lag (seconds late), mirror, seed: as in
    ``motion.Dancer``. role: "dancer" or "passer_by" (walks, does not dance).
    """

    look: int = 0
    dance: str = "groove"
    start_x: float = 0.5
    end_x: float = 0.5
    travel: tuple[float, float] = (0.2, 0.8)
    depth: float = 0.0
    sloppiness: float = 0.0
    lag: float = 0.0
    mirror: bool = False
    seed: int = 0
    role: str = "dancer"


#: The passer-by ``GroupScene(passer_by=True)`` adds: far back, walking left to right all clip
#: long (a walking pace at the default 7 s). Presets give dancers other looks than 4.
PASSER_BY = Person(look=4, start_x=-0.08, end_x=1.08, travel=(0.0, 1.0), depth=1.0, role="passer_by")


@dataclass(frozen=True)
class GroupScene:
    """Frame size and rate, length, room, who is in it.

    size: a front-line person's height as a fraction of the frame height; floor: where the
    front line's feet stand (fraction of the height). start: seconds into the music (and
    the dances) the clip begins; the music's tempo is the first dancer's choreography's,
    and every dancer dances to it. passer_by: add ``PASSER_BY`` behind everyone.
    """

    people: tuple[Person, ...] = (Person(0, start_x=0.25, end_x=0.75), Person(2, start_x=0.75, end_x=0.25, depth=0.18, seed=1))
    passer_by: bool = False
    width: int = 960
    height: int = 540
    fps: float = 30.0
    seconds: float = 7.0
    room: int = 0
    size: float = 0.66
    floor: float = 0.95
    start: float = 2.0
    music: bool = True

    def everyone(self) -> tuple[Person, ...]:
        """The people in id order: ``people``, then the passer-by if any."""
        return self.people + ((PASSER_BY,) if self.passer_by else ())


def crossing_pair(**kw: Any) -> GroupScene:
    """Two dancers swap sides mid-clip, the one on the right passing behind."""
    return GroupScene(**kw)


def trio_with_crossing(**kw: Any) -> GroupScene:
    """Three dancers (two choreographies); the outer two cross through the middle one, one in front, one behind."""
    people = (Person(0, start_x=0.18, end_x=0.82, seed=1), Person(1, "power", 0.5, 0.5, depth=0.12, seed=2), Person(3, start_x=0.82, end_x=0.18, depth=0.25, seed=3))
    return GroupScene(people=people, **{"size": 0.62, **kw})


def dancer_with_passer_by(**kw: Any) -> GroupScene:
    """One dancer swaying a little at the centre while a passer-by walks past behind."""
    return GroupScene(people=(Person(1, start_x=0.45, end_x=0.55),), passer_by=True, **kw)


def good_and_sloppy(**kw: Any) -> GroupScene:
    """Side by side, the reference choreography: accurate on the left; on the right sloppy and 0.5 s late (as the demo's sloppy video)."""
    people = (Person(0, start_x=0.3, end_x=0.3), Person(3, start_x=0.7, end_x=0.7, sloppiness=0.8, lag=0.5, seed=2))
    return GroupScene(people=people, **kw)


PRESETS = {"crossing_pair": crossing_pair, "trio_with_crossing": trio_with_crossing, "dancer_with_passer_by": dancer_with_passer_by, "good_and_sloppy": good_and_sloppy}


def _walk(times: np.ndarray, distance: np.ndarray, direction: float) -> np.ndarray:
    """Walking poses of a person crossing the picture, as a three-quarter view shows them.

    The legs scissor along the way (the front one towards ``direction``, +1 = image right),
    the trailing knee bends, the arms swing a little against the legs by the sides.
    ``distance`` walked (in body heights) sets the step phase, so the feet do not slide.
    """
    phase = np.pi * distance / 0.3  # one step per 0.3 body heights
    step = np.sin(phase) * direction
    poses = np.tile(READY.as_array(), (times.size, 1))
    # Angles towards image +x: the left leg's is l_hip, the right leg's is -r_hip.
    poses[:, _FIELD["l_hip"]] = poses[:, _FIELD["r_hip"]] = 16.0 * step
    poses[:, _FIELD["l_knee"]] = 20.0 * np.clip(-step * direction, 0.0, None) * direction
    poses[:, _FIELD["r_knee"]] = -20.0 * np.clip(step * direction, 0.0, None) * direction
    poses[:, _FIELD["l_shoulder"]] = 9.0 - 9.0 * step
    poses[:, _FIELD["r_shoulder"]] = 9.0 - 9.0 * step
    poses[:, _FIELD["l_elbow"]] = poses[:, _FIELD["r_elbow"]] = -10.0
    poses[:, _FIELD["lean"]] = 2.0 * direction
    poses[:, _FIELD["head"]] = 1.5 * np.sin(phase / 2)
    return poses


@dataclass
class _Track:
    """One person's precomputed motion: pose vectors, hip x (px), floor y, height (px)."""

    id: int
    person: Person
    look: Appearance
    poses: np.ndarray
    x: np.ndarray
    floor_y: float
    height_px: float
    joints: list[np.ndarray] = field(default_factory=list)
    hidden: list[list[int]] = field(default_factory=list)
    boxes: list[list[int] | None] = field(default_factory=list)


def _tracks(scene: GroupScene, times: np.ndarray, bpm: float) -> list[_Track]:
    horizon = STYLES[scene.room % len(STYLES)].horizon
    clip = (times - times[0]) / scene.seconds
    tracks = []
    for k, person in enumerate(scene.everyone()):
        if person.role not in ROLES:
            raise InputError(f"person {k}: role {person.role!r}; known: {', '.join(ROLES)}")
        scale = 1.0 / (1.0 + max(person.depth, 0.0))
        height_px = scene.size * scene.height * scale
        a, b = person.travel
        u = np.clip((clip - a) / max(b - a, 1e-6), 0.0, 1.0)
        if person.role == "dancer":
            u = 0.5 - 0.5 * np.cos(np.pi * u)
        x = (person.start_x + (person.end_x - person.start_x) * u) * scene.width
        if person.role == "passer_by":
            poses = _walk(times, np.abs(x - x[0]) / height_px, 1.0 if person.end_x >= person.start_x else -1.0)
        else:
            dance = choreography(person.dance)
            dancer = Dancer(offset=person.lag, tempo=bpm / dance.bpm, mirror=person.mirror, sloppiness=person.sloppiness, seed=person.seed)
            poses = dancer_poses(dance, dancer, times, max(scene.start + scene.seconds, dance.duration / dancer.tempo))
        floor_y = (horizon + (scene.floor - horizon) * scale) * scene.height
        tracks.append(_Track(k, person, appearance(person.look), poses, x, floor_y, height_px))
    return tracks


def _draw(frame: np.ndarray, owner: np.ndarray, rank: int, skeleton: Skeleton, points: np.ndarray, look: Appearance) -> list[int] | None:
    """Draw one figure (``points``: its landmarks); mark its pixels ``rank`` in ``owner``; return its box [x0, y0, x1, y1] or None."""
    h, w = owner.shape
    margin = 0.15 * skeleton.unit  # the landmarks' box plus hair, shoes, hands
    x0, y0 = np.maximum(np.floor(points.min(axis=0) - margin).astype(int), 0)
    x1, y1 = np.minimum(np.ceil(points.max(axis=0) + margin).astype(int), (w, h))
    if x1 <= x0 or y1 <= y0:
        return None  # wholly outside the picture
    before = frame[y0:y1, x0:x1].copy()
    draw_figure(frame, skeleton, look)
    channels = cv2.split(cv2.absdiff(frame[y0:y1, x0:x1], before))
    changed = cv2.max(cv2.max(channels[0], channels[1]), channels[2])  # OpenCV: ~10x numpy's any()
    bx, by, bw, bh = cv2.boundingRect(changed)
    if bw == 0:
        return None
    np.copyto(owner[y0:y1, x0:x1], np.uint8(rank), where=changed > 0)
    return [int(x0 + bx), int(y0 + by), int(x0 + bx + bw), int(y0 + by + bh)]


def _person_truth(track: _Track, scene: GroupScene) -> dict[str, Any]:
    """What the truth file says of one person: where each joint was, and what was hidden."""
    hips = [j[_HIPS].mean(axis=0) for j in track.joints]
    return {
        "id": track.id,
        "role": track.person.role,
        "person": asdict(track.person),
        "height_px": round(track.height_px, 1),
        "joints": [np.round(j, 1).tolist() for j in track.joints],
        "in_frame": [bool(0 <= x < scene.width and 0 <= y < scene.height) for x, y in hips],
        "visible": [round(1.0 - len(h) / len(j), 3) for h, j in zip(track.hidden, track.joints)],
        "hidden": track.hidden,
        "box": track.boxes,
    }


def render_group_scene(path: str | Path, scene: GroupScene | None = None, only: int | None = None) -> dict[str, Any]:
    """Write ``path`` (MP4: H.264 + AAC music) and ``NAME.truth.json``; return the truth.

    ``only``: render just that person (an id: index in ``scene.everyone()``), in the same
    room, with the same motion; the truth then lists only them. The returned dict is the
    truth file's content plus ``render_fps`` (frames drawn and encoded per second).
    """
    scene = scene or GroupScene()
    people = scene.everyone()
    if only is not None and not 0 <= only < len(people):
        raise InputError(f"only={only}: the scene has people 0..{len(people) - 1}")
    count = round(scene.seconds * scene.fps)
    if count < 1:
        raise InputError(f"nothing to render: {scene.seconds:.2f} s")
    dancers = [p for p in people if p.role == "dancer"]
    bpm = choreography(dancers[0].dance).bpm if dancers else 120.0
    times = scene.start + np.arange(count) / scene.fps
    tracks = _tracks(scene, times, bpm)
    shown = [t for t in tracks if only in (None, t.id)]
    order = sorted(shown, key=lambda t: -t.person.depth)  # back to front; ties keep id order
    background = room(scene.room, scene.width, scene.height)
    inside = np.array([scene.width, scene.height]) - 0.5

    def frames() -> Iterator[np.ndarray]:
        for k in range(count):
            frame = background.copy()
            owner = np.zeros((scene.height, scene.width), np.uint8)
            for rank, track in enumerate(order, 1):
                skeleton = solve(Pose.from_array(track.poses[k]), track.look.build, track.x[k], track.floor_y, track.height_px)
                track.joints.append(skeleton.landmarks())
                track.boxes.append(_draw(frame, owner, rank, skeleton, track.joints[-1], track.look))
            for rank, track in enumerate(order, 1):
                pts = track.joints[-1]
                ok = np.all((pts >= -0.5) & (pts < inside), axis=1)
                px = np.clip(np.round(pts).astype(int), 0, [scene.width - 1, scene.height - 1])
                ok &= owner[px[:, 1], px[:, 0]] <= rank
                track.hidden.append(np.flatnonzero(~ok).tolist())
            yield frame

    pcm = render_music(bpm, scene.seconds, start=-scene.start) if scene.music else None
    elapsed = write_video(Path(path), frames(), scene.fps, scene.width, scene.height, pcm)
    truth: dict[str, Any] = {"fps": scene.fps, "width": scene.width, "height": scene.height, "frames": count, "bpm": bpm, "only": only, "scene": asdict(scene)}
    truth["people"] = [_person_truth(track, scene) for track in shown]
    write_truth(path, truth)
    return {**truth, "render_fps": count / max(elapsed, 1e-9)}
