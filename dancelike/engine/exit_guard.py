"""Sessions still running when the interpreter exits (Ctrl-C in a script) are cancelled and
waited for: their daemon threads would otherwise still be inside LiteRT and PyAV when the
process tears down its native state, which aborts it ("terminate called without an active
exception", SIGABRT), and the recording would be left unfinished."""

from __future__ import annotations

import atexit
import threading
import time
import weakref
from typing import Protocol


class _Stoppable(Protocol):
    def cancel(self) -> None: ...
    def wait(self, timeout: float | None = None) -> object: ...


#: How long interpreter exit waits, in all, for running sessions to finish cancelling.
EXIT_WAIT = 10.0

#: Started sessions, so interpreter exit can stop the ones still running (``_stop_at_exit``).
_LIVE: weakref.WeakSet[_Stoppable] = weakref.WeakSet()


def _stop_at_exit() -> None:
    """Cancel and wait for sessions still running when the interpreter exits (Ctrl-C in a
    script): their daemon threads would otherwise still be inside LiteRT and PyAV when the
    process tears down its native state, which aborts it ("terminate called without an
    active exception", SIGABRT), and the recording would be left unfinished."""
    sessions = list(_LIVE)
    for session in sessions:
        session.cancel()
    deadline = time.monotonic() + EXIT_WAIT
    for session in sessions:
        session.wait(max(0.0, deadline - time.monotonic()))


# Before threading's shutdown joins the other threads and concurrent.futures stops its pools
# (the analysers' helper pool among them): with atexit it would run after, too late.
getattr(threading, "_register_atexit", atexit.register)(_stop_at_exit)


def stop_at_exit(session: _Stoppable) -> None:
    """Cancel ``session`` (and wait for it) if it still runs when the interpreter exits."""
    _LIVE.add(session)
