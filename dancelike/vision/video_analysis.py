"""What tracking a whole video gives: its frames' ``BodyFrame``s and the time each stage took.

A plain record shared by the layers that make it (``pipeline.analysis``), keep it
(``store.analysis_cache``) and read it (the engine, the replays), so none of them has to
import another's workflow to name it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from dancelike.i18n import translate
from dancelike.vision.body import BodyFrame, FrameColumns
from dancelike.vision.landmark_names import HIPS
from dancelike.vision.tracker import StageTimes


@dataclass
class Dancer:
    """One person in a video: their number (1 is the leftmost) and their body in every frame
    (a frame where they are not found holds an empty ``BodyFrame``)."""

    number: int
    frames: Sequence[BodyFrame]

    @property
    def frames_in_view(self) -> int:
        if isinstance(self.frames, FrameColumns):
            return int(self.frames.found.sum())
        return sum(1 for body in self.frames if body.found)

    def hips(self) -> np.ndarray:
        """(N, 2) hips centre per frame in image pixels (NaN where not found)."""
        out = np.full((len(self.frames), 2), np.nan)
        if isinstance(self.frames, FrameColumns):  # the same sums, on the columns
            found = self.frames.found
            out[found] = self.frames.landmarks[found][:, list(HIPS), :2].mean(axis=1)
            return out
        for index, body in enumerate(self.frames):
            if body.landmarks is not None:
                out[index] = body.landmarks[list(HIPS), :2].mean(axis=0)
        return out

    def height(self) -> float:
        """Median height of the body in pixels while in view (0 if never found)."""
        if isinstance(self.frames, FrameColumns):
            seen = self.frames.landmarks[self.frames.found][:, :, 1]
            heights = [float(value) for value in np.ptp(seen, axis=1)]
        else:
            heights = [float(np.ptp(body.landmarks[:, 1])) for body in self.frames if body.landmarks is not None]
        return float(np.median(heights)) if heights else 0.0


@dataclass
class VideoAnalysis:
    """Everything the analysis found in a video, with the time each stage took.

    ``frames`` is the followed dancer's track: a list, or ``FrameColumns`` (a cached analysis, a
    worker's results) whose part maps are read only for the frames asked for. An analysis of every dancer also lists them
    all in ``dancers`` (numbered from the left) and says in ``followed`` which one
    ``frames`` is; ``follow`` switches to another without analysing again.
    """

    fps: float
    width: int
    height: int
    frames: Sequence[BodyFrame]
    times: StageTimes = field(default_factory=StageTimes)
    wall_seconds: float = 0.0
    dancers: list[Dancer] = field(default_factory=list)
    followed: int | None = None

    def dancer(self, number: int) -> Dancer:
        """Dancer ``number``; ``KeyError`` names how many there are when there is no such one."""
        for dancer in self.dancers:
            if dancer.number == number:
                return dancer
        raise KeyError(translate("Dancers", "there is no dancer {number}: {found}").format(number=number, found=describe_count(len(self.dancers))))

    def follow(self, number: int | None) -> VideoAnalysis:
        """This analysis following dancer ``number`` (``None``: the default choice)."""
        if not self.dancers:
            return self
        chosen = default_dancer(self) if number is None else number
        return replace(self, frames=self.dancer(chosen).frames, followed=chosen)

    @property
    def stage_ms_per_frame(self) -> dict[str, float]:
        """Milliseconds per analysed frame for each stage (summed over workers)."""
        count = max(1, len(self.frames))
        return {stage: ms / count for stage, ms in sorted(self.times.total_ms.items())}


def describe_count(count: int) -> str:
    """'nobody was found', 'one dancer was found', '3 dancers were found'."""
    if count == 0:
        return translate("Dancers", "nobody was found in it")
    return translate("Dancers", "one dancer was found") if count == 1 else translate("Dancers", "{count} dancers were found").format(count=count)


def default_dancer(analysis: VideoAnalysis) -> int:
    """The dancer a learner most likely means: the most in view, near the centre, large.

    Time in view counts most; being far from the middle of the picture or smaller than
    the largest dancer lowers the score (a class filmed from the front: the teacher).
    """
    if not analysis.dancers:
        raise KeyError(describe_count(0))
    tallest = max(dancer.height() for dancer in analysis.dancers) or 1.0

    def merit(dancer: Dancer) -> float:
        hips = dancer.hips()
        seen = ~np.isnan(hips[:, 0])
        if not seen.any():
            return 0.0
        off_centre = abs(float(np.median(hips[seen, 0])) / max(1, analysis.width) - 0.5) * 2.0
        share = seen.mean()
        return float(share * (1.0 - 0.5 * off_centre) * (0.5 + 0.5 * dancer.height() / tallest))

    return max(analysis.dancers, key=merit).number
