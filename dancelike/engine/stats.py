"""The figures a finished session reports: throughput, latency, skips, drops, stage timings, CPU.

Kept apart from ``session`` so the session reads as a state machine; every figure here comes
from a stage's own counters (the convention: every stage reports its timings), read from the
public ``SessionSnapshot`` that ``Session.snapshot()`` takes, never from the session's insides.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from dancelike.engine.events import EventQueue
from dancelike.engine.metrics import ThreadCpu, peak_rss_mb
from dancelike.engine.result import (
    EndReason,
    SessionResult,
    SessionState,
    SessionStatus,
    final_report,
    stage_error,
)
from dancelike.engine.scorer import LiveScorer
from dancelike.engine.stages import Matcher, ReferenceStage, UserAnalyser
from dancelike.engine.tracks import ReferenceTrack
from dancelike.i18n import translate
from dancelike.media.camera import Camera, CameraStats, CapturedFrame
from dancelike.media.clock import LatestFrame, SessionClock
from dancelike.media.playback import ReferencePlayer
from dancelike.media.recorder import Recorder
from dancelike.scoring.calibration import Chance
from dancelike.scoring.mirror import Mirror
from dancelike.scoring.report import Report
from dancelike.vision.tracker import PoseTracker


@dataclass(frozen=True)
class SessionSnapshot:
    """A session's stages and timing marks at one moment (``Session.snapshot()``).

    Times are ``perf_counter`` seconds; a stage is None before the session built it.
    """

    state: SessionState
    end: EndReason | None  # how it ended, once it has
    reason: str  # the end in words
    stop_requested: EndReason | None  # STOPPED or CANCELLED once asked
    errors: tuple[tuple[str, BaseException], ...]  # (stage, error) in the order they failed
    started_at: float
    running_at: float | None
    finishing_at: float | None
    clock: SessionClock
    camera: Camera
    player: ReferencePlayer | None
    recorder: Recorder | None
    track: ReferenceTrack | None
    scorer: LiveScorer | None
    scorers: tuple[LiveScorer, ...]  # one per player (``scorer`` is player 1's)
    user: UserAnalyser | None
    reference: ReferenceStage | None
    matcher: Matcher | None
    analysis_box: LatestFrame[CapturedFrame]
    cpu: ThreadCpu
    events: EventQueue
    thread: threading.Thread
    reference_cached: bool
    duration: float
    end_position: float
    ref_fps: float
    mirror: Mirror
    beats: np.ndarray | None
    chance: Chance | None
    rss_running_mb: float
    #: the reference's dancer followed and how many it has (None: analysed live, one dancer)
    dancer: tuple[int, int] | None = None


def _pct(part: float, whole: float) -> float:
    return round(100.0 * part / whole, 2) if whole > 0 else 0.0


def tracker_ms(tracker: PoseTracker | None) -> dict[str, float]:
    """Milliseconds per call of each of a tracker's steps (detector, preprocess, landmarks, part map)."""
    if tracker is None:
        return {}
    times = tracker.times
    return {stage: round(ms / max(1, times.counts.get(stage, 1)), 2) for stage, ms in sorted(times.total_ms.items())}


def session_stats(s: SessionSnapshot) -> dict[str, Any]:
    """Every figure of a session, as plain JSON-ready values."""
    running_s = (s.finishing_at or time.perf_counter()) - s.running_at if s.running_at else 0.0
    camera = s.camera.stats()
    stages = _stages(s, camera)
    scorer = s.scorer
    return {
        "running_s": round(running_s, 3),
        "end_reason": s.reason,
        "reference_cached": s.reference_cached,
        **_frame_figures(s, camera),
        **_pair_figures(s, running_s),
        **_recording_figures(s),
        "events_dropped": s.events.dropped,
        "live_total": round(scorer.total, 2) if scorer else 0.0,
        "players": player_stats(s),
        "stages": stages,
        **_cost_figures(s),
    }


