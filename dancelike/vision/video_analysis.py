"""What tracking a whole video gives: its frames' ``BodyFrame``s and the time each stage took.

A plain record shared by the layers that make it (``pipeline.analysis``), keep it
(``store.analysis_cache``) and read it (the engine, the replays), so none of them has to
import another's workflow to name it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dancelike.vision.body import BodyFrame
from dancelike.vision.tracker import StageTimes


@dataclass
class VideoAnalysis:
    """Everything the analysis found in a video, with the time each stage took."""

    fps: float
    width: int
    height: int
    frames: list[BodyFrame]
    times: StageTimes = field(default_factory=StageTimes)
    wall_seconds: float = 0.0

    @property
    def stage_ms_per_frame(self) -> dict[str, float]:
        """Milliseconds per analysed frame for each stage (summed over workers)."""
        count = max(1, len(self.frames))
        return {stage: ms / count for stage, ms in sorted(self.times.total_ms.items())}
