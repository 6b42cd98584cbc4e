"""Starting the desktop app: Qt, the theme, the data folder, the store, the main window.

``dancelike app [--camera SPEC]`` and ``python -m dancelike.ui`` come here. The window shows
at once; recovering an unfinished session and preparing the demo happen after it is up.
"""

from __future__ import annotations

import argparse
import atexit
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType, TracebackType

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from dancelike import __version__, logs
from dancelike.display import is_headless
from dancelike.errors import DanceLikeError
from dancelike.i18n import translate
from dancelike.resources import APP_ID
from dancelike.store.db import DB_NAME, Store
from dancelike.store.instance import FolderInUse, FolderLock
from dancelike.store.leftovers import remove_leftovers
from dancelike.store.paths import data_dir
from dancelike.store.salvage import is_disk_full
from dancelike.synth.cameras import register_synthetic_cameras
from dancelike.syscheck import missing_font_warning
from dancelike.ui import messages, picture_text
from dancelike.ui.main_window import MainWindow
from dancelike.ui.settings import APPLICATION, ORGANIZATION, AppSettings
from dancelike.ui.theme import app_icon, apply_theme
from dancelike.ui.translation import install_translations
from dancelike.ui.workers import cancel_all


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="dancelike app", description=translate("App", "The DanceLike desktop app."))
    parser.add_argument("--camera", metavar="SPEC", help=translate("App", "camera for this run: a device index, a video file, or demo"))
    return parser.parse_args(list(argv) if argv is not None else sys.argv[1:])


def open_store(settings: AppSettings) -> tuple[Store, FolderLock]:
    """The store in the chosen data folder (the default one, with a message, if that fails),
    with the folder's single-instance lock held: ``FolderInUse`` if another DanceLike has it.

    ``DANCELIKE_HOME`` set by the caller wins over the setting (tests, scripts).
    """
    chosen = settings.data_folder
    if chosen and "DANCELIKE_HOME" not in os.environ:
        os.environ["DANCELIKE_HOME"] = chosen
        try:
            return _locked_store()
        except FolderInUse:
            raise
        except DanceLikeError as exc:
            del os.environ["DANCELIKE_HOME"]
            warning = translate("App", "{error}; using the default data folder this time").format(error=exc)
            print(f"dancelike: warning: {warning}", file=sys.stderr)
            if can_show_windows():  # a dialog nobody can click would wait forever
                messages.show_error(
                    None,
                    translate("App", "Cannot use the chosen data folder"),
                    str(exc),
                    translate("App", "DanceLike uses the default data folder this time. Choose another folder in Settings."),
                )
    return _locked_store()


def _locked_store() -> tuple[Store, FolderLock]:
    """Lock first: nothing (recovery, a migration) may touch a folder another DanceLike uses."""
    folder = data_dir()
    lock = FolderLock(folder).acquire()
    try:
        return Store(folder / DB_NAME), lock
    except BaseException:
        lock.release()
        raise


def _sentence(text: str) -> str:
    """An error's one line as a sentence: a capital first, a full stop (the language's own) last."""
    if text.endswith((".", "。", "!", "！", "?", "？")):
        return text[:1].upper() + text[1:]
    return translate("App", "{sentence}.").format(sentence=text[:1].upper() + text[1:])


