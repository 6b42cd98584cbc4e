"""The history's records: a choreography in the library and a dance session, as the store
reads them from their rows (``store.db`` builds them; every layer above reads them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from dancelike.store.session_folder import SessionFolder


@dataclass(frozen=True)
class Choreography:
    """A video in the library, with what the library grid shows about it."""

    id: int
    title: str
    video: Path
    duration: float
    fps: float
    width: int
    height: int
    thumbnail: Path | None
    added_at: datetime
    analysed: bool
    is_demo: bool
    best_score: float | None
    session_count: int
    #: The dancer of a group video the learner follows (their number; None: the automatic choice).
    dancer: int | None = None
    #: How many dancers the analysis found (None: not known yet).
    dancers: int | None = None

    @property
    def has_dancers_to_choose(self) -> bool:
        """A group video: there is a dancer to choose."""
        return (self.dancers or 0) >= 2


@dataclass(frozen=True)
class SessionRecord:
    """One dance session; file fields are set only when the file exists on disk."""

    id: int
    choreography_id: int
    choreography_title: str
    started_at: datetime
    ended_at: datetime | None
    status: str
    score: float | None
    grade: str | None
    duration: float | None
    parts: dict[str, float | None]  # None: not in view, not judged
    folder: Path
    recording: Path | None
    report: Path | None
    replay: Path | None
    message: str
    group: str | None = None  # shared by the rows of one session danced by two players
    player: int | None = None  # 1 or 2 when two danced; None for one

    @property
    def title(self) -> str:
        """The choreography's title, with the player when two danced ("Groove · Player 2")."""
        return self.choreography_title if self.player is None else f"{self.choreography_title} \u00b7 Player {self.player}"

    @property
    def files(self) -> SessionFolder:
        """The session folder's files by name (whether or not they exist yet)."""
        return SessionFolder(self.folder)
