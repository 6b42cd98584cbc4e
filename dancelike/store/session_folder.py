"""A session's folder and the names of the files in it: the one place that knows the layout.

``sessions/<id>/`` holds what a dance session leaves: the recording, the report (JSON, plus the
per-frame arrays the JSON leaves out, so a replay can be made again), the replay and the
snapshots of the weakest moves. The store, the session service and the results screen all
name these files through ``SessionFolder``; none spells a file name itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SessionFolder:
    """The files of one session, whether or not they exist yet."""

    path: Path

    RECORDING = "recording.mp4"
    REPORT = "report.json"
    ARRAYS = "report_arrays.npz"
    REPLAY = "replay.mp4"

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", Path(self.path))

    @property
    def recording(self) -> Path:
        """The camera's recording (fragmented MP4: playable up to its last complete fragment)."""
        return self.path / self.RECORDING

    @property
    def report(self) -> Path:
        """The report as JSON (``Report.to_json`` plus the session's own fields)."""
        return self.path / self.REPORT

    @property
    def arrays(self) -> Path:
        """The report's per-frame arrays, which the JSON leaves out."""
        return self.path / self.ARRAYS

    @property
    def replay(self) -> Path:
        """Where the side-by-side replay is written by default."""
        return self.path / self.REPLAY

    def snapshot(self, rank: int) -> Path:
        """The snapshot of the ``rank``-th weakest move (0 = weakest)."""
        return self.path / f"weakest_{rank + 1}.png"

    def snapshots(self, count: int) -> list[Path] | None:
        """The ``count`` saved snapshot files, or None when any is missing."""
        paths = [self.snapshot(k) for k in range(count)]
        return paths if all(p.is_file() for p in paths) else None