def _stages(s: SessionSnapshot, camera: CameraStats) -> dict[str, dict[str, float]]:
    """Each stage's median milliseconds per item and its thread's share of a core."""
    user, ref, matcher, player, recorder = s.user, s.reference, s.matcher, s.player, s.recorder
    cpu = s.cpu.percent()
    stage_ms = {
        "capture": camera.grab_ms_p50,
        "user-analyser": user.clock.ms.percentile(50) if user else 0.0,
        "reference": ref.clock.ms.percentile(50) if ref else 0.0,
        "matcher": matcher.clock.ms.percentile(50) if matcher else 0.0,
        "playback": float(player.stats()["decode_ms_p50"]) if player else 0.0,
        "recorder": float(recorder.stats()["encode_ms_p50"]) if recorder else 0.0,
        "session": 0.0,
    }
    return {name: {"ms_p50": round(ms, 2), "cpu_pct": round(cpu.get(name, 0.0), 1)} for name, ms in stage_ms.items()}


def _frame_figures(s: SessionSnapshot, camera: CameraStats) -> dict[str, Any]:
    """Frames captured, analysed and skipped, the user's and the reference's."""
    user, ref, player = s.user, s.reference, s.player
    delivered = max(0, s.analysis_box.put_count - (user.paused if user else 0))
    user_skipped = s.analysis_box.overwritten
    ref_presented = ref.presented if ref else 0
    ref_skipped = player.dropped_late if player and ref and ref.tracker is not None else 0
    return {
        "frames_captured": camera.frames,
        "camera_state": s.camera.state.value,
        "user_analysed": user.analysed if user else 0,
        "user_skipped": user_skipped,
        "user_skipped_pct": _pct(user_skipped, delivered),
        "user_paused_frames": user.paused if user else 0,
        "reference_presented": ref_presented,
        "reference_analysed": ref.analysed if ref else 0,
        "reference_skipped": ref_skipped,
        "reference_not_needed": player.not_needed if player else 0,
        "reference_skipped_pct": _pct(ref_skipped, ref_presented + ref_skipped),
        "analyser_skipped_pct": _pct(user_skipped + ref_skipped, delivered + (ref_presented + ref_skipped if ref_skipped or (ref and ref.tracker) else 0)),
    }


def _pair_figures(s: SessionSnapshot, running_s: float) -> dict[str, Any]:
    """Pairs scored, how fast, how late, and when the first score came."""
    matcher, scorer = s.matcher, s.scorer
    pairs = scorer.pairs if scorer else 0
    sustained = 0.0  # pairs per second between the first and the last score: the steady rate
    if matcher is not None and matcher.first_score_at is not None and matcher.last_score_at > matcher.first_score_at:
        sustained = (pairs - 1) / (matcher.last_score_at - matcher.first_score_at)
    first = None
    if matcher is not None and matcher.first_score_at is not None and s.running_at is not None:
        first = round(s.running_at - s.started_at + matcher.first_score_at, 3)
    return {
        "pairs": pairs,
        "unpaired": scorer.unpaired if scorer else 0,
        "pairs_per_s": round(sustained, 2),
        "pairs_per_s_overall": round(pairs / running_s, 2) if running_s > 0 else 0.0,
        "latency_ms_p50": round(matcher.latency_ms.percentile(50), 2) if matcher else 0.0,
        "latency_ms_p95": round(matcher.latency_ms.percentile(95), 2) if matcher else 0.0,
        "reference_wait_ms_p95": round(matcher.waited_ms.percentile(95), 2) if matcher else 0.0,
        "first_score_s": first,
    }


def _recording_figures(s: SessionSnapshot) -> dict[str, Any]:
    """What the recorder wrote, dropped and failed on."""
    recorder = s.recorder
    rec = recorder.stats() if recorder else {}
    return {
        "recorded_frames": int(rec.get("frames_written", 0)),
        "recorder_dropped": int(rec.get("dropped", 0)),
        "recorder_error": str(recorder.error) if recorder and recorder.error else None,
        "recording_seconds": round(float(rec.get("duration", 0.0)), 3),
    }


