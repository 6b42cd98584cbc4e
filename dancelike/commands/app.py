"""``dancelike app``: the desktop app.

Qt needs a display and some system libraries; both are checked before PySide6 is imported, so
a missing one is a one-line message with the fix instead of Qt's "could not load the platform
plugin" abort.
"""

from __future__ import annotations

import argparse
import os
import sys

from dancelike.display import is_headless
from dancelike.errors import SetupError
from dancelike.i18n import translate
from dancelike.syscheck import install_hint, missing_system_libraries


def check_display() -> None:
    """SetupError when Qt would have nowhere to draw the window, or lacks system libraries."""
    if sys.platform.startswith("linux") and not is_headless(os.environ.get("QT_QPA_PLATFORM", "")):
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            raise SetupError(translate("App", "no display to open the window on: run it in a desktop session (or under xvfb-run)"))
        missing = missing_system_libraries()
        if missing:
            raise SetupError(translate("App", "Qt needs system libraries that are missing; install them with: {command}").format(command=install_hint(missing)))


def check_pyside() -> None:
    """SetupError for the one PySide6 known to crash here (pyproject pins it out; an older
    environment may still have it): 6.12.0 loses a reference to ``None`` per void Qt call on
    Python < 3.12, and a painting window dies within seconds ("none_dealloc")."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        installed = version("PySide6")
    except PackageNotFoundError:
        return
    if installed == "6.12.0" and sys.version_info < (3, 12):
        raise SetupError(translate("App", "PySide6 6.12.0 crashes on Python 3.11; install another with: {command}").format(command="pip install 'PySide6>=6.6,<6.12'"))


def check_camera(spec: str | None) -> None:
    """InputError (exit 2) now for a ``--camera`` that names no camera (a missing file, an
    unknown source), rather than a window that fails when the dance starts. A device index is
    left to the app: it says what to do when the device is busy or gone."""
    if not spec or spec.strip().isdigit():
        return
    from dancelike.media.camera import open_camera
    from dancelike.synth.cameras import register_synthetic_cameras

    register_synthetic_cameras()
    open_camera(spec).stop()


def run(args: argparse.Namespace) -> int:
    check_camera(getattr(args, "camera", None))
    check_display()
    check_pyside()
    # QtMultimedia logs every optional library it does not find (pipewire, VA-API) as it loads:
    # not news to a user.
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false")
    from dancelike.ui.app import main

    return main(["--camera", args.camera] if getattr(args, "camera", None) else [])
