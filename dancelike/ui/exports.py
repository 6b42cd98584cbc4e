"""Exporting a session's replay or recording: the name the save dialog proposes, and the copy.

No Qt here: the results view asks the dialog and runs ``copy_for_export`` in a worker.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from dancelike.store.paths import safe_file_name


def suggested_export(title: str, kind: str, started_at: datetime) -> Path:
    """``~/TITLE KIND YYYY-mm-dd HH.MM.mp4`` as one safe file name: a title such as ``../x``
    never points the dialog at another folder."""
    stamp = started_at.astimezone().strftime("%Y-%m-%d %H.%M")
    return Path.home() / safe_file_name(f"{title} {kind} {stamp}.mp4")


def copy_for_export(source: Path, destination: Path) -> Path:
    """Copy for an export (a worker); the destination is written whole or not at all."""
    partial = destination.with_name(destination.name + ".part")
    try:
        shutil.copyfile(source, partial)
        partial.replace(destination)
    finally:
        partial.unlink(missing_ok=True)
    return destination
