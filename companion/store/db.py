"""Opening the outreach database: a 0600 file, WAL with synchronous=FULL (an acknowledged `sent`
survives a power loss), secure_delete, and a damaged file renamed aside, never deleted (why:
docs/privacy.md, "Durability" and "Erasing really erases").

The schema is versioned with PRAGMA user_version; MIGRATIONS[i] takes version i to i+1 inside one
transaction. A file from a newer Tactful (a higher version) is refused, never rewritten.
"""

import logging
import os
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import get_args

from companion.paths import ensure_private_dir
from protocol.outreach import ReferralState

log = logging.getLogger(__name__)

DB_NAME = "outreach.sqlite3"
STATES = get_args(ReferralState)

MIGRATIONS: list[str] = [
    # 0 -> 1: the first schema.
    f"""
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE recipients (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        url TEXT,
        name TEXT,
        company TEXT,
        state TEXT NOT NULL DEFAULT 'asked' CHECK (state IN {STATES!r}),
        state_at INTEGER,              -- ms since the epoch, UTC: when the state last changed
        notes TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        recipient_id INTEGER NOT NULL REFERENCES recipients(id) ON DELETE CASCADE,
        surface TEXT NOT NULL,
        sent_at INTEGER NOT NULL,      -- ms since the epoch, UTC
        follow_up INTEGER NOT NULL DEFAULT 0,
        fingerprint BLOB NOT NULL,     -- companion.store.fingerprint.pack()
        text_enc BLOB,                 -- AES-GCM, only with history-text on
        -- A resent `sent` (same person, same moment, same surface) is the same message: this
        -- makes the command idempotent, so a retry after a lost acknowledgement never doubles it.
        UNIQUE (recipient_id, sent_at, surface)
    );
    CREATE INDEX messages_by_time ON messages(sent_at);
    CREATE TABLE replies (
        recipient_id INTEGER NOT NULL REFERENCES recipients(id) ON DELETE CASCADE,
        seen_at INTEGER NOT NULL,      -- the reply's own time, as the thread shows it
        PRIMARY KEY (recipient_id, seen_at)
    );
    """,
    # 1 -> 2: the recipient's role (their current title on the profile), for `tactful history`.
    "ALTER TABLE recipients ADD COLUMN role TEXT",
    # 2 -> 3: the tray's reminder about what is due for a person (companion.tray.reminders): which
    # item (companion.coach.due: kind and since) it is about and what the user did with it.
    """CREATE TABLE reminders (
        recipient_id INTEGER PRIMARY KEY REFERENCES recipients(id) ON DELETE CASCADE,
        kind TEXT NOT NULL, since INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('notified', 'snoozed', 'dismissed')),
        until INTEGER                  -- snoozed: remind again from then
    )""",
]
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The log cannot be opened or used; the message is safe to show the user."""


def _create_private(path: Path) -> None:
    """Create the file 0600 before SQLite opens it: SQLite gives its -wal and -shm files the same mode."""
    ensure_private_dir(path.parent)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)  # an existing file too


def _configure(conn: sqlite3.Connection) -> None:
    mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise sqlite3.DatabaseError(f"cannot use WAL (got {mode})")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute("PRAGMA busy_timeout=5000")


@contextmanager
def transaction(conn: sqlite3.Connection):
    """One explicit transaction: committed when the block ends, rolled back when it raises."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema to SCHEMA_VERSION."""
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise StoreError(f"the outreach log was written by a newer Tactful (schema {found}, this one "
                         f"knows {SCHEMA_VERSION}); upgrade Tactful to open it")
    for version in range(found, SCHEMA_VERSION):
        with transaction(conn):
            for statement in MIGRATIONS[version].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version={version + 1}")


def _set_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    kept = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
    n = 1
    while kept.exists():
        kept = path.with_name(f"{path.stem}.corrupt-{stamp}-{n}{path.suffix}")
        n += 1
    os.replace(path, kept)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, kept.with_name(kept.name + suffix))
    return kept


def open_db(path: Path) -> tuple[sqlite3.Connection, str | None]:
    """Open (creating, migrating or replacing a damaged file as needed) the log at `path`.

    Returns the connection (autocommit mode: transactions are explicit) and a notice for the user
    when a damaged file was set aside, else None.
    """
    notice = None
    _create_private(path)
    for attempt in (1, 2):
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=5)
        try:
            _configure(conn)
            if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                raise sqlite3.DatabaseError("quick_check failed")
            migrate(conn)
            return conn, notice
        except StoreError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            if attempt == 2:
                raise StoreError(f"cannot open a fresh outreach log at {path}: {exc}") from exc
            kept = _set_aside(path)
            log.warning("outreach log at %s was damaged (%s); kept as %s, starting a new one",
                        path, type(exc).__name__, kept)
            notice = (f"The outreach log was damaged and could not be read. It was kept as {kept} "
                      f"and a new, empty log was started.")
            _create_private(path)
    raise AssertionError("unreachable")
