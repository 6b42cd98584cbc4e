"""No test reaches the user's own DanceLike folders: every test has its own temporary data
folder (``conftest.own_data_folder``), and the user's XDG folders are temporary for the whole
run (``conftest.elsewhere``), for the processes tests start too."""

from __future__ import annotations

import os
import pwd
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from dancelike.store.paths import cache_dir, data_dir, log_dir


def real_home() -> Path:
    """The user's home as the system knows it (whatever ``HOME`` says)."""
    return Path(pwd.getpwuid(os.getuid()).pw_dir).resolve()


def outside_the_user(folder: Path) -> bool:
    """Inside the temporary folder and not in the user's own folders."""
    folder = folder.resolve()
    inside_temp = folder.is_relative_to(Path(tempfile.gettempdir()).resolve())
    return inside_temp and not any(folder.is_relative_to(real_home() / name) for name in (".local", ".cache", ".config"))


def test_every_test_has_its_own_data_folder(tmp_path: Path) -> None:
    assert os.environ["DANCELIKE_HOME"] == str(tmp_path / "home")
    assert data_dir() == tmp_path / "home"
    assert cache_dir().is_relative_to(tmp_path) and log_dir().is_relative_to(tmp_path)


def test_without_dancelike_home_the_folders_are_still_temporary(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that unsets ``DANCELIKE_HOME`` (to see where platformdirs puts things) finds the
    stand-in user's XDG folders, never ``~/.local/share/dancelike``."""
    monkeypatch.delenv("DANCELIKE_HOME")
    for folder in (data_dir(), cache_dir(), log_dir()):
        assert outside_the_user(folder), folder
    assert data_dir() != real_home() / ".local" / "share" / "dancelike"


def test_a_process_a_test_starts_uses_the_same_folder(tmp_path: Path) -> None:
    code = "from dancelike.store.paths import data_dir; print(data_dir())"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert Path(shown.stdout.strip()) == tmp_path / "home"
    alone = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True, env={k: v for k, v in os.environ.items() if k != "DANCELIKE_HOME"}
    )
    assert outside_the_user(Path(alone.stdout.strip())), alone.stdout
