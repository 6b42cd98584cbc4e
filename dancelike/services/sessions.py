"""A dance session's folder and row: saving a result, loading a report, recovering an orphan,
replaying a past session. The one module that reads and writes a session's files (named by
``store.session_folder.SessionFolder``).

``save_result`` is what the dance screen calls when a session ends: the report goes to the
session folder as JSON (with its per-frame arrays beside it, so a replay can be made again),
the row gets its status and score. ``load_report`` reads the full report back.
``replay_session`` makes the side-by-side replay of a past session. ``recover_orphans`` is what the
app calls at launch, before any new session: a row still "running" means the app died
mid-session. Its recording is a fragmented MP4, so everything up to the last complete
fragment is still there; it is cut after that fragment and scored offline against the
choreography (whose analysis is cached) as ``dancelike score`` would score it, with one
difference: a session starts at the beginning of the dance, so the recording is placed on the
reference as the session clock placed it (the music it carries refines that by under a second,
never more: a looping song matches itself a bar or more away), and only the part of the dance
the recording covers is judged, as when the user stops.
Nothing is ever deleted: an orphan without a playable recording becomes "failed" with a
one-line message, its row and files kept.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from dancelike.atomic import atomic_output, write_file
from dancelike.engine.result import EndReason, SessionResult
from dancelike.errors import InputError
from dancelike.i18n import QT_TRANSLATE_NOOP, translate
from dancelike.media.recorder import trim_to_complete_fragments
from dancelike.media.video import VideoReader
from dancelike.pipeline.analysis import AnalysisPool
from dancelike.pipeline.reference import analyse_reference, follow_kept_choice, reference_beats, reference_chance
from dancelike.pipeline.score_files import ScoredPair, music_line, score_analyses
from dancelike.pipeline.session_replay import ProgressFn, write_rescored_replay, write_session_replay
from dancelike.scoring.alignment import Line
from dancelike.scoring.mirror import Mirror
from dancelike.scoring.poses import pose_track
from dancelike.scoring.report import Report
from dancelike.services.recover_players import players_of, recover_players
from dancelike.store import analysis_cache
from dancelike.store.db import Choreography, SessionRecord, Store
from dancelike.store.session_folder import SessionFolder

log = logging.getLogger(__name__)

RECOVERED_MESSAGE = QT_TRANSLATE_NOOP("Sessions", "the app closed during this session; it was scored from its recording")
#: How far the music may move a recording from where the session clock put it (seconds).
MAX_MUSIC_SHIFT_S = 1.0


def save_result(store: Store, record: SessionRecord, result: SessionResult) -> SessionRecord:
    """Write the report (when there is one: JSON and its arrays) and complete the row.

    Status: "failed" (an error), "cancelled", "done" (the dance played to its end) or
    "stopped" (the user stopped, or the camera was lost: the report covers what was danced).

    Two players (``result.others``): two history entries of one session. ``record`` is player
    1's; each other player gets a row of their own with the same settings, in the same
    ``session_group``, numbered by ``player``. The recording is one file, shared: the other
    rows' folders hold a hard link to it (a symbolic link where hard links are impossible).
    Returns player 1's row.
    """
    log.info("session %d saved: %s%s", record.id, result.reason or "done", f" (error: {result.error})" if result.error else "")
    if not result.others:
        return _save_one(store, record, result)
    group = f"{record.id}-{uuid.uuid4().hex[:12]}"
    settings = store.session_settings(record.id)
    store.set_player(record.id, group, result.player)
    first = _save_one(store, record, result)
    for other in result.others:
        row = store.begin_session(record.choreography_id, {**settings, "player": other.player})
        store.set_player(row.id, group, other.player)
        if result.recording is not None and result.recording.is_file():
            share_recording(result.recording, row.files.recording)
        _save_one(store, row, other)
    return first


def share_recording(recording: Path, to: Path) -> None:
    """The one recording seen from another session folder: a hard link (or a symbolic link)."""
    try:
        os.link(recording, to)
    except OSError:
        os.symlink(recording.resolve(), to)


def _save_one(store: Store, record: SessionRecord, result: SessionResult) -> SessionRecord:
    choreography = store.choreography(record.choreography_id)
    notes: list[str] = []
    if result.error is not None:
        status = "failed"
        notes.append(str(result.error))
    elif result.end is EndReason.CANCELLED:
        status = "cancelled"
    elif result.end is EndReason.ENDED:
        status = "done"
    else:
        status = "stopped"
        if result.end is EndReason.CAMERA_LOST:
            notes.append(result.reason)  # "camera lost: ..."
    notes.extend(result.warnings)
    report = result.report
    if report is not None:
        document = report.to_json()
        document.update(
            performance_frames=[int(k) for k in np.asarray(result.performance_frames).tolist()],
            reference=str(choreography.video) if choreography else "",
            reason=result.reason,
            session_warnings=list(result.warnings),
            stats=result.stats,
        )
        try:
            write_json(record.files.report, document)
            save_report_arrays(record.files, report, result.performance_frames)
        except InputError as exc:
            notes.append(str(exc))  # the score is still saved in the row
    running = result.stats.get("running_s")
    return store.complete_session(
        record.id,
        status=status,
        score=None if report is None else report.score,
        grade=None if report is None else report.grade,
        duration=None if running is None else float(running),
        parts={} if report is None else dict(report.parts),
        message="; ".join(dict.fromkeys(notes)),
    )


def save_report_arrays(folder: SessionFolder, report: Report, performance_frames: np.ndarray) -> Path:
    """Write the report's per-frame arrays (which ``report.json`` leaves out) into ``folder``;
    ``InputError`` when they cannot be written."""
    path = folder.arrays
    with atomic_output(path, private=True) as part:
        np.savez_compressed(
            part,
            frame_scores=np.asarray(report.frame_scores, np.float32),
            group_scores=np.asarray(report.group_scores, np.float32),
            matched_frames=np.asarray(report.matched_frames, np.int64),
            judged=np.asarray(report.judged, bool),
            running=np.asarray(report.running, np.float32),
            performance_frames=np.asarray(performance_frames, np.int64),
        )
    return path


def report_document(folder: SessionFolder | Path) -> dict[str, Any] | None:
    """A session's report as saved: ``Report.to_json`` plus the session's own fields
    (``performance_frames``, ``reference``, ``reason``, ``stats``...); None when it is missing
    or unreadable."""
    folder = folder if isinstance(folder, SessionFolder) else SessionFolder(folder)
    try:
        document = json.loads(folder.report.read_text())
    except (OSError, ValueError):
        return None
    return document if isinstance(document, dict) else None


def load_report(folder: SessionFolder | Path) -> tuple[Report, np.ndarray] | None:
    """The full ``Report`` of a session folder and its performance frames (the JSON plus the
    arrays), or None when either is missing or unreadable."""
    folder = folder if isinstance(folder, SessionFolder) else SessionFolder(folder)
    data = report_document(folder)
    if data is None:
        return None
    try:
        with np.load(folder.arrays) as arrays:
            frame_scores = arrays["frame_scores"].astype(np.float64)
            group_scores = arrays["group_scores"].astype(np.float64)
            matched = arrays["matched_frames"]
            judged = arrays["judged"] if "judged" in arrays else np.zeros(0, bool)
            running = arrays["running"].astype(np.float64) if "running" in arrays else np.zeros(0)
            performance_frames = arrays["performance_frames"]
    except (OSError, ValueError, KeyError):
        return None
    try:
        report = Report.from_json(data, frame_scores=frame_scores, group_scores=group_scores, matched_frames=matched, judged=judged, running=running)
    except (KeyError, TypeError, ValueError):
        return None
    return report, performance_frames


def replay_session(
    folder: SessionFolder | Path,
    reference: Path,
    destination: Path | None = None,
    on_progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """The replay of a past session (its recording), by default to the folder's replay file.

    A live session left its report's arrays beside the JSON; a session without them (one
    recovered after a crash) is scored again from its recording, as it was recovered."""
    folder = folder if isinstance(folder, SessionFolder) else SessionFolder(folder)
    destination = Path(destination or folder.replay)
    loaded = load_report(folder)
    if loaded is not None:
        report, performance_frames = loaded
        return write_session_replay(folder.recording, report, performance_frames, reference, destination, on_progress, cancel)
    document = report_document(folder) or {}
    mirrored, dancer = bool(document.get("mirrored", False)), document.get("dancer")
    return write_rescored_replay(folder.recording, reference, destination, mirrored, on_progress, cancel, dancer)


def recover_orphans(store: Store, on_progress: Callable[[float], None] | None = None) -> list[SessionRecord]:
    """Finish every "running" row (oldest first) from its recording; progress 0..1 over all.

    Returns the finished records ("recovered" with a score, or "failed" with a message).
    One analysis pool serves every orphan; it is started only if some recording is playable.
    """
    report = on_progress or (lambda _fraction: None)
    orphans = store.orphans()
    finished: list[SessionRecord] = []
    pool: list[AnalysisPool] = []  # started on first need

    def get_pool() -> AnalysisPool:
        if not pool:
            pool.append(AnalysisPool())
        return pool[0]

    try:
        for index, record in enumerate(orphans):
            report(index / len(orphans))

            def part(share: float, index: int = index) -> None:
                report((index + min(1.0, share)) / len(orphans))

            log.info("recovering session %d", record.id)
            finished.append(_recover(store, record, get_pool, part))
    finally:
        for running in pool:
            running.close()
    report(1.0)
    return finished


def _recover(store: Store, record: SessionRecord, get_pool: Callable[[], AnalysisPool], part: Callable[[float], None]) -> SessionRecord:
    """One orphan: scored from its recording, or failed with a one-line reason."""
    recording = record.files.recording

    def fail(message: str) -> SessionRecord:
        return store.complete_session(record.id, status="failed", score=None, grade=None, duration=None, parts={}, message=message)

    choreography = store.choreography(record.choreography_id)
    if not recording.is_file():
        return fail(translate("Sessions", "the app closed during this session before anything was recorded"))
    if choreography is None or not choreography.video.is_file():
        where = choreography.video if choreography else translate("Sessions", "choreography {id}").format(id=record.choreography_id)
        return fail(translate("Sessions", "the app closed during this session and its choreography's video is missing ({where})").format(where=where))
    try:
        expected, ended_at = _recording_length(recording)
    except (InputError, OSError) as exc:
        return fail(translate("Sessions", "the app closed during this session and its recording cannot be played ({reason})").format(reason=_short(exc)))
    settings = store.session_settings(record.id)
    mirror = Mirror.parse(settings.get("mirror"))
    latency = settings.get("latency")
    offset = float(latency) if isinstance(latency, (int, float)) else 0.0
    if players_of(settings) > 1 and "player" not in settings:  # each player an entry, as a normal stop saves them
        line = session_line(music_line(str(choreography.video), str(recording)), offset)
        try:
            return recover_players(store, record, choreography, get_pool(), ended_at, part, line, share_recording, write_json)[0]
        except InputError as exc:
            return fail(_cannot_score(exc))

    def frames(stage: str, done: int) -> None:
        if stage == "performance":
            part(0.1 + 0.85 * min(1.0, done / expected))

    try:
        scored = score_recording(str(choreography.video), str(recording), mirror, get_pool(), offset, frames, choreography.dancer)
    except InputError as exc:
        return fail(_cannot_score(exc))
    except Exception as exc:  # noqa: BLE001 - a row left "running" would be retried at every launch
        return fail(
            translate("Sessions", "the app closed during this session; scoring its recording failed ({error}: {reason})").format(
                error=exc.__class__.__name__, reason=_short(exc)
            )
        )
    return _save_recovered(store, record, choreography, scored, ended_at)


def _recording_length(recording: Path) -> tuple[int, datetime]:
    """A recording cut to its complete fragments: its frame count (at least 1) and when it was last written."""
    trim_to_complete_fragments(recording)
    with VideoReader(recording) as reader:
        expected = max(1, reader.frame_count)
    return expected, datetime.fromtimestamp(recording.stat().st_mtime).astimezone()


def _cannot_score(exc: InputError) -> str:
    return translate("Sessions", "the app closed during this session and its recording cannot be scored ({reason})").format(reason=_short(exc))


def _save_recovered(store: Store, record: SessionRecord, choreography: Choreography, scored: ScoredPair, ended_at: datetime) -> SessionRecord:
    """A recovered session's report written and its row completed (a report that cannot be written is said in its message)."""
    performance = scored.performance
    document: dict[str, Any] = scored.report.to_json()
    document.update(
        performance_frames=list(range(len(performance.frames))),  # every recorded frame was analysed
        reference=str(choreography.video),
        reason="recovered",
        recovered=True,
    )
    message = translate("Sessions", RECOVERED_MESSAGE)
    try:
        write_json(record.files.report, document)
    except InputError as exc:
        message = f"{message}; {exc}"
    return store.complete_session(
        record.id,
        status="recovered",
        score=scored.report.score,
        grade=scored.report.grade,
        duration=len(performance.frames) / performance.fps if performance.fps else None,
        parts=dict(scored.report.parts),
        message=message,
        ended_at=ended_at,
    )


