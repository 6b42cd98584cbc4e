"""The replay video: the pro on the left, you on the right, re-timed to dance in step.

For every reference frame the right panel shows the performance frame the DTW path
matched to it, so a late or slow dancer is pulled into step and the two can be
compared move by move. The dancer's body parts are coloured from red to green by
how well each part matched at that moment; the top bar shows the running score and
the current move's rating; the reference's music plays under it (AAC).
"""

from __future__ import annotations

import math
import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np

from dancelike.atomic import atomic_output
from dancelike.i18n import QT_TRANSLATE_NOOP, translate
from dancelike.media import text as picture_text
from dancelike.media.audio import load_audio
from dancelike.media.cv_threads import opencv_on_one_thread
from dancelike.media.overlay import draw_body
from dancelike.media.video import VideoFrame, VideoReader
from dancelike.media.writer import VideoWriter
from dancelike.progress import Progress
from dancelike.scoring.poses import MIRROR_PARTS, PART_GROUP
from dancelike.scoring.report import rating
from dancelike.scoring.report_rows import RatedMove

if TYPE_CHECKING:
    from dancelike.pipeline.score_files import ScoredPair
    from dancelike.scoring.report import Report
    from dancelike.vision.body import BodyFrame
    from dancelike.vision.video_analysis import VideoAnalysis

PANEL_HEIGHT = 540
BAR_HEIGHT = 56
AUDIO_RATE = 44100
#: Frames a second a replay is made at, at most (a 60 fps reference's replay has every other frame).
REPLAY_FPS = 30.0
#: The words drawn into the replay (translated when the picture painter can draw any script).
PRO_WORD = QT_TRANSLATE_NOOP("Replay", "PRO")
YOU_WORD = QT_TRANSLATE_NOOP("Replay", "YOU (re-timed)")
SCORE_WORDS = QT_TRANSLATE_NOOP("Replay", "score {score}")
NOW_WORDS = QT_TRANSLATE_NOOP("Replay", "now {score}")
RATING_WORDS = frozenset({"PERFECT", "GREAT", "GOOD", "OK", "MISS"})  # coaching's "Ratings"


def score_color(score: float) -> tuple[int, int, int]:
    """Red (0) through amber (60) to green (90+), as RGB."""
    stops = np.array([[0, 220, 50, 40], [60, 245, 180, 40], [90, 60, 200, 90], [100, 40, 210, 90]], float)
    r, g, b = (int(round(np.interp(score, stops[:, 0], stops[:, c]))) for c in (1, 2, 3))
    return r, g, b


#: The colour of a body part that is not judged (out of view in one of the videos).
NOT_JUDGED_COLOR = (128, 128, 128)


def colors_by_score(group_scores: np.ndarray) -> np.ndarray:
    """A colour per part label from the scores of the six groups (background black; a NaN
    score, a part not judged, grey)."""
    colors = np.zeros((len(PART_GROUP), 3), np.uint8)
    for label, group in enumerate(PART_GROUP):
        if group >= 0:
            score = float(group_scores[group])
            colors[label] = NOT_JUDGED_COLOR if np.isnan(score) else score_color(score)
    return colors


def _panel(rgb: np.ndarray, height: int) -> np.ndarray:
    width = int(round(rgb.shape[1] * height / rgb.shape[0])) // 2 * 2
    return cv2.resize(rgb, (width, height), interpolation=cv2.INTER_AREA)


def _text(image: np.ndarray, text: str, org: tuple[int, int], scale: float, color: tuple[int, int, int]) -> None:
    picture_text.put(image, text, org, scale, color, thickness=2, outline=True)


