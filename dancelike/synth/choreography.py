"""Choreographies: named moves made of joint-angle keyframes on a beat grid.

A move is a few keyframes placed on beats (or half beats); a choreography is a tempo
plus a sequence of moves after a short count-in. Between keyframes the pose eases in and
out (cosine), so limbs arrive on the beat and pause there briefly, as dancers "hit" their
counts; that also gives the scoring engine the pauses and direction changes it segments
moves by. Sampling is vectorised over all frames at once.

Keyframes only name the joints that differ from ``READY`` (a relaxed stance), which keeps
the move table short enough to read as a dance notation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from dancelike.synth.skeleton import POSE_FIELDS, Pose

READY = Pose(l_hip=7.0, r_hip=7.0)
_READY = READY.as_array()
_INDEX = {name: k for k, name in enumerate(POSE_FIELDS)}

Key = tuple[float, dict[str, float]]  # (beat within the move, joint overrides)


@dataclass(frozen=True)
class Move:
    """A named move lasting ``beats`` beats; ``keys`` are (beat, overrides of ``READY``)."""

    name: str
    beats: int
    keys: tuple[Key, ...]


def _pose(overrides: dict[str, float]) -> np.ndarray:
    values = _READY.copy()
    for name, value in overrides.items():
        values[_INDEX[name]] = value
    return values


def _both(**kw: float) -> dict[str, float]:
    """Symmetric overrides: ``shoulder=90`` sets l_shoulder and r_shoulder."""
    out: dict[str, float] = {}
    for name, value in kw.items():
        if name in ("x", "bounce", "lean", "head"):
            out[name] = value
        else:
            out[f"l_{name}"] = out[f"r_{name}"] = value
    return out


def _alt(beats: int, a: dict[str, float], b: dict[str, float], step: float = 1.0) -> tuple[Key, ...]:
    """Alternate two keyframes every ``step`` beats."""
    return tuple((k * step, a if k % 2 == 0 else b) for k in range(int(beats / step)))


_GUARD_L = {"l_shoulder": 25.0, "l_elbow": -145.0}
_GUARD_R = {"r_shoulder": 25.0, "r_elbow": -145.0}
_HANDS_ON_HIPS = _both(shoulder=38.0, elbow=-115.0)
_PLIE = _both(hip=24.0, knee=52.0)

MOVES: dict[str, Move] = {
    m.name: m
    for m in (
        Move(
            "arm_wave",
            8,
            _alt(8, {**_both(shoulder=92.0), "l_elbow": 45.0, "r_elbow": -45.0, "lean": 4.0}, {**_both(shoulder=92.0), "l_elbow": -45.0, "r_elbow": 45.0, "lean": -4.0}),
        ),
        # Arms up in a V (150), not straight up: with both arms vertical beside the head the
        # tracker flipped the body left/right for a few frames at each apex.
        Move("arms_up", 8, _alt(8, {**_both(shoulder=150.0, elbow=5.0), "bounce": 0.02, "head": 0.0}, {**_both(shoulder=20.0, elbow=-20.0, hip=12.0, knee=28.0)})),
        Move(
            "hip_sway",
            8,
            _alt(
                8, {"x": 0.06, "lean": -9.0, **_HANDS_ON_HIPS, "r_knee": 18.0, "r_hip": 12.0}, {"x": -0.06, "lean": 9.0, **_HANDS_ON_HIPS, "l_knee": 18.0, "l_hip": 12.0}
            ),
        ),
        Move(
            "side_step",
            8,
            (
                (0, {"x": -0.1, "r_hip": 16.0, "l_hip": 3.0, **_both(shoulder=60.0, elbow=60.0)}),
                (1, {"x": -0.14, **_both(hip=4.0, shoulder=30.0, elbow=-70.0)}),
                (2, {"x": -0.04, "l_hip": 16.0, "r_hip": 3.0, **_both(shoulder=60.0, elbow=60.0)}),
                (3, {"x": 0.0, **_both(hip=4.0, shoulder=30.0, elbow=-70.0)}),
                (4, {"x": 0.1, "l_hip": 16.0, "r_hip": 3.0, **_both(shoulder=60.0, elbow=60.0)}),
                (5, {"x": 0.14, **_both(hip=4.0, shoulder=30.0, elbow=-70.0)}),
                (6, {"x": 0.04, "r_hip": 16.0, "l_hip": 3.0, **_both(shoulder=60.0, elbow=60.0)}),
                (7, {"x": 0.0, **_both(hip=4.0, shoulder=30.0, elbow=-70.0)}),
            ),
        ),
        Move(
            "disco_point",
            8,
            _alt(
                8,
                {"r_shoulder": 145.0, "r_elbow": 0.0, "l_shoulder": 45.0, "l_elbow": -100.0, "x": 0.04, "lean": -5.0, "l_knee": 15.0},
                {"r_shoulder": 30.0, "r_elbow": -75.0, "l_shoulder": 45.0, "l_elbow": -100.0, "x": -0.03, "lean": 4.0, "r_knee": 15.0},
            ),
        ),
        Move(
            "punches",
            8,
            _alt(
                8,
                {"l_shoulder": 110.0, "l_elbow": 0.0, **_GUARD_R, **_both(hip=18.0, knee=20.0), "lean": -6.0},
                {"r_shoulder": 110.0, "r_elbow": 0.0, **_GUARD_L, **_both(hip=18.0, knee=20.0), "lean": 6.0},
            ),
        ),
        Move("squats", 8, _alt(8, {**_PLIE, **_both(shoulder=90.0, elbow=0.0)}, {**_both(hip=14.0, shoulder=15.0, elbow=-30.0)})),
        Move(
            "kicks",
            8,
            (
                (0, {"l_hip": 62.0, "r_hip": 3.0, "lean": -14.0, **_both(shoulder=70.0, elbow=40.0)}),
                (1, {**_both(hip=8.0, shoulder=25.0, elbow=-40.0)}),
                (2, {"r_hip": 62.0, "l_hip": 3.0, "lean": 14.0, **_both(shoulder=70.0, elbow=40.0)}),
                (3, {**_both(hip=8.0, shoulder=25.0, elbow=-40.0)}),
                (4, {"l_hip": 62.0, "r_hip": 3.0, "lean": -14.0, **_both(shoulder=70.0, elbow=40.0)}),
                (5, {**_both(hip=8.0, shoulder=25.0, elbow=-40.0)}),
                (6, {"r_hip": 62.0, "l_hip": 3.0, "lean": 14.0, **_both(shoulder=70.0, elbow=40.0)}),
                (7, {**_both(hip=8.0, shoulder=25.0, elbow=-40.0)}),
            ),
        ),
        # Side lunges rather than knee lifts: a thigh raised towards the camera is foreshortened
        # with no depth cue in a flat drawing, and BlazePose lost the legs in ~5% of those frames.
        Move(
            "lunges",
            8,
            _alt(
                8,
                {"x": 0.07, "l_hip": 45.0, "l_knee": 45.0, "r_hip": 32.0, "l_shoulder": 95.0, "l_elbow": 0.0, "r_shoulder": 140.0, "r_elbow": 10.0, "lean": -6.0},
                {"x": -0.07, "r_hip": 45.0, "r_knee": 45.0, "l_hip": 32.0, "r_shoulder": 95.0, "r_elbow": 0.0, "l_shoulder": 140.0, "l_elbow": 10.0, "lean": 6.0},
                step=2.0,
            ),
        ),
        Move("jacks", 8, _alt(8, {**_both(shoulder=150.0, elbow=10.0, hip=22.0), "bounce": 0.03}, {**_both(shoulder=15.0, elbow=-10.0, hip=4.0)})),
        Move("still", 8, ((0, {}), (4, {"head": 2.0}))),
    )
}


@dataclass(frozen=True)
class Choreography:
    """A dance: tempo (beats per minute), a count-in, then ``moves`` in order.

    Beat ``k`` of the dance falls at ``k * 60 / bpm`` seconds; the count-in (ready stance)
    fills the first ``intro_beats`` beats, so the first move starts on a downbeat.
    """

    name: str
    bpm: float
    moves: tuple[str, ...]
    intro_beats: int = 4
    keys: tuple[np.ndarray, np.ndarray] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        beats, poses = [0.0], [_READY]
        start = float(self.intro_beats)
        for name in self.moves:
            move = MOVES[name]
            for beat, overrides in move.keys:
                beats.append(start + beat)
                poses.append(_pose(overrides))
            start += move.beats
        beats.append(start)
        poses.append(_READY)
        object.__setattr__(self, "keys", (np.array(beats), np.array(poses)))

    @property
    def beat_seconds(self) -> float:
        return 60.0 / self.bpm

    @property
    def total_beats(self) -> int:
        return self.intro_beats + sum(MOVES[name].beats for name in self.moves) + 1

    @property
    def duration(self) -> float:
        """Seconds from the count-in to the final return to the ready stance."""
        return self.total_beats * self.beat_seconds

    def spans(self) -> list[tuple[float, float, str]]:
        """(start_beat, end_beat, move name) of every move after the count-in."""
        out, start = [], float(self.intro_beats)
        for name in self.moves:
            out.append((start, start + MOVES[name].beats, name))
            start += MOVES[name].beats
        return out

    def poses_at(self, beats: np.ndarray) -> np.ndarray:
        """Pose vectors (N, len(POSE_FIELDS)) at fractional beat positions (eased between keys)."""
        key_beats, key_poses = self.keys
        b = np.clip(np.asarray(beats, dtype=np.float64), key_beats[0], key_beats[-1])
        index = np.clip(np.searchsorted(key_beats, b, side="right") - 1, 0, len(key_beats) - 2)
        span = key_beats[index + 1] - key_beats[index]
        u = np.clip((b - key_beats[index]) / span, 0.0, 1.0)
        ease = (0.5 - 0.5 * np.cos(np.pi * u))[:, None]
        return key_poses[index] * (1.0 - ease) + key_poses[index + 1] * ease


#: The named dances. "groove" is the demo choreography; "power" shares none of its moves.
CHOREOGRAPHIES: dict[str, Choreography] = {
    c.name: c
    for c in (
        Choreography("groove", 112.0, ("arm_wave", "hip_sway", "arms_up", "side_step", "disco_point", "arm_wave", "hip_sway", "arms_up")),
        Choreography("power", 126.0, ("punches", "squats", "kicks", "lunges", "jacks", "punches", "squats", "kicks")),
        Choreography("still", 112.0, ("still",) * 8),
    )
}


def choreography(name: str | Choreography) -> Choreography:
    """Look up a named choreography (``KeyError`` lists the names)."""
    if isinstance(name, Choreography):
        return name
    try:
        return CHOREOGRAPHIES[name]
    except KeyError:
        raise KeyError(f"unknown choreography {name!r}; known: {', '.join(CHOREOGRAPHIES)}") from None
