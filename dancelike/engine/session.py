"""``Session``: one live dance-along, from ``start()`` to its report.

State machine (``SessionState``)::

    IDLE --start()--> STARTING --models loaded, clock started--> RUNNING <--pause()/resume()--> PAUSED
    RUNNING | PAUSED --dance ended | camera lost | stop() | cancel()--> FINISHING --> DONE
    any state after IDLE --a stage failed--> FINISHING --> FAILED

* STARTING (on the session thread, never the caller's): the reference's cached analysis is
  looked up, its music read and its beats found, the recorder opened, the analysers load and
  warm their models in their own threads. Then the clock starts and playback and capture begin.
* RUNNING: the threads of ``stages`` plus the camera's, the recorder's and the player's run;
  the session thread only watches (20 Hz) for an end: the reference played to its end, the
  camera ended or was lost (that ends the session cleanly: what was recorded is kept, the report
  covers what was danced, ``reason`` says why), ``stop()`` (score what was danced), ``cancel()``
  (no report), or a stage error (FAILED; the error is in the result and the events).
* PAUSED: the music and the reference stop; the camera keeps running and the recorder keeps
  recording (it is a recording of the session), but nothing is analysed or scored.
* FINISHING: capture stops first, then everything downstream drains in order, the recorder
  flushes its last fragment, then exact DTW over the whole performance gives the report.

Every public method is safe from any thread and never blocks for long: they set a flag and
wake the session thread, except ``wait()``, which waits for the result (never call it from
``on_event``: the callback runs on the thread that delivers that result).
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from types import TracebackType

import av
import numpy as np

from dancelike.engine.events import AnalysisLoad, CameraLost, Dispatcher, EventCallback, EventQueue, Finished, RecorderFailed, StateChanged
from dancelike.engine.exit_guard import stop_at_exit
from dancelike.engine.load import LoadWatch
from dancelike.engine.metrics import ThreadCpu, current_rss_mb
from dancelike.engine.options import LIVE_REFERENCE, SessionOptions
from dancelike.engine.practice import PracticeControls
from dancelike.engine.result import EndReason, SessionResult, SessionState, SessionStatus
from dancelike.engine.scorer import LiveScorer, live_moves
from dancelike.engine.stages import Matcher, ReferenceStage, UserAnalyser
from dancelike.engine.stats import SessionSnapshot, session_result, session_status, stage_threads
from dancelike.engine.tracks import ReferenceTrack
from dancelike.errors import DanceLikeError, InputError
from dancelike.i18n import translate
from dancelike.media.camera import Camera, CameraState, CapturedFrame, open_camera
from dancelike.media.clock import AudioSink, LatestFrame, SessionClock, WallClockSink
from dancelike.media.cv_threads import hold_one_thread, release_one_thread
from dancelike.media.playback import AudioListener, PlayerState, ReferencePlayer
from dancelike.media.recorder import Recorder, RecorderState
from dancelike.media.video import VideoReader
from dancelike.pipeline.reference import cached_chance, cached_proxy, cached_reference, reference_beats
from dancelike.scoring.calibration import Chance
from dancelike.store import analysis_cache
from dancelike.vision.body import BodyFrame

log = logging.getLogger(__name__)

#: A camera that ends this close (seconds) to the reference's end ended with the dance, not early.
END_TOLERANCE = 0.5
#: After the reference's last frame, capture goes on this long so a late dancer finishes the move.
TAIL_SECONDS = 0.3
#: How long the analysers may take to load their models before the session fails.
READY_TIMEOUT = 60.0
#: A looped move jumps back this early (seconds) so its last beat is not cut by the watch's 20 Hz.
LOOP_EARLY = 0.03
_JOIN = 10.0


class Session(PracticeControls):
    """A live session: ``reference`` (a video file) danced along in front of ``camera``.

    ``camera`` is a ``--camera`` spec (``"0"``, a video file, ``"demo"``) or a ``Camera`` (the
    session owns it from then on). ``options`` are the session's choices (``SessionOptions``:
    recording, mirror, players, latency...; the defaults without it). ``audio_sink`` plays the
    music (default: a silent wall-clock sink). ``on_event`` receives every event on the session's
    dispatcher thread; without it, poll ``events``. Errors in the arguments (a missing file, a
    camera that does not open) raise ``InputError`` here, on the caller's thread.
    """

    def __init__(
        self,
        reference: str | Path,
        camera: str | Camera,
        options: SessionOptions | None = None,
        *,
        audio_sink: AudioSink | None = None,
        on_event: EventCallback | None = None,
    ) -> None:
        self.options = options if options is not None else SessionOptions()
        self.reference = Path(reference)
        self._probe_reference()
        if isinstance(camera, Camera):
            self.camera, self.clock = camera, camera.clock
        else:
            self.clock = SessionClock()
            self.camera = open_camera(camera, self.clock)
        self.sink: AudioSink = audio_sink if audio_sink is not None else WallClockSink(48000, 2)
        self.events = EventQueue(self.options.event_queue_size)
        self._dispatcher = Dispatcher(self.events, on_event, lambda exc: self._stage_failed("on_event callback", exc)) if on_event else None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="engine-session", daemon=True)
        self._init_progress()
        self._init_stages()
        self.cpu = ThreadCpu()
        self._user_load, self._ref_load = LoadWatch(), LoadWatch()
        self.busy = False  # the analysers are falling behind (engine/load.py)

    def _probe_reference(self) -> None:
        """Its rate, length and music; a bad reference fails now, with one line."""
        with VideoReader(self.reference) as probe:
            self.ref_fps, self.duration = probe.fps, probe.duration
            self._ref_frames = max(probe.frame_count, round(probe.duration * probe.fps)) + 2
        with av.open(str(self.reference)) as container:
            self._has_music = bool(container.streams.audio)

    def _init_progress(self) -> None:
        """Where the session is: its state, how it ends, and its timing marks."""
        self._state = SessionState.IDLE
        self._reason = ""
        self._end: EndReason | None = None  # how the session ended, once it has
        self._errors: list[tuple[str, BaseException]] = []
        self._stop_requested: EndReason | None = None  # STOPPED (score) or CANCELLED (no report)
        self._result: SessionResult | None = None
        self._loop: int | None = None  # the move being looped
        self._started_at = 0.0  # perf_counter at start()
        self._running_at: float | None = None  # perf_counter when the clock started
        self._finishing_at: float | None = None  # perf_counter when FINISHING began
        self.rss_running_mb = 0.0
        self._holds_cv_thread = False  # media.cv_threads held from _prepare to _finish
        self._end_position = 0.0
        self._recorder_reported = False

    def _init_stages(self) -> None:
        """The stages and what they read, all made in STARTING (``_prepare``)."""
        self.player: ReferencePlayer | None = None
        self.recorder: Recorder | None = None
        self.track: ReferenceTrack | None = None
        self.scorer: LiveScorer | None = None  # player 1's (the practice controls read its moves)
        self.scorers: list[LiveScorer] = []  # one per player
        self._user: UserAnalyser | None = None
        self._ref: ReferenceStage | None = None
        self._matcher: Matcher | None = None
        self._display: LatestFrame[CapturedFrame] = self.camera.subscribe_latest("display")
        self._analysis_box: LatestFrame[CapturedFrame] = self.camera.subscribe_latest("analyser")
        self._beats: np.ndarray | None = None
        self._chance: Chance | None = None
        self._cached = False
        self._dancer: tuple[int, int] | None = None  # the reference's dancer followed, of how many

    # --- control (any thread) ----------------------------------------------------------------

    def start(self) -> None:
        """Begin: returns at once; the session goes STARTING, then RUNNING."""
        with self._lock:
            if self._state is not SessionState.IDLE:
                raise RuntimeError("a session can be started once")
            self._started_at = time.perf_counter()
        log.info("session start: reference %s", self.reference)
        self._set_state(SessionState.STARTING)
        stop_at_exit(self)
        if self._dispatcher is not None:
            self._dispatcher.start()
        self._thread.start()

    def pause(self) -> bool:
        """Pause the music, the reference and scoring; False when not RUNNING."""
        with self._lock:
            if self._state is not SessionState.RUNNING or self.player is None:
                return False
            self.player.pause()
            self._state = SessionState.PAUSED
        self.events.put(StateChanged(SessionState.PAUSED))
        return True

    def resume(self) -> bool:
        """Carry on after ``pause()``; False when not PAUSED."""
        with self._lock:
            if self._state is not SessionState.PAUSED or self.player is None:
                return False
            self.player.resume()
            self._state = SessionState.RUNNING
        self.events.put(StateChanged(SessionState.RUNNING))
        return True

    def stop(self) -> None:
        """Finish now and score what was danced (the report covers the reference up to here)."""
        self._request(EndReason.STOPPED)

    def cancel(self) -> None:
        """Finish now without a report (the recording is still kept)."""
        self._request(EndReason.CANCELLED)

    def wait(self, timeout: float | None = None) -> SessionResult | None:
        """The result once the session is DONE or FAILED (None on timeout or if never started)."""
        if self._thread.ident is None:
            return self._result
        self._thread.join(timeout)
        if self._thread.is_alive():
            return None
        if self._dispatcher is not None and not self._dispatcher.join(timeout):
            return None
        return self._result

    def user_body(self) -> tuple[BodyFrame, float] | None:
        """The newest analysis of the dancer (player 1) as ``(body, capture time)`` (for the UI's overlays)."""
        return self._user.latest if self._user is not None else None

    def user_bodies(self) -> tuple[tuple[BodyFrame, ...], float] | None:
        """The newest analysis of every player (player 1 first) and its capture time."""
        return self._user.latest_all if self._user is not None else None

    def reference_body(self, t: float) -> BodyFrame | None:
        """The reference's analysis at reference time ``t`` (for the UI's ghost overlay)."""
        return self._ref.body_at(t) if self._ref is not None else None

    @property
    def state(self) -> SessionState:
        return self._state

    @property
    def result(self) -> SessionResult | None:
        return self._result

    def status(self) -> SessionStatus:
        """A snapshot of where the session is (cheap: for a status bar at display rate)."""
        return session_status(self.snapshot())

    def snapshot(self) -> SessionSnapshot:
        """Every stage and timing mark of the session as it is now: what its figures, its status
        and its result are read from (``engine.stats``)."""
        with self._lock:
            errors, end, reason, stop = tuple(self._errors), self._end, self._reason, self._stop_requested
        return SessionSnapshot(
            state=self._state,
            end=end,
            reason=reason,
            stop_requested=stop,
            errors=errors,
            started_at=self._started_at,
            running_at=self._running_at,
            finishing_at=self._finishing_at,
            clock=self.clock,
            camera=self.camera,
            player=self.player,
            recorder=self.recorder,
            track=self.track,
            scorer=self.scorer,
            scorers=tuple(self.scorers),
            user=self._user,
            reference=self._ref,
            matcher=self._matcher,
            analysis_box=self._analysis_box,
            cpu=self.cpu,
            events=self.events,
            thread=self._thread,
            reference_cached=self._cached,
            duration=self.duration,
            end_position=self._end_position,
            ref_fps=self.ref_fps,
            mirror=self.options.mirror,
            beats=self._beats,
            chance=self._chance,
            rss_running_mb=self.rss_running_mb,
            dancer=self._dancer,
        )

    def camera_frame(self) -> CapturedFrame | None:
        """The newest camera frame not yet shown (for the UI's display timer), or None."""
        return self._display.get(timeout=0)

    def reference_frame(self) -> tuple[np.ndarray, float] | None:
        """The reference frame showing now, as ``(rgb, time)``."""
        return self.player.current if self.player else None

    def __enter__(self) -> Session:  # noqa: PYI034
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Let go of everything: a session never started releases its camera; a running one is
        cancelled (no report; the recording is kept) and waited for. Safe to call twice."""
        if self._thread.ident is None:
            self.camera.stop()
            self.events.close()
            return
        self.cancel()
        self.wait()

    # --- the session thread -------------------------------------------------------------------

    def _request(self, kind: EndReason) -> None:
        with self._lock:
            if self._stop_requested is None:
                self._stop_requested = kind
        self._wake.set()

    def _stage_failed(self, stage: str, exc: BaseException) -> None:
        log.error("session: %s failed", stage, exc_info=exc, extra={"stderr": False})  # the result reports it
        with self._lock:
            self._errors.append((stage, exc))
        self._wake.set()

    def _set_state(self, state: SessionState, reason: str = "") -> None:
        with self._lock:
            self._state, self._reason = state, reason or self._reason
        self.events.put(StateChanged(state, reason))

    def _run(self) -> None:
        try:
            self._prepare()
            if not self._errors and self._stop_requested is None:
                self._go()
                self._watch()
        except BaseException as exc:  # noqa: BLE001 - ends the session FAILED, with the error
            self._stage_failed("session", exc)
        finally:
            self._finish()

    def _prepare(self) -> None:
        """STARTING: everything slow happens here, before the clock starts. The analysers load
        their models in their own threads meanwhile. (Finding the beats and reading the music
        overlapped made a 10-minute reference start slower, 6.2 s instead of 4.1 s, and doubled
        the peak memory: both are memory-bound and hold the GIL in stretches; so one after the other.)"""
        hold_one_thread()  # OpenCV's own pool only fought the model threads for the cores
        self._holds_cv_thread = True
        self._user = UserAnalyser(self._analysis_box, self.clock, self._stage_failed, self.options.players, self.events)
        self._user.start()
        key = analysis_cache.content_key(self.reference) if self.options.use_cache else None
        cached, track = cached_reference(key, self.options.dancer) if key is not None else (None, None)  # the chosen dancer
        self._cached = cached is not None
        if cached is not None and cached.followed is not None:
            self._dancer = (cached.followed, len(cached.dancers))
        self._beats = reference_beats(self.reference, key)  # as offline scoring finds them (and keeps them)
        # the reference's chance level when it was measured (an imported dance); else the final
        # report measures it, and the live score uses a typical one meanwhile
        self._chance = cached_chance(track) if track is not None else None
        self.track = ReferenceTrack(self._ref_frames, self.ref_fps)
        if self.options.record_to is not None:
            audio_rate = self.sink.sample_rate if self._has_music else None
            self.recorder = Recorder.for_camera(self.options.record_to, self.camera, audio_rate=audio_rate, audio_channels=self.sink.channels)
            if not self.recorder.start():
                self._report_recorder()
        on_audio = self.recorder.push_audio if self.recorder is not None and self.recorder.state is RecorderState.RUNNING else None
        self.player = self._reference_player(on_audio, cached_proxy(key) if cached is not None else None)
        self._ref = ReferenceStage(self.player, self.track, cached, self._stage_failed)
        self._ref.start()
        moves = live_moves(self.duration, self.ref_fps, self._beats, cached)
        self.scorers = [LiveScorer(self.track, self.options.mirror, moves, self.camera.fps, self._chance) for _ in range(self.options.players)]
        self.scorer = self.scorers[0]
        self._matcher = Matcher(self._user.out, self.scorers, self.track, self.clock, self.events, self._stage_failed)
        self._matcher.latency = self.options.latency
        self._matcher.start()
        deadline = time.monotonic() + READY_TIMEOUT
        for stage in (self._user, self._ref):
            while not stage.ready.wait(0.05):
                if self._errors or self._stop_requested or time.monotonic() > deadline:
                    return

    def _reference_player(self, on_audio: AudioListener | None, proxy: Path | None) -> ReferencePlayer:
        """The reference's player: its frames from the imported dance's playback copy when there
        is one (a third of the CPU of decoding a big original), else from the video itself."""
        read = LIVE_REFERENCE

        def player(picture: Path | None) -> ReferencePlayer:
            return ReferencePlayer(
                self.reference,
                self.clock,
                self.sink,
                on_audio=on_audio,
                stretch=self.options.stretch,
                max_fps=read.max_fps,
                fit=read.fit,
                decode_threads=read.decode_threads,
                picture=picture,
            )

        if proxy is not None:
            try:
                return player(proxy)
            except InputError as exc:  # a damaged copy: the original still plays
                log.warning("playback copy %s not used: %s", proxy, exc)
        return player(None)

    def _go(self) -> None:
        """The clock starts; playback, capture and the engine's real-time work begin together."""
        assert self.player is not None and self._ref is not None
        self.clock.start()
        self.player.start()
        self.camera.start()
        self._ref.go.set()
        self._running_at = time.perf_counter()
        for name, thread in stage_threads(self.snapshot()).items():
            self.cpu.add(name, thread)
        self.cpu.begin()
        self._set_state(SessionState.RUNNING)

    def _watch(self) -> None:
        """RUNNING/PAUSED: wait for the end, reporting a failed recorder on the way."""
        assert self.player is not None
        last_sample = time.perf_counter()
        camera_done: float | None = None
        while True:
            self._wake.wait(0.05)
            self._wake.clear()
            if time.perf_counter() - last_sample > 0.5:
                self.cpu.sample()
                self._watch_load()
                last_sample = time.perf_counter()
            if self._errors or self._stop_requested:
                return
            if self.player.state is PlayerState.FAILED:
                raise self.player.error or DanceLikeError(translate("Session", "{path}: playback failed").format(path=self.reference))
            if self.recorder is not None and self.recorder.state is RecorderState.FAILED:
                self._report_recorder()
            position = self.player.position()
            self._end_position = max(self._end_position, position)
            loop = self._loop
            if loop is not None and self.scorer is not None and position >= self.scorer.moves[loop].end - LOOP_EARLY:
                self.player.seek(self.scorer.moves[loop].start)
                continue
            if not self.camera.running and self.camera.state is not CameraState.IDLE and camera_done is None:
                if self.camera.state is CameraState.LOST or position < self.duration - END_TOLERANCE:
                    self._end, self._reason = EndReason.CAMERA_LOST, translate("Session", "camera lost: {reason}").format(reason=self.camera.reason)
                    self.events.put(CameraLost(self.camera.reason, self.camera.stats().frames))
                    return
                camera_done = time.perf_counter()  # it ended with the dance: let the reference finish
            late = camera_done is not None and time.perf_counter() - camera_done > END_TOLERANCE + TAIL_SECONDS
            if (self.player.finished and (position >= self.duration + TAIL_SECONDS or camera_done is not None)) or late:
                self._end, self._reason = EndReason.ENDED, translate("Session", "the dance ended")
                return

    def _watch_load(self) -> None:
        """Tell the user when a busy computer leaves the analysers short of frames (``load``)."""
        user, ref, player, now = self._user, self._ref, self.player, self.clock.now()
        if user is None or ref is None or player is None:
            return
        changed = [self._user_load.sample(now, user.analysed, self._analysis_box.put_count - user.paused)]
        if ref.tracker is not None:
            changed.append(self._ref_load.sample(now, ref.analysed, ref.presented + player.dropped_late))
        busy = self._user_load.busy or self._ref_load.busy
        if any(c is not None for c in changed) and busy != self.busy:
            self.busy = busy
            self.events.put(AnalysisLoad(busy, min(self._user_load.analysed_fps, self._ref_load.analysed_fps if ref.tracker else 1e9)))

    def _report_recorder(self) -> None:
        if self.recorder is None or self._recorder_reported or self.recorder.error is None:
            return
        self._recorder_reported = True
        self.events.put(RecorderFailed(str(self.recorder.error), self.recorder.frames_written))

    def _finish(self) -> None:
        """FINISHING: stop capture, drain every stage in order, then the final report."""
        self._finishing_at = time.perf_counter()
        self.rss_running_mb = current_rss_mb()  # before the final report's transient arrays
        self._set_state(SessionState.FINISHING, self._reason)
        if self._running_at is not None:
            self.cpu.sample()
        if self.player is not None:
            self._end_position = max(self._end_position, self.player.position())
        self.camera.stop()
        for stage in (self._user, self._ref):
            if stage is not None:
                stage.stop()
        if self.player is not None:
            self.player.stop()
        for thread in (self._user, self._ref, self._matcher):
            if thread is not None and not thread.join(_JOIN):
                self._stage_failed(thread.name, TimeoutError(f"{thread.name} did not stop within {_JOIN:.0f} s"))
        if self.recorder is not None:
            self.recorder.stop()
            self._report_recorder()
        if self._ref is not None and self.track is not None:
            self._ref.fill_remaining(min(self._end_position, self.duration))
        if self._holds_cv_thread:
            release_one_thread()
            self._holds_cv_thread = False
        result = session_result(self.snapshot())
        self._result = result
        log.info("session end: %s%s", result.reason, f" (error: {result.error})" if result.error else "")
        self._set_state(SessionState.FAILED if result.error else SessionState.DONE, result.reason)
        self.events.put(Finished(result))
        self.events.close()
