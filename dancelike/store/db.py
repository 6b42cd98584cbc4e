"""The history: choreographies and dance sessions in one SQLite file in the data folder.

Why it is built this way:

* **One connection, one lock.** The GUI thread and worker threads share a ``Store``; every
  public method takes ``self._lock`` around its statements, and the connection is opened with
  ``check_same_thread=False``. Writes are rare and short (a row per session), so a lock costs
  nothing and avoids a connection per thread (and their WAL bookkeeping).
* **Every write is one transaction** (``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any
  error), in WAL mode with ``synchronous=FULL``: a crash, even a power cut, loses at most the
  write in progress, never an earlier session.
* **Schema versions** live in ``PRAGMA user_version``. ``MIGRATIONS[k]`` takes a database from
  version ``k`` to ``k + 1``; each runs in its own transaction together with the version bump,
  so a failed migration leaves the previous version intact. Adding v2 = appending a function.
* **Paths are stored relative to the data folder** (the folder holding the database) when
  they are inside it, so moving the whole data folder keeps everything working.
* **Files go after rows.** Deleting removes the row(s) first and commits; only then are the
  session or choreography folders removed, so a failure never leaves a row without its files.
  Ids are ``AUTOINCREMENT`` (never reused), so a folder left behind cannot be mistaken for a
  new session's.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any

from dancelike.errors import DiskFull, InputError
from dancelike.i18n import translate
from dancelike.store import salvage
from dancelike.store.instance import runs_elsewhere, this_process
from dancelike.store.paths import data_dir, private_dir, private_file
from dancelike.store.records import Choreography, SessionRecord
from dancelike.store.schema import MIGRATIONS
from dancelike.store.session_folder import SessionFolder

DB_NAME = "dancelike.db"
#: Every status a session row can have; "running" is also what an orphan (app died) looks like.
STATUSES = ("running", "done", "stopped", "cancelled", "failed", "recovered")
#: Statuses whose score counts for the personal best and the progress chart.
SCORED = ("done", "stopped", "recovered")
#: ``status IN (?, ?, ?)``: one placeholder per scored status, their values passed with the query.
_SCORED_IN = f"({', '.join('?' * len(SCORED))})"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _stamp(when: datetime) -> str:
    if when.tzinfo is None:
        when = when.astimezone()  # naive = local time
    return when.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _time(text: str) -> datetime:
    """Stored UTC text -> an aware datetime in local time (what the UI shows)."""
    return datetime.fromisoformat(text).astimezone()


def _optional_time(text: str | None) -> datetime | None:
    """``_time`` of a column that may be NULL."""
    return None if text is None else _time(text)


#: Its placeholders come first: a query's own values follow ``SCORED``.
_CHOREOGRAPHY_SELECT = f"""
    SELECT c.*,
        (SELECT MAX(score) FROM sessions s WHERE s.choreography_id = c.id AND s.score IS NOT NULL
            AND s.status IN {_SCORED_IN}) AS best_score,
        (SELECT COUNT(*) FROM sessions s WHERE s.choreography_id = c.id) AS session_count
    FROM choreographies c"""

_SESSION_SELECT = """
    SELECT s.*, c.title AS choreography_title
    FROM sessions s JOIN choreographies c ON c.id = s.choreography_id"""


class Store:
    """The SQLite history (default ``data_dir()/dancelike.db``); safe to share between threads.

    The data folder is the database's folder: sessions live in ``root/sessions/<id>/``,
    imported videos in ``root/choreographies/<id>/``.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else data_dir() / DB_NAME
        self.root = self.path.parent.resolve()
        self._lock = threading.RLock()
        #: One sentence for the user when the database was damaged and rebuilt at opening.
        self.repaired: str | None = None
        try:
            self._db = self._open()
        except InputError as exc:
            if not isinstance(exc.__cause__, sqlite3.DatabaseError) or not salvage.is_damaged(exc.__cause__):
                raise
            self._db, self.repaired = salvage.rebuild(self.path, self._open)

    def _open(self) -> sqlite3.Connection:
        """Connect, check every page, migrate: ``InputError`` (its cause the SQLite error) if not."""
        try:
            private_dir(self.root)
            private_file(self.path)  # SQLite gives its -wal and -shm the database's permissions
            conn = sqlite3.connect(str(self.path), timeout=10.0, check_same_thread=False, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            if salvage.is_disk_full(exc):
                raise DiskFull(translate("Database", "{path}: cannot open the database (the disk is full)").format(path=self.path)) from exc
            raise InputError(translate("Database", "{path}: cannot open the database ({reason})").format(path=self.path, reason=exc)) from exc
        conn.row_factory = sqlite3.Row
        self._db = conn
        try:
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if mode != "wal":
                raise InputError(translate("Database", "{path}: the database cannot use write-ahead logging here ({mode})").format(path=self.path, mode=mode))
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA busy_timeout=10000")
            salvage.check(conn)
            self._migrate()
        except sqlite3.DatabaseError as exc:
            conn.close()
            if salvage.is_disk_full(exc):
                raise DiskFull(translate("Database", "{path}: cannot open the database (the disk is full)").format(path=self.path)) from exc
            raise InputError(translate("Database", "{path}: not a DanceLike database or damaged ({reason})").format(path=self.path, reason=exc)) from exc
        except BaseException:
            conn.close()
            raise
        return conn

    # --- plumbing ----------------------------------------------------------------------

    @property
    def version(self) -> int:
        with self._lock:
            return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        current = self.version
        if current > len(MIGRATIONS):
            raise InputError(
                translate("Database", "{path}: made by a newer DanceLike (schema v{version}); update DanceLike to open it").format(path=self.path, version=current)
            )
        for version in range(current, len(MIGRATIONS)):
            with self._write() as db:
                MIGRATIONS[version](db)
                db.execute(f"PRAGMA user_version = {version + 1}")

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed on success, rolled back on any error."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._write_error(exc) from exc
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError):
                    raise self._write_error(exc) from exc
                raise

    def _write_error(self, exc: sqlite3.Error) -> InputError:
        if salvage.is_disk_full(exc):
            return DiskFull(translate("Database", "{path}: cannot write the database (the disk is full)").format(path=self.path))
        return InputError(translate("Database", "{path}: cannot write the database ({reason})").format(path=self.path, reason=exc))

    def _query(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._db.execute(sql, args).fetchall()
            except sqlite3.DatabaseError as exc:  # damaged since it was opened: repaired at the next start
                raise InputError(
                    translate("Database", "{path}: cannot read the database ({reason}); restart DanceLike to repair it").format(path=self.path, reason=exc)
                ) from exc

    def _to_db(self, path: Path) -> str:
        """Relative to the data folder when inside it (the folder can move), else absolute."""
        absolute = Path(path).resolve()
        try:
            return absolute.relative_to(self.root).as_posix()
        except ValueError:
            return str(absolute)

    def _from_db(self, text: str) -> Path:
        path = Path(text)
        return path if path.is_absolute() else self.root / path

    def session_folder(self, session_id: int) -> Path:
        return self.root / "sessions" / str(session_id)

    def choreography_folder(self, choreography_id: int) -> Path:
        return self.root / "choreographies" / str(choreography_id)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Store:  # noqa: PYI034 - typing.Self needs Python 3.11; we support 3.10
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    # --- choreographies ----------------------------------------------------------------

    def _choreography(self, row: sqlite3.Row) -> Choreography:
        return Choreography(
            id=row["id"],
            title=row["title"],
            video=self._from_db(row["video"]),
            duration=row["duration"],
            fps=row["fps"],
            width=row["width"],
            height=row["height"],
            thumbnail=self._from_db(row["thumbnail"]) if row["thumbnail"] else None,
            added_at=_time(row["added_at"]),
            analysed=bool(row["analysed"]),
            is_demo=bool(row["is_demo"]),
            best_score=row["best_score"],
            session_count=row["session_count"],
            **{name: row[name] for name in ("dancer", "dancers") if name in row.keys()},  # (not in a v2 database)
        )

    def add_choreography(
        self,
        title: str,
        video: Path,
        duration: float,
        fps: float,
        width: int,
        height: int,
        thumbnail: Path | None,
        is_demo: bool = False,
    ) -> Choreography:
        title = _clean_title(title)
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO choreographies (title, video, duration, fps, width, height, thumbnail, added_at, is_demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (title, self._to_db(video), float(duration), float(fps), int(width), int(height), self._to_db(thumbnail) if thumbnail else None, _now(), int(is_demo)),
            )
            new_id = int(cursor.lastrowid or 0)
        return self._require(new_id)

    def set_media(self, choreography_id: int, video: Path, thumbnail: Path | None) -> Choreography:
        """Point a choreography at its files (after they moved into its folder)."""
        with self._write() as db:
            db.execute(
                "UPDATE choreographies SET video = ?, thumbnail = ? WHERE id = ?",
                (self._to_db(video), self._to_db(thumbnail) if thumbnail else None, choreography_id),
            )
        return self._require(choreography_id)

    def set_analysed(self, choreography_id: int, analysed: bool = True) -> None:
        with self._write() as db:
            db.execute("UPDATE choreographies SET analysed = ? WHERE id = ?", (int(analysed), choreography_id))

    def set_dancers(self, choreography_id: int, dancers: int) -> None:
        """How many dancers the analysis of the choreography's video found."""
        with self._write() as db:
            db.execute("UPDATE choreographies SET dancers = ? WHERE id = ?", (int(dancers), choreography_id))

    def set_dancer(self, choreography_id: int, dancer: int | None) -> Choreography:
        """Follow dancer ``dancer`` (their number) of the choreography's video; None: the automatic choice."""
        with self._write() as db:
            cursor = db.execute("UPDATE choreographies SET dancer = ? WHERE id = ?", (None if dancer is None else int(dancer), choreography_id))
            if cursor.rowcount == 0:
                raise _no_dance(choreography_id)
        return self._require(choreography_id)

    def choreographies(self) -> list[Choreography]:
        """Newest first, the demo included."""
        rows = self._query(_CHOREOGRAPHY_SELECT + " ORDER BY c.added_at DESC, c.id DESC", SCORED)
        return [self._choreography(row) for row in rows]

    def choreography(self, choreography_id: int) -> Choreography | None:
        rows = self._query(_CHOREOGRAPHY_SELECT + " WHERE c.id = ?", (*SCORED, choreography_id))
        return self._choreography(rows[0]) if rows else None

    def demo(self) -> Choreography | None:
        """The demo choreography, if there is one (the oldest, should there be several)."""
        rows = self._query(_CHOREOGRAPHY_SELECT + " WHERE c.is_demo = 1 ORDER BY c.id LIMIT 1", SCORED)
        return self._choreography(rows[0]) if rows else None

    def _require(self, choreography_id: int) -> Choreography:
        found = self.choreography(choreography_id)
        if found is None:
            raise _no_dance(choreography_id)
        return found

    def rename_choreography(self, choreography_id: int, title: str) -> Choreography:
        title = _clean_title(title)
        with self._write() as db:
            if db.execute("UPDATE choreographies SET title = ? WHERE id = ?", (title, choreography_id)).rowcount == 0:
                raise _no_dance(choreography_id)
        return self._require(choreography_id)

    def delete_choreography(self, choreography_id: int) -> None:
        """Delete the choreography and its sessions (rows first, then their folders and files)."""
        with self._lock:
            found = self.choreography(choreography_id)
            if found is None:
                return
            sessions = [row["id"] for row in self._query("SELECT id FROM sessions WHERE choreography_id = ?", (choreography_id,))]
            with self._write() as db:
                db.execute("DELETE FROM choreographies WHERE id = ?", (choreography_id,))  # sessions: ON DELETE CASCADE
        for session_id in sessions:
            _remove_tree(self.session_folder(session_id))
        folders = {self.choreography_folder(choreography_id)}
        library = self.root / "choreographies"
        for path in (found.video, found.thumbnail):
            if path is not None and path.resolve().parent.parent == library:
                folders.add(path.resolve().parent)  # its files in a folder of their own (e.g. mid-import)
        for folder in folders:
            _remove_tree(folder)

    # --- sessions ------------------------------------------------------------------------

    def _session(self, row: sqlite3.Row) -> SessionRecord:
        folder = self.session_folder(row["id"])
        files = SessionFolder(folder)
        replay = self._from_db(row["replay"]) if row["replay"] else files.replay
        return SessionRecord(
            id=row["id"],
            choreography_id=row["choreography_id"],
            choreography_title=row["choreography_title"],
            started_at=_time(row["started_at"]),
            ended_at=_optional_time(row["ended_at"]),
            status=row["status"],
            score=row["score"],
            grade=row["grade"],
            duration=row["duration"],
            parts={str(k): None if v is None else float(v) for k, v in json.loads(row["parts"] or "{}").items()},
            folder=folder,
            recording=_existing(files.recording),
            report=_existing(files.report),
            replay=_existing(replay),
            message=row["message"] or "",
            group=row["session_group"],
            player=row["player"],
        )

    def begin_session(self, choreography_id: int, settings: dict[str, object]) -> SessionRecord:
        """A "running" row owned by this process and its (empty) folder, written before the
        session starts."""
        owner = this_process()
        with self._write() as db:
            exists = db.execute("SELECT 1 FROM choreographies WHERE id = ?", (choreography_id,)).fetchone()
            if exists is None:
                raise _no_dance(choreography_id)
            cursor = db.execute(
                "INSERT INTO sessions (choreography_id, started_at, status, settings, owner_pid, owner_started) VALUES (?, ?, 'running', ?, ?, ?)",
                (choreography_id, _now(), json.dumps(settings, default=str), owner.pid, owner.started),
            )
            session_id = int(cursor.lastrowid or 0)
        folder = self.session_folder(session_id)
        try:
            if folder.exists() and any(folder.iterdir()):
                # Left by another database in this folder: keep it, out of this session's way.
                folder.rename(folder.with_name(f"{session_id}.old-{datetime.now():%Y%m%d-%H%M%S}"))
            private_dir(folder)
        except OSError as exc:
            with self._write() as db:
                db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
            raise InputError(translate("Database", "{path}: cannot create the session folder ({reason})").format(path=folder, reason=exc.strerror or exc)) from exc
        return self._require_session(session_id)

    def complete_session(
        self,
        session_id: int,
        *,
        status: str,
        score: float | None,
        grade: str | None,
        duration: float | None,
        parts: dict[str, float | None],
        message: str = "",
        ended_at: datetime | None = None,
    ) -> SessionRecord:
        """Finish a row; ``ended_at`` defaults to now (recovery passes the recording's time)."""
        if status not in STATUSES:
            raise ValueError(f"unknown session status {status!r}; one of {', '.join(STATUSES)}")
        with self._write() as db:
            cursor = db.execute(
                "UPDATE sessions SET status = ?, score = ?, grade = ?, duration = ?, parts = ?, message = ?, ended_at = ? WHERE id = ?",
                (
                    status,
                    None if score is None else float(score),
                    grade,
                    None if duration is None else float(duration),
                    json.dumps({str(k): None if v is None else float(v) for k, v in parts.items()}),
                    " ".join(message.split()),
                    _stamp(ended_at) if ended_at else _now(),
                    session_id,
                ),
            )
            if cursor.rowcount == 0:
                raise _no_session(session_id)
        return self._require_session(session_id)

    def set_player(self, session_id: int, group: str, player: int) -> SessionRecord:
        """Mark a row as ``player``'s entry of the session ``group`` (two players dancing at once)."""
        with self._write() as db:
            db.execute("UPDATE sessions SET session_group = ?, player = ? WHERE id = ?", (group, int(player), session_id))
        return self._require_session(session_id)

    def group_sessions(self, group: str) -> list[SessionRecord]:
        """The rows of one session danced by several players, player 1 first."""
        rows = self._query(_SESSION_SELECT + " WHERE s.session_group = ? ORDER BY s.player, s.id", (group,))
        return [self._session(row) for row in rows]

    def set_replay(self, session_id: int, replay: Path) -> None:
        with self._write() as db:
            db.execute("UPDATE sessions SET replay = ? WHERE id = ?", (self._to_db(replay), session_id))

    def session_settings(self, session_id: int) -> dict[str, Any]:
        """The settings given to ``begin_session`` (mirror, camera...), as stored."""
        rows = self._query("SELECT settings FROM sessions WHERE id = ?", (session_id,))
        return dict(json.loads(rows[0]["settings"] or "{}")) if rows else {}

    def sessions(self, choreography_id: int | None = None) -> list[SessionRecord]:
        """Newest first; all of them, or one choreography's."""
        if choreography_id is None:
            rows = self._query(_SESSION_SELECT + " ORDER BY s.started_at DESC, s.id DESC")
        else:
            rows = self._query(_SESSION_SELECT + " WHERE s.choreography_id = ? ORDER BY s.started_at DESC, s.id DESC", (choreography_id,))
        return [self._session(row) for row in rows]

    def session(self, session_id: int) -> SessionRecord | None:
        rows = self._query(_SESSION_SELECT + " WHERE s.id = ?", (session_id,))
        return self._session(rows[0]) if rows else None

    def _require_session(self, session_id: int) -> SessionRecord:
        found = self.session(session_id)
        if found is None:
            raise _no_session(session_id)
        return found

    def orphans(self) -> list[SessionRecord]:
        """Rows still "running" whose process is gone (the app died in them), oldest first. A
        live process's row is its live session. This process's rows count: the app recovers at
        launch, before any session of its own (a relaunch simulated in one process sees them)."""
        rows = self._query(_SESSION_SELECT + " WHERE s.status = 'running' ORDER BY s.started_at, s.id")
        return [self._session(row) for row in rows if not runs_elsewhere(row["owner_pid"], row["owner_started"])]

    def delete_session(self, session_id: int) -> None:
        """The row, then its folder (recording, report, replay)."""
        with self._write() as db:
            db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        _remove_tree(self.session_folder(session_id))

    def progress(self, choreography_id: int) -> list[tuple[datetime, float]]:
        """(started_at, score) of the scored sessions, oldest first: the progress chart."""
        rows = self._query(
            f"SELECT started_at, score FROM sessions WHERE choreography_id = ? AND score IS NOT NULL AND status IN {_SCORED_IN} ORDER BY started_at, id",
            (choreography_id, *SCORED),
        )
        return [(_time(row["started_at"]), float(row["score"])) for row in rows]


def _clean_title(title: str) -> str:
    cleaned = " ".join(str(title).split())
    if not cleaned:
        raise InputError(translate("Database", "a choreography needs a title"))
    return cleaned


def _existing(path: Path) -> Path | None:
    return path if path.is_file() else None


def _remove_tree(folder: Path) -> None:
    """Remove a folder after its row is gone; what cannot be removed stays (ids are never reused)."""
    if folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)


def _no_dance(choreography_id: int) -> InputError:
    return InputError(translate("Database", "choreography {id} is not in the library (deleted?)").format(id=choreography_id))


def _no_session(session_id: int) -> InputError:
    return InputError(translate("Database", "session {id} is not in the history (deleted?)").format(id=session_id))
