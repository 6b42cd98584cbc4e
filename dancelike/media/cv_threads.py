"""OpenCV kept to the calling thread while our own threads do the parallel work.

OpenCV splits a call over its own pool of threads, unless the pool is busy with a call from
another thread: then the call runs whole in its caller. For some functions the two give
different pixels (a float32 ``warpAffine`` with bilinear interpolation: its blocks start at
the split), so pictures drawn by several threads of ours came out a little differently from
run to run, by how the calls happened to meet. With OpenCV on one thread every call runs
whole: the same pixels every time, and no second pool fighting ours for the cores.

The setting is process-wide, and a session and a replay may overlap (the replay of one
session is drawn while the next one runs), so the blocks are counted: the first to enter
sets one thread, and only the last to leave gives the process its setting back. Restoring
on each exit let one block turn the pool back on under another that was still drawing.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

import cv2

_lock = threading.Lock()
_holders = 0  # blocks inside opencv_on_one_thread, in any thread
_before = 0  # the process's setting when the first of them entered


def hold_one_thread() -> None:
    """OpenCV single-threaded until the matching ``release_one_thread``."""
    global _holders, _before
    with _lock:
        if _holders == 0:
            _before = cv2.getNumThreads()
            cv2.setNumThreads(1)
        _holders += 1


def release_one_thread() -> None:
    """Ends one ``hold_one_thread``; the last one gives the process its own setting back."""
    global _holders
    with _lock:
        if _holders == 0:
            raise RuntimeError("release_one_thread without hold_one_thread")
        _holders -= 1
        if _holders == 0:
            cv2.setNumThreads(_before)


@contextlib.contextmanager
def opencv_on_one_thread() -> Iterator[None]:
    """OpenCV single-threaded inside the block, and as before once no block is open."""
    hold_one_thread()
    try:
        yield
    finally:
        release_one_thread()
