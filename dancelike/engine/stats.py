"""The figures a finished session reports: throughput, latency, skips, drops, stage timings, CPU.

Kept apart from ``session`` so the session reads as a state machine; every figure here comes
from a stage's own counters (the convention: every stage reports its timings).
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any

import numpy as np

from dancelike.engine.metrics import peak_rss_mb
from dancelike.engine.result import (
    SessionResult,
    SessionStatus,
    final_report,
    stage_error,
)
from dancelike.vision.tracker import PoseTracker

if TYPE_CHECKING:
    from dancelike.engine.session import Session


def _pct(part: float, whole: float) -> float:
    return round(100.0 * part / whole, 2) if whole > 0 else 0.0


def tracker_ms(tracker: PoseTracker | None) -> dict[str, float]:
    """Milliseconds per call of each of a tracker's steps (detector, preprocess, landmarks, part map)."""
    if tracker is None:
        return {}
    times = tracker.times
    return {stage: round(ms / max(1, times.counts.get(stage, 1)), 2) for stage, ms in sorted(times.total_ms.items())}


def session_stats(session: Session) -> dict[str, Any]:
    """Every figure of a session, as plain JSON-ready values."""
    s = session
    running_s = (s._finishing_at or time.perf_counter()) - s._running_at if s._running_at else 0.0
    camera = s.camera.stats()
    box = s._analysis_box
    user, ref, matcher, player, recorder, scorer = s._user, s._ref, s._matcher, s.player, s.recorder, s.scorer
    delivered = max(0, box.put_count - (user.paused if user else 0))
    user_skipped = box.overwritten
    ref_presented = ref.presented if ref else 0
    ref_skipped = player.dropped_late if player and ref and ref.tracker is not None else 0
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
    stages = {name: {"ms_p50": round(ms, 2), "cpu_pct": round(cpu.get(name, 0.0), 1)} for name, ms in stage_ms.items()}
    pairs = scorer.pairs if scorer else 0
    sustained = 0.0  # pairs per second between the first and the last score: the steady rate
    if matcher is not None and matcher.first_score_at is not None and matcher.last_score_at > matcher.first_score_at:
        sustained = (pairs - 1) / (matcher.last_score_at - matcher.first_score_at)
    first = None
    if matcher is not None and matcher.first_score_at is not None and s._running_at is not None:
        first = round(s._running_at - s._started_at + matcher.first_score_at, 3)
    rec = recorder.stats() if recorder else {}
    return {
        "running_s": round(running_s, 3),
        "end_reason": s._reason,
        "reference_cached": s._cached,
        "frames_captured": camera.frames,
        "camera_state": s.camera.state.value,
        "user_analysed": user.analysed if user else 0,
        "user_skipped": user_skipped,
        "user_skipped_pct": _pct(user_skipped, delivered),
        "user_paused_frames": user.paused if user else 0,
        "reference_presented": ref_presented,
        "reference_analysed": ref.analysed if ref else 0,
        "reference_skipped": ref_skipped,
        "reference_skipped_pct": _pct(ref_skipped, ref_presented + ref_skipped),
        "analyser_skipped_pct": _pct(user_skipped + ref_skipped, delivered + (ref_presented + ref_skipped if ref_skipped or (ref and ref.tracker) else 0)),
        "pairs": pairs,
        "unpaired": scorer.unpaired if scorer else 0,
        "pairs_per_s": round(sustained, 2),
        "pairs_per_s_overall": round(pairs / running_s, 2) if running_s > 0 else 0.0,
        "latency_ms_p50": round(matcher.latency_ms.percentile(50), 2) if matcher else 0.0,
        "latency_ms_p95": round(matcher.latency_ms.percentile(95), 2) if matcher else 0.0,
        "reference_wait_ms_p95": round(matcher.waited_ms.percentile(95), 2) if matcher else 0.0,
        "first_score_s": first,
        "recorded_frames": int(rec.get("frames_written", 0)),
        "recorder_dropped": int(rec.get("dropped", 0)),
        "recorder_error": str(recorder.error) if recorder and recorder.error else None,
        "recording_seconds": round(float(rec.get("duration", 0.0)), 3),
        "events_dropped": s.events.dropped,
        "live_total": round(scorer.total, 2) if scorer else 0.0,
        "stages": stages,
        "user_tracker_ms": tracker_ms(user.tracker if user else None),
        "reference_tracker_ms": tracker_ms(ref.tracker if ref else None),
        "thread_cpu_s": {name: round(v, 3) for name, v in s.cpu.cpu_seconds.items()},
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "rss_mb_before_report": round(s.rss_running_mb, 1),
    }


def session_status(s: Session) -> SessionStatus:
    """``Session.status()``: read from the stages' counters without stopping anything."""
    camera = s.camera.stats()
    scorer, user, player, recorder = s.scorer, s._user, s.player, s.recorder
    errors = list(s._errors)
    return SessionStatus(
        s.state, s._reason, s.clock.now() if s._running_at else 0.0, player.position() if player else 0.0,
        camera.frames, user.analysed if user else 0, scorer.pairs if scorer else 0, scorer.total if scorer else 0.0,
        scorer.lag if scorer else 0.0, s._analysis_box.overwritten, player.dropped_late if player else 0,
        recorder.frames_written if recorder else 0, str(stage_error(*errors[0])) if errors else None,
    )  # fmt: skip


def stage_threads(s: Session) -> dict[str, threading.Thread | None]:
    """Every thread of a running session by stage name (the camera's, player's and recorder's
    threads belong to media classes, which do not expose them: found by attribute or name)."""
    by_name = {t.name: t for t in threading.enumerate()}
    return {
        "capture": getattr(s.camera, "_thread", None),
        "user-analyser": s._user.thread if s._user else None,
        "reference": s._ref.thread if s._ref else None,
        "matcher": s._matcher.thread if s._matcher else None,
        "playback": by_name.get("reference-player"),
        "recorder": getattr(s.recorder, "_thread", None),
        "session": s._thread,
    }


def session_result(s: Session) -> SessionResult:
    """The result of a session that has stopped every stage: the final report (unless it failed
    or was cancelled), the recording, the figures, and what went wrong along the way."""
    errors = list(s._errors)
    error = stage_error(*errors[0]) if errors else None
    report, warnings, rows = None, [], None
    reason = s._reason or ("cancelled" if s._stop_requested == "cancel" else "stopped" if s._stop_requested else "")
    if error is None and s._stop_requested != "cancel" and s.scorer is not None and s.track is not None:
        try:
            plain, mirrored = s.scorer.user.tracks()
            until = s.duration if reason == "the dance ended" else min(s._end_position, s.duration)
            report, rows = final_report(s.track.track(until), plain, mirrored, s.ref_fps, s.camera.fps, s.mirror, s._beats, s.scorer.user.takes, s._chance)
            if report is None:
                warnings.append("too little was danced to make a report")
        except Exception as exc:  # noqa: BLE001 - the final step's failure fails the session
            error = stage_error("final report", exc)
    if s.player is not None and s.player.error is not None and error is None:
        warnings.append(str(s.player.error))
    if s.recorder is not None and s.recorder.error is not None:
        warnings.append(str(s.recorder.error))
    recording = None
    if s.recorder is not None and s.recorder.frames_written > 0 and s.recorder.path.is_file():
        recording = s.recorder.path
    frames = np.zeros(0, np.int64)
    if s.scorer is not None:
        frames = s.scorer.user.frame_indices if rows is None else s.scorer.user.frame_indices[rows]
    return SessionResult(report, recording, session_stats(s), error, reason if error is None else str(error), warnings, frames)
