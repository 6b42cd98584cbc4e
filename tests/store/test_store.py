"""The store: the SQLite history (schema and migrations, choreographies, sessions, writes from
several threads).

Real SQLite files in temporary data folders (``DANCELIKE_HOME``). What the services do with the
store (saving results, crash recovery, imports, the demo) is in ``tests/services/``.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from store_helpers import add

from dancelike.errors import InputError
from dancelike.store import db, schema
from dancelike.store.db import Store

# --- schema and migrations ---------------------------------------------------------------


def test_schema_wal_foreign_keys_and_version(store: Store, data_home: Path) -> None:
    assert store.path == data_home / "dancelike.db" and store.path.is_file()
    assert store.version == len(db.MIGRATIONS) == 4  # v3 the chosen dancer, v4 the players' columns
    raw = sqlite3.connect(store.path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 4
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"choreographies", "sessions"} <= tables
    finally:
        raw.close()
    assert store._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError), store._write() as conn:  # the foreign key is enforced
        conn.execute("INSERT INTO sessions (choreography_id, started_at, status) VALUES (999, 'x', 'running')")
    with pytest.raises(InputError, match="not in the library"):
        store.begin_session(999, {})


def test_migration_from_an_older_version_keeps_every_row(data_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store() as old:
        clip = add(old, "Old clip")
        first = old.begin_session(clip.id, {"mirror": "on"})
        old.complete_session(first.id, status="done", score=81.5, grade="A", duration=30.0, parts={"arms": 70.0})
        old.begin_session(clip.id, {})

    def v3_favourites(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE choreographies ADD COLUMN favourite INTEGER NOT NULL DEFAULT 0")

    base = len(db.MIGRATIONS)
    monkeypatch.setattr(db, "MIGRATIONS", [*db.MIGRATIONS, v3_favourites])
    with Store() as new:
        assert new.version == base + 1
        assert [tuple(row) for row in new._db.execute("SELECT favourite FROM choreographies")] == [(0,)]
        [kept] = new.choreographies()
        assert kept.title == "Old clip" and kept.best_score == 81.5 and kept.session_count == 2
        done = new.session(first.id)
        assert done is not None and done.status == "done" and done.parts == {"arms": 70.0}
        assert new.session_settings(first.id) == {"mirror": "on"} and len(new.orphans()) == 1


def test_a_failed_migration_step_keeps_the_steps_before_it(data_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store().close()

    def v3(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE tags (name TEXT)")

    def v4(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE sessions ADD COLUMN notes TEXT")
        raise RuntimeError("bad v4")

    base = len(db.MIGRATIONS)
    monkeypatch.setattr(db, "MIGRATIONS", [*db.MIGRATIONS, v3, v4])
    with pytest.raises(RuntimeError, match="bad v4"):
        Store()
    raw = sqlite3.connect(data_home / "dancelike.db")
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == base + 1  # the first step committed with its bump
        assert "notes" not in {row[1] for row in raw.execute("PRAGMA table_info(sessions)")}  # v4 rolled back
    finally:
        raw.close()


def test_migration_v3_adds_the_chosen_dancer_and_keeps_every_row(data_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database from before dancers were chosen: its rows stay, each follows the automatic
    choice (dancer NULL) and nobody knows yet how many dancers its video has."""
    v3 = db.MIGRATIONS.index(schema._v3_choreography_dancer)
    with monkeypatch.context() as patch:
        patch.setattr(db, "MIGRATIONS", db.MIGRATIONS[:v3])
        with Store() as old:
            assert old.version == v3
            clip = add(old, "Group clip")
            with old._write() as conn:  # a session row as that version wrote it (the store's code reads newer columns)
                conn.execute(
                    "INSERT INTO sessions (choreography_id, started_at, status, score, grade, duration) VALUES (?, '2026-01-01T00:00:00+00:00', 'done', 64.0, 'C', 20.0)",
                    (clip.id,),
                )
    with Store() as new:
        assert new.version >= v3 + 1
        assert {"dancer", "dancers"} <= {row[1] for row in new._db.execute("PRAGMA table_info(choreographies)")}
        [kept] = new.choreographies()
        assert (kept.title, kept.best_score, kept.session_count) == ("Group clip", 64.0, 1)
        assert kept.dancer is None and kept.dancers is None and not kept.has_dancers_to_choose


def test_choosing_a_dancer_persists(data_home: Path) -> None:
    with Store() as store:
        clip = add(store, "Trio")
        store.set_dancers(clip.id, 3)
        assert store.set_dancer(clip.id, 2).dancer == 2
        with pytest.raises(InputError, match="not in the library"):
            store.set_dancer(12345, 1)
    with Store() as again:
        found = again.choreography(clip.id)
        assert found is not None and (found.dancer, found.dancers) == (2, 3) and found.has_dancers_to_choose
        assert again.set_dancer(clip.id, None).dancer is None  # back to the automatic choice


def test_newer_or_damaged_databases(data_home: Path, tmp_path: Path) -> None:
    """A newer database is refused in one line; a damaged one is set aside and rebuilt
    (tests/reliability/test_damaged_files.py has the bad page, truncation and full disk)."""
    Store().close()
    raw = sqlite3.connect(data_home / "dancelike.db")
    raw.execute("PRAGMA user_version = 99")
    raw.close()
    with pytest.raises(InputError, match="newer DanceLike"):
        Store()
    junk = tmp_path / "junk" / "dancelike.db"
    junk.parent.mkdir()
    junk.write_bytes(b"this is not a database at all, just some bytes" * 100)
    with Store(junk) as rebuilt:
        assert rebuilt.repaired and "\n" not in rebuilt.repaired and rebuilt.choreographies() == []
    assert len(list(junk.parent.glob("dancelike.db.damaged-*"))) == 1


