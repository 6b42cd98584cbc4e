"""One reference, many performances: the job code a batch runs, whatever runs it.

``prepare_reference`` does everything that depends on the reference alone (its analysis, its
chance level, its beats, its music) once, into a picklable ``ReferenceBundle``; ``score_clip``
then scores one analysed performance against it with exactly the steps of
``score_files.score_videos``, so a batch's score is the score ``dancelike score`` gives. The
bundle carries the reference's music as samples, so a worker on another machine (Ray) needs no
copy of the reference file. No Qt, no Ray, no engine here: the engines only move work around.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from dancelike.errors import InputError
from dancelike.i18n import translate
from dancelike.media.audio import load_audio
from dancelike.media.video import VideoReader, is_image
from dancelike.pipeline.analysis import AnalysisPool, Segment, analyze_people_segment, analyze_segment
from dancelike.pipeline.dancer_thumbnails import dancer_thumbnails
from dancelike.pipeline.dancers import follow_dancer, gather_dancers
from dancelike.pipeline.reference import BEAT_RATE, analyse_reference, reference_beats, reference_chance
from dancelike.pipeline.score_files import ScoredPair, score_analyses
from dancelike.scoring import coaching
from dancelike.scoring.alignment import Line
from dancelike.scoring.calibration import Chance
from dancelike.scoring.poses import pose_track
from dancelike.scoring.report_rows import weakest_of
from dancelike.scoring.sync import music_offset
from dancelike.store import analysis_cache
from dancelike.vision.people import PeopleTracker
from dancelike.vision.video_analysis import Dancer, VideoAnalysis, describe_count

#: The six parts, in the order of the report (and of the CSV's columns).
PARTS = ("head", "torso", "left_arm", "right_arm", "left_leg", "right_leg")

#: How many times this process prepared a reference: a batch checks it prepared exactly one.
reference_preparations = 0


@dataclass(frozen=True)
class ReferenceBundle:
    """What scoring a performance needs of the reference, measured once and picklable (Ray's
    object store holds one copy for every worker)."""

    name: str
    analysis: VideoAnalysis  # the followed dancer's track (every dancer in ``analysis.dancers``)
    dancer: int | None
    dancers: int
    chance: Chance
    beats: np.ndarray | None
    onsets: np.ndarray | None  # the reference's mono music at BEAT_RATE (None: silent)
    cached: bool = False  # the analysis came from the cache (nothing was tracked)


def prepare_reference(path: str, pool: AnalysisPool | None, dancer: int | None) -> ReferenceBundle:
    """The reference analysed once (from the analysis cache when it was seen before), with its
    chance level, beats and music. ``pool`` analyses it when not cached (``None``: a pool is
    started for that and closed). ``InputError`` for a reference that cannot be used."""
    global reference_preparations
    if is_image(path):
        raise InputError(translate("BatchJob", "{path}: the reference must be a video, not an image").format(path=path))
    reference_preparations += 1
    key = analysis_cache.content_key(path)
    own = pool is None and analysis_cache.load(key) is None
    active = AnalysisPool() if own else pool
    try:
        everyone, cached = analyse_reference(path, active, True, None, key)  # type: ignore[arg-type]  # cached: no pool used
    finally:
        if own and active is not None:
            active.close()
    reference = follow_dancer(path, everyone, dancer)
    beats = reference_beats(path, key)
    chance = reference_chance(path, pose_track(reference.frames, with_parts=False), reference.fps, analysis_cache.track_key(key, reference))
    audio = load_audio(path, rate=BEAT_RATE)
    onsets = None if audio is None else np.ascontiguousarray(audio[:, 0])
    return ReferenceBundle(Path(path).name, reference, reference.followed, len(reference.dancers), chance, beats, onsets, cached)


def music_line_of(bundle: ReferenceBundle, clip: Path) -> Line | None:
    """``score_files.music_line`` with the reference's music taken from the bundle."""
    if bundle.onsets is None:
        return None
    performance_audio = load_audio(clip, rate=BEAT_RATE)
    if performance_audio is None:
        return None
    found = music_offset(bundle.onsets, performance_audio[:, 0], BEAT_RATE)
    return None if found is None else Line(found[0], 1.0, "music")


def weakest_text(report: dict[str, Any]) -> str:
    """The first move to practise, as the summary names it: "4-8 s: Left arm higher"; "not this
    dance" when it was not; "" when nothing is below GOOD."""
    if report.get("this_dance") is False:
        return translate("BatchJob", "not this dance")
    weakest = weakest_of(report)
    if not weakest:
        return ""
    move = weakest[0]
    what = move.advice_text or f"{move.rating.upper()} {move.score:.0f}".strip()
    return translate("BatchJob", "{moves}: {advice}").format(moves=coaching.move_range(move.start, move.end), advice=what)


