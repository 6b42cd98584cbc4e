"""``dancelike demo``: write the demo choreography and two demo performances.

The demo lets a new user try scoring without filming anything, and it is the fixture
set the scoring tests describe: a pro dancing the "groove" choreography, a good copy by
a different-looking person (slightly late, a little noise, elsewhere in another room) and
a sloppy one (half a second late and drifting later, lazy moves, wandering). Each video
has its ground truth (``NAME.truth.json``) beside it. The poses are deterministic.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from dancelike.errors import InputError
from dancelike.i18n import QT_TRANSLATE_NOOP, translate
from dancelike.store.paths import subdir
from dancelike.synth.choreography import choreography
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, Truth, render_performance

DEMO_CHOREOGRAPHY = "groove"
#: Length of each demo video; None = the whole choreography (tests shorten it).
DEMO_SECONDS: float | None = None


@dataclass(frozen=True)
class DemoVideo:
    """One demo file: its name, who dances how, and a line for the user."""

    name: str
    dancer: Dancer
    scene: Scene
    what: str


DEMO_VIDEOS = (
    DemoVideo("choreography", Dancer(), Scene(person=0, room=0), QT_TRANSLATE_NOOP("Demo", "the pro's choreography")),
    DemoVideo(
        "good",
        Dancer(offset=0.15, sloppiness=0.15, seed=1),
        Scene(person=2, room=1, x=0.42, size=0.64),
        QT_TRANSLATE_NOOP("Demo", "a good performance (another dancer, 0.15 s late)"),
    ),
    DemoVideo(
        "sloppy",
        Dancer(offset=0.5, drift=0.3, sloppiness=0.8, wander=0.12, seed=2),
        Scene(person=3, room=3, x=0.56, size=0.62),
        QT_TRANSLATE_NOOP("Demo", "a sloppy performance (0.5 s late and drifting)"),
    ),
)


def write_demo(folder: Path, on_written: object = None) -> list[Path]:
    """Render the three demo videos into ``folder``; returns their paths."""
    if folder.exists() and not folder.is_dir():
        raise InputError(translate("Demo", "{path}: is a file, not a folder").format(path=folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(translate("Demo", "{path}: cannot create the folder ({reason})").format(path=folder, reason=exc.strerror or exc)) from exc
    dance = choreography(DEMO_CHOREOGRAPHY)
    written = []
    for video in DEMO_VIDEOS:
        path = folder / f"{video.name}.mp4"
        truth = render_performance(
            path,
            dance,
            video.dancer,
            video.scene,
            duration=DEMO_SECONDS or dance.duration,
        )
        written.append(path)
        if callable(on_written):
            on_written(path, video, truth)
    return written


def run(args: argparse.Namespace) -> int:
    folder = Path(args.out) if getattr(args, "out", None) else subdir("demo")
    dance = choreography(DEMO_CHOREOGRAPHY)

    def report(path: Path, video: DemoVideo, truth: Truth) -> None:
        said = translate("Demo", "wrote {path} ({what}; {seconds} s, {bpm} BPM) and {truth}").format(
            path=path, what=translate("Demo", video.what), seconds=f"{truth.params['duration']:.1f}", bpm=f"{dance.bpm:g}", truth=f"{path.stem}.truth.json"
        )
        print(said, flush=True)

    write_demo(folder, report)
    return 0
