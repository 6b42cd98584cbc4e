"""``dancelike batch REFERENCE PERFORMANCE... --out DIR``: a whole class scored against one dance.

Exit 0 when every performance was scored, 1 when some could not be (named at the end), 2 for
bad usage (one line, before any work). Ctrl-C leaves ``results.csv`` and ``index.html`` with
what was done; ``--resume`` goes on from them.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from dancelike.commands._io import check_workers, parse_dancer
from dancelike.errors import InputError
from dancelike.media.video import is_image
from dancelike.progress import Progress
from dancelike.services.batch.engines import make_engine
from dancelike.services.batch.outputs import CSV_NAME, INDEX_NAME
from dancelike.services.batch.runner import BatchResult, expand_inputs, run_batch

#: Rows shown in the summary printed at the end (the class page has them all).
SHOWN = 20


class BatchProgress(Progress):
    """The progress bar counting performances, with the rate and an estimate of the time left."""

    def render(self, now: float | None = None) -> str:
        elapsed = (time.monotonic() if now is None else now) - self._start
        if self.total is None:
            return f"{self.label}  {self.count}"
        share = min(1.0, self.count / self.total)
        bar = "#" * round(share * 24) + "." * (24 - round(share * 24))
        left = "--" if not self.count else _duration(elapsed / self.count * (self.total - self.count))
        rate = f"{60.0 * self.count / elapsed:.1f}/min" if elapsed > 0 and self.count else "--/min"
        return f"{self.label}  [{bar}] {share:4.0%}  {self.count}/{self.total}  {rate}  {left} left"


def _duration(seconds: float) -> str:
    """A time left as precise as it is useful: "45 s", "12 min", "2 h 05 min"."""
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    return f"{int(seconds // 3600)} h {int(seconds % 3600 // 60):02d} min"


def _summary(result: BatchResult) -> list[str]:
    """The ranking as a teacher reads it, then what failed."""
    lines = []
    scored = [row for row in result.rows if not row.get("error")]
    for rank, row in enumerate(scored[:SHOWN], start=1):
        who = row["performance"] + (f" (dancer {row['dancer']})" if row.get("dancer") is not None else "")
        practise = "   not this dance" if row.get("this_dance") is False else f"   practise {row['weakest']}" if row.get("weakest") else ""
        lines.append(f"{rank:3d}. {row['score']:5.1f} {row['grade']:<2} {who}{practise}")
    if len(scored) > SHOWN:
        lines.append(f"     … and {len(scored) - SHOWN} more in {INDEX_NAME}")
    kept = f" ({result.kept} kept from before)" if result.kept else ""
    lines.append(f"Scored {len(scored)} of {len(result.rows)}{kept} in {result.seconds:.0f} s; the reference analysed {result.reference_analyses}x")
    lines.append(f"Class page: {result.out / INDEX_NAME}   table: {result.out / CSV_NAME}")
    lines.extend(f"Note: {note}" for note in result.notes)
    return lines


def run(args: argparse.Namespace) -> int:
    reference = Path(args.reference)
    if not reference.is_file():
        raise InputError(f"{reference}: no such file (the reference dance video)")
    if is_image(reference):
        raise InputError(f"{reference}: the reference must be a video, not an image")
    check_workers(args.workers)
    dancer = parse_dancer(args.dancer)
    performances = expand_inputs(args.performances)
    engine = make_engine(args.ray, args.workers, **({} if args.ray else {"keep_pairs": args.replays}))
    progress = BatchProgress(None, "batch")
    failed_rows: list[dict[str, Any]] = []

    def advance(done: int, total: int) -> None:
        if progress.total is None:
            progress.total = total or None
        progress.update(done - progress.count)

    try:
        with progress:
            result = run_batch(reference, performances, Path(args.out), engine=engine, every_dancer=args.dancers == "all",
                               reference_dancer=dancer, resume=args.resume, replays=args.replays,
                               on_row=lambda row: failed_rows.append(row) if row.get("error") else None,
                               on_progress=advance)  # fmt: skip
    finally:
        engine.close()
    print("\n".join(_summary(result)))
    if result.failed:
        print(f"Could not score {len(result.failed)}:", file=sys.stderr)
        for row in failed_rows:
            name = row["performance"]
            print(f"  {row['error'] if name in row['error'] else f'{name}: ' + row['error']}", file=sys.stderr)
        return 1
    return 0
