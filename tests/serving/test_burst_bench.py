"""bench/burst.py against a real gunicorn server: a small class gets through, every submit is stored
and scored, and the bench leaves no fake students behind."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest

from tests.conftest import REPO
from tests.live_server import gunicorn, migrated_database


@pytest.fixture
def server(tmp_path):
    """Lectern under gunicorn as `make run` serves it (two workers), on a scratch SQLite database
    with the repository's banks loaded; yields (base URL, environment, database file)."""
    database, env = migrated_database(tmp_path, "burst.sqlite3")
    with gunicorn(env, tmp_path / "gunicorn.log") as base:
        yield base, env, database


def test_a_class_of_six_submits_and_is_cleaned_up(server):
    base, env, database = server
    result = subprocess.run([sys.executable, "bench/burst.py", "6", "--url", base, "--no-floor"],
                            check=False, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "stored and scored: 6 of 6 acknowledged submits" in result.stdout
    assert "errors: none" in result.stdout
    with closing(sqlite3.connect(database)) as connection:
        left = connection.execute("SELECT count(*) FROM student WHERE display_name LIKE 'Burst %'").fetchone()[0]
        attempts = connection.execute("SELECT count(*) FROM attempt").fetchone()[0]
    assert (left, attempts) == (0, 0)
