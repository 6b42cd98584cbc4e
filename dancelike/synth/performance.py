"""Rendering a whole performance: MP4 (H.264 + AAC) plus its ground truth as JSON.

``render_performance`` is the one entry point the demo command and the tests use. The
video is what a webcam would record: a room, one dancer (or nobody), the music. The
truth file beside it says where every landmark really was in every frame and when each
move started, so tests can check the vision pipeline (landmark error) and the scoring
engine (the score a performance deserves) against facts rather than other code.

Speed: the room is drawn once; per frame only the figure is drawn on a copy (~1 ms) and
the frame goes to the encoder as I420 converted by OpenCV, which is several times faster
than letting FFmpeg's swscale convert RGB.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from dancelike.atomic import atomic_output, write_file
from dancelike.errors import InputError
from dancelike.i18n import translate
from dancelike.media.writer import VideoWriter
from dancelike.synth.choreography import Choreography, choreography
from dancelike.synth.figure import Appearance, appearance, draw_figure
from dancelike.synth.motion import (
    Dancer,
    choreo_seconds,
    dancer_poses,
    video_seconds,
    wander_offsets,
)
from dancelike.synth.music import SAMPLE_RATE, render_music
from dancelike.synth.room import room
from dancelike.synth.skeleton import Pose, solve


@dataclass(frozen=True)
class Scene:
    """Camera, room and who dances.

    person: index of a preset look (``figure.appearance``), an ``Appearance``, or None for
        an empty room. x: where the hips are, as a fraction of the width. size: the dancer's
        height as a fraction of the frame height (None: the appearance's own). floor: where
        the feet stand, as a fraction of the frame height. room: background variant.
        The defaults keep raised hands ~10% below the top edge: a hand cut by the frame
        edge makes BlazePose's tracker lose the arms for a few frames.
    """

    width: int = 640
    height: int = 480
    fps: float = 30.0
    room: int = 0
    person: int | Appearance | None = 0
    x: float = 0.5
    size: float | None = 0.68
    floor: float = 0.95


@dataclass
class Truth:
    """What was rendered: per-frame landmark positions (33x2 image pixels, or None) and moves."""

    fps: float
    width: int
    height: int
    bpm: float
    joints: list[np.ndarray | None]
    moves: list[dict[str, Any]]
    params: dict[str, Any] = field(default_factory=dict)
    render_fps: float = 0.0

    def to_json(self) -> dict[str, Any]:
        joints = [None if j is None else np.round(j, 1).tolist() for j in self.joints]
        return {"fps": self.fps, "width": self.width, "height": self.height, "bpm": round(self.bpm, 4), "joints": joints, "moves": self.moves, "params": self.params}


def look_of(person: int | Appearance | None) -> Appearance | None:
    """The ``Appearance`` a scene names: a preset index, an ``Appearance`` itself, or None."""
    if person is None or isinstance(person, Appearance):
        return person
    return appearance(int(person))


def render_frames(
    dance: Choreography,
    dancer: Dancer,
    scene: Scene,
    duration: float,
    start: float = 0.0,
) -> Iterator[tuple[np.ndarray, np.ndarray | None]]:
    """Yield ``(rgb, landmarks or None)`` per frame; the same frames ``render_performance`` writes.

    ``start`` skips that many seconds of the choreography (short test clips start mid-dance).
    """
    count = round(duration * scene.fps)
    times = start + np.arange(count) / scene.fps
    total = max(duration + start, dance.duration / dancer.tempo)
    look = look_of(scene.person)
    background = room(scene.room, scene.width, scene.height)
    if look is None:
        for _ in range(count):
            yield background.copy(), None
        return
    poses = dancer_poses(dance, dancer, times, total)
    shift = wander_offsets(dancer, times, total) * scene.width
    height_px = (scene.size or look.height) * scene.height
    floor_y = scene.floor * scene.height
    for k in range(count):
        frame = background.copy()
        skeleton = solve(
            Pose.from_array(poses[k]),
            look.build,
            scene.x * scene.width + shift[k],
            floor_y,
            height_px,
        )
        draw_figure(frame, skeleton, look)
        yield frame, skeleton.landmarks()


def _moves_shown(dance: Choreography, dancer: Dancer, total: float, start: float, duration: float) -> list[dict[str, Any]]:
    """The moves the video shows, in its own seconds (cut to its start and end)."""
    moves = []
    for first, last, name in _spans(dance, dancer, total):
        a = video_seconds(dancer, first, total) - start
        b = video_seconds(dancer, last, total) - start
        if b > 0 and a < duration:
            moves.append({"start": round(max(a, 0.0), 3), "end": round(min(b, duration), 3), "name": name})
    return moves


def render_performance(
    path: str | Path,
    dance: str | Choreography = "groove",
    dancer: Dancer | None = None,
    scene: Scene | None = None,
    duration: float | None = None,
    start: float = 0.0,
    music: bool = True,
) -> Truth:
    """Write ``path`` (MP4: H.264 yuv420p + AAC stereo 44.1 kHz) and ``path``.truth.json.

    ``dance`` names a choreography (``choreography.CHOREOGRAPHIES``); ``dancer`` says how it
    is performed (offset, tempo, mirror, sloppiness, drift, wander, second half; see
    ``motion.Dancer``); ``scene`` sets size, fps, room, look and placement. ``duration``
    defaults to the whole dance at the dancer's tempo; ``start`` skips into it. The music
    follows the dancer's tempo but not their lateness: it is the track they danced to.
    Returns the ``Truth`` that was written.
    """
    path = Path(path)
    dance, dancer, scene = choreography(dance), dancer or Dancer(), scene or Scene()
    total = dance.duration / dancer.tempo
    duration = total - start if duration is None else duration
    if duration <= 0:
        raise InputError(translate("Synth", "nothing to render: duration {seconds} s").format(seconds=f"{duration:.2f}"))
    bpm = dance.bpm * dancer.tempo
    pcm = render_music(bpm, duration, start=-start) if music else None
    joints: list[np.ndarray | None] = []

    def frames() -> Iterator[np.ndarray]:
        for frame, landmarks in render_frames(dance, dancer, scene, duration, start):
            joints.append(landmarks)
            yield frame

    elapsed = write_video(path, frames(), scene.fps, scene.width, scene.height, pcm)
    moves = _moves_shown(dance, dancer, total, start, duration) if scene.person is not None else []
    params = {
        "choreography": dance.name,
        "dancer": asdict(dancer),
        "start": start,
        "duration": duration,
        "scene": {k: v for k, v in asdict(scene).items() if k != "person"},
        "person": scene.person if not isinstance(scene.person, Appearance) else asdict(scene.person),
    }
    truth = Truth(
        scene.fps,
        scene.width,
        scene.height,
        bpm,
        joints,
        moves,
        params,
        len(joints) / max(elapsed, 1e-9),
    )
    write_truth(path, truth.to_json())
    return truth


def write_video(path: Path, frames: Iterable[np.ndarray], fps: float, width: int, height: int, pcm: np.ndarray | None) -> float:
    """Encode RGB ``frames`` (and the music ``pcm``, (2, n) at ``SAMPLE_RATE``, or None) to ``path``.

    The file appears whole or not at all; the sound is interleaved frame by frame.
    Returns the seconds it took (drawing the frames included).
    """
    if width % 2 or height % 2:
        raise InputError(translate("Synth", "{width}x{height}: synthetic videos need an even width and height").format(width=width, height=height))
    started = time.perf_counter()
    with atomic_output(path) as part:
        with VideoWriter(part, fps, width, height, audio_rate=SAMPLE_RATE if pcm is not None else None) as writer:
            written = 0  # audio samples written so far
            for k, frame in enumerate(frames):
                writer.write(frame)
                if pcm is not None:
                    until = min(int((k + 1) * SAMPLE_RATE / fps), pcm.shape[1])
                    writer.write_audio(pcm[:, written:until].T)
                    written = max(written, until)
            if pcm is not None:
                writer.write_audio(pcm[:, written:].T)
    return time.perf_counter() - started


def truth_path(video: str | Path) -> Path:
    """Where the ground truth of ``video`` goes: ``NAME.truth.json`` beside it."""
    video = Path(video)
    return video.with_name(video.stem + ".truth.json")


def write_truth(video: str | Path, data: dict[str, Any]) -> None:
    """Write ``data`` (JSON-ready) as the ground truth of ``video`` (compact, atomically)."""
    write_file(truth_path(video), (json.dumps(data, separators=(",", ":")) + "\n").encode("utf-8"), "ground truth")


def _spans(dance: Choreography, dancer: Dancer, total: float) -> list[tuple[float, float, str]]:
    """Move spans in choreography seconds; with a second dance, its moves after half-way.

    The switch happens at video time ``total / 2`` (see ``motion.dancer_poses``), which is
    ``choreo_seconds`` of that on both dances' shared clock.
    """
    spans = [(a * dance.beat_seconds, b * dance.beat_seconds, name) for a, b, name in dance.spans()]
    if dancer.second_half is None:
        return spans
    half = float(choreo_seconds(dancer, np.array([total / 2.0]), total)[0])
    other = choreography(dancer.second_half)
    tail = [(a * other.beat_seconds, b * other.beat_seconds, name) for a, b, name in other.spans()]
    first = [(a, min(b, half), n) for a, b, n in spans if a < half]
    return first + [(max(a, half), b, n) for a, b, n in tail if b > half]


def load_truth(path: str | Path) -> dict[str, Any]:
    """Read a ``.truth.json`` (joints as lists, or None per frame)."""
    return json.loads(Path(path).read_text())
