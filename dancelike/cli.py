"""The ``dancelike`` command: sub-commands, one-line errors, exit codes.

Exit codes: 0 success, 2 bad input (a missing, unreadable or unsupported file or
option), 1 internal failure. Progress goes to stderr, machine output to ``--json``.
Set ``DANCELIKE_DEBUG=1`` to see the traceback behind an internal failure.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
import traceback
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn, TypeAlias

from dancelike import __version__, logs
from dancelike.atomic import disk_full
from dancelike.commands._io import dash_named_files
from dancelike.errors import DanceLikeError
from dancelike.i18n import QT_TRANSLATE_NOOP, translate
from dancelike.scoring.mirror import Mirror

log = logging.getLogger(__name__)

#: argparse's own words (it asks gettext for them), in our catalogue: "usage: ", "options", ...
_ARGPARSE_WORDS = frozenset(
    (
        QT_TRANSLATE_NOOP("Argparse", "usage: "),
        QT_TRANSLATE_NOOP("Argparse", "positional arguments"),
        QT_TRANSLATE_NOOP("Argparse", "options"),
        QT_TRANSLATE_NOOP("Argparse", "show this help message and exit"),
        QT_TRANSLATE_NOOP("Argparse", "argument %(argument_name)s: %(message)s"),
        QT_TRANSLATE_NOOP("Argparse", "the following arguments are required: %s"),
        QT_TRANSLATE_NOOP("Argparse", "unrecognized arguments: %s"),
        QT_TRANSLATE_NOOP("Argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
        QT_TRANSLATE_NOOP("Argparse", "invalid %(type)s value: %(value)r"),
        QT_TRANSLATE_NOOP("Argparse", "expected one argument"),
        QT_TRANSLATE_NOOP("Argparse", "expected at most one argument"),
        QT_TRANSLATE_NOOP("Argparse", "expected at least one argument"),
        QT_TRANSLATE_NOOP("Argparse", "ambiguous option: %(option)s could match %(matches)s"),
        QT_TRANSLATE_NOOP("Argparse", "unknown parser %(parser_name)r (choices: %(choices)s)"),
        QT_TRANSLATE_NOOP("Argparse", "not allowed with argument %s"),
        QT_TRANSLATE_NOOP("Argparse", "one of the arguments %s is required"),
        QT_TRANSLATE_NOOP("Argparse", "ignored explicit argument %r"),
        QT_TRANSLATE_NOOP("Argparse", "can't open '%(filename)s': %(error)s"),
    )
)


def _argparse_word(text: str | None) -> str | None:
    """argparse's gettext lookup, answered from our catalogue."""
    return translate("Argparse", text) if text in _ARGPARSE_WORDS else text


def _argparse_plural(singular: str, plural: str, count: int) -> str:
    return str(_argparse_word(singular if count == 1 else plural))


@contextmanager
def _argparse_speaks() -> Iterator[None]:
    """argparse's words ("usage:", "options", its error messages) in the language spoken now."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _argparse_word, _argparse_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class _Formatter(argparse.HelpFormatter):
    """argparse's help, with Chinese help text wrapped too: textwrap breaks lines only at spaces,
    and a Chinese sentence has none (each of its characters takes two columns)."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        if not any(unicodedata.east_asian_width(c) in "WF" for c in text):
            return super()._split_lines(text, width)
        lines, line, used = [], "", 0
        for char in " ".join(text.split()):
            size = 2 if unicodedata.east_asian_width(char) in "WF" else 1
            if used + size > width and line:
                lines.append(line.rstrip())
                line, used = "", 0
            if line or char != " ":
                line, used = line + char, used + size
        return lines + ([line.rstrip()] if line.strip() else [])


