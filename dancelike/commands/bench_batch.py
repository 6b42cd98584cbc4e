"""``dancelike bench batch``: a class of generated performances scored on each engine.

The same clips go through this computer's workers (1, then 2) and a local Ray with 2 CPUs.
Each run has a fresh data folder, so its reference is really analysed (the figure says how
often: 1); the clock starts once the reference is prepared and the engine's processes are up
(Ray's start-up is its own figure), as in ``bench analyze``. CPU time and peak memory are this
process's plus every process under it (the analysis workers; Ray's raylet, GCS and workers),
read from /proc while they are alive.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from dancelike.commands._io import check_outputs, check_seconds, write_json
from dancelike.errors import InputError
from dancelike.i18n import translate
from dancelike.services.batch.engines import LocalEngine, make_engine, ray_available
from dancelike.services.batch.runner import run_batch

#: The engines compared: (label, --ray, workers).
RUNS = (("local 1", None, 1), ("local 2", None, 2), ("ray 2", "local", 2))
#: How each generated student dances: lateness, sloppiness, a mirror copy, a rush.
STUDENTS = (
    {"offset": 0.1},
    {"sloppiness": 0.4, "seed": 1},
    {"offset": 0.25, "sloppiness": 0.2, "seed": 2},
    {"mirror": True},
    {"sloppiness": 0.8, "seed": 3},
    {"drift": 0.3},
    {"offset": -0.15, "seed": 4},
    {"sloppiness": 0.6, "offset": 0.2, "seed": 5},
)
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def bench_class(count: int, seconds: float) -> tuple[Path, list[Path]]:
    """Render (once, then reuse) a reference and ``count`` students of ``seconds`` at 640x480, 30 fps."""
    from dancelike.commands.bench import BENCH_DANCE_MOVES
    from dancelike.store.paths import subdir
    from dancelike.synth.choreography import Choreography
    from dancelike.synth.motion import Dancer
    from dancelike.synth.performance import Scene, render_performance

    folder = subdir("bench") / f"class_{seconds:g}s"
    folder.mkdir(parents=True, exist_ok=True)
    dance = Choreography("bench", 112.0, BENCH_DANCE_MOVES)
    reference = folder / "reference.mp4"
    if not reference.is_file():
        render_performance(reference, dance, Dancer(), Scene(), duration=seconds)
    clips = []
    for number in range(count):
        clip = folder / f"student_{number + 1:02d}.mp4"
        if not clip.is_file():
            scene = Scene(person=1 + number % 3, room=number % 2, x=0.42 + 0.04 * (number % 4))
            render_performance(clip, dance, Dancer(**STUDENTS[number % len(STUDENTS)]), scene, duration=seconds)
        clips.append(clip)
    return reference, clips


def process_tree() -> list[int]:
    """This process and every living process under it (Linux /proc; elsewhere this one)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    tree, todo = [], [os.getpid()]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def _read(pid: int, name: str) -> str:
    try:
        return Path(f"/proc/{pid}/{name}").read_text()
    except OSError:
        return ""


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (those gone are not counted)."""
    total = 0
    for pid in pids:
        stat = _read(pid, "stat")
        if stat:
            fields = stat[stat.rindex(")") + 2 :].split()
            total += int(fields[11]) + int(fields[12])
    return total / _TICKS


def peak_mb(pids: list[int]) -> float:
    """The sum of these processes' peak resident memory (VmHWM), in MiB."""
    kib = 0
    for pid in pids:
        kib += next((int(line.split()[1]) for line in _read(pid, "status").splitlines() if line.startswith("VmHWM:")), 0)
    return kib / 1024.0


