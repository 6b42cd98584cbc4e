"""The look of the app: one dark theme, readable from where the dancer stands (2-3 m away).

Everything is sized in points (Qt scales points with the screen's DPI, so the same layout reads
the same at 1280x720 and on a 4K screen) and laid out by layouts, never by pixel geometry.
Widgets pick a style by a ``role`` property (``set_role(label, "title")``) rather than by
hand-set fonts and colours, so the whole app changes together when the theme does.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from dancelike import resources
from dancelike.pipeline.replay import score_color as _score_rgb

#: The palette every view draws with (hex strings, usable in QSS and in QColor).
COLORS: dict[str, str] = {
    "bg": "#121419",  # window background
    "panel": "#1b1e26",  # cards, sidebar, tables
    "panel_alt": "#252a35",  # hovered cards, alternate rows, placeholders
    "text": "#eef0f6",
    "muted": "#9aa2b5",
    "accent": "#ff4f8b",  # the dance-floor pink: primary buttons, selection, the chart line
    "accent_hover": "#ff6fa0",
    "good": "#3cc85a",
    "ok": "#f5b428",
    "bad": "#e5483d",
    "border": "#2e3340",
    "focus": "#8ab4ff",  # the keyboard focus ring: unlike every other colour here, so it shows on pink too
}

#: How a chosen toggle (layout, overlay, speed, loop, players) looks: the theme styles plain buttons only.
#: A widget's own style sheet wins over the app's, so the focus ring is repeated here for toggles.
TOGGLE_QSS = f"""
QPushButton:checked {{ background: #4a2336; border: 1px solid {COLORS["accent"]}; color: #ffffff; }}
QPushButton:checked:disabled {{ background: {COLORS["panel"]}; border: 1px solid #5a3040; color: #8a7480; }}
QPushButton:checked:focus {{ border: 2px solid {COLORS["focus"]}; }}
"""

#: Font families in order of preference; DejaVu Sans is on every Linux desktop. Qt takes each
#: character from the first family that has it, so Chinese comes from the CJK families after the
#: Latin ones: named, because fontconfig's own fallback may pick a Japanese font for Han characters.
LATIN_FAMILIES = ["Inter", "Segoe UI", "SF Pro Text", "Helvetica Neue", "Noto Sans", "Ubuntu", "Cantarell", "DejaVu Sans", "Arial"]
CJK_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei"]
FAMILIES = LATIN_FAMILIES + CJK_FAMILIES

#: Point sizes by use. Body text never goes below 13 pt: the user reads it from the floor.
SIZES = {"small": 11, "body": 13, "label": 14, "subtitle": 16, "title": 24, "display": 36, "score": 56}


def font(size_pt: int, bold: bool = False) -> QFont:
    """The app's font at ``size_pt`` points."""
    f = QFont()
    f.setFamilies(FAMILIES)
    f.setPointSize(int(size_pt))
    f.setBold(bold)
    return f


def score_color(score: float) -> QColor:
    """Red (0) through amber (60) to green (90+), the same scale as the replay video."""
    r, g, b = _score_rgb(max(0.0, min(100.0, float(score))))
    return QColor(r, g, b)


def set_role(widget: QWidget, role: str) -> QWidget:
    """Style ``widget`` by the theme's ``role`` (title, subtitle, muted, card, primary...)."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    return widget


def format_duration(seconds: float | None) -> str:
    """``m:ss`` (or ``h:mm:ss``) for a length in seconds; an em dash when unknown."""
    if seconds is None:
        return "\u2014"
    total = round(max(0.0, seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _qss(arrow: str) -> str:
    c = COLORS
    s = SIZES
    return f"""
* {{ color: {c["text"]}; }}
QMainWindow, QDialog, QWidget#page {{ background: {c["bg"]}; }}
QToolTip {{ background: {c["panel_alt"]}; color: {c["text"]}; border: 1px solid {c["border"]}; padding: 6px; }}

QLabel[role="title"] {{ font-size: {s["title"]}pt; font-weight: 700; }}
QLabel[role="display"] {{ font-size: {s["display"]}pt; font-weight: 700; }}
QLabel[role="subtitle"] {{ font-size: {s["subtitle"]}pt; font-weight: 600; }}
QLabel[role="muted"] {{ color: {c["muted"]}; }}
QLabel[role="small"] {{ color: {c["muted"]}; font-size: {s["small"]}pt; }}
QLabel[role="error"] {{ color: {c["bad"]}; }}
QLabel[role="empty"] {{ color: {c["muted"]}; font-size: {s["subtitle"]}pt; }}
QLabel[role="brand"] {{ color: {c["accent"]}; font-size: 22pt; font-weight: 800; }}

QFrame[role="card"] {{ background: {c["panel"]}; border: 1px solid {c["border"]}; border-radius: 14px; }}
QFrame[role="card"]:hover {{ background: {c["panel_alt"]}; border-color: #3b4252; }}
QFrame[role="card-selected"] {{ background: {c["panel_alt"]}; border: 2px solid {c["accent"]}; border-radius: 14px; }}
QFrame[role="panel"] {{ background: {c["panel"]}; border: 1px solid {c["border"]}; border-radius: 12px; }}
QFrame[role="banner"] {{ background: {c["panel_alt"]}; border: 1px solid {c["border"]}; border-radius: 10px; }}
QFrame[role="banner-error"] {{ background: #3a1f22; border: 1px solid {c["bad"]}; border-radius: 10px; }}
QFrame#sidebar {{ background: {c["panel"]}; border: none; border-right: 1px solid {c["border"]}; }}
QFrame[role="drop"] {{ border: 2px dashed {c["accent"]}; border-radius: 14px; }}

QPushButton {{
    background: {c["panel_alt"]}; border: 1px solid {c["border"]}; border-radius: 10px;
    padding: 8px 18px; font-size: {s["body"]}pt; min-height: 22px;
}}
QPushButton:hover {{ background: #30364a; }}
QPushButton:pressed {{ background: #1e2230; }}
QPushButton:disabled {{ color: #5f667a; background: {c["panel"]}; }}
QPushButton[role="primary"] {{ background: {c["accent"]}; border: none; color: #ffffff; font-weight: 700; }}
QPushButton[role="primary"]:hover {{ background: {c["accent_hover"]}; }}
QPushButton[role="primary"]:disabled {{ background: #5a3040; color: #c9a9b5; }}
QPushButton[role="danger"] {{ color: {c["bad"]}; }}
QPushButton[role="flat"] {{ background: transparent; border: none; color: {c["muted"]}; padding: 6px 10px; }}
QPushButton[role="flat"]:hover {{ color: {c["text"]}; background: {c["panel_alt"]}; }}
QPushButton[role="nav"] {{
    background: transparent; border: none; border-radius: 10px; text-align: left;
    padding: 12px 18px; font-size: {s["subtitle"]}pt; color: {c["muted"]};
}}
QPushButton[role="nav"]:hover {{ background: {c["panel_alt"]}; color: {c["text"]}; }}
QPushButton[role="nav"]:checked {{ background: {c["panel_alt"]}; color: {c["text"]}; border-left: 4px solid {c["accent"]}; }}
QToolButton {{ background: transparent; border: none; border-radius: 8px; padding: 6px 10px; font-size: {s["subtitle"]}pt; }}
QToolButton:hover {{ background: {c["panel_alt"]}; }}
QToolButton::menu-indicator {{ image: none; width: 0; }}

QLineEdit, QSpinBox, QComboBox {{
    background: {c["panel_alt"]}; border: 1px solid {c["border"]}; border-radius: 8px;
    padding: 6px 10px; font-size: {s["body"]}pt; min-height: 22px; selection-background-color: {c["accent"]};
}}
QComboBox:focus, QLineEdit:focus, QSpinBox:focus {{ border: 2px solid {c["focus"]}; padding: 5px 9px; }}
QComboBox QAbstractItemView {{ background: {c["panel_alt"]}; border: 1px solid {c["border"]}; selection-background-color: {c["accent"]}; }}
QComboBox::drop-down {{ border: none; width: 30px; background: transparent; }}
QComboBox::down-arrow {{ image: url("{arrow}"); width: 12px; height: 12px; }}
QComboBox::down-arrow:disabled {{ image: none; }}
QCheckBox, QRadioButton {{ font-size: {s["body"]}pt; spacing: 10px; border: 2px solid transparent; border-radius: 6px; padding: 2px 4px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: 22px; height: 22px; }}
QSlider {{ border: 2px solid transparent; border-radius: 6px; }}

QProgressBar {{
    background: {c["bg"]}; border: 1px solid {c["border"]}; border-radius: 6px;
    min-height: 12px; max-height: 12px; text-align: center; font-size: 1pt; color: transparent;
}}
QProgressBar::chunk {{ background: {c["accent"]}; border-radius: 5px; }}

QTableView {{
    background: {c["panel"]}; alternate-background-color: #1f232c; border: 1px solid {c["border"]};
    border-radius: 12px; gridline-color: transparent; font-size: {s["body"]}pt;
    selection-background-color: #3a2430; selection-color: {c["text"]};
}}
QTableView::item {{ padding: 8px 8px; border: none; }}
QHeaderView::section {{
    background: {c["panel"]}; color: {c["muted"]}; border: none; border-bottom: 1px solid {c["border"]};
    padding: 10px 8px; font-size: {s["body"]}pt; font-weight: 600;
}}
QScrollArea {{ background: transparent; border: none; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
QScrollBar:vertical {{ background: transparent; width: 12px; margin: 2px; }}
QScrollBar::handle:vertical {{ background: #3a4050; border-radius: 4px; min-height: 40px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; width: 0; }}
QScrollBar:horizontal {{ background: transparent; height: 12px; margin: 2px; }}
QScrollBar::handle:horizontal {{ background: #3a4050; border-radius: 4px; min-width: 40px; }}
QMenu {{ background: {c["panel_alt"]}; border: 1px solid {c["border"]}; padding: 6px; font-size: {s["body"]}pt; }}
QMenu::item {{ padding: 8px 24px; border-radius: 6px; }}
QMenu::item:selected {{ background: {c["accent"]}; }}
QStatusBar {{ background: {c["panel"]}; color: {c["muted"]}; border-top: 1px solid {c["border"]}; font-size: {s["body"]}pt; }}
QStatusBar QLabel {{ color: {c["muted"]}; padding: 2px 8px; }}
QSplitter::handle {{ background: transparent; }}
{_focus_qss()}
QMessageBox QLabel {{ font-size: {s["body"]}pt; }}
"""


def _focus_qss() -> str:
    """Keyboard focus, visible on every widget Tab reaches: a 2 px ring in ``COLORS["focus"]``
    (a colour used for nothing else). Where a widget had a thinner border, or none, its padding
    shrinks by the ring's extra width so the text does not move."""
    ring = f"2px solid {COLORS['focus']}"
    return f"""
QPushButton:focus {{ border: {ring}; padding: 7px 17px; }}
QPushButton[role="primary"]:focus {{ border: {ring}; padding: 6px 16px; }}
QPushButton[role="flat"]:focus {{ border: {ring}; padding: 4px 8px; }}
QPushButton[role="nav"]:focus {{ border: {ring}; padding: 10px 16px; }}
QPushButton[role="nav"]:checked:focus {{ border: {ring}; border-left: 4px solid {COLORS["accent"]}; padding: 10px 16px 10px 14px; }}
QToolButton:focus {{ border: {ring}; padding: 4px 8px; }}
QCheckBox:focus, QRadioButton:focus, QSlider:focus {{ border: {ring}; }}
QAbstractItemView:focus, QTableView:focus {{ border: {ring}; }}
QTabBar:focus {{ border: {ring}; border-radius: 8px; }}
QScrollArea:focus {{ border: {ring}; border-radius: 8px; }}
QFrame[role="card"]:focus, QFrame[role="card-selected"]:focus {{ border: {ring}; }}
"""


def palette() -> QPalette:
    """The dark palette (what native-drawn parts of widgets fall back to)."""
    c = {k: QColor(v) for k, v in COLORS.items()}
    pal = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, c["bg"]),
        (QPalette.ColorRole.WindowText, c["text"]),
        (QPalette.ColorRole.Base, c["panel"]),
        (QPalette.ColorRole.AlternateBase, c["panel_alt"]),
        (QPalette.ColorRole.Text, c["text"]),
        (QPalette.ColorRole.Button, c["panel_alt"]),
        (QPalette.ColorRole.ButtonText, c["text"]),
        (QPalette.ColorRole.Highlight, c["accent"]),
        (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
        (QPalette.ColorRole.ToolTipBase, c["panel_alt"]),
        (QPalette.ColorRole.ToolTipText, c["text"]),
        (QPalette.ColorRole.PlaceholderText, c["muted"]),
        (QPalette.ColorRole.Link, c["accent"]),
    ):
        pal.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#5f667a"))
    return pal


def apply_theme(app: QApplication) -> None:
    """Fusion style (the same on every OS), the dark palette, 13 pt body text and the QSS."""
    app.setStyle("Fusion")
    app.setPalette(palette())
    app.setFont(font(SIZES["body"]))
    app.setStyleSheet(_qss(image_url(resources.COMBO_ARROW)))


def image_url(name: str) -> str:
    """A shipped image (assets/) as a style sheet takes it: a path with forward slashes.
    SVG: Qt draws it sharp at every screen scale."""
    return resources.asset_path(name).as_posix()


def app_icon() -> QIcon:
    """The app icon with every rendered size (16 to 256 px), for the window and the dock."""
    icon = QIcon()
    for size in resources.ICON_SIZES:
        icon.addFile(str(resources.icon_png(size)))
    return icon
