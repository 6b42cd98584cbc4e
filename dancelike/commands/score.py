"""``dancelike score REFERENCE PERFORMANCE``: a dance score, explained, and the replay video."""

from __future__ import annotations

import argparse
import logging

from dancelike.commands._io import check_outputs, check_workers, parse_dancer, write_json
from dancelike.errors import InputError
from dancelike.i18n import translate
from dancelike.media.video import VideoReader, is_image
from dancelike.pipeline.score_files import score_videos
from dancelike.progress import Progress
from dancelike.scoring import coaching
from dancelike.scoring.report import Report

log = logging.getLogger(__name__)


def _check_video(path: str, role: str) -> int:
    """A one-line error now (before minutes of work) for a file that is no video; its frame count."""
    if is_image(path):
        if role == "reference":
            raise InputError(translate("Score", "{path}: the reference must be a video, not an image").format(path=path))
        raise InputError(translate("Score", "{path}: the performance must be a video, not an image").format(path=path))
    with VideoReader(path) as reader:
        return reader.frame_count


def _human(report: Report) -> str:
    """The report as a dancer reads it: every sentence from ``scoring.coaching``'s rules."""
    timing_judged = report.this_dance and bool(report.story.get("timing", {}).get("judged", True))
    parts = [
        translate("Score", "{part} not in view").format(part=coaching.part_name(name))
        if value is None
        else translate("Score", "{part} {score} ({rating})").format(
            part=coaching.part_name(name), score=f"{value:.0f}", rating=coaching.rating_label(coaching.rating(value))
        )
        for name, value in report.parts.items()
    ]
    lines = [
        translate("Score", "Score {score} ({grade})   shape {shape}   timing {timing}").format(
            score=f"{report.score:.0f}", grade=report.grade, shape=f"{report.shape:.0f}", timing=f"{report.timing:.0f}"
        ),
        report.summary,
        translate("Score", "Timing: {line}").format(line=report.timing_text) if report.timing_text and timing_judged else report.timing_text,
        report.mirror_text,
        coaching.aligned_sentence(report.aligned_by, report.music_offset_ms),
        translate("Score", "Parts: {parts}").format(parts="  ".join(parts)),
    ]
    if report.weakest:
        lines.append(translate("Score", "Practise these moves:"))
        for move in report.weakest:
            where, said = coaching.move_range(move.start, move.end), coaching.rating_label(move.rating)
            if move.advice_text:
                line = translate("Score", "{range}  {rating} {score}: {advice}").format(range=where, rating=said, score=f"{move.score:.0f}", advice=move.advice_text)
            else:
                line = translate("Score", "{range}  {rating} {score}").format(range=where, rating=said, score=f"{move.score:.0f}")
            lines.append("  " + line)
    if report.dancers > 1:
        lines.append(translate("Score", "Followed {dancer}; choose another with --dancer N").format(dancer=report.dancer_text))
    lines.extend(translate("Score", "Warning: {warning}").format(warning=warning) for warning in report.warnings)
    return "\n".join(line for line in lines if line)


def run(args: argparse.Namespace) -> int:
    outputs = {"--json": (args.json, translate("Outputs", "JSON")), "--video": (args.video, translate("Outputs", "replay video"))}
    check_outputs((args.reference, args.performance), outputs)
    if args.video and not args.video.lower().endswith((".mp4", ".mov", ".m4v")):
        raise InputError(translate("Score", "{path}: the replay is an MP4 video; use a .mp4 name").format(path=args.video))
    check_workers(args.workers)
    dancer = parse_dancer(args.dancer)
    totals = {"reference": _check_video(args.reference, "reference"), "performance": _check_video(args.performance, "performance")}

    with Progress(sum(totals.values()) or None, translate("Progress", "score")) as progress:
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
