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
from dancelike.i18n import translate
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
        per_minute = translate("Progress", "{count}/min")
        share = min(1.0, self.count / self.total)
        bar = "#" * round(share * 24) + "." * (24 - round(share * 24))
        left = "--" if not self.count else _duration(elapsed / self.count * (self.total - self.count))
        rate = per_minute.format(count=f"{60.0 * self.count / elapsed:.1f}" if elapsed > 0 and self.count else "--")
        return f"{self.label}  [{bar}] {share:4.0%}  {self.count}/{self.total}  {rate}  " + translate("Progress", "{time} left").format(time=left)


def _duration(seconds: float) -> str:
    """A time left as precise as it is useful: "45 s", "12 min", "2 h 05 min"."""
    if seconds < 90:
        return translate("Progress", "{seconds} s").format(seconds=f"{seconds:.0f}")
    if seconds < 3600:
        return translate("Progress", "{minutes} min").format(minutes=f"{seconds / 60:.0f}")
    return translate("Progress", "{hours} h {minutes} min").format(hours=int(seconds // 3600), minutes=f"{int(seconds % 3600 // 60):02d}")


def _summary(result: BatchResult) -> list[str]:
    """The ranking as a teacher reads it, then what failed."""
    lines = []
    scored = [row for row in result.rows if not row.get("error")]
    for rank, row in enumerate(scored[:SHOWN], start=1):
        who = row["performance"]
        if row.get("dancer") is not None:
            who = translate("Batch", "{video} (dancer {dancer})").format(video=who, dancer=row["dancer"])
        practise = ""
        if row.get("this_dance") is False:
            practise = "   " + translate("Batch", "not this dance")
        elif row.get("weakest"):
            practise = "   " + translate("Batch", "practise {move}").format(move=row["weakest"])
        lines.append(f"{rank:3d}. {row['score']:5.1f} {row['grade']:<2} {who}{practise}")
    if len(scored) > SHOWN:
        lines.append("     " + translate("Batch", "… and {count} more in {page}").format(count=len(scored) - SHOWN, page=INDEX_NAME))
    values = {"scored": len(scored), "rows": len(result.rows), "kept": result.kept, "seconds": f"{result.seconds:.0f}", "analyses": result.reference_analyses}
    if result.kept:
        done = translate("Batch", "Scored {scored} of {rows} ({kept} kept from before) in {seconds} s; the reference analysed {analyses}x")
    else:
        done = translate("Batch", "Scored {scored} of {rows} in {seconds} s; the reference analysed {analyses}x")
    lines.append(done.format(**values))
    lines.append(translate("Batch", "Class page: {page}   table: {table}").format(page=result.out / INDEX_NAME, table=result.out / CSV_NAME))
    lines.extend(translate("Batch", "Note: {note}").format(note=note) for note in result.notes)
    return lines


def run(args: argparse.Namespace) -> int:
    reference = Path(args.reference)
    if not reference.is_file():
        raise InputError(translate("Batch", "{path}: no such file (the reference dance video)").format(path=reference))
    if is_image(reference):
        raise InputError(translate("Score", "{path}: the reference must be a video, not an image").format(path=reference))
    check_workers(args.workers)
    dancer = parse_dancer(args.dancer)
    performances = expand_inputs(args.performances)
    engine = make_engine(args.ray, args.workers, **({} if args.ray else {"keep_pairs": args.replays}))
    progress = BatchProgress(None, translate("Progress", "batch"))
    failed_rows: list[dict[str, Any]] = []

    def advance(done: int, total: int) -> None:
        if progress.total is None:
            progress.total = total or None
        progress.update(done - progress.count)

    try:
        with progress:
            result = run_batch(
                reference,
                performances,
                Path(args.out),
                engine=engine,
                every_dancer=args.dancers == "all",
                reference_dancer=dancer,
                resume=args.resume,
                replays=args.replays,
                on_row=lambda row: failed_rows.append(row) if row.get("error") else None,
                on_progress=advance,
            )
    finally:
        engine.close()
    print("\n".join(_summary(result)))
    if result.failed:
        print(translate("Batch", "Could not score {count}:").format(count=len(result.failed)), file=sys.stderr)
        for row in failed_rows:
            name = row["performance"]
            print(f"  {row['error'] if name in row['error'] else f'{name}: ' + row['error']}", file=sys.stderr)
        return 1
    return 0
