"""A synthetic person clapping along to the latency calibration's click track.

The latency calibration (``engine.calibration``) plays a click track (``media.click_track``) and watches the user clap
on its beats. To try and test it without a webcam (or a person), ``ClapperCamera`` is a camera
showing the synthetic dancer (the figure and room of ``dancelike demo``) clapping on the same
beat grid, a fixed ``delay`` late: exactly what a webcam with that much delay would show. The
camera is registered as ``claps`` by ``synth.cameras`` (``claps`` = 0.12 s late, ``claps:0.25`` =
0.25 s late, ``claps:nobody`` = the empty room).

Both sides share one grid (``beat_grid``): the click track's beat ``k`` is heard ``lead_in +
k x 60 / bpm`` seconds after it starts playing, and the calibration starts playing at session
time zero, so the clapper starts out clapping at those session times plus ``delay``. Like a
person, it also listens: the calibration tells a camera that can ``hear`` each beat as it is
heard, and the clapper places its claps on the grid of the beats it heard (a busy machine may
start the sound a little late, or stall it; a person would follow the sound, not the clock).

The clap itself: the hands swing apart and back like a person clapping along, fastest at the
moment they meet (distance ~ |sin|), so the instant of a clap is sharp, as in real claps.
"""

from __future__ import annotations

import numpy as np

from dancelike.errors import InputError
from dancelike.i18n import translate
from dancelike.media.camera import Camera, CameraKind
from dancelike.media.click_track import BPM, COUNT_IN, beat_grid
from dancelike.media.clock import SessionClock
from dancelike.synth.choreography import READY
from dancelike.synth.figure import appearance, draw_figure
from dancelike.synth.room import room
from dancelike.synth.skeleton import (
    FOREARM,
    POSE_FIELDS,
    SHOULDER_HALF,
    UPPER_ARM,
    Pose,
    solve,
)

#: The "claps" camera's delay (seconds): a typical webcam plus a sound card.
DEFAULT_DELAY = 0.12

# Where the wrists go (body heights from the midline, and below the shoulder line): together in
# front of the chest for a clap, a forearm's length apart between claps, elbows kept low.
_WRIST_CLAP = (0.025, 0.12)
_WRIST_OPEN = (0.15, 0.15)
_READY = READY.as_array()
_FIELD = {name: k for k, name in enumerate(POSE_FIELDS)}


