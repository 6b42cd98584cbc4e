"""Live, the people detector's tiles are spread over frames: never more than one detector run in
a frame (four at once made a frame take four runs), the whole picture every other frame."""

from __future__ import annotations

import numpy as np

from dancelike.vision.detector import Detection, Region, tiles
from dancelike.vision.frames import Image
from dancelike.vision.people import PeopleTracker


class Nobody:
    """A detector that finds no one and remembers where it was asked to look, frame by frame."""

    def __init__(self) -> None:
        self.frames: list[list[Region | None]] = []

    def detect(self, image: Image, region: Region | None = None) -> list[Detection]:
        self.frames[-1].append(region)
        return []


def _looks(spread: bool, frames: int = 6) -> list[list[Region | None]]:
    tracker = PeopleTracker(max_people=1, spread=spread)
    detector = Nobody()
    tracker.detector = detector  # type: ignore[assignment]  # a stand-in with the same detect()
    picture = np.zeros((720, 1280, 3), np.uint8)  # an empty room, as a 720p webcam sees it
    for k in range(frames):
        detector.frames.append([])
        assert tracker.process_all(picture, k / 30) == []
    return detector.frames


def test_live_the_tiles_are_spread_over_frames() -> None:
    looks = _looks(spread=True)
    left, middle, right = tiles(1280, 720)
    assert looks == [[None], [left], [None], [middle], [None], [right]]


def test_offline_an_empty_picture_is_searched_whole_and_in_every_tile_at_once() -> None:
    looks = _looks(spread=False)
    assert len(looks[0]) == 4 and looks[0][0] is None and set(looks[0][1:]) == set(tiles(1280, 720))
    assert all(len(frame) == 1 for frame in looks[1:])