class FrameFetcher:
    """Frames of a video by index, in any order: forward reading, and a seek when asked for a
    frame behind the reader (a practice session shows its latest take of an earlier move).

    ``times[k]`` is frame ``k``'s timestamp (from its analysis), used to seek."""

    def __init__(self, path: str | Path, times: np.ndarray) -> None:
        self.path, self.times = Path(path), np.asarray(times, np.float64)
        self._reader: VideoReader | None = None
        self._frames: Iterator[VideoFrame] | None = None
        self._current: VideoFrame | None = None
        self._base = 0  # global index of the reader's frame 0
        self.seeks = 0

    def _open(self, index: int) -> None:
        self.close()
        index = max(0, min(index, len(self.times) - 1))
        start = float(self.times[index]) - 1e-3 if index > 0 else 0.0
        self._reader = VideoReader(self.path, start=max(0.0, start))
        self._frames = iter(self._reader)
        self._base = index
        self._current = next(self._frames, None)

    def get(self, index: int) -> np.ndarray | None:
        """RGB of frame ``index`` (the last frame past the end); None for an empty video."""
        current = self._current
        if current is None or self._frames is None or index < self._base + current.index:
            self._open(index)
            self.seeks += current is not None
        assert self._frames is not None
        while self._current is not None and self._base + self._current.index < index:
            following = next(self._frames, None)
            if following is None:
                break
            self._current = following
        return None if self._current is None else self._current.rgb

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
        self._reader, self._frames, self._current = None, None, None


def write_replay(destination: str, reference_path: str, performance_path: str, scored: ScoredPair) -> None:
    """Write the side-by-side replay of a scored pair to ``destination`` (MP4, H.264 + AAC); the
    file appears there only when complete, and an earlier one survives a failure."""
    count = min(len(scored.reference.frames), len(scored.report.frame_scores))
    with ReplayProgress(count, "replay") as progress, atomic_output(destination) as part:
        render_replay(part, reference_path, performance_path, scored.report, scored.reference, scored.performance, lambda i: progress.update(i + 1 - progress.count))


class ReplayProgress(Progress):
    """The command line's replay bar, with the time left at the pace so far (after a second:
    the first frames include opening the videos)."""

    def render(self, now: float | None = None) -> str:
        line = super().render(now)
        elapsed = (time.monotonic() if now is None else now) - self._start
        if self.total is None or not self.count or elapsed < 1.0 or self.count >= self.total:
            return line
        left = math.ceil(elapsed / self.count * (self.total - self.count))
        return line + "  " + translate("Progress", "about {seconds} s left").format(seconds=left)


#: Frames drawn ahead of the encoder: enough to keep every drawing thread busy.
_LOOKAHEAD = 8


def drawing_threads() -> int:
    """Threads that draw the replay's panels while the encoder writes: one a core (at most 4).

    Drawing (part colours blended, panels resized) is numpy and OpenCV, which let go of the
    GIL, and it was half the replay's time in one thread; x264 runs threads of its own."""
    return max(1, min(4, os.cpu_count() or 1))


def render_replay(
    destination: str | Path,
    reference_path: str | Path,
    performance_path: str | Path,
    report: Report,
    reference: VideoAnalysis,
    performance: VideoAnalysis,
    on_frame: Callable[[int], None] | None = None,
    threads: int | None = None,
) -> None:
    """Draw the replay: reference frame ``i`` beside performance frame ``report.matched_frames[i]``
    (frames of ``performance``/``performance_path``, in any order). ``on_frame(i)`` runs after
    each frame is written (progress; raising from it stops the replay).

    The panels of the next frames are drawn by ``threads`` threads (default
    ``drawing_threads()``) while this thread decodes and another writes them in order: the same
    frames as drawn one by one (OpenCV kept to each calling thread: ``media.cv_threads``), in
    about half the time on two cores."""
    count = min(len(reference.frames), len(report.frame_scores))
    audio = load_audio(str(reference_path), rate=AUDIO_RATE, channels=2)
    fetcher = FrameFetcher(performance_path, np.array([f.t for f in performance.frames]))
    step = frame_step(reference.fps)
    pool = ThreadPoolExecutor(threads or drawing_threads(), thread_name_prefix="replay-draw")
    try:
        # a reference above the panel's height is decoded shrunk (a whole factor, in the colour
        # conversion); above REPLAY_FPS only the frames shown are (the others' pictures never)
        # OpenCV on one thread: the drawing threads then make the same pixels whatever the timing
        with opencv_on_one_thread(), VideoReader(reference_path, max_fps=reference.fps / step if step > 1 else None, fit=(1, PANEL_HEIGHT)) as ref_reader:
            left_w = round(ref_reader.width * PANEL_HEIGHT / ref_reader.height) // 2 * 2
            right_w = round(performance.width * PANEL_HEIGHT / performance.height) // 2 * 2
            sizes = (PANEL_HEIGHT + BAR_HEIGHT, left_w + right_w, left_w, right_w)
            with VideoWriter(str(destination), reference.fps / step, sizes[1], sizes[0], audio_rate=AUDIO_RATE if audio is not None else None) as writer:
                out = _InOrder(writer, audio, AUDIO_RATE * step / reference.fps, report, reference, left_w, on_frame)
                try:
                    judged = None  # the last judged part scores (an unjudged frame's are all 0)
                    last = -1
                    for ref_frame in ref_reader:
                        i = ref_frame.index
                        if i >= count:
                            break
                        judged = _last_judged(report, judged, range(last + 1, i + 1))  # (frames not shown count too)
                        last = i
                        j = int(report.matched_frames[i])
                        user_rgb = fetcher.get(j)
                        user = None if user_rgb is None else (user_rgb, performance.frames[min(j, len(performance.frames) - 1)], _colours(report, judged, i))
                        job = (ref_frame.rgb, reference.frames[i], user, sizes)
                        found = reference.frames[i].found and (user is None or user[1].found)
                        out.add(i, pool.submit(_draw_panels, *job) if found else job)  # "nobody found" is text: see _InOrder
                    out.finish()
                finally:
                    out.drop()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        fetcher.close()


