"""Shared fixtures: the golden data beside the checkout, no thread left behind, every test in its
own temporary data folder (no test reaches the user's own folders), and Qt offscreen with a
temporary settings file for GUI tests.

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
    from PySide6.QtWidgets import QApplication

    from dancelike.store.db import Store
    from dancelike.ui.settings import AppSettings

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
#: Where platformdirs (DanceLike's folders when ``DANCELIKE_HOME`` is unset) and Qt's settings
#: find the user's folders on Linux.
USER_FOLDERS = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


@pytest.fixture(autouse=True, scope="session")
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A stand-in user for the whole run: ``DANCELIKE_HOME`` and the XDG folders point inside a
    temporary folder before any test or fixture runs, so nothing (a test that unsets
    ``DANCELIKE_HOME``, a module's fixture, a process a test starts) reaches the real
    ``~/.local/share/dancelike``, the user's cache, logs or Qt settings."""
    user = tmp_path_factory.mktemp("user")
    names = (*USER_FOLDERS, "DANCELIKE_HOME")
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update({name: str(user / name.lower()) for name in names})
    yield user
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True)
def own_data_folder(elsewhere: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test's own temporary data folder (``DANCELIKE_HOME`` = ``tmp_path/home``: database,
    sessions, choreographies, cache, logs), made when first used. A module's fixture that set a
    folder its tests share keeps it."""
    current = os.environ.get("DANCELIKE_HOME")
    if current != str(elsewhere / "dancelike_home"):  # a module's fixture chose (or unset) it for its tests
        return Path(current) if current else elsewhere / "xdg_data_home" / "dancelike"
    home = tmp_path / "home"
    monkeypatch.setenv("DANCELIKE_HOME", str(home))
    return home


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
def app_settings(tmp_path: Path, qapp: QApplication) -> AppSettings:
    """``AppSettings`` on an INI file in the test's folder (never the user's own settings)."""
    from PySide6.QtCore import QSettings

    from dancelike.ui.settings import AppSettings

    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