def _arm_angles(wx: np.ndarray, wy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Shoulder and elbow angles (degrees, ``Pose`` convention) that put a wrist at (wx, wy).

    Two-link inverse kinematics in the arm's own side (x away from the midline, y down), the
    elbow bending outwards, as arms do when clapping.
    """
    vx, vy = wx - SHOULDER_HALF, wy
    reach = np.minimum(np.hypot(vx, vy), UPPER_ARM + FOREARM - 1e-6)
    toward = np.arctan2(vx, vy)
    bend = np.arccos(np.clip((UPPER_ARM**2 + reach**2 - FOREARM**2) / (2 * UPPER_ARM * reach), -1.0, 1.0))
    upper = toward + bend
    ex, ey = UPPER_ARM * np.sin(upper), UPPER_ARM * np.cos(upper)
    fore = np.arctan2(vx - ex, vy - ey)
    return np.degrees(upper), np.degrees(fore - upper)


def clapper_poses(times: np.ndarray, claps: np.ndarray) -> np.ndarray:
    """Pose vectors at ``times`` of a person clapping at the instants ``claps`` (seconds).

    Between two claps the hands swing open and back with distance ~ |sin| (fastest when they
    meet). Before the first clap the hands are held open after rising from the ready stance;
    after the last they open and stay open.
    """
    times = np.asarray(times, np.float64)
    claps = np.sort(np.asarray(claps, np.float64))
    openness = np.ones_like(times)
    if len(claps):
        period = float(np.median(np.diff(claps))) if len(claps) > 1 else 0.6
        nearest = np.abs(times[:, None] - claps[None, :]).min(axis=1)
        inside = (times >= claps[0] - period / 2) & (times <= claps[-1] + period / 2)
        openness = np.where(inside, np.abs(np.sin(np.pi * np.minimum(nearest, period / 2) / period)), 1.0)
        # The swing spans one period between claps: its top is halfway, at openness 1.
    wx = _WRIST_CLAP[0] + (_WRIST_OPEN[0] - _WRIST_CLAP[0]) * openness
    wy = _WRIST_CLAP[1] + (_WRIST_OPEN[1] - _WRIST_CLAP[1]) * openness
    shoulder, elbow = _arm_angles(wx, wy)
    poses = np.repeat(_READY[None, :], len(times), axis=0)
    rise = 0.5 - 0.5 * np.cos(np.pi * np.clip(times / 0.6, 0.0, 1.0))  # arms come up from the ready stance
    for side in ("l", "r"):
        for joint, angle in (("shoulder", shoulder), ("elbow", elbow)):
            k = _FIELD[f"{side}_{joint}"]
            poses[:, k] = _READY[k] + (angle - _READY[k]) * rise
    return poses


class ClapperCamera(Camera):
    """A camera showing the synthetic person clapping at ``claps`` (session seconds).

    Frames come at ``fps`` on the session clock, each drawn for the session time it is stamped
    with, so a clap is seen exactly when it happens (plus nothing: the clapper's own ``delay``
    is the whole delay). ``person=None`` shows the empty room. Capture runs until stopped,
    like a webcam.
    """

    kind = CameraKind.SYNTHETIC

    def __init__(
        self,
        claps: np.ndarray,
        clock: SessionClock | None = None,
        *,
        person: int | None = 1,
        room_variant: int = 1,
        fps: float = 30.0,
        width: int = 640,
        height: int = 480,
        name: str = "claps",
        delay: float = 0.0,
    ) -> None:
        super().__init__(name, clock)
        self.claps = np.sort(np.asarray(claps, np.float64))
        self.delay = float(delay)
        self._heard: list[float] = []
        self._count_in = 0
        self.width, self.height, self.fps = int(width), int(height), float(fps)
        self._look = None if person is None else appearance(person)
        self._room = room(room_variant, self.width, self.height)

    def hear(self, t: float, count_in: bool) -> None:
        """A beat was heard at session time ``t`` (``count_in``: listen, do not clap).

        The claps move onto the heard grid: the same number of claps, one per beat after the
        count-in, each ``delay`` late. Called from the calibration's thread; the capture thread
        only ever reads a whole new array.
        """
        self._heard.append(float(t))
        self._count_in += bool(count_in)
        heard = np.array(self._heard)
        interval = float(np.median(np.diff(heard))) if len(heard) > 1 else 60.0 / BPM
        anchor = heard[-1] - (len(heard) - 1) * interval  # when beat 0 was heard
        count_in_beats = self._count_in if not count_in else max(self._count_in, COUNT_IN)
        beats = np.arange(len(self.claps)) + count_in_beats
        self.claps = anchor + beats * interval + self.delay

    def frame_at(self, t: float) -> np.ndarray:
        """The RGB frame at session time ``t``."""
        frame = self._room.copy()
        if self._look is not None:
            pose = clapper_poses(np.array([t]), self.claps)[0]
            height = 0.66 * self.height
            skeleton = solve(Pose.from_array(pose), self._look.build, 0.5 * self.width, 0.95 * self.height, height)
            draw_figure(frame, skeleton, self._look)
        return frame

    def _grab(self, start: float) -> tuple[np.ndarray, float] | None:
        due = start + self._frames / self.fps
        if not self._wait_until(due):
            return None
        return self.frame_at(due), due


def clapper_camera(arg: str = "", clock: SessionClock | None = None) -> ClapperCamera:
    """The ``claps`` camera: ``claps`` (0.12 s late), ``claps:0.25`` (any delay), ``claps:nobody``."""
    arg = arg.strip().lower()
    grid = beat_grid()[COUNT_IN:]
    if arg == "nobody":
        return ClapperCamera(grid, clock, person=None, name="claps:nobody")
    try:
        delay = float(arg) if arg else DEFAULT_DELAY
    except ValueError:
        raise InputError(translate("SynthCameras", "claps:{arg}: give the clapper's delay in seconds (claps:0.12) or claps:nobody").format(arg=arg)) from None
    if not -0.3 <= delay <= 1.0:
        raise InputError(translate("SynthCameras", "claps:{arg}: the clapper's delay must be between -0.3 and 1.0 seconds").format(arg=arg))
    return ClapperCamera(grid + delay, clock, name=f"claps:{delay:g}", delay=delay)
