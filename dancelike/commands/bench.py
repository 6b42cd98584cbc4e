"""``dancelike bench analyze``: how fast the offline analyser runs, and where time goes.

Worker processes start and load their models before the clock starts; each run
decodes and analyses the whole clip. Stage timings are CPU-thread milliseconds per frame summed over workers, so
with two workers they add up to about twice the wall time per frame.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
from pathlib import Path
from typing import Any

from dancelike.commands._io import check_outputs, check_seconds, check_workers, write_json
from dancelike.errors import InputError
from dancelike.i18n import translate
from dancelike.media.video import VideoReader
from dancelike.pipeline.analysis import AnalysisPool, analyze_video, default_workers
from dancelike.vision.model_choice import current
from dancelike.vision.video_analysis import VideoAnalysis

STAGES = ("decode", "preprocess", "detector", "landmarks", "part_map")


def golden_clip() -> Path | None:
    """The golden squats clip beside a checkout (``../shared/golden``), if present."""
    repo = Path(__file__).resolve().parents[2]
    candidate = repo.parent / "shared" / "golden" / "pose_squats.mp4"
    return candidate if candidate.is_file() else None


def peak_rss_mb(worker_pids: set[int] | frozenset[int] = frozenset()) -> float:
    """Peak resident memory in MiB of this process plus its worker processes.

    Workers' peaks come from /proc (read while they are alive); elsewhere the largest
    child's peak stands in for them.
    """
    unit = 1024.0 * 1024.0 if sys.platform == "darwin" else 1024.0  # ru_maxrss: bytes on macOS, KiB on Linux
    total = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / unit
    for pid in worker_pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return total + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / unit * len(worker_pids)
        peak_kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
        total += peak_kib / 1024.0
    return total


def bench_analyze(video: str, workers: int, repeat: int, all_dancers: bool = False) -> dict[str, Any]:
    """Analyse ``video`` ``repeat`` times (``all_dancers``: every person, as an import does);
    figures of the whole set of runs."""
    with VideoReader(video) as probe:
        width, height, clip_fps = probe.width, probe.height, probe.fps
    frames = 0
    wall = 0.0
    stage_ms = {stage: 0.0 for stage in STAGES}
    found = 0
    pool = AnalysisPool(workers) if workers > 1 else None
    try:

        def run_once() -> VideoAnalysis:
            return pool.analyze(video, all_dancers=all_dancers) if pool else analyze_video(video, workers=1, all_dancers=all_dancers)

        run_once()  # warm-up: page in models and codecs
        analyses = [run_once() for _ in range(repeat)]
        peak = peak_rss_mb(pool.pids if pool else frozenset())
    finally:
        if pool:
            pool.close()
    for analysis in analyses:
        frames += len(analysis.frames)
        wall += analysis.wall_seconds
        found += sum(body.found for body in analysis.frames)
        for stage, ms in analysis.times.total_ms.items():
            stage_ms[stage] = stage_ms.get(stage, 0.0) + ms
    return {
        "video": str(video),
        "width": width,
        "height": height,
        "clip_fps": round(clip_fps, 3),
        "fps": round(frames / wall, 1) if wall > 0 else 0.0,
        "frames": frames,
        "runs": repeat,
        "workers": workers,
        "found_pct": round(100.0 * found / max(1, frames), 1),
        "all_dancers": all_dancers,
        "dancers": len(analyses[-1].dancers) if all_dancers else None,
        "peak_rss_mb": round(peak, 1),
        "stages": {stage: round(ms / max(1, frames), 2) for stage, ms in stage_ms.items()},
        "machine": f"{platform.machine()}, {platform.system()}, Python {platform.python_version()}",
        "landmark_model": current().label,
        "model_choice": current().describe(),
    }


def _print(result: dict[str, Any]) -> None:
    print(f"clip      {result['video']}  ({result['width']}x{result['height']}, {result['clip_fps']} fps)")
    who = f"every dancer ({result['dancers']} found); the default one" if result.get("all_dancers") else "dancer"
    print(f"analysed  {result['frames']} frames in {result['runs']} runs with {result['workers']} workers; {who} found in {result['found_pct']}%")
    print(f"speed     {result['fps']} frames/s")
    print("stages    " + "  ".join(f"{name} {ms:.2f} ms" for name, ms in result["stages"].items()) + "  (per frame, CPU-thread time)")
    print(f"memory    peak RSS {result['peak_rss_mb']} MB (this process and its workers)")
    print(f"model     landmark model {result['model_choice']}")


#: The benchmark pair: a long version of the demo choreography and a good copy of it.
BENCH_DANCE_MOVES = ("arm_wave", "hip_sway", "arms_up", "side_step", "disco_point", "arm_wave", "hip_sway", "arms_up") * 2


def bench_pair(seconds: float) -> tuple[Path, Path]:
    """Render (once, then reuse) a reference and a performance of ``seconds`` at 640x480, 30 fps."""
    from dancelike.store.paths import subdir
    from dancelike.synth.choreography import Choreography
    from dancelike.synth.motion import Dancer
    from dancelike.synth.performance import Scene, render_performance

    folder = subdir("bench")
    dance = Choreography("bench", 112.0, BENCH_DANCE_MOVES)
    reference, performance = folder / f"reference_{seconds:g}s.mp4", folder / f"performance_{seconds:g}s.mp4"
    if not reference.is_file():
        render_performance(reference, dance, Dancer(), Scene(), duration=seconds)
    if not performance.is_file():
        render_performance(performance, dance, Dancer(offset=0.15, sloppiness=0.15, seed=1), Scene(person=2, room=1, x=0.42), duration=seconds)
    return reference, performance


def bench_score(seconds: float) -> dict[str, Any]:
    """Time ``score_videos`` on a generated pair, uncached then with the reference cached; DTW beside fastdtw."""
    from dancelike.commands.bench_dtw import bench_dtw
    from dancelike.pipeline.score_files import score_videos

    reference, performance = bench_pair(seconds)
    started = time.perf_counter()
    uncached = score_videos(str(reference), str(performance), use_cache=False)
    uncached_s = time.perf_counter() - started
    started = time.perf_counter()
    cached = score_videos(str(reference), str(performance), use_cache=True)
    cached_s = time.perf_counter() - started
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # DTW figures on one core
    dtw = bench_dtw(seconds=seconds)
    return {
        "seconds": seconds,
        "frames": len(uncached.reference.frames) + len(uncached.performance.frames),
        "uncached_s": round(uncached_s, 2),
        "cached_s": round(cached_s, 2),
        "reference_was_cached": cached.reference_cached,
        "score": round(cached.report.score, 1),
        "dtw": dtw,
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }


def run_score(args: argparse.Namespace) -> int:
    check_seconds(args.seconds, at_least=5.0)
    check_outputs((), {"--json": (args.json, "benchmark figures")})
    result = bench_score(args.seconds)
    if args.json:
        write_json(result, args.json)
    if args.json != "-":
        dtw = result["dtw"]
        print(f"pair      {result['seconds']:g} s + {result['seconds']:g} s at 640x480, 30 fps ({result['frames']} frames), score {result['score']}")
        print(f"scoring   {result['uncached_s']} s with nothing cached, {result['cached_s']} s with the reference cached")
        print(
            f"DTW       {dtw['dtw_ms']} ms for {dtw['frames']}x{dtw['frames']} (band +-{dtw['band_frames']}); "
            f"fastdtw {dtw['fastdtw_ms']} ms; 3-minute {dtw['dtw_3min_frames']}x{dtw['dtw_3min_frames']}: {dtw['dtw_3min_ms']} ms (one core)"
        )
        print(f"memory    peak RSS {result['peak_rss_mb']} MB (this process)")
    return 0


def run_analyze(args: argparse.Namespace) -> int:
    video = args.video or golden_clip()
    if video is None:
        raise InputError(translate("Bench", "no VIDEO given and no golden clip at {path}").format(path="../shared/golden/pose_squats.mp4"))
    check_outputs((video,), {"--json": (args.json, "benchmark figures")})
    check_workers(args.workers)
    if args.repeat < 1:
        raise InputError(translate("Bench", "--repeat must be at least 1"))
    result = bench_analyze(str(video), args.workers or default_workers(), args.repeat, args.all_dancers)
    if args.json:
        write_json(result, args.json)
    if args.json != "-":
        _print(result)
    return 0
