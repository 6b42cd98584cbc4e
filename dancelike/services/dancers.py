"""Choosing whom to follow in a group video: what the picker shows, and the choice kept.

The import analysed every dancer of the video into the analysis cache, so choosing another is
instant: the choreography's row keeps the dancer's number (``Store.set_dancer``) and every
session, re-score and replay follows it (``pipeline.reference.follow_kept_choice``). Only the chosen
dancer's chance level may still have to be measured (about a second a minute of video):
``measure_choice`` does it, in the background, so a live session has it from its first frame.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dancelike.errors import InputError
from dancelike.i18n import translate
from dancelike.pipeline.dancer_thumbnails import dancer_thumbnails
from dancelike.pipeline.reference import follow_kept_choice
from dancelike.services.library import measure_chance
from dancelike.store import analysis_cache
from dancelike.store.db import Choreography, Store
from dancelike.vision.video_analysis import VideoAnalysis, default_dancer


@dataclass(frozen=True)
class DancerChoice:
    """One dancer as the picker shows them."""

    number: int
    seconds_in_view: float
    #: RGB, cropped around the dancer where they are most visible (None: no picture).
    thumbnail: np.ndarray | None
    suggested: bool

    @property
    def name(self) -> str:
        return translate("Dancers", "Dancer {number}").format(number=self.number)


@dataclass(frozen=True)
class DancerPick:
    """A group video's dancers, whom the automatic choice follows and whom the user chose."""

    choreography: Choreography
    key: str
    analysis: VideoAnalysis
    choices: list[DancerChoice]
    seconds: float

    @property
    def suggested(self) -> int:
        return next(choice.number for choice in self.choices if choice.suggested)

    @property
    def chosen(self) -> int:
        """The dancer followed now: the one chosen, else the suggested one."""
        numbers = {choice.number for choice in self.choices}
        return self.choreography.dancer if self.choreography.dancer in numbers else self.suggested


def dancer_pick(store: Store, choreography_id: int) -> DancerPick:
    """Every dancer of the choreography's video with a thumbnail (reads one frame each: run it in
    a worker). ``InputError`` when the choreography is gone or its analysis is not cached."""
    choreography = store.choreography(choreography_id)
    if choreography is None:
        raise InputError(translate("Dancers", "choreography {id} is not in the library (deleted?)").format(id=choreography_id))
    try:
        key = analysis_cache.content_key(choreography.video)
    except OSError as exc:
        raise InputError(translate("Dancers", "{path}: cannot read the video ({reason})").format(path=choreography.video, reason=exc.strerror or exc)) from exc
    analysis = analysis_cache.load(key)
    if analysis is None or not analysis.dancers:
        raise InputError(translate("Dancers", "\u201c{title}\u201d is not analysed yet; dance it once, then choose a dancer").format(title=choreography.title))
    pictures = dancer_thumbnails(choreography.video, analysis)
    suggested = default_dancer(analysis)
    fps = analysis.fps or choreography.fps or 30.0
    choices = [DancerChoice(dancer.number, dancer.frames_in_view / fps, pictures.get(dancer.number), dancer.number == suggested) for dancer in analysis.dancers]
    return DancerPick(choreography, key, analysis, choices, len(analysis.frames) / fps)


def choose_dancer(store: Store, choreography_id: int, number: int | None) -> Choreography:
    """Follow dancer ``number`` from now on (None: the automatic choice); instant."""
    return store.set_dancer(choreography_id, number)


def measure_choice(pick: DancerPick, number: int | None) -> None:
    """Measure the chosen dancer's chance level if it was not kept yet (about a second a minute)."""
    measure_chance(pick.key, follow_kept_choice(pick.analysis, number))


def in_view_text(choice: DancerChoice, seconds: float) -> str:
    """'in view 24 s of 27 s'."""
    return translate("Dancers", "in view {seen} s of {seconds} s").format(seen=f"{choice.seconds_in_view:.0f}", seconds=f"{seconds:.0f}")


def dancer_label(choreography: Choreography) -> str:
    """'Dancer 2 of 3' for a group video ('Auto dancer of 3' before one is chosen); '' otherwise."""
    if not choreography.has_dancers_to_choose:
        return ""
    if choreography.dancer is None:
        return translate("Dancers", "Auto dancer of {dancers}").format(dancers=choreography.dancers)
    return translate("Dancers", "Dancer {dancer} of {dancers}").format(dancer=choreography.dancer, dancers=choreography.dancers)
