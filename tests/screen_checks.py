"""What a user sees on a screen, read back from its widgets: every visible text (to find English
left in a translated screen, or words cut off) and whether keyboard focus shows.

Used by the tests that render every screen in 简体中文 and walk every screen with Tab."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QWidget,
)

from dancelike import i18n

#: Words that stay as they are in every language: the product, units, technical names.
KEPT_WORDS = frozenset(
    "DanceLike DTW HD fps FPS ms MB GB KB px CPU GPU AVX AVX2 AVX512 SSE LiteRT TensorFlow Lite PyAV Qt Python numpy "
    "int8 float32 float16 mp4 mov mkv webm avi csv json html png jpg jpeg Ray WSOLA OK MediaPipe SQLite x".split()
)
#: A file name or path, a number with its unit, a web address: never translated.
_KEPT_PATTERNS = re.compile(r"(\S+\.[A-Za-z0-9]{2,5}\b|\S*/\S+|https?://\S+|\b\d+(\.\d+)?\s*[a-zA-Z]{0,3}\b|%\w)")
_WORD = re.compile(r"[A-Za-z]{2,}")


def plain(text: str) -> str:
    """A label's text as read: rich text without its markup and entities."""
    if "<" in text and ">" in text:
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def english_words(text: str, kept: Iterable[str] = ()) -> list[str]:
    """The words of ``text`` that look untranslated English (file names, numbers, units and ``kept`` aside)."""
    allowed = KEPT_WORDS | set(kept)
    cleaned = _KEPT_PATTERNS.sub(" ", plain(text).replace("&&", "&").replace("&", ""))
    return [word for word in _WORD.findall(cleaned) if word not in allowed]


def texts_of(widget: QWidget) -> list[str]:
    """Everything ``widget`` itself shows or says (tooltips and accessible names included)."""
    found: list[str] = [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription(), widget.statusTip()]
    if widget.isWindow():
        found.append(widget.windowTitle())
    if isinstance(widget, QLabel):
        found.append(widget.text())
    elif isinstance(widget, QAbstractButton):
        found.append(widget.text())
    elif isinstance(widget, QLineEdit):
        found += [widget.placeholderText()]
    elif isinstance(widget, QComboBox):
        found += [widget.itemText(i) for i in range(widget.count())]
    elif isinstance(widget, QGroupBox):
        found.append(widget.title())
    elif isinstance(widget, QTabWidget):
        found += [widget.tabText(i) for i in range(widget.count())]
    elif isinstance(widget, QMenu):
        found += [action.text() for action in widget.actions()]
    if isinstance(widget, QTableWidget):
        for column in range(widget.columnCount()):
            header = widget.horizontalHeaderItem(column)
            found.append(header.text() if header else "")
    if isinstance(widget, QTreeWidget):
        header_item = widget.headerItem()
        found += [header_item.text(c) for c in range(widget.columnCount())]
    if isinstance(widget, QListWidget):
        found += [widget.item(i).text() for i in range(widget.count())]
    found += [action.text() for action in widget.actions()]
    return [t for t in found if t and t.strip()]


def visible_widgets(root: QWidget) -> list[QWidget]:
    return [root, *(w for w in root.findChildren(QWidget) if w.isVisibleTo(root))]


def untranslated(root: QWidget, kept: Iterable[str] = ()) -> list[str]:
    """"ClassName: text" for every visible text of ``root`` that still has English words in it."""
    kept = list(kept)
    return [f"{type(w).__name__} {w.objectName() or ''}: {t!r}" for w in visible_widgets(root) for t in texts_of(w) if english_words(t, kept)]


def clipped(root: QWidget) -> list[str]:
    """Visible one-line labels and buttons whose text is wider than the room they have."""
    cut = []
    for widget in visible_widgets(root):
        if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text() and not widget.pixmap() and not widget.textFormat() == Qt.TextFormat.RichText:
            lines = plain(widget.text()).splitlines() or [""]
            need = max(widget.fontMetrics().horizontalAdvance(line) for line in lines)
            if need > widget.contentsRect().width() + 2:
                cut.append(f"QLabel {widget.objectName()}: {widget.text()!r} needs {need} px, has {widget.contentsRect().width()}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.sizeHint().width() > widget.width() + 2:
                cut.append(f"{type(widget).__name__}: {widget.text()!r} needs {widget.sizeHint().width()} px, has {widget.width()}")
    return cut


@contextmanager
def language(code: str) -> Iterator[None]:
    """Sentences made inside are in ``code`` (the app's Qt catalogue installed too); English after."""
    from dancelike.ui.translation import install_translations

    app = QApplication.instance()
    assert app is not None
    install_translations(app, code)
    try:
        yield
    finally:
        install_translations(app, "en")


# --- keyboard focus ---------------------------------------------------------------------------


def grab(widget: QWidget) -> QImage:
    return widget.window().grab().toImage()


def focus_shows(widget: QWidget) -> bool:
    """Whether ``widget`` looks different with keyboard focus than without (the focus ring is drawn)."""
    QApplication.processEvents()
    with_focus = grab(widget)
    widget.clearFocus()
    QApplication.processEvents()
    without = grab(widget)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    return with_focus != without


def tab_walk(window: QWidget, steps: int = 60, press: Callable[[QWidget], None] | None = None) -> list[QWidget]:
    """The widgets Tab visits in ``window``, in order, once round (at most ``steps`` presses)."""
    window.activateWindow()
    QApplication.processEvents()
    visited: list[QWidget] = []
    for _ in range(steps):
        QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
        QApplication.processEvents()
        focused = QApplication.focusWidget()
        if focused is None or (visited and focused is visited[0]):
            break
        if press:
            press(focused)
        if focused not in visited:
            visited.append(focused)
    return visited


def is_item_view(widget: QWidget) -> bool:
    return isinstance(widget, QAbstractItemView)


__all__ = ["i18n", "untranslated", "clipped", "english_words", "language", "focus_shows", "tab_walk", "texts_of"]
