"""Every dancer of a video, from the segments the analysis workers tracked.

Each worker numbers the people of its own segment. Its first frames overlap the previous
segment's last ones, and there the two numberings are matched (the same body in the same
frame). Pieces of one person's track that never overlap in time and meet where one ends
and the next begins are joined. Then people seen too briefly (a passer-by, a false
detection) are dropped, at most ``MAX_DANCERS`` are kept (most in view and largest), and
they are numbered from the left of the picture, as a learner would count them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dancelike.errors import InputError
from dancelike.i18n import translate
from dancelike.vision.body import BodyFrame
from dancelike.vision.identity import assign
from dancelike.vision.landmark_names import HIPS
from dancelike.vision.people import SAME_BODY, TrackedBody, torso_distance
from dancelike.vision.tracker import StageTimes
from dancelike.vision.video_analysis import Dancer, VideoAnalysis

#: At most this many dancers are kept.
MAX_DANCERS = 6
#: A person in view for less than this (seconds, or share of the most-seen dancer) is not a dancer.
MIN_SECONDS = 1.0
MIN_SHARE = 0.15
#: ... but in a clip shorter than that, in view for this share of it is enough (a 0.6 s clip
#: with one dancer in every frame has a dancer, not "nobody in it").
MIN_SHARE_OF_SHORT_CLIP = 0.5
#: Pieces are joined when the gap, in body heights per (1 + 2 x seconds apart), is below this.
JOIN_GATE = 0.5

Track = dict[int, BodyFrame]  # frame index -> body


@dataclass
class PeopleSegment:
    """Everyone tracked through one segment: per frame its time and the people in it. The first
    ``warmup`` frames overlap the previous segment's last ones (to match numbers across)."""

    times: list[float]
    people: list[list[TrackedBody]]
    warmup: int
    stage_times: StageTimes


def gather_dancers(analysis: VideoAnalysis, parts: list[PeopleSegment]) -> VideoAnalysis:
    """``analysis`` (empty frames) filled with every dancer's track, following the default one."""
    times, tracks = _stitch(parts)
    _join_pieces(tracks, analysis.fps)
    dancers = _number(_keep(tracks, analysis.fps, len(times)), len(times), times, analysis)
    analysis.frames = [BodyFrame(t, analysis.width, analysis.height) for t in times]
    analysis.dancers = dancers
    return analysis.follow(None)


def follow_dancer(path: str | Path, analysis: VideoAnalysis, dancer: int | None) -> VideoAnalysis:
    """``analysis`` following ``dancer`` (None: the default), or a one-line ``InputError``
    when there is no such dancer (or nobody at all, when a number was asked for). With
    nobody found and no number asked for, the analysis is returned as it is (a score then
    says no dancer was found)."""
    if not analysis.dancers:
        if dancer is None:
            return analysis
        raise InputError(translate("Dancers", "{path}: nobody was found in it; choose a video where the dancer can be seen").format(path=path))
    try:
        return analysis.follow(dancer)
    except KeyError as exc:
        count = len(analysis.dancers)
        if count == 1:
            text = translate("Dancers", "{path}: {problem} (--dancer 1, or auto)")
        else:
            text = translate("Dancers", "{path}: {problem} (--dancer 1 to {count}, or auto)")
        raise InputError(text.format(path=path, problem=exc.args[0], count=count)) from None


def _stitch(parts: list[PeopleSegment]) -> tuple[list[float], dict[int, Track]]:
    times: list[float] = []
    tracks: dict[int, Track] = {}
    for k, part in enumerate(parts):
        skip = part.warmup if k else 0
        mapping = _match_overlap(tracks, len(times), part) if k and skip else {}
        for offset, people in enumerate(part.people[skip:]):
            index = len(times) + offset
            for tracked in people:
                if tracked.person not in mapping:
                    mapping[tracked.person] = len(tracks) + 1
                    tracks[mapping[tracked.person]] = {}
                tracks[mapping[tracked.person]][index] = tracked.body
        times.extend(part.times[skip:])
    return times, tracks


def _match_overlap(tracks: dict[int, Track], done: int, part: PeopleSegment) -> dict[int, int]:
    """Local numbers of ``part`` matched to the tracks of the frames its warm-up repeats."""
    first = done - part.warmup
    local = sorted({p.person for people in part.people[: part.warmup] for p in people})
    known = sorted(tracks)
    cost = np.full((len(local), len(known)), np.inf)
    for row, number in enumerate(local):
        for col, gid in enumerate(known):
            distances = [
                torso_distance(mine, theirs)
                for offset, people in enumerate(part.people[: part.warmup])
                for tracked in people
                if tracked.person == number and (mine := tracked.body.landmarks) is not None and (theirs := _landmarks(tracks[gid], first + offset)) is not None
            ]
            if distances:
                cost[row, col] = float(np.median(distances))
    return {local[row]: known[col] for row, col in assign(cost, SAME_BODY)}


def _landmarks(track: Track, index: int) -> np.ndarray | None:
    body = track.get(index)
    return None if body is None else body.landmarks


def _ends(track: Track) -> tuple[int, int]:
    return min(track), max(track)


def _hips(body: BodyFrame) -> np.ndarray:
    assert body.landmarks is not None
    return body.landmarks[list(HIPS), :2].mean(axis=0)


def _height(track: Track) -> float:
    return float(np.median([np.ptp(b.landmarks[:, 1]) for b in track.values() if b.landmarks is not None]))


def _join_pieces(tracks: dict[int, Track], fps: float) -> None:
    """Join pieces of one person's track: one ends where, soon after, the other begins."""
    while True:
        best: tuple[float, int, int] | None = None
        for a, track_a in tracks.items():
            end_a = _ends(track_a)[1]
            for b, track_b in tracks.items():
                start_b = _ends(track_b)[0]
                if a == b or start_b <= end_a:
                    continue
                height = _height(track_a)
                if not 0.7 < _height(track_b) / max(height, 1.0) < 1.4:
                    continue
                gap = float(np.linalg.norm(_hips(track_b[start_b]) - _hips(track_a[end_a]))) / max(height, 1.0)
                cost = gap / (1.0 + 2.0 * (start_b - end_a) / fps)
                if cost < JOIN_GATE and (best is None or cost < best[0]):
                    best = (cost, a, b)
        if best is None:
            return
        _, a, b = best
        tracks[a].update(tracks.pop(b))


def _keep(tracks: dict[int, Track], fps: float, frames: int) -> list[Track]:
    """The dancers among the people: in view long enough (``MIN_SECONDS``, or half of a clip
    shorter than that), at most ``MAX_DANCERS`` of them."""
    if not tracks:
        return []
    most = max(len(track) for track in tracks.values())
    enough = max(min(MIN_SECONDS * fps, MIN_SHARE_OF_SHORT_CLIP * frames), MIN_SHARE * most)
    kept = [track for track in tracks.values() if len(track) >= enough]
    kept.sort(key=lambda track: -len(track) * _height(track))
    return kept[:MAX_DANCERS]


def _number(kept: list[Track], count: int, times: list[float], analysis: VideoAnalysis) -> list[Dancer]:
    """Dancers numbered from the left of the picture (median hips position)."""
    kept = sorted(kept, key=lambda track: float(np.median([_hips(b)[0] for b in track.values()])))
    dancers = []
    for number, track in enumerate(kept, start=1):
        frames = [track.get(index) or BodyFrame(times[index], analysis.width, analysis.height) for index in range(count)]
        dancers.append(Dancer(number, frames))
    return dancers
