"""The ``dancelike`` command: sub-commands, one-line errors, exit codes.

Exit codes: 0 success, 2 bad input (a missing, unreadable or unsupported file or
option), 1 internal failure. Progress goes to stderr, machine output to ``--json``.
Set ``DANCELIKE_DEBUG=1`` to see the traceback behind an internal failure.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from dancelike import __version__
from dancelike.errors import DanceLikeError, InputError


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dancelike", description="Learn a dance from any video, on your own machine.")
    parser.add_argument("--version", action="version", version=f"dancelike {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    analyze = commands.add_parser("analyze", help="find the dancer's pose in a video or image")
    analyze.add_argument("input", metavar="INPUT", help="video file or image")
    analyze.add_argument("--json", metavar="PATH|-", help="write landmarks as JSON to PATH, or stdout with -")
    analyze.add_argument("--mask", metavar="OUT.png", help="(image input) write the person mask as a 0/255 PNG")
    analyze.add_argument("--overlay", metavar="OUT", help="write the input with body parts and skeleton drawn (MP4 for video, image for image)")
    analyze.add_argument("--workers", type=int, default=None, help="analysis threads (default: one per core)")
    analyze.set_defaults(handler=_run_analyze)

    bench = commands.add_parser("bench", help="benchmarks")
    bench_commands = bench.add_subparsers(dest="bench_command", metavar="BENCHMARK")
    bench_analyze = bench_commands.add_parser("analyze", help="analysis speed on a clip: frames/s, stage timings, memory")
    bench_analyze.add_argument("video", metavar="VIDEO", nargs="?", help="clip to analyse (default: the golden squats clip when present)")
    bench_analyze.add_argument("--json", metavar="PATH|-", help="write the figures as JSON")
    bench_analyze.add_argument("--workers", type=int, default=None, help="analysis threads (default: one per core)")
    bench_analyze.add_argument("--repeat", type=int, default=3, help="runs to average (default 3)")
    bench_analyze.set_defaults(handler=_run_bench_analyze)
    bench.set_defaults(handler=lambda args: _usage(bench))
    return parser


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _run_analyze(args: argparse.Namespace) -> int:
    from dancelike.commands.analyze import run

    return run(args)


def _run_bench_analyze(args: argparse.Namespace) -> int:
    from dancelike.commands.bench import run_analyze

    return run_analyze(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``dancelike`` console script."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        return _usage(parser)
    try:
        return int(args.handler(args) or 0)
    except DanceLikeError as exc:
        print(f"dancelike: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("dancelike: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # noqa: BLE001 - the user gets one line, developers the traceback
        if os.environ.get("DANCELIKE_DEBUG") == "1":
            traceback.print_exc()
        print(f"dancelike: internal error: {exc.__class__.__name__}: {exc} (DANCELIKE_DEBUG=1 shows details)", file=sys.stderr)
        return 1


def require_output_path(path: str, what: str) -> None:
    """Fail early (before long work) when an output path cannot be written."""
    if path == "-":
        return
    if os.path.isdir(path):
        raise InputError(f"{path}: is a folder; give a file name for the {what}")
    folder = os.path.dirname(os.path.abspath(path))
    while not os.path.exists(folder):  # the nearest existing ancestor decides
        folder = os.path.dirname(folder)
    if not os.path.isdir(folder):
        raise InputError(f"{path}: part of the folder path is a file, not a folder")
    if not os.access(folder, os.W_OK):
        raise InputError(f"{path}: folder is not writable for the {what}")


if __name__ == "__main__":
    sys.exit(main())
