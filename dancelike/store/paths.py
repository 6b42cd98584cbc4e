"""Where DanceLike keeps its files on the user's machine.

``DANCELIKE_HOME`` overrides everything (tests point it at a temporary folder);
otherwise platformdirs' per-user data folder. Nothing here is ever uploaded.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from dancelike.errors import InputError

APP_NAME = "dancelike"


def data_dir() -> Path:
    """The data folder (created on first use): database, sessions/, choreographies/, cache/."""
    override = os.environ.get("DANCELIKE_HOME")
    folder = Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{folder}: cannot create the data folder ({exc.strerror or exc}); set DANCELIKE_HOME to a writable folder") from exc
    return folder


def subdir(name: str) -> Path:
    """A folder inside the data folder, created on first use."""
    folder = data_dir() / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{folder}: cannot create it ({exc.strerror or exc})") from exc
    return folder
