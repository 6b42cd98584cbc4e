"""Words drawn into pictures: the replay's labels, the snapshots' captions, the overlays' notes.

OpenCV's own font has ASCII letters only, so by default a picture keeps its words in English
(a command-line run in any language makes the same videos). The app installs a painter that
draws any script with the desktop's fonts (``ui/picture_text.py``), and from then on the words
drawn are the app's language: a Chinese dancer's replay says 老师 and 你, not PRO and YOU.
No Qt here: the painter is handed in from above.
"""

from __future__ import annotations

from typing import Protocol

import cv2
import numpy as np

from dancelike.i18n import translate

_FONT = cv2.FONT_HERSHEY_SIMPLEX
Color = tuple[int, int, int]


class TextPainter(Protocol):
    """Draws text into RGB pictures; sizes follow OpenCV's ``fontScale`` (1.0: capitals ~22 px)."""

    #: Whether it can draw letters beyond ASCII (then the words are translated).
    any_script: bool

    def size(self, text: str, scale: float, thickness: int) -> tuple[int, int, int]:
        """(width, height above the baseline, depth below it) in pixels."""
        ...

    def put(self, image: np.ndarray, text: str, org: tuple[int, int], scale: float, color: Color, thickness: int, outline: bool) -> None:
        """Draw ``text`` with its baseline starting at ``org`` (in place); ``outline``: a dark edge."""
        ...


class OpenCvText:
    """OpenCV's Hershey font: ASCII only, always there."""

    any_script = False

    def size(self, text: str, scale: float, thickness: int) -> tuple[int, int, int]:
        (width, height), depth = cv2.getTextSize(text, _FONT, scale, thickness)
        return width, height, depth

    def put(self, image: np.ndarray, text: str, org: tuple[int, int], scale: float, color: Color, thickness: int, outline: bool) -> None:
        if outline:
            cv2.putText(image, text, org, _FONT, scale, (0, 0, 0), thickness + 2, cv2.LINE_AA)
        cv2.putText(image, text, org, _FONT, scale, color, thickness, cv2.LINE_AA)


_painter: TextPainter = OpenCvText()


def set_painter(painter: TextPainter | None) -> None:
    """Draw with ``painter`` from now on (None: OpenCV's font again)."""
    global _painter
    _painter = painter if painter is not None else OpenCvText()


def words(context: str, source: str) -> str:
    """``source`` in the current language when the painter can draw it, else as it is (English)."""
    return translate(context, source) if _painter.any_script else source


def size(text: str, scale: float, thickness: int = 1) -> tuple[int, int, int]:
    """(width, height, depth) of ``text`` as ``put`` would draw it."""
    return _painter.size(text, scale, thickness)


def put(image: np.ndarray, text: str, org: tuple[int, int], scale: float, color: Color, thickness: int = 1, outline: bool = False) -> None:
    """Draw ``text`` into ``image`` (RGB uint8, in place) with its baseline starting at ``org``."""
    _painter.put(image, text, org, scale, color, thickness, outline)
