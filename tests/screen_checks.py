"""What a user sees on a screen, read back from its widgets: every visible text (to find English
left in a translated screen, or words cut off) and whether keyboard focus shows.

Used by the tests that render every screen in 简体中文 and walk every screen with Tab."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

import numpy as np
from PySide6.QtCore import QPoint, QRect, Qt
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
    # key names, printed as they are on the keys
    + "Ctrl Shift Alt Esc Enter Delete Tab Space Backspace".split()
    # file formats, named as they are
    + "CSV HTML MP4 MOV MKV WebM AVI JSON PNG".split()
)
#: A file name or path, a number with its unit, a web address: never translated.
_KEPT_PATTERNS = re.compile(r"(\S+\.[A-Za-z0-9]{2,5}\b|\S*/\S+|https?://\S+|\b\d+(\.\d+)?\s*[a-zA-Z]{0,3}\b|%\w|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b)")
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
    if isinstance(widget, QAbstractItemView) and not isinstance(widget.parent(), QComboBox):
        found += cells_of(widget)
    found += [action.text() for action in widget.actions()]
    return [t for t in found if t and t.strip()]


def cells_of(view: QAbstractItemView, rows: int = 100) -> list[str]:
    """What a table or list shows and says in its cells (text, tooltips, what a screen reader reads), and its headers."""
    model = view.model()
    if model is None:
        return []
    found: list[str] = []
    for column in range(model.columnCount()):
        header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        found.append(str(header) if header is not None else "")
        for row in range(min(rows, model.rowCount())):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
                value = model.index(row, column).data(role)
                if isinstance(value, str):
                    found.append(value)
    return found


def visible_widgets(root: QWidget) -> list[QWidget]:
    return [root, *(w for w in root.findChildren(QWidget) if w.isVisibleTo(root))]


def untranslated(root: QWidget, kept: Iterable[str] = ()) -> list[str]:
    """ "ClassName: text" for every visible text of ``root`` that still has English words in it."""
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


#: How far outside a widget its focus ring may be drawn (px): a ring around it, not inside.
RING_MARGIN = 8
#: A pixel counts as changed when a colour channel moved by this much (0-255): Fusion's faint
#: dotted focus rectangle (about 20) is not a focus ring anyone sees from the floor.
VISIBLE_CHANGE = 60
#: ... and a ring changes at least this many pixels (a 2 px ring round a small button: several hundred).
RING_PIXELS = 40


def around(widget: QWidget, margin: int = RING_MARGIN) -> QRect:
    """Where ``widget`` is in its window's picture, grown by ``margin`` (in device pixels)."""
    window = widget.window()
    top_left = widget.mapTo(window, QPoint(0, 0))
    ratio = window.devicePixelRatioF()
    rect = QRect(top_left, widget.size()).adjusted(-margin, -margin, margin, margin).intersected(window.rect())
    return QRect(round(rect.x() * ratio), round(rect.y() * ratio), round(rect.width() * ratio), round(rect.height() * ratio))


def focus_shows(widget: QWidget) -> bool:
    """Whether ``widget`` looks different with keyboard focus than without (the focus ring is drawn).
    Only the widget and a margin round it are compared: something changing elsewhere in the window
    (a progress bar, a note arriving) must not pass for its focus ring."""
    QApplication.processEvents()
    area = around(widget)
    with_focus = grab(widget).copy(area)
    widget.clearFocus()
    QApplication.processEvents()
    without = grab(widget).copy(area)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    return visible_change(with_focus, without) >= RING_PIXELS


def pixels(image: QImage) -> np.ndarray:
    """An image as an (h, w, 4) uint8 array."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes()).reshape(image.height(), image.bytesPerLine() // 4, 4)
    return data[:, : image.width(), :3].copy()


def visible_change(first: QImage, second: QImage) -> int:
    """How many pixels differ clearly between two pictures of the same place."""
    if first.size() != second.size():
        return first.width() * first.height()
    a, b = pixels(first).astype(np.int16), pixels(second).astype(np.int16)
    return int((np.abs(a - b).max(axis=2) >= VISIBLE_CHANGE).sum())


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


__all__ = ["i18n", "untranslated", "clipped", "english_words", "language", "focus_shows", "tab_walk", "texts_of", "cells_of"]
