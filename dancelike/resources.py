"""The files that ship with the app: the repository's top-level ``assets/`` folder, installed
as the ``dancelike.assets`` package (like ``models/``), so they are found the same way in an
editable checkout and in a plain ``pip install .``. No Qt here: the UI turns these paths into
icons and style sheets.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from dancelike.errors import SetupError
from dancelike.i18n import translate

#: The app's id: the desktop entry's name (dancelike.desktop, ``QGuiApplication.desktopFileName``).
APP_ID = "dancelike"
#: The icon's name in the desktop entry and the icon theme (``Icon=dancelike``).
ICON_NAME = APP_ID
#: The sizes the icon is rendered at: assets/dancelike-<N>.png (scripts/render_icons.py).
ICON_SIZES = (16, 32, 48, 64, 128, 256)
#: The freedesktop desktop entry (a template: ``make install`` points its Exec at the venv).
DESKTOP_ENTRY = f"{APP_ID}.desktop"
#: The theme's combo-box chevron.
COMBO_ARROW = "combo-arrow.svg"


def assets_dir() -> Path:
    """The folder holding the shipped assets (inside the installed package)."""
    return Path(str(resources.files("dancelike.assets")))


def asset_path(name: str) -> Path:
    """The path of the shipped asset ``name``; ``SetupError`` when the install lacks it."""
    path = assets_dir() / name
    if not path.is_file():
        raise SetupError(translate("Resources", "asset file missing: {path}; reinstall dancelike (pip install .)").format(path=path))
    return path


def icon_svg() -> Path:
    """The app icon as SVG (scalable)."""
    return asset_path(f"{ICON_NAME}.svg")


def icon_png(size: int) -> Path:
    """The app icon rendered at ``size`` x ``size`` pixels (one of ``ICON_SIZES``)."""
    if size not in ICON_SIZES:
        raise ValueError(f"no {size}px icon; sizes: {', '.join(map(str, ICON_SIZES))}")
    return asset_path(f"{ICON_NAME}-{size}.png")
