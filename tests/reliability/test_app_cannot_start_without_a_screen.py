"""``dancelike app`` on Qt's offscreen platform (no screen: a dialog would wait for a click nobody
can give) with a data folder it cannot use: one line, exit code 2, within seconds."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from reliability_helpers import assert_one_line_error, cli_command

from dancelike.store.db import DB_NAME
from dancelike.store.instance import LOCK_NAME

TIMEOUT_S = 30.0


def _spoil(home: Path, how: str) -> str:
    """Make the data folder ``home`` unusable in way ``how``; a text the error line must hold."""
    if how == "not a folder":
        home.write_text("a file where the data folder should be\n")
        return str(home)
    home.mkdir()
    if how == "newer schema":
        with sqlite3.connect(home / DB_NAME) as db:
            db.execute("PRAGMA user_version = 999")
        return "newer DanceLike"
    outside = home.parent / "outside.txt"
    outside.write_text("not DanceLike's\n")
    (home / (LOCK_NAME if how == "lock link" else DB_NAME)).symlink_to(outside)
    return "symbolic link"


@pytest.mark.parametrize("how", ["not a folder", "newer schema", "lock link", "database link"])
def test_the_app_says_why_in_one_line_and_exits(own_data_home: Path, tmp_path: Path, how: str) -> None:
    expected = _spoil(own_data_home, how)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TF_CPP_MIN_LOG_LEVEL="2", DANCELIKE_HOME=str(own_data_home), XDG_CONFIG_HOME=str(tmp_path / "config"))
    try:
        result = subprocess.run([*cli_command(), "app"], capture_output=True, text=True, timeout=TIMEOUT_S, check=False, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"dancelike app waited more than {TIMEOUT_S:g} s (a dialog nobody can click)")
    assert_one_line_error(result, expected)
    if how.endswith("link"):
        assert (tmp_path / "outside.txt").read_text() == "not DanceLike's\n"  # the link's target untouched
