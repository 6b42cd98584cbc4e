"""Render the app icon's PNGs from its SVG: assets/dancelike.svg -> assets/dancelike-<N>.png.

    .venv/bin/python scripts/render_icons.py [--check]

One PNG per size in ``dancelike.resources.ICON_SIZES`` (16 to 256 px), drawn by Qt's SVG
renderer with antialiasing on a transparent background. Run it after editing the SVG and commit
the PNGs (the app, the window manager and ``make install`` use them; nothing renders at run
time). ``--check`` renders into memory and says whether the committed PNGs are up to date.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ASSETS = REPO / "assets"


def render(svg: Path, size: int) -> object:
    """The SVG drawn into a ``size`` x ``size`` ARGB image (a QImage)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the committed PNGs match the SVG")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed

    from PySide6.QtGui import QGuiApplication, QImage

    from dancelike.resources import ICON_NAME, ICON_SIZES

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 (Qt's painting needs one)
    svg = ASSETS / f"{ICON_NAME}.svg"
    stale = []
    for size in ICON_SIZES:
        image = render(svg, size)
        target = ASSETS / f"{ICON_NAME}-{size}.png"
        if args.check:
            committed = QImage(str(target)).convertToFormat(QImage.Format.Format_ARGB32)
            if committed != image:
                stale.append(target.name)
            continue
        if not image.save(str(target), "PNG"):  # type: ignore[attr-defined]
            raise SystemExit(f"render_icons: cannot write {target}")
        print(f"wrote {target.relative_to(REPO)} ({size}x{size})")
    if stale:
        print(f"out of date: {', '.join(stale)}; run python scripts/render_icons.py", file=sys.stderr)
        return 1
    if args.check:
        print("icon PNGs: up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
