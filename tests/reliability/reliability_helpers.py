"""Helpers of the reliability tests: the real command (``tests/cli_runner.py``'s ``run`` and its
one-line-error check, its small real videos), and file fingerprints to prove nothing was touched."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cli_runner import FPS, assert_one_line_error, cli_command, clip_frame, make_clip, run  # tests/ is on sys.path (its conftest)

__all__ = ["FPS", "assert_one_line_error", "cli_command", "clip_frame", "fingerprints", "leftovers", "make_clip", "run"]


def fingerprints(folder: Path) -> dict[str, str]:
    """SHA-256 of every file in ``folder`` (hidden ones included), by name."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    """Temporary files (``.NAME.XXXX.part.EXT``) left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if ".part" in p.name)
