"""Latency calibration, the pure part: claps found in wrist tracks, then matched to the beats.

The user claps along to a click track in front of the camera. A clap is the moment the wrists
meet: their distance, in shoulder widths (so it does not matter how far from the camera the
user stands), reaches a minimum below ``CLOSE`` after the hands were apart. The frame of the
minimum is refined to a sub-frame instant with a parabola through it and its two neighbours,
because a 30 frames/s camera samples every 33 ms and the answer must be good to ~10 ms.

Each beat is then paired with the nearest clap, the latency is the median of clap - beat over
the pairs, and the spread (median absolute deviation) says whether the claps were steady
enough to trust. The latency is everything between the sound leaving the program and the
picture of the clap reaching it: audio output delay plus camera delay (plus the user's own
habit of clapping a touch early or late, which nobody can separate from the rest).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dancelike.i18n import translate

#: Hands count as together below this many shoulder widths (wrists of clapped hands: ~0.2-0.4).
CLOSE = 0.6
#: Between two claps the wrists must part by at least this much (shoulder widths) more than the
#: clap's minimum; smaller wobbles while the hands are together are not new claps.
RISE = 0.35
#: Tracking gaps longer than this (seconds) break a clap in two halves nobody can trust.
MAX_GAP = 0.25
#: Claps needed out of the beats for a result.
MIN_MATCHED = 5
#: Largest acceptable spread (median absolute deviation of clap - beat), seconds.
MAX_SPREAD = 0.06
#: Where the pairing window sits, as a fraction of a beat: physical delays are positive, so a
#: clap may come up to 3/4 of a beat late but only 1/4 early (Bluetooth audio plus a slow
#: webcam can add 0.4 s, which a window of +-1/2 beat at 100 bpm would mistake for early claps).
EARLIEST, LATEST = -0.25, 0.75


@dataclass(frozen=True)
class Calibration:
    """The measured latency (seconds, clap minus beat) and whether it can be trusted.

    ``message`` is one line for the user: the result, or what to do to get one. ``claps`` and
    ``beats`` are the instants that went in (session seconds), for display and diagnosis.
    """

    latency_s: float
    matched: int
    spread_s: float
    ok: bool
    message: str
    claps: tuple[float, ...] = ()
    beats: tuple[float, ...] = ()


def hand_distance(left_wrist: np.ndarray, right_wrist: np.ndarray, shoulder_width: np.ndarray | float, found: np.ndarray) -> np.ndarray:
    """Wrist distance in shoulder widths per frame; NaN where nobody (or no shoulders) was seen."""
    left = np.asarray(left_wrist, np.float64).reshape(-1, 2)
    right = np.asarray(right_wrist, np.float64).reshape(-1, 2)
    width = np.broadcast_to(np.asarray(shoulder_width, np.float64), (len(left),))
    found = np.asarray(found, bool).reshape(-1)
    if not (len(left) == len(right) == len(found)):
        raise ValueError(f"wrist tracks and found flags differ in length: {len(left)}, {len(right)}, {len(found)}")
    with np.errstate(invalid="ignore", divide="ignore"):
        distance = np.linalg.norm(left - right, axis=1) / width
    usable = found & np.isfinite(distance) & (width > 1e-6)
    return np.where(usable, distance, np.nan)


def _vertex(t: np.ndarray, d: np.ndarray, i: int) -> float:
    """Time of the minimum of the parabola through samples i-1, i, i+1 (clamped between them)."""
    if i == 0 or i == len(t) - 1:
        return float(t[i])
    (t0, t1, t2), (d0, d1, d2) = t[i - 1 : i + 2], d[i - 1 : i + 2]
    # Lagrange form of the parabola's derivative set to zero (uneven spacing allowed).
    denom = (t0 - t1) * (t0 - t2) * (t1 - t2)
    a = (t2 * (d1 - d0) + t1 * (d0 - d2) + t0 * (d2 - d1)) / denom
    b = (t2 * t2 * (d0 - d1) + t1 * t1 * (d2 - d0) + t0 * t0 * (d1 - d2)) / denom
    if a <= 1e-12:
        return float(t1)
    return float(np.clip(-b / (2 * a), t0, t2))


def find_claps(
    times: np.ndarray,
    left_wrist: np.ndarray,
    right_wrist: np.ndarray,
    shoulder_width: np.ndarray | float,
    found: np.ndarray,
    *,
    close: float = CLOSE,
    rise: float = RISE,
    max_gap: float = MAX_GAP,
) -> np.ndarray:
    """Clap instants (seconds, increasing) in wrist tracks sampled at ``times``.

    ``left_wrist``/``right_wrist`` are (N, 2) image points, ``shoulder_width`` the shoulder
    distance in the same units (per frame, or one number), ``found`` whether a body was seen.
    A clap is the minimum of the normalised wrist distance while it is below ``close``, counted
    once the distance has risen ``rise`` above that minimum again (the hands parted) and only
    if the hands were that far apart before it too. A gap in tracking longer than ``max_gap``
    forgets a half-seen clap.
    """
    t_all = np.asarray(times, np.float64).reshape(-1)
    d_all = hand_distance(left_wrist, right_wrist, shoulder_width, found)
    if len(t_all) != len(d_all):
        raise ValueError(f"{len(t_all)} times for {len(d_all)} frames")
    keep = np.isfinite(d_all) & np.isfinite(t_all)
    t, d = t_all[keep], d_all[keep]
    claps: list[float] = []
    peak = -np.inf  # the largest distance since the last clap (or the start of tracking)
    low: int | None = None  # index of the lowest point of the current "hands together" stretch
    for i in range(len(t)):
        if i and t[i] - t[i - 1] > max_gap:  # tracking lost: start over
            peak, low = -np.inf, None
        if low is not None and d[i] >= d[low] + rise:
            claps.append(_vertex(t, d, low))  # the hands parted again: that was a clap
            peak, low = d[i], None
            continue
        if d[i] < close and d[i] <= peak - rise and (low is None or d[i] < d[low]):
            low = i
        if low is None:
            peak = max(peak, d[i])
    return np.array(claps, np.float64)


def _median_abs_deviation(x: np.ndarray) -> float:
    return float(np.median(np.abs(x - np.median(x)))) if len(x) else 0.0


def _grid_offset(claps: np.ndarray, beats: np.ndarray, interval: float) -> float:
    """The claps' typical offset from the beat grid, in [EARLIEST, LATEST) beats x interval.

    Circular mean of every clap's phase against the grid: robust to missing claps and extra
    ones, and it does not care which beat a clap belongs to.
    """
    phase = 2 * np.pi * (claps - beats[0]) / interval
    angle = float(np.angle(np.mean(np.exp(1j * phase))))
    offset = angle / (2 * np.pi)  # in (-0.5, 0.5] beats
    if offset < EARLIEST:
        offset += 1.0
    return offset * interval


def estimate_latency(claps: np.ndarray, beats: np.ndarray, *, seen: float = 1.0, min_matched: int = MIN_MATCHED, max_spread: float = MAX_SPREAD) -> Calibration:
    """Pair beats with claps and measure the latency (median of clap - beat over the pairs).

    Each beat takes the clap nearest to ``beat + the claps' typical offset`` within half a beat
    of it (so a clap belongs to at most one beat, and a steady 0.4 s delay still pairs each clap
    with its own beat). ``seen`` is the fraction of frames in which a body was found: when it is
    low the message says to step into view rather than to clap better.
    """
    claps = np.sort(np.asarray(claps, np.float64).reshape(-1))
    beats = np.sort(np.asarray(beats, np.float64).reshape(-1))
    if len(beats) < 2:
        raise ValueError(f"need at least two beats to calibrate, got {len(beats)}")
    interval = float(np.median(np.diff(beats)))
    total = len(beats)
    detail = {"claps": tuple(round(float(c), 4) for c in claps), "beats": tuple(round(float(b), 4) for b in beats)}
    offsets: list[float] = []
    if len(claps):
        centre = _grid_offset(claps, beats, interval)
        free = np.ones(len(claps), bool)
        for beat in beats:
            gaps = np.where(free, np.abs(claps - (beat + centre)), np.inf)
            j = int(np.argmin(gaps))
            if gaps[j] < interval / 2:
                free[j] = False
                offsets.append(float(claps[j] - beat))
    matched = len(offsets)
    values = np.array(offsets)
    latency = float(np.median(values)) if matched else 0.0
    spread = _median_abs_deviation(values)
    if matched < min_matched:
        if seen < 0.5:
            message = translate("Claps", "Nobody seen: stand back so your head, shoulders and hands are in view, then try again.")
        elif matched == 0:
            message = translate("Claps", "No claps seen: stand so your hands are in view and clap on each of the {total} beats.").format(total=total)
        else:
            if matched == 1:
                message = translate("Claps", "Only 1 clap seen: stand so your hands are in view and clap on each beat.")
            else:
                message = translate("Claps", "Only {count} claps seen: stand so your hands are in view and clap on each beat.").format(count=matched)
        return Calibration(latency, matched, spread, False, message, **detail)
    if spread > max_spread:
        uneven = translate("Claps", "Your claps were uneven (\u00b1{spread} ms): clap sharply, right on each click, and try again.")
        message = uneven.format(spread=f"{spread * 1000:.0f}")
        return Calibration(latency, matched, spread, False, message, **detail)
    return Calibration(latency, matched, spread, True, describe(latency), **detail)


def describe(latency: float) -> str:
    """The result in one line, as the user sees it."""
    if latency >= 0.005:
        return translate("Claps", "Your setup adds {seconds} s; we'll subtract it.").format(seconds=f"{latency:.2f}")
    if latency <= -0.005:
        return translate("Claps", "You clapped {seconds} s ahead of the beat; we'll allow for it.").format(seconds=f"{-latency:.2f}")
    return translate("Claps", "Your setup adds no noticeable delay.")
