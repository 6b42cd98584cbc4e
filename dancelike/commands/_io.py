"""What the sub-commands share: checking options and outputs before long work, writing JSON.

Kept here rather than in ``cli.py`` so the commands do not import the entry point that
imports them. Every check raises ``InputError`` (one line, exit code 2) before any file is
opened for writing.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from dancelike.atomic import write_file
from dancelike.errors import InputError
from dancelike.i18n import translate

PathLike = str | Path


def require_output_path(path: str, what: str) -> None:
    """Fail early (before long work) when an output path cannot be written."""
    if path == "-":
        return
    if os.path.isdir(path):
        raise InputError(translate("Commands", "{path}: is a folder; give a file name for the {what}").format(path=path, what=what))
    folder = os.path.dirname(os.path.abspath(path))
    while not os.path.exists(folder):  # the nearest existing ancestor decides
        folder = os.path.dirname(folder)
    if not os.path.isdir(folder):
        raise InputError(translate("Commands", "{path}: part of the folder path is a file, not a folder").format(path=path))
    if not os.access(folder, os.W_OK):
        raise InputError(translate("Commands", "{path}: folder is not writable for the {what}").format(path=path, what=what))


def same_file(a: PathLike, b: PathLike) -> bool:
    """Whether two names are one file: the same resolved path (``./x``, symbolic links, even
    for a file not yet made), or the same inode (hard links, case-insensitive file systems)."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_outputs(inputs: Iterable[PathLike | None], outputs: Mapping[str, tuple[str | None, str]]) -> None:
    """Refuse outputs that would destroy an input or each other, or cannot be written.

    ``outputs`` maps an option (``"--json"``) to ``(path or None, what it holds)``; ``"-"``
    (stdout) and None are skipped. Runs before anything is read or written, so a refused
    command touches nothing.
    """
    sources = [source for source in inputs if source]
    named: list[tuple[str, str]] = []
    for option, (path, what) in outputs.items():
        if not path or path == "-":
            continue
        for source in sources:
            if same_file(path, source):
                raise InputError(
                    translate("Commands", "{path}: {option} would overwrite the input {source}; give the {what} another name").format(
                        path=path, option=option, source=source, what=what
                    )
                )
        for other_option, other in named:
            if same_file(path, other):
                raise InputError(
                    translate("Commands", "{first} and {second} both name {path}; give each output its own file").format(first=other_option, second=option, path=path)
                )
        named.append((option, path))
        require_output_path(path, what)


def check_workers(workers: int | None) -> None:
    """``--workers`` is a count of processes: None means one per core, anything else at least 1."""
    if workers is not None and workers < 1:
        raise InputError(translate("Commands", "--workers must be at least 1"))


def check_seconds(seconds: float, option: str = "--seconds", at_least: float = 0.0) -> float:
    """A length in seconds that is a positive finite number (and at least ``at_least``)."""
    if not math.isfinite(seconds) or seconds <= 0:
        raise InputError(translate("Commands", "{option} must be a positive finite number of seconds, not {value}").format(option=option, value=f"{seconds:g}"))
    if seconds < at_least:
        raise InputError(translate("Commands", "{option} must be at least {value}").format(option=option, value=f"{at_least:g}"))
    return seconds


def write_json(document: object, destination: str, compact: bool = False) -> None:
    """Write ``document`` as JSON to a file (atomically), or to stdout when ``destination`` is "-"."""
    text = json.dumps(document, separators=(",", ":")) if compact else json.dumps(document, indent=1)
    if destination == "-":
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
        return
    write_file(destination, (text + "\n").encode("utf-8"), "JSON")


def parse_dancer(text: str | None) -> int | None:
    """``--dancer``: a dancer's number (1 = the leftmost) or "auto" (None); a one-line error else."""
    if text is None or text.strip().lower() == "auto":
        return None
    digits = text.strip()
    # ASCII digits only, a few of them: Python's int() also takes "1_0" (10) and full-width
    # digits, and echoing a 5000-digit value back would not be one line.
    if not (digits.isascii() and digits.isdigit() and len(digits) <= MAX_DANCER_DIGITS and int(digits) >= 1):
        shown = "".join(c if c.isprintable() else "?" for c in text[:20]) + ("..." if len(text) > 20 else "")
        raise InputError(translate("Commands", "--dancer {value}: not a dancer; use a number from 1 (the leftmost dancer) or auto").format(value=shown))
    return int(digits)


#: A dancer's number is never longer than this (a video holds a handful of dancers).
MAX_DANCER_DIGITS = 4


def dash_named_files(argv: Sequence[str]) -> list[str]:
    """``argv`` with each existing file whose name starts with a dash (``-dash.mp4``) written
    ``./-dash.mp4``: argparse takes such a name for an unknown option and then says an argument
    is missing. Only names with a dot are touched (no option has one)."""
    return [f".{os.sep}{arg}" if arg.startswith("-") and "." in arg and os.path.isfile(arg) else arg for arg in argv]
