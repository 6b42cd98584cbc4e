"""A symbolic link (or a FIFO, a folder) planted in the data folder where DanceLike keeps its lock or
its history: refused in one line, and no file outside the data folder is ever written or chmodded."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from dancelike.errors import InputError
from dancelike.store.db import DB_NAME, Store
from dancelike.store.instance import LOCK_NAME, FolderLock

PRECIOUS = b"the user's own file, outside the data folder\n"


def _outside(tmp_path: Path) -> Path:
    target = tmp_path / "elsewhere" / "precious.txt"
    target.parent.mkdir()
    target.write_bytes(PRECIOUS)
    target.chmod(0o644)
    return target


def _untouched(target: Path) -> None:
    assert target.read_bytes() == PRECIOUS
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_a_lock_link_is_refused_and_its_target_kept(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    target = _outside(tmp_path)
    (folder / LOCK_NAME).symlink_to(target)
    with pytest.raises(InputError) as caught:
        FolderLock(folder).acquire()
    message = str(caught.value)
    assert "symbolic link" in message and str(folder / LOCK_NAME) in message and "\n" not in message
    _untouched(target)
    assert (folder / LOCK_NAME).is_symlink()


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_lock_that_is_no_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    lock = folder / LOCK_NAME
    if kind == "fifo":
        os.mkfifo(lock)
    else:
        lock.mkdir()
    with pytest.raises(InputError, match="not a regular file"):
        FolderLock(folder).acquire()


def test_a_database_link_is_refused_not_called_damaged(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    target = _outside(tmp_path)
    (folder / DB_NAME).symlink_to(target)
    with pytest.raises(InputError) as caught:
        Store(folder / DB_NAME)
    message = str(caught.value)
    assert "symbolic link" in message and "damaged" not in message and "\n" not in message
    _untouched(target)
    assert sorted(p.name for p in folder.iterdir()) == [DB_NAME]  # nothing set aside, no -wal beside it
