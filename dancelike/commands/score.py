"""``dancelike score REFERENCE PERFORMANCE``: a dance score, explained, and the replay video."""

from __future__ import annotations

import argparse
import logging

from dancelike.commands._io import check_outputs, check_workers, parse_dancer, write_json
from dancelike.errors import InputError
from dancelike.media.video import VideoReader, is_image
from dancelike.pipeline.score_files import score_videos
from dancelike.progress import Progress
from dancelike.scoring import coaching
from dancelike.scoring.report import Report

log = logging.getLogger(__name__)


def _check_video(path: str, role: str) -> int:
    """A one-line error now (before minutes of work) for a file that is no video; its frame count."""
    if is_image(path):
        raise InputError(f"{path}: the {role} must be a video, not an image")
    with VideoReader(path) as reader:
        return reader.frame_count


def _human(report: Report) -> str:
    """The report as a dancer reads it: every sentence from ``scoring.coaching``'s rules."""
    lines = [
        f"Score {report.score:.0f} ({report.grade})   shape {report.shape:.0f}   timing {report.timing:.0f}",
        report.summary,
        report.timing_text if report.timing_text.startswith("Timing") else f"Timing: {report.timing_text}" if report.timing_text else "",
        report.mirror_text,
        coaching.aligned_sentence(report.aligned_by, report.music_offset_ms),
        "Parts: " + "  ".join(
            f"{coaching.part_name(name)} {'not in view' if value is None else f'{value:.0f} ({coaching.rating(value)})'}" for name, value in report.parts.items()
        ),
    ]  # fmt: skip
    if report.weakest:
        lines.append("Practise these moves:")
        for move in report.weakest:
            advice = f": {move['advice_text']}" if move.get("advice_text") else ""
            lines.append(f"  {coaching.move_range(move['start'], move['end'])}  {move['rating'].upper()} {move['score']:.0f}{advice}")
    if report.dancers > 1:
        lines.append(f"Followed {report.dancer_text}; choose another with --dancer N")
    lines.extend(f"Warning: {warning}" for warning in report.warnings)
    return "\n".join(line for line in lines if line)


def run(args: argparse.Namespace) -> int:
    check_outputs((args.reference, args.performance), {"--json": (args.json, "JSON"), "--video": (args.video, "replay video")})
    if args.video and not args.video.lower().endswith((".mp4", ".mov", ".m4v")):
        raise InputError(f"{args.video}: the replay is an MP4 video; use a .mp4 name")
    check_workers(args.workers)
    dancer = parse_dancer(args.dancer)
    totals = {"reference": _check_video(args.reference, "reference"), "performance": _check_video(args.performance, "performance")}

    with Progress(sum(totals.values()) or None, "score") as progress:
        done = {"reference": 0, "performance": 0}

        def advance(stage: str, frames: int) -> None:
            progress.update(frames - done[stage])
            done[stage] = frames

        scored = score_videos(args.reference, args.performance, args.mirror, args.workers, not args.no_cache, advance, dancer=dancer)
    report = scored.report
    log.info("score: %s against %s: %.1f", args.performance, args.reference, report.score)
    if args.video:
        from dancelike.pipeline.replay import write_replay

        write_replay(args.video, args.reference, args.performance, scored)
    if args.json:
        write_json(report.to_json(), args.json)
    if args.json != "-":
        print(_human(report))
    return 0
