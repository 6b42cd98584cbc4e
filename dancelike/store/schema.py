"""The history database's schema, as the list of migrations that builds it.

``MIGRATIONS[k]`` takes a database at ``PRAGMA user_version`` k to k + 1 (``db.Store`` runs
them in one transaction at open). Append a function for each change; never edit one that
shipped: a user's database may be at any version.

Migrations that add columns go through ``add_column``, which adds a column only when it is
not there yet, so a migration run on a database that already has its columns changes nothing
(v3: the choreographies' chosen dancer; v4: the sessions' players).
Values always travel as ``?`` placeholders; only the table and column names this module writes
are part of the SQL text (SQLite takes no placeholder for a name).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def _v1_initial(db: sqlite3.Connection) -> None:
    """Version 1: choreographies and sessions (per-part scores and settings as JSON)."""
    db.execute(
        """CREATE TABLE choreographies (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL,
            video TEXT NOT NULL,
            duration REAL NOT NULL,
            fps REAL NOT NULL,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            thumbnail TEXT,
            added_at TEXT NOT NULL,
            analysed INTEGER NOT NULL DEFAULT 0,
            is_demo INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute(
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            choreography_id INTEGER NOT NULL REFERENCES choreographies(id) ON DELETE CASCADE,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            status TEXT NOT NULL,
            score REAL,
            grade TEXT,
            duration REAL,
            parts TEXT NOT NULL DEFAULT '{}',
            settings TEXT NOT NULL DEFAULT '{}',
            replay TEXT,
            message TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX sessions_by_choreography ON sessions(choreography_id, started_at)")
    db.execute("CREATE INDEX sessions_by_status ON sessions(status)")


def _v2_session_owner(db: sqlite3.Connection) -> None:
    """Version 2: the process running a session (pid, start time), so recovery leaves a session
    another live DanceLike is running alone. Older rows have none: their owner is gone."""
    db.execute("ALTER TABLE sessions ADD COLUMN owner_pid INTEGER")
    db.execute("ALTER TABLE sessions ADD COLUMN owner_started REAL")


def add_column(db: sqlite3.Connection, table: str, column: str, declaration: str) -> None:
    """``ALTER TABLE table ADD COLUMN column declaration`` unless the column is there already."""
    if not (table.isidentifier() and column.isidentifier()):
        raise ValueError(f"not a plain SQL name: {table!r}.{column!r}")
    if column not in {row[1] for row in db.execute(f"PRAGMA table_info({table})")}:
        db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")


def _v3_choreography_dancer(db: sqlite3.Connection) -> None:
    """Version 3: which dancer of a group video the learner follows (``dancer``: their number,
    NULL = the automatic choice) and how many dancers its analysis found (``dancers``; NULL =
    not known: imported before dancers were counted)."""
    add_column(db, "choreographies", "dancer", "INTEGER")
    add_column(db, "choreographies", "dancers", "INTEGER")


def _v4_session_players(db: sqlite3.Connection) -> None:
    """Version 4: two players dancing at once are two history entries of one session: the same
    ``session_group`` (a name shared by their rows; NULL for one player) and their ``player``
    number (1, 2; NULL for one player)."""
    add_column(db, "sessions", "session_group", "TEXT")
    add_column(db, "sessions", "player", "INTEGER")
    db.execute("CREATE INDEX IF NOT EXISTS sessions_by_group ON sessions(session_group)")


#: ``MIGRATIONS[k]`` upgrades a database at ``user_version`` k to k + 1. Append, never edit.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1_initial, _v2_session_owner, _v3_choreography_dancer, _v4_session_players]
