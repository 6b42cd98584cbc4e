"""The replay video: the pro on the left, you on the right, re-timed to dance in step.

For every reference frame the right panel shows the performance frame the DTW path
matched to it, so a late or slow dancer is pulled into step and the two can be
compared move by move. The dancer's body parts are coloured from red to green by
how well each part matched at that moment; the top bar shows the running score and
the current move's rating; the reference's music plays under it (AAC).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import cv2
import numpy as np

from dancelike.media.audio import load_audio
from dancelike.media.overlay import draw_body
from dancelike.media.video import VideoFrame, VideoReader
from dancelike.media.writer import VideoWriter
from dancelike.progress import Progress
from dancelike.scoring.poses import PART_GROUP
from dancelike.scoring.report import rating

if TYPE_CHECKING:
    from dancelike.offline import ScoredPair
    from dancelike.scoring.report import Report

PANEL_HEIGHT = 540
BAR_HEIGHT = 56
AUDIO_RATE = 44100
_FONT = cv2.FONT_HERSHEY_DUPLEX


def score_color(score: float) -> tuple[int, int, int]:
    """Red (0) through amber (60) to green (90+), as RGB."""
    stops = np.array([[0, 220, 50, 40], [60, 245, 180, 40], [90, 60, 200, 90], [100, 40, 210, 90]], float)
    return tuple(int(round(np.interp(score, stops[:, 0], stops[:, c]))) for c in (1, 2, 3))  # type: ignore[return-value]


def _part_colors(group_scores: np.ndarray) -> np.ndarray:
    """A colour per part label from the scores of the six groups (background black)."""
    colors = np.zeros((len(PART_GROUP), 3), np.uint8)
    for label, group in enumerate(PART_GROUP):
        if group >= 0:
            colors[label] = score_color(float(group_scores[group]))
    return colors


def _panel(rgb: np.ndarray, height: int) -> np.ndarray:
    width = int(round(rgb.shape[1] * height / rgb.shape[0])) // 2 * 2
    return cv2.resize(rgb, (width, height), interpolation=cv2.INTER_AREA)


def _text(image: np.ndarray, text: str, org: tuple[int, int], scale: float, color: tuple[int, int, int]) -> None:
    cv2.putText(image, text, org, _FONT, scale, (0, 0, 0), 3, cv2.LINE_AA)
    cv2.putText(image, text, org, _FONT, scale, color, 1, cv2.LINE_AA)


def _frames_at(reader: VideoReader, wanted: np.ndarray) -> Iterator[VideoFrame]:
    """The frames with the (non-decreasing) indices ``wanted``, decoding forward only."""
    frames = iter(reader)
    current = next(frames)
    for index in wanted:
        while current.index < index:
            following = next(frames, None)
            if following is None:
                break
            current = following
        yield current


def write_replay(destination: str, reference_path: str, performance_path: str, scored: ScoredPair) -> None:
    """Write the side-by-side replay of a scored pair to ``destination`` (MP4, H.264 + AAC)."""
    report = scored.report
    reference, performance = scored.reference, scored.performance
    count = len(reference.frames)
    wanted = np.maximum.accumulate(report.matched_frames[:count])
    audio = load_audio(reference_path, rate=AUDIO_RATE, channels=2)
    moves = report.moves
    with VideoReader(reference_path) as ref_reader, VideoReader(performance_path) as perf_reader:
        left_w = int(round(ref_reader.width * PANEL_HEIGHT / ref_reader.height)) // 2 * 2
        right_w = int(round(perf_reader.width * PANEL_HEIGHT / perf_reader.height)) // 2 * 2
        width, height = left_w + right_w, PANEL_HEIGHT + BAR_HEIGHT
        samples_per_frame = AUDIO_RATE / reference.fps
        with VideoWriter(destination, reference.fps, width, height, audio_rate=AUDIO_RATE if audio is not None else None) as writer:
            with Progress(count, "replay") as progress:
                pairs = zip(iter(ref_reader), _frames_at(perf_reader, wanted))
                for i, (ref_frame, perf_frame) in enumerate(pairs):
                    if i >= count:
                        break
                    canvas = np.full((height, width, 3), 18, np.uint8)
                    ref_body = reference.frames[i]
                    perf_body = performance.frames[min(int(wanted[i]), len(performance.frames) - 1)]
                    canvas[BAR_HEIGHT:, :left_w] = _panel(draw_body(ref_frame.rgb, ref_body, alpha=0.35), PANEL_HEIGHT)
                    colors = _part_colors(report.group_scores[i])
                    canvas[BAR_HEIGHT:, left_w:] = _panel(draw_body(perf_frame.rgb, perf_body, alpha=0.6, colors=colors), PANEL_HEIGHT)
                    _draw_bar(canvas, report, i, ref_body.t, moves, left_w)
                    writer.write(canvas)
                    if audio is not None:
                        start, end = int(round(i * samples_per_frame)), int(round((i + 1) * samples_per_frame))
                        writer.write_audio(audio[start:end])
                    progress.update()


def _draw_bar(canvas: np.ndarray, report: Report, index: int, t: float, moves: list[dict], left_w: int) -> None:
    running = float(report.frame_scores[: index + 1].mean())
    now = float(report.frame_scores[index])
    _text(canvas, "PRO", (12, BAR_HEIGHT + 30), 0.8, (255, 255, 255))
    _text(canvas, "YOU (re-timed)", (left_w + 12, BAR_HEIGHT + 30), 0.8, (255, 255, 255))
    _text(canvas, f"score {running:4.0f}", (12, 38), 1.0, score_color(running))
    _text(canvas, f"now {now:3.0f}", (230, 38), 0.8, score_color(now))
    move = next((m for m in moves if m["start"] <= t < m["end"]), None)
    if move is not None:
        label = rating(move["score"]).upper()
        _text(canvas, label, (canvas.shape[1] - 40 - 22 * len(label), 38), 1.0, score_color(move["score"]))
    # A thin timeline of the whole dance with the current position.
    width = canvas.shape[1]
    x = int(width * (index + 1) / max(1, len(report.frame_scores)))
    canvas[BAR_HEIGHT - 5 : BAR_HEIGHT - 1, :x] = score_color(running)
