"""The floor for bench/burst.py: the least a request can cost here under the same gunicorn settings.

A Flask app with two routes and nothing else: GET /page returns a tiny HTML page, POST /insert
stores one row in one transaction. Lectern's own steps are compared with these, so the bench
shows how much of a burst's wait is the app and how much the machine, gunicorn and the database.

The row goes to a scratch SQLite file with Lectern's pragmas (WAL, busy_timeout=5000) and
BEGIN IMMEDIATE, or, when Lectern runs on PostgreSQL, to the table bench_floor_row in that
database, dropped again afterwards. `serving()` starts and stops it; burst.py uses that.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask, request
from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    event,
    func,
)

ROOT = Path(__file__).resolve().parent.parent
URL_VARIABLE = "FLOOR_DATABASE_URL"  # how serving() tells the workers which database to write to
PAGE = "<!doctype html><title>Floor</title><p>The least a page can cost.</p>"

ROWS = Table(
    "bench_floor_row", MetaData(),
    Column("id", Integer, primary_key=True),
    Column("note", String(100)),
    Column("created_at", DateTime, server_default=func.now()),
)


def create_app() -> Flask:
    """The floor app, writing to the database named by FLOOR_DATABASE_URL (gunicorn: 'floor_app:create_app()')."""
    engine = engine_for(os.environ[URL_VARIABLE])
    app = Flask(__name__)

    @app.get("/page")
    def page() -> str:
        return PAGE

    @app.post("/insert")
    def insert() -> str:
        with engine.begin() as connection:
            connection.execute(ROWS.insert().values(note=request.form.get("note", "")[:100]))
        return "stored"

    return app


def engine_for(url: str) -> Engine:
    """An engine that writes the way Lectern does: on SQLite with its pragmas and a write lock taken up front."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        # Taking the write lock at BEGIN means a waiting writer queues on busy_timeout instead
        # of failing at once when its deferred read lock cannot be upgraded.
        event.listen(engine, "begin", lambda connection: connection.exec_driver_sql("BEGIN IMMEDIATE"))
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite would send its own deferred BEGIN; with isolation_level None the "begin" event sends ours.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def free_port() -> int:
    """A port nothing listens on now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(database_url: str | None = None) -> Iterator[str]:
    """Run the floor app under gunicorn with Lectern's gunicorn.conf.py on a free port; yield its base URL.

    database_url: a PostgreSQL URL to write there, or None for a scratch SQLite file. The table
    is created here, before the workers start, so they never race to create it, and dropped at the end.
    """
    with tempfile.TemporaryDirectory(prefix="lectern-floor-") as scratch:
        url = database_url or f"sqlite:///{scratch}/floor.sqlite3"
        engine = engine_for(url)
        ROWS.create(engine, checkfirst=True)
        port = free_port()
        log_path = Path(scratch) / "gunicorn.log"
        with open(log_path, "w") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--pythonpath", "bench",
                 "floor_app:create_app()"],
                cwd=ROOT, env={**os.environ, "PORT": str(port), URL_VARIABLE: url},
                stdout=log, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_answering(f"{base}/page", server, log_path)
            yield base
        finally:
            stop(server)
            ROWS.drop(engine, checkfirst=True)
            engine.dispose()


def wait_until_answering(url: str, server: subprocess.Popen, log_path: Path, seconds: float = 30) -> None:
    """Poll url until it answers 200; fail with the server's log if it exits or stays silent."""
    give_up = time.monotonic() + seconds
    while time.monotonic() < give_up:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited ({server.returncode}):\n{log_path.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:  # refused while it starts, or a timeout
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds:.0f} s:\n{log_path.read_text()[-2000:]}")


def stop(server: subprocess.Popen) -> None:
    """SIGTERM (gunicorn finishes its requests), then SIGKILL if it hangs."""
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