def error_row(performance: str, error: str, dancer: int | None = None) -> dict[str, Any]:
    """The row of a performance (or dancer) that could not be scored: its error, nothing else."""
    return {
        "performance": performance,
        "dancer": dancer,
        "score": None,
        "grade": "",
        "shape": None,
        "timing": None,
        "this_dance": None,
        "parts": dict.fromkeys(PARTS),
        "weakest": "",
        "error": error,
        "report": None,
        "picture": None,
    }


def _row(performance: str, dancer: int | None, report: dict[str, Any], picture: bytes | None) -> dict[str, Any]:
    return {
        "performance": performance,
        "dancer": dancer,
        "score": report["score"],
        "grade": report["grade"],
        "shape": report["shape"],
        "timing": report["timing"],
        "this_dance": report.get("this_dance"),
        "parts": {name: report["parts"].get(name) for name in PARTS},
        "weakest": weakest_text(report),
        "error": "",
        "report": report,
        "picture": picture,
    }


def _pictures(clip: Path, analysis: VideoAnalysis) -> dict[int, bytes]:
    """Each dancer's picture as JPEG bytes (a performance analysed as one dancer: number 1). A
    picture that cannot be made is left out: it never fails the row."""
    seen = analysis if analysis.dancers else VideoAnalysis(analysis.fps, analysis.width, analysis.height, analysis.frames, dancers=[Dancer(1, analysis.frames)])
    try:
        thumbnails = dancer_thumbnails(clip, seen)
    except (InputError, OSError, ValueError, cv2.error):
        return {}
    out = {}
    for number, rgb in thumbnails.items():
        ok, jpeg = cv2.imencode(".jpg", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 85])
        if ok:
            out[number] = jpeg.tobytes()
    return out


def score_clip(bundle: ReferenceBundle, clip: Path, analysis: VideoAnalysis, every_dancer: bool, keep_pair: bool = False) -> list[dict[str, Any]]:
    """The rows of one analysed performance: one, or (``every_dancer``) one per dancer found in
    it, numbered from the left as the dancer picker numbers them. Each row holds the report
    (``score --json``'s document) and the dancer's picture (JPEG bytes or None); ``keep_pair``
    adds the ``ScoredPair`` under "pair" (for the replay)."""
    clip = Path(clip)
    line = music_line_of(bundle, clip)
    pictures = _pictures(clip, analysis)
    if every_dancer:
        if not analysis.dancers:
            return [error_row(clip.name, f"{clip}: {describe_count(0)}")]
        followed: list[tuple[int | None, VideoAnalysis]] = [(dancer.number, analysis.follow(dancer.number)) for dancer in analysis.dancers]
    else:
        followed = [(None, analysis)]
    rows = []
    for number, performance in followed:
        report, reading = score_analyses(bundle.analysis, performance, "auto", bundle.beats, bundle.chance, line)
        row = _row(clip.name, number, report.to_json(), pictures.get(1 if number is None else number))
        if keep_pair:
            row["pair"] = ScoredPair(report, bundle.analysis, performance, reading.path, bundle.cached, reading.line)
        rows.append(row)
    return rows


# --- analysis without a pool (a Ray worker: one process, one clip at a time) ----------

_tracker: PeopleTracker | None = None


def _process_tracker() -> PeopleTracker:
    """This process's tracker, made once: its models load once per worker, not per clip."""
    global _tracker
    if _tracker is None:
        cv2.setNumThreads(1)
        _tracker = PeopleTracker(num_threads=1, with_parts=True)
    return _tracker


def analyse_clip_in_process(path: Path, every_dancer: bool) -> VideoAnalysis:
    """A whole performance analysed in this process (``analysis.analyze_video`` with one worker,
    but the tracker kept between clips). ``InputError`` for a file that is no usable video."""
    path = Path(path)
    if is_image(path):
        raise InputError(translate("BatchJob", "{path}: a performance must be a video, not an image").format(path=path))
    tracker = _process_tracker()
    whole = Segment(0.0, float("inf"))
    with VideoReader(str(path)) as probe:
        analysis = VideoAnalysis(probe.fps, probe.width, probe.height, [])
        if every_dancer:
            part = analyze_people_segment(tracker, str(path), whole, lambda: None)
            analysis.times = part.stage_times
            analysis = gather_dancers(analysis, [part])
        else:
            analysis.frames, analysis.times = analyze_segment(tracker, str(path), whole, False, lambda: None)
        probe.check_complete(len(analysis.frames))
    return analysis
