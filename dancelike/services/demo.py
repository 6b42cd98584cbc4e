"""The demo choreography, there on first launch: the synthetic pro dancing "groove".

It is the video ``dancelike demo`` writes as ``choreography.mp4`` (the same dancer, scene,
music and encoder calls as ``synth.performance.render_performance``, so the bytes, and so
the analysis cache key, are the same), rendered here frame by frame so the first launch can
show real progress, then added to the library with ``is_demo=True`` and analysed.

Idempotent: later calls return the existing demo. If its video has gone missing from the
data folder, it is rendered again in place; if its analysis never finished, it is finished.
Without a webcam the app dances the demo dancer against it, so the demo always comes back.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path

from dancelike.atomic import atomic_output
from dancelike.media.writer import VideoWriter
from dancelike.services.library import VideoInfo, adopt, analyse_choreography, check_cancelled, make_thumbnail, new_staging
from dancelike.store.db import Choreography, Store
from dancelike.synth.choreography import choreography
from dancelike.synth.motion import Dancer
from dancelike.synth.music import SAMPLE_RATE, render_music
from dancelike.synth.performance import Scene, render_frames

DEMO_TITLE = "Demo: Groove"
DEMO_CHOREOGRAPHY = "groove"
#: The pro of ``dancelike demo`` (commands/demo.py ``DEMO_VIDEOS[0]``; store does not import commands).
DEMO_DANCER = Dancer()
DEMO_SCENE = Scene(person=0, room=0)
#: Length of the demo video; None = the whole choreography (tests shorten it).
DEMO_SECONDS: float | None = None
#: Share of the progress bar for rendering (the analysis takes the rest).
RENDER_SHARE = 0.3


def ensure_demo(store: Store, on_progress: Callable[[float], None] | None = None, cancel: threading.Event | None = None) -> Choreography:
    """The demo choreography: rendered, added and analysed on first call, then returned as is.

    ``cancel`` (the app closing during the first launch) raises ``ImportCancelled``: a
    half-rendered video is removed; a rendered one stays and its analysis is finished by
    the next call.
    """
    report = on_progress or (lambda _fraction: None)
    existing = store.demo()
    if existing is not None and existing.video.is_file():
        if not existing.analysed:
            existing = analyse_choreography(store, existing, report, cancel)
        report(1.0)
        return existing
    if existing is not None:  # the row survived, the video did not: render it again in place
        folder = store.choreography_folder(existing.id)
        video = render_demo(folder / "video.mp4", lambda share: report(RENDER_SHARE * share), cancel)
        thumbnail = make_thumbnail(video, existing.duration, folder / "thumbnail.png")
        demo = store.set_media(existing.id, video, thumbnail)
    else:
        staging = new_staging(store)
        try:
            video = render_demo(staging / "video.mp4", lambda share: report(RENDER_SHARE * share), cancel)
            info = _info()
            thumbnail = make_thumbnail(video, info.duration, staging / "thumbnail.png")
            demo = adopt(store, staging, DEMO_TITLE, video, thumbnail, info, is_demo=True)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    store.set_analysed(demo.id, False)
    demo = analyse_choreography(store, demo, lambda share: report(RENDER_SHARE + (1 - RENDER_SHARE) * share), cancel)
    report(1.0)
    return demo


def _duration() -> float:
    return DEMO_SECONDS or choreography(DEMO_CHOREOGRAPHY).duration / DEMO_DANCER.tempo


def _info() -> VideoInfo:
    duration = _duration()
    return VideoInfo(duration, DEMO_SCENE.fps, DEMO_SCENE.width, DEMO_SCENE.height, round(duration * DEMO_SCENE.fps))


def render_demo(path: Path, on_progress: Callable[[float], None] | None = None, cancel: threading.Event | None = None) -> Path:
    """Write the demo video to ``path`` (what ``render_performance`` writes, without its truth file).

    It appears whole or not at all: cancelled or failed, nothing is left at ``path``.
    """
    dance, dancer, scene = choreography(DEMO_CHOREOGRAPHY), DEMO_DANCER, DEMO_SCENE
    duration = _duration()
    count = round(duration * scene.fps)
    pcm = render_music(dance.bpm * dancer.tempo, duration)
    written = 0  # audio samples written so far; the same blocks as render_performance
    with atomic_output(path) as part, VideoWriter(part, scene.fps, scene.width, scene.height, audio_rate=SAMPLE_RATE) as writer:
        for k, (frame, _landmarks) in enumerate(render_frames(dance, dancer, scene, duration)):
            check_cancelled(cancel)
            writer.write(frame)
            until = min(int((k + 1) * SAMPLE_RATE / scene.fps), pcm.shape[1])
            writer.write_audio(pcm[:, written:until].T)
            written = max(written, until)
            if on_progress is not None and k % 15 == 0:
                on_progress(k / count)
        writer.write_audio(pcm[:, written:].T)
    if on_progress is not None:
        on_progress(1.0)
    return path
