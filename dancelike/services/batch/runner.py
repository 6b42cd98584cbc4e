"""A whole class at once: one reference, many performances, one folder of results.

The one workflow behind ``dancelike batch`` and the app's "Score a class…". The reference is
prepared once (``batch_job.prepare_reference``) and every engine scores against that one
bundle. A performance that cannot be scored is a row with its error and the batch goes on; the
CSV is rewritten after every row, so a stopped batch leaves what it did, and ``resume`` keeps
those rows instead of scoring them again.
"""

from __future__ import annotations

import glob
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dancelike.atomic import atomic_output
from dancelike.errors import DanceLikeError, InputError
from dancelike.i18n import translate
from dancelike.media.video import IMAGE_SUFFIXES
from dancelike.pipeline import batch_job
from dancelike.pipeline.batch_job import error_row, prepare_reference
from dancelike.services.batch.engines import Engine, LocalEngine
from dancelike.services.batch.outputs import REPLAYS, ranked, read_rows, stem, write_csv, write_index, write_row_files

#: What a folder's videos are recognised by.
log = logging.getLogger(__name__)

VIDEO_SUFFIXES = frozenset({".mp4", ".mov", ".m4v", ".mkv", ".webm", ".avi", ".mpg", ".mpeg", ".wmv", ".flv", ".3gp", ".ts", ".mts"})


@dataclass
class BatchResult:
    """What a batch did: its rows (ranked), which performances failed, and how often the
    reference was analysed (always 1: it is prepared once, whatever the engine)."""

    rows: list[dict[str, Any]]
    failed: list[str]
    reference_analyses: int
    seconds: float
    out: Path
    kept: int = 0  # rows kept from an earlier run (resume)
    cancelled: bool = False
    notes: list[str] = field(default_factory=list)  # what was not written, and why (a replay)

    @property
    def scored(self) -> int:
        return sum(1 for row in self.rows if not row.get("error"))


def expand_inputs(items: Iterable[str | Path]) -> list[Path]:
    """Performances from files, folders (their videos, by name) and globs, each once, in order.
    A named file that does not exist is kept (it becomes an error row); a folder or glob with
    no video in it is a one-line ``InputError``."""
    found: list[Path] = []
    for item in items:
        text = str(item)
        path = Path(text)
        if path.is_dir():
            videos = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in VIDEO_SUFFIXES and not p.name.startswith("."))
            if not videos:
                raise InputError(translate("Batch", "{path}: no videos in this folder").format(path=text))
            found.extend(videos)
        elif not path.exists() and glob.has_magic(text):
            matches = sorted(Path(p) for p in glob.glob(text) if Path(p).is_file() and Path(p).suffix.lower() not in IMAGE_SUFFIXES)
            if not matches:
                raise InputError(translate("Batch", "{path}: no file matches").format(path=text))
            found.extend(matches)
        else:
            found.append(path)
    unique = list(dict.fromkeys(found))
    if not unique:
        raise InputError(translate("Batch", "give at least one performance: a video, a folder of videos or a pattern"))
    return unique


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def display_names(clips: list[Path]) -> dict[Path, str]:
    """Each clip's name in the rows: its file name, or its path where two share a file name."""
    counts: dict[str, int] = {}
    for clip in clips:
        counts[clip.name] = counts.get(clip.name, 0) + 1
    return {clip: clip.name if counts[clip.name] == 1 else str(clip) for clip in clips}


def error_text(exc: BaseException) -> str:
    """One line for a failed performance: a user's error as it is, anything else with its kind."""
    if isinstance(exc, DanceLikeError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}".strip()


def _check_out(out: Path, reference: Path, performances: list[Path]) -> None:
    if out.exists() and not out.is_dir():
        raise InputError(translate("Batch", "{path}: is a file; --out names a folder for the results").format(path=out))
    for source in (reference, *performances):
        if source.exists() and out.exists() and source.resolve() == out.resolve():
            raise InputError(translate("Batch", "{path}: is an input; give the results a folder of their own").format(path=out))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(translate("Batch", "{path}: cannot create the results folder ({reason})").format(path=out, reason=exc.strerror or exc)) from exc


