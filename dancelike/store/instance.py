"""One DanceLike per data folder, and whether the process that started a session still lives.

Why: a second app window on the same data folder used to take the first one's live session
for an orphan (a row still "running"), "recover" it and overwrite the real result. Two guards:

* ``FolderLock``: the app holds ``DATA/.lock`` for its whole life (``fcntl.flock``, released
  by the kernel whatever way the process dies, so a crash never leaves a stale lock); the
  file says which process holds it. Where there is no ``fcntl`` (Windows) the file is created
  with ``O_EXCL`` and a lock whose process is gone is taken over.
* ``Owner``: every session row records the pid and start time of the process that runs it;
  recovery touches a row only when that process is gone (the start time tells a live process
  from a new one that reuses the pid).
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from dancelike.atomic import disk_full, disk_full_error
from dancelike.errors import InputError
from dancelike.i18n import translate
from dancelike.store.paths import open_regular

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]  # None: lock without it (the checks below)

LOCK_NAME = ".lock"
#: Two readings of one process's start time differ by rounding only; a reused pid by far more.
_SAME_START_S = 2.0


class FolderInUse(InputError):
    """Another DanceLike holds the data folder (exit code 2, one line)."""


@dataclass(frozen=True)
class Owner:
    """A process, told apart from a later one with the same pid by its start time (epoch s;
    0.0 where the system cannot tell)."""

    pid: int
    started: float


def process_started(pid: int) -> float | None:
    """When process ``pid`` started (epoch seconds), 0.0 if unknown, None if it does not exist."""
    if pid <= 0:
        return None
    stat = Path(f"/proc/{pid}/stat")
    if sys.platform.startswith("linux") and Path("/proc/self/stat").exists():
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None
        if fields[0] in ("Z", "X"):  # a zombie: dead, only not yet reaped
            return None
        return _boot_time() + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return 0.0  # exists, owned by someone else
    except OSError:
        return None
    return 0.0


def _boot_time() -> float:
    try:
        for line in Path("/proc/stat").read_text().splitlines():
            if line.startswith("btime "):
                return float(line.split()[1])
    except OSError:
        pass
    return time.time() - time.monotonic()


def this_process() -> Owner:
    """The running process as a session owner."""
    return Owner(os.getpid(), process_started(os.getpid()) or 0.0)


def is_alive(owner: Owner) -> bool:
    """Whether ``owner`` still runs (not merely some process that got its pid since)."""
    started = process_started(owner.pid)
    if started is None:
        return False
    return not (started and owner.started and abs(started - owner.started) > _SAME_START_S)


def _flock_holders(inode: int) -> set[int] | None:
    """The pids holding a ``flock`` on the file ``inode`` (Linux's ``/proc/locks``); None where
    the system does not tell."""
    try:
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return None
    pids = set()
    for line in lines:
        fields = line.split()
        if len(fields) > 5 and fields[1] == "FLOCK" and fields[5].rsplit(":", 1)[-1] == str(inode):
            try:
                pids.add(int(fields[4]))
            except ValueError:
                continue
    return pids


def runs_elsewhere(pid: int | None, started: float | None) -> bool:
    """Whether a session owned by (``pid``, ``started``) is run by another live process."""
    if pid is None or pid == os.getpid():
        return False
    return is_alive(Owner(int(pid), float(started or 0.0)))


class FolderLock:
    """The data folder's single-instance lock, held from ``acquire`` to ``release`` (or exit)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> FolderLock:
        """Take the lock, or ``FolderInUse`` naming the process that has it."""
        if self._fd is not None:
            return self
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._fd = self._lock_fcntl() if fcntl is not None else self._lock_exclusive()
        except OSError as exc:
            raise InputError(translate("DataFolder", "{path}: cannot lock the data folder ({reason})").format(path=self.path, reason=exc.strerror or exc)) from exc
        try:
            os.ftruncate(self._fd, 0)
            os.write(self._fd, f"{os.getpid()}\n".encode())
        except OSError as exc:  # a full disk, most likely: the folder cannot be used, and says why
            self.release()
            if disk_full(exc):
                raise disk_full_error(self.path) from exc
            raise InputError(translate("DataFolder", "{path}: cannot lock the data folder ({reason})").format(path=self.path, reason=exc.strerror or exc)) from exc
        return self

    def _lock_fcntl(self) -> int:
        """The lock file opened (never through a link) and locked; a lock held by something
        other than the DanceLike it names (another program, a dead DanceLike's orphan) is
        taken over by a new file in its place."""
        fd = open_regular(self.path, os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            stale = self._stale(os.fstat(fd).st_ino)
            os.close(fd)
            if not stale:
                raise self._in_use() from None
            return self._take_over()
        except BaseException:
            os.close(fd)
            raise
        return fd

    def _stale(self, inode: int) -> bool:
        """Whether a held lock file (``inode``) names no live DanceLike holding it: its pid is
        gone, or (where ``/proc/locks`` tells) that pid is not the one holding the lock. An
        empty file is a DanceLike starting (its pid not yet written): never stale."""
        holder = self.holder()
        if holder is None:
            return False
        if not is_alive(Owner(holder, 0.0)):
            return True
        lockers = _flock_holders(inode)
        return lockers is not None and holder not in lockers

    def _take_over(self) -> int:
        """A new lock file in place of a stale one (a link or a non-file is refused as ever)."""
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        try:
            fd = open_regular(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL)
        except FileExistsError:
            raise self._in_use() from None  # another DanceLike took it over first
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise self._in_use() from None
        return fd

    def _lock_exclusive(self) -> int:
        for _attempt in range(2):
            try:
                return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                holder = self.holder()
                if holder is not None and is_alive(Owner(holder, 0.0)):
                    raise self._in_use() from None
                self.path.unlink(missing_ok=True)  # its process is gone: a stale lock
        raise self._in_use()

    def holder(self) -> int | None:
        """The pid written in the lock file, if any."""
        try:
            return int(self.path.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def _in_use(self) -> FolderInUse:
        holder = self.holder()
        if holder:
            text = translate("DataFolder", "another DanceLike (process {pid}) is using the data folder {path}; switch to it, or close it and start again")
        else:
            text = translate("DataFolder", "another DanceLike is using the data folder {path}; switch to it, or close it and start again")
        return FolderInUse(text.format(pid=holder, path=self.folder))

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if fcntl is None:
            self.path.unlink(missing_ok=True)
        else:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
