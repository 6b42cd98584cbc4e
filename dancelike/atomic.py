"""Outputs that appear whole or not at all.

Every file DanceLike writes for a user (JSON, PNG, MP4) is first written to a hidden
temporary file beside its target (``.NAME.XXXXXXXX.part.EXT``: same folder, so the final
rename is atomic; the extension kept, so encoders that pick a container from the name still
can) and renamed over the target only once complete. A failure, Ctrl-C or ``SystemExit``
removes the temporary file and leaves any earlier file at the target as it was. A process
killed outright (SIGKILL, power loss) may leave the hidden ``.part`` file, never a partial
file under the final name.

A full disk becomes one line the user can act on: ``disk full while writing PATH``.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dancelike.errors import DiskFull, InputError
from dancelike.i18n import translate

#: errno values that mean "no room left": a full file system, or the user's quota.
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


def disk_full(exc: BaseException | None) -> bool:
    """True when ``exc`` or an exception it was raised from is an ``OSError`` for a full disk."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in DISK_FULL_ERRNOS:
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def prepare_destination(path: Path) -> None:
    """Create the parent folder and prove ``path`` is writable, or raise ``InputError``.

    The file is opened for real rather than checked with ``os.access``: that is the only
    honest test (root, read-only mounts, ACLs), and FFmpeg would otherwise only fail at
    the first frame, after the user has waited for the analysis.
    """
    if path.is_dir():
        raise InputError(_is_folder(path))
    _make_parent(path)
    try:
        with open(path, "ab"):
            pass
    except OSError as exc:
        raise InputError(_cannot_write(path, exc)) from exc


def _is_folder(path: Path) -> str:
    return translate("Files", "{path}: is a folder; give a file name to write").format(path=path)


def _cannot_write(path: Path, exc: OSError) -> str:
    return translate("Files", "{path}: cannot write here ({reason})").format(path=path, reason=exc.strerror or exc)


def disk_full_error(path: Path | str) -> DiskFull:
    """The one line a full disk becomes: ``disk full while writing PATH``."""
    return DiskFull(translate("Files", "disk full while writing {path}").format(path=path))


def _make_parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        raise InputError(translate("Files", "{path}: part of the folder path is a file, not a folder").format(path=path)) from exc
    except OSError as exc:
        raise InputError(translate("Files", "{path}: cannot create its folder ({reason})").format(path=path, reason=exc.strerror or exc)) from exc


def _create_temporary(target: Path, shown: Path, mode: int = 0o666) -> Path:
    """A new, empty hidden file beside ``target`` (created exclusively: never someone else's)."""
    for _ in range(100):
        part = target.with_name(f".{target.stem}.{secrets.token_hex(4)}.part{target.suffix}")
        try:
            os.close(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno in DISK_FULL_ERRNOS:
                raise disk_full_error(shown) from exc
            raise InputError(_cannot_write(shown, exc)) from exc
        return part
    raise InputError(translate("Files", "{path}: cannot find a free temporary name beside it").format(path=shown))


def _finish(part: Path, target: Path, private: bool = False) -> None:
    """Make ``part``'s bytes durable, give it the old file's permissions (unless private: then
    it stays owner-only), rename it over ``target``."""
    with open(part, "rb+") as handle:
        os.fsync(handle.fileno())
    try:
        if not private:
            os.chmod(part, stat.S_IMODE(os.stat(target).st_mode))
    except FileNotFoundError:
        pass
    os.replace(part, target)


@contextmanager
def atomic_output(path: str | Path, private: bool = False) -> Iterator[Path]:
    """Yield a temporary path to write ``path``'s content to; it replaces ``path`` on success.

    On any exception (also ``KeyboardInterrupt`` and ``SystemExit``) the temporary file is
    removed and ``path`` is left as it was. A full disk is re-raised as ``DiskFull``
    ("disk full while writing PATH"); an error message naming the temporary file names
    ``path`` instead. A symbolic link at ``path`` is kept: the file it points to is replaced.
    ``private``: readable by its owner only (0600; the data folder's reports and replays).
    """
    shown = Path(path)
    target = Path(os.path.realpath(shown)) if shown.is_symlink() else shown
    if target.is_dir():
        raise InputError(_is_folder(shown))
    _make_parent(target)
    part = _create_temporary(target, shown, 0o600 if private else 0o666)
    try:
        yield part
        _finish(part, target, private)
    except BaseException as exc:
        part.unlink(missing_ok=True)
        if isinstance(exc, Exception) and disk_full(exc):
            raise disk_full_error(shown) from exc
        if type(exc) is InputError and str(part) in str(exc):
            raise InputError(str(exc).replace(str(part), str(shown))) from exc
        raise


def write_file(path: str | Path, data: bytes, what: str = "file", private: bool = False) -> None:
    """Write ``data`` to ``path`` atomically (see ``atomic_output``); ``InputError`` on failure.
    ``what`` (the kind of file) is no longer in the message: a translated sentence cannot take an
    English noun, and the path already says which file."""
    with atomic_output(path, private) as part:
        try:
            part.write_bytes(data)
        except OSError as exc:
            raise InputError(translate("Files", "{path}: cannot write it ({reason})").format(path=path, reason=exc.strerror or exc)) from exc
