"""A damaged history: moved aside, its readable rows copied into a fresh database.

Why: a bad page, a truncated file or a garbled header used to lock the user out (a crash at
start-up, or a dialog whose hint did not help). The damaged file is never deleted: it is
renamed ``dancelike.db.damaged-YYYYmmdd-HHMMSS`` (with its ``-wal`` and ``-shm``), and every
row SQLite can still read is copied, one row at a time, so one bad page costs only the rows on
it. The session and choreography folders stay where they are, so salvaged rows find their files.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from dancelike.errors import InputError
from dancelike.i18n import translate

#: What is copied, parents first (a session needs its choreography).
TABLES = ("choreographies", "sessions")
#: Rowids probed past the highest one known, in case the rows past a bad page are readable.
_PROBE_PAST = 1000


def is_damaged(exc: sqlite3.Error) -> bool:
    """Whether SQLite says the file is not a database or its contents are corrupt."""
    name = getattr(exc, "sqlite_errorname", "")
    if name:
        return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite's or the system's "disk full"."""
    if isinstance(exc, OSError):
        return exc.errno == errno.ENOSPC
    name = getattr(exc, "sqlite_errorname", "")
    return name == "SQLITE_FULL" or "disk is full" in str(exc).lower()


def check(db: sqlite3.Connection) -> None:
    """Read every page (``PRAGMA quick_check``): a bad page found at start-up, not mid-session.
    Raises ``sqlite3.DatabaseError`` when anything is wrong."""
    problems = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
    if problems != ["ok"]:
        raise sqlite3.DatabaseError(f"database disk image is malformed ({'; '.join(map(str, problems[:3]))})")


def move_aside(path: Path) -> Path:
    """Rename the database (and its -wal/-shm) to a dated backup; the backup's path."""
    backup = path.with_name(f"{path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
    for suffix in ("-wal", "-shm"):  # first: a backup without its log reads as an older state
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{backup}{suffix}"))
    os.replace(path, backup)
    return backup


def rebuild(path: Path, open_fresh: Callable[[], sqlite3.Connection]) -> tuple[sqlite3.Connection, str]:
    """Move the damaged ``path`` aside, open a fresh database there (``open_fresh``) and copy
    into it every row that can be read; the connection and one sentence for the user."""
    try:
        backup = move_aside(path)
    except OSError as exc:
        raise InputError(
            translate("Database", "{path}: the database is damaged and cannot be moved aside ({reason})").format(path=path, reason=exc.strerror or exc)
        ) from exc
    fresh = open_fresh()
    kept, lost = copy_rows(backup, fresh)
    if lost:
        text = translate(
            "Database", "Your history was damaged: {kept} entries were saved into a fresh one ({lost} could not be read), and the damaged file was kept as {backup}."
        )
    else:
        text = translate("Database", "Your history was damaged: {kept} entries were saved into a fresh one, and the damaged file was kept as {backup}.")
    return fresh, text.format(kept=kept, lost=lost, backup=backup.name)


def copy_rows(backup: Path, fresh: sqlite3.Connection) -> tuple[int, int]:
    """Copy every readable row of ``backup`` into ``fresh`` (same schema or older); returns
    (rows kept, rows lost that the backup's own counts say existed)."""
    try:
        damaged = sqlite3.connect(str(backup))  # read and write: a read-only WAL database needs its -shm
    except sqlite3.Error:
        return 0, 0
    kept = lost = 0
    try:
        for table in TABLES:
            columns = [row[1] for row in fresh.execute(f"PRAGMA table_info({table})")]
            rows, highest = _readable_rows(damaged, table)
            for row in rows:
                values = {k: row[k] for k in row.keys() if k in columns}
                try:
                    with fresh:
                        fresh.execute(
                            f"INSERT OR IGNORE INTO {table} ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                            tuple(values.values()),
                        )
                    kept += 1
                except sqlite3.Error:
                    lost += 1  # e.g. a session whose choreography was on a bad page
            if highest:  # ids are never reused, not even those of rows that were lost
                with fresh:
                    fresh.execute("UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?", (highest, table))
                    fresh.execute(
                        "INSERT INTO sqlite_sequence (name, seq) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)", (table, highest, table)
                    )
    finally:
        damaged.close()
    return kept, lost


def _readable_rows(db: sqlite3.Connection, table: str) -> tuple[list[sqlite3.Row], int]:
    """The rows of ``table`` SQLite can read, and the highest id it ever gave (0 if unknown):
    a plain scan first, then row by row up to past the highest id known."""
    db.row_factory = sqlite3.Row
    rows: dict[int, sqlite3.Row] = {}
    try:
        for row in db.execute(f"SELECT rowid AS _rowid_, * FROM {table}"):
            rows[row["_rowid_"]] = row
        return list(rows.values()), _sequence(db, table)
    except sqlite3.Error:
        pass  # a bad page: what was read so far is kept, the rest is probed one id at a time
    highest = max([_sequence(db, table), *rows])
    rowid = last = 1
    while rowid <= max(highest, last + _PROBE_PAST):
        if rowid not in rows:
            try:
                found = db.execute(f"SELECT rowid AS _rowid_, * FROM {table} WHERE rowid = ?", (rowid,)).fetchone()
            except sqlite3.Error:
                found = None
            if found is not None:
                rows[rowid] = found
        if rowid in rows:
            last = rowid
        rowid += 1
    return [rows[k] for k in sorted(rows)], max(highest, *rows) if rows else highest


def _sequence(db: sqlite3.Connection, table: str) -> int:
    try:
        found = db.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
    except sqlite3.Error:
        return 0
    return int(found[0]) if found and found[0] is not None else 0
