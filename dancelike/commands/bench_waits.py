"""``dancelike bench waits``: the waits a user sits through, each against its bar.

Three figures, on a 15-s clip (the generated reference ``bench live`` uses, 640x480 at 30 fps,
or with ``--hd`` its real-world sizes: a 1920x1080 60 fps dance, a 1280x720 camera; or ``VIDEO``):

* **import**: seconds for ``services.library.import_video`` (copy, thumbnail, every dancer
  analysed and cached, chance level) into an empty library; bar: two thirds of the clip's length
  (10 s for 15 s).
* **analysis rate**: the frames a second the import's own progress reports show it analysing,
  against ``bench analyze --all-dancers``'s rate on the same clip (warm workers, no import
  around them); bar: at least 90% of it.
* **replay**: seconds from a dance's results to its replay being playable: a recording of the
  clip's length danced by someone else (the generated camera file), scored against the imported
  dance, then ``session_replay.write_session_replay`` as the results screen runs it (reference
  from the cache, the recording analysed, the two drawn side by side); bar: the dance's length.

Each wait also says how good its time-left estimate was: at a third of the wait, the time left
that the share done so far gives (as the progress panels compute it) beside the time it took.

Everything runs in a temporary data folder (removed after), with the landmark model this machine
uses fixed, so nothing is left in the user's library or cache and nothing is measured twice.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from dancelike.commands._io import check_outputs, write_json
from dancelike.errors import InputError
from dancelike.i18n import translate
from dancelike.media.video import VideoReader, is_image

#: The bars, as ``bench live`` states them: (operator, limit).
TARGETS = {"import_vs_length": ("<=", 2 / 3), "import_analysis_vs_bench": (">=", 0.9), "replay_vs_length": ("<=", 1.0)}
#: Length of the generated clips (seconds).
SECONDS = 15.0

Samples = list[tuple[float, float]]


@contextmanager
def scratch_home() -> Iterator[Path]:
    """A temporary data folder for the run (``DANCELIKE_HOME``), with the landmark model decided
    in the real one fixed (``DANCELIKE_LANDMARK_MODEL``, which worker processes inherit)."""
    from dancelike.vision.model_choice import ENV, current

    label = current().label
    saved = {name: os.environ.get(name) for name in ("DANCELIKE_HOME", ENV)}
    folder = Path(tempfile.mkdtemp(prefix="dancelike-bench-waits-"))
    os.environ["DANCELIKE_HOME"], os.environ[ENV] = str(folder), label
    try:
        yield folder
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(folder, ignore_errors=True)


def estimate_at_third(samples: Samples, total: float) -> tuple[float, float] | None:
    """(said, actual): at the first progress report a third of the way into a wait, the time
    left that the share done gives at the pace so far, and the time that was really left."""
    for t, fraction in samples:
        if t >= total / 3 and fraction > 0:
            return t * (1.0 - fraction) / fraction, total - t
    return None


def analysis_rate(samples: Samples, start: float, frames: int, share: float) -> float | None:
    """Frames a second analysed, from progress reports ``start + share * done / frames``
    (those strictly inside the analysis: the first and last report of it)."""
    inside = [(t, (f - start) / share * frames) for t, f in samples if start < f < start + share * 0.99]
    if len(inside) < 2 or inside[-1][0] <= inside[0][0]:
        return None
    return (inside[-1][1] - inside[0][1]) / (inside[-1][0] - inside[0][0])


def timed(samples: Samples) -> tuple[Any, float]:
    """A progress callback appending (seconds since now, fraction) to ``samples``, and now."""
    started = time.perf_counter()

    def report(fraction: float) -> None:
        samples.append((time.perf_counter() - started, float(fraction)))

    return report, started


def bench_import(video: Path, folder: Path) -> dict[str, Any]:
    """Import ``video`` into an empty library in ``folder``."""
    from dancelike.services.library import COPY_SHARE, import_video
    from dancelike.store.db import Store

    store = Store(folder / "dancelike.db")
    samples: Samples = []
    report, started = timed(samples)
    imported = import_video(store, video, on_progress=report)
    seconds = time.perf_counter() - started
    frames = max(1, round(imported.duration * imported.fps))
    said = estimate_at_third(samples, seconds)
    return {
        "import_s": round(seconds, 2),
        "import_analysis_fps": _round(analysis_rate(samples, COPY_SHARE, frames, 1 - COPY_SHARE)),
        "import_estimate_at_third": None if said is None else [round(v, 1) for v in said],
        "dancers": imported.dancers,
        "choreography": imported,
    }


def bench_replay(reference: Path, camera: Path, folder: Path) -> dict[str, Any]:
    """The replay of ``camera`` danced to ``reference`` (already imported, so cached), as the
    results screen makes it; its wall time, and its CPU time (this process and the analysis
    workers: what a busy machine has to find)."""
    from dancelike.pipeline.analysis import AnalysisPool
    from dancelike.pipeline.score_files import score_videos
    from dancelike.pipeline.session_replay import write_session_replay

    scored = score_videos(str(reference), str(camera))
    samples: Samples = []
    report, started = timed(samples)
    cpu = _own_cpu()
    pool = AnalysisPool()  # (what write_session_replay starts itself, started here to read its CPU)
    try:
        write_session_replay(camera, scored.report, np.arange(len(scored.performance.frames)), reference, folder / "replay.mp4", report, pool=pool)
        workers = _workers_cpu(pool.pids)
    finally:
        pool.close()
    seconds = time.perf_counter() - started
    said = estimate_at_third(samples, seconds)
    return {
        "replay_s": round(seconds, 2),
        "replay_cpu_s": _round(None if workers is None else _own_cpu() - cpu + workers, 1),
        "replay_estimate_at_third": None if said is None else [round(v, 1) for v in said],
        "score": round(scored.report.score, 1),
    }


def _own_cpu() -> float:
    """CPU seconds of this process, every thread."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _workers_cpu(pids: set[int]) -> float | None:
    """CPU seconds of the worker processes so far, from /proc (None where there is none)."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def bench_waits(video: Path | None, log: TextIO, hd: bool = False) -> dict[str, Any]:
    """All the figures (``video``: the clip to import, default the generated reference; ``hd``:
    the generated clips at real-world sizes)."""
    from dancelike.commands.bench import bench_analyze
    from dancelike.commands.bench_live import HD, BenchSizes, bench_videos
    from dancelike.pipeline.analysis import default_workers
    from dancelike.vision.model_choice import current

    generated, camera = bench_videos(SECONDS, log, HD if hd else BenchSizes())
    clip = video or generated
    with VideoReader(clip) as probe:
        length, size = probe.duration, f"{probe.width}x{probe.height} at {probe.fps:g} fps"
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    choice = current()
    with scratch_home() as folder:
        print(f"  bench analyze --all-dancers on {clip.name}...", file=log, flush=True)
        analyzed = bench_analyze(str(clip), default_workers(), 1, all_dancers=True)
        print(f"  importing {clip.name} into an empty library...", file=log, flush=True)
        imported = bench_import(clip, folder)
        print(f"  the replay of {camera.name} danced to it...", file=log, flush=True)
        replayed = bench_replay(imported.pop("choreography").video, camera, folder)
    figures: dict[str, Any] = {
        "clip": str(clip),
        "clip_size": size,
        "clip_s": round(length, 2),
        "camera": str(camera),
        **imported,
        "bench_analyze_fps": analyzed["fps"],
        "import_analysis_vs_bench": _round(imported["import_analysis_fps"] / analyzed["fps"] if imported["import_analysis_fps"] else None, 2),
        "import_vs_length": round(imported["import_s"] / length, 2),
        **replayed,
        "replay_vs_length": round(replayed["replay_s"] / length, 2),
        "workers": default_workers(),
        "landmark_model": choice.label,
        "load_average": [_round(load_before, 2), _round(os.getloadavg()[0] if hasattr(os, "getloadavg") else None, 2)],
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}, Python {platform.python_version()}",
    }
    figures["targets"] = {name: _meets(figures[name], *rule) for name, rule in TARGETS.items()}
    figures["target_rules"] = {name: f"{op} {limit:.2g}" for name, (op, limit) in TARGETS.items()}
    return figures


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def _meets(value: float | None, op: str, limit: float) -> bool:
    if value is None:
        return False
    return value >= limit if op == ">=" else value <= limit


def print_figures(f: dict[str, Any], out: TextIO) -> None:
    def mark(name: str) -> str:
        return f"[{'met' if f['targets'][name] else 'MISSED'}: {f['target_rules'][name]}]"

    def estimate(pair: list[float] | None) -> str:
        return "no estimate (too short)" if pair is None else f"at a third of it, {pair[0]:.1f} s left estimated, {pair[1]:.1f} s taken"

    print(f"machine     {f['machine']}; load average {f['load_average'][0]} before, {f['load_average'][1]} after", file=out)
    print(
        f"clip        {f['clip']} ({f['clip_size']}, {f['clip_s']:g} s, {f['dancers']} dancer(s)); {f['workers']} workers, landmark model {f['landmark_model']}", file=out
    )
    print(f"import      {f['import_s']:.2f} s = {f['import_vs_length']:.2f}x the clip's length {mark('import_vs_length')}", file=out)
    print(f"            {estimate(f['import_estimate_at_third'])}", file=out)
    fps = "--" if f["import_analysis_fps"] is None else f"{f['import_analysis_fps']:.1f}"
    ratio = "--" if f["import_analysis_vs_bench"] is None else f"{f['import_analysis_vs_bench']:.2f}"
    print(f"analysis    {fps} frames/s in the import, bench analyze --all-dancers {f['bench_analyze_fps']:.1f}: {ratio}x {mark('import_analysis_vs_bench')}", file=out)
    print(
        f"replay      {f['replay_s']:.2f} s from the results to a playable replay = {f['replay_vs_length']:.2f}x the dance's length "
        f"{mark('replay_vs_length')} (score {f['score']})",
        file=out,
    )
    cpu = "" if f.get("replay_cpu_s") is None else f"; {f['replay_cpu_s']:.1f} s of CPU (this process and its workers)"
    print(f"            {estimate(f['replay_estimate_at_third'])}{cpu}", file=out)


def run(args: argparse.Namespace) -> int:
    """``dancelike bench waits [VIDEO] [--hd] [--json PATH|-]``."""
    video = Path(args.video) if getattr(args, "video", None) else None
    json_to = getattr(args, "json", None)
    check_outputs((video,), {"--json": (json_to, "benchmark figures")})
    if video is not None:
        if is_image(video):
            raise InputError(translate("Bench", "{path}: is an image; the waits are measured on a video").format(path=video))
        with VideoReader(video):  # a missing or unreadable file: one line now, before any rendering
            pass
    out = sys.stderr if json_to == "-" else sys.stdout
    figures = bench_waits(video, sys.stderr, bool(getattr(args, "hd", False)))
    if json_to:
        write_json(figures, json_to)
    print_figures(figures, out)
    return 0
