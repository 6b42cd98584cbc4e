"""Shared by the store and services tests (``tests/store/``, ``tests/services/``) and the
reliability tests: library rows standing on stand-in files, and what a crash mid-write leaves of a
session's recording.

A helper module, not a test module: test files in any folder import it by name (``tests/`` is on
``sys.path``, see ``tests/conftest.py``)."""

from __future__ import annotations

import struct
from pathlib import Path

from dancelike.store import db
from dancelike.store.db import Store


def fake_video(store: Store, name: str = "clip") -> Path:
    """A file standing in for a video where only rows and files are tested."""
    path = store.root / "choreographies" / f"staging-{name}" / "video.mp4"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not really a video")
    return path


def add(store: Store, title: str = "Clip") -> db.Choreography:
    return store.add_choreography(title, fake_video(store, title), 10.0, 30.0, 640, 480, None)


def cut_last_fragment(path: Path) -> None:
    """What a crash mid-write leaves: the last fragment's media data cut in half."""
    data = path.read_bytes()
    offset, boxes = 0, []
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        boxes.append((offset, kind, size))
        offset += size
    start, _, size = [box for box in boxes if box[1] == b"mdat"][-1]
    path.write_bytes(data[: start + size // 2])
