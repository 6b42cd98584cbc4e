"""DanceLike's log and crash reports: what a user can attach to a bug report.

``setup()`` (called once by each front end) sends the ``dancelike`` loggers to a rotating file in
the log folder (``paths.log_dir``: ``~/.local/state/dancelike/log``, ``DANCELIKE_HOME/logs`` when
set) and, for the command line, warnings and errors to stderr too. ``crash_report()`` writes the
versions, the last lines of the log and a traceback to a file beside it. No Qt here: the app shows
the dialog (``ui/app.py``).
"""

from __future__ import annotations

import logging
import os
import platform
import sys
import time
import traceback
from importlib import metadata
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from tqdm import tqdm

from dancelike import __version__
from dancelike.errors import DanceLikeError
from dancelike.store.paths import log_dir

LOG_NAME = "dancelike.log"
#: 1 MB a file, 3 old ones kept: weeks of sessions, never a full disk.
_MAX_BYTES = 1_000_000
_BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s"
#: The distributions whose versions a bug report needs (import names differ: av, cv2, ...).
PACKAGES = ("PySide6", "ai-edge-litert", "av", "numpy", "opencv-python-headless", "platformdirs")

_handlers: list[logging.Handler] = []


class _LogFile(RotatingFileHandler):
    """The rotating log file, falling silent when it cannot be written (a full disk, the folder
    gone): DanceLike goes on without its log, and never prints logging's own traceback per line."""

    failed = False

    def emit(self, record: logging.LogRecord) -> None:
        if not self.failed:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        self.failed = True


class _Stderr(logging.Handler):
    """Writes to whatever ``sys.stderr`` is now (a test's capture, a redirected stream), through
    tqdm so a progress bar being drawn is cleared first and drawn again after the line."""

    def emit(self, record: logging.LogRecord) -> None:
        if not getattr(record, "stderr", True):  # extra={"stderr": False}: a failure the caller already printed
            return
        try:
            tqdm.write(self.format(record), file=sys.stderr)
        except Exception:  # noqa: BLE001 - logging's own rule: a failed log line never raises
            self.handleError(record)


def setup(stderr: bool = True) -> Path | None:
    """Log to the rotating file (and warnings to stderr when ``stderr``); the log file, or None
    when the log folder cannot be used (DanceLike runs without a log rather than not at all).
    Calling it again re-points the handlers (another ``DANCELIKE_HOME``, as in the tests)."""
    close()
    logger = logging.getLogger("dancelike")
    logger.setLevel(logging.DEBUG if os.environ.get("DANCELIKE_DEBUG") == "1" else logging.INFO)
    path: Path | None = None
    try:
        path = log_dir() / LOG_NAME
        # opened now: a file it cannot write means no file log, not a logging traceback per line
        file_handler = _LogFile(path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8")
        file_handler.setFormatter(logging.Formatter(_FORMAT))
        _handlers.append(file_handler)
    except (DanceLikeError, OSError):
        path = None
    if stderr:
        echo = _Stderr()
        echo.setLevel(logging.WARNING)
        echo.setFormatter(logging.Formatter("dancelike: %(levelname)s: %(message)s"))
        _handlers.append(echo)
    for handler in _handlers:
        logger.addHandler(handler)
    return path


def close() -> None:
    """Remove and close the handlers ``setup()`` added (at exit; between tests)."""
    logger = logging.getLogger("dancelike")
    for handler in _handlers:
        logger.removeHandler(handler)
        handler.close()
    _handlers.clear()


def log_file() -> Path | None:
    """The file ``setup()`` logs to, if any."""
    return next((Path(h.baseFilename) for h in _handlers if isinstance(h, RotatingFileHandler)), None)


def versions() -> dict[str, str]:
    """DanceLike's, Python's and its libraries' versions (from the installed metadata: nothing imported)."""
    found = {"dancelike": __version__, "Python": f"{platform.python_version()} ({sys.executable})", "platform": platform.platform()}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def last_lines(count: int = 200) -> list[str]:
    """The last ``count`` lines of the log (flushed first)."""
    path = log_file()
    for handler in _handlers:
        handler.flush()
    if path is None or not path.is_file():
        return []
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read().splitlines()[-count:]


def crash_report(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> Path:
    """Write a crash report (versions, the last log lines, the traceback) to the log folder; its path.
    Falls back to the temporary folder when the log folder cannot be written."""
    logging.getLogger("dancelike").critical("unhandled exception", exc_info=(kind, exc, tb), extra={"stderr": False})
    lines = [f"DanceLike crash report, {time.strftime('%Y-%m-%d %H:%M:%S %z')}", ""]
    lines += [f"{name}: {version}" for name, version in versions().items()]
    lines += ["", "Traceback:", *"".join(traceback.format_exception(kind, exc, tb)).splitlines()]
    lines += ["", "The log's last lines:", *last_lines()]
    name = f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt"
    try:
        folder = log_dir()
    except DanceLikeError:
        folder = Path(os.environ.get("TMPDIR", "/tmp"))
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
