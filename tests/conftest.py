"""Shared fixtures: the golden data beside the checkout, no thread left behind, and Qt
offscreen with a temporary data folder and settings file for GUI tests.

What several test modules share lives in plain helper modules here (cli_runner.py, hand_poses.py,
...), never in a test module: they are imported by name because this folder is on ``sys.path``."""

from __future__ import annotations

import os
import sys

# Before anything imports Qt: GUI tests draw into memory, never onto a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The sentences tests read are English, whatever this machine's language (a test of another
# language sets it itself); child processes inherit this.
os.environ["DANCELIKE_LANGUAGE"] = "en"

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from dancelike.store.db import Store

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
GOLDEN = REPO.parent / "shared" / "golden"

# The helper modules beside this file, for test files in every folder. pytest's default import mode
# ("prepend") puts this folder on sys.path when it imports this conftest; this says so whatever the
# mode or the order in which test folders are collected.
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

#: How long a test's leftover threads get to finish before the test fails.
THREAD_JOIN_SECONDS = 2.0


@pytest.fixture(autouse=True, scope="session")
def synthetic_cameras() -> None:
    """``demo`` and ``claps`` open as cameras, as in the app and the command line (which register
    them at start; importing the engine registers nothing)."""
    from dancelike.synth.cameras import register_synthetic_cameras

    register_synthetic_cameras()


@pytest.fixture(scope="session")
def golden() -> Path:
    """``../shared/golden`` beside the checkout (real people, expected answers); skip when absent."""
    if not GOLDEN.is_dir():
        pytest.skip("golden data absent: ../shared/golden not found beside the checkout")
    return GOLDEN


@pytest.fixture(autouse=True)
def no_thread_left_behind() -> Iterator[None]:
    """Fail a test that leaves any extra ``threading.Thread`` running (daemon or not)."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + THREAD_JOIN_SECONDS
    leftover = []
    for thread in threading.enumerate():
        if thread in before or thread is threading.current_thread():
            continue
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            leftover.append(thread)
    if leftover:
        names = ", ".join(f"{t.name} (daemon={t.daemon})" for t in leftover)
        pytest.fail(f"test left {len(leftover)} thread(s) running: {names}", pytrace=False)


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary data folder (``DANCELIKE_HOME``): database, sessions, choreographies, cache."""
    home = tmp_path / "home"
    monkeypatch.setenv("DANCELIKE_HOME", str(home))
    return home


@pytest.fixture
def store(data_home: Path) -> Iterator[Store]:
    """The history in the temporary data folder, closed after the test."""
    from dancelike.store.db import Store

    with Store() as opened:
        yield opened


@pytest.fixture
def app_settings(tmp_path: Path, qapp: object) -> object:
    """``AppSettings`` on an INI file in the test's folder (never the user's own settings)."""
    from PySide6.QtCore import QSettings

    from dancelike.ui.settings import AppSettings

    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
