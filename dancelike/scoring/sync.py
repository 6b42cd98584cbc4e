"""Aligning two recordings by their music: when both carry the same song, it gives the offset.

A copy of a dance-app video, or a recording made in DanceLike, carries the reference's music.
The onset envelopes (``beats.onset_strength``) of the two soundtracks are cross-correlated;
a clear peak says how much later the performance's music plays. Two different songs (or a
room's noise) correlate weakly everywhere: then there is no offset, and the motion decides.
Pure numpy.
"""

from __future__ import annotations

import numpy as np

from dancelike.scoring.beats import HOP, onset_strength

#: Normalised correlation the peak needs to count as the same music. Measured on the
#: development set: the same song 0.85-0.99, different songs or noise 0.09-0.16.
MIN_MUSIC_MATCH = 0.4
#: The largest offset looked for (seconds).
MAX_OFFSET_S = 10.0


def music_offset(reference: np.ndarray, performance: np.ndarray, rate: int, max_offset_s: float = MAX_OFFSET_S) -> tuple[float, float] | None:
    """``(offset_s, match)``: how much later the performance's music plays than the reference's
    (negative: earlier), and how clearly (0-1); ``None`` when the two do not share music."""
    first, second = onset_strength(reference, rate), onset_strength(performance, rate)
    if len(first) < 16 or len(second) < 16:
        return None
    first, second = first - first.mean(), second - second.mean()
    norm = float(np.sqrt((first @ first) * (second @ second)))
    if norm <= 0:
        return None
    size = len(first) + len(second)
    correlation = np.fft.irfft(np.fft.rfft(second, size) * np.conj(np.fft.rfft(first, size)), size)
    lags = np.arange(size)
    lags[lags > size // 2] -= size
    hop_s = HOP / rate
    allowed = np.abs(lags * hop_s) <= max_offset_s
    best = int(np.argmax(np.where(allowed, correlation, -np.inf)))
    match = float(correlation[best] / norm)
    if match < MIN_MUSIC_MATCH:
        return None
    return float(lags[best] * hop_s), match
