"""The part maps of a cached analysis, written and read a window at a time.

A part map is 128x128 labels a frame: a 10-minute 60 fps reference has 590 MB of them, and a
session needs a few at a time (the ghost, the live part overlap a little ahead). So the cache
file keeps them as separate ``.npz`` members of ``CHUNK`` frames each (``parts{row}_{k}``), and
``ChunkedPartMaps`` reads the member holding the frame asked for, keeping the last few: a
window of the dance in memory, never the whole. The file is read through ``zipfile`` (no
memory map: pages it touched would count in the process's memory).

Files written before (one ``parts`` member, every frame of every dancer) are converted once,
streamed member to member (``convert_parts``), so nobody's dances are analysed again.
"""

from __future__ import annotations

import logging
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

import numpy as np

from dancelike.vision.body import BodyFrame, PackedPartMaps

#: Frames per part-map member: 1 MB unpacked at 128x128, about 1-2 s of a dance.
CHUNK = 64
#: Chunks a reader keeps unpacked (the ghost's and the live lookahead's windows).
KEEP_CHUNKS = 4
#: The member that says the part maps are chunked: [layout version, side, frames per chunk].
LAYOUT = "layout"


def write_members(out: IO[bytes], members: Iterable[tuple[str, np.ndarray]]) -> None:
    """An ``.npz`` as ``np.savez_compressed`` writes it, from members made one at a time."""
    with zipfile.ZipFile(out, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in members:
            with archive.open(f"{name}.npy", "w", force_zip64=True) as member:
                np.lib.format.write_array(member, np.asanyarray(array), allow_pickle=False)


def chunk_name(row: int, chunk: int) -> str:
    return f"parts{row}_{chunk}"


def part_chunks(tracks: Sequence[Sequence[BodyFrame]], side: int) -> Iterator[tuple[str, np.ndarray]]:
    """Every track's part maps as members of ``CHUNK`` frames (zeros where a frame has none)."""
    for row, frames in enumerate(tracks):
        for chunk, start in enumerate(range(0, len(frames), CHUNK)):
            block = np.zeros((min(CHUNK, len(frames) - start), side, side), np.uint8)
            for offset in range(len(block)):
                labels = frames[start + offset].part_map
                if labels is not None:
                    block[offset] = labels
            yield chunk_name(row, chunk), block


def _old_header(member: IO[bytes]) -> tuple[int, ...]:
    version = np.lib.format.read_magic(member)
    reader = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
    shape, fortran, dtype = reader(member)
    if fortran or dtype != np.uint8 or len(shape) != 4:
        raise ValueError("unexpected part maps")
    return tuple(shape)


def old_parts_side(archive: zipfile.ZipFile) -> int:
    """The side of the part maps in a file written before (one ``parts`` member)."""
    with archive.open("parts.npy") as member:
        return _old_header(member)[2]


def old_part_chunks(archive: zipfile.ZipFile) -> Iterator[tuple[str, np.ndarray]]:
    """The single ``parts`` member of a file written before, read and cut into chunks as it streams."""
    with archive.open("parts.npy") as member:
        rows, count, side, _ = _old_header(member)
        for row in range(rows):
            for chunk, start in enumerate(range(0, count, CHUNK)):
                frames = min(CHUNK, count - start)
                data = member.read(frames * side * side)
                if len(data) != frames * side * side:
                    raise EOFError("part maps cut short")
                yield chunk_name(row, chunk), np.frombuffer(data, np.uint8).reshape(frames, side, side)


class ChunkFile:
    """An open cache file whose part-map chunks are read on demand, the last ``KEEP_CHUNKS`` kept.
    Shared by every dancer's track of one analysis; safe from several threads (the session's
    reference stage and the UI's ghost)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._archive: zipfile.ZipFile | None = None
        self._kept: OrderedDict[tuple[int, int], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.reads = 0  # chunks read from the file (tests, figures)

    def chunk(self, row: int, chunk: int) -> np.ndarray | None:
        """The chunk's maps (read-only: callers copy a frame out), or None when the file cannot give it."""
        with self._lock:
            kept = self._kept.get((row, chunk))
            if kept is not None:
                self._kept.move_to_end((row, chunk))
                return kept
            try:
                if self._archive is None:
                    self._archive = zipfile.ZipFile(self.path)
                with self._archive.open(f"{chunk_name(row, chunk)}.npy") as member:
                    block = np.lib.format.read_array(member, allow_pickle=False)
            except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:  # removed or damaged meanwhile
                _log_once(self.path, exc)
                return None
            self.reads += 1
            self._kept[(row, chunk)] = block
            while len(self._kept) > KEEP_CHUNKS:
                self._kept.popitem(last=False)
            return block

    def close(self) -> None:
        with self._lock:
            if self._archive is not None:
                self._archive.close()
                self._archive = None
            self._kept.clear()

    def __del__(self) -> None:
        if self._archive is not None:
            self._archive.close()


class ChunkedPartMaps:
    """One dancer's part maps in a cache file: frame ``i`` is read with its chunk when asked for."""

    def __init__(self, file: ChunkFile, row: int, has_parts: np.ndarray, chunk: int = CHUNK) -> None:
        self.file, self.row, self.has_parts, self.chunk_frames = file, row, has_parts, chunk

    def part_map(self, index: int) -> np.ndarray | None:
        if not self.has_parts[index]:
            return None
        block = self.file.chunk(self.row, index // self.chunk_frames)
        return None if block is None else np.array(block[index % self.chunk_frames])

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (a batch's reference sent to a worker that may be elsewhere): the maps themselves, packed."""
        packed = PackedPartMaps.pack(self.part_map(k) for k in range(len(self.has_parts)))
        return PackedPartMaps, (packed.blobs, packed.side)


log = logging.getLogger(__name__)
_logged: set[str] = set()


def _log_once(path: str, exc: BaseException) -> None:
    if path not in _logged:
        _logged.add(path)
        log.warning("analysis cache: part maps of %s unreadable: %s", path, exc)
