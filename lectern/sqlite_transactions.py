"""How Lectern uses SQLite so that a whole class writing at once queues instead of failing.

SQLite allows one writer at a time. A transaction that reads first and writes later (the usual
"check, then save") cannot wait for that writer: SQLite refuses it at once with "database is
locked", whatever the busy timeout, because its snapshot would be stale by the time it got the
lock. So Lectern never lets that happen:

- reads run outside any transaction, each statement seeing the latest commit (what PostgreSQL's
  default, READ COMMITTED, gives each statement too, so the code is written for that already:
  every check that guards a write is repeated inside the write, as a conditional UPDATE or a
  unique constraint);
- the first write of a unit of work opens it with BEGIN IMMEDIATE, which takes the write lock up
  front and so does wait its turn (the busy timeout), and holds it only from that write to the
  commit, not while the page validated its form or read what it needed.

WAL lets those reads go on while someone writes. synchronous=NORMAL is SQLite's recommended
setting with WAL: the database can never be corrupted, and a commit survives Lectern or the
machine's programs crashing; only a power cut can undo the last moments' commits. (FULL would
wait for the disk on every commit, about 2.3 ms here, while holding the one write lock: 300
submits would queue for 0.7 s on that alone.) Set LECTERN_SQLITE_SYNCHRONOUS=FULL to trade that
speed for durability across power cuts, or use PostgreSQL (docs/deploy.md).
"""

from __future__ import annotations

import os
import re
import sqlite3
from typing import Any

from sqlalchemy import Engine, event

BUSY_TIMEOUT_MS = 15_000  # a write waits this long for the lock before failing; a burst needs well under 1 s

# Statements that change the database (or open a savepoint, which needs the transaction first).
_WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|SAVEPOINT)\b", re.IGNORECASE)


def use_immediate_writes(engine: Engine) -> None:
    """Set the pragmas on every new connection, and begin transactions at the first write, IMMEDIATE."""
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "before_cursor_execute", _before_cursor_execute)


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling would BEGIN (deferred) before a write by itself.
    # Its legacy mode with no isolation level leaves BEGIN to us and still commits what we
    # begin (Python 3.12's autocommit=True would make commit() do nothing).
    if hasattr(sqlite3, "LEGACY_TRANSACTION_CONTROL"):
        dbapi_connection.autocommit = sqlite3.LEGACY_TRANSACTION_CONTROL
    dbapi_connection.isolation_level = None
    synchronous = "FULL" if os.environ.get("LECTERN_SQLITE_SYNCHRONOUS", "").upper() == "FULL" else "NORMAL"
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA synchronous={synchronous}")
    cursor.close()


def _before_cursor_execute(_conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
    if not cursor.connection.in_transaction and _WRITES.match(statement):
        cursor.execute("BEGIN IMMEDIATE")
