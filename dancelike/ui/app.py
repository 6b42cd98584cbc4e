"""Starting the desktop app: Qt, the theme, the data folder, the store, the main window.

``dancelike app [--camera SPEC]`` and ``python -m dancelike.ui`` come here. The window shows
at once; recovering an unfinished session and preparing the demo happen after it is up.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from dancelike import __version__
from dancelike.errors import DanceLikeError
from dancelike.store.db import Store
from dancelike.ui import messages
from dancelike.ui.main_window import MainWindow
from dancelike.ui.settings import APPLICATION, ORGANIZATION, AppSettings
from dancelike.ui.theme import apply_theme


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="dancelike app", description="The DanceLike desktop app.")
    parser.add_argument("--camera", metavar="SPEC", help="camera for this run: a device index, a video file, or demo")
    return parser.parse_args(list(argv) if argv is not None else sys.argv[1:])


def open_store(settings: AppSettings) -> Store:
    """The store in the chosen data folder; the default one (with a message) if that fails.

    ``DANCELIKE_HOME`` set by the caller wins over the setting (tests, scripts).
    """
    chosen = settings.data_folder
    if chosen and "DANCELIKE_HOME" not in os.environ:
        os.environ["DANCELIKE_HOME"] = chosen
        try:
            return Store()
        except DanceLikeError as exc:
            del os.environ["DANCELIKE_HOME"]
            messages.show_error(None, "Cannot use the chosen data folder", str(exc),
                                "DanceLike uses the default data folder this time. Choose another folder in Settings.")  # fmt: skip
    return Store()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app until its window closes; the exit code."""
    args = parse_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "dancelike"])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    apply_theme(app)
    settings = AppSettings()
    if args.camera:
        settings.override_camera(args.camera)
    try:
        store = open_store(settings)
    except DanceLikeError as exc:
        messages.show_error(None, "DanceLike cannot start", str(exc), "Set DANCELIKE_HOME to a folder you can write to, then start DanceLike again.")
        return exc.exit_code
    try:
        window = MainWindow(store, settings)
        window.show()
        QTimer.singleShot(0, window.run_startup)
        return int(app.exec())
    finally:
        store.close()
