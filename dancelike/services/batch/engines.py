"""Where a batch's performances are analysed and scored: this computer, or a Ray cluster.

An engine only moves work: ``pipeline.batch_job`` does the work itself, so every engine gives
the same rows. The local engine is the app's own worker processes (``AnalysisPool``): each
worker takes whole clips, one at a time, as a Ray worker does (so both engines track every clip
the same way and give the same scores), and the clips are scored in this process as they finish. Ray is an optional extra, imported only
when ``--ray`` asks for it.
"""

from __future__ import annotations

import importlib.util
import queue
import re
import threading
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Protocol

from dancelike.errors import InputError
from dancelike.i18n import translate
from dancelike.pipeline.analysis import AnalysisPool, default_workers
from dancelike.pipeline.batch_job import ReferenceBundle, score_clip
from dancelike.vision.video_analysis import VideoAnalysis

#: What ``--ray`` accepts: local, auto, HOST:PORT or ray://HOST:PORT.
_ADDRESS = re.compile(r"^(local|auto|(ray://)?[A-Za-z0-9_.\-\[\]:]+:\d{1,5})$")
#: How often the analysing thread looks whether it should stop (seconds).
_POLL = 0.2


class Engine(Protocol):
    """Runs ``score_clip`` on many clips against one prepared reference."""

    name: str
    workers: int

    def map_clips(self, bundle: ReferenceBundle, clips: list[Path], every_dancer: bool) -> Iterator[tuple[Path, list[dict] | BaseException]]:
        """Each clip's rows (or the exception that failed it), as clips finish, in any order."""
        ...

    def close(self) -> None: ...


class LocalEngine:
    """This computer's analysis workers; the reference is prepared with the same pool.

    ``keep_pairs`` keeps each row's ``ScoredPair`` (under "pair") for replays: they stay in this
    process, so only this engine can write them."""

    name = "local"

    def __init__(self, workers: int | None = None, keep_pairs: bool = False) -> None:
        self.workers = workers or default_workers()
        self.keep_pairs = keep_pairs
        self._pool: AnalysisPool | None = None
        self._thread: threading.Thread | None = None

    @property
    def pool(self) -> AnalysisPool:
        """The worker processes, started at first use (a bad command line starts none)."""
        if self._pool is None:
            self._pool = AnalysisPool(self.workers)
        return self._pool

    def _analyse(self, clip: Path, every_dancer: bool) -> VideoAnalysis:
        try:
            return self.pool.analyze(str(clip), all_dancers=every_dancer, whole=True)
        except BrokenProcessPool:  # a worker died (killed, out of memory): fresh workers for the next clip
            broken, self._pool = self._pool, None
            if broken is not None:
                broken.close()
            raise

    def map_clips(self, bundle: ReferenceBundle, clips: list[Path], every_dancer: bool) -> Iterator[tuple[Path, list[dict] | BaseException]]:
        """One whole clip per worker at a time (as a Ray worker takes them), scored here as each
        finishes; at most one finished clip per worker waits to be scored."""
        analysed: queue.Queue[tuple[Path, VideoAnalysis | BaseException]] = queue.Queue(maxsize=self.workers)
        todo: queue.Queue[Path] = queue.Queue()
        for clip in clips:
            todo.put(clip)
        stop = threading.Event()

        def analyse_some() -> None:
            while not stop.is_set():
                try:
                    clip = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    result: VideoAnalysis | BaseException = self._analyse(clip, every_dancer)
                except BaseException as exc:  # noqa: BLE001 - a broken clip is a row; Ctrl-C in a worker is passed on, never printed here
                    result = exc
                while not stop.is_set():
                    try:
                        analysed.put((clip, result), timeout=_POLL)
                        break
                    except queue.Full:
                        continue

        def analyse_all() -> None:
            threads = [threading.Thread(target=analyse_some, name=f"batch-analysis-{k}", daemon=True) for k in range(max(1, min(self.workers, len(clips))))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

        self._thread = threading.Thread(target=analyse_all, name="batch-analysis", daemon=True)
        self._thread.start()
        try:
            for _ in clips:
                clip, result = analysed.get()
                if isinstance(result, KeyboardInterrupt):  # Ctrl-C reached the workers first
                    raise KeyboardInterrupt
                if isinstance(result, BaseException):
                    yield clip, result
                    continue
                try:
                    rows: list[dict] | BaseException = score_clip(bundle, clip, result, every_dancer, keep_pair=self.keep_pairs)
                except Exception as exc:  # noqa: BLE001 - one clip's failure never stops the batch
                    rows = exc
                yield clip, rows
        finally:
            stop.set()

    def close(self) -> None:
        """Stop the workers (the clip being analysed is given up)."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        if self._thread is not None:
            self._thread.join(timeout=5.0)
            self._thread = None


def ray_available() -> bool:
    """Whether the optional Ray is installed (without importing it: that takes seconds)."""
    return importlib.util.find_spec("ray") is not None


def make_engine(spec: str | None, workers: int | None, **options: Any) -> Engine:
    """``None``: this computer's workers; "local" (a Ray started here) or "HOST:PORT" (a running
    cluster's head): Ray. ``InputError`` (one line, exit 2) for a bad address or without Ray.
    ``options`` go to the local engine (``keep_pairs``)."""
    if workers is not None and workers < 1:
        raise InputError(translate("Commands", "--workers must be at least 1"))
    if spec is None:
        return LocalEngine(workers, **options)
    if not _ADDRESS.match(spec):
        raise InputError(translate("Batch", "--ray {address}: give the cluster head's HOST:PORT (e.g. 192.168.1.10:6379) or local").format(address=spec))
    from dancelike.services.batch.ray_engine import NEEDS_RAY, RayEngine  # imports no Ray itself

    if not ray_available():
        raise InputError(translate("Batch", NEEDS_RAY))

    engine: Engine = RayEngine(spec, workers)
    return engine
