"""Measuring a live session from the inside: CPU per thread, memory, latencies.

Every stage reports its own timings (the convention that lets a benchmark show where time
goes). CPU per thread comes from ``/proc/self/task/<tid>/stat`` so threads we did not write
(the camera's, the recorder's, the player's) are measured the same way as ours, without their
code having to cooperate; elsewhere only the engine's own threads (``time.thread_time``) report.
"""

from __future__ import annotations

import os
import resource
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from dancelike.media.clock import Timings

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def thread_cpu_seconds(native_id: int | None) -> float | None:
    """CPU seconds (user + system) a thread of this process has used; None when unknown."""
    if native_id is None:
        return None
    try:
        text = Path(f"/proc/self/task/{native_id}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # the name may contain spaces and parentheses
    return (int(fields[11]) + int(fields[12])) / _TICKS


def _status_mb(field_name: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return None


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MiB, since ``reset_peak_rss()`` where Linux allows."""
    peak = _status_mb("VmHWM")
    if peak is not None:
        return peak
    unit = 1024.0 * 1024.0 if sys.platform == "darwin" else 1024.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / unit


def reset_peak_rss() -> bool:
    """Restart the peak-RSS count from the current RSS (Linux), so a benchmark measures its
    session and not the rendering done before it in the same process. False when unsupported."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def current_rss_mb() -> float:
    """Resident memory now in MiB (Linux; falls back to the peak elsewhere)."""
    now = _status_mb("VmRSS")
    return peak_rss_mb() if now is None else now


@dataclass
class ThreadCpu:
    """CPU use of named threads over a window: ``begin()`` when work starts, ``end()`` when it stops.

    Threads are registered by name with their ``threading.Thread``; their native ids are read
    when the window opens (a thread must have started by then to be measured).
    """

    threads: dict[str, threading.Thread] = field(default_factory=dict)
    _start_cpu: dict[str, float] = field(default_factory=dict)
    _ids: dict[str, int] = field(default_factory=dict)
    _start_wall: float = 0.0
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    wall_seconds: float = 0.0
    _start_process: float = 0.0
    process_seconds: float = 0.0  # CPU of the whole process (every thread, named or not) in the window

    def add(self, name: str, thread: threading.Thread | None) -> None:
        if thread is not None:
            self.threads[name] = thread

    def begin(self) -> None:
        self._start_wall = time.perf_counter()
        self._start_process = time.process_time()
        for name, thread in self.threads.items():
            if thread.native_id is not None:
                self._ids[name] = thread.native_id
                cpu = thread_cpu_seconds(thread.native_id)
                if cpu is not None:
                    self._start_cpu[name] = cpu

    def sample(self) -> None:
        """Read every thread's CPU now (call while they are alive: /proc forgets dead threads)."""
        self.wall_seconds = time.perf_counter() - self._start_wall
        self.process_seconds = time.process_time() - self._start_process
        for name, start in self._start_cpu.items():
            cpu = thread_cpu_seconds(self._ids[name])
            if cpu is not None:
                self.cpu_seconds[name] = cpu - start

    def percent(self) -> dict[str, float]:
        """CPU use of each thread in percent of one core over the window."""
        wall = max(self.wall_seconds, 1e-9)
        return {name: 100.0 * cpu / wall for name, cpu in self.cpu_seconds.items()}

    def process_percent(self) -> float:
        """The whole process's CPU use over the window, in percent of one core (200 = two cores)."""
        return 100.0 * self.process_seconds / max(self.wall_seconds, 1e-9)


class StageClock:
    """Per-item durations of one stage (milliseconds), plus its counts: a stage's own report."""

    def __init__(self) -> None:
        self.ms = Timings()
        self.items = 0

    def add(self, seconds: float) -> None:
        self.ms.add(seconds * 1000.0)
        self.items += 1

    def summary(self) -> dict[str, float]:
        return {"items": self.items, "ms_p50": round(self.ms.percentile(50), 2), "ms_p95": round(self.ms.percentile(95), 2)}
