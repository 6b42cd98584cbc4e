"""Words drawn into pictures (the replay's labels, the snapshots' captions) speak the app's
language once the app's Qt painter is installed; without it (the command line) they stay in
English, which OpenCV's font can draw, instead of turning into question marks."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from dancelike import i18n
from dancelike.media import text as picture_text
from dancelike.pipeline.snapshots import compose
from dancelike.ui.picture_text import QtPictureText
from dancelike.vision.body import BodyFrame


@pytest.fixture
def chinese() -> Iterator[None]:
    picture_text.set_painter(None)  # as the command line has it (a test of the app may have installed Qt's)
    i18n.set_language("zh_CN")
    try:
        yield
    finally:
        i18n.set_language("en")
        picture_text.set_painter(None)


def _snapshot() -> np.ndarray:
    rgb = np.full((240, 320, 3), 90, np.uint8)
    nobody = BodyFrame(0.0, 320, 240)
    return compose(rgb, nobody, rgb, nobody, mirrored=False)


def test_without_the_app_pictures_keep_english_words(chinese: None) -> None:
    assert picture_text.words("Snapshots", "PRO") == "PRO"  # OpenCV draws ASCII only


def test_the_apps_painter_draws_the_words_in_chinese(chinese: None, qapp: QApplication) -> None:
    english = _snapshot()
    picture_text.set_painter(QtPictureText())
    assert picture_text.words("Snapshots", "PRO") == "老师" and picture_text.words("Replay", "YOU (re-timed)") == "你（已对齐节奏）"
    chinese_picture = _snapshot()
    caption = (slice(0, 40), slice(0, 120))  # the "PRO" caption's corner
    assert english.shape == chinese_picture.shape
    assert np.abs(english[caption].astype(int) - chinese_picture[caption].astype(int)).sum() > 0
    width, ascent, _descent = picture_text.size("老师", 1.0)
    assert width > 20 and ascent > 10


def test_the_painter_draws_into_any_picture(qapp: QApplication) -> None:
    painter = QtPictureText()
    picture = np.zeros((60, 200, 3), np.uint8)
    painter.put(picture, "得分 78", (10, 40), 1.0, (255, 200, 0), 2, True)
    assert (picture[..., 0] > 200).sum() > 30  # the yellow letters
    strided = np.zeros((60, 400, 3), np.uint8)[:, ::2]  # not contiguous: drawn all the same
    painter.put(strided, "你", (10, 40), 1.0, (255, 255, 255), 1, False)
    assert (strided > 200).sum() > 10