def score_recording(
    reference_path: str,
    recording: str,
    mirror: Mirror | str,
    pool: AnalysisPool,
    latency: float = 0.0,
    on_progress: Callable[[str, int], None] | None = None,
    dancer: int | None = None,
) -> ScoredPair:
    """A session's recording scored against its reference (following ``dancer`` of a group video),
    placed as the session clock placed it (``session_line``); the rest is ``dancelike score``'s own pipeline."""
    key = analysis_cache.content_key(reference_path)

    def stage(name: str) -> Callable[[int], None] | None:
        return None if on_progress is None else (lambda done: on_progress(name, done))

    reference, cached = analyse_reference(reference_path, pool, True, stage("reference"), key)
    reference = follow_kept_choice(reference, dancer)  # the dancer chosen for the choreography
    performance = pool.analyze(recording, on_progress=stage("performance"))
    chance = reference_chance(reference_path, pose_track(reference.frames, with_parts=False), reference.fps, analysis_cache.track_key(key, reference))
    line = session_line(music_line(reference_path, recording), latency)
    report, reading = score_analyses(reference, performance, mirror, reference_beats(reference_path, key), chance, line)
    return ScoredPair(report, reference, performance, reading.path, cached, reading.line)


def session_line(music: Line | None, latency: float = 0.0) -> Line:
    """Where a session's recording sits on its reference: the reference started with the
    recording, and the camera shows the dancer ``latency`` late. The music the recording
    carries (the reference's, as it played) gives the start to the frame, when it agrees."""
    if music is not None and abs(music.offset_s) <= MAX_MUSIC_SHIFT_S:
        return Line(music.offset_s + latency, 1.0, "music")
    return Line(latency, 1.0, "clock")


def write_json(path: Path, document: dict[str, Any]) -> None:
    """Write ``document`` atomically (a half-written report is never read); ``InputError`` on failure."""
    write_file(path, (json.dumps(document, indent=1, default=_plain)).encode("utf-8"), "report", private=True)


def _plain(value: object) -> object:
    """JSON for numpy scalars and arrays, paths, and anything else as text."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return str(value)


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or exc.__class__.__name__