#: A replay frame's work: (reference picture, its body, you: picture, body, colours, or None, sizes).
_Job = tuple[np.ndarray, "BodyFrame", "tuple[np.ndarray, BodyFrame, np.ndarray] | None", tuple[int, int, int, int]]
#: Frames handed to the encoding thread and not written yet, at most.
_WRITES_AHEAD = 4


class _InOrder:
    """The frames being drawn, written in order once drawn, by a thread of their own (encoding a
    frame and its music took a third of the thread that decodes): each with its top bar, the
    music under it (continuous whichever frames are shown), its progress. All the text is drawn
    in that thread (the bar, and a "nobody found" frame, handed over undrawn): the app's
    picture painter is never used by two threads at once."""

    def __init__(
        self,
        writer: VideoWriter,
        audio: np.ndarray | None,
        samples_per_frame: float,
        report: Report,
        reference: VideoAnalysis,
        left_w: int,
        on_frame: Callable[[int], None] | None,
    ) -> None:
        self.writer, self.audio, self.samples_per_frame = writer, audio, samples_per_frame
        self.report, self.reference, self.left_w, self.on_frame = report, reference, left_w, on_frame
        self.pending: deque[tuple[int, Future[np.ndarray] | _Job]] = deque()
        self._encoder = ThreadPoolExecutor(1, thread_name_prefix="replay-encode")
        self._writes: deque[Future[None]] = deque()

    def add(self, index: int, drawn: Future[np.ndarray] | _Job) -> None:
        """Reference frame ``index``'s picture, being drawn (or to draw); the oldest go to be written."""
        self.pending.append((index, drawn))
        while len(self.pending) > _LOOKAHEAD:
            self._hand_over()

    def finish(self) -> None:
        while self.pending:
            self._hand_over()
        while self._writes:
            self._writes.popleft().result()

    def drop(self) -> None:
        """Stop (after ``finish``, a failure or a cancel): what is not written yet never will be."""
        for _index, drawn in self.pending:
            if isinstance(drawn, Future):
                drawn.cancel()
        self.pending.clear()
        self._encoder.shutdown(wait=True, cancel_futures=True)
        self._writes.clear()

    def _hand_over(self) -> None:
        index, drawn = self.pending.popleft()
        self._writes.append(self._encoder.submit(self._write, index, drawn))
        while len(self._writes) > _WRITES_AHEAD:
            self._writes.popleft().result()  # a failure there (a cancel from on_frame) is raised here

    def _write(self, i: int, drawn: Future[np.ndarray] | _Job) -> None:
        canvas = drawn.result() if isinstance(drawn, Future) else _draw_panels(*drawn)
        _draw_bar(canvas, self.report, i, self.reference.frames[i].t, self.report.moves, self.left_w)
        shown = self.writer.frames_written
        self.writer.write(canvas)
        if self.audio is not None:
            start, end = round(shown * self.samples_per_frame), round((shown + 1) * self.samples_per_frame)
            self.writer.write_audio(self.audio[start:end])
        if self.on_frame is not None:
            self.on_frame(i)


