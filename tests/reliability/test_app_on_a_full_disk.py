"""Round two of the attack, case 6: the app on a full disk printed only "dancelike: error: disk
full", with no path and no dialog, so from the menu nothing was seen. Now the line names the file
it could not write, the exit code is 2, nothing else is printed (no logging traceback), and where
windows can be shown a dialog says the same and what to do."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from reliability_helpers import assert_one_line_error, cli_command

from dancelike.store import instance
from dancelike.store.instance import LOCK_NAME
from dancelike.ui import app as app_module

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

TIMEOUT_S = 30.0


def _fill(folder: Path) -> None:
    """Fill the file system ``folder`` is on, to the last byte."""
    with (folder / "filler").open("wb", buffering=0) as out:
        try:
            while True:
                out.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


def test_a_full_disk_names_the_file_in_one_line(tiny_disk: Path, tmp_path: Path) -> None:
    home = tiny_disk / "home"
    home.mkdir()
    _fill(tiny_disk)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TF_CPP_MIN_LOG_LEVEL="2", DANCELIKE_HOME=str(home), XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run([*cli_command(), "app"], capture_output=True, text=True, timeout=TIMEOUT_S, check=False, env=env)
    assert_one_line_error(result, f"disk full while writing {home / LOCK_NAME}")
    assert "Logging error" not in result.stderr


def test_where_windows_can_be_shown_a_dialog_says_it(own_data_home: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> None:
    shown: list[tuple[str, ...]] = []
    real_write = os.write

    def full_disk(fd: int, data: bytes) -> int:
        if data.strip().isdigit():  # the lock file's pid
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(instance.os, "write", full_disk)
    monkeypatch.setattr(app_module, "can_show_windows", lambda: True)
    monkeypatch.setattr(app_module.messages, "show_error", lambda _parent, *texts: shown.append(tuple(map(str, texts))))
    assert app_module.main([]) == 2
    [(title, text, advice)] = shown
    assert str(own_data_home / LOCK_NAME) in text and "disk full" in text
    assert "disk space" in advice
    monkeypatch.undo()  # space again: the next start takes the lock (this one let it go)
    instance.FolderLock(own_data_home).acquire().release()