class _Parser(argparse.ArgumentParser):
    """argparse's parser whose error line keeps "dancelike: error: " (scripts look for it) before
    the message in the language spoken now."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


#: The subcommands' parsers: each ``_add_*`` below adds one.
_Commands: TypeAlias = "argparse._SubParsersAction[_Parser]"


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dancelike",
        description=translate("Cli", "Learn a dance from any video, on your own machine."),
        epilog=translate("Cli", "To dance, open the desktop app: dancelike app"),
    )
    parser.add_argument("--version", action="version", version=f"dancelike {__version__}", help=translate("Cli", "show program's version number and exit"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title=translate("Cli", "commands"))
    for add in (_add_analyze, _add_score, _add_batch, _add_demo, _add_app, _add_info, _add_install_desktop, _add_bench):
        add(commands)
    return parser


def _add_analyze(commands: _Commands) -> None:
    """``analyze``: a video's or an image's pose, as JSON, a mask or an overlay."""
    analyze = commands.add_parser("analyze", help=translate("Cli", "find the dancer's pose in a video or image"))
    analyze.add_argument("input", metavar="INPUT", help=translate("Cli", "video file or image"))
    analyze.add_argument("--json", metavar="PATH|-", help=translate("Cli", "write landmarks as JSON to PATH, or stdout with -"))
    analyze.add_argument("--mask", metavar="OUT.png", help=translate("Cli", "(image input) write the person mask as a 0/255 PNG"))
    analyze.add_argument("--overlay", metavar="OUT", help=translate("Cli", "write the input with body parts and skeleton drawn (MP4 for video, image for image)"))
    analyze.add_argument("--workers", type=int, default=None, help=translate("Cli", "analysis worker processes (default: one per core, at most 4)"))
    analyze.add_argument(
        "--all-dancers", action="store_true", help=translate("Cli", "(video) track every dancer: JSON with one track per dancer, overlay with each numbered")
    )
    analyze.add_argument(
        "--dancer",
        metavar="N|auto",
        help=translate("Cli", "(video) which dancer of a group video to follow: N (1 = the leftmost) or auto (default: the one most in view near the centre)"),
    )
    analyze.set_defaults(handler=_run_analyze)


def _add_score(commands: _Commands) -> None:
    """``score``: a performance against a reference, as a report and a replay."""
    score = commands.add_parser("score", help=translate("Cli", "score a performance against a reference dance video"))
    score.add_argument("reference", metavar="REFERENCE", help=translate("Cli", "the choreography: the pro's dance video"))
    score.add_argument("performance", metavar="PERFORMANCE", help=translate("Cli", "the dancer's video of the same dance"))
    score.add_argument("--json", metavar="PATH|-", help=translate("Cli", "write the full report as JSON to PATH, or stdout with -"))
    score.add_argument("--video", metavar="OUT.mp4", help=translate("Cli", "write the side-by-side replay (H.264 + AAC)"))
    score.add_argument(
        "--mirror",
        choices=[mode.value for mode in Mirror],
        default=Mirror.AUTO.value,
        help=translate("Cli", "was the video copied as in a mirror (default: decide from the evidence)"),
    )
    score.add_argument("--workers", type=int, default=None, help=translate("Cli", "analysis worker processes (default: one per core, at most 4)"))
    score.add_argument("--no-cache", action="store_true", help=translate("Cli", "analyse the reference again even when its analysis is cached"))
    score.add_argument(
        "--dancer",
        default="auto",
        metavar="N|auto",
        help=translate("Cli", "the reference's dancer of a group video to follow: N (1 = the leftmost) or auto (default: the one most in view near the centre)"),
    )
    score.set_defaults(handler=_run_score)


def _add_batch(commands: _Commands) -> None:
    """``batch``: a whole class against one dance."""
    batch = commands.add_parser("batch", help=translate("Cli", "score a whole class: many performances against one dance, ranked in a class page"))
    batch.add_argument("reference", metavar="REFERENCE", help=translate("Cli", "the choreography: the pro's dance video"))
    batch.add_argument(
        "performances", metavar="PERFORMANCE", nargs="+", help=translate("Cli", "the dancers' videos: files, folders of videos, or patterns (class/*.mp4)")
    )
    batch.add_argument("--out", metavar="DIR", required=True, help=translate("Cli", "folder for results.csv, index.html, reports/ and pictures/"))
    batch.add_argument(
        "--dancers", choices=["one", "all"], default="one", help=translate("Cli", "all: every dancer of a group video is a row of their own (default: one per video)")
    )
    batch.add_argument(
        "--dancer",
        default="auto",
        metavar="N|auto",
        help=translate("Cli", "the reference's dancer of a group video to follow: N (1 = the leftmost) or auto (default: the one most in view near the centre)"),
    )
    batch.add_argument("--resume", action="store_true", help=translate("Cli", "keep the rows already in DIR and score only the others"))
    batch.add_argument("--replays", action="store_true", help=translate("Cli", "also write each side-by-side replay (replays/)"))
    batch.add_argument("--ray", metavar="ADDRESS|local", help=translate("Cli", "run on a Ray cluster (HOST:PORT of its head) or a Ray started here (local)"))
    batch.add_argument(
        "--workers",
        type=int,
        default=None,
        help=translate("Cli", "analysis worker processes (default: one per core, at most 4); with --ray, clips analysed at once (default: the cluster's CPUs)"),
    )
    batch.set_defaults(handler=_run_batch)


def _add_demo(commands: _Commands) -> None:
    """``demo``: the demo choreography and performances."""
    demo = commands.add_parser("demo", help=translate("Cli", "write the demo choreography and two demo performances"))
    demo.add_argument("--out", metavar="FOLDER", help=translate("Cli", "where to write them (default: the data folder's demo/)"))
    demo.set_defaults(handler=_run_demo)


def _add_app(commands: _Commands) -> None:
    """``app``: the desktop app."""
    app = commands.add_parser("app", help=translate("Cli", "open the desktop app: your dances, dancing with the camera, your history"))
    app.add_argument("--camera", metavar="SPEC", help=translate("Cli", "camera for this run: a device index, a video file, or demo"))
    app.set_defaults(handler=_run_app)


def _add_info(commands: _Commands) -> None:
    """``info``: one screen for a bug report."""
    info = commands.add_parser("info", help=translate("Cli", "versions, CPU, models, folders, cameras and audio: one screen for a bug report"))
    info.add_argument("--json", metavar="PATH|-", nargs="?", const="-", help=translate("Cli", "write it as JSON to PATH, or stdout (the default with no PATH)"))
    info.set_defaults(handler=_run_info)


def _add_install_desktop(commands: _Commands) -> None:
    """``install-desktop``: the applications menu's entry."""
    desktop = commands.add_parser("install-desktop", help=translate("Cli", "put DanceLike in your applications menu, with its icon (this user only)"))
    desktop.add_argument("--uninstall", action="store_true", help=translate("Cli", "take it out again"))
    desktop.set_defaults(handler=_run_install_desktop)