def _last_judged(report: Report, judged: np.ndarray | None, frames: range) -> np.ndarray | None:
    """The part scores of the last of ``frames`` that was judged (else ``judged``, kept)."""
    for k in frames:
        if np.any(report.group_scores[k] > 0):
            judged = report.group_scores[k]
    return judged


def _colours(report: Report, judged: np.ndarray | None, index: int) -> np.ndarray:
    """Your parts' colours at reference frame ``index``: by the last judged scores."""
    colors = colors_by_score(judged if judged is not None else report.group_scores[index])
    return colors[MIRROR_PARTS] if report.mirrored else colors  # mirrored: your left arm was judged as the pro's right


def frame_step(fps: float) -> int:
    """Reference frames a replay frame stands for: 1, or 2 for a 60 fps reference (the replay
    is watched at ``REPLAY_FPS``: half the frames to draw and encode, the same motion seen)."""
    return max(1, round(fps / REPLAY_FPS))


def _draw_panels(ref_rgb: np.ndarray, ref_body: BodyFrame, user: tuple[np.ndarray, BodyFrame, np.ndarray] | None, sizes: tuple[int, int, int, int]) -> np.ndarray:
    """One replay frame without its top bar: the pro left, you (parts coloured by score) right."""
    height, width, left_w, right_w = sizes
    canvas = np.full((height, width, 3), 18, np.uint8)
    canvas[BAR_HEIGHT:, :left_w] = _drawn_panel(ref_rgb, ref_body, 0.35, None)
    if user is not None:
        user_rgb, body, colors = user
        canvas[BAR_HEIGHT:, left_w:] = _drawn_panel(user_rgb, body, 0.6, colors)[:, :right_w]
    return canvas


def _drawn_panel(rgb: np.ndarray, body: BodyFrame, alpha: float, colors: np.ndarray | None) -> np.ndarray:
    """``rgb`` at the panel's height with ``body`` drawn: drawn first when it is smaller (the
    drawing's lines are scaled with the picture), shrunk first when it is larger (a 1080p
    picture's parts are not blended at four times the pixels shown)."""
    if rgb.shape[0] > PANEL_HEIGHT:
        return draw_body(_panel(rgb, PANEL_HEIGHT), body, alpha=alpha, colors=colors)
    return _panel(draw_body(rgb, body, alpha=alpha, colors=colors), PANEL_HEIGHT)


def _running_score(report: Report, index: int) -> tuple[float, float | None]:
    """(score so far, this frame's score or None) over the frames the report judged."""
    scores = report.frame_scores[: index + 1]
    judged = report.judged[: index + 1] if len(report.judged) else np.ones(len(scores), bool)
    if len(report.running) > index:  # as the report makes its score
        running = float(report.running[index])
    else:  # a report from before the running score was kept
        running = float(scores[judged].mean()) if judged.any() else 0.0
    return running, float(scores[-1]) if judged[-1] else None


def _draw_bar(canvas: np.ndarray, report: Report, index: int, t: float, moves: list[RatedMove], left_w: int) -> None:
    running, now = _running_score(report, index)
    _text(canvas, picture_text.words("Replay", PRO_WORD), (12, BAR_HEIGHT + 30), 0.8, (255, 255, 255))
    _text(canvas, picture_text.words("Replay", YOU_WORD), (left_w + 12, BAR_HEIGHT + 30), 0.8, (255, 255, 255))
    _text(canvas, picture_text.words("Replay", SCORE_WORDS).format(score=f"{running:4.0f}"), (12, 38), 1.0, score_color(running))
    if now is not None:
        _text(canvas, picture_text.words("Replay", NOW_WORDS).format(score=f"{now:3.0f}"), (230, 38), 0.8, score_color(now))
    move = next((m for m in moves if m.start <= t < m.end), None)
    if move is not None:
        label = (move.rating or rating(move.score)).upper()
        label = picture_text.words("Ratings", label) if label in RATING_WORDS else label
        width, _height, _depth = picture_text.size(label, 1.0, 2)
        _text(canvas, label, (canvas.shape[1] - 24 - width, 38), 1.0, score_color(move.score))
    # A thin timeline of the whole dance with the current position.
    width = canvas.shape[1]
    x = int(width * (index + 1) / max(1, len(report.frame_scores)))
    canvas[BAR_HEIGHT - 5 : BAR_HEIGHT - 1, :x] = score_color(running)
