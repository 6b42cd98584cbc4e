"""What the user is told when something goes wrong, and the few questions the app asks.

Every error reaches the user as one message that says what happened and what to do next, never
a traceback. The dialogs are module functions (``confirm``, ``ask_text``, ``show_error``) that
views call through this module, so tests replace them instead of clicking modal dialogs.
"""

from __future__ import annotations

import errno

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from dancelike.errors import DanceLikeError, InputError, SetupError
from dancelike.i18n import translate

#: The videos a file dialog offers (the patterns are the same in every language).
VIDEO_PATTERNS = "*.mp4 *.mov *.m4v *.mkv *.webm *.avi *.mpg *.mpeg *.wmv *.flv *.3gp *.ts"


def video_filter() -> str:
    """A file dialog's filter for videos, its descriptions in the language spoken now."""
    videos = translate("Messages", "Videos ({patterns})").format(patterns=VIDEO_PATTERNS)
    everything = translate("Messages", "All files (*)")
    return f"{videos};;{everything}"


def user_message(exc: BaseException) -> str:
    """One line for the user: what happened (DanceLike's own errors are already written so)."""
    if isinstance(exc, DanceLikeError):
        return str(exc)
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return translate("Messages", "The disk is full.")
        if exc.errno in (errno.EACCES, errno.EPERM):
            if exc.filename:
                return translate("Messages", "Permission denied: {file}.").format(file=exc.filename)
            return translate("Messages", "Permission denied.")
        if exc.errno == errno.ENOENT:
            if exc.filename:
                return translate("Messages", "This file or folder is not there: {file}.").format(file=exc.filename)
            return translate("Messages", "A file or folder is not there.")
        if exc.errno == errno.EROFS:
            return translate("Messages", "This drive is read-only.")
        # the system's own words (its language, not ours) for anything rarer
        return f"{exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}."
    if isinstance(exc, MemoryError):
        return translate("Messages", "The computer ran out of memory.")
    return translate("Messages", "Something unexpected went wrong ({kind}: {detail}).").format(kind=exc.__class__.__name__, detail=exc)


def next_step(exc: BaseException) -> str:
    """What the user can do about ``exc``."""
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return translate("Messages", "Free some disk space (or choose another data folder in Settings), then try again.")
    if isinstance(exc, InputError):
        return translate("Messages", "Check the file or setting it names, then try again.")
    if isinstance(exc, SetupError):
        return translate("Messages", "The installation is incomplete: reinstall DanceLike (make setup) and start it again.")
    if isinstance(exc, MemoryError):
        return translate("Messages", "Close other programs, or use a shorter video, then try again.")
    return translate("Messages", "Try again; if it keeps happening, restart DanceLike.")


def show_error(parent: QWidget | None, title: str, text: str, what_next: str = "") -> None:
    """A modal error message: what happened, then what to do next."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if what_next:
        box.setInformativeText(what_next)
    box.exec()


def show_exception(parent: QWidget | None, title: str, exc: BaseException) -> None:
    show_error(parent, title, user_message(exc), next_step(exc))


def inform(parent: QWidget | None, title: str, text: str, details: str = "") -> QMessageBox:
    """A window-modal note that does not block the caller (the window keeps running)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setInformativeText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()
    return box


def confirm(parent: QWidget | None, title: str, text: str, ok_text: str = "", details: str = "") -> bool:
    """Ask before something that cannot be undone; True when the user agrees ("OK" when no ``ok_text``)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    if details:
        box.setInformativeText(details)
    ok = box.addButton(ok_text or translate("Messages", "OK"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(translate("Messages", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is ok


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """A line of text from the user (None when cancelled)."""
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None
