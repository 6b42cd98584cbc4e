"""Quitting when asked: Ctrl-C (SIGINT), ``kill`` (SIGTERM) and a closed terminal (SIGHUP) close
``dancelike app`` as its close button does, and Ctrl-C in a script using the ``Session`` API ends
it as Ctrl-C ends any Python script, with the session stopped rather than an abort."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from reliability_helpers import cli_command
from test_workers_die_with_their_parent import _descendants

from dancelike.store.instance import process_started

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")]

WAIT_S = 90.0  # the app's start and its first demo analysis, on a busy two-core machine
QUIT_S = 15.0  # the target is 5 s; a busy test machine gets a margin


def _all_gone(family: set[int]) -> None:
    """The app's child processes (analysis workers, the resource tracker) end with it."""
    deadline = time.monotonic() + QUIT_S
    while alive := [pid for pid in family if process_started(pid) is not None]:
        assert time.monotonic() < deadline, f"left running after the app quit: {alive}"
        time.sleep(0.1)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=lambda s: signal.Signals(s).name)
def test_a_signal_closes_the_app_as_its_close_button_does(own_data_home: Path, signum: int) -> None:
    """Sent while the app analyses its demo dance in worker processes (the moment that printed a
    traceback and kept running, or leaked the workers' semaphores)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TF_CPP_MIN_LOG_LEVEL="2")
    app = subprocess.Popen([*cli_command(), "app", "--camera", "demo"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    family: set[int] = set()
    try:
        deadline = time.monotonic() + WAIT_S
        while len(family := _descendants(app.pid)) < 4:  # fork server, two workers, resource tracker
            assert app.poll() is None, f"the app ended before analysing its demo: {app.stderr.read() if app.stderr else ''}"
            assert time.monotonic() < deadline, "the app did not start analysing its demo"
            time.sleep(0.05)
        time.sleep(0.5)
        family = _descendants(app.pid)
        sent = time.monotonic()
        app.send_signal(signum)
        try:
            _, stderr = app.communicate(timeout=QUIT_S)
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running {QUIT_S:.0f} s after {signal.Signals(signum).name}")
        took = time.monotonic() - sent
        print(f"{signal.Signals(signum).name}: exit {app.returncode} after {took:.2f} s")
        assert app.returncode == 128 + signum, stderr
        assert "Traceback" not in stderr and "leaked semaphore" not in stderr, stderr
        _all_gone(family)
    finally:
        app.kill()
        app.communicate()
        for pid in family:  # what a failure left: never left running on the machine
            if process_started(pid) is not None:
                os.kill(pid, signal.SIGKILL)


SCRIPT = textwrap.dedent("""
    import atexit, sys, time
    from pathlib import Path
    from dancelike.engine import Session, SessionOptions, SessionState
    from dancelike.synth.cameras import register_synthetic_cameras

    register_synthetic_cameras()
    session = Session(sys.argv[1], "demo", SessionOptions(record_to=Path(sys.argv[2]), players=2), on_event=lambda event: None)
    # runs after threading's exit work: by then the session must have stopped
    atexit.register(lambda: print("at exit:", session.state.name, file=sys.stderr, flush=True))
    session.start()
    while session.state is not SessionState.RUNNING:
        time.sleep(0.02)
    print("running", flush=True)
    while session.wait(0.5) is None:
        pass
""")


def test_ctrl_c_in_a_session_script_stops_the_session_without_an_abort(tmp_path: Path) -> None:
    """Two players: the analysers' helper pool and both model threads are busy in LiteRT."""
    from dancelike.synth.motion import Dancer
    from dancelike.synth.performance import Scene, render_performance

    reference = tmp_path / "reference.mp4"
    render_performance(reference, "groove", Dancer(), Scene(person=0, room=0), duration=12.0, start=2.0)
    script = tmp_path / "dance.py"
    script.write_text(SCRIPT)
    recording = tmp_path / "recording.mp4"
    process = subprocess.Popen([sys.executable, str(script), str(reference), str(recording)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "running"
        time.sleep(1.0)
        sent = time.monotonic()
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=QUIT_S)
        print(f"exit {process.returncode} after {time.monotonic() - sent:.2f} s")
    finally:
        process.kill()
        process.communicate()
    # Python's own Ctrl-C exit: death by SIGINT (a shell says 130), never SIGABRT (-6)
    assert process.returncode in (-signal.SIGINT, 128 + signal.SIGINT), stderr
    assert "terminate called" not in stderr and "KeyboardInterrupt" in stderr, stderr
    assert "at exit: DONE" in stderr, stderr  # cancelled and finished, its recording closed


DANCING_APP = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from dancelike.ui import app
    from dancelike.ui.dance_controller import DancePhase
    from dancelike.ui.main_window import MainWindow

    startup = MainWindow.run_startup

    def run_startup(window, *args, **kwargs):
        # the demo is made at launch: once it is ready, Dance it, and say when the dance is on
        def dance():
            demo = next(c for c in window.store.choreographies() if c.is_demo)
            window.start_dance(demo.id)
            timer.start(50)

        def dancing():
            if window.dance.controller.phase is DancePhase.DANCING:
                timer.stop()
                print("dancing", flush=True)

        timer = QTimer(window)
        timer.timeout.connect(dancing)
        window.startup_finished.connect(dance)
        startup(window, *args, **kwargs)

    MainWindow.run_startup = run_startup
    sys.exit(app.main(["--camera", "demo"]))
""")


def test_ctrl_c_mid_dance_stops_and_saves_the_session(own_data_home: Path, tmp_path: Path) -> None:
    """The real app (its ``main``, driven only to press Dance): Ctrl-C while dancing saves the
    dance as the close button does, and leaves no row "running"."""
    from dancelike.store.db import Store

    script = tmp_path / "dancing_app.py"
    script.write_text(DANCING_APP)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TF_CPP_MIN_LOG_LEVEL="2")
    app = subprocess.Popen([sys.executable, str(script)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    family: set[int] = set()
    try:
        assert app.stdout is not None and app.stdout.readline().strip() == "dancing", app.stderr.read() if app.stderr else ""
        time.sleep(2.0)
        family = _descendants(app.pid)
        sent = time.monotonic()
        app.send_signal(signal.SIGINT)
        try:
            _, stderr = app.communicate(timeout=QUIT_S)
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running {QUIT_S:.0f} s after SIGINT mid-dance")
        print(f"mid-dance SIGINT: exit {app.returncode} after {time.monotonic() - sent:.2f} s")
        assert app.returncode == 128 + signal.SIGINT, stderr
        assert "Traceback" not in stderr and "leaked semaphore" not in stderr, stderr
        _all_gone(family)
    finally:
        app.kill()
        app.communicate()
    with Store() as store:
        statuses = [s.status for s in store.sessions()]
    assert statuses and "running" not in statuses, statuses
    print("sessions:", statuses)
