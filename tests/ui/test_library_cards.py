"""Library cards as a user sees them: a phone's vertical video keeps its dancers' heads on the card,
and an import's row says how long it has left."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dancelike.media.writer import write_png
from dancelike.ui.library_cards import TaskRow, Thumbnail
from dancelike.ui.time_left import TimeLeft, time_left_text

RED, BLUE = (230, 20, 20), (20, 20, 230)


def banded(path: Path, width: int, height: int, top_share: float) -> Path:
    """A picture whose top ``top_share`` is red (the heads) and the rest blue."""
    rgb = np.empty((height, width, 3), np.uint8)
    rgb[:] = BLUE
    rgb[: round(height * top_share)] = RED
    write_png(path, rgb)
    return path


def shown(qtbot: QtBot, path: Path) -> tuple[Thumbnail, QImage]:
    thumbnail = Thumbnail(path, "0:42", False)
    qtbot.addWidget(thumbnail)
    thumbnail.resize(320, 180)
    thumbnail.show()
    qtbot.waitExposed(thumbnail, timeout=5000)
    return thumbnail, thumbnail.grab().toImage()


def is_red(color: QColor) -> bool:
    return color.red() > 150 and color.blue() < 100


def test_a_portrait_thumbnail_keeps_the_top_of_the_frame(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    # a phone video (9:16) with the heads in its top tenth: cropped to 16:9 around the middle, it lost them
    thumbnail, image = shown(qtbot, banded(tmp_path / "portrait.png", 180, 320, 0.1))
    picture = thumbnail.picture
    assert not picture.isEmpty() and picture.top() <= 1 and picture.bottom() >= thumbnail.height() - 2  # whole height shown
    centre = picture.center().x()
    assert is_red(image.pixelColor(centre, picture.top() + 4))  # the top of the frame, heads and all
    assert not is_red(image.pixelColor(centre, picture.bottom() - 4))  # ... and its feet
    assert image.pixelColor(4, 90) != image.pixelColor(centre, 90)  # the sides are a dimmed copy, not the picture


def test_a_landscape_thumbnail_fills_the_card_and_keeps_the_top(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    thumbnail, image = shown(qtbot, banded(tmp_path / "square.png", 320, 240, 0.12))  # 4:3: a little taller than the card
    assert thumbnail.picture.isEmpty()  # filled, not letterboxed
    assert is_red(image.pixelColor(160, 3)) and not is_red(image.pixelColor(160, 170))
    assert not is_red(image.pixelColor(3, 90))  # edge to edge


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(4, "a few seconds left"), (42, "about 45 s left"), (61, "about 2 min left"), (600, "about 10 min left"), (4000, "about 1 h 7 min left")],
)
def test_time_left_words(seconds: float, text: str) -> None:
    assert time_left_text(seconds) == text


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_an_import_row_says_how_long_is_left(qtbot: QtBot, qapp: QApplication) -> None:
    clock = Clock()
    row = TaskRow("Importing dance.mp4", cancellable=True, clock=clock)
    qtbot.addWidget(row)
    row.resize(1100, 80)
    row.show()
    row.set_progress(0.0)
    clock.now += 0.5
    row.set_progress(0.1)  # the copy is quick: no promise from it
    assert row.eta.text() == ""
    for _ in range(30):  # then the analysis: 1% every 2 s, so 0.6 left takes about 2 min
        clock.now += 2.0
        row.set_progress(row.value + 0.01)
    qtbot.waitUntil(lambda: row.eta.isVisible() and row.eta.text() != "", timeout=5000)
    assert row.eta.text() == "about 2 min left", row.eta.text()
    assert row.percent.text() == "40%"
    clock.now += 1.0
    row.set_progress(0.995)
    assert row.eta.text() == "almost done"
    row.fail("Could not import dance.mp4: nobody was found", "Import a video with a dancer in it.")
    assert not row.eta.isVisible()


def test_the_estimate_forgets_a_stage_that_went_backwards() -> None:
    clock = Clock()
    left = TimeLeft(clock)
    for k in range(10):
        clock.now += 1.0
        left.update(0.1 * k)
    assert left.seconds is not None and left.seconds == pytest.approx(1.0, abs=1.5)
    clock.now += 1.0
    left.update(0.05)  # a job whose next stage counts from 0 again
    assert left.text() != ""  # the old estimate stays until the new stage has a rate
