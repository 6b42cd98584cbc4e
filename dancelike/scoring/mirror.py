"""Whether the dancer copied the video as in a mirror: the one setting, in one place."""

from __future__ import annotations

import enum


class Mirror(str, enum.Enum):
    """``auto`` decides once from the evidence (``offline.choose_reading``); ``on``/``off`` say."""

    AUTO = "auto"
    ON = "on"
    OFF = "off"