def run_batch(
    reference: Path,
    performances: list[Path],
    out: Path,
    *,
    engine: Engine | None = None,
    every_dancer: bool = False,
    reference_dancer: int | None = None,
    resume: bool = False,
    replays: bool = False,
    on_row: Callable[[dict[str, Any]], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> BatchResult:
    """Score every performance (``every_dancer``: every dancer of each) against ``reference``
    into ``out``. ``on_row`` gets each new row as it is written, ``on_progress(done, total)``
    counts performances; ``cancel`` stops after the performance being scored. The outputs are
    valid whenever it stops (also on Ctrl-C, which is re-raised). ``InputError`` for a
    reference that cannot be used or a folder that cannot be written."""
    started = time.monotonic()
    reference, out = Path(reference), Path(out)
    performances = _without_reference(performances, reference)
    _check_out(out, reference, performances)
    names = display_names(performances)
    rows = [row for row in (read_rows(out) if resume else []) if not row.get("error")]  # a failure is tried again, or left out
    done = {row["performance"] for row in rows}
    todo = [clip for clip in performances if names[clip] not in done]
    index = {clip: number for number, clip in enumerate(performances, start=1)}
    result = BatchResult(rows, [], 0, 0.0, out, kept=len(rows))
    log.info("batch: %d performances against %s into %s (%d kept)", len(todo), reference, out, len(rows))
    own = engine is None
    active = _engine(engine, replays)
    before = batch_job.reference_preparations
    try:
        bundle = prepare_reference(str(reference), active.pool if isinstance(active, LocalEngine) else None, reference_dancer)
        result.reference_analyses = batch_job.reference_preparations - before
        _tell([], 0, len(todo), on_row, on_progress)
        finished = 0
        clips = active.map_clips(bundle, todo, every_dancer)
        try:
            for yielded, outcome in clips:
                clip = Path(yielded)
                new = _clip_rows(clip, outcome, names.get(clip, str(clip)), index.get(clip, 0), reference, out, replays, result)
                rows.extend(new)
                write_csv(out, rows)
                finished += 1
                _tell(new, finished, len(todo), on_row, on_progress)
                if cancel is not None and cancel.is_set():
                    result.cancelled = True
                    break
        finally:
            _close(clips)
    finally:
        if own:
            active.close()
        _write_outputs(out, rows, reference)
    result.rows = ranked(rows)
    result.seconds = time.monotonic() - started
    log.info("batch: %d rows, %d failed, %.1f s%s", len(rows), len(result.failed), result.seconds, " (cancelled)" if result.cancelled else "")
    return result


def _engine(engine: Engine | None, replays: bool) -> Engine:
    """The engine given, or one on this computer; a local one keeps each pair when replays are asked."""
    active: Engine = LocalEngine(keep_pairs=replays) if engine is None else engine
    if replays and isinstance(active, LocalEngine):
        active.keep_pairs = True
    return active


def _write_outputs(out: Path, rows: list[dict[str, Any]], reference: Path) -> None:
    """The CSV and the class page, whenever the batch stops (unless its folder is gone)."""
    if out.is_dir():
        write_csv(out, rows)
        write_index(out, rows, reference.name)


def _without_reference(performances: list[Path], reference: Path) -> list[Path]:
    """The performances given, less the reference: a folder of the class often holds the dance
    itself. ``InputError`` when nothing is left."""
    kept = [Path(p) for p in performances if not _same_file(Path(p), Path(reference))]
    if not kept:
        raise InputError(translate("Batch", "the only performance given is the reference itself: give the dancers' videos"))
    return kept


def _clip_rows(
    clip: Path, outcome: list[dict[str, Any]] | BaseException, name: str, number: int, reference: Path, out: Path, replays: bool, result: BatchResult
) -> list[dict[str, Any]]:
    """A clip's rows (one error row when it failed), finished; a failure is logged and noted in ``result``."""
    new = [error_row(name, error_text(outcome))] if isinstance(outcome, BaseException) else outcome
    for row in new:
        _finish_row(row, name, number, clip, reference, out, replays, result)
    if any(row.get("error") for row in new):
        log.info("batch: %s failed: %s", name, "; ".join(str(row.get("error")) for row in new if row.get("error")))
        result.failed.append(name)
    return new


def _tell(new: list[dict[str, Any]], finished: int, total: int, on_row: Callable[[dict[str, Any]], None] | None, on_progress: Callable[[int, int], None] | None) -> None:
    """Each new row, then how many performances are done."""
    for row in new:
        if on_row is not None:
            on_row(row)
    if on_progress is not None:
        on_progress(finished, total)


def _close(clips: Iterable[object]) -> None:
    """An engine's clips closed (a generator's ``finally`` runs now, not when it is collected)."""
    close = getattr(clips, "close", None)
    if close is not None:
        close()


def _finish_row(row: dict[str, Any], name: str, number: int, clip: Path, reference: Path, out: Path, replays: bool, result: BatchResult) -> None:
    """The row named as the batch names it, its files written, its replay made when asked."""
    row["performance"] = name
    pair = row.pop("pair", None)
    if row.get("report") is None:
        row.pop("picture", None)
        return
    file_stem = stem(number, name, row.get("dancer"))
    write_row_files(out, row, file_stem)
    if not replays:
        return
    if pair is None:
        result.notes.append(translate("Batch", "{name}: no replay (replays are made on this computer's engine only)").format(name=name))
        return
    from dancelike.pipeline.replay import render_replay

    try:  # without write_replay's own progress bar: the batch has one
        with atomic_output(out / REPLAYS / f"{file_stem}.mp4") as part:
            render_replay(part, reference, clip, pair.report, pair.reference, pair.performance)
    except DanceLikeError as exc:
        result.notes.append(translate("Batch", "{name}: no replay ({reason})").format(name=name, reason=exc))
