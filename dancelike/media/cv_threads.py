"""OpenCV kept to the calling thread while our own threads do the parallel work.

OpenCV splits a call over its own pool of threads, unless the pool is busy with a call from
another thread: then the call runs whole in its caller. For some functions the two give
different pixels (a float32 ``warpAffine`` with bilinear interpolation: its blocks start at
the split), so pictures drawn by several threads of ours came out a little differently from
run to run, by how the calls happened to meet. With OpenCV on one thread every call runs
whole: the same pixels every time, and no second pool fighting ours for the cores.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import cv2


@contextlib.contextmanager
def opencv_on_one_thread() -> Iterator[None]:
    """OpenCV single-threaded inside the block (the setting is process-wide), then as before."""
    before = cv2.getNumThreads()
    cv2.setNumThreads(1)
    try:
        yield
    finally:
        cv2.setNumThreads(before)