def _add_bench(commands: _Commands) -> None:
    """``bench`` and its benchmarks, one function each."""
    bench = commands.add_parser("bench", help=translate("Cli", "benchmarks"))
    bench_commands = bench.add_subparsers(dest="bench_command", metavar="BENCHMARK", title=translate("Cli", "benchmarks"))
    for add in (_add_bench_analyze, _add_bench_score, _add_bench_live, _add_bench_batch, _add_bench_waits):
        add(bench_commands)
    bench.set_defaults(handler=lambda args: _speaking_usage(bench))


def _add_bench_analyze(commands: _Commands) -> None:
    """``bench analyze``: analysis speed on a clip."""
    bench_analyze = commands.add_parser("analyze", help=translate("Cli", "analysis speed on a clip: frames/s, stage timings, memory"))
    bench_analyze.add_argument("video", metavar="VIDEO", nargs="?", help=translate("Cli", "clip to analyse (default: the golden squats clip when present)"))
    bench_analyze.add_argument("--json", metavar="PATH|-", help=translate("Cli", "write the figures as JSON"))
    bench_analyze.add_argument("--workers", type=int, default=None, help=translate("Cli", "analysis worker processes (default: one per core, at most 4)"))
    bench_analyze.add_argument("--repeat", type=int, default=3, help=translate("Cli", "timed runs after one warm-up run (default 3)"))
    bench_analyze.add_argument("--all-dancers", action="store_true", help=translate("Cli", "track every person (as an import does)"))
    bench_analyze.set_defaults(handler=_run_bench_analyze)


