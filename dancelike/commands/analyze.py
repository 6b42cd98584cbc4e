"""``dancelike analyze INPUT``: landmarks as JSON, person mask, overlay video."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

import numpy as np

from dancelike.atomic import atomic_output
from dancelike.commands._io import check_outputs, check_workers, parse_dancer, write_json
from dancelike.errors import InputError
from dancelike.i18n import translate
from dancelike.media.overlay import draw_body, draw_people
from dancelike.media.video import VideoReader, is_image, load_image
from dancelike.media.writer import VideoWriter, write_png
from dancelike.pipeline.analysis import analyze_image, analyze_video
from dancelike.pipeline.dancers import follow_dancer
from dancelike.progress import Progress
from dancelike.vision.body import BodyFrame
from dancelike.vision.video_analysis import VideoAnalysis, describe_count


def landmarks_json(body: BodyFrame) -> list[list[float]] | None:
    """[[x_px, y_px, z, visibility] x 33], rounded for a compact file, or None."""
    if body.landmarks is None:
        return None
    values = body.landmarks.astype(np.float64)
    return np.column_stack([np.round(values[:, :3], 2), np.round(values[:, 3], 4)]).tolist()


def _report(fps: float, width: int, height: int, frames: Sequence[BodyFrame]) -> dict[str, Any]:
    return {
        "fps": round(fps, 4),
        "width": width,
        "height": height,
        "frames": [{"t": round(body.t, 4), "landmarks": landmarks_json(body)} for body in frames],
    }


def _summary(name: str, fps: float, width: int, height: int, frames: Sequence[BodyFrame]) -> str:
    found = sum(body.found for body in frames)
    share = f"{100.0 * found / len(frames):.0f}" if frames else "0"
    values = {"name": name, "frames": len(frames), "width": width, "height": height, "fps": f"{fps:.2f}", "found": found, "share": share}
    if not frames:
        return translate("Analyze", "{name}: {frames} frames, {width}x{height} at {fps} fps; dancer found in {found} of {frames}").format(**values)
    if fps:
        return translate("Analyze", "{name}: {frames} frames, {width}x{height} at {fps} fps; dancer found in {found} of {frames} ({share}%)").format(**values)
    return translate("Analyze", "{name}: image {width}x{height}; dancer found in {found} of {frames} ({share}%)").format(**values)


def _dancers_report(analysis: VideoAnalysis) -> dict[str, Any]:
    """``--all-dancers`` JSON: one track per dancer, numbered from the left."""
    return {
        "fps": round(analysis.fps, 4),
        "width": analysis.width,
        "height": analysis.height,
        "followed_by_default": analysis.followed,
        "dancers": [
            {
                "id": dancer.number,
                "seconds_in_view": round(dancer.frames_in_view / analysis.fps, 2) if analysis.fps else 0.0,
                "frames": [{"t": round(body.t, 4), "landmarks": landmarks_json(body)} for body in dancer.frames],
            }
            for dancer in analysis.dancers
        ],
    }


def _dancers_summary(name: str, analysis: VideoAnalysis) -> str:
    seen = translate("Analyze", ", ").join(
        translate("Analyze", "{dancer} in view {seconds} s").format(dancer=d.number, seconds=f"{d.frames_in_view / analysis.fps:.1f}") for d in analysis.dancers
    )
    return translate(
        "Analyze", "{name}: {frames} frames, {width}x{height} at {fps} fps; {count} (numbered from the left): {seen}; followed by default: dancer {followed}"
    ).format(
        name=name,
        frames=len(analysis.frames),
        width=analysis.width,
        height=analysis.height,
        fps=f"{analysis.fps:.2f}",
        count=describe_count(len(analysis.dancers)),
        seen=seen,
        followed=analysis.followed,
    )


def _run_image(args: argparse.Namespace) -> int:
    image = load_image(args.input)
    body = analyze_image(args.input)
    if args.mask:
        write_png(args.mask, body.mask_in_image(threshold=0.5))
    if args.overlay:
        if not is_image(args.overlay):
            raise InputError(translate("Analyze", "{path}: an image's overlay is an image; use a .png or .jpg name").format(path=args.overlay))
        write_png(args.overlay, draw_body(image, body))
    height, width = image.shape[:2]
    if args.json:
        write_json(_report(0.0, width, height, [body]), args.json, compact=True)
    else:
        print(_summary(args.input, 0.0, width, height, [body]))
    return 0


def _write_overlay(source: str, destination: str, fps: float, frames: Sequence[BodyFrame]) -> None:
    """The overlay video, written beside ``destination`` and renamed over it once complete."""
    with atomic_output(destination) as part, VideoReader(source) as reader, VideoWriter(part, fps, reader.width, reader.height) as writer:
        with Progress(len(frames), translate("Progress", "overlay")) as progress:
            for frame, body in zip(reader, frames):
                writer.write(draw_body(frame.rgb, body))
                progress.update()


VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v")


def _write_people_overlay(source: str, destination: str, analysis: VideoAnalysis) -> None:
    """The overlay video with every dancer drawn and numbered."""
    with atomic_output(destination) as part, VideoReader(source) as reader, VideoWriter(part, analysis.fps, reader.width, reader.height) as writer:
        with Progress(len(analysis.frames), translate("Progress", "overlay")) as progress:
            for index, frame in enumerate(reader):
                if index >= len(analysis.frames):
                    break
                writer.write(draw_people(frame.rgb, [(d.number, d.frames[index]) for d in analysis.dancers]))
                progress.update()


def _run_video(args: argparse.Namespace) -> int:
    if args.mask:
        raise InputError(translate("Analyze", "--mask needs an image input; use --overlay for a video"))
    if args.overlay and not args.overlay.lower().endswith(VIDEO_SUFFIXES):
        raise InputError(translate("Analyze", "{path}: a video's overlay is an MP4 video; use a .mp4 name").format(path=args.overlay))
    with VideoReader(args.input) as probe:
        total = probe.frame_count or None
    with Progress(total, translate("Progress", "analyze")) as progress:
        last = [0]

        def advance(count: int) -> None:
            progress.update(count - last[0])
            last[0] = count

        everyone = args.all_dancers or args.dancer is not None
        analysis = analyze_video(args.input, workers=args.workers, with_parts=bool(args.overlay), on_progress=advance, all_dancers=everyone)
    if everyone:
        if not analysis.dancers:
            raise InputError(translate("Analyze", "{path}: nobody was found in it").format(path=args.input))
        analysis = follow_dancer(args.input, analysis, parse_dancer(args.dancer))
    if args.all_dancers:
        if args.overlay:
            _write_people_overlay(args.input, args.overlay, analysis)
        if args.json:
            write_json(_dancers_report(analysis), args.json, compact=True)
        else:
            print(_dancers_summary(args.input, analysis))
        return 0
    if args.overlay:
        _write_overlay(args.input, args.overlay, analysis.fps, analysis.frames)
    if args.json:
        write_json(_report(analysis.fps, analysis.width, analysis.height, analysis.frames), args.json, compact=True)
    else:
        print(_summary(args.input, analysis.fps, analysis.width, analysis.height, analysis.frames))
    return 0


def run(args: argparse.Namespace) -> int:
    parse_dancer(args.dancer)  # a bad --dancer is told before any work
    if is_image(args.input) and (args.all_dancers or args.dancer is not None):
        raise InputError(translate("Analyze", "--all-dancers and --dancer need a video input"))
    outputs = {
        "--json": (args.json, translate("Outputs", "JSON")),
        "--mask": (args.mask, translate("Outputs", "mask")),
        "--overlay": (args.overlay, translate("Outputs", "overlay")),
    }
    check_outputs((args.input,), outputs)
    check_workers(args.workers)
    if is_image(args.input):
        return _run_image(args)
    return _run_video(args)
