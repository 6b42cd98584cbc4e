"""Finding the beat in a choreography's music, so moves can follow the bars.

Onset strength from spectral flux, tempo from its autocorrelation (60-180 BPM),
phase from the grid that collects the most onset strength. When the music has no
clear beat, ``beat_times`` says so (``None``) and moves follow the dancer's motion.
Pure numpy.
"""

from __future__ import annotations

import numpy as np

FRAME = 1024
HOP = 512
MIN_BPM, MAX_BPM = 60.0, 180.0
#: Autocorrelation peak (relative to lag 0) a tempo needs to count as a clear beat.
MIN_CLARITY = 0.15
_BLOCK = 2048


def onset_strength(pcm: np.ndarray, rate: int) -> np.ndarray:
    """Spectral flux per hop: how much new sound energy starts there."""
    if len(pcm) < FRAME * 2:
        return np.zeros(0)
    count = 1 + (len(pcm) - FRAME) // HOP
    window = np.hanning(FRAME).astype(np.float32)
    pcm = np.asarray(pcm, np.float32)
    flux = np.empty(count - 1)
    previous = None
    for first in range(0, count, _BLOCK):  # in blocks: a 10-minute track stays a few MB
        frames = first + np.arange(min(_BLOCK, count - first))
        index = np.arange(FRAME)[None, :] + HOP * frames[:, None]
        log_spectrum = np.log1p(100.0 * np.abs(np.fft.rfft(pcm[index] * window, axis=1)))
        if previous is not None:
            log_spectrum = np.vstack([previous, log_spectrum])
        flux[max(0, first - 1) : first - 1 + len(frames)] = np.maximum(np.diff(log_spectrum, axis=0), 0.0).sum(axis=1)
        previous = log_spectrum[-1:]
    return np.concatenate([[0.0], flux - np.convolve(flux, np.ones(16) / 16, mode="same")]).clip(min=0.0)


def beat_times(pcm: np.ndarray, rate: int) -> np.ndarray | None:
    """Beat times in seconds, or ``None`` when the audio has no clear steady beat."""
    envelope = onset_strength(pcm, rate)
    hop_s = HOP / rate
    if len(envelope) < int(8.0 / hop_s) or not envelope.any():
        return None
    centred = envelope - envelope.mean()
    spectrum = np.fft.rfft(centred, n=2 * len(centred))
    autocorr = np.fft.irfft(np.abs(spectrum) ** 2)[: len(centred)]
    if autocorr[0] <= 0:
        return None
    low, high = int(60.0 / MAX_BPM / hop_s), int(np.ceil(60.0 / MIN_BPM / hop_s))
    lag = low + int(np.argmax(autocorr[low:high]))
    if autocorr[lag] / autocorr[0] < MIN_CLARITY:
        return None
    # Refine the period to a fraction of a hop with a parabola through the peak.
    a, b, c = autocorr[lag - 1], autocorr[lag], autocorr[lag + 1]
    period = (lag + 0.5 * (a - c) / (a - 2 * b + c if (a - 2 * b + c) != 0 else 1.0)) * hop_s
    # The phase: the grid whose beats land on the most onset strength (onset peaks, not the
    # pulses' centroids, which lag them).
    duration = len(envelope) * hop_s
    best_phase, best_strength = 0.0, -1.0
    for phase in np.linspace(0.0, period, 64, endpoint=False):
        grid = np.arange(phase, duration, period)
        strength = envelope[np.minimum((grid / hop_s).round().astype(np.int64), len(envelope) - 1)].sum()
        if strength > best_strength:
            best_phase, best_strength = float(phase), float(strength)
    # Onset frames mark the end of the hop in which the sound starts: shift back half a frame.
    return np.arange(best_phase, duration, period) + (FRAME / 2 - HOP) / rate