def _add_bench_score(commands: _Commands) -> None:
    """``bench score``: scoring speed on a generated pair."""
    bench_score = commands.add_parser("score", help=translate("Cli", "scoring speed on a 60 s pair, cached and uncached; DTW beside fastdtw"))
    bench_score.add_argument("--json", metavar="PATH|-", help=translate("Cli", "write the figures as JSON"))
    bench_score.add_argument("--seconds", type=float, default=60.0, help=translate("Cli", "length of the generated pair (default 60)"))
    bench_score.set_defaults(handler=_run_bench_score)


def _add_bench_live(commands: _Commands) -> None:
    """``bench live``: a headless live session."""
    bench_live = commands.add_parser("live", help=translate("Cli", "a live session, headless: throughput, latency, drops, CPU per stage"))
    bench_live.add_argument("--seconds", type=float, default=30.0, help=translate("Cli", "length of the session (default 30)"))
    bench_live.add_argument("--json", metavar="PATH|-", help=translate("Cli", "write the figures as JSON"))
    bench_live.add_argument("--camera", metavar="SPEC", help=translate("Cli", "camera: a video file, a device index or demo (default: a generated dancer)"))
    bench_live.add_argument("--reference", metavar="PATH", help=translate("Cli", "reference video (default: the generated choreography)"))
    bench_live.add_argument("--hd", action="store_true", help=translate("Cli", "real-world sizes: a 1920x1080 60 fps reference and a 1280x720 camera"))
    bench_live.add_argument("--cached", action="store_true", help=translate("Cli", "the reference's analysis cached first (as for an imported dance)"))
    bench_live.add_argument("--players", type=int, default=1, help=translate("Cli", "people dancing side by side, each scored (1 or 2; default 1)"))
    bench_live.set_defaults(handler=_run_bench_live)


def _add_bench_batch(commands: _Commands) -> None:
    """``bench batch``: a generated class on local workers and Ray."""
    bench_batch = commands.add_parser("batch", help=translate("Cli", "a generated class scored on 1 and 2 local workers and a local Ray: performances/min, memory"))
    bench_batch.add_argument("--clips", type=int, default=8, help=translate("Cli", "generated performances (default 8: 4 per worker)"))
    bench_batch.add_argument("--seconds", type=float, default=6.0, help=translate("Cli", "length of each (default 6)"))
    bench_batch.add_argument("--no-ray", action="store_true", help=translate("Cli", "skip the Ray run: only this computer's workers (for a machine without Ray)"))
    bench_batch.add_argument("--json", metavar="PATH|-", help=translate("Cli", "write the figures as JSON"))
    bench_batch.set_defaults(handler=_run_bench_batch)


def _add_bench_waits(commands: _Commands) -> None:
    """``bench waits``: the waits a user sees."""
    bench_waits = commands.add_parser("waits", help=translate("Cli", "the waits: importing a 15-s clip, its analysis rate, the replay after a dance"))
    bench_waits.add_argument("video", metavar="VIDEO", nargs="?", help=translate("Cli", "clip to import (default: a generated 15-s dance)"))
    bench_waits.add_argument("--hd", action="store_true", help=translate("Cli", "real-world sizes: a 1920x1080 60 fps dance and a 1280x720 camera"))
    bench_waits.add_argument("--json", metavar="PATH|-", help=translate("Cli", "write the figures as JSON"))
    bench_waits.set_defaults(handler=_run_bench_waits)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _speaking_usage(parser: argparse.ArgumentParser) -> int:
    with _argparse_speaks():
        return _usage(parser)


