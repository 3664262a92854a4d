"""Lectern under gunicorn, as `make run` serves it (gunicorn.conf.py), for tests that need real
worker processes: shared rate limits, and bench/burst.py."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import REPO

# Each access-log line starts with the answering worker's process id, so a test can prove that
# more than one process answered.
ACCESS_LOG_FORMAT = '%(p)s "%(r)s" %(s)s'


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_answering(url: str, server: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    give_up = time.monotonic() + seconds
    while time.monotonic() < give_up:
        assert server.poll() is None, f"gunicorn exited:\n{log.read_text()[-2000:]}"
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:  # refused while the workers start
            time.sleep(0.2)
    pytest.fail(f"{url} did not answer within {seconds:.0f} s:\n{log.read_text()[-2000:]}")


@contextmanager
def gunicorn(env: dict[str, str], log: Path, workers: int = 2, ready_path: str = "/",
             options: tuple[str, ...] = (), own_process_group: bool = False) -> Iterator[str]:
    """Serve the app with `workers` processes, the given environment and extra gunicorn options;
    yields the base URL.

    The access log (one line per request, starting with the worker's pid) goes to `log`.
    own_process_group: the master starts a process group of its own (its id is the master's pid;
    pass `--pid FILE` in options to learn it), so a test can kill the master and its workers at
    once with os.killpg without signalling pytest's group.
    """
    env = {**os.environ, "FLASK_APP": "app.py", "SECRET_KEY": "test-secret", **env,
           "WEB_CONCURRENCY": str(workers), "PORT": str(free_port())}
    with open(log, "w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--access-logformat", ACCESS_LOG_FORMAT,
             *options, "app:app"], cwd=REPO, env=env, stdout=output, stderr=subprocess.STDOUT,
            process_group=0 if own_process_group else None)
    try:
        base = f"http://127.0.0.1:{env['PORT']}"
        _wait_until_answering(base + ready_path, process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def migrated_database(tmp_path: Path, name: str) -> tuple[Path, dict[str, str]]:
    """A scratch SQLite file, migrated and with the repository's banks loaded as `make run` does;
    (its path, the server's environment)."""
    from lectern.rate_limit_store import default_uri

    database = tmp_path / name
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "FLASK_APP": "app.py",
           "SECRET_KEY": "test-secret", "RATELIMIT_STORAGE_URI": default_uri(tmp_path)}
    for command in (["db", "upgrade"], ["banks", "load", "quizzes/"]):
        subprocess.run([sys.executable, "-m", "flask", *command], cwd=REPO, env=env, check=True,
                       capture_output=True, timeout=60)
    return database, env


def answering_workers(log: Path, request_line: str) -> set[str]:
    """The process ids that answered requests whose request line starts with `request_line`."""
    return {line.split(" ", 1)[0] for line in log.read_text().splitlines() if f'"{request_line}' in line}
