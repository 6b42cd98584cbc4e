"""Killing ``dancelike score`` mid-analysis (SIGKILL, SIGTERM, SIGHUP) leaves no process behind:
not its analysis workers, not the fork server, not multiprocessing's resource tracker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_helpers import FPS, cli_command, make_clip

from dancelike.store.instance import process_started

pytestmark = pytest.mark.slow  # renders or runs real processes for seconds: make test-fast skips it

WAIT_S = 60.0
GONE_S = 30.0


def _children() -> dict[int, list[int]]:
    """Every live process's children, from /proc."""
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] not in ("Z", "X"):
            tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def _descendants(pid: int) -> set[int]:
    tree, found, todo = _children(), set(), [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


@pytest.fixture(scope="module")
def long_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("long")
    return make_clip(folder / "reference.mp4", 40 * FPS), make_clip(folder / "performance.mp4", 40 * FPS)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_no_process_outlives_a_killed_score(long_pair: tuple[Path, Path], signum: int) -> None:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    command = subprocess.Popen(
        [*cli_command(), "score", *map(str, long_pair), "--no-cache", "--workers", "2"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    family: set[int] = set()
    try:
        deadline = time.monotonic() + WAIT_S
        while len(family := _descendants(command.pid)) < 4:  # fork server, two workers, resource tracker
            assert command.poll() is None, "the score ended before its workers were seen"
            assert time.monotonic() < deadline, f"the workers did not start: {family}"
            time.sleep(0.05)
        time.sleep(0.5)  # analysing now
        family = _descendants(command.pid)
        command.send_signal(signum)
        command.wait(WAIT_S)
        deadline = time.monotonic() + GONE_S
        while alive := [pid for pid in family if process_started(pid) is not None]:
            assert time.monotonic() < deadline, f"still running {GONE_S:.0f} s after the score was killed: {alive}"
            time.sleep(0.1)
    finally:
        command.kill()
        command.wait(WAIT_S)
        for pid in family:  # what a failure left: never left running on the machine
            if process_started(pid) is not None:
                os.kill(pid, signal.SIGKILL)
