"""Rate-limit counters every worker process on the machine shares, with no server to run.

`make run` serves with one process per core, and a limit kept in each process's memory would let
the sixth wrong password through whenever another process answered. So by default the counters
live in a small SQLite file next to the database (instance/rate_limits.sqlite3), registered with
the `limits` library (what Flask-Limiter counts with) as the storage scheme `lectern+sqlite://`.

It is a separate file, not a table of the app's database, so that counting a failed sign-in never
waits on the app's own write lock, and so it works the same whatever DATABASE_URL says. It holds
nothing but counters: deleting it only forgets recent failures. Several machines need a store they
all reach: set RATELIMIT_STORAGE_URI=redis://… (docs/deploy.md).

Only the fixed-window strategy is supported (Flask-Limiter's default, and what Lectern uses).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, ClassVar

from limits.storage import Storage

SCHEME = "lectern+sqlite"
PURGE_EVERY = 200  # counts between sweeps of expired windows, which keep the file small

_SCHEMA = """CREATE TABLE IF NOT EXISTS counter (
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    expires_at REAL NOT NULL
)"""

# One statement, so two processes counting at once cannot both start the window: a window that
# has run out starts again at `amount`, otherwise the count grows.
_INCREMENT = """INSERT INTO counter (key, count, expires_at) VALUES (:key, :amount, :expires_at)
ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN counter.expires_at <= :now THEN excluded.count ELSE counter.count + excluded.count END,
    expires_at = CASE WHEN counter.expires_at <= :now THEN excluded.expires_at ELSE counter.expires_at END
RETURNING count"""


class SQLiteCounterStorage(Storage):
    """Fixed-window counters in a SQLite file: lectern+sqlite:///absolute/path/to/file.sqlite3."""

    STORAGE_SCHEME: ClassVar[list[str]] = [SCHEME]

    def __init__(self, uri: str, wrap_exceptions: bool = False, **options: Any) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.path = Path(uri.removeprefix(f"{SCHEME}://"))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._counted = 0
        self._connection().execute(_SCHEMA)

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection (sqlite3 connections are not shared between threads)."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            # Autocommit: every statement here is a whole transaction of its own.
            connection = sqlite3.connect(self.path, isolation_level=None, timeout=15)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            self._local.connection = connection
        return connection

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        count = self._connection().execute(
            _INCREMENT, {"key": key, "amount": amount, "expires_at": now + expiry, "now": now}).fetchone()[0]
        self._counted += 1
        if self._counted % PURGE_EVERY == 0:
            self._connection().execute("DELETE FROM counter WHERE expires_at <= ?", (now,))
        return int(count)

    def get(self, key: str) -> int:
        row = self._connection().execute(
            "SELECT count FROM counter WHERE key = ? AND expires_at > ?", (key, time.time())).fetchone()
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._connection().execute(
            "SELECT expires_at FROM counter WHERE key = ? AND expires_at > ?", (key, time.time())).fetchone()
        return float(row[0]) if row else time.time()

    def check(self) -> bool:
        try:
            self._connection().execute("SELECT 1")
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        return self._connection().execute("DELETE FROM counter").rowcount

    def clear(self, key: str) -> None:
        self._connection().execute("DELETE FROM counter WHERE key = ?", (key,))


def default_uri(instance_path: Path) -> str:
    return f"{SCHEME}://{instance_path / 'rate_limits.sqlite3'}"
