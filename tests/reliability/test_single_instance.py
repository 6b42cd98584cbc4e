"""Two DanceLikes on one data folder: the second one stops in one line and never "recovers" the
first one's live session; recovery touches only sessions whose process is gone."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from reliability_helpers import assert_one_line_error, run

from dancelike.store import db, instance
from dancelike.store.db import Store
from dancelike.store.instance import FolderInUse, FolderLock, Owner

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

WAIT_S = 60.0


def _sleeper() -> subprocess.Popen[bytes]:
    """A live process that is not this one (it stands for another DanceLike)."""
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])


def _wait_until(check: object, what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.1)


def _set_owner(store: Store, session_id: int, owner: Owner) -> None:
    with store._write() as conn:
        conn.execute("UPDATE sessions SET owner_pid = ?, owner_started = ? WHERE id = ?", (owner.pid, owner.started, session_id))


def _choreography(store: Store) -> int:
    video = store.root / "choreographies" / "staging" / "video.mp4"
    video.parent.mkdir(parents=True, exist_ok=True)
    video.write_bytes(b"stands for a video")
    return store.add_choreography("Clip", video, 10.0, 30.0, 640, 480, None).id


def test_migration_v2_adds_the_owner_and_old_running_rows_stay_orphans(own_data_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(db, "MIGRATIONS", db.MIGRATIONS[:1])
        with Store() as old:
            assert old.version == 1
            clip = _choreography(old)
            with old._write() as conn:
                conn.execute("INSERT INTO sessions (choreography_id, started_at, status) VALUES (?, '2026-01-01T00:00:00+00:00', 'running')", (clip,))
    with Store() as new:
        assert new.version == len(db.MIGRATIONS)
        columns = {row[1] for row in new._db.execute("PRAGMA table_info(sessions)")}
        assert {"owner_pid", "owner_started"} <= columns
        [orphan] = new.orphans()  # a row from before owners were kept: its process is long gone
        assert orphan.choreography_id == clip
        fresh = new.begin_session(clip, {})
        row = new._db.execute("SELECT owner_pid, owner_started FROM sessions WHERE id = ?", (fresh.id,)).fetchone()
        assert tuple(row) == (instance.this_process().pid, pytest.approx(instance.this_process().started))


def test_a_session_of_a_live_process_is_never_an_orphan(own_data_home: Path) -> None:
    other = _sleeper()
    try:
        with Store() as store:
            clip = _choreography(store)
            live = store.begin_session(clip, {})
            reused = store.begin_session(clip, {})
            started = instance.process_started(other.pid)
            assert started is not None
            _set_owner(store, live.id, Owner(other.pid, started))
            _set_owner(store, reused.id, Owner(other.pid, started - 3600.0))  # same pid, an earlier process
            assert [o.id for o in store.orphans()] == [reused.id]
            other.send_signal(signal.SIGKILL)
            other.wait(WAIT_S)
            assert [o.id for o in store.orphans()] == [live.id, reused.id]  # its process is gone now
    finally:
        other.kill()
        other.wait(WAIT_S)


def test_the_folder_lock_is_held_once_and_freed_when_its_process_dies(tmp_path: Path) -> None:
    first = FolderLock(tmp_path).acquire()
    with pytest.raises(FolderInUse) as caught:
        FolderLock(tmp_path).acquire()
    message = str(caught.value)
    assert "another DanceLike" in message and str(tmp_path) in message and "\n" not in message
    first.release()
    FolderLock(tmp_path).acquire().release()

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from dancelike.store.instance import FolderLock; FolderLock(sys.argv[1]).acquire(); print('held', flush=True); time.sleep(300)",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(FolderInUse, match=f"process {holder.pid}"):
            FolderLock(tmp_path).acquire()
        holder.send_signal(signal.SIGKILL)  # a crash: no cleanup runs, the kernel frees the lock
        holder.wait(WAIT_S)
        FolderLock(tmp_path).acquire().release()
    finally:
        holder.kill()
        holder.wait(WAIT_S)
        if holder.stdout is not None:
            holder.stdout.close()


def test_a_second_app_says_so_in_one_line_and_recovers_nothing(
    own_data_home: Path,
    qapp: QApplication,
    app_settings: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dancelike.services import sessions as recovery
    from dancelike.ui import app, messages

    with Store() as store:
        live = store.begin_session(_choreography(store), {})  # the first app's session, dancing now
    held = FolderLock(own_data_home).acquire()  # the first app
    try:
        monkeypatch.setattr(app, "AppSettings", lambda: app_settings)
        monkeypatch.setattr(recovery, "recover_orphans", lambda *a, **k: pytest.fail("the second app ran recovery"))
        shown: list[str] = []
        monkeypatch.setattr(messages, "show_error", lambda parent, title, text, what_next="": shown.append(text))
        monkeypatch.setattr(app, "can_show_windows", lambda: True)
        assert app.main([]) == 2
        assert len(shown) == 1 and "Another DanceLike" in shown[0] and "\n" not in shown[0]

        result = run("app")  # the command line, on Qt's offscreen platform: no dialog, one line
        assert_one_line_error(result, "another DanceLike", f"process {held.holder()}", str(own_data_home))
    finally:
        held.release()
    with sqlite3.connect(own_data_home / "dancelike.db") as raw:
        assert raw.execute("SELECT status FROM sessions WHERE id = ?", (live.id,)).fetchone() == ("running",)