def _run_analyze(args: argparse.Namespace) -> int:
    from dancelike.commands.analyze import run

    return run(args)


def _run_score(args: argparse.Namespace) -> int:
    from dancelike.commands.score import run

    return run(args)


def _run_batch(args: argparse.Namespace) -> int:
    from dancelike.commands.batch import run

    return run(args)


def _run_demo(args: argparse.Namespace) -> int:
    from dancelike.commands.demo import run

    return run(args)


def _run_info(args: argparse.Namespace) -> int:
    from dancelike.commands.info import run

    return run(args)


def _run_install_desktop(args: argparse.Namespace) -> int:
    from dancelike.desktop_entry import main as desktop_main

    return desktop_main(["uninstall" if args.uninstall else "install"])


def _run_app(args: argparse.Namespace) -> int:
    from dancelike.commands.app import run

    return run(args)


def _run_bench_score(args: argparse.Namespace) -> int:
    from dancelike.commands.bench import run_score

    return run_score(args)


def _run_bench_live(args: argparse.Namespace) -> int:
    from dancelike.commands.bench_live import run_live

    return run_live(args)


def _run_bench_batch(args: argparse.Namespace) -> int:
    from dancelike.commands.bench_batch import run

    return run(args)


def _run_bench_waits(args: argparse.Namespace) -> int:
    from dancelike.commands.bench_waits import run

    return run(args)


def _run_bench_analyze(args: argparse.Namespace) -> int:
    from dancelike.commands.bench import run_analyze

    return run_analyze(args)


@contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """SIGTERM (``kill PID``) and SIGHUP unwind like Ctrl-C does, so half-written outputs are
    removed and the analysis workers are stopped."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _exit(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    # SIGHUP: the terminal closed. Same as a kill: unwind, remove half-written outputs.
    signals = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {signum: signal.signal(signum, _exit) for signum in signals}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``dancelike`` console script."""
    with _argparse_speaks():
        parser = _build_parser()
        args = parser.parse_args(dash_named_files(sys.argv[1:] if argv is None else argv))  # analyze -dash.mp4
        if not getattr(args, "handler", None):
            return _usage(parser)
    if args.command != "app":  # the app sets up its own log (ui/app.py), for `python -m dancelike.ui` too
        logs.setup()
    log.info("dancelike %s: %s", __version__, " ".join(sys.argv[1:] if argv is None else argv))
    try:
        # The app too, until its window is up: then ui/app.py's SignalQuit closes the window instead.
        with _terminate_as_exit():
            return int(args.handler(args) or 0)
    except DanceLikeError as exc:
        log.info("failed: %s", exc)
        print(f"dancelike: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        log.info("interrupted")
        print("dancelike: " + translate("Cli", "interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # noqa: BLE001 - the user gets one line, developers the traceback
        log.error("internal error", exc_info=True, extra={"stderr": False})  # the log keeps the traceback
        if os.environ.get("DANCELIKE_DEBUG") == "1":
            traceback.print_exc()
        if disk_full(exc):  # outside the outputs (which say which file): a cache, a temporary file
            if isinstance(exc, OSError) and exc.filename:
                said = translate("Cli", "disk full while writing {file}").format(file=exc.filename)
            else:
                said = translate("Cli", "disk full")
            print(f"dancelike: error: {said}", file=sys.stderr)
            return 2
        said = translate("Cli", "{error}: {message} (DANCELIKE_DEBUG=1 shows details)").format(error=exc.__class__.__name__, message=exc)
        print(f"dancelike: internal error: {said}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
