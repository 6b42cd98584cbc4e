"""Each dancer's picture for the picker: the frame where they are most visible, a box of the
thumbnail's shape around them inside the picture, the others dimmed. Bodies made by hand."""

from __future__ import annotations

import numpy as np
import pytest

from dancelike.pipeline.dancer_thumbnails import DIM, best_frame, crop_box, spotlight
from dancelike.vision.body import BodyFrame
from dancelike.vision.video_analysis import Dancer


def _standing(x: float, top: float = 100.0, height: float = 300.0, visibility: float = 1.0) -> np.ndarray:
    """33 landmarks of a body standing at ``x``: head at ``top``, feet ``height`` below."""
    landmarks = np.zeros((33, 4), np.float32)
    landmarks[:, 0] = x + np.linspace(-40, 40, 33)
    landmarks[:, 1] = np.linspace(top, top + height, 33)
    landmarks[:, 3] = visibility
    return landmarks


def test_best_frame_is_the_most_visible_then_the_largest() -> None:
    frames = [
        BodyFrame(0.0, 640, 480),  # not found
        BodyFrame(0.1, 640, 480, _standing(320, visibility=0.2), 0.9),  # barely visible
        BodyFrame(0.2, 640, 480, _standing(620), 0.9),  # half outside the picture
        BodyFrame(0.3, 640, 480, _standing(320, height=250), 0.9),
        BodyFrame(0.4, 640, 480, _standing(320, height=300), 0.9),  # fully seen and the largest
    ]
    assert best_frame(Dancer(1, frames), 640, 480) == 4
    assert best_frame(Dancer(2, [BodyFrame(0.0, 640, 480)]), 640, 480) is None


def test_crop_box_has_the_thumbnail_shape_and_stays_in_the_picture() -> None:
    for x, top, height in ((320, 100, 300), (10, 5, 470), (630, 0, 200), (320, 60, 40)):
        x0, y0, x1, y1 = crop_box(_standing(x, top, height), 640, 480, 0.6)
        assert 0 <= x0 < x1 <= 640 and 0 <= y0 < y1 <= 480
        assert (x1 - x0) / (y1 - y0) == pytest.approx(0.6, abs=0.02)
    x0, y0, x1, y1 = crop_box(_standing(320, 100, 300), 640, 480, 0.6)
    assert y0 <= 100 and y1 >= 400 and x0 <= 280 and x1 >= 360  # the whole body, with a margin


def test_spotlight_dims_everything_but_the_dancer() -> None:
    picture = np.full((480, 640, 3), 200, np.uint8)
    body = _standing(320, 100, 300)
    crop = spotlight(picture, body, 0.6)
    x0, y0, _x1, _y1 = crop_box(body, 640, 480, 0.6)
    on_body = crop[round(250 - y0), round(320 - x0)]
    corner = crop[2, 2]
    assert on_body.min() >= 190 and corner.max() <= 200 * DIM + 2
