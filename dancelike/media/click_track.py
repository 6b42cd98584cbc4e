"""The latency calibration's click track: a count-in, then the beats to clap on.

Made here, as samples, so the calibration needs no sound file; the drum sounds are the demo
music's own (``synth.music`` uses them too). The beat grid is shared with the synthetic
clapper (``synth.claps``) so both hear the same beats.
"""

from __future__ import annotations

import numpy as np

#: The calibration's defaults (``engine.calibration.run_calibration``), shared by the clapper.
BPM = 100.0
BEATS = 8
COUNT_IN = 4
#: Silence before the first count-in beat (seconds): the sink's first samples often stutter.
LEAD_IN = 0.5


def kick(rate: int) -> np.ndarray:
    """A kick drum: a falling sine with a click on its attack."""
    t = np.arange(int(0.32 * rate)) / rate
    freq = 48.0 + 95.0 * np.exp(-t * 28.0)
    phase = 2 * np.pi * np.cumsum(freq) / rate
    click = np.exp(-t * 900.0) * 0.5
    return (np.sin(phase) * np.exp(-t * 9.0) + click).astype(np.float32)


def hat(rate: int, rng: np.random.Generator, length: float = 0.05) -> np.ndarray:
    """A closed hi-hat: filtered noise, ``length`` seconds."""
    t = np.arange(int(length * rate)) / rate
    noise = np.diff(np.diff(rng.standard_normal(t.size + 2)))  # second difference: hiss
    return (noise * np.exp(-t * (4.0 / length)) * 0.18).astype(np.float32)


def beat_grid(bpm: float = BPM, beats: int = BEATS, count_in: int = COUNT_IN, lead_in: float = LEAD_IN) -> np.ndarray:
    """Seconds (from the start of the click track) of every beat, count-in first."""
    if bpm <= 0 or beats < 1 or count_in < 0:
        raise ValueError(f"bad beat grid: bpm={bpm}, beats={beats}, count_in={count_in}")
    return lead_in + np.arange(count_in + beats) * (60.0 / bpm)


def click_track(
    bpm: float = BPM, beats: int = BEATS, count_in: int = COUNT_IN, *, sample_rate: int = 48000, channels: int = 2, lead_in: float = LEAD_IN, tail: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """The click track as float32 PCM ``(samples, channels)`` and its beat times (seconds).

    Count-in beats are hi-hat ticks with a high woodblock tone (listen, don't clap); the beats
    to clap on are kicks with a tick on top, accented on the first. Every sound's attack lands
    on its beat's sample exactly. ``tail`` seconds of silence follow the last beat (the last
    clap still has to be seen).
    """
    grid = beat_grid(bpm, beats, count_in, lead_in)
    length = round((grid[-1] + tail) * sample_rate)
    mono = np.zeros(length, np.float32)
    rng = np.random.default_rng(7)
    kick_sound, hat_sound = kick(sample_rate), hat(sample_rate, rng, 0.04)
    t = np.arange(int(0.06 * sample_rate)) / sample_rate
    block = (np.sin(2 * np.pi * 1760.0 * t) * np.exp(-t * 90.0)).astype(np.float32)
    low_block = (np.sin(2 * np.pi * 1175.0 * t) * np.exp(-t * 90.0)).astype(np.float32)
    for k, when in enumerate(grid):
        at = round(when * sample_rate)
        if k < count_in:
            sounds = [(hat_sound, 1.6), (low_block, 0.35)]
        else:
            sounds = [(kick_sound, 0.9), (hat_sound, 1.2), (block if k == count_in else low_block, 0.45 if k == count_in else 0.25)]
        for sound, gain in sounds:
            end = min(length, at + len(sound))
            mono[at:end] += sound[: end - at] * gain
    mono *= 0.8 / (float(np.abs(mono).max()) or 1.0)
    return np.repeat(mono[:, None], channels, axis=1), grid
