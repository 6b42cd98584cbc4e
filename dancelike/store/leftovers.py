"""What a killed DanceLike leaves behind, removed at the next start.

Why: a run that is killed (power cut, ``kill -9``) never tidies up. Its temporary folder
(``/tmp/DanceLike-<pid>-XXXXXX``, which earlier versions made at start-up) and a half-copied import
(``choreographies/.import-*``) would stay forever. The app calls ``remove_leftovers`` once it
holds the data folder's lock (``instance.FolderLock``): no other DanceLike imports into this
folder then. A temporary folder goes only when it is older than the running process and its
process is gone; one named the old way (no pid) only when no DanceLike process that could have
made it is alive.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from dancelike.store.instance import process_started

TEMP_PREFIX = "DanceLike-"
_PID_NAMED = re.compile(rf"^{TEMP_PREFIX}(\d+)-")
#: Clock and rounding slack when comparing a folder's time with a process's start.
_SLACK_S = 2.0


def remove_leftovers(root: Path, temp_root: Path | None = None) -> list[Path]:
    """Remove the half-done imports in ``root`` and dead runs' temporary folders; what was removed."""
    library = Path(root) / "choreographies"
    stale = sorted(library.glob(".import-*")) if library.is_dir() else []
    temp = Path(temp_root or tempfile.gettempdir())
    stale += [folder for folder in sorted(temp.glob(f"{TEMP_PREFIX}*")) if _abandoned(folder)]
    return _remove(stale)


def _remove(folders: list[Path]) -> list[Path]:
    """Remove each folder (never through a symlink); those that are gone now."""
    removed = []
    for folder in folders:
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)
            if not folder.exists():
                removed.append(folder)
    return removed


def _made(folder: Path) -> float | None:
    """When this user's own real folder ``folder`` was last changed; None for anything else."""
    try:
        if not folder.is_dir() or folder.is_symlink() or folder.stat().st_uid != os.getuid():
            return None
        return folder.stat().st_mtime
    except (OSError, AttributeError):
        return None


def _abandoned(folder: Path) -> bool:
    """Whether no live process can own the temporary ``folder``."""
    made = _made(folder)
    if made is None:
        return False
    me = process_started(os.getpid()) or time.time()
    if made >= me - _SLACK_S:
        return False  # made since this process started: perhaps by a DanceLike running now
    if _PID_NAMED.match(folder.name):
        return _owner_gone(folder, made)
    return not any(started <= made + _SLACK_S for started in dancelike_processes())


def _owner_gone(folder: Path, made: float) -> bool:
    """Whether the process named in ``DanceLike-<pid>-...`` is gone, or its pid reused since."""
    named = _PID_NAMED.match(folder.name)
    if not named:
        return False
    started = process_started(int(named.group(1)))
    return started is None or started > made + _SLACK_S


def worker_folder_prefix(kind: str) -> str:
    """The prefix of a temporary folder this process makes for one task of ``kind`` (e.g. a Ray
    worker's copy of a clip): named by the process, so ``remove_dead_workers_folders`` can tell
    when nobody will tidy it up."""
    return f"{TEMP_PREFIX}{os.getpid()}-{kind}-"


def remove_old_folders(prefix: str, hours: float, temp_root: Path | None = None) -> list[Path]:
    """Remove the temporary folders named ``prefix*`` untouched for ``hours``; what was removed.
    For folders an earlier version named without its process: age is all there is to go by."""
    folders = sorted(Path(temp_root or tempfile.gettempdir()).glob(f"{prefix}*"))
    return _remove([folder for folder in folders if (made := _made(folder)) is not None and time.time() - made >= hours * 3600])


def worker_folders(kind: str, temp_root: Path | None = None) -> list[Path]:
    """Every process's ``worker_folder_prefix(kind)`` folders in the temporary folder."""
    return sorted(Path(temp_root or tempfile.gettempdir()).glob(f"{TEMP_PREFIX}*-{kind}-*"))


def remove_dead_workers_folders(kind: str, temp_root: Path | None = None) -> list[Path]:
    """Remove the ``worker_folder_prefix(kind)`` folders whose process is gone; what was removed.

    Why: a Ray task stopped with the class is killed with its worker, so its temporary copy of
    a student's clip was never deleted. The next task on that machine (and a local engine when
    it closes) removes such copies."""
    folders = worker_folders(kind, temp_root)
    return _remove([folder for folder in folders if (made := _made(folder)) is not None and _owner_gone(folder, made)])


def dancelike_processes() -> list[float]:
    """Start times of the other live processes running DanceLike (Linux; elsewhere: unknown,
    so a folder named without a pid is kept)."""
    proc = Path("/proc")
    if not (proc / "self" / "cmdline").exists():
        return [0.0]
    found = []
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().lower()
        except OSError:
            continue
        if b"dancelike" in command:
            started = process_started(int(entry.name))
            if started is not None:
                found.append(started)
    return found
