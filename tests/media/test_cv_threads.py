"""OpenCV on one thread while our threads draw: the same pixels however their calls meet."""

from __future__ import annotations

import threading

import cv2
import numpy as np

from dancelike.media.cv_threads import opencv_on_one_thread


def _warp(colours: np.ndarray) -> np.ndarray:
    """What the part overlay does: a float32 bilinear warp (OpenCV splits it over its pool)."""
    matrix = np.array([[2.1, 0.1, 3.0], [0.2, 1.9, 4.0]])
    return cv2.warpAffine(colours, matrix, (300, 300), flags=cv2.INTER_LINEAR)


def test_pictures_drawn_by_several_threads_are_the_same_every_time() -> None:
    colours = np.random.default_rng(1).random((128, 128, 3)).astype(np.float32)
    before = cv2.getNumThreads()
    results: list[np.ndarray] = []
    lock = threading.Lock()

    def draw() -> None:
        for _ in range(60):
            picture = _warp(colours)
            with lock:
                results.append(picture)

    with opencv_on_one_thread():
        alone = _warp(colours)
        threads = [threading.Thread(target=draw) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(results) == 120 and all(np.array_equal(picture, alone) for picture in results)
    assert cv2.getNumThreads() == before  # the process's setting is given back


def test_a_block_that_ends_leaves_opencv_on_one_thread_for_a_block_still_open() -> None:
    """A replay started before a session and done while it runs must not turn the pool back on."""
    before = cv2.getNumThreads()
    cv2.setNumThreads(4)
    session_started, session_may_end = threading.Event(), threading.Event()

    def session() -> None:
        with opencv_on_one_thread():
            session_started.set()
            session_may_end.wait(10)

    thread = threading.Thread(target=session)
    try:
        with opencv_on_one_thread():  # the replay
            thread.start()
            assert session_started.wait(10)
        during_session = cv2.getNumThreads()  # the replay is done, the session still runs
        session_may_end.set()
        thread.join(10)
        assert during_session == 1
        assert cv2.getNumThreads() == 4  # the process's setting back once both are done
    finally:
        session_may_end.set()
        cv2.setNumThreads(before)
