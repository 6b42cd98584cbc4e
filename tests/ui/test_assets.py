"""The shipped assets: the app icon where the installed package has it, loadable at every size;
the theme's chevron; the app's window wearing the icon."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import QApplication

from dancelike import resources
from dancelike.errors import SetupError
from dancelike.ui import theme
from dancelike.ui.main_window import MainWindow
from dancelike.ui.settings import AppSettings


def test_the_assets_are_in_the_installed_package() -> None:
    import dancelike.assets

    folder = resources.assets_dir()
    assert folder == Path(dancelike.assets.__file__).parent  # found the way the package is installed (editable or not)
    for name in ("dancelike.svg", resources.COMBO_ARROW, resources.DESKTOP_ENTRY, *(f"dancelike-{n}.png" for n in resources.ICON_SIZES)):
        assert (folder / name).is_file(), name
    with pytest.raises(SetupError, match="asset file missing"):
        resources.asset_path("nothing-here.png")
    with pytest.raises(ValueError, match="no 20px icon"):
        resources.icon_png(20)


@pytest.mark.parametrize("size", resources.ICON_SIZES)
def test_each_icon_png_loads_at_its_size(qapp: QApplication, size: int) -> None:
    pixmap = QPixmap(str(resources.icon_png(size)))
    assert not pixmap.isNull() and (pixmap.width(), pixmap.height()) == (size, size)
    image = pixmap.toImage()
    assert image.hasAlphaChannel() and image.pixelColor(0, 0).alpha() == 0  # a rounded square: see-through corners
    centre = image.pixelColor(size // 2, size // 2)
    assert centre.alpha() == 255


def test_the_svg_icon_and_the_chevron_load(qapp: QApplication) -> None:
    icon = QIcon(str(resources.icon_svg()))
    assert not icon.isNull() and icon.pixmap(512).width() == 512  # scalable
    arrow = QIcon(theme.image_url(resources.COMBO_ARROW))
    assert not arrow.isNull() and not arrow.pixmap(24).isNull()


def test_the_app_icon_has_every_size(qapp: QApplication) -> None:
    icon = theme.app_icon()
    assert not icon.isNull()
    assert sorted(s.width() for s in icon.availableSizes()) == list(resources.ICON_SIZES)
    assert icon.pixmap(48).width() == 48 and icon.pixmap(20).width() <= 20


def test_the_app_window_wears_the_icon(qapp: QApplication, data_home: Path, app_settings: AppSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    """``dancelike app`` itself, offscreen, up to its event loop: that "loop" looks at the window
    and closes it (a real ``exec()`` that returned would leave Qt quitting for the later tests)."""
    from dancelike.ui import app

    monkeypatch.setattr(app, "AppSettings", lambda: app_settings)
    monkeypatch.setattr(app, "remove_leftovers", lambda root: [])  # other processes' temporary folders are not this test's
    monkeypatch.setattr(MainWindow, "run_startup", lambda self: None)  # no demo to render: the window is what is looked at
    seen: list[QIcon] = []

    def look_and_close() -> int:
        QApplication.processEvents()
        for window in [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]:
            seen.append(window.windowIcon())
            window.close()
        return 0

    assert QApplication.instance() is qapp
    monkeypatch.setattr(qapp, "exec", look_and_close)
    assert app.main([]) == 0
    assert len(seen) == 1 and not seen[0].isNull() and not seen[0].pixmap(64).isNull()
    assert sorted(s.width() for s in seen[0].availableSizes()) == list(resources.ICON_SIZES)
    assert QGuiApplication.desktopFileName() == resources.APP_ID == Path(resources.DESKTOP_ENTRY).stem
