"""Where DanceLike keeps its files on the user's machine.

``DANCELIKE_HOME`` overrides everything (tests point it at a temporary folder): data, ``cache/``
and ``logs/`` all go under it. Otherwise each goes where the desktop expects it (platformdirs):
the data folder (``~/.local/share/dancelike``), the cache (``~/.cache/dancelike``: cleaners may
empty it) and the log folder (``~/.local/state/dancelike/log``). Nothing here is ever uploaded.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
from pathlib import Path

import platformdirs

from dancelike.errors import InputError
from dancelike.i18n import translate

APP_NAME = "dancelike"


def data_dir() -> Path:
    """The data folder (created on first use): database, sessions/, choreographies/."""
    override = os.environ.get("DANCELIKE_HOME")
    folder = Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    try:
        private_dir(folder)
    except OSError as exc:
        raise InputError(
            translate("DataFolder", "{path}: cannot create the data folder ({reason}); set DANCELIKE_HOME to a writable folder").format(
                path=folder, reason=exc.strerror or exc
            )
        ) from exc
    return folder


def cache_dir() -> Path:
    """The analysis cache (created on first use); a cache left in the data folder by an older
    DanceLike is moved here the first time (its analyses took minutes each)."""
    override = os.environ.get("DANCELIKE_HOME")
    if override:
        return _ensure(Path(override).expanduser() / "cache")
    folder = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    old = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "cache"
    if old.is_dir() and not old.is_symlink():
        try:
            move_folder(old, folder)
        except OSError:
            pass  # the old cache stays where it is: analysed again, never a failure
    return _ensure(folder)


def log_dir() -> Path:
    """The log folder (created on first use): the rotating log and crash reports."""
    override = os.environ.get("DANCELIKE_HOME")
    folder = Path(override).expanduser() / "logs" if override else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    return _ensure(folder)


def move_folder(old: Path, new: Path) -> None:
    """Move ``old``'s files into ``new``: one atomic rename when ``new`` does not exist yet and both
    are on one file system; otherwise file by file (copied then deleted across file systems).
    A file already in ``new`` wins; ``old`` is removed at the end."""
    new.parent.mkdir(parents=True, exist_ok=True)
    if not new.exists():
        try:
            os.rename(old, new)
            return
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
    private_dir(new)
    for item in old.iterdir():
        target = new / item.name
        if target.exists() or not item.is_file() or item.is_symlink():
            continue
        try:
            os.rename(item, target)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            partial = new / f".{item.name}.moving"
            shutil.copy2(item, partial)
            os.replace(partial, target)  # never a half-copied file under the real name
    shutil.rmtree(old)


def _ensure(folder: Path) -> Path:
    try:
        return private_dir(folder)
    except OSError as exc:
        raise InputError(translate("DataFolder", "{path}: cannot create it ({reason})").format(path=folder, reason=exc.strerror or exc)) from exc


#: Characters no file name may hold somewhere (path separators, Windows' reserved ones).
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\<>:"|?*]+')


def safe_file_name(name: str, fallback: str = "DanceLike") -> str:
    """``name`` made into one file name to propose in a save dialog: a title such as
    ``../../x`` or ``a/b`` must not put the file in another folder or hide it."""
    segments = (part.strip(" .") for part in _UNSAFE.split(name))  # no part may start hidden
    cleaned = " ".join(" ".join(segments).split())
    while ".." in cleaned:
        cleaned = cleaned.replace("..", ".")
    stem = cleaned.rsplit(".", 1)[0] if "." in cleaned else cleaned
    return cleaned if stem.strip(" .") else fallback + (f".{cleaned.rsplit('.', 1)[1]}" if "." in cleaned else "")


def private_dir(folder: Path) -> Path:
    """Create ``folder`` (and its parents) if missing; one DanceLike creates is owner-only
    (0700): recordings of a person are nobody else's business. An existing one is left alone."""
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        _chmod(folder, 0o700)
    return folder


def private_file(path: Path) -> Path:
    """Make ``path`` owner-only (0600), creating it empty if missing; ``InputError`` for a link
    or anything but a regular file (``open_regular``): a link must not chmod a file elsewhere."""
    fd = open_regular(path, os.O_RDONLY | os.O_CREAT)
    try:
        os.fchmod(fd, 0o600)
    except OSError:
        pass  # a file system without permissions (FAT, some network shares): nothing to protect
    finally:
        os.close(fd)
    return path


#: Never through a symbolic link; never waiting for a FIFO's other end.
_NO_LINK_NO_WAIT = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def open_regular(path: Path, flags: int) -> int:
    """``os.open`` of a file DanceLike keeps in its data folder, refusing (``InputError``, one
    line) a symbolic link or anything but a regular file: a link planted there must never make
    DanceLike truncate, write or chmod a file outside the folder. Other failures: ``OSError``."""
    try:
        fd = os.open(path, flags | _NO_LINK_NO_WAIT, 0o600)
    except OSError as exc:
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            raise exc from None
        if stat.S_ISLNK(mode) or exc.errno == errno.ELOOP:
            raise _not_regular(path, link=True) from None
        if not stat.S_ISREG(mode):
            raise _not_regular(path, link=False) from None
        raise
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise _not_regular(path, link=False)
    return fd


def _not_regular(path: Path, link: bool) -> InputError:
    if link:
        text = translate(
            "DataFolder",
            "{path}: is a symbolic link; DanceLike keeps only regular files there and never follows a link (remove it, or set DANCELIKE_HOME to another folder)",
        )
    else:
        text = translate(
            "DataFolder",
            "{path}: is not a regular file; DanceLike keeps only regular files there and never follows a link (remove it, or set DANCELIKE_HOME to another folder)",
        )
    return InputError(text.format(path=path))


def _chmod(path: Path, mode: int) -> None:
    try:
        os.chmod(path, mode)
    except OSError:
        pass  # a file system without permissions (FAT, some network shares): nothing to protect


def subdir(name: str) -> Path:
    """A folder inside the data folder, created on first use."""
    folder = data_dir() / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(translate("DataFolder", "{path}: cannot create it ({reason})").format(path=folder, reason=exc.strerror or exc)) from exc
    return folder