def _reset_peak() -> None:
    """Start this process's peak memory afresh (Linux: writing 5 to clear_refs), so each run's
    peak is its own."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def run_engine(label: str, ray: str | None, workers: int, reference: Path, clips: list[Path], seconds: float, folder: Path) -> dict[str, Any]:
    """One batch of ``clips`` on one engine, with a fresh data folder (nothing cached).

    The data folder is always ``folder/home``, emptied before each run: worker processes are
    forked from multiprocessing's fork server, which keeps the environment it started with, so
    a folder named anew for each run left the later runs' workers on the first run's (and it
    was made again after its removal, left in the temporary folder)."""
    home = os.environ.get("DANCELIKE_HOME")
    marks: list[float] = []
    data = folder / "home"
    shutil.rmtree(data, ignore_errors=True)
    os.environ["DANCELIKE_HOME"] = str(data)
    _reset_peak()
    started = time.perf_counter()
    engine = make_engine(ray, workers)
    try:
        if isinstance(engine, LocalEngine):
            _ = engine.pool  # its workers started (run_batch would start them before the clock too)
        else:
            getattr(engine, "warm_up", lambda: None)()  # Ray: every worker process up and importing the job code
        start_s = time.perf_counter() - started
        cpu: list[float] = []

        def progress(done: int, total: int) -> None:
            marks.append(time.perf_counter())
            if done in (0, total):
                cpu.append(cpu_seconds(process_tree()))

        result = run_batch(reference, clips, folder / f"out-{label.replace(' ', '-')}", engine=engine, on_progress=progress)
        tree = process_tree()
        peak = peak_mb(tree)
    finally:
        engine.close()
        if home is None:
            os.environ.pop("DANCELIKE_HOME", None)
        else:
            os.environ["DANCELIKE_HOME"] = home
    wall = marks[-1] - marks[0]
    return {
        "engine": label,
        "workers": workers,
        "start_s": round(start_s, 2),
        "wall_s": round(wall, 2),
        "per_minute": round(60.0 * len(clips) / wall, 2),
        "cpu_s_per_entry": round((cpu[-1] - cpu[0]) / len(clips), 2),
        "cpu_s_per_video_s": round((cpu[-1] - cpu[0]) / len(clips) / seconds, 3),
        "reference_analyses": result.reference_analyses,
        "peak_rss_mb": round(peak, 1),
        "processes": len(tree),
        "failed": result.failed,
        "scores": {row["performance"]: row["score"] for row in result.rows},
    }


def bench_batch(count: int, seconds: float, with_ray: bool = True) -> dict[str, Any]:
    """Every engine of ``RUNS`` on the same generated class; the targets' figures."""
    reference, clips = bench_class(count, seconds)
    with tempfile.TemporaryDirectory(prefix="dancelike-bench-batch-") as folder:
        runs = [run_engine(label, ray, workers, reference, clips, seconds, Path(folder)) for label, ray, workers in RUNS if with_ray or ray is None]
    by = {run["engine"]: run for run in runs}
    one, two, on_ray = by["local 1"], by["local 2"], by.get("ray 2")
    result: dict[str, Any] = {
        "clips": count,
        "seconds": seconds,
        "video": "640x480, 30 fps",
        "runs": runs,
        "speedup_2_over_1": round(two["per_minute"] / one["per_minute"], 2),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    if on_ray is not None:
        result["ray_overhead_pct"] = round(100.0 * (on_ray["wall_s"] / two["wall_s"] - 1.0), 1)
        result["max_score_difference"] = round(max(abs(on_ray["scores"][name] - score) for name, score in two["scores"].items()), 2)
    return result


def _print(result: dict[str, Any]) -> None:
    print(f"class     {result['clips']} generated performances of {result['seconds']:g} s ({result['video']}) against one reference; {result['machine']}")
    print(f"{'engine':<9} {'workers':>7} {'start s':>8} {'batch s':>8} {'perf/min':>9} {'CPU s/perf':>11} {'ref analysed':>13} {'peak MB':>8} {'processes':>10}")
    for run in result["runs"]:
        print(
            f"{run['engine']:<9} {run['workers']:>7} {run['start_s']:>8.2f} {run['wall_s']:>8.2f} {run['per_minute']:>9.1f} "
            f"{run['cpu_s_per_entry']:>11.2f} {run['reference_analyses']:>12}x {run['peak_rss_mb']:>8.0f} {run['processes']:>10}"
        )
    print(f"speed-up  2 workers: {result['speedup_2_over_1']:.2f}x the throughput of 1 (target >= 1.7x)")
    if "ray_overhead_pct" in result:
        print(
            f"ray       {result['ray_overhead_pct']:+.1f}% time against the local pool at 2 workers (target <= 15%); "
            f"scores differ by at most {result['max_score_difference']:.2f} (target <= 0.5)"
        )
    for run in result["runs"]:
        if run["failed"]:
            print(f"failed    {run['engine']}: {', '.join(run['failed'])}")
    print("memory    peak RSS of this process and every process under it (workers; Ray's own), summed")


def run(args: argparse.Namespace) -> int:
    check_seconds(args.seconds, at_least=3.0)
    if args.clips < 2:
        raise InputError(translate("Bench", "--clips must be at least 2"))
    check_outputs((), {"--json": (args.json, "benchmark figures")})
    with_ray = not args.no_ray
    if with_ray and not ray_available():
        raise InputError(translate("Bench", "the Ray run needs the cluster extra: pip install 'dancelike[cluster]' (or --no-ray)"))
    result = bench_batch(args.clips, args.seconds, with_ray)
    if args.json:
        write_json(result, args.json)
    if args.json != "-":
        _print(result)
    return 0
