"""Movement accents: the moments a dancer "hits" a count, and where yours fall against the pro's.

Dancers arrive on their counts: the limbs move, then stop sharply on the beat. An accent is
such an arrival, a sharp fall of the canonical body's speed to a local minimum after a fast
stretch. The pro's accents are matched with yours through the alignment: each of the pro's
accents is hit when you have one within ``HIT_S`` of where the path puts it, and the median
signed difference says whether you hit early or late. With the music's beats, the report
also says how close to a beat the pro's and your accents fall. Informative: the score does not
use them (the movement windows already judge timing within a beat). Pure numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dancelike.scoring.movement import canonical_joints
from dancelike.scoring.poses import PoseTrack

#: An accent of yours counts as hitting one of the pro's when it is this close (seconds).
HIT_S = 0.15
#: Speed is smoothed over this long (seconds) before accents are looked for.
SMOOTH_S = 0.1
#: An accent ends a stretch whose peak speed is at least this many times the median speed,
#: and falls to under half of that peak.
PEAK_FACTOR = 1.5
#: ... and at least this fast (torso lengths a second, summed over the canonical joints), so that
#: a reference standing still for minutes (median speed 0.04) finds no accents in its sway.
#: Measured (2026-12-07): accents of the synthetic dancers peak at 6.6 or more, of filmed dances
#: at 9 or more, of walking in place at 3.7 or more (5th percentiles); standing sway at 0.06.
MIN_PEAK_SPEED = 1.0


@dataclass(frozen=True)
class Accents:
    """How your accents fell against the pro's: ``hit_share`` of the pro's accents you hit,
    ``offset_ms`` your median delay at the hits, as the report's timing measures delay (positive:
    late), and, with the
    beats, the median distance of the pro's and your accents from the nearest beat (ms)."""

    count: int
    hit_share: float
    offset_ms: float
    pro_from_beat_ms: float | None
    you_from_beat_ms: float | None

    def to_json(self) -> dict[str, float | int | None]:
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 1)

        return {
            "count": self.count,
            "hit_share": round(self.hit_share, 3),
            "offset_ms": round(self.offset_ms, 1),
            "pro_from_beat_ms": rounded(self.pro_from_beat_ms),
            "you_from_beat_ms": rounded(self.you_from_beat_ms),
        }


def accent_times(track: PoseTrack) -> np.ndarray:
    """Times (seconds) where the dancer arrives: speed minima after a fast stretch."""
    if len(track) < 5:
        return np.zeros(0)
    joints = canonical_joints(np.where(track.found[:, None, None], track.directions, np.nan))
    step = np.diff(track.times)
    frame_s = float(np.median(step)) if len(step) else 1.0 / 30.0
    speed = np.nan_to_num(np.sqrt(((np.diff(joints, axis=0)) ** 2).sum(axis=2)).sum(axis=1)) / max(frame_s, 1e-6)
    width = max(1, int(round(SMOOTH_S / frame_s)))
    speed = np.convolve(speed, np.ones(width) / width, mode="same")
    if not (speed > 0).any():
        return np.zeros(0)
    fast = max(PEAK_FACTOR * float(np.median(speed)), MIN_PEAK_SPEED)
    times, peak = [], 0.0
    for k in range(1, len(speed) - 1):
        peak = max(peak, speed[k])
        if speed[k] < speed[k - 1] and speed[k] <= speed[k + 1] and peak >= fast and speed[k] < 0.5 * peak:  # the first still frame
            times.append(float(track.times[k + 1]))
            peak = 0.0
    return np.array(times)


def _from_beat_ms(times: np.ndarray, beats: np.ndarray | None) -> float | None:
    if beats is None or len(beats) < 2 or not len(times):
        return None
    nearest = np.abs(times[:, None] - np.asarray(beats)[None, :]).min(axis=1)
    return float(np.median(nearest)) * 1000.0


def compare_accents(
    reference: PoseTrack, performance: PoseTrack, matched_time: np.ndarray, beats: np.ndarray | None = None, music_offset_s: float = 0.0
) -> Accents | None:
    """Match the pro's accents with yours; ``matched_time`` is, per reference frame, the
    performance time the alignment put it at (NaN: not danced). ``None`` without pro accents
    in the danced stretch."""
    pro = accent_times(reference)
    if not len(pro):
        return None
    frames = np.clip(np.searchsorted(reference.times, pro), 0, len(reference) - 1)
    expected = matched_time[frames]
    danced = ~np.isnan(expected)
    if not danced.any():
        return None
    pro, expected = pro[danced], expected[danced]
    yours = accent_times(performance)
    if not len(yours):
        return Accents(len(pro), 0.0, 0.0, _from_beat_ms(pro, beats), None)
    nearest = yours[np.abs(yours[None, :] - expected[:, None]).argmin(axis=1)]
    difference = nearest - expected
    hit = np.abs(difference) <= HIT_S
    # your accents on the reference's clock (the beats are the reference's), through the path
    known = ~np.isnan(matched_time)
    yours_on_reference = np.interp(yours, matched_time[known], reference.times[known]) if known.sum() > 1 else yours - music_offset_s
    # The delay at the hits on the same clock as the report's timing (``scoring.timing``: your
    # time, less the music's offset, minus the pro's), so the two never disagree in sign.
    delay = nearest - music_offset_s - pro
    return Accents(
        count=int(len(pro)),
        hit_share=float(hit.mean()),
        offset_ms=float(np.median(delay[hit])) * 1000.0 if hit.any() else 0.0,
        pro_from_beat_ms=_from_beat_ms(pro, beats),
        you_from_beat_ms=_from_beat_ms(yours_on_reference, beats),
    )