# --- choreographies ----------------------------------------------------------------------


def test_add_rename_delete_choreographies(store: Store) -> None:
    first = add(store, "  First   dance ")
    second = add(store, "Second")
    assert first.title == "First dance" and not first.analysed and not first.is_demo
    assert first.best_score is None and first.session_count == 0
    assert [c.id for c in store.choreographies()] == [second.id, first.id]  # newest first
    stored = store._db.execute("SELECT video FROM choreographies WHERE id = ?", (first.id,)).fetchone()[0]
    assert not Path(stored).is_absolute()  # relative to the data folder
    store.set_analysed(first.id)
    assert store.choreography(first.id).analysed  # type: ignore[union-attr]
    assert store.rename_choreography(first.id, "Renamed").title == "Renamed"
    with pytest.raises(InputError, match="needs a title"):
        store.rename_choreography(first.id, "   ")
    with pytest.raises(InputError, match="not in the library"):
        store.rename_choreography(12345, "x")
    # its folder, its sessions and their folders go; the other choreography stays
    folder = store.choreography_folder(first.id)
    folder.mkdir(parents=True)
    (folder / "video.mp4").write_bytes(b"x")
    session = store.begin_session(first.id, {})
    (session.folder / "recording.mp4").write_bytes(b"x")
    other = store.begin_session(second.id, {})
    store.delete_choreography(first.id)
    assert store.choreography(first.id) is None and store.session(session.id) is None
    assert not folder.exists() and not session.folder.exists() and not first.video.parent.exists()
    assert second.video.is_file() and store.session(other.id) is not None and other.folder.is_dir()


def test_moving_the_data_folder_keeps_paths_working(store: Store, tmp_path: Path) -> None:
    clip = add(store)
    session = store.begin_session(clip.id, {})
    (session.folder / "recording.mp4").write_bytes(b"x")
    store.close()
    moved = tmp_path / "moved"
    shutil.copytree(store.root, moved)
    with Store(moved / "dancelike.db") as again:
        [found] = again.choreographies()
        assert found.video == moved / clip.video.relative_to(store.root) and found.video.is_file()
        record = again.session(session.id)
        assert record is not None and record.recording == moved / "sessions" / str(session.id) / "recording.mp4"


# --- sessions ----------------------------------------------------------------------------


def test_sessions_begin_complete_best_score_and_progress(store: Store) -> None:
    clip = add(store)
    other = add(store, "Other")
    records = []
    for status, score in (("done", 70.0), ("stopped", 85.5), ("cancelled", None), ("failed", None), ("recovered", 60.0)):
        record = store.begin_session(clip.id, {"camera": "demo", "mirror": "auto"})
        assert record.status == "running" and record.folder.is_dir() and record.ended_at is None
        assert record.recording is None and record.report is None and record.replay is None
        records.append(
            store.complete_session(
                record.id,
                status=status,
                score=score,
                grade=None if score is None else "B",
                duration=12.5,
                parts={"arms": 50.0} if score else {},
                message="camera\nlost" if status == "failed" else "",
            )
        )
    running = store.begin_session(other.id, {})
    assert records[0].status == "done" and records[0].score == 70.0 and records[0].parts == {"arms": 50.0}
    assert records[0].ended_at is not None and records[0].ended_at >= records[0].started_at
    assert records[3].message == "camera lost"  # one line
    found = store.choreography(clip.id)
    assert found is not None and found.best_score == 85.5 and found.session_count == 5
    assert store.choreography(other.id).session_count == 1  # type: ignore[union-attr]
    assert [s.id for s in store.sessions(clip.id)] == [r.id for r in reversed(records)]  # newest first
    assert store.sessions()[0].id == running.id and len(store.sessions()) == 6
    assert store.sessions()[0].choreography_title == "Other"
    assert [score for _, score in store.progress(clip.id)] == [70.0, 85.5, 60.0]  # oldest first, scored only
    assert [o.id for o in store.orphans()] == [running.id]
    # files appear in the record once they exist
    folder = records[0].folder
    (folder / "recording.mp4").write_bytes(b"x")
    (folder / "report.json").write_text("{}")
    replay = folder / "replay.mp4"
    replay.write_bytes(b"x")
    store.set_replay(records[0].id, replay)
    again = store.session(records[0].id)
    assert again is not None and (again.recording, again.report, again.replay) == (
        folder / "recording.mp4",
        folder / "report.json",
        replay,
    )
    with pytest.raises(ValueError, match="unknown session status"):
        store.complete_session(running.id, status="great", score=None, grade=None, duration=None, parts={})
    store.delete_session(records[0].id)
    assert store.session(records[0].id) is None and not folder.exists()
    assert store.choreography(clip.id).best_score == 85.5  # type: ignore[union-attr]


def test_threads_write_at_once_and_nothing_is_lost(store: Store) -> None:
    clip = add(store)
    errors: list[BaseException] = []

    def dance(n: int) -> None:
        try:
            for k in range(15):
                record = store.begin_session(clip.id, {"thread": n})
                store.complete_session(record.id, status="done", score=float(k), grade="D", duration=1.0, parts={})
                store.choreographies()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=dance, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors
    assert len(store.sessions(clip.id)) == 60 and not store.orphans()
    assert len({s.folder for s in store.sessions()}) == 60
