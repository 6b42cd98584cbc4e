"""A two-player session the app died in is recovered as a normal stop saves it: one history
entry per player, in one session group, sharing the one recording.

Live, player 1 is the dancer on the left of the picture and player 2 the next one; the
recording's analysis numbers its dancers from the left the same way, so player k's dance is
dancer k of the recording. A player nobody can be found for gets a "failed" entry saying so:
an entry is never silently lost, and never made up.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from dancelike.errors import InputError
from dancelike.i18n import translate
from dancelike.pipeline.analysis import AnalysisPool
from dancelike.pipeline.reference import analyse_reference, follow_kept_choice, reference_beats, reference_chance
from dancelike.pipeline.score_files import score_analyses
from dancelike.scoring.alignment import Line
from dancelike.scoring.calibration import Chance
from dancelike.scoring.mirror import Mirror
from dancelike.scoring.poses import pose_track
from dancelike.store import analysis_cache
from dancelike.store.db import Choreography, SessionRecord, Store
from dancelike.vision.video_analysis import VideoAnalysis

log = logging.getLogger(__name__)


def players_of(settings: dict[str, Any]) -> int:
    """How many players a session row was begun for (1 when not said, or not a number)."""
    players = settings.get("players", 1)
    return players if isinstance(players, int) and not isinstance(players, bool) and players > 1 else 1


def _analyses(
    choreography: Choreography, recording: Path, pool: AnalysisPool, part: Callable[[float], None]
) -> tuple[VideoAnalysis, VideoAnalysis, Chance, np.ndarray | None]:
    """The reference's analysis (the dancer the dance follows), everyone in the recording, the
    reference's chance level and its beats."""
    reference_path = str(choreography.video)
    key = analysis_cache.content_key(reference_path)
    reference, _cached = analyse_reference(reference_path, pool, True, None, key)
    reference = follow_kept_choice(reference, choreography.dancer)
    part(0.1)
    # One worker follows the whole recording: a worker starting mid-dance can miss a player its
    # detector has to find from scratch (seen: the left one lost for the second half).
    everyone = pool.analyze(str(recording), all_dancers=True, whole=True)
    part(0.8)
    chance = reference_chance(reference_path, pose_track(reference.frames, with_parts=False), reference.fps, analysis_cache.track_key(key, reference))
    return reference, everyone, chance, reference_beats(reference_path, key)


def recover_players(
    store: Store,
    record: SessionRecord,
    choreography: Choreography,
    pool: AnalysisPool,
    ended_at: datetime,
    part: Callable[[float], None],
    line: Line,
    share: Callable[[Path, Path], None],
    write: Callable[[Path, dict[str, Any]], None],
) -> list[SessionRecord]:
    """Every player's entry of the orphan ``record`` (player 1's first; ``record`` becomes it).

    ``line`` places the recording on the reference (``sessions.session_line``); ``share`` shows the
    one recording in another entry's folder and ``write`` writes a report, as a normal save does."""
    settings = store.session_settings(record.id)
    players = players_of(settings)
    recording = record.files.recording
    reference_path = str(choreography.video)
    reference, everyone, chance, beats = _analyses(choreography, recording, pool, part)
    mirror = Mirror.parse(settings.get("mirror"))
    found = {dancer.number for dancer in everyone.dancers}

    group = f"{record.id}-{uuid.uuid4().hex[:12]}"
    entries: list[SessionRecord] = []
    for player in range(1, players + 1):
        row = record if player == 1 else store.begin_session(record.choreography_id, {**settings, "player": player})
        store.set_player(row.id, group, player)
        if player > 1 and recording.is_file():
            share(recording, row.files.recording)
        if player not in found:
            message = translate("Recovery", "The app closed during this session, and player {player} cannot be found in its recording.")
            entries.append(
                store.complete_session(row.id, status="failed", score=None, grade=None, duration=None, parts={}, message=message.format(player=player), ended_at=ended_at)
            )
            continue
        performance = everyone.follow(player)
        report, _reading = score_analyses(reference, performance, mirror, beats, chance, line)
        document: dict[str, Any] = report.to_json()
        document.update(performance_frames=list(range(len(performance.frames))), reference=reference_path, reason="recovered", recovered=True, player=player)
        message = translate("Recovery", "The app closed during this session; it was scored from its recording.")
        try:
            write(row.files.report, document)
        except InputError as exc:
            message = f"{message} {exc}"  # the score is still saved in the row
        duration = len(performance.frames) / performance.fps if performance.fps else None
        entries.append(
            store.complete_session(
                row.id, status="recovered", score=report.score, grade=report.grade, duration=duration, parts=dict(report.parts), message=message, ended_at=ended_at
            )
        )
        log.info("recovered player %d of session %d as row %d", player, record.id, row.id)
    part(1.0)
    return entries