def _cost_figures(s: SessionSnapshot) -> dict[str, Any]:
    """The trackers' steps, the threads' CPU time and the memory used."""
    user, ref = s.user, s.reference
    return {
        "user_tracker_ms": tracker_ms(user.tracker if user else None),
        "user_tracker_calls": dict(sorted(user.tracker.times.counts.items())) if user and user.tracker else {},
        "reference_tracker_ms": tracker_ms(ref.tracker if ref else None),
        "thread_cpu_s": {name: round(v, 3) for name, v in s.cpu.cpu_seconds.items()},
        "cpu_pct": round(s.cpu.process_percent(), 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "rss_mb_before_report": round(s.rss_running_mb, 1),
    }


def player_stats(s: SessionSnapshot) -> list[dict[str, Any]]:
    """Each player's own figures (the top-level ones are player 1's): frames scored, the steady
    rate of paired scores, capture-to-score latency, the live running score."""
    if s.matcher is None:
        return []
    figures = []
    for k, (scorer, player) in enumerate(zip(s.scorers, s.matcher.players)):
        figures.append(
            {
                "player": k + 1,
                "pairs": scorer.pairs,
                "unpaired": scorer.unpaired,
                "pairs_per_s": round(player.rate(scorer.pairs), 2),
                "latency_ms_p50": round(player.latency_ms.percentile(50), 2),
                "latency_ms_p95": round(player.latency_ms.percentile(95), 2),
                "live_total": round(float(scorer.total), 2),
            }
        )
    return figures


def session_status(s: SessionSnapshot) -> SessionStatus:
    """``Session.status()``: read from the stages' counters without stopping anything."""
    camera = s.camera.stats()
    scorer, user, player, recorder = s.scorer, s.user, s.player, s.recorder
    return SessionStatus(
        s.state,
        s.reason,
        s.end,
        s.clock.now() if s.running_at else 0.0,
        player.position() if player else 0.0,
        camera.frames,
        user.analysed if user else 0,
        scorer.pairs if scorer else 0,
        scorer.total if scorer else 0.0,
        scorer.lag if scorer else 0.0,
        s.analysis_box.overwritten,
        player.dropped_late if player else 0,
        recorder.frames_written if recorder else 0,
        str(stage_error(*s.errors[0])) if s.errors else None,
    )


def stage_threads(s: SessionSnapshot) -> dict[str, threading.Thread | None]:
    """Every thread of a running session by stage name."""
    return {
        "capture": s.camera.thread,
        "user-analyser": s.user.thread if s.user else None,
        "reference": s.reference.thread if s.reference else None,
        "matcher": s.matcher.thread if s.matcher else None,
        "playback": s.player.thread if s.player else None,
        "recorder": s.recorder.thread if s.recorder else None,
        "session": s.thread,
    }


def session_result(s: SessionSnapshot) -> SessionResult:
    """The result of a session that has stopped every stage: the final report (unless it failed
    or was cancelled), the recording, the figures, and what went wrong along the way. With two
    players, the result is player 1's and ``others`` holds player 2's (the same recording and
    figures, their own report)."""
    error = stage_error(*s.errors[0]) if s.errors else None
    end = s.end or s.stop_requested or EndReason.STOPPED
    reason = s.reason or (translate("Session", "cancelled") if end is EndReason.CANCELLED else translate("Session", "stopped"))
    reports: list[tuple[Report | None, list[str], np.ndarray]] = []
    for scorer in s.scorers or ((s.scorer,) if s.scorer is not None else ()):
        report, warnings, rows = None, [], None
        if error is None and end is not EndReason.CANCELLED and s.track is not None:
            try:
                plain, mirrored = scorer.user.tracks()
                until = s.duration if end is EndReason.ENDED else min(s.end_position, s.duration)
                report, rows = final_report(
                    s.track.track(until), plain, mirrored, s.ref_fps, s.camera.fps, s.mirror, s.beats, scorer.user.takes, s.chance, scorer.user.frame_indices
                )
                if report is None:
                    warnings.append(translate("Session", "too little was danced to make a report"))
                elif s.dancer is not None:
                    report.dancer, report.dancers = s.dancer
            except Exception as exc:  # noqa: BLE001 - the final step's failure fails the session
                error = stage_error("final report", exc)
        reports.append((report, warnings, scorer.user.frame_indices if rows is None else rows))
    if not reports:
        reports.append((None, [], np.zeros(0, np.int64)))
    common: list[str] = []
    if s.player is not None and s.player.error is not None and error is None:
        common.append(str(s.player.error))
    if s.recorder is not None and s.recorder.error is not None:
        common.append(str(s.recorder.error))
    recording = None
    if s.recorder is not None and s.recorder.frames_written > 0 and s.recorder.path.is_file():
        recording = s.recorder.path
    if error is not None:
        end, reason = EndReason.FAILED, str(error)
    stats = session_stats(s)
    results = [
        SessionResult(report if error is None else None, recording, stats, error, reason, warnings + common, frames, end, player=k + 1)
        for k, (report, warnings, frames) in enumerate(reports)
    ]
    results[0].others = results[1:]
    return results[0]
