"""Long work off the GUI thread: ``run_in_thread(fn, ...)`` returns a ``Job``.

The one way every view runs something slow (importing a video, rendering the demo, recovering a
session, opening a camera) so the window never freezes. The work runs in a plain Python thread
(so the test suite's "no thread left behind" check sees it and can join it, and a thread still
busy when the app quits does not abort the process the way a destroyed QThread does); its
progress and result come back as Qt signals of the ``Job``, a QObject living on the GUI thread,
so every callback runs on the GUI thread.

Cancelling is cooperative: ``job.cancel()`` sets ``job.cancel_event`` (handed to functions that
take a ``threading.Event``), and the progress callback the job hands to ``fn`` raises
``JobCancelled`` once cancelled, so any function that reports progress stops at its next report.
A job that raises after being cancelled counts as cancelled, not failed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot


class JobCancelled(Exception):
    """Raised inside the work by the progress callback once the job is cancelled."""


#: Running jobs, so none is garbage-collected (with its signals) while its thread works.
_ACTIVE: set[Job] = set()
_ACTIVE_LOCK = threading.Lock()


class Job(QObject):
    """One piece of work in its own thread; signals arrive on the GUI thread.

    Exactly one of ``done(result)``, ``failed(exception)`` or ``cancelled()`` is emitted, then
    ``finished()``. ``progress(fraction)`` is throttled to about 30 updates a second.
    """

    progress = Signal(float)
    done = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    _relay_progress = Signal(float)
    _relay_end = Signal(str, object)

    #: Minimum time between two progress signals (the last one, 1.0, always goes through).
    PROGRESS_INTERVAL = 1 / 30

    def __init__(self, name: str = "job", parent: QObject | None = None, raise_on_cancel: bool = True) -> None:
        super().__init__(parent)
        self.name = name
        self._raise_on_cancel = raise_on_cancel
        self.cancel_event = threading.Event()
        self.result: object = None
        self.error: BaseException | None = None
        self.state = "idle"  # idle -> running -> done | failed | cancelled
        self._thread: threading.Thread | None = None
        self._last_progress = -1.0
        self._last_emit = 0.0
        self._relay_progress.connect(self._on_progress)
        self._relay_end.connect(self._on_end)

    # --- called from any thread -------------------------------------------------------

    def cancel(self) -> None:
        """Ask the work to stop (it stops at its next progress report or cancel check)."""
        self.cancel_event.set()

    @property
    def is_cancelled(self) -> bool:
        return self.cancel_event.is_set()

    @property
    def running(self) -> bool:
        return self.state == "running"

    def report(self, fraction: float) -> None:
        """Progress callback handed to the work: 0..1; raises ``JobCancelled`` once cancelled
        (unless the work was given the cancel event and handles cancelling itself)."""
        if self._raise_on_cancel and self.cancel_event.is_set():
            raise JobCancelled(f"{self.name}: cancelled")
        fraction = max(0.0, min(1.0, float(fraction)))
        now = time.monotonic()
        if fraction >= 1.0 or fraction < self._last_progress or now - self._last_emit >= self.PROGRESS_INTERVAL:
            self._last_progress, self._last_emit = fraction, now
            self._relay_progress.emit(fraction)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the thread to end (signals still need the event loop); True when it has."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    # --- the thread ------------------------------------------------------------------------

    def start(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        if self._thread is not None:
            raise RuntimeError(f"{self.name}: a job runs once")
        self.state = "running"
        with _ACTIVE_LOCK:
            _ACTIVE.add(self)
        self._thread = threading.Thread(target=self._run, args=(fn, args, kwargs), name=f"ui-{self.name}", daemon=True)
        self._thread.start()

    def _run(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        try:
            result = fn(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI
            kind = "cancelled" if self.cancel_event.is_set() or isinstance(exc, JobCancelled) else "failed"
            self._relay_end.emit(kind, exc)
        else:
            self._relay_end.emit("done", result)

    # --- GUI thread ----------------------------------------------------------------------

    @Slot(float)
    def _on_progress(self, fraction: float) -> None:
        if self.state == "running":
            self.progress.emit(fraction)

    @Slot(str, object)
    def _on_end(self, kind: str, value: object) -> None:
        if self._thread is not None:
            self._thread.join()  # it has only the emit left: ends at once
        self.state = kind
        try:
            if kind == "done":
                self.result = value
                self.done.emit(value)
            elif kind == "failed":
                self.error = value if isinstance(value, BaseException) else RuntimeError(str(value))
                self.failed.emit(self.error)
            else:
                self.cancelled.emit()
            self.finished.emit()
        finally:
            with _ACTIVE_LOCK:
                _ACTIVE.discard(self)


def run_in_thread(
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[float], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    progress_kw: str | None = "on_progress",
    cancel_kw: str | None = None,
    name: str | None = None,
    **kwargs: Any,
) -> Job:
    """Run ``fn(*args, **kwargs)`` in a thread and return its (started) ``Job``.

    With ``on_progress``, ``fn`` also gets ``progress_kw=job.report`` (a 0..1 callback);
    with ``cancel_kw`` (e.g. "cancel") it gets ``cancel_kw=job.cancel_event`` and handles
    cancelling itself (the progress callback then never raises). Callbacks
    run on the GUI thread: ``on_done(result)``, ``on_error(exception)``, ``on_cancelled()``.
    """
    job = Job(name or str(getattr(fn, "__name__", "job")), raise_on_cancel=not cancel_kw)
    if on_progress is not None:
        job.progress.connect(on_progress)
        if progress_kw:
            kwargs[progress_kw] = job.report
    if cancel_kw:
        kwargs[cancel_kw] = job.cancel_event
    if on_done is not None:
        job.done.connect(on_done)
    if on_error is not None:
        job.failed.connect(on_error)
    if on_cancelled is not None:
        job.cancelled.connect(on_cancelled)
    job.start(fn, args, kwargs)
    return job


def active_jobs() -> list[Job]:
    """Jobs whose work has not been delivered yet (running, or their end still queued)."""
    with _ACTIVE_LOCK:
        return list(_ACTIVE)


def cancel_all(timeout: float = 5.0) -> list[Job]:
    """Cancel every job and wait up to ``timeout`` in total; returns those still running."""
    jobs = active_jobs()
    for job in jobs:
        job.cancel()
    deadline = time.monotonic() + timeout
    return [job for job in jobs if not job.wait(max(0.0, deadline - time.monotonic()))]