def _disk_full(exc: BaseException) -> bool:
    """Whether a full disk is behind ``exc`` (its cause chain: an OSError or SQLite's error),
    told by type and error code, never by the words of a message the user may read translated."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if not isinstance(current, DanceLikeError) and is_disk_full(current):
            return True
        current = current.__cause__ or current.__context__
    return False


def _log_exit() -> None:
    logging.getLogger(__name__).info("app exit")


def install_crash_handler() -> None:
    """An unhandled exception (a slot's, too: Qt hands it to ``sys.excepthook``) writes a crash
    report to the log folder and says where: a dialog offering to open the folder, or a line on
    stderr where no window can be shown. The app carries on when it can."""
    if sys.excepthook in _crash_hooks:
        return
    showing: list[bool] = []  # one dialog at a time: a failing timer must not stack hundreds
    previous = sys.excepthook  # a test harness's (pytest-qt) still hears of it

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if previous is not sys.__excepthook__:
            previous(kind, exc, tb)
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        try:
            path = logs.crash_report(kind, exc, tb)
        except OSError:
            sys.__excepthook__(kind, exc, tb)
            return
        print(f"dancelike: internal error: {kind.__name__}: {exc}; crash report: {path}", file=sys.stderr)
        if showing or not can_show_windows():
            return
        showing.append(True)
        try:
            if ask_about_crash(path):
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
        finally:
            showing.clear()

    _crash_hooks.append(hook)
    sys.excepthook = hook


def ask_about_crash(path: Path) -> bool:
    """The crash dialog: where the report is; True when the user wants its folder opened."""
    text = translate("App", "DanceLike ran into a problem. A crash report was written to:\n{path}").format(path=path)
    return messages.confirm(
        None,
        translate("App", "DanceLike ran into a problem"),
        text,
        translate("App", "Open the folder"),
        translate("App", "Please attach it when you report the problem."),
    )


def startup_problem(exc: DanceLikeError) -> tuple[str, str, str]:
    """Why the app cannot start, as its dialog says it: title, what happened, what to do next."""
    if isinstance(exc, FolderInUse):
        return (translate("App", "DanceLike is already open"), _sentence(str(exc)), translate("App", "Only one DanceLike can use a data folder at a time."))
    if _disk_full(exc):
        return translate("App", "DanceLike cannot start"), str(exc), translate("App", "Free some disk space, then start DanceLike again.")
    return (translate("App", "DanceLike cannot start"), str(exc), translate("App", "Set DANCELIKE_HOME to a folder you can write to, then start DanceLike again."))


#: The hooks ``install_crash_handler`` made: installed once however often main() runs.
_crash_hooks: list[object] = []


#: Signals that close the app as its window's close button does: Ctrl-C, ``kill``, the terminal closing.
QUIT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class SignalQuit:
    """While installed, ``QUIT_SIGNALS`` close the window as its close button does (the dance is
    saved or cancelled, workers stopped), then the app quits; ``signum`` says which one came.

    Python runs its signal handlers only when the main thread runs Python code, which an idle Qt
    event loop never does: a no-op timer lets it in five times a second. Without this, Ctrl-C
    raised ``KeyboardInterrupt`` inside whatever slot ran next (a traceback, and the app went on)
    and SIGTERM killed the app with no cleanup."""

    TICK_MS = 200

    def __init__(self, app: QApplication, window: MainWindow) -> None:
        self.signum: int | None = None
        self._app, self._window = app, window
        self._tick = QTimer()
        self._tick.timeout.connect(lambda: None)
        self._tick.start(self.TICK_MS)
        self._previous = {signum: signal.signal(signum, self._received) for signum in QUIT_SIGNALS}

    def _received(self, signum: int, _frame: FrameType | None) -> None:
        if self.signum is None:  # a second signal while closing changes nothing: closing is bounded
            self.signum = signum
            QTimer.singleShot(0, self._quit)

    def _quit(self) -> None:
        self._window.close()
        self._app.quit()  # also ends a modal dialog's loop, if one was open

    def exit_code(self, code: int) -> int:
        """128 + the signal's number, as a shell reports a process the signal ended."""
        return 128 + self.signum if self.signum is not None else code

    def restore(self) -> None:
        self._tick.stop()
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)


def can_show_windows() -> bool:
    """False on Qt's headless platforms, where a dialog would wait for a click nobody can give."""
    return not is_headless(QApplication.platformName())


def warn_if_no_font(language: str) -> None:
    """Say on the terminal and in the log when no font here draws ``language``: the window will
    show boxes for its words (``syscheck.missing_font_warning``, in English)."""
    no_font = missing_font_warning(language)
    if no_font:
        print(f"dancelike: warning: {no_font}", file=sys.stderr)
        logging.getLogger(__name__).warning(no_font)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app until its window closes; the exit code."""
    args = parse_args(argv)
    logs.setup()
    logging.getLogger(__name__).info("app start: dancelike %s", __version__)
    atexit.unregister(_log_exit)  # once, however often main() runs (the tests)
    atexit.register(_log_exit)
    install_crash_handler()
    register_synthetic_cameras()  # the demo dancer and the clapper: try it all without a webcam
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "dancelike"])
    assert isinstance(app, QApplication)  # widgets need a QApplication; nothing here makes a bare QCoreApplication
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)  # docks (the Wayland app id, X11) match the window to dancelike.desktop
    app.setWindowIcon(app_icon())
    settings = AppSettings()
    warn_if_no_font(install_translations(app, settings.language))  # before any window takes its words
    picture_text.install()  # replays and snapshots drawn with the desktop's fonts, in the app's language
    apply_theme(app)
    if args.camera:
        settings.override_camera(args.camera)
    try:
        store, lock = open_store(settings)
    except FolderInUse as exc:
        print(f"dancelike: error: {exc}", file=sys.stderr)
        if can_show_windows():
            messages.show_error(None, *startup_problem(exc))
        return exc.exit_code
    except DanceLikeError as exc:
        print(f"dancelike: error: {exc}", file=sys.stderr)  # the line is always there: no window, no dialog
        if can_show_windows():
            messages.show_error(None, *startup_problem(exc))
        return exc.exit_code
    try:
        remove_leftovers(store.root)  # the folder is ours now: a killed run's imports and temporary files
    except OSError:
        pass  # tidying up never stops the app
    try:
        while True:  # once, or again after Settings' "Restart now" (a new language): a new window, same store
            window = MainWindow(store, settings)
            window.show()
            QTimer.singleShot(0, window.run_startup)
            quitter = SignalQuit(app, window)
            try:
                code = quitter.exit_code(int(app.exec()))
            finally:
                quitter.restore()
                if quitter.signum is not None:  # work begun by code a modal dialog returned to when the signal ended it
                    cancel_all(timeout=5.0)
            if not window.restart_wanted or quitter.signum is not None:
                return code
            logging.getLogger(__name__).info("app restart: language %s", settings.language)
            window.deleteLater()
            install_translations(app, settings.language)  # widgets take their words when they are made
    finally:
        store.close()
        lock.release()
