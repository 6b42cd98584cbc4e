"""Shared fixtures: the golden data beside the checkout, and no thread left behind."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO.parent / "shared" / "golden"

#: How long a test's leftover threads get to finish before the test fails.
THREAD_JOIN_SECONDS = 2.0


@pytest.fixture(scope="session")
def golden() -> Path:
    """``../shared/golden`` beside the checkout (real people, expected answers); skip when absent."""
    if not GOLDEN.is_dir():
        pytest.skip("golden data absent: ../shared/golden not found beside the checkout")
    return GOLDEN


@pytest.fixture(autouse=True)
def no_thread_left_behind() -> Iterator[None]:
    """Fail a test that leaves any extra ``threading.Thread`` running (daemon or not)."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + THREAD_JOIN_SECONDS
    leftover = []
    for thread in threading.enumerate():
        if thread in before or thread is threading.current_thread():
            continue
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            leftover.append(thread)
    if leftover:
        names = ", ".join(f"{t.name} (daemon={t.daemon})" for t in leftover)
        pytest.fail(f"test left {len(leftover)} thread(s) running: {names}", pytrace=False)
